/* iana-conversation.c - which side of a conversation is the service, and
 * what it was seen to carry.
 *
 * Client ports are ephemeral and often land on a registered port by chance,
 * so the service side is decided per conversation: for TCP, the port that
 * received the first SYN, which the TCP dissector itself remembers; without
 * one (UDP, or a capture that starts mid-flow), the registry decides, and
 * when it can only guess (both ports registered), the port on which
 * Wireshark registers the dissector of the protocol it found. The decision
 * is kept with Wireshark's conversation, so every packet of a flow agrees in
 * both directions, and costs one small record per conversation.
 *
 * As in Wireshark's own TCP dissector, the state changes only on the first
 * pass over the frames (!PINFO_FD_VISITED) and is read on every pass; what
 * changes carries its frame number, so the GUI, which re-dissects packets in
 * any order, shows each packet as the first pass saw it. The first pass
 * probes payloads whether or not it built a tree.
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

/* Payload packets probed per conversation before giving up, and packets
 * looked at (empty, or only the zero padding of a short frame) before giving
 * up: a conversation is never rescanned for ever. */
#define MAX_PROBES 4
#define MAX_LOOKS 16

/* The TCP protocol id, for its conversation data; set once at handoff. */
static int proto_tcp = -1;

/* How each basis is named in iana.role.basis, and whether a mismatch may be
 * claimed against the service side it decides: not when it is a guess. */
static const struct {
    const char *name;
    gboolean confident;
} bases[IANA_BASES] = {
    [IANA_BASIS_NONE] = { "none", FALSE },
    [IANA_BASIS_NUMBER] = { "number", FALSE },
    [IANA_BASIS_RANGE] = { "range", FALSE },
    [IANA_BASIS_REGISTERED] = { "registered", TRUE },
    [IANA_BASIS_DISSECTOR] = { "dissector", TRUE },
    [IANA_BASIS_SYN] = { "syn", TRUE },
};

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

/* A surer role than known, as this packet tells it, or one with
 * IANA_BASIS_NONE. A SYN outranks all; a guess between two registered ports
 * yields to the port Wireshark dissects the found protocol on. */
static iana_role_t surer_role(const conversation_t *conv, const iana_conv_t *state, packet_info *pinfo,
                              const iana_header_t *h)
{
    iana_role_t known = state->role[state->roles - 1];
    iana_role_t role = { IANA_BASIS_NONE, 0 };
    guint16 port;

    if (h->transport == IANA_TCP && known.basis < IANA_BASIS_SYN) {
        port = tcp_server_port(conv);
        if (port != 0 && (port == h->src_port || port == h->dst_port)) {
            role.basis = IANA_BASIS_SYN;
            role.server_port = port;
            return role;
        }
    }
    /* Only while the payload is still being looked at: the found protocol
     * shows on the first packets, and later ones cost nothing. */
    if ((known.basis == IANA_BASIS_NUMBER || known.basis == IANA_BASIS_RANGE) && state->verdict_frame == 0 &&
        iana_dissector_port(pinfo, h->transport, h->src_port, h->dst_port, &port)) {
        role.basis = IANA_BASIS_DISSECTOR;
        role.server_port = port;
    }
    return role;
}

static void add_role(iana_conv_t *state, iana_role_t role, guint32 frame)
{
    /* A surer decision on the frame of the last one replaces it. */
    if (state->roles > 0 && state->role_frame[state->roles - 1] == frame)
        state->roles--;
    if (state->roles == IANA_MAX_ROLES)
        return;
    state->role[state->roles] = role;
    state->role_frame[state->roles] = frame;
    state->roles++;
}

iana_conv_t *iana_conversation(packet_info *pinfo, int proto_iana, const iana_header_t *h,
                               iana_list_t src, iana_list_t dst, iana_role_t *role)
{
    conversation_t *conv;
    iana_conv_t *state;
    iana_role_t surer;

    /* Nothing registered: no mismatch to find and no guess to improve, so
     * no state; only TCP's own record of the SYN can tell the service. */
    if (!is_registered(src) && !is_registered(dst)) {
        if (role == NULL)
            return NULL;
        role->basis = IANA_BASIS_NONE;
        role->server_port = 0;
        conv = h->transport == IANA_TCP ? find_conversation_pinfo(pinfo, 0) : NULL;
        surer.server_port = conv != NULL ? tcp_server_port(conv) : 0;
        if (surer.server_port != 0 && (surer.server_port == h->src_port || surer.server_port == h->dst_port)) {
            role->basis = IANA_BASIS_SYN;
            role->server_port = surer.server_port;
        }
        return NULL;
    }
    conv = find_conversation_pinfo(pinfo, 0);
    if (conv == NULL)
        goto stateless;
    state = (iana_conv_t *)conversation_get_proto_data(conv, proto_iana);
    if (!PINFO_FD_VISITED(pinfo)) {
        if (state == NULL) {
            state = wmem_new0(wmem_file_scope(), iana_conv_t);
            add_role(state, iana_role_by_registry(src, dst, h->src_port, h->dst_port), pinfo->num);
            conversation_add_proto_data(conv, proto_iana, state);
        }
        surer = surer_role(conv, state, pinfo, h);
        if (surer.basis > state->role[state->roles - 1].basis)
            add_role(state, surer, pinfo->num);
    }
    if (state == NULL)
        goto stateless;
    if (role != NULL)
        *role = iana_conversation_role(state, pinfo->num);
    return state;

stateless:
    if (role != NULL)
        *role = iana_role_by_registry(src, dst, h->src_port, h->dst_port);
    return NULL;
}

gboolean iana_conversation_settled(packet_info *pinfo, int proto_iana, const iana_header_t *h)
{
    conversation_t *conv = find_conversation_pinfo(pinfo, 0);
    const iana_conv_t *state = conv ? (const iana_conv_t *)conversation_get_proto_data(conv, proto_iana) : NULL;

    if (state == NULL || state->verdict_frame == 0)
        return FALSE;
    /* Only a SYN can still outrank what is known. */
    return h->transport != IANA_TCP || state->role[state->roles - 1].basis == IANA_BASIS_SYN ||
           tcp_server_port(conv) == 0;
}

iana_role_t iana_conversation_role(const iana_conv_t *conv, guint32 frame)
{
    guint8 i = conv->roles;

    while (i > 1 && conv->role_frame[i - 1] > frame)
        i--;
    return conv->role[i - 1];
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

void iana_conversation_observe(iana_conv_t *conv, packet_info *pinfo, iana_header_t *h)
{
    iana_role_t role;
    iana_list_t server;
    const char *observed;

    if (conv->verdict_frame != 0 || PINFO_FD_VISITED(pinfo))
        return;
    if (++conv->looks >= MAX_LOOKS)
        conv->verdict_frame = pinfo->num;       /* nothing to probe: no verdict */
    if (!iana_headers_find_payload(pinfo, h) || !has_payload(h->tvb, h->payload))
        return;
    conv->probes++;
    observed = iana_probe_payload(h->tvb, h->payload, h->transport);
    if (observed == NULL)
        observed = iana_protocol_above_transport(pinfo);
    if (observed != NULL) {
        role = iana_conversation_role(conv, pinfo->num);
        server = role.basis != IANA_BASIS_NONE ? iana_lookup(h->transport, role.server_port) : 0;
        conv->observed = observed;
        conv->mismatch = iana_basis_confident(role.basis) && is_registered(server) &&
                         !iana_protocol_expected(h->transport, role.server_port, server, observed);
        conv->verdict_frame = pinfo->num;
    } else if (conv->probes >= MAX_PROBES) {
        conv->verdict_frame = pinfo->num;       /* nothing recognisable: no verdict */
    }
}

gboolean iana_basis_confident(iana_basis_t basis)
{
    return (unsigned)basis < IANA_BASES && bases[basis].confident;
}

const char *iana_basis_name(iana_basis_t basis)
{
    return (unsigned)basis < IANA_BASES ? bases[basis].name : "none";
}
