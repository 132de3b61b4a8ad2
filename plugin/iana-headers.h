/* iana-headers.h - find every transport header of a dissected packet.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef IANA_HEADERS_H
#define IANA_HEADERS_H

#include <epan/packet.h>

#include "iana-registry.h"

/* More transport headers than this in one packet are not annotated. */
#define IANA_MAX_HEADERS 8

typedef struct {
    iana_transport_t transport;
    guint16 src_port;
    guint16 dst_port;
    gboolean quoted;        /* inside an ICMP or ICMPv6 error */
    gboolean current;       /* the header pinfo and the conversation describe */
    tvbuff_t *tvb;          /* where its TCP/UDP payload was found, or NULL */
    guint payload;          /* the payload's offset in tvb */
} iana_header_t;

typedef struct {
    iana_header_t header[IANA_MAX_HEADERS];
    unsigned count;
} iana_headers_t;

/* Look the transport protocols up; call once, after they have registered. */
void iana_headers_init(void);

/* Whether a protocol id is one of the four transports. */
gboolean iana_headers_is_transport(int proto);

/* The packet's transport headers, outermost first. */
void iana_headers_collect(packet_info *pinfo, iana_headers_t *out);

/* Whether h, a TCP or UDP header that is not quoted, has a payload, found
 * by its ports in the bytes of pinfo's data sources (the same with or
 * without a tree). Sets h->tvb and h->payload when found. */
gboolean iana_headers_find_payload(packet_info *pinfo, iana_header_t *h);

#endif /* IANA_HEADERS_H */
