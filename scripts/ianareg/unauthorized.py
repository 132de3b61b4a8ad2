# unauthorized.py - which ports a Known Unauthorized Use note names.
# SPDX-License-Identifier: GPL-2.0-or-later
"""IANA's unauthorized-use notes often name ports inside the record's range:
"Unauthorized Use Known on port 42000" on 41798-42507. The wordings of the
2024-03-18 ... 2026-08-17 registries, all read here:

  on port 6003, on Port 6659, port 11488, PORT 90, Port 4045, on 100,
  on ports 33436-33534, Ports 4490 and 4491, ports 28017, 28018 and 28019,
  Ports 44515 & 44516, Unofficial use of port 6588

A number counts only after "port", "ports" or "on", so "[RFC4146]" and
"krb524" name nothing."""

from __future__ import annotations

import re
from typing import List, Optional, Sequence, Tuple

Span = Tuple[int, int]

_ITEM = r"\d+(?:\s*-\s*\d+)?"
_NAMED = re.compile(r"\b(?:ports?|on)\s*:?\s*(%s(?:\s*(?:,|\band\b|&)\s*%s)*)" % (_ITEM, _ITEM),
                    re.IGNORECASE)
_SPLIT = re.compile(r"\s*(?:,|\band\b|&)\s*", re.IGNORECASE)


def _span(item: str) -> Optional[Span]:
    low, _, high = (part.strip() for part in item.partition("-"))
    span = (int(low), int(high or low))
    if span[1] > 65535 or span[1] < span[0]:
        return None
    return span


def named_ports(text: Optional[str]) -> List[Span]:
    """The ports and ranges the note names, in order, each once."""
    spans: List[Span] = []
    for m in _NAMED.finditer(text or ""):
        for item in _SPLIT.split(m.group(1)):
            span = _span(item)
            if span is not None and span not in spans:
                spans.append(span)
    return spans


def port_text(span: Span) -> str:
    return str(span[0]) if span[0] == span[1] else "%d-%d" % span


def flagged_within(spans: Sequence[Span], low: int, high: int) -> List[Span]:
    """The named ports inside the record's range low-high, merged and sorted.
    Empty means the whole record is flagged: the note names no port of the
    record, or names all of them (a port record naming its own port)."""
    inside = sorted((max(a, low), min(b, high)) for a, b in spans if a <= high and b >= low)
    merged: List[Span] = []
    for a, b in inside:
        if merged and a <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return [] if merged == [(low, high)] else merged
