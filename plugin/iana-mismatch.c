/* iana-mismatch.c - tell the protocol a conversation carries from the one
 * its service port is registered for: the payload probes, and the check
 * that runs them over a conversation's first packets.
 *
 * Wireshark dissects by port first, so its protocol list alone misses most
 * mismatches: HTTP served on 4420 is held by the NVMe/TCP dissector waiting
 * for a PDU that never comes, TLS on 22 is shown as garbled SSH. So the first
 * payload bytes are probed with a few signatures, each specific to its
 * protocol, before the protocol list is consulted. Names are bridged without
 * a table of thousands: what Wireshark registered for the port counts as
 * expected, and so do the registry's names, through the short alias table
 * below; a probe's label also counts as expected where the expected protocol
 * shares its wire format (mDNS and LLMNR are DNS messages, SSDP is HTTP over
 * UDP).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#define WS_LOG_DOMAIN "iana"

#include <wireshark.h>
#include <epan/packet.h>

#include "iana-compat.h"
#include "iana-headers.h"
#include "iana-local.h"
#include "iana-mismatch.h"

/* Payload packets probed per conversation before giving up, and packets
 * looked at (empty, or only the zero padding of a short frame) before giving
 * up: a conversation is never rescanned for ever. */
#define MAX_PROBES 4
#define MAX_LOOKS 16

/* Port dissector tables by iana_transport_t, and our own protocol id; set
 * once at handoff, read per probed packet. */
static dissector_table_t port_tables[IANA_TRANSPORTS];
static int proto_self = -1;

/* Registry service names whose Wireshark protocol has another name. Names
 * equal to a Wireshark filter name (http, ssh, sip, dns, ...) need no entry. */
static const struct {
    const char *service;
    const char *protocol;
} aliases[] = {
    { "https", "tls" },
    { "domain", "dns" },
    { "www", "http" },
    { "www-http", "http" },
    { "http-alt", "http" },
    { "xmpp-client", "xmpp" },
    { "xmpp-server", "xmpp" },
    { "nvme", "nvme-tcp" },
    { "sip-tls", "tls" },
    { "ms-wbt-server", "rdp" },
};

/* Protocols that are a probe's wire format under another name: a DNS probe
 * on 5353 sees mDNS, an HTTP probe on 1900 sees SSDP. */
static const struct {
    const char *label;
    const char *protocol;
} same_format[] = {
    { "dns", "mdns" },
    { "dns", "llmnr" },
    { "dns", "nbns" },
    { "http", "ssdp" },
    { "http", "ipp" },
    { "http", "http-alt" },
};

/* What Wireshark finds above a transport that names no protocol: nothing
 * recognised, or a data format that many protocols carry. By protocol id,
 * looked up at handoff. */
static const char *const not_protocols[] = { "data", "xml", "json", "data-text-lines", "media" };
static int not_protocol_ids[G_N_ELEMENTS(not_protocols)];

void iana_mismatch_init(int self)
{
    char table[16];

    /* Each transport's port table is named after it: "tcp.port", ... */
    for (unsigned t = 0; t < IANA_TRANSPORTS; t++) {
        snprintf(table, sizeof table, "%s.port", iana_transport_name((iana_transport_t)t));
        port_tables[t] = find_dissector_table(table);
    }
    for (size_t i = 0; i < G_N_ELEMENTS(not_protocols); i++)
        not_protocol_ids[i] = proto_get_id_by_filter_name(not_protocols[i]);
    proto_self = self;
}

/* The first bytes of a payload, as the probes read them: one pointer into
 * the packet, so that each probe is plain byte compares. */
typedef struct {
    const guint8 *bytes;
    size_t length;
} payload_t;

/* The most of a payload any probe reads: an HTTP request line's end. */
#define PROBE_BYTES 2048

static payload_t payload_at(tvbuff_t *tvb, guint offset)
{
    guint captured = tvb_captured_length(tvb);
    payload_t p = { NULL, 0 };

    if (offset < captured) {
        p.length = MIN(captured - offset, PROBE_BYTES);
        p.bytes = tvb_get_ptr(tvb, offset, (guint)p.length);
    }
    return p;
}

static gboolean starts_with(payload_t p, size_t at, const char *text)
{
    size_t n = strlen(text);

    return at <= p.length && p.length - at >= n && memcmp(p.bytes + at, text, n) == 0;
}

/* Whether text occurs in the first limit bytes. */
static gboolean contains(payload_t p, size_t limit, const char *text)
{
    return ws_memmem(p.bytes, MIN(p.length, limit), text, strlen(text)) != NULL;
}

/* A TLS record header: change_cipher_spec .. application_data, SSL 3.0 ..
 * TLS 1.3, a length no record exceeds (2^14 + 2048); a handshake record
 * must also start with a handshake message type TLS defines. */
static gboolean looks_like_tls(payload_t p)
{
    guint8 type, major, minor;
    guint16 record_length;

    if (p.length < 5)
        return FALSE;
    type = p.bytes[0];
    major = p.bytes[1];
    minor = p.bytes[2];
    record_length = (guint16)(p.bytes[3] << 8 | p.bytes[4]);
    if (type < 20 || type > 23 || major != 3 || minor > 4 || record_length == 0 || record_length > 18432)
        return FALSE;
    if (type != 22 || p.length < 6)
        return TRUE;
    /* hello_request (0) .. key_update (24); a conversation's first handshake
     * record is a hello, never an encrypted one. */
    return p.bytes[5] <= 24;
}

/* An SSH identification string of protocol 2.0 or 1.x (RFC 4253, 4.2). */
static gboolean looks_like_ssh(payload_t p)
{
    return starts_with(p, 0, "SSH-2.0-") || starts_with(p, 0, "SSH-1.");
}

/* An HTTP/1.x request line (a method, then a line ending in HTTP/1.0 or
 * HTTP/1.1: RTSP and SIP share the methods, not the version) or status line. */
static gboolean looks_like_http(payload_t p)
{
    static const char *const methods[] = {
        "GET ", "POST ", "HEAD ", "PUT ", "DELETE ", "OPTIONS ", "CONNECT ", "PATCH "
    };
    size_t line = 0;

    if (starts_with(p, 0, "HTTP/1.0 ") || starts_with(p, 0, "HTTP/1.1 "))
        return TRUE;
    for (size_t i = 0; i < G_N_ELEMENTS(methods); i++) {
        if (!starts_with(p, 0, methods[i]))
            continue;
        /* The line ends at CR or LF, or with the bytes looked at. */
        while (line < p.length && p.bytes[line] != '\r' && p.bytes[line] != '\n')
            line++;
        return line > 9 && (starts_with(p, line - 9, " HTTP/1.0") || starts_with(p, line - 9, " HTTP/1.1"));
    }
    return FALSE;
}

/* An XMPP stream opening (RFC 6120, 4.2): the stream element, or an XML
 * declaration followed by it or by a jabber namespace. A bare <?xml starts
 * every XML document: SOAP, WS-Discovery, ... */
static gboolean looks_like_xmpp(payload_t p)
{
    if (starts_with(p, 0, "<stream:stream"))
        return TRUE;
    return starts_with(p, 0, "<?xml") && (contains(p, 512, "<stream:stream") || contains(p, 512, "jabber:"));
}

/* A DNS query with one question whose name ends inside the payload. */
static gboolean looks_like_dns(payload_t p)
{
    size_t at = 12;

    if (p.length < 17 || (p.bytes[4] << 8 | p.bytes[5]) != 1 || (p.bytes[2] & 0x78) != 0)
        return FALSE;
    while (at < p.length) {
        guint8 label = p.bytes[at];

        if (label == 0)
            return at + 5 <= p.length;      /* the root label, then type and class */
        if (label > 63)
            return FALSE;
        at += 1 + (size_t)label;
    }
    return FALSE;
}

/* The protocol a payload's first bytes announce (TLS record, HTTP/1.x
 * request or status line, SSH identification, DNS query, XMPP stream
 * opening), or NULL. */
static const char *probe_payload(payload_t p, iana_transport_t transport)
{
    guint8 first;

    if (p.length == 0)
        return NULL;
    if (looks_like_tls(p))
        return "tls";
    /* The text signatures start with an upper-case letter or "<": most
     * payloads need no string compared. */
    first = p.bytes[0];
    if (first == 'S' && looks_like_ssh(p))
        return "ssh";
    if (g_ascii_isupper(first) && looks_like_http(p))
        return "http";
    if (first == '<' && looks_like_xmpp(p))
        return "xmpp";
    if (transport == IANA_UDP && looks_like_dns(p))
        return "dns";
    return NULL;
}

static gboolean names_no_protocol(int id)
{
    if (id == proto_self || iana_headers_is_transport(id))
        return TRUE;
    for (size_t i = 0; i < G_N_ELEMENTS(not_protocol_ids); i++) {
        if (not_protocol_ids[i] == id)
            return TRUE;
    }
    return FALSE;
}

const char *iana_protocol_above(packet_info *pinfo, unsigned number)
{
    const char *above = NULL;
    unsigned transports = 0;

    /* pinfo->layers lists the protocol ids of the frame, outermost first. */
    for (wmem_list_frame_t *f = wmem_list_head(pinfo->layers); f; f = wmem_list_frame_next(f)) {
        int id = GPOINTER_TO_INT(wmem_list_frame_data(f));
        wmem_list_frame_t *next = wmem_list_frame_next(f);

        if (!iana_headers_is_transport(id) || next == NULL)
            continue;
        transports++;
        id = GPOINTER_TO_INT(wmem_list_frame_data(next));
        above = names_no_protocol(id) ? NULL : proto_get_protocol_filter_name(id);
        if (transports == number)
            break;
    }
    return number == 0 || transports == number ? above : NULL;
}

/* The first protocol Wireshark found above the innermost transport header. */
static const char *protocol_above_transport(packet_info *pinfo)
{
    return iana_protocol_above(pinfo, 0);
}

/* The filter name of the protocol Wireshark dissects port on, or "". */
static const char *port_protocol(iana_transport_t transport, guint16 port)
{
    dissector_handle_t handle = port_tables[transport] ?
                                dissector_get_uint_handle(port_tables[transport], port) : NULL;
    int id = handle != NULL ? dissector_handle_get_protocol_index(handle) : -1;

    return id >= 0 ? proto_get_protocol_filter_name(id) : "";
}

gboolean iana_dissector_port(packet_info *pinfo, iana_transport_t transport, guint16 src_port,
                             guint16 dst_port, guint16 *port)
{
    const char *found = protocol_above_transport(pinfo);
    gboolean on_src, on_dst;

    if (found == NULL)
        return FALSE;
    on_src = strcmp(port_protocol(transport, src_port), found) == 0;
    on_dst = strcmp(port_protocol(transport, dst_port), found) == 0;
    if (on_src == on_dst && src_port != dst_port)
        return FALSE;           /* on neither port, or on both: no telling */
    *port = on_src ? src_port : dst_port;
    return on_src || on_dst;
}

static const char *alias_of(const char *service)
{
    for (size_t i = 0; i < G_N_ELEMENTS(aliases); i++) {
        if (strcmp(aliases[i].service, service) == 0)
            return aliases[i].protocol;
    }
    return service;
}

/* Whether protocol is what a probe's label names: the same, or one with
 * the same wire format. */
static gboolean same_wire_format(const char *label, const char *protocol)
{
    if (strcmp(label, protocol) == 0)
        return TRUE;
    for (size_t i = 0; i < G_N_ELEMENTS(same_format); i++) {
        if (strcmp(same_format[i].label, label) == 0 && strcmp(same_format[i].protocol, protocol) == 0)
            return TRUE;
    }
    return FALSE;
}

/* Whether the text names TLS, SSL or HTTPS as a word ("over TLS/SSL",
 * "sip-tls"), in any case; "Russell" does not. */
static gboolean mentions_tls(const char *text)
{
    static const char *const words[] = { "tls", "ssl", "https" };
    const char *word = text;

    for (const char *at = text;; at++) {
        if (g_ascii_isalnum(*at))
            continue;
        for (size_t i = 0; i < G_N_ELEMENTS(words); i++) {
            if ((size_t)(at - word) == strlen(words[i]) && g_ascii_strncasecmp(word, words[i], (size_t)(at - word)) == 0)
                return TRUE;
        }
        if (*at == '\0')
            return FALSE;
        word = at + 1;
    }
}

/* Whether observed is what port on transport is for: the protocol Wireshark
 * registers on that port, a registered service name (through a short alias
 * table), either of them sharing observed's wire format, or TLS for a
 * service the registry names or describes with the word TLS, SSL or HTTPS. */
static gboolean protocol_expected(iana_transport_t transport, guint16 port, iana_list_t matches,
                                  const char *observed)
{
    if (same_wire_format(observed, port_protocol(transport, port)))
        return TRUE;
    for (guint32 i = 0; i < iana_list_count(matches); i++) {
        const iana_record_t *rec = iana_record(iana_list_item(matches, i));
        const char *service = iana_str(rec->service);

        if (*service && same_wire_format(observed, alias_of(service)))
            return TRUE;
        if (strcmp(observed, "tls") == 0 &&
            (mentions_tls(service) || mentions_tls(iana_str(iana_entry(rec)->description))))
            return TRUE;
    }
    return FALSE;
}

/* Whether observed is what local assignments of the port expect: the
 * protocol a row names, or, from rows that name none, what the row's
 * service name or the port's IANA entry expect. */
static gboolean local_expected(iana_transport_t transport, guint16 port, iana_local_span_t local,
                               iana_list_t matches, const char *observed)
{
    gboolean named = FALSE;

    for (guint i = 0; i < local.count; i++) {
        const char *protocol = local.items[i]->protocol;

        if (*protocol) {
            named = TRUE;
            if (same_wire_format(observed, protocol))
                return TRUE;
        } else if (same_wire_format(observed, alias_of(local.items[i]->service))) {
            return TRUE;
        }
    }
    return !named && protocol_expected(transport, port, matches, observed);
}

/* The most zero padding a frame carries: an Ethernet frame's minimum of 60
 * bytes, less its own 14-byte header. */
#define MAX_PADDING 46

/* Whether the payload holds more than the zero padding of a short frame. */
static gboolean has_payload(payload_t p)
{
    if (p.length > MAX_PADDING)
        return TRUE;
    for (size_t i = 0; i < p.length; i++) {
        if (p.bytes[i] != 0)
            return TRUE;
    }
    return FALSE;
}

void iana_check_observe(iana_check_t *check, packet_info *pinfo, iana_header_t *h, gboolean confident,
                        guint16 server_port, guint *header_at)
{
    iana_list_t server;
    const char *observed;
    payload_t payload;

    if (check->verdict_frame != 0 || PINFO_FD_VISITED(pinfo))
        return;
    if (++check->looks >= MAX_LOOKS)
        check->verdict_frame = pinfo->num;      /* nothing to probe: no verdict */
    if (!iana_headers_locate(pinfo, h, *header_at))
        return;
    *header_at = h->start;
    payload = payload_at(h->tvb, h->payload);
    if (!has_payload(payload))
        return;
    check->probes++;
    observed = probe_payload(payload, h->transport);
    if (observed == NULL)
        observed = protocol_above_transport(pinfo);
    if (observed != NULL) {
        iana_local_span_t local = confident ? iana_local_lookup(h->transport, server_port)
                                            : (iana_local_span_t){ NULL, 0 };

        server = confident ? iana_lookup(h->transport, server_port) : 0;
        check->observed = observed;
        if (local.count > 0)
            check->mismatch = !local_expected(h->transport, server_port, local, server, observed);
        else
            check->mismatch = confident && iana_assigned(server) &&
                              !protocol_expected(h->transport, server_port, server, observed);
        check->verdict_frame = pinfo->num;
    } else if (check->probes >= MAX_PROBES) {
        check->verdict_frame = pinfo->num;      /* nothing recognisable: no verdict */
    }
}

const char *iana_check_observed(const iana_check_t *check, guint32 frame)
{
    return check->verdict_frame != 0 && frame >= check->verdict_frame ? check->observed : NULL;
}

const char *iana_check_mismatch(const iana_check_t *check, guint32 frame)
{
    return check->mismatch && frame >= check->verdict_frame ? check->observed : NULL;
}
