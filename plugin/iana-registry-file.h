/* iana-registry-file.h - which registry the plugin uses: a registry image
 * found in Wireshark's folders, or the tables compiled in.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef IANA_REGISTRY_FILE_H
#define IANA_REGISTRY_FILE_H

/* The file name of a registry image in the profile and configuration folders. */
#define IANA_IMAGE_NAME "iana-registry.img"

/* The environment variable that moves the system-wide folder, for tests
 * and unusual layouts. */
#define IANA_SYSTEM_DIR_ENV "IANA_REGISTRY_SYSTEM_DIR"

/* Chooses the registry every lookup reads, and makes it the one in use:
 * the image that named (the iana.registry_file preference) names, when it is
 * a sound image; else the newest of the images in the current profile's
 * folder, the personal configuration folder and the system-wide folder, and
 * the compiled-in tables, a more specific folder winning at equal dates and
 * any image winning over the compiled-in tables of the same date. An
 * excerpt counts as older than the whole registry of its date. A file that
 * is not a sound image is logged once, with the reason, and passed over.
 * Files seen before are not read again while they stay the same. */
void iana_registry_file_choose(const char *named);

/* The registry in use, e.g. "2026-08-17, 14,533 records, built in" or
 * "2026-11-20, 14,540 records, /home/ana/.config/wireshark/iana-registry.img". */
const char *iana_registry_file_summary(void);

/* The same, naming where the image came from rather than its path, e.g.
 * "2026-08-17, 14,533 records, the personal image": for the statistics
 * title, where Wireshark's GUI reads each "/" as a submenu. */
const char *iana_registry_file_summary_without_path(void);

/* Frees every image; the compiled-in tables are in use afterwards. */
void iana_registry_file_cleanup(void);

#endif /* IANA_REGISTRY_FILE_H */
