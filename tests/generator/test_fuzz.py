# test_fuzz.py - the generator against mutated, truncated and random input.
# SPDX-License-Identifier: GPL-2.0-or-later
"""Every input either yields C that compiles and gives back every string of
the model, or stops with one clear line naming the file and the place: never
a traceback, never a partial output file.

Seeds are fixed, so a failure reproduces; IANA_FUZZ_CASES sets how many
mutated files each format gets (default 120), IANA_FUZZ_SEED the first seed.
The bundled excerpt is the seed corpus, written out in all three formats."""

import contextlib
import csv
import io
import json
import os
import random
import tempfile
import unittest
from xml.sax.saxutils import escape, quoteattr

from support import EXCERPT, compile_dump, expected_dump, read_dump, xml_head

from ianareg import cli
from ianareg.csv_format import HEADER

CASES = int(os.environ.get("IANA_FUZZ_CASES", "120"))
SEED = int(os.environ.get("IANA_FUZZ_SEED", "1"))
COMPILED_PER_FORMAT = 4

NASTY = [b'"', b"\\", b"??=", b"??/", b"*/", b"/*", b"\x00", b"\x01", b"\x7f", b"\xff\xfe", b"\xc3",
         "\u00e9".encode(), "\u65e5\u672c".encode(), "\U0001F600".encode(), b"<", b">", b"&", b"&amp;",
         b"]]>", b"<![CDATA[x]]>", b'<!DOCTYPE r [<!ENTITY a "b">]>', b"[", b"]", b"[[", b",", b'",",',
         b"\n", b"\r\n", b"\t", b"65536", b"70000-80", b"-", b"%s%n", b"A" * 200000, b"<a>" * 5000,
         b"\\x41BC", b"tcp", b"quic", b"2026-13-45", b"[RFC1]", b"[Nobody]"]


def to_csv(model):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for r in model["records"]:
        brackets = lambda items: "".join("[%s]" % x for x in items)
        writer.writerow([r["service"] or "", r["port"] or "", r["transport"] or "", r["description"],
                         brackets(r["assignee"]), brackets(r["contact"]), r["registered"] or "",
                         r["modified"] or "", brackets(r["reference"]),
                         "" if r["service_code"] is None else r["service_code"], r["unauthorized_use"] or "",
                         r["note"] or ""])
    return out.getvalue().encode()


def to_xml(model):
    out = [xml_head(model["registry"]["updated"])]
    for r in model["records"]:
        attrs = "".join(" %s=%s" % (k, quoteattr(r[v])) for k, v in (("date", "registered"),
                                                                        ("updated", "modified")) if r[v])
        body = []
        for tag, key in (("name", "service"), ("protocol", "transport")):
            if r[key]:
                body.append("<%s>%s</%s>" % (tag, escape(r[key]), tag))
        if r["assignee"] != r["contact"]:
            body.append("<assignee>%s</assignee>" % "".join(
                '<xref type="person" data=%s/>' % quoteattr(p) for p in r["assignee"]))
        body += ['<xref type="person" data=%s/>' % quoteattr(p) for p in r["contact"]]
        body += ['<xref type="text">%s</xref>' % escape(x) for x in r["reference"]]
        body.append("<description>%s</description>" % escape(r["description"]))
        if r["port"]:
            body.append("<number>%s</number>" % r["port"])
        for tag, key in (("note", "note"), ("unauthorized", "unauthorized_use")):
            if r[key]:
                body.append("<%s>%s</%s>" % (tag, escape(r[key]), tag))
        out.append("<record%s>%s</record>\n" % (attrs, "".join(body)))
    out.append("<people>\n")
    for pid, p in sorted(model["people"].items()):
        out.append("<person id=%s>%s</person>\n" % (quoteattr(pid), "".join(
            "<%s>%s</%s>" % (k, escape(p[k]), k) for k in ("name", "org", "uri", "updated") if p[k])))
    out.append("</people>\n</registry>\n")
    return "".join(out).encode()


def mutate(data, rng):
    for _ in range(rng.randint(1, 3)):
        what = rng.randrange(6)
        at = rng.randrange(len(data) + 1)
        if what == 0 and data:
            data = data[:at] + bytes([rng.randrange(256)]) + data[at + 1:]
        elif what == 1:
            data = data[:at] + rng.choice(NASTY) + data[at:]
        elif what == 2:
            data = data[:at] + data[at + rng.randint(1, 200):]
        elif what == 3:
            data = data[:at]
        else:
            lines = data.split(b"\n")
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            if what == 4:
                lines.insert(i, lines[j])
            else:
                lines[i], lines[j] = lines[j], lines[i]
            data = b"\n".join(lines)
    return data


def run_gen(argv):
    """iana-gen in this process: (exit status, stderr); an exception that
    escapes is what the user would see as a traceback."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        status = cli.main(argv)
    return status, err.getvalue()


class Fuzz(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "m.json")
            assert run_gen([EXCERPT, "--json", out])[0] == 0
            with open(out) as handle:
                model = json.load(handle)
        with open(EXCERPT, "rb") as handle:
            cls.corpus = {"text": handle.read(), "csv": to_csv(model), "xml": to_xml(model)}

    def check(self, data, name, force, tmp, compiled):
        path = os.path.join(tmp, name)
        with open(path, "wb") as handle:
            handle.write(data)
        out = os.path.join(tmp, "out")
        os.mkdir(out)
        try:
            args = [path, "--c-out", out, "--json", os.path.join(out, "m.json")]
            status, err = run_gen(args + (["--format", force] if force else []))
            lines = err.splitlines()
            if status == 2:
                self.assertTrue(lines and lines[-1].startswith("iana-gen: %s" % path), err[-500:])
                for line in lines[:-1]:
                    self.assertRegex(line, r": unknown (element|columns)", err[-500:])
                self.assertEqual(os.listdir(out), [], "a failed run left files")
                return "error"
            self.assertEqual(status, 0, err[-500:])
            self.assertEqual(sorted(os.listdir(out)),
                             ["iana-registry-data.inc", "iana-registry-version.h", "m.json"])
            if compiled[0] < COMPILED_PER_FORMAT:
                compiled[0] += 1
                with open(os.path.join(out, "m.json")) as handle:
                    model = json.load(handle)
                self.assertEqual(read_dump(compile_dump(out, tmp)), expected_dump(model))
            return "ok"
        finally:
            for f in os.listdir(out):
                os.unlink(os.path.join(out, f))
            os.rmdir(out)
            os.unlink(path)

    def test_mutated_inputs(self):
        results = {}
        for fmt, seed_data in self.corpus.items():
            compiled = [0]
            rng = random.Random("%d-%s" % (SEED, fmt))
            with tempfile.TemporaryDirectory() as tmp:
                for case in range(CASES):
                    data = mutate(seed_data, rng)
                    force = rng.choice([None, None, fmt])
                    with self.subTest(format=fmt, case=case, seed=SEED):
                        outcome = self.check(data, "r%d.%s" % (case, fmt), force, tmp, compiled)
                        results[(fmt, outcome)] = results.get((fmt, outcome), 0) + 1
        print("\ngenerator fuzz, seed %d: %s" % (SEED, ", ".join(
            "%s %s %d" % (f, o, n) for (f, o), n in sorted(results.items()))))

    def test_random_bytes_in_every_parser(self):
        rng = random.Random(SEED)
        with tempfile.TemporaryDirectory() as tmp:
            for case in range(max(10, CASES // 4)):
                data = bytes(rng.randrange(256) for _ in range(rng.randint(0, 4000)))
                for force in (None, "xml", "csv", "text"):
                    with self.subTest(case=case, format=force):
                        self.check(data, "random%d" % case, force, tmp, [COMPILED_PER_FORMAT])


if __name__ == "__main__":
    unittest.main()
