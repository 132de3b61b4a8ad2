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


def render(registry: Registry) -> str:
    pool, lists = _Pool(), _Lists()
    emitted = [r for r in registry.records if r.port is not None]

    # Only people that an emitted record names; an id the people table
    # lacks still gets a row, so that it can be shown.
    people_ids = sorted({p for r in emitted for p in r.assignee + r.contact})
    person_index = {pid: i for i, pid in enumerate(people_ids)}
    people_rows = []
    for pid in people_ids:
        person = registry.people.get(pid)
        row = [pool.add(pid), 0, 0, 0, 0, 0]
        if person is not None:
            row[1:] = [pool.add(person.name), pool.add(person.org), pool.add(person.email),
                       pool.add(None if person.email else person.uri), pool.add(person.updated)]
        people_rows.append((pid, row))

    events, entry_rows, entry_index, record_rows = [], [], {}, []
    ranges = {t: [] for t in TRANSPORTS}
    for index, rec in enumerate(emitted):
        history = []
        for ev in rec.history:
            history.append(len(events))
            events.append([pool.add(ev.event), pool.add(ev.date), pool.add(ev.former_service),
                           pool.add(ev.former_assignee), pool.add(ev.text)])
        details = []
        low, high = rec.port_range
        flagged = flagged_within(rec.unauthorized_ports, low, high) if rec.unauthorized_use else []
        for items in ([person_index[p] for p in rec.assignee],
                      [person_index[p] for p in rec.contact],
                      [pool.add(x) for x in rec.reference], history,
                      [a << 16 | b for a, b in flagged]):
            details += [len(items)] + items
        entry = (pool.add(rec.description), pool.add(rec.note), pool.add(rec.unauthorized_use),
                 pool.add(rec.registered), pool.add(rec.modified),
                 lists.add_raw(details), rec.service_code or 0,
                 STATUSES.index(rec.status), 1 if rec.service_code is not None else 0)
        if entry not in entry_index:
            entry_index[entry] = len(entry_rows)
            entry_rows.append(entry)
        transport = TRANSPORTS.index(rec.transport) if rec.transport else TRANSPORT_ANY
        record_rows.append((rec, [pool.add(rec.service), pool.add(rec.port if low != high else None),
                                  entry_index[entry], low, high, transport]))
        for t in ([rec.transport] if rec.transport else TRANSPORTS):
            ranges[t].append((low, high, index))

    segment_rows, transport_starts = [], [0]
    for t in TRANSPORTS:
        for low, high, members in _segments(ranges[t]):
            segment_rows.append((t, low, high, lists.add(members)))
        transport_starts.append(len(segment_rows))

    info = [pool.add(registry.updated), pool.add(os.path.basename(registry.path)),
            pool.add(registry.format), pool.add(registry.sha256), pool.add(VERSION),
            len(registry.records), len(emitted)]

    def table(ctype, name, legend, rows, empty):
        w("/* %s */" % legend)
        w("static const %s %s[] = {" % (ctype, name))
        for row, note in rows:
            w("    { %s },%s" % (", ".join(map(str, row)), " /* %s */" % note if note else ""))
        if not rows:
            w("    { %s }, /* none: ISO C wants one element */" % empty)
        w("};")
        w("")

    out = []
    w = out.append
    w("/* %s - generated - do not edit." % OUTPUT)
    w(" *")
    w(" * Generator:  iana-gen %s (scripts/iana-gen)" % VERSION)
    w(" * Input:      %s (%s)" % (comment_safe(os.path.basename(registry.path)), registry.format))
    w(" * Updated:    %s (the registry's own date)" % comment_safe(registry.updated or "unknown"))
    w(" * SHA-256:    %s" % registry.sha256)
    w(" * Records:    %d read, %d with a port (%d distinct entries); %d people named;"
      % (len(registry.records), len(emitted), len(entry_rows), len(people_rows)))
    w(" *             %d history events" % len(events))
    w(" * Regenerate: scripts/iana-gen INPUT --c-out DIR, INPUT being the file above")
    w(" *")
    w(" * SPDX-License-Identifier: GPL-2.0-or-later")
    w(" */")
    w("")
    w("static const iana_info_t iana_info = { %s };" % ", ".join(map(str, info)))
    w("")
    w("static const char iana_pool[][%d] = {" % POOL_ROW)
    out.extend(_string_rows(bytes(pool.data)))
    w("};")
    w("")
    w("/* Counted lists: segment matches (count, records...) and entry details")
    w(" * (count, assignees..., count, contacts..., count, references..., count, events...,")
    w(" * count, ports flagged as low << 16 | high... where none means all) */")
    w("static const uint32_t iana_lists[] = {")
    for start in range(0, len(lists.data), 12):
        w("    " + ", ".join(map(str, lists.data[start:start + 12])) + ",")
    w("};")
    w("")
    table("iana_person_t", "iana_people", "id, name, org, email, uri (when no e-mail), updated",
          [(row, comment_safe(pid)) for pid, row in people_rows], "0, 0, 0, 0, 0, 0")
    table("iana_event_t", "iana_events", "event, date, former service, former assignee, text",
          [(row, None) for row in events], "0, 0, 0, 0, 0")
    table("iana_entry_t", "iana_entries",
          "description, note, unauthorized, registered, modified, details, service code,\n"
          " * status (0 assigned, 1 reserved, 2 unassigned), has service code",
          [(row, None) for row in entry_rows], "0, 0, 0, 0, 0, 0, 0, 0, 0")
    table("iana_record_t", "iana_records",
          "service, range (when one), entry, port low, port high, transport (255: any)",
          [(row, "%s/%s %s" % (rec.port, rec.transport or "any", comment_safe(rec.service or "")))
           for rec, row in record_rows], "0, 0, 0, 0, 0, 0")
    table("iana_segment_t", "iana_segments", "low, high, matching records (a list)",
          [((low, high, matches), t) for t, low, high, matches in segment_rows], "1, 0, 0")
    w("/* where each transport's segments start: %s, end */" % ", ".join(TRANSPORTS))
    w("static const uint32_t iana_transport_segments[] = { %s };"
      % ", ".join(map(str, transport_starts)))
    w("")
    for name, count in (("iana_records", len(record_rows)), ("iana_entries", len(entry_rows)),
                        ("iana_people", len(people_rows)), ("iana_events", len(events))):
        w("_Static_assert(sizeof %s / sizeof %s[0] == %d, \"%s count\");"
          % (name, name, max(1, count), name))
    w("_Static_assert(sizeof iana_pool == %d, \"pool size\");"
      % (POOL_ROW * max(1, -(-len(pool.data) // POOL_ROW))))
    w("")
    return "\n".join(out)


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
