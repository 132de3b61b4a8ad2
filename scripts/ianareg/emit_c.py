# emit_c.py - the registry model as static const C tables.
# SPDX-License-Identifier: GPL-2.0-or-later
"""Writes iana-registry-data.inc, the data that plugin/iana-registry.c
#includes. Layout (types in plugin/iana-registry.h):

- iana_pool: every string once, NUL-terminated, addressed by 32-bit offsets
  (offset 0 is the empty string, meaning "none"). No pointers, so loading the
  plugin needs no relocations. ISO C only promises 4095-character string
  literals, so the pool is a 2-D array of exactly filled 4095-byte rows that
  is addressed as one block of bytes.
- iana_lists: counted lists (count, items...) for lookup matches and each
  entry's assignees, contacts, references, history and the ports its
  unauthorized-use note names (low << 16 | high); stored once each.
- iana_records: a service name on a port and transport, pointing at its
  entry in iana_entries - what the registry says, shared by the tcp and udp
  twins of a service; iana_people, iana_events: fixed-size rows of offsets.
- iana_segments: per transport, sorted disjoint port ranges, each with the
  list of records covering it in registry order, for a binary search.

Beside it, iana-registry-version.h: the registry's date and size as macros,
for the plugin's version string.

Output is deterministic: stable order, LF, no timestamps or paths."""

from __future__ import annotations

import os
import re
from typing import Dict, List, Sequence, Tuple

from . import VERSION
from .model import FULL_COVERAGE, STATUSES, TRANSPORTS, Registry
from .unauthorized import flagged_within

OUTPUT = "iana-registry-data.inc"
VERSION_HEADER = "iana-registry-version.h"
POOL_ROW = 4095          # longest string literal ISO C guarantees
BYTES_PER_LINE = 64      # pool bytes per source line
TRANSPORT_ANY = 255


def _escape_table() -> Dict[int, str]:
    """Printable ASCII stays, `"`, `\\` and `?` (against trigraphs) get a
    backslash, every other byte a 3-digit octal escape, which unlike \\x never
    swallows the digits that follow."""
    table = {}
    for byte in range(256):
        if byte in (0x22, 0x5C, 0x3F):
            table[byte] = "\\" + chr(byte)
        elif not 0x20 <= byte < 0x7F:
            table[byte] = "\\%03o" % byte
    return table


_ESCAPES = _escape_table()


def c_escape(data: bytes) -> str:
    """The bytes as the inside of a C string literal."""
    return data.decode("latin-1").translate(_ESCAPES)


def comment_safe(text: str) -> str:
    """Registry text inside a /* */ comment: no '*/', no trigraphs, ASCII."""
    return re.sub(r"[^A-Za-z0-9 ._:+-]", "_", text)


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


def _string_rows(pool: bytes) -> List[str]:
    lines = []
    for start in range(0, len(pool), POOL_ROW):
        row = pool[start:start + POOL_ROW]
        lines.append("    /* row %d */" % (start // POOL_ROW))
        pieces = [row[k:k + BYTES_PER_LINE] for k in range(0, len(row), BYTES_PER_LINE)]
        lines += ['    "%s"' % c_escape(piece) for piece in pieces]
        lines[-1] += ","
    return lines


class _Tables:
    """The registry flattened into the rows of the C tables."""

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
        add = self.pool.add
        self.info = [add(registry.updated), add(os.path.basename(registry.path)),
                     add(registry.format), add(registry.sha256), add(VERSION),
                     len(registry.records), len(self.emitted)]

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
        """What the registry says of one record, as an iana_entries row."""
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


def _table(ctype, name, legend, rows, empty) -> List[str]:
    """One static const array of structs, a comment on each row that has one."""
    out = ["/* %s */" % legend, "static const %s %s[] = {" % (ctype, name)]
    for row, note in rows:
        out.append("    { %s },%s" % (", ".join(map(str, row)), " /* %s */" % note if note else ""))
    if not rows:
        out.append("    { %s }, /* none: ISO C wants one element */" % empty)
    return out + ["};", ""]


def regenerate_command(registry: Registry) -> str:
    """The command that writes the committed tables again, run from the
    project folder; for an input outside the project, its basename."""
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.realpath(__file__))))
    source = os.path.realpath(registry.path)
    if os.path.commonpath([root, source]) == root:
        return "scripts/iana-gen %s --c-out generated" % os.path.relpath(source, root)
    return "scripts/iana-gen %s --c-out DIR" % comment_safe(os.path.basename(registry.path))


def _print(registry: Registry, tables: _Tables) -> str:
    """The flattened tables as the C text of iana-registry-data.inc."""
    out = []
    w = out.append
    w("/* %s - generated - do not edit." % OUTPUT)
    w(" *")
    w(" * Generator:  iana-gen %s (scripts/iana-gen)" % VERSION)
    w(" * Input:      %s (%s)" % (comment_safe(os.path.basename(registry.path)), registry.format))
    w(" * Updated:    %s (the registry's own date)" % comment_safe(registry.updated or "unknown"))
    w(" * SHA-256:    %s" % registry.sha256)
    w(" * Records:    %d read, %d with a port (%d distinct entries); %d people named;"
      % (len(registry.records), len(tables.emitted), len(tables.entry_rows), len(tables.people_rows)))
    w(" *             %d history events" % len(tables.events))
    w(" * Regenerate: %s" % regenerate_command(registry))
    w(" *")
    w(" * SPDX-License-Identifier: GPL-2.0-or-later")
    w(" */")
    w("")
    w("static const iana_info_t iana_info = { %s };" % ", ".join(map(str, tables.info)))
    w("")
    w("static const char iana_pool[][%d] = {" % POOL_ROW)
    out.extend(_string_rows(bytes(tables.pool.data)))
    w("};")
    w("")
    w("/* Counted lists: segment matches (count, records...) and entry details")
    w(" * (count, assignees..., count, contacts..., count, references..., count, events...,")
    w(" * count, ports flagged as low << 16 | high... where none means all) */")
    w("static const uint32_t iana_lists[] = {")
    lists = tables.lists.data
    for start in range(0, len(lists), 12):
        w("    " + ", ".join(map(str, lists[start:start + 12])) + ",")
    w("};")
    w("")
    out += _table("iana_person_t", "iana_people", "id, name, org, email, uri (when no e-mail), updated",
                  [(row, comment_safe(pid)) for pid, row in tables.people_rows], "0, 0, 0, 0, 0, 0")
    out += _table("iana_event_t", "iana_events", "event, date, former service, former assignee, text",
                  [(row, None) for row in tables.events], "0, 0, 0, 0, 0")
    out += _table("iana_entry_t", "iana_entries",
                  "description, note, unauthorized, registered, modified, details, service code,\n"
                  " * status (0 assigned, 1 reserved, 2 unassigned), has service code",
                  [(row, None) for row in tables.entry_rows], "0, 0, 0, 0, 0, 0, 0, 0, 0")
    out += _table("iana_record_t", "iana_records",
                  "service, range (when one), entry, port low, port high, transport (255: any)",
                  [(row, "%s/%s %s" % (rec.port, rec.transport or "any", comment_safe(rec.service or "")))
                   for rec, row in tables.record_rows], "0, 0, 0, 0, 0, 0")
    out += _table("iana_segment_t", "iana_segments", "low, high, matching records (a list)",
                  [((low, high, matches), t) for t, low, high, matches in tables.segment_rows],
                  "1, 0, 0")
    w("/* where each transport's segments start: %s, end */" % ", ".join(TRANSPORTS))
    w("static const uint32_t iana_transport_segments[] = { %s };"
      % ", ".join(map(str, tables.transport_starts)))
    w("")
    for name, count in (("iana_records", len(tables.record_rows)),
                        ("iana_entries", len(tables.entry_rows)),
                        ("iana_people", len(tables.people_rows)), ("iana_events", len(tables.events))):
        w("_Static_assert(sizeof %s / sizeof %s[0] == %d, \"%s count\");"
          % (name, name, max(1, count), name))
    w("_Static_assert(sizeof iana_pool == %d, \"pool size\");"
      % (POOL_ROW * max(1, -(-len(tables.pool.data) // POOL_ROW))))
    w("")
    return "\n".join(out)


def render(registry: Registry) -> str:
    """iana-registry-data.inc for the registry: flatten, then print."""
    return _print(registry, _Tables(registry))


def render_version(registry: Registry) -> str:
    """The registry's identity as macros: plugin.c builds its version string
    from them, e.g. "1.0.0 (IANA registry 2026-08-17, 14,533 records)"."""
    date = comment_safe(registry.updated or "unknown")
    records = "{:,}".format(len(registry.records))
    kind = "excerpt " if registry.is_excerpt else ""
    out = [
        "/* %s - generated - do not edit." % VERSION_HEADER,
        " *",
        " * Generator:  iana-gen %s (scripts/iana-gen), beside %s" % (VERSION, OUTPUT),
        " * Input:      %s (%s)" % (comment_safe(os.path.basename(registry.path)), registry.format),
        " * Excerpt:    lists %.1f%% of TCP ports 0-49151 (an excerpt below %d%%)"
        % (100.0 * registry.coverage(), 100 * FULL_COVERAGE),
        " *",
        " * SPDX-License-Identifier: GPL-2.0-or-later",
        " */",
        "",
        "#ifndef IANA_REGISTRY_VERSION_H",
        "#define IANA_REGISTRY_VERSION_H",
        "",
        "#define IANA_REGISTRY_DATE \"%s\"" % date,
        "#define IANA_REGISTRY_RECORDS %d" % len(registry.records),
        "#define IANA_REGISTRY_EXCERPT %d" % (1 if registry.is_excerpt else 0),
        "/* \"[excerpt ]DATE\" and \"IANA registry [excerpt ]DATE, N records\", for names and versions */",
        "#define IANA_REGISTRY_EDITION \"%s%s\"" % (kind, date),
        "#define IANA_REGISTRY_SUMMARY \"IANA registry %s%s, %s records\"" % (kind, date, records),
        "",
        "#endif /* IANA_REGISTRY_VERSION_H */",
        "",
    ]
    return "\n".join(out)


def write_atomic(path: str, text: str) -> None:
    """Write beside the target and rename, so a failure leaves the old file."""
    tmp = "%s.tmp.%d" % (path, os.getpid())
    try:
        with open(tmp, "w", encoding="ascii", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
