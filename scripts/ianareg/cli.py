# cli.py - the iana-gen command line.
# SPDX-License-Identifier: GPL-2.0-or-later
"""iana-gen INPUT [--format xml|csv|text|image] [--json FILE] [--c-out DIR]
[--image FILE] [--whole] [--report] [--check]

Exit status: 0 done; 1 --check found stale output; 2 bad input or usage."""

from __future__ import annotations

import argparse
import json
import os
import sys

from . import VERSION, emit_c, image, report
from .errors import RegistryError
from .load import PARSERS, load


def _arguments(argv):
    parser = argparse.ArgumentParser(
        prog="iana-gen",
        description="Compile the IANA Service Name and Transport Protocol Port Number "
                    "Registry (XML, CSV or plain text, or a registry image) into C tables "
                    "or a registry image.")
    parser.add_argument("input", metavar="INPUT", help="registry file")
    parser.add_argument("--format", choices=sorted(PARSERS), help="force the input format")
    parser.add_argument("--json", metavar="FILE", help="write the normalised model as JSON")
    parser.add_argument("--c-out", metavar="DIR", help="write %s and %s into DIR" % (emit_c.OUTPUT, emit_c.VERSION_HEADER))
    parser.add_argument("--image", metavar="FILE",
                        help="write a registry image: the same tables, as one file the installed "
                             "plugin reads at start-up")
    parser.add_argument("--whole", action="store_true",
                        help="refuse an excerpt: the input must be the whole registry "
                             "(as a package build wants)")
    parser.add_argument("--report", action="store_true",
                        help="print counts and the history-extraction coverage")
    parser.add_argument("--check", action="store_true",
                        help="with --c-out: write nothing, exit 1 if the file would change")
    parser.add_argument("--version", action="version", version="iana-gen " + VERSION)
    args = parser.parse_args(argv)
    if args.check and not args.c_out:
        parser.error("--check needs --c-out")
    return args


def _output(target: str, text: str, args) -> int:
    """Write one generated file, or with --check compare it: an exit status."""
    if args.check:
        try:
            with open(target, encoding="ascii", newline="") as handle:
                current = handle.read()
        except (OSError, UnicodeDecodeError):
            current = None
        if current != text:
            print("iana-gen: %s is stale; regenerate it: scripts/iana-gen %s --c-out %s"
                  % (target, args.input, args.c_out), file=sys.stderr)
            return 1
        return 0
    try:
        emit_c.write_atomic(target, text)
    except OSError as err:
        print("iana-gen: %s: %s" % (target, err.strerror or err), file=sys.stderr)
        return 2
    return 0


def main(argv=None) -> int:
    args = _arguments(argv)
    try:
        registry = load(args.input, args.format)
    except RegistryError as err:
        print("iana-gen: %s" % err, file=sys.stderr)
        return 2
    if args.whole and registry.is_excerpt:
        print("iana-gen: %s: an excerpt, not the whole registry: it lists %.1f%% of TCP ports 0-49151"
              % (args.input, 100.0 * registry.coverage()), file=sys.stderr)
        return 2
    if args.report:
        report.write(registry, sys.stdout)
    if args.c_out:
        outputs = ((emit_c.OUTPUT, emit_c.render(registry)),
                   (emit_c.VERSION_HEADER, emit_c.render_version(registry)))
        for name, text in outputs:
            status = _output(os.path.join(args.c_out, name), text, args)
            if status:
                return status
    if args.image:
        try:
            emit_c.write_atomic(args.image, image.render(registry))
        except OSError as err:
            print("iana-gen: %s: %s" % (args.image, err.strerror or err), file=sys.stderr)
            return 2
    if args.json:
        try:
            emit_c.write_atomic(args.json, json.dumps(registry.to_json(), indent=1,
                                                      ensure_ascii=True) + "\n")
        except OSError as err:
            print("iana-gen: %s: %s" % (args.json, err.strerror or err), file=sys.stderr)
            return 2
    return 0
