# test_runner.py - tests/unittest_runner.py tells meson the truth: 0 passed,
# 77 skipped, 1 failed, and a ../shared skip fails when ../shared is there.
# SPDX-License-Identifier: GPL-2.0-or-later

import os
import subprocess
import sys
import tempfile
import unittest

from support import ROOT

RUNNER = os.path.join(ROOT, "tests", "unittest_runner.py")

MODULES = {
    "test_pass": "def test_a(self): pass",
    "test_skip": "def test_a(self): pass\n    def test_b(self): self.skipTest('no clang')",
    "test_fail_and_skip": "def test_a(self): self.fail('x')\n    def test_b(self): self.skipTest('no')",
    "test_shared_skip": "def test_a(self): self.skipTest('snapshot absent (needs ../shared)')",
}


class Runner(unittest.TestCase):
    def run_module(self, name, shared):
        with tempfile.TemporaryDirectory() as tmp:
            with open(os.path.join(tmp, name + ".py"), "w") as handle:
                handle.write("import unittest\nclass T(unittest.TestCase):\n    %s\n" % MODULES[name])
            os.mkdir(os.path.join(tmp, "shared"))
            if shared:
                os.mkdir(os.path.join(tmp, "shared", "registry"))
            env = dict(os.environ, IANA_SHARED_DIR=os.path.join(tmp, "shared"))
            return subprocess.run([sys.executable, RUNNER, name], cwd=tmp, env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def test_exit_status(self):
        for name, shared, want in (("test_pass", True, 0), ("test_skip", True, 77),
                                   ("test_skip", False, 77), ("test_fail_and_skip", False, 1),
                                   ("test_shared_skip", False, 77), ("test_shared_skip", True, 1)):
            with self.subTest(name=name, shared=shared):
                run = self.run_module(name, shared)
                self.assertEqual(run.returncode, want, run.stderr)
        self.assertIn("tests needing it were skipped", self.run_module("test_shared_skip", True).stderr)


if __name__ == "__main__":
    unittest.main()
