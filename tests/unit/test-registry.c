/* test-registry.c - the lookup API against the tables it was built with.
 *
 * Properties that hold for any registry (every record is found on every
 * port and transport it covers; every match really covers the port; matches
 * come in registry order), then known answers for the bundled excerpt or the
 * full registry, whichever the tables were made from.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <stdio.h>
#include <string.h>

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

static int covers(const iana_record_t *r, iana_transport_t t)
{
    return r->transport == IANA_TRANSPORT_ANY || r->transport == (uint8_t)t;
}

static int list_has(iana_list_t list, uint32_t index)
{
    for (uint32_t i = 0; i < iana_list_count(list); i++) {
        if (iana_list_item(list, i) == index)
            return 1;
    }
    return 0;
}

static void test_every_record_is_found(void)
{
    unsigned missing = 0;

    for (uint32_t i = 0; i < iana_record_count(); i++) {
        const iana_record_t *r = iana_record(i);

        for (int t = 0; t < IANA_TRANSPORTS; t++) {
            if (!covers(r, (iana_transport_t)t))
                continue;
            for (uint32_t port = r->port_low; port <= r->port_high; port++) {
                if (!list_has(iana_lookup((iana_transport_t)t, (uint16_t)port), i) && missing++ < 5)
                    CHECK(0, "record %u (%s) not found at %u/%s", i, iana_str(r->service),
                          port, iana_transport_name((iana_transport_t)t));
            }
        }
    }
    CHECK(missing == 0, "%u record/port pairs not found", missing);
}

static void test_every_match_is_sound(void)
{
    unsigned bad = 0;

    for (int t = 0; t < IANA_TRANSPORTS; t++) {
        for (uint32_t port = 0; port <= 65535; port++) {
            iana_list_t list = iana_lookup((iana_transport_t)t, (uint16_t)port);
            uint32_t previous = 0;

            for (uint32_t i = 0; i < iana_list_count(list); i++) {
                uint32_t index = iana_list_item(list, i);
                const iana_record_t *r = iana_record(index);
                int ok = r != NULL && r->port_low <= port && port <= r->port_high &&
                         (*iana_str(r->range) != '\0') == (r->port_low != r->port_high) &&
                         covers(r, (iana_transport_t)t) && (i == 0 || index > previous);

                if (!ok && bad++ < 5)
                    CHECK(0, "lookup %u/%s returned record %u that does not belong there",
                          port, iana_transport_name((iana_transport_t)t), index);
                previous = index;
            }
        }
    }
    CHECK(bad == 0, "%u unsound matches", bad);
}

static void test_out_of_range_is_harmless(void)
{
    CHECK(iana_lookup(IANA_TRANSPORTS, 80) == 0, "an unknown transport matches nothing");
    CHECK(iana_lookup((iana_transport_t)-1, 80) == 0, "a negative transport matches nothing");
    CHECK(iana_record(iana_record_count()) == NULL, "no record past the end");
    CHECK(strcmp(iana_str(0xFFFFFFFFu), "") == 0, "an offset past the pool is the empty string");
    CHECK(iana_list_count(0) == 0, "list 0 is empty");
    CHECK(strcmp(iana_transport_name((iana_transport_t)9), "any") == 0, "unknown transport name");
    CHECK(strcmp(iana_status_name((iana_status_t)9), "unknown") == 0, "unknown status name");
}

/* A record flags a port only if it has a note, and a note flags at least
 * one port of its record: a list naming none would hide it. */
static void test_unauthorized_is_sound(void)
{
    for (uint32_t i = 0; i < iana_record_count(); i++) {
        const iana_record_t *r = iana_record(i);
        const iana_entry_t *e = iana_entry(r);
        uint32_t flagged = 0;

        for (uint32_t port = r->port_low; port <= r->port_high; port++)
            flagged += iana_unauthorized_at(e, (uint16_t)port);
        if (e->unauthorized == 0)
            CHECK(flagged == 0, "record %u has no note but flags %u ports", i, flagged);
        else
            CHECK(flagged > 0, "record %u's note flags none of %u-%u", i, r->port_low, r->port_high);
    }
}

/* The first record for port/transport, or NULL. */
static const iana_record_t *first(iana_transport_t t, uint16_t port)
{
    return iana_primary_record(iana_lookup(t, port));
}

/* Every person formats to the length it reports, and a short buffer holds
 * a NUL-terminated prefix of the same text. */
static void test_person_format(void)
{
    char full[2048], part[6];

    for (uint32_t i = 0; iana_person(i) != NULL; i++) {
        const iana_person_t *p = iana_person(i);
        size_t length = iana_person_format(p, NULL, 0);

        if (length >= sizeof full)
            continue;
        CHECK(iana_person_format(p, full, sizeof full) == length && strlen(full) == length,
              "person %u formats to its reported length", i);
        CHECK(iana_person_format(p, part, sizeof part) == length && strncmp(part, full, sizeof part - 1) == 0 &&
              strlen(part) == (length < sizeof part ? length : sizeof part - 1),
              "person %u cut short is a prefix", i);
        CHECK(*iana_person_organisation(p) != '\0' || *iana_str(p->id) == '\0',
              "person %u stands for someone", i);
    }
    CHECK(iana_primary_record(0) == NULL && iana_primary_entry(0) == NULL && !iana_assigned(0) &&
          *iana_primary_service(0) == '\0' && *iana_primary_service_or_status(0) == '\0',
          "no match has no primary record");
}

static const char *service(iana_transport_t t, uint16_t port)
{
    const iana_record_t *r = first(t, port);

    return r ? iana_str(r->service) : "(none)";
}

static void test_excerpt_answers(void)
{
    const iana_record_t *r = first(IANA_TCP, 4420);
    const iana_entry_t *e;
    iana_span_t span;
    const iana_event_t *ev;

    CHECK(strcmp(iana_str(iana_registry_info()->updated), "2025-09-29") == 0, "excerpt date");
    CHECK(r != NULL && strcmp(iana_str(r->service), "nvme") == 0, "4420/tcp is nvme");
    if (r == NULL)
        return;
    e = iana_entry(r);
    span = iana_entry_list(e, IANA_ASSIGNEES);
    CHECK(span.count == 1 && strcmp(iana_str(iana_person(span.items[0])->email), "admin@nvmexpress.org") == 0,
          "nvme's assignee e-mail has its @ back");
    span = iana_entry_list(e, IANA_CONTACTS);
    CHECK(span.count == 1 && strcmp(iana_str(iana_person(span.items[0])->id), "Amber_Huffman") == 0,
          "nvme's contact is Amber_Huffman");
    CHECK(strcmp(iana_str(e->registered), "2016-03-31") == 0 &&
          strcmp(iana_str(e->modified), "2018-03-27") == 0, "nvme dates");
    CHECK(strcmp(service(IANA_UDP, 4420), "nvme") == 0, "4420/udp is nvme");
    CHECK(strcmp(service(IANA_SCTP, 4242), "vrml-multi-use") == 0, "the 4200-4299 range covers SCTP");
    CHECK(strcmp(service(IANA_DCCP, 4299), "vrml-multi-use") == 0, "and DCCP, to its last port");
    CHECK(strcmp(iana_str(first(IANA_UDP, 4200)->range), "4200-4299") == 0, "the range's text");
    CHECK(first(IANA_TCP, 4300) == NULL, "4300 lies outside the range");
    CHECK(strcmp(service(IANA_UDP, 6201), "thermo-calc") == 0, "6201/udp is thermo-calc");
    r = first(IANA_TCP, 6201);
    CHECK(r != NULL && r->service == 0 && iana_entry(r)->status == IANA_RESERVED, "6201/tcp is Reserved");
    CHECK(strcmp(iana_primary_service_or_status(iana_lookup(IANA_TCP, 6201)), "reserved") == 0 &&
          !iana_assigned(iana_lookup(IANA_TCP, 6201)) && iana_assigned(iana_lookup(IANA_UDP, 6201)),
          "6201/tcp shows as reserved, 6201/udp as assigned");
    r = first(IANA_TCP, 6200);
    CHECK(r != NULL && strcmp(iana_str(iana_entry(r)->unauthorized), "Known Unauthorized Use on port 6200") == 0,
          "lm-x has Known Unauthorized Use");
    CHECK(r != NULL && iana_unauthorized_at(iana_entry(r), 6200), "a note naming its own port flags it");
    CHECK(!iana_unauthorized_at(iana_entry(first(IANA_TCP, 4420)), 4420), "nvme has no such note");
    r = first(IANA_TCP, 3980);
    span = r ? iana_entry_list(iana_entry(r), IANA_HISTORY) : (iana_span_t){ NULL, 0 };
    ev = span.count ? iana_event(span.items[0]) : NULL;
    CHECK(ev != NULL && strcmp(iana_str(ev->event), "de-assigned") == 0 &&
          strcmp(iana_str(ev->date), "2020-12-29") == 0 &&
          strcmp(iana_str(ev->former_service), "acms") == 0, "3980/tcp was acms, de-assigned 2020-12-29");
    r = first(IANA_TCP, 4501);
    CHECK(r != NULL && iana_entry(r)->status == IANA_UNASSIGNED, "4501 is Unassigned");
    CHECK(first(IANA_TCP, 80) == NULL, "80 is not in the excerpt");
}

static int unauthorized(iana_transport_t t, uint16_t port)
{
    const iana_record_t *r = first(t, port);

    return r != NULL && iana_unauthorized_at(iana_entry(r), port);
}

/* Notes naming ports inside a range flag only those (2026-08-17 and earlier). */
static void test_full_unauthorized_ports(void)
{
    static const struct { iana_transport_t t; uint16_t port; int flagged; } cases[] = {
        { IANA_UDP, 42000, 1 }, { IANA_UDP, 42100, 0 }, { IANA_UDP, 41800, 0 },
        { IANA_TCP, 6003, 1 }, { IANA_TCP, 6001, 0 }, { IANA_UDP, 6003, 1 },
        { IANA_UDP, 33436, 1 }, { IANA_UDP, 33534, 1 }, { IANA_UDP, 33535, 0 }, { IANA_UDP, 33600, 0 },
        { IANA_UDP, 4490, 1 }, { IANA_UDP, 4491, 1 }, { IANA_UDP, 4495, 0 },
        { IANA_TCP, 28017, 1 }, { IANA_TCP, 28019, 1 }, { IANA_TCP, 28050, 0 },
        { IANA_TCP, 8617, 1 }, { IANA_TCP, 8618, 0 }, { IANA_TCP, 44516, 1 }, { IANA_TCP, 44446, 0 },
        /* no port named, a port record's own, another port than the record's: as before */
        { IANA_TCP, 4444, 1 }, { IANA_TCP, 79, 1 }, { IANA_TCP, 3131, 1 }, { IANA_TCP, 7012, 1 },
        { IANA_TCP, 2195, 1 },
    };

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        CHECK(unauthorized(cases[i].t, cases[i].port) == cases[i].flagged, "%u/%s %s flagged", cases[i].port,
              iana_transport_name(cases[i].t), cases[i].flagged ? "is" : "is not");
}

static void test_full_registry_answers(void)
{
    iana_list_t list = iana_lookup(IANA_TCP, 80);
    static const char *const names[] = { "http", "www", "www-http" };
    const iana_record_t *r;

    CHECK(iana_list_count(list) == 3, "80/tcp has three names");
    for (uint32_t i = 0; i < 3 && i < iana_list_count(list); i++)
        CHECK(strcmp(iana_str(iana_record(iana_list_item(list, i))->service), names[i]) == 0,
              "80/tcp name %u is %s", i, names[i]);
    CHECK(strcmp(service(IANA_UDP, 53), "domain") == 0, "53/udp is domain");
    r = first(IANA_DCCP, 9);
    CHECK(r != NULL && iana_entry(r)->has_service_code && iana_entry(r)->service_code == 1145656131u,
          "9/dccp discard has service code 1145656131");
    CHECK(first(IANA_TCP, 49999) == NULL || iana_entry(first(IANA_TCP, 49999))->status != IANA_ASSIGNED,
          "the dynamic range holds no assignment");
    test_full_unauthorized_ports();
}

int main(void)
{
    const char *source = iana_str(iana_registry_info()->source);

    test_every_record_is_found();
    test_every_match_is_sound();
    test_out_of_range_is_harmless();
    test_unauthorized_is_sound();
    test_person_format();
    if (strcmp(source, "excerpt.txt") == 0)
        test_excerpt_answers();
    else if (strcmp(source, "service-names-port-numbers.xml") == 0 && iana_record_count() > 10000)
        test_full_registry_answers();
    printf("%u records from %s: %u checks, %u failed\n", iana_record_count(), source, checks, failures);
    return failures ? 1 : 0;
}
