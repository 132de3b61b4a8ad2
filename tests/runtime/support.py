# support.py - what the runtime tests share: users, a web server playing
# IANA, and tshark as a user sees it.
# SPDX-License-Identifier: GPL-2.0-or-later
"""The runtime tests run where Wireshark is installed but nothing could
build the plugin (tools/chroot-run --runtime): as an analyst's machine is.
They act as users do, with their own HOME, and never with
WIRESHARK_PLUGIN_DIR: what they check is what Wireshark itself loads."""

import functools
import http.server
import os
import re
import shutil
import subprocess
import tempfile
import threading
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SHARED = os.environ.get("IANA_SHARED_DIR", os.path.join(os.path.dirname(ROOT), "shared"))
XML = "service-names-port-numbers.xml"
UNPRIVILEGED = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"]
PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

with open(os.path.join(ROOT, "registry", "full-snapshot")) as _handle:
    FULL_SNAPSHOT = _handle.read().strip()


def require_runtime():
    """These tests mean something only where the plugin cannot be built."""
    if os.environ.get("IANA_RUNTIME") != "1":
        raise unittest.SkipTest("not in a runtime chroot (tools/chroot-run --runtime)")
    if os.geteuid() != 0:
        raise unittest.SkipTest("the runtime tests act as root and as other users: they need root")
    for tool in ("cc", "gcc", "meson"):
        if shutil.which(tool):
            raise AssertionError("%s is here: this is not a machine without a compiler" % shutil.which(tool))
    if os.path.exists("/usr/include/wireshark"):
        raise AssertionError("the Wireshark SDK is here")


def install_updater(folder):
    """update-registry with the modules and the excerpt it needs, copied out
    of the checkout as a package would install them: the command's path."""
    for part in ("scripts/update-registry", "scripts/ianareg", "registry/excerpt.txt"):
        target = os.path.join(folder, part)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        copy = shutil.copytree if os.path.isdir(os.path.join(ROOT, part)) else shutil.copy
        copy(os.path.join(ROOT, part), target)
    for top, dirs, files in os.walk(folder):
        for name in dirs + files:
            os.chmod(os.path.join(top, name), 0o755)
    os.chmod(folder, 0o755)
    return os.path.join(folder, "scripts", "update-registry")


def series():
    out = subprocess.run(["tshark", "--version"], stdout=subprocess.PIPE, text=True).stdout
    return re.search(r"TShark \(Wireshark\) (\d+\.\d+)\.", out).group(1)


class User:
    """Someone with a HOME of their own: nobody (setpriv), or root."""

    def __init__(self, root=False):
        self.root = root
        self.home = tempfile.mkdtemp(prefix="iana-user-")
        os.chmod(self.home, 0o777)

    def remove(self):
        shutil.rmtree(self.home, ignore_errors=True)

    def env(self, extra=None):
        env = {"HOME": self.home, "PATH": PATH, "LANG": "C.UTF-8", "TZ": "UTC"}
        env.update(extra or {})
        return env

    def run(self, *cmd, env=None, check=False):
        prefix = [] if self.root else UNPRIVILEGED
        run = subprocess.run(prefix + list(cmd), cwd=self.home, env=self.env(env), stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, timeout=600)
        if check and run.returncode != 0:
            raise AssertionError("%s exited %d:\n%s%s" % (" ".join(cmd), run.returncode, run.stdout[-2000:],
                                                          run.stderr[-2000:]))
        return run

    def config(self, *parts):
        return os.path.join(self.home, ".config", "wireshark", *parts)

    def install_plugin(self, plugin):
        """A copy of the plugin in the personal plugin folder, as the quickstart puts it."""
        epan = os.path.join(self.home, ".local", "lib", "wireshark", "plugins", series(), "epan")
        os.makedirs(epan)
        shutil.copy(plugin, os.path.join(epan, "iana.so"))
        for top, dirs, files in os.walk(self.home):
            for name in dirs + files:
                os.chmod(os.path.join(top, name), 0o777)
        return os.path.join(epan, "iana.so")

    def capture(self, name):
        """A copy of a test capture the user can read."""
        target = os.path.join(self.home, name)
        shutil.copy(os.path.join(ROOT, "test-captures", name), target)
        os.chmod(target, 0o644)
        return target

    def registry_in_use(self):
        """The registry the user's tshark uses, as -G protocols names it."""
        out = self.run("tshark", "-G", "protocols", check=True).stdout
        return next(line.split("\t")[0] for line in out.splitlines() if "\tIANA\tiana" in line)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class Registries:
    """IANA, played by a web server on 127.0.0.1 serving ../shared/registry."""

    def __init__(self):
        folder = os.path.join(SHARED, "registry")
        if not os.path.isdir(folder):
            raise unittest.SkipTest("%s is absent (needs ../shared)" % folder)
        handler = functools.partial(QuietHandler, directory=folder)
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def url(self, date):
        return "http://127.0.0.1:%d/%s/%s" % (self.server.server_port, date, XML)

    def stop(self):
        self.server.shutdown()
