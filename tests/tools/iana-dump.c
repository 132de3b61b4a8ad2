/* iana-dump.c - print every record of the compiled tables, byte for byte.
 *
 * Each value is written as "name LENGTH:BYTES\n" so that any byte a registry
 * can hold comes back exactly; the generator's tests compare this with the
 * JSON model to prove that the C tables round-trip every string.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */

#include <stdio.h>
#include <string.h>

#include "iana-registry.h"

static void put(const char *name, const char *value)
{
    printf("%s %zu:", name, strlen(value));
    fwrite(value, 1, strlen(value), stdout);
    putchar('\n');
}

static void put_number(const char *name, unsigned long value)
{
    char buf[32];

    snprintf(buf, sizeof buf, "%lu", value);
    put(name, buf);
}

static void put_people(const char *name, iana_span_t span)
{
    put_number(name, span.count);
    for (uint32_t i = 0; i < span.count; i++)
        put("id", iana_str(iana_person(span.items[i])->id));
}

/* The record's ports that iana_unauthorized_at() flags, as "a-b,c". */
static void put_unauthorized_at(const iana_record_t *r, const iana_entry_t *e)
{
    char buf[4096] = "";
    size_t used = 0;
    uint32_t start = 0;
    int open = 0;

    for (uint32_t port = r->port_low; e->unauthorized != 0 && port <= (uint32_t)r->port_high + 1; port++) {
        int flagged = port <= r->port_high && iana_unauthorized_at(e, (uint16_t)port);

        if (flagged && !open) {
            start = port;
            open = 1;
        } else if (!flagged && open) {
            used += (size_t)snprintf(buf + used, sizeof buf - used, start == port - 1 ? "%s%u" : "%s%u-%u",
                                     used ? "," : "", start, port - 1);
            open = 0;
        }
    }
    put("unauthorized_at", buf);
}

int main(void)
{
    const iana_info_t *info = iana_registry_info();

    put("updated", iana_str(info->updated));
    put("format", iana_str(info->format));
    put_number("records", iana_record_count());
    for (uint32_t i = 0; i < iana_record_count(); i++) {
        const iana_record_t *r = iana_record(i);
        const iana_entry_t *e = iana_entry(r);
        iana_span_t refs = iana_entry_list(e, IANA_REFERENCES);
        iana_span_t history = iana_entry_list(e, IANA_HISTORY);

        put("service", iana_str(r->service));
        put_number("port_low", r->port_low);
        put_number("port_high", r->port_high);
        put("transport", r->transport == IANA_TRANSPORT_ANY ? "" :
                         iana_transport_name((iana_transport_t)r->transport));
        put("description", iana_str(e->description));
        put_people("assignee", iana_entry_list(e, IANA_ASSIGNEES));
        put_people("contact", iana_entry_list(e, IANA_CONTACTS));
        put("registered", iana_str(e->registered));
        put("modified", iana_str(e->modified));
        put_number("reference", refs.count);
        for (uint32_t k = 0; k < refs.count; k++)
            put("ref", iana_str(refs.items[k]));
        put("service_code", e->has_service_code ? "" : "none");
        if (e->has_service_code)
            put_number("code", e->service_code);
        put("unauthorized_use", iana_str(e->unauthorized));
        put_unauthorized_at(r, e);
        put("note", iana_str(e->note));
        put("status", iana_status_name((iana_status_t)e->status));
        put_number("history", history.count);
        for (uint32_t k = 0; k < history.count; k++) {
            const iana_event_t *ev = iana_event(history.items[k]);

            put("event", iana_str(ev->event));
            put("date", iana_str(ev->date));
            put("former_service", iana_str(ev->former_service));
            put("former_assignee", iana_str(ev->former_assignee));
            put("text", iana_str(ev->text));
        }
    }
    for (uint32_t i = 0; iana_person(i) != NULL && *iana_str(iana_person(i)->id); i++) {
        const iana_person_t *p = iana_person(i);

        put("person", iana_str(p->id));
        put("name", iana_str(p->name));
        put("org", iana_str(p->org));
        put("email", iana_str(p->email));
        put("uri", iana_str(p->uri));
        put("updated", iana_str(p->updated));
    }
    return 0;
}
