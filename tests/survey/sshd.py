# sshd.py - two SSH hosts on loopback addresses, for the survey's tests.
# SPDX-License-Identifier: GPL-2.0-or-later
"""One sshd of the test's own (its configuration, host key and authorized
key in a temporary folder), listening on 127.0.0.2 and 127.0.0.3 only, and
a throwaway unprivileged user it lets in with one key. tshark ignores plugin
folders as root, so the remote side runs as that user, with the plugin in
its personal plugin folder. Needs root (sshd, useradd), sshd and ssh."""

import atexit
import os
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time

ADDRESSES = ("127.0.0.2", "127.0.0.3")
SSHD = "/usr/sbin/sshd"


def missing():
    """Why the hosts cannot be made here, or None."""
    if os.geteuid() != 0:
        return "the SSH hosts need root (sshd, useradd)"
    for tool in (SSHD, shutil.which("ssh"), shutil.which("ssh-keygen"), shutil.which("useradd")):
        if not tool or not os.path.exists(tool):
            return "no %s: install openssh-server and openssh-client" % (tool or "ssh")
    return None


def free_port():
    """A port free on both addresses (sshd binds it on each)."""
    for _ in range(50):
        with socket.socket() as first:
            first.bind((ADDRESSES[0], 0))
            port = first.getsockname()[1]
            with socket.socket() as second:
                try:
                    second.bind((ADDRESSES[1], port))
                except OSError:
                    continue
            return port
    raise RuntimeError("no port free on both %s" % " and ".join(ADDRESSES))


class SshHosts:
    """Use as a context manager; sshlogins() names the two hosts in GNU
    parallel's sshlogin format, plugin_dir() is the user's plugin folder."""

    def __init__(self, plugin, series):
        self.dir = tempfile.mkdtemp(prefix="iana-sshd-")
        os.chmod(self.dir, 0o755)
        self.user = "iana-survey-%s" % secrets.token_hex(3)
        self.home = os.path.join(self.dir, "home")
        self.port = free_port()
        self.process = None
        # Also at exit, should the test be stopped before its tear-down.
        atexit.register(self.__exit__)
        try:
            self._make_user()
            self.install_plugin(plugin, series)
            self._make_keys()
            self._start()
        except BaseException:
            self.__exit__()
            raise

    def _run(self, *cmd):
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def _make_user(self):
        # Password "*": no password logs in, yet the account is not locked
        # (sshd refuses a locked one).
        self._run("useradd", "--home-dir", self.home, "--create-home", "--shell", "/bin/sh",
                  "--password", "*", "--user-group", self.user)

    def plugin_dir(self, series):
        return os.path.join(self.home, ".local", "lib", "wireshark", "plugins", series, "epan")

    def install_plugin(self, plugin, series):
        """The plugin in the user's personal plugin folder: copy, then rename."""
        target = self.plugin_dir(series)
        os.makedirs(target, exist_ok=True)
        shutil.copy(plugin, os.path.join(target, ".iana.so.new"))
        os.replace(os.path.join(target, ".iana.so.new"), os.path.join(target, "iana.so"))
        self._run("chown", "-R", "%s:%s" % (self.user, self.user), self.home)

    def _make_keys(self):
        self.host_key = os.path.join(self.dir, "host_key")
        self.client_key = os.path.join(self.dir, "client_key")
        for key in (self.host_key, self.client_key):
            self._run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "iana-survey-test", "-f", key)
        with open(self.client_key + ".pub") as handle:
            client_public = handle.read()
        self.authorized = os.path.join(self.dir, "authorized_keys")
        with open(self.authorized, "w") as handle:
            handle.write(client_public)
        os.chmod(self.authorized, 0o644)
        with open(self.host_key + ".pub") as handle:
            host_public = " ".join(handle.read().split()[:2])
        self.known_hosts = os.path.join(self.dir, "known_hosts")
        with open(self.known_hosts, "w") as handle:
            for address in ADDRESSES:
                handle.write("[%s]:%d %s\n" % (address, self.port, host_public))

    def _start(self):
        config = os.path.join(self.dir, "sshd_config")
        with open(config, "w") as handle:
            for address in ADDRESSES:
                handle.write("ListenAddress %s:%d\n" % (address, self.port))
            handle.write("\n".join([
                "HostKey %s" % self.host_key,
                "PidFile %s" % os.path.join(self.dir, "sshd.pid"),
                "AuthorizedKeysFile %s" % self.authorized,
                # The temporary folder sits in a world-writable /tmp.
                "StrictModes no",
                "AllowUsers %s" % self.user,
                "PermitRootLogin no",
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "UsePAM no",
                "X11Forwarding no",
                "AllowTcpForwarding no",
                "PrintMotd no",
                "MaxStartups 100",
                "MaxSessions 100",
                ""]))
        # Privilege separation needs this folder, which a service start makes.
        os.makedirs("/run/sshd", mode=0o755, exist_ok=True)
        self.log = open(os.path.join(self.dir, "sshd.log"), "w")
        self.process = subprocess.Popen([SSHD, "-D", "-e", "-f", config], stdout=self.log, stderr=self.log)
        deadline = time.monotonic() + 10
        for address in ADDRESSES:
            while True:
                if self.process.poll() is not None:
                    raise RuntimeError("sshd exited %d: %s" % (self.process.returncode, self.sshd_log()))
                try:
                    socket.create_connection((address, self.port), timeout=1).close()
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise RuntimeError("sshd does not listen on %s:%d" % (address, self.port))
                    time.sleep(0.05)

    def sshd_log(self):
        with open(os.path.join(self.dir, "sshd.log")) as handle:
            return handle.read()[-2000:]

    def ssh_command(self):
        """The ssh client command, ignoring the caller's own configuration."""
        return ("ssh -F /dev/null -p %d -i %s -o IdentitiesOnly=yes -o BatchMode=yes "
                "-o UserKnownHostsFile=%s -o StrictHostKeyChecking=yes" % (
                    self.port, self.client_key, self.known_hosts))

    def sshlogins(self, jobs=1):
        return ["%d/%s %s@%s" % (jobs, self.ssh_command(), self.user, address) for address in ADDRESSES]

    def ssh(self, address, command):
        """Run a command on one host; (returncode, output)."""
        run = subprocess.run(self.ssh_command().split() + ["%s@%s" % (self.user, address), command],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=60)
        return run.returncode, run.stdout

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if not os.path.isdir(self.dir):
            return
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if getattr(self, "log", None):
            self.log.close()
        # userdel refuses while a session of the user is still ending; what
        # is left of them after a while is the test's own, ended by pid.
        for attempt in range(100):
            if subprocess.run(["userdel", self.user], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL).returncode in (0, 6):
                break
            if attempt == 50:
                left = subprocess.run(["pgrep", "-u", self.user], stdout=subprocess.PIPE, text=True).stdout
                for pid in left.split():
                    try:
                        os.kill(int(pid), signal.SIGKILL)
                    except ProcessLookupError:
                        pass
            time.sleep(0.1)
        shutil.rmtree(self.dir, ignore_errors=True)
