# test_profile_columns.py - the IANA profile's columns in the real Wireshark GUI.
# SPDX-License-Identifier: GPL-2.0-or-later

import os
import unittest

from wireshark_gui import PROFILE, Wireshark, XServer, column_widths, require_tools

RECENT = os.path.join(PROFILE, "recent")
IANA_COLUMNS = ("%Cus:iana.server_service", "%Cus:iana.server_status", "%Cus:iana.server_assignee")
CAPTURES = ("demo", "well-known", "lan-discovery", "conversations", "encapsulation", "unauthorized-ranges",
            "excerpt-ports", "loopback")


class ProfileColumns(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        require_tools()
        cls.x = XServer().__enter__()
        with open(RECENT) as handle:
            cls.shipped = column_widths(handle.read())

    @classmethod
    def tearDownClass(cls):
        cls.x.__exit__(None, None, None)

    def test_the_recent_file_lists_the_profiles_columns(self):
        # Wireshark matches widths to columns by format; one missing or left
        # over is a column that falls back to the narrow default.
        with open(os.path.join(PROFILE, "preferences")) as handle:
            prefs = handle.read()
        formats = []
        for fmt in prefs.split("gui.column.format:")[1].split("\n\n")[0].split(",")[1::2]:
            fmt = fmt.strip().strip('"')
            formats.append(":".join(fmt.split(":")[:2]) if fmt.startswith("%Cus:") else fmt)
        self.assertEqual(list(self.shipped), formats)

    def test_wireshark_takes_the_widths(self):
        with Wireshark(recent=RECENT) as gui:
            kept = column_widths(gui.session(self.x, "demo.pcapng").recent)
        for column in IANA_COLUMNS:
            self.assertEqual(kept[column], self.shipped[column], column)
        # Without the file the GUI knows no width for them.
        with Wireshark() as gui:
            bare = column_widths(gui.session(self.x, "demo.pcapng").recent)
        self.assertEqual([bare[column] for column in IANA_COLUMNS], [-1, -1, -1])

    def test_columns_are_as_wide_as_what_they_show(self):
        # View > Resize Columns (Ctrl+Shift+R) fits each column to its
        # values and title; the profile's widths must not be narrower.
        for capture in CAPTURES:
            with Wireshark() as gui:
                fitted = column_widths(gui.session(self.x, capture + ".pcapng", keys=["ctrl+shift+r"]).recent)
            for column in IANA_COLUMNS:
                with self.subTest(capture=capture, column=column):
                    self.assertGreater(fitted[column], 0, "the columns were not resized")
                    self.assertGreaterEqual(self.shipped[column], fitted[column])


if __name__ == "__main__":
    unittest.main()
