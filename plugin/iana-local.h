/* iana-local.h - your own port assignments, beside IANA's.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef IANA_LOCAL_H
#define IANA_LOCAL_H

#include <epan/prefs.h>

#include "iana-registry.h"

/* One row of the "Local port assignments" table (iana_local_ports),
 * checked: a port or a range, a transport (or any), a service name, and
 * what else the row says ("" when it says nothing). */
typedef struct {
    char *ports, *transport, *service, *description, *owner, *contact, *note, *protocol;
    guint16 low, high;          /* the ports, parsed */
    int transport_id;           /* iana_transport_t, or -1 for any */
} iana_local_t;

/* The rows that cover a port, in table order. */
typedef struct {
    const iana_local_t *const *items;
    guint count;
} iana_local_span_t;

/* Register the table and its preference under module; call once. */
void iana_local_register(module_t *module);

/* Index the table's rows; call when a dissection starts. */
void iana_local_refresh(void);

/* The rows covering port on transport; no allocation, O(log rows). */
iana_local_span_t iana_local_lookup(iana_transport_t transport, guint16 port);

/* The first row covering port on transport, or NULL. */
const iana_local_t *iana_local_first(iana_transport_t transport, guint16 port);

#endif /* IANA_LOCAL_H */
