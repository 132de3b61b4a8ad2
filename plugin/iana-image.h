/* iana-image.h - a registry image: the registry's tables in one file.
 *
 * scripts/iana-gen REGISTRY --image FILE writes the very tables that the
 * compiled-in data holds (scripts/ianareg/image.py documents the layout),
 * so that an installed plugin can take a newer registry from a file. The
 * plugin maps the file and uses the rows where they lie; this module checks
 * every size, offset and index once, so that lookups need no more checks
 * than over the compiled-in tables. It depends on zlib (for the checksum)
 * and nothing else.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef IANA_IMAGE_H
#define IANA_IMAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "iana-registry.h"

#define IANA_IMAGE_VERSION 1

/* What the header says of the image, as NUL-terminated text. */
typedef struct {
    char updated[16];           /* the registry's date */
    char generator[16];         /* "iana-gen 1.2" */
    char sha256[72];            /* of the registry file it was made from */
    char source[128];           /* that file's name */
} iana_image_about_t;

/* Checks the image of size bytes at data (8-byte aligned, as a mapped file
 * is) and, when it is sound in every part, points tables into it and fills
 * about. Otherwise leaves both untouched and writes why into reason (one
 * line, e.g. "truncated: 1000 of 1459584 bytes"). */
bool iana_image_open(const void *data, size_t size, iana_tables_t *tables, iana_image_about_t *about,
                     char *reason, size_t reason_size);

#endif /* IANA_IMAGE_H */
