# test_services.py - tshark -z iana,services: one row per service endpoint.
# SPDX-License-Identifier: GPL-2.0-or-later
"""The inventory of service endpoints, through the real tshark, on every
capture: its CSV form against a direct count from -T fields (packets, bytes,
conversations and times of each endpoint that only single-header TCP and
UDP frames reach), the table form against the CSV, the filter argument,
every header counted (tunnels, ICMP-quoted ones), the registry's flags, and
the closing count of packets whose service side is undecided."""

import csv
import datetime
import glob
import io
import os
import re
import unittest

import manifest
from tshark import CAPTURES, TsharkTestCase

CAPTURE_FILES = sorted(os.path.basename(p) for p in glob.glob(os.path.join(CAPTURES, "*.pcapng")))
COLUMNS = ["address", "transport", "port", "service", "status", "assignee", "observed", "mismatch",
           "unauthorized_use", "deassigned", "packets", "bytes", "conversations", "first_seen", "last_seen"]
FIELDS = ["frame.len", "frame.time_epoch", "frame.protocols", "ip.src", "ip.dst", "ipv6.src", "ipv6.dst",
          "tcp.srcport", "tcp.dstport", "udp.srcport", "udp.dstport", "iana.server_port"]


def iso(epoch):
    """frame.time_epoch as the inventory writes times."""
    seconds, _, fraction = epoch.partition(".")
    when = datetime.datetime.fromtimestamp(int(seconds), tz=datetime.timezone.utc)
    return when.strftime("%Y-%m-%dT%H:%M:%S.") + (fraction + "000000")[:6] + "Z"


def inventory(tshark, capture, *args):
    """(comments {key: value}, rows [dict]) of -z iana,services,csv[,args]."""
    out, _ = tshark.run("-q", "-z", ",".join(("iana,services,csv",) + args), capture=capture)
    comments = dict(re.findall(r"(\w+)=(\S+)", "".join(line for line in out.splitlines(True)
                                                       if line.startswith("# "))))
    body = "".join(line for line in out.splitlines(True) if not line.startswith("# "))
    return comments, list(csv.DictReader(io.StringIO(body)))


class Services(TsharkTestCase):
    def inventory(self, capture, *args):
        return inventory(self.tshark, capture, *args)

    def direct(self, capture):
        """Each endpoint only single-header TCP and UDP frames reach, counted
        from -T fields: {(address, transport, port): [packets, bytes,
        clients, first, last]}, and the endpoints other frames reach."""
        counted, elsewhere = {}, set()
        for row in self.tshark.fields(capture, FIELDS):
            f = dict(zip(FIELDS, row[1:]))
            layers = f["frame.protocols"].split(":")
            transports = [t for t in layers if t in ("tcp", "udp", "sctp", "dccp")]
            if not f["iana.server_port"]:
                continue
            servers = f["iana.server_port"].split(",")
            if len(transports) != 1 or transports[0] not in ("tcp", "udp") or "icmp" in layers or \
                    "icmpv6" in layers or len(servers) != 1:
                for server in servers:
                    elsewhere.add(server)
                continue
            t = transports[0]
            src, dst = f["ip.src"] or f["ipv6.src"], f["ip.dst"] or f["ipv6.dst"]
            sport, dport = f[t + ".srcport"], f[t + ".dstport"]
            server = servers[0]
            at_dst = dport == server
            key = (dst if at_dst else src, t, server)
            client = (src, sport) if at_dst else (dst, dport)
            entry = counted.setdefault(key, [0, 0, set(), None, None])
            entry[0] += 1
            entry[1] += int(f["frame.len"])
            entry[2].add(client)
            when = float(f["frame.time_epoch"])
            entry[3] = f["frame.time_epoch"] if entry[3] is None or when < float(entry[3]) else entry[3]
            entry[4] = f["frame.time_epoch"] if entry[4] is None or when > float(entry[4]) else entry[4]
        return {k: v for k, v in counted.items() if k[2] not in elsewhere}

    def test_the_csv_counts_what_fields_print(self):
        checked = 0
        for capture in CAPTURE_FILES:
            with self.subTest(capture):
                _, rows = self.inventory(capture)
                self.assertEqual(list(rows[0].keys()) if rows else COLUMNS, COLUMNS)
                by_key = {(r["address"], r["transport"], r["port"]): r for r in rows}
                for key, (packets, size, clients, first, last) in self.direct(capture).items():
                    self.assertIn(key, by_key, "%s: %s" % (capture, key))
                    row = by_key[key]
                    self.assertEqual((int(row["packets"]), int(row["bytes"]), int(row["conversations"])),
                                     (packets, size, len(clients)), "%s: %s" % (capture, key))
                    self.assertEqual((row["first_seen"], row["last_seen"]), (iso(first), iso(last)))
                    checked += 1
        self.assertGreater(checked, 30)

    def test_rows_are_sorted_and_booleans_are_0_or_1(self):
        for capture in CAPTURE_FILES:
            with self.subTest(capture):
                _, rows = self.inventory(capture)
                for row in rows:
                    for flag in ("mismatch", "unauthorized_use", "deassigned"):
                        self.assertIn(row[flag], ("0", "1"))
                    self.assertRegex(row["first_seen"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$")

                def place(row):
                    import ipaddress
                    address = ipaddress.ip_address(row["address"]) if row["address"] else None
                    return (2 if address is None else 0 if address.version == 4 else 1,
                            int(address) if address else 0, row["transport"], int(row["port"]))
                self.assertEqual(rows, sorted(rows, key=place))

    def test_the_table_shows_the_rows_of_the_csv(self):
        for capture in CAPTURE_FILES:
            with self.subTest(capture):
                comments, rows = self.inventory(capture)
                out, _ = self.tshark.run("-q", "-z", "iana,services", capture=capture)
                lines = out.splitlines()
                start = lines.index("Service endpoints") + 1
                table = [[cell.strip() for cell in line.split("|")[:-1]] for line in lines[start:-1]]
                undecided = [r for r in table if r[0] == "(no service side decided)"]
                endpoints = [r for r in table if r[0] != "(no service side decided)"]
                want = sorted([r["address"], r["transport"], r["port"], r["service"], r["packets"], r["bytes"],
                               r["conversations"]] for r in rows)
                self.assertEqual(sorted([r[0], r[1], r[2], r[3], r[10], r[11], r[12]] for r in endpoints), want)
                # The undecided packets close the table, as their own row.
                if int(comments["undecided_packets"]):
                    self.assertEqual(table[-1], undecided[0])
                    self.assertEqual(undecided[0][10:12], [comments["undecided_packets"],
                                                           comments["undecided_bytes"]])
                else:
                    self.assertEqual(undecided, [])

    def test_every_header_counts_under_its_own_endpoint(self):
        _, rows = self.inventory("encapsulation.pcapng")
        keys = {(r["address"], r["transport"], r["port"]) for r in rows}
        # The TCP inside a VXLAN tunnel, and the UDP header an ICMPv6 error
        # quotes, each at its own server; and the tunnel itself, where the
        # registry knows its port (4789, vxlan: the whole registry only).
        want = {("198.51.100.20", "tcp", "4420"), ("2001:db8::20", "udp", "4420")}
        if manifest.tables() == "full":
            want.add(("198.51.100.20", "udp", "4789"))
        self.assertLessEqual(want, keys)

    def test_the_filter_argument_selects_packets(self):
        _, everything = self.inventory("loopback.pcapng")
        _, filtered = self.inventory("loopback.pcapng", "!(tcp.port == 80)")
        self.assertEqual(filtered, [r for r in everything if (r["transport"], r["port"]) != ("tcp", "80")])
        self.assertEqual(len(filtered), len(everything) - 1)

    def test_the_registry_s_flags_and_the_protocol_seen(self):
        _, rows = self.inventory("excerpt-ports.pcapng")
        by_port = {(r["transport"], r["port"]): r for r in rows}
        self.assertEqual(by_port[("tcp", "6200")]["unauthorized_use"], "1")
        self.assertEqual(by_port[("tcp", "3980")]["deassigned"], "1")
        self.assertEqual(by_port[("tcp", "4420")]["service"], "nvme")
        self.assertEqual(by_port[("tcp", "4420")]["assignee"], "NVM Express, Inc. <admin@nvmexpress.org>")
        comments, rows = self.inventory("loopback.pcapng")
        nvme = [r for r in rows if r["port"] == "4420"][0]
        self.assertEqual((nvme["observed"], nvme["mismatch"]), ("http", "1"))
        self.assertEqual(comments["frames"], str(len(self.tshark.fields("loopback.pcapng", []))))

    def test_the_undecided_packets_are_counted(self):
        # edge-cases: UDP between two unregistered ports, and (excerpt) 0 -> 0
        # and 5222 (not in the excerpt): no service side for any of them.
        comments, _ = self.inventory("edge-cases.pcapng")
        undecided = 0
        for row in self.tshark.fields("edge-cases.pcapng", ["udp.srcport", "tcp.srcport", "iana.server_port"]):
            undecided += bool(row[1] or row[2]) and not row[3]
        self.assertEqual(int(comments["undecided_packets"]), undecided)
        self.assertGreater(undecided, 0)


if __name__ == "__main__":
    unittest.main()
