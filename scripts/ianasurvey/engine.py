# engine.py - run the jobs through GNU parallel and land each record as it arrives.
# SPDX-License-Identifier: GPL-2.0-or-later
"""parallel schedules the jobs (locally, or over SSH with --sshloginfile),
transfers captures, retries and keeps the job log. This module only hands
it the captures that have no result yet, reads the records it passes back
and lands each one atomically (outdir.py) the moment it is whole.

Which captures are left is decided by the results landed, not by
parallel's --resume: --resume matches the job log by job number, which
shifts when the captures change between runs, and a job parallel logged as
done may not have landed if the survey was stopped at that moment.

parallel runs in its own session, so that Ctrl-C reaches the survey alone;
the survey passes one SIGINT on, parallel stops its jobs (each in its own
process group, remote ones with their ssh), and the records already whole
still land."""

from __future__ import annotations

import os
import select
import signal
import subprocess
from dataclasses import dataclass

from . import job, record

BEGIN = job.MARK.encode() + b"begin "


@dataclass
class Outcome:
    interrupted: bool
    status: int           # parallel's exit status
    message: str          # parallel's last line on stderr, if any


class _Records:
    """Splits parallel's stdout into records; a record cut short (its job
    was stopped) is dropped when the next one begins."""

    def __init__(self, land):
        self.land = land
        self.pending = b""
        self.current = None

    def feed(self, data: bytes) -> None:
        self.pending += data
        *lines, self.pending = self.pending.split(b"\n")
        for line in lines:
            if line.startswith(BEGIN):
                self.current = [line]
            elif self.current is not None:
                self.current.append(line)
                if line.startswith(job.MARK.encode() + b"end "):
                    data = b"\n".join(self.current) + b"\n"
                    key = self.current[0][len(BEGIN):].decode("ascii", "replace")
                    self.current = None
                    if record.complete(data, key):
                        self.land(key, data)


def _raise_interrupt(signum, frame):
    raise KeyboardInterrupt


def run(entries: bytes, out, cmd_args: dict, land, progress) -> Outcome:
    """Run parallel over the queued jobs (entries: job.queue_entry()s);
    land(key, data) is called for each whole record."""
    queue = os.path.join(out.run, "queue")
    with open(queue, "wb") as handle:
        handle.write(entries)
    cmd = job.command(queue, os.path.join(out.run, "joblog"), **cmd_args)
    messages = os.path.join(out.run, "parallel.log")
    interrupted = False
    records = _Records(land)
    previous = {s: signal.signal(s, _raise_interrupt) for s in (signal.SIGTERM, signal.SIGHUP)}
    try:
        with open(messages, "wb") as log:
            proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=log,
                                    start_new_session=True)
            fd = proc.stdout.fileno()
            while True:
                try:
                    ready, _, _ = select.select([fd], [], [], 0.5)
                    if ready:
                        data = os.read(fd, 1 << 16)
                        if not data:
                            break
                        records.feed(data)
                    progress.draw()
                except KeyboardInterrupt:
                    if interrupted:          # a second one: leave parallel to stop its jobs
                        proc.terminate()
                        raise
                    interrupted = True
                    proc.send_signal(signal.SIGINT)
            status = proc.wait()
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
    return Outcome(interrupted, status, _last_line(messages))


def _last_line(path: str) -> str:
    try:
        with open(path, "rb") as handle:
            lines = [line.strip() for line in handle.read().decode("utf-8", "replace").splitlines()]
    except OSError:
        return ""
    lines = [line for line in lines if line]
    return lines[-1] if lines else ""


def job_failures(out, keys: list[str]) -> dict:
    """{key: reason} for the jobs of the last run that printed no record,
    from parallel's job log (its last attempt at each)."""
    reasons = {}
    try:
        with open(os.path.join(out.run, "joblog"), encoding="utf-8", errors="replace") as handle:
            lines = handle.read().splitlines()[1:]
    except OSError:
        return reasons
    for line in lines:
        fields = line.split("\t")
        if len(fields) < 8 or not fields[0].isdigit() or not 0 < int(fields[0]) <= len(keys):
            continue
        host = fields[1].split()[-1] if fields[1].split() else fields[1]
        exitval, sig = int(fields[6]), int(fields[7])
        if sig:
            what = "the job was killed by signal %d" % sig
        else:
            what = job.EXIT_REASONS.get(exitval, "the job exited %d" % exitval)
        reasons[keys[int(fields[0]) - 1]] = "no result: %s (%s)" % (what, host if host != ":" else "this machine")
    return reasons
