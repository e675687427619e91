#!/usr/bin/env python3
"""Prints what a PNG shows, for tests that check a page rendered: its size, how many pixels differ
from the most common colour (the background), and how many distinct colours it has.

Usage: png-stats.py FILE.png   ->   {"width": W, "height": H, "nonBackground": N, "colours": C}
Reads 8-bit greyscale, RGB and RGBA, non-interlaced PNGs (what headless Chromium writes) with the
standard library only; anything else is an error, never a guess.
"""
import json
import struct
import sys
import zlib


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def read(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise SystemExit(f"{path}: not a PNG file")
    pos, idat, header = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
        pos += 12 + length
    if header is None:
        raise SystemExit(f"{path}: no IHDR chunk")
    width, height, depth, colour, _, _, interlace = header
    channels = {0: 1, 2: 3, 6: 4}.get(colour)
    if depth != 8 or channels is None or interlace != 0:
        raise SystemExit(f"{path}: unsupported PNG (bit depth {depth}, colour type {colour}, interlace {interlace})")
    raw = zlib.decompress(b"".join(idat))
    stride = width * channels
    rows, prev = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = prev[i]
            c = prev[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + a) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + b) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + ((a + b) >> 1)) & 0xFF
            elif kind == 4:
                line[i] = (line[i] + paeth(a, b, c)) & 0xFF
            elif kind != 0:
                raise SystemExit(f"{path}: bad filter type {kind} in row {y}")
        rows.append(bytes(line))
        prev = line
    return width, height, channels, rows


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    width, height, channels, rows = read(sys.argv[1])
    counts = {}
    for row in rows:
        for x in range(0, len(row), channels):
            px = row[x:x + min(channels, 3)]
            counts[px] = counts.get(px, 0) + 1
    background = max(counts.values())
    print(json.dumps({"width": width, "height": height, "nonBackground": width * height - background, "colours": len(counts)}))


if __name__ == "__main__":
    main()
