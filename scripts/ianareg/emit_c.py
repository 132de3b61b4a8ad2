# emit_c.py - the registry model as static const C tables.
# SPDX-License-Identifier: GPL-2.0-or-later
"""Writes iana-registry-data.inc, the data that plugin/iana-registry.c
#includes: the tables of tables.py (types in plugin/iana-registry.h) as
static const arrays. No pointers, so loading the plugin needs no
relocations. ISO C only promises 4095-character string literals, so the
pool is a 2-D array of exactly filled 4095-byte rows that is addressed as
one block of bytes.

Beside it, iana-registry-version.h: the registry's date and size as macros,
for the plugin's version string.

Output is deterministic: stable order, LF, no timestamps or paths."""

from __future__ import annotations

import os
import re
from typing import Dict, List

from . import VERSION
from .model import FULL_COVERAGE, TRANSPORTS, Registry
from .tables import BUCKETS, Tables

OUTPUT = "iana-registry-data.inc"
VERSION_HEADER = "iana-registry-version.h"
POOL_ROW = 4095          # longest string literal ISO C guarantees
BYTES_PER_LINE = 64      # pool bytes per source line


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


def _string_rows(pool: bytes) -> List[str]:
    lines = []
    for start in range(0, len(pool), POOL_ROW):
        row = pool[start:start + POOL_ROW]
        lines.append("    /* row %d */" % (start // POOL_ROW))
        pieces = [row[k:k + BYTES_PER_LINE] for k in range(0, len(row), BYTES_PER_LINE)]
        lines += ['    "%s"' % c_escape(piece) for piece in pieces]
        lines[-1] += ","
    return lines


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


def _print(registry: Registry, tables: Tables) -> str:
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
      % (registry.records_read, len(tables.emitted), len(tables.entry_rows), len(tables.people_rows)))
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
    w("/* per transport, and per high byte of a port, the first segment that may")
    w(" * hold such a port; then the transport's end */")
    w("static const uint32_t iana_buckets[] = {")
    for start in range(0, len(tables.buckets), BUCKETS):
        row = tables.buckets[start:start + BUCKETS]
        w("    /* %s */" % TRANSPORTS[start // BUCKETS])
        for k in range(0, len(row), 16):
            w("    " + ", ".join(map(str, row[k:k + 16])) + ",")
    w("};")
    w("")
    w("_Static_assert(sizeof iana_buckets / sizeof iana_buckets[0] == %d, \"iana_buckets count\");"
      % len(tables.buckets))
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
    return _print(registry, Tables(registry))


def render_version(registry: Registry) -> str:
    """The registry's identity as macros: plugin.c builds its version string
    from them, e.g. "1.0.0 (IANA registry 2026-08-17, 14,533 records)"."""
    date = comment_safe(registry.updated or "unknown")
    records = "{:,}".format(registry.records_read)
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
        "#define IANA_REGISTRY_RECORDS %d" % registry.records_read,
        "#define IANA_REGISTRY_EXCERPT %d" % (1 if registry.is_excerpt else 0),
        "/* \"[excerpt ]DATE\" and \"IANA registry [excerpt ]DATE, N records\", for names and versions */",
        "#define IANA_REGISTRY_EDITION \"%s%s\"" % (kind, date),
        "#define IANA_REGISTRY_SUMMARY \"IANA registry %s%s, %s records\"" % (kind, date, records),
        "",
        "#endif /* IANA_REGISTRY_VERSION_H */",
        "",
    ]
    return "\n".join(out)


def write_atomic(path: str, content) -> None:
    """Write text or bytes beside the target and rename, so that a failure
    leaves the old file and a reader never sees half of the new one."""
    tmp = "%s.tmp.%d" % (path, os.getpid())
    try:
        if isinstance(content, bytes):
            with open(tmp, "wb") as handle:
                handle.write(content)
        else:
            with open(tmp, "w", encoding="ascii", newline="\n") as handle:
                handle.write(content)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
