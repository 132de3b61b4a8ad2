# test_local_ports.py - your own port assignments, beside IANA's.
# SPDX-License-Identifier: GPL-2.0-or-later
"""The "Local port assignments" table (iana_local_ports) over
test-captures/local-ports.pcapng, from a profile's file and from
-o uat:iana_local_ports:...: each local row shows in the same iana.*
fields as IANA's entries and ahead of them, under an iana.local item, with
status "local"; IANA's records still show after it. It counts for the
service side, the mismatch check, the statistics and the profile's
columns. Bad rows are refused with a message naming the row and the
column, and the good rows keep working."""

import csv
import json
import os
import shutil
import tempfile
import unittest
import xml.etree.ElementTree as ET

import manifest
from tshark import Tshark, TsharkTestCase, json_values

HERE = os.path.dirname(os.path.abspath(__file__))
LOCAL_PROFILE = os.path.join(HERE, "local-profile")
TABLE = os.path.join(LOCAL_PROFILE, "iana_local_ports")
CAPTURE = "local-ports.pcapng"
COLUMNS = ["ports", "transport", "service", "description", "owner", "contact", "note", "protocol"]
# The manifest's fields, for comparing whole annotations.
FIELDS = manifest.load()["fields"]


def table_rows(path=TABLE):
    """The fixture's rows, as dicts of its columns."""
    with open(path, encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return [dict(zip(COLUMNS, row)) for row in csv.reader(lines)]


def covering(rows, transport, port):
    """The rows that assign port on transport, in table order."""
    found = []
    for row in rows:
        low, _, high = row["ports"].partition("-")
        if row["transport"] in (transport, "any") and int(low) <= port <= int(high or low):
            found.append(row)
    return found


def uat_flags(rows):
    """-o uat:iana_local_ports:... for each row."""
    flags = []
    for row in rows:
        flags += ["-o", "uat:iana_local_ports:" + ",".join('"%s"' % row[c] for c in COLUMNS)]
    return flags


class LocalPorts(TsharkTestCase):
    PROFILES = [("Local", LOCAL_PROFILE)]
    LOCAL = ("-C", "Local")

    def frames(self, *args):
        """{frame: {field: value}} of the manifest's fields, with the ports."""
        names = FIELDS + ["tcp.srcport", "tcp.dstport", "udp.srcport", "udp.dstport"]
        got = {}
        for row in self.tshark.fields(CAPTURE, names, *args):
            got[int(row[0])] = dict(zip(names, row[1:]))
        return got

    def test_local_rows_come_first_and_iana_s_still_show(self):
        rows = table_rows()
        plain = {f["frame"]: manifest.expected(f) for f in manifest.load()["captures"]["local-ports"]["frames"]}
        for number, got in self.frames(*self.LOCAL).items():
            transport = "tcp" if got["tcp.srcport"] else "udp"
            local_count = 0
            for side, field in (("srcport", "iana.src_service"), ("dstport", "iana.dst_service")):
                local = [r["service"] for r in covering(rows, transport, int(got[transport + "." + side]))]
                local_count += len(local)
                iana = plain[number].get(field, "")
                want = ",".join(local + ([iana] if iana else []))
                self.assertEqual(got[field], want, "frame %d, %s" % (number, field))
            self.assertGreater(local_count, 0, "frame %d has a local port" % number)
            self.assertEqual(got["iana.local"].split(","), ["1" if manifest.series() < (4, 4) else "True"]
                             * local_count, "frame %d" % number)
            self.assertEqual(got["iana.status"].split(",").count("local"), local_count, "frame %d" % number)

    def test_a_local_row_s_fields_are_under_its_own_item(self):
        rows = table_rows()
        pdml, _ = self.tshark.run(*self.LOCAL, "-T", "pdml", "-Y", "frame.number == 1", capture=CAPTURE)
        items = [f for f in ET.fromstring(pdml).iter("field") if f.get("name") == "iana.local"]
        self.assertEqual(len(items), 2)     # billing-api, then the lab-web range over it
        for item, row in zip(items, covering(rows, "tcp", 8443)):
            got = {f.get("name"): f.get("show") for f in item.findall("field") if f.get("hide") != "yes"}
            # iana.service, hidden as tcp.port is, names the row too.
            self.assertEqual([(f.get("name"), f.get("show")) for f in item.findall("field") if f.get("hide") == "yes"],
                             [("iana.service", row["service"])])
            want = {"iana.dst_service": row["service"], "iana.description": row["description"],
                    "iana.status": "local", "iana.assignee": row["owner"]}
            if row["contact"]:
                want["iana.contact"] = row["contact"]
            if row["note"]:
                want["iana.note"] = row["note"]
            if "-" in row["ports"]:
                want["iana.range"] = row["ports"]
            self.assertEqual(got, want)
        verbose, _ = self.tshark.run(*self.LOCAL, "-V", "-Y", "frame.number == 1", capture=CAPTURE)
        self.assertIn("Destination port 8443/tcp: billing-api (local), lab-web (local)", verbose)
        self.assertIn("Local assignment: billing-api (Billing API)", verbose)

    def test_the_service_side_is_the_local_assignment(self):
        got = self.frames(*self.LOCAL)
        for number in got:
            self.assertEqual(got[number]["iana.server_service"],
                             {1: "billing-api", 2: "billing-api", 3: "billing-api", 4: "tvheadend",
                              5: "lab-udp", 6: "adb", 7: "flowlog"}[number], "frame %d" % number)
        # A local row decides the side where IANA alone cannot: 9005 is Reserved,
        # 61000 in no registry; 5555 without a SYN seen.
        self.assertEqual([got[n]["iana.role.basis"].split(",")[-1] for n in (5, 6, 7)], ["local"] * 3)
        self.assertEqual(got[1]["iana.role.basis"].split(",")[-1], "syn")

    def test_the_protocol_column_says_what_to_expect(self):
        got = self.frames(*self.LOCAL)
        plain = self.frames()
        # HTTP on 8443: the local row expects http. Without the table the
        # full registry's pcsync-https makes it a mismatch.
        self.assertEqual(got[3]["iana.mismatch"], "")
        if manifest.tables() == "full":
            self.assertEqual(plain[3]["iana.mismatch"], "http")
        # TLS on 5555, where the local row expects adb.
        self.assertEqual(got[6]["iana.mismatch"], "tls")
        out, _ = self.tshark.run(*self.LOCAL, "-q", "-z", "expert,warn", capture=CAPTURE)
        self.assertIn("Port 5555/tcp is assigned locally for adb but carries tls", out)

    def test_statistics_count_local_assignments(self):
        out, _ = self.tshark.run(*self.LOCAL, "-q", "-z", "iana,tree", capture=CAPTURE)
        self.assertRegex(out, r"\n billing-api \(8443/tcp, local\)\s+3\s")
        self.assertRegex(out, r"\n local\s+7\s")
        self.assertRegex(out, r"\n Payments team\s+3\s")
        self.assertRegex(out, r"\n tls on 5555/tcp \(assigned locally: adb\)\s+1\s")

    def test_the_profile_s_columns_show_the_local_assignment(self):
        fmt = ('gui.column.format:"No.","%m","Service","%Cus:iana.server_service",'
               '"IANA status","%Cus:iana.server_status","Assignee","%Cus:iana.server_assignee"')
        out, _ = self.tshark.run(*self.LOCAL, "-o", fmt, "-c", "1", capture=CAPTURE)
        self.assertEqual(out.split(None, 3), ["1", "billing-api", "local", "Payments team\n"])

    def test_output_modes_agree(self):
        out, _ = self.tshark.run(*self.LOCAL, "-T", "json", "--no-duplicate-keys", "-Y", "frame.number == 1",
                                 capture=CAPTURE)
        self.assertEqual(json_values(json.loads(out), "iana.dst_service")[:2], ["billing-api", "lab-web"])
        out, _ = self.tshark.run(*self.LOCAL, "-T", "ek", "-Y", "frame.number == 1", capture=CAPTURE)
        # -T ek repeats a key for each subtree that holds the field (4.0),
        # or gathers the values of all of them (4.4 on): local names first.
        self.assertRegex(out, r'"iana_iana_local":\s*\[true,\s*true\]')
        self.assertRegex(out, r'"iana_iana_dst_service":\s*\["billing-api",\s*"lab-web"[],]')
        for flt, frames in (('iana.status == "local"', [1, 2, 3, 4, 5, 6, 7]),
                            ("iana.local && iana.dst_service == \"billing-api\"", [1, 3]),
                            ('iana.server_status == "local" && iana.mismatch', [6])):
            out, _ = self.tshark.run(*self.LOCAL, "-Y", flt, "-T", "fields", "-e", "frame.number",
                                     capture=CAPTURE)
            self.assertEqual([int(n) for n in out.split()], frames, flt)

    def test_uat_flags_give_what_the_profile_s_file_gives(self):
        from_file = self.tshark.fields(CAPTURE, FIELDS, *self.LOCAL)
        from_flags = self.tshark.fields(CAPTURE, FIELDS, *uat_flags(table_rows()))
        self.assertEqual(from_flags, from_file)
        self.assertNotEqual(from_file, self.tshark.fields(CAPTURE, FIELDS))

    def test_a_thousand_rows(self):
        rows = [{"ports": str(20000 + 2 * n), "transport": ("tcp", "udp", "any")[n % 3], "service": "svc%d" % n,
                 "description": "", "owner": "", "contact": "", "note": "", "protocol": ""} for n in range(994)]
        rows += table_rows()
        folder = tempfile.mkdtemp()
        try:
            with open(os.path.join(folder, "iana_local_ports"), "w", encoding="utf-8") as handle:
                for row in rows:
                    handle.write(",".join('"%s"' % row[c] for c in COLUMNS) + "\n")
            with Tshark(profile_dirs=[("Big", folder)]) as tshark:
                big = tshark.fields(CAPTURE, FIELDS, "-C", "Big")
        finally:
            shutil.rmtree(folder)
        self.assertEqual(big, self.tshark.fields(CAPTURE, FIELDS, *self.LOCAL))


class BadRows(unittest.TestCase):
    GOOD = table_rows()[0]

    def test_each_bad_row_is_refused_naming_its_column(self):
        cases = [({"ports": "70000"}, 'column ports: "70000" is not a port'),
                 ({"transport": "quic"}, 'row 8443, column transport: "quic" is none of tcp, udp, sctp, dccp and any'),
                 ({"service": " "}, "row 8443/tcp, column service: a service name is needed"),
                 ({"ports": "9010-9000"}, 'column ports: the range "9010-9000" ends before it starts'),
                 ({"protocol": "nosuchproto"}, 'row 8443/tcp billing-api, column protocol: "nosuchproto" is not '
                                               "a Wireshark protocol's filter name")]
        with Tshark() as tshark:
            for change, message in cases:
                with self.subTest(change):
                    row = dict(self.GOOD, **change)
                    _, err = tshark.run(*uat_flags([row]), "-c", "1", capture=CAPTURE, check=False)
                    self.assertNotEqual(tshark.last_returncode, 0)
                    self.assertIn("iana_local_ports:", err)
                    self.assertIn(message, err)

    def test_a_bad_row_in_a_file_leaves_the_others_working(self):
        folder = tempfile.mkdtemp()
        try:
            lines = open(TABLE, encoding="utf-8").read().splitlines()
            lines.insert(3, '"99999","tcp","typo","","","","",""')     # the file's line 4
            with open(os.path.join(folder, "iana_local_ports"), "w", encoding="utf-8") as handle:
                handle.write("\n".join(lines) + "\n")
            with Tshark(profile_dirs=[("Typo", folder)]) as tshark:
                rows = tshark.fields(CAPTURE, ["iana.server_service"], "-C", "Typo")
                _, err = tshark.run("-C", "Typo", "-c", "1", capture=CAPTURE)
        finally:
            shutil.rmtree(folder)
        self.assertIn('iana_local_ports:4: column ports: "99999" is not a port', err)
        self.assertEqual([r[1] for r in rows], ["billing-api"] * 3 + ["tvheadend", "lab-udp", "adb", "flowlog"])


if __name__ == "__main__":
    unittest.main()
