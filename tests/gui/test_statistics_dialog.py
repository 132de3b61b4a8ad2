# test_statistics_dialog.py - Statistics > IANA Port Registry in the real Wireshark GUI.
# SPDX-License-Identifier: GPL-2.0-or-later

import unittest

from wireshark_gui import Wireshark, XServer, copy_statistics, require_tools

import manifest  # noqa: E402 (tests/dissect, on the path wireshark_gui sets)

TITLE = "IANA Port Registry"


def section(text, name):
    """(item, count) of the lines under a top-level section of the tree the
    dialog's Copy button gives, in the order the dialog shows them."""
    lines = text.splitlines()
    header = next(line for line in lines if line.startswith("Topic / Item"))
    count_at = header.index("Count")
    rows, inside = [], False
    for line in lines[lines.index(header) + 2:]:
        if not line.strip() or line.startswith("="):
            break
        if not line.startswith(" "):
            inside = line[:count_at].strip() == name
        elif inside:
            rows.append((line[:count_at].strip(), int(line[count_at:].split()[0])))
    return rows


class StatisticsDialog(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        require_tools()
        with XServer() as x, Wireshark() as gui:
            cls.copied = gui.session(x, "loopback.pcapng",
                                     during=lambda x, window: copy_statistics(x, window, TITLE)).seen

    def test_services_in_the_order_the_version_allows(self):
        rows = section(self.copied, "Packets by service")
        by_count = sorted(rows, key=lambda row: -row[1])
        by_name = sorted(rows, key=lambda row: row[0], reverse=True)
        # The capture must tell the two orders apart.
        self.assertGreaterEqual(len(rows), 3)
        self.assertNotEqual([r[1] for r in by_count], [r[1] for r in by_name])
        if manifest.wireshark_says("statistics_dialog") == "count":
            self.assertEqual([r[1] for r in rows], [r[1] for r in by_count])
        else:
            self.assertEqual([r[0] for r in rows], [r[0] for r in by_name])

    def test_title_names_the_registry(self):
        self.assertRegex(self.copied, r"IANA Port Registry \((excerpt )?\d{4}-\d\d-\d\d, [\d,]+ records, built in\):")


if __name__ == "__main__":
    unittest.main()
