# merge.py - many captures' inventories as one.
# SPDX-License-Identifier: GPL-2.0-or-later
"""One row per endpoint (address, transport, port): packets, bytes and
conversations summed; first_seen the earliest, last_seen the latest; the
flags ORed; observed the union of the protocols seen, sorted; captures the
number of captures the endpoint is in. service, status and assignee come
from the newest registry among the captures holding the endpoint (date,
then record count, the whole registry before an excerpt); where those
captures' rows still differ, the least in byte order. So the merge does not
depend on the order the results arrive in, and equal inventories give equal
files."""

from __future__ import annotations

import ipaddress

from .record import COLUMNS

MERGED_COLUMNS = COLUMNS + ["captures"]
SUMMED = ("packets", "bytes", "conversations")
FLAGS = ("mismatch", "unauthorized_use", "deassigned")
REGISTERED = ("service", "status", "assignee")


def address_order(address: str):
    """IPv4 numerically, then IPv6, then anything else, then no address,
    as the plugin sorts its rows."""
    if not address:
        return (3, 0, "")
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return (2, 0, address)
    return (0 if ip.version == 4 else 1, int(ip), "")


def row_order(row: dict):
    return (address_order(row["address"]), row["transport"], int(row["port"]))


class _Endpoint:
    __slots__ = ("row", "registry", "observed", "captures")

    def __init__(self, row: dict, registry):
        self.row = {c: row[c] for c in COLUMNS}
        for c in SUMMED:
            self.row[c] = int(row[c])
        self.registry = registry
        self.observed = set(filter(None, row["observed"].split(";")))
        self.captures = 1

    def add(self, row: dict, registry) -> None:
        mine = self.row
        for c in SUMMED:
            mine[c] += int(row[c])
        for c in FLAGS:
            mine[c] = "1" if "1" in (mine[c], row[c]) else "0"
        if row["first_seen"] and (not mine["first_seen"] or row["first_seen"] < mine["first_seen"]):
            mine["first_seen"] = row["first_seen"]
        if row["last_seen"] > mine["last_seen"]:
            mine["last_seen"] = row["last_seen"]
        self.observed.update(filter(None, row["observed"].split(";")))
        theirs = tuple(row[c] for c in REGISTERED)
        if registry > self.registry or (registry == self.registry
                                         and theirs < tuple(mine[c] for c in REGISTERED)):
            self.registry = registry
            mine.update(zip(REGISTERED, theirs))
        self.captures += 1

    def merged(self) -> dict:
        out = dict(self.row)
        out["observed"] = ";".join(sorted(self.observed))
        out["captures"] = self.captures
        return out


def merge(results) -> list[dict]:
    """The merged rows of the ok results, sorted as services.csv holds them.
    (The ISO 8601 times share one format, so they compare as text.)"""
    endpoints = {}
    for result in results:
        for row in result.rows:
            key = (row["address"], row["transport"], row["port"])
            if key in endpoints:
                endpoints[key].add(row, result.registry)
            else:
                endpoints[key] = _Endpoint(row, result.registry)
    return sorted((e.merged() for e in endpoints.values()), key=row_order)


def field(value) -> str:
    text = str(value)
    if any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def to_csv(columns, rows) -> bytes:
    """RFC 4180 as the plugin writes it: LF line ends, a field quoted only
    when it holds a comma, a quote, a CR or an LF."""
    lines = [",".join(columns)]
    lines += [",".join(field(row[c]) for c in columns) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8", "surrogateescape")
