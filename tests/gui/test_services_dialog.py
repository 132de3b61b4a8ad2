# test_services_dialog.py - Statistics > IANA Services in the real Wireshark GUI.
# SPDX-License-Identifier: GPL-2.0-or-later
"""The inventory of service endpoints as Wireshark's statistics table: it is
in the Statistics menu, holds the rows tshark -z iana,services,csv gives
for the same capture, and sorts by a clicked column as its type says (the
ports as numbers, not as text). What the dialog shows is read with its Copy
button."""

import time
import unittest

from wireshark_gui import Wireshark, XServer, copy_dialog, open_statistics, require_tools

from test_services import inventory  # noqa: E402 (tests/dissect, on the path wireshark_gui sets)
from tshark import TsharkTestCase  # noqa: E402

TITLE = "IANA Services"
CAPTURE = "loopback.pcapng"
WIDTH, HEIGHT = 1100, 800
# The column headers' row, and the places along it where the Port column's
# header may start, by how wide the GUI draws the columns before it.
HEADER_Y = 22
PORT_HEADER_X = range(150, 260, 8)


def rows(copied):
    """(address, transport, port, packets, bytes, conversations) of each row,
    in the order the dialog shows them."""
    lines = copied.splitlines()
    rules = [i for i, line in enumerate(lines) if line.startswith("-----")]
    found = []
    for line in lines[rules[0] + 1:rules[1]]:
        words = line.split()
        found.append((words[0], words[1], int(words[2]), int(words[-5]), int(words[-4]), int(words[-3])))
    return found


def port_order(copied):
    return [row[2] for row in rows(copied)]


def sort_by_port(x, dialog, shown):
    """Click along the header row until the rows come sorted by port,
    ascending (a column's first click): what the dialog shows then, and the
    header's place."""
    for px in PORT_HEADER_X:
        x.xdotool("mousemove", "--sync", str(px), str(HEADER_Y), "click", "1")
        time.sleep(1)
        copied = copy_dialog(x, dialog, TITLE, WIDTH, HEIGHT)
        ports = port_order(copied)
        if ports == sorted(ports) and ports != port_order(shown):
            return copied, px
        shown = copied
    raise AssertionError("no click along the header sorted the rows by port")


class ServicesDialog(TsharkTestCase):

    @classmethod
    def setUpClass(cls):
        require_tools()
        super().setUpClass()

        def during(x, window):
            dialog = open_statistics(x, window, TITLE, from_top=True)
            x.xdotool("windowsize", "--sync", dialog, str(WIDTH), str(HEIGHT))
            x.xdotool("windowmove", "--sync", dialog, "0", "0")
            time.sleep(1)
            first = copy_dialog(x, dialog, TITLE, WIDTH, HEIGHT)
            ascending, px = sort_by_port(x, dialog, first)
            x.xdotool("mousemove", "--sync", str(px), str(HEADER_Y), "click", "1")
            time.sleep(1)
            descending = copy_dialog(x, dialog, TITLE, WIDTH, HEIGHT)
            return first, ascending, descending

        with XServer() as x, Wireshark() as gui:
            cls.first, cls.ascending, cls.descending = gui.session(x, CAPTURE, during=during).seen

    def test_the_dialog_holds_the_rows_of_tshark(self):
        _, want = inventory(self.tshark, CAPTURE)
        self.assertEqual(sorted(rows(self.first)),
                         sorted((r["address"], r["transport"], int(r["port"]), int(r["packets"]), int(r["bytes"]),
                                 int(r["conversations"])) for r in want))
        self.assertGreaterEqual(len(want), 6)

    def test_a_clicked_column_sorts_by_its_type(self):
        ports = port_order(self.ascending)
        # Numbers, not text: 22 < 53 < 80 < 443 < 4420 ("443" < "53" as text).
        self.assertEqual(ports, sorted(ports))
        self.assertNotEqual(ports, sorted(ports, key=str))
        self.assertEqual(port_order(self.descending), sorted(ports, reverse=True))

    def test_the_title_is_the_menu_entry(self):
        self.assertIn("IANA Services - ", self.first)


if __name__ == "__main__":
    unittest.main()
