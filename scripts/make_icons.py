"""Draws the app's PNG icons (static/icon-192.png, static/icon-512.png) from
the same shapes as static/icon.svg, with the standard library only: two
arrows, white on the accent colour, in a rounded square. Run it again after
changing the icon; the PNGs are kept in the repository."""

import math
import os
import struct
import zlib

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
ACCENT = (0x1F, 0x4E, 0x79)
WHITE = (0xFF, 0xFF, 0xFF)
# The drawing is on a 32-unit square, like the SVG's viewBox.
RADIUS = 6.0
STROKE = 3.0
SEGMENTS = [
    ((6, 11), (20, 11)),
    ((20, 11), (16, 7)),
    ((26, 21), (12, 21)),
    ((12, 21), (16, 25)),
]


def segment_distance(x, y, a, b):
    (ax, ay), (bx, by) = a, b
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(x - ax - t * dx, y - ay - t * dy)


def square_distance(x, y):
    """Signed distance to the rounded square's edge, negative inside."""
    qx = abs(x - 16) - (16 - RADIUS)
    qy = abs(y - 16) - (16 - RADIUS)
    outside = math.hypot(max(qx, 0.0), max(qy, 0.0))
    return outside + min(max(qx, qy), 0.0) - RADIUS


def coverage(distance, pixel):
    """How much of a pixel a shape covers, from its signed distance."""
    return max(0.0, min(1.0, 0.5 - distance / pixel))


def pixel(x, y, unit):
    background = coverage(square_distance(x, y), unit)
    nearest = min(segment_distance(x, y, a, b) for a, b in SEGMENTS)
    stroke = coverage(nearest - STROKE / 2, unit)
    rgb = tuple(round(c0 + (c1 - c0) * stroke) for c0, c1 in zip(ACCENT, WHITE))
    return rgb + (round(255 * background),)


def png(size):
    unit = 32.0 / size
    rows = []
    for j in range(size):
        row = bytearray([0])
        for i in range(size):
            row.extend(pixel((i + 0.5) * unit, (j + 0.5) * unit, unit))
        rows.append(bytes(row))

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + chunk(b"IEND", b"")
    )


for size in (192, 512):
    path = os.path.join(ROOT, "static", "icon-%d.png" % size)
    with open(path, "wb") as f:
        f.write(png(size))
    print("make_icons: wrote", os.path.relpath(path, ROOT))
