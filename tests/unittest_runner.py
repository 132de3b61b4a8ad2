# unittest_runner.py - run unittest modules so that meson counts skips.
# SPDX-License-Identifier: GPL-2.0-or-later
"""python3 tests/unittest_runner.py test_name... (from the tests' folder)

unittest exits 0 when tests were skipped, so meson would count a skip as a
pass. This runner exits 0 when everything ran and passed, 77 (meson's SKIP)
when something was skipped and nothing failed, and 1 on a failure. A skip
whose reason carries NEEDS_SHARED is a failure when the registry snapshots
of ../shared (IANA_SHARED_DIR) are there: CI has them, so it must run them."""

import os
import sys
import unittest

NEEDS_SHARED = "(needs ../shared)"
SKIP = 77

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def shared_present() -> bool:
    shared = os.environ.get("IANA_SHARED_DIR") or os.path.join(os.path.dirname(ROOT), "shared")
    return os.path.isdir(os.path.join(shared, "registry"))


def verdict(result: unittest.TestResult, have_shared: bool) -> int:
    if not result.wasSuccessful():
        return 1
    forbidden = [reason for _, reason in result.skipped if NEEDS_SHARED in reason]
    if forbidden and have_shared:
        print("FAIL: ../shared is present, yet tests needing it were skipped: %s" % forbidden[0],
              file=sys.stderr)
        return 1
    if result.skipped:
        print("SKIP: %d skipped, %d ran" % (len(result.skipped), result.testsRun - len(result.skipped)),
              file=sys.stderr)
        return SKIP
    return 0


def main(names) -> int:
    if not names:
        print("usage: unittest_runner.py TEST_MODULE...", file=sys.stderr)
        return 2
    sys.path.insert(0, os.getcwd())
    suite = unittest.defaultTestLoader.loadTestsFromNames(names)
    result = unittest.TextTestRunner(verbosity=2).run(suite)
    return verdict(result, shared_present())


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
