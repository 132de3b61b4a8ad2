# test_no_compiler.py - a newer registry on a machine that cannot build the plugin.
# SPDX-License-Identifier: GPL-2.0-or-later
"""On a machine with tshark and python3 but no compiler and no Wireshark SDK,
with the plugin installed as a copy in a user's plugin folder: that user's
update-registry, against a web server playing IANA, makes the user's next
tshark use the newer registry; as root with --system it does so for every
user; an older registry is refused and a rollback puts the previous one
back. The steps build on each other, so they run in order."""

import hashlib
import os
import shutil
import sys
import tempfile
import unittest

from support import FULL_SNAPSHOT, Registries, User, install_updater, require_runtime

SYSTEM_IMAGE = "/var/lib/wireshark-iana/iana-registry.img"


def digest(path):
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


class NoCompiler(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        require_runtime()
        cls.plugin = os.environ["IANA_PLUGIN"]
        cls.registries = Registries()
        cls.tool = tempfile.mkdtemp(prefix="iana-tool-")
        cls.update = [sys.executable, install_updater(cls.tool)]
        cls.ana = User()
        cls.ana.install_plugin(cls.plugin)

    @classmethod
    def tearDownClass(cls):
        cls.registries.stop()
        cls.ana.remove()
        shutil.rmtree(cls.tool, ignore_errors=True)

    def test_1_the_plugin_starts_with_its_compiled_in_tables(self):
        self.assertEqual(self.ana.registry_in_use(),
                         "IANA Port Registry (excerpt 2025-09-29, 101 records, built in)")

    def test_2_an_update_makes_the_next_tshark_use_the_newer_registry(self):
        run = self.ana.run(*self.update, "--url", self.registries.url(FULL_SNAPSHOT))
        self.assertEqual(run.returncode, 0, run.stderr)
        image = self.ana.config("iana-registry.img")
        self.assertIn("downloaded: %s" % FULL_SNAPSHOT, run.stdout)
        self.assertIn("wrote %s (%s)" % (image, FULL_SNAPSHOT), run.stdout)
        self.assertEqual(run.stdout.splitlines()[-1],
                         "tshark uses the IANA registry %s, 14,533 records, %s" % (FULL_SNAPSHOT, image))
        self.assertEqual(self.ana.registry_in_use(),
                         "IANA Port Registry (%s, 14,533 records, %s)" % (FULL_SNAPSHOT, image))
        # Annotated with it: 2/tcp is in no excerpt, and Reserved since 2025.
        capture = self.ana.capture("well-known.pcapng")
        out = self.ana.run("tshark", "-r", capture, "-Y", "tcp.dstport == 2", "-T", "fields",
                           "-e", "iana.dst_service", "-e", "iana.status", check=True).stdout
        self.assertEqual(out, "\treserved\n")

    def test_3_an_older_registry_is_refused_and_changes_nothing(self):
        image = self.ana.config("iana-registry.img")
        before = digest(image)
        run = self.ana.run(*self.update, "--url", self.registries.url("2024-03-18"))
        self.assertEqual(run.returncode, 1)
        self.assertIn("the downloaded registry (2024-03-18) is older than the one in use (%s)" % FULL_SNAPSHOT,
                      run.stderr)
        self.assertEqual(digest(image), before)

    def test_4_a_rollback_puts_the_previous_image_back(self):
        image = self.ana.config("iana-registry.img")
        run = self.ana.run(*self.update, "--url", self.registries.url("2025-09-29"), "--force")
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertIn("IANA Port Registry (2025-09-29, ", self.ana.registry_in_use())
        run = self.ana.run(*self.update, "--rollback")
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertIn("rolled back %s to the registry of %s" % (image, FULL_SNAPSHOT), run.stdout)
        self.assertEqual(self.ana.registry_in_use(),
                         "IANA Port Registry (%s, 14,533 records, %s)" % (FULL_SNAPSHOT, image))

    def test_5_only_root_writes_the_system_image(self):
        run = self.ana.run(*self.update, "--url", self.registries.url(FULL_SNAPSHOT), "--system")
        self.assertEqual(run.returncode, 1)
        self.assertIn("nothing was changed", run.stderr)
        self.assertFalse(os.path.exists(SYSTEM_IMAGE))

    def test_6_the_system_image_serves_every_user(self):
        root = User(root=True)
        bob = User()
        try:
            run = root.run(*self.update, "--url", self.registries.url(FULL_SNAPSHOT), "--system")
            self.assertEqual(run.returncode, 0, run.stderr)
            self.assertIn("wrote %s (%s)" % (SYSTEM_IMAGE, FULL_SNAPSHOT), run.stdout)
            self.assertEqual(oct(os.stat(SYSTEM_IMAGE).st_mode & 0o777), "0o644")
            bob.install_plugin(self.plugin)
            self.assertEqual(bob.registry_in_use(),
                             "IANA Port Registry (%s, 14,533 records, %s)" % (FULL_SNAPSHOT, SYSTEM_IMAGE))
        finally:
            root.remove()
            bob.remove()


if __name__ == "__main__":
    unittest.main()
