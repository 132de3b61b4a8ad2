# test_passes.py - what the plugin says about a packet does not depend on how
# often, in which order or with how much of a tree the packets were dissected.
# SPDX-License-Identifier: GPL-2.0-or-later
"""The GUI dissects every packet once in a first pass, often without a tree,
then again on every click, in any order. tshark's -2 does the same in two
passes: the first without a tree unless a read filter (-R) needs one. The
conversation state is made on the first pass and only read later, so every
iana.* field must come out the same from one pass, from two, and from two
whose first pass had a tree; the Info column and the expert information,
which need no tree, must not depend on whether one was built."""

import os
import re
import unittest

import manifest
from tshark import CAPTURES, TsharkTestCase

CAPTURE_FILES = sorted(name for name in os.listdir(CAPTURES) if name.endswith(".pcapng"))


class Passes(TsharkTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        out, _ = cls.tshark.run("-G", "fields")
        cls.fields = [line.split("\t")[2] for line in out.splitlines()
                      if line.startswith("F\t") and line.split("\t")[4] == "iana"
                      and not line.split("\t")[2].startswith("iana.expert.")]

    def fields_of(self, capture, *args):
        return self.tshark.fields(capture, self.fields, *args)

    def test_every_capture_is_covered(self):
        self.assertIn("loopback.pcapng", CAPTURE_FILES)
        self.assertEqual(len(CAPTURE_FILES), len(manifest.load()["captures"]) + 1)
        self.assertIn("iana.server_status", self.fields)
        self.assertIn("iana.mismatch.observed", self.fields)

    def test_two_passes_agree_with_one(self):
        for capture in CAPTURE_FILES:
            one = self.fields_of(capture)
            with self.subTest(capture=capture, first_pass="no tree"):
                self.assertEqual(self.fields_of(capture, "-2"), one)
            with self.subTest(capture=capture, first_pass="a read filter's tree"):
                self.assertEqual(self.fields_of(capture, "-2", "-R", "frame"), one)

    def test_the_comparison_sees_the_mismatches(self):
        # Guards the test above against comparing empty output.
        column = self.fields.index("iana.mismatch") + 1
        rows = self.fields_of("loopback.pcapng", "-2")
        self.assertLessEqual({"http", "tls"}, {row[column] for row in rows if row[column]})

    # Other dissectors fill the Info column and add expert information
    # differently with and without a tree (TCP reassembly, ICMP response
    # tracking, DCCP relative sequence numbers): only ours is compared.
    def info(self, capture, *args):
        out, _ = self.tshark.run("-o", "iana.info_column:TRUE", *args, capture=capture)
        return [re.findall(r"\[IANA: [^]]*\]", line) for line in out.splitlines()]

    def experts(self, capture, *args, tap="expert"):
        out, _ = self.tshark.run("-q", "-z", tap, *args, capture=capture)
        return [line.split() for line in out.splitlines() if re.match(r"^\s+\d+\s+\w+\s+IANA\s", line)]

    def quoted_frames(self, capture):
        """Frames whose every annotated header is one an ICMP error quotes."""
        quoted = self.fields.index("iana.quoted") + 1
        port = self.fields.index("iana.port") + 1
        return {int(row[0]) for row in self.fields_of(capture)
                if row[quoted] and len(row[quoted].split(",")) == len(row[port].split(","))}

    def test_info_column_needs_no_tree(self):
        for capture in CAPTURE_FILES:
            with self.subTest(capture=capture):
                tree = self.info(capture, "-Y", "frame")
                self.assertEqual(self.info(capture), tree)
                self.assertEqual(self.info(capture, "-2"), tree)
        self.assertIn(["[IANA: nvme]"], self.info("loopback.pcapng"))

    def test_expert_information_needs_no_tree(self):
        # The tap's own filter makes the tree.
        tap = "expert,chat,frame"
        for capture in CAPTURE_FILES:
            with self.subTest(capture=capture):
                tree = self.experts(capture, tap=tap)
                self.assertEqual(self.experts(capture), tree)
                self.assertEqual(self.experts(capture, "-2"), tree)
        summaries = [" ".join(words[3:]) for words in self.experts("loopback.pcapng")]
        self.assertIn("Port 4420/tcp is registered for nvme but carries http", summaries)

    def test_quoted_header_without_a_tree(self):
        # Without a tree the frame's layers still tell the quoted header, on
        # every version: the Info column names the quoted service as with a
        # tree, and never takes it for the packet's own.
        frames = self.quoted_frames("encapsulation.pcapng")
        self.assertEqual(frames, {3, 4})
        self.assertEqual(self.info("encapsulation.pcapng")[3], ["[IANA: nvme]"])


if __name__ == "__main__":
    unittest.main()
