# test_arguments.py - a bad argument: one line naming it and why, exit 2, nothing written.
# SPDX-License-Identifier: GPL-2.0-or-later
"""Each mistake is refused before any work: a path that does not exist, a
folder without captures, a hosts file that is missing, empty or malformed,
a bad --jobs, --transfer without --hosts, an --out that is a file. The
output folder is not even made."""

import os
import shutil
import subprocess
import tempfile
import unittest

from support import CAPTURES, SURVEY, SYSTEM_PATH


class Arguments(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="iana-survey-args-")
        self.out = os.path.join(self.dir, "out")
        self.capture = os.path.join(CAPTURES, "demo.pcapng")
        self.empty_folder = os.path.join(self.dir, "empty")
        os.makedirs(os.path.join(self.empty_folder, "sub"))
        with open(os.path.join(self.empty_folder, "sub", "notes.txt"), "w") as handle:
            handle.write("not a capture name\n")

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def hosts(self, text):
        path = os.path.join(self.dir, "hosts")
        with open(path, "w") as handle:
            handle.write(text)
        return path

    def refused(self, *args, naming):
        run = subprocess.run([SURVEY] + list(args), cwd=self.dir, env={"PATH": SYSTEM_PATH, "HOME": self.dir},
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=60)
        self.assertEqual(run.returncode, 2, run.stderr)
        lines = run.stderr.splitlines()
        self.assertEqual(len(lines), 1, run.stderr)
        self.assertTrue(lines[0].startswith("iana-survey: "), lines[0])
        self.assertIn(naming, lines[0])
        self.assertEqual(run.stdout, "")
        self.assertFalse(os.path.isdir(self.out), "the output folder was made")
        return lines[0]

    def test_a_path_that_does_not_exist(self):
        missing = os.path.join(self.dir, "no-such.pcapng")
        line = self.refused("--out", self.out, self.capture, missing, naming=missing)
        self.assertIn("no such file or folder", line)

    def test_a_folder_without_captures(self):
        line = self.refused("--out", self.out, self.empty_folder, naming=self.empty_folder)
        self.assertIn("no captures found", line)

    def test_a_bad_hosts_file(self):
        missing = os.path.join(self.dir, "no-hosts")
        self.assertIn("No such file", self.refused("--hosts", missing, "--out", self.out, self.capture,
                                                   naming=missing))
        empty = self.hosts("# nothing but a comment\n\n")
        self.assertIn("no hosts", self.refused("--hosts", empty, "--out", self.out, self.capture, naming=empty))
        for text, place in (("2/worker-1\nfour/worker-2\n", "line 2"), ('ssh "-p 22 worker-1\n', "line 1"),
                            ("2/ssh -p 22 -bad-host\n", "line 1")):
            with self.subTest(text):
                path = self.hosts(text)
                self.assertIn(place, self.refused("--hosts", path, "--out", self.out, self.capture, naming=path))

    def test_bad_options(self):
        self.refused("--jobs", "0", "--out", self.out, self.capture, naming="--jobs")
        self.refused("--jobs", "many", "--out", self.out, self.capture, naming="--jobs")
        self.refused("--transfer", "--out", self.out, self.capture, naming="--transfer needs --hosts")
        self.refused("--out", self.out, naming="CAPTURE|FOLDER")

    def test_an_out_that_is_a_file(self):
        with open(self.out + ".txt", "w") as handle:
            handle.write("x\n")
        self.out = self.out + ".txt"
        self.assertIn("not a folder", self.refused("--out", self.out, self.capture, naming=self.out))
        with open(self.out) as handle:
            self.assertEqual(handle.read(), "x\n")


if __name__ == "__main__":
    unittest.main()
