# image.py - the registry image: the plugin's tables in one file it maps in place.
# SPDX-License-Identifier: GPL-2.0-or-later
"""A registry image holds the very tables of tables.py that generated/
compiles in, so that an installed plugin can take a newer registry from a
file, with no compiler. plugin/iana-image.c reads it; its layout is
plugin/iana-image.h's. All numbers are little-endian.

  header (424 bytes)
    magic        8 bytes  89 'IANAREG'
    version      u32      FORMAT_VERSION
    byte order   u32      0x01020304, so a reader of the other order sees 0x04030201
    header size  u32
    file size    u32
    checksum     u32      CRC-32 (zlib's) of the whole file, this field read as zero
    table count  u32
    updated      16 bytes the registry's date, NUL-padded
    generator    16 bytes "iana-gen VERSION"
    sha256       72 bytes of the registry file the image was made from, hex
    source       128 bytes that file's name, cut short if longer
    directory    TABLES x (offset u32, count u32, row size u32, zero u32)
  the tables, in directory order, each at a multiple of 8 bytes

The rows have the C structs' natural layout (padding explicit below), so
the plugin uses them where they lie. A reader refuses the whole file when
anything is off; nothing needs relocating.

parse() reads an image back into the record model, so that an image can
be compared with a download (update-registry) or fed to iana-gen."""

from __future__ import annotations

import os
import struct
import zlib
from typing import List

from . import VERSION
from .errors import RegistryError
from .model import STATUSES, TRANSPORTS, Person, Record, Registry, validate
from .tables import TRANSPORT_ANY, Tables

MAGIC = b"\x89IANAREG"
FORMAT_VERSION = 1
BYTE_ORDER = 0x01020304
SUFFIX = ".img"
DEFAULT_NAME = "iana-registry" + SUFFIX

_HEADER = struct.Struct("<8s6I16s16s72s128s")
_DIRECTORY_ROW = struct.Struct("<4I")
CHECKSUM_AT = 8 + 4 * 4          # after magic, version, byte order, header size, file size

# (name, row format): the tables in directory order. Row formats follow the
# C structs of plugin/iana-registry.h, padding included.
TABLES = (
    ("info", "<8I"),            # updated, source, format, sha256, generator, read, records, excerpt
    ("pool", "<B"),
    ("lists", "<I"),
    ("people", "<6I"),          # id, name, org, email, uri, updated
    ("events", "<5I"),          # event, date, former service, former assignee, text
    ("entries", "<7IBB2x"),     # description, note, unauthorized, registered, modified, details,
                                # service code, status, has service code
    ("records", "<3IHHB3x"),    # service, range, entry, port low, port high, transport
    ("segments", "<HHI"),       # low, high, records
    ("transport_starts", "<I"),
    ("buckets", "<I"),
)
ROW = {name: struct.Struct(fmt) for name, fmt in TABLES}
HEADER_SIZE = _HEADER.size + len(TABLES) * _DIRECTORY_ROW.size


def _fixed(text: str, size: int) -> bytes:
    """text as a NUL-padded field, cut short (at a character) if it must be."""
    data = text.encode("utf-8")
    while len(data) >= size:
        text = text[:-1]
        data = text.encode("utf-8")
    return data


def _rows(tables: Tables):
    """Each table's rows as tuples, in directory order."""
    return {
        "info": [tuple(tables.info)],
        "pool": None,
        "lists": tables.lists.data,
        "people": [tuple(row) for _, row in tables.people_rows],
        "events": [tuple(row) for row in tables.events],
        "entries": tables.entry_rows,
        "records": [tuple(row) for _, row in tables.record_rows],
        "segments": [(low, high, matches) for _, low, high, matches in tables.segment_rows],
        "transport_starts": tables.transport_starts,
        "buckets": tables.buckets,
    }


def render(registry: Registry) -> bytes:
    """The registry image of a registry, byte for byte the same on every run."""
    tables = Tables(registry)
    rows = _rows(tables)
    body, directory = bytearray(), []
    for name, _ in TABLES:
        row = ROW[name]
        if name == "pool":
            data, count = bytes(tables.pool.data), len(tables.pool.data)
        else:
            items = rows[name]
            count = len(items)
            data = b"".join(row.pack(*(item if isinstance(item, tuple) else (item,))) for item in items)
        body += b"\0" * (-(HEADER_SIZE + len(body)) % 8)
        directory.append((HEADER_SIZE + len(body), count, row.size, 0))
        body += data
    size = HEADER_SIZE + len(body)
    header = _HEADER.pack(MAGIC, FORMAT_VERSION, BYTE_ORDER, HEADER_SIZE, size, 0, len(TABLES),
                          _fixed(registry.updated or "", 16), _fixed("iana-gen " + VERSION, 16),
                          _fixed(registry.sha256, 72), _fixed(os.path.basename(registry.path), 128))
    image = bytearray(header + b"".join(_DIRECTORY_ROW.pack(*d) for d in directory) + body)
    struct.pack_into("<I", image, CHECKSUM_AT, zlib.crc32(image))
    return bytes(image)


def is_image(data: bytes) -> bool:
    return data.startswith(MAGIC)


class _Reader:
    """The tables of an image, each row read on demand; RegistryError for
    anything that is not a sound image."""

    def __init__(self, path: str, data: bytes):
        self.path, self.data = path, data
        if len(data) < HEADER_SIZE:
            self.fail("truncated: %d bytes, shorter than the %d-byte header" % (len(data), HEADER_SIZE))
        (magic, version, order, header_size, size, checksum, count,
         updated, generator, sha256, source) = _HEADER.unpack_from(data)
        if magic != MAGIC:
            self.fail("not a registry image (no magic number)")
        if order != BYTE_ORDER:
            self.fail("written for the other byte order")
        if version != FORMAT_VERSION:
            self.fail("format version %d; this reader knows version %d" % (version, FORMAT_VERSION))
        if header_size != HEADER_SIZE or count != len(TABLES):
            self.fail("header of %d bytes with %d tables; version %d has %d and %d"
                      % (header_size, count, FORMAT_VERSION, HEADER_SIZE, len(TABLES)))
        if size != len(data):
            self.fail("truncated: %d of %d bytes" % (len(data), size) if len(data) < size else
                      "%d bytes, the header says %d" % (len(data), size))
        zeroed = data[:CHECKSUM_AT] + b"\0\0\0\0" + data[CHECKSUM_AT + 4:]
        if zlib.crc32(zeroed) != checksum:
            self.fail("checksum mismatch: the file is damaged")
        self.updated = updated.rstrip(b"\0").decode("utf-8", "replace")
        self.generator = generator.rstrip(b"\0").decode("utf-8", "replace")
        self.sha256 = sha256.rstrip(b"\0").decode("ascii", "replace")
        self.source = source.rstrip(b"\0").decode("utf-8", "replace")
        self.tables = {}
        for i, (name, _) in enumerate(TABLES):
            offset, rows, row_size, _ = _DIRECTORY_ROW.unpack_from(data, _HEADER.size + i * _DIRECTORY_ROW.size)
            if row_size != ROW[name].size or offset % 8 or offset + rows * row_size > size:
                self.fail("table %s lies outside the file or has %d-byte rows" % (name, row_size))
            self.tables[name] = (offset, rows)

    def fail(self, why):
        raise RegistryError(self.path, "", why)

    def count(self, table: str) -> int:
        return self.tables[table][1]

    def row(self, table: str, index: int):
        offset, rows = self.tables[table]
        if not 0 <= index < rows:
            self.fail("table %s: row %d of %d" % (table, index, rows))
        return ROW[table].unpack_from(self.data, offset + index * ROW[table].size)

    def string(self, offset: int):
        """The pool's string at offset; None for offset 0."""
        if offset == 0:
            return None
        start, size = self.tables["pool"]
        end = self.data.find(b"\0", start + offset, start + size)
        if offset >= size or end < 0:
            self.fail("string at %d lies outside the pool" % offset)
        return self.data[start + offset:end].decode("utf-8")

    def lists(self, at: int, how_many: int) -> List[List[int]]:
        """how_many counted lists, one after another from list offset at."""
        out = []
        for _ in range(how_many):
            count = self.row("lists", at)[0]
            out.append([self.row("lists", at + 1 + k)[0] for k in range(count)])
            at += 1 + count
        return out


def parse(path: str, data: bytes, warn=None) -> Registry:
    """The record model of an image: its records with their entries, and the
    people they name."""
    r = _Reader(path, data)
    info = r.row("info", 0)
    registry = Registry(path=path, format="image", updated=r.string(info[0]))
    registry.read = info[5]
    people = [r.row("people", i) for i in range(r.count("people"))]
    for pid, name, org, email, uri, updated in people:
        # The tables keep the e-mail address, not IANA's mailto:user&host.
        address = "mailto:" + r.string(email) if email else r.string(uri)
        registry.people[r.string(pid)] = Person(r.string(name), r.string(org), address, r.string(updated))
    for i in range(r.count("records")):
        service, port_range, entry, low, high, transport = r.row("records", i)
        (description, note, unauthorized, registered, modified, details, code,
         status, has_code) = r.row("entries", entry)
        assignees, contacts, references, history, _ = r.lists(details, 5)
        rec = Record(where="record %d" % (i + 1), service=r.string(service),
                     port=r.string(port_range) or str(low),
                     transport=None if transport == TRANSPORT_ANY else TRANSPORTS[transport],
                     description=r.string(description) or "",
                     assignee=[r.string(people[p][0]) for p in assignees],
                     contact=[r.string(people[p][0]) for p in contacts],
                     registered=r.string(registered), modified=r.string(modified),
                     reference=[r.string(s) for s in references],
                     service_code=code if has_code else None,
                     unauthorized_use=r.string(unauthorized), note=r.string(note))
        for e in history:
            r.row("events", e)      # load() derives the history from the notes again
        if rec.status != STATUSES[status]:
            r.fail("record %d: status %d does not match its description" % (i + 1, status))
        registry.records.append(rec)
    validate(registry)
    return registry
