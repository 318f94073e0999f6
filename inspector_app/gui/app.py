"""Start the window: the QApplication, the settings, the real dialogs, and the optional file to open."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from PySide6.QtWidgets import QApplication

from .. import APP_ID, APP_NAME, __version__, bundled
from ..logs import enable_crash_log, log_dir, setup_logging
from ..worker_gc import collection_paused
from .errors import install_exception_hook
from .file_open import FileOpenRequests
from .gc_resume import install_collection_resumer
from .icons import app_icon
from .interaction import DialogInteraction
from .main_window import MainWindow
from .qt_messages import install_qt_message_handler
from .settings import AppSettings


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (the running one, as in tests, or a new one), named and with its icon."""
    running = QApplication.instance()
    if running is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    elif isinstance(running, QApplication):
        app = running
    else:
        raise RuntimeError("a QCoreApplication without widgets is running; the window needs a QApplication")
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName(APP_ID)  # Wayland matches the window to its menu entry and icon by this
    app.setWindowIcon(app_icon())
    install_collection_resumer(app)
    return app


def _preload_dictionary() -> None:
    with collection_paused():  # never collect the GUI's objects on this thread (worker_gc.py)
        from ..domain import checks  # noqa: F401 - the checks load here, off the GUI thread, as well

        bundled.speller().preload()


def run(path: Path | None = None) -> int:
    """Open the window (and ``path``, if given) and run until it closes; returns the exit status.

    Logging starts first (Qt's own messages and a fatal crash's stack included) and unexpected errors are
    caught by a hook that saves a recovery copy; then any
    work a crash left behind is offered before the file asked for is opened, and then the files the
    system asked to open meanwhile (QFileOpenEvent, see file_open.py).
    """
    try:
        log_file = setup_logging()
        enable_crash_log()
    except OSError:  # no log folder (a full or read-only disk): the app still runs, without a log
        log_file = log_dir() / "inspector.log"
    install_qt_message_handler()
    app = create_application()
    # macOS: a file opened in Finder while the app runs, or at its start, arrives as a QFileOpenEvent;
    # from here on, so that one sent while the window is being made or asks about recoveries waits.
    file_requests = FileOpenRequests(app, parent=app)
    interaction = DialogInteraction()
    window = MainWindow(interaction, AppSettings())
    install_exception_hook(window, interaction, log_file)
    window.show()
    # The spelling dictionary takes about a second to load: do it now, off the GUI thread.
    threading.Thread(target=_preload_dictionary, name="load-dictionary", daemon=True).start()
    restored = window.offer_recoveries()
    if path is not None and not restored:
        window.open_path(path)
    file_requests.attach(window)
    return app.exec()
