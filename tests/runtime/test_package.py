# test_package.py - the Debian package, installed, used, removed and purged.
# SPDX-License-Identifier: GPL-2.0-or-later
"""On a machine of the package's own Debian release that has tshark but no
compiler and no SDK: apt installs the package (and refuses another release's,
whose Wireshark minor version differs); an unprivileged user's tshark loads
the plugin with the whole registry, annotates the demo capture as a source
build with that registry does, and offers the IANA profile the user never
installed; wireshark-iana-update, for that user and with --system for every
user, makes the next tshark use a newer registry; a personal copy of the
plugin is shown hidden by the package's; remove then purge leave no file of
the package behind, the system-wide image included. The steps build on each
other, so they run in order.

IANA_PACKAGE is this release's .deb, IANA_OTHER_PACKAGES the other
releases' (space-separated), IANA_PACKAGE_REGISTRY the registry file the
package was built from (older than the tests' snapshot, so that the update
has a newer one to take), IANA_PLUGIN a source-built plugin of this
release."""

import os
import re
import shutil
import subprocess
import sys
import unittest

from support import FULL_SNAPSHOT, ROOT, Registries, User, require_runtime, series
from unittest_runner import NEEDS_SHARED

SYSTEM_IMAGE = "/var/lib/wireshark-iana/iana-registry.img"
UNITS = ["wireshark-iana-update.service", "wireshark-iana-update.timer"]


def sh(*cmd, check=True):
    run = subprocess.run(list(cmd), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                         env={"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "DEBIAN_FRONTEND": "noninteractive",
                              "LANG": "C.UTF-8"})
    if check and run.returncode != 0:
        raise AssertionError("%s exited %d:\n%s" % (" ".join(cmd), run.returncode, run.stdout[-3000:]))
    return run


# The fields compared between the package and a source build.
FIELDS = ["iana.port", "iana.src_service", "iana.dst_service", "iana.status", "iana.assignee", "iana.registered",
          "iana.history", "iana.unauthorized_use", "iana.role", "iana.role.basis", "iana.server_service",
          "iana.mismatch"]


class Package(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        require_runtime()
        if not os.path.exists(os.environ.get("IANA_PACKAGE_REGISTRY", "")):
            raise unittest.SkipTest("no registry snapshot at %s: the package carries the whole registry %s"
                                    % (os.environ.get("IANA_PACKAGE_REGISTRY"), NEEDS_SHARED))
        cls.deb = os.environ.get("IANA_PACKAGE", "")
        if not os.path.exists(cls.deb):
            raise AssertionError("no package to install: IANA_PACKAGE=%r (tools/build-deb makes it)" % cls.deb)
        cls.others = [p for p in os.environ.get("IANA_OTHER_PACKAGES", "").split() if os.path.exists(p)]
        cls.carried = os.path.basename(os.path.dirname(os.environ["IANA_PACKAGE_REGISTRY"]))
        cls.registries = Registries()
        cls.ana = User()

    @classmethod
    def tearDownClass(cls):
        cls.registries.stop()
        cls.ana.remove()

    def test_1_another_release_s_package_is_refused(self):
        if not self.others:
            self.skipTest("no other release's package was built")
        for other in self.others:
            run = sh("apt-get", "install", "-y", "-q", "--no-install-recommends", other, check=False)
            self.assertNotEqual(run.returncode, 0, run.stdout[-2000:])
            self.assertRegex(run.stdout, r"Depends: libwireshark\d+ .* but it is not (installable|going to be "
                                         r"installed)|Depends: libwireshark\d+ \(<< ")
            self.assertNotIn("wireshark-iana", sh("dpkg-query", "-W", "-f", "${Package}\n", check=False).stdout)

    def test_2_apt_installs_the_package(self):
        run = sh("apt-get", "install", "-y", "-q", "--no-install-recommends", self.deb)
        print(run.stdout.strip().splitlines()[-1])
        self.__class__.files = sh("dpkg", "-L", "wireshark-iana").stdout.split()
        self.assertIn("/usr/bin/wireshark-iana-update", self.files)
        self.assertIn("/usr/share/wireshark/profiles/IANA/colorfilters", self.files)
        epan = "/usr/lib/x86_64-linux-gnu/wireshark/plugins/%s/epan/iana.so" % series()
        self.assertIn(epan, self.files)
        for unit in UNITS:
            self.assertTrue(any(f.endswith("/systemd/system/" + unit) for f in self.files), unit)

    def test_3_a_user_s_tshark_loads_the_whole_registry(self):
        out = self.ana.run("tshark", "-G", "plugins", check=True).stdout
        self.assertRegex(out, r"iana\.so\s+1\.0\.0 \(IANA registry %s, [\d,]+ records\)\s+dissector\s+"
                              r"/usr/lib/\S+/wireshark/plugins/%s/epan/iana\.so" % (self.carried, re.escape(series())))
        self.assertRegex(self.ana.registry_in_use(), r"^IANA Port Registry \(%s, [\d,]+ records, built in\)$"
                         % self.carried)

    def test_4_the_demo_capture_is_annotated_as_with_a_source_build(self):
        # The source build of this release, reading the image of the registry
        # the package was built from: the same tables (the dissect suite
        # shows both carriers agree), through a plugin not from the package.
        private = os.path.join(self.ana.home, "source-build")
        os.makedirs(os.path.join(private, series(), "epan"))
        shutil.copy(os.environ["IANA_PLUGIN"], os.path.join(private, series(), "epan", "iana.so"))
        image = os.path.join(self.ana.home, "carried.img")
        sh(sys.executable, os.path.join(ROOT, "scripts", "iana-gen"), os.environ["IANA_PACKAGE_REGISTRY"],
           "--image", image)
        for top, dirs, files in os.walk(self.ana.home):
            for name in dirs + files:
                os.chmod(os.path.join(top, name), 0o777)
        got = self.fields()
        want = self.fields("-o", "iana.registry_file:" + image, env={"WIRESHARK_PLUGIN_DIR": private})
        self.assertEqual(got, want)
        self.assertIn(["3", "4420", "", "nvme", "assigned"], [row[:5] for row in got])
        print("demo.pcapng: %d frames annotated as by a source build" % len(got))

    def fields(self, *args, env=None):
        capture = self.ana.capture("demo.pcapng")
        cmd = ["tshark", "-r", capture, "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=,",
               "-e", "frame.number"] + [a for f in FIELDS for a in ("-e", f)] + list(args)
        out = self.ana.run(*cmd, env=env, check=True).stdout
        return [line.split("\t") for line in out.splitlines()]

    def test_5_tshark_C_IANA_works_for_a_user_who_never_installed_the_profile(self):
        profile = self.ana.config("profiles", "IANA")
        self.assertFalse(os.path.exists(profile))
        capture = self.ana.capture("demo.pcapng")
        out = self.ana.run("tshark", "-C", "IANA", "-r", capture, check=True).stdout
        self.assertIn(" lm-x assigned Henrik Goldman <hg@x-formation.com> ", out)

    def test_6_the_update_makes_the_user_s_next_tshark_use_a_newer_registry(self):
        self.assertLess(self.carried, FULL_SNAPSHOT, "the package must carry an older registry than the update's")
        run = self.ana.run("wireshark-iana-update", "--url", self.registries.url(FULL_SNAPSHOT))
        self.assertEqual(run.returncode, 0, run.stdout + run.stderr)
        print(run.stdout.strip().splitlines()[-1])
        self.assertIn("in use: /usr/share/wireshark-iana/registry/compiled-in.img (%s)" % self.carried, run.stdout)
        image = self.ana.config("iana-registry.img")
        self.assertEqual(run.stdout.splitlines()[-1],
                         "tshark uses the IANA registry %s, 14,533 records, %s" % (FULL_SNAPSHOT, image))
        self.assertEqual(self.ana.registry_in_use(), "IANA Port Registry (%s, 14,533 records, %s)" % (FULL_SNAPSHOT, image))

    def test_7_as_root_with_system_it_does_the_same_for_every_user(self):
        root, bob = User(root=True), User()
        try:
            run = root.run("wireshark-iana-update", "--system", "--url", self.registries.url(FULL_SNAPSHOT))
            self.assertEqual(run.returncode, 0, run.stdout + run.stderr)
            print(run.stdout.strip().splitlines()[-1])
            self.assertEqual(bob.registry_in_use(),
                             "IANA Port Registry (%s, 14,533 records, %s)" % (FULL_SNAPSHOT, SYSTEM_IMAGE))
        finally:
            root.remove()
            bob.remove()

    def test_8_a_personal_copy_of_the_plugin_is_said_to_be_hidden(self):
        carol = User()
        try:
            personal = carol.install_plugin(os.environ["IANA_PLUGIN"])
            # A source build over the package: the quickstart's check after its install.
            run = carol.run("wireshark-iana-update", "--status", "--installed", personal, check=True)
            print(run.stdout.strip())
            self.assertIn("Hidden: Wireshark loads /usr/lib/", run.stdout)
            self.assertIn("not the copy installed at %s" % personal, run.stdout)
            self.assertIn("remove the package wireshark-iana (apt-get remove wireshark-iana)", run.stdout)
            # The package over a source build: what the user's status shows.
            run = carol.run("wireshark-iana-update", "--status", check=True)
            self.assertIn("Hidden: %s, since Wireshark loads /usr/lib/" % personal, run.stdout)
        finally:
            carol.remove()

    def test_9_the_units_verify_and_the_timer_ships_disabled(self):
        units = [f for f in self.files if os.path.basename(f) in UNITS]
        # Their Documentation= is the package's man page; a machine without
        # man(1) cannot show it, so verify checks the rest.
        self.assertIn("/usr/share/man/man1/wireshark-iana-update.1.gz", self.files)
        run = sh("systemd-analyze", "verify", "--man=no", *units, check=False)
        self.assertEqual(run.returncode, 0, run.stdout)
        print("systemd-analyze verify %s: ok" % " ".join(os.path.basename(u) for u in units))
        run = sh("systemctl", "is-enabled", "wireshark-iana-update.timer", check=False)
        self.assertEqual(run.stdout.strip(), "disabled")

    def test_z_remove_then_purge_leave_nothing_behind(self):
        self.assertTrue(os.path.exists(SYSTEM_IMAGE))
        sh("apt-get", "remove", "-y", "-q", "wireshark-iana")
        left = [f for f in self.files if os.path.lexists(f) and not os.path.isdir(f)]
        self.assertEqual(left, [])
        sh("apt-get", "purge", "-y", "-q", "wireshark-iana")
        ours = ["/usr/share/wireshark-iana", "/usr/share/doc/wireshark-iana", "/var/lib/wireshark-iana",
                "/usr/share/wireshark/profiles/IANA"]
        self.assertEqual([p for p in self.files + ours if os.path.lexists(p) and not os.path.isdir(p)], [])
        self.assertEqual([p for p in ours if os.path.exists(p)], [])
        self.assertEqual(sh("dpkg-query", "-W", "wireshark-iana", check=False).returncode, 1)
        print("removed and purged: none of the package's %d paths is left, nor %s" % (len(self.files), SYSTEM_IMAGE))


if __name__ == "__main__":
    unittest.main()
