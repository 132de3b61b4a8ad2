# test_stats.py - the statistics tree, tshark -q -z iana,tree.
# SPDX-License-Identifier: GPL-2.0-or-later

import re
import unittest

import manifest
from tshark import TsharkTestCase


def stats(tshark, capture):
    """{section: {item: packets}} from the tree tshark prints."""
    out, _ = tshark.run("-q", "-z", "iana,tree", capture=capture)
    tree, section = {}, None
    for line in out.splitlines():
        m = re.match(r"^(\s?)(\S.*?)\s{2,}(\d+)\s", line)
        if not m or line.startswith("Topic"):
            continue
        if m.group(1):
            tree[section][m.group(2)] = int(m.group(3))
        else:
            section = m.group(2)
            tree[section] = {"total": int(m.group(3))}
    return tree


class Stats(TsharkTestCase):
    def test_excerpt_ports(self):
        tree = stats(self.tshark, "excerpt-ports.pcapng")
        self.assertEqual(tree["Packets by service"]["total"], 17)
        self.assertEqual(tree["Packets by service"]["nvme (4420/tcp, assigned)"], 1)
        self.assertEqual(tree["Packets by service"]["(service side unknown)"], 2)
        self.assertEqual(tree["Bytes by service"]["nvme (4420/udp, assigned)"], 50)
        self.assertEqual(tree["Packets by assignee organisation"]["NVM Express, Inc."], 2)
        self.assertEqual(tree["Packets by status"]["reserved"], 2)
        self.assertEqual(tree["Known Unauthorized Use"],
                         {"total": 2, "6200/tcp lm-x": 1, "6200/udp lm-x": 1})
        self.assertEqual(tree["De-assigned ports in use"],
                         {"total": 3, "3980/tcp (de-assigned 2020-12-29, was acms)": 1,
                          "3693/udp (removed 2007-04-05)": 1, "4501/tcp (de-registered 2001-06-08)": 1})
        self.assertEqual(tree["Protocol mismatches"], {"total": 0})

    def test_loopback_mismatches(self):
        tree = stats(self.tshark, "loopback.pcapng")
        want = {"http on 4420/tcp (registered: nvme)": 9, "tls on 5222/tcp (registered: xmpp-client)": 16}
        if manifest.tables() == "full":
            want.update({"tls on 22/tcp (registered: ssh)": 15, "ssh on 443/tcp (registered: https)": 20})
            self.assertEqual(tree["Packets by service"]["domain (53/udp, assigned)"], 2)
        want["total"] = sum(want.values())
        self.assertEqual(tree["Protocol mismatches"], want)
        self.assertEqual(tree["Packets by service"]["total"], 122)

    def test_lan_discovery_raises_only_real_mismatches(self):
        # mDNS, LLMNR, NBNS, SSDP, WS-Discovery and AFS RX are no mismatch; the
        # capture's one real mismatch differs by registry (manifest.json).
        tree = stats(self.tshark, "lan-discovery.pcapng")
        if manifest.tables() == "full":
            want = {"tls on 375/tcp (registered: hassle)": 1}
        else:
            want = {"http on 4420/udp (registered: nvme)": 1}
        want["total"] = 1
        self.assertEqual(tree["Protocol mismatches"], want)

    def test_unregistered_service_ports(self):
        tree = stats(self.tshark, "edge-cases.pcapng")
        self.assertEqual(tree["Unregistered service ports"], {"total": 0})
        tree = stats(self.tshark, "conversations.pcapng")
        self.assertEqual(tree["Packets by service"]["qmtps (6209/tcp, assigned)"], 2)
        want = {"total": 2, "49200/tcp": 2}
        if manifest.tables() == "excerpt":
            # DNS from 53, which the excerpt does not hold, to 4420: Wireshark's
            # DNS dissector on 53 makes 53 the service side.
            want = {"total": 3, "49200/tcp": 2, "53/udp": 1}
        self.assertEqual(tree["Unregistered service ports"], want)


if __name__ == "__main__":
    unittest.main()
