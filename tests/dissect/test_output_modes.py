# test_output_modes.py - the same annotations in every way tshark prints.
# SPDX-License-Identifier: GPL-2.0-or-later

import json
import unittest

import manifest
from tshark import TsharkTestCase, json_values

CAPTURE = "excerpt-ports.pcapng"     # frame 1: TCP SYN to 4420 (nvme)


class OutputModes(TsharkTestCase):
    def test_verbose_tree(self):
        out, _ = self.tshark.run("-V", "-c", "1", capture=CAPTURE)
        self.assertIn("IANA Port Registry, Dst: nvme\n", out)
        self.assertIn("    [Destination port 4420/tcp: nvme (NVM Express over Fabrics storage access)]\n", out)
        self.assertIn("        [Assignee: NVM Express, Inc. <admin@nvmexpress.org>]\n"
                      "            [Assignee ID: NVM_Express_Inc]\n", out)
        self.assertIn("        [Contact: Amber Huffman <amber.huffman@intel.com>]\n", out)

    def test_json(self):
        out, _ = self.tshark.run("-T", "json", "-c", "1", capture=CAPTURE)
        layers = json.loads(out)[0]["_source"]["layers"]
        self.assertEqual(json_values(layers["iana"], "iana.dst_service"), ["nvme"])
        self.assertEqual(json_values(layers["iana"], "iana.assignee.id"), ["NVM_Express_Inc"])
        self.assertEqual(layers["iana"]["iana.port"], "4420")

    def test_ek(self):
        out, _ = self.tshark.run("-T", "ek", "-c", "1", capture=CAPTURE)
        doc = json.loads(out.splitlines()[-1])
        self.assertEqual(doc["layers"]["iana"]["iana_iana_dst_service"], "nvme")
        self.assertEqual(doc["layers"]["iana"]["iana_iana_status"], "assigned")

    def test_pdml(self):
        out, _ = self.tshark.run("-T", "pdml", "-c", "1", capture=CAPTURE)
        self.assertIn('<field name="iana.dst_service" showname="Destination service: nvme"', out)

    def test_json_filtered_to_iana(self):
        out, _ = self.tshark.run("-T", "json", "-J", "frame iana", "-Y", "iana.unauthorized_use",
                                 capture=CAPTURE)
        frames = json.loads(out)
        self.assertEqual([f["_source"]["layers"]["frame"]["frame.number"] for f in frames], ["5", "6"])
        self.assertEqual(json_values(frames, "iana.unauthorized_use.note"),
                         ["Known Unauthorized Use on port 6200"] * 2)

    def test_custom_columns(self):
        fmt = 'gui.column.format:"No.","%m","Dst service","%Cus:iana.dst_service","Status","%Cus:iana.status"'
        out, _ = self.tshark.run("-o", fmt, "-c", "3", capture=CAPTURE)
        self.assertEqual([line.split() for line in out.splitlines()],
                         [["1", "nvme", "assigned"], ["2", "nvme", "assigned"],
                          ["3", "xmpp-client", "assigned"]])

    def test_two_pass_agrees_with_one_pass(self):
        fields = manifest.load()["fields"]
        one = self.tshark.fields(CAPTURE, fields)
        two = self.tshark.fields(CAPTURE, fields, "-2")
        self.assertEqual(one, two)

    def test_expert_summary(self):
        out, _ = self.tshark.run("-q", "-z", "expert,note", capture=CAPTURE)
        self.assertIn("Port 6200/tcp has Known Unauthorized Use: Known Unauthorized Use on port 6200", out)
        self.assertIn("Port 3980/tcp was de-assigned on 2020-12-29, previously acms", out)

    def test_info_column_names_the_service_side(self):
        # The Info column as the packet list shows it. (From 4.6 on, the
        # _ws.col.info field is taken before postdissectors run, so -T fields
        # -e _ws.col.info cannot show what a postdissector appends.)
        info_only = ["-o", 'gui.column.format:"Info","%i"']
        plain, _ = self.tshark.run(*info_only, capture="conversations.pcapng")
        self.assertNotIn("[IANA", plain)
        for tree in ([], ["-Y", "frame"]):          # without and with a protocol tree
            out, _ = self.tshark.run(*(info_only + tree + ["-o", "iana.info_column:TRUE"]),
                                     capture="conversations.pcapng")
            lines = out.splitlines()
            self.assertTrue(lines[0].endswith(" [IANA: xmpp-client]"), lines[0])
            self.assertTrue(lines[1].endswith(" [IANA: xmpp-client]"), lines[1])
            self.assertTrue(lines[2].endswith(" [IANA: qmtps]"), lines[2])
            self.assertTrue(lines[3].endswith(" [IANA: qmtps]"), lines[3])
            self.assertEqual(lines[2].strip(), "4371 \u2192 6209 [SYN] Seq=0 Win=65535 Len=0 [IANA: qmtps]")
            self.assertNotIn("[IANA", lines[10])

    def test_plugin_disabled(self):
        out, _ = self.tshark.run("--disable-protocol", "iana", "-T", "fields", "-e", "iana.port",
                                 capture=CAPTURE)
        self.assertEqual(out.split(), [])


if __name__ == "__main__":
    unittest.main()
