# history.py - structured assignment history out of IANA's free-text notes.
# SPDX-License-Identifier: GPL-2.0-or-later
"""De-assignment history, pulled out of notes and descriptions.

IANA keeps a port's past in prose ("Historic usage was acms. De-Assigned on
2020-12-29"). Each rule below recognises one shape the registry uses and
yields an event of a closed vocabulary:

  de-assigned      the assignment was withdrawn or released
  removed          the entry or port was removed
  de-registered    the registration was cancelled
  modified         the entry was updated
  renamed          the service had another name or description before
  alias            the entry is a historic alias of a well-formed name
  reassigned       the port or name belonged to something else before
  contact-changed  a contact was added or replaced
  deprecated       the entry was deprecated
  created          where the name was first defined
  recorded         IANA recorded an unassigned but widespread use
  assigned         an assignment with no date ("assigned long ago")

Dates come out as ISO 8601 (2001-06-08, or 2007-05 for a month).
"""

from __future__ import annotations

import re
from typing import List, Optional, Tuple

from .model import HistoryEvent

EVENTS = ("de-assigned", "removed", "de-registered", "modified", "renamed",
          "alias", "reassigned", "contact-changed", "deprecated", "created",
          "recorded", "assigned")

# A note that speaks of history: it names an assignment, a removal, a
# registration, the past or a former holder. --report counts how many such
# notes yield an event.
HISTORY_WORDS = re.compile(r"assign|remov|regist|histor|previous|former|\bwas\b",
                           re.IGNORECASE)
# Addresses and key=<value> templates are not prose: "assignments" in a URL
# or "register=<flag>" in a TXT key list says nothing about history.
_NOT_PROSE = re.compile(r"\S*(?:://|www\.)\S*|<[^>]*>|\b\w+=\S*")

_MONTHS = {m: i + 1 for i, m in enumerate(
    ("january", "february", "march", "april", "may", "june", "july",
     "august", "september", "october", "november", "december"))}
_MONTH = r"(?:%s)" % "|".join(m.capitalize() for m in _MONTHS)

# One date as IANA writes them in prose; iso_date() normalises each shape.
DATE = (r"(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2} %s \d{4}|%s \d{4}|\d{1,2}/\d{1,2}/\d{2,4})"
        % (_MONTH, _MONTH))
_NAME = r"\"?(?P<svc>[A-Za-z0-9][\w.+*/-]*?)\"?"
_PERSON = r"\[(?P<who>[^\]\s]+)\]"


def iso_date(text: Optional[str]) -> Optional[str]:
    """'08 June 2001' -> '2001-06-08', 'May 2007' -> '2007-05', '5/21/97' ->
    '1997-05-21' (US order, as IANA's old notes use), '2004-2-6' -> '2004-02-06'."""
    if not text:
        return None
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if m:
        return "%s-%02d-%02d" % (m.group(1), int(m.group(2)), int(m.group(3)))
    m = re.fullmatch(r"(\d{1,2}) (\w+) (\d{4})", text)
    if m and m.group(2).lower() in _MONTHS:
        return "%s-%02d-%02d" % (m.group(3), _MONTHS[m.group(2).lower()], int(m.group(1)))
    m = re.fullmatch(r"(\w+) (\d{4})", text)
    if m and m.group(1).lower() in _MONTHS:
        return "%s-%02d" % (m.group(2), _MONTHS[m.group(1).lower()])
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})", text)
    if m:
        year = int(m.group(3))
        if year < 100:
            year += 1900 if year >= 70 else 2000
        return "%04d-%02d-%02d" % (year, int(m.group(1)), int(m.group(2)))
    return None


# (pattern, event, and the named groups holding the date, former service
# and former assignee)
Rule = Tuple[str, str, Optional[str], Optional[str], Optional[str]]

_RULES: List[Rule] = [
    (r"Historic usage was %s\.? De-Assigned on (?P<date>%s)" % (_NAME, DATE),
     "de-assigned", "date", "svc", None),
    (r"De-assigned on (?P<date>%s),? previously %s by %s" % (DATE, _NAME, _PERSON),
     "de-assigned", "date", "svc", "who"),
    (r"De-assigned on (?P<date>%s)" % DATE, "de-assigned", "date", None, None),
    (r"\"(?P<svc>[^\"]+)\" assignment withdrawn", "de-assigned", None, "svc", None),
    (r"Previously assigned to (?!application)(?P<svc>.+?) but released", "de-assigned", None, "svc", None),
    (r"previously assigned under the name \"(?P<svc>[^\"]+)\"[^.]*\. This has been de-assigned "
     r"and re-assigned", "reassigned", None, "svc", None),
    (r"previously assigned to application (?:below|above) (?P<svc>[a-z0-9-]+)",
     "reassigned", None, "svc", None),
    (r"already previously assigned by IANA for \"(?P<svc>[^\"]+)\"", "reassigned", None, "svc", None),
    (r"\b(?:[Tt]his|[Tt]he) (?:port|entry) (?:was previously|has been|is being) removed on "
     r"(?P<date>%s)" % DATE, "removed", "date", None, None),
    (r"\(Removed (?P<date>%s)\)" % DATE, "removed", "date", None, None),
    (r"previously (?:noted )?\"Removed on (?P<date>%s)\"" % DATE, "removed", "date", None, None),
    (r"^Removed$", "removed", None, None, None),
    (r"De-registered(?: (?P<date>%s))?" % DATE, "de-registered", "date", None, None),
    (r"Modified: (?P<date>%s)" % DATE, "modified", "date", None, None),
    (r"previously updated on (?P<date>%s)" % DATE, "modified", "date", None, None),
    (r"Registration updated (?P<date>%s)" % DATE, "modified", "date", None, None),
    (r"^Unassigned \[was (?P<svc>[^\]\s]+)\]", "de-assigned", None, "svc", None),
    (r"replacement for \"(?P<svc>[^\"]+)\"", "renamed", None, "svc", None),
    (r"[(\[]was:? (?P<svc>[^)\]\s]+)[)\]]", "renamed", None, "svc", None),
    (r"\(previous was: (?P<svc>[^)]+)\)", "renamed", None, "svc", None),
    (r"Formerly was (?P<svc>.+?)\.?$", "renamed", None, "svc", None),
    (r"[Ww]as formerly listed as \"(?P<svc>[^\"]+)\"", "renamed", None, "svc", None),
    (r"Historically, this service has been referred to as \"(?P<svc>[^\"]+)\"", "renamed", None, "svc", None),
    (r"This entry is an alias to \"[^\"]+\"\. This entry is now historic", "alias", None, None, None),
    (r"New contact added for port \d+ on (?P<date>%s)" % DATE, "contact-changed", "date", None, None),
    (r"\(previous contact was ?%s\)" % _PERSON, "contact-changed", None, None, "who"),
    (r"Deprecated (?P<date>%s)" % DATE, "deprecated", "date", None, None),
    (r"initially created by \[[^\]]+\]", "created", None, None, None),
    (r"records an unassigned but widespread use(?: \(added (?P<date>%s)\))?" % DATE,
     "recorded", "date", None, None),
    (r"FRP-Released (?P<date>%s)" % DATE, "de-assigned", "date", None, None),
    (r"^\(assigned long ago\)$", "assigned", None, None, None),
]

_COMPILED = [(re.compile(p, re.IGNORECASE), event, d, s, a) for p, event, d, s, a in _RULES]


def _group(m: "re.Match[str]", name: Optional[str]) -> Optional[str]:
    if name is None:
        return None
    value = m.group(name)
    return value.strip() if value else None


def extract(text: Optional[str]) -> List[HistoryEvent]:
    """Every event the text states, in the order it states them."""
    if not text:
        return []
    found = []
    taken: List[Tuple[int, int]] = []
    for regex, event, date, service, assignee in _COMPILED:
        for m in regex.finditer(text):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append((m.start(), HistoryEvent(
                event=event, date=iso_date(_group(m, date)),
                former_service=_group(m, service),
                former_assignee=_group(m, assignee), text=m.group(0))))
    return [ev for _, ev in sorted(found, key=lambda pair: pair[0])]


def looks_historical(text: Optional[str]) -> bool:
    return bool(text) and bool(HISTORY_WORDS.search(_NOT_PROSE.sub(" ", text)))


def record_history(description: str, note: Optional[str]) -> List[HistoryEvent]:
    return extract(description) + extract(note)
