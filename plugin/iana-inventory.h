/* iana-inventory.h - the services seen: one record per service endpoint.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef IANA_INVENTORY_H
#define IANA_INVENTORY_H

#include <epan/packet.h>
#include <wsutil/inet_addr.h>

#include "iana-tap.h"

/* What one service endpoint (address, transport, port) was seen doing. */
typedef struct {
    char address[WS_INET6_ADDRSTRLEN];  /* "" when the header's IP header was not found */
    const char *transport;              /* tcp, udp, sctp or dccp */
    guint16 port;
    char *service;                      /* the local or registered name, or "" */
    const char *status;                 /* assigned, reserved, unassigned, local or unregistered */
    char *assignee;                     /* the first assignee, or a local row's owner, or "" */
    char observed[96];                  /* the distinct protocols seen, in the order seen, ';' between */
    gboolean mismatch;                  /* a conversation with it carried another protocol */
    gboolean unauthorized_use;          /* the registry reports Known Unauthorized Use of the port */
    gboolean deassigned;                /* the port is de-assigned, removed or de-registered */
    guint64 packets, bytes, conversations;
    gboolean has_time;
    nstime_t first_seen, last_seen;
    guint row;                          /* its row in a table: the order first seen */
    char first_text[32], last_text[32]; /* the times as a table shows them */
} iana_endpoint_t;

typedef struct iana_inventory iana_inventory_t;

iana_inventory_t *iana_inventory_new(void);
void iana_inventory_free(iana_inventory_t *inventory);

/* Forget everything counted. */
void iana_inventory_clear(iana_inventory_t *inventory);

/* Count a packet: each header with a decided service side under its
 * endpoint, a packet with a header whose side is undecided in the
 * undecided count. Returns how many endpoints it counted, each in touched. */
unsigned iana_inventory_add(iana_inventory_t *inventory, const packet_info *pinfo, const iana_tap_t *tap,
                            iana_endpoint_t *touched[IANA_MAX_HEADERS]);

/* The endpoints, in the order first seen. */
const GPtrArray *iana_inventory_endpoints(const iana_inventory_t *inventory);

/* The endpoints sorted by address (IPv4, then IPv6, then unknown), transport and port. */
GPtrArray *iana_inventory_sorted(const iana_inventory_t *inventory);

/* Packets, and their bytes, with a header whose service side is undecided. */
guint64 iana_inventory_undecided_packets(const iana_inventory_t *inventory);
guint64 iana_inventory_undecided_bytes(const iana_inventory_t *inventory);

/* A time as ISO 8601 UTC with microseconds: 2026-01-01T00:00:00.000000Z. */
void iana_inventory_time_text(const nstime_t *when, char *text, size_t size);

#endif /* IANA_INVENTORY_H */
