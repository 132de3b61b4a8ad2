# test_host_failures.py - a host that cannot survey costs no capture.
# SPDX-License-Identifier: GPL-2.0-or-later
"""tshark without the plugin is the host's failure, not the captures': no
result lands, each capture is listed with "no result" and why, the exit
status is 1, and the next run, the plugin back, surveys them all."""

import os
import unittest

from support import CAPTURE_NAMES, Workspace, read_csv

SOME = CAPTURE_NAMES[:3]


class HostFailures(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ws = Workspace()
        cls.folder = cls.ws.folder("some", SOME)

    @classmethod
    def tearDownClass(cls):
        cls.ws.__exit__()

    def test_a_host_without_the_plugin(self):
        out = self.ws.new_out()
        plugin = os.path.join(self.ws.dir, "plugins", self.ws.series, "epan", "iana.so")
        os.rename(plugin, os.path.join(self.ws.dir, "iana.so.away"))
        try:
            status, _, err = self.ws.survey("--jobs", "2", "--out", out, self.folder)
        finally:
            self.ws.put_plugin(os.path.join(self.ws.dir, "iana.so.away"))
        self.assertEqual(status, 1, err)
        self.assertEqual(os.listdir(os.path.join(out, "results")), [])
        for row in read_csv(os.path.join(out, "captures.csv")):
            self.assertEqual(row["status"], "failed")
            self.assertEqual(row["reason"], "no result: tshark on the host has no IANA plugin (this machine)")
        status, _, err = self.ws.survey("--jobs", "2", "--out", out, self.folder)
        self.assertEqual(status, 0, err)
        self.assertEqual([r["status"] for r in read_csv(os.path.join(out, "captures.csv"))], ["ok"] * len(SOME))


if __name__ == "__main__":
    unittest.main()
