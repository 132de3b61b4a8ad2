/* iana-conversation.c - which side of a conversation is the service.
 *
 * Client ports are ephemeral and often land on a registered port by chance,
 * so the service side is decided per conversation: for TCP, the port that
 * received the first SYN, which the TCP dissector itself remembers; without
 * one (UDP, or a capture that starts mid-flow), the registry decides, and
 * when it can only guess (both ports registered), the port on which
 * Wireshark registers the dissector of the protocol it found. The decision
 * is kept per conversation, so every packet of a flow agrees in both
 * directions, and costs one small record per conversation.
 *
 * A conversation is the header's own: its transport, its two ports and the
 * addresses of its own IP header (iana_headers_addresses()), never pinfo's
 * alone, which inside a tunnel or beside a quoted header may be another
 * header's. The records live in one map of the capture file's scope, keyed
 * by those, with both directions of a flow under one key.
 *
 * As in Wireshark's own TCP dissector, the state changes only on the first
 * pass over the frames (!PINFO_FD_VISITED) and is read on every pass; what
 * changes carries its frame number, so the GUI, which re-dissects packets in
 * any order, shows each packet as the first pass saw it. The record also
 * holds the payload check's state (iana-mismatch.c). Once neither can change
 * any more (the record is settled), the first pass only finds the record.
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
#include "iana-local.h"
#include "iana-mismatch.h"

/* TCP learns the service side from a connection's SYN or SYN/ACK, the
 * first packets the capture holds of it; when those held neither, the
 * connection started before the capture did, and no SYN is looked for on
 * later packets (a lookup in TCP's conversations each). */
#define SYN_LOOKS 2

/* The TCP protocol id, for its conversation data; set once at handoff. */
static int proto_tcp = -1;

/* Every conversation's record, in the capture file's scope: read and
 * written for the current header of each packet. */
static wmem_map_t *conversations;

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
    [IANA_BASIS_LOCAL] = { "local", TRUE },
    [IANA_BASIS_SYN] = { "syn", TRUE },
};

/* A conversation's key, in 32-bit words: transport, address length (4 or
 * 16) and two zero bytes; the two ports; the two addresses. The lesser
 * endpoint comes first, so that both directions have one. An IPv4 key is
 * 4 words, an IPv6 one 10. */
#define KEY_HEAD_WORDS 2
#define KEY_MAX_WORDS (KEY_HEAD_WORDS + 2 * 16 / 4)

_Static_assert(sizeof(iana_conv_t) == 48, "a record is 48 bytes before its key");

static unsigned key_words(const guint32 *key)
{
    return KEY_HEAD_WORDS + 2u * ((const guint8 *)key)[1] / 4u;
}

static guint key_hash(gconstpointer p)
{
    const guint32 *w = (const guint32 *)p;
    unsigned n = key_words(w);
    guint32 hash = 0;

    for (unsigned i = 0; i < n; i++)
        hash = (hash ^ w[i]) * 0x9E3779B1u;
    return hash ^ (hash >> 15);
}

static gboolean key_equal(gconstpointer a, gconstpointer b)
{
    const guint32 *x = (const guint32 *)a, *y = (const guint32 *)b;

    return x[0] == y[0] && memcmp(x, y, key_words(x) * sizeof(guint32)) == 0;
}

void iana_conversation_init(void)
{
    proto_tcp = proto_get_id_by_filter_name(iana_transport_name(IANA_TCP));
    conversations = wmem_map_new_autoreset(wmem_epan_scope(), wmem_file_scope(), key_hash, key_equal);
}

/* System ports 0-1023, User ports 1024-49151, Dynamic ports 49152-65535. */
static int registry_range(guint16 port)
{
    return port < 1024 ? 0 : port < 49152 ? 1 : 2;
}

iana_role_t iana_role_by_registry(iana_transport_t transport, iana_list_t src, iana_list_t dst,
                                  guint16 src_port, guint16 dst_port)
{
    gboolean src_local = iana_local_first(transport, src_port) != NULL;
    gboolean dst_local = iana_local_first(transport, dst_port) != NULL;
    gboolean src_registered = iana_assigned(src), dst_registered = iana_assigned(dst);
    iana_role_t role = { IANA_BASIS_NONE, 0 };

    /* What you assigned yourself outranks the registry's word. */
    if (src_local || dst_local) {
        role.basis = IANA_BASIS_LOCAL;
        role.server_port = src_local && dst_local ? MIN(src_port, dst_port) : src_local ? src_port : dst_port;
        return role;
    }
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

/* The conversation's key, into key[KEY_MAX_WORDS]; FALSE for addresses of
 * another kind than IP. */
static gboolean make_key(guint32 *key, const iana_header_t *h, const iana_addresses_t *a)
{
    guint8 *bytes = (guint8 *)key;
    guint16 ports[2];
    int order;

    if (a->src.len != a->dst.len || (a->src.len != 4 && a->src.len != 16))
        return FALSE;
    memset(key, 0, KEY_MAX_WORDS * sizeof(guint32));
    bytes[0] = (guint8)h->transport;
    bytes[1] = (guint8)a->src.len;
    order = memcmp(a->src.data, a->dst.data, (size_t)a->src.len);
    if (order == 0)
        order = (int)h->src_port - (int)h->dst_port;
    ports[order > 0] = h->src_port;
    ports[order <= 0] = h->dst_port;
    memcpy(bytes + 4, ports, sizeof ports);
    memcpy(bytes + 8 + (order > 0) * a->src.len, a->src.data, (size_t)a->src.len);
    memcpy(bytes + 8 + (order <= 0) * a->src.len, a->dst.data, (size_t)a->dst.len);
    return TRUE;
}

/* The server port TCP learnt from the connection's SYN, or 0: TCP's own
 * conversation of this header. */
static guint16 tcp_server_port(packet_info *pinfo, const iana_header_t *h, const iana_addresses_t *a)
{
    conversation_t *conv = find_conversation(pinfo->num, &a->src, &a->dst, CONVERSATION_TCP,
                                             h->src_port, h->dst_port, 0);
    const struct tcp_analysis *tcpd = conv != NULL ? (const struct tcp_analysis *)
                                      conversation_get_proto_data(conv, proto_tcp) : NULL;
    guint16 port = tcpd != NULL ? tcpd->server_port : 0;

    return port == h->src_port || port == h->dst_port ? port : 0;
}

/* The surest decision so far. */
static iana_role_t role_at(const iana_roles_t *roles, unsigned i)
{
    iana_role_t role = { (iana_basis_t)roles->basis[i], roles->server_port[i] };

    return role;
}

static iana_role_t latest_role(const iana_roles_t *roles)
{
    return role_at(roles, roles->count - 1u);
}

/* A surer role than known, as this packet tells it, or one with
 * IANA_BASIS_NONE. A SYN outranks all; a guess between two registered ports,
 * and the only registered side, yield to the port Wireshark dissects the
 * found protocol on. */
static iana_role_t surer_role(iana_conv_t *state, packet_info *pinfo, const iana_header_t *h,
                              const iana_addresses_t *a)
{
    iana_role_t known = latest_role(&state->roles);
    iana_role_t role = { IANA_BASIS_NONE, 0 };
    guint16 port;

    if (h->transport == IANA_TCP && known.basis < IANA_BASIS_SYN && state->tcp_looks < SYN_LOOKS) {
        state->tcp_looks++;
        port = tcp_server_port(pinfo, h, a);
        if (port != 0) {
            role.basis = IANA_BASIS_SYN;
            role.server_port = port;
            return role;
        }
    }
    /* Only while the payload is still being looked at: the found protocol
     * shows on the first packets, and later ones cost nothing. A local
     * assignment is not second-guessed. The only registered side yields
     * too, to the other port when Wireshark dissects the protocol found
     * there (TZSP to 37008 from a source port that happens to be
     * registered). */
    if ((known.basis == IANA_BASIS_NUMBER || known.basis == IANA_BASIS_RANGE ||
         known.basis == IANA_BASIS_REGISTERED) &&
        state->check.verdict_frame == 0 &&
        iana_dissector_port(pinfo, h->transport, h->src_port, h->dst_port, &port) &&
        (known.basis != IANA_BASIS_REGISTERED || port != known.server_port)) {
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
    roles->basis[roles->count] = (guint8)role.basis;
    roles->server_port[roles->count] = role.server_port;
    roles->frame[roles->count] = frame;
    roles->count++;
}

/* Whether nothing a later packet shows can change the record: the payload
 * check has concluded, and no SYN can make the role surer. */
static gboolean settled(const iana_conv_t *state, const iana_header_t *h)
{
    return state->check.verdict_frame != 0 &&
           (h->transport != IANA_TCP || latest_role(&state->roles).basis == IANA_BASIS_SYN ||
            state->tcp_looks >= SYN_LOOKS);
}

/* The role of a header whose conversation has no record, or had none yet on
 * this frame: the port that received the SYN where TCP saw one, else the
 * registry's word. A record made later starts from the same. */
static iana_role_t role_without_record(packet_info *pinfo, const iana_header_t *h, const iana_addresses_t *a,
                                       iana_list_t src, iana_list_t dst)
{
    iana_role_t role = { IANA_BASIS_SYN, 0 };

    if (a->src.len != 0 && h->transport == IANA_TCP)
        role.server_port = tcp_server_port(pinfo, h, a);
    if (role.server_port != 0)
        return role;
    if (src == IANA_NOT_LOOKED_UP) {
        src = iana_lookup(h->transport, h->src_port);
        dst = iana_lookup(h->transport, h->dst_port);
    }
    return iana_role_by_registry(h->transport, src, dst, h->src_port, h->dst_port);
}

iana_conv_t *iana_conversation(packet_info *pinfo, iana_header_t *h, iana_list_t src, iana_list_t dst,
                               iana_role_t *role)
{
    iana_addresses_t a;
    guint32 key[KEY_MAX_WORDS];
    iana_conv_t *state = NULL;

    if (iana_headers_addresses(pinfo, h, &a) && make_key(key, h, &a))
        state = (iana_conv_t *)wmem_map_lookup(conversations, key);
    else
        a.src.len = 0;
    /* A frame from before the record was made, seen again: as it was seen. */
    if (state != NULL && pinfo->num < state->roles.frame[0]) {
        if (role != NULL)
            *role = role_without_record(pinfo, h, &a, src, dst);
        return state;
    }
    if (state != NULL && state->settled) {
        if (role != NULL)
            *role = iana_conversation_role(state, pinfo->num);
        return state;
    }
    /* A record is made, and changed, only by a packet with a payload (a SYN,
     * an ACK has nothing for the check to probe or for the role to learn:
     * what TCP learnt of the SYN it keeps itself), on the first pass. */
    if (state == NULL && (!h->has_payload || a.src.len == 0 || PINFO_FD_VISITED(pinfo))) {
        if (role != NULL)
            *role = role_without_record(pinfo, h, &a, src, dst);
        return NULL;
    }
    /* Only a new record needs the registry's word. */
    if (state == NULL && src == IANA_NOT_LOOKED_UP) {
        src = iana_lookup(h->transport, h->src_port);
        dst = iana_lookup(h->transport, h->dst_port);
    }
    /* Nothing registered: no mismatch to find and no guess to improve, so
     * no record; only TCP's own record of the SYN can tell the service. */
    if (state == NULL && !iana_assigned(src) && !iana_assigned(dst) &&
        iana_local_first(h->transport, h->src_port) == NULL && iana_local_first(h->transport, h->dst_port) == NULL) {
        if (role != NULL)
            *role = role_without_record(pinfo, h, &a, src, dst);
        return NULL;
    }
    if (!PINFO_FD_VISITED(pinfo) && h->has_payload) {
        iana_role_t surer;

        if (state == NULL) {
            size_t key_size = key_words(key) * sizeof(guint32);

            state = (iana_conv_t *)wmem_alloc0(wmem_file_scope(), sizeof(iana_conv_t) + key_size);
            memcpy(state->key, key, key_size);
            add_role(&state->roles, iana_role_by_registry(h->transport, src, dst, h->src_port, h->dst_port),
                     pinfo->num);
            wmem_map_insert(conversations, state->key, state);
        }
        surer = surer_role(state, pinfo, h, &a);
        if (surer.basis > latest_role(&state->roles).basis)
            add_role(&state->roles, surer, pinfo->num);
    }
    if (role != NULL)
        *role = iana_conversation_role(state, pinfo->num);
    return state;
}

void iana_conversation_observed(iana_conv_t *state, const iana_header_t *h)
{
    state->settled = settled(state, h);
}

iana_role_t iana_conversation_role(const iana_conv_t *conv, guint32 frame)
{
    guint8 i = conv->roles.count;

    while (i > 1 && conv->roles.frame[i - 1] > frame)
        i--;
    return role_at(&conv->roles, i - 1u);
}

gboolean iana_basis_confident(iana_basis_t basis)
{
    return (unsigned)basis < IANA_BASES && bases[basis].confident;
}

const char *iana_basis_name(iana_basis_t basis)
{
    return (unsigned)basis < IANA_BASES ? bases[basis].name : "none";
}
