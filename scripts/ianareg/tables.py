# tables.py - the registry model flattened into the plugin's tables.
# SPDX-License-Identifier: GPL-2.0-or-later
"""The rows both carriers hold, the C source of generated/ (emit_c.py) and
a registry image (image.py), so that the plugin reads the same tables
whichever it loads. Layout (types in plugin/iana-registry.h):

- pool: every string once, NUL-terminated, addressed by 32-bit offsets
  (offset 0 is the empty string, meaning "none");
- lists: counted lists (count, items...) for lookup matches and each
  entry's assignees, contacts, references, history and the ports its
  unauthorized-use note names (low << 16 | high); stored once each;
- records: a service name on a port and transport, pointing at its entry,
  what the registry says, shared by the tcp and udp twins of a service;
  people, events: fixed-size rows of offsets;
- segments: per transport, sorted disjoint port ranges, each with the list
  of records covering it in registry order, for a binary search;
- transport_starts: where each transport's segments start, then the end;
- buckets: per transport and high byte of a port, the first segment that
  may hold such a port, so that a lookup searches only its bucket."""

from __future__ import annotations

import os
from typing import Dict, List, Sequence, Tuple

from . import VERSION
from .model import STATUSES, TRANSPORTS, Registry
from .unauthorized import flagged_within

TRANSPORT_ANY = 255
BUCKETS = 257           # per transport: one per high byte of a port, then the end


class _Pool:
    def __init__(self):
        self.data = bytearray(b"\0")
        self.offsets: Dict[str, int] = {"": 0}

    def add(self, text) -> int:
        if text is None:
            return 0
        text = str(text)
        if text not in self.offsets:
            self.offsets[text] = len(self.data)
            self.data += text.encode("utf-8") + b"\0"
        return self.offsets[text]


class _Lists:
    def __init__(self):
        self.data: List[int] = [0]          # offset 0: the empty list
        self.offsets: Dict[Tuple[int, ...], int] = {}

    def add(self, items: Sequence[int]) -> int:
        """A counted list: its length, then the items."""
        return self.add_raw([len(items)] + list(items))

    def add_raw(self, data: Sequence[int]) -> int:
        """Data that carries its own counts; stored once however often added."""
        key = tuple(data)
        if key == (0,):
            return 0
        if key not in self.offsets:
            self.offsets[key] = len(self.data)
            self.data += key
        return self.offsets[key]


def _segments(ranges: List[Tuple[int, int, int]]) -> List[Tuple[int, int, Tuple[int, ...]]]:
    """Disjoint (low, high, record indices) covering the given ranges."""
    starts: Dict[int, List[int]] = {}
    ends: Dict[int, List[int]] = {}
    for low, high, index in ranges:
        starts.setdefault(low, []).append(index)
        ends.setdefault(high + 1, []).append(index)
    points = sorted(set(starts) | set(ends))
    active = set()
    out: List[Tuple[int, int, Tuple[int, ...]]] = []
    for here, nxt in zip(points, points[1:]):
        active.difference_update(ends.get(here, ()))
        active.update(starts.get(here, ()))
        if not active:
            continue
        members = tuple(sorted(active))
        if out and out[-1][1] == here - 1 and out[-1][2] == members:
            out[-1] = (out[-1][0], nxt - 1, members)
        else:
            out.append((here, nxt - 1, members))
    return out


class Tables:
    """The registry flattened into the rows of the plugin's tables."""

    def __init__(self, registry: Registry):
        self.pool, self.lists = _Pool(), _Lists()
        self.emitted = registry.with_port()
        self.people_rows = self._people(registry)
        person_index = {pid: i for i, (pid, _) in enumerate(self.people_rows)}
        self.events, self.entry_rows, self.record_rows = [], [], []
        entry_index = {}
        ranges = {t: [] for t in TRANSPORTS}
        for index, rec in enumerate(self.emitted):
            entry = self._entry(rec, person_index)
            if entry not in entry_index:
                entry_index[entry] = len(self.entry_rows)
                self.entry_rows.append(entry)
            low, high = rec.port_range
            transport = TRANSPORTS.index(rec.transport) if rec.transport else TRANSPORT_ANY
            self.record_rows.append((rec, [self.pool.add(rec.service),
                                           self.pool.add(rec.port if low != high else None),
                                           entry_index[entry], low, high, transport]))
            for t in rec.transports:
                ranges[t].append((low, high, index))
        self.segment_rows, self.transport_starts = [], [0]
        for t in TRANSPORTS:
            for low, high, members in _segments(ranges[t]):
                self.segment_rows.append((t, low, high, self.lists.add(members)))
            self.transport_starts.append(len(self.segment_rows))
        self.buckets = self._buckets()
        add = self.pool.add
        self.info = [add(registry.updated), add(os.path.basename(registry.path)),
                     add(registry.format), add(registry.sha256), add(VERSION),
                     registry.records_read, len(self.emitted), 1 if registry.is_excerpt else 0]

    def _people(self, registry: Registry):
        """Only people that an emitted record names; an id the people table
        lacks still gets a row, so that it can be shown."""
        add = self.pool.add
        rows = []
        for pid in sorted({p for r in self.emitted for p in r.assignee + r.contact}):
            person = registry.people.get(pid)
            row = [add(pid), 0, 0, 0, 0, 0]
            if person is not None:
                row[1:] = [add(person.name), add(person.org), add(person.email),
                           add(None if person.email else person.uri), add(person.updated)]
            rows.append((pid, row))
        return rows

    def _entry(self, rec, person_index):
        """What the registry says of one record, as an entries row."""
        add = self.pool.add
        history = []
        for ev in rec.history:
            history.append(len(self.events))
            self.events.append([add(ev.event), add(ev.date), add(ev.former_service),
                                add(ev.former_assignee), add(ev.text)])
        low, high = rec.port_range
        flagged = flagged_within(rec.unauthorized_ports, low, high) if rec.unauthorized_use else []
        details = []
        for items in ([person_index[p] for p in rec.assignee],
                      [person_index[p] for p in rec.contact],
                      [add(x) for x in rec.reference], history,
                      [a << 16 | b for a, b in flagged]):
            details += [len(items)] + items
        return (add(rec.description), add(rec.note), add(rec.unauthorized_use),
                add(rec.registered), add(rec.modified),
                self.lists.add_raw(details), rec.service_code or 0,
                STATUSES.index(rec.status), 1 if rec.service_code is not None else 0)

    def _buckets(self) -> List[int]:
        """For each transport, and each high byte of a port, the first of its
        segments that ends at or after the bucket's first port; then the end."""
        out = []
        for t in range(len(TRANSPORTS)):
            seg, end = self.transport_starts[t], self.transport_starts[t + 1]
            for bucket in range(BUCKETS - 1):
                while seg < end and self.segment_rows[seg][2] < bucket << 8:
                    seg += 1
                out.append(seg)
            out.append(end)
        return out
