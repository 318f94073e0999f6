"""Following the application's focus for as long as an object exists, and not a moment longer.

Connecting ``QApplication.focusChanged`` straight to a QObject's method ties the application to that
object's Python wrapper: the connection outlives the object while the wrapper waits for the garbage
collector (as in a cycle), and a focus change then, or collecting the wrapper, fails inside PySide
("Slot 'FindReplace::' not found", in whatever the GUI thread was doing). So the application's signal
reaches a plain relay that holds the method weakly, and the connection ends when the owner is destroyed.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable

from PySide6.QtCore import QMetaObject, QObject
from PySide6.QtWidgets import QApplication, QWidget

FocusSlot = Callable[[QWidget | None, QWidget | None], None]


class FocusWatch:
    """``slot(old, new)`` on every focus change while started, and never after ``owner`` is destroyed.
    Start and stop it as often as needed (the spelling highlighter follows the focus only while it holds
    a word back); the owner's ``destroyed`` is connected once."""

    def __init__(self, owner: QObject, slot: FocusSlot) -> None:
        self._method = weakref.WeakMethod(slot)  # a bound method, as every caller gives
        self._connection: QMetaObject.Connection | None = None
        owner.destroyed.connect(self.stop)

    @property
    def started(self) -> bool:
        return self._connection is not None

    def start(self) -> None:
        app = QApplication.instance()
        if self._connection is None and isinstance(app, QApplication):
            self._connection = app.focusChanged.connect(self._relay)

    def stop(self, *_args: object) -> None:
        if self._connection is not None:
            QObject.disconnect(self._connection)
            self._connection = None

    def _relay(self, old: QWidget | None, new: QWidget | None) -> None:
        bound = self._method()
        if bound is not None:
            bound(old, new)


def follow_focus(owner: QObject, slot: FocusSlot) -> FocusWatch:
    """A :class:`FocusWatch`, started: for an owner that follows the focus for all its life. Keep it (an
    attribute of the owner): Qt holds the watch only weakly, so a watch nobody keeps stops at once."""
    watch = FocusWatch(owner, slot)
    watch.start()
    return watch
