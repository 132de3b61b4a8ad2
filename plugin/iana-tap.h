/* iana-tap.h - what the postdissector tells its listeners of each packet.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef IANA_TAP_H
#define IANA_TAP_H

#include <epan/packet.h>

#include "iana-headers.h"
#include "iana-local.h"
#include "iana-registry.h"

/* One transport header of the packet, and its service side. */
typedef struct {
    iana_transport_t transport;
    gboolean current;           /* the packet's own innermost header (not a tunnel's, not quoted) */
    gboolean quoted;            /* inside an ICMP or ICMPv6 error */
    gboolean has_server;        /* the service side is known */
    guint16 server_port;
    guint16 port[2];            /* source and destination port */
    iana_list_t matches[2];     /* their registry matches */
    const iana_local_t *local;  /* the service side's local assignment, or NULL */
    const char *mismatch;       /* the protocol seen instead of the registered one, or NULL */
    const char *observed;       /* the protocol seen on it (filter name), or NULL */
    gboolean has_addresses;     /* addresses holds the header's own IP addresses */
    iana_addresses_t addresses;
} iana_tap_header_t;

/* Every header of one packet, outermost first. */
typedef struct {
    guint32 bytes;              /* frame length */
    unsigned count;
    iana_tap_header_t header[IANA_MAX_HEADERS];
} iana_tap_t;

/* The packet's own header, or NULL. */
static inline const iana_tap_header_t *iana_tap_current(const iana_tap_t *tap)
{
    for (unsigned i = 0; i < tap->count; i++) {
        if (tap->header[i].current)
            return &tap->header[i];
    }
    return NULL;
}

#endif /* IANA_TAP_H */
