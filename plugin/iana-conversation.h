/* iana-conversation.h - which side of a conversation is the service, and
 * what it was seen to carry.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef IANA_CONVERSATION_H
#define IANA_CONVERSATION_H

#include <epan/packet.h>

#include "iana-headers.h"
#include "iana-registry.h"

/* How the service side was decided. */
typedef enum {
    IANA_BASIS_NONE,            /* neither port is registered: undecided */
    IANA_BASIS_SYN,             /* TCP: the port that received the first SYN */
    IANA_BASIS_REGISTERED,      /* the only registered side */
    IANA_BASIS_RANGE,           /* both registered: the lower registry range */
    IANA_BASIS_NUMBER           /* both registered, same range: the lower port */
} iana_basis_t;

typedef struct {
    iana_basis_t basis;
    guint16 server_port;        /* when basis is not IANA_BASIS_NONE */
} iana_role_t;

/* What the plugin keeps per conversation, in file scope. */
typedef struct {
    iana_role_t role;
    guint8 probes;              /* payload packets looked at so far */
    guint32 verdict_frame;      /* where the payload check concluded; 0: still looking */
    const char *observed;       /* protocol seen (static string), or NULL */
    gboolean mismatch;          /* observed is not what the service port is for */
} iana_conv_t;

/* Call once, after the protocols have registered. */
void iana_conversation_init(void);

/* The service side by the registry alone: a registered port over an
 * unregistered one, else the lower registry range (System, User, Dynamic),
 * else the lower port. */
iana_role_t iana_role_by_registry(iana_list_t src, iana_list_t dst, guint16 src_port, guint16 dst_port);

/* The state of pinfo's conversation, created on first sight with its role:
 * TCP's own record of the first SYN when it saw one, else the registry rule.
 * NULL when Wireshark keeps no conversation for the packet. */
iana_conv_t *iana_conversation(packet_info *pinfo, int proto_iana, const iana_header_t *h,
                               iana_list_t src, iana_list_t dst);

/* Probe the header's payload and conclude the conversation's check when it
 * can; looks at no more than a few payload packets per conversation. */
void iana_conversation_observe(iana_conv_t *conv, packet_info *pinfo, const iana_header_t *h,
                               iana_list_t server_matches);

const char *iana_basis_name(iana_basis_t basis);

#endif /* IANA_CONVERSATION_H */
