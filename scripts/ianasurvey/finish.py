# finish.py - from the results landed to services.csv, report.html and captures.csv.
# SPDX-License-Identifier: GPL-2.0-or-later
"""Gathers every capture's result (a capture with none is failed, with what
parallel's job log says of it), refuses mixed registries unless allowed,
merges, and writes the three files, each atomically."""

from __future__ import annotations

import time

from . import merge, registries, report
from .outdir import OUTPUTS, atomic_write
from .record import Result

CAPTURE_COLUMNS = ["path", "status", "reason", "packets", "seconds", "host", "registry", "records"]


def gather(out, captures, unreadable, job_reasons: dict):
    """[(path, Result)] sorted by path: every capture and unreadable entry."""
    gathered = []
    for capture in captures:
        result = out.result(capture.key)
        if result is None:
            result = Result(capture.key, ok=False,
                            reason=job_reasons.get(capture.key, "no result: the capture was not surveyed"))
        gathered.append((capture.path, result))
    gathered += [(u.path, Result("", ok=False, reason=u.reason)) for u in unreadable]
    return sorted(gathered, key=lambda pr: pr[0])


def captures_csv(gathered) -> bytes:
    rows = []
    for path, r in gathered:
        rows.append({
            "path": path,
            "status": "ok" if r.ok else "failed",
            "reason": r.reason,
            "packets": "" if r.frames is None else r.frames,
            "seconds": "" if r.seconds is None else "%.3f" % r.seconds,
            "host": r.host,
            "registry": r.registry.date if r.registry else "",
            "records": r.registry.records if r.registry else "",
        })
    return merge.to_csv(CAPTURE_COLUMNS, rows)


class Finished:
    """What the survey wrote: counts for the summary, and whether it refused."""

    def __init__(self, gathered, rows, used, refused, merge_seconds):
        self.unreadable = sum(1 for _, r in gathered if not r.key)
        self.captures = len(gathered) - self.unreadable
        self.failed = sum(1 for _, r in gathered if not r.ok) - self.unreadable
        self.packets = sum(r.frames or 0 for _, r in gathered if r.ok)
        self.endpoints = len(rows)
        self.registries = used
        self.refused = refused
        self.merge_seconds = merge_seconds


def write(out, gathered, allow_mixed: bool) -> Finished:
    """Write the outputs. With mixed registries refused, only captures.csv
    (which names each capture's registry and host) is written, and an
    earlier services.csv and report.html are removed, so that no file
    describes another survey than captures.csv does."""
    started = time.monotonic()
    ok = [r for _, r in gathered if r.ok]
    used = registries.used(ok)
    if len(used) > 1 and not allow_mixed:
        out.remove_outputs(OUTPUTS[:2])
        atomic_write(out.output("captures.csv"), captures_csv(gathered))
        return Finished(gathered, [], used, True, time.monotonic() - started)
    rows = merge.merge(ok)
    atomic_write(out.output("services.csv"), merge.to_csv(merge.MERGED_COLUMNS, rows))
    atomic_write(out.output("report.html"), report.render(rows, gathered, used))
    atomic_write(out.output("captures.csv"), captures_csv(gathered))
    return Finished(gathered, rows, used, False, time.monotonic() - started)
