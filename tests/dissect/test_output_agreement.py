# test_output_agreement.py - every iana.* field says the same in every way tshark prints.
# SPDX-License-Identifier: GPL-2.0-or-later
"""For every capture of test-captures/ and every field the plugin registers
(tshark -G fields: the value fields and the expert fields): what -T fields
prints is what the full tree holds (-T pdml, whose lines -V prints), what
-T json and -T ek hold, what a custom column shows and which frames a -Y
filter on the field selects. The manifest's expectations, which
test_captures checks on every version, hold every value field, so a field a
mode shows on one version it shows on all. What the statistics tree counts
and what the Info column option appends agree too. A Wireshark version whose
tree building (or whose cost saving of ours) empties a field in one mode
fails here. All of it again with a profile holding a local port
assignments table.

Where Wireshark itself prints differently, the difference is named and
asserted: -V never prints a hidden field (iana.service); -T fields prints a
true boolean as 1 up to 4.2 and True from 4.4 on (canonical() reads both);
an expert field has no value, so modes are compared on how often it
occurs; 4.0's -T ek keeps, of a field that several subtrees hold, one
subtree's values (4.4 and later keep them all)."""

import glob
import json
import os
import re
import unittest
import xml.etree.ElementTree as ET

import manifest
from tshark import CAPTURES, TsharkTestCase, json_values

LOCAL_PROFILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "local-profile")
CAPTURE_FILES = sorted(os.path.basename(p) for p in glob.glob(os.path.join(CAPTURES, "*.pcapng")))
# Between the values of a field in -T fields: a byte no registry text holds.
AGGREGATOR = "\x1f"


def canonical(value):
    """Booleans as 1: 4.0 prints 1, 4.4 and later True, JSON true."""
    return "1" if value in ("True", "true", True) else str(value)


def registered_fields(tshark):
    """[(field, type)] of every iana.* field, as tshark -G fields lists them."""
    out, _ = tshark.run("-G", "fields")
    rows = [line.split("\t") for line in out.splitlines()]
    return [(row[2], row[3]) for row in rows if row[0] == "F" and row[2].startswith("iana.")]


class OutputAgreement(TsharkTestCase):
    ARGS = ()       # for every run

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        registered = registered_fields(cls.tshark)
        cls.FIELDS = [name for name, _ in registered]
        # Expert fields (FT_NONE) carry no value: only how often they occur.
        cls.EXPERT = {name for name, kind in registered if kind == "FT_NONE"}
        cls._fields = {}

    def values(self, field, values):
        """What a mode shows of a field, as the comparison reads it."""
        return len(values) if field in self.EXPERT else [canonical(v) for v in values]

    def by_fields(self, capture):
        """{frame: {field: values}} from -T fields, every registered field at once."""
        if capture not in self._fields:
            cmd = ["-T", "fields", "-E", "occurrence=a", "-E", "aggregator=" + AGGREGATOR, "-e", "frame.number"]
            out, _ = self.tshark.run(*self.ARGS, *cmd, *[a for f in self.FIELDS for a in ("-e", f)],
                                     capture=capture)
            frames = {}
            for line in out.splitlines():
                row = line.split("\t")
                frames[int(row[0])] = {f: self.values(f, value.split(AGGREGATOR) if value else [])
                                       for f, value in zip(self.FIELDS, row[1:])}
            self._fields[capture] = frames
        return self._fields[capture]

    def test_the_registered_fields_are_all_there(self):
        # What this test covers is what -G fields lists: 40 value fields, 6 expert fields.
        self.assertEqual((len(self.FIELDS) - len(self.EXPERT), len(self.EXPERT)), (40, 6))

    def test_full_tree_and_verbose_text_hold_what_fields_print(self):
        for capture in CAPTURE_FILES:
            with self.subTest(capture):
                want = self.by_fields(capture)
                pdml, _ = self.tshark.run(*self.ARGS, "-T", "pdml", capture=capture)
                verbose, _ = self.tshark.run(*self.ARGS, "-V", capture=capture)
                # -V prints each frame's tree, one frame after the other.
                texts = re.split(r"(?m)^(?=Frame \d+: )", verbose)[1:]
                for packet, text in zip(ET.fromstring(pdml).iter("packet"), texts):
                    number = int(packet.find("proto[@name='geninfo']/field[@name='num']").get("show"))
                    got = {f: [] for f in self.FIELDS}
                    shown, hidden = [], []
                    for field in packet.iter("field"):
                        if field.get("name") in got:
                            got[field.get("name")].append(field.get("show"))
                            (hidden if field.get("hide") == "yes" else shown).append("[%s]" % field.get("showname"))
                    got = {f: self.values(f, v) for f, v in got.items()}
                    self.assertEqual(got, want[number], "frame %d: -T pdml" % number)
                    self.assertTrue(text.startswith("Frame %d: " % number), text[:80])
                    # Every line of ours the full tree shows, -V prints, in order.
                    lines = [line.strip() for line in text.splitlines()]
                    unread = iter(lines)
                    for line in shown:
                        self.assertTrue(line in unread, "frame %d: -V lacks %s" % (number, line))
                    # A hidden field (iana.service) is in the tree, and -V never prints it.
                    self.assertEqual([line for line in hidden if line in lines], [], "frame %d: -V" % number)

    def test_json_and_ek_hold_what_fields_print(self):
        for capture in CAPTURE_FILES:
            with self.subTest(capture):
                want = self.by_fields(capture)
                out, _ = self.tshark.run(*self.ARGS, "-T", "json", "--no-duplicate-keys", capture=capture)
                for packet in json.loads(out):
                    layers = packet["_source"]["layers"]
                    number = int(layers["frame"]["frame.number"])
                    got = {f: self.values(f, json_values(layers.get("iana", {}), f)) for f in self.FIELDS}
                    self.assertEqual(got, want[number], "frame %d: -T json" % number)
                out, _ = self.tshark.run(*self.ARGS, "-T", "ek", capture=capture)
                for line in out.splitlines():
                    doc = json.loads(line)
                    if "layers" not in doc:
                        continue            # the index line before each packet
                    number = int(doc["layers"]["frame"]["frame_frame_number"])
                    got = {}
                    for f in self.FIELDS:
                        found = json_values(doc["layers"].get("iana", {}), "iana_" + f.replace(".", "_"))
                        got[f] = self.values(f, found)
                    if manifest.series() >= (4, 4):
                        self.assertEqual(got, want[number], "frame %d: -T ek" % number)
                        continue
                    # 4.0's -T ek keeps one subtree's values of a key that
                    # several subtrees hold: every value field, not every
                    # value; of the expert items (each under a _ws.expert
                    # key), one subtree's.
                    experts = sum(want[number][f] for f in self.EXPERT)
                    self.assertEqual(sum(got[f] for f in self.EXPERT) > 0, experts > 0, "frame %d: -T ek" % number)
                    for f in self.FIELDS:
                        shown = want[number][f]
                        if f in self.EXPERT:
                            self.assertLessEqual(got[f], shown, "frame %d: -T ek %s" % (number, f))
                            continue
                        self.assertEqual(bool(got[f]), bool(shown), "frame %d: -T ek %s" % (number, f))
                        self.assertEqual([v for v in got[f] if v not in shown], [], "frame %d: -T ek %s" % (number, f))

    def test_custom_columns_show_what_fields_print(self):
        columns = ",".join('"%s","%%Cus:%s:0:R"' % (f, f) for f in self.FIELDS)
        fmt = 'gui.column.format:"No.","%m",' + columns
        for capture in CAPTURE_FILES:
            with self.subTest(capture):
                want = self.by_fields(capture)
                out, _ = self.tshark.run(*self.ARGS, "-o", fmt, "-T", "psml", capture=capture)
                for packet in ET.fromstring(out).iter("packet"):
                    cells = [s.text or "" for s in packet.findall("section")]
                    number = int(cells[0])
                    for field, cell in zip(self.FIELDS, cells[1:]):
                        values = want[number][field]
                        if field in self.EXPERT:
                            # An expert field's column shows its item's text, or nothing.
                            self.assertEqual(bool(cell), values > 0, "frame %d: column %s" % (number, field))
                        else:
                            self.assertEqual(",".join(canonical(v) for v in cell.split(",")) if cell else "",
                                             ",".join(values), "frame %d: column %s" % (number, field))

    def test_filters_select_what_fields_print(self):
        for capture in CAPTURE_FILES:
            want = self.by_fields(capture)
            present = [f for f in self.FIELDS if any(values[f] for values in want.values())]
            absent = [f for f in self.FIELDS if f not in present]
            for field in present:
                with self.subTest(capture=capture, filter=field):
                    out, _ = self.tshark.run(*self.ARGS, "-Y", field, "-T", "fields", "-e", "frame.number",
                                             capture=capture)
                    self.assertEqual([int(n) for n in out.split()],
                                     sorted(n for n, values in want.items() if values[field]))
            with self.subTest(capture=capture, filter="none of the rest"):
                out, _ = self.tshark.run(*self.ARGS, "-Y", " || ".join(absent), "-T", "fields", "-e",
                                         "frame.number", capture=capture)
                self.assertEqual(out.split(), [])

    def test_statistics_count_what_fields_print(self):
        for capture in CAPTURE_FILES:
            with self.subTest(capture):
                want = self.by_fields(capture)
                out, _ = self.tshark.run(*self.ARGS, "-q", "-z", "iana,tree", capture=capture)
                totals = dict(re.findall(r"^(\S.*?)\s{2,}(\d+)\s", out, re.M))
                mismatched = sum(1 for values in want.values() if values["iana.mismatch"])
                self.assertEqual(int(totals.get("Protocol mismatches", 0)), mismatched)

    def test_info_column_names_what_fields_print(self):
        info_only = ["-o", 'gui.column.format:"No.","%m","Info","%i"', "-o", "iana.info_column:TRUE"]
        for capture in CAPTURE_FILES:
            with self.subTest(capture):
                want = self.by_fields(capture)
                out, _ = self.tshark.run(*self.ARGS, *info_only, capture=capture)
                for line in out.splitlines():
                    number = int(line.split()[0])
                    named = re.findall(r" \[IANA: ([^\]]+)\]$", line)
                    servers = want[number]["iana.server_service"]
                    # Only the innermost header's service is named.
                    if named:
                        self.assertIn(named[0], servers, line)
                    if not servers:
                        self.assertEqual(named, [], line)


class OutputAgreementWithLocalTable(OutputAgreement):
    PROFILES = [("Local", LOCAL_PROFILE)]
    ARGS = ("-C", "Local")

    def test_the_local_table_is_in_use(self):
        rows = self.tshark.fields("local-ports.pcapng", ["iana.local"], *self.ARGS)
        self.assertTrue(all(row[1] for row in rows), rows)


if __name__ == "__main__":
    unittest.main()
