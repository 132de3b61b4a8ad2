# test_engines.py - one inventory whichever way parallel runs the jobs.
# SPDX-License-Identifier: GPL-2.0-or-later
"""--jobs 1, --jobs 2, and two SSH hosts (sshd on 127.0.0.2 and 127.0.0.3,
tests/survey/sshd.py) reading the captures from a shared path or receiving
them (--transfer) give byte-identical services.csv. Over SSH the captures
are spread over both hosts; --transfer really copies (a capture only the
surveying user can read is read on the host) and leaves nothing behind; a
host that cannot be reached costs no capture."""

import os
import unittest

import sshd
from support import Workspace, read_bytes, read_csv


class Engines(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ws = Workspace()
        cls.outs = {}
        for name, jobs in (("jobs-1", "1"), ("jobs-2", "2")):
            out = cls.ws.new_out()
            cls.outs[name] = (out,) + cls.ws.survey("--jobs", jobs, "--out", out, cls.ws.captures)
        why = sshd.missing()
        if why:
            cls.hosts = None
            cls.no_hosts = why
            return
        cls.hosts = sshd.SshHosts(cls.ws.plugin, cls.ws.series)
        cls.hosts_file = os.path.join(cls.ws.dir, "hosts")
        with open(cls.hosts_file, "w") as handle:
            handle.write("# two loopback hosts\n" + "\n".join(cls.hosts.sshlogins()) + "\n")
        for name, extra in (("ssh-shared", ()), ("ssh-transfer", ("--transfer",))):
            out = cls.ws.new_out()
            cls.outs[name] = (out,) + cls.ws.survey("--hosts", cls.hosts_file, "--out", out, *extra,
                                                    cls.ws.captures, local=False)

    @classmethod
    def tearDownClass(cls):
        if cls.hosts:
            cls.hosts.__exit__()
        cls.ws.__exit__()

    def need_hosts(self):
        if not self.hosts:
            self.skipTest(self.no_hosts)

    def services(self, name):
        out, status, _, err = self.outs[name]
        self.assertEqual(status, 0, "%s: %s" % (name, err))
        return read_bytes(os.path.join(out, "services.csv"))

    def test_jobs_1_and_jobs_2_give_the_same_file(self):
        self.assertEqual(self.services("jobs-1"), self.services("jobs-2"))

    def test_two_ssh_hosts_give_the_same_file(self):
        self.need_hosts()
        want = self.services("jobs-1")
        for name in ("ssh-shared", "ssh-transfer"):
            with self.subTest(name):
                self.assertEqual(self.services(name), want)

    def test_the_captures_are_spread_over_both_hosts(self):
        self.need_hosts()
        logins = {"%s@%s" % (self.hosts.user, a) for a in sshd.ADDRESSES}
        for name in ("ssh-shared", "ssh-transfer"):
            with self.subTest(name):
                hosts = {r["host"] for r in read_csv(os.path.join(self.outs[name][0], "captures.csv"))}
                self.assertEqual(hosts, logins)

    def test_transfer_copies_the_capture_and_cleans_up(self):
        self.need_hosts()
        # A folder only root (the surveying user) can enter: the remote user
        # reads nothing there, but receives the copy.
        private = self.ws.folder("private", ["demo.pcapng"])
        self.ws.restrict(private, 0o700)
        shared_out, transfer_out = self.ws.new_out(), self.ws.new_out()
        status, _, _ = self.ws.survey("--hosts", self.hosts_file, "--out", shared_out, private, local=False)
        self.assertEqual(status, 1)
        self.assertIn("permission", read_csv(os.path.join(shared_out, "captures.csv"))[0]["reason"])
        status, _, err = self.ws.survey("--hosts", self.hosts_file, "--transfer", "--out", transfer_out,
                                        private, local=False)
        self.assertEqual(status, 0, err)
        self.assertEqual(read_csv(os.path.join(transfer_out, "captures.csv"))[0]["status"], "ok")
        for address in sshd.ADDRESSES:
            code, listing = self.hosts.ssh(address, "ls -A .parallel/tmp 2>/dev/null | wc -l")
            self.assertEqual((code, listing.strip()), (0, "0"), "work dirs left on %s" % address)

    def test_a_host_that_cannot_be_reached_costs_no_capture(self):
        self.need_hosts()
        dead = sshd.free_port()
        hosts_file = os.path.join(self.ws.dir, "hosts-one-dead")
        with open(hosts_file, "w") as handle:
            good = self.hosts.sshlogins()[0]
            handle.write(good + "\n" + good.replace("-p %d" % self.hosts.port, "-p %d" % dead)
                         .replace(sshd.ADDRESSES[0], sshd.ADDRESSES[1]) + "\n")
        out = self.ws.new_out()
        status, _, err = self.ws.survey("--hosts", hosts_file, "--out", out, self.ws.captures, local=False)
        self.assertEqual(status, 0, err)
        self.assertEqual(read_bytes(os.path.join(out, "services.csv")), self.services("jobs-1"))
        self.assertEqual({r["host"] for r in read_csv(os.path.join(out, "captures.csv"))},
                         {"%s@%s" % (self.hosts.user, sshd.ADDRESSES[0])})


if __name__ == "__main__":
    unittest.main()
