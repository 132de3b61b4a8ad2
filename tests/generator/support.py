# support.py - what the generator tests share: paths, running iana-gen,
# compiling its C output with the lookup code and reading the dump back.
# SPDX-License-Identifier: GPL-2.0-or-later

import json
import os
import shlex
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
IANA_GEN = os.path.join(ROOT, "scripts", "iana-gen")
EXCERPT = os.path.join(ROOT, "registry", "excerpt.txt")
# The date of the snapshot the full-registry tests use (as meson reads it).
with open(os.path.join(ROOT, "registry", "full-snapshot")) as _handle:
    FULL_SNAPSHOT = _handle.read().strip()
SHARED = os.environ.get("IANA_SHARED_DIR", os.path.join(os.path.dirname(ROOT), "shared"))
CC = shlex.split(os.environ.get("CC", "cc"))
STRICT = ["-std=c11", "-Wall", "-Wextra", "-Werror", "-pedantic"]

sys.path.insert(0, os.path.join(ROOT, "scripts"))


def xml_head(updated="2026-01-01"):
    """The first three lines of a registry document the tests write
    themselves; IANA's own files are read from ../shared, never copied."""
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<registry id="service-names-port-numbers">\n'
            '<updated>%s</updated>\n' % updated)


def snapshot(date, kind="xml"):
    """Path of a registry snapshot in ../shared/registry, or skip the test."""
    path = os.path.join(SHARED, "registry", date, "service-names-port-numbers." + kind)
    if not os.path.exists(path):
        raise unittest.SkipTest("registry snapshot %s not found: ../shared/registry is absent, "
                                "so the full-registry checks are skipped (needs ../shared)" % path)
    return path


def iana_gen(*args, cwd=None, env=None):
    return subprocess.run([sys.executable, IANA_GEN] + [str(a) for a in args], cwd=cwd, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def model(path, fmt=None):
    """The --json model of a registry file."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "model.json")
        args = [path, "--json", out] + (["--format", fmt] if fmt else [])
        run = iana_gen(*args)
        if run.returncode != 0:
            raise AssertionError("iana-gen %s failed: %s" % (path, run.stderr))
        with open(out, encoding="utf-8") as handle:
            return json.load(handle)


def compile_dump(c_dir, workdir, extra_flags=()):
    """Build tests/tools/iana-dump.c against the tables in c_dir; return the binary."""
    exe = os.path.join(workdir, "iana-dump")
    cmd = CC + STRICT + list(extra_flags) + [
        "-I" + os.path.join(ROOT, "plugin"), "-I" + c_dir,
        os.path.join(ROOT, "tests", "tools", "iana-dump.c"),
        os.path.join(ROOT, "plugin", "iana-registry.c"), "-o", exe]
    run = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if run.returncode != 0:
        raise AssertionError("the generated C does not compile:\n" + run.stdout[-3000:])
    return exe


def read_dump(exe):
    """The dump as a list of (name, bytes)."""
    data = subprocess.run([exe], stdout=subprocess.PIPE, check=True).stdout
    items, pos = [], 0
    while pos < len(data):
        space = data.index(b" ", pos)
        colon = data.index(b":", space)
        length = int(data[space + 1:colon])
        items.append((data[pos:space].decode(), data[colon + 1:colon + 1 + length]))
        pos = colon + 1 + length + 1
    return items


def unauthorized_at(r):
    """The record's ports a note flags, as iana-dump prints them: "a-b,c"."""
    from ianareg.unauthorized import flagged_within, port_text
    if not r["unauthorized_use"]:
        return ""
    named = []
    for text in r["unauthorized_ports"]:
        low, _, high = text.partition("-")
        named.append((int(low), int(high or low)))
    within = flagged_within(named, r["port_low"], r["port_high"])
    return ",".join(port_text(s) for s in within or [(r["port_low"], r["port_high"])])


def expected_dump(m):
    """What iana-dump must print for a --json model."""
    enc = lambda s: (s or "").encode("utf-8")
    out = [("updated", enc(m["registry"]["updated"])), ("format", enc(m["registry"]["format"]))]
    records = [r for r in m["records"] if r["port"] is not None]
    out.append(("records", enc(str(len(records)))))
    for r in records:
        out += [("service", enc(r["service"])), ("port_low", enc(str(r["port_low"]))),
                ("port_high", enc(str(r["port_high"]))), ("transport", enc(r["transport"])),
                ("description", enc(r["description"]))]
        for kind in ("assignee", "contact"):
            out.append((kind, enc(str(len(r[kind])))))
            out += [("id", enc(p)) for p in r[kind]]
        out += [("registered", enc(r["registered"])), ("modified", enc(r["modified"])),
                ("reference", enc(str(len(r["reference"]))))]
        out += [("ref", enc(x)) for x in r["reference"]]
        if r["service_code"] is None:
            out.append(("service_code", b"none"))
        else:
            out += [("service_code", b""), ("code", enc(str(r["service_code"])))]
        out += [("unauthorized_use", enc(r["unauthorized_use"])),
                ("unauthorized_at", enc(unauthorized_at(r))), ("note", enc(r["note"])),
                ("status", enc(r["status"])), ("history", enc(str(len(r["history"]))))]
        for ev in r["history"]:
            out += [(k, enc(ev[k])) for k in ("event", "date", "former_service", "former_assignee", "text")]
    named = sorted({p for r in records for p in r["assignee"] + r["contact"]})
    for pid in named:
        person = m["people"].get(pid) or {}
        email = None
        uri = person.get("uri")
        if uri and uri.startswith("mailto:"):
            email, uri = uri[len("mailto:"):].replace("&", "@"), None
        out += [("person", enc(pid)), ("name", enc(person.get("name"))), ("org", enc(person.get("org"))),
                ("email", enc(email)), ("uri", enc(uri)), ("updated", enc(person.get("updated")))]
    return out
