# cli.py - the iana-survey command line.
# SPDX-License-Identifier: GPL-2.0-or-later
"""iana-survey [--jobs N] [--hosts FILE [--transfer]] [--out DIR]
[--retries N] [--retry-failed] [--allow-mixed-registries] CAPTURE|FOLDER...

Exit status: 0 every capture surveyed; 1 a capture could not be read (it is
listed in captures.csv with the reason); 2 a bad argument (nothing
written); 3 the captures were annotated by more than one registry and
--allow-mixed-registries was not given; 130 interrupted (run the same
command again to finish)."""

from __future__ import annotations

import argparse
import os
import shutil
import sys

from . import VERSION, engine, finish, hosts, inputs, job, record, registries
from .errors import SurveyError
from .outdir import OutDir
from .progress import Progress

PROG = "iana-survey"


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        raise SurveyError(message)


def _count(n: int, thing: str) -> str:
    return "%s %s%s" % (format(n, ","), thing, "" if n == 1 else "s")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError("%r is not a number" % text)
    if value < 1:
        raise argparse.ArgumentTypeError("%r is not 1 or more" % text)
    return value


def _arguments(argv):
    parser = _Parser(
        prog=PROG,
        description="The inventory of the services seen in many captures: tshark with the IANA plugin "
                    "once per capture (-z iana,services,csv), run by GNU parallel on this machine or "
                    "over SSH, merged into DIR/services.csv, captures.csv and report.html.")
    parser.add_argument("paths", nargs="+", metavar="CAPTURE|FOLDER",
                        help="capture files, and folders read recursively for .pcap, .pcapng, .cap "
                             "and their .gz")
    parser.add_argument("--jobs", type=_positive, metavar="N",
                        help="jobs at once (on each host with --hosts); default: one per CPU core")
    parser.add_argument("--hosts", metavar="FILE",
                        help="run on these hosts over SSH: GNU parallel's sshlogin format, one a line")
    parser.add_argument("--transfer", action="store_true",
                        help="with --hosts: copy each capture to its host (rsync) rather than read it "
                             "from a path every host shares")
    parser.add_argument("--out", metavar="DIR", default="survey", help="output folder (default: survey)")
    parser.add_argument("--retries", type=_positive, metavar="N",
                        help="attempts at a capture whose host failed, each on another host where "
                             "there is one (default: 3 with --hosts, else 1)")
    parser.add_argument("--retry-failed", action="store_true",
                        help="survey again the captures an earlier run into DIR could not read")
    parser.add_argument("--allow-mixed-registries", action="store_true",
                        help="merge captures annotated by different registries (each row's service, "
                             "status and assignee then come from the newest)")
    parser.add_argument("--version", action="version", version="%s %s" % (PROG, VERSION))
    args = parser.parse_args(argv)
    if args.transfer and not args.hosts:
        raise SurveyError("--transfer needs --hosts")
    return args


def _check_out(path: str) -> None:
    if os.path.exists(path) and not os.path.isdir(path):
        raise SurveyError("--out %s: not a folder" % path)
    parent = os.path.dirname(os.path.abspath(path))
    if not os.path.exists(path) and not os.path.isdir(parent):
        raise SurveyError("--out %s: no such folder %s" % (path, parent))
    if not os.access(path if os.path.exists(path) else parent, os.W_OK):
        raise SurveyError("--out %s: not writable" % path)


def _survey(args, out, captures):
    """Run the captures that have no result yet (or a failed one, with
    --retry-failed): (parallel's outcome, the keys it was given), or
    (None, []) when nothing is left to do."""
    todo, packets_before = [], 0
    for capture in captures:
        data = out.record(capture.key)
        if data is None or not record.complete(data, capture.key) \
                or (args.retry_failed and not record.parse(data, capture.key).ok):
            todo.append(capture)
        else:
            packets_before += record.frames(data)
    if not todo:
        return None, []
    progress = Progress(len(captures), len(captures) - len(todo), packets_before, sum(c.size for c in todo))
    sizes = {c.key: c.size for c in todo}

    def land(key: str, data: bytes) -> None:
        if key in sizes:
            out.land(key, data)
            progress.landed(record.frames(data), sizes.pop(key))

    entries = b"".join(job.queue_entry(c.key, c.abspath, args.transfer) for c in todo)
    options = dict(jobs=args.jobs, hosts=args.hosts and os.path.abspath(args.hosts), transfer=args.transfer,
                   retries=args.retries or (3 if args.hosts else 1))
    outcome = engine.run(entries, out, options, land, progress)
    progress.finish()
    return outcome, [c.key for c in todo]


def run(argv) -> int:
    args = _arguments(argv)
    if args.hosts:
        hosts.read(args.hosts)
    captures, unreadable = inputs.find(args.paths)
    _check_out(args.out)
    if captures and not shutil.which("parallel"):
        raise SurveyError("parallel: not found; install GNU parallel (Debian package parallel)")
    out = OutDir(args.out)
    out.make()
    outcome, given = _survey(args, out, captures)
    if outcome and outcome.interrupted:
        left = sum(1 for c in captures if not out.has_result(c.key))
        print("%s: interrupted with %d of %d captures left; run the same command again to finish"
              % (PROG, left, len(captures)), file=sys.stderr)
        return 130
    missing = [key for key in given if not out.has_result(key)]
    if missing and outcome.message:
        print("%s: no result for %s; the last message in %s: %s" % (
            PROG, _count(len(missing), "capture"), os.path.join(out.run, "parallel.log"), outcome.message),
            file=sys.stderr)
    gathered = finish.gather(out, captures, unreadable, engine.job_failures(out, given) if missing else {})
    done = finish.write(out, gathered, args.allow_mixed_registries)
    if done.refused:
        print("%s: %s (see %s)" % (PROG, registries.mixed_message(done.registries), out.output("captures.csv")),
              file=sys.stderr)
        return 3
    print("%s: %s (%s failed%s), %s, %s in %s; merged in %.2f s"
          % (PROG, _count(done.captures, "capture"), format(done.failed, ","),
             ", %d unreadable" % done.unreadable if done.unreadable else "",
             _count(done.packets, "packet"), _count(done.endpoints, "service endpoint"), args.out,
             done.merge_seconds))
    if len(done.registries) > 1:
        print("%s: warning: %s" % (PROG, registries.mixed_message(done.registries, allowed=True)),
              file=sys.stderr)
    return 1 if done.failed or done.unreadable else 0


def main(argv=None) -> int:
    try:
        return run(sys.argv[1:] if argv is None else argv)
    except SurveyError as e:
        print("%s: %s" % (PROG, e), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("%s: interrupted" % PROG, file=sys.stderr)
        return 130
