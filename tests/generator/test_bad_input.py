# test_bad_input.py - bad registry files: one clear line, non-zero exit,
# nothing written.
# SPDX-License-Identifier: GPL-2.0-or-later

import os
import tempfile
import unittest

from support import EXCERPT, iana_gen, xml_head

from ianareg.csv_format import HEADER

XML_HEAD = xml_head()
CSV_HEAD = ",".join(HEADER) + "\n"


def xml_record(number, protocol="tcp", name="svc"):
    return ("<record><name>%s</name><protocol>%s</protocol><description>d</description>"
            "<number>%s</number></record>\n" % (name, protocol, number))


with open(EXCERPT, encoding="utf-8") as _handle:
    _EXCERPT = _handle.read()

# name: (file name, content, what the one-line message must say)
BAD = {
    "malformed xml": ("r.xml", XML_HEAD + "<record><name>x</name>\n</registry>",
                      r"r\.xml: line 5: malformed XML: mismatched tag"),
    "truncated xml": ("r.xml", XML_HEAD + xml_record(80) + "<record><name>cut",
                      r"r\.xml: line 5: malformed XML"),
    "foreign xml": ("r.xml", '<?xml version="1.0"?><rss version="2.0"></rss>',
                    r"r\.xml: line 1: not the IANA service name and port number registry"),
    "entity expansion": ("r.xml", '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><r/>',
                         r"r\.xml: line 1: DTDs and entity declarations are not allowed"),
    "port over 65535": ("r.xml", XML_HEAD + xml_record(80) + xml_record(65536) + "</registry>",
                        r"r\.xml: record 2 \(line 5\): port 65536 is over 65535"),
    "inverted range": ("r.xml", XML_HEAD + xml_record("5000-4000") + "</registry>",
                       r"r\.xml: record 1 \(line 4\): range 5000-4000 is inverted"),
    "unknown transport": ("r.xml", XML_HEAD + xml_record(80, "quic") + "</registry>",
                          r"r\.xml: record 1 \(line 4\): unknown transport 'quic'"),
    "duplicate record": ("r.xml", XML_HEAD + xml_record(80) + xml_record(80) + "</registry>",
                         r"r\.xml: record 2 \(line 5\): duplicate record svc 80/tcp \(first at record 1"),
    "not a port": ("r.csv", CSV_HEAD + "svc,eighty,tcp,d,,,,,,,,\n",
                   r"r\.csv: line 2: port 'eighty' is not a number or a range"),
    "wrong csv header": ("r.csv", "Name,Port,Proto\nhttp,80,tcp\n",
                         r"r\.csv: line 1: not the registry's CSV header"),
    "short csv row": ("r.csv", CSV_HEAD + "svc,80,tcp,d\n", r"r\.csv: line 2: 4 columns, expected 12"),
    "truncated csv": ("r.csv", CSV_HEAD + 'svc,80,tcp,"cut in the middle of a quoted cell',
                      r"r\.csv: line 2: malformed CSV: unexpected end of data"),
    "bad csv date": ("r.csv", CSV_HEAD + "svc,80,tcp,d,,,June 2001,,,,,\n",
                     r"r\.csv: line 2: registered 'June 2001' is not a date"),
    "csv duplicate": ("r.csv", CSV_HEAD + "svc,80,tcp,d,,,,,,,,\nsvc,80,tcp,d,,,,,,,,\n",
                      r"r\.csv: line 3: duplicate record svc 80/tcp \(first at line 2\)"),
    "text port over 65535": ("r.txt", _EXCERPT.replace("nvme 4420 tcp", "nvme 70000 tcp"),
                             r"r\.txt: line 99: port 70000 is over 65535"),
    "text without a table": ("r.txt", "Service Name and Transport Protocol Port Number Registry\n",
                             r"r\.txt: not a registry in XML, CSV or plain text"),
    "binary garbage": ("r.bin", bytes(range(256)) * 8,
                       r"r\.bin: not a registry in XML, CSV or plain text"),
    "not utf-8 csv": ("r.csv", CSV_HEAD.encode() + b"svc,80,tcp,caf\xe9,,,,,,,,\n",
                      r"r\.csv: line 2: not UTF-8 text \(byte \d+\)"),
    "empty file": ("r.xml", "", r"r\.xml: empty file"),
    "missing file": (None, None, r"nonexistent\.xml: No such file or directory"),
}


class BadInput(unittest.TestCase):
    def test_each_bad_input(self):
        for name, (filename, content, message) in BAD.items():
            with self.subTest(name), tempfile.TemporaryDirectory() as tmp:
                path = os.path.join(tmp, filename or "nonexistent.xml")
                if content is not None:
                    with open(path, "wb") as handle:
                        handle.write(content if isinstance(content, bytes) else content.encode())
                out = os.path.join(tmp, "out")
                os.mkdir(out)
                # What a previous good run left must survive a failed one.
                previous = os.path.join(out, "iana-registry-data.inc")
                with open(previous, "w") as handle:
                    handle.write("previous tables\n")
                run = iana_gen(path, "--c-out", out, "--json", os.path.join(out, "model.json"))
                self.assertEqual(run.returncode, 2, run.stderr)
                lines = run.stderr.splitlines()
                self.assertEqual(len(lines), 1, run.stderr)
                self.assertRegex(lines[0], "^iana-gen: .*" + message)
                self.assertNotIn("Traceback", run.stderr)
                self.assertEqual(sorted(os.listdir(out)), ["iana-registry-data.inc"])
                with open(previous) as handle:
                    self.assertEqual(handle.read(), "previous tables\n")

    def test_unknown_element_or_column_is_a_warning(self):
        with tempfile.TemporaryDirectory() as tmp:
            xml = os.path.join(tmp, "r.xml")
            with open(xml, "w") as handle:
                handle.write(XML_HEAD + "<record><name>a</name><protocol>tcp</protocol>"
                             "<description>d</description><number>80</number><colour>red</colour>"
                             "</record></registry>")
            run = iana_gen(xml, "--c-out", tmp)
            self.assertEqual(run.returncode, 0, run.stderr)
            self.assertRegex(run.stderr, r"r\.xml: record 1 \(line 4\): unknown element <colour> ignored")
            csv = os.path.join(tmp, "r.csv")
            with open(csv, "w") as handle:
                handle.write(CSV_HEAD.rstrip("\n") + ",Colour\nsvc,80,tcp,d,,,,,,,,,red\n")
            run = iana_gen(csv, "--c-out", tmp)
            self.assertEqual(run.returncode, 0, run.stderr)
            self.assertRegex(run.stderr, r"r\.csv: line 1: unknown columns ignored: Colour")

    def test_unwritable_output_leaves_nothing_behind(self):
        with tempfile.TemporaryDirectory() as tmp:
            run = iana_gen(EXCERPT, "--c-out", os.path.join(tmp, "no", "such", "dir"))
            self.assertEqual(run.returncode, 2)
            self.assertRegex(run.stderr, r"^iana-gen: .*no/such/dir/iana-registry-data\.inc: No such file")
            self.assertEqual(os.listdir(tmp), [])


if __name__ == "__main__":
    unittest.main()
