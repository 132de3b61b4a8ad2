# test_unauthorized.py - the ports a Known Unauthorized Use note names, and
# status keywords read without regard to case, in every input format.
# SPDX-License-Identifier: GPL-2.0-or-later

import os
import re
import tempfile
import unittest

from support import EXCERPT, FULL_SNAPSHOT, iana_gen, model, snapshot, xml_head
from test_emit import row, write_csv

from ianareg.unauthorized import flagged_within, named_ports

SNAPSHOTS = ("2024-03-18", "2025-09-29", "2026-02-13", FULL_SNAPSHOT)

# Every wording of the four snapshots, and what it names.
WORDINGS = {
    "Unauthorized Use Known on port 42000": [(42000, 42000)],
    "Known Unauthorized Use on port 6003": [(6003, 6003)],
    "Unauthorized Use Known on Port 6659": [(6659, 6659)],
    "Known UNAUTHORIZED USE on Port 5570": [(5570, 5570)],
    "Known UNAUTHORIZED USE: port 11488": [(11488, 11488)],
    "Known UNAUTHORIZED USE: Port 4045": [(4045, 4045)],
    "Known UNAUTHORIZED USEs on port 5555": [(5555, 5555)],
    "Known Unauthorized Use on 100": [(100, 100)],
    "Known Unauthorized Use on ports 33436-33534": [(33436, 33534)],
    "Unauthorized Use Known on ports 2194-2196": [(2194, 2196)],
    "Known UNAUTHORIZED USE: Ports 4490 and 4491": [(4490, 4490), (4491, 4491)],
    "Unauthorized Use Known on ports 28017, 28018 and 28019": [(28017, 28017), (28018, 28018),
                                                               (28019, 28019)],
    "Known UNAUTHORIZED USE: Ports 44515 & 44516": [(44515, 44515), (44516, 44516)],
    "PORT 90 also being used unofficially by Pointcast": [(90, 90)],
    "Unofficial use of port 6588 by AnalogX and Microsoft": [(6588, 6588)],
    "Unauthorized use by some mail users (see [RFC4146] for details)": [],
    "krb524 assigned the port, nv used it without an assignment": [],
    "yes": [],
}
NAMING_NONE = {text for text, ports in WORDINGS.items() if not ports}


def write_text(path, lines):
    """The bundled excerpt with its rows replaced by lines."""
    with open(EXCERPT, encoding="utf-8") as handle:
        head = handle.read().split("\n")
    start = next(n for n, line in enumerate(head) if re.match(r"^\S+ \d+ (tcp|udp) ", line))
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(head[:start] + lines) + "\n")


class Wordings(unittest.TestCase):
    def test_every_wording(self):
        for text, ports in WORDINGS.items():
            with self.subTest(text):
                self.assertEqual(named_ports(text), ports)

    def test_numbers_that_name_no_port(self):
        for text in ("see [RFC6335] section 5", "krb5 on tcp", "on port 70000", "on ports 9-3",
                     "version 4 of it", ""):
            with self.subTest(text):
                self.assertEqual(named_ports(text), [])
        self.assertEqual(named_ports(None), [])

    def test_a_port_named_twice_counts_once(self):
        self.assertEqual(named_ports("on port 80, also Port 80 and ports 80 & 81"), [(80, 80), (81, 81)])

    def test_flagged_within_a_record(self):
        # Named ports inside a range: only those, merged.
        self.assertEqual(flagged_within([(4490, 4490), (4491, 4491)], 4489, 4499), [(4490, 4491)])
        self.assertEqual(flagged_within([(33436, 33534)], 33436, 33655), [(33436, 33534)])
        self.assertEqual(flagged_within([(28019, 28019), (28017, 28017)], 28011, 28079),
                         [(28017, 28017), (28019, 28019)])
        # The record's own port, its whole range, or no port of it: the whole record.
        self.assertEqual(flagged_within([(6200, 6200)], 6200, 6200), [])
        self.assertEqual(flagged_within([(2194, 2196)], 2194, 2196), [])
        self.assertEqual(flagged_within([(7011, 7011)], 7012, 7012), [])
        self.assertEqual(flagged_within([], 41798, 42507), [])
        # A named range reaching past the record is cut to it.
        self.assertEqual(flagged_within([(5000, 6010)], 6000, 6063), [(6000, 6010)])


class EverySnapshot(unittest.TestCase):
    """The survey, kept: every note of every snapshot is a known wording, and
    reads as named above."""

    def test_every_note_names_its_ports(self):
        for date in SNAPSHOTS:
            with self.subTest(date):
                for rec in model(snapshot(date))["records"]:
                    text = rec["unauthorized_use"]
                    if not text:
                        self.assertEqual(rec["unauthorized_ports"], [])
                        continue
                    if text in NAMING_NONE:
                        self.assertEqual(rec["unauthorized_ports"], [], text)
                    else:
                        # A note naming no port must be one we read and know.
                        self.assertNotEqual(rec["unauthorized_ports"], [], text)
                        for port in rec["unauthorized_ports"]:
                            self.assertIn(port.split("-")[0], text)

    def test_2026_08_17_ranges(self):
        by_port = {(r["port"], r["transport"]): r for r in model(snapshot(FULL_SNAPSHOT))["records"]
                   if r["unauthorized_use"]}
        want = {("41798-42507", None): ["42000"], ("6000-6063", "tcp"): ["6003"],
                ("33436-33655", None): ["33436-33534"], ("4489-4499", None): ["4490", "4491"],
                ("28011-28079", None): ["28017", "28018", "28019"], ("8616-8664", None): ["8616", "8617"],
                ("44446-44543", None): ["44515", "44516"], ("6200", "tcp"): ["6200"]}
        for key, ports in want.items():
            with self.subTest(key):
                self.assertEqual(by_port[key]["unauthorized_ports"], ports)
                self.assertTrue(by_port[key]["unauthorized_use"])

    def test_report_counts_notes_naming_ports(self):
        run = iana_gen(snapshot(FULL_SNAPSHOT), "--report")
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertIn("known unauthorized use: 112 records (69 distinct notes); notes naming ports: "
                      "105 records (66 notes), naming none: 7 records (3 notes)", run.stdout)
        self.assertIn("flagged only on the ports their note names: 17 range records; 1689 record "
                      "ports (1626 distinct port numbers) no longer flagged", run.stdout)


class EveryFormat(unittest.TestCase):
    """The same notes read from CSV, XML and plain text give the same ports."""

    CASES = [("a", "4489-4499", "", "Unassigned", "Known UNAUTHORIZED USE: Ports 4490 and 4491"),
             ("b", "6000", "tcp", "X", "Known Unauthorized Use on port 6000"),
             ("c", "28011-28079", "", "Unassigned", "Unauthorized Use Known on ports 28017, 28018 and 28019"),
             ("d", "79", "tcp", "Finger", "Unauthorized use by some mail users (see [RFC4146] for details)")]
    WANT = [["4490", "4491"], ["6000"], ["28017", "28018", "28019"], []]

    def ports(self, m):
        return [r["unauthorized_ports"] for r in m["records"]]

    def test_csv(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "r.csv")
            write_csv(path, [row(s if d != "Unassigned" else "", p, t, d, Unauthorized_Use_Reported=u)
                             for s, p, t, d, u in self.CASES])
            self.assertEqual(self.ports(model(path)), self.WANT)

    def test_xml(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "r.xml")
            records = "".join(
                "<record>%s%s<number>%s</number><description>%s</description>"
                "<unauthorized>%s</unauthorized></record>"
                % ("<name>%s</name>" % s if d != "Unassigned" else "",
                   "<protocol>%s</protocol>" % t if t else "", p, d, u) for s, p, t, d, u in self.CASES)
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(xml_head() + records + "</registry>\n")
            self.assertEqual(self.ports(model(path)), self.WANT)

    def test_text(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "r.txt")
            write_text(path, ["%s %s %s %s %s" % (s if d != "Unassigned" else "", p, t, d, u)
                              for s, p, t, d, u in self.CASES if t] +
                             ["%s %s %s" % (p, d, u) for s, p, t, d, u in self.CASES if not t])
            got = {r["port"]: r["unauthorized_ports"] for r in model(path)["records"]}
            self.assertEqual(got, {c[1]: w for c, w in zip(self.CASES, self.WANT)})


class StatusKeywords(unittest.TestCase):
    """Reserved and Unassigned, whatever their case, in every format."""

    DESCRIPTIONS = {"unassigned": "unassigned", "UNASSIGNED": "unassigned", "Unassigned": "unassigned",
                    "reserved": "reserved", "Reserved": "reserved", "Reservation Service": "assigned",
                    "Unassignedness Daemon": "assigned"}

    def test_csv(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "r.csv")
            write_csv(path, [row("", str(1000 + n), "tcp", d) for n, d in enumerate(self.DESCRIPTIONS)])
            got = [r["status"] for r in model(path)["records"]]
            self.assertEqual(got, list(self.DESCRIPTIONS.values()))

    def test_text(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "r.txt")
            write_text(path, ["%d tcp %s" % (1000 + n, d) for n, d in enumerate(self.DESCRIPTIONS)])
            got = [r["status"] for r in model(path)["records"]]
            self.assertEqual(got, list(self.DESCRIPTIONS.values()))

    def test_2026_02_13_lowercase_unassigned(self):
        for kind in ("xml", "csv"):
            with self.subTest(kind):
                records = model(snapshot("2026-02-13", kind))["records"]
                got = {(r["port"], r["transport"]): (r["description"], r["status"]) for r in records
                       if r["port"] in ("114", "1895")}
                self.assertEqual(got, {("114", None): ("unassigned", "unassigned"),
                                       ("1895", "tcp"): ("unassigned", "unassigned"),
                                       ("1895", "udp"): ("unassigned", "unassigned")})


if __name__ == "__main__":
    unittest.main()
