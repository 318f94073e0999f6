"""Following the application's focus for as long as an object exists, and not a moment longer.

Connecting ``QApplication.focusChanged`` straight to a QObject's method ties the application to that
object's Python wrapper: the connection outlives the object while the wrapper waits for the garbage
collector (as in a cycle), and a focus change then, or collecting the wrapper, fails inside PySide
("Slot 'FindReplace::' not found", in whatever the GUI thread was doing). So the application's signal
reaches a plain function that holds the method weakly, and the connection ends when the owner is
destroyed.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable

from PySide6.QtCore import QMetaObject, QObject
from PySide6.QtWidgets import QApplication, QWidget

FocusSlot = Callable[[QWidget | None, QWidget | None], None]


def follow_focus(owner: QObject, slot: FocusSlot) -> QMetaObject.Connection | None:
    """Call ``slot(old, new)`` on every focus change until ``owner`` is destroyed (or :func:`unfollow`)."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return None
    method = weakref.WeakMethod(slot)  # a bound method, as every caller gives

    def relay(old: QWidget | None, new: QWidget | None) -> None:
        bound = method()
        if bound is not None:
            bound(old, new)

    # A plain function, not the bound method: connecting a QObject's method makes PySide add a slot to
    # that object, and collecting its wrapper after the object was deleted then fails inside PySide.
    connection = app.focusChanged.connect(relay)
    owner.destroyed.connect(lambda *_: unfollow(connection))
    return connection


def unfollow(connection: QMetaObject.Connection | None) -> None:
    """End a :func:`follow_focus` connection (nothing if it has ended already)."""
    if connection is not None:
        QObject.disconnect(connection)  # False, and no warning, when it was disconnected already
