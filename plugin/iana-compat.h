/* iana-compat.h - the differences between the Wireshark APIs we build against.
 *
 * Built and run against 4.0; compiled against 4.4 and 4.6. What differs:
 * - 4.2 added plugin_describe(), which newer releases require;
 * - 4.4 moved the API from GLib types to C99 ones, so preference variables
 *   and a UAT's callbacks are bool rather than gboolean;
 * - 4.4 has ws_gmtime_r(); 4.0 has only the C library's;
 * - 4.4 made stats_tree_register_plugin() return its configuration (unused
 *   here, so a plain call serves every version);
 * - 4.4 renamed tvb_get_guint8() to tvb_get_uint8() and guint32_to_str_buf()
 *   to uint32_to_str_buf(), deprecating the old names;
 * - 4.4 split a statistics tree's name into its menu path and its title, in
 *   the same change that made stats_tree_register_plugin() return the
 *   configuration;
 * - 4.6 made a "-z" argument's initialising callback return whether it
 *   started;
 * - 4.7 (toward 4.8 / 5.0) declares the plugin's exports in
 *   wsutil/plugin_exports.h, which refuses to build unless WS_BUILD_DLL is
 *   defined, and installs only its public headers: what a header offers
 *   is looked for with __has_include, not guessed from the version. Its tvb
 *   routines take unsigned offsets and lengths; the plugin passes only
 *   non-negative ones within the captured bytes, and reads payloads as
 *   plain bytes.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#ifndef IANA_COMPAT_H
#define IANA_COMPAT_H

#include <ws_version.h>

#define IANA_WS_AT_LEAST(major, minor)                                       \
    (WIRESHARK_VERSION_MAJOR > (major) ||                                    \
     (WIRESHARK_VERSION_MAJOR == (major) && WIRESHARK_VERSION_MINOR >= (minor)))

#define IANA_HAS_PLUGIN_DESCRIBE IANA_WS_AT_LEAST(4, 2)

/* Headers a release may or may not install. */
#if defined(__has_include)
#if __has_include(<wsutil/plugin_exports.h>)
#define IANA_HAS_PLUGIN_EXPORTS_H 1
#endif
#if __has_include(<epan/stats_tree_priv.h>)
#define IANA_HAS_STATS_TREE_PRIV_H 1
#endif
#else
#define IANA_HAS_STATS_TREE_PRIV_H 1
#endif
#ifndef IANA_HAS_PLUGIN_EXPORTS_H
#define IANA_HAS_PLUGIN_EXPORTS_H 0
#endif
#ifndef IANA_HAS_STATS_TREE_PRIV_H
#define IANA_HAS_STATS_TREE_PRIV_H 0
#endif

/* Preference variables, and what a UAT's check and update callbacks return. */
#if IANA_WS_AT_LEAST(4, 4)
typedef bool iana_pref_bool_t;
typedef bool iana_uat_bool_t;
#else
typedef gboolean iana_pref_bool_t;
typedef gboolean iana_uat_bool_t;
#endif

/* A UTC calendar date from a time: Wireshark's own from 4.4 on. */
#if IANA_WS_AT_LEAST(4, 4)
#include <wsutil/time_util.h>
#define iana_gmtime_r ws_gmtime_r
#elif defined(_WIN32)
#include <time.h>
static inline struct tm *iana_gmtime_r(const time_t *t, struct tm *out)
{
    return gmtime_s(out, t) == 0 ? out : NULL;
}
#else
#include <time.h>
#define iana_gmtime_r gmtime_r
#endif

#if !IANA_WS_AT_LEAST(4, 4)
#define tvb_get_uint8 tvb_get_guint8
#define uint32_to_str_buf guint32_to_str_buf
#endif

/* A "-z" argument's initialising callback (stat_tap_ui): from 4.6 on it
 * says whether it started, where 4.0 and 4.4 exit tshark on an error. */
#if IANA_WS_AT_LEAST(4, 6)
#define IANA_STAT_INIT_RETURN bool
#define IANA_STAT_INIT_DONE return true
#define IANA_STAT_INIT_FAILED return false
#else
#define IANA_STAT_INIT_RETURN void
#define IANA_STAT_INIT_DONE return
#define IANA_STAT_INIT_FAILED exit(1)
#endif

/* The title a statistics tree shows, a member of stats_tree_cfg. */
#if IANA_WS_AT_LEAST(4, 4)
#define IANA_STATS_TITLE title
#else
#define IANA_STATS_TITLE name
#endif

#endif /* IANA_COMPAT_H */
