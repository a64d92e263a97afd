#!/usr/bin/env python3
"""Draws the app icon (a white star on a blue rounded square) at the sizes a Linux desktop
uses, into src-tauri/icons/, with nothing but the standard library. Run it again after
changing the design; the PNGs are committed so building needs no image tools.

    python3 scripts/make-icons.py
"""
import math
import os
import struct
import zlib

BLUE = (0x1D, 0x4E, 0xD8)
SIZES = (32, 48, 64, 128, 256, 512)
# Proportions of the original 128 px icon: corner radius, star centre and outer radius.
CORNER, CENTRE_Y, OUTER = 16 / 128, 66 / 128, 43 / 128
INNER = OUTER * 0.382  # a regular five-pointed star
SUPERSAMPLE = 4


def star_points():
    points = []
    for i in range(10):
        radius = OUTER if i % 2 == 0 else INNER
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((0.5 + radius * math.cos(angle), CENTRE_Y + radius * math.sin(angle)))
    return points


def inside_polygon(x, y, poly):
    inside = False
    j = len(poly) - 1
    for i in range(len(poly)):
        (xi, yi), (xj, yj) = poly[i], poly[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def inside_rounded_square(x, y):
    cx = min(max(x, CORNER), 1 - CORNER)
    cy = min(max(y, CORNER), 1 - CORNER)
    return (x - cx) ** 2 + (y - cy) ** 2 <= CORNER ** 2


def pixel(px, py, size, star):
    square = white = 0
    for sy in range(SUPERSAMPLE):
        for sx in range(SUPERSAMPLE):
            x = (px + (sx + 0.5) / SUPERSAMPLE) / size
            y = (py + (sy + 0.5) / SUPERSAMPLE) / size
            if inside_rounded_square(x, y):
                square += 1
                white += inside_polygon(x, y, star)
    if square == 0:
        return (0, 0, 0, 0)
    w = white / square
    colour = tuple(round(b + (255 - b) * w) for b in BLUE)
    return colour + (round(255 * square / SUPERSAMPLE ** 2),)


def png(size, rows):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"".join(b"\x00" + bytes(v for p in row for v in p) for row in rows)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def main():
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src-tauri", "icons")
    star = star_points()
    for size in SIZES:
        rows = [[pixel(x, y, size, star) for x in range(size)] for y in range(size)]
        with open(os.path.join(out, f"{size}x{size}.png"), "wb") as f:
            f.write(png(size, rows))


if __name__ == "__main__":
    main()
