# test_report.py - report.html in Debian's headless Chromium.
# SPDX-License-Identifier: GPL-2.0-or-later
"""The survey's page opens in Chromium with no network and no script: its
screenshot is not blank, and the DOM Chromium dumps holds, in each flagged
section, exactly the endpoints services.csv flags that way. The page
fetches nothing and runs nothing."""

import collections
import html.parser
import os
import re
import shutil
import subprocess
import tempfile
import unittest

import png
from support import Workspace, endpoint, read_csv

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--hide-scrollbars", "--window-size=1280,2400"]
# section id -> the rows of services.csv that belong there
FLAGGED = {
    "unauthorized-use": lambda r: r["unauthorized_use"] == "1",
    "deassigned": lambda r: r["deassigned"] == "1",
    "mismatch": lambda r: r["mismatch"] == "1",
    "unregistered": lambda r: r["status"] in ("unassigned", "unregistered"),
}


def chromium():
    for name in ("chromium", "chromium-browser"):
        if shutil.which(name):
            return shutil.which(name)
    return None


class Sections(html.parser.HTMLParser):
    """The endpoint rows ((address, transport, port)) under each section id."""

    def __init__(self):
        super().__init__()
        self.rows = collections.defaultdict(set)
        self.sections, self.cells, self.text = [], None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section":
            self.sections.append(attrs.get("id"))
        elif tag == "tr" and attrs.get("class") == "endpoint":
            self.cells = []
        elif tag == "td" and self.cells is not None:
            self.text = ""

    def handle_data(self, data):
        if self.text is not None:
            self.text += data

    def handle_endtag(self, tag):
        if tag == "section":
            self.sections.pop()
        elif tag == "td" and self.text is not None:
            self.cells.append(self.text)
            self.text = None
        elif tag == "tr" and self.cells is not None:
            port, transport = self.cells[1].split("/")
            self.rows[self.sections[-1]].add((self.cells[0], transport, port))
            self.cells = None


class Report(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.browser = chromium()
        if cls.browser is None:
            raise unittest.SkipTest("chromium is not installed (Debian package chromium)")
        cls.ws = Workspace()
        cls.out = cls.ws.new_out()
        cls.status, _, cls.stderr = cls.ws.survey("--jobs", "2", "--out", cls.out, cls.ws.captures)
        cls.page = os.path.join(cls.out, "report.html")
        cls.profile = tempfile.mkdtemp(prefix="iana-chromium-")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.profile, ignore_errors=True)
        cls.ws.__exit__()

    def chromium(self, *args):
        run = subprocess.run([self.browser] + CHROMIUM_FLAGS + ["--user-data-dir=" + self.profile] + list(args)
                             + ["file://" + self.page], cwd=self.profile, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, timeout=180)
        self.assertEqual(run.returncode, 0, run.stderr.decode(errors="replace")[-2000:])
        return run.stdout

    def test_the_screenshot_is_not_blank(self):
        self.assertEqual(self.status, 0, self.stderr)
        shot = os.path.join(self.profile, "report.png")
        self.chromium("--screenshot=" + shot)
        with open(shot, "rb") as handle:
            width, height, pixels = png.pixels(handle.read())
        self.assertEqual((width, height), (1280, 2400))
        counts = collections.Counter(p[:3] for p in pixels)
        background, most = counts.most_common(1)[0]
        # Text, tables and the chart's bars: many colours, and a good part of
        # the page not background.
        self.assertGreater(len(counts), 50)
        self.assertGreater(1 - most / len(pixels), 0.03)
        # The chart's bar colour is there.
        self.assertIn((0x2f, 0x6f, 0xb0), counts)

    def test_the_flagged_endpoints_are_in_the_dom(self):
        self.assertEqual(self.status, 0, self.stderr)
        dom = self.chromium("--dump-dom").decode("utf-8")
        found = Sections()
        found.feed(dom)
        rows = read_csv(os.path.join(self.out, "services.csv"))
        for section, belongs in FLAGGED.items():
            with self.subTest(section):
                want = {endpoint(r) for r in rows if belongs(r)}
                self.assertTrue(want, "no endpoint to show in %s" % section)
                self.assertEqual(found.rows[section], want)
        # Flagged first: the first section of the body is the flagged one.
        self.assertLess(dom.index('id="flagged"'), dom.index('id="top-services"'))
        self.assertIn("<svg", dom)

    def test_the_page_fetches_and_runs_nothing(self):
        with open(self.page, encoding="utf-8") as handle:
            page = handle.read()
        self.assertNotRegex(page, r"(?i)<script|<link|<img|<iframe|\ssrc=|url\(|@import")
        self.assertEqual(re.findall(r"https?://[^\"' ]+", page), ["http://www.w3.org/2000/svg"])


if __name__ == "__main__":
    unittest.main()
