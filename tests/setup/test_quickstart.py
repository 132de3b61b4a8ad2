# test_quickstart.py - scripts/quickstart as a newcomer runs it: as an
# unprivileged user and as root, each in a throwaway HOME, with the packages
# already present.
# SPDX-License-Identifier: GPL-2.0-or-later

import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tests", "dissect"))

from tshark import UNPRIVILEGED  # noqa: E402

SYSTEM_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


def system_copy():
    """The system-wide iana.so, when one is installed (by a package, or a
    quickstart run as root), else None."""
    run = subprocess.run(["pkg-config", "--variable=plugindir", "wireshark"], stdout=subprocess.PIPE, text=True)
    path = os.path.join(run.stdout.strip(), "epan", "iana.so")
    return path if os.path.exists(path) else None


class Quickstart(unittest.TestCase):
    """As an unprivileged user: the plugin goes into the personal folder.
    Where a system-wide copy hides it, the quickstart must say so."""

    AS_ROOT = False
    # Extra environment for the runs: none, or another plugin folder.
    ENV = {}

    @classmethod
    def setUpClass(cls):
        if cls.AS_ROOT and os.geteuid() != 0:
            raise unittest.SkipTest("the root run needs root")
        cls.hidden_by = system_copy()
        if cls.AS_ROOT and cls.hidden_by:
            raise unittest.SkipTest("a system-wide copy is installed at %s: the quickstart as root would "
                                    "replace it, so that run is left out on this machine" % cls.hidden_by)
        cls.tmp = tempfile.mkdtemp(prefix="iana-quickstart-")
        os.chmod(cls.tmp, 0o755)
        # A copy of the tree the unprivileged user can read, as a fresh
        # checkout would be.
        cls.src = os.path.join(cls.tmp, "src")
        shutil.copytree(ROOT, cls.src, ignore=shutil.ignore_patterns(".git", "build*", "__pycache__"))
        cls.home = os.path.join(cls.tmp, "home")
        cls.build = os.path.join(cls.tmp, "build")
        for d in (cls.home,):
            os.makedirs(d)
        for top, dirs, files in os.walk(cls.tmp):
            for name in dirs + files:
                os.chmod(os.path.join(top, name), 0o777 if name in ("home", "tmp") else
                         os.stat(os.path.join(top, name)).st_mode | 0o055)
        os.chmod(cls.tmp, 0o777)
        cls.first = cls.run_as_user([os.path.join(cls.src, "scripts", "quickstart"), "--offline",
                                     "--builddir", cls.build])

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    @classmethod
    def run_as_user(cls, cmd):
        prefix = UNPRIVILEGED if os.geteuid() == 0 and not cls.AS_ROOT else []
        env = dict({"HOME": cls.home, "PATH": SYSTEM_PATH, "LANG": "C.UTF-8", "TZ": "UTC"}, **cls.ENV)
        return subprocess.run(prefix + cmd, cwd=cls.tmp, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, timeout=900)

    def test_first_run_does_everything(self):
        out = self.first.stdout
        self.assertEqual(self.first.returncode, 0, out[-3000:])
        for step in ("1/6 System packages", "2/6 Registry", "3/6 Build", "4/6 Install the plugin",
                     "5/6 The IANA profile", "6/6 What the registry says"):
            self.assertIn("== " + step, out)
        self.assertIn("all present:", out)
        self.assertIn("offline: using the bundled excerpt", out)
        self.assertRegex(out, r"\n3 +192\.0\.2\.10:50002 -> 198\.51\.100\.20:4420 +nvme +assigned +NVM Express")

    def plugin_folder(self):
        return os.path.join(self.home, ".local", "lib", "wireshark", "plugins")

    def test_tshark_picks_the_plugin_up_or_it_says_what_hides_it(self):
        run = self.run_as_user(["tshark", "-G", "plugins"])
        if self.hidden_by is None:
            self.assertRegex(run.stdout, r"iana\.so\s+1\.0\.0\S*( \([^)]*\))?\s+dissector\s+%s/\d+\.\d+/epan/iana\.so"
                             % re.escape(self.plugin_folder()))
            self.assertNotIn("Hidden:", self.first.stdout)
        else:
            self.assertIn("Hidden: Wireshark loads %s, version " % self.hidden_by, self.first.stdout)
            self.assertRegex(self.first.stdout, r"not the copy installed at %s/\d+\.\d+/epan/iana\.so"
                             % re.escape(self.plugin_folder()))

    def test_the_last_line_names_the_registry_in_use(self):
        self.assertRegex(self.first.stdout.rstrip().splitlines()[-1],
                         r"^Done: tshark uses the IANA registry (excerpt )?\d{4}-\d\d-\d\d, [\d,]+ records, "
                         r"(built in|/\S+\.img)\.$")

    def test_profile_is_installed(self):
        profile = os.path.join(self.home, ".config", "wireshark", "profiles", "IANA")
        with open(os.path.join(profile, "colorfilters")) as handle:
            rules = handle.read()
        self.assertIn("@IANA: Known Unauthorized Use@iana.unauthorized_use@", rules)
        self.assertIn("@TCP@tcp@", rules)          # Wireshark's own rules follow
        run = self.run_as_user(["tshark", "-C", "IANA", "-r", os.path.join(self.src, "test-captures", "demo.pcapng")])
        self.assertIn(" lm-x assigned Henrik Goldman <hg@x-formation.com> ", run.stdout)

    def profile(self, name):
        return os.path.join(self.home, ".config", "wireshark", "profiles", "IANA", name)

    def test_profile_has_its_column_widths(self):
        with open(self.profile("recent")) as handle:
            recent = handle.read()
        self.assertIn('\t"%Cus:iana.server_assignee", 420,\n', recent)

    def test_second_run_rebuilds_nothing_and_keeps_window_sizes(self):
        # What Wireshark wrote into the profile's recent file meanwhile: a
        # window size, and column widths the second run brings back.
        with open(self.profile("recent"), "w") as handle:
            handle.write("gui.geometry_main_width: 1234\ncolumn.width:\n\t%m, 50,\n\t%i, 99\n\n"
                         "gui.geometry_main_height: 567\n")
        os.chmod(self.profile("recent"), 0o666)
        run = self.run_as_user([os.path.join(self.src, "scripts", "quickstart"), "--offline", "--builddir", self.build])
        self.assertEqual(run.returncode, 0, run.stdout[-3000:])
        self.assertIn("ninja: no work to do.", run.stdout)
        with open(self.profile("recent")) as handle:
            recent = handle.read()
        self.assertIn("gui.geometry_main_width: 1234\n", recent)
        self.assertIn("gui.geometry_main_height: 567\n", recent)
        self.assertEqual(recent.count("column.width:"), 1)
        self.assertNotIn("%i, 99", recent)
        self.assertIn('\t"%Cus:iana.server_service", 130,\n', recent)


class QuickstartShadowed(Quickstart):
    """As an unprivileged user, on a machine whose system-wide plugin folder
    (played by WIRESHARK_PLUGIN_DIR, which replaces it) holds another copy:
    the quickstart still does its work, and names both copies."""

    @classmethod
    def setUpClass(cls):
        cls.system = tempfile.mkdtemp(prefix="iana-system-plugins-")
        series = os.environ.get("IANA_WS_SERIES") or "4.0"
        os.makedirs(os.path.join(cls.system, series, "epan"))
        shutil.copy(os.environ["IANA_PLUGIN"], os.path.join(cls.system, series, "epan", "iana.so"))
        for top, dirs, files in os.walk(cls.system):
            for name in dirs + files:
                os.chmod(os.path.join(top, name), 0o755)
        os.chmod(cls.system, 0o755)
        cls.ENV = {"WIRESHARK_PLUGIN_DIR": cls.system}
        super().setUpClass()
        cls.hidden_by = os.path.join(cls.system, series, "epan", "iana.so")

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        shutil.rmtree(cls.system, ignore_errors=True)

    def test_it_says_what_to_do(self):
        self.assertEqual(self.first.returncode, 0, self.first.stdout[-3000:])
        self.assertIn("To use the new copy, remove %s" % self.hidden_by, self.first.stdout)


class QuickstartAsRoot(Quickstart):
    """As root, whose tshark ignores personal plugin folders: the plugin goes
    into the system one, and is taken out again afterwards."""

    AS_ROOT = True

    @classmethod
    def tearDownClass(cls):
        run = subprocess.run(["pkg-config", "--variable=plugindir", "wireshark"],
                             stdout=subprocess.PIPE, text=True)
        installed = os.path.join(run.stdout.strip(), "epan", "iana.so")
        if os.path.exists(installed):
            os.remove(installed)
        super().tearDownClass()

    def plugin_folder(self):
        run = subprocess.run(["pkg-config", "--variable=plugindir", "wireshark"],
                             stdout=subprocess.PIPE, text=True)
        return os.path.dirname(run.stdout.strip())


if __name__ == "__main__":
    unittest.main()
