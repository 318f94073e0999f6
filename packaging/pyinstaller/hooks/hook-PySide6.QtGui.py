# Inspector's replacement for PyInstaller's hook of PySide6.QtGui (user hooks take precedence): the same
# collection, minus the Qt plugins the app cannot use. Dropping them here, before PyInstaller follows their
# library dependencies, also keeps out what only they need (the GTK theme alone drags in GTK's Cairo,
# Pango, ATK, gdk-pixbuf, HarfBuzz … from the build machine).
from pathlib import Path

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

#: Plugin folders not wanted at all: embedded-device platforms' helpers and evdev/tuio input.
UNUSED_PLUGIN_DIRS = {"egldeviceintegrations", "generic"}
#: Plugin file names (without "lib" and extension) not wanted:
UNUSED_PLUGINS = {
    # platforms: keep the desktop ones (xcb, wayland, windows, cocoa), offscreen (headless use, the smoke
    # test) and minimal; drop the embedded-device ones.
    "qeglfs", "qlinuxfb", "qminimalegl", "qvnc", "qvkkhrdisplay",
    # platformthemes: GTK 3 would load the system's GTK against the GLib copied from the build machine, a
    # classic crash on newer distributions; the XDG desktop portal theme (native file dialogs) stays.
    "qgtk3",
    # imageformats: PNG is built into QtGui; keep GIF, JPEG, ICO, ICNS and SVG, drop the rare ones.
    "qtga", "qtiff", "qwbmp", "qwebp",
}  # fmt: skip


def _wanted(source: str, dest: str) -> bool:
    if Path(dest).name in UNUSED_PLUGIN_DIRS:
        return False
    stem = Path(source).name.split(".")[0].removeprefix("lib")
    return stem not in UNUSED_PLUGINS


hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = [(source, dest) for source, dest in binaries if _wanted(source, dest)]
