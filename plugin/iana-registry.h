/* iana-registry.h - look transport ports up in the IANA registry's tables.
 *
 * scripts/iana-gen makes the tables, either as static const data compiled
 * in (iana-registry-data.inc) or as a registry image that the plugin maps
 * at start-up (iana-image.h): the same rows in both. Strings and lists are
 * 32-bit offsets into one pool and one list table, so the data needs no
 * relocations and a lookup neither allocates nor depends on Wireshark or
 * GLib. Every lookup reads the set of tables in use, whichever carrier
 * holds it.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef IANA_REGISTRY_H
#define IANA_REGISTRY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum {
    IANA_TCP,
    IANA_UDP,
    IANA_SCTP,
    IANA_DCCP,
    IANA_TRANSPORTS
} iana_transport_t;

/* iana_record_t.transport of a record that names no transport: it covers all. */
#define IANA_TRANSPORT_ANY 255

typedef enum {
    IANA_ASSIGNED,
    IANA_RESERVED,
    IANA_UNASSIGNED
} iana_status_t;

/* Offset of a NUL-terminated string in the pool; 0 is the empty string, "none". */
typedef uint32_t iana_str_t;

/* Offset of a counted list (count, then the items); 0 is the empty list. */
typedef uint32_t iana_list_t;

typedef struct {
    iana_str_t updated;         /* the registry's own date */
    iana_str_t source;          /* input file name */
    iana_str_t format;          /* xml, csv or text */
    iana_str_t sha256;          /* of the input file */
    iana_str_t generator;       /* iana-gen version */
    uint32_t records_read;      /* all records, with or without a port */
    uint32_t records;           /* records with a port: the lookup table */
    uint32_t excerpt;           /* 1: an excerpt of the registry, not all of it */
} iana_info_t;

typedef struct {
    iana_str_t id, name, org;
    iana_str_t email;           /* IANA's user&host given back its @ */
    iana_str_t uri;             /* the contact URI when it is not an e-mail */
    iana_str_t updated;
} iana_person_t;

typedef struct {
    iana_str_t event;           /* de-assigned, removed, renamed, ... */
    iana_str_t date;            /* ISO 8601, or none */
    iana_str_t former_service, former_assignee, text;
} iana_event_t;

/* What the registry says about a service on a port; the tcp and udp twins
 * of a service share one. */
typedef struct {
    iana_str_t description, note, unauthorized, registered, modified;
    uint32_t details;           /* in the list table; see iana_entry_list() */
    uint32_t service_code;      /* DCCP; valid when has_service_code */
    uint8_t status;             /* iana_status_t */
    uint8_t has_service_code;
} iana_entry_t;

typedef struct {
    iana_str_t service;         /* none for Reserved and Unassigned rows */
    iana_str_t range;           /* "4200-4299" for a range, else none */
    uint32_t entry;
    uint16_t port_low, port_high;
    uint8_t transport;          /* iana_transport_t or IANA_TRANSPORT_ANY */
} iana_record_t;

typedef struct {
    uint16_t low, high;
    iana_list_t records;        /* record indices, registry order */
} iana_segment_t;

/* The lists an entry carries. */
typedef enum {
    IANA_ASSIGNEES,             /* person indices */
    IANA_CONTACTS,              /* person indices */
    IANA_REFERENCES,            /* strings */
    IANA_HISTORY,               /* event indices */
    IANA_UNAUTHORIZED_PORTS     /* low << 16 | high: the ports the note names */
} iana_entry_list_t;

typedef struct {
    const uint32_t *items;
    uint32_t count;
} iana_span_t;

/* Buckets per transport in iana_tables_t.buckets: one per high byte of a
 * port, then the transport's end. */
#define IANA_BUCKETS 257

/* One set of registry tables, wherever they lie. Counts are in rows. */
typedef struct {
    const iana_info_t *info;
    const char *pool;                   /* pool_size bytes, the last one NUL */
    const uint32_t *lists;
    const iana_person_t *people;
    const iana_event_t *events;
    const iana_entry_t *entries;
    const iana_record_t *records;
    const iana_segment_t *segments;
    const uint32_t *transport_segments; /* IANA_TRANSPORTS + 1: where each starts, then the end */
    const uint32_t *buckets;            /* IANA_TRANSPORTS * IANA_BUCKETS: the first segment to search */
    uint32_t pool_size, list_count, person_count, event_count, entry_count, record_count, segment_count;
} iana_tables_t;

/* The tables compiled into this build. */
const iana_tables_t *iana_builtin_tables(void);

/* Make tables (NULL: the compiled-in ones) the set every lookup reads. They
 * must stay valid until another set replaces them. */
void iana_use_tables(const iana_tables_t *tables);
const iana_tables_t *iana_tables_in_use(void);

/* Records covering port on transport, in registry order (0: none).
 * O(log n), no allocation. */
iana_list_t iana_lookup(iana_transport_t transport, uint16_t port);

uint32_t iana_list_count(iana_list_t list);
uint32_t iana_list_item(iana_list_t list, uint32_t item);

/* Never NULL: "" for none or an offset outside the pool. */
const char *iana_str(iana_str_t s);

uint32_t iana_record_count(void);
const iana_record_t *iana_record(uint32_t record);
const iana_entry_t *iana_entry(const iana_record_t *record);
iana_span_t iana_entry_list(const iana_entry_t *entry, iana_entry_list_t which);
const iana_person_t *iana_person(uint32_t person);

/* The record the registry lists first for a port, whose entry speaks for
 * the port (its status, assignees, notes); NULL for no match. */
const iana_record_t *iana_primary_record(iana_list_t matches);
const iana_entry_t *iana_primary_entry(iana_list_t matches);

/* The primary record's service name; "" for a Reserved or Unassigned port
 * or no match. */
const char *iana_primary_service(iana_list_t matches);

/* The primary service name, or the status of an unnamed port ("reserved",
 * "unassigned"): a port's name wherever one must be shown. "" for no match. */
const char *iana_primary_service_or_status(iana_list_t matches);

/* Whether the port's primary entry is Assigned: a registered port. */
bool iana_assigned(iana_list_t matches);

/* A person as "Name, Organisation <e-mail>", as much of it as the registry
 * knows (the id when it knows no name), into buf like snprintf(): returns
 * the full length, writes at most size bytes, NUL included. */
size_t iana_person_format(const iana_person_t *person, char *buf, size_t size);

/* Who a person stands for in a tally: the organisation, else the name,
 * else the id. */
const char *iana_person_organisation(const iana_person_t *person);

/* The entry's first assignee, or NULL. */
const iana_person_t *iana_first_assignee(const iana_entry_t *entry);

/* The entry's first history event saying the port no longer belongs to what
 * used it (de-assigned, removed, de-registered), or NULL. */
const iana_event_t *iana_entry_deassignment(const iana_entry_t *entry);
const iana_event_t *iana_event(uint32_t event);

/* Whether the entry's Known Unauthorized Use applies to port: the entry has
 * such a note, and it names port or names no other port of the record (a
 * note naming ports inside a range flags only those). */
bool iana_unauthorized_at(const iana_entry_t *entry, uint16_t port);

/* What the registry's own dates and history say an entry was on a day,
 * by whichever comes first after the day of its registration and its
 * dated de-assignments, removals, de-registrations, renames and
 * re-assignments: not yet registered, or what that event names as former
 * (event); with neither to come, the same as today. A month-precise date
 * decides only for other months; where a date cannot decide, the answer
 * is the same. */
typedef enum {
    IANA_AT_CAPTURE_SAME,
    IANA_AT_CAPTURE_NOT_YET,
    IANA_AT_CAPTURE_FORMER
} iana_at_capture_kind_t;

typedef struct {
    iana_at_capture_kind_t kind;
    const iana_event_t *event;  /* IANA_AT_CAPTURE_FORMER: the event that ended it */
} iana_at_capture_t;

/* The day is a UTC date: year, month 1-12, day 1-31. */
iana_at_capture_t iana_at_capture(const iana_entry_t *entry, int year, int month, int day);

const iana_info_t *iana_registry_info(void);

const char *iana_transport_name(iana_transport_t transport);
const char *iana_status_name(iana_status_t status);

#endif /* IANA_REGISTRY_H */
