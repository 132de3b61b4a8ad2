# test_registration.py - what the plugin registers, as tshark -G reports it.
# SPDX-License-Identifier: GPL-2.0-or-later

import os
import re
import unittest

from tshark import FULL_SNAPSHOT, ROOT, Tshark

GOLDEN = os.path.join(ROOT, "tests", "registration", "fields.golden")


class Registration(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with Tshark() as tshark:
            cls.fields = [line for line in tshark.run("-G", "fields")[0].splitlines()
                          if re.match(r"^[PF]\t[^\t]*\tiana(\.|$)", line) or line.startswith("P\tIANA")]
            cls.protocols = tshark.run("-G", "protocols")[0].splitlines()
            cls.plugins = tshark.run("-G", "plugins")[0]

    def test_fields_match_the_golden_list(self):
        with open(GOLDEN, encoding="utf-8") as handle:
            golden = handle.read().splitlines()
        self.assertEqual(self.fields, golden,
                         "tshark -G fields differs from tests/registration/fields.golden")

    def test_protocol_and_plugin_are_listed(self):
        # 4.4 and later add columns (enabled, ...) after the three names.
        self.assertIn(["IANA Port Registry (excerpt 2025-09-29, 101 records, built in)", "IANA", "iana"],
                      [line.split("\t")[:3] for line in self.protocols])
        self.assertRegex(self.plugins, r"iana\.so\s+\d+\.\d+\.\d+ \([^)]*\)\s+dissector")

    def test_plugin_version_names_its_registry(self):
        # Which tables the build carries, as -G plugins (Help > About) shows it.
        want = {"excerpt": ("1.0.0 (IANA registry excerpt 2025-09-29, 101 records)",
                            "excerpt 2025-09-29, 101 records, built in"),
                "full": ("1.0.0 (IANA registry %s, 14,533 records)" % FULL_SNAPSHOT,
                         "%s, 14,533 records, built in" % FULL_SNAPSHOT)}
        version, edition = want[os.environ.get("IANA_TABLES", "excerpt")]
        self.assertIn(["iana.so", version],
                      [[cell.strip() for cell in line.split("\t")[:2]] for line in self.plugins.splitlines()])
        self.assertIn("IANA Port Registry (%s)" % edition, [line.split("\t")[0] for line in self.protocols])

    def test_names_follow_the_house_rules(self):
        names, experts = set(), set()
        for line in self.fields[1:]:
            cols = line.split("\t")
            name, blurb = cols[2], cols[7] if len(cols) > 7 else ""
            self.assertRegex(name, r"^iana(\.[a-z][a-z0-9_]*)+$")
            if name.startswith("iana.expert."):
                experts.add(name[len("iana.expert."):])
            else:
                names.add(name)
                self.assertGreater(len(blurb), 20, "%s needs a real blurb" % name)
        # Expert information lives apart from the fields, under iana.expert.
        self.assertEqual(experts, {"unauthorized_use", "deassigned", "reserved", "unassigned", "mismatch",
                                   "before_registration"})
        self.assertNotIn("iana.expert", names)


if __name__ == "__main__":
    unittest.main()
