/* packet-iana.h - registration of the IANA port registry postdissector.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef PACKET_IANA_H
#define PACKET_IANA_H

void proto_register_iana(void);
void proto_reg_handoff_iana(void);

#endif /* PACKET_IANA_H */
