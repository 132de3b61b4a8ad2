# tshark.py - run the real tshark with the freshly built plugin, isolated.
# SPDX-License-Identifier: GPL-2.0-or-later
"""Every run gets a private folder holding the plugin at
<dir>/plugins/<major.minor>/epan/iana.so, an empty HOME and configuration
folder, TZ=UTC, and Wireshark's strict checks (abort on a dissector bug,
strict wmem). tshark ignores plugin folders when it runs as root, so as root
it is run as the unprivileged user nobody (setpriv), from that folder.

The meson test passes IANA_PLUGIN (the built iana.so) and IANA_WS_SERIES."""

import os
import shutil
import stat
import subprocess
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CAPTURES = os.path.join(ROOT, "test-captures")
UNPRIVILEGED = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"]


def plugin_path():
    path = os.environ.get("IANA_PLUGIN", "")
    if not path:
        raise unittest.SkipTest("IANA_PLUGIN is not set; run through meson test")
    if not os.path.exists(path):
        raise unittest.SkipTest("plugin %s was not built: %s" % (
            path, os.environ.get("IANA_SKIP_REASON", "")))
    return os.path.abspath(path)


class Tshark:
    """A private Wireshark set-up; use as a context manager."""

    def __init__(self, plugin=None, profile_dirs=(), strict=True):
        self.plugin = plugin or plugin_path()
        self.strict = strict
        self.series = os.environ.get("IANA_WS_SERIES", "4.0")
        self.dir = tempfile.mkdtemp(prefix="iana-tshark-")
        epan = os.path.join(self.dir, "plugins", self.series, "epan")
        os.makedirs(epan)
        shutil.copy(self.plugin, os.path.join(epan, "iana.so"))
        for sub in ("home", "config"):
            os.makedirs(os.path.join(self.dir, sub))
        for name, src in profile_dirs:
            shutil.copytree(src, os.path.join(self.dir, "config", "profiles", name))
        self.wrapper = os.environ.get("IANA_TSHARK_WRAPPER", "").split()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        shutil.rmtree(self.dir, ignore_errors=True)

    def capture(self, name):
        """A copy of test-captures/<name> the unprivileged user can read."""
        src = name if os.path.isabs(name) else os.path.join(CAPTURES, name)
        dst = os.path.join(self.dir, os.path.basename(src))
        if not os.path.exists(dst):
            shutil.copy(src, dst)
        return dst

    def _open_up(self):
        for top, dirs, files in os.walk(self.dir):
            for d in dirs:
                os.chmod(os.path.join(top, d), 0o755)
            for f in files:
                os.chmod(os.path.join(top, f), os.stat(os.path.join(top, f)).st_mode | stat.S_IROTH)
        os.chmod(self.dir, 0o755)
        for sub in ("home", "config"):
            os.chmod(os.path.join(self.dir, sub), 0o777)

    def env(self):
        return {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": os.path.join(self.dir, "home"),
            "XDG_CONFIG_HOME": os.path.join(self.dir, "home", ".config"),
            "WIRESHARK_CONFIG_DIR": os.path.join(self.dir, "config"),
            "WIRESHARK_PLUGIN_DIR": os.path.join(self.dir, "plugins"),
            "TZ": "UTC",
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
        }

    def run(self, *args, capture=None, check=True, extra_env=None, wrapper=(), discard=False):
        """tshark [-r capture] args...: (stdout, stderr); fails the test on a
        non-zero exit unless check is False. wrapper prefixes the command
        (valgrind, /usr/bin/time), as does IANA_TSHARK_WRAPPER; discard sends
        stdout to /dev/null, as a benchmark wants."""
        cmd = [os.environ.get("IANA_TSHARK", "tshark")]
        if capture:
            cmd += ["-r", self.capture(capture)]
        cmd = self.wrapper + list(wrapper) + cmd + list(args)
        self._open_up()
        if os.geteuid() == 0:
            cmd = UNPRIVILEGED + cmd
        env = self.env()
        if self.strict:
            env.update({"WIRESHARK_ABORT_ON_DISSECTOR_BUG": "1", "WIRESHARK_DEBUG_WMEM_OVERRIDE": "strict"})
        env.update(extra_env or {})
        run = subprocess.run(cmd, cwd=self.dir, env=env,
                             stdout=subprocess.DEVNULL if discard else subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, timeout=600)
        self.last_returncode = run.returncode
        if check and run.returncode != 0:
            raise AssertionError("tshark %s exited %d:\n%s" % (" ".join(args), run.returncode,
                                                              run.stderr[-4000:]))
        return run.stdout, run.stderr

    def fields(self, capture, fields, *args):
        """-T fields rows, one list of values per frame (frame.number first)."""
        cmd = ["-T", "fields", "-E", "occurrence=a", "-E", "aggregator=,", "-e", "frame.number"]
        for f in fields:
            cmd += ["-e", f]
        out, _ = self.run(*(cmd + list(args)), capture=capture)
        return [line.split("\t") for line in out.splitlines()]


def json_values(tree, key):
    """Every value of key anywhere in a -T json tree, in tree order."""
    found = []
    if isinstance(tree, dict):
        for k, v in tree.items():
            if k == key:
                found += v if isinstance(v, list) else [v]
            found += json_values(v, key)
    elif isinstance(tree, list):
        for v in tree:
            found += json_values(v, key)
    return found


class TsharkTestCase(unittest.TestCase):
    """Tests sharing one private set-up, as self.tshark; PROFILES lists
    (name, folder) of configuration profiles to install in it."""

    PROFILES = ()

    @classmethod
    def setUpClass(cls):
        cls.tshark = Tshark(profile_dirs=cls.PROFILES)

    @classmethod
    def tearDownClass(cls):
        cls.tshark.__exit__()
