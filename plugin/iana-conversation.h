/* iana-conversation.h - which side of a conversation is the service.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef IANA_CONVERSATION_H
#define IANA_CONVERSATION_H

#include <epan/packet.h>

#include "iana-headers.h"
#include "iana-mismatch.h"
#include "iana-registry.h"

/* How the service side was decided, weakest first. */
typedef enum {
    IANA_BASIS_NONE,            /* neither port is registered: undecided */
    IANA_BASIS_NUMBER,          /* both registered, same range: the lower port */
    IANA_BASIS_RANGE,           /* both registered: the lower registry range */
    IANA_BASIS_REGISTERED,      /* the only registered side */
    IANA_BASIS_DISSECTOR,       /* both registered: the port of Wireshark's dissector for what it found */
    IANA_BASIS_LOCAL,           /* a local assignment (iana-local.h) names the port */
    IANA_BASIS_SYN,             /* TCP: the port that received the first SYN */
    IANA_BASES
} iana_basis_t;

typedef struct {
    iana_basis_t basis;
    guint16 server_port;        /* when basis is not IANA_BASIS_NONE */
} iana_role_t;

/* A conversation's role changes at most this often: a guess, then a
 * dissector's port, then a SYN. */
#define IANA_MAX_ROLES 3

/* The first decision, then each surer one, with the frame it was made on;
 * packed, since every conversation with a registered port keeps one. */
typedef struct {
    guint8 basis[IANA_MAX_ROLES];       /* iana_basis_t */
    guint8 count;
    guint16 server_port[IANA_MAX_ROLES];
    guint32 frame[IANA_MAX_ROLES];
} iana_roles_t;

/* A conversation's record, followed by its key (iana-conversation.c):
 * 64 bytes for IPv4, 88 for IPv6. */
typedef struct {
    iana_roles_t roles;         /* which side is the service (this module) */
    iana_check_t check;         /* what the payload was seen to carry (iana-mismatch) */
    guint32 header_at;          /* where the header was in the frame, to look there first */
    guint8 tcp_looks;           /* packets on which TCP's record of a SYN was looked for */
    guint8 settled;             /* nothing a later packet shows can change the record */
    guint32 key[];              /* transport, address length, ports, then the two addresses */
} iana_conv_t;

void iana_conversation_init(void);

/* The service side by the tables alone: a port of a local assignment over
 * any other, else a registered port over an unregistered one, else the
 * lower registry range (System, User, Dynamic), else the lower port. */
iana_role_t iana_role_by_registry(iana_transport_t transport, iana_list_t src, iana_list_t dst,
                                  guint16 src_port, guint16 dst_port);

/* The state of h's conversation, and in role (unless NULL) the role as
 * known when this frame was first dissected. On the first pass the state is
 * created on first sight with the registry's role, and a surer decision is
 * added when one appears: TCP's record of the first SYN, or, when both ports
 * are registered, the port Wireshark dissects the found protocol on. Later
 * passes only read it. A conversation with neither port registered keeps no
 * state: its role is TCP's SYN or none. NULL when no state is kept, or h's
 * own addresses are not known. src and dst are the ports' registry matches. */
iana_conv_t *iana_conversation(packet_info *pinfo, iana_header_t *h, iana_list_t src, iana_list_t dst,
                               iana_role_t *role);

/* For src and dst of iana_conversation(): not looked up yet, to be looked
 * up only if the conversation needs them (its record is not settled). */
#define IANA_NOT_LOOKED_UP UINT32_MAX

/* After the payload check looked at a packet of the conversation: whether
 * its record is settled now. */
void iana_conversation_observed(iana_conv_t *conv, const iana_header_t *h);

/* The role as known when frame was first dissected. */
iana_role_t iana_conversation_role(const iana_conv_t *conv, guint32 frame);

/* Whether a mismatch may be claimed against the service side so decided. */
gboolean iana_basis_confident(iana_basis_t basis);

const char *iana_basis_name(iana_basis_t basis);

#endif /* IANA_CONVERSATION_H */
