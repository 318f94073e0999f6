"""The application icon: the committed PNG, .ico and .icns files match the SVG, and the window gets them."""

from __future__ import annotations

import importlib.util
import struct
import sys
from importlib.resources import files
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QImage, QImageReader

from inspector_app.gui.icons import ICON_SIZES, app_icon

ROOT = Path(__file__).resolve().parents[2]
ICONS = files("inspector_app.resources") / "icons"


def _load_make_icons():
    spec = importlib.util.spec_from_file_location("make_icons", ROOT / "tools" / "make_icons.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_icons", module)
    spec.loader.exec_module(module)
    return module


make_icons = _load_make_icons()


def _images(data: bytes) -> list[QImage]:
    """Every image in an image file's bytes (one for PNG, one per size for .ico and .icns)."""
    array = QByteArray(data)
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    images = []
    for index in range(max(reader.imageCount(), 1)):
        if index:
            assert reader.jumpToImage(index)
        image = reader.read()
        assert not image.isNull(), reader.errorString()
        images.append(image.convertToFormat(QImage.Format.Format_ARGB32))
    return images


def _assert_alike(actual: QImage, expected: QImage) -> None:
    """Same size and, allowing for anti-aliasing differences between Qt versions, the same pixels."""
    assert (actual.width(), actual.height()) == (expected.width(), expected.height())
    a = bytes(actual.convertToFormat(QImage.Format.Format_ARGB32).constBits())
    b = bytes(expected.convertToFormat(QImage.Format.Format_ARGB32).constBits())
    far = sum(1 for x, y in zip(a, b, strict=True) if abs(x - y) > 8)
    assert far <= len(a) // 100, (
        f"{far} of {len(a)} channel values differ at {actual.width()} px: run tools/make_icons.py"
    )


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, qapp) -> Path:
    out = tmp_path_factory.mktemp("icons")
    make_icons.make_icons(ROOT / "resources" / "icons" / make_icons.SVG_NAME, out)
    return out


def test_every_png_size_is_bundled_square_and_transparent_at_the_corners(qapp):
    assert ICON_SIZES == make_icons.PNG_SIZES
    for size in ICON_SIZES:
        (image,) = _images((ICONS / f"inspector-{size}.png").read_bytes())
        assert (image.width(), image.height()) == (size, size)
        assert image.hasAlphaChannel()
        assert image.pixelColor(0, 0).alpha() == 0 and image.pixelColor(size - 1, 0).alpha() == 0
        assert image.pixelColor(size // 2, size // 2).alpha() == 255


def test_the_bundled_pngs_match_the_svg(rendered):
    for size in ICON_SIZES:
        (committed,) = _images((ICONS / f"inspector-{size}.png").read_bytes())
        (fresh,) = _images((rendered / f"inspector-{size}.png").read_bytes())
        _assert_alike(committed, fresh)


def test_the_ico_holds_16_to_256_pixels_bmp_below_256_and_matches_the_svg(rendered):
    data = (ICONS / "inspector.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind, count) == (0, 1, len(make_icons.ICO_SIZES))
    sizes = []
    for n in range(count):
        width, height, _, _, planes, bits, length, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * n)
        size = width or 256
        sizes.append(size)
        assert (height or 256, planes, bits) == (size, 1, 32)
        entry = data[offset : offset + length]
        assert len(entry) == length
        if size >= 256:
            assert entry.startswith(b"\x89PNG\r\n\x1a\n")
        else:
            assert struct.unpack_from("<Iii", entry) == (
                40,
                size,
                2 * size,
            )  # BITMAPINFOHEADER, XOR + AND height
    assert sizes == sorted(make_icons.ICO_SIZES) and min(sizes) == 16 and max(sizes) == 256
    for committed, fresh in zip(
        _images(data), _images((rendered / "inspector.ico").read_bytes()), strict=True
    ):
        _assert_alike(committed, fresh)


def test_the_icns_holds_png_elements_up_to_1024_pixels(rendered):
    data = (ICONS / "inspector.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack_from(">I", data, 4)[0] == len(data)
    kinds, offset = [], 8
    while offset < len(data):
        kind, length = data[offset : offset + 4], struct.unpack_from(">I", data, offset + 4)[0]
        assert data[offset + 8 : offset + 16] == b"\x89PNG\r\n\x1a\n"
        kinds.append(kind)
        offset += length
    assert offset == len(data)
    assert kinds == [kind for kind, _ in make_icons.ICNS_TYPES]


def test_app_icon_offers_every_bundled_size(qapp):
    icon = app_icon()
    assert not icon.isNull()
    assert sorted(s.width() for s in icon.availableSizes()) == list(ICON_SIZES)
    assert icon.pixmap(16, 16).width() == 16
