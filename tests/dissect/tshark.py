# tshark.py - the real tshark with the freshly built plugin, isolated, for the tests.
# SPDX-License-Identifier: GPL-2.0-or-later
"""The private tshark set-up of tools/tshark_sandbox.py, with the plugin
the meson test passes (IANA_PLUGIN, the built iana.so; IANA_WS_SERIES) and
the checks of a test case."""

import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tools"))

import tshark_sandbox  # noqa: E402
from tshark_sandbox import CAPTURES, UNPRIVILEGED  # noqa: E402,F401

# The date of the snapshot the full-registry plugin is built from (meson
# reads the same file).
with open(os.path.join(ROOT, "registry", "full-snapshot")) as _handle:
    FULL_SNAPSHOT = _handle.read().strip()


def plugin_path():
    path = os.environ.get("IANA_PLUGIN", "")
    if not path:
        raise unittest.SkipTest("IANA_PLUGIN is not set; run through meson test")
    if not os.path.exists(path):
        raise unittest.SkipTest("plugin %s was not built: %s" % (
            path, os.environ.get("IANA_SKIP_REASON", "")))
    return os.path.abspath(path)


class Tshark(tshark_sandbox.Tshark):
    """The sandbox, by default with the plugin under test."""

    def __init__(self, plugin=None, profile_dirs=(), strict=True):
        super().__init__(plugin or plugin_path(), profile_dirs, strict)


def json_values(tree, key):
    """Every value of key anywhere in a -T json tree, in tree order."""
    found = []
    if isinstance(tree, dict):
        for k, v in tree.items():
            if k == key:
                found += v if isinstance(v, list) else [v]
            found += json_values(v, key)
    elif isinstance(tree, list):
        for v in tree:
            found += json_values(v, key)
    return found


class TsharkTestCase(unittest.TestCase):
    """Tests sharing one private set-up, as self.tshark; PROFILES lists
    (name, folder) of configuration profiles to install in it."""

    PROFILES = ()

    @classmethod
    def setUpClass(cls):
        cls.tshark = Tshark(profile_dirs=cls.PROFILES)

    @classmethod
    def tearDownClass(cls):
        cls.tshark.__exit__()
