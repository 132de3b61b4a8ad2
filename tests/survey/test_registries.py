# test_registries.py - one registry per inventory, unless told otherwise.
# SPDX-License-Identifier: GPL-2.0-or-later
"""demo.pcapng is surveyed with the excerpt build; then, into the same
--out, demo.pcapng and well-known.pcapng with the whole registry's build
(as when a host is upgraded between two runs): the first capture keeps its
excerpt result, the second gets the whole registry's. The survey names both
registries with their host and exits 3, writing captures.csv only; with
--allow-mixed-registries it merges, each row as the newer registry says
it. Needs the whole registry's build beside the excerpt's."""

import os
import re
import unittest

from support import Workspace, plugin_path, read_bytes, read_csv

# In both captures; the excerpt does not know port 443, the whole registry does.
BOTH = ("198.51.100.20", "tcp", "443")


class MixedRegistries(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        whole, excerpt = plugin_path(), plugin_path("IANA_EXCERPT_PLUGIN")
        if read_bytes(whole) == read_bytes(excerpt):
            raise unittest.SkipTest("IANA_PLUGIN is the excerpt build: no second registry (needs ../shared)")
        cls.ws = ws = Workspace(excerpt)
        cls.first = ws.folder("first", ["demo.pcapng"])
        cls.second = ws.folder("second", ["well-known.pcapng"])
        cls.out = ws.new_out()
        cls.excerpt_run = ws.survey("--out", cls.out, cls.first)
        cls.excerpt_rows = {(r["address"], r["transport"], r["port"]): r for r in ws.tshark_csv("demo.pcapng")}
        ws.put_plugin(whole)
        cls.mixed_run = ws.survey("--out", cls.out, cls.first, cls.second)

    @classmethod
    def tearDownClass(cls):
        cls.ws.__exit__()

    def test_mixed_registries_are_refused_naming_each(self):
        self.assertEqual(self.excerpt_run[0], 0, self.excerpt_run[2])
        status, _, err = self.mixed_run
        self.assertEqual(status, 3, err)
        lines = err.splitlines()
        self.assertEqual(len(lines), 1, err)
        host = re.escape(os.uname().nodename)
        self.assertRegex(lines[0], r"2 registries: excerpt 2025-09-29 \(101 records\) on %s \(1 capture\); "
                                   r"20\d\d-\d\d-\d\d \(\d+ records\) on %s \(1 capture\)" % (host, host))
        self.assertIn("--allow-mixed-registries", lines[0])
        # captures.csv says which capture each registry annotated; no inventory.
        rows = {os.path.basename(r["path"]): r for r in read_csv(os.path.join(self.out, "captures.csv"))}
        self.assertEqual(rows["demo.pcapng"]["records"], "101")
        self.assertGreater(int(rows["well-known.pcapng"]["records"]), 101)
        for name in ("services.csv", "report.html"):
            self.assertFalse(os.path.exists(os.path.join(self.out, name)), name)

    def test_allowed_they_merge_as_the_newer_registry_says(self):
        # A copy of the refused survey, with its two results.
        out = self.ws.copy_out(self.out)
        status, _, err = self.ws.survey("--allow-mixed-registries", "--out", out, self.first, self.second)
        self.assertEqual(status, 0, err)
        self.assertIn("warning: the captures were annotated by 2 registries", err)
        rows = {(r["address"], r["transport"], r["port"]): r for r in read_csv(os.path.join(out, "services.csv"))}
        merged = rows[BOTH]
        self.assertEqual(merged["captures"], "2")
        self.assertEqual((merged["service"], merged["status"]), ("https", "assigned"))
        # The excerpt alone has it otherwise: the merge did choose.
        self.assertEqual(self.excerpt_rows[BOTH]["status"], "unregistered")


if __name__ == "__main__":
    unittest.main()
