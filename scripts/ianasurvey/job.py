# job.py - the job GNU parallel runs for each capture, and parallel's command line.
# SPDX-License-Identifier: GPL-2.0-or-later
"""The job is POSIX sh, so that a host needs only tshark and the plugin
(and rsync to receive transferred captures). It prints one record on
stdout, which parallel hands back whole (its default --group):

    #iana-survey begin KEY
    tshark's stdout (the comment lines and CSV of -z iana,services,csv)
    #iana-survey stderr           (only when tshark wrote on stderr)
    tshark's stderr
    #iana-survey end KEY status=N start=T end=T node=NAME login=SSHLOGIN

A record without its end line is incomplete and never lands. A failure of
the host rather than of the capture prints no end line and exits non-zero,
so that parallel retries the capture (on another host where there is
one): tshark missing (90) or without the plugin (91), tshark stopped by
SIGHUP, SIGINT, SIGKILL, SIGPIPE or SIGTERM (92); ssh itself fails with 255.

Every job costs its fixed share of the survey's time, so the script starts
no process but tshark on the usual path: times and the host name are read
from /proc, stderr is kept in a variable."""

from __future__ import annotations

MARK = "#iana-survey "

# $1 is the result's key, $2 the capture; $3 "transfer" when parallel
# copied the capture into the job's work dir: it lies there under the part
# of the path after "/./" (rsync's mark), except on this machine (":"),
# where parallel transfers nothing. start and end are seconds since boot.
SCRIPT = r"""
# tshark 4.0 reads an empty file (or a .gz of nothing) as a capture of no
# packets and says nothing: such a file is reported here instead.
empty() {
    [ -f "$1" ] && [ -r "$1" ] || return 1
    [ -s "$1" ] || return 0
    case $1 in *.gz|*.GZ) ;; *) return 1 ;; esac
    [ "$(wc -c <"$1")" -lt 4096 ] && gzip -t <"$1" 2>/dev/null && [ "$(gzip -cd <"$1" | wc -c)" -eq 0 ]
}
key=$1 f=$2 login=${PARALLEL_SSHLOGIN:-:}
[ "$3" = transfer ] && [ "$login" != : ] && f=./${2#*/./}
command -v tshark >/dev/null 2>&1 || { echo "iana-survey: no tshark on this host" >&2; exit 90; }
read -r node 2>/dev/null </proc/sys/kernel/hostname || node=$(uname -n)
echo "#iana-survey begin $key"
read -r start _ 2>/dev/null </proc/uptime
if empty "$f"; then
    err="tshark: The file \"$f\" is empty."; rc=2
else
    exec 3>&1
    err=$(tshark -n -q -r "$f" -z iana,services,csv 2>&1 >&3 3>&-); rc=$?
fi
read -r end _ 2>/dev/null </proc/uptime
case $rc in 129|130|137|141|143) printf '%s\n' "$err" >&2; exit 92 ;; esac
case $rc:$err in [1-9]*'Invalid -z argument "iana,services,csv"'*)
    echo "iana-survey: tshark on $node has no IANA plugin" >&2; exit 91 ;;
esac
[ -z "$err" ] || printf '#iana-survey stderr\n%s\n' "$err"
echo "#iana-survey end $key status=$rc start=$start end=$end node=$node login=$login"
"""

# What a job's exit status says when it printed no record.
EXIT_REASONS = {
    90: "no tshark on the host",
    91: "tshark on the host has no IANA plugin",
    92: "tshark was stopped before it finished",
    255: "ssh to the host failed",
}


def queue_entry(key: str, path: str, transfer: bool) -> bytes:
    """One job's two arguments, NUL-terminated (parallel -0 -N2): with
    --transfer the path carries "/./" before its base name, so that the
    capture lands in the job's own work dir under that name."""
    if transfer:
        folder, name = path.rsplit("/", 1)
        path = "%s/./%s" % (folder, name)
    return key.encode() + b"\0" + path.encode("utf-8", "surrogateescape") + b"\0"


def command(queue: str, joblog: str, jobs: int | None, hosts: str | None, transfer: bool,
            retries: int) -> list[str]:
    """parallel's command line: scheduling, transfer, retries and the job
    log are all parallel's."""
    cmd = ["parallel", "-0", "-N2", "--arg-file", queue, "--joblog", joblog, "--retries", str(retries)]
    if jobs:
        cmd += ["--jobs", str(jobs)]
    if hosts:
        cmd += ["--sshloginfile", hosts]
    if transfer:
        # Each job in its own work dir under ~/.parallel/tmp, removed after.
        cmd += ["--transferfile", "{2}", "--workdir", "...", "--cleanup"]
    return cmd + ["-q", "sh", "-c", SCRIPT, "iana-survey-job", "{1}", "{2}",
                  "transfer" if transfer else "shared"]
