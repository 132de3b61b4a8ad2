# pcapgen.py - packets and capture files built with struct alone.
# SPDX-License-Identifier: GPL-2.0-or-later
"""Layers (Ethernet, VLAN, IPv4, IPv6, TCP, UDP, SCTP, DCCP, ICMP errors,
VXLAN) with correct checksums, and pcapng and pcap writers: what the test
captures, the benchmark and the fuzzer build their packets from."""

import datetime
import os
import struct

BASE_TIME_US = 1767225600 * 1000000     # 2026-01-01T00:00:00Z

MAC_A = bytes.fromhex("020000000001")
MAC_B = bytes.fromhex("020000000002")


# ------------------------------------------------------------ checksums ----
def inet_checksum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def _crc32c_table():
    table = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
        table.append(c)
    return table


_CRC32C = _crc32c_table()


def crc32c(data):
    c = 0xFFFFFFFF
    for byte in data:
        c = _CRC32C[(c ^ byte) & 0xFF] ^ (c >> 8)
    return c ^ 0xFFFFFFFF


# ---------------------------------------------------------------- layers ---
def v4(addr):
    return bytes(int(x) for x in addr.split("."))


def v6(addr):
    head, _, tail = addr.partition("::")
    h = [int(x, 16) for x in head.split(":") if x]
    t = [int(x, 16) for x in tail.split(":") if x]
    return struct.pack("!8H", *(h + [0] * (8 - len(h) - len(t)) + t))


def ethernet(payload, ethertype=0x0800, vlan=None):
    head = MAC_B + MAC_A
    if vlan is not None:
        head += struct.pack("!HH", 0x8100, vlan)
    return head + struct.pack("!H", ethertype) + payload


def ipv4(src, dst, proto, payload, total_length=None):
    length = total_length if total_length is not None else 20 + len(payload)
    head = struct.pack("!BBHHHBBH4s4s", 0x45, 0, length, 1, 0x4000, 64, proto, 0, v4(src), v4(dst))
    head = head[:10] + struct.pack("!H", inet_checksum(head)) + head[12:]
    return head + payload


def ipv6(src, dst, next_header, payload):
    return struct.pack("!IHBB16s16s", 6 << 28, len(payload), next_header, 64, v6(src), v6(dst)) + payload


def _pseudo(src, dst, proto, length):
    if ":" in src:
        return v6(src) + v6(dst) + struct.pack("!IxxxB", length, proto)
    return v4(src) + v4(dst) + struct.pack("!xBH", proto, length)


def tcp(src, dst, sport, dport, flags="S", seq=1000, ack=0, payload=b""):
    bits = sum({"F": 1, "S": 2, "R": 4, "P": 8, "A": 16}[f] for f in flags)
    head = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, 5 << 4, bits, 65535, 0, 0)
    check = inet_checksum(_pseudo(src, dst, 6, len(head) + len(payload)) + head + payload)
    return head[:16] + struct.pack("!H", check) + head[18:] + payload


def udp(src, dst, sport, dport, payload=b""):
    head = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0)
    check = inet_checksum(_pseudo(src, dst, 17, len(head) + len(payload)) + head + payload) or 0xFFFF
    return head[:6] + struct.pack("!H", check) + payload


def sctp_init(sport, dport):
    init = struct.pack("!IIHHI", 0x01020304, 65535, 10, 10, 1)   # tag, a_rwnd, streams, TSN
    chunk = struct.pack("!BBH", 1, 0, 4 + len(init)) + init
    head = struct.pack("!HHII", sport, dport, 0, 0)
    return head[:8] + struct.pack("<I", crc32c(head + chunk)) + chunk


def dccp_request(src, dst, sport, dport, service_code):
    # Generic header with 48-bit sequence number (X=1), then the service code.
    head = struct.pack("!HHBBHBBHI", sport, dport, 5, 0, 0, (0 << 1) | 1, 0, 0, 1) + \
        struct.pack("!I", service_code)
    check = inet_checksum(_pseudo(src, dst, 33, len(head)) + head)
    return head[:6] + struct.pack("!H", check) + head[8:]


def icmp_port_unreachable(quoted_ip):
    body = struct.pack("!BBHI", 3, 3, 0, 0) + quoted_ip
    return body[:2] + struct.pack("!H", inet_checksum(body)) + body[4:]


def icmpv6_port_unreachable(src, dst, quoted_ip):
    body = struct.pack("!BBHI", 1, 4, 0, 0) + quoted_ip
    check = inet_checksum(_pseudo(src, dst, 58, len(body)) + body)
    return body[:2] + struct.pack("!H", check) + body[4:]


def vxlan(inner_frame, vni=42):
    return struct.pack("!BxxxI", 0x08, vni << 8) + inner_frame


def gtp_u(inner_ip, teid=0x1234):
    """A GTP-U G-PDU (3GPP TS 29.281): version 1, no options, carrying an IP packet."""
    return struct.pack("!BBHI", 0x30, 0xFF, len(inner_ip), teid) + inner_ip


def sflow_v5(agent, samples, sequence=1):
    """An sFlow version 5 datagram with one flow sample per sampled frame,
    each a raw packet header record (sflow.org, sFlow Version 5)."""
    body = b""
    for n, frame in enumerate(samples):
        padded = frame + b"\0" * (-len(frame) % 4)
        record = struct.pack("!IIII", 1, len(frame), 4, len(frame)) + padded        # Ethernet header
        flow = struct.pack("!IIIIIIII", n + 1, 3, 1000, 1000 * (n + 1), 0, 1, 2, 1)
        flow += struct.pack("!II", 1, len(record)) + record
        body += struct.pack("!II", 1, len(flow)) + flow
    return struct.pack("!II4sIIII", 5, 1, v4(agent), 0, sequence, 1000, len(samples)) + body


# --------------------------------------------------------------- pcapng ----
def _block(kind, body):
    body += b"\0" * (-len(body) % 4)
    length = 12 + len(body)
    return struct.pack("<II", kind, length) + body + struct.pack("<I", length)


def pcapng(frames):
    out = _block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1))
    out += _block(1, struct.pack("<HHI", 1, 0, 65535))
    for n, frame in enumerate(frames):
        # A frame is its bytes, or (bytes, original length[, time in microseconds]).
        data, original, ts = (frame + (BASE_TIME_US + n * 1000,))[:3] if isinstance(frame, tuple) \
            else (frame, len(frame), BASE_TIME_US + n * 1000)
        out += _block(6, struct.pack("<IIIII", 0, ts >> 32, ts & 0xFFFFFFFF, len(data), original) + data)
    return out


def utc_us(text):
    """Microseconds since the epoch of a UTC time, "2019-06-01" or
    "2016-03-30 23:59:59"."""
    form = "%Y-%m-%d %H:%M:%S" if " " in text else "%Y-%m-%d"
    when = datetime.datetime.strptime(text, form).replace(tzinfo=datetime.timezone.utc)
    return int(when.timestamp()) * 1000000


def pcap_header():
    """The global header of a classic pcap file of Ethernet frames."""
    return struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1)


def pcap_record(frame, time_us):
    return struct.pack("<IIII", time_us // 1000000, time_us % 1000000, len(frame), len(frame)) + frame


def bare_ipv4(src, dst, sport, dport, tcp_flags=None, ip_id=0, seq=0, ack=0, payload=b""):
    """An Ethernet/IPv4 frame carrying TCP (with tcp_flags, a number) or UDP,
    src and dst being 4-byte addresses, without checksums: tshark does not
    check them by default, and benchmarks write millions of these."""
    if tcp_flags is not None:
        l4 = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, 0x50, tcp_flags, 65535, 0, 0)
        proto = 6
    else:
        l4 = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0)
        proto = 17
    l4 += payload
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(l4), ip_id, 0, 64, proto, 0, src, dst)
    return MAC_B + MAC_A + b"\x08\x00" + ip + l4


def write_pcap(path, frames):
    """A classic pcap file of (frame, time in microseconds) pairs, written
    beside path and renamed, so an interrupted run leaves no partial file."""
    with open(path + ".tmp", "wb") as out:
        out.write(pcap_header())
        for frame, time_us in frames:
            out.write(pcap_record(frame, time_us))
    os.replace(path + ".tmp", path)
