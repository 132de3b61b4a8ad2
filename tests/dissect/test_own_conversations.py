# test_own_conversations.py - every header's service side is one of its own ports.
# SPDX-License-Identifier: GPL-2.0-or-later
"""On every capture, each iana.server_port is one of the two ports of the
header it stands under (the header of the ports annotated just before it
in the IANA tree), as the transport protocols' own fields give them in
the full tree: a service side never comes from another header's
conversation (a tunnel's, a quoted copy's, another sampled flow's)."""

import glob
import os
import unittest
import xml.etree.ElementTree as ET

import manifest
from tshark import CAPTURES, TsharkTestCase

TRANSPORTS = ("tcp", "udp", "sctp", "dccp")
CAPTURE_FILES = sorted(os.path.basename(p) for p in glob.glob(os.path.join(CAPTURES, "*.pcapng")))


def transport_headers(packet):
    """The (source port, destination port) of each transport header, in
    dissection order, quoted ones included, as the plugin numbers them."""
    headers = []
    for proto in packet.iter("proto"):
        name = proto.get("name")
        if name not in TRANSPORTS:
            continue
        ports = {f.get("name"): f.get("show") for f in proto.findall("field")}
        src, dst = ports.get(name + ".srcport"), ports.get(name + ".dstport")
        if src is not None and dst is not None:
            headers.append({int(src), int(dst)})
    return headers


class OwnConversations(TsharkTestCase):
    def test_every_service_port_is_one_of_its_own_header_s_ports(self):
        checked = 0
        for capture in CAPTURE_FILES:
            pdml, _ = self.tshark.run("-T", "pdml", capture=capture)
            for packet in ET.fromstring(pdml).iter("packet"):
                number = packet.find("proto[@name='geninfo']/field[@name='num']").get("show")
                iana = packet.find("proto[@name='iana']")
                if iana is None:
                    continue
                headers = transport_headers(packet)
                numbers = {f.get("show") for f in iana.iter("field") if f.get("name") == "iana.header"}
                if manifest.tables() == "full":
                    # The whole registry has a record for every port, so
                    # every header is annotated, wherever its layer lies.
                    with self.subTest(capture=capture, frame=number):
                        self.assertEqual(len(numbers) or 1, len(headers))
                # The annotated ports of the header at hand: those since the
                # last service port, of one iana.header.
                group, current = set(), None
                for field in iana.findall("field"):
                    if field.get("name") == "iana.port":
                        header = field.find(".//field[@name='iana.header']")
                        number_of = header.get("show") if header is not None else "1"
                        if number_of != current:
                            group, current = set(), number_of
                        group.add(int(field.get("show")))
                    elif field.get("name") == "iana.server_port":
                        own = [ports for ports in headers if group <= ports]
                        with self.subTest(capture=capture, frame=number):
                            self.assertTrue(own, "no header holds the ports %s" % group)
                            self.assertTrue(any(int(field.get("show")) in ports for ports in own),
                                            "service port %s is not one of %s" % (field.get("show"), own))
                        checked += 1
        self.assertGreater(checked, 50)

    def test_each_sampled_flow_has_its_own_service_side(self):
        # An sFlow datagram with two sampled flows: to 80 (TLS on it would
        # refuse HTTP) and to 443. Each has its own service port, with or
        # without a tree, and no mismatch comes from the other flow. The
        # excerpt has no record for any of the three ports.
        fields = ["iana.port", "iana.server_port", "iana.mismatch"]
        full = manifest.tables() == "full"
        want = ["6343,80,443", "6343,80,443", ""] if full else ["", "", ""]
        for mode in ((), ("-2",), ("-Y", "frame")):
            with self.subTest(mode=mode):
                rows = self.tshark.fields("own-conversations.pcapng", fields, *mode)
                self.assertEqual([row[1:] for row in rows if row[0] == "4"], [want])
        if full:
            out, _ = self.tshark.run("-V", "-Y", "sflow", capture="own-conversations.pcapng")
            self.assertIn("IANA Port Registry, Dst: sflow, Dst: http, Dst: https", out)


if __name__ == "__main__":
    unittest.main()
