# png.py - the pixels of a PNG, with the standard library only.
# SPDX-License-Identifier: GPL-2.0-or-later
"""Enough of PNG for a browser's screenshot: 8-bit greyscale, RGB or RGBA,
not interlaced. Returns the pixels as tuples, for counting colours."""

import struct
import zlib

SIGNATURE = b"\x89PNG\r\n\x1a\n"
CHANNELS = {0: 1, 2: 3, 4: 2, 6: 4}


def _paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def pixels(data):
    """(width, height, [pixel tuples, row by row])."""
    if not data.startswith(SIGNATURE):
        raise ValueError("not a PNG")
    at, idat = len(SIGNATURE), []
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        body = data[at + 8:at + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        at += 12 + length
    if depth != 8 or colour not in CHANNELS or interlace:
        raise ValueError("unsupported PNG: depth %d, colour type %d, interlace %d" % (depth, colour, interlace))
    step = CHANNELS[colour]
    stride = width * step
    raw = zlib.decompress(b"".join(idat))
    previous = bytearray(stride)
    out = []
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - step] if i >= step else 0
            b = previous[i]
            c = previous[i - step] if i >= step else 0
            line[i] = (line[i] + (0, a, b, (a + b) // 2, _paeth(a, b, c))[kind]) & 0xFF
        out += [tuple(line[x:x + step]) for x in range(0, stride, step)]
        previous = line
    return width, height, out
