# test_scripts_test.py - scripts/test counts a step that fails and still sums up.
# SPDX-License-Identifier: GPL-2.0-or-later
"""What CI reads is scripts/test's last line, "N passed, N failed". A step
that is not a test (making a chroot, asking it for its Wireshark, building)
can fail on a machine that never ran the project; then scripts/test must
name the step and its reason, count it as a failure, go on with the rest
and still end with that line, exiting non-zero. Each case here runs the
real scripts/test with one cheap suite of this machine's (generated) and
one step made to fail."""

import os
import re
import shutil
import subprocess
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
# Inside the project, where a chroot would see it (scripts/test asks that).
BUILD = os.path.join(ROOT, "build-harness")


def scripts_test(builddir, **env):
    run = subprocess.run([os.path.join(ROOT, "scripts", "test"), builddir, "--", "--suite", "generated"],
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=1800,
                         env={**os.environ, "IANA_CHROOTS": "", "IANA_CHROOT_SUITES": "", **env})
    return run.returncode, run.stdout


class ScriptsTest(unittest.TestCase):
    def assertCounted(self, status, out, label, step):
        lines = out.rstrip("\n").splitlines()
        self.assertNotEqual(status, 0, out[-3000:])
        self.assertRegex(lines[-1], r"^\d+ passed, [1-9]\d* failed", out[-3000:])
        failed = [line for line in lines if line.startswith("== FAILED: %s: %s: " % (label, step))]
        self.assertEqual(len(failed), 1, out[-3000:])
        reason = failed[0].split(": ", 3)[3]
        self.assertTrue(reason.strip(), failed[0])
        return lines, reason

    def test_a_chroot_that_cannot_be_made_is_counted(self):
        status, out = scripts_test(BUILD, IANA_CHROOT_SUITES="bookworm", IANA_CHROOT_ROOT="/dev/null/chroots")
        lines, reason = self.assertCounted(status, out, "chroot bookworm",
                                           "make the chroot (tools/wireshark-chroot bookworm)")
        self.assertRegex(reason, r"/dev/null|needs root")
        self.assertIn("chroot bookworm: 0 passed, 1 failed", lines)
        # This machine's suite ran all the same: its one test passed.
        self.assertRegex(out, r"(?m)^wireshark \d+\.\d+\.\d+: 1 passed, 0 failed$")
        self.assertEqual(lines[-1], "1 passed, 1 failed")

    def test_a_chroot_without_wireshark_is_counted(self):
        empty = tempfile.mkdtemp(prefix="not-a-chroot-", dir=ROOT)
        try:
            status, out = scripts_test(BUILD, IANA_CHROOTS=empty)
        finally:
            shutil.rmtree(empty)
        name = os.path.basename(empty)
        lines, _ = self.assertCounted(status, out, "chroot " + name, "pkg-config --modversion wireshark")
        self.assertIn("chroot %s: 0 passed, 1 failed" % name, lines)
        self.assertEqual(lines[-1], "1 passed, 1 failed")

    def test_a_build_that_fails_is_counted(self):
        broken = BUILD + "-broken"
        shutil.rmtree(broken, ignore_errors=True)
        os.makedirs(broken)
        with open(os.path.join(broken, "build.ninja"), "w") as ninja:
            ninja.write("this is not a ninja file\n")
        try:
            status, out = scripts_test(broken)
        finally:
            shutil.rmtree(broken)
        lines, reason = self.assertCounted(status, out, "this machine", "build (ninja)")
        self.assertRegex(reason, r"ninja")
        self.assertTrue(re.match(r"^wireshark \d+\.\d+\.\d+: 0 passed, 1 failed$", lines[-2]), lines[-2])
        self.assertEqual(lines[-1], "0 passed, 1 failed")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(BUILD, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
