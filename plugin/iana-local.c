/* iana-local.c - your own port assignments, beside IANA's.
 *
 * A user table (UAT) "Local port assignments", iana_local_ports in the
 * profile's folder: a port or a range, a transport (tcp, udp, sctp, dccp
 * or any), a service name, a description, an owner, a contact, a note,
 * and the Wireshark protocol that should be seen there. Each field is
 * checked as it is read, from the file, the GUI's dialog or tshark's
 * -o uat:iana_local_ports:..., and a bad one is refused with a message
 * naming its column. After each change the rows are indexed once: per
 * transport, sorted disjoint port segments, each listing the rows that
 * cover it, so that a lookup is a binary search.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#define WS_LOG_DOMAIN "iana"

#include <wireshark.h>
#include <epan/packet.h>
#include <epan/uat.h>

#include "iana-compat.h"
#include "iana-local.h"

/* The table's rows, as the UAT keeps them; read when the index is built. */
static iana_local_t *rows;
static guint row_count;

/* The index: per transport, segments [low, high] with the rows covering
 * them (in table order, in items). Rebuilt after every change to the
 * table, between dissections; read per packet. */
typedef struct {
    guint16 low, high;
    guint first, count;
} segment_t;

typedef struct {
    segment_t *segments;
    guint segment_count;
    const iana_local_t **items;
} local_index_t;

static local_index_t index_of[IANA_TRANSPORTS];

static const char *const transport_names[] = { "tcp", "udp", "sctp", "dccp", "any" };

/* "8443" or "9000-9010" into low and high: FALSE when it is neither. */
static gboolean parse_ports(const char *text, guint16 *low, guint16 *high, char **error)
{
    char *end;
    unsigned long a, b;

    a = strtoul(text, &end, 10);
    if (end == text || !g_ascii_isdigit(*text) || a > 65535) {
        *error = g_strdup_printf("column ports: \"%s\" is not a port (0-65535) or a range such as 9000-9010", text);
        return FALSE;
    }
    b = a;
    if (*end == '-') {
        const char *second = end + 1;

        b = strtoul(second, &end, 10);
        if (end == second || !g_ascii_isdigit(*second) || b > 65535) {
            *error = g_strdup_printf("column ports: \"%s\" ends with no port (0-65535)", text);
            return FALSE;
        }
        if (b < a) {
            *error = g_strdup_printf("column ports: the range \"%s\" ends before it starts", text);
            return FALSE;
        }
    }
    if (*end != '\0') {
        *error = g_strdup_printf("column ports: \"%s\" is not a port or a range", text);
        return FALSE;
    }
    *low = (guint16)a;
    *high = (guint16)b;
    return TRUE;
}

static int transport_id(const char *text)
{
    for (int i = 0; i < (int)G_N_ELEMENTS(transport_names); i++) {
        if (g_ascii_strcasecmp(text, transport_names[i]) == 0)
            return i == IANA_TRANSPORTS ? -1 : i;
    }
    return -2;
}

static iana_uat_bool_t check_ports(void *rec _U_, const char *ptr, unsigned len, const void *u1 _U_,
                                   const void *u2 _U_, char **error)
{
    char *text = g_strndup(ptr, len);
    guint16 low, high;
    gboolean ok = parse_ports(text, &low, &high, error);

    g_free(text);
    return ok;
}

/* "row 5555/tcp adb, ": the row a message is about, by the columns read
 * before the one refused (Wireshark adds the line). */
static char *row_named(const iana_local_t *row)
{
    if (row == NULL || row->ports == NULL)
        return g_strdup("");
    return g_strdup_printf("row %s%s%s%s%s, ", row->ports, row->transport ? "/" : "", row->transport ? row->transport : "",
                           row->service ? " " : "", row->service ? row->service : "");
}

static iana_uat_bool_t check_transport(void *rec, const char *ptr, unsigned len, const void *u1 _U_,
                                       const void *u2 _U_, char **error)
{
    char *text = g_strndup(ptr, len);
    gboolean ok = transport_id(text) != -2;

    if (!ok) {
        char *row = row_named((const iana_local_t *)rec);

        *error = g_strdup_printf("%scolumn transport: \"%s\" is none of tcp, udp, sctp, dccp and any", row, text);
        g_free(row);
    }
    g_free(text);
    return ok;
}

static iana_uat_bool_t check_service(void *rec, const char *ptr, unsigned len, const void *u1 _U_,
                                     const void *u2 _U_, char **error)
{
    char *row;

    for (unsigned i = 0; i < len; i++) {
        if (!g_ascii_isspace(ptr[i]))
            return TRUE;
    }
    row = row_named((const iana_local_t *)rec);
    *error = g_strdup_printf("%scolumn service: a service name is needed", row);
    g_free(row);
    return FALSE;
}

static iana_uat_bool_t check_protocol(void *rec, const char *ptr, unsigned len, const void *u1 _U_,
                                      const void *u2 _U_, char **error)
{
    char *text = g_strndup(ptr, len);
    gboolean ok = len == 0 || proto_get_id_by_filter_name(text) >= 0;

    if (!ok) {
        char *row = row_named((const iana_local_t *)rec);

        *error = g_strdup_printf("%scolumn protocol: \"%s\" is not a Wireshark protocol's filter name "
                                 "(such as http or tls)", row, text);
        g_free(row);
    }
    g_free(text);
    return ok;
}

UAT_CSTRING_CB_DEF(local, ports, iana_local_t)
UAT_CSTRING_CB_DEF(local, transport, iana_local_t)
UAT_CSTRING_CB_DEF(local, service, iana_local_t)
UAT_CSTRING_CB_DEF(local, description, iana_local_t)
UAT_CSTRING_CB_DEF(local, owner, iana_local_t)
UAT_CSTRING_CB_DEF(local, contact, iana_local_t)
UAT_CSTRING_CB_DEF(local, note, iana_local_t)
UAT_CSTRING_CB_DEF(local, protocol, iana_local_t)

static void *copy_row(void *dest, const void *source, size_t len _U_)
{
    iana_local_t *to = (iana_local_t *)dest;
    const iana_local_t *from = (const iana_local_t *)source;

    *to = *from;
    to->ports = g_strdup(from->ports);
    to->transport = g_strdup(from->transport);
    to->service = g_strdup(from->service);
    to->description = g_strdup(from->description);
    to->owner = g_strdup(from->owner);
    to->contact = g_strdup(from->contact);
    to->note = g_strdup(from->note);
    to->protocol = g_strdup(from->protocol);
    return to;
}

static void free_row(void *record)
{
    iana_local_t *row = (iana_local_t *)record;

    g_free(row->ports);
    g_free(row->transport);
    g_free(row->service);
    g_free(row->description);
    g_free(row->owner);
    g_free(row->contact);
    g_free(row->note);
    g_free(row->protocol);
}

/* A whole row: its fields each passed their check; the parsed ports and
 * transport are kept with it. */
static iana_uat_bool_t update_row(void *record, char **error)
{
    iana_local_t *row = (iana_local_t *)record;

    if (row->ports == NULL || !parse_ports(row->ports, &row->low, &row->high, error))
        return FALSE;
    row->transport_id = row->transport != NULL ? transport_id(row->transport) : -2;
    if (row->transport_id == -2) {
        *error = g_strdup_printf("column transport: \"%s\" is none of tcp, udp, sctp, dccp and any",
                                 row->transport ? row->transport : "");
        return FALSE;
    }
    if (row->service == NULL || *g_strstrip(row->service) == '\0') {
        *error = g_strdup("column service: a service name is needed");
        return FALSE;
    }
    if (row->description == NULL)
        row->description = g_strdup("");
    if (row->owner == NULL)
        row->owner = g_strdup("");
    if (row->contact == NULL)
        row->contact = g_strdup("");
    if (row->note == NULL)
        row->note = g_strdup("");
    if (row->protocol == NULL)
        row->protocol = g_strdup("");
    return TRUE;
}

static void free_index(void)
{
    for (unsigned t = 0; t < IANA_TRANSPORTS; t++) {
        g_free(index_of[t].segments);
        g_free(index_of[t].items);
        memset(&index_of[t], 0, sizeof index_of[t]);
    }
}

static gint compare_guint(gconstpointer a, gconstpointer b)
{
    guint x = *(const guint *)a, y = *(const guint *)b;

    return x < y ? -1 : x > y;
}

/* Rows by their first port, for the sweep below. */
static gint by_low(gconstpointer a, gconstpointer b)
{
    const iana_local_t *x = *(const iana_local_t *const *)a, *y = *(const iana_local_t *const *)b;

    return x->low != y->low ? (x->low < y->low ? -1 : 1) : (x < y ? -1 : x > y);
}

/* Rows in table order. */
static gint by_position(gconstpointer a, gconstpointer b)
{
    const iana_local_t *x = *(const iana_local_t *const *)a, *y = *(const iana_local_t *const *)b;

    return x < y ? -1 : x > y;
}

/* The index of one transport: a sweep over the ports where rows start and
 * end, each span between two such points a segment listing the rows that
 * cover it. */
static void build_index(unsigned t)
{
    GPtrArray *starting = g_ptr_array_new(), *active = g_ptr_array_new(), *items = g_ptr_array_new();
    GArray *points = g_array_new(FALSE, FALSE, sizeof(guint));
    GArray *segments = g_array_new(FALSE, FALSE, sizeof(segment_t));
    guint next = 0;

    for (guint r = 0; r < row_count; r++) {
        const iana_local_t *row = &rows[r];
        guint start = row->low, end = (guint)row->high + 1;

        if (row->transport_id != -1 && row->transport_id != (int)t)
            continue;
        g_ptr_array_add(starting, (gpointer)row);
        g_array_append_val(points, start);
        g_array_append_val(points, end);
    }
    g_ptr_array_sort(starting, by_low);
    g_array_sort(points, compare_guint);
    for (guint p = 0; p + 1 < points->len; p++) {
        guint here = g_array_index(points, guint, p), end = g_array_index(points, guint, p + 1);
        segment_t seg = { (guint16)here, (guint16)(end - 1), items->len, 0 };
        gboolean changed = FALSE;

        if (here == end)
            continue;
        for (guint i = active->len; i-- > 0;) {
            if (((const iana_local_t *)g_ptr_array_index(active, i))->high < here) {
                g_ptr_array_remove_index(active, i);
                changed = TRUE;
            }
        }
        for (; next < starting->len && ((const iana_local_t *)g_ptr_array_index(starting, next))->low <= here; next++) {
            g_ptr_array_add(active, g_ptr_array_index(starting, next));
            changed = TRUE;
        }
        if (changed)
            g_ptr_array_sort(active, by_position);
        for (guint i = 0; i < active->len; i++)
            g_ptr_array_add(items, g_ptr_array_index(active, i));
        seg.count = active->len;
        if (seg.count > 0)
            g_array_append_val(segments, seg);
    }
    index_of[t].segment_count = segments->len;
    index_of[t].segments = (segment_t *)(void *)g_array_free(segments, FALSE);
    index_of[t].items = (const iana_local_t **)g_ptr_array_free(items, FALSE);
    g_array_free(points, TRUE);
    g_ptr_array_free(starting, TRUE);
    g_ptr_array_free(active, TRUE);
}

/* Index the rows the table holds now. Wireshark keeps a file's good rows
 * when others are refused, but then does not call post_update, so this
 * runs again when a dissection starts. */
void iana_local_refresh(void)
{
    free_index();
    for (unsigned t = 0; t < IANA_TRANSPORTS; t++)
        build_index(t);
}

static void reset_table(void)
{
    free_index();
}

iana_local_span_t iana_local_lookup(iana_transport_t transport, guint16 port)
{
    iana_local_span_t none = { NULL, 0 };
    const local_index_t *idx;
    guint low = 0, high;

    if ((unsigned)transport >= IANA_TRANSPORTS)
        return none;
    idx = &index_of[transport];
    high = idx->segment_count;
    while (low < high) {
        guint mid = low + (high - low) / 2;
        const segment_t *seg = &idx->segments[mid];

        if (port < seg->low)
            high = mid;
        else if (port > seg->high)
            low = mid + 1;
        else
            return (iana_local_span_t){ idx->items + seg->first, seg->count };
    }
    return none;
}

const iana_local_t *iana_local_first(iana_transport_t transport, guint16 port)
{
    iana_local_span_t span = iana_local_lookup(transport, port);

    return span.count > 0 ? span.items[0] : NULL;
}

void iana_local_register(module_t *module)
{
    static uat_field_t fields[] = {
        UAT_FLD_CSTRING_OTHER(local, ports, "Ports", check_ports, "A port, such as 8443, or a range, such as 9000-9010"),
        UAT_FLD_CSTRING_OTHER(local, transport, "Transport", check_transport, "tcp, udp, sctp, dccp or any"),
        UAT_FLD_CSTRING_OTHER(local, service, "Service", check_service, "The service's name"),
        UAT_FLD_CSTRING(local, description, "Description", "What the service is"),
        UAT_FLD_CSTRING(local, owner, "Owner", "Who runs the service"),
        UAT_FLD_CSTRING(local, contact, "Contact", "Whom to ask about it"),
        UAT_FLD_CSTRING(local, note, "Note", "Anything else"),
        UAT_FLD_CSTRING_OTHER(local, protocol, "Protocol", check_protocol,
                              "The protocol that should be seen there, as a Wireshark filter name (such as http); "
                              "empty: what the port's IANA entry expects"),
        UAT_END_FIELDS
    };
    uat_t *table = uat_new("Local port assignments", sizeof(iana_local_t), "iana_local_ports", TRUE,
                           &rows, &row_count, UAT_AFFECTS_DISSECTION, NULL, copy_row, update_row, free_row,
                           iana_local_refresh, reset_table, fields);

    prefs_register_uat_preference(module, "local_ports", "Local port assignments",
        "Your own port assignments, shown like IANA's and ahead of them: a port or a range, a "
        "transport, a service name, a description, an owner, a contact, a note and the protocol "
        "expected there.", table);
}
