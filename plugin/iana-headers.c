/* iana-headers.c - find every transport header of a dissected packet.
 *
 * pinfo->ptype and its ports describe only the last transport header
 * dissected. The others (a tunnel's outer UDP, the UDP header an ICMP error
 * quotes) are found in the frame's layers: pinfo->layers lists the protocol
 * of every layer, outermost first, and TCP and UDP file each header's ports
 * under its layer number (what "Decode As" reads back). Neither needs a
 * protocol tree, so every output mode, and a run with no tree at all, sees
 * the same headers on every Wireshark version; newer versions fake the
 * protocol items of a tree nobody will see, so the tree cannot be relied on.
 * SCTP and DCCP file nothing per layer: only the last header of those is
 * known, from pinfo.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#define WS_LOG_DOMAIN "iana"

#include <wireshark.h>
#include <epan/packet.h>
#include <epan/proto_data.h>

#include "iana-compat.h"
#include "iana-headers.h"

/* Protocol ids of the transports, by iana_transport_t, and the ids of the
 * fields (tcp.srcport, ...) under which TCP and UDP file their ports per
 * layer; set once at handoff. */
static int transport_proto[IANA_TRANSPORTS] = { -1, -1, -1, -1 };
static int srcport_field[IANA_TRANSPORTS] = { -1, -1, -1, -1 };
static int dstport_field[IANA_TRANSPORTS] = { -1, -1, -1, -1 };
/* Protocol ids of the ICMP and ICMPv6 errors that quote headers; likewise. */
static int proto_icmp = -1;
static int proto_icmpv6 = -1;
/* Protocol ids of IPv4 and IPv6, to tell whether pinfo's addresses are a
 * header's own; likewise. */
static int proto_ip = -1;
static int proto_ipv6 = -1;

void iana_headers_init(void)
{
    char field[16];

    for (unsigned t = 0; t < IANA_TRANSPORTS; t++) {
        const char *name = iana_transport_name((iana_transport_t)t);

        transport_proto[t] = proto_get_id_by_filter_name(name);
        snprintf(field, sizeof field, "%s.srcport", name);
        srcport_field[t] = proto_registrar_get_id_byname(field);
        snprintf(field, sizeof field, "%s.dstport", name);
        dstport_field[t] = proto_registrar_get_id_byname(field);
    }
    proto_icmp = proto_get_id_by_filter_name("icmp");
    proto_icmpv6 = proto_get_id_by_filter_name("icmpv6");
    proto_ip = proto_get_id_by_filter_name("ip");
    proto_ipv6 = proto_get_id_by_filter_name("ipv6");
}

static inline int transport_of(int proto)
{
    return proto == transport_proto[IANA_TCP] ? IANA_TCP : proto == transport_proto[IANA_UDP] ? IANA_UDP :
           proto == transport_proto[IANA_SCTP] ? IANA_SCTP : proto == transport_proto[IANA_DCCP] ? IANA_DCCP : -1;
}

gboolean iana_headers_is_transport(int proto)
{
    return transport_of(proto) >= 0;
}

static void add_header(iana_headers_t *out, iana_transport_t transport, guint16 src_port, guint16 dst_port,
                       gboolean quoted, unsigned number, gboolean has_payload)
{
    iana_header_t *h;

    if (out->count == IANA_MAX_HEADERS)
        return;
    h = &out->header[out->count++];
    h->transport = transport;
    h->src_port = src_port;
    h->dst_port = dst_port;
    h->quoted = quoted;
    h->number = number;
    h->has_payload = has_payload;
    h->current = FALSE;
    h->sole = FALSE;
    h->tvb = NULL;
    h->start = 0;
    h->payload = 0;
}

/* The ports a transport filed for its layer (what "Decode As" reads back).
 * A layer's number is its place in pinfo->layers only until a dissector
 * that refused the data leaves the list without giving its number back
 * (4.4 and 4.6, with a tree, when HTTP refuses the TLS of an sFlow sample):
 * then the number lies up to drift places further. *key is the number after
 * the previous header's, as numbers only grow along the list. */
static gboolean filed_ports(packet_info *pinfo, iana_transport_t transport, guint32 layer, guint32 drift,
                            guint32 *key, guint16 *src, guint16 *dst)
{
    for (guint32 k = MAX(layer, *key); srcport_field[transport] >= 0 && k <= layer + drift; k++) {
        gpointer s = p_get_proto_data(pinfo->pool, pinfo, srcport_field[transport], k);
        gpointer d = p_get_proto_data(pinfo->pool, pinfo, dstport_field[transport], k);

        if (s != NULL || d != NULL) {
            *src = (guint16)GPOINTER_TO_UINT(s);
            *dst = (guint16)GPOINTER_TO_UINT(d);
            *key = k + 1;
            return TRUE;
        }
    }
    return FALSE;
}

/* The IP protocol number of a transport. */
static const guint8 ip_protocols[IANA_TRANSPORTS] = { 6, 17, 132, 33 };

/* Whether the bytes before offset at end in an IP header (IPv4 with its
 * options, or IPv6 without extension headers) that carries protocol; sets
 * its addresses when out is not NULL. */
static gboolean ip_header_before(const guint8 *bytes, guint at, guint8 protocol, iana_addresses_t *out)
{
    for (guint words = 5; words <= 15 && 4 * words <= at; words++) {
        const guint8 *ip = bytes + at - 4 * words;

        if (ip[0] == (0x40 | words) && ip[9] == protocol) {
            if (out != NULL) {
                set_address(&out->src, AT_IPv4, 4, ip + 12);
                set_address(&out->dst, AT_IPv4, 4, ip + 16);
            }
            return TRUE;
        }
    }
    if (at >= 40 && (bytes[at - 40] >> 4) == 6 && bytes[at - 40 + 6] == protocol) {
        if (out != NULL) {
            set_address(&out->src, AT_IPv6, 16, bytes + at - 32);
            set_address(&out->dst, AT_IPv6, 16, bytes + at - 16);
        }
        return TRUE;
    }
    return FALSE;
}

/* Whether the header of transport with ports src and dst stands in the
 * frame right behind an IP header that carries it, with at least need
 * bytes of it captured; sets that IP header's addresses when out is not
 * NULL. */
static gboolean behind_ip(packet_info *pinfo, iana_transport_t transport, guint16 src, guint16 dst, guint need,
                          iana_addresses_t *out)
{
    const guint8 pair[4] = { (guint8)(src >> 8), (guint8)src, (guint8)(dst >> 8), (guint8)dst };

    for (GSList *source = pinfo->data_src; source != NULL; source = source->next) {
        tvbuff_t *tvb = get_data_source_tvb((struct data_source *)source->data);
        guint length = tvb_captured_length(tvb);
        const guint8 *bytes = length >= 4 ? tvb_get_ptr(tvb, 0, length) : NULL;

        for (guint at = 0; bytes != NULL && at + 4 <= length; at++) {
            const guint8 *p = ws_memmem(bytes + at, length - at, pair, sizeof pair);

            if (p == NULL)
                break;
            at = (guint)(p - bytes);
            if (at + need <= length && ip_header_before(bytes, at, ip_protocols[transport], out))
                return TRUE;
        }
    }
    return FALSE;
}

/* Where the transport filed nothing for its layer: DCCP files nothing, and
 * the others file a pair of ports 0 as nothing (when they file nothing
 * else, they stopped before the ports, and pinfo holds an outer header's).
 * pinfo's ports then, but only when pinfo names this transport, the pair
 * is DCCP's or 0 -> 0, and it stands in the frame right behind an IP
 * header that carries it. Then they are this header's own, whichever
 * dissector wrote pinfo last; else the header is left out. */
static gboolean checked_pinfo_ports(packet_info *pinfo, iana_transport_t transport, guint16 *src, guint16 *dst)
{
    static const port_type types[IANA_TRANSPORTS] = { PT_TCP, PT_UDP, PT_SCTP, PT_DCCP };

    if (pinfo->ptype != types[transport] || pinfo->srcport > G_MAXUINT16 || pinfo->destport > G_MAXUINT16 ||
        (transport != IANA_DCCP && (pinfo->srcport != 0 || pinfo->destport != 0)) ||
        !behind_ip(pinfo, transport, (guint16)pinfo->srcport, (guint16)pinfo->destport, 4, NULL))
        return FALSE;
    *src = (guint16)pinfo->srcport;
    *dst = (guint16)pinfo->destport;
    return TRUE;
}

/* The 12 bytes of SCTP's common header, without which SCTP files the ports
 * but shows no header (an ICMP error quotes 8 bytes). */
#define SCTP_COMMON_HEADER 12

/* A header's ports, when it is one Wireshark shows. */
static gboolean header_ports(packet_info *pinfo, iana_transport_t transport, guint32 layer, guint32 drift,
                             guint32 *key, gboolean last, guint16 *src, guint16 *dst)
{
    if (!filed_ports(pinfo, transport, layer, drift, key, src, dst) &&
        !(last && checked_pinfo_ports(pinfo, transport, src, dst)))
        return FALSE;
    return transport != IANA_SCTP || behind_ip(pinfo, transport, *src, *dst, SCTP_COMMON_HEADER, NULL);
}

/* Whether a dissector took the bytes after the layer at f: another layer
 * follows it, other than this postdissector's own, the list's last. */
static inline gboolean followed_by_payload(wmem_list_frame_t *f)
{
    wmem_list_frame_t *next = wmem_list_frame_next(f);

    return next != NULL && wmem_list_frame_next(next) != NULL;
}

/* The end of the packet's data source that holds n bytes at p, or NULL. */
static const guint8 *data_source_end(packet_info *pinfo, const guint8 *p, guint n)
{
    for (GSList *source = pinfo->data_src; source != NULL; source = source->next) {
        tvbuff_t *tvb = get_data_source_tvb((struct data_source *)source->data);
        guint length = tvb_captured_length(tvb);
        const guint8 *bytes = length > 0 ? tvb_get_ptr(tvb, 0, length) : NULL;

        if (bytes != NULL && p >= bytes && p < bytes + length && n <= (guint)(bytes + length - p))
            return bytes + length;
    }
    return NULL;
}

/* Whether the last IP header's TCP segment carries payload bytes that no
 * dissector took (a PDU being reassembled), from the IP header that pinfo's
 * network source address points into: its length, less its own and TCP's
 * header lengths. TRUE when that cannot be told. */
static gboolean tcp_payload_untaken(packet_info *pinfo)
{
    const guint8 *ip, *end;
    guint header, total;

    if (pinfo->net_src.type == AT_IPv4 && pinfo->net_src.len == 4) {
        ip = (const guint8 *)pinfo->net_src.data - 12;
        end = data_source_end(pinfo, ip, 20);
        if (end == NULL || ip[0] >> 4 != 4 || ip[9] != 6)
            return TRUE;
        header = 4u * (ip[0] & 0x0f);
        total = (guint)ip[2] << 8 | ip[3];
    } else if (pinfo->net_src.type == AT_IPv6 && pinfo->net_src.len == 16) {
        ip = (const guint8 *)pinfo->net_src.data - 8;
        end = data_source_end(pinfo, ip, 40);
        if (end == NULL || ip[0] >> 4 != 6 || ip[6] != 6)
            return TRUE;
        header = 40;
        total = 40 + ((guint)ip[4] << 8 | ip[5]);
    } else {
        return TRUE;
    }
    /* TCP's data offset, in the same data source. */
    if ((guint)(end - ip) < header + 13)
        return TRUE;
    return total > header + 4u * (ip[header + 12] >> 4);
}

/* Whether the transport header of the layer at f carries a payload: a
 * dissector took it, or (the last header, TCP) its segment has bytes no
 * dissector took yet. An empty UDP datagram, a SYN, an ACK carry none. */
static gboolean carries_payload(wmem_list_frame_t *f, int transport, gboolean last, packet_info *pinfo)
{
    if (followed_by_payload(f))
        return TRUE;
    if (transport == IANA_UDP)
        return FALSE;
    return transport != IANA_TCP || !last || tcp_payload_untaken(pinfo);
}

/* The transport layers of the list, from one walk along it. */
#define MAX_TRANSPORT_LAYERS 16

typedef struct {
    wmem_list_frame_t *frame;
    guint32 position;       /* its place in the list, 1 the first */
    int transport;
    gboolean quoted;        /* after an ICMP or ICMPv6 layer */
} transport_layer_t;

typedef struct {
    transport_layer_t layer[MAX_TRANSPORT_LAYERS];
    unsigned count;         /* kept in layer[]: past the last slot, the last one found replaces it */
    unsigned transports;    /* transport layers in the list */
    guint32 length;         /* layers in the list */
    gboolean any_icmp;
    gboolean ip_after;      /* an IP layer after the last transport layer */
} layer_walk_t;

static void walk_layers(packet_info *pinfo, layer_walk_t *w)
{
    /* Copies the compiler keeps in registers across the list's calls. */
    const int tcp = transport_proto[IANA_TCP], udp = transport_proto[IANA_UDP];
    const int sctp = transport_proto[IANA_SCTP], dccp = transport_proto[IANA_DCCP];
    const int icmp = proto_icmp, icmpv6 = proto_icmpv6, ip = proto_ip, ipv6 = proto_ipv6;
    gboolean in_icmp = FALSE;

    w->count = w->transports = w->length = 0;
    w->ip_after = FALSE;
    for (wmem_list_frame_t *f = wmem_list_head(pinfo->layers); f; f = wmem_list_frame_next(f)) {
        int id = GPOINTER_TO_INT(wmem_list_frame_data(f));
        int transport = id == tcp ? IANA_TCP : id == udp ? IANA_UDP : id == sctp ? IANA_SCTP :
                        id == dccp ? IANA_DCCP : -1;

        w->length++;
        if (transport < 0) {
            in_icmp |= id == icmp || id == icmpv6;
            w->ip_after |= w->transports > 0 && (id == ip || id == ipv6);
            continue;
        }
        transport_layer_t *t = &w->layer[w->count < MAX_TRANSPORT_LAYERS ? w->count++ : MAX_TRANSPORT_LAYERS - 1];
        t->frame = f;
        t->position = w->length;
        t->transport = transport;
        t->quoted = in_icmp;
        w->transports++;
        w->ip_after = FALSE;
    }
    w->any_icmp = in_icmp;
}

/* The layer numbers looked through for what the transports filed, when
 * Wireshark has emptied the layer list. */
#define MAX_LAYER_NUMBER 32

/* 4.4 and 4.6 take every layer off the list, down to "frame", when a
 * dissector leaves a request for more data that nobody below it takes up
 * (TLS in RDP over UDP, version 2): the layer list then holds only the
 * frame and this postdissector, with a layer number that no longer reaches
 * the transports'. What TCP, UDP and SCTP filed per layer is still there:
 * the headers are read from that, in layer order, none of them quoted. */
static void headers_from_records(packet_info *pinfo, iana_headers_t *out)
{
    int current = -1;

    for (guint32 k = 1; k <= MAX_LAYER_NUMBER; k++) {
        for (unsigned t = 0; t < IANA_TRANSPORTS; t++) {
            guint32 key = k;
            guint16 src, dst;

            if (header_ports(pinfo, (iana_transport_t)t, k, 0, &key, FALSE, &src, &dst)) {
                out->layers++;
                add_header(out, (iana_transport_t)t, src, dst, FALSE, out->layers, TRUE);
                current = (int)out->count - 1;
            }
        }
    }
    if (current >= 0)
        out->header[current].current = TRUE;
}

gboolean iana_headers_collect(packet_info *pinfo, iana_headers_t *out, gboolean payload_only)
{
    layer_walk_t w;
    guint32 drift, key = 0;
    gboolean last_payload;
    int current = -1;

    out->count = 0;
    out->layers = 0;
    walk_layers(pinfo, &w);
    /* Only the frame and this postdissector: the list was emptied, and
     * tells nothing of payloads either. */
    if (w.length <= 2) {
        headers_from_records(pinfo, out);
        return out->count > 0;
    }
    if (w.count == 0)
        return FALSE;
    /* Each header but the last is followed by the next one's layers; the
     * last carries a payload when a dissector took it, or TCP holds it. */
    const transport_layer_t *last = &w.layer[w.count - 1];
    last_payload = carries_payload(last->frame, last->transport, !w.ip_after, pinfo);
    if (payload_only && !last_payload) {
        gboolean any = FALSE;

        for (unsigned i = 0; i + 1 < w.count && !any; i++)
            any = followed_by_payload(w.layer[i].frame);
        if (!any)
            return FALSE;
    }
    /* This postdissector's own layer is the list's last. */
    drift = pinfo->curr_layer_num > w.length ? pinfo->curr_layer_num - w.length : 0;
    for (unsigned i = 0; i < w.count; i++) {
        const transport_layer_t *t = &w.layer[i];
        gboolean is_last = t == last;
        guint16 src, dst;

        /* Headers are numbered by their place among the transport layers,
         * found or not. */
        out->layers = i + 1;
        if (!header_ports(pinfo, (iana_transport_t)t->transport, t->position, drift, &key, is_last, &src, &dst))
            continue;
        add_header(out, (iana_transport_t)t->transport, src, dst, t->quoted, out->layers,
                   is_last ? last_payload : carries_payload(t->frame, t->transport, FALSE, pinfo));
        if (!t->quoted)
            current = (int)out->count - 1;
    }
    out->layers = w.transports;
    /* The innermost header that is the packet's own has a conversation. */
    if (current >= 0)
        out->header[current].current = TRUE;
    /* pinfo's network addresses are the last IP header's: a sole header's
     * own, unless an IP header follows it (802.11 tunnelled in CAPWAP). */
    if (out->count == 1 && out->layers == 1 && !w.any_icmp && !w.ip_after)
        out->header[0].sole = TRUE;
    return out->count > 0;
}

/* Where the TCP or UDP payload starts, from the header's own bytes; FALSE
 * for a TCP data offset below the 20-byte minimum, which TCP itself rejects
 * as malformed (the probe would otherwise read the header as payload). */
static gboolean payload_offset(tvbuff_t *tvb, guint start, iana_transport_t transport, guint *payload)
{
    guint8 words;

    if (transport == IANA_UDP) {
        *payload = start + 8;
        return TRUE;
    }
    if (transport != IANA_TCP || start + 13 > tvb_captured_length(tvb))
        return FALSE;
    words = tvb_get_uint8(tvb, start + 12) >> 4;
    *payload = start + 4 * words;
    return words >= 5;
}

/* Whether the header of h starts at offset at of bytes (length long): its
 * two ports, and a UDP length or TCP data offset that fits. */
static gboolean header_at(const guint8 *bytes, guint length, guint reported, const iana_header_t *h, guint at)
{
    const guint8 *p = bytes + at;
    guint udp_length;

    if (at + 8 > length || (p[0] << 8 | p[1]) != h->src_port || (p[2] << 8 | p[3]) != h->dst_port)
        return FALSE;
    udp_length = (guint)p[4] << 8 | p[5];
    if (h->transport == IANA_UDP)
        return udp_length >= 8 && at + udp_length <= reported;
    return h->transport == IANA_TCP && at + 13 <= length && (p[12] >> 4) >= 5 && at + 4u * (p[12] >> 4) <= length;
}

/* Where, in one data source, the TCP or UDP header of h starts: at hint if
 * it is there, else the first offset that holds it. */
static gboolean find_header(tvbuff_t *tvb, const iana_header_t *h, guint hint, guint *start)
{
    guint length = tvb_captured_length(tvb), reported = tvb_reported_length(tvb);
    const guint8 *bytes = length >= 8 ? tvb_get_ptr(tvb, 0, length) : NULL;
    const guint8 ports[4] = { h->src_port >> 8, h->src_port & 0xff, h->dst_port >> 8, h->dst_port & 0xff };

    if (bytes == NULL)
        return FALSE;
    if (hint != 0 && header_at(bytes, length, reported, h, hint)) {
        *start = hint;
        return TRUE;
    }
    /* The two ports as four bytes: found with ws_memmem, which a run of
     * zeros (a port below 256 in zero padding) does not slow down. */
    for (guint at = 0; at + 8 <= length; at++) {
        const guint8 *p = ws_memmem(bytes + at, length - at, ports, sizeof ports);

        if (p == NULL)
            break;
        at = (guint)(p - bytes);
        if (header_at(bytes, length, reported, h, at)) {
            *start = at;
            return TRUE;
        }
    }
    return FALSE;
}

gboolean iana_headers_locate(packet_info *pinfo, iana_header_t *h, guint hint)
{
    if (h->tvb != NULL)
        return TRUE;
    if (h->quoted || (h->transport != IANA_TCP && h->transport != IANA_UDP))
        return FALSE;
    /* The innermost header is in the last data source that holds it: the
     * frame, or a reassembled or decrypted buffer. */
    for (GSList *src = pinfo->data_src; src != NULL; src = src->next) {
        tvbuff_t *tvb = get_data_source_tvb((struct data_source *)src->data);
        guint start, payload;

        if (find_header(tvb, h, src == pinfo->data_src ? hint : 0, &start) &&
            payload_offset(tvb, start, h->transport, &payload)) {
            h->tvb = tvb;
            h->start = start;
            h->payload = payload;
        }
    }
    return h->tvb != NULL;
}

gboolean iana_headers_addresses(packet_info *pinfo, iana_header_t *h, iana_addresses_t *out)
{
    /* A sole header's are pinfo's, unless a network layer above it wrote
     * its own there (IPX or AppleTalk in 802.11 in CAPWAP). */
    if (h->sole && (pinfo->net_src.type == AT_IPv4 || pinfo->net_src.type == AT_IPv6) &&
        pinfo->net_dst.type == pinfo->net_src.type) {
        copy_address_shallow(&out->src, &pinfo->net_src);
        copy_address_shallow(&out->dst, &pinfo->net_dst);
        return TRUE;
    }
    /* Inside a tunnel, beside or inside an ICMP error: pinfo's addresses may
     * be another header's, so they are read from the IP header right before
     * this one: where the header was found, else where its ports stand
     * behind an IP header (a quoted header, SCTP, DCCP). */
    if (iana_headers_locate(pinfo, h, 0))
        return ip_header_before(tvb_get_ptr(h->tvb, 0, h->start), h->start, ip_protocols[h->transport], out);
    return behind_ip(pinfo, h->transport, h->src_port, h->dst_port, 4, out);
}
