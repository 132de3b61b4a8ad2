/* iana-image.c - check a registry image once, then use its tables in place.
 *
 * The layout is scripts/ianareg/image.py's: a header, a directory of ten
 * tables, the tables. A file is refused as a whole unless every part holds:
 * the header's magic, byte order, version and sizes, the checksum of the
 * whole, each table inside the file with rows of the size this build uses,
 * every string offset inside the pool (which ends with a NUL, so every
 * string ends inside it) and valid UTF-8, every index inside its table,
 * every list inside the list table, the segments sorted and disjoint and
 * covered by the records they list, and the bucket index as the segments
 * give it. Lookups then read the rows as they read the compiled-in ones.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>
#include <zlib.h>

#include "iana-image.h"

#define MAGIC "\211IANAREG"
#define BYTE_ORDER_MARK 0x01020304u

/* The tables in directory order, and the size of their rows. */
enum { T_INFO, T_POOL, T_LISTS, T_PEOPLE, T_EVENTS, T_ENTRIES, T_RECORDS, T_SEGMENTS,
       T_TRANSPORT_STARTS, T_BUCKETS, TABLES };

static const struct {
    const char *name;
    uint32_t row;
} table_rows[TABLES] = {
    [T_INFO] = { "info", sizeof(iana_info_t) },
    [T_POOL] = { "pool", 1 },
    [T_LISTS] = { "lists", sizeof(uint32_t) },
    [T_PEOPLE] = { "people", sizeof(iana_person_t) },
    [T_EVENTS] = { "events", sizeof(iana_event_t) },
    [T_ENTRIES] = { "entries", sizeof(iana_entry_t) },
    [T_RECORDS] = { "records", sizeof(iana_record_t) },
    [T_SEGMENTS] = { "segments", sizeof(iana_segment_t) },
    [T_TRANSPORT_STARTS] = { "transport_starts", sizeof(uint32_t) },
    [T_BUCKETS] = { "buckets", sizeof(uint32_t) },
};

typedef struct {
    char magic[8];
    uint32_t version, byte_order, header_size, file_size, checksum, table_count;
    char updated[16], generator[16], sha256[72], source[128];
    struct {
        uint32_t offset, count, row, zero;
    } table[TABLES];
} header_t;

_Static_assert(sizeof(header_t) == 424, "the image header is 424 bytes");
#define CHECKSUM_AT offsetof(header_t, checksum)

/* One check in progress: the image, what it holds so far, and why not. */
typedef struct {
    const uint8_t *data;
    size_t size;
    iana_tables_t t;
    char *reason;
    size_t reason_size;
} check_t;

static bool G_GNUC_PRINTF(2, 3) refuse(check_t *c, const char *format, ...)
{
    va_list args;

    va_start(args, format);
    vsnprintf(c->reason, c->reason_size, format, args);
    va_end(args);
    return false;
}

static uint32_t crc_of(const uint8_t *data, size_t size)
{
    static const uint8_t zero[4] = { 0 };
    uLong crc = crc32(0L, Z_NULL, 0);

    crc = crc32(crc, data, (uInt)CHECKSUM_AT);
    crc = crc32(crc, zero, sizeof zero);
    /* zlib takes at most 4 GiB per call; the header's file size is 32 bits. */
    crc = crc32(crc, data + CHECKSUM_AT + 4, (uInt)(size - CHECKSUM_AT - 4));
    return (uint32_t)crc;
}

static bool header_ok(check_t *c, const header_t *h)
{
    uint32_t crc;

    if (h->byte_order != BYTE_ORDER_MARK)
        return refuse(c, "written for the other byte order");
    if (h->version != IANA_IMAGE_VERSION)
        return refuse(c, "format version %u; this plugin reads version %u", h->version, IANA_IMAGE_VERSION);
    if (h->header_size != sizeof *h || h->table_count != TABLES)
        return refuse(c, "header of %u bytes with %u tables; version %u has %zu and %u",
                      h->header_size, h->table_count, IANA_IMAGE_VERSION, sizeof *h, (unsigned)TABLES);
    if (c->size < h->file_size)
        return refuse(c, "truncated: %zu of %u bytes", c->size, h->file_size);
    if (c->size > h->file_size)
        return refuse(c, "%zu bytes, the header says %u", c->size, h->file_size);
    crc = crc_of(c->data, c->size);
    if (crc != h->checksum)
        return refuse(c, "checksum mismatch: the file is damaged (CRC-32 %08x, the header says %08x)",
                      crc, h->checksum);
    if (!memchr(h->updated, 0, sizeof h->updated) || !memchr(h->generator, 0, sizeof h->generator) ||
        !memchr(h->sha256, 0, sizeof h->sha256) || !memchr(h->source, 0, sizeof h->source))
        return refuse(c, "a text field of the header is not terminated");
    return true;
}

/* Each table inside the file, aligned, with rows of this build's size. */
static bool directory_ok(check_t *c, const header_t *h, const void *at[TABLES], uint32_t count[TABLES])
{
    for (unsigned i = 0; i < TABLES; i++) {
        uint64_t offset = h->table[i].offset, bytes = (uint64_t)h->table[i].count * h->table[i].row;

        if (h->table[i].row != table_rows[i].row)
            return refuse(c, "table %s has %u-byte rows; this plugin's are %u bytes", table_rows[i].name,
                          h->table[i].row, table_rows[i].row);
        if (offset < sizeof *h || offset % 8 != 0 || offset + bytes > c->size)
            return refuse(c, "table %s (%u rows at %u) lies outside the file", table_rows[i].name,
                          h->table[i].count, h->table[i].offset);
        at[i] = c->data + offset;
        count[i] = h->table[i].count;
    }
    if (count[T_INFO] != 1 || count[T_POOL] == 0 || count[T_LISTS] == 0 ||
        count[T_TRANSPORT_STARTS] != IANA_TRANSPORTS + 1 || count[T_BUCKETS] != IANA_TRANSPORTS * IANA_BUCKETS)
        return refuse(c, "a table has the wrong number of rows (info %u, pool %u, lists %u, "
                      "transport_starts %u, buckets %u)", count[T_INFO], count[T_POOL], count[T_LISTS],
                      count[T_TRANSPORT_STARTS], count[T_BUCKETS]);
    return true;
}

/* Whether a string offset is in the pool; the pool ends with a NUL. */
static bool str_ok(const check_t *c, iana_str_t s)
{
    return s < c->t.pool_size;
}

/* Strings of a row of offsets; what names it in a refusal. */
static bool strings_ok(check_t *c, const iana_str_t *s, unsigned n, const char *table, uint32_t row)
{
    for (unsigned i = 0; i < n; i++) {
        if (!str_ok(c, s[i]))
            return refuse(c, "%s %u: string offset %u outside the %u-byte pool", table, row, s[i], c->t.pool_size);
    }
    return true;
}

static bool pool_ok(check_t *c)
{
    const char *pool = c->t.pool, *end = pool + c->t.pool_size;

    if (pool[0] != '\0' || end[-1] != '\0')
        return refuse(c, "the pool does not start and end with a NUL");
    /* Wireshark's string fields want UTF-8: every string must be. */
    for (const char *s = pool; s < end; s += strlen(s) + 1) {
        if (!g_utf8_validate(s, -1, NULL))
            return refuse(c, "pool string at %td is not UTF-8", s - pool);
    }
    return true;
}

/* No bound on a list's items: strings and port ranges, checked apart. */
#define ANY_VALUE UINT32_MAX

/* A counted list at list: inside the list table; its items below limit
 * (ANY_VALUE: any). Sets *next to the offset after it. */
static bool list_ok(check_t *c, uint32_t list, uint32_t limit, uint32_t *next)
{
    uint32_t count;

    if (list >= c->t.list_count || c->t.list_count - list - 1 < c->t.lists[list])
        return false;
    count = c->t.lists[list];
    for (uint32_t i = 0; limit != ANY_VALUE && i < count; i++) {
        if (c->t.lists[list + 1 + i] >= limit)
            return false;
    }
    *next = list + 1 + count;
    return true;
}

static bool entries_ok(check_t *c)
{
    for (uint32_t i = 0; i < c->t.entry_count; i++) {
        const iana_entry_t *e = &c->t.entries[i];
        const iana_str_t strings[] = { e->description, e->note, e->unauthorized, e->registered, e->modified };
        uint32_t at = e->details;
        const uint32_t limits[] = { c->t.person_count, c->t.person_count, ANY_VALUE, c->t.event_count, ANY_VALUE };

        if (!strings_ok(c, strings, G_N_ELEMENTS(strings), "entry", i))
            return false;
        if (e->status > IANA_UNASSIGNED || e->has_service_code > 1)
            return refuse(c, "entry %u: status %u, service code flag %u", i, e->status, e->has_service_code);
        /* assignees, contacts, references, history, flagged ports: in that order */
        for (unsigned k = 0; k < G_N_ELEMENTS(limits); k++) {
            uint32_t start = at;

            if (!list_ok(c, at, limits[k], &at))
                return refuse(c, "entry %u: detail list %u at %u lies outside its tables", i, k, start);
            for (uint32_t n = 0; n < c->t.lists[start]; n++) {
                uint32_t item = c->t.lists[start + 1 + n];

                if (k == 2 && !str_ok(c, item))
                    return refuse(c, "entry %u: reference offset %u outside the pool", i, item);
                if (k == 4 && (item >> 16) > (item & 0xFFFF))
                    return refuse(c, "entry %u: flagged port range %u-%u is inverted", i, item >> 16, item & 0xFFFF);
            }
        }
    }
    return true;
}

static bool rows_ok(check_t *c)
{
    const iana_info_t *info = c->t.info;
    const iana_str_t about[] = { info->updated, info->source, info->format, info->sha256, info->generator };

    if (!strings_ok(c, about, G_N_ELEMENTS(about), "info", 0))
        return false;
    if (info->records != c->t.record_count || info->records_read < info->records || info->excerpt > 1)
        return refuse(c, "info counts %u records (%u read), the records table %u", info->records,
                      info->records_read, c->t.record_count);
    for (uint32_t i = 0; i < c->t.person_count; i++) {
        const iana_person_t *p = &c->t.people[i];
        const iana_str_t strings[] = { p->id, p->name, p->org, p->email, p->uri, p->updated };

        if (!strings_ok(c, strings, G_N_ELEMENTS(strings), "person", i))
            return false;
    }
    for (uint32_t i = 0; i < c->t.event_count; i++) {
        const iana_event_t *e = &c->t.events[i];
        const iana_str_t strings[] = { e->event, e->date, e->former_service, e->former_assignee, e->text };

        if (!strings_ok(c, strings, G_N_ELEMENTS(strings), "event", i))
            return false;
    }
    for (uint32_t i = 0; i < c->t.record_count; i++) {
        const iana_record_t *r = &c->t.records[i];
        const iana_str_t strings[] = { r->service, r->range };

        if (!strings_ok(c, strings, G_N_ELEMENTS(strings), "record", i))
            return false;
        if (r->entry >= c->t.entry_count || r->port_low > r->port_high ||
            (r->transport >= IANA_TRANSPORTS && r->transport != IANA_TRANSPORT_ANY))
            return refuse(c, "record %u: entry %u of %u, ports %u-%u, transport %u", i, r->entry,
                          c->t.entry_count, r->port_low, r->port_high, r->transport);
    }
    return entries_ok(c);
}

/* Per transport: segments sorted and disjoint, each listing records that
 * cover it; and the buckets the segments give. */
static bool segments_ok(check_t *c)
{
    const uint32_t *starts = c->t.transport_segments;

    if (starts[0] != 0 || starts[IANA_TRANSPORTS] != c->t.segment_count)
        return refuse(c, "transport starts %u..%u, for %u segments", starts[0], starts[IANA_TRANSPORTS],
                      c->t.segment_count);
    for (unsigned t = 0; t < IANA_TRANSPORTS; t++) {
        uint32_t end = starts[t + 1], seg = starts[t];

        if (starts[t] > end)
            return refuse(c, "transport %u: segments start after they end", t);
        for (uint32_t i = starts[t]; i < end; i++) {
            const iana_segment_t *s = &c->t.segments[i];
            uint32_t next;

            if (s->low > s->high || (i > starts[t] && s->low <= c->t.segments[i - 1].high))
                return refuse(c, "segment %u (%u-%u) is inverted or overlaps the one before", i, s->low, s->high);
            if (!list_ok(c, s->records, c->t.record_count, &next) || c->t.lists[s->records] == 0)
                return refuse(c, "segment %u: its record list at %u lies outside its tables", i, s->records);
            for (uint32_t n = 0; n < c->t.lists[s->records]; n++) {
                const iana_record_t *r = &c->t.records[c->t.lists[s->records + 1 + n]];

                if (r->port_low > s->low || r->port_high < s->high ||
                    (r->transport != t && r->transport != IANA_TRANSPORT_ANY))
                    return refuse(c, "segment %u (%u-%u): lists a record that does not cover it", i, s->low, s->high);
            }
        }
        for (unsigned b = 0; b < IANA_BUCKETS; b++) {
            while (b < IANA_BUCKETS - 1 && seg < end && c->t.segments[seg].high < (b << 8))
                seg++;
            if (c->t.buckets[t * IANA_BUCKETS + b] != (b < IANA_BUCKETS - 1 ? seg : end))
                return refuse(c, "bucket %u of transport %u does not match the segments", b, t);
        }
    }
    return true;
}

bool iana_image_open(const void *data, size_t size, iana_tables_t *tables, iana_image_about_t *about,
                     char *reason, size_t reason_size)
{
    check_t c = { (const uint8_t *)data, size, { 0 }, reason, reason_size };
    const void *at[TABLES];
    uint32_t count[TABLES];
    header_t h;

    if (((uintptr_t)data & 7) != 0)
        return refuse(&c, "not aligned in memory");
    if (size < sizeof h.magic || memcmp(data, MAGIC, sizeof h.magic) != 0)
        return refuse(&c, "not a registry image (no magic number)");
    if (size < sizeof h)
        return refuse(&c, "truncated: %zu bytes, shorter than the %zu-byte header", size, sizeof h);
    if (size > UINT32_MAX)
        return refuse(&c, "%zu bytes: over the format's 4 GiB", size);
    memcpy(&h, data, sizeof h);
    if (!header_ok(&c, &h) || !directory_ok(&c, &h, at, count))
        return false;
    c.t = (iana_tables_t) {
        at[T_INFO], at[T_POOL], at[T_LISTS], at[T_PEOPLE], at[T_EVENTS], at[T_ENTRIES], at[T_RECORDS],
        at[T_SEGMENTS], at[T_TRANSPORT_STARTS], at[T_BUCKETS],
        count[T_POOL], count[T_LISTS], count[T_PEOPLE], count[T_EVENTS], count[T_ENTRIES],
        count[T_RECORDS], count[T_SEGMENTS],
    };
    if (c.t.lists[0] != 0)
        return refuse(&c, "list 0, the empty list, is not empty");
    if (!pool_ok(&c) || !rows_ok(&c) || !segments_ok(&c))
        return false;
    *tables = c.t;
    memcpy(about->updated, h.updated, sizeof about->updated);
    memcpy(about->generator, h.generator, sizeof about->generator);
    memcpy(about->sha256, h.sha256, sizeof about->sha256);
    memcpy(about->source, h.source, sizeof about->source);
    return true;
}
