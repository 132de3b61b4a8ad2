/* iana-mismatch.h - tell the protocol a conversation carries from the one
 * its service port is registered for: the payload probes, and the check
 * that runs them over a conversation's first packets.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef IANA_MISMATCH_H
#define IANA_MISMATCH_H

#include <epan/packet.h>

#include "iana-headers.h"
#include "iana-registry.h"

/* What the payload check learnt of one conversation, kept with the
 * conversation's role (iana-conversation.h). Changed only on the first
 * pass; the frame the check concluded on tells later passes from which
 * frame on a mismatch shows. */
typedef struct {
    guint8 probes;              /* payload packets probed so far */
    guint8 looks;               /* packets looked at, zero padding included */
    guint8 mismatch;            /* observed is not what the service port is for */
    guint32 verdict_frame;      /* where the check concluded; 0: still looking */
    const char *observed;       /* protocol seen (static string), or NULL */
} iana_check_t;

/* Look up the port tables and protocol ids; call once, after registration. */
void iana_mismatch_init(int proto_self);

/* The first protocol Wireshark found above the number-th transport header
 * of the packet (1 the outermost; 0 the innermost), as its filter name, or
 * NULL when there is none or it is only "data" or a data format (XML, JSON,
 * text lines). */
const char *iana_protocol_above(packet_info *pinfo, unsigned number);

/* The one of two ports on which Wireshark's port table registers the
 * dissector of the protocol it found above the transport; FALSE when it
 * found none, or the table names neither port or both. */
gboolean iana_dissector_port(packet_info *pinfo, iana_transport_t transport, guint16 src_port,
                             guint16 dst_port, guint16 *port);

/* First pass only: probe the header's payload and conclude the check when
 * it can. Probes at most a few payload packets and looks at a bounded number
 * of packets per conversation. A mismatch is claimed only when confident:
 * the service side, server_port, was known on this frame by a sure basis.
 * header_at is where the conversation's header was in the frame before:
 * looked at first, and updated. */
void iana_check_observe(iana_check_t *check, packet_info *pinfo, iana_header_t *h, gboolean confident,
                        guint16 server_port, guint *header_at);

/* The protocol the check saw, as known on frame (from the frame it
 * concluded on), or NULL. */
const char *iana_check_observed(const iana_check_t *check, guint32 frame);

/* The protocol seen instead of the registered one, as known on frame (the
 * check's verdict, from the frame it concluded on), or NULL. */
const char *iana_check_mismatch(const iana_check_t *check, guint32 frame);

#endif /* IANA_MISMATCH_H */
