/* iana-conversation.c - which side of a conversation is the service.
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
 * any order, shows each packet as the first pass saw it. The record also
 * holds the payload check's state (iana-mismatch.c), which the first pass
 * keeps whether or not it built a tree.
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
    proto_tcp = proto_get_id_by_filter_name(iana_transport_name(IANA_TCP));
}

/* System ports 0-1023, User ports 1024-49151, Dynamic ports 49152-65535. */
static int registry_range(guint16 port)
{
    return port < 1024 ? 0 : port < 49152 ? 1 : 2;
}

iana_role_t iana_role_by_registry(iana_list_t src, iana_list_t dst, guint16 src_port, guint16 dst_port)
{
    gboolean src_registered = iana_assigned(src), dst_registered = iana_assigned(dst);
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

/* The surest decision so far. */
static iana_role_t latest_role(const iana_roles_t *roles)
{
    return roles->role[roles->count - 1];
}

/* A surer role than known, as this packet tells it, or one with
 * IANA_BASIS_NONE. A SYN outranks all; a guess between two registered ports
 * yields to the port Wireshark dissects the found protocol on. */
static iana_role_t surer_role(const conversation_t *conv, const iana_conv_t *state, packet_info *pinfo,
                              const iana_header_t *h)
{
    iana_role_t known = latest_role(&state->roles);
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
    if ((known.basis == IANA_BASIS_NUMBER || known.basis == IANA_BASIS_RANGE) &&
        state->check.verdict_frame == 0 &&
        iana_dissector_port(pinfo, h->transport, h->src_port, h->dst_port, &port)) {
        role.basis = IANA_BASIS_DISSECTOR;
        role.server_port = port;
    }
    return role;
}

static void add_role(iana_roles_t *roles, iana_role_t role, guint32 frame)
{
    /* A surer decision on the frame of the last one replaces it. */
    if (roles->count > 0 && roles->frame[roles->count - 1] == frame)
        roles->count--;
    if (roles->count == IANA_MAX_ROLES)
        return;
    roles->role[roles->count] = role;
    roles->frame[roles->count] = frame;
    roles->count++;
}

iana_conv_t *iana_conversation(packet_info *pinfo, int proto_iana, const iana_header_t *h,
                               iana_list_t src, iana_list_t dst, iana_role_t *role)
{
    conversation_t *conv;
    iana_conv_t *state;
    iana_role_t surer;

    /* Nothing registered: no mismatch to find and no guess to improve, so
     * no state; only TCP's own record of the SYN can tell the service. */
    if (!iana_assigned(src) && !iana_assigned(dst)) {
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
            add_role(&state->roles, iana_role_by_registry(src, dst, h->src_port, h->dst_port), pinfo->num);
            conversation_add_proto_data(conv, proto_iana, state);
        }
        surer = surer_role(conv, state, pinfo, h);
        if (surer.basis > latest_role(&state->roles).basis)
            add_role(&state->roles, surer, pinfo->num);
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

iana_role_t iana_conversation_role(const iana_conv_t *conv, guint32 frame)
{
    guint8 i = conv->roles.count;

    while (i > 1 && conv->roles.frame[i - 1] > frame)
        i--;
    return conv->roles.role[i - 1];
}

gboolean iana_basis_confident(iana_basis_t basis)
{
    return (unsigned)basis < IANA_BASES && bases[basis].confident;
}

const char *iana_basis_name(iana_basis_t basis)
{
    return (unsigned)basis < IANA_BASES ? bases[basis].name : "none";
}
