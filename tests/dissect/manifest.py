# manifest.py - read test-captures/manifest.json.
# SPDX-License-Identifier: GPL-2.0-or-later

import functools
import json
import os

from tshark import CAPTURES


@functools.lru_cache(maxsize=None)
def load():
    """The manifest, read once per test program (callers must not change it)."""
    with open(os.path.join(CAPTURES, "manifest.json"), encoding="utf-8") as handle:
        return json.load(handle)


def tables():
    """excerpt or full: which registry the plugin under test was built from."""
    return os.environ.get("IANA_TABLES", "excerpt")


def series():
    """The Wireshark series under test, as a comparable tuple: (4, 6)."""
    return tuple(int(n) for n in os.environ.get("IANA_WS_SERIES", "4.0").split("."))


def _since(by_version):
    """The entries of {"4.4": x, "4.6": y, "why": ...} that apply to the series
    under test, oldest first."""
    versions = sorted((tuple(int(n) for n in v.split(".")), v) for v in by_version if v[0].isdigit())
    return [by_version[v] for t, v in versions if t <= series()]


def wireshark_says(name):
    """What Wireshark does for the series under test, from the entry name of
    the manifest's "wireshark" section."""
    return _since(load()["wireshark"][name])[-1]


def expected(entry):
    """A frame's expectations, or a filter's frames, for the tables and the
    Wireshark series under test."""
    for key in ("expect", "frames"):
        if key in entry:
            want = entry[key]
            break
    else:
        want = entry[tables()]
    if not isinstance(want, dict):
        return want
    want = dict(want)
    # Version differences, for both tables or (under "excerpt" or "full") for one.
    by_version = entry.get("wireshark", {})
    by_version = by_version.get(tables(), by_version)
    for changes in _since(by_version):
        want.update(changes)
    booleans = load()["wireshark"]["booleans"]
    for text in _since(booleans):
        for field in booleans["fields"]:
            if field in want:
                want[field] = ",".join(text if v == "1" else v for v in want[field].split(","))
    return want
