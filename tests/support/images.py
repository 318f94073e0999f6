"""Small PNG and JPEG images for tests, made here (PNG with zlib and struct) or read from the fixture (JPEG).

png_bytes(width, height, colour=(r, g, b), dpi=None)   # a real, decodable RGB PNG
png_claiming(width, height)                            # a tiny PNG whose header claims that size
jpeg_bytes()                                           # tests/fixtures/images/six-by-four.jpg, 150 dpi
jpeg_claiming(width, height)                           # the fixture with its frame header's size changed
padded_jpeg(size)                                      # the fixture with comment segments up to ``size``
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

JPEG_FIXTURE = Path(__file__).parents[1] / "fixtures" / "images" / "six-by-four.jpg"
JPEG_SIZE = (6, 4)


def chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_bytes(
    width: int, height: int, colour: tuple[int, int, int] = (47, 84, 150), dpi: float | None = None
) -> bytes:
    """An 8-bit RGB PNG of one colour, with a lighter left half so orientation shows."""
    light = tuple(min(255, c + 120) for c in colour)
    row = b"".join(bytes(light if x < width // 2 else colour) for x in range(width))
    raw = b"".join(b"\x00" + row for _ in range(height))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    phys = chunk(b"pHYs", struct.pack(">IIB", round(dpi / 0.0254), round(dpi / 0.0254), 1)) if dpi else b""
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + phys
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def png_claiming(width: int, height: int) -> bytes:
    """A PNG of a few dozen bytes whose header says ``width`` × ``height``: a decompression bomb's shape."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def jpeg_bytes() -> bytes:
    return JPEG_FIXTURE.read_bytes()


def _sof_offset(data: bytes) -> int:
    position = 2
    while True:
        marker = data[position + 1]
        (length,) = struct.unpack_from(">H", data, position + 2)
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            return position
        position += 2 + length


def jpeg_claiming(width: int, height: int) -> bytes:
    """The fixture with its frame header saying ``width`` × ``height`` (its picture data unchanged)."""
    data = bytearray(jpeg_bytes())
    start = _sof_offset(bytes(data))
    struct.pack_into(">HH", data, start + 5, height, width)
    return bytes(data)


def padded_jpeg(size: int) -> bytes:
    """The fixture with comment (COM) segments after its start, ``size`` bytes in all (a real JPEG)."""
    data = jpeg_bytes()
    room = size - len(data)
    padding = b""
    while room > 0:
        if room < 4:
            raise ValueError("a comment segment takes at least 4 bytes")
        body = min(room - 4, 60_000)
        if 0 < room - (body + 4) < 4:  # leave enough for one more segment
            body -= 4
        padding += b"\xff\xfe" + struct.pack(">H", body + 2) + b"x" * body
        room -= body + 4
    return data[:2] + padding + data[2:]
