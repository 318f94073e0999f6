"""Render the application icon (resources/icons/inspector.svg) into the files each platform wants.

    python tools/make_icons.py [--out DIR]

Writes into resources/icons/ (or DIR):

    inspector-16.png … inspector-512.png   the window icon (inspector_app.gui.icons) and Linux hicolor icons
    inspector.ico                         Windows: exe, installer, shortcuts, the .inspection file type
                                          (16-256 px; 32-bit BMP entries below 256, PNG at 256)
    inspector.icns                        macOS: the .app bundle (16-1024 px, PNG entries)

Rendering uses PySide6's QSvgRenderer into a QImage offscreen (QtSvg is part of PySide6-Essentials), so no
extra tool is needed and no display. The ICO and ICNS containers are written here; the formats are small.
Run it after changing the SVG and commit the results (tests/packaging/test_icons.py checks they match).
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SVG_NAME = "inspector.svg"
BASE_NAME = "inspector"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
#: Windows shell sizes at 100-200 % scaling (16/20/24/32/40/48/64/96), the 128 view and the 256 jumbo icon.
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 96, 128, 256)
#: ICNS element types holding PNG data, and their pixel sizes (the @2x types repeat a size at double density).
ICNS_TYPES = (
    (b"icp4", 16),
    (b"ic11", 32),
    (b"icp5", 32),
    (b"ic12", 64),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic13", 256),
    (b"ic08", 256),
    (b"ic14", 512),
    (b"ic09", 512),
    (b"ic10", 1024),
)


def png_name(size: int) -> str:
    return f"{BASE_NAME}-{size}.png"


def render(svg: bytes, size: int) -> QImage:
    """The SVG drawn into a transparent size x size image (ARGB32, not premultiplied)."""
    _application()
    renderer = QSvgRenderer(QByteArray(svg))
    if not renderer.isValid():
        raise ValueError("the icon SVG could not be read")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError("Qt could not encode a PNG")
    buffer.close()
    return bytes(data.data())


def _argb_rows(image: QImage) -> list[bytes]:
    """Rows of B, G, R, A bytes, top to bottom (Format_ARGB32 is 0xAARRGGBB: BGRA in memory, little-endian)."""
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    width, stride = image.width(), image.bytesPerLine()
    raw = bytes(image.constBits())
    if sys.byteorder == "big":  # 0xAARRGGBB stored big-endian is A, R, G, B
        raw = b"".join(raw[i : i + 4][::-1] for i in range(0, len(raw), 4))
    return [raw[y * stride : y * stride + width * 4] for y in range(image.height())]


def ico_bmp_entry(image: QImage) -> bytes:
    """A 32-bit ICO image: BITMAPINFOHEADER (height doubled), bottom-up BGRA pixels, then the 1-bit AND mask."""
    width, height = image.width(), image.height()
    rows = _argb_rows(image)
    xor = b"".join(reversed(rows))
    mask_stride = ((width + 31) // 32) * 4
    mask_rows = []
    for row in reversed(rows):
        bits = bytearray(mask_stride)
        for x in range(width):
            if row[x * 4 + 3] == 0:  # fully transparent: set in the AND mask too (for old renderers)
                bits[x // 8] |= 0x80 >> (x % 8)
        mask_rows.append(bytes(bits))
    mask = b"".join(mask_rows)
    header = struct.pack("<IiiHHIIiiII", 40, width, height * 2, 1, 32, 0, len(xor) + len(mask), 0, 0, 0, 0)
    return header + xor + mask


def ico_bytes(images: dict[int, QImage]) -> bytes:
    """A Windows .ico holding every image: PNG-compressed at 256 px (as Windows writes it), BMP below."""
    sizes = sorted(images)
    entries = [png_bytes(images[s]) if s >= 256 else ico_bmp_entry(images[s]) for s in sizes]
    directory = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    for size, data in zip(sizes, entries, strict=True):
        byte_size = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        directory += struct.pack("<BBBBHHII", byte_size, byte_size, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    return directory + b"".join(entries)


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """A macOS .icns of PNG elements (OS X 10.7 and later read PNG in every one of these types)."""
    body = b"".join(kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size] for kind, size in ICNS_TYPES)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def make_icons(svg_path: Path, out: Path) -> list[Path]:
    """Write every PNG, the .ico and the .icns for ``svg_path`` into ``out``; return the paths written."""
    svg = svg_path.read_bytes()
    sizes = sorted(set(PNG_SIZES) | set(ICO_SIZES) | {size for _, size in ICNS_TYPES})
    images = {size: render(svg, size) for size in sizes}
    pngs = {size: png_bytes(image) for size, image in images.items()}
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for size in PNG_SIZES:
        written.append(_write(out / png_name(size), pngs[size]))
    written.append(_write(out / f"{BASE_NAME}.ico", ico_bytes({s: images[s] for s in ICO_SIZES})))
    written.append(_write(out / f"{BASE_NAME}.icns", icns_bytes(pngs)))
    return written


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _application() -> QGuiApplication:
    app = QGuiApplication.instance()
    if app is None:
        app = QGuiApplication([sys.argv[0]])
        globals()["_app"] = app  # keep it alive
    return app  # type: ignore[return-value]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--svg", type=Path, default=ICONS / SVG_NAME, help="the source SVG")
    parser.add_argument("--out", type=Path, default=ICONS, help="where to write (default: resources/icons)")
    args = parser.parse_args(argv)
    for path in make_icons(args.svg, args.out):
        print(f"{path} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
