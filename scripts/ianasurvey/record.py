# record.py - one capture's result: the job's record, read back.
# SPDX-License-Identifier: GPL-2.0-or-later
"""A result file holds one complete record (job.py) as the job printed it.
Reading it gives the status, tshark's reason when it failed, the frames
read, the seconds taken, the host, the registry that annotated it and the
inventory's rows."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from .hosts import host_label
from .job import MARK

COLUMNS = ["address", "transport", "port", "service", "status", "assignee", "observed", "mismatch",
           "unauthorized_use", "deassigned", "packets", "bytes", "conversations", "first_seen", "last_seen"]
END = re.compile(r"^#iana-survey end (?P<key>\S+) status=(?P<status>\d+) start=(?P<start>\S*) "
                 r"end=(?P<end>\S*) node=(?P<node>\S*) login=(?P<login>.*)$")


@dataclass(frozen=True, order=True)
class Registry:
    """The registry that annotated a capture, as its CSV's comment names it;
    ordered oldest first (date, then size, an excerpt before the whole)."""
    date: str
    records: int
    whole: bool

    def __str__(self) -> str:
        return "%s%s (%d records)" % ("" if self.whole else "excerpt ", self.date, self.records)


@dataclass
class Result:
    key: str
    ok: bool
    reason: str = ""
    frames: int | None = None
    seconds: float | None = None
    host: str = ""
    registry: Registry | None = None
    rows: list = field(default_factory=list)


def complete(data: bytes, key: str) -> bool:
    """Whether data is one whole record of this key."""
    body = data.rstrip(b"\n")
    last = body[body.rfind(b"\n") + 1:]
    return (data.startswith((MARK + "begin " + key + "\n").encode())
            and last.startswith((MARK + "end " + key + " ").encode()))


def frames(data: bytes) -> int:
    """The frames a record counts, without reading its rows."""
    found = re.search(rb"^# frames=(\d+)", data, re.MULTILINE)
    return int(found.group(1)) if found else 0


def _seconds(start: str, end: str):
    try:
        return float(Decimal(end) - Decimal(start))
    except InvalidOperation:   # a host without /proc/uptime
        return None


def _reason(status: int, stderr: list[str]) -> str:
    said = "; ".join(line[len("tshark: "):] if line.startswith("tshark: ") else line
                     for line in (s.strip() for s in stderr) if line)
    if status > 128:
        return ("tshark was killed by signal %d" % (status - 128)) + (": " + said if said else "")
    return said or "tshark exited %d" % status


def parse(data: bytes, key: str) -> Result | None:
    """The result a record holds, or None when it is not one whole record."""
    if not complete(data, key):
        return None
    text = data.decode("utf-8", "replace")
    lines = text.rstrip("\n").split("\n")
    end = END.match(lines[-1])
    if end is None:
        return None
    status = int(end["status"])
    login = end["login"]
    result = Result(key, ok=False, seconds=_seconds(end["start"], end["end"]),
                    host=end["node"] if login in ("", ":") else host_label(login))
    comments, body, stderr = {}, [], []
    part = "comments"
    for line in lines[1:-1]:
        if line == MARK + "stderr":
            part = "stderr"
        elif part == "stderr":
            stderr.append(line)
        elif part == "body":
            body.append(line)
        elif line.startswith("# "):
            comments.update(re.findall(r"(\w+)=(\S+)", line))
        elif line == ",".join(COLUMNS):
            part = "body"
            body.append(line)
    if "frames" in comments:
        result.frames = int(comments["frames"])
    if "registry" in comments:
        result.registry = Registry(comments["registry"], int(comments.get("records", 0)),
                                   comments.get("excerpt") != "1")
    if status != 0:
        result.reason = _reason(status, stderr)
    elif result.registry is None or not body:
        result.reason = "tshark printed no inventory: " + (_reason(status, stderr) if stderr else "no output")
    else:
        result.ok = True
        result.rows = list(csv.DictReader(io.StringIO("\n".join(body) + "\n")))
    return result
