# model.py - the normalised registry model shared by every parser and emitter.
# SPDX-License-Identifier: GPL-2.0-or-later
"""One record model for all three input formats.

Parsers fill Record and Person objects; validate() checks what no format may
hold; to_json() is the `--json` contract.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

from .errors import RegistryError
from .unauthorized import port_text

TRANSPORTS = ("tcp", "udp", "sctp", "dccp")
# IANA's full registry lists nearly every port up to 49151 as assigned,
# reserved or unassigned (all but 17 TCP ports in 2024-2026); an input that
# lists fewer is an excerpt, however it was made.
USER_PORTS_END = 49151
FULL_COVERAGE = 0.99
STATUSES = ("assigned", "reserved", "unassigned")

_WS = re.compile(r"\s+")
_PORT = re.compile(r"^(\d+)(?:-(\d+))?$")
_DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")
_STATUS = re.compile(r"(reserved|unassigned)\b", re.IGNORECASE)


def shown(value: str, limit: int = 40) -> str:
    """A value quoted for a message, cut short: a message stays one line."""
    return repr(value if len(value) <= limit else value[:limit] + "...")


def utf8(path: str, data: bytes) -> str:
    """The file's text, or an error naming the line of the first bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise RegistryError(path, "line %d" % (data[:err.start].count(b"\n") + 1),
                            "not UTF-8 text (byte %d)" % err.start)


def collapse(text: Optional[str]) -> Optional[str]:
    """Whitespace runs to one space, trimmed; empty becomes None."""
    if text is None:
        return None
    text = _WS.sub(" ", text).strip()
    return text or None


def status_of(description: str) -> str:
    """IANA capitalises the keyword, but not always (port 114 of 2026-02-13
    reads "unassigned"), so case does not count."""
    m = _STATUS.match(description)
    return m.group(1).lower() if m else "assigned"


def is_date(text: str) -> bool:
    return bool(_DATE.match(text))


@dataclass
class HistoryEvent:
    event: str
    date: Optional[str]
    former_service: Optional[str]
    former_assignee: Optional[str]
    text: str

    def to_json(self) -> dict:
        return {"event": self.event, "date": self.date,
                "former_service": self.former_service,
                "former_assignee": self.former_assignee, "text": self.text}


@dataclass
class Record:
    where: str                       # "line 12" or "record 7": for messages
    service: Optional[str] = None
    port: Optional[str] = None
    transport: Optional[str] = None
    description: str = ""
    assignee: List[str] = field(default_factory=list)
    contact: List[str] = field(default_factory=list)
    registered: Optional[str] = None
    modified: Optional[str] = None
    reference: List[str] = field(default_factory=list)
    service_code: Optional[int] = None
    unauthorized_use: Optional[str] = None
    unauthorized_ports: List[Tuple[int, int]] = field(default_factory=list)  # the note names
    note: Optional[str] = None
    history: List[HistoryEvent] = field(default_factory=list)

    @property
    def status(self) -> str:
        return status_of(self.description)

    @property
    def port_range(self):
        """(low, high) or (None, None); validate() guarantees the shape."""
        if self.port is None:
            return None, None
        low, _, high = self.port.partition("-")
        return int(low), int(high or low)

    @property
    def transports(self):
        """The transports the record covers: its own, or all four when it
        names none."""
        return (self.transport,) if self.transport else TRANSPORTS

    def key(self):
        return (self.service, self.port, self.transport)

    def to_json(self) -> dict:
        low, high = self.port_range
        return {"service": self.service, "port": self.port,
                "port_low": low, "port_high": high,
                "transport": self.transport, "description": self.description,
                "assignee": list(self.assignee), "contact": list(self.contact),
                "registered": self.registered, "modified": self.modified,
                "reference": list(self.reference),
                "service_code": self.service_code,
                "unauthorized_use": self.unauthorized_use,
                "unauthorized_ports": [port_text(p) for p in self.unauthorized_ports],
                "note": self.note,
                "status": self.status,
                "history": [h.to_json() for h in self.history]}


@dataclass
class Person:
    name: Optional[str] = None
    org: Optional[str] = None
    uri: Optional[str] = None
    updated: Optional[str] = None

    @property
    def email(self) -> Optional[str]:
        """IANA writes mailto:user&host; give the address back its @."""
        if self.uri and self.uri.startswith("mailto:"):
            return self.uri[len("mailto:"):].replace("&", "@")
        return None

    def to_json(self) -> dict:
        return {"name": self.name, "org": self.org, "uri": self.uri,
                "updated": self.updated}


@dataclass
class Registry:
    path: str
    format: str
    updated: Optional[str] = None
    sha256: str = ""
    records: List[Record] = field(default_factory=list)
    people: Dict[str, Person] = field(default_factory=dict)
    # How many records the source held, when more than `records` keeps: a
    # registry image carries only the records that name a port.
    read: Optional[int] = None

    @property
    def records_read(self) -> int:
        return self.read if self.read is not None else len(self.records)

    def coverage(self) -> float:
        """The share of TCP ports 0-49151 (RFC 6335's system and user
        ranges) that some record lists."""
        listed = bytearray(USER_PORTS_END + 1)
        for rec in self.records:
            low, high = rec.port_range
            if low is not None and rec.transport in (None, "tcp") and low <= USER_PORTS_END:
                high = min(high, USER_PORTS_END)
                listed[low:high + 1] = b"\1" * (high - low + 1)
        return sum(listed) / len(listed)

    def with_port(self):
        """The records that name a port or a range, in registry order."""
        return [r for r in self.records if r.port is not None]

    @property
    def is_excerpt(self) -> bool:
        return self.coverage() < FULL_COVERAGE

    def to_json(self) -> dict:
        return {"registry": {"format": self.format, "updated": self.updated},
                "records": [r.to_json() for r in self.records],
                "people": {pid: p.to_json()
                           for pid, p in sorted(self.people.items())}}


def check_port(text: str, path: str, where: str) -> str:
    """A port or a range, in bounds and in order; returns it normalised."""
    m = _PORT.match(text)
    if not m:
        raise RegistryError(path, where, "port %s is not a number or a range" % shown(text))
    low = int(m.group(1))
    high = int(m.group(2)) if m.group(2) is not None else low
    for value in (low, high):
        if value > 65535:
            raise RegistryError(path, where, "port %d is over 65535" % value)
    if high < low:
        raise RegistryError(path, where, "range %s is inverted" % text)
    return "%d-%d" % (low, high) if m.group(2) is not None else str(low)


def check_transport(text: str, path: str, where: str) -> str:
    value = text.lower()
    if value not in TRANSPORTS:
        raise RegistryError(path, where, "unknown transport %s" % shown(text))
    return value


def validate(registry: Registry) -> None:
    """Checks every format shares: duplicates and record shape."""
    seen = {}
    # Service names without a port may repeat (IANA lists "rdp" twice).
    for rec in registry.with_port():
        key = rec.key()
        if key in seen:
            raise RegistryError(registry.path, rec.where,
                                "duplicate record %s %s/%s (first at %s)"
                                % (rec.service or "(unnamed)", rec.port,
                                   rec.transport or "any", seen[key]))
        seen[key] = rec.where
