"""Ctrl+Space offers the standard wordings for what is typed; the one chosen replaces it, one undo step."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMenu
from support.documents import PEEL_SAMPLE, sample_document, show_active

from inspector_app.gui.question_page import QuestionPage


@pytest.fixture(autouse=True)
def own_folders(tmp_path, monkeypatch):
    monkeypatch.setenv("INSPECTOR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("INSPECTOR_ORG_PHRASES", str(tmp_path / "none.txt"))


#: The offscreen platform says so of every popup menu; platform noise, not a fault.
POPUP = pytest.mark.qt_log_ignore(r"This plugin does not support (raise\(\)|grabbing the keyboard)")


def open_menu(qtbot, widget) -> QMenu:
    qtbot.keyClick(widget, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)
    menus = [m for m in widget.findChildren(QMenu) if m.objectName() == "phrases" and m.isVisible()]
    assert menus, "Ctrl+Space shows the phrases"
    return menus[-1]


@POPUP
def test_ctrl_space_completes_the_typed_words_with_a_phrase_in_one_undo_step(qtbot):
    document = sample_document(PEEL_SAMPLE)
    page = QuestionPage(document, "protecting-vulnerable")
    qtbot.addWidget(page)
    show_active(qtbot, page)
    page.afis.add()
    editor = page.afis.rows[-1].editors[0]
    afi = document.inspection.question("protecting-vulnerable").areas_for_improvement[-1]
    editor.selectAll()
    qtbot.keyClicks(editor, "The force sh")
    count = document.undo_stack.count()
    menu = open_menu(qtbot, editor)
    texts = [a.text() for a in menu.actions() if not a.isSeparator() and a.isEnabled()]
    assert texts[0] == "The force should ensure that"
    next(a for a in menu.actions() if a.text() == "The force should ensure that").trigger()
    assert afi.text == "The force should ensure that "
    assert editor.textCursor().position() == len(afi.text)
    assert document.undo_stack.count() == count + 1, "the phrase is one step"
    document.undo_stack.undo()
    assert afi.text == "The force sh", "undo takes the phrase back, leaving what was typed"


@POPUP
def test_a_lead_in_line_takes_the_standard_wording_too(qtbot):
    document = sample_document(PEEL_SAMPLE)
    page = QuestionPage(document, "protecting-vulnerable")
    qtbot.addWidget(page)
    show_active(qtbot, page)
    lead_in = page.causes.rows[0].editors[1]
    lead_in.clear()
    qtbot.keyClicks(lead_in, "To address")
    menu = open_menu(qtbot, lead_in)
    menu.actions()[1].trigger() if menu.actions()[0].isSeparator() else menu.actions()[0].trigger()
    cause = document.inspection.question("protecting-vulnerable").causes_of_concern[0]
    assert cause.lead_in.startswith("To address this cause of concern")


def test_save_selection_as_a_phrase_offers_it_next_time(qtbot, tmp_path):
    from inspector_app import bundled
    from inspector_app.gui.spellcheck import attach

    document = sample_document(PEEL_SAMPLE)
    page = QuestionPage(document, "protecting-vulnerable")
    qtbot.addWidget(page)
    show_active(qtbot, page)
    row = page.afis.rows[0]
    editor = row.editors[0]
    highlighter = next(h for h in [attach(row.binding_for("text"))] if h is not None)
    cursor = editor.textCursor()
    cursor.setPosition(0)
    cursor.setPosition(len("The force still needs to improve"), cursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    menu = highlighter.context_menu(QPoint(2, 2))
    [save] = [a for a in menu.actions() if a.text() == "Save selection as a &phrase"]
    save.trigger()
    assert "The force still needs to improve" in [p.text for p in bundled.phrases() if p.source == "personal"]
