"""No focus watcher is left behind by a closed window: a later focus change meets no dead slot (strict Qt messages)."""

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
