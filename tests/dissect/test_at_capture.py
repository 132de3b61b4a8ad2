# test_at_capture.py - the registry as it was when the packet was captured.
# SPDX-License-Identifier: GPL-2.0-or-later
"""test-captures/at-capture.pcapng holds old frames to ports whose entry
changed since (the manifest has each frame's fields). Here: the same
answer in every output mode, the expert note on a port seen before its
registration, and the preference that turns it all off."""

import json
import unittest

import manifest
from tshark import TsharkTestCase, json_values

CAPTURE = "at-capture.pcapng"
FIELDS = ["iana.at_capture", "iana.at_capture.status", "iana.at_capture.service", "iana.at_capture.assignee"]


class AtCapture(TsharkTestCase):
    def expected(self, field):
        """{frame: value} of field from the manifest, for frames that have one."""
        frames = manifest.load()["captures"]["at-capture"]["frames"]
        return {f["frame"]: manifest.expected(f)[field] for f in frames if field in manifest.expected(f)}

    def test_filters_select_the_frames(self):
        for flt, field, value in (('iana.at_capture.status == "not registered"', "iana.at_capture.status",
                                   "not registered"),
                                  ('iana.at_capture.service == "acms"', "iana.at_capture.service", "acms"),
                                  ("iana.at_capture", "iana.at_capture", None)):
            with self.subTest(flt):
                out, _ = self.tshark.run("-Y", flt, "-T", "fields", "-e", "frame.number", capture=CAPTURE)
                want = sorted(n for n, v in self.expected(field).items() if value in (None, v))
                self.assertTrue(want)
                self.assertEqual([int(n) for n in out.split()], want)

    def test_tree_json_and_ek(self):
        verbose, _ = self.tshark.run("-V", "-Y", "frame.number == 1", capture=CAPTURE)
        self.assertIn("[At capture time: acms until 2020-12-29]", verbose)
        out, _ = self.tshark.run("-T", "json", capture=CAPTURE)
        got = {int(p["_source"]["layers"]["frame"]["frame.number"]):
               json_values(p["_source"]["layers"].get("iana", {}), "iana.at_capture") for p in json.loads(out)}
        self.assertEqual({n: v[0] for n, v in got.items() if v}, self.expected("iana.at_capture"))
        out, _ = self.tshark.run("-T", "ek", "-Y", "frame.number == 5", capture=CAPTURE)
        self.assertIn('"iana_iana_at_capture":"not yet registered (registered 2016-03-31)"', out.replace(": ", ":"))

    def test_custom_column(self):
        fmt = 'gui.column.format:"No.","%m","Then","%Cus:iana.at_capture"'
        out, _ = self.tshark.run("-o", fmt, "-Y", "frame.number == 4", capture=CAPTURE)
        self.assertEqual(out.split(None, 1), ["4", "surfpass until 2022-01-10\n"])

    def test_two_passes_agree_with_one(self):
        self.assertEqual(self.tshark.fields(CAPTURE, FIELDS, "-2"), self.tshark.fields(CAPTURE, FIELDS))

    def test_an_expert_note_marks_a_port_seen_before_its_registration(self):
        out, _ = self.tshark.run("-Y", "iana.expert.before_registration", "-T", "fields", "-e", "frame.number",
                                 capture=CAPTURE)
        self.assertEqual([int(n) for n in out.split()],
                         sorted(n for n, v in self.expected("iana.at_capture.status").items()
                                if v == "not registered"))
        out, _ = self.tshark.run("-q", "-z", "expert,note", capture=CAPTURE)
        self.assertIn("Port 4420/tcp seen before its registration on 2016-03-31 "
                      "(NVM Express over Fabrics storage access)", out)

    def test_the_preference_turns_it_off(self):
        off = ["-o", "iana.at_capture:FALSE"]
        rows = self.tshark.fields(CAPTURE, FIELDS + ["iana.port"], *off)
        ports = self.expected("iana.port")
        self.assertEqual({int(row[0]): row[5] for row in rows if row[5]}, ports)    # still annotated
        self.assertEqual([row[1:5] for row in rows], [["", "", "", ""]] * len(rows))
        out, _ = self.tshark.run(*off, "-q", "-z", "expert,note", capture=CAPTURE)
        self.assertNotIn("before its registration", out)


if __name__ == "__main__":
    unittest.main()
