# report.py - what --report prints: the registry at a glance and how well
# the history rules cover IANA's notes.
# SPDX-License-Identifier: GPL-2.0-or-later

from __future__ import annotations

import re
from collections import Counter
from typing import TextIO

from .history import DATE, EVENTS, extract, iso_date, looks_historical
from .model import STATUSES, TRANSPORTS, Registry
from .unauthorized import flagged_within

_ANY_DATE = re.compile(DATE)


def history_coverage(registry: Registry):
    """For the history-looking notes: (records, records yielding an event,
    records whose events carry every date the note states, distinct note
    texts, distinct texts yielding an event, the texts left without one)."""
    records = hits = dated = 0
    texts, missed = set(), {}
    for rec in registry.records:
        if not looks_historical(rec.note):
            continue
        records += 1
        texts.add(rec.note)
        events = extract(rec.note)
        if not events:
            missed.setdefault(rec.note, rec)
            continue
        hits += 1
        stated = {iso_date(d) for d in _ANY_DATE.findall(rec.note)}
        if stated <= {e.date for e in events}:
            dated += 1
    return records, hits, dated, len(texts), len(texts) - len(missed), missed


def unauthorized_use(registry: Registry, p) -> None:
    """How many unauthorized-use notes name ports, and how many ports of
    the records' ranges that spares a flag."""
    flagged = [r for r in registry.records if r.unauthorized_use]
    naming = [r for r in flagged if r.unauthorized_ports]
    narrowed = spared = 0
    spared_ports = set()
    for rec in naming:
        low, high = rec.port_range
        within = flagged_within(rec.unauthorized_ports, low, high) if low is not None else []
        if within:
            narrowed += 1
            kept = {port for a, b in within for port in range(a, b + 1)}
            lost = set(range(low, high + 1)) - kept
            spared += len(lost)
            spared_ports |= lost
    p("known unauthorized use: %d records (%d distinct notes); notes naming ports: %d records "
      "(%d notes), naming none: %d records (%d notes)"
      % (len(flagged), len({r.unauthorized_use for r in flagged}), len(naming),
         len({r.unauthorized_use for r in naming}), len(flagged) - len(naming),
         len({r.unauthorized_use for r in flagged if not r.unauthorized_ports})))
    p("  flagged only on the ports their note names: %d range records; %d record ports "
      "(%d distinct port numbers) no longer flagged" % (narrowed, spared, len(spared_ports)))


def write(registry: Registry, out: TextIO) -> None:
    recs = registry.records
    p = lambda *a: print(*a, file=out)
    p("registry: %s (%s), updated %s" % (registry.path, registry.format, registry.updated))
    p("records: %d (%d with a port, %d ranges), people: %d"
      % (registry.records_read, sum(1 for r in recs if r.port), sum(1 for r in recs if r.port and "-" in r.port),
         len(registry.people)))
    status = Counter(r.status for r in recs)
    p("status: " + ", ".join("%s %d" % (s, status[s]) for s in STATUSES))
    transport = Counter(r.transport or "any" for r in recs)
    p("transport: " + ", ".join("%s %d" % (t, transport[t]) for t in TRANSPORTS + ("any",)))
    p("coverage: %.2f%% of TCP ports 0-49151 listed%s"
      % (100.0 * registry.coverage(), " (an excerpt)" if registry.is_excerpt else ""))
    unauthorized_use(registry, p)
    p("")
    p("history events by kind (records / distinct notes and descriptions):")
    for kind in EVENTS:
        records = [r for r in recs if any(e.event == kind for e in r.history)]
        texts = {e.text for r in records for e in r.history if e.event == kind}
        p("  %-16s %5d records  %4d distinct texts" % (kind, len(records), len(texts)))
    records, hits, dated, texts, text_hits, missed = history_coverage(registry)
    p("")
    if records:
        p("history-looking notes: %d records; with an event: %d (%.1f%%); carrying every "
          "date the note states: %d (%.1f%%)"
          % (records, hits, 100.0 * hits / records, dated, 100.0 * dated / records))
        p("  as distinct texts: %d; with an event: %d (%.1f%%)"
          % (texts, text_hits, 100.0 * text_hits / texts))
    else:
        p("history-looking notes: none")
    for note, rec in missed.items():
        p("  no event: %s %s/%s: %s" % (rec.where, rec.port, rec.transport or "any", note[:160]))
