# test_local_columns.py - a local port assignment in the IANA profile's columns, in the real GUI.
# SPDX-License-Identifier: GPL-2.0-or-later
"""Wireshark opens test-captures/local-ports.pcapng in the IANA profile,
once as shipped and once with a local port assignments table in the
profile's folder, and fits its columns to what they show (View > Resize
Columns). The table's service name and owner are far longer than any
registry name or assignee: the Service and Assignee columns can only grow
that wide by showing them."""

import os
import unittest

from wireshark_gui import Wireshark, XServer, column_widths, require_tools

SERVICE, ASSIGNEE = "%Cus:iana.server_service", "%Cus:iana.server_assignee"
LONG_SERVICE = "billing-api-of-the-payments-department-ledger-cluster"
LONG_OWNER = "Payments Department, Ledger Cluster Operations Team, Building Seven"
TABLE = "".join('"%s","tcp","%s","Billing API","%s","","",""\n' % (port, LONG_SERVICE, LONG_OWNER)
                for port in ("8443", "9981", "5555"))


class LocalColumns(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        require_tools()
        with XServer() as x:
            cls.fitted = {}
            for with_table in (False, True):
                with Wireshark() as gui:
                    if with_table:
                        path = os.path.join(gui.dir, "config", "profiles", "IANA", "iana_local_ports")
                        with open(path, "w", encoding="utf-8") as handle:
                            handle.write(TABLE)
                    session = gui.session(x, "local-ports.pcapng", keys=["ctrl+shift+r"])
                cls.fitted[with_table] = column_widths(session.recent)

    def test_the_service_column_shows_the_local_name(self):
        plain, local = self.fitted[False][SERVICE], self.fitted[True][SERVICE]
        self.assertGreater(plain, 0, "the columns were not resized")
        # 53 characters against registry names of at most 15.
        self.assertGreater(local, 2 * plain, (plain, local))

    def test_the_assignee_column_shows_the_owner(self):
        plain, local = self.fitted[False][ASSIGNEE], self.fitted[True][ASSIGNEE]
        self.assertGreater(local, plain, (plain, local))


if __name__ == "__main__":
    unittest.main()
