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

from tshark import Tshark  # noqa: E402


def digest(path):
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def state(folder):
    """Every file of a folder with its contents' hash."""
    return {name: digest(os.path.join(folder, name)) for name in sorted(os.listdir(folder))
            if os.path.isfile(os.path.join(folder, name))}


class UpdateRegistry(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        registry = os.path.join(SHARED, "registry")
        if not os.path.isdir(registry):
            raise unittest.SkipTest("%s is absent: the update tests are skipped" % registry)
        cls.tmp = tempfile.mkdtemp(prefix="iana-update-")
        cls.web = os.path.join(cls.tmp, "web")
        shutil.copytree(registry, cls.web)
        with open(os.path.join(registry, "2026-08-17", XML), "rb") as handle:
            whole = handle.read()
        os.makedirs(os.path.join(cls.web, "bad"))
        with open(os.path.join(cls.web, "bad", "truncated.xml"), "wb") as handle:
            handle.write(whole[:len(whole) // 2])
        with open(os.path.join(cls.web, "bad", "page.xml"), "wb") as handle:
            handle.write(b"<!DOCTYPE html><html><body>Service unavailable</body></html>")
        handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=cls.web)
        handler.log_message = lambda *args: None
        cls.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=cls.server.serve_forever, daemon=True).start()
        cls.base = "http://127.0.0.1:%d" % cls.server.server_port

    @classmethod
    def tearDownClass(cls):
        cls.server.shutdown()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def update(self, data, url, *args):
        run = subprocess.run([sys.executable, UPDATE, "--data-dir", data, "--url", self.base + url] + list(args),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=600)
        return run.returncode, run.stdout, run.stderr

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

        status, out, err = self.update(data, "/2026-08-17/" + XML, "--builddir", build)
        self.assertEqual(status, 0, err)
        self.assertIn("in use: %s (2025-09-29); downloaded: 2026-08-17" % os.path.join(data, XML), out)
        self.assertRegex(out, r"\n153 changes\n")
        self.assertRegex(out, r"  re-assigned      6  1980/tcp pearldoc-xact -> panquest-xact;")
        self.assertRegex(out, r"  assignee        68  ")
        self.assertIn("rebuilding and reinstalling the plugin in " + build, out)
        self.assertIn("downloading %s/2026-08-17/%s: 100%%" % (self.base, XML), err)
        self.assertEqual(digest(os.path.join(data, "service-names-port-numbers.previous.xml")), old)
        self.assertEqual(digest(os.path.join(data, XML)), digest(os.path.join(self.web, "2026-08-17", XML)))
        with open(tables) as handle:
            self.assertIn("Updated:    2026-08-17", handle.read(1000))
        # The rebuilt plugin answers from the new registry.
        with Tshark(os.path.join(build, "iana.so")) as tshark:
            out, _ = tshark.run("-T", "fields", "-e", "iana.dst_service", "-Y", "tcp.dstport == 2",
                                capture="well-known.pcapng")
            self.assertEqual(out.strip(), "")

    def test_dry_run_changes_nothing(self):
        data = self.data_dir()
        before = state(data)
        status, out, _ = self.update(data, "/2026-08-17/" + XML, "--dry-run")
        self.assertEqual(status, 0)
        self.assertIn("153 changes", out)
        self.assertIn("dry run: nothing was changed", out)
        self.assertEqual(state(data), before)

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
        before = state(data)
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
                self.assertEqual(state(data), before)
        run = subprocess.run([sys.executable, UPDATE, "--data-dir", data, "--url", "http://127.0.0.1:9/x.xml"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.assertEqual(run.returncode, 1)
        self.assertIn("download failed", run.stderr)
        self.assertEqual(state(data), before)

    def test_services_file_fixes_wiresharks_own_port_names(self):
        data = self.data_dir()
        services = os.path.join(self.tmp, "services")
        status, out, err = self.update(data, "/2026-08-17/" + XML, "--services", services)
        self.assertEqual(status, 0, err)
        with open(services, encoding="utf-8") as handle:
            lines = handle.read().splitlines()
        self.assertIn("reserved\t2/tcp\t# Reserved", lines)
        self.assertIn("http\t80/tcp\twww www-http # World Wide Web HTTP", lines)
        with Tshark() as tshark:
            plain, _ = tshark.run("-N", "t", "-Y", "frame.number == 6", capture="well-known.pcapng")
            self.assertIn("compressnet", plain)
            shutil.copy(services, os.path.join(tshark.dir, "config", "services"))
            fixed, _ = tshark.run("-N", "t", "-Y", "frame.number == 6", capture="well-known.pcapng")
            self.assertNotIn("compressnet", fixed)
            self.assertIn("\u2192 reserved(2) [SYN]", fixed)


if __name__ == "__main__":
    unittest.main()
