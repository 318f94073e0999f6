"""Files the system asks the running app to open: a QFileOpenEvent (macOS Finder, the Dock icon).

macOS never starts a second copy of a running app for a document: it sends the running one an "open
documents" event, which Qt delivers to the QApplication as ``QEvent.Type.FileOpen``. Such a request opens
the file in the window the way a path on the command line does (``MainWindow.open_path``: the question
about unsaved changes, the lock, recovery copies, errors in a dialog). A request can come before the
window is there or ready (at start-up, or while it offers a crash's recovery copies): it waits and is
opened once the window is attached. Opening waits for the event loop, so a dialog it may show never runs
inside the event filter. On other systems Qt sends no such event; the filter costs one comparison per event.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtGui import QFileOpenEvent


class _Opens(Protocol):
    def open_path(self, path: Path) -> bool: ...


def requested_path(event: QFileOpenEvent) -> Path | None:
    """The local file an open request names, or None for a URL that is not a file."""
    name = event.file() or (event.url().toLocalFile() if event.url().isLocalFile() else "")
    return Path(name) if name else None


class FileOpenRequests(QObject):
    """An application-wide event filter that turns QFileOpenEvents into ``window.open_path`` calls.

    Install it as soon as the QApplication exists, then ``attach`` the window once it is shown (and has
    dealt with its own start-up questions): requests before that wait in ``pending``, in order.
    """

    def __init__(self, app: QCoreApplication, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self._window: _Opens | None = None
        self._opening = False
        self.pending: list[Path] = []
        app.installEventFilter(self)

    def uninstall(self) -> None:
        self._app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.FileOpen:
            return False
        path = requested_path(event) if isinstance(event, QFileOpenEvent) else None
        if path is not None:
            self.pending.append(path)
            if self._window is not None:
                QTimer.singleShot(0, self._open_pending)
        return True  # handled: Qt would ignore it anyway

    def attach(self, window: _Opens) -> None:
        """From now on requests open in ``window``; the ones that came before open now, in order."""
        self._window = window
        self._open_pending()

    def _open_pending(self) -> None:
        if self._opening:  # a request that came while open_path asks a question: the loop below takes it
            return
        self._opening = True
        try:
            while self.pending and self._window is not None:
                self._window.open_path(self.pending.pop(0))
        finally:
            self._opening = False
