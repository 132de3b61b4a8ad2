# own_ports.py - every annotated port is a port of its own transport header.
# SPDX-License-Identifier: GPL-2.0-or-later
"""The plugin's promise about ports, checked on what tshark prints: each
iana.port, and each iana.server_port, is one of the two ports of the
transport header it stands for, as the tree's tcp, udp, sctp and dccp port
fields show them. Header n (iana.header, 1 when the packet has one) is the
n-th transport header of the tree, quoted ones included.

Read from the tree's structure (-T pdml, -T json) and, where a mode prints
values without structure (-T fields, -T ek), from its lists: there each
port must be one of the ports its transport's headers carry (-T ek: any
header's). The tests
(tests/dissect/test_own_ports.py) and the fuzzer (tools/fuzz-plugin) use
this module; each function returns the violations it finds, as text."""

import json
import xml.etree.ElementTree as ET

TRANSPORTS = ("tcp", "udp", "sctp", "dccp")


def _check(frame, headers, items):
    """headers: [(transport, src, dst)] in tree order; items: [(field,
    value, header number or None, transport or None)] of the iana tree in
    order, iana.server_port standing for the header of the ports before it."""
    found, current = [], 1
    for field, value, number, transport in items:
        if field == "iana.port":
            current = number or 1
        if current > len(headers):
            found.append("frame %s: %s %s names header %d of %d" % (frame, field, value, current, len(headers)))
            continue
        kind, src, dst = headers[current - 1]
        if value not in (src, dst) or (transport is not None and transport != kind):
            found.append("frame %s: %s %s%s is not a port of header %d, %s %s -> %s"
                         % (frame, field, value, "/" + transport if transport else "", current, kind, src, dst))
    return found


def in_pdml(pdml):
    """Violations in -T pdml output."""
    found = []
    for packet in ET.fromstring(pdml).iter("packet"):
        frame = packet.find("proto[@name='geninfo']/field[@name='num']").get("show")
        headers, items = [], []
        for proto in packet.iter("proto"):
            name = proto.get("name")
            if name in TRANSPORTS:
                ports = [proto.find("field[@name='%s.%s']" % (name, side)) for side in ("srcport", "dstport")]
                headers.append((name,) + tuple(p.get("show") if p is not None else None for p in ports))
            elif name == "iana":
                for field in proto:
                    if field.get("name") not in ("iana.port", "iana.server_port"):
                        continue
                    number = field.find("field[@name='iana.header']")
                    transport = field.find("field[@name='iana.transport']")
                    items.append((field.get("name"), field.get("show"),
                                  int(number.get("show")) if number is not None else None,
                                  transport.get("show") if transport is not None else None))
        found += _check(frame, headers, items)
    return found


def _pairs(text):
    return json.loads(text, object_pairs_hook=list)


def _value(pairs, key):
    return next((v for k, v in pairs if k == key), None)


def in_json(text):
    """Violations in -T json output (read with every duplicate key kept, in order)."""
    found = []
    for packet in _pairs(text):
        layers = _value(_value(packet, "_source"), "layers")
        frame = _value(_value(layers, "frame"), "frame.number")
        headers, items = [], []

        def walk(pairs):
            for key, value in pairs:
                if key in TRANSPORTS and isinstance(value, list):
                    headers.append((key, _value(value, key + ".srcport"), _value(value, key + ".dstport")))
                if key == "iana" and isinstance(value, list):
                    iana(value)
                elif isinstance(value, list) and value and isinstance(value[0], tuple):
                    walk(value)

        def iana(pairs):
            for i, (key, value) in enumerate(pairs):
                if key not in ("iana.port", "iana.server_port"):
                    continue
                tree = pairs[i + 1][1] if i + 1 < len(pairs) and pairs[i + 1][0] == key + "_tree" else []
                number = _value(tree, "iana.header")
                items.append((key, value, int(number) if number else None, _value(tree, "iana.transport")))

        walk(layers)
        found += _check(frame, headers, items)
    return found


def in_lists(frame, ports, transports, header_ports):
    """Violations where only lists are printed (-T fields, -T ek): ports and
    transports are iana.port's and iana.transport's values; header_ports
    maps a transport to the ports its headers carry."""
    found = []
    for port, transport in zip(ports, transports):
        if port not in header_ports.get(transport, ()):
            found.append("frame %s: iana.port %s/%s is in no %s header (%s)"
                         % (frame, port, transport, transport, " ".join(header_ports.get(transport, ())) or "none"))
    return found


FIELDS = ["frame.number", "iana.port", "iana.transport", "iana.server_port"] + \
    ["%s.%s" % (t, side) for t in TRANSPORTS for side in ("srcport", "dstport")]


def in_fields(text):
    """Violations in -T fields output of FIELDS with -E occurrence=a -E aggregator=,."""
    found = []
    for line in text.splitlines():
        row = dict(zip(FIELDS, [v.split(",") if v else [] for v in line.split("\t")]))
        headers = {t: row["%s.srcport" % t] + row["%s.dstport" % t] for t in TRANSPORTS}
        frame = row["frame.number"][0]
        found += in_lists(frame, row["iana.port"], row["iana.transport"], headers)
        every = {p for ports in headers.values() for p in ports}
        found += ["frame %s: iana.server_port %s is in no header" % (frame, p)
                  for p in row["iana.server_port"] if p not in every]
    return found


def in_ek(text):
    """Violations in -T ek output."""
    found = []
    for line in text.splitlines():
        doc = json.loads(line)
        if "layers" not in doc:
            continue

        def values(tree, key):
            out = []
            if isinstance(tree, dict):
                for k, v in tree.items():
                    if k == key:
                        out += v if isinstance(v, list) else [v]
                    else:
                        out += values(v, key)
            elif isinstance(tree, list):
                for v in tree:
                    out += values(v, key)
            return out
        layers = doc["layers"]
        frame = values(layers, "frame_frame_number")[0]
        every = {str(v) for t in TRANSPORTS for side in ("srcport", "dstport")
                 for v in values(layers, "%s_%s_%s" % (t, t, side))}
        # 4.0's -T ek keeps one subtree's values of a key, so a port is not
        # paired with its transport here: it must be in some header.
        for field in ("iana_iana_port", "iana_iana_server_port"):
            found += ["frame %s: %s %s is in no header" % (frame, field, v)
                      for v in values(layers.get("iana", {}), field) if str(v) not in every]
    return found
