"""Never lose a word, in the window: autosave to a recovery copy, the lock beside the open file.

A :class:`DocumentGuard` watches one open document. A few seconds after each change, and at once when the
app loses focus, it writes a recovery copy to the user's state folder; a clean save or a close removes it.
It holds the lock beside the file so a colleague opening it on a shared drive is told who has it.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication

from ..storage import lock as locks
from ..storage.recovery import discard_recovery, recovery_key, write_recovery
from .document import InspectionDocument

log = logging.getLogger(__name__)

#: Milliseconds of quiet after a change before the recovery copy is written.
AUTOSAVE_DELAY_MS = 3000


class DocumentGuard(QObject):
    def __init__(
        self,
        document: InspectionDocument,
        parent: QObject | None = None,
        *,
        delay_ms: int = AUTOSAVE_DELAY_MS,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.lock: locks.Lock | None = None
        self.last_error = ""
        self._key = self._current_key()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.autosave_now)
        document.undo_stack.indexChanged.connect(self._changed)
        document.undo_stack.cleanChanged.connect(self._clean_changed)
        document.pathChanged.connect(self._path_changed)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):  # a bare QCoreApplication has no application state
            app.applicationStateChanged.connect(self._application_state_changed)

    # -- recovery copies ------------------------------------------------------------------------------

    def _current_key(self) -> str:
        return recovery_key(self.document.path, self.document.inspection.id)

    @property
    def key(self) -> str:
        return self._key

    def _changed(self, _index: int) -> None:
        if self.document.is_modified():
            self._timer.start()  # restarts: the copy is written once the typing pauses
        else:
            self._timer.stop()

    def pending(self) -> bool:
        return self._timer.isActive()

    def autosave_now(self) -> bool:
        """Write the recovery copy now if there are unsaved changes; True when a copy was written."""
        self._timer.stop()
        if not self.document.is_modified():
            return False
        try:
            write_recovery(self.document.inspection, self.document.path, self._key)
        except OSError as error:  # a full disk must not interrupt typing; the status bar says so
            self.last_error = str(error)
            log.warning("could not write the recovery copy: %s", error)
            return False
        self.last_error = ""
        return True

    def _application_state_changed(self, state: Qt.ApplicationState) -> None:
        if state != Qt.ApplicationState.ApplicationActive and self._timer.isActive():
            self.autosave_now()  # the laptop may be about to sleep

    def _clean_changed(self, clean: bool) -> None:
        if clean:
            self._timer.stop()
            discard_recovery(self._key)

    def _path_changed(self) -> None:
        """Save As: the copy is now kept under the new file's key; the old one goes."""
        old = self._key
        self._key = self._current_key()
        if old != self._key:
            discard_recovery(old)

    def discard(self) -> None:
        """The user closed the document (saved, or chose to discard the changes)."""
        self._timer.stop()
        discard_recovery(self._key)

    # -- the lock -------------------------------------------------------------------------------------

    def hold_lock(self, path: Path, *, steal: bool = False) -> None:
        """Lock ``path`` for this window (raises LockedError / LockFailedError); releases a previous lock."""
        new_lock = locks.acquire(path, steal=steal)
        self.release_lock()
        self.lock = new_lock

    def release_lock(self) -> None:
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def close(self) -> None:
        """Done with the document: no recovery copy, no lock, and no more signals (a QUndoStack announces
        its own destruction as one last index change)."""
        self.discard()
        self.release_lock()
        stack = self.document.undo_stack
        stack.indexChanged.disconnect(self._changed)
        stack.cleanChanged.disconnect(self._clean_changed)
        self.document.pathChanged.disconnect(self._path_changed)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.disconnect(self._application_state_changed)
