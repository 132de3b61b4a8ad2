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

#include "iana-compat.h"
#if IANA_HAS_STATS_TREE_PRIV_H
#include <epan/stats_tree_priv.h>
#endif
#include "iana-stats.h"

/* The tree's top-level sections, in the order shown. */
typedef enum {
    SECTION_PACKETS,
    SECTION_BYTES,
    SECTION_ORGS,
    SECTION_STATUS,
    SECTION_UNAUTHORIZED,
    SECTION_DEASSIGNED,
    SECTION_MISMATCH,
    SECTION_UNREGISTERED,
    SECTIONS
} section_t;

static const value_string section_names[] = {
    { SECTION_PACKETS, "Packets by service" },
    { SECTION_BYTES, "Bytes by service" },
    { SECTION_ORGS, "Packets by assignee organisation" },
    { SECTION_STATUS, "Packets by status" },
    { SECTION_UNAUTHORIZED, "Known Unauthorized Use" },
    { SECTION_DEASSIGNED, "De-assigned ports in use" },
    { SECTION_MISMATCH, "Protocol mismatches" },
    { SECTION_UNREGISTERED, "Unregistered service ports" },
    { 0, NULL }
};

/* Node id of each section, set when a tree is initialised and read for
 * every tapped packet. */
static int section_node[SECTIONS] = { -1, -1, -1, -1, -1, -1, -1, -1 };

static void stats_init(stats_tree *st)
{
    for (const value_string *s = section_names; s->strptr != NULL; s++)
        section_node[s->value] = stats_tree_create_node(st, s->strptr, 0, STAT_DT_INT, TRUE);
}

/* Count a packet in a section, under label. */
static void tick(stats_tree *st, section_t section, const char *label)
{
    tick_stat_node(st, val_to_str_const(section, section_names, ""), 0, TRUE);
    tick_stat_node(st, label, section_node[section], FALSE);
}

/* Who the port is assigned to, as an organisation where the registry has one. */
static const char *organisation(const iana_entry_t *entry)
{
    const iana_person_t *p = iana_first_assignee(entry);

    return p != NULL ? iana_person_organisation(p) : "(none listed)";
}

/* Known Unauthorized Use and de-assignment, for any port the packet uses. */
static void port_flags(stats_tree *st, const iana_tap_header_t *tap)
{
    const char *transport = iana_transport_name(tap->transport);
    char label[256];

    for (int side = 0; side < 2; side++) {
        const iana_entry_t *entry = iana_primary_entry(tap->matches[side]);
        const iana_event_t *gone = entry ? iana_entry_deassignment(entry) : NULL;

        if (entry == NULL || (side == 1 && tap->port[1] == tap->port[0]))
            continue;
        if (iana_unauthorized_at(entry, tap->port[side])) {
            snprintf(label, sizeof label, "%u/%s %s", tap->port[side], transport,
                     iana_primary_service(tap->matches[side]));
            tick(st, SECTION_UNAUTHORIZED, label);
        }
        if (gone != NULL) {
            snprintf(label, sizeof label, "%u/%s (%s %s%s%s)", tap->port[side], transport,
                     iana_str(gone->event), iana_str(gone->date),
                     *iana_str(gone->former_service) ? ", was " : "", iana_str(gone->former_service));
            tick(st, SECTION_DEASSIGNED, label);
        }
    }
}

/* Packets and bytes under the service side's name and status. */
static void by_service(stats_tree *st, guint32 bytes, const char *label, const char *status)
{
    tick(st, SECTION_PACKETS, label);
    increase_stat_node(st, val_to_str_const(SECTION_BYTES, section_names, ""), 0, TRUE, (int)bytes);
    increase_stat_node(st, label, section_node[SECTION_BYTES], FALSE, (int)bytes);
    tick(st, SECTION_STATUS, status);
}

/* A service side assigned locally: counted like IANA's, with status
 * "local" and its owner as the organisation. */
static void by_local(stats_tree *st, const iana_tap_header_t *tap, guint32 bytes)
{
    const char *transport = iana_transport_name(tap->transport);
    char label[256];

    snprintf(label, sizeof label, "%s (%u/%s, local)", tap->local->service, tap->server_port, transport);
    by_service(st, bytes, label, "local");
    tick(st, SECTION_ORGS, *tap->local->owner ? tap->local->owner : "(none listed)");
    if (tap->mismatch != NULL) {
        snprintf(label, sizeof label, "%s on %u/%s (assigned locally: %s)", tap->mismatch, tap->server_port,
                 transport, tap->local->service);
        tick(st, SECTION_MISMATCH, label);
    }
}

static tap_packet_status stats_packet(stats_tree *st, packet_info *pinfo _U_, epan_dissect_t *edt _U_,
                                      const void *data, tap_flags_t flags _U_)
{
    const iana_tap_t *packet = (const iana_tap_t *)data;
    /* The tree counts each packet once, by its own header. */
    const iana_tap_header_t *tap = iana_tap_current(packet);
    const char *transport;
    iana_list_t server;
    const iana_entry_t *entry;
    const char *status, *name;
    char label[256];

    if (tap == NULL)
        return TAP_PACKET_DONT_REDRAW;
    transport = iana_transport_name(tap->transport);
    server = tap->matches[tap->server_port == tap->port[0] ? 0 : 1];
    port_flags(st, tap);
    if (tap->has_server && tap->local != NULL) {
        by_local(st, tap, packet->bytes);
        return TAP_PACKET_REDRAW;
    }
    if (!tap->has_server) {
        by_service(st, packet->bytes, "(service side unknown)", "service side unknown");
        return TAP_PACKET_REDRAW;
    }
    if (server == 0) {
        by_service(st, packet->bytes, "(unregistered)", "unregistered");
        snprintf(label, sizeof label, "%u/%s", tap->server_port, transport);
        tick(st, SECTION_UNREGISTERED, label);
        return TAP_PACKET_REDRAW;
    }
    entry = iana_primary_entry(server);
    status = iana_status_name((iana_status_t)entry->status);
    name = iana_primary_service_or_status(server);
    snprintf(label, sizeof label, "%s (%u/%s, %s)", name, tap->server_port, transport, status);
    by_service(st, packet->bytes, label, status);
    tick(st, SECTION_ORGS, organisation(entry));
    if (tap->mismatch != NULL) {
        snprintf(label, sizeof label, "%s on %u/%s (registered: %s)", tap->mismatch, tap->server_port,
                 transport, name);
        tick(st, SECTION_MISMATCH, label);
    }
    return TAP_PACKET_REDRAW;
}

/* Titles the tree had before the one it has: a statistics dialog may still
 * show one, so they stay until Wireshark exits. */
static GPtrArray *old_titles;

/* The title is a field of the tree's configuration, which only the
 * private stats_tree_priv.h describes: where a release does not install it,
 * the tree keeps the title it was registered with (the registry chosen at
 * start-up). */
void iana_stats_retitle(const char *title)
{
#if IANA_HAS_STATS_TREE_PRIV_H
    stats_tree_cfg *cfg = stats_tree_get_cfg_by_abbr("iana");

    if (cfg == NULL || strcmp(cfg->IANA_STATS_TITLE, title) == 0)
        return;
    if (old_titles == NULL)
        old_titles = g_ptr_array_new_with_free_func(g_free);
    g_ptr_array_add(old_titles, cfg->IANA_STATS_TITLE);
    cfg->IANA_STATS_TITLE = g_strdup(title);
#else
    (void)title;
#endif
}

static void stats_shutdown(void)
{
    if (old_titles != NULL)
        g_ptr_array_free(old_titles, TRUE);
    old_titles = NULL;
}

void iana_stats_register(const char *title)
{
    register_shutdown_routine(stats_shutdown);
    /* A protocol tree lets the postdissector probe payloads for mismatches. */
    stats_tree_register_plugin("iana", "iana", title,
                               TL_REQUIRES_PROTO_TREE | ST_FLG_SORT_DESC |
                               (ST_SORT_COL_COUNT << ST_FLG_SRTCOL_SHIFT),
                               stats_packet, stats_init, NULL);
}
