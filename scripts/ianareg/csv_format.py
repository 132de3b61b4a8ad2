# csv_format.py - parser for service-names-port-numbers.csv.
# SPDX-License-Identifier: GPL-2.0-or-later
"""Twelve columns, cells may hold newlines, person references are [Id] and
several in a cell run together ([A][B]). The CSV has no people table."""

from __future__ import annotations

import csv
import io
import re
import sys
from typing import List

from .errors import RegistryError
from .model import Record, Registry, check_port, check_transport, collapse, is_date, shown, utf8

# Registry cells are prose, not bounded: accept what memory accepts.
csv.field_size_limit(1 << 30)

HEADER = ["Service Name", "Port Number", "Transport Protocol", "Description",
          "Assignee", "Contact", "Registration Date", "Modification Date",
          "Reference", "Service Code", "Unauthorized Use Reported",
          "Assignment Notes"]

_BRACKETED = re.compile(r"\[((?:[^\[\]]|\[[^\[\]]*\])*)\]")


def brackets(cell: str, path: str, where: str) -> List[str]:
    """'[A][B]' -> ['A', 'B']; one level of nested brackets is kept."""
    items, pos = [], 0
    cell = cell.strip()
    while pos < len(cell):
        m = _BRACKETED.match(cell, pos)
        if not m:
            raise RegistryError(path, where, "expected [..] references, found %s" % shown(cell[pos:]))
        items.append(collapse(m.group(1)) or "")
        pos = m.end()
        while pos < len(cell) and cell[pos].isspace():
            pos += 1
    return items


def _row(path: str, cells: List[str], where: str) -> Record:
    (service, port, transport, description, assignee, contact, registered,
     modified, reference, service_code, unauthorized, note) = [c.strip() for c in cells]
    rec = Record(where=where)
    rec.service = collapse(service)
    rec.port = check_port(port, path, where) if port else None
    rec.transport = check_transport(transport, path, where) if transport else None
    rec.description = collapse(description) or ""
    rec.assignee = brackets(assignee, path, where)
    rec.contact = brackets(contact, path, where)
    for value, slot in ((registered, "registered"), (modified, "modified")):
        if value:
            if not is_date(value):
                raise RegistryError(path, where, "%s %s is not a date" % (slot, shown(value)))
            setattr(rec, slot, value)
    rec.reference = brackets(reference, path, where)
    if service_code:
        if not service_code.isdigit() or int(service_code) > 0xFFFFFFFF:
            raise RegistryError(path, where, "service code %s is not a 32-bit number" % shown(service_code))
        rec.service_code = int(service_code)
    rec.unauthorized_use = collapse(unauthorized)
    rec.note = collapse(note)
    return rec


def parse(path: str, data: bytes, warn=lambda msg: print(msg, file=sys.stderr)) -> Registry:
    text = utf8(path, data)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    registry = Registry(path=path, format="csv")
    try:
        header = next(reader, None)
        if header is None:
            raise RegistryError(path, "line 1", "empty file")
        header = [h.strip() for h in header]
        if header[:len(HEADER)] != HEADER:
            raise RegistryError(path, "line 1", "not the registry's CSV header (expected %s)"
                                % ",".join(HEADER))
        if len(header) > len(HEADER):
            warn("%s: line 1: unknown columns ignored: %s" % (path, ",".join(header[len(HEADER):])))
        start = reader.line_num + 1
        for cells in reader:
            where = "line %d" % start
            start = reader.line_num + 1
            if not any(c.strip() for c in cells):
                continue
            if len(cells) < len(HEADER):
                raise RegistryError(path, where, "%d columns, expected %d" % (len(cells), len(HEADER)))
            registry.records.append(_row(path, cells[:len(HEADER)], where))
    except csv.Error as err:
        raise RegistryError(path, "line %d" % reader.line_num, "malformed CSV: %s" % err)
    return registry
