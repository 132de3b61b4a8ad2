# text_format.py - parser for the plain-text rendering of IANA's table.
# SPDX-License-Identifier: GPL-2.0-or-later
"""Each table row is its non-empty cells joined by single spaces, so the
column boundaries are gone and have to be inferred:

  [service] [port] [transport] description [assignee] [contact]
  [registered] [modified] [references] [service code] [unauthorized] [notes]

How each boundary is found:
- the service is the first token unless that is a port; a transport keyword
  may follow the port;
- the description runs up to the first token that opens the structured tail:
  a person cell ([Id], or [A][B] for several, where every Id is in the
  Contact Information table), a date, a reference cell, an unauthorized-use
  phrase, or a phrase that opens a note ("This entry ...", "Defined TXT
  keys", ...). Brackets that are neither people nor reference-shaped
  ([Default Data], [July 2003]) stay in the description;
- the first person cell is the assignee, the second the contact;
- one lone date is the registration date on a named service and the
  modification date on an unnamed (Reserved/Unassigned) row, which is what
  the XML says for the excerpt; two dates are registration then modification;
- a bracket cell after the people and dates is the references, each [..] one
  reference; on DCCP rows a number after it is the service code;
- "Known Unauthorized Use on port N" and its variants are their own column;
  what remains is the note.

The Contact Information table reads `[Id] Name Organization URI Last-Updated`
with empty cells dropped; see _split_name_org() for the name/organisation
guess.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from typing import Dict, List, Optional, Tuple

from .errors import RegistryError
from .model import (TRANSPORTS, Person, Record, Registry, check_port,
                    check_transport, collapse, is_date, shown, utf8)

TABLE_HEADER = ("Service Name Port Number Transport Protocol Description Assignee "
                "Contact Registration Date Modification Date Reference Service Code "
                "Unauthorized Use Reported Assignment Notes")
CONTACT_TITLE = "Contact Information"
CONTACT_HEADER = "ID Name Organization Contact URI Last Updated"

_PORT = re.compile(r"^\d+(?:-\d+)?$")
_DATE_TOKEN = re.compile(r"\d{4}-\d{2}(?:-\d{2})?(?= |$)")
_GROUP = re.compile(r"\[((?:[^\[\]]|\[[^\[\]]*\])*)\]")
_PERSON_ID = re.compile(r"^[^\s\[\]]+$")
_REFERENCE = re.compile(
    r"^(?:RFC\d+|RFC-|draft-|https?://|\d+$|TR-\d+|ISO|ITU|3GPP|IEEE|n/a$)"
    r"|^.{40,}$", re.IGNORECASE)
_UNAUTHORIZED = re.compile(
    r"(?:Known )?Unauthori[sz]ed Uses?(?: Known)?:?(?: on)? (?:ports? )?\d+"
    r"(?:(?:-|, | and | & )\d+)*"
    r"|Unauthorized use by [^()]*\([^)]*\)"
    r"|PORT \d+ also being used unofficially by \S+"
    r"|Unofficial use of port \d+ by .+"
    r"|krb\d+ assigned the port, nv used it without an assignment", re.IGNORECASE)
# Openings of notes that IANA writes straight after a description. The
# first set also opens a note when the description is empty.
_NOTE_ONLY = re.compile(r"(?:This entry|This port|this port|Defined TXT keys|<== NOTE)")
_NOTE_START = re.compile(
    r"(?:This entry|This port|this port|Defined TXT keys|<== NOTE|De-[Aa]ssigned on|"
    r"Historic usage|Modified:|Formerly was|Deprecated |\(Removed|\w+ \(unoffically\)|"
    r"\"\w+\" assignment|Not a )")
_ORG_WORDS = re.compile(
    r"\b(?:Inc|Incorporated|Corp|Corporation|Co|Company|LLC|Ltd|Limited|GmbH|AG|AB|"
    r"SA|S\.A|SAS|SL|BV|B\.V|NV|Oy|Pty|PLC|KK|Networks?|Systems?|Software|"
    r"Technolog(?:y|ies)|Solutions|Foundation|Forum|Group|Labs?|Laboratories|Project|"
    r"Consortium|Associates|Association|Alliance|Institute|University|Council|Team|Org|"
    r"Organi[sz]ation|Services|Communications|International|Industries|Microsystems|"
    r"Computing|Research|Telecom|Media|Electronics|Security|Enterprises?|Holdings|"
    r"Partners|Working|IETF|IESG|IANA|W3C|ETSI|3GPP)\b\.?", re.IGNORECASE)


# What, after the words that spell an id, continues the same field.
_CONTINUATION = re.compile(
    r"\(|(?:Jr|Sr|3rd|II|III|PhD)\b|,? ?(?:Inc|Corp|Corporation|Co|LLC|Ltd|Limited|GmbH|AG|AB|"
    r"SA|BV|Oy|PLC|KG|Technologies|Software|Systems)\b")


class _Row:
    """A cursor over one row's text."""

    def __init__(self, text: str):
        self.text = text
        self.pos = 0

    def rest(self) -> str:
        return self.text[self.pos:]

    def skip_space(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos] == " ":
            self.pos += 1


def _bracket_cell(text: str, pos: int) -> Optional[Tuple[List[str], int]]:
    """[A][B]... starting at pos and ending at a space or the end."""
    groups = []
    while pos < len(text) and text[pos] == "[":
        m = _GROUP.match(text, pos)
        if not m:
            return None
        groups.append(m.group(1))
        pos = m.end()
    if not groups or (pos < len(text) and text[pos] != " "):
        return None
    return groups, pos


class _TailReader:
    """Reads the structured columns after the description."""

    def __init__(self, people: Dict[str, Person]):
        self.people = people

    def is_person(self, ident: str) -> bool:
        if self.people:
            return ident in self.people
        # No contact table: fall back on the shape of an id.
        return bool(_PERSON_ID.match(ident)) and not _REFERENCE.match(ident)

    def person_cell(self, text: str, pos: int):
        cell = _bracket_cell(text, pos)
        if cell and all(self.is_person(g) for g in cell[0]):
            return cell
        return None

    def opens_tail(self, text: str, pos: int) -> bool:
        """Whether the structured columns may start at pos."""
        if self.person_cell(text, pos) or _DATE_TOKEN.match(text, pos):
            return True
        cell = _bracket_cell(text, pos)
        if cell and any(_REFERENCE.match(g) for g in cell[0]):
            # Only one reference cell ends a row: [RFC1] [RFC2] means the
            # first still belongs to the description.
            return not _bracket_cell(text, cell[1] + 1)
        if _UNAUTHORIZED.match(text, pos):
            return True
        return bool((_NOTE_START if pos > 0 else _NOTE_ONLY).match(text, pos))

    def read(self, rec: Record, text: str, path: str) -> None:
        row = _Row(text)
        persons = []
        while len(persons) < 2:
            cell = self.person_cell(text, row.pos)
            if not cell:
                break
            persons.append(cell[0])
            row.pos = cell[1]
            row.skip_space()
        if persons:
            rec.assignee = persons[0]
            rec.contact = persons[1] if len(persons) > 1 else []
        dates = []
        while len(dates) < 2:
            m = _DATE_TOKEN.match(text, row.pos)
            if not m:
                break
            dates.append(m.group(0))
            row.pos = m.end()
            row.skip_space()
        if len(dates) == 2:
            rec.registered, rec.modified = dates
        elif dates and rec.service:
            rec.registered = dates[0]
        elif dates:
            rec.modified = dates[0]
        cell = _bracket_cell(text, row.pos)
        if cell and not (_UNAUTHORIZED.match(text, row.pos)):
            rec.reference = [collapse(g) or "" for g in cell[0]]
            row.pos = cell[1]
            row.skip_space()
        if rec.transport == "dccp":
            m = re.match(r"(\d+)(?= |$)", row.rest())
            if m and int(m.group(1)) <= 0xFFFFFFFF:
                rec.service_code = int(m.group(1))
                row.pos += m.end()
                row.skip_space()
        m = _UNAUTHORIZED.match(text, row.pos)
        if m:
            rec.unauthorized_use = m.group(0)
            row.pos = m.end()
            row.skip_space()
        rec.note = collapse(row.rest())


def _parse_row(line: str, where: str, path: str, tail: _TailReader) -> Record:
    rec = Record(where=where)
    tokens = line.split(" ")
    i = 0
    if not _PORT.match(tokens[0]):
        rec.service = tokens[0]
        i = 1
    if i < len(tokens) and _PORT.match(tokens[i]):
        rec.port = check_port(tokens[i], path, where)
        i += 1
    if i < len(tokens) and tokens[i] in TRANSPORTS:
        rec.transport = check_transport(tokens[i], path, where)
        i += 1
    rest = " ".join(tokens[i:])
    # The description ends where the structured tail can first begin.
    start = 0
    while start < len(rest) and not tail.opens_tail(rest, start):
        nxt = rest.find(" ", start)
        start = len(rest) if nxt < 0 else nxt + 1
    rec.description = collapse(rest[:start]) or ""
    tail.read(rec, rest[start:], path)
    return rec


def _fold(text: str) -> str:
    """Letters and digits only, accents dropped: to compare ids with names."""
    text = unicodedata.normalize("NFKD", text)
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _split_name_org(ident: str, words: List[str]) -> Tuple[Optional[str], Optional[str]]:
    """The contact table runs name and organisation together. The id is
    usually built from one of them (Andrew_Blyler, Barracuda_Networks, or cut
    at 20 characters), so find the words that spell the id: words before them
    are a name and they start the organisation; words after them are the
    organisation unless they read as a continuation ("Jr.", "(Cadcorp)",
    "Corporation", or the id was cut short). When the id spells the whole
    text it is one field: an organisation when it reads like one, else a name."""
    text = " ".join(words)
    key = _fold(re.sub(r"_\d+$", "", ident))
    folded = [_fold(w) for w in words]
    for start in range(len(words) if key else 0):
        spelled = ""
        for end in range(start, len(words)):
            spelled += folded[end]
            if spelled.startswith(key):
                if start > 0 and words[0] != "The" and not words[start - 1].endswith("."):
                    return " ".join(words[:start]), " ".join(words[start:])
                rest = " ".join(words[end + 1:])
                if rest and not (len(ident) >= 20 or _CONTINUATION.match(rest)):
                    return " ".join(words[:end + 1]), rest
                return _one_field(ident, text)
            if not key.startswith(spelled):
                break
    return _one_field(ident, text)


def _one_field(ident: str, text: str) -> Tuple[Optional[str], Optional[str]]:
    if not text:
        return None, None
    if _ORG_WORDS.search(text) or ident.startswith("_"):
        return None, text
    return text, None


def _parse_contact(line: str, where: str, path: str) -> Tuple[str, Person]:
    m = re.match(r"\[([^\]]+)\](.*)$", line)
    if not m:
        raise RegistryError(path, where, "expected a contact row '[Id] ...', found %s" % shown(line))
    ident, words = m.group(1), m.group(2).split()
    person = Person()
    if words and is_date(words[-1]):
        person.updated = words.pop()
    for k, word in enumerate(words):
        if re.match(r"^(?:mailto:|https?://|tel:|ftp://)", word):
            person.uri = word
            words = words[:k] + words[k + 1:]
            break
    person.name, person.org = _split_name_org(ident, words)
    return ident, person


def parse(path: str, data: bytes, warn=lambda msg: print(msg, file=sys.stderr)) -> Registry:
    text = utf8(path, data)
    lines = [collapse(line) or "" for line in text.splitlines()]
    registry = Registry(path=path, format="text")
    try:
        table = lines.index(TABLE_HEADER)
    except ValueError:
        raise RegistryError(path, "", "no registry table header (%r...)" % TABLE_HEADER[:40])
    for k, line in enumerate(lines[:table]):
        if line == "Last Updated" and k + 1 < table and is_date(lines[k + 1]):
            registry.updated = lines[k + 1]
    try:
        contacts = lines.index(CONTACT_TITLE, table)
    except ValueError:
        contacts = len(lines)
    # People first: they tell [Mitra] (a person) from [July 2003] (text).
    for k in range(contacts + 1, len(lines)):
        line = lines[k]
        if not line or line == CONTACT_HEADER:
            continue
        ident, person = _parse_contact(line, "line %d" % (k + 1), path)
        if ident in registry.people:
            raise RegistryError(path, "line %d" % (k + 1), "duplicate contact [%s]" % ident)
        registry.people[ident] = person
    tail = _TailReader(registry.people)
    for k in range(table + 1, contacts):
        if lines[k]:
            registry.records.append(_parse_row(lines[k], "line %d" % (k + 1), path, tail))
    return registry
