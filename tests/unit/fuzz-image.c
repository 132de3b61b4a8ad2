/* fuzz-image.c - mutated and truncated registry images through the loader.
 *
 * usage: fuzz-image SEED COUNT IMAGE...
 *
 * Built with AddressSanitizer and UBSan. Each round takes one of the images,
 * damages it (flipped bits, overwritten words, bytes copied from elsewhere,
 * a cut, an extension) and, most of the time, makes its checksum right
 * again so that the damage reaches the checks behind the checksum. The
 * loader must refuse it or accept it; an accepted image is then read
 * through every function of the lookup API, over every segment edge and
 * every record, so that a check the loader lacks shows as a sanitizer
 * report. Prints how many images were refused and accepted; a finding
 * aborts the run.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <zlib.h>

#include "iana-image.h"
#include "iana-registry.h"

#define CHECKSUM_AT 24

static volatile size_t sink;

/* Every string, list and person the API reaches from one match list. */
static void walk_matches(iana_list_t matches, uint16_t port)
{
    char buf[512];

    sink += strlen(iana_primary_service_or_status(matches)) + (size_t)iana_assigned(matches);
    for (uint32_t i = 0; i < iana_list_count(matches); i++) {
        const iana_record_t *r = iana_record(iana_list_item(matches, i));
        const iana_entry_t *e;
        const iana_event_t *gone;

        if (r == NULL)
            continue;
        e = iana_entry(r);
        sink += strlen(iana_str(r->service)) + strlen(iana_str(r->range)) + strlen(iana_str(e->description)) +
                strlen(iana_str(e->note)) + strlen(iana_str(e->unauthorized)) + strlen(iana_str(e->registered)) +
                strlen(iana_str(e->modified)) + (size_t)iana_unauthorized_at(e, port);
        for (int which = IANA_ASSIGNEES; which <= IANA_UNAUTHORIZED_PORTS; which++) {
            iana_span_t span = iana_entry_list(e, (iana_entry_list_t)which);

            for (uint32_t k = 0; k < span.count; k++) {
                const iana_person_t *p = which <= IANA_CONTACTS ? iana_person(span.items[k]) : NULL;
                const iana_event_t *ev = which == IANA_HISTORY ? iana_event(span.items[k]) : NULL;

                if (p != NULL)
                    sink += iana_person_format(p, buf, sizeof buf) + strlen(iana_person_organisation(p));
                if (ev != NULL)
                    sink += strlen(iana_str(ev->text)) + strlen(iana_str(ev->former_service));
                if (which == IANA_REFERENCES)
                    sink += strlen(iana_str(span.items[k]));
            }
        }
        gone = iana_entry_deassignment(e);
        sink += gone != NULL ? strlen(iana_str(gone->date)) : 0;
        if (iana_first_assignee(e) != NULL)
            sink += strlen(iana_str(iana_first_assignee(e)->id));
    }
}

/* An accepted image, read the way the plugin reads it. */
static void walk(const iana_tables_t *t)
{
    iana_use_tables(t);
    sink += strlen(iana_str(iana_registry_info()->updated)) + iana_record_count();
    for (int tr = 0; tr < IANA_TRANSPORTS; tr++) {
        for (uint32_t s = t->transport_segments[tr]; s < t->transport_segments[tr + 1]; s++) {
            const uint32_t edges[] = { t->segments[s].low, t->segments[s].high, t->segments[s].low - 1u,
                                       t->segments[s].high + 1u };

            for (unsigned k = 0; k < 4; k++) {
                if (edges[k] <= 65535)
                    walk_matches(iana_lookup((iana_transport_t)tr, (uint16_t)edges[k]), (uint16_t)edges[k]);
            }
        }
        for (uint32_t port = 0; port <= 65535; port += 257)
            walk_matches(iana_lookup((iana_transport_t)tr, (uint16_t)port), (uint16_t)port);
    }
    iana_use_tables(NULL);
}

static void mutate(GRand *rng, guint8 **data, size_t *size)
{
    unsigned rounds = (unsigned)g_rand_int_range(rng, 1, 5);

    for (unsigned r = 0; r < rounds && *size > 0; r++) {
        size_t at = (size_t)g_rand_int_range(rng, 0, (gint32)*size);

        switch (g_rand_int_range(rng, 0, 6)) {
        case 0:     /* a bit */
            (*data)[at] ^= (guint8)(1u << g_rand_int_range(rng, 0, 8));
            break;
        case 1:     /* a word: a small number, a large one, or one near the end */
        case 2: {
            static const uint32_t words[] = { 0, 1, 2, 255, 256, 65535, 65536, 0x7FFFFFFF, 0xFFFFFFFF };
            uint32_t v = g_rand_boolean(rng) ? words[g_rand_int_range(rng, 0, G_N_ELEMENTS(words))]
                                             : (uint32_t)*size - (uint32_t)g_rand_int_range(rng, 0, 64);

            at &= ~(size_t)3;
            if (at + 4 <= *size)
                memcpy(*data + at, &v, 4);
            break;
        }
        case 3: {   /* bytes copied from elsewhere in the image */
            size_t from = (size_t)g_rand_int_range(rng, 0, (gint32)*size);
            size_t want = (size_t)g_rand_int_range(rng, 1, 64);
            size_t n = MIN(want, MIN(*size - at, *size - from));

            memmove(*data + at, *data + from, n);
            break;
        }
        case 4:     /* a cut */
            *size = at;
            break;
        default:    /* an extension */
            *data = g_realloc(*data, *size + 64);
            memset(*data + *size, g_rand_int_range(rng, 0, 256), 64);
            *size += 64;
            break;
        }
    }
}

int main(int argc, char **argv)
{
    guint8 *seeds[8];
    gsize seed_size[8];
    unsigned accepted = 0, refused = 0, count, nseeds;
    GRand *rng;

    if (argc < 4 || argc - 3 > 8) {
        fprintf(stderr, "usage: fuzz-image SEED COUNT IMAGE...\n");
        return 2;
    }
    rng = g_rand_new_with_seed((guint32)strtoul(argv[1], NULL, 10));
    count = (unsigned)strtoul(argv[2], NULL, 10);
    nseeds = (unsigned)argc - 3;
    for (unsigned i = 0; i < nseeds; i++) {
        GError *error = NULL;

        if (!g_file_get_contents(argv[3 + i], (gchar **)&seeds[i], &seed_size[i], &error)) {
            fprintf(stderr, "fuzz-image: %s\n", error->message);
            return 2;
        }
    }
    for (unsigned n = 0; n < count; n++) {
        unsigned which = n % nseeds;
        size_t size = seed_size[which];
        guint8 *data = g_memdup2(seeds[which], size);
        iana_tables_t tables;
        iana_image_about_t about;
        char reason[256];

        mutate(rng, &data, &size);
        /* Most rounds get a right checksum, so that the damage meets the
         * checks behind it. */
        if (size >= CHECKSUM_AT + 4 && g_rand_int_range(rng, 0, 8) != 0) {
            uint32_t zero = 0, crc;

            memcpy(data + CHECKSUM_AT, &zero, 4);
            crc = (uint32_t)crc32(0L, data, (uInt)size);
            memcpy(data + CHECKSUM_AT, &crc, 4);
        }
        if (iana_image_open(data, size, &tables, &about, reason, sizeof reason)) {
            accepted++;
            walk(&tables);
        } else {
            refused++;
        }
        g_free(data);
    }
    printf("image fuzz (seed %s): %u images, %u refused, %u accepted and read through the API, 0 findings\n",
           argv[1], count, refused, accepted);
    for (unsigned i = 0; i < nseeds; i++)
        g_free(seeds[i]);
    g_rand_free(rng);
    return 0;
}
