/* iana-mismatch.h - tell the protocol a conversation carries from the one
 * its service port is registered for.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef IANA_MISMATCH_H
#define IANA_MISMATCH_H

#include <epan/packet.h>

#include "iana-registry.h"

/* Look up the port tables and protocol ids; call once, after registration. */
void iana_mismatch_init(int proto_self);

/* The protocol a payload's first bytes announce (TLS record, HTTP request
 * or status line, SSH banner, DNS message, XMPP stream), or NULL. */
const char *iana_probe_payload(tvbuff_t *tvb, int offset, iana_transport_t transport);

/* The first protocol Wireshark found above the innermost transport header,
 * as its filter name, or NULL when there is none or it is only "data". */
const char *iana_protocol_above_transport(packet_info *pinfo);

/* Whether observed is what port on transport is for: the protocol Wireshark
 * registers on that port, a registered service name (through a short alias
 * table), or TLS for a service the registry describes as running over TLS. */
gboolean iana_protocol_expected(iana_transport_t transport, guint16 port, iana_list_t matches,
                                const char *observed);

#endif /* IANA_MISMATCH_H */
