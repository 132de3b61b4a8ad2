# test_captures.py - the committed captures are what the script writes, and
# the manifest describes every frame of them.
# SPDX-License-Identifier: GPL-2.0-or-later

import importlib.machinery
import importlib.util
import os
import subprocess
import sys
import tempfile
import unittest

import manifest
from tshark import CAPTURES

SCRIPT = os.path.join(CAPTURES, "make-test-captures")


def capture_script():
    loader = importlib.machinery.SourceFileLoader("make_test_captures", SCRIPT)
    spec = importlib.util.spec_from_loader(loader.name, loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


class Captures(unittest.TestCase):
    def test_committed_captures_are_fresh(self):
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run([sys.executable, SCRIPT, tmp], check=True, stdout=subprocess.DEVNULL)
            for name in sorted(os.listdir(tmp)):
                with self.subTest(name), open(os.path.join(tmp, name), "rb") as new, \
                        open(os.path.join(CAPTURES, name), "rb") as committed:
                    self.assertEqual(new.read(), committed.read(),
                                     "%s is stale: run test-captures/make-test-captures" % name)

    def test_manifest_describes_every_frame(self):
        spec = manifest.load()["captures"]
        written = capture_script().CAPTURES
        self.assertEqual(sorted(spec), sorted(written))
        for name, frames in written.items():
            self.assertEqual([f["what"] for f in spec[name]["frames"]], [what for what, _ in frames], name)
            self.assertEqual([f["frame"] for f in spec[name]["frames"]], list(range(1, len(frames) + 1)))


if __name__ == "__main__":
    unittest.main()
