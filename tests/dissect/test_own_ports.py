# test_own_ports.py - every annotated port is one of its own header's ports.
# SPDX-License-Identifier: GPL-2.0-or-later
"""On every capture of test-captures/, in every output mode: each iana.port
and each iana.server_port is one of the two ports of the transport header
it stands for, as the tree's tcp, udp, sctp and dccp port fields show them
(tools/own_ports.py). The captures include dissectors above the transport
that rewrite pinfo's ports (wifi-tunnels, port-writers), whose headers the
plugin must still annotate with their own. -V, a column and a filter show
what -T fields shows (test_output_agreement); the other modes are read
here."""

import glob
import os
import unittest

import manifest
from tshark import CAPTURES, TsharkTestCase  # puts tools/ on the path
import own_ports  # noqa: E402  (tools/own_ports.py)

CAPTURE_FILES = sorted(os.path.basename(p) for p in glob.glob(os.path.join(CAPTURES, "*.pcapng")))


class OwnPorts(TsharkTestCase):
    def check(self, mode, args, read):
        for capture in CAPTURE_FILES:
            with self.subTest(capture=capture, mode=mode):
                out, _ = self.tshark.run(*args, capture=capture)
                self.assertEqual(read(out), [])

    def test_the_tree(self):
        self.check("-T pdml", ["-T", "pdml"], own_ports.in_pdml)

    def test_json(self):
        self.check("-T json", ["-T", "json"], own_ports.in_json)

    def test_fields(self):
        args = ["-T", "fields", "-E", "occurrence=a", "-E", "aggregator=,"]
        self.check("-T fields", args + [a for f in own_ports.FIELDS for a in ("-e", f)], own_ports.in_fields)

    def test_ek(self):
        self.check("-T ek", ["-T", "ek"], own_ports.in_ek)

    def test_the_rewritten_frames_are_annotated(self):
        # The shapes that fooled the plugin before: with the whole registry
        # every frame has a header whose own ports are annotated, on every
        # version; the excerpt registers none of these ports, and nothing
        # (least of all 1 -> 1, tcpmux) is annotated.
        for capture in ("wifi-tunnels.pcapng", "port-writers.pcapng"):
            rows = self.tshark.fields(capture, ["iana.port", "udp.srcport", "udp.dstport",
                                                "tcp.srcport", "tcp.dstport"])
            for row in rows:
                ports = set(row[1].split(",")) - {""}
                own = set(",".join(row[2:]).split(",")) - {""}
                if manifest.tables() == "full":
                    self.assertTrue(ports and ports <= own, "%s frame %s: %s" % (capture, row[0], row))
                else:
                    self.assertEqual(ports, set(), "%s frame %s: %s" % (capture, row[0], row))


if __name__ == "__main__":
    unittest.main()
