# test_update_registry.py - scripts/update-registry against a local web server.
# SPDX-License-Identifier: GPL-2.0-or-later
"""IANA is played by a web server on 127.0.0.1 serving the registry snapshots
of ../shared/registry, plus a truncated file and a web page."""

import functools
import hashlib
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tests", "dissect"))
SHARED = os.environ.get("IANA_SHARED_DIR", os.path.join(os.path.dirname(ROOT), "shared"))
UPDATE = os.path.join(ROOT, "scripts", "update-registry")
XML = "service-names-port-numbers.xml"
CSV = "service-names-port-numbers.csv"

from tshark import FULL_SNAPSHOT, Tshark  # noqa: E402


def digest(path):
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def state(folder):
    """Every file of a folder with its contents' hash."""
    return {name: digest(os.path.join(folder, name)) for name in sorted(os.listdir(folder))
            if os.path.isfile(os.path.join(folder, name))}


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class UpdateRegistry(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        registry = os.path.join(SHARED, "registry")
        if not os.path.isdir(registry):
            raise unittest.SkipTest("%s is absent: the update tests are skipped (needs ../shared)" % registry)
        cls.tmp = tempfile.mkdtemp(prefix="iana-update-")
        cls.web = os.path.join(cls.tmp, "web")
        shutil.copytree(registry, cls.web)
        with open(os.path.join(registry, FULL_SNAPSHOT, XML), "rb") as handle:
            whole = handle.read()
        os.makedirs(os.path.join(cls.web, "bad"))
        with open(os.path.join(cls.web, "bad", "truncated.xml"), "wb") as handle:
            handle.write(whole[:len(whole) // 2])
        # Cut short at a record boundary, yet well-formed: they parse.
        cut = whole.find(b"</record>", len(whole) // 2) + len(b"</record>")
        with open(os.path.join(cls.web, "bad", "cut.xml"), "wb") as handle:
            handle.write(whole[:cut] + b"\n</registry>\n")
        with open(os.path.join(registry, "2026-02-13", CSV), "rb") as handle:
            lines = handle.read().splitlines(keepends=True)
        with open(os.path.join(cls.web, "bad", "cut.csv"), "wb") as handle:
            handle.writelines(lines[:len(lines) // 2])
        with open(os.path.join(cls.web, "bad", "other.csv"), "wb") as handle:
            handle.writelines(lines[:-1])
        with open(os.path.join(cls.web, "bad", "page.xml"), "wb") as handle:
            handle.write(b"<!DOCTYPE html><html><body>Service unavailable</body></html>")
        handler = functools.partial(QuietHandler, directory=cls.web)
        cls.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=cls.server.serve_forever, daemon=True).start()
        cls.base = "http://127.0.0.1:%d" % cls.server.server_port

    @classmethod
    def tearDownClass(cls):
        cls.server.shutdown()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def update(self, data, url, *args):
        """update-registry with the data folder data; the image goes into
        data's own configuration folder (config_of), never the real one."""
        env = dict(os.environ, WIRESHARK_CONFIG_DIR=self.config_of(data),
                   IANA_REGISTRY_SYSTEM_DIR=data + ".system")
        run = subprocess.run([sys.executable, UPDATE, "--data-dir", data, "--url", self.base + url] + list(args),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=600, env=env)
        return run.returncode, run.stdout, run.stderr

    @staticmethod
    def config_of(data):
        return data + ".config"

    def image_of(self, data):
        return os.path.join(self.config_of(data), "iana-registry.img")

    def data_dir(self, date="2025-09-29"):
        data = tempfile.mkdtemp(dir=self.tmp)
        status, out, err = self.update(data, "/%s/%s" % (date, XML))
        self.assertEqual(status, 0, err)
        return data

    def test_update_from_2025_09_29_to_2026_08_17_rebuilds_the_plugin(self):
        data = self.data_dir()
        build = os.path.join(self.tmp, "build")
        subprocess.run(["meson", "setup", build, ROOT, "-Dtests=false",
                        "-Dregistry=" + os.path.join(data, XML)], check=True, stdout=subprocess.DEVNULL)
        subprocess.run(["ninja", "-C", build], check=True, stdout=subprocess.DEVNULL)
        tables = os.path.join(build, "iana-registry-data.inc")
        with open(tables) as handle:
            self.assertIn("Updated:    2025-09-29", handle.read(1000))
        old = digest(os.path.join(data, XML))

        status, out, err = self.update(data, "/%s/%s" % (FULL_SNAPSHOT, XML), "--builddir", build)
        self.assertEqual(status, 0, err)
        self.assertIn("in use: %s (2025-09-29); downloaded: %s" % (os.path.join(data, XML), FULL_SNAPSHOT), out)
        self.assertRegex(out, r"\n153 changes\n")
        self.assertRegex(out, r"  re-assigned      6  1980/tcp pearldoc-xact -> panquest-xact;")
        self.assertRegex(out, r"  assignee        68  ")
        self.assertIn("rebuilding and reinstalling the plugin in " + build, out)
        self.assertIn("downloading %s/%s/%s: 100%%" % (self.base, FULL_SNAPSHOT, XML), err)
        self.assertEqual(digest(os.path.join(data, "service-names-port-numbers.previous.xml")), old)
        self.assertEqual(digest(os.path.join(data, XML)), digest(os.path.join(self.web, FULL_SNAPSHOT, XML)))
        with open(tables) as handle:
            self.assertIn("Updated:    " + FULL_SNAPSHOT, handle.read(1000))
        # The rebuilt plugin answers from the new registry.
        # The rebuilt plugin answers from the new registry: 2/tcp, compressnet
        # until 2025-09-29, is Reserved; and says which registry it carries.
        with Tshark(os.path.join(build, "iana.so")) as tshark:
            out, _ = tshark.run("-T", "fields", "-e", "iana.port", "-e", "iana.dst_service", "-e", "iana.status",
                                "-Y", "tcp.dstport == 2", capture="well-known.pcapng")
            self.assertEqual(out, "2\t\treserved\n")
            plugins, _ = tshark.run("-G", "plugins")
            self.assertIn("1.0.0 (IANA registry %s, 14,533 records)" % FULL_SNAPSHOT, plugins)

    def test_update_writes_the_image_the_plugin_reads_and_keeps_the_previous(self):
        data = self.data_dir()
        image = self.image_of(data)
        first = digest(image)
        status, out, err = self.update(data, "/%s/%s" % (FULL_SNAPSHOT, XML))
        self.assertEqual(status, 0, err)
        self.assertIn("in use: %s (2025-09-29); downloaded: %s" % (image, FULL_SNAPSHOT), out)
        self.assertIn("wrote %s (%s)" % (image, FULL_SNAPSHOT), out)
        self.assertEqual(digest(os.path.join(self.config_of(data), "iana-registry.previous.img")), first)
        self.assertEqual(sorted(os.listdir(self.config_of(data))), ["iana-registry.img", "iana-registry.previous.img"])
        with Tshark() as tshark:
            tshark.put_image(image)
            protocols, _ = tshark.run("-G", "protocols")
            self.assertIn("IANA Port Registry (%s, 14,533 records, " % FULL_SNAPSHOT, protocols)
            out, _ = tshark.run("-T", "fields", "-e", "iana.dst_service", "-e", "iana.status",
                                "-Y", "tcp.dstport == 2", capture="well-known.pcapng")
            self.assertEqual(out, "\treserved\n")
        status, out, err = self.update(data, "/%s/%s" % (FULL_SNAPSHOT, XML))
        self.assertEqual(status, 0, err)
        self.assertIn("already current", out)

    def test_rollback_puts_the_previous_image_back(self):
        data = self.data_dir()
        image = self.image_of(data)
        first = digest(image)
        self.assertEqual(self.update(data, "/%s/%s" % (FULL_SNAPSHOT, XML))[0], 0)
        second = digest(image)
        status, out, err = self.update(data, "/unused", "--rollback")
        self.assertEqual(status, 0, err)
        self.assertIn("rolled back %s to the registry of 2025-09-29" % image, out)
        self.assertEqual(digest(image), first)
        self.assertEqual(digest(os.path.join(self.config_of(data), "iana-registry.previous.img")), second)

    def test_dry_run_changes_nothing(self):
        data = self.data_dir()
        before = state(data)
        image = digest(self.image_of(data))
        status, out, _ = self.update(data, "/%s/%s" % (FULL_SNAPSHOT, XML), "--dry-run")
        self.assertEqual(status, 0)
        self.assertIn("153 changes", out)
        self.assertIn("dry run: nothing was changed", out)
        self.assertEqual(state(data), before)
        self.assertEqual(digest(self.image_of(data)), image)

    def test_older_registry_needs_force(self):
        data = self.data_dir()
        before = state(data)
        status, _, err = self.update(data, "/2024-03-18/" + XML)
        self.assertEqual(status, 1)
        self.assertIn("the downloaded registry (2024-03-18) is older than the one in use (2025-09-29)", err)
        self.assertEqual(state(data), before)
        status, out, err = self.update(data, "/2024-03-18/" + XML, "--force")
        self.assertEqual(status, 0, err)
        self.assertIn("de-assigned", out)

    def test_failures_change_nothing(self):
        data = self.data_dir()
        before = state(data), state(self.config_of(data))
        cases = {
            "/missing.xml": "HTTP 404",
            "/bad/truncated.xml": "the downloaded file is not a usable registry: ",
            "/bad/page.xml": "the downloaded file is not a usable registry: ",
        }
        for url, message in cases.items():
            with self.subTest(url):
                status, _, err = self.update(data, url)
                self.assertEqual(status, 1)
                self.assertIn(message, err)
                self.assertIn("nothing was changed", err)
                self.assertNotIn("Traceback", err)
                self.assertEqual((state(data), state(self.config_of(data))), before)
        run = subprocess.run([sys.executable, UPDATE, "--data-dir", data, "--url", "http://127.0.0.1:9/x.xml"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env=dict(os.environ, WIRESHARK_CONFIG_DIR=self.config_of(data)))
        self.assertEqual(run.returncode, 1)
        self.assertIn("download failed", run.stderr)
        self.assertEqual((state(data), state(self.config_of(data))), before)

    def test_registry_cut_short_needs_force(self):
        data = self.data_dir()
        before = state(data)
        status, _, err = self.update(data, "/bad/cut.xml")
        self.assertEqual(status, 1)
        self.assertRegex(err, r"the downloaded registry has \d+ records, [\d.]+% fewer than the 14491 of .*: "
                              r"cut short\? --force takes it anyway")
        self.assertIn("nothing was changed", err)
        self.assertEqual(state(data), before)
        status, _, err = self.update(data, "/%s/%s" % (FULL_SNAPSHOT, XML), "--csv", "--csv-url", self.base + "/bad/cut.csv")
        self.assertEqual(status, 1)
        self.assertRegex(err, r"the downloaded CSV has \d+ records, [\d.]+% fewer than the 14533 of ")
        self.assertEqual(state(data), before)
        status, _, err = self.update(data, "/bad/cut.xml", "--force")
        self.assertEqual(status, 0, err)

    def broken_build(self, data):
        """A build that takes its tables from data's registry and cannot rebuild."""
        build = tempfile.mkdtemp(dir=self.tmp)
        shutil.rmtree(build)
        made = not os.path.exists(os.path.join(data, XML))
        if made:
            shutil.copy(os.path.join(self.web, "2025-09-29", XML), data)
        subprocess.run(["meson", "setup", build, ROOT, "-Dtests=false", "-Dregistry=" + os.path.join(data, XML)],
                       check=True, stdout=subprocess.DEVNULL)
        os.unlink(os.path.join(build, "build.ninja"))
        if made:
            os.unlink(os.path.join(data, XML))
        return build

    def test_failed_rebuild_puts_back_the_xml_and_the_csv(self):
        data = tempfile.mkdtemp(dir=self.tmp)
        status, _, err = self.update(data, "/2025-09-29/" + XML, "--csv", "--csv-url",
                                     self.base + "/2026-02-13/" + CSV)
        self.assertEqual(status, 0, err)
        before = state(data)
        self.assertEqual(sorted(before), [CSV, XML])
        status, _, err = self.update(data, "/%s/%s" % (FULL_SNAPSHOT, XML), "--csv", "--csv-url", self.base + "/bad/other.csv",
                                     "--builddir", self.broken_build(data))
        self.assertEqual(status, 1)
        self.assertIn("the rebuild failed", err)
        self.assertIn("the previous registry is back in use", err)
        self.assertEqual(state(data), before)

    def test_failed_first_rebuild_claims_no_previous_registry(self):
        data = tempfile.mkdtemp(dir=self.tmp)
        build = self.broken_build(data)
        self.assertEqual(state(data), {})
        status, _, err = self.update(data, "/%s/%s" % (FULL_SNAPSHOT, XML), "--builddir", build)
        self.assertEqual(status, 1)
        self.assertIn("the rebuild failed", err)
        self.assertNotIn("previous registry is back in use", err)
        self.assertIn("there was no previous registry, so the new one was removed", err)
        self.assertEqual(state(data), {})

    def test_services_file_fixes_wiresharks_own_port_names(self):
        data = self.data_dir()
        services = os.path.join(self.tmp, "services")
        status, out, err = self.update(data, "/%s/%s" % (FULL_SNAPSHOT, XML), "--services", services)
        self.assertEqual(status, 0, err)
        with open(services, encoding="utf-8") as handle:
            lines = handle.read().splitlines()
        self.assertIn("reserved\t2/tcp\t# Reserved", lines)
        self.assertIn("http\t80/tcp\twww www-http # World Wide Web HTTP", lines)
        with Tshark() as tshark:
            plain, _ = tshark.run("-N", "t", "-Y", "frame.number == 6", capture="well-known.pcapng")
            # Wireshark's own name: compressnet up to 4.4, none from 4.6 on.
            self.assertNotIn("reserved(2)", plain)
            shutil.copy(services, os.path.join(tshark.dir, "config", "services"))
            fixed, _ = tshark.run("-N", "t", "-Y", "frame.number == 6", capture="well-known.pcapng")
            self.assertNotIn("compressnet", fixed)
            self.assertIn("\u2192 reserved(2) [SYN]", fixed)


if __name__ == "__main__":
    unittest.main()
