/* packet-iana.c - what the IANA port registry says about a packet's ports.
 *
 * A postdissector. For each TCP, UDP, SCTP and DCCP header of a packet,
 * including a header quoted in an ICMP error and those inside tunnels, it
 * looks both ports up in the IANA Service Name and Transport Protocol Port
 * Number Registry (RFC 6335,
 * https://www.iana.org/assignments/service-names-port-numbers) and adds what
 * the registry says: service names, description, assignee and contact,
 * dates, status, Known Unauthorized Use and de-assignment history. The
 * registry is compiled into static tables (iana-registry.c), or comes from
 * a registry image in Wireshark's folders (iana-registry-file.c); either
 * way a lookup is a binary search that allocates nothing.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#define WS_LOG_DOMAIN "iana"

#include <wireshark.h>
#include <epan/expert.h>
#include <epan/packet.h>
#include <epan/prefs.h>
#include <epan/tap.h>
#include <wsutil/str_util.h>
#include <wsutil/to_str.h>

#include "iana-compat.h"
#include "iana-conversation.h"
#include "iana-headers.h"
#include "iana-local.h"
#include "iana-mismatch.h"
#include "iana-registry.h"
#include "iana-registry-file.h"
#include "iana-services.h"
#include "iana-stats.h"
#include "iana-tap.h"
#include "packet-iana.h"

void proto_register_iana(void);
void proto_reg_handoff_iana(void);

static dissector_handle_t iana_handle;
/* Wireshark's expert tap, looked up when a capture is opened (it registers
 * after the plugins): read per packet to see whether anyone listens. */
static int expert_tap = -1;
/* Wireshark's expert protocol (_ws.expert), for a filter on expert
 * information; likewise. */
static int proto_ws_expert = -1;
/* Our tap, for the statistics; registered once. */
static int iana_tap = -1;

static int proto_iana = -1;

static int hf_iana_port = -1;
static int hf_iana_transport = -1;
static int hf_iana_range = -1;
static int hf_iana_header = -1;
static int hf_iana_quoted = -1;
static int hf_iana_service = -1;
static int hf_iana_src_service = -1;
static int hf_iana_dst_service = -1;
static int hf_iana_description = -1;
static int hf_iana_status = -1;
static int hf_iana_assignee = -1;
static int hf_iana_assignee_id = -1;
static int hf_iana_contact = -1;
static int hf_iana_contact_id = -1;
static int hf_iana_registered = -1;
static int hf_iana_modified = -1;
static int hf_iana_reference = -1;
static int hf_iana_service_code = -1;
static int hf_iana_unauthorized_use = -1;
static int hf_iana_unauthorized_use_note = -1;
static int hf_iana_note = -1;
static int hf_iana_history = -1;
static int hf_iana_history_event = -1;
static int hf_iana_history_date = -1;
static int hf_iana_history_former_service = -1;
static int hf_iana_history_former_assignee = -1;
static int hf_iana_role = -1;
static int hf_iana_role_basis = -1;
static int hf_iana_server_port = -1;
static int hf_iana_server_service = -1;
static int hf_iana_server_status = -1;
static int hf_iana_server_assignee = -1;
static int hf_iana_mismatch = -1;
static int hf_iana_mismatch_registered = -1;
static int hf_iana_mismatch_observed = -1;
static int hf_iana_local = -1;
static int hf_iana_at_capture = -1;
static int hf_iana_at_capture_status = -1;
static int hf_iana_at_capture_service = -1;
static int hf_iana_at_capture_assignee = -1;

static int ett_iana = -1;
static int ett_iana_port = -1;
static int ett_iana_service = -1;
static int ett_iana_unauthorized_use = -1;
static int ett_iana_person = -1;
static int ett_iana_history = -1;
static int ett_iana_role = -1;
static int ett_iana_mismatch = -1;
static int ett_iana_local = -1;
static int ett_iana_at_capture = -1;

static expert_field ei_iana_unauthorized_use = EI_INIT;
static expert_field ei_iana_deassigned = EI_INIT;
static expert_field ei_iana_reserved = EI_INIT;
static expert_field ei_iana_unassigned = EI_INIT;
static expert_field ei_iana_mismatch = EI_INIT;
static expert_field ei_iana_before_registration = EI_INIT;

/* Which ports to annotate; a preference, read on every packet. */
enum { SIDE_SOURCE = 1, SIDE_DESTINATION = 2, SIDE_BOTH = 3 };
static int pref_sides = SIDE_BOTH;
/* Preferences, read on every packet; see proto_register_iana(). */
static iana_pref_bool_t pref_reserved_unassigned = TRUE;
static iana_pref_bool_t pref_expert = TRUE;
static iana_pref_bool_t pref_expert_reserved_unassigned = FALSE;
static iana_pref_bool_t pref_info_column = FALSE;
static iana_pref_bool_t pref_client_ports = TRUE;
static iana_pref_bool_t pref_at_capture = TRUE;
/* A registry image to use whatever its date; read when a dissection starts. */
static const char *pref_registry_file = "";

/* The protocol tree's head; the protocol's name adds the registry in use. */
#define IANA_TREE_NAME "IANA Port Registry"
/* "IANA Port Registry (2026-08-17, 14,533 records, built in)": the
 * protocol's name, which Wireshark keeps as this pointer. Rewritten when
 * the registry in use changes, between dissections. */
static char protocol_name[640];
/* The statistics title: the same, with where the image came from instead
 * of its path. */
static char stats_title[200];

/* Longest label of a port's subtree head. */
#define PORT_LABEL_LEN 240

/* A label put together in a fixed buffer, cut short if it must be. */
typedef struct {
    char text[PORT_LABEL_LEN];
    size_t used;
} label_t;

static void append(label_t *label, const char *piece)
{
    size_t room = sizeof label->text - 1 - label->used;
    size_t n = MIN(strlen(piece), room);

    memcpy(label->text + label->used, piece, n);
    label->used += n;
    label->text[label->used] = '\0';
}

/* "Destination port 80/tcp: http, www, www-http (World Wide Web HTTP)",
 * local assignments first ("billing (local), ..."), put together without
 * printf: this runs for every annotated port. */
static void port_item_text(label_t *label, gboolean is_src, guint16 port, iana_transport_t transport,
                           iana_local_span_t locals, iana_list_t matches)
{
    const iana_entry_t *entry = iana_primary_entry(matches);
    char number[8];
    gboolean named = FALSE;

    uint32_to_str_buf(port, number, sizeof number);
    append(label, is_src ? "Source port " : "Destination port ");
    append(label, number);
    append(label, "/");
    append(label, iana_transport_name(transport));
    append(label, ": ");
    for (guint i = 0; i < locals.count; i++) {
        append(label, i > 0 ? ", " : "");
        append(label, locals.items[i]->service);
        append(label, " (local)");
    }
    if (entry == NULL)
        return;
    for (guint32 i = 0; i < iana_list_count(matches); i++) {
        const char *name = iana_str(iana_record(iana_list_item(matches, i))->service);

        if (*name == '\0')
            continue;
        append(label, named || locals.count > 0 ? ", " : "");
        append(label, name);
        named = TRUE;
    }
    if (!named) {
        append(label, locals.count > 0 ? ", " : "");
        append(label, iana_status_name((iana_status_t)entry->status));
    }
    append(label, " (");
    append(label, iana_str(entry->description));
    append(label, ")");
}

/* Whether an item of field hf is looked at: the tree is shown, or a
 * filter, a column or a colouring rule refers to the field. Wireshark fakes
 * the items nobody looks at, but what goes into them would still be worked
 * out: leaf items are added only when looked at. */
#define LOOKED_AT(tree, hf) proto_field_is_referenced(tree, hf)

static void add_text(proto_tree *tree, int hf, tvbuff_t *tvb, const char *text)
{
    if (*text && LOOKED_AT(tree, hf))
        proto_item_set_generated(proto_tree_add_string(tree, hf, tvb, 0, 0, text));
}

static void add_string(proto_tree *tree, int hf, tvbuff_t *tvb, iana_str_t s)
{
    if (s != 0)
        add_text(tree, hf, tvb, iana_str(s));
}

/* iana.service, the name of either side: hidden, like tcp.port, and only
 * when looked at: a filter or column refers to it, or the tree is visible
 * (4.0's -T fields and -T json print a visible tree without priming the
 * fields they name). */
static void add_hidden_service(proto_tree *tree, tvbuff_t *tvb, const char *name)
{
    proto_item *pi;

    if (!LOOKED_AT(tree, hf_iana_service))
        return;
    pi = proto_tree_add_string(tree, hf_iana_service, tvb, 0, 0, name);
    proto_item_set_generated(pi);
    proto_item_set_hidden(pi);
}

/* "Name, Organisation <e-mail>", in the packet's scratch pool. */
static const char *person_text(packet_info *pinfo, const iana_person_t *p)
{
    size_t length = iana_person_format(p, NULL, 0);
    char *text = (char *)wmem_alloc(pinfo->pool, length + 1);

    iana_person_format(p, text, length + 1);
    return text;
}

static void add_people(proto_tree *tree, tvbuff_t *tvb, packet_info *pinfo,
                       const iana_entry_t *entry, iana_entry_list_t which,
                       int hf_display, int hf_id)
{
    iana_span_t people = iana_entry_list(entry, which);

    if (!LOOKED_AT(tree, hf_display) && !LOOKED_AT(tree, hf_id))
        return;
    for (guint32 i = 0; i < people.count; i++) {
        const iana_person_t *person = iana_person(people.items[i]);
        proto_item *pi;
        proto_tree *sub;

        if (person == NULL)
            continue;
        /* Formatting only pays when someone will see or filter the text. */
        pi = proto_tree_add_string(tree, hf_display, tvb, 0, 0,
                                   LOOKED_AT(tree, hf_display) ? person_text(pinfo, person) : "");
        proto_item_set_generated(pi);
        sub = proto_item_add_subtree(pi, ett_iana_person);
        add_string(sub, hf_id, tvb, person->id);
    }
}


static void add_history(proto_tree *tree, tvbuff_t *tvb, const iana_entry_t *entry)
{
    iana_span_t history = iana_entry_list(entry, IANA_HISTORY);

    for (guint32 i = 0; i < history.count; i++) {
        const iana_event_t *ev = iana_event(history.items[i]);
        proto_item *pi;
        proto_tree *sub;

        if (ev == NULL)
            continue;
        pi = proto_tree_add_string(tree, hf_iana_history, tvb, 0, 0, iana_str(ev->text));
        proto_item_set_generated(pi);
        sub = proto_item_add_subtree(pi, ett_iana_history);
        add_string(sub, hf_iana_history_event, tvb, ev->event);
        add_string(sub, hf_iana_history_date, tvb, ev->date);
        add_string(sub, hf_iana_history_former_service, tvb, ev->former_service);
        add_string(sub, hf_iana_history_former_assignee, tvb, ev->former_assignee);
    }
}

/* What the registry's dates and history say the entry was when the frame
 * was captured (iana_at_capture()); the same as today when the preference
 * is off, the frame has no time or the entry no dates. */
static iana_at_capture_t at_capture_of(const packet_info *pinfo, const iana_entry_t *entry)
{
    iana_at_capture_t same = { IANA_AT_CAPTURE_SAME, NULL };
    time_t secs = (time_t)pinfo->abs_ts.secs;
    struct tm day;

    if (!pref_at_capture || !pinfo->fd->has_ts ||
        (entry->registered == 0 && iana_entry_list(entry, IANA_HISTORY).count == 0) ||
        iana_gmtime_r(&secs, &day) == NULL)
        return same;
    return iana_at_capture(entry, day.tm_year + 1900, day.tm_mon + 1, day.tm_mday);
}

/* The entry as it was at capture time, where that differs from today:
 * "acms until 2020-12-29", "not yet registered (registered 2016-03-31)",
 * "an earlier assignment until 2002-04-29 (removed)". */
static void add_at_capture(proto_tree *tree, tvbuff_t *tvb, packet_info *pinfo, const iana_entry_t *entry)
{
    iana_at_capture_t at = at_capture_of(pinfo, entry);
    const char *former, *summary, *status;
    proto_item *pi;
    proto_tree *sub;

    if (at.kind == IANA_AT_CAPTURE_SAME)
        return;
    if (at.kind == IANA_AT_CAPTURE_NOT_YET) {
        status = "not registered";
        summary = wmem_strdup_printf(pinfo->pool, "not yet registered (registered %s)",
                                     iana_str(entry->registered));
    } else {
        former = iana_str(at.event->former_service);
        status = "assigned";
        summary = *former ? wmem_strdup_printf(pinfo->pool, "%s until %s", former, iana_str(at.event->date))
                          : wmem_strdup_printf(pinfo->pool, "an earlier assignment until %s (%s)",
                                               iana_str(at.event->date), iana_str(at.event->event));
    }
    pi = proto_tree_add_string(tree, hf_iana_at_capture, tvb, 0, 0, summary);
    proto_item_set_generated(pi);
    sub = proto_item_add_subtree(pi, ett_iana_at_capture);
    add_text(sub, hf_iana_at_capture_status, tvb, status);
    if (at.kind == IANA_AT_CAPTURE_FORMER) {
        add_string(sub, hf_iana_at_capture_service, tvb, at.event->former_service);
        add_string(sub, hf_iana_at_capture_assignee, tvb, at.event->former_assignee);
    }
}

/* Whether two registry texts read the same. */
static gboolean same_text(iana_str_t a, iana_str_t b)
{
    return a == b || strcmp(iana_str(a), iana_str(b)) == 0;
}

/* What one registry entry says about port, as fields of tree. shown, when
 * not NULL, is another entry of the port shown beside it: a note both share
 * is shown once, there. */
static void add_entry(proto_tree *tree, tvbuff_t *tvb, packet_info *pinfo, const iana_entry_t *entry,
                      guint16 port, const iana_entry_t *shown)
{
    iana_span_t refs = iana_entry_list(entry, IANA_REFERENCES);
    proto_item *pi;

    add_string(tree, hf_iana_description, tvb, entry->description);
    add_text(tree, hf_iana_status, tvb, iana_status_name((iana_status_t)entry->status));
    add_people(tree, tvb, pinfo, entry, IANA_ASSIGNEES, hf_iana_assignee, hf_iana_assignee_id);
    add_people(tree, tvb, pinfo, entry, IANA_CONTACTS, hf_iana_contact, hf_iana_contact_id);
    add_string(tree, hf_iana_registered, tvb, entry->registered);
    add_string(tree, hf_iana_modified, tvb, entry->modified);
    for (guint32 i = 0; i < refs.count; i++)
        add_string(tree, hf_iana_reference, tvb, refs.items[i]);
    if (entry->has_service_code && LOOKED_AT(tree, hf_iana_service_code)) {
        pi = proto_tree_add_uint(tree, hf_iana_service_code, tvb, 0, 0, entry->service_code);
        proto_item_set_generated(pi);
    }
    /* A note may name only some ports of a range: flag only those. */
    if (iana_unauthorized_at(entry, port) &&
        !(shown != NULL && iana_unauthorized_at(shown, port) && same_text(shown->unauthorized, entry->unauthorized))) {
        proto_tree *sub;

        pi = proto_tree_add_boolean(tree, hf_iana_unauthorized_use, tvb, 0, 0, TRUE);
        proto_item_set_generated(pi);
        sub = proto_item_add_subtree(pi, ett_iana_unauthorized_use);
        add_string(sub, hf_iana_unauthorized_use_note, tvb, entry->unauthorized);
    }
    if (shown == NULL || !same_text(shown->note, entry->note))
        add_string(tree, hf_iana_note, tvb, entry->note);
    add_history(tree, tvb, entry);
    add_at_capture(tree, tvb, pinfo, entry);
}

static void add_expert(proto_item *pi, packet_info *pinfo, guint16 port,
                       iana_transport_t transport, const iana_entry_t *entry)
{
    const iana_event_t *gone;

    if (at_capture_of(pinfo, entry).kind == IANA_AT_CAPTURE_NOT_YET)
        expert_add_info_format(pinfo, pi, &ei_iana_before_registration,
                               "Port %u/%s seen before its registration on %s (%s)", port,
                               iana_transport_name(transport), iana_str(entry->registered),
                               iana_str(entry->description));
    if (iana_unauthorized_at(entry, port)) {
        expert_add_info_format(pinfo, pi, &ei_iana_unauthorized_use,
                               "Port %u/%s has Known Unauthorized Use: %s", port,
                               iana_transport_name(transport), iana_str(entry->unauthorized));
    }
    gone = iana_entry_deassignment(entry);
    if (gone != NULL) {
        const char *former = iana_str(gone->former_service);

        expert_add_info_format(pinfo, pi, &ei_iana_deassigned,
                               "Port %u/%s was %s%s%s%s%s", port, iana_transport_name(transport),
                               iana_str(gone->event), *iana_str(gone->date) ? " on " : "",
                               iana_str(gone->date), *former ? ", previously " : "", former);
    }
    if (!pref_expert_reserved_unassigned)
        return;
    if (entry->status == IANA_RESERVED)
        expert_add_info_format(pinfo, pi, &ei_iana_reserved, "Traffic on Reserved port %u/%s",
                               port, iana_transport_name(transport));
    else if (entry->status == IANA_UNASSIGNED)
        expert_add_info_format(pinfo, pi, &ei_iana_unassigned, "Traffic on Unassigned port %u/%s",
                               port, iana_transport_name(transport));
}

/* A local assignment of the port, ahead of IANA's records: the same
 * fields as theirs, with status "local", under an item that tells it apart. */
static void add_local(proto_tree *tree, tvbuff_t *tvb, int hf_side, const iana_local_t *local)
{
    proto_item *pi = proto_tree_add_boolean(tree, hf_iana_local, tvb, 0, 0, TRUE);
    proto_tree *sub;

    if (PTREE_DATA(tree)->visible)
        proto_item_set_text(pi, "Local assignment: %s%s%s%s", local->service, *local->description ? " (" : "",
                            local->description, *local->description ? ")" : "");
    proto_item_set_generated(pi);
    sub = proto_item_add_subtree(pi, ett_iana_local);
    add_text(sub, hf_side, tvb, local->service);
    add_hidden_service(sub, tvb, local->service);
    if (local->low != local->high)
        add_text(sub, hf_iana_range, tvb, local->ports);
    add_text(sub, hf_iana_description, tvb, local->description);
    add_text(sub, hf_iana_status, tvb, "local");
    add_text(sub, hf_iana_assignee, tvb, local->owner);
    add_text(sub, hf_iana_contact, tvb, local->contact);
    add_text(sub, hf_iana_note, tvb, local->note);
}

/* IANA's records of the port, as fields of its subtree. */
static void add_records(proto_tree *tree, tvbuff_t *tvb, packet_info *pinfo, int hf_side,
                        guint16 port, iana_list_t matches)
{
    const iana_record_t *primary = iana_primary_record(matches);
    const iana_entry_t *entry = iana_entry(primary);
    proto_item *pi;

    for (guint32 i = 0; i < iana_list_count(matches); i++) {
        const iana_record_t *rec = iana_record(iana_list_item(matches, i));

        gboolean own_entry = i > 0 && rec->entry != primary->entry;

        if (rec->service == 0)
            continue;
        if (own_entry || LOOKED_AT(tree, hf_side)) {
            pi = proto_tree_add_string(tree, hf_side, tvb, 0, 0, iana_str(rec->service));
            proto_item_set_generated(pi);
            /* A further name with its own entry shows that entry under its name. */
            if (own_entry)
                add_entry(proto_item_add_subtree(pi, ett_iana_service), tvb, pinfo, iana_entry(rec), port, entry);
        }
        add_hidden_service(tree, tvb, iana_str(rec->service));
    }
    add_entry(tree, tvb, pinfo, entry, port, NULL);
}

/* The subtree of one annotated port: its local assignments, then IANA's. */
static proto_item *add_port(proto_tree *iana_tree, tvbuff_t *tvb, packet_info *pinfo,
                            const iana_header_t *h, unsigned header_no, gboolean is_src,
                            guint16 port, iana_local_span_t locals, iana_list_t matches)
{
    int hf_side = is_src ? hf_iana_src_service : hf_iana_dst_service;
    label_t label = { "", 0 };
    proto_item *port_item, *pi;
    proto_tree *tree;

    port_item = proto_tree_add_uint(iana_tree, hf_iana_port, tvb, 0, 0, port);
    /* Labels are for a tree that is shown. */
    if (PTREE_DATA(iana_tree)->visible) {
        port_item_text(&label, is_src, port, h->transport, locals, matches);
        proto_item_set_text(port_item, "%s", label.text);
    }
    proto_item_set_generated(port_item);
    tree = proto_item_add_subtree(port_item, ett_iana_port);

    add_text(tree, hf_iana_transport, tvb, iana_transport_name(h->transport));
    if (matches != 0)
        add_string(tree, hf_iana_range, tvb, iana_primary_record(matches)->range);
    /* Only a packet with several transport headers needs to tell them apart. */
    if (header_no > 0 && LOOKED_AT(tree, hf_iana_header)) {
        pi = proto_tree_add_uint(tree, hf_iana_header, tvb, 0, 0, header_no);
        proto_item_set_generated(pi);
    }
    if (h->quoted && LOOKED_AT(tree, hf_iana_quoted)) {
        pi = proto_tree_add_boolean(tree, hf_iana_quoted, tvb, 0, 0, TRUE);
        proto_item_set_generated(pi);
    }
    for (guint i = 0; i < locals.count; i++)
        add_local(tree, tvb, hf_side, locals.items[i]);
    if (matches != 0)
        add_records(tree, tvb, pinfo, hf_side, port, matches);
    return port_item;
}

/* What one packet's annotation builds up. */
typedef struct {
    proto_tree *tree;           /* the packet's tree, or NULL */
    proto_tree *iana_tree;      /* ours, made with the first annotated port */
    proto_item *iana_item;
    label_t summary;            /* ", Dst: nvme" for each port */
    gboolean expert;            /* whether to add expert information */
} annotation_t;

/* One transport header as the registry sees it. */
typedef struct {
    const iana_header_t *h;
    unsigned number;            /* 1: the outermost of several transport layers; 0: the only one */
    iana_list_t src, dst;       /* registry matches of each port; 0: none */
    iana_local_span_t lsrc, ldst;   /* local assignments of each port */
    iana_role_t role;
    iana_conv_t *conv;          /* the conversation's state (current header only) */
} header_view_t;

static iana_list_t server_matches(const header_view_t *v)
{
    if (v->role.basis == IANA_BASIS_NONE)
        return 0;
    return v->role.server_port == v->h->src_port ? v->src : v->dst;
}

/* The service side's first local assignment, or NULL. */
static const iana_local_t *server_local(const header_view_t *v)
{
    const iana_local_span_t *span;

    if (v->role.basis == IANA_BASIS_NONE)
        return NULL;
    span = v->role.server_port == v->h->src_port ? &v->lsrc : &v->ldst;
    return span->count > 0 ? span->items[0] : NULL;
}

/* The service side's name: a local assignment's, else IANA's; "" for none. */
static const char *server_name(const header_view_t *v)
{
    const iana_local_t *local = server_local(v);

    return local != NULL ? local->service : iana_primary_service(server_matches(v));
}

/* Which side of its conversation a port is on, and the value iana.role
 * shows for it. */
typedef enum {
    ROLE_UNKNOWN,
    ROLE_SERVER,
    ROLE_CLIENT
} role_t;

static const value_string role_values[] = {
    { ROLE_UNKNOWN, "unknown" },
    { ROLE_SERVER, "service" },
    { ROLE_CLIENT, "client" },
    { 0, NULL }
};

static role_t role_of(const header_view_t *v, guint16 port)
{
    if (v->role.basis == IANA_BASIS_NONE)
        return ROLE_UNKNOWN;
    return port == v->role.server_port ? ROLE_SERVER : ROLE_CLIENT;
}

/* Whether a side is to be annotated, by the preferences. */
static gboolean wanted(const header_view_t *v, gboolean is_src)
{
    iana_list_t matches = is_src ? v->src : v->dst;
    guint16 port = is_src ? v->h->src_port : v->h->dst_port;
    gboolean local = (is_src ? v->lsrc : v->ldst).count > 0;

    if ((matches == 0 && !local) || !(pref_sides & (is_src ? SIDE_SOURCE : SIDE_DESTINATION)))
        return FALSE;
    if (!pref_reserved_unassigned && !iana_assigned(matches) && !local)
        return FALSE;
    return pref_client_ports || role_of(v, port) != ROLE_CLIENT;
}

static proto_tree *iana_tree_of(annotation_t *out, tvbuff_t *tvb)
{
    if (out->iana_tree == NULL) {
        out->iana_item = proto_tree_add_item(out->tree, proto_iana, tvb, 0, 0, ENC_NA);
        /* The protocol's name carries the registry in use; the tree need not. */
        if (PTREE_DATA(out->tree)->visible)
            proto_item_set_text(out->iana_item, IANA_TREE_NAME);
        out->iana_tree = proto_item_add_subtree(out->iana_item, ett_iana);
    }
    return out->iana_tree;
}

/* The tree and the expert item for one annotated port. */
static void annotate_port(annotation_t *out, tvbuff_t *tvb, packet_info *pinfo,
                          const header_view_t *v, gboolean is_src)
{
    iana_list_t matches = is_src ? v->src : v->dst;
    iana_local_span_t locals = is_src ? v->lsrc : v->ldst;
    guint16 port = is_src ? v->h->src_port : v->h->dst_port;
    proto_item *port_item = NULL;

    if (out->tree != NULL) {
        proto_tree *port_tree;
        proto_item *pi;

        port_item = add_port(iana_tree_of(out, tvb), tvb, pinfo, v->h, v->number, is_src, port, locals, matches);
        port_tree = proto_item_get_subtree(port_item);
        if (port_tree == NULL)
            port_tree = proto_item_add_subtree(port_item, ett_iana_port);
        pi = proto_tree_add_string(port_tree, hf_iana_role, tvb, 0, 0,
                                   val_to_str_const(role_of(v, port), role_values, "unknown"));
        proto_item_set_generated(pi);
        if (LOOKED_AT(port_tree, hf_iana_role_basis)) {
            pi = proto_tree_add_string(proto_item_add_subtree(pi, ett_iana_role), hf_iana_role_basis, tvb, 0, 0,
                                       iana_basis_name(v->role.basis));
            proto_item_set_generated(pi);
        }
        if (PTREE_DATA(out->tree)->visible) {
            append(&out->summary, is_src ? ", Src: " : ", Dst: ");
            append(&out->summary, locals.count > 0 ? locals.items[0]->service
                                                   : iana_primary_service_or_status(matches));
        }
    }
    if (out->expert && matches != 0)
        add_expert(port_item, pinfo, port, v->h->transport, iana_primary_entry(matches));
}

/* The service side's status and first assignee, one value each, for the
 * profile's columns. */
static void add_server_entry(proto_tree *tree, tvbuff_t *tvb, packet_info *pinfo, const iana_entry_t *entry)
{
    const iana_person_t *first = iana_first_assignee(entry);
    proto_item *pi;

    add_text(tree, hf_iana_server_status, tvb, iana_status_name((iana_status_t)entry->status));
    if (first != NULL && LOOKED_AT(tree, hf_iana_server_assignee)) {
        pi = proto_tree_add_string(tree, hf_iana_server_assignee, tvb, 0, 0, person_text(pinfo, first));
        proto_item_set_generated(pi);
    }
}

/* The same for a service side assigned locally: "local", and its owner. */
static void add_server_local(proto_tree *tree, tvbuff_t *tvb, const iana_local_t *local)
{
    add_text(tree, hf_iana_server_status, tvb, "local");
    add_text(tree, hf_iana_server_assignee, tvb, local->owner);
}

/* The service side and, once seen, a protocol mismatch of one header. */
static void annotate_header(annotation_t *out, tvbuff_t *tvb, packet_info *pinfo, const header_view_t *v)
{
    iana_list_t server = server_matches(v);
    const iana_check_t *check = v->conv != NULL ? &v->conv->check : NULL;
    const char *observed = check != NULL ? iana_check_mismatch(check, pinfo->num) : NULL;
    proto_tree *tree;
    proto_item *pi;

    if (out->tree != NULL && v->role.basis != IANA_BASIS_NONE) {
        tree = iana_tree_of(out, tvb);
        if (LOOKED_AT(tree, hf_iana_server_port)) {
            pi = proto_tree_add_uint(tree, hf_iana_server_port, tvb, 0, 0, v->role.server_port);
            proto_item_set_generated(pi);
        }
        add_text(tree, hf_iana_server_service, tvb, server_name(v));
        if (server_local(v) != NULL)
            add_server_local(tree, tvb, server_local(v));
        else if (server != 0)
            add_server_entry(tree, tvb, pinfo, iana_primary_entry(server));
    }
    if (observed == NULL)
        return;
    pi = NULL;
    if (out->tree != NULL) {
        tree = iana_tree_of(out, tvb);
        pi = proto_tree_add_string(tree, hf_iana_mismatch, tvb, 0, 0, observed);
        if (PTREE_DATA(tree)->visible)
            proto_item_set_text(pi, "Protocol mismatch: %s on %u/%s, %s for %s", observed,
                                v->role.server_port, iana_transport_name(v->h->transport),
                                server_local(v) != NULL ? "assigned locally" : "registered", server_name(v));
        proto_item_set_generated(pi);
        /* The label says both; the fields are there for filters and columns. */
        tree = proto_item_add_subtree(pi, ett_iana_mismatch);
        if (LOOKED_AT(tree, hf_iana_mismatch_registered))
            proto_item_set_generated(proto_tree_add_string(tree, hf_iana_mismatch_registered, tvb, 0, 0,
                                                           server_name(v)));
        if (LOOKED_AT(tree, hf_iana_mismatch_observed))
            proto_item_set_generated(proto_tree_add_string(tree, hf_iana_mismatch_observed, tvb, 0, 0,
                                                           observed));
    }
    if (out->expert && pinfo->num == check->verdict_frame)
        expert_add_info_format(pinfo, pi, &ei_iana_mismatch,
                               "Port %u/%s is %s for %s but carries %s", v->role.server_port,
                               iana_transport_name(v->h->transport),
                               server_local(v) != NULL ? "assigned locally" : "registered", server_name(v), observed);
}

/* The Info column: the service side's registered name. (When no side could
 * be told, neither port has an assigned name.) */
static void info_column(packet_info *pinfo, const header_view_t *v)
{
    const char *server = server_name(v);

    if (*server)
        col_append_fstr(pinfo->cinfo, COL_INFO, " [IANA: %s]", server);
}

/* What the listeners hear of one header (iana-tap.h). */
static void tap_header(iana_tap_header_t *t, packet_info *pinfo, const header_view_t *v, iana_header_t *h)
{
    const char *observed = v->conv != NULL ? iana_check_observed(&v->conv->check, pinfo->num) : NULL;

    t->transport = h->transport;
    t->current = h->current;
    t->quoted = h->quoted;
    t->has_server = v->role.basis != IANA_BASIS_NONE;
    t->server_port = v->role.server_port;
    t->port[0] = h->src_port;
    t->port[1] = h->dst_port;
    t->matches[0] = v->src;
    t->matches[1] = v->dst;
    t->local = server_local(v);
    if (v->conv != NULL)
        t->mismatch = iana_check_mismatch(&v->conv->check, pinfo->num);
    t->observed = observed != NULL ? observed : iana_protocol_above(pinfo, h->number);
    t->has_addresses = iana_headers_addresses(pinfo, h, &t->addresses);
}

/* First pass only: let the conversation's payload check look at h, against
 * the service side as known on this frame, when a dissector took its payload. */
static void check_payload(iana_conv_t *conv, packet_info *pinfo, iana_header_t *h, iana_role_t role)
{
    if (conv->settled || PINFO_FD_VISITED(pinfo) || !h->has_payload)
        return;
    iana_check_observe(&conv->check, pinfo, h, iana_basis_confident(role.basis), role.server_port,
                       &conv->header_at);
    iana_conversation_observed(conv, h);
}

/* The first pass's work on a packet nobody sees: its conversation's state. */
static void keep_state(packet_info *pinfo, iana_headers_t *headers)
{
    for (unsigned i = 0; i < headers->count; i++) {
        iana_header_t *h = &headers->header[i];
        iana_conv_t *conv;

        if (!h->current || !h->has_payload)
            continue;
        conv = iana_conversation(pinfo, h, IANA_NOT_LOOKED_UP, IANA_NOT_LOOKED_UP, NULL);
        if (conv != NULL)
            check_payload(conv, pinfo, h, iana_conversation_role(conv, pinfo->num));
    }
}

/* Whether anyone will look at what the plugin adds to tree: the tree is
 * shown, or a filter, column or colouring rule refers to an iana field or
 * to expert information. A tree nobody looks at is built only so that
 * other fields can be filtered on. */
static gboolean tree_wanted(proto_tree *tree)
{
    return tree != NULL && (PTREE_DATA(tree)->visible || proto_field_is_referenced(tree, proto_iana) ||
                            (proto_ws_expert >= 0 && proto_field_is_referenced(tree, proto_ws_expert)));
}

static int dissect_iana(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data _U_)
{
    proto_tree *shown = tree_wanted(tree) ? tree : NULL;
    gboolean tapping = have_tap_listener(iana_tap);
    gboolean expert = pref_expert && (shown != NULL || have_tap_listener(expert_tap));
    iana_headers_t headers;
    iana_tap_t *tap = NULL;
    annotation_t out;

    /* Without a tree anyone looks at, a listener or the Info column nobody
     * sees the result; but the first pass keeps the conversation's state
     * for later passes, from the packets with a payload (a scan's SYNs
     * leave it alone, and cost only this look at the layer list). */
    if (shown == NULL && !expert && !pref_info_column && !tapping) {
        if (!PINFO_FD_VISITED(pinfo) && iana_headers_collect(pinfo, &headers, TRUE))
            keep_state(pinfo, &headers);
        /* Not 0: Wireshark would take its layer off again, which costs more. */
        return (int)tvb_captured_length(tvb);
    }
    /* Field by field: the summary's buffer is written only as it fills. */
    out.tree = shown;
    out.iana_tree = NULL;
    out.iana_item = NULL;
    out.summary.text[0] = '\0';
    out.summary.used = 0;
    out.expert = expert;
    iana_headers_collect(pinfo, &headers, FALSE);
    if (tapping && headers.count > 0) {
        tap = wmem_new0(pinfo->pool, iana_tap_t);
        tap->bytes = pinfo->fd->pkt_len;
    }
    for (unsigned i = 0; i < headers.count; i++) {
        header_view_t v = { &headers.header[i], headers.layers > 1 ? headers.header[i].number : 0, 0, 0,
                            { NULL, 0 }, { NULL, 0 }, { IANA_BASIS_NONE, 0 }, NULL };

        v.src = iana_lookup(v.h->transport, v.h->src_port);
        v.dst = iana_lookup(v.h->transport, v.h->dst_port);
        v.lsrc = iana_local_lookup(v.h->transport, v.h->src_port);
        v.ldst = iana_local_lookup(v.h->transport, v.h->dst_port);
        if (v.h->current)
            v.conv = iana_conversation(pinfo, &headers.header[i], v.src, v.dst, &v.role);
        else
            v.role = iana_role_by_registry(v.h->transport, v.src, v.dst, v.h->src_port, v.h->dst_port);
        if (v.conv != NULL)
            check_payload(v.conv, pinfo, &headers.header[i], v.role);
        gboolean src_wanted = wanted(&v, TRUE), dst_wanted = wanted(&v, FALSE);

        if (src_wanted)
            annotate_port(&out, tvb, pinfo, &v, TRUE);
        if (dst_wanted)
            annotate_port(&out, tvb, pinfo, &v, FALSE);
        if (src_wanted || dst_wanted)
            annotate_header(&out, tvb, pinfo, &v);
        if (tap != NULL)
            tap_header(&tap->header[tap->count++], pinfo, &v, &headers.header[i]);
        if (pref_info_column && i + 1 == headers.count)
            info_column(pinfo, &v);
    }
    if (out.summary.used > 0)
        proto_item_append_text(out.iana_item, "%s", out.summary.text);
    if (tap != NULL)
        tap_queue_packet(iana_tap, pinfo, tap);
    return (int)tvb_captured_length(tvb);
}

static void name_registry(void)
{
    snprintf(protocol_name, sizeof protocol_name, IANA_TREE_NAME " (%s)", iana_registry_file_summary());
    snprintf(stats_title, sizeof stats_title, IANA_TREE_NAME " (%s)", iana_registry_file_summary_without_path());
}

/* Choose the registry (iana-registry-file.c) and say which in the
 * protocol's name and the statistics title. */
static void choose_registry(void)
{
    iana_registry_file_choose(pref_registry_file);
    name_registry();
    iana_stats_retitle(stats_title);
}

static void iana_init(void)
{
    expert_tap = find_tap_id("expert");
    proto_ws_expert = proto_get_id_by_filter_name("_ws.expert");
    /* A capture opened, a profile switched, a preference changed: the
     * folders' images may have too. */
    choose_registry();
    iana_local_refresh();
}

void proto_register_iana(void)
{
    static hf_register_info hf[] = {
        { &hf_iana_port,
          { "Port", "iana.port", FT_UINT16, BASE_DEC, NULL, 0x0,
            "A transport port of the packet that the IANA registry lists", HFILL } },
        { &hf_iana_transport,
          { "Transport", "iana.transport", FT_STRING, BASE_NONE, NULL, 0x0,
            "Transport protocol of the header the port is in: tcp, udp, sctp or dccp", HFILL } },
        { &hf_iana_range,
          { "Registered range", "iana.range", FT_STRING, BASE_NONE, NULL, 0x0,
            "The registered port range the port was matched through, such as 4200-4299", HFILL } },
        { &hf_iana_header,
          { "Transport header", "iana.header", FT_UINT8, BASE_DEC, NULL, 0x0,
            "Which transport header the port is in, 1 being the outermost; only in packets "
            "with several", HFILL } },
        { &hf_iana_quoted,
          { "Quoted in ICMP error", "iana.quoted", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
            "The header is the copy of an earlier packet that an ICMP or ICMPv6 error quotes", HFILL } },
        { &hf_iana_service,
          { "Service", "iana.service", FT_STRING, BASE_NONE, NULL, 0x0,
            "A service name registered for either port, in registry order; the first is primary", HFILL } },
        { &hf_iana_src_service,
          { "Source service", "iana.src_service", FT_STRING, BASE_NONE, NULL, 0x0,
            "A service name registered for the source port, in registry order", HFILL } },
        { &hf_iana_dst_service,
          { "Destination service", "iana.dst_service", FT_STRING, BASE_NONE, NULL, 0x0,
            "A service name registered for the destination port, in registry order", HFILL } },
        { &hf_iana_description,
          { "Description", "iana.description", FT_STRING, BASE_NONE, NULL, 0x0,
            "The registry's description of the service", HFILL } },
        { &hf_iana_status,
          { "Status", "iana.status", FT_STRING, BASE_NONE, NULL, 0x0,
            "Registration status of the port: assigned, reserved or unassigned; local for a "
            "local assignment", HFILL } },
        { &hf_iana_assignee,
          { "Assignee", "iana.assignee", FT_STRING, BASE_NONE, NULL, 0x0,
            "Who the port is assigned to: name, organisation and e-mail where known", HFILL } },
        { &hf_iana_assignee_id,
          { "Assignee ID", "iana.assignee.id", FT_STRING, BASE_NONE, NULL, 0x0,
            "The registry's identifier of the assignee", HFILL } },
        { &hf_iana_contact,
          { "Contact", "iana.contact", FT_STRING, BASE_NONE, NULL, 0x0,
            "Contact for the assignment: name, organisation and e-mail where known", HFILL } },
        { &hf_iana_contact_id,
          { "Contact ID", "iana.contact.id", FT_STRING, BASE_NONE, NULL, 0x0,
            "The registry's identifier of the contact", HFILL } },
        { &hf_iana_registered,
          { "Registered", "iana.registered", FT_STRING, BASE_NONE, NULL, 0x0,
            "Registration date as the registry publishes it (YYYY-MM or YYYY-MM-DD)", HFILL } },
        { &hf_iana_modified,
          { "Modified", "iana.modified", FT_STRING, BASE_NONE, NULL, 0x0,
            "Date of the last change to the entry, as the registry publishes it", HFILL } },
        { &hf_iana_reference,
          { "Reference", "iana.reference", FT_STRING, BASE_NONE, NULL, 0x0,
            "A document the registry cites for the assignment (an RFC, a draft, a URI, ...)", HFILL } },
        { &hf_iana_service_code,
          { "DCCP service code", "iana.service_code", FT_UINT32, BASE_DEC, NULL, 0x0,
            "The DCCP service code registered with the port", HFILL } },
        { &hf_iana_unauthorized_use,
          { "Known Unauthorized Use", "iana.unauthorized_use", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
            "The registry reports known unauthorized use of this port", HFILL } },
        { &hf_iana_unauthorized_use_note,
          { "Unauthorized use reported", "iana.unauthorized_use.note", FT_STRING, BASE_NONE, NULL, 0x0,
            "What the registry says about the unauthorized use", HFILL } },
        { &hf_iana_note,
          { "Note", "iana.note", FT_STRING, BASE_NONE, NULL, 0x0,
            "The registry's assignment notes", HFILL } },
        { &hf_iana_history,
          { "History", "iana.history", FT_STRING, BASE_NONE, NULL, 0x0,
            "An event in the port's assignment history, as the registry's notes state it", HFILL } },
        { &hf_iana_history_event,
          { "Event", "iana.history.event", FT_STRING, BASE_NONE, NULL, 0x0,
            "Kind of event: de-assigned, removed, de-registered, modified, renamed, alias, "
            "reassigned, contact-changed, deprecated, created, recorded or assigned", HFILL } },
        { &hf_iana_history_date,
          { "Date", "iana.history.date", FT_STRING, BASE_NONE, NULL, 0x0,
            "When the event happened, ISO 8601", HFILL } },
        { &hf_iana_history_former_service,
          { "Former service", "iana.history.former_service", FT_STRING, BASE_NONE, NULL, 0x0,
            "The service (name or description) the port or name had before the event", HFILL } },
        { &hf_iana_role,
          { "Role", "iana.role", FT_STRING, BASE_NONE, NULL, 0x0,
            "Whether the port is the conversation's service side, its client side, or unknown", HFILL } },
        { &hf_iana_role_basis,
          { "Decided by", "iana.role.basis", FT_STRING, BASE_NONE, NULL, 0x0,
            "How the service side was decided: syn (the port that received the first SYN), "
            "registered (the only registered side), dissector (both registered: the port on "
            "which Wireshark registers the dissector of the protocol it found), local (a local "
            "assignment names the port), range (the lower registry range), number (the lower "
            "port), none (undecided); a mismatch is claimed only on syn, registered, dissector "
            "and local", HFILL } },
        { &hf_iana_server_port,
          { "Service port", "iana.server_port", FT_UINT16, BASE_DEC, NULL, 0x0,
            "The port of the conversation's service side", HFILL } },
        { &hf_iana_server_service,
          { "Service name", "iana.server_service", FT_STRING, BASE_NONE, NULL, 0x0,
            "The primary registered name of the service side's port", HFILL } },
        { &hf_iana_server_status,
          { "Service status", "iana.server_status", FT_STRING, BASE_NONE, NULL, 0x0,
            "Registration status of the service side's port: assigned, reserved or unassigned; "
            "local for a local assignment", HFILL } },
        { &hf_iana_server_assignee,
          { "Service assignee", "iana.server_assignee", FT_STRING, BASE_NONE, NULL, 0x0,
            "Who the service side's port is assigned to (the first assignee of its primary entry)",
            HFILL } },
        { &hf_iana_mismatch,
          { "Protocol mismatch", "iana.mismatch", FT_STRING, BASE_NONE, NULL, 0x0,
            "The conversation carries another protocol than its service port is registered for; "
            "the value is the protocol seen", HFILL } },
        { &hf_iana_mismatch_registered,
          { "Registered service", "iana.mismatch.registered", FT_STRING, BASE_NONE, NULL, 0x0,
            "The service the registry gives the service port", HFILL } },
        { &hf_iana_mismatch_observed,
          { "Observed protocol", "iana.mismatch.observed", FT_STRING, BASE_NONE, NULL, 0x0,
            "The protocol the payload was seen to carry, as a Wireshark filter name", HFILL } },
        { &hf_iana_history_former_assignee,
          { "Former assignee", "iana.history.former_assignee", FT_STRING, BASE_NONE, NULL, 0x0,
            "The registry's identifier of whoever held the assignment before the event", HFILL } },
        { &hf_iana_local,
          { "Local assignment", "iana.local", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
            "An assignment of your own (Preferences > Protocols > IANA > Local port assignments), "
            "shown ahead of IANA's; the fields under it are the row's", HFILL } },
        { &hf_iana_at_capture,
          { "At capture time", "iana.at_capture", FT_STRING, BASE_NONE, NULL, 0x0,
            "What the registry's dates and history say the entry was when the frame was captured, "
            "where that differs from today: not yet registered, or another service until a date", HFILL } },
        { &hf_iana_at_capture_status,
          { "Status at capture time", "iana.at_capture.status", FT_STRING, BASE_NONE, NULL, 0x0,
            "not registered (the frame is older than the registration), or assigned (to the former "
            "service, before the event that ended it)", HFILL } },
        { &hf_iana_at_capture_service,
          { "Service at capture time", "iana.at_capture.service", FT_STRING, BASE_NONE, NULL, 0x0,
            "The former service, where the registry's notes name it", HFILL } },
        { &hf_iana_at_capture_assignee,
          { "Assignee at capture time", "iana.at_capture.assignee", FT_STRING, BASE_NONE, NULL, 0x0,
            "The former assignee, where the registry's notes name one", HFILL } },
    };
    static int *ett[] = {
        &ett_iana,
        &ett_iana_port,
        &ett_iana_service,
        &ett_iana_unauthorized_use,
        &ett_iana_person,
        &ett_iana_history,
        &ett_iana_role,
        &ett_iana_mismatch,
        &ett_iana_local,
        &ett_iana_at_capture,
    };
    static ei_register_info ei[] = {
        { &ei_iana_unauthorized_use,
          { "iana.expert.unauthorized_use", PI_SECURITY, PI_WARN,
            "Traffic on a port with Known Unauthorized Use", EXPFILL } },
        { &ei_iana_deassigned,
          { "iana.expert.deassigned", PI_DEPRECATED, PI_NOTE,
            "Traffic on a de-assigned or removed port", EXPFILL } },
        { &ei_iana_reserved,
          { "iana.expert.reserved", PI_PROTOCOL, PI_NOTE,
            "Traffic on a Reserved port", EXPFILL } },
        { &ei_iana_mismatch,
          { "iana.expert.mismatch", PI_PROTOCOL, PI_WARN,
            "The conversation carries another protocol than its service port is registered for", EXPFILL } },
        { &ei_iana_unassigned,
          { "iana.expert.unassigned", PI_PROTOCOL, PI_CHAT,
            "Traffic on an Unassigned port", EXPFILL } },
        { &ei_iana_before_registration,
          { "iana.expert.before_registration", PI_SEQUENCE, PI_NOTE,
            "Traffic on a port before the registry's registration date for it", EXPFILL } },
    };
    static const enum_val_t sides[] = {
        { "source", "Source ports", SIDE_SOURCE },
        { "destination", "Destination ports", SIDE_DESTINATION },
        { "both", "Source and destination ports", SIDE_BOTH },
        { NULL, NULL, 0 }
    };
    module_t *module;
    expert_module_t *expert;

    /* Preferences are not read yet; the folders' images count already. */
    iana_registry_file_choose(NULL);
    name_registry();
    proto_iana = proto_register_protocol(protocol_name, "IANA", "iana");
    proto_register_field_array(proto_iana, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert = expert_register_protocol(proto_iana);
    expert_register_field_array(expert, ei, array_length(ei));

    module = prefs_register_protocol(proto_iana, choose_registry);
    prefs_register_enum_preference(module, "ports", "Ports to annotate",
        "Which ports of each transport header to look up in the registry.",
        &pref_sides, sides, FALSE);
    prefs_register_bool_preference(module, "reserved_unassigned", "Annotate Reserved and Unassigned ports",
        "Also annotate ports the registry lists as Reserved or Unassigned.",
        &pref_reserved_unassigned);
    prefs_register_bool_preference(module, "expert_info", "Expert information",
        "Add expert information for Known Unauthorized Use and de-assigned ports.",
        &pref_expert);
    prefs_register_bool_preference(module, "expert_reserved_unassigned",
        "Expert information for Reserved and Unassigned ports",
        "Also add expert information (notes and chats) for traffic on Reserved and Unassigned "
        "ports; client ports often land on them, so this is off by default.",
        &pref_expert_reserved_unassigned);
    prefs_register_bool_preference(module, "client_ports", "Annotate client ports",
        "Also annotate the client side of a conversation; its port is often ephemeral and "
        "registered to something else by chance.",
        &pref_client_ports);
    prefs_register_bool_preference(module, "info_column", "Service name in the Info column",
        "Append the registered name of the conversation's service side to the Info column.",
        &pref_info_column);
    prefs_register_bool_preference(module, "at_capture", "The registry at capture time",
        "Compare each frame's time with the registry's dates and history, and say what a port "
        "was then where it differs from today (iana.at_capture).",
        &pref_at_capture);
    iana_local_register(module);
    prefs_register_filename_preference(module, "registry_file", "Registry image",
        "A registry image (scripts/iana-gen REGISTRY --image FILE, or update-registry) to use "
        "whatever its date. Empty: the newest of the images named " IANA_IMAGE_NAME " in the "
        "profile's folder, the personal configuration folder and the system-wide folder, "
        "and the tables compiled into the plugin.",
        &pref_registry_file, FALSE);

    iana_handle = create_dissector_handle(dissect_iana, proto_iana);
    register_init_routine(iana_init);
    register_shutdown_routine(iana_registry_file_cleanup);
    iana_tap = register_tap("iana");
    iana_stats_register(stats_title);
    iana_services_register();
}

void proto_reg_handoff_iana(void)
{
    iana_headers_init();
    iana_conversation_init();
    iana_mismatch_init(proto_iana);
    register_postdissector(iana_handle);
}
