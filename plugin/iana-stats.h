/* iana-stats.h - the "IANA Port Registry" statistics tree.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef IANA_STATS_H
#define IANA_STATS_H

#include <epan/packet.h>

#include "iana-local.h"
#include "iana-registry.h"

/* What the postdissector taps for each packet: its service side. */
typedef struct {
    guint32 bytes;              /* frame length */
    iana_transport_t transport;
    gboolean has_server;        /* the service side is known */
    guint16 server_port;
    guint16 port[2];            /* source and destination port */
    iana_list_t matches[2];     /* their registry matches */
    const iana_local_t *local;  /* the service side's local assignment, or NULL */
    const char *mismatch;       /* the protocol seen instead of the registered one, or NULL */
} iana_tap_t;

/* Register the statistics tree on the "iana" tap (tshark -z iana,tree),
 * titled title. */
void iana_stats_register(const char *title);

/* Give the statistics tree a new title: the registry in use changed. */
void iana_stats_retitle(const char *title);

#endif /* IANA_STATS_H */
