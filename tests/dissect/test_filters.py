# test_filters.py - display filters and preferences through the real tshark.
# SPDX-License-Identifier: GPL-2.0-or-later
"""Every filter of test-captures/manifest.json must match exactly its frames,
with the preferences the entry sets (-o iana.x:y)."""

import unittest

import manifest
from tshark import Tshark


class Filters(unittest.TestCase):
    def test_manifest_filters(self):
        spec = manifest.load()
        with Tshark() as tshark:
            for entry in spec["filters"]:
                with self.subTest(filter=entry["filter"], prefs=entry.get("prefs")):
                    args = ["-T", "fields", "-e", "frame.number", "-Y", entry["filter"]]
                    for pref in entry.get("prefs", []):
                        args += ["-o", pref]
                    out, _ = tshark.run(*args, capture=entry["capture"] + ".pcapng")
                    got = [int(n) for n in out.split()]
                    self.assertEqual(got, manifest.expected(entry))


if __name__ == "__main__":
    unittest.main()
