# test_profile.py - the "IANA" configuration profile shipped in profiles/IANA.
# SPDX-License-Identifier: GPL-2.0-or-later

import os
import unittest

import manifest
from tshark import ROOT, TsharkTestCase

PROFILE = os.path.join(ROOT, "profiles", "IANA")


class Profile(TsharkTestCase):
    PROFILES = (("IANA", PROFILE),)

    def test_columns(self):
        out, _ = self.tshark.run("-C", "IANA", capture="demo.pcapng")
        lines = out.splitlines()
        self.assertEqual(len(lines), 10)
        self.assertIn(" nvme assigned NVM Express, Inc. <admin@nvmexpress.org> 50002 \u2192 4420 [SYN]", lines[2])
        self.assertIn(" lm-x assigned Henrik Goldman <hg@x-formation.com> 50004 \u2192 6200 Len=8 [IANA: lm-x]",
                      lines[4])
        # Both ports registered: the columns show the service side only.
        self.assertIn(" TCP 54 qmtps assigned FEHCom <feh@fehcom.de> 4371 \u2192 6209 [SYN]", lines[9])
        if manifest.tables() == "full":
            self.assertIn(" domain assigned Paul Mockapetris", lines[0])

    def test_columns_show_the_innermost_service_once(self):
        out, _ = self.tshark.run("-C", "IANA", capture="encapsulation.pcapng")
        lines = out.splitlines()
        # VXLAN (4789) carries TCP to 4420: the inner header's service only.
        self.assertIn(" nvme assigned NVM Express, Inc. <admin@nvmexpress.org> 50025 \u2192 4420 [SYN]", lines[4])
        self.assertNotIn("assigned,assigned", out)

    def test_without_the_profile_the_columns_are_the_usual_ones(self):
        out, _ = self.tshark.run(capture="demo.pcapng")
        self.assertNotIn("NVM Express", out)

    def test_colouring_rules(self):
        out, _ = self.tshark.run("-C", "IANA", "--color", "-T", "fields", "-e", "frame.number",
                                 "-e", "frame.coloring_rule.name", capture="demo.pcapng")
        rules = dict(line.split("\t") for line in out.splitlines())
        self.assertEqual(rules["5"], "IANA: Known Unauthorized Use")
        self.assertEqual(rules["6"], "IANA: de-assigned port")
        self.assertEqual(rules["8"], "IANA: de-assigned port")
        self.assertEqual(rules["9"], "IANA: de-assigned port" if manifest.tables() == "full" else "")
        out, _ = self.tshark.run("-C", "IANA", "--color", "-T", "fields", "-e", "frame.number", "-e",
                                 "frame.coloring_rule.name", capture="loopback.pcapng")
        rules = dict(line.split("\t") for line in out.splitlines())
        self.assertEqual(rules["4"], "IANA: protocol mismatch")
        self.assertEqual(rules["80"], "")


if __name__ == "__main__":
    unittest.main()
