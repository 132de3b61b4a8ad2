# test_registry_switch.py - the registry image follows the profile in the real GUI.
# SPDX-License-Identifier: GPL-2.0-or-later
"""Wireshark (the excerpt build) opens a capture in the IANA profile, which
holds no registry image; then, without a restart, switches to a profile
that holds the whole registry's image, and back. The statistics tree says
which registry each profile uses, and counts with it: 443/tcp is https in
the whole registry and unregistered in the excerpt."""

import os
import unittest

from wireshark_gui import Wireshark, XServer, copy_statistics, require_tools, switch_profile

TITLE = "IANA Port Registry"


def title_and_https(text):
    title = next(line for line in text.splitlines() if line.startswith(TITLE + " ("))
    return title, "https (443/tcp, assigned)" in text


class RegistrySwitch(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        require_tools()
        image = os.environ.get("IANA_FULL_IMAGE", "")
        if not os.path.exists(image):
            raise unittest.SkipTest("the whole registry's image is not built (needs ../shared)")

        def during(x, window):
            seen = [title_and_https(copy_statistics(x, window, TITLE))]
            switch_profile(x, window, 1)        # IANA, then Pinned
            seen.append(title_and_https(copy_statistics(x, window, TITLE)))
            switch_profile(x, window, -1)
            seen.append(title_and_https(copy_statistics(x, window, TITLE)))
            return seen

        with XServer() as x, Wireshark() as gui:
            os.makedirs(os.path.join(gui.dir, "config", "profiles", "Pinned"))
            gui.put_image(image, "Pinned")
            cls.seen = gui.session(x, "demo.pcapng", during=during).seen

    def test_the_profile_without_an_image_uses_the_compiled_in_tables(self):
        self.assertEqual(self.seen[0], ("IANA Port Registry (excerpt 2025-09-29, 101 records, built in):", False))

    def test_switching_to_a_profile_with_an_image_uses_it_at_once(self):
        title, https = self.seen[1]
        self.assertRegex(title, r"^IANA Port Registry \(\d{4}-\d\d-\d\d, 14,533 records, the profile's image\):$")
        self.assertTrue(https)

    def test_switching_back_goes_back(self):
        self.assertEqual(self.seen[2], self.seen[0])


if __name__ == "__main__":
    unittest.main()
