/* iana-registry-version.h - generated - do not edit.
 *
 * Generator:  iana-gen 1.2 (scripts/iana-gen), beside iana-registry-data.inc
 * Input:      excerpt.txt (text)
 * Excerpt:    lists 0.4% of TCP ports 0-49151 (an excerpt below 99%)
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef IANA_REGISTRY_VERSION_H
#define IANA_REGISTRY_VERSION_H

#define IANA_REGISTRY_DATE "2025-09-29"
#define IANA_REGISTRY_RECORDS 101
#define IANA_REGISTRY_EXCERPT 1
/* "[excerpt ]DATE" and "IANA registry [excerpt ]DATE, N records", for names and versions */
#define IANA_REGISTRY_EDITION "excerpt 2025-09-29"
#define IANA_REGISTRY_SUMMARY "IANA registry excerpt 2025-09-29, 101 records"

#endif /* IANA_REGISTRY_VERSION_H */
