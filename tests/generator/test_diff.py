# test_diff.py - what update-registry prints about a new registry does not
# depend on Python's string hashing.
# SPDX-License-Identifier: GPL-2.0-or-later

import os
import subprocess
import sys
import tempfile
import unittest

from support import FULL_SNAPSHOT, ROOT, snapshot
from test_emit import row, write_csv

SCRIPT = """
import io, sys
sys.path.insert(0, %r)
from ianareg import diff
from ianareg.load import load
out = io.StringIO()
diff.write(diff.compare(load(sys.argv[1]), load(sys.argv[2])), out, shown=1000)
sys.stdout.write(out.getvalue())
""" % os.path.join(ROOT, "scripts")


def run_diff(old, new, seed):
    env = dict(os.environ, PYTHONHASHSEED=seed)
    return subprocess.run([sys.executable, "-c", SCRIPT, old, new], env=env, check=True,
                          stdout=subprocess.PIPE, text=True).stdout


class HashSeed(unittest.TestCase):
    def assert_stable(self, old, new):
        outputs = {run_diff(old, new, seed) for seed in ("1", "2", "3", "4")}
        self.assertEqual(len(outputs), 1, "the output depends on PYTHONHASHSEED")
        return outputs.pop()

    def test_many_names_on_one_port(self):
        with tempfile.TemporaryDirectory() as tmp:
            old, new = os.path.join(tmp, "old.csv"), os.path.join(tmp, "new.csv")
            names = ["name-%s" % c for c in "qwertyuiopasdfgh"]
            write_csv(old, [row(n, "7000", "tcp", "d", Assignee="[A]") for n in names[:10]])
            write_csv(new, [row(n, "7000", "tcp", "d", Assignee="[B]") for n in names[4:]])
            out = self.assert_stable(old, new)
            added = [line for line in out.splitlines() if line.strip().startswith("added")][0]
            self.assertIn("7000/tcp name-a; 7000/tcp name-d; 7000/tcp name-f", added)

    def test_two_snapshots(self):
        out = self.assert_stable(snapshot("2025-09-29"), snapshot(FULL_SNAPSHOT))
        self.assertRegex(out.splitlines()[0], r"^\d+ changes$")


if __name__ == "__main__":
    unittest.main()
