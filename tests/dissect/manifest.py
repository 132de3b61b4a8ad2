# manifest.py - read test-captures/manifest.json.
# SPDX-License-Identifier: GPL-2.0-or-later

import json
import os

from tshark import CAPTURES


def load():
    with open(os.path.join(CAPTURES, "manifest.json"), encoding="utf-8") as handle:
        return json.load(handle)


def tables():
    """excerpt or full: which registry the plugin under test was built from."""
    return os.environ.get("IANA_TABLES", "excerpt")


def expected(entry):
    """A frame's expectations, or a filter's frames, for the tables under test."""
    for key in ("expect", "frames"):
        if key in entry:
            return entry[key]
    return entry[tables()]
