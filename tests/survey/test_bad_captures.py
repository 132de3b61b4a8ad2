# test_bad_captures.py - every capture that cannot be read is listed, with its reason.
# SPDX-License-Identifier: GPL-2.0-or-later
"""A folder holding good captures and one of each kind of bad one: cut
short (plain and gzipped), empty (plain, and a .gz of nothing), not a
capture, not readable, and a sub-folder that cannot be listed. Each bad
one is a failed row of captures.csv with tshark's reason (the survey's own
where tshark gives none), the good ones go on, and the exit status is 1."""

import gzip
import os
import unittest

from support import CAPTURES, Workspace, read_bytes, read_csv

# name -> what the reason says
BAD = {
    "cut-short.pcapng": "appears to have been cut short in the middle of a packet",
    "cut-short.pcapng.gz": "appears to have been cut short in the middle of a packet",
    "empty.pcap": "is empty",
    "nothing.pcap.gz": "is empty",
    "notes.cap": "isn't a capture file in a format TShark understands",
    "secret.pcapng": "You don't have permission to read the file",
    "locked": "cannot read the folder: Permission denied",
}
GOOD = ("demo.pcapng", "loopback.pcapng.gz")


class BadCaptures(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ws = ws = Workspace()
        cls.folder = ws.folder("mixed", ["demo.pcapng"])
        cls.good_only = ws.folder("good", ["demo.pcapng"])
        with open(os.path.join(CAPTURES, "loopback.pcapng"), "rb") as handle:
            loopback = handle.read()
        files = {
            "loopback.pcapng.gz": gzip.compress(loopback, mtime=0),
            "cut-short.pcapng": loopback[:3000],
            "cut-short.pcapng.gz": gzip.compress(loopback[:3000], mtime=0),
            "empty.pcap": b"",
            "nothing.pcap.gz": gzip.compress(b"", mtime=0),
            "notes.cap": b"These are not packets, only notes about them.\n",
            "secret.pcapng": loopback,
        }
        for name, data in files.items():
            with open(os.path.join(cls.folder, name), "wb") as handle:
                handle.write(data)
        with open(os.path.join(cls.good_only, "loopback.pcapng.gz"), "wb") as handle:
            handle.write(files["loopback.pcapng.gz"])
        ws.restrict(os.path.join(cls.folder, "secret.pcapng"), 0o000)
        locked = ws.folder(os.path.join("mixed", "locked"), ["demo.pcapng"])
        ws.restrict(locked, 0o000)
        cls.out, cls.good_out = ws.new_out(), ws.new_out()
        cls.status, cls.stdout, cls.stderr = ws.survey("--jobs", "2", "--out", cls.out, cls.folder)
        cls.good_run = ws.survey("--jobs", "2", "--out", cls.good_out, cls.good_only)
        cls.rows = {os.path.relpath(r["path"], cls.folder): r
                    for r in read_csv(os.path.join(cls.out, "captures.csv"))}

    @classmethod
    def tearDownClass(cls):
        cls.ws.__exit__()

    def test_the_exit_status_is_1(self):
        self.assertEqual(self.status, 1, self.stderr)
        self.assertRegex(self.stdout, r"8 captures \(6 failed, 1 unreadable\)")

    def test_each_bad_capture_is_listed_with_its_reason(self):
        for name, reason in BAD.items():
            with self.subTest(name):
                row = self.rows[name]
                self.assertEqual(row["status"], "failed")
                self.assertIn(reason, row["reason"])

    def test_the_good_ones_go_on(self):
        for name in GOOD:
            with self.subTest(name):
                self.assertEqual((self.rows[name]["status"], self.rows[name]["reason"]), ("ok", ""))
                self.assertGreater(int(self.rows[name]["packets"]), 0)
                self.assertTrue(self.rows[name]["registry"] and self.rows[name]["records"])
        self.assertEqual(sorted(self.rows), sorted(list(BAD) + list(GOOD)))

    def test_only_the_good_captures_make_the_inventory(self):
        self.assertEqual(self.good_run[0], 0, self.good_run[2])
        self.assertEqual(read_bytes(os.path.join(self.out, "services.csv")),
                         read_bytes(os.path.join(self.good_out, "services.csv")))

    def test_the_report_names_them(self):
        with open(os.path.join(self.out, "report.html"), encoding="utf-8") as handle:
            page = handle.read()
        self.assertIn("Captures that could not be read (7)", page)
        self.assertIn("cut-short.pcapng.gz", page)

    def test_failed_captures_are_not_surveyed_again(self):
        # Their result is their reason: a second run has nothing to do.
        joblog = os.path.join(self.out, "run", "joblog")
        before = os.stat(joblog).st_mtime_ns
        status, _, _ = self.ws.survey("--jobs", "2", "--out", self.out, self.folder)
        self.assertEqual(status, 1)
        self.assertEqual(os.stat(joblog).st_mtime_ns, before)

    def test_retry_failed_surveys_them_again(self):
        # The permission fixed, --retry-failed reads the capture; the rest stay.
        out = self.ws.copy_out(self.out)
        secret = os.path.join(self.folder, "secret.pcapng")
        self.ws.restricted.pop(secret)
        try:
            status, _, err = self.ws.survey("--retry-failed", "--jobs", "2", "--out", out, self.folder)
        finally:
            self.ws.restrict(secret, 0o000)
        self.assertEqual(status, 1, err)
        rows = {os.path.relpath(r["path"], self.folder): r for r in read_csv(os.path.join(out, "captures.csv"))}
        self.assertEqual(rows["secret.pcapng"]["status"], "ok")
        self.assertEqual([name for name, row in rows.items() if row["status"] == "failed"],
                         sorted(set(BAD) - {"secret.pcapng"}))
        with open(os.path.join(out, "run", "joblog")) as handle:
            self.assertEqual(len(handle.read().splitlines()) - 1, 6)


if __name__ == "__main__":
    unittest.main()
