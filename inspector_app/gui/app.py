"""Start the window: the QApplication, the settings, the real dialogs, and the optional file to open."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from .. import APP_NAME, __version__
from .icons import app_icon
from .interaction import DialogInteraction
from .main_window import MainWindow
from .settings import AppSettings


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName("inspector-app")
    app.setWindowIcon(app_icon())
    return app


def run(path: Path | None = None) -> int:
    """Open the window (and ``path``, if given) and run until it closes; returns the exit status."""
    app = create_application()
    window = MainWindow(DialogInteraction(), AppSettings())
    window.show()
    if path is not None:
        window.open_path(path)
    return app.exec()
