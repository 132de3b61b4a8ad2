# test_registry_file.py - the registry image the installed plugin reads at start-up.
# SPDX-License-Identifier: GPL-2.0-or-later
"""A registry image gives the same answers as the same registry compiled in,
in every output mode on every capture; a file that is not a sound image
changes nothing but one log line; and the plugin picks the image it should
from the profile, personal and system-wide folders and the
iana.registry_file preference, saying which in the protocol's name and the
statistics title (which names the folder, not the path: the GUI reads a
"/" there as a submenu). Needs the whole registry (IANA_FULL_PLUGIN and
IANA_FULL_IMAGE, built from ../shared)."""

import glob
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import unittest
import zlib

from tshark import CAPTURES, FULL_SNAPSHOT, ROOT, Tshark

IANA_GEN = os.path.join(ROOT, "scripts", "iana-gen")
SHARED = os.environ.get("IANA_SHARED_DIR", os.path.join(os.path.dirname(ROOT), "shared"))
CAPTURE_FILES = sorted(os.path.basename(p) for p in glob.glob(os.path.join(CAPTURES, "*.pcapng")))
GOLDEN = os.path.join(ROOT, "tests", "registration", "fields.golden")
with open(GOLDEN, encoding="utf-8") as _handle:
    FIELDS = [line.split("\t")[2] for line in _handle.read().splitlines() if line.startswith("F\t")]
# Every way of asking: fields, the trees, JSON, EK, filters, a second pass,
# the Info column, the statistics and expert information.
MODES = {
    "fields": ["-T", "fields", "-E", "occurrence=a", "-E", "aggregator=,", "-e", "frame.number"] +
              [arg for f in FIELDS for arg in ("-e", f)],
    "verbose": ["-V"],
    "pdml": ["-T", "pdml"],
    "json": ["-T", "json"],
    "ek": ["-T", "ek"],
    "filter": ["-Y", 'iana.status == "assigned" || iana.history || iana.unauthorized_use', "-T", "fields",
               "-e", "frame.number", "-e", "iana.server_service", "-e", "iana.assignee"],
    "two-pass": ["-2", "-T", "fields", "-e", "frame.number", "-e", "iana.role", "-e", "iana.mismatch"],
    "info": ["-o", "iana.info_column:TRUE"],
    "statistics": ["-q", "-z", "iana,tree"],
    "expert": ["-q", "-z", "expert"],
}
BAD_KINDS = ("truncated", "wrong version", "bad checksum", "out-of-range offset", "not an image")


def need(variable):
    path = os.environ.get(variable, "")
    if not path or not os.path.exists(path):
        raise unittest.SkipTest("%s is not built: the whole-registry image tests need it (needs ../shared)"
                                % (path or variable))
    return path


def make_image(registry, target):
    run = subprocess.run([sys.executable, IANA_GEN, registry, "--image", target],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if run.returncode != 0:
        raise AssertionError("iana-gen %s --image failed: %s" % (registry, run.stderr))
    return target


def snapshot(date):
    path = os.path.join(SHARED, "registry", date, "service-names-port-numbers.xml")
    if not os.path.exists(path):
        raise unittest.SkipTest("%s is absent (needs ../shared)" % path)
    return path


def comparable(mode, output):
    """What two runs must agree on: PDML without its header (the time and the
    capture's private path), statistics without their title line (which
    names where the registry came from) and as cells, since the title's
    length sets the column widths."""
    if mode == "pdml":
        return output[output.find("<packet>"):]
    if mode == "statistics":
        return [re.split(r"\s{2,}", line.strip()) for line in output.splitlines()
                if not line.startswith(("IANA Port Registry (", "===", "---"))]
    return output


def logged(err):
    """Log lines without the process id and the time they carry."""
    return [re.sub(r"^ \*\* \(tshark:\d+\) [\d:.]+ ", "", line) for line in err.splitlines()]


def damaged(image, kind):
    """The image bytes with one kind of damage; the checksum is made right
    again where the damage is meant to be found by another check."""
    data = bytearray(image)
    if kind == "truncated":
        return bytes(data[:len(data) // 2])
    if kind == "not an image":
        return b"<html><body>Service unavailable</body></html>\n" * 40
    if kind == "wrong version":
        struct.pack_into("<I", data, 8, 2)
    elif kind == "bad checksum":
        pool_offset = struct.unpack_from("<I", data, 264 + 16)[0]
        data[pool_offset + 100] ^= 0x20
        return bytes(data)
    elif kind == "out-of-range offset":
        records_offset = struct.unpack_from("<I", data, 264 + 6 * 16)[0]
        struct.pack_into("<I", data, records_offset + 8, 0x00FFFFFF)   # record 0's entry
    struct.pack_into("<I", data, 24, 0)
    struct.pack_into("<I", data, 24, zlib.crc32(bytes(data)))
    return bytes(data)


class TwoCarriers(unittest.TestCase):
    """The whole registry compiled in, against the excerpt build reading the
    whole registry's image."""

    @classmethod
    def setUpClass(cls):
        cls.compiled = Tshark(need("IANA_FULL_PLUGIN"))
        cls.loaded = Tshark()
        cls.loaded.put_image(need("IANA_FULL_IMAGE"))

    @classmethod
    def tearDownClass(cls):
        cls.compiled.__exit__()
        cls.loaded.__exit__()

    def test_the_loaded_image_is_the_one_in_use(self):
        out, err = self.loaded.run("-G", "protocols")
        self.assertIn("IANA Port Registry (%s, 14,533 records, %s)\tIANA\tiana"
                      % (FULL_SNAPSHOT, self.loaded.image_path()), out)
        self.assertEqual(err, "")

    def test_every_capture_in_every_mode_says_the_same(self):
        for capture in CAPTURE_FILES:
            for mode, args in MODES.items():
                with self.subTest(capture=capture, mode=mode):
                    want, want_err = self.compiled.run(*args, capture=capture)
                    got, err = self.loaded.run(*args, capture=capture)
                    if mode == "statistics":
                        self.assertIn("IANA Port Registry (%s, 14,533 records, the personal image):"
                                      % FULL_SNAPSHOT, got)
                    self.assertEqual(comparable(mode, got), comparable(mode, want))
                    # Wireshark's own dissectors may warn (4.6 does on loopback.pcapng): alike for both.
                    self.assertEqual(logged(err), logged(want_err))
                    self.assertNotIn("[iana", err)


class RefusedImages(unittest.TestCase):
    """Each kind of bad image changes nothing but one line on standard error."""

    @classmethod
    def setUpClass(cls):
        with open(need("IANA_FULL_IMAGE"), "rb") as handle:
            cls.image = handle.read()
        cls.tshark = Tshark()
        cls.tmp = tempfile.mkdtemp(prefix="iana-bad-images-")
        cls.baseline = {mode: cls.tshark.run(*MODES[mode], capture="demo.pcapng")[0]
                        for mode in ("fields", "verbose", "statistics")}

    @classmethod
    def tearDownClass(cls):
        cls.tshark.__exit__()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_the_damage_would_show(self):
        # Sound, the same image changes the answers: the comparisons below can fail.
        self.tshark.put_image(need("IANA_FULL_IMAGE"))
        try:
            out, _ = self.tshark.run(*MODES["fields"], capture="demo.pcapng")
            self.assertNotEqual(out, self.baseline["fields"])
        finally:
            self.tshark.put_image(None)

    def test_each_bad_image_changes_nothing_and_says_why_once(self):
        reasons = {"truncated": "truncated: %d of %d bytes" % (len(self.image) // 2, len(self.image)),
                   "wrong version": "format version 2; this plugin reads version 1",
                   "bad checksum": "checksum mismatch",
                   "out-of-range offset": "record 0: entry 16777215 of",
                   "not an image": "not a registry image"}
        for kind in BAD_KINDS:
            with self.subTest(kind):
                source = os.path.join(self.tmp, kind.replace(" ", "-") + ".img")
                with open(source, "wb") as handle:
                    handle.write(damaged(self.image, kind))
                path = self.tshark.put_image(source)
                try:
                    for mode, want in self.baseline.items():
                        out, err = self.tshark.run(*MODES[mode], capture="demo.pcapng")
                        self.assertEqual(out, want, mode)
                        said = [line for line in err.splitlines() if path in line]
                        self.assertEqual(len(said), 1, err)
                        self.assertIn(reasons[kind], said[0])
                        self.assertIn("WARNING", said[0])
                finally:
                    self.tshark.put_image(None)


class Precedence(unittest.TestCase):
    """Which image wins: the preference's whatever its date, else the newest
    of the profile's, the personal and the system-wide one and the
    compiled-in tables; at equal dates the more specific."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="iana-precedence-")
        cls.new = need("IANA_FULL_IMAGE")
        cls.old = make_image(snapshot("2024-03-18"), os.path.join(cls.tmp, "2024-03-18.img"))
        cls.excerpt = make_image(os.path.join(ROOT, "registry", "excerpt.txt"), os.path.join(cls.tmp, "excerpt.img"))
        os.chmod(cls.tmp, 0o755)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def in_use(self, tshark):
        """The registry in use, as -G protocols names it."""
        out, _ = tshark.run("-G", "protocols")
        line = next(line for line in out.splitlines() if line.endswith("\tIANA\tiana") or "\tIANA\tiana\t" in line)
        return line.split("\t")[0]

    def title(self, tshark, *args):
        """The statistics title, which names the registry in use after the
        preferences are read; -G takes no profile or preference."""
        out, _ = tshark.run(*(list(args) + ["-q", "-z", "iana,tree"]), capture="well-known.pcapng")
        return next(line for line in out.splitlines() if line.startswith("IANA Port Registry ("))

    def port_2(self, tshark, *args):
        """What 2/tcp is: compressnet until 2025, then reserved."""
        out, _ = tshark.run(*(list(args) + ["-Y", "tcp.dstport == 2", "-T", "fields", "-e", "iana.dst_service",
                                            "-e", "iana.status"]), capture="well-known.pcapng")
        return out

    def test_nothing_found_means_the_compiled_in_tables(self):
        with Tshark() as tshark:
            self.assertEqual(self.in_use(tshark), "IANA Port Registry (excerpt 2025-09-29, 101 records, built in)")

    def test_the_system_image_serves_everyone(self):
        with Tshark() as tshark:
            path = tshark.put_image(self.new, "system")
            self.assertEqual(self.in_use(tshark), "IANA Port Registry (%s, 14,533 records, %s)" % (FULL_SNAPSHOT, path))
            self.assertEqual(self.port_2(tshark), "\treserved\n")

    def test_the_newest_wins_and_a_stale_personal_image_hides_nothing(self):
        with Tshark() as tshark:
            tshark.put_image(self.old, "personal")
            path = tshark.put_image(self.new, "system")
            self.assertIn(path, self.in_use(tshark))

    def test_at_equal_dates_the_more_specific_folder_wins(self):
        with Tshark() as tshark:
            tshark.put_image(self.new, "system")
            personal = tshark.put_image(self.new, "personal")
            self.assertIn(personal, self.in_use(tshark))
            os.makedirs(os.path.dirname(tshark.image_path("Forensics")))
            profile = tshark.put_image(self.new, "Forensics")
            self.assertIn("the profile's image", self.title(tshark, "-C", "Forensics"))
            self.assertIn("the personal image", self.title(tshark))
            self.assertIn(personal, self.in_use(tshark))
            self.assertNotIn(profile, self.in_use(tshark))

    def test_an_image_older_than_the_compiled_in_tables_is_passed_over(self):
        with Tshark(need("IANA_FULL_PLUGIN")) as tshark:
            tshark.put_image(self.old, "personal")
            self.assertIn("built in", self.in_use(tshark))
            self.assertEqual(self.port_2(tshark), "\treserved\n")

    def test_the_whole_registry_beats_an_excerpt_of_its_date_and_an_image_ties_the_compiled_in(self):
        with Tshark() as tshark:
            path = tshark.put_image(self.excerpt, "personal")
            self.assertEqual(self.in_use(tshark), "IANA Port Registry (excerpt 2025-09-29, 101 records, %s)" % path)
            system = tshark.put_image(self.new, "system")
            self.assertIn(system, self.in_use(tshark))

    def test_the_preference_pins_an_older_image(self):
        with Tshark() as tshark:
            tshark.put_image(self.new, "personal")
            self.assertEqual(self.port_2(tshark), "\treserved\n")
            pinned = ["-o", "iana.registry_file:" + self.old]
            self.assertEqual(self.port_2(tshark, *pinned), "compressnet\tassigned\n")
            title = self.title(tshark, *pinned)
            self.assertRegex(title, r"^IANA Port Registry \(2024-03-18, [\d,]+ records, the preference's image\):$")

    def test_a_profile_pins_its_registry_with_the_preference(self):
        with Tshark() as tshark:
            tshark.put_image(self.new, "personal")
            profile = os.path.dirname(tshark.image_path("Old"))
            os.makedirs(profile)
            with open(os.path.join(profile, "preferences"), "w") as handle:
                handle.write("iana.registry_file: %s\n" % self.old)
            self.assertEqual(self.port_2(tshark, "-C", "Old"), "compressnet\tassigned\n")
            self.assertEqual(self.port_2(tshark), "\treserved\n")

    def test_a_preference_naming_no_file_says_so_and_falls_back(self):
        with Tshark() as tshark:
            tshark.put_image(self.new, "personal")
            missing = os.path.join(self.tmp, "missing.img")
            out, err = tshark.run("-o", "iana.registry_file:" + missing, "-Y", "tcp.dstport == 2", "-T", "fields",
                                  "-e", "iana.status", capture="well-known.pcapng")
            self.assertEqual(out, "reserved\n")
            self.assertEqual([line for line in err.splitlines() if missing in line and "iana.registry_file" in line],
                             [line for line in err.splitlines() if missing in line])
            self.assertEqual(len([line for line in err.splitlines() if missing in line]), 1, err)


if __name__ == "__main__":
    unittest.main()
