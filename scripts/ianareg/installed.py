# installed.py - what the installed Wireshark makes of the plugin.
# SPDX-License-Identifier: GPL-2.0-or-later
"""Which copy of the plugin tshark loads, which copies it hides, and which
registry the loaded copy uses and from where, as the user running this
sees it: tshark -G plugins, -G protocols and -G folders. Wireshark loads one
copy of a plugin, the first it finds, and warns of the others only on
standard error; these tell the user which copy won and what to do."""

from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
from typing import Dict, List, Optional

# The protocol's name names the registry in use:
# "IANA Port Registry (2026-08-17, 14,533 records, built in)".
_IN_USE = re.compile(r"^IANA Port Registry \(((excerpt )?(\d{4}-\d\d-\d\d)[^,]*), ([\d,]+) records, (.+)\)$")


def tshark(*args: str) -> Optional[subprocess.CompletedProcess]:
    """tshark with args, or None when there is no tshark."""
    if shutil.which("tshark") is None:
        return None
    try:
        return subprocess.run(["tshark"] + list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return None


def folders() -> Dict[str, str]:
    """tshark -G folders: {"Personal configuration": path, ...}, first of each."""
    run = tshark("-G", "folders")
    found: Dict[str, str] = {}
    for line in (run.stdout if run else "").splitlines():
        name, _, path = line.partition(":")
        found.setdefault(name.strip(), path.strip())
    return found


def loaded_plugin() -> Optional[Dict[str, str]]:
    """The copy of iana.so tshark loads: {"version", "path"}, or None."""
    run = tshark("-G", "plugins")
    for line in (run.stdout if run else "").splitlines():
        cells = [cell.strip() for cell in line.split("\t")]
        if cells and cells[0] == "iana.so" and len(cells) >= 4:
            return {"version": cells[1], "path": cells[-1]}
    return None


def copies() -> List[str]:
    """Every iana.so in the personal and the global plugin folders."""
    found = []
    where = folders()
    for name in ("Personal Plugins", "Global Plugins"):
        if where.get(name):
            found += sorted(glob.glob(os.path.join(where[name], "epan", "iana.so")))
    return [os.path.realpath(p) for p in found]


def registry_in_use() -> Optional[Dict[str, str]]:
    """The registry the loaded plugin uses: {"summary", "date", "records",
    "source", "excerpt"}; None without a plugin, or one too old to read
    registry images (its name gives a date only)."""
    run = tshark("-G", "protocols")
    for line in (run.stdout if run else "").splitlines():
        cells = line.split("\t")
        if len(cells) >= 3 and cells[2] == "iana":
            m = _IN_USE.match(cells[0])
            if not m:
                return None
            return {"summary": "%s, %s records, %s" % (m.group(1), m.group(4), m.group(5)),
                    "date": m.group(3), "records": int(m.group(4).replace(",", "")),
                    "source": m.group(5), "excerpt": bool(m.group(2))}
    return None


def owner(path: str) -> Optional[str]:
    """The Debian package that installed path, or None."""
    if shutil.which("dpkg-query") is None:
        return None
    run = subprocess.run(["dpkg-query", "-S", path], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    return run.stdout.split(":", 1)[0] if run.returncode == 0 and run.stdout else None


def _removal(path: str) -> str:
    """What to do about the copy at path so that another one loads."""
    package = owner(path)
    if package:
        return "remove the package %s (apt-get remove %s)" % (package, package)
    return "remove %s%s, or run this as root to replace that copy" % (
        path, " (as root)" if not os.access(os.path.dirname(path), os.W_OK) else "")


def shadowing(installed: Optional[str] = None) -> List[str]:
    """What to tell the user when the copy tshark loads is not the one
    installed (or, with installed None, when other copies exist): the lines
    of the explanation, or none when all is well."""
    loaded = loaded_plugin()
    if loaded is None:
        return ["tshark loads no iana.so%s." % (": %s is not in one of its plugin folders" % installed
                                                 if installed else "")]
    here = os.path.realpath(loaded["path"])
    others = [p for p in copies() if p != here]
    if installed is not None and os.path.realpath(installed) != here:
        return ["Hidden: Wireshark loads %s, version %s," % (here, loaded["version"]),
                "  not the copy installed at %s: it loads the first copy of a plugin it finds." % installed,
                "  To use the new copy, %s." % _removal(here)]
    if installed is None and others:
        return ["Hidden: %s, since Wireshark loads %s; to use another copy, %s."
                % (", ".join(others), here, _removal(here))]
    return []
