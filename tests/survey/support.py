# support.py - scripts/iana-survey run for real, as the tests need it.
# SPDX-License-Identifier: GPL-2.0-or-later
"""A Workspace is a private folder (tools/tshark_sandbox.py's set-up) with
the plugin under test in its plugin folder, a world-readable copy of the
project's captures and output folders. The survey runs there with real
tshark and real GNU parallel, as the unprivileged user nobody when the
tests run as root (tshark ignores plugin folders as root), with the plugin
through WIRESHARK_PLUGIN_DIR.

Environment, as the meson test sets it: IANA_PLUGIN (the plugin under
test), IANA_EXCERPT_PLUGIN (the excerpt build, for a second registry),
IANA_WS_SERIES, IANA_SHARED_DIR."""

import csv
import glob
import io
import os
import pwd
import shutil
import signal
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SURVEY = os.path.join(ROOT, "scripts", "iana-survey")
sys.path.insert(0, os.path.join(ROOT, "tools"))
sys.path.insert(0, os.path.join(ROOT, "scripts"))

import tshark_sandbox  # noqa: E402
from tshark_sandbox import CAPTURES, UNPRIVILEGED  # noqa: E402

CAPTURE_NAMES = sorted(os.path.basename(p) for p in glob.glob(os.path.join(CAPTURES, "*.pcapng")))
# The system's tools only: nobody cannot enter a per-user Python set-up.
SYSTEM_PATH = "/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin"


# A test stopped by SIGTERM (meson's timeout) still unwinds, so that the
# sshd, the throwaway user and the temporary folders go.
def _stop(signum, frame):
    raise KeyboardInterrupt


signal.signal(signal.SIGTERM, _stop)


def need_tools():
    for tool in ("tshark", "parallel"):
        if shutil.which(tool, path=SYSTEM_PATH) is None:
            raise unittest.SkipTest("%s is not installed" % tool)


def plugin_path(variable="IANA_PLUGIN"):
    path = os.environ.get(variable, "")
    if not path:
        raise unittest.SkipTest("%s is not set; run through meson test" % variable)
    if not os.path.exists(path):
        raise unittest.SkipTest("plugin %s was not built" % path)
    return os.path.abspath(path)


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def read_bytes(path):
    with open(path, "rb") as handle:
        return handle.read()


def endpoint(row):
    return (row["address"], row["transport"], row["port"])


class Workspace(tshark_sandbox.Tshark):
    """The sandbox plus captures and output folders; a context manager."""

    def __init__(self, plugin=None):
        need_tools()
        super().__init__(plugin or plugin_path())
        self.captures = os.path.join(self.dir, "captures")
        os.makedirs(self.captures)
        for name in CAPTURE_NAMES:
            shutil.copy(os.path.join(CAPTURES, name), self.captures)
        self.outs = os.path.join(self.dir, "outs")
        os.makedirs(self.outs)
        self.restricted = {}
        self.out_count = 0

    def _open_up(self):
        """Everything readable, the output folders writable by nobody, and
        the restrictions a test asked for put back."""
        super()._open_up()
        os.chmod(self.outs, 0o1777)
        for path, mode in self.restricted.items():
            os.chmod(path, mode)

    def restrict(self, path, mode):
        self.restricted[path] = mode
        os.chmod(path, mode)

    def put_plugin(self, plugin):
        """Another plugin in the plugin folder (copy, then rename)."""
        epan = os.path.join(self.dir, "plugins", self.series, "epan")
        shutil.copy(plugin, os.path.join(epan, ".iana.so.new"))
        os.replace(os.path.join(epan, ".iana.so.new"), os.path.join(epan, "iana.so"))

    def folder(self, name, files=()):
        """A folder of copies of some captures (test-captures names)."""
        path = os.path.join(self.dir, name)
        os.makedirs(path, exist_ok=True)
        for f in files:
            shutil.copy(os.path.join(CAPTURES, f), path)
        return path

    def new_out(self):
        """A fresh output folder path (not made: the survey makes it)."""
        self.out_count += 1
        return os.path.join(self.outs, "out-%d" % self.out_count)

    def copy_out(self, src):
        """A copy of an output folder, the surveying user's own."""
        out = self.new_out()
        shutil.copytree(src, out)
        if os.geteuid() == 0:
            nobody = pwd.getpwnam("nobody")
            for top, dirs, files in os.walk(out):
                for name in [top] + [os.path.join(top, f) for f in dirs + files]:
                    os.chown(name, nobody.pw_uid, nobody.pw_gid)
        return out

    def survey_env(self):
        env = self.env()
        env["PATH"] = SYSTEM_PATH
        env.update({"WIRESHARK_ABORT_ON_DISSECTOR_BUG": "1", "WIRESHARK_DEBUG_WMEM_OVERRIDE": "strict"})
        return env

    def command(self, *args, local=True):
        """The survey's command line: as nobody when it runs tshark here as root."""
        cmd = [SURVEY] + list(args)
        return UNPRIVILEGED + cmd if local and os.geteuid() == 0 else cmd

    def start(self, *args, local=True, **popen):
        """Popen of the survey (local=False: over SSH, as the caller)."""
        self._open_up()
        return subprocess.Popen(self.command(*args, local=local), cwd=self.dir, env=self.survey_env(),
                                **popen)

    def survey(self, *args, local=True, timeout=600):
        """(exit status, stdout, stderr) of one survey run."""
        self._open_up()
        run = subprocess.run(self.command(*args, local=local), cwd=self.dir, env=self.survey_env(),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=timeout)
        return run.returncode, run.stdout, run.stderr

    def tshark_csv(self, capture):
        """The plugin's own -z iana,services,csv rows for one capture."""
        out, _ = self.run("-n", "-q", "-z", "iana,services,csv", capture=capture)
        body = "".join(line for line in out.splitlines(True) if not line.startswith("# "))
        return list(csv.DictReader(io.StringIO(body)))
