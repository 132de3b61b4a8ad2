# test_output_agreement.py - every way of asking tshark gives the same annotation.
# SPDX-License-Identifier: GPL-2.0-or-later
"""For every capture of test-captures/: what -T fields prints is what the
full tree (-T pdml, the tree -V and the GUI show) holds, what -T json
holds, what each -Y filter selects, what the statistics tree counts and
what the Info column option appends. A Wireshark version whose tree building
hides a header or a verdict from one of these ways fails here. All of it
again with a profile holding a local port assignments table."""

import glob
import json
import os
import re
import unittest
import xml.etree.ElementTree as ET

from tshark import CAPTURES, TsharkTestCase, json_values

FIELDS = ["iana.header", "iana.quoted", "iana.port", "iana.transport", "iana.src_service",
          "iana.dst_service", "iana.status", "iana.unauthorized_use", "iana.history.event",
          "iana.role", "iana.role.basis", "iana.server_port", "iana.server_service", "iana.mismatch",
          "iana.local", "iana.at_capture", "iana.at_capture.status", "iana.at_capture.service"]
# Each a filter of its own: what a header, a flag or a verdict adds.
FILTERED = ["iana.port", "iana.header", "iana.quoted", "iana.unauthorized_use", "iana.history.event",
            "iana.server_service", "iana.mismatch", "iana.local", "iana.at_capture"]
LOCAL_PROFILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "local-profile")
CAPTURE_FILES = sorted(os.path.basename(p) for p in glob.glob(os.path.join(CAPTURES, "*.pcapng")))


def canonical(value):
    """Booleans as 1: 4.0 prints 1, 4.4 and later True, JSON true."""
    return "1" if value in ("True", "true", True) else str(value)


class OutputAgreement(TsharkTestCase):
    ARGS = ()       # for every run

    def by_fields(self, capture):
        """{frame: {field: [values]}} from -T fields."""
        frames = {}
        for row in self.tshark.fields(capture, FIELDS, *self.ARGS):
            frames[int(row[0])] = {f: [canonical(v) for v in value.split(",")] if value else []
                                   for f, value in zip(FIELDS, row[1:])}
        return frames

    def test_full_tree_and_json_hold_what_fields_print(self):
        for capture in CAPTURE_FILES:
            with self.subTest(capture):
                want = self.by_fields(capture)
                pdml, _ = self.tshark.run(*self.ARGS, "-T", "pdml", capture=capture)
                for packet in ET.fromstring(pdml).iter("packet"):
                    number = int(packet.find("proto[@name='geninfo']/field[@name='num']").get("show"))
                    got = {f: [] for f in FIELDS}
                    for field in packet.iter("field"):
                        if field.get("name") in got:
                            got[field.get("name")].append(canonical(field.get("show")))
                    self.assertEqual(got, want[number], "frame %d: -T pdml" % number)
                out, _ = self.tshark.run(*self.ARGS, "-T", "json", "--no-duplicate-keys", capture=capture)
                for packet in json.loads(out):
                    layers = packet["_source"]["layers"]
                    number = int(layers["frame"]["frame.number"])
                    got = {f: [canonical(v) for v in json_values(layers.get("iana", {}), f)] for f in FIELDS}
                    self.assertEqual(got, want[number], "frame %d: -T json" % number)

    def test_filters_select_what_fields_print(self):
        for capture in CAPTURE_FILES:
            want = self.by_fields(capture)
            for field in FILTERED:
                with self.subTest(capture=capture, filter=field):
                    out, _ = self.tshark.run(*self.ARGS, "-Y", field, "-T", "fields", "-e", "frame.number",
                                             capture=capture)
                    self.assertEqual([int(n) for n in out.split()],
                                     sorted(n for n, values in want.items() if values[field]))

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
