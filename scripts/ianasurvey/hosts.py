# hosts.py - the hosts file: GNU parallel's sshlogin format, checked early.
# SPDX-License-Identifier: GPL-2.0-or-later
"""One sshlogin a line, as parallel's --sshloginfile reads it:

    [ncpus/][ssh command and options ]<[user@]host | :>

':' is this machine; '#' starts a comment. parallel reads the file itself;
it is checked here only so that a mistake is said in one line before any
work starts."""

from __future__ import annotations

import re
import shlex

from .errors import SurveyError

# [@hostgroup,.../][ncpus/] before the sshlogin.
PREFIX = re.compile(r"^(?:@[\w.,-]+/)?(?:(?P<ncpus>[^\s/]*)/)?(?P<login>.+)$")
HOST = re.compile(r"^[A-Za-z0-9_.:\[\]%-]+$")


def host_label(sshlogin: str) -> str:
    """The host of an sshlogin, as captures.csv names it: [user@]host."""
    words = sshlogin.split()
    return words[-1] if words else sshlogin


def _check(line: str) -> str:
    if line.startswith("/"):          # a path to ssh: no prefix
        ncpus, login = None, line
    else:
        m = PREFIX.match(line)
        ncpus, login = m.group("ncpus"), m.group("login")
    if ncpus is not None and (not ncpus.isdigit() or int(ncpus) == 0):
        raise ValueError("%r before '/' is not a number of jobs" % ncpus)
    try:
        words = shlex.split(login)
    except ValueError as e:
        raise ValueError(str(e).lower())
    if not words:
        raise ValueError("no host")
    host = words[-1].rsplit("@", 1)[-1]
    if host != ":" and (not HOST.match(host) or host.startswith("-")):
        raise ValueError("%r is not a host name" % words[-1])
    return line


def read(path: str) -> list[str]:
    """The sshlogins of the file; a SurveyError naming the file (and line)
    when it cannot be read, holds no host, or a line is malformed."""
    try:
        with open(path, encoding="utf-8") as handle:
            lines = handle.read().splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise SurveyError("hosts file %s: %s" % (path, getattr(e, "strerror", None) or e))
    logins = []
    for number, line in enumerate(lines, 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            logins.append(_check(line))
        except ValueError as e:
            raise SurveyError("hosts file %s line %d: %s" % (path, number, e))
    if not logins:
        raise SurveyError("hosts file %s: no hosts in it" % path)
    return logins
