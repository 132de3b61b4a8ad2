# test_progress.py - a progress bar on a terminal, none elsewhere.
# SPDX-License-Identifier: GPL-2.0-or-later
"""With stderr on a terminal (a pseudo-terminal here) the survey draws a bar
that ends at every capture done, with the packets and the time left; with
stderr on a pipe it writes no bar at all."""

import os
import pty
import re
import select
import subprocess
import unittest

from support import Workspace

CAPTURES = ("demo.pcapng", "loopback.pcapng", "well-known.pcapng")


class ProgressBar(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ws = Workspace()
        cls.folder = cls.ws.folder("three", CAPTURES)

    @classmethod
    def tearDownClass(cls):
        cls.ws.__exit__()

    def test_a_terminal_gets_a_bar(self):
        master, slave = pty.openpty()
        proc = self.ws.start("--jobs", "2", "--out", self.ws.new_out(), self.folder,
                             stdout=subprocess.PIPE, stderr=slave)
        os.close(slave)
        shown = b""
        while True:
            ready, _, _ = select.select([master], [], [], 60)
            if not ready:
                break
            try:
                data = os.read(master, 4096)
            except OSError:   # the terminal closed with the last writer
                break
            if not data:
                break
            shown += data
        os.close(master)
        proc.communicate(timeout=60)
        self.assertEqual(proc.returncode, 0)
        text = shown.decode("utf-8", "replace")
        self.assertIn("\r[", text)
        last = text.rstrip("\r\n").split("\r")[-1]
        # loopback (122), demo (10) and well-known (9) frames.
        self.assertRegex(last, r"^\[#+\] 3/3 captures, 141 packets, \d+:\d\d left$")
        self.assertTrue(re.search(r"\] [12]/3 captures", text), text)

    def test_a_pipe_gets_none(self):
        status, out, err = self.ws.survey("--jobs", "2", "--out", self.ws.new_out(), self.folder)
        self.assertEqual(status, 0, err)
        self.assertEqual(err, "")
        self.assertNotIn("\r", out)
        self.assertEqual(len(out.splitlines()), 1)


if __name__ == "__main__":
    unittest.main()
