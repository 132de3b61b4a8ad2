# tshark_sandbox.py - the real tshark with one plugin, in a private set-up.
# SPDX-License-Identifier: GPL-2.0-or-later
"""Every Tshark gets a private folder holding the plugin at
<dir>/plugins/<major.minor>/epan/iana.so, an empty HOME, configuration
folder and system-wide registry-image folder, TZ=UTC, and (unless
strict=False) Wireshark's strict checks: abort on a dissector bug, strict
wmem. tshark ignores plugin folders when it runs
as root, so as root it is run as the unprivileged user nobody (setpriv),
from that folder.

The tests (tests/dissect/tshark.py) and the developer tools of tools/ build
on this module; it depends on neither. IANA_WS_SERIES names the plugin
folder's series (default: the one `tshark --version` reports), IANA_TSHARK
the tshark to run, IANA_TSHARK_WRAPPER a command to run it under."""

import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CAPTURES = os.path.join(ROOT, "test-captures")
IMAGE_NAME = "iana-registry.img"
UNPRIVILEGED = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"]

# Runs as the unprivileged user, between setpriv and tshark: waits for the
# command and prints its own peak RSS (KiB), which getrusage(RUSAGE_CHILDREN)
# cannot give for one run (it keeps the maximum over all children), and
# needs no GNU time, which the chroots lack.
_PEAK_RSS_WRAPPER = """
import os, sys
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
sys.stderr.write("PEAK %d\\n" % usage.ru_maxrss)
code = os.waitstatus_to_exitcode(status)
sys.exit(code if code >= 0 else 128 - code)
"""


def default_plugin():
    """The full-registry plugin of the test build in build/, else its plugin."""
    full = os.path.join(ROOT, "build", "tests", "iana-full.so")
    return full if os.path.exists(full) else os.path.join(ROOT, "build", "iana.so")


def tshark_command():
    return os.environ.get("IANA_TSHARK", "tshark")


def series():
    """major.minor of the tshark that will run: the plugin folder's name."""
    if os.environ.get("IANA_WS_SERIES"):
        return os.environ["IANA_WS_SERIES"]
    out = subprocess.run([tshark_command(), "--version"], stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, text=True, check=True).stdout
    return re.search(r"TShark \(Wireshark\) (\d+\.\d+)\.", out).group(1)


class Tshark:
    """A private Wireshark set-up for one plugin; use as a context manager."""

    def __init__(self, plugin, profile_dirs=(), strict=True):
        self.plugin = plugin
        self.strict = strict
        self.series = series()
        self.dir = tempfile.mkdtemp(prefix="iana-tshark-")
        epan = os.path.join(self.dir, "plugins", self.series, "epan")
        os.makedirs(epan)
        shutil.copy(self.plugin, os.path.join(epan, "iana.so"))
        for sub in ("home", "config", "system"):
            os.makedirs(os.path.join(self.dir, sub))
        for name, src in profile_dirs:
            shutil.copytree(src, os.path.join(self.dir, "config", "profiles", name))
        self.wrapper = os.environ.get("IANA_TSHARK_WRAPPER", "").split()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        shutil.rmtree(self.dir, ignore_errors=True)

    def capture(self, name):
        """A copy of test-captures/<name> (or of a path) the unprivileged user can read."""
        src = name if os.path.isabs(name) else os.path.join(CAPTURES, name)
        dst = os.path.join(self.dir, os.path.basename(src))
        if not os.path.exists(dst):
            shutil.copy(src, dst)
        return dst

    def image_path(self, where="personal"):
        """Where the plugin looks for a registry image: "personal" (the
        configuration folder), "system", or the name of a profile."""
        if where == "personal":
            return os.path.join(self.dir, "config", IMAGE_NAME)
        if where == "system":
            return os.path.join(self.dir, "system", IMAGE_NAME)
        return os.path.join(self.dir, "config", "profiles", where, IMAGE_NAME)

    def put_image(self, src, where="personal"):
        """Put a copy of a registry image where the plugin looks (image_path);
        src None removes the one there."""
        target = self.image_path(where)
        if src is None:
            if os.path.exists(target):
                os.remove(target)
            return target
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copy(src, target)
        return target

    def no_plugins_dir(self):
        """A plugin folder holding no plugin, for WIRESHARK_PLUGIN_DIR: tshark
        as it is without this one."""
        bare = os.path.join(self.dir, "no-plugins")
        os.makedirs(os.path.join(bare, self.series, "epan"), exist_ok=True)
        return bare

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
            "IANA_REGISTRY_SYSTEM_DIR": os.path.join(self.dir, "system"),
            "TZ": "UTC",
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
        }

    def run(self, *args, capture=None, check=True, extra_env=None, wrapper=(), discard=False):
        """tshark [-r capture] args...: (stdout, stderr); raises
        AssertionError on a non-zero exit unless check is False. wrapper
        prefixes the command (valgrind), as does IANA_TSHARK_WRAPPER;
        discard sends stdout to /dev/null, as a benchmark wants."""
        cmd = [tshark_command()]
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

    def peak_rss(self, *args):
        """Peak RSS of one tshark run in KiB, from os.wait4 in a small wrapper."""
        _, err = self.run(*args, wrapper=[sys.executable, "-c", _PEAK_RSS_WRAPPER], discard=True)
        return int(err.rsplit("PEAK ", 1)[1].split()[0])
