/* iana-inventory.c - the services seen: one record per service endpoint.
 *
 * A service endpoint is the service side of a transport header, as the
 * plugin's role logic decides it: the server's address (of the header's own
 * IP header), the transport and the service port. Its record holds what
 * the registry (or a local assignment) says of the port, the protocols seen
 * on it, and the packets, bytes and distinct conversations (client address
 * and port) seen with it, first and last. Every header of a packet counts,
 * tunnelled and quoted ones included, each under its own endpoint. The
 * records are what Statistics > IANA Services and tshark -z iana,services
 * show (iana-services.c); they live as long as the listener that fills them.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#define WS_LOG_DOMAIN "iana"

#include <wireshark.h>
#include <epan/packet.h>

#include "iana-compat.h"
#include "iana-inventory.h"

/* An endpoint's key: transport, address length (0, 4 or 16), port, address. */
typedef struct {
    guint8 transport;
    guint8 length;
    guint16 port;
    guint8 address[16];
} endpoint_key_t;

/* A conversation's key: its service endpoint's, then the client's port and
 * address. */
typedef struct {
    endpoint_key_t endpoint;
    guint16 client_port;
    guint8 client_length;
    guint8 pad;
    guint8 client[16];
} conversation_key_t;

typedef struct {
    endpoint_key_t key;
    iana_endpoint_t shown;
} endpoint_t;

struct iana_inventory {
    GHashTable *endpoints;          /* endpoint_key_t -> endpoint_t */
    GHashTable *conversations;      /* conversation_key_t, each seen once */
    GPtrArray *order;               /* iana_endpoint_t, as first seen */
    guint64 undecided_packets, undecided_bytes;
};

static guint key_hash(gconstpointer key, size_t size)
{
    const guint8 *bytes = (const guint8 *)key;
    guint32 hash = 2166136261u;

    for (size_t i = 0; i < size; i++)
        hash = (hash ^ bytes[i]) * 16777619u;
    return hash;
}

static guint endpoint_hash(gconstpointer key)
{
    return key_hash(key, sizeof(endpoint_key_t));
}

static gboolean endpoint_equal(gconstpointer a, gconstpointer b)
{
    return memcmp(a, b, sizeof(endpoint_key_t)) == 0;
}

static guint conversation_hash(gconstpointer key)
{
    return key_hash(key, sizeof(conversation_key_t));
}

static gboolean conversation_equal(gconstpointer a, gconstpointer b)
{
    return memcmp(a, b, sizeof(conversation_key_t)) == 0;
}

static void endpoint_free(gpointer p)
{
    endpoint_t *e = (endpoint_t *)p;

    g_free(e->shown.service);
    g_free(e->shown.assignee);
    g_free(e);
}

iana_inventory_t *iana_inventory_new(void)
{
    iana_inventory_t *inventory = g_new0(iana_inventory_t, 1);

    inventory->endpoints = g_hash_table_new_full(endpoint_hash, endpoint_equal, NULL, endpoint_free);
    inventory->conversations = g_hash_table_new_full(conversation_hash, conversation_equal, g_free, NULL);
    inventory->order = g_ptr_array_new();
    return inventory;
}

void iana_inventory_clear(iana_inventory_t *inventory)
{
    g_ptr_array_set_size(inventory->order, 0);
    g_hash_table_remove_all(inventory->conversations);
    g_hash_table_remove_all(inventory->endpoints);
    inventory->undecided_packets = inventory->undecided_bytes = 0;
}

void iana_inventory_free(iana_inventory_t *inventory)
{
    if (inventory == NULL)
        return;
    g_ptr_array_free(inventory->order, TRUE);
    g_hash_table_destroy(inventory->conversations);
    g_hash_table_destroy(inventory->endpoints);
    g_free(inventory);
}

/* An address into a key's bytes: its length, 0 when it is not IP. */
static guint8 address_bytes(const address *a, guint8 *bytes)
{
    if ((a->type != AT_IPv4 && a->type != AT_IPv6) || (a->len != 4 && a->len != 16))
        return 0;
    memcpy(bytes, a->data, (size_t)a->len);
    return (guint8)a->len;
}

/* What the registry (or a local assignment) says of a new endpoint's port. */
static void describe(iana_endpoint_t *shown, const iana_tap_header_t *h, int server)
{
    const iana_entry_t *entry = iana_primary_entry(h->matches[server]);
    const iana_person_t *first = entry != NULL ? iana_first_assignee(entry) : NULL;

    if (entry != NULL) {
        shown->unauthorized_use = iana_unauthorized_at(entry, h->server_port);
        shown->deassigned = iana_entry_deassignment(entry) != NULL;
    }
    if (h->local != NULL) {
        shown->service = g_strdup(h->local->service);
        shown->status = "local";
        shown->assignee = g_strdup(h->local->owner);
        return;
    }
    shown->service = g_strdup(iana_primary_service(h->matches[server]));
    shown->status = entry != NULL ? iana_status_name((iana_status_t)entry->status) : "unregistered";
    if (first != NULL) {
        size_t length = iana_person_format(first, NULL, 0);

        shown->assignee = (char *)g_malloc(length + 1);
        iana_person_format(first, shown->assignee, length + 1);
    } else {
        shown->assignee = g_strdup("");
    }
}

/* Add a protocol to those seen, once. */
static void observe(iana_endpoint_t *shown, const char *protocol)
{
    size_t used = strlen(shown->observed), n = protocol != NULL ? strlen(protocol) : 0;
    const char *at = shown->observed;

    if (n == 0)
        return;
    while ((at = strstr(at, protocol)) != NULL) {
        if ((at == shown->observed || at[-1] == ';') && (at[n] == '\0' || at[n] == ';'))
            return;
        at += n;
    }
    if (used + (used > 0) + n + 1 > sizeof shown->observed)
        return;
    if (used > 0)
        shown->observed[used++] = ';';
    memcpy(shown->observed + used, protocol, n + 1);
}

static iana_endpoint_t *count(iana_inventory_t *inventory, const packet_info *pinfo, const iana_tap_header_t *h,
                              guint32 bytes)
{
    /* The service side's address: the destination's when both ports are the service port. */
    int server = h->port[1] == h->server_port ? 1 : 0;
    const address *at = server ? &h->addresses.dst : &h->addresses.src;
    const address *client = server ? &h->addresses.src : &h->addresses.dst;
    conversation_key_t conversation;
    endpoint_t *e;

    memset(&conversation, 0, sizeof conversation);
    conversation.endpoint.transport = (guint8)h->transport;
    conversation.endpoint.port = h->server_port;
    if (h->has_addresses) {
        conversation.endpoint.length = address_bytes(at, conversation.endpoint.address);
        conversation.client_length = address_bytes(client, conversation.client);
    }
    conversation.client_port = h->port[1 - server];
    e = (endpoint_t *)g_hash_table_lookup(inventory->endpoints, &conversation.endpoint);
    if (e == NULL) {
        e = g_new0(endpoint_t, 1);
        e->key = conversation.endpoint;
        if (e->key.length == 4)
            ws_inet_ntop4(e->key.address, e->shown.address, sizeof e->shown.address);
        else if (e->key.length == 16)
            ws_inet_ntop6(e->key.address, e->shown.address, sizeof e->shown.address);
        e->shown.transport = iana_transport_name(h->transport);
        e->shown.port = h->server_port;
        e->shown.row = inventory->order->len;
        describe(&e->shown, h, server);
        g_hash_table_insert(inventory->endpoints, &e->key, e);
        g_ptr_array_add(inventory->order, &e->shown);
    }
    if (!g_hash_table_contains(inventory->conversations, &conversation)) {
        g_hash_table_add(inventory->conversations, g_memdup2(&conversation, sizeof conversation));
        e->shown.conversations++;
    }
    e->shown.packets++;
    e->shown.bytes += bytes;
    e->shown.mismatch |= h->mismatch != NULL;
    observe(&e->shown, h->observed);
    if (pinfo->fd->has_ts) {
        if (!e->shown.has_time || nstime_cmp(&pinfo->abs_ts, &e->shown.first_seen) < 0)
            e->shown.first_seen = pinfo->abs_ts;
        if (!e->shown.has_time || nstime_cmp(&pinfo->abs_ts, &e->shown.last_seen) > 0)
            e->shown.last_seen = pinfo->abs_ts;
        e->shown.has_time = TRUE;
    }
    return &e->shown;
}

unsigned iana_inventory_add(iana_inventory_t *inventory, const packet_info *pinfo, const iana_tap_t *tap,
                            iana_endpoint_t *touched[IANA_MAX_HEADERS])
{
    unsigned n = 0;
    gboolean undecided = FALSE;

    for (unsigned i = 0; i < tap->count; i++) {
        if (tap->header[i].has_server)
            touched[n++] = count(inventory, pinfo, &tap->header[i], tap->bytes);
        else
            undecided = TRUE;
    }
    if (undecided) {
        inventory->undecided_packets++;
        inventory->undecided_bytes += tap->bytes;
    }
    return n;
}

const GPtrArray *iana_inventory_endpoints(const iana_inventory_t *inventory)
{
    return inventory->order;
}

/* IPv4 first, then IPv6, then unknown addresses; then transport, port. */
static gint by_place(gconstpointer a, gconstpointer b)
{
    const endpoint_t *x = *(const endpoint_t *const *)a, *y = *(const endpoint_t *const *)b;
    int rank_x = x->key.length == 4 ? 0 : x->key.length == 16 ? 1 : 2;
    int rank_y = y->key.length == 4 ? 0 : y->key.length == 16 ? 1 : 2;
    int order;

    if (rank_x != rank_y)
        return rank_x - rank_y;
    order = memcmp(x->key.address, y->key.address, x->key.length);
    if (order == 0)
        order = strcmp(x->shown.transport, y->shown.transport);
    return order != 0 ? order : (int)x->key.port - (int)y->key.port;
}

GPtrArray *iana_inventory_sorted(const iana_inventory_t *inventory)
{
    GPtrArray *sorted = g_ptr_array_sized_new(inventory->order->len);
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init(&iter, inventory->endpoints);
    while (g_hash_table_iter_next(&iter, NULL, &value))
        g_ptr_array_add(sorted, value);
    g_ptr_array_sort(sorted, by_place);
    for (guint i = 0; i < sorted->len; i++)
        g_ptr_array_index(sorted, i) = &((endpoint_t *)g_ptr_array_index(sorted, i))->shown;
    return sorted;
}

guint64 iana_inventory_undecided_packets(const iana_inventory_t *inventory)
{
    return inventory->undecided_packets;
}

guint64 iana_inventory_undecided_bytes(const iana_inventory_t *inventory)
{
    return inventory->undecided_bytes;
}

void iana_inventory_time_text(const nstime_t *when, char *text, size_t size)
{
    time_t secs = (time_t)when->secs;
    struct tm day;

    if (iana_gmtime_r(&secs, &day) == NULL) {
        g_strlcpy(text, "", size);
        return;
    }
    snprintf(text, size, "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", day.tm_year + 1900, day.tm_mon + 1, day.tm_mday,
             day.tm_hour, day.tm_min, day.tm_sec, when->nsecs / 1000);
}
