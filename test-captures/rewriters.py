# rewriters.py - frames in which a dissector above the transport rewrites pinfo's ports.
# SPDX-License-Identifier: GPL-2.0-or-later
"""pinfo->srcport and pinfo->destport belong to whichever dissector wrote
them last. In each frame here one above TCP or UDP writes them (or the port
type) and leaves them so, with Wireshark's default preferences, on 4.0, 4.4
and 4.6 alike:

- IEEE 802.11 (packet-ieee80211.c) writes the number of (re)association
  requests seen so far into both ports, the port type left as it was, for
  (re)association requests, disassociations, deauthentications and
  EAPOL-Key frames: the 1 -> 1 of Wi-Fi controllers' captures (CAPWAP data
  on 5247, LWAPP on 12222, TZSP on 37008), and 0 -> 0 for an EAPOL-Key
  bridged over Ethernet in VXLAN, Geneve or CAPWAP;
- IPX, AppleTalk DDP and XNS IDP set their own port type and their
  sockets as ports; InfiniBand (RoCE) its queue pairs; POWERLINK over UDP
  the last bytes of the IP addresses; the iWARP MPA heuristic its port type;
- RDP over UDP, version 2, with a TLS record longer than its datagram:
  4.4 and 4.6 take every layer off the frame's layer list, transports
  included (TLS's request for more data is left standing).

The order of the Wi-Fi frames matters: 802.11 counts the associations seen
before. Built with pcapgen.py; the frames' expectations are in
manifest.json ("wifi-tunnels" and "port-writers")."""

import struct

from pcapgen import ethernet, ipv4, tcp, udp, vxlan

AP, CONTROLLER = "192.168.10.20", "10.0.0.5"
BSSID = bytes.fromhex("00112233aa01")
STATION = bytes.fromhex("00112233bb02")
GATEWAY = bytes.fromhex("00112233cc03")
RSN_IE = bytes.fromhex("30140100000fac040100000fac040100000fac020000")   # CCMP, PSK
SSID_AND_RATES = b"\x00\x04test" + b"\x01\x04\x82\x84\x8b\x96"
# EAPOL-Key information of messages 1, 2 and 4 of the 4-way handshake.
KEY_M1, KEY_M2, KEY_M4 = 0x008A, 0x010A, 0x030A


def udp_frame(payload, sport, dport, src=AP, dst=CONTROLLER):
    return ethernet(ipv4(src, dst, 17, udp(src, dst, sport, dport, payload)))


# --------------------------------------------------------------- 802.11 ----
def frame_control(kind, flags, swapped):
    """CAPWAP's "swap frame control" preference is on by default, so the
    frames it carries hold the two bytes swapped; LWAPP's and TZSP's not."""
    return bytes([flags, kind]) if swapped else bytes([kind, flags])


def management(subtype, body, swapped):
    return frame_control(subtype << 4, 0, swapped) + b"\0\0" + BSSID + STATION + BSSID + b"\x20\x00" + body


def association_request(swapped, reassociation=False):
    body = b"\x31\x04\x0a\x00" + (BSSID if reassociation else b"") + SSID_AND_RATES + RSN_IE
    return management(2 if reassociation else 0, body, swapped)


def data(body, to_ds, swapped, qos=False):
    head = frame_control(0x88 if qos else 0x08, 1 if to_ds else 2, swapped) + b"\0\0"
    head += (BSSID + STATION + GATEWAY) if to_ds else (STATION + BSSID + GATEWAY)
    return head + b"\x10\x00" + (b"\0\0" if qos else b"") + body


def snap(ethertype, payload, oui=b"\0\0\0"):
    return b"\xaa\xaa\x03" + oui + struct.pack("!H", ethertype) + payload


def eapol_key(key_info, replay=1, key_data=b""):
    """An 802.1X-2004 EAPOL-Key frame with the RSN key descriptor."""
    body = bytes([2]) + struct.pack("!HHQ", key_info, 16, replay) + b"\x11" * 32 + b"\0" * 48 + \
        struct.pack("!H", len(key_data)) + key_data
    return struct.pack("!BBH", 2, 3, len(body)) + body


def key_over_ethernet(key_info=KEY_M1):
    return BSSID + STATION + b"\x88\x8e" + eapol_key(key_info)


def ipx(destination_socket=0x0452, source_socket=0x4000):
    payload = b"\0\x01\0\x04TEST"
    return struct.pack("!HHBB", 0xFFFF, 30 + len(payload), 0, 4) + b"\0\0\0\1" + b"\xff" * 6 + \
        struct.pack("!H", destination_socket) + b"\0\0\0\1" + STATION + struct.pack("!H", source_socket) + payload


# ------------------------------------------------------------ tunnels ----
def capwap(payload, native=True, radio_mac=None, wireless_info=None):
    """A CAPWAP data header (RFC 5415, 4.3): radio 1, binding IEEE 802.11,
    a native 802.11 frame (T) or an 802.3 one, optional radio MAC address
    (M) and wireless specific information (W), each padded to 4 bytes."""
    options = b""
    for field in (radio_mac, wireless_info):
        if field is not None:
            item = bytes([len(field)]) + field
            options += item + b"\0" * (-len(item) % 4)
    m, w = int(radio_mac is not None), int(wireless_info is not None)
    words = (8 + len(options)) // 4
    bits = words << 19 | 1 << 14 | 1 << 9 | int(native) << 8 | w << 5 | m << 4
    return b"\0" + bits.to_bytes(3, "big") + b"\0\0\0\0" + options + payload


def capwap_data(frame, **options):
    """From the access point's 12380 to the controller's CAPWAP data port."""
    return udp_frame(capwap(frame, **options), 12380, 5247)


def lwapp(frame):
    """An LWAPP data header (RFC 5412): an 802.11 frame follows (C = 0)."""
    return udp_frame(struct.pack("!BBH", 0, 0, len(frame)) + b"\0\0" + frame, 12222, 12222)


def tzsp(encapsulation, frame):
    """TZSP version 1, received, with no tagged fields (tag 1: end)."""
    return udp_frame(struct.pack("!BBH", 1, 0, encapsulation) + b"\x01" + frame, 40000, 37008)


def wifi_tunnels():
    """Wi-Fi controllers' tunnels: one client associates, then its 4-way handshake."""
    return [
        ("CAPWAP data from 12380 to 5247: 802.11 EAPOL-Key message 1 before any association; 802.11 "
         "writes 0 into both of pinfo's ports", capwap_data(data(snap(0x888E, eapol_key(KEY_M1)), False, True))),
        ("CAPWAP data: 802.11 association request; 802.11 writes 1 into both of pinfo's ports, the port "
         "type left UDP", capwap_data(association_request(True))),
        ("CAPWAP data: EAPOL-Key message 1, pinfo's ports 1 -> 1",
         capwap_data(data(snap(0x888E, eapol_key(KEY_M1)), False, True))),
        ("CAPWAP data: EAPOL-Key message 2 from the station, pinfo's ports 1 -> 1",
         capwap_data(data(snap(0x888E, eapol_key(KEY_M2, key_data=RSN_IE)), True, True))),
        ("CAPWAP data: QoS data, EAPOL-Key message 4, pinfo's ports 1 -> 1",
         capwap_data(data(snap(0x888E, eapol_key(KEY_M4, 2)), True, True, qos=True))),
        ("CAPWAP data: 802.11 reassociation request, pinfo's ports 2 -> 2",
         capwap_data(association_request(True, reassociation=True))),
        ("CAPWAP data: disassociation, pinfo's ports 2 -> 2", capwap_data(management(10, b"\x08\x00", True))),
        ("CAPWAP data: deauthentication, pinfo's ports 2 -> 2", capwap_data(management(12, b"\x07\x00", True))),
        ("CAPWAP data with the radio MAC address and wireless specific information: EAPOL-Key, pinfo's "
         "ports 2 -> 2", capwap_data(data(snap(0x888E, eapol_key(KEY_M1)), False, True), radio_mac=BSSID,
                                     wireless_info=b"\xc0\x20\x00\x3c")),
        ("CAPWAP data: 802.11 data frame, IPX over SNAP: IPX sets its own port type and sockets",
         capwap_data(data(snap(0x8137, ipx()), True, True))),
        ("CAPWAP data: 802.11 data frame, AppleTalk DDP over SNAP: DDP's port type and sockets",
         capwap_data(data(snap(0x809B, struct.pack("!HHHHBBBBB", 17, 0, 1, 1, 0xFF, 5, 0x04, 0xFD, 2) +
                                b"\x01\x02\x03\x04", oui=b"\x08\x00\x07"), True, True))),
        ("CAPWAP data: 802.3 frame (T = 0) holding an EAPOL-Key: pinfo's ports 0 -> 0",
         udp_frame(capwap(key_over_ethernet(), native=False), 12380, 5247)),
        ("LWAPP data from 12222 to 12222: 802.11 association request, pinfo's ports 3 -> 3",
         lwapp(association_request(False))),
        ("LWAPP data: EAPOL-Key message 1, pinfo's ports 3 -> 3",
         lwapp(data(snap(0x888E, eapol_key(KEY_M1)), False, False))),
        ("TZSP from 40000 to 37008 carrying an 802.11 EAPOL-Key: pinfo's ports 3 -> 3",
         tzsp(18, data(snap(0x888E, eapol_key(KEY_M1)), False, False))),
        ("VXLAN from 40000 to 4789 carrying an Ethernet EAPOL-Key: pinfo's ports 0 -> 0",
         udp_frame(vxlan(key_over_ethernet()), 40000, 4789)),
        ("Geneve from 40000 to 6081 carrying an Ethernet EAPOL-Key: pinfo's ports 0 -> 0",
         udp_frame(struct.pack("!BBHI", 0, 0, 0x6558, 42 << 8) + key_over_ethernet(), 40000, 6081)),
    ]


# ------------------------------------------------------ other writers ----
def roce_management(destination_qp=1, source_qp=1):
    """An InfiniBand BTH (UD SEND only), DETH and a 256-byte MAD, and the ICRC."""
    mad = struct.pack("!BBBBHHQHHI", 1, 3, 2, 1, 0, 0, 0x1234, 0x0010, 0, 0) + b"\0" * 232
    return struct.pack("!BBHII", 0x64, 0, 0xFFFF, destination_qp, 1) + \
        struct.pack("!II", 0x80010000, source_qp) + mad + b"\0" * 4


RDP_CLIENT, RDP_SERVER = "192.168.50.10", "192.168.50.1"


def rdp_udp(payload, to_server):
    if to_server:
        return udp_frame(payload, 50003, 3389, RDP_CLIENT, RDP_SERVER)
    return udp_frame(payload, 3389, 50003, RDP_SERVER, RDP_CLIENT)


def rdpudp_syn(flags, initial_sequence, acknowledged=0xFFFFFFFF):
    """An RDP-UDP SYN datagram (MS-RDPEUDP) asking for version 2 (SYNEX 0x101)."""
    body = struct.pack("!IHH", acknowledged, 64, flags) + struct.pack("!IHH", initial_sequence, 1232, 1232)
    if flags & 0x0800:                                  # a correlation id
        body += bytes(range(16)) + b"\0" * 16
    body += struct.pack("!HH", 1, 0x0101) + b"\xcc" * 32
    return body + b"\0" * (1232 - len(body))


def rdpudp2_data(payload, sequence):
    """An RDP-UDP 2 DATA packet (MS-RDPEUDP2), its first and eighth bytes swapped on the wire."""
    raw = bytearray(b"\0" + struct.pack("<HHH", 0x0004, sequence, sequence) + payload)
    raw[0], raw[7] = raw[7], raw[0]
    return bytes(raw)


def tls_record(kind, body, announced=None):
    return struct.pack("!BHH", kind, 0x0303, len(body) if announced is None else announced) + body


def port_writers():
    """Other dissectors above a transport that rewrite pinfo's ports or port type."""
    hello_body = b"\x03\x03" + b"\x22" * 32 + b"\0" + b"\0\x02\0\x2f" + b"\x01\0"
    hello = b"\x01" + len(hello_body).to_bytes(3, "big") + hello_body
    return [
        ("UDP from 213 to 213 carrying IPX: IPX's port type, its sockets as pinfo's ports",
         udp_frame(ipx(), 213, 213)),
        ("VXLAN from 40000 to 4789 carrying Ethernet and IPX", udp_frame(
            vxlan(b"\xff" * 6 + STATION + b"\x81\x37" + ipx()), 40000, 4789)),
        ("RoCEv2 from 49152 to 4791: InfiniBand management datagram, queue pairs 1 -> 1 as pinfo's ports",
         udp_frame(roce_management(), 49152, 4791)),
        ("RoCEv2 from 49153 to 4791: reliable connected SEND, pinfo's ports the queue pairs",
         udp_frame(struct.pack("!BBHII", 0x04, 0x40, 0xFFFF, 0x12, 5) + b"payload!" + b"\0" * 4, 49153, 4791)),
        ("POWERLINK over UDP from 10.1.1.1:3819 to 10.2.2.1:3819: the last bytes of the addresses as "
         "pinfo's ports (1 -> 1), port type none", udp_frame(
             struct.pack("!BBBB", 0x06, 0xF0, 0x01, 0x01) + b"\0" * 40, 3819, 3819, "10.1.1.1", "10.2.2.1")),
        ("TCP from 40001 to 33333 carrying an iWARP MPA request: the heuristic sets its own port type",
         ethernet(ipv4(AP, CONTROLLER, 6, tcp(AP, CONTROLLER, 40001, 33333, "PA",
                                                 payload=b"MPA ID Req Frame\x40\x01\0\0")))),
        ("RDP over UDP from 50003 to 3389: SYN asking for version 2",
         rdp_udp(rdpudp_syn(0x0001 | 0x0800 | 0x1000, 0x1000), True)),
        ("RDP over UDP from 3389 to 50003: SYN/ACK, version 2",
         rdp_udp(rdpudp_syn(0x0001 | 0x0004 | 0x1000, 0x2000, 0x1000), False)),
        ("RDP-UDP 2 from 50003 to 3389: a TLS ClientHello",
         rdp_udp(rdpudp2_data(tls_record(22, hello), 1), True)),
        ("RDP-UDP 2 from 3389 to 50003: a TLS record longer than the datagram; 4.4 and 4.6 leave the "
         "frame's layer list empty, the UDP header's ports filed all the same",
         rdp_udp(rdpudp2_data(tls_record(22, b"\x02" + (2996).to_bytes(3, "big") + b"\x03\x03" + b"\x33" * 94,
                                         announced=3000), 1), False)),
        ("RDP-UDP 2 from 3389 to 50003: the rest of that record",
         rdp_udp(rdpudp2_data(b"\x44" * 2905, 2), False)),
    ]
