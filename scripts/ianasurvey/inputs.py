# inputs.py - the captures the arguments name.
# SPDX-License-Identifier: GPL-2.0-or-later
"""A file named on the command line is a capture whatever its name; a
folder is read recursively for .pcap, .pcapng and .cap files and their .gz
(tshark reads those directly). Symbolic links to files are followed, links
to folders are not (no loops). A folder or file found but not readable is
kept as such, to be listed with its reason rather than lost."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass

from .errors import SurveyError

EXTENSIONS = (".pcap", ".pcapng", ".cap")


def is_capture_name(name: str) -> bool:
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    return lower.endswith(EXTENSIONS)


@dataclass(frozen=True)
class Capture:
    path: str       # as found from the argument, for the people reading captures.csv
    abspath: str    # what the hosts read (the shared path) or receive
    size: int
    mtime_ns: int

    @property
    def key(self) -> str:
        """Names this capture's result: the same file, unchanged, keeps its
        key, so a second run skips it; a changed file is surveyed again."""
        text = "%s\0%d\0%d" % (self.abspath, self.size, self.mtime_ns)
        return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()[:32]


@dataclass(frozen=True)
class Unreadable:
    path: str
    reason: str


def _capture(path: str):
    try:
        st = os.stat(path)
    except OSError as e:
        return Unreadable(path, e.strerror or str(e))
    return Capture(path, os.path.abspath(path), st.st_size, st.st_mtime_ns)


def _walk(top: str, found: list) -> None:
    def unreadable(error: OSError) -> None:
        found.append(Unreadable(os.path.normpath(error.filename), "cannot read the folder: " + error.strerror))

    for folder, subfolders, files in os.walk(top, onerror=unreadable):
        subfolders.sort()
        for name in sorted(files):
            if is_capture_name(name):
                found.append(_capture(os.path.join(folder, name)))


def find(arguments: list[str]):
    """(captures, unreadable), each sorted by path, one entry per file; a
    SurveyError for an argument that names nothing usable, or when there
    is no capture at all."""
    found = []
    for argument in arguments:
        path = os.path.normpath(argument)
        try:
            st = os.stat(path)
        except FileNotFoundError:
            raise SurveyError("%s: no such file or folder" % argument)
        except OSError as e:
            raise SurveyError("%s: %s" % (argument, e.strerror))
        if os.path.isdir(path):
            _walk(path, found)
        elif os.path.isfile(path):
            found.append(Capture(path, os.path.abspath(path), st.st_size, st.st_mtime_ns))
        else:
            raise SurveyError("%s: not a file or folder" % argument)
    captures, unreadable, seen = [], [], set()
    for entry in sorted(found, key=lambda e: e.path):
        where = os.path.abspath(entry.path)
        if where in seen:
            continue
        seen.add(where)
        (captures if isinstance(entry, Capture) else unreadable).append(entry)
    if not captures and not unreadable:
        raise SurveyError("%s: no captures found (looked for %s, and their .gz)"
                          % (", ".join(arguments), ", ".join(EXTENSIONS)))
    return captures, unreadable
