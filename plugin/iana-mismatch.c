/* iana-mismatch.c - tell the protocol a conversation carries from the one
 * its service port is registered for.
 *
 * Wireshark dissects by port first, so its protocol list alone misses most
 * mismatches: HTTP served on 4420 is held by the NVMe/TCP dissector waiting
 * for a PDU that never comes, TLS on 22 is shown as garbled SSH. So the first
 * payload bytes are probed with a few well-known signatures before the
 * protocol list is consulted. Names are bridged without a table of thousands:
 * what Wireshark registered for the port counts as expected, and so do the
 * registry's names, through the short alias table below.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#define WS_LOG_DOMAIN "iana"

#include <wireshark.h>
#include <epan/packet.h>

#include "iana-compat.h"
#include "iana-headers.h"
#include "iana-mismatch.h"

/* Port dissector tables by iana_transport_t, and our own protocol id; set
 * once at handoff, read per probed packet. */
static dissector_table_t port_tables[IANA_TRANSPORTS];
static int proto_self = -1;
static int proto_data = -1;

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

void iana_mismatch_init(int self)
{
    static const char *const tables[IANA_TRANSPORTS] = { "tcp.port", "udp.port", "sctp.port", "dccp.port" };

    for (unsigned t = 0; t < IANA_TRANSPORTS; t++)
        port_tables[t] = find_dissector_table(tables[t]);
    proto_self = self;
    proto_data = proto_get_id_by_filter_name("data");
}

static gboolean starts_with(tvbuff_t *tvb, int offset, const char *text)
{
    return tvb_strneql(tvb, offset, text, strlen(text)) == 0;
}

static gboolean looks_like_tls(tvbuff_t *tvb, int offset, int length)
{
    guint8 type, major, minor;
    guint16 record_length;

    if (length < 5)
        return FALSE;
    type = tvb_get_uint8(tvb, offset);
    major = tvb_get_uint8(tvb, offset + 1);
    minor = tvb_get_uint8(tvb, offset + 2);
    record_length = tvb_get_ntohs(tvb, offset + 3);
    /* change_cipher_spec .. application_data, SSL 3.0 .. TLS 1.3, <= 2^14+2048 */
    return type >= 20 && type <= 23 && major == 3 && minor <= 4 && record_length > 0 &&
           record_length <= 18432;
}

static gboolean looks_like_http(tvbuff_t *tvb, int offset)
{
    static const char *const starts[] = {
        "GET ", "POST ", "HEAD ", "PUT ", "DELETE ", "OPTIONS ", "CONNECT ", "PATCH ", "HTTP/1."
    };

    for (size_t i = 0; i < G_N_ELEMENTS(starts); i++) {
        if (starts_with(tvb, offset, starts[i]))
            return TRUE;
    }
    return FALSE;
}

/* A DNS message with one question whose name ends inside the payload. */
static gboolean looks_like_dns(tvbuff_t *tvb, int offset, int length)
{
    int at = offset + 12;
    int end = offset + length;

    if (length < 17 || tvb_get_ntohs(tvb, offset + 4) != 1 || (tvb_get_uint8(tvb, offset + 2) & 0x78) != 0)
        return FALSE;
    while (at < end) {
        guint8 label = tvb_get_uint8(tvb, at);

        if (label == 0)
            return at + 5 <= end;       /* the root label, then type and class */
        if (label > 63)
            return FALSE;
        at += 1 + label;
    }
    return FALSE;
}

const char *iana_probe_payload(tvbuff_t *tvb, int offset, iana_transport_t transport)
{
    int length = tvb_captured_length_remaining(tvb, offset);

    if (length <= 0)
        return NULL;
    if (looks_like_tls(tvb, offset, length))
        return "tls";
    if (starts_with(tvb, offset, "SSH-"))
        return "ssh";
    if (looks_like_http(tvb, offset))
        return "http";
    if (starts_with(tvb, offset, "<?xml") || starts_with(tvb, offset, "<stream:stream"))
        return "xmpp";
    if (transport == IANA_UDP && looks_like_dns(tvb, offset, length))
        return "dns";
    return NULL;
}

const char *iana_protocol_above_transport(packet_info *pinfo)
{
    const char *above = NULL;

    /* pinfo->layers lists the protocol ids of the frame, outermost first. */
    for (wmem_list_frame_t *f = wmem_list_head(pinfo->layers); f; f = wmem_list_frame_next(f)) {
        int id = GPOINTER_TO_INT(wmem_list_frame_data(f));
        wmem_list_frame_t *next = wmem_list_frame_next(f);

        if (!iana_headers_is_transport(id) || next == NULL)
            continue;
        id = GPOINTER_TO_INT(wmem_list_frame_data(next));
        above = (id == proto_self || id == proto_data || iana_headers_is_transport(id)) ? NULL :
                proto_get_protocol_filter_name(id);
    }
    return above;
}

static const char *alias_of(const char *service)
{
    for (size_t i = 0; i < G_N_ELEMENTS(aliases); i++) {
        if (strcmp(aliases[i].service, service) == 0)
            return aliases[i].protocol;
    }
    return service;
}

/* Whether the text names TLS, SSL or HTTPS, in any case. */
static gboolean mentions_tls(const char *text)
{
    for (; *text; text++) {
        if (g_ascii_strncasecmp(text, "tls", 3) == 0 || g_ascii_strncasecmp(text, "ssl", 3) == 0 ||
            g_ascii_strncasecmp(text, "https", 5) == 0)
            return TRUE;
    }
    return FALSE;
}

gboolean iana_protocol_expected(iana_transport_t transport, guint16 port, iana_list_t matches,
                                const char *observed)
{
    dissector_handle_t handle = port_tables[transport] ?
                                dissector_get_uint_handle(port_tables[transport], port) : NULL;

    if (handle != NULL && dissector_handle_get_protocol_index(handle) >= 0 &&
        strcmp(proto_get_protocol_filter_name(dissector_handle_get_protocol_index(handle)), observed) == 0)
        return TRUE;
    for (guint32 i = 0; i < iana_list_count(matches); i++) {
        const iana_record_t *rec = iana_record(iana_list_item(matches, i));
        const char *service = iana_str(rec->service);

        if (*service && strcmp(alias_of(service), observed) == 0)
            return TRUE;
        if (strcmp(observed, "tls") == 0 &&
            (mentions_tls(service) || mentions_tls(iana_str(iana_entry(rec)->description))))
            return TRUE;
    }
    return FALSE;
}
