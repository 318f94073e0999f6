"""Undo as in Word: typing bursts end at a pause, a cursor moved elsewhere, the field left, or a word's end in
a long burst; undo restores the text and the cursor, brings the change into view and says what it undid."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from support.documents import PEEL_SAMPLE, show_active

from inspector_app.gui import binding
from inspector_app.gui.binding import GrowingTextEdit
from inspector_app.gui.interaction import ScriptedInteraction
from inspector_app.gui.main_window import MainWindow
from inspector_app.gui.settings import AppSettings


class Clock:
    """binding.time stand-in: the tests say how much time passes between keystrokes."""

    def __init__(self) -> None:
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(binding, "time", clock)
    return clock


@pytest.fixture
def window(qtbot, tmp_path):
    window = MainWindow(ScriptedInteraction(), AppSettings(tmp_path / "settings.ini"))
    qtbot.addWidget(window, before_close_func=lambda w: w.document and w.document.undo_stack.setClean())
    window.resize(1366, 768)
    show_active(qtbot, window)
    assert window.open_sample(PEEL_SAMPLE)
    return window


def afi_editor(window, question_id="protecting-vulnerable", number=0):
    window.workspace.show_question(question_id)
    page = window.workspace.question_page(question_id)
    editor = page.afis.rows[number].editors[0]
    assert isinstance(editor, GrowingTextEdit)
    page.scroll_area.ensureWidgetVisible(editor)
    return page, editor


def type_words(qtbot, clock, editor, words, gap=0.2):
    for word in words:
        for char in word:
            clock.now += gap
            qtbot.keyClick(editor, char)


def end_of(editor):
    editor.setFocus(Qt.FocusReason.MouseFocusReason)
    editor.moveCursor(editor.textCursor().MoveOperation.End)


def test_a_pause_of_a_second_ends_a_burst_so_undo_takes_back_only_the_mistake(window, qtbot, clock):
    _page, editor = afi_editor(window)
    original = editor.toPlainText()
    end_of(editor)
    stack = window.document.undo_stack
    start = stack.count()
    type_words(qtbot, clock, editor, [" quickly"])
    clock.now += 2.0  # the inspector stops to think
    type_words(qtbot, clock, editor, [" badly"])
    assert stack.count() == start + 2
    assert window.undo_action.text() == "&Undo Typing in Area for improvement 1"
    window.undo()
    assert editor.toPlainText() == original + " quickly"
    assert editor.textCursor().position() == len(original + " quickly")
    assert window.statusBar().currentMessage() == "Undone: Typing in Area for improvement 1"
    window.redo()
    assert editor.toPlainText() == original + " quickly badly"
    window.undo()
    window.undo()
    assert editor.toPlainText() == original
    assert editor.textCursor().position() == len(original)


def test_moving_the_cursor_elsewhere_starts_a_new_step(window, qtbot, clock):
    _page, editor = afi_editor(window)
    original = editor.toPlainText()
    end_of(editor)
    stack = window.document.undo_stack
    start = stack.count()
    type_words(qtbot, clock, editor, ["!"])
    editor.moveCursor(editor.textCursor().MoveOperation.Start)
    type_words(qtbot, clock, editor, ["X"])
    assert stack.count() == start + 2
    window.undo()
    assert editor.toPlainText() == original + "!"
    assert editor.textCursor().position() == 0


def test_leaving_the_field_ends_the_burst(window, qtbot, clock):
    _page, editor = afi_editor(window)
    end_of(editor)
    stack = window.document.undo_stack
    start = stack.count()
    type_words(qtbot, clock, editor, ["a"])
    window.workspace.navigator.setFocus()
    end_of(editor)
    type_words(qtbot, clock, editor, ["b"])
    assert stack.count() == start + 2


def test_a_long_burst_ends_at_a_word_boundary(window, qtbot, clock):
    _page, editor = afi_editor(window)
    original = editor.toPlainText()
    end_of(editor)
    stack = window.document.undo_stack
    start = stack.count()
    words = [" the", " force", " should", " improve", " how", " it", " records", " and", " reviews", " risk"]
    type_words(qtbot, clock, editor, words, gap=0.1)  # steady typing, never a pause
    typed = "".join(words)
    steps = stack.count() - start
    assert 2 <= steps <= 3, "about forty keystrokes to a step, each ending with a word"
    window.undo()
    remaining = editor.toPlainText()[len(original) :]
    assert typed.startswith(remaining) and remaining != typed
    assert remaining == "" or remaining.endswith(" ") or typed[len(remaining)] == " ", (
        "undo takes back whole words"
    )


def test_undo_of_typing_on_another_page_brings_it_into_view(window, qtbot, clock):
    page, editor = afi_editor(window)
    end_of(editor)
    position = editor.textCursor().position()
    type_words(qtbot, clock, editor, [" now"])
    window.workspace.show_evidence_log()
    assert window.workspace.current_page() is window.workspace.evidence_log
    window.undo()
    assert window.workspace.current_page() is page
    assert editor.hasFocus() and editor.textCursor().position() == position


def test_undo_of_a_deleted_finding_shows_it_again(window, qtbot):
    page, _editor = afi_editor(window)
    afis = page.afis
    count = len(afis.rows)
    deleted = afis.rows[1].record_id
    afis.rows[1].delete()
    assert len(afis.rows) == count - 1
    window.workspace.show_overview()
    window.undo()
    assert window.workspace.current_page() is page
    assert [row.record_id for row in afis.rows][1] == deleted
    assert afis.rows[1].editors[0].hasFocus()
    assert window.statusBar().currentMessage() == "Undone: Delete area for improvement"


def test_evidence_title_typing_is_undone_in_bursts_with_its_cursor(window, qtbot, clock):
    window.workspace.show_evidence_log()
    log = window.workspace.evidence_log
    log.table.selectRow(0)
    title = log.editor.title_edit
    assert isinstance(title, QLineEdit)
    original = title.text()
    title.setFocus()
    title.end(False)
    type_words(qtbot, clock, title, [" (revisited)"])
    clock.now += 3
    type_words(qtbot, clock, title, ["!"])
    assert window.undo_action.text() == "&Undo Typing in evidence title"
    window.undo()
    assert title.text() == original + " (revisited)"
    window.undo()
    assert title.text() == original and title.cursorPosition() == len(original)
