# test_emit.py - the C tables: deterministic, strictly valid C, and every
# string of the model back byte for byte through the lookup API.
# SPDX-License-Identifier: GPL-2.0-or-later

import csv
import os
import shutil
import subprocess
import tempfile
import unittest

from support import (EXCERPT, FULL_SNAPSHOT, ROOT, STRICT, compile_dump, expected_dump, iana_gen, model,
                     read_dump, snapshot)

from ianareg.csv_format import HEADER
from ianareg.emit_c import c_escape

# Everything a registry cell can hold that C escaping must get right.
NASTY = [
    'say "hi"', "back\\slash", "tri??=graph ??/ ??' ??( ??) ??! ??< ??> ??-", "end */ of comment",
    "/* open", "caf\u00e9 \u65e5\u672c \U0001F600", "\\x41BC not an escape", "\u00e9" + "123",
    "tab\there", "bell\x07 and \x01 control", "question??", "percent %s %d", "%", "'single'",
    "line\\n literal", "\x7f delete",
]


def write_csv(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(HEADER)
        for row in rows:
            writer.writerow(row)


def row(service, port, transport="tcp", description="d", **cells):
    out = [service, port, transport, description, "", "", "", "", "", "", "", ""]
    for name, value in cells.items():
        out[HEADER.index(name.replace("_", " "))] = value
    return out


class RoundTrip(unittest.TestCase):
    def assert_round_trip(self, registry_path, flags=()):
        with tempfile.TemporaryDirectory() as tmp:
            run = iana_gen(registry_path, "--c-out", tmp)
            self.assertEqual(run.returncode, 0, run.stderr)
            exe = compile_dump(tmp, tmp, flags)
            got, want = read_dump(exe), expected_dump(model(registry_path))
            self.assertEqual(len(got), len(want))
            for n, (g, w) in enumerate(zip(got, want)):
                self.assertEqual(g, w, "item %d" % n)

    def test_excerpt(self):
        self.assert_round_trip(EXCERPT)

    def test_full_registry(self):
        self.assert_round_trip(snapshot(FULL_SNAPSHOT), ["-O1"])

    def test_adversarial_strings_with_gcc_and_clang(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "nasty.csv")
            rows = []
            for n, text in enumerate(NASTY):
                rows.append(row("svc-%d" % n, str(1000 + n), "tcp", text,
                                Assignment_Notes=text, Reference="[%s]" % text.replace("[", "(")
                                .replace("]", ")"), Unauthorized_Use_Reported=text))
            write_csv(path, rows)
            self.assert_round_trip(path)
            if shutil.which("clang"):
                out = os.path.join(tmp, "c")
                os.mkdir(out)
                self.assertEqual(iana_gen(path, "--c-out", out).returncode, 0)
                run = subprocess.run(["clang"] + STRICT + ["-I" + os.path.join(ROOT, "plugin"), "-I" + out,
                                     "-c", os.path.join(ROOT, "plugin", "iana-registry.c"), "-o",
                                     os.path.join(tmp, "r.o")], stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, text=True)
                self.assertEqual(run.returncode, 0, run.stdout)

    def test_strange_but_valid_registries(self):
        long_text = "x" * 100000 + " \u00e9?\"\\"
        cases = {
            "no records": [],
            "one range over every port": [row("all", "0-65535", "", "Everything")],
            "ten names on one port": [row("name-%d" % n, "7000", "udp", "Name %d" % n) for n in range(10)],
            "a 100 KB description": [row("big", "7001", "tcp", long_text, Assignment_Notes=long_text)],
        }
        for name, rows in cases.items():
            with self.subTest(name), tempfile.TemporaryDirectory() as tmp:
                path = os.path.join(tmp, "r.csv")
                write_csv(path, rows)
                self.assert_round_trip(path)


class Escaping(unittest.TestCase):
    def test_tokens(self):
        self.assertEqual(c_escape(b'a"b\\c?d'), 'a\\"b\\\\c\\?d')
        self.assertEqual(c_escape("\u00e9".encode()), "\\303\\251")
        self.assertEqual(c_escape(b"\n\x00\x7f1"), "\\012\\000\\1771")
        self.assertEqual(c_escape(b"*/??="), "*/\\?\\?=")


class Determinism(unittest.TestCase):
    def test_byte_identical_reruns(self):
        with tempfile.TemporaryDirectory() as tmp:
            outputs = []
            for n, (cwd, path, seed) in enumerate([
                    (ROOT, "registry/excerpt.txt", "1"),
                    (tmp, EXCERPT, "2"),
                    ("/", os.path.relpath(EXCERPT, "/"), "random")]):
                out = os.path.join(tmp, "run%d" % n)
                os.mkdir(out)
                env = dict(os.environ, PYTHONHASHSEED=seed)
                self.assertEqual(iana_gen(path, "--c-out", out, "--json", os.path.join(out, "m.json"),
                                          cwd=cwd, env=env).returncode, 0)
                with open(os.path.join(out, "iana-registry-data.inc"), "rb") as handle:
                    c_text = handle.read()
                with open(os.path.join(out, "m.json"), "rb") as handle:
                    outputs.append((c_text, handle.read()))
            self.assertEqual(outputs[0], outputs[1])
            self.assertEqual(outputs[0], outputs[2])
            c_text = outputs[0][0]
            self.assertNotIn(b"\r", c_text)
            self.assertNotIn(os.path.dirname(ROOT).encode(), c_text)
            self.assertNotIn(b"/tmp", c_text)

    def test_header_says_where_it_came_from(self):
        with open(os.path.join(ROOT, "generated", "iana-registry-data.inc")) as handle:
            head = handle.read(2000)
        for needle in ("generated - do not edit", "iana-gen 1.2", "excerpt.txt (text)", "Updated:    2025-09-29",
                       "SHA-256:", "Records:    101 read, 101 with a port", "Regenerate:",
                       "SPDX-License-Identifier"):
            self.assertIn(needle, head)


class CheckMode(unittest.TestCase):
    def test_check_tells_fresh_from_stale(self):
        with tempfile.TemporaryDirectory() as tmp:
            for name in ("iana-registry-data.inc", "iana-registry-version.h"):
                shutil.copy(os.path.join(ROOT, "generated", name), tmp)
            fresh = iana_gen(EXCERPT, "--c-out", tmp, "--check")
            self.assertEqual(fresh.returncode, 0, fresh.stderr)
            # Each of the two files is checked.
            for name in ("iana-registry-data.inc", "iana-registry-version.h"):
                target = os.path.join(tmp, name)
                with open(target) as handle:
                    good = handle.read()
                with open(target, "a") as handle:
                    handle.write("/* edited by hand */\n")
                before = os.stat(target).st_mtime_ns
                stale = iana_gen(EXCERPT, "--c-out", tmp, "--check")
                self.assertEqual(stale.returncode, 1, name)
                self.assertIn("%s is stale" % name, stale.stderr)
                self.assertEqual(os.stat(target).st_mtime_ns, before)
                with open(target, "w") as handle:
                    handle.write(good)


if __name__ == "__main__":
    unittest.main()
