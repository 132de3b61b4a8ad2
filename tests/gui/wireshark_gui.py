# wireshark_gui.py - the real Wireshark GUI with the plugin, on a private X server.
# SPDX-License-Identifier: GPL-2.0-or-later
"""Opens a capture in Wireshark (Qt) with the IANA profile, under Xvfb,
as the tests' tshark runs: a private plugin, HOME and configuration folder,
as the unprivileged user nobody when run as root. The window is driven with
xdotool key presses; what the GUI kept is read back from the profile's
`recent` file, which Wireshark writes when it quits."""

import collections
import os
import re
import shutil
import subprocess
import sys
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "dissect"))

from tshark import ROOT, UNPRIVILEGED, Tshark  # noqa: E402

PROFILE = os.path.join(ROOT, "profiles", "IANA")
TOOLS = ("wireshark", "Xvfb", "xdotool", "xclip")


def require_tools():
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        raise unittest.SkipTest("no %s here (packages wireshark-qt or wireshark, xvfb, xdotool, xclip)"
                                % ", ".join(missing))


class XServer:
    """An Xvfb on a free display number; use as a context manager."""

    def __enter__(self):
        read, write = os.pipe()
        self.proc = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1600x1000x24",
                                      "-nolisten", "tcp"], pass_fds=(write,),
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(write)
        with os.fdopen(read) as handle:
            self.display = ":" + handle.readline().strip()
        return self

    def __exit__(self, *exc):
        self.proc.terminate()
        self.proc.wait(timeout=10)

    def xdotool(self, *args):
        return subprocess.run(["xdotool"] + list(args), env={"DISPLAY": self.display},
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout


Session = collections.namedtuple("Session", "recent seen")


class Wireshark(Tshark):
    """A private set-up, as for tshark, with the IANA profile installed; recent
    names a `recent` file to give the profile (None: none)."""

    def __init__(self, plugin=None, recent=None):
        super().__init__(plugin, profile_dirs=(("IANA", PROFILE),))
        self.recent_path = os.path.join(self.dir, "config", "profiles", "IANA", "recent")
        if os.path.exists(self.recent_path):
            os.remove(self.recent_path)
        if recent is not None:
            shutil.copy(recent, self.recent_path)
            os.chmod(self.recent_path, 0o666)   # Wireshark rewrites it as it quits

    def session(self, x, capture, keys=(), during=None):
        """Open capture in the IANA profile, call during(x, window) if given,
        press keys (xdotool names), quit. Returns a Session: the `recent`
        file Wireshark wrote, as text, and what during returned. A busy
        machine may drop a key press while the window is still busy, so keys
        (which must do the same when pressed twice) and the quit are pressed
        again until Wireshark exits."""
        path = self.capture(capture)
        self._open_up()
        # Wireshark writes a profile's recent file when it leaves the profile.
        profiles = os.path.dirname(os.path.dirname(self.recent_path))
        for name in os.listdir(profiles):
            os.chmod(os.path.join(profiles, name), 0o777)
        cmd = ["wireshark", "-C", "IANA", "-r", path]
        if os.geteuid() == 0:
            cmd = UNPRIVILEGED + cmd
        env = dict(self.env(), DISPLAY=x.display, XDG_RUNTIME_DIR=os.path.join(self.dir, "home"))
        proc = subprocess.Popen(cmd, cwd=self.dir, env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True)
        try:
            window = self._window(x, proc, os.path.basename(path))
            time.sleep(2)   # the packet list is filled after the title is set
            seen = during(x, window) if during else None
            for _ in range(10):
                for key in list(keys) + ["ctrl+q"]:
                    x.xdotool("windowfocus", "--sync", window)
                    x.xdotool("key", "--window", window, key)
                    time.sleep(1)
                try:
                    proc.wait(timeout=3)
                    break
                except subprocess.TimeoutExpired:
                    continue
            else:
                raise AssertionError("Wireshark did not quit on Ctrl+Q")
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        with open(self.recent_path) as handle:
            return Session(handle.read(), seen)

    @staticmethod
    def _window(x, proc, title):
        for _ in range(60):
            found = x.xdotool("search", "--name", re.escape(title)).split()
            if found:
                return found[0]
            if proc.poll() is not None:
                raise AssertionError("wireshark exited %d:\n%s" % (proc.returncode, proc.stderr.read()[-2000:]))
            time.sleep(0.5)
        raise AssertionError("no Wireshark window showing %s within 30 s" % title)


def copy_statistics(x, window, title, from_top=False):
    """Open the statistics dialog called title from the Statistics menu of
    the main window and return what the dialog's Copy button puts on the
    clipboard: the tree or table as text, in the order the dialog shows it.
    The entry's place in the menu differs by version, so entries are tried
    in turn, from the bottom up (a statistics tree of a plugin), or with
    from_top from the top down (a statistics table, among the protocols'),
    until the dialog with that title opens. From the top, the menu's first
    section (Capture File Properties to Service Response Time, eight
    entries or more, some of them slow or asking questions) is passed over."""
    dialog = open_statistics(x, window, title, from_top)
    # The dialog's buttons sit at its bottom right: Copy, Save as..., Close.
    width, height = 1100, 800
    x.xdotool("windowsize", "--sync", dialog, str(width), str(height))
    x.xdotool("windowmove", "--sync", dialog, "0", "0")
    time.sleep(1)
    text = copy_dialog(x, dialog, title, width, height)
    x.xdotool("windowfocus", "--sync", dialog)
    x.xdotool("key", "Escape")
    return text


def open_statistics(x, window, title, from_top=False):
    """The window of the statistics dialog called title, opened from the
    Statistics menu (see copy_statistics)."""
    for step in range(9, 31) if from_top else range(1, 8):
        x.xdotool("windowfocus", "--sync", window)
        x.xdotool("key", "Escape", "Escape", "alt+s")
        time.sleep(1)
        x.xdotool("key", *(["Down" if from_top else "Up"] * (step - from_top) + ["Return"]))
        dialog = _wait_for_window(x, title, seconds=5)
        if dialog:
            return dialog
        for other in x.xdotool("search", "--onlyvisible", "--name", ".").split():
            if other != window:
                x.xdotool("windowfocus", "--sync", other)
                x.xdotool("key", "Escape")
    raise AssertionError("no %s entry found in the Statistics menu" % title)


def copy_dialog(x, dialog, title, width, height):
    """What the Copy button of a statistics dialog of that size at 0,0 puts
    on the clipboard."""
    for _ in range(5):
        x.xdotool("mousemove", "--sync", str(width - 236), str(height - 24), "click", "1")
        time.sleep(1)
        text = subprocess.run(["xclip", "-o", "-selection", "clipboard"], env={"DISPLAY": x.display},
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout
        if title in text:
            return text
    raise AssertionError("the %s dialog's Copy button gave nothing" % title)


def switch_profile(x, window, steps):
    """Switch to the profile steps rows below (above, when negative) the
    current one in Edit > Configuration Profiles, which lists the personal
    profiles by name after Default, and wait for the switch."""
    x.xdotool("windowfocus", "--sync", window)
    x.xdotool("key", "Escape", "ctrl+shift+a")
    dialog = _wait_for_window(x, "Configuration Profiles", seconds=10)
    if dialog is None:
        raise AssertionError("Edit > Configuration Profiles did not open")
    x.xdotool("windowfocus", "--sync", dialog)
    x.xdotool("key", *(["Down"] * steps if steps > 0 else ["Up"] * -steps))
    time.sleep(1)
    x.xdotool("key", "Return")
    for _ in range(20):
        if not x.xdotool("search", "--onlyvisible", "--name", "Configuration Profiles").split():
            break
        time.sleep(0.5)
    else:
        raise AssertionError("the Configuration Profiles dialog did not close")
    time.sleep(3)   # the profile's preferences are read, the packets dissected again


def _wait_for_window(x, title, seconds):
    for _ in range(seconds * 2):
        found = x.xdotool("search", "--onlyvisible", "--name", re.escape(title)).split()
        if found:
            return found[0]
        time.sleep(0.5)
    return None


def column_widths(recent):
    """{column format: pixel width} from the column.width entry of a recent file."""
    match = re.search(r"^column\.width:(.*?)(?=^\S|\Z)", recent, re.M | re.S)
    if match is None:
        return {}
    items = [item.strip().strip('"') for item in match.group(1).replace("\n", " ").split(",")]
    items = [item for item in items if item]
    return {items[i]: int(items[i + 1].split(":")[0]) for i in range(0, len(items) - 1, 2)}
