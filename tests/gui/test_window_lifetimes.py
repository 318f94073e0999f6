"""Lifetimes: a closed window leaves no focus watcher behind (a later focus change meets no dead slot), and
a window owns its document, deleted on the GUI thread when another takes its place."""

from __future__ import annotations

import gc

from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget
from support.documents import PEEL_SAMPLE, show_active


def _open_and_close_windows(qtbot, tmp_path, count: int = 2) -> None:
    from inspector_app.gui.interaction import ScriptedInteraction
    from inspector_app.gui.main_window import MainWindow
    from inspector_app.gui.settings import AppSettings

    for n in range(count):
        window = MainWindow(ScriptedInteraction(), AppSettings(tmp_path / f"settings-{n}.ini"))
        window.resize(1366, 768)
        show_active(qtbot, window)
        assert window.open_sample(PEEL_SAMPLE)
        question = window.document.inspection.framework.questions()[0]
        window.workspace.show_question(question.id)
        qtbot.wait(10)
        fields = [e for e in window.findChildren(QLineEdit) if e.isVisible()]
        fields[0].setFocus()
        qtbot.wait(10)
        window.document.undo_stack.setClean()
        window.close()  # as pytest-qt closes a test's windows
        window.deleteLater()
        del window, fields
        gc.collect()


def test_closed_windows_leave_no_focus_watchers_behind(qtbot, tmp_path):
    _open_and_close_windows(qtbot, tmp_path)
    qtbot.wait(10)
    gc.collect()
    other = QWidget()
    qtbot.addWidget(other)
    layout = QVBoxLayout(other)
    first, second = QLineEdit(), QLineEdit()
    layout.addWidget(first)
    layout.addWidget(second)
    show_active(qtbot, other)
    for _ in range(3):
        first.setFocus()
        qtbot.wait(5)
        second.setFocus()
        qtbot.wait(5)


def test_a_document_belongs_to_its_window_and_goes_when_another_takes_its_place(qtbot, tmp_path):
    """Deleted by the window on the GUI thread, never left to the garbage collector (on any thread)."""
    import shiboken6
    from PySide6.QtCore import QCoreApplication, QEvent
    from support.documents import CRIME_SAMPLE, main_window

    window = main_window(qtbot, tmp_path, PEEL_SAMPLE)
    first = window.document
    assert first is not None and first.parent() is window
    first.undo_stack.setClean()
    assert window.open_sample(CRIME_SAMPLE)
    assert window.document is not first and window.document.parent() is window
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(first)
    assert shiboken6.isValid(window.document)


def test_a_focus_watch_ends_with_its_owner():
    import shiboken6
    from PySide6.QtCore import SIGNAL, QObject
    from PySide6.QtWidgets import QApplication

    from inspector_app.gui.focus_watch import FocusWatch, follow_focus

    class Owner(QObject):
        def seen(self, _old, _new) -> None:  # type: ignore[no-untyped-def]
            pass

    app = QApplication.instance()
    signal = SIGNAL("focusChanged(QWidget*,QWidget*)")
    before = app.receivers(signal)
    owner = Owner()
    kept = follow_focus(owner, owner.seen)
    assert app.receivers(signal) == before + 1 and kept.started
    shiboken6.delete(owner)
    assert app.receivers(signal) == before

    owner = Owner()
    watch = FocusWatch(owner, owner.seen)
    for _ in range(3):  # started and stopped as often as a highlighter holds a word back
        watch.start()
        watch.start()
        assert app.receivers(signal) == before + 1
        watch.stop()
        assert app.receivers(signal) == before
    watch.start()
    shiboken6.delete(owner)
    assert app.receivers(signal) == before and not watch.started


def test_a_window_deleted_without_closing_takes_its_document_quietly(qtbot, tmp_path):
    """The document goes after the recovery guard: its undo stack's last index change reaches nothing."""
    import shiboken6
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtGui import QUndoCommand

    from inspector_app.gui.interaction import ScriptedInteraction
    from inspector_app.gui.main_window import MainWindow
    from inspector_app.gui.settings import AppSettings

    window = MainWindow(ScriptedInteraction(), AppSettings(tmp_path / "settings.ini"))
    assert window.open_sample(PEEL_SAMPLE)
    document = window.document
    document.undo_stack.push(QUndoCommand("an edit"))  # so that clearing the stack changes its index
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(document)
