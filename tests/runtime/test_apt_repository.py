# test_apt_repository.py - the user's path: the package from its signed
# repository, installed, used and upgraded.
# SPDX-License-Identifier: GPL-2.0-or-later
"""On a machine of one Debian release with tshark but no compiler
(tools/chroot-run --runtime), with the repository served on 127.0.0.1: apt
refuses the repository while its Release is altered after signing; the
README's two commands, run as written, add the key and the source and
install the package; an unprivileged user's tshark annotates a capture
with it; then, once newer packages are published, apt upgrade brings the
new plugin and registry, while a user's personal registry image, a
profile's local port assignments and the administrator's image under
/var/lib/wireshark-iana are left as they were, and the newest registry
still wins. The steps build on each other, so they run in order.

IANA_APT_REPOSITORY is the folder tests/runtime/make-repository made:
first/ is the repository as first published, second/ as it is once the
newer packages (built with registry/full-snapshot's registry) were
published into it; the web server here serves one, then the other, at one
address, as a web server does after an upload. IANA_PACKAGE_REGISTRY is the
registry the first packages carry. IANA_APT_CACHE keeps apt's downloads
between runs."""

import datetime
import hashlib
import http.server
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import unittest

from support import FULL_SNAPSHOT, ROOT, SHARED, XML, QuietHandler, Registries, User, require_runtime
from unittest_runner import NEEDS_SHARED

KEYRING = "/usr/share/keyrings/wireshark-iana-archive-keyring.gpg"
SOURCES = "/etc/apt/sources.list.d/wireshark-iana.sources"
SYSTEM_IMAGE = "/var/lib/wireshark-iana/iana-registry.img"
# What apt says of a signature that does not match: gpgv's words (Debian
# 12) or sqv's (13 and later).
BAD_SIGNATURE = r"BADSIG|signatures were invalid|Message has been manipulated|[Ss]ignature verification failed"
# A local port assignment of a profile (docs/local-assignments.md).
LOCAL_PORTS = '"4420","tcp","lab-nvme","The lab\'s NVMe/TCP target","Storage team","","",""\n'


def sh(*cmd, check=True, script=None):
    run = subprocess.run(list(cmd), input=script, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                         env={"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "DEBIAN_FRONTEND": "noninteractive",
                              "LANG": "C.UTF-8", "HOME": "/root"})
    if check and run.returncode != 0:
        raise AssertionError("%s exited %d:\n%s" % (" ".join(cmd), run.returncode, run.stdout[-3000:]))
    return run


def readme_commands(url):
    """The README's commands under "Install from the repository", with the
    repository's address put in, as its reader does. sudo becomes a plain
    call: the test is root already."""
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as readme:
        text = readme.read()
    section = text.split("### Install from the repository", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    block, count = re.subn(r"^repo=\S+", "repo=" + url, block, flags=re.M)
    assert count == 1, "the README's commands set repo= %d times" % count
    return 'set -e\nsudo() { "$@"; }\n' + block


def digests(*paths):
    result = {}
    for path in paths:
        with open(path, "rb") as handle:
            result[path] = hashlib.sha256(handle.read()).hexdigest()
    return result


class Web:
    """A web server on 127.0.0.1 serving one folder, then another."""

    def __init__(self, folder):
        web = self

        class Handler(QuietHandler):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, directory=web.folder, **kwargs)

        self.folder = folder
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = "http://127.0.0.1:%d" % self.server.server_port

    def stop(self):
        self.server.shutdown()


class AptRepository(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        require_runtime()
        carried = os.environ.get("IANA_PACKAGE_REGISTRY", "")
        if not os.path.exists(carried):
            raise unittest.SkipTest("no registry snapshot at %s: the packages carry the whole registry %s"
                                    % (carried, NEEDS_SHARED))
        cls.carried = os.path.basename(os.path.dirname(carried))
        repository = os.environ.get("IANA_APT_REPOSITORY", "")
        for state in ("first", "second"):
            if not os.path.isdir(os.path.join(repository, state, "dists")):
                raise AssertionError("no repository at %s/%s: IANA_APT_REPOSITORY=%r "
                                     "(tests/runtime/make-repository makes it)" % (repository, state, repository))
        cls.first, cls.second = (os.path.join(repository, s) for s in ("first", "second"))
        with open("/etc/os-release") as release:
            cls.suite = re.search(r"^VERSION_CODENAME=(\S+)", release.read(), re.M).group(1)
        cls.old, cls.new = (cls.held(state) for state in (cls.first, cls.second))
        cls.tmp = tempfile.mkdtemp(prefix="iana-apt-")
        cls.addClassCleanup(shutil.rmtree, cls.tmp, ignore_errors=True)
        cls.web = Web(cls.first)
        cls.addClassCleanup(cls.web.stop)
        cls.registries = Registries()
        cls.addClassCleanup(cls.registries.stop)
        cls.next, cls.next_web = cls.next_registry()
        cls.addClassCleanup(cls.next_web.stop)
        cls.ana, cls.bob, cls.admin = User(), User(), User(root=True)
        for user in (cls.ana, cls.bob, cls.admin):
            cls.addClassCleanup(user.remove)
        # This mirror may serve a testing Release past its Valid-Until date,
        # as tools/wireshark-chroot allows for; the repository has none.
        with open("/etc/apt/apt.conf.d/99mirror-valid-until", "w") as conf:
            conf.write('Acquire::Check-Valid-Until "false";\n')
        cls.install_wget()

    @classmethod
    def held(cls, state):
        """The version of wireshark-iana the repository's suite holds."""
        packages = os.path.join(state, "dists", cls.suite, "main", "binary-amd64", "Packages")
        with open(packages) as index:
            return re.search(r"^Version: (\S+)", index.read(), re.M).group(1)

    @classmethod
    def next_registry(cls):
        """IANA's next publication after the tests' snapshot, on a web
        server of its own: the snapshot a day later, with 3980/tcp assigned
        (debian/tests/newer-registry). Its date and the server."""
        folder = os.path.join(cls.tmp, "next")
        os.makedirs(folder)
        date = (datetime.date.fromisoformat(FULL_SNAPSHOT) + datetime.timedelta(days=1)).isoformat()
        sh(sys.executable, os.path.join(ROOT, "debian", "tests", "newer-registry"),
           os.path.join(SHARED, "registry", FULL_SNAPSHOT, XML), os.path.join(folder, XML), date)
        return date, Web(folder)

    @classmethod
    def install_wget(cls):
        """The README fetches the key with wget, which a standard Debian
        installation has and this minimal chroot lacks: installed from the
        mirror, through a cache that spares the download next time."""
        if shutil.which("wget"):
            return
        cache = os.environ.get("IANA_APT_CACHE") or os.path.join(cls.tmp, "apt-cache")
        os.makedirs(os.path.join(cache, "partial"), exist_ok=True)
        run = sh("apt-get", "install", "-y", "-q", "--no-install-recommends", "-o", "Dir::Cache::archives=" + cache,
                 "wget", check=False)
        if run.returncode != 0:
            raise AssertionError("could not install wget from Debian's mirror (the README's first command "
                                 "needs it), nor from the cache %s:\n%s" % (cache, run.stdout[-2000:]))

    def readme(self):
        return sh("bash", "-c", readme_commands(self.web.url), check=False)

    def candidate(self):
        out = sh("apt-cache", "policy", "wireshark-iana").stdout
        found = re.search(r"Candidate: (\S+)", out)
        return found.group(1) if found else None

    def test_1_a_release_altered_after_signing_is_refused(self):
        tampered = os.path.join(self.tmp, "tampered")
        shutil.copytree(self.first, tampered, symlinks=True)
        dists = os.path.join(tampered, "dists", self.suite)
        for name in ("InRelease", "Release"):
            with open(os.path.join(dists, name)) as handle:
                text = handle.read()
            with open(os.path.join(dists, name), "w") as handle:
                handle.write(text.replace("Label: wireshark-iana\n", "Label: wireshark-iana, altered\n", 1))
        self.web.folder = tampered
        # A new user runs the README's commands: apt update stops them.
        run = self.readme()
        self.assertNotEqual(run.returncode, 0, run.stdout)
        self.assertRegex(run.stdout, BAD_SIGNATURE)
        self.assertRegex(run.stdout, r"(E|Error): The repository '%s %s InRelease' is not signed"
                         % (self.web.url, self.suite))
        self.assertIsNone(self.candidate())
        self.assertEqual(sh("dpkg-query", "-W", "wireshark-iana", check=False).returncode, 1)
        print("altered InRelease: " + next(l for l in run.stdout.splitlines() if re.search(BAD_SIGNATURE, l)))
        # Without InRelease apt falls back to Release and Release.gpg.
        os.remove(os.path.join(dists, "InRelease"))
        run = sh("apt-get", "update", check=False)
        self.assertNotEqual(run.returncode, 0, run.stdout)
        self.assertRegex(run.stdout, BAD_SIGNATURE)
        self.assertIsNone(self.candidate())
        print("altered Release: " + next(l for l in run.stdout.splitlines() if l.startswith(("E: ", "Error: "))))
        # The user starts again once the repository is sound.
        for path in (KEYRING, SOURCES):
            os.remove(path)

    def test_2_the_readme_s_commands_add_the_repository_and_install_the_package(self):
        self.web.folder = self.first
        run = self.readme()
        self.assertEqual(run.returncode, 0, run.stdout)
        self.assertRegex(run.stdout, r"Get:\d+ %s %s InRelease" % (re.escape(self.web.url), self.suite))
        self.assertNotRegex(run.stdout, r"(W|E): .*127\.0\.0\.1")
        installed = sh("dpkg-query", "-W", "-f", "${Version}", "wireshark-iana").stdout
        self.assertEqual(installed, self.old)
        policy = sh("apt-cache", "policy", "wireshark-iana").stdout
        self.assertIn("500 %s %s/main amd64 Packages" % (self.web.url, self.suite), policy)
        with open(SOURCES) as sources:
            self.assertIn("Suites: %s\n" % self.suite, sources.read())
        print(next(l for l in run.stdout.splitlines() if l.startswith("Setting up wireshark-iana")))

    def test_3_a_user_s_tshark_annotates_a_capture(self):
        capture = self.bob.capture("demo.pcapng")
        out = self.bob.run("tshark", "-r", capture, "-T", "fields", "-e", "frame.number", "-e", "iana.server_port",
                           "-e", "iana.server_service", "-e", "iana.status", check=True).stdout
        self.assertIn("3\t4420\tnvme\tassigned\n", out)
        self.assertRegex(self.bob.registry_in_use(), r"^IANA Port Registry \(%s, [\d,]+ records, built in\)$"
                         % self.carried)
        print("an unprivileged user's tshark, demo.pcapng frame 3: %s" % out.splitlines()[2].replace("\t", " "))

    def test_4_users_and_the_administrator_keep_registries_of_their_own(self):
        # The administrator's image: the registry the package carries,
        # which wins at equal dates over the compiled-in tables.
        run = self.admin.run("wireshark-iana-update", "--system", "--url", self.registries.url(self.carried))
        self.assertEqual(run.returncode, 0, run.stdout + run.stderr)
        self.assertRegex(self.bob.registry_in_use(), r"^IANA Port Registry \(%s, [\d,]+ records, %s\)$"
                         % (self.carried, SYSTEM_IMAGE))
        # Ana's image: a registry newer than any package.
        run = self.ana.run("wireshark-iana-update", "--url", "%s/%s" % (self.next_web.url, XML))
        self.assertEqual(run.returncode, 0, run.stdout + run.stderr)
        self.assertRegex(self.ana.registry_in_use(), r"^IANA Port Registry \(%s, [\d,]+ records, %s\)$"
                         % (self.next, re.escape(self.ana.config("iana-registry.img"))))
        # Ana's profile with a local port assignment.
        lab = self.ana.config("profiles", "lab")
        os.makedirs(lab)
        with open(os.path.join(lab, "iana_local_ports"), "w") as table:
            table.write(LOCAL_PORTS)
        for top, dirs, files in os.walk(self.ana.home):
            for name in dirs + files:
                os.chmod(os.path.join(top, name), 0o777)
        self.assertEqual(self.lab_frame_3(), "lab-nvme\tlocal,assigned")
        print("before the upgrade: bob uses %s; ana %s" % (self.bob.registry_in_use(), self.ana.registry_in_use()))
        self.__class__.kept = digests(SYSTEM_IMAGE, self.ana.config("iana-registry.img"),
                                      os.path.join(lab, "iana_local_ports"))

    def lab_frame_3(self):
        capture = self.ana.capture("demo.pcapng")
        return self.ana.run("tshark", "-C", "lab", "-r", capture, "-Y", "frame.number == 3", "-T", "fields",
                            "-e", "iana.server_service", "-e", "iana.status", check=True).stdout.strip()

    def test_5_apt_upgrade_brings_the_new_plugin_and_registry_and_keeps_theirs(self):
        self.web.folder = self.second
        run = sh("bash", "-c", "apt update && apt upgrade -y", script="")
        self.assertEqual(run.returncode, 0, run.stdout)
        self.assertEqual(sh("dpkg-query", "-W", "-f", "${Version}", "wireshark-iana").stdout, self.new)
        print(next(l for l in run.stdout.splitlines() if l.startswith("Unpacking wireshark-iana")))
        # The new plugin, with the newer registry compiled in.
        plugins = self.bob.run("tshark", "-G", "plugins", check=True).stdout
        self.assertRegex(plugins, r"iana\.so\s+1\.0\.0 \(IANA registry %s, [\d,]+ records\)" % FULL_SNAPSHOT)
        # The newest registry wins: the new package's over the
        # administrator's image, Ana's image over the new package's.
        self.assertRegex(self.bob.registry_in_use(), r"^IANA Port Registry \(%s, [\d,]+ records, built in\)$"
                         % FULL_SNAPSHOT)
        self.assertRegex(self.ana.registry_in_use(), r"^IANA Port Registry \(%s, [\d,]+ records, %s\)$"
                         % (self.next, re.escape(self.ana.config("iana-registry.img"))))
        capture = self.ana.capture("demo.pcapng")
        frame6 = self.ana.run("tshark", "-r", capture, "-Y", "frame.number == 6", "-T", "fields",
                              "-e", "iana.server_service", check=True).stdout.strip()
        self.assertEqual(frame6, "wireshark-iana-test")
        # Their files, as they were.
        self.assertEqual(digests(*self.kept), self.kept)
        self.assertEqual(self.lab_frame_3(), "lab-nvme\tlocal,assigned")
        print("upgraded %s -> %s; untouched: %s" % (self.old, self.new, ", ".join(
            "%s (sha256 %s)" % (path, digest[:12]) for path, digest in self.kept.items())))
        print("in use: bob %s; ana %s" % (self.bob.registry_in_use(), self.ana.registry_in_use()))


if __name__ == "__main__":
    unittest.main()
