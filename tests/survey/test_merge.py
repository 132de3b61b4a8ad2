# test_merge.py - the survey's services.csv against direct counts.
# SPDX-License-Identifier: GPL-2.0-or-later
"""One survey over every project capture, with real tshark and parallel.
Its services.csv is checked against -T fields (packets, bytes, first and
last time and the captures of each endpoint that only single-header TCP
and UDP frames reach, counted frame by frame over all captures, as
tests/dissect/test_services.py counts one capture), and against each
capture's own -z iana,services,csv (every endpoint, summed)."""

import datetime
import os
import unittest

from support import CAPTURE_NAMES, Workspace, endpoint, read_csv

FIELDS = ["frame.len", "frame.time_epoch", "frame.protocols", "ip.src", "ip.dst", "ipv6.src", "ipv6.dst",
          "tcp.srcport", "tcp.dstport", "udp.srcport", "udp.dstport", "iana.server_port"]
COLUMNS = ("address,transport,port,service,status,assignee,observed,mismatch,unauthorized_use,deassigned,"
           "packets,bytes,conversations,first_seen,last_seen,captures")


def iso(epoch):
    seconds, _, fraction = epoch.partition(".")
    when = datetime.datetime.fromtimestamp(int(seconds), tz=datetime.timezone.utc)
    return when.strftime("%Y-%m-%dT%H:%M:%S.") + (fraction + "000000")[:6] + "Z"


def direct(ws):
    """{endpoint: [packets, bytes, captures, first, last]} over all the
    captures, for the endpoints whose port no other kind of frame reaches
    in any capture (tunnelled, quoted in ICMP, SCTP, DCCP, several headers)."""
    counted, elsewhere = {}, set()
    for capture in CAPTURE_NAMES:
        for row in ws.fields(capture, FIELDS):
            f = dict(zip(FIELDS, row[1:]))
            if not f["iana.server_port"]:
                continue
            layers = f["frame.protocols"].split(":")
            transports = [t for t in layers if t in ("tcp", "udp", "sctp", "dccp")]
            servers = f["iana.server_port"].split(",")
            if len(transports) != 1 or transports[0] not in ("tcp", "udp") or "icmp" in layers \
                    or "icmpv6" in layers or len(servers) != 1:
                elsewhere.update(servers)
                continue
            t, server = transports[0], servers[0]
            at_dst = f[t + ".dstport"] == server
            address = (f["ip.dst"] or f["ipv6.dst"]) if at_dst else (f["ip.src"] or f["ipv6.src"])
            entry = counted.setdefault((address, t, server), [0, 0, set(), None, None])
            entry[0] += 1
            entry[1] += int(f["frame.len"])
            entry[2].add(capture)
            when = f["frame.time_epoch"]
            if entry[3] is None or float(when) < float(entry[3]):
                entry[3] = when
            if entry[4] is None or float(when) > float(entry[4]):
                entry[4] = when
    return {k: v for k, v in counted.items() if k[2] not in elsewhere}


class Merge(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ws = Workspace()
        cls.out = cls.ws.new_out()
        cls.status, cls.stdout, cls.stderr = cls.ws.survey("--jobs", "2", "--out", cls.out, cls.ws.captures)
        cls.rows = read_csv(os.path.join(cls.out, "services.csv")) if cls.status == 0 else []

    @classmethod
    def tearDownClass(cls):
        cls.ws.__exit__()

    def test_the_survey_succeeds(self):
        self.assertEqual(self.status, 0, self.stderr)
        with open(os.path.join(self.out, "services.csv"), encoding="utf-8") as handle:
            self.assertEqual(handle.readline().rstrip("\n"), COLUMNS)
        self.assertRegex(self.stdout, r"%d captures \(0 failed\)" % len(CAPTURE_NAMES))

    def test_packets_and_bytes_match_a_direct_count(self):
        by_key = {endpoint(r): r for r in self.rows}
        counted = direct(self.ws)
        for key, (packets, size, captures, first, last) in counted.items():
            with self.subTest(key):
                self.assertIn(key, by_key)
                row = by_key[key]
                self.assertEqual((int(row["packets"]), int(row["bytes"]), int(row["captures"])),
                                 (packets, size, len(captures)))
                self.assertEqual((row["first_seen"], row["last_seen"]), (iso(first), iso(last)))
        self.assertGreater(len(counted), 25)
        # Some endpoints are in more than one capture: the merge really sums.
        self.assertTrue(any(len(v[2]) > 1 for v in counted.values()))

    def test_every_endpoint_sums_the_captures_own_rows(self):
        want = {}
        for capture in CAPTURE_NAMES:
            for row in self.ws.tshark_csv(capture):
                entry = want.setdefault(endpoint(row), [0, 0, 0, 0, set()])
                entry[0] += int(row["packets"])
                entry[1] += int(row["bytes"])
                entry[2] += int(row["conversations"])
                entry[3] += 1
                entry[4].update(filter(None, row["observed"].split(";")))
        got = {endpoint(r): [int(r["packets"]), int(r["bytes"]), int(r["conversations"]), int(r["captures"]),
                             set(filter(None, r["observed"].split(";")))] for r in self.rows}
        self.assertEqual(got, want)

    def test_one_capture_alone_keeps_its_rows(self):
        # A survey of one capture is that capture's inventory plus "1".
        out = self.ws.new_out()
        status, _, err = self.ws.survey("--out", out, os.path.join(self.ws.captures, "loopback.pcapng"))
        self.assertEqual(status, 0, err)
        rows = read_csv(os.path.join(out, "services.csv"))
        own = self.ws.tshark_csv("loopback.pcapng")
        for row in own:
            row["observed"] = ";".join(sorted(row["observed"].split(";"))) if row["observed"] else ""
            row["captures"] = "1"
        self.assertEqual(rows, own)


if __name__ == "__main__":
    unittest.main()
