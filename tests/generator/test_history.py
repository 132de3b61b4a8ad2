# test_history.py - de-assignment history out of IANA's free-text notes.
# SPDX-License-Identifier: GPL-2.0-or-later

import sys
import unittest

from support import EXCERPT, FULL_SNAPSHOT, snapshot

from ianareg.history import extract, iso_date
from ianareg.load import load
from ianareg.report import history_coverage


def events(text):
    return [(e.event, e.date, e.former_service, e.former_assignee) for e in extract(text)]


class KnownShapes(unittest.TestCase):
    """The shapes of history notes the registry uses."""

    def test_shapes(self):
        cases = {
            "Historic usage was acms. De-Assigned on 2020-12-29":
                [("de-assigned", "2020-12-29", "acms", None)],
            "De-assigned on 2025-02-13, previously compressnet by [Bernie_Volz]":
                [("de-assigned", "2025-02-13", "compressnet", "Bernie_Volz")],
            "This port was previously removed on 2007-04-05.": [("removed", "2007-04-05", None, None)],
            "This entry has been removed on 2006-06-23.": [("removed", "2006-06-23", None, None)],
            "This entry is being removed on 2015-05-12.": [("removed", "2015-05-12", None, None)],
            "De-registered 08 June 2001": [("de-registered", "2001-06-08", None, None)],
            "Modified: 21 January 2010": [("modified", "2010-01-21", None, None)],
            "this port was previously updated on 2009-06-19": [("modified", "2009-06-19", None, None)],
            "Unassigned [was netstat]": [("de-assigned", None, "netstat", None)],
            "Formerly was P2plus Application Server":
                [("renamed", None, "P2plus Application Server", None)],
            "(Removed 2004-2-6)": [("removed", "2004-02-06", None, None)],
            "De-Assigned on 2023-11-16.": [("de-assigned", "2023-11-16", None, None)],
            "(previous contact was[Christopher_Allen])":
                [("contact-changed", None, None, "Christopher_Allen")],
            "New contact added for port 2222 on 2008-02-01":
                [("contact-changed", "2008-02-01", None, None)],
            "\"pcp\" assignment withdrawn, moved to port 5351 per RFC6887":
                [("de-assigned", None, "pcp", None)],
            "whois++ IANA assigned this well-formed service name as a replacement for \"whois++\".":
                [("renamed", None, "whois++", None)],
            "This entry records an unassigned but widespread use (added 5/21/97)":
                [("recorded", "1997-05-21", None, None)],
            "Unassigned (FRP-Released 12/7/00)": [("de-assigned", "2000-12-07", None, None)],
            "Deprecated June 2004": [("deprecated", "2004-06", None, None)],
            "Note: Registration updated May 2007. Was formerly listed as \"iChat AV\"":
                [("modified", "2007-05", None, None), ("renamed", None, "iChat AV", None)],
            "Defined TXT keys: u=<username> p=<password>": [],
        }
        for text, want in cases.items():
            with self.subTest(text=text):
                self.assertEqual(events(text), want)

    def test_dates(self):
        for text, want in (("08 June 2001", "2001-06-08"), ("21 January 2010", "2010-01-21"),
                           ("May 2007", "2007-05"), ("2004-2-6", "2004-02-06"),
                           ("12/7/00", "2000-12-07"), ("5/21/97", "1997-05-21"), ("nonsense", None)):
            self.assertEqual(iso_date(text), want, text)


class Coverage(unittest.TestCase):
    def test_every_history_note_of_the_excerpt_yields_its_event(self):
        records, hits, dated, _, _, missed = history_coverage(load(EXCERPT))
        self.assertGreater(records, 0)
        self.assertEqual((hits, dated, missed), (records, records, {}))

    def test_98_percent_of_the_2026_08_17_registry(self):
        records, hits, dated, texts, text_hits, missed = history_coverage(
            load(snapshot(FULL_SNAPSHOT), warn=lambda m: None))
        print("\nhistory-looking notes: %d records, %d with an event, %d with every date; "
              "distinct texts %d, %d with an event" % (records, hits, dated, texts, text_hits),
              file=sys.stderr)
        self.assertGreaterEqual(dated / records, 0.98)
        self.assertLessEqual(len(missed), 3, list(missed))


if __name__ == "__main__":
    unittest.main()
