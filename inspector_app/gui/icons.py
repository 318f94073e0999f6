"""The application icon, built from the PNGs bundled in ``inspector_app.resources/icons``.

The PNGs (16-512 px) are rendered from ``resources/icons/inspector.svg`` by ``tools/make_icons.py``. They are
read as bytes through importlib.resources, so the icon works installed, editable, zipped or frozen, and
needs neither the SVG image plugin nor a file on disk. Call after the QApplication exists.
"""

from __future__ import annotations

from importlib.resources import files

from PySide6.QtGui import QIcon, QImage, QPixmap

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def app_icon() -> QIcon:
    """Inspector's icon at every bundled size (Qt picks the nearest one for each use)."""
    icon = QIcon()
    folder = files("inspector_app.resources") / "icons"
    for size in ICON_SIZES:
        # loadFromData, not QImage.fromData: the stubs type fromData's format as bytes, the binding takes str.
        image = QImage()
        if image.loadFromData((folder / f"inspector-{size}.png").read_bytes(), "PNG"):
            icon.addPixmap(QPixmap.fromImage(image))
    return icon
