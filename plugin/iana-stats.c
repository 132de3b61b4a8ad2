/* iana-stats.c - the "IANA Port Registry" statistics tree.
 *
 * Packets and bytes by the service side's registered service, by assignee
 * organisation and by status; the ports with Known Unauthorized Use, the
 * de-assigned ports seen, the protocol mismatches, and the unregistered
 * service ports. tshark -q -z iana,tree, or Statistics > IANA Port Registry.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#define WS_LOG_DOMAIN "iana"

#include <wireshark.h>
#include <epan/packet.h>
#include <epan/stats_tree.h>
#include <epan/tap.h>

#include "iana-registry-version.h"
#include "iana-stats.h"

/* Node ids of the top-level sections, set when a tree is initialised and
 * read for every tapped packet. */
static int node_packets = -1;
static int node_bytes = -1;
static int node_orgs = -1;
static int node_status = -1;
static int node_unauthorized = -1;
static int node_deassigned = -1;
static int node_mismatch = -1;
static int node_unregistered = -1;

static const char *const sections[] = {
    "Packets by service", "Bytes by service", "Packets by assignee organisation",
    "Packets by status", "Known Unauthorized Use", "De-assigned ports in use",
    "Protocol mismatches", "Unregistered service ports",
};

static void stats_init(stats_tree *st)
{
    int *const nodes[] = { &node_packets, &node_bytes, &node_orgs, &node_status, &node_unauthorized,
                           &node_deassigned, &node_mismatch, &node_unregistered };

    for (size_t i = 0; i < G_N_ELEMENTS(nodes); i++)
        *nodes[i] = stats_tree_create_node(st, sections[i], 0, STAT_DT_INT, TRUE);
}

/* Who the port is assigned to, as an organisation where the registry has one. */
static const char *organisation(const iana_entry_t *entry)
{
    iana_span_t assignees = iana_entry_list(entry, IANA_ASSIGNEES);
    const iana_person_t *p = assignees.count ? iana_person(assignees.items[0]) : NULL;

    if (p == NULL)
        return "(none listed)";
    return *iana_str(p->org) ? iana_str(p->org) : *iana_str(p->name) ? iana_str(p->name) : iana_str(p->id);
}

/* Known Unauthorized Use and de-assignment, for any port the packet uses. */
static void port_flags(stats_tree *st, const iana_tap_t *tap)
{
    const char *transport = iana_transport_name(tap->transport);
    char label[256];

    for (int side = 0; side < 2; side++) {
        const iana_record_t *rec = tap->matches[side] ? iana_record(iana_list_item(tap->matches[side], 0)) : NULL;
        const iana_entry_t *entry = rec ? iana_entry(rec) : NULL;
        const iana_event_t *gone = entry ? iana_entry_deassignment(entry) : NULL;

        if (entry == NULL || (side == 1 && tap->port[1] == tap->port[0]))
            continue;
        if (iana_unauthorized_at(entry, tap->port[side])) {
            snprintf(label, sizeof label, "%u/%s %s", tap->port[side], transport, iana_str(rec->service));
            tick_stat_node(st, sections[4], 0, TRUE);
            tick_stat_node(st, label, node_unauthorized, FALSE);
        }
        if (gone != NULL) {
            snprintf(label, sizeof label, "%u/%s (%s %s%s%s)", tap->port[side], transport,
                     iana_str(gone->event), iana_str(gone->date),
                     *iana_str(gone->former_service) ? ", was " : "", iana_str(gone->former_service));
            tick_stat_node(st, sections[5], 0, TRUE);
            tick_stat_node(st, label, node_deassigned, FALSE);
        }
    }
}

/* Packets and bytes under the service side's name and status. */
static void by_service(stats_tree *st, const iana_tap_t *tap, const char *label, const char *status)
{
    tick_stat_node(st, sections[0], 0, TRUE);
    tick_stat_node(st, label, node_packets, FALSE);
    increase_stat_node(st, sections[1], 0, TRUE, tap->bytes);
    increase_stat_node(st, label, node_bytes, FALSE, tap->bytes);
    tick_stat_node(st, sections[3], 0, TRUE);
    tick_stat_node(st, status, node_status, FALSE);
}

static tap_packet_status stats_packet(stats_tree *st, packet_info *pinfo _U_, epan_dissect_t *edt _U_,
                                      const void *data, tap_flags_t flags _U_)
{
    const iana_tap_t *tap = (const iana_tap_t *)data;
    const char *transport = iana_transport_name(tap->transport);
    iana_list_t server = tap->matches[tap->server_port == tap->port[0] ? 0 : 1];
    const iana_record_t *rec;
    const iana_entry_t *entry;
    const char *status, *name;
    char label[256];

    port_flags(st, tap);
    if (!tap->has_server) {
        by_service(st, tap, "(service side unknown)", "service side unknown");
        return TAP_PACKET_REDRAW;
    }
    if (server == 0) {
        by_service(st, tap, "(unregistered)", "unregistered");
        snprintf(label, sizeof label, "%u/%s", tap->server_port, transport);
        tick_stat_node(st, sections[7], 0, TRUE);
        tick_stat_node(st, label, node_unregistered, FALSE);
        return TAP_PACKET_REDRAW;
    }
    rec = iana_record(iana_list_item(server, 0));
    entry = iana_entry(rec);
    status = iana_status_name((iana_status_t)entry->status);
    name = *iana_str(rec->service) ? iana_str(rec->service) : status;
    snprintf(label, sizeof label, "%s (%u/%s, %s)", name, tap->server_port, transport, status);
    by_service(st, tap, label, status);
    tick_stat_node(st, sections[2], 0, TRUE);
    tick_stat_node(st, organisation(entry), node_orgs, FALSE);
    if (tap->mismatch != NULL) {
        snprintf(label, sizeof label, "%s on %u/%s (registered: %s)", tap->mismatch, tap->server_port,
                 transport, name);
        tick_stat_node(st, sections[6], 0, TRUE);
        tick_stat_node(st, label, node_mismatch, FALSE);
    }
    return TAP_PACKET_REDRAW;
}

void iana_stats_register(void)
{
    /* A protocol tree lets the postdissector probe payloads for mismatches. */
    stats_tree_register_plugin("iana", "iana", "IANA Port Registry (" IANA_REGISTRY_EDITION ")",
                               TL_REQUIRES_PROTO_TREE | ST_FLG_SORT_DESC |
                               (ST_SORT_COL_COUNT << ST_FLG_SRTCOL_SHIFT),
                               stats_packet, stats_init, NULL);
}
