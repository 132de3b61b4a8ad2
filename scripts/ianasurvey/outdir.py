# outdir.py - the survey's folder: results landed so far, the last run's logs, atomic writes.
# SPDX-License-Identifier: GPL-2.0-or-later
"""DIR/services.csv, captures.csv and report.html are the survey's output.
DIR/results/KEY holds one capture's record each; it appears whole or not at
all (written to a temporary name, then renamed), so whatever is there after
an interruption is finished work. DIR/run/ holds the last run's job queue,
parallel's job log and parallel's messages."""

from __future__ import annotations

import os

from . import record

OUTPUTS = ("services.csv", "report.html", "captures.csv")


def atomic_write(path: str, data: bytes) -> None:
    """Write data to path so that a reader sees the old file or the new one."""
    temporary = "%s.tmp-%d" % (path, os.getpid())
    try:
        with open(temporary, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.remove(temporary)
        raise


class OutDir:
    def __init__(self, path: str):
        self.path = path
        self.results = os.path.join(path, "results")
        self.run = os.path.join(path, "run")

    def make(self) -> None:
        for folder in (self.path, self.results, self.run):
            os.makedirs(folder, exist_ok=True)

    def output(self, name: str) -> str:
        return os.path.join(self.path, name)

    def result_path(self, key: str) -> str:
        return os.path.join(self.results, key)

    def has_result(self, key: str) -> bool:
        return os.path.isfile(self.result_path(key))

    def land(self, key: str, data: bytes) -> None:
        atomic_write(self.result_path(key), data)

    def record(self, key: str):
        """The capture's record as landed (bytes), or None."""
        try:
            with open(self.result_path(key), "rb") as handle:
                return handle.read()
        except FileNotFoundError:
            return None

    def result(self, key: str):
        """The capture's result, or None when there is none (a damaged one
        is removed, so that the next run does that capture again)."""
        data = self.record(key)
        if data is None:
            return None
        found = record.parse(data, key)
        if found is None:
            os.remove(self.result_path(key))
        return found

    def remove_outputs(self, names) -> None:
        for name in names:
            if os.path.exists(self.output(name)):
                os.remove(self.output(name))
