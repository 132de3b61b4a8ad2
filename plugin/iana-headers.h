/* iana-headers.h - find every transport header of a dissected packet.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef IANA_HEADERS_H
#define IANA_HEADERS_H

#include <epan/epan.h>
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
    tvbuff_t *tvb;          /* where the header was found in the tree, or NULL */
    int payload;            /* offset of its TCP/UDP payload in tvb, or -1 */
} iana_header_t;

typedef struct {
    iana_header_t header[IANA_MAX_HEADERS];
    unsigned count;
} iana_headers_t;

/* Look the transport protocols up; call once, after they have registered. */
void iana_headers_init(void);

/* Make a new dissection keep every protocol item of its tree; an
 * epan_plugin's dissect_init. */
void iana_headers_dissect_init(epan_dissect_t *edt);

/* Whether a protocol id is one of the four transports. */
gboolean iana_headers_is_transport(int proto);

/* The packet's transport headers, outermost first. */
void iana_headers_collect(proto_tree *tree, packet_info *pinfo, iana_headers_t *out);

#endif /* IANA_HEADERS_H */
