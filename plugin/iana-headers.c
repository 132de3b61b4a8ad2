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

void iana_headers_init(void)
{
    char field[16];

    for (unsigned t = 0; t < IANA_TRANSPORTS; t++) {
        const char *name = iana_transport_name((iana_transport_t)t);

        transport_proto[t] = proto_get_id_by_filter_name(name);
        if (t == IANA_TCP || t == IANA_UDP) {
            snprintf(field, sizeof field, "%s.srcport", name);
            srcport_field[t] = proto_registrar_get_id_byname(field);
            snprintf(field, sizeof field, "%s.dstport", name);
            dstport_field[t] = proto_registrar_get_id_byname(field);
        }
    }
    proto_icmp = proto_get_id_by_filter_name("icmp");
    proto_icmpv6 = proto_get_id_by_filter_name("icmpv6");
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

static void add_header(iana_headers_t *out, iana_transport_t transport,
                       guint16 src_port, guint16 dst_port, gboolean quoted)
{
    iana_header_t *h;

    if (out->count == IANA_MAX_HEADERS)
        return;
    h = &out->header[out->count++];
    h->transport = transport;
    h->src_port = src_port;
    h->dst_port = dst_port;
    h->quoted = quoted;
    h->current = FALSE;
    h->sole = FALSE;
    h->tvb = NULL;
    h->start = 0;
    h->payload = 0;
}

static gboolean pinfo_ports(const packet_info *pinfo, iana_transport_t transport)
{
    static const port_type types[IANA_TRANSPORTS] = { PT_TCP, PT_UDP, PT_SCTP, PT_DCCP };

    return pinfo->ptype == types[transport];
}

/* The ports a layer's header carries: what TCP or UDP filed under its
 * layer number, else (SCTP, DCCP, or both ports 0, which file as NULL)
 * pinfo's, for the last transport layer only.
 * A layer's number is its place in pinfo->layers only until a dissector
 * that refused the data leaves the list without giving its number back
 * (4.6, with a tree, when HTTP refuses the TLS of an sFlow sample): then
 * the number lies up to drift places further. *key is the number after the previous
 * header's, as numbers only grow along the list. */
static gboolean layer_ports(packet_info *pinfo, iana_transport_t transport, guint32 layer, guint32 drift,
                            guint32 *key, gboolean last, guint16 *src, guint16 *dst)
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
    if (!last || !pinfo_ports(pinfo, transport))
        return FALSE;
    *src = (guint16)pinfo->srcport;
    *dst = (guint16)pinfo->destport;
    return TRUE;
}

void iana_headers_collect(packet_info *pinfo, iana_headers_t *out)
{
    guint32 layer = 0, last = 0, transports = 0, drift, key = 0;
    gboolean in_icmp = FALSE, any_icmp = FALSE;
    int current = -1, last_transport = -1;

    out->count = 0;
    /* The last transport layer, the one pinfo's ports may still describe. */
    for (wmem_list_frame_t *f = wmem_list_head(pinfo->layers); f; f = wmem_list_frame_next(f)) {
        int id = GPOINTER_TO_INT(wmem_list_frame_data(f));
        int transport = transport_of(id);

        layer++;
        any_icmp |= id == proto_icmp || id == proto_icmpv6;
        if (transport >= 0) {
            last = layer;
            last_transport = transport;
            transports++;
        }
    }
    /* Most packets have one transport header and no ICMP error: pinfo
     * describes that header, as TCP and UDP file it for its layer. */
    if (transports == 1 && !any_icmp && pinfo_ports(pinfo, (iana_transport_t)last_transport)) {
        add_header(out, (iana_transport_t)last_transport, (guint16)pinfo->srcport, (guint16)pinfo->destport,
                   FALSE);
        out->header[0].current = TRUE;
        out->header[0].sole = TRUE;
        return;
    }
    /* This postdissector's own layer is the list's last. */
    drift = pinfo->curr_layer_num > layer ? pinfo->curr_layer_num - layer : 0;
    layer = 0;
    for (wmem_list_frame_t *f = wmem_list_head(pinfo->layers); f; f = wmem_list_frame_next(f)) {
        int id = GPOINTER_TO_INT(wmem_list_frame_data(f));
        int transport = transport_of(id);
        guint16 src, dst;

        layer++;
        /* An ICMP error quotes the headers that follow it. */
        if (id == proto_icmp || id == proto_icmpv6)
            in_icmp = TRUE;
        if (transport < 0 || !layer_ports(pinfo, (iana_transport_t)transport, layer, drift, &key, layer == last,
                                          &src, &dst))
            continue;
        add_header(out, (iana_transport_t)transport, src, dst, in_icmp);
        if (!in_icmp && out->count > 0)
            current = (int)out->count - 1;
    }
    /* The innermost header that is the packet's own has a conversation. */
    if (current >= 0)
        out->header[current].current = TRUE;
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
    if (transport != IANA_TCP || !tvb_bytes_exist(tvb, start + 12, 1))
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

/* The IP protocol number of a transport. */
static const guint8 ip_protocols[IANA_TRANSPORTS] = { 6, 17, 132, 33 };

gboolean iana_headers_addresses(packet_info *pinfo, iana_header_t *h, iana_addresses_t *out)
{
    const guint8 *bytes;
    guint8 protocol = ip_protocols[h->transport];

    if (h->sole) {
        if (pinfo->net_src.type != AT_IPv4 && pinfo->net_src.type != AT_IPv6)
            return FALSE;
        copy_address_shallow(&out->src, &pinfo->net_src);
        copy_address_shallow(&out->dst, &pinfo->net_dst);
        return TRUE;
    }
    /* Inside a tunnel, beside a quoted header: pinfo's addresses may be
     * another header's, so they are read from the IP header right before
     * this one (IPv4 with its options, or IPv6 without extension headers). */
    if (!iana_headers_locate(pinfo, h, 0))
        return FALSE;
    bytes = tvb_get_ptr(h->tvb, 0, h->start);
    for (guint words = 5; words <= 15 && 4 * words <= h->start; words++) {
        const guint8 *ip = bytes + h->start - 4 * words;

        if (ip[0] == (0x40 | words) && ip[9] == protocol) {
            set_address(&out->src, AT_IPv4, 4, ip + 12);
            set_address(&out->dst, AT_IPv4, 4, ip + 16);
            return TRUE;
        }
    }
    if (h->start >= 40 && (bytes[h->start - 40] >> 4) == 6 && bytes[h->start - 40 + 6] == protocol) {
        set_address(&out->src, AT_IPv6, 16, bytes + h->start - 32);
        set_address(&out->dst, AT_IPv6, 16, bytes + h->start - 16);
        return TRUE;
    }
    return FALSE;
}
