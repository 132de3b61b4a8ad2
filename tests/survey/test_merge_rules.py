# test_merge_rules.py - the merge's rules on made-up inventories, without tshark.
# SPDX-License-Identifier: GPL-2.0-or-later
"""Sums, earliest and latest times, ORed flags, the sorted union of the
protocols seen, the order of rows, the registry rule for mixed registries,
the CSV quoting, and that the order results arrive in changes nothing."""

import itertools
import unittest

import support  # noqa: F401  (puts scripts/ on the path)
from ianasurvey import merge, record
from ianasurvey.record import Registry, Result

WHOLE = Registry("2026-08-17", 14533, True)
EXCERPT = Registry("2025-09-29", 101, False)


def row(address="192.0.2.1", transport="tcp", port="80", **values):
    base = {"address": address, "transport": transport, "port": port, "service": "http", "status": "assigned",
            "assignee": "IESG <iesg@ietf.org>", "observed": "", "mismatch": "0", "unauthorized_use": "0",
            "deassigned": "0", "packets": "1", "bytes": "60", "conversations": "1",
            "first_seen": "2026-01-01T00:00:00.000000Z", "last_seen": "2026-01-01T00:00:00.000000Z"}
    base.update(values)
    return base


def result(*rows, registry=WHOLE):
    return Result("k", ok=True, registry=registry, rows=list(rows))


class Rules(unittest.TestCase):
    def test_counts_add_up_and_times_span(self):
        merged = merge.merge([
            result(row(packets="3", bytes="300", conversations="2", first_seen="2026-01-02T00:00:00.000000Z",
                       last_seen="2026-01-03T00:00:00.000000Z")),
            result(row(packets="4", bytes="500", conversations="1", first_seen="2026-01-01T00:00:00.500000Z",
                       last_seen="2026-01-02T12:00:00.000000Z"))])
        self.assertEqual(len(merged), 1)
        m = merged[0]
        self.assertEqual((m["packets"], m["bytes"], m["conversations"], m["captures"]), (7, 800, 3, 2))
        self.assertEqual((m["first_seen"], m["last_seen"]),
                         ("2026-01-01T00:00:00.500000Z", "2026-01-03T00:00:00.000000Z"))

    def test_flags_are_ored_and_protocols_united(self):
        m = merge.merge([result(row(observed="tls;http", mismatch="1")),
                         result(row(observed="ssh", unauthorized_use="1")),
                         result(row(observed="", deassigned="0"))])[0]
        self.assertEqual((m["mismatch"], m["unauthorized_use"], m["deassigned"]), ("1", "1", "0"))
        self.assertEqual(m["observed"], "http;ssh;tls")

    def test_rows_sort_as_the_plugin_sorts_them(self):
        rows = [row(address=""), row(address="2001:db8::1"), row(address="10.0.0.2", port="443"),
                row(address="9.0.0.1"), row(address="10.0.0.2", transport="udp", port="53"),
                row(address="10.0.0.2", port="80"), row(address="::1")]
        order = [(r["address"], r["transport"], r["port"]) for r in merge.merge([result(*rows)])]
        self.assertEqual(order, [("9.0.0.1", "tcp", "80"), ("10.0.0.2", "tcp", "80"), ("10.0.0.2", "tcp", "443"),
                                 ("10.0.0.2", "udp", "53"), ("::1", "tcp", "80"), ("2001:db8::1", "tcp", "80"),
                                 ("", "tcp", "80")])

    def test_the_order_of_arrival_changes_nothing(self):
        results = [result(row(observed="tls", packets="2"), row(port="22", observed="ssh")),
                   result(row(observed="http"), registry=EXCERPT),
                   result(row(service="www", assignee="Someone"), row(address="::2"))]
        outputs = {merge.to_csv(merge.MERGED_COLUMNS, merge.merge(list(p)))
                   for p in itertools.permutations(results)}
        self.assertEqual(len(outputs), 1)

    def test_mixed_registries_take_the_newest(self):
        older = row(service="", status="unregistered", assignee="")
        for first, second in ((result(older, registry=EXCERPT), result(row())),
                              (result(row()), result(older, registry=EXCERPT))):
            m = merge.merge([first, second])[0]
            self.assertEqual((m["service"], m["status"], m["assignee"]), ("http", "assigned", "IESG <iesg@ietf.org>"))
        # One registry, yet different answers (local assignments): the least.
        m = merge.merge([result(row(service="web", status="local", assignee="ops")), result(row())])[0]
        self.assertEqual((m["service"], m["status"]), ("http", "assigned"))

    def test_csv_quotes_as_the_plugin_does(self):
        data = merge.to_csv(merge.MERGED_COLUMNS, merge.merge([result(row(assignee='NVM Express, Inc. "x"'),
                                                                       row(port="81", assignee="a\rb"))]))
        lines = data.decode().split("\n")
        self.assertIn(',"NVM Express, Inc. ""x""",', lines[1])
        self.assertIn(',"a\rb",', lines[2])
        self.assertTrue(data.endswith(b"\n") and b"\r\n" not in data)


class Records(unittest.TestCase):
    """A record read back: only whole ones count."""

    def record(self, body, status=0, key="abc"):
        return ("#iana-survey begin %s\n%s#iana-survey end %s status=%d start=1.25 end=3.75 node=box "
                "login=2/ssh -p 22 user@host.example\n" % (key, body, key, status)).encode()

    def test_a_whole_record(self):
        body = ("# registry=2026-08-17 records=14533 excerpt=0\n# frames=5 undecided_packets=0 undecided_bytes=0\n"
                + ",".join(record.COLUMNS) + "\n" + ",".join(row().values()) + "\n")
        r = record.parse(self.record(body), "abc")
        self.assertTrue(r.ok)
        self.assertEqual((r.frames, r.seconds, r.host, r.registry), (5, 2.5, "user@host.example", WHOLE))
        self.assertEqual(r.rows, [row()])

    def test_a_failure_keeps_tshark_s_reason(self):
        body = ('# frames=3\n#iana-survey stderr\ntshark: The file "x.pcap" appears to have been cut short.\n'
                '\nsecond line\n')
        r = record.parse(self.record(body, status=2), "abc")
        self.assertFalse(r.ok)
        self.assertEqual(r.reason, 'The file "x.pcap" appears to have been cut short.; second line')
        self.assertEqual(r.frames, 3)

    def test_a_record_cut_short_or_of_another_capture_is_none(self):
        whole = self.record("# frames=0\n")
        self.assertIsNone(record.parse(whole[:-40], "abc"))
        self.assertIsNone(record.parse(whole, "abd"))
        self.assertIsNone(record.parse(b"", "abc"))
        self.assertIsNone(record.parse(whole.replace(b"begin abc", b"begin abcd"), "abc"))


if __name__ == "__main__":
    unittest.main()
