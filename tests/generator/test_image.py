# test_image.py - the registry image: its header, deterministic output, a
# model that reads back as the registry it was made from, and bad images
# refused in one line.
# SPDX-License-Identifier: GPL-2.0-or-later

import hashlib
import json
import os
import struct
import tempfile
import unittest
import zlib

from support import EXCERPT, FULL_SNAPSHOT, iana_gen, model, snapshot

from ianareg import VERSION, image


def make(registry, tmp, name="r.img"):
    target = os.path.join(tmp, name)
    run = iana_gen(registry, "--image", target)
    if run.returncode != 0:
        raise AssertionError(run.stderr)
    with open(target, "rb") as handle:
        return target, handle.read()


def email(person):
    """A person's address as the tables keep it: the e-mail address of a
    mailto: URI (IANA writes user&host), else the URI."""
    uri = person.get("uri") or ""
    return uri[len("mailto:"):].replace("&", "@") if uri.startswith("mailto:") else uri


def with_port(m):
    """A --json model's records that name a port, and the people they name.
    A one-port range ("4748-4748", once in 2026-08-17) is its port: the
    tables keep a range's text only for a range of several ports."""
    records = [dict(r, port=str(r["port_low"]) if r["port_low"] == r["port_high"] else r["port"])
               for r in m["records"] if r["port"] is not None]
    named = {p for r in records for p in r["assignee"] + r["contact"]}
    return records, {pid: dict(p, uri=email(p)) for pid, p in m["people"].items() if pid in named}


class Header(unittest.TestCase):
    def test_the_header_says_what_the_image_holds(self):
        with tempfile.TemporaryDirectory() as tmp:
            _, data = make(EXCERPT, tmp)
        magic, version, order, header_size, size, checksum, tables = struct.unpack_from("<8s6I", data)
        self.assertEqual(magic, b"\x89IANAREG")
        self.assertEqual((version, order, header_size, size, tables), (1, 0x01020304, 424, len(data), 10))
        zeroed = data[:24] + b"\0\0\0\0" + data[28:]
        self.assertEqual(zlib.crc32(zeroed), checksum)
        updated, generator, sha256, source = (f.rstrip(b"\0").decode() for f in
                                              struct.unpack_from("<16s16s72s128s", data, 32))
        with open(EXCERPT, "rb") as handle:
            self.assertEqual(sha256, hashlib.sha256(handle.read()).hexdigest())
        self.assertEqual((updated, generator, source), ("2025-09-29", "iana-gen " + VERSION, "excerpt.txt"))
        # Each table in the directory: 8-byte aligned, inside the file, rows of its struct's size.
        rows = [struct.unpack_from("<4I", data, 264 + 16 * i) for i in range(10)]
        self.assertEqual([r[2] for r in rows], [32, 1, 4, 24, 20, 32, 20, 8, 4, 4])
        for offset, count, row, _ in rows:
            self.assertEqual(offset % 8, 0)
            self.assertLessEqual(offset + count * row, len(data))
        self.assertEqual(rows[6][1], 101)         # records
        self.assertEqual(rows[8][1], 5)           # transport starts
        self.assertEqual(rows[9][1], 4 * 257)     # buckets

    def test_a_long_source_name_is_cut_short_at_a_character(self):
        with tempfile.TemporaryDirectory() as tmp:
            long_name = os.path.join(tmp, "\u00e9" * 100 + ".txt")
            with open(EXCERPT, "rb") as src, open(long_name, "wb") as dst:
                dst.write(src.read())
            _, data = make(long_name, tmp)
        source = struct.unpack_from("<128s", data, 32 + 16 + 16 + 72)[0]
        self.assertEqual(source.rstrip(b"\0").decode("utf-8"), "\u00e9" * 63)


class Output(unittest.TestCase):
    def test_two_runs_write_the_same_bytes(self):
        with tempfile.TemporaryDirectory() as tmp:
            _, first = make(EXCERPT, tmp, "a.img")
            _, second = make(EXCERPT, tmp, "b.img")
        self.assertEqual(first, second)

    def assert_reads_back(self, registry):
        with tempfile.TemporaryDirectory() as tmp:
            path, _ = make(registry, tmp)
            want, got = model(registry), model(path)
        self.assertEqual(got["registry"], {"format": "image", "updated": want["registry"]["updated"]})
        want_records, want_people = with_port(want)
        got_records, got_people = with_port(got)
        self.assertEqual(len(got_records), len(want_records))
        for n, (g, w) in enumerate(zip(got_records, want_records)):
            self.assertEqual(g, w, "record %d" % n)
        self.assertEqual(got_people, want_people)

    def test_the_excerpt_reads_back(self):
        self.assert_reads_back(EXCERPT)

    def test_the_whole_registry_reads_back(self):
        self.assert_reads_back(snapshot(FULL_SNAPSHOT))

    def test_an_image_compiles_to_the_same_tables(self):
        with tempfile.TemporaryDirectory() as tmp:
            path, _ = make(EXCERPT, tmp)
            for source, out in ((EXCERPT, "from-text"), (path, "from-image")):
                os.makedirs(os.path.join(tmp, out))
                run = iana_gen(source, "--c-out", os.path.join(tmp, out))
                self.assertEqual(run.returncode, 0, run.stderr)
            tables = []
            for out in ("from-text", "from-image"):
                with open(os.path.join(tmp, out, "iana-registry-data.inc")) as handle:
                    text = handle.read()
                # The provenance header and the info row name the input, which differs.
                tables.append([line for line in text[text.index("static const char iana_pool"):].splitlines()
                               if "excerpt.txt" not in line and "r.img" not in line and
                               not line.startswith('    "')])
            self.assertEqual(tables[0], tables[1])


class BadImages(unittest.TestCase):
    def assert_refused(self, data, message):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "bad.img")
            with open(path, "wb") as handle:
                handle.write(data)
            run = iana_gen(path, "--json", os.path.join(tmp, "out.json"))
            self.assertEqual(run.returncode, 2)
            self.assertEqual(run.stderr.count("\n"), 1, run.stderr)
            self.assertIn("%s: %s" % (path, message), run.stderr)
            self.assertNotIn("Traceback", run.stderr)
            self.assertFalse(os.path.exists(os.path.join(tmp, "out.json")))

    def setUp(self):
        with tempfile.TemporaryDirectory() as tmp:
            _, self.image = make(EXCERPT, tmp)

    def test_truncated(self):
        self.assert_refused(self.image[:1000], "truncated: 1000 of %d bytes" % len(self.image))
        self.assert_refused(self.image[:100], "truncated: 100 bytes, shorter than the 424-byte header")

    def test_damaged(self):
        data = bytearray(self.image)
        data[2000] ^= 1
        self.assert_refused(bytes(data), "checksum mismatch")

    def test_another_version(self):
        data = bytearray(self.image)
        struct.pack_into("<I", data, 8, 7)
        self.assert_refused(bytes(data), "format version 7; this reader knows version 1")

    def test_an_index_outside_its_table(self):
        data = bytearray(self.image)
        records = struct.unpack_from("<I", data, 264 + 6 * 16)[0]
        struct.pack_into("<I", data, records + 8, 99999)
        struct.pack_into("<I", data, 24, 0)
        struct.pack_into("<I", data, 24, zlib.crc32(bytes(data)))
        self.assert_refused(bytes(data), "table entries: row 99999 of 58")

    def test_written_atomically_or_not_at_all(self):
        with tempfile.TemporaryDirectory() as tmp:
            target = os.path.join(tmp, "missing", "r.img")
            run = iana_gen(EXCERPT, "--image", target)
            self.assertEqual(run.returncode, 2)
            self.assertIn(target, run.stderr)
            self.assertEqual(os.listdir(tmp), [])

    def test_the_json_of_an_image_is_valid(self):
        with tempfile.TemporaryDirectory() as tmp:
            path, _ = make(EXCERPT, tmp)
            run = iana_gen(path, "--json", os.path.join(tmp, "m.json"))
            self.assertEqual(run.returncode, 0, run.stderr)
            with open(os.path.join(tmp, "m.json")) as handle:
                self.assertEqual(len(json.load(handle)["records"]), 101)
        self.assertTrue(image.is_image(self.image))


if __name__ == "__main__":
    unittest.main()
