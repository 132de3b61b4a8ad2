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
    unsigned number;        /* its place among the packet's transport layers, 1 the outermost */
    gboolean has_payload;   /* it carries a payload: a dissector took it, or TCP holds it for reassembly */
    gboolean current;       /* the innermost header that is the packet's own: it has a conversation */
    gboolean sole;          /* the packet's only transport header, outside any ICMP error */
    tvbuff_t *tvb;          /* where the TCP/UDP header was found (iana_headers_locate), or NULL */
    guint start;            /* the header's offset in tvb */
    guint payload;          /* its payload's offset in tvb */
} iana_header_t;

/* The network addresses of a transport header: its own IP header's. */
typedef struct {
    address src, dst;
} iana_addresses_t;

typedef struct {
    iana_header_t header[IANA_MAX_HEADERS];
    unsigned count;         /* headers whose ports are known */
    unsigned layers;        /* transport layers, known or not */
} iana_headers_t;

/* Look the transport protocols up; call once, after they have registered. */
void iana_headers_init(void);

/* Whether a protocol id is one of the four transports. */
gboolean iana_headers_is_transport(int proto);

/* The packet's transport headers, outermost first; whether there are any.
 * With payload_only, none unless one carries a payload (a dissector took
 * it, or TCP holds it for reassembly): a packet without (a SYN, an ACK)
 * holds nothing for a conversation's record to learn, and costs only one
 * walk along the layer list, and for TCP a look at its IP header. */
gboolean iana_headers_collect(packet_info *pinfo, iana_headers_t *out, gboolean payload_only);

/* Whether h, a TCP or UDP header that is not quoted, was found by its ports
 * in the bytes of pinfo's data sources (the same with or without a tree);
 * sets h->tvb, h->start and h->payload. The header is looked for at hint
 * first (where it was in an earlier packet of its flow; 0: anywhere). */
gboolean iana_headers_locate(packet_info *pinfo, iana_header_t *h, guint hint);

/* The addresses of the IP header that carries h: pinfo's for a sole header,
 * else read from the IP header right before h in the frame (a quoted
 * header's: the quoted packet's). FALSE when not known: then h has no
 * conversation of its own. */
gboolean iana_headers_addresses(packet_info *pinfo, iana_header_t *h, iana_addresses_t *out);

#endif /* IANA_HEADERS_H */
