/* iana-conversation.c - which side of a conversation is the service, and
 * what it was seen to carry.
 *
 * Client ports are ephemeral and often land on a registered port by chance,
 * so the service side is decided per conversation: for TCP, the port that
 * received the first SYN, which the TCP dissector itself remembers; without
 * one (UDP, or a capture that starts mid-flow), the registry decides. The
 * decision is kept with Wireshark's conversation, so every packet of a flow
 * agrees in both directions, and costs one small record per conversation.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#define WS_LOG_DOMAIN "iana"

#include <wireshark.h>
#include <epan/conversation.h>
#include <epan/packet.h>
#include <epan/dissectors/packet-tcp.h>

#include "iana-compat.h"
#include "iana-conversation.h"
#include "iana-mismatch.h"

/* Payload packets looked at per conversation before giving up. */
#define MAX_PROBES 4

/* The TCP protocol id, for its conversation data; set once at handoff. */
static int proto_tcp = -1;

void iana_conversation_init(void)
{
    proto_tcp = proto_get_id_by_filter_name("tcp");
}

static gboolean is_registered(iana_list_t matches)
{
    return matches != 0 && iana_entry(iana_record(iana_list_item(matches, 0)))->status == IANA_ASSIGNED;
}

/* System ports 0-1023, User ports 1024-49151, Dynamic ports 49152-65535. */
static int registry_range(guint16 port)
{
    return port < 1024 ? 0 : port < 49152 ? 1 : 2;
}

iana_role_t iana_role_by_registry(iana_list_t src, iana_list_t dst, guint16 src_port, guint16 dst_port)
{
    gboolean src_registered = is_registered(src), dst_registered = is_registered(dst);
    iana_role_t role = { IANA_BASIS_NONE, 0 };

    if (!src_registered && !dst_registered)
        return role;
    if (src_registered != dst_registered) {
        role.basis = IANA_BASIS_REGISTERED;
        role.server_port = src_registered ? src_port : dst_port;
    } else if (registry_range(src_port) != registry_range(dst_port)) {
        role.basis = IANA_BASIS_RANGE;
        role.server_port = registry_range(src_port) < registry_range(dst_port) ? src_port : dst_port;
    } else {
        role.basis = IANA_BASIS_NUMBER;
        role.server_port = MIN(src_port, dst_port);
    }
    return role;
}

/* The server port TCP learnt from the connection's SYN, or 0. */
static guint16 tcp_server_port(const conversation_t *conv)
{
    const struct tcp_analysis *tcpd = (const struct tcp_analysis *)conversation_get_proto_data(conv, proto_tcp);

    return tcpd != NULL ? tcpd->server_port : 0;
}

iana_conv_t *iana_conversation(packet_info *pinfo, int proto_iana, const iana_header_t *h,
                               iana_list_t src, iana_list_t dst)
{
    conversation_t *conv = find_conversation_pinfo(pinfo, 0);
    iana_conv_t *state;
    guint16 syn_port;

    if (conv == NULL)
        return NULL;
    state = (iana_conv_t *)conversation_get_proto_data(conv, proto_iana);
    if (state == NULL) {
        state = wmem_new0(wmem_file_scope(), iana_conv_t);
        state->role = iana_role_by_registry(src, dst, h->src_port, h->dst_port);
        conversation_add_proto_data(conv, proto_iana, state);
    }
    /* A SYN outranks the registry; TCP records it on the SYN itself. */
    if (h->transport == IANA_TCP && state->role.basis != IANA_BASIS_SYN) {
        syn_port = tcp_server_port(conv);
        if (syn_port != 0 && (syn_port == h->src_port || syn_port == h->dst_port)) {
            state->role.basis = IANA_BASIS_SYN;
            state->role.server_port = syn_port;
        }
    }
    return state;
}

/* Whether the payload holds more than the zero padding of a short frame. */
static gboolean has_payload(tvbuff_t *tvb, int offset)
{
    int length = tvb_captured_length_remaining(tvb, offset);
    const guint8 *bytes = length > 0 ? tvb_get_ptr(tvb, offset, length) : NULL;

    for (int i = 0; i < length; i++) {
        if (bytes[i] != 0)
            return TRUE;
    }
    return FALSE;
}

void iana_conversation_observe(iana_conv_t *conv, packet_info *pinfo, const iana_header_t *h,
                               iana_list_t server_matches)
{
    const char *observed;

    if (conv->verdict_frame != 0 || h->tvb == NULL || h->payload < 0 || !has_payload(h->tvb, h->payload))
        return;
    conv->probes++;
    observed = iana_probe_payload(h->tvb, h->payload, h->transport);
    if (observed == NULL)
        observed = iana_protocol_above_transport(pinfo);
    if (observed != NULL) {
        conv->observed = observed;
        conv->mismatch = conv->role.basis != IANA_BASIS_NONE && is_registered(server_matches) &&
                         !iana_protocol_expected(h->transport, conv->role.server_port, server_matches, observed);
        conv->verdict_frame = pinfo->num;
    } else if (conv->probes >= MAX_PROBES) {
        conv->verdict_frame = pinfo->num;       /* nothing recognisable: no verdict */
    }
}

const char *iana_basis_name(iana_basis_t basis)
{
    static const char *const names[] = { "none", "syn", "registered", "range", "number" };

    return (unsigned)basis < G_N_ELEMENTS(names) ? names[basis] : "none";
}
