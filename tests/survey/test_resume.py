# test_resume.py - an interrupted survey, run again, ends as an uninterrupted one.
# SPDX-License-Identifier: GPL-2.0-or-later
"""The survey is interrupted as Ctrl-C does it (SIGINT to its process
group) once a few captures have landed. It exits 130 and writes no output
file; every result it left is whole. Run again with the same --out, it
surveys only the captures left, and its services.csv and report.html are
byte-identical to an uninterrupted run's, its captures.csv too but for the
seconds each capture took."""

import os
import signal
import subprocess
import time
import unittest

from support import CAPTURE_NAMES, Workspace, read_bytes, read_csv
from ianasurvey import record

OUTPUTS = ("services.csv", "captures.csv", "report.html")


def without_seconds(path):
    return [{k: v for k, v in row.items() if k != "seconds"} for row in read_csv(path)]


class Resume(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ws = Workspace()
        # Each capture twice, in two folders: 28 jobs, time to interrupt.
        cls.folder = cls.ws.folder("many")
        for half in ("first", "second"):
            cls.ws.folder(os.path.join("many", half), CAPTURE_NAMES)
        cls.total = 2 * len(CAPTURE_NAMES)
        cls.whole = cls.ws.new_out()
        cls.whole_run = cls.ws.survey("--jobs", "2", "--out", cls.whole, cls.folder)

    @classmethod
    def tearDownClass(cls):
        cls.ws.__exit__()

    def results(self, out):
        folder = os.path.join(out, "results")
        return sorted(os.listdir(folder)) if os.path.isdir(folder) else []

    def interrupt_after(self, out, landed):
        proc = self.ws.start("--jobs", "1", "--out", out, self.folder, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, start_new_session=True)
        deadline = time.monotonic() + 120
        while len(self.results(out)) < landed and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        os.killpg(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=120)
        return proc.returncode, err

    def test_an_interrupted_run_finishes_as_an_uninterrupted_one(self):
        self.assertEqual(self.whole_run[0], 0, self.whole_run[2])
        out = self.ws.new_out()
        status, err = self.interrupt_after(out, 3)
        self.assertEqual(status, 130, err)
        self.assertIn("run the same command again", err)
        for name in OUTPUTS:
            self.assertFalse(os.path.exists(os.path.join(out, name)), name)
        landed = self.results(out)
        self.assertGreaterEqual(len(landed), 3)
        self.assertLess(len(landed), self.total, "the survey finished before the interrupt")
        for key in landed:
            self.assertTrue(record.complete(read_bytes(os.path.join(out, "results", key)), key), key)

        status, _, err = self.ws.survey("--jobs", "2", "--out", out, self.folder)
        self.assertEqual(status, 0, err)
        # Only what was left ran.
        with open(os.path.join(out, "run", "joblog")) as handle:
            self.assertEqual(len(handle.read().splitlines()) - 1, self.total - len(landed))
        for name in ("services.csv", "report.html"):
            self.assertEqual(read_bytes(os.path.join(out, name)), read_bytes(os.path.join(self.whole, name)), name)
        self.assertEqual(without_seconds(os.path.join(out, "captures.csv")),
                         without_seconds(os.path.join(self.whole, "captures.csv")))
        self.assertEqual(len(self.results(out)), self.total)

    def test_a_finished_survey_run_again_runs_nothing_and_writes_the_same(self):
        self.assertEqual(self.whole_run[0], 0, self.whole_run[2])
        before = {name: read_bytes(os.path.join(self.whole, name)) for name in OUTPUTS}
        joblog = os.stat(os.path.join(self.whole, "run", "joblog")).st_mtime_ns
        status, _, err = self.ws.survey("--jobs", "2", "--out", self.whole, self.folder)
        self.assertEqual(status, 0, err)
        self.assertEqual(os.stat(os.path.join(self.whole, "run", "joblog")).st_mtime_ns, joblog)
        self.assertEqual({name: read_bytes(os.path.join(self.whole, name)) for name in OUTPUTS}, before)


if __name__ == "__main__":
    unittest.main()
