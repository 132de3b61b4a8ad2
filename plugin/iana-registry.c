/* iana-registry.c - the lookup over the registry's tables: those compiled
 * in, or those of a registry image (iana-image.c), whichever is in use.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <stddef.h>
#include <string.h>

#include "iana-registry.h"

/* The data: static const arrays only, made by scripts/iana-gen. Its pool rows
 * are exactly filled, not NUL-terminated, which GCC 15 and Clang 21 flag
 * under -Wextra; the generator explains why the rows are built that way. */
#if defined(__clang__)
#pragma clang diagnostic push
#if __has_warning("-Wunterminated-string-initialization")
#pragma clang diagnostic ignored "-Wunterminated-string-initialization"
#endif
#elif defined(__GNUC__) && __GNUC__ >= 15
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunterminated-string-initialization"
#endif
#include "iana-registry-data.inc"
#if defined(__clang__)
#pragma clang diagnostic pop
#elif defined(__GNUC__) && __GNUC__ >= 15
#pragma GCC diagnostic pop
#endif

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))
#define MIN_U32(a, b) ((a) < (b) ? (a) : (b))

/* The rows are a file format too (iana-image.h): their layout is fixed. */
_Static_assert(sizeof(iana_info_t) == 32, "iana_info_t layout");
_Static_assert(sizeof(iana_person_t) == 24, "iana_person_t layout");
_Static_assert(sizeof(iana_event_t) == 20, "iana_event_t layout");
_Static_assert(sizeof(iana_entry_t) == 32 && offsetof(iana_entry_t, status) == 28, "iana_entry_t layout");
_Static_assert(sizeof(iana_record_t) == 20 && offsetof(iana_record_t, transport) == 16, "iana_record_t layout");
_Static_assert(sizeof(iana_segment_t) == 8, "iana_segment_t layout");

static const iana_tables_t builtin = {
    &iana_info, (const char *)iana_pool, iana_lists, iana_people, iana_events, iana_entries,
    iana_records, iana_segments, iana_transport_segments, iana_buckets,
    (uint32_t)sizeof iana_pool, (uint32_t)COUNT_OF(iana_lists), (uint32_t)COUNT_OF(iana_people),
    (uint32_t)COUNT_OF(iana_events), (uint32_t)COUNT_OF(iana_entries), (uint32_t)COUNT_OF(iana_records),
    (uint32_t)COUNT_OF(iana_segments),
};

/* The tables every lookup reads: the compiled-in ones, or an image's. Set
 * when the plugin chooses its registry (at start-up, and when a capture is
 * opened), never while a packet is dissected. */
static const iana_tables_t *active = &builtin;

const iana_tables_t *iana_builtin_tables(void)
{
    return &builtin;
}

void iana_use_tables(const iana_tables_t *tables)
{
    active = tables != NULL ? tables : &builtin;
}

const iana_tables_t *iana_tables_in_use(void)
{
    return active;
}

iana_list_t iana_lookup(iana_transport_t transport, uint16_t port)
{
    const uint32_t *bucket;
    uint32_t low, high;

    if ((unsigned)transport >= IANA_TRANSPORTS)
        return 0;
    /* Segments of one transport are sorted and disjoint: binary search, from
     * the first segment that may reach this port's bucket to the first that
     * may reach the next one (a segment spanning buckets starts both). */
    bucket = &active->buckets[transport * IANA_BUCKETS + (port >> 8)];
    low = bucket[0];
    high = MIN_U32(bucket[1] + 1, active->transport_segments[transport + 1]);
    while (low < high) {
        uint32_t mid = low + (high - low) / 2;
        const iana_segment_t *seg = &active->segments[mid];

        if (port < seg->low)
            high = mid;
        else if (port > seg->high)
            low = mid + 1;
        else
            return seg->records;
    }
    return 0;
}

uint32_t iana_list_count(iana_list_t list)
{
    return list < active->list_count ? active->lists[list] : 0;
}

uint32_t iana_list_item(iana_list_t list, uint32_t item)
{
    return item < iana_list_count(list) ? active->lists[list + 1 + item] : 0;
}

const char *iana_str(iana_str_t s)
{
    return s < active->pool_size ? active->pool + s : "";
}

uint32_t iana_record_count(void)
{
    return active->info->records;
}

const iana_record_t *iana_record(uint32_t record)
{
    return record < active->info->records ? &active->records[record] : NULL;
}

const iana_entry_t *iana_entry(const iana_record_t *record)
{
    return &active->entries[record->entry];
}

iana_span_t iana_entry_list(const iana_entry_t *entry, iana_entry_list_t which)
{
    /* details: count, items..., count, items..., in iana_entry_list_t order */
    const uint32_t *at = &active->lists[entry->details];
    iana_span_t span;

    for (unsigned i = 0; i < (unsigned)which; i++)
        at += 1 + at[0];
    span.count = at[0];
    span.items = at + 1;
    return span;
}

const iana_event_t *iana_entry_deassignment(const iana_entry_t *entry)
{
    iana_span_t history = iana_entry_list(entry, IANA_HISTORY);

    for (uint32_t i = 0; i < history.count; i++) {
        const iana_event_t *ev = iana_event(history.items[i]);
        const char *kind = ev ? iana_str(ev->event) : "";

        if (strcmp(kind, "de-assigned") == 0 || strcmp(kind, "removed") == 0 ||
            strcmp(kind, "de-registered") == 0)
            return ev;
    }
    return NULL;
}

bool iana_unauthorized_at(const iana_entry_t *entry, uint16_t port)
{
    iana_span_t ports;

    if (entry->unauthorized == 0)
        return false;
    ports = iana_entry_list(entry, IANA_UNAUTHORIZED_PORTS);
    if (ports.count == 0)
        return true;
    for (uint32_t i = 0; i < ports.count; i++) {
        if (port >= ports.items[i] >> 16 && port <= (ports.items[i] & 0xFFFF))
            return true;
    }
    return false;
}

const iana_person_t *iana_person(uint32_t person)
{
    return person < active->person_count ? &active->people[person] : NULL;
}

const iana_record_t *iana_primary_record(iana_list_t matches)
{
    return iana_list_count(matches) > 0 ? iana_record(iana_list_item(matches, 0)) : NULL;
}

const iana_entry_t *iana_primary_entry(iana_list_t matches)
{
    const iana_record_t *record = iana_primary_record(matches);

    return record != NULL ? iana_entry(record) : NULL;
}

const char *iana_primary_service(iana_list_t matches)
{
    const iana_record_t *record = iana_primary_record(matches);

    return record != NULL ? iana_str(record->service) : "";
}

const char *iana_primary_service_or_status(iana_list_t matches)
{
    const char *name = iana_primary_service(matches);
    const iana_entry_t *entry = iana_primary_entry(matches);

    if (*name || entry == NULL)
        return name;
    return iana_status_name((iana_status_t)entry->status);
}

bool iana_assigned(iana_list_t matches)
{
    const iana_entry_t *entry = iana_primary_entry(matches);

    return entry != NULL && entry->status == IANA_ASSIGNED;
}

/* Appends piece to buf at *used, counting what does not fit. */
static void put(char *buf, size_t size, size_t *used, const char *piece)
{
    size_t n = strlen(piece);

    if (*used < size) {
        size_t room = size - 1 - *used;

        memcpy(buf + *used, piece, n < room ? n : room);
        buf[*used + (n < room ? n : room)] = '\0';
    }
    *used += n;
}

size_t iana_person_format(const iana_person_t *person, char *buf, size_t size)
{
    const char *name = iana_str(person->name);
    const char *org = iana_str(person->org);
    const char *address = *iana_str(person->email) ? iana_str(person->email) : iana_str(person->uri);
    size_t used = 0;

    /* Concatenation, not printf: this runs for every assignee shown. */
    if (size > 0)
        buf[0] = '\0';
    put(buf, size, &used, *name ? name : *org ? org : iana_str(person->id));
    if (*name && *org) {
        put(buf, size, &used, ", ");
        put(buf, size, &used, org);
    }
    if (*address) {
        put(buf, size, &used, " <");
        put(buf, size, &used, address);
        put(buf, size, &used, ">");
    }
    return used;
}

const char *iana_person_organisation(const iana_person_t *person)
{
    if (*iana_str(person->org))
        return iana_str(person->org);
    return *iana_str(person->name) ? iana_str(person->name) : iana_str(person->id);
}

const iana_person_t *iana_first_assignee(const iana_entry_t *entry)
{
    iana_span_t assignees = iana_entry_list(entry, IANA_ASSIGNEES);

    return assignees.count > 0 ? iana_person(assignees.items[0]) : NULL;
}

const iana_event_t *iana_event(uint32_t event)
{
    return event < active->event_count ? &active->events[event] : NULL;
}

/* A number of count decimal digits, or -1. */
static int digits(const char *text, int count)
{
    int value = 0;

    for (int i = 0; i < count; i++) {
        if (text[i] < '0' || text[i] > '9')
            return -1;
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

/* Whether the day is before a registry date ("2016-03-31" or "2006-10"),
 * at the date's precision: 1 before, 0 on or after, -1 cannot tell (the
 * same month as a month-precise date, or no date). */
static int day_before(const char *date, int year, int month, int day)
{
    size_t length = strlen(date);
    int y = length >= 7 ? digits(date, 4) : -1, m = length >= 7 ? digits(date + 5, 2) : -1;
    int d = length == 10 ? digits(date + 8, 2) : 0;

    if ((length != 7 && length != 10) || y < 0 || m < 0 || d < 0 || date[4] != '-')
        return -1;
    if (year != y)
        return year < y;
    if (month != m)
        return month < m;
    if (d == 0)
        return -1;
    return day < d;
}

/* Events after which a port no longer belongs to what used it. */
static bool ends_an_assignment(const char *event)
{
    static const char *const kinds[] = { "de-assigned", "removed", "de-registered", "renamed", "reassigned" };

    for (size_t i = 0; i < COUNT_OF(kinds); i++) {
        if (strcmp(event, kinds[i]) == 0)
            return true;
    }
    return false;
}

iana_at_capture_t iana_at_capture(const iana_entry_t *entry, int year, int month, int day)
{
    const iana_at_capture_t same = { IANA_AT_CAPTURE_SAME, NULL };
    iana_at_capture_t at = same;
    iana_span_t history = iana_entry_list(entry, IANA_HISTORY);
    const char *registered = iana_str(entry->registered);
    const char *next = NULL;    /* the earliest date still to come on the day */
    int before;

    /* Whichever comes first of the registration and the events that ended
     * an assignment says what the port was on the day: not yet registered,
     * or what that event ended. A date that cannot decide decides nothing. */
    if (*registered) {
        before = day_before(registered, year, month, day);
        if (before < 0)
            return same;
        if (before == 1) {
            at.kind = IANA_AT_CAPTURE_NOT_YET;
            next = registered;
        }
    }
    for (uint32_t i = 0; i < history.count; i++) {
        const iana_event_t *ev = iana_event(history.items[i]);
        const char *date;

        if (ev == NULL || !ends_an_assignment(iana_str(ev->event)) || ev->date == 0)
            continue;
        date = iana_str(ev->date);
        before = day_before(date, year, month, day);
        if (before < 0)
            return same;
        if (before == 1 && (next == NULL || strcmp(date, next) < 0)) {
            at.kind = IANA_AT_CAPTURE_FORMER;
            at.event = ev;
            next = date;
        }
    }
    return at;
}

const iana_info_t *iana_registry_info(void)
{
    return active->info;
}

const char *iana_transport_name(iana_transport_t transport)
{
    static const char *const names[] = { "tcp", "udp", "sctp", "dccp" };

    return (unsigned)transport < IANA_TRANSPORTS ? names[transport] : "any";
}

const char *iana_status_name(iana_status_t status)
{
    static const char *const names[] = { "assigned", "reserved", "unassigned" };

    return (unsigned)status < COUNT_OF(names) ? names[status] : "unknown";
}
