/* iana-registry-file.c - which registry the plugin uses: a registry image
 * found in Wireshark's folders, or the tables compiled in.
 *
 * As Wireshark does with its own services and manuf files, a file that a
 * user or an administrator drops into a folder is read at start-up and
 * takes precedence over the compiled-in data: here, when it is newer. The
 * folders, most specific first: the current profile's, the personal
 * configuration folder (both as `tshark -G folders` shows them), and a
 * system-wide one under /var/lib that an administrator or a package's
 * refresh job writes. The iana.registry_file preference names a file that
 * wins whatever its date, so that a profile can pin a registry.
 *
 * The choice is made at registration (so that `tshark -G protocols` shows
 * it) and again whenever Wireshark starts a dissection (opening a capture,
 * switching profiles, changing a preference). An image is read into memory
 * whole and checked once (iana-image.c); a file copied over in place while
 * Wireshark runs therefore cannot change tables already checked. Images
 * that were in use stay in memory until Wireshark exits, so nothing a
 * dissection made from them is left pointing at freed memory.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#define WS_LOG_DOMAIN "iana"

#include <errno.h>

#include <wireshark.h>
#include <glib/gstdio.h>
#include <wsutil/filesystem.h>

#include "iana-image.h"
#include "iana-registry.h"
#include "iana-registry-file.h"

#ifndef IANA_SYSTEM_REGISTRY_DIR
#define IANA_SYSTEM_REGISTRY_DIR "/var/lib/wireshark-iana"
#endif

/* One file seen: where, which version of it, and what it held. */
typedef struct {
    char *path;
    dev_t dev;
    ino_t ino;
    gint64 size, mtime;
    gboolean sound;             /* a registry image that passed every check */
    gboolean used;              /* was once in use: its data stays */
    char *data;                 /* the image, while it may be used; else NULL */
    iana_tables_t tables;       /* into data */
    iana_image_about_t about;   /* kept when data goes: the registry's date */
    gboolean excerpt;
} image_t;

/* Every file seen, sound or not, so that a file is read and a refusal
 * logged once per version of it. Written when a registry is chosen. */
static GPtrArray *images;
/* The image in use, or NULL for the compiled-in tables; and what the
 * summary says of it. Read by the protocol's name and the statistics. */
static image_t *in_use;
static const char *in_use_origin;
static char summary[512];
static char summary_without_path[128];
/* The file the preference named that was not there, when last looked for. */
static char *missing_named;

static void image_free(gpointer p)
{
    image_t *im = (image_t *)p;

    g_free(im->path);
    g_free(im->data);
    g_free(im);
}

static gboolean same_version(const image_t *im, const char *path, const GStatBuf *st)
{
    return strcmp(im->path, path) == 0 && im->dev == st->st_dev && im->ino == st->st_ino &&
           im->size == (gint64)st->st_size && im->mtime == (gint64)st->st_mtime;
}

/* Reads and checks a file; logs why when it is not a sound image. */
static void load(image_t *im)
{
    GError *error = NULL;
    gsize size = 0;
    char reason[256];
    gint64 began = g_get_monotonic_time();

    g_free(im->data);
    im->data = NULL;
    if (!g_file_get_contents(im->path, &im->data, &size, &error)) {
        ws_warning("registry image %s not used: %s", im->path, error->message);
        g_error_free(error);
        im->sound = FALSE;
        return;
    }
    im->sound = iana_image_open(im->data, size, &im->tables, &im->about, reason, sizeof reason);
    if (im->sound) {
        im->excerpt = im->tables.info->excerpt != 0;
        /* tshark --log-level info shows what the start-up spends on it. */
        ws_info("registry image %s: %s%s, read and checked in %.2f ms", im->path, im->excerpt ? "excerpt " : "",
                im->about.updated, (double)(g_get_monotonic_time() - began) / 1000.0);
    } else {
        ws_warning("registry image %s not used: %s", im->path, reason);
        g_free(im->data);
        im->data = NULL;
    }
}

/* The image at path, read when this version of it was not seen before;
 * NULL when there is no such file or it is not a sound image. what names
 * who asked for a file that does not exist (NULL: nobody, no message). */
static image_t *image_at(const char *path, const char *what)
{
    GStatBuf st;
    image_t *im;

    if (g_stat(path, &st) != 0) {
        /* Said once, not at every dissection while the preference stays. */
        if (what != NULL && g_strcmp0(path, missing_named) != 0)
            ws_warning("%s names %s: %s", what, path, g_strerror(errno));
        if (what != NULL) {
            g_free(missing_named);
            missing_named = g_strdup(path);
        }
        return NULL;
    }
    for (guint i = 0; i < images->len; i++) {
        im = (image_t *)g_ptr_array_index(images, i);
        if (same_version(im, path, &st))
            return im->sound ? im : NULL;
    }
    im = g_new0(image_t, 1);
    im->path = g_strdup(path);
    im->dev = st.st_dev;
    im->ino = st.st_ino;
    im->size = (gint64)st.st_size;
    im->mtime = (gint64)st.st_mtime;
    g_ptr_array_add(images, im);
    load(im);
    return im->sound ? im : NULL;
}

/* Orders registries by date, the whole registry after an excerpt of the
 * same date: < 0, 0 or > 0 as strcmp(). */
static int compare(const char *date_a, gboolean excerpt_a, const char *date_b, gboolean excerpt_b)
{
    int by_date = strcmp(date_a, date_b);

    return by_date != 0 ? by_date : (int)excerpt_b - (int)excerpt_a;
}

static int compare_images(const image_t *a, const image_t *b)
{
    return compare(a->about.updated, a->excerpt, b->about.updated, b->excerpt);
}

static const char *system_dir(void)
{
    const char *dir = g_getenv(IANA_SYSTEM_DIR_ENV);

    return dir != NULL && *dir ? dir : IANA_SYSTEM_REGISTRY_DIR;
}

/* Where an image in use came from, for a text that must not hold a path. */
static const char *const folder_origin[] = { "the profile's image", "the personal image", "the system-wide image" };

/* The newest image of the folders, the most specific winning a tie; NULL
 * when there is none or the compiled-in tables are newer. Sets *origin. */
static image_t *newest_in_folders(const char **origin)
{
    char *paths[] = {
        get_persconffile_path(IANA_IMAGE_NAME, TRUE),
        get_persconffile_path(IANA_IMAGE_NAME, FALSE),
        g_build_filename(system_dir(), IANA_IMAGE_NAME, NULL),
    };
    const iana_tables_t *builtin = iana_builtin_tables();
    image_t *best = NULL;

    for (unsigned i = 0; i < G_N_ELEMENTS(paths); i++) {
        /* In the default profile, the profile's folder is the personal one. */
        image_t *im = i == 0 && strcmp(paths[0], paths[1]) == 0 ? NULL : image_at(paths[i], NULL);

        if (im != NULL && (best == NULL || compare_images(im, best) > 0)) {
            best = im;
            *origin = folder_origin[i];
        }
    }
    for (unsigned i = 0; i < G_N_ELEMENTS(paths); i++)
        g_free(paths[i]);
    if (best != NULL && compare(best->about.updated, best->excerpt, builtin->pool + builtin->info->updated,
                                builtin->info->excerpt != 0) < 0)
        return NULL;
    return best;
}

/* "14,533": a count as the plugin's version string writes it. */
static void thousands(char *buf, size_t size, guint32 n)
{
    char digits[16];
    size_t len, used = 0;

    len = (size_t)snprintf(digits, sizeof digits, "%u", n);
    for (size_t i = 0; i < len && used + 2 < size; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            buf[used++] = ',';
        buf[used++] = digits[i];
    }
    buf[used] = '\0';
}

static void describe(void)
{
    const iana_tables_t *t = iana_tables_in_use();
    char count[32];

    thousands(count, sizeof count, t->info->records_read);
    snprintf(summary, sizeof summary, "%s%s, %s records, %s", t->info->excerpt ? "excerpt " : "",
             t->pool + t->info->updated, count, in_use != NULL ? in_use->path : "built in");
    snprintf(summary_without_path, sizeof summary_without_path, "%s%s, %s records, %s",
             t->info->excerpt ? "excerpt " : "", t->pool + t->info->updated, count,
             in_use != NULL ? in_use_origin : "built in");
}

void iana_registry_file_choose(const char *named)
{
    image_t *chosen = NULL;
    const char *origin = "the preference's image";

    if (images == NULL)
        images = g_ptr_array_new_with_free_func(image_free);
    if (named != NULL && *named != '\0')
        chosen = image_at(named, "iana.registry_file");
    if (chosen == NULL)
        chosen = newest_in_folders(&origin);
    /* A sound file whose data went, since it was not in use, is read again;
     * if it changed meanwhile into something unsound, the compiled-in
     * tables serve. */
    if (chosen != NULL && chosen->data == NULL) {
        load(chosen);
        if (!chosen->sound)
            chosen = NULL;
    }
    in_use = chosen;
    in_use_origin = origin;
    if (chosen != NULL)
        chosen->used = TRUE;
    iana_use_tables(chosen != NULL ? &chosen->tables : NULL);
    /* Files that were never in use need not stay in memory. */
    for (guint i = 0; i < images->len; i++) {
        image_t *im = (image_t *)g_ptr_array_index(images, i);

        if (!im->used && im->data != NULL) {
            g_free(im->data);
            im->data = NULL;
        }
    }
    describe();
}

const char *iana_registry_file_summary(void)
{
    if (*summary == '\0')
        describe();
    return summary;
}

const char *iana_registry_file_summary_without_path(void)
{
    if (*summary == '\0')
        describe();
    return summary_without_path;
}

void iana_registry_file_cleanup(void)
{
    iana_use_tables(NULL);
    in_use = NULL;
    if (images != NULL)
        g_ptr_array_free(images, TRUE);
    images = NULL;
    g_free(missing_named);
    missing_named = NULL;
    describe();
}
