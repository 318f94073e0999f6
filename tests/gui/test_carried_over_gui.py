"""The question page's "Carried over from last year" box: one undo step, shown again after undo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from support.documents import PEEL_SAMPLE, main_window


@pytest.fixture
def window(qtbot, tmp_path):
    return main_window(qtbot, tmp_path, PEEL_SAMPLE)


def test_ticking_carried_over_marks_the_judgement_and_undo_unticks_it(window, qtbot):
    workspace = window.workspace
    workspace.show_question("serious-organised-crime")
    page = workspace.question_page("serious-organised-crime")
    box = page.carried_over
    page.scroll_area.ensureWidgetVisible(box)
    qtbot.waitUntil(box.isVisible)
    question = window.document.inspection.question("serious-organised-crime")
    assert not box.isChecked() and not question.carried_over
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))  # on its tick box
    assert question.carried_over and box.isChecked()
    assert window.document.undo_stack.undoText() == "Carry over last year's judgement"
    window.undo_action.trigger()
    assert not question.carried_over and not box.isChecked()
    window.redo_action.trigger()
    assert question.carried_over and box.isChecked()
