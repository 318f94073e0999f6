"""Never lose a word, in the window: autosave to a recovery copy, the lock beside the open file.

A :class:`DocumentGuard` watches one open document. It writes a recovery copy to the user's state folder
three seconds after the typing pauses, at once when the app loses the focus, and — while the inspector
types on without pausing — never more than :data:`AUTOSAVE_MAX_BEHIND_MS` after the first change the last
copy lacks. A large inspection's copy is written on a background thread (only its serialisation runs
here). A copy that cannot be written is said in the status bar, with the reason, and tried again; a clean
save or a close removes the copy. The guard holds the lock beside the file so a colleague opening it on
a shared drive is told who has it.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication

from ..domain.changes import Change
from ..storage import lock as locks
from ..storage.recovery import RecoveryWriter, prepare_recovery, recovery_key
from .document import InspectionDocument

log = logging.getLogger(__name__)

#: Milliseconds of quiet after a change before the recovery copy is written.
AUTOSAVE_DELAY_MS = 3000
#: While changes keep coming, a copy is written at the latest this long after the first one it lacks.
AUTOSAVE_MAX_BEHIND_MS = 20_000
#: After a failed copy, try again this much later (sooner if the inspector pauses).
AUTOSAVE_RETRY_MS = 30_000
#: Copies larger than this are written on the background writer (a 10,000-item inspection: 10 MB,
#: about 250 ms to hash, count and sync; the sample: 0.1 MB, 4 ms).
BACKGROUND_BYTES = 1024 * 1024

_writer = RecoveryWriter()


def recovery_writer() -> RecoveryWriter:
    """The app's one background writer of recovery copies."""
    return _writer


class DocumentGuard(QObject):
    #: (error or ""): a copy written on the background writer is done (queued to the GUI thread).
    _written = Signal(str)

    def __init__(
        self,
        document: InspectionDocument,
        parent: QObject | None = None,
        *,
        delay_ms: int = AUTOSAVE_DELAY_MS,
        max_behind_ms: int = AUTOSAVE_MAX_BEHIND_MS,
        background_bytes: int = BACKGROUND_BYTES,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.lock: locks.Lock | None = None
        self.last_error = ""
        #: Copies larger than this go to the background writer.
        self.background_bytes = background_bytes
        self._key = self._current_key()
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(delay_ms)
        self._pause.timeout.connect(self.autosave_now)
        self._deadline = QTimer(self)
        self._deadline.setSingleShot(True)
        self._deadline.setInterval(max_behind_ms)
        self._deadline.timeout.connect(self.autosave_now)
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(AUTOSAVE_RETRY_MS)
        self._retry.timeout.connect(self.autosave_now)
        self._written.connect(self._background_done)
        # Every change, typing merged into one undo step included (the undo stack stays still then).
        document.changed.connect(self._changed)
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

    def _changed(self, _what: Change | int) -> None:
        if self.document.is_modified():
            self._pause.start()  # restarts: the copy is written once the typing pauses …
            if not self._deadline.isActive():
                self._deadline.start()  # … or this long after the first change it lacks
        else:
            self._pause.stop()
            self._deadline.stop()

    def set_intervals(
        self, *, pause_ms: int | None = None, max_behind_ms: int | None = None, retry_ms: int | None = None
    ) -> None:
        """Change the autosave timing (tests; a future setting)."""
        for timer, value in (
            (self._pause, pause_ms),
            (self._deadline, max_behind_ms),
            (self._retry, retry_ms),
        ):
            if value is not None:
                timer.setInterval(value)

    def pending(self) -> bool:
        return self._pause.isActive() or self._deadline.isActive()

    def autosave_now(self, *, wait: bool = False) -> bool:
        """Write the recovery copy now if there are unsaved changes; True when one was written or handed
        to the background writer. ``wait``: write it here, now (after an unexpected error)."""
        self._pause.stop()
        self._deadline.stop()
        self._retry.stop()
        if not self.document.is_modified():
            return False
        try:
            pending = prepare_recovery(self.document.inspection, self.document.path, self._key)
        except (OSError, ValueError) as error:
            self._failed(str(error))
            return False
        if not wait and len(pending.data) > self.background_bytes:
            _writer.submit(pending, self._background_written)
            return True
        try:
            pending.write()
        except OSError as error:  # a full disk must not interrupt typing; the status bar says so
            self._failed(_reason(error))
            return False
        self._succeeded()
        return True

    def _background_written(self, _key: str, error: OSError | None) -> None:
        """On the writer's thread: hand the outcome to the GUI thread."""
        self._written.emit("" if error is None else _reason(error))

    def _background_done(self, error: str) -> None:
        if error:
            self._failed(error)
        else:
            self._succeeded()

    def _failed(self, reason: str) -> None:
        self.last_error = reason
        log.warning("could not write the recovery copy: %s", reason)
        self.document.notice.emit(
            self.tr(
                "Could not keep a recovery copy of your unsaved changes (%1); trying again shortly."
            ).replace("%1", reason)
        )
        if self.document.is_modified():
            self._retry.start()

    def _succeeded(self) -> None:
        if self.last_error:
            self.document.notice.emit(self.tr("A recovery copy of your unsaved changes is kept again."))
        self.last_error = ""

    def _application_state_changed(self, state: Qt.ApplicationState) -> None:
        if state != Qt.ApplicationState.ApplicationActive and self.pending():
            self.autosave_now()  # the laptop may be about to sleep

    def _clean_changed(self, clean: bool) -> None:
        if clean:
            self._pause.stop()
            self._deadline.stop()
            self._retry.stop()
            _writer.discard(self._key)

    def _path_changed(self) -> None:
        """Save As: the copy is now kept under the new file's key; the old one goes."""
        old = self._key
        self._key = self._current_key()
        if old != self._key:
            _writer.discard(old)

    def discard(self) -> None:
        """The user closed the document (saved, or chose to discard the changes)."""
        self._pause.stop()
        self._deadline.stop()
        self._retry.stop()
        _writer.discard(self._key)

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
        self.document.changed.disconnect(self._changed)
        stack.indexChanged.disconnect(self._changed)
        stack.cleanChanged.disconnect(self._clean_changed)
        self.document.pathChanged.disconnect(self._path_changed)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.disconnect(self._application_state_changed)


def _reason(error: OSError) -> str:
    """ "No space left on device", not "[Errno 28] No space left on device: '/home/…/recovery/…'"."""
    return error.strerror or os.strerror(error.errno or 0) or str(error)
