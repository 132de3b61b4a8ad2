/* iana-services.c - the services seen, as a table and as CSV.
 *
 * Statistics > IANA Services and tshark -z iana,services[,FILTER]: one row
 * per service endpoint (iana-inventory.c), with typed columns that the GUI
 * sorts, and a last row counting the packets whose service side nobody
 * could decide. Wireshark draws the table in both; it is one of its
 * statistics tables (stat_tap_ui.h).
 *
 * tshark -q -z iana,services,csv[,FILTER]: the same rows as CSV for tools
 * (scripts/iana-survey), sorted by address, transport and port, after
 * comment lines ("# ") that name the registry in use and count the frames
 * read and the undecided packets.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#define WS_LOG_DOMAIN "iana"

#include <wireshark.h>
#include <epan/packet.h>
#include <epan/stat_tap_ui.h>
#include <epan/tap.h>

#include "iana-compat.h"
#include "iana-inventory.h"
#include "iana-registry-file.h"
#include "iana-services.h"

/* The table's columns, in the order of iana_endpoint_t. */
enum {
    COL_ADDRESS, COL_TRANSPORT, COL_PORT, COL_SERVICE, COL_STATUS, COL_ASSIGNEE, COL_OBSERVED, COL_MISMATCH,
    COL_UNAUTHORIZED, COL_DEASSIGNED, COL_PACKETS, COL_BYTES, COL_CONVERSATIONS, COL_FIRST, COL_LAST, COLUMNS
};

static stat_tap_table_item columns[COLUMNS] = {
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Address", "%-15s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Transport", "%-4s" },
    { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Port", "%5u" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Service", "%-15s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Status", "%-12s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Assignee", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Observed", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Mismatch", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Unauthorized use", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "De-assigned", "%s" },
    { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Packets", "%u" },
    { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Bytes", "%u" },
    { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Conversations", "%u" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "First seen", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Last seen", "%s" },
};

#define TABLE_TITLE "Service endpoints"
#define UNDECIDED "(no service side decided)"

/* What the table shows, filled while a table is open: one at a time, as
 * Wireshark keeps one set of tables per statistic. */
static iana_inventory_t *shown;

/* A table cell holds at most 32 bits: the Bytes column stops there, where
 * the CSV form does not. */
static guint cell_count(guint64 n)
{
    return n > G_MAXUINT ? G_MAXUINT : (guint)n;
}

static void set_text(stat_tap_table_item_type *cell, const char *text)
{
    cell->type = TABLE_ITEM_STRING;
    cell->value.string_value = text;
}

static void set_count(stat_tap_table_item_type *cell, guint64 n)
{
    cell->type = TABLE_ITEM_UINT;
    cell->value.uint_value = cell_count(n);
}

static void show_endpoint(stat_tap_table *table, iana_endpoint_t *e)
{
    stat_tap_table_item_type row[COLUMNS];

    memset(row, 0, sizeof row);
    if (e->has_time) {
        iana_inventory_time_text(&e->first_seen, e->first_text, sizeof e->first_text);
        iana_inventory_time_text(&e->last_seen, e->last_text, sizeof e->last_text);
    }
    set_text(&row[COL_ADDRESS], e->address);
    set_text(&row[COL_TRANSPORT], e->transport);
    set_count(&row[COL_PORT], e->port);
    set_text(&row[COL_SERVICE], e->service);
    set_text(&row[COL_STATUS], e->status);
    set_text(&row[COL_ASSIGNEE], e->assignee);
    set_text(&row[COL_OBSERVED], e->observed);
    set_text(&row[COL_MISMATCH], e->mismatch ? "yes" : "");
    set_text(&row[COL_UNAUTHORIZED], e->unauthorized_use ? "yes" : "");
    set_text(&row[COL_DEASSIGNED], e->deassigned ? "yes" : "");
    set_count(&row[COL_PACKETS], e->packets);
    set_count(&row[COL_BYTES], e->bytes);
    set_count(&row[COL_CONVERSATIONS], e->conversations);
    set_text(&row[COL_FIRST], e->first_text);
    set_text(&row[COL_LAST], e->last_text);
    stat_tap_init_table_row(table, e->row, COLUMNS, row);
}

/* The packets no endpoint holds, in the last row. */
static void show_undecided(stat_tap_table *table, guint at)
{
    stat_tap_table_item_type row[COLUMNS];

    memset(row, 0, sizeof row);
    for (unsigned c = 0; c < COLUMNS; c++)
        set_text(&row[c], "");
    set_text(&row[COL_ADDRESS], UNDECIDED);
    set_count(&row[COL_PORT], 0);
    set_count(&row[COL_PACKETS], iana_inventory_undecided_packets(shown));
    set_count(&row[COL_BYTES], iana_inventory_undecided_bytes(shown));
    set_count(&row[COL_CONVERSATIONS], 0);
    stat_tap_init_table_row(table, at, COLUMNS, row);
}

static tap_packet_status table_packet(void *tapdata, packet_info *pinfo, epan_dissect_t *edt _U_,
                                      const void *data, tap_flags_t flags _U_)
{
    stat_data_t *listener = (stat_data_t *)tapdata;
    stat_tap_table *table = g_array_index(listener->stat_tap_data->tables, stat_tap_table *, 0);
    iana_endpoint_t *touched[IANA_MAX_HEADERS];
    unsigned n = iana_inventory_add(shown, pinfo, (const iana_tap_t *)data, touched);

    /* A new endpoint takes the undecided row's place; that row moves down. */
    for (unsigned i = 0; i < n; i++)
        show_endpoint(table, touched[i]);
    if (iana_inventory_undecided_packets(shown) > 0)
        show_undecided(table, iana_inventory_endpoints(shown)->len);
    return TAP_PACKET_REDRAW;
}

static void table_init(stat_tap_table_ui *ui)
{
    if (shown == NULL)
        shown = iana_inventory_new();
    iana_inventory_clear(shown);
    if (ui->tables == NULL || stat_tap_find_table(ui, TABLE_TITLE) == NULL)
        stat_tap_add_table(ui, stat_tap_init_table(TABLE_TITLE, COLUMNS, 0, NULL));
}

/* A new count: the rows go, as their endpoints do. */
static void table_reset(stat_tap_table *table)
{
    for (guint i = 0; i < table->num_elements; i++)
        g_free(table->elements[i]);
    g_free(table->elements);
    table->elements = NULL;
    table->num_elements = 0;
    if (shown != NULL)
        iana_inventory_clear(shown);
}

/* The cells point into the inventory's records, which it frees itself. */
static void table_free_cell(stat_tap_table *table _U_, guint row _U_, guint column _U_,
                            stat_tap_table_item_type *cell _U_)
{
}

static tap_param table_params[] = {
    { PARAM_FILTER, "filter", "Filter", NULL, TRUE }
};

/* In the Statistics menu's section of protocol statistics, by name: the
 * generic group has no place in the menu for a table. */
static stat_tap_table_ui table_ui = {
    REGISTER_PACKET_STAT_GROUP_UNSORTED,
    "IANA Services",
    "iana",
    "iana,services",
    table_init,
    table_packet,
    table_reset,
    table_free_cell,
    NULL,
    G_N_ELEMENTS(columns), columns,
    G_N_ELEMENTS(table_params), table_params,
    NULL,
    0
};

/* ------------------------------------------------------------------ CSV --- */

#define CSV_ARG "iana,services,csv"

/* One tshark -z iana,services,csv: its records and the frames read. */
typedef struct {
    iana_inventory_t *inventory;
    guint64 frames;
} csv_t;

/* A field as RFC 4180 writes it: quoted when it holds a comma, a quote or a line end. */
static void csv_field(const char *text, gboolean last)
{
    if (strpbrk(text, ",\"\r\n") != NULL) {
        putchar('"');
        for (const char *c = text; *c; c++) {
            if (*c == '"')
                putchar('"');
            putchar(*c);
        }
        putchar('"');
    } else {
        fputs(text, stdout);
    }
    putchar(last ? '\n' : ',');
}

static void csv_draw(void *tapdata)
{
    const csv_t *csv = (const csv_t *)tapdata;
    const iana_info_t *info = iana_registry_info();
    GPtrArray *rows = iana_inventory_sorted(csv->inventory);
    char number[32], first[32], last[32];

    printf("# IANA Port Registry (%s)\n", iana_registry_file_summary_without_path());
    printf("# registry=%s records=%u excerpt=%u\n", iana_str(info->updated), info->records_read, info->excerpt);
    printf("# frames=%" PRIu64 " undecided_packets=%" PRIu64 " undecided_bytes=%" PRIu64 "\n", csv->frames,
           iana_inventory_undecided_packets(csv->inventory), iana_inventory_undecided_bytes(csv->inventory));
    puts("address,transport,port,service,status,assignee,observed,mismatch,unauthorized_use,deassigned,"
         "packets,bytes,conversations,first_seen,last_seen");
    for (guint i = 0; i < rows->len; i++) {
        const iana_endpoint_t *e = (const iana_endpoint_t *)g_ptr_array_index(rows, i);

        *first = *last = '\0';
        if (e->has_time) {
            iana_inventory_time_text(&e->first_seen, first, sizeof first);
            iana_inventory_time_text(&e->last_seen, last, sizeof last);
        }
        csv_field(e->address, FALSE);
        csv_field(e->transport, FALSE);
        snprintf(number, sizeof number, "%u", e->port);
        csv_field(number, FALSE);
        csv_field(e->service, FALSE);
        csv_field(e->status, FALSE);
        csv_field(e->assignee, FALSE);
        csv_field(e->observed, FALSE);
        csv_field(e->mismatch ? "1" : "0", FALSE);
        csv_field(e->unauthorized_use ? "1" : "0", FALSE);
        csv_field(e->deassigned ? "1" : "0", FALSE);
        printf("%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",", e->packets, e->bytes, e->conversations);
        csv_field(first, FALSE);
        csv_field(last, TRUE);
    }
    g_ptr_array_free(rows, TRUE);
}

static tap_packet_status csv_packet(void *tapdata, packet_info *pinfo, epan_dissect_t *edt _U_, const void *data,
                                    tap_flags_t flags _U_)
{
    iana_endpoint_t *touched[IANA_MAX_HEADERS];

    iana_inventory_add(((csv_t *)tapdata)->inventory, pinfo, (const iana_tap_t *)data, touched);
    return TAP_PACKET_DONT_REDRAW;
}

static tap_packet_status csv_frame(void *tapdata, packet_info *pinfo _U_, epan_dissect_t *edt _U_,
                                   const void *data _U_, tap_flags_t flags _U_)
{
    (*(guint64 *)tapdata)++;
    return TAP_PACKET_DONT_REDRAW;
}

static void csv_reset(void *tapdata)
{
    csv_t *csv = (csv_t *)tapdata;

    iana_inventory_clear(csv->inventory);
    csv->frames = 0;
}

static IANA_STAT_INIT_RETURN csv_init(const char *arg, void *userdata _U_)
{
    csv_t *csv = g_new0(csv_t, 1);
    const char *filter = NULL;
    GString *error;

    if (strncmp(arg, CSV_ARG ",", strlen(CSV_ARG) + 1) == 0)
        filter = arg + strlen(CSV_ARG) + 1;
    else if (strcmp(arg, CSV_ARG) != 0) {
        fprintf(stderr, "tshark: invalid \"-z %s\" argument: %s; expected " CSV_ARG "[,FILTER]\n", CSV_ARG, arg);
        g_free(csv);
        IANA_STAT_INIT_FAILED;
    }
    csv->inventory = iana_inventory_new();
    error = register_tap_listener("iana", csv, filter, TL_REQUIRES_NOTHING, csv_reset, csv_packet, csv_draw, NULL);
    /* Every frame read, for the count the survey reports. */
    if (error == NULL) {
        error = register_tap_listener("frame", &csv->frames, NULL, TL_REQUIRES_NOTHING, NULL, csv_frame, NULL, NULL);
        if (error != NULL)
            remove_tap_listener(csv);
    }
    if (error != NULL) {
        fprintf(stderr, "tshark: Couldn't register " CSV_ARG " tap: %s\n", error->str);
        g_string_free(error, TRUE);
        iana_inventory_free(csv->inventory);
        g_free(csv);
        IANA_STAT_INIT_FAILED;
    }
    IANA_STAT_INIT_DONE;
}

static stat_tap_ui csv_ui = {
    REGISTER_STAT_GROUP_GENERIC,
    NULL,
    CSV_ARG,
    csv_init,
    0,
    NULL
};

void iana_services_register(void)
{
    register_stat_tap_table_ui(&table_ui);
    register_stat_tap_ui(&csv_ui, NULL);
}
