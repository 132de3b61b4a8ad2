# progress.py - the progress bar, on a terminal only.
# SPDX-License-Identifier: GPL-2.0-or-later
"""Captures done of the total, the packets of the results landed so far and
the time left, redrawn in place on stderr when stderr is a terminal, and
nothing at all otherwise. The time left is estimated from the bytes of the
captures done in this run against those still to do, since a capture's
time goes with its size more than with its count."""

from __future__ import annotations

import shutil
import sys
import time


def _clock(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    hours, rest = divmod(seconds, 3600)
    return "%d:%02d:%02d" % (hours, rest // 60, rest % 60) if hours else "%d:%02d" % (rest // 60, rest % 60)


class Progress:
    def __init__(self, total: int, done: int, packets: int, bytes_to_do: int, stream=None):
        self.stream = stream or sys.stderr
        self.shown = self.stream.isatty()
        self.total, self.done, self.packets = total, done, packets
        self.bytes_to_do, self.bytes_done = bytes_to_do, 0
        self.started = time.monotonic()
        self.drawn = 0.0

    def landed(self, frames: int | None, size: int) -> None:
        self.done += 1
        self.packets += frames or 0
        self.bytes_done += size
        self.draw(force=True)

    def line(self) -> str:
        left = "--:--"
        if self.bytes_done and self.bytes_to_do:
            elapsed = time.monotonic() - self.started
            left = _clock(elapsed * max(self.bytes_to_do - self.bytes_done, 0) / self.bytes_done)
        text = " %d/%d captures, %s packets, %s left" % (self.done, self.total, format(self.packets, ","), left)
        width = max(10, shutil.get_terminal_size((80, 24)).columns - len(text) - 3)
        filled = width * self.done // self.total if self.total else width
        return "[%s%s]%s" % ("#" * filled, "." * (width - filled), text)

    def draw(self, force: bool = False) -> None:
        """Redraw at most twice a second unless forced (a result landed)."""
        now = time.monotonic()
        if not self.shown or (not force and now - self.drawn < 0.5):
            return
        self.drawn = now
        self.stream.write("\r" + self.line())
        self.stream.flush()

    def finish(self) -> None:
        if self.shown:
            self.stream.write("\r" + self.line() + "\n")
            self.stream.flush()
