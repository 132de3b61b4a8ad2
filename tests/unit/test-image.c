/* test-image.c - a registry image against the compiled-in tables it was made beside.
 *
 * usage: test-image IMAGE, where IMAGE is iana-gen's --image of the registry
 * this build compiled in. Every lookup on every port of every transport,
 * and every string the API gives for what it finds, must be the same from
 * both carriers; and every kind of damage must be refused, with its reason,
 * leaving the caller's tables untouched.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <stdio.h>
#include <string.h>

#include <glib.h>
#include <zlib.h>

#include "iana-image.h"
#include "iana-registry.h"

static unsigned checks, failures;

#define CHECK(cond, ...)                                                     \
    do {                                                                     \
        checks++;                                                            \
        if (!(cond)) {                                                       \
            failures++;                                                      \
            fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);             \
            fprintf(stderr, __VA_ARGS__);                                    \
            fputc('\n', stderr);                                             \
        }                                                                    \
    } while (0)

/* Offsets in the image's header (scripts/ianareg/image.py). */
#define VERSION_AT 8
#define CHECKSUM_AT 24
#define DIRECTORY_AT 264
enum { T_INFO, T_POOL, T_LISTS, T_PEOPLE, T_EVENTS, T_ENTRIES, T_RECORDS, T_SEGMENTS, T_STARTS, T_BUCKETS };

static void put_span(GString *out, const char *name, iana_span_t span, gboolean strings)
{
    g_string_append_printf(out, "%s %u:", name, span.count);
    for (uint32_t i = 0; i < span.count; i++)
        g_string_append_printf(out, " %s", strings ? iana_str(span.items[i]) : "");
}

/* Everything the API says about one record, as text. */
static void describe_record(GString *out, const iana_record_t *r)
{
    const iana_entry_t *e = iana_entry(r);
    iana_span_t people[2] = { iana_entry_list(e, IANA_ASSIGNEES), iana_entry_list(e, IANA_CONTACTS) };
    iana_span_t history = iana_entry_list(e, IANA_HISTORY);
    char person[1024];

    g_string_append_printf(out, "[%s %s %u-%u/%u | %s | %s | %s | %s %s | %u %u %u]", iana_str(r->service),
                           iana_str(r->range), r->port_low, r->port_high, r->transport, iana_str(e->description),
                           iana_str(e->note), iana_str(e->unauthorized), iana_str(e->registered),
                           iana_str(e->modified), e->status, e->has_service_code, e->service_code);
    for (int k = 0; k < 2; k++) {
        for (uint32_t i = 0; i < people[k].count; i++) {
            iana_person_format(iana_person(people[k].items[i]), person, sizeof person);
            g_string_append_printf(out, " <%s %s>", iana_str(iana_person(people[k].items[i])->id), person);
        }
    }
    put_span(out, " refs", iana_entry_list(e, IANA_REFERENCES), TRUE);
    for (uint32_t i = 0; i < history.count; i++) {
        const iana_event_t *ev = iana_event(history.items[i]);

        g_string_append_printf(out, " {%s %s %s %s %s}", iana_str(ev->event), iana_str(ev->date),
                               iana_str(ev->former_service), iana_str(ev->former_assignee), iana_str(ev->text));
    }
    put_span(out, " flagged", iana_entry_list(e, IANA_UNAUTHORIZED_PORTS), FALSE);
}

/* The lookups of one transport and port, described. */
static void describe_port(GString *out, iana_transport_t t, uint16_t port)
{
    iana_list_t matches = iana_lookup(t, port);

    g_string_truncate(out, 0);
    g_string_append_printf(out, "%s|%d|", iana_primary_service_or_status(matches), iana_assigned(matches));
    for (uint32_t i = 0; i < iana_list_count(matches); i++) {
        const iana_record_t *r = iana_record(iana_list_item(matches, i));

        describe_record(out, r);
        g_string_append_printf(out, "%d", iana_unauthorized_at(iana_entry(r), port));
    }
}

static void test_same_answers(const iana_tables_t *image)
{
    GString *a = g_string_new(NULL), *b = g_string_new(NULL);
    unsigned differ = 0, matched = 0;

    for (int t = 0; t < IANA_TRANSPORTS; t++) {
        for (uint32_t port = 0; port <= 65535; port++) {
            iana_use_tables(NULL);
            describe_port(a, (iana_transport_t)t, (uint16_t)port);
            iana_use_tables(image);
            describe_port(b, (iana_transport_t)t, (uint16_t)port);
            matched += iana_lookup((iana_transport_t)t, (uint16_t)port) != 0;
            if (strcmp(a->str, b->str) != 0 && differ++ < 3)
                CHECK(0, "%u/%s differs:\n  built in: %.300s\n  image:    %.300s", port,
                      iana_transport_name((iana_transport_t)t), a->str, b->str);
        }
    }
    CHECK(differ == 0, "%u ports answer differently", differ);
    CHECK(matched > 0, "the image matches some port");
    iana_use_tables(NULL);
    CHECK(iana_tables_in_use() == iana_builtin_tables(), "NULL puts the compiled-in tables back");
    printf("same answers from both carriers on %u matched transport ports\n", matched);
    g_string_free(a, TRUE);
    g_string_free(b, TRUE);
}

static uint32_t get32(const guint8 *data, size_t at)
{
    uint32_t v;

    memcpy(&v, data + at, 4);
    return v;
}

static void set32(guint8 *data, size_t at, uint32_t v)
{
    memcpy(data + at, &v, 4);
}

static uint32_t table_offset(const guint8 *data, int table)
{
    return get32(data, DIRECTORY_AT + 16 * (size_t)table);
}

static void fix_checksum(guint8 *data, size_t size)
{
    set32(data, CHECKSUM_AT, 0);
    set32(data, CHECKSUM_AT, (uint32_t)crc32(0L, data, (uInt)size));
}

/* The image with one change, checksum made right; refused for why. */
static void expect_refused(const guint8 *image, size_t size, size_t cut, const char *what,
                           void (*damage)(guint8 *, size_t), gboolean fix, const char *why)
{
    guint8 *copy = g_memdup2(image, size);
    iana_tables_t tables, untouched;
    iana_image_about_t about;
    char reason[256] = "";

    if (damage != NULL)
        damage(copy, size);
    if (fix)
        fix_checksum(copy, size);
    memset(&tables, 0xA5, sizeof tables);
    untouched = tables;
    CHECK(!iana_image_open(copy, cut, &tables, &about, reason, sizeof reason), "%s is refused", what);
    CHECK(strstr(reason, why) != NULL, "%s: the reason is \"%s\", expected \"%s\"", what, reason, why);
    CHECK(memcmp(&tables, &untouched, sizeof tables) == 0, "%s: the tables are left untouched", what);
    g_free(copy);
}

static void bad_version(guint8 *d, size_t n) { (void)n; set32(d, VERSION_AT, 2); }
static void bad_pool_byte(guint8 *d, size_t n) { (void)n; d[table_offset(d, T_POOL) + 50] ^= 0x20; }
static void bad_record_entry(guint8 *d, size_t n) { (void)n; set32(d, table_offset(d, T_RECORDS) + 8, 0xFFFFFF); }
static void bad_record_string(guint8 *d, size_t n) { (void)n; set32(d, table_offset(d, T_RECORDS), 0x7FFFFFFF); }
static void bad_person_string(guint8 *d, size_t n) { (void)n; set32(d, table_offset(d, T_PEOPLE) + 4, 0x7FFFFFFF); }
static void bad_event_string(guint8 *d, size_t n) { (void)n; set32(d, table_offset(d, T_EVENTS) + 16, 0x7FFFFFFF); }
static void bad_details(guint8 *d, size_t n) { (void)n; set32(d, table_offset(d, T_ENTRIES) + 20, 0x7FFFFFFF); }
static void bad_segment_list(guint8 *d, size_t n) { (void)n; set32(d, table_offset(d, T_SEGMENTS) + 4, 0x7FFFFFFF); }
static void bad_segment_order(guint8 *d, size_t n) { (void)n; set32(d, table_offset(d, T_SEGMENTS), 0x0000FFFF); }
static void bad_bucket(guint8 *d, size_t n) { (void)n; set32(d, table_offset(d, T_BUCKETS) + 4 * 300, 0); }
static void bad_starts(guint8 *d, size_t n) { (void)n; set32(d, table_offset(d, T_STARTS) + 16, 0x7FFFFFFF); }
static void bad_table_place(guint8 *d, size_t n) { set32(d, DIRECTORY_AT + 16 * T_RECORDS, (uint32_t)n); }
static void bad_row_size(guint8 *d, size_t n) { (void)n; set32(d, DIRECTORY_AT + 16 * T_ENTRIES + 8, 28); }
static void bad_info_count(guint8 *d, size_t n) { (void)n; set32(d, table_offset(d, T_INFO) + 24, 1); }
static void bad_magic(guint8 *d, size_t n) { (void)n; d[1] = 'X'; }
static void bad_utf8(guint8 *d, size_t n) { (void)n; d[table_offset(d, T_POOL) + 1] = 0xFF; }

static void test_refusals(const guint8 *image, size_t size)
{
    char half[64];

    snprintf(half, sizeof half, "truncated: %zu of %zu bytes", size / 2, size);
    expect_refused(image, size, 0, "an empty file", NULL, FALSE, "not a registry image");
    expect_refused(image, size, 100, "100 bytes", NULL, FALSE, "truncated: 100 bytes, shorter than");
    expect_refused(image, size, size / 2, "half an image", NULL, FALSE, half);
    expect_refused(image, size, size - 1, "an image less its last byte", NULL, FALSE, "truncated: ");
    expect_refused(image, size, size, "another magic number", bad_magic, TRUE, "not a registry image");
    expect_refused(image, size, size, "version 2", bad_version, TRUE, "format version 2; this plugin reads version 1");
    expect_refused(image, size, size, "a flipped pool byte", bad_pool_byte, FALSE, "checksum mismatch");
    expect_refused(image, size, size, "a record's entry", bad_record_entry, TRUE, "record 0: entry 16777215 of");
    expect_refused(image, size, size, "a record's name", bad_record_string, TRUE, "record 0: string offset");
    expect_refused(image, size, size, "a person's name", bad_person_string, TRUE, "person 0: string offset");
    expect_refused(image, size, size, "an event's text", bad_event_string, TRUE, "event 0: string offset");
    expect_refused(image, size, size, "an entry's details", bad_details, TRUE, "entry 0: detail list 0");
    expect_refused(image, size, size, "a segment's records", bad_segment_list, TRUE, "segment 0: its record list");
    expect_refused(image, size, size, "segments out of order", bad_segment_order, TRUE, "segment 0 (65535-");
    expect_refused(image, size, size, "a bucket", bad_bucket, TRUE, "bucket");
    expect_refused(image, size, size, "a transport's start", bad_starts, TRUE, "transport starts");
    expect_refused(image, size, size, "a table past the end", bad_table_place, TRUE, "table records");
    expect_refused(image, size, size, "rows of another size", bad_row_size, TRUE, "table entries has 28-byte rows");
    expect_refused(image, size, size, "a wrong record count", bad_info_count, TRUE, "info counts 1 records");
    expect_refused(image, size, size, "a string that is not UTF-8", bad_utf8, TRUE, "is not UTF-8");
}

int main(int argc, char **argv)
{
    iana_tables_t tables;
    iana_image_about_t about;
    char reason[256];
    gchar *data;
    gsize size;
    GError *error = NULL;

    if (argc != 2) {
        fprintf(stderr, "usage: test-image IMAGE\n");
        return 2;
    }
    if (!g_file_get_contents(argv[1], &data, &size, &error)) {
        fprintf(stderr, "test-image: %s\n", error->message);
        return 2;
    }
    CHECK(iana_image_open(data, size, &tables, &about, reason, sizeof reason), "%s opens: %s", argv[1], reason);
    if (failures == 0) {
        CHECK(strcmp(about.updated, iana_str(iana_registry_info()->updated)) == 0,
              "the header's date %s is the registry's", about.updated);
        CHECK(strcmp(about.sha256, iana_str(iana_registry_info()->sha256)) == 0, "the header's SHA-256");
        CHECK(strncmp(about.generator, "iana-gen ", 9) == 0, "the header names the generator");
        CHECK(strcmp(about.source, iana_str(iana_registry_info()->source)) == 0, "the header names the source");
        test_same_answers(&tables);
        test_refusals((const guint8 *)data, size);
    }
    printf("%s: %u checks, %u failed\n", argv[1], checks, failures);
    g_free(data);
    return failures ? 1 : 0;
}
