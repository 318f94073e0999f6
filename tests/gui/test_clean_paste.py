"""Pasting from Word or a web page: clean paragraphs and bullets, several paragraphs as several blocks."""

from __future__ import annotations

from PySide6.QtCore import QMimeData
from support.documents import PEEL_SAMPLE, sample_document, show_active

from inspector_app.domain.blocks import Bullet, Paragraph
from inspector_app.gui.binding import GrowingTextEdit
from inspector_app.gui.question_page import QuestionPage
from inspector_app.storage.inspection_file import dumps_inspection

WORD = "Hertfordshire should act.\r\n·\tfirst point;\r\no\tits detail;\r\n·\tsecond point.\r\n"


def paste(editor: GrowingTextEdit, text: str) -> None:
    data = QMimeData()
    data.setText(text)
    editor.insertFromMimeData(data)


def page_of(qtbot, document, question_id="protecting-vulnerable"):
    page = QuestionPage(document, question_id)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    show_active(qtbot, page)
    return page


def test_several_paragraphs_pasted_into_a_narrative_block_become_blocks_in_one_undo_step(qtbot):
    document = sample_document(PEEL_SAMPLE)
    page = page_of(qtbot, document)
    section = document.inspection.question("protecting-vulnerable").sections[0]
    before = dumps_inspection(document.inspection)
    original = section.blocks[0].text
    editor = page.sections.rows[0].findChildren(GrowingTextEdit)[0]
    editor.setFocus()
    cursor = editor.textCursor()
    cursor.setPosition(len("The way in which"))
    editor.setTextCursor(cursor)
    count = len(section.blocks)
    paste(editor, WORD)
    assert len(section.blocks) == count + 3
    assert section.blocks[0].text == "The way in which" + "Hertfordshire should act."
    added = section.blocks[1:4]
    assert [type(b) for b in added] == [Bullet, Bullet, Bullet]
    assert [(b.text, b.level) for b in added][:2] == [("first point;", 0), ("its detail;", 1)]
    assert added[2].text == "second point." + original[len("The way in which") :], "it takes the rest"
    assert document.undo_stack.undoText() == "Paste 4 paragraphs"
    document.undo_stack.undo()
    assert dumps_inspection(document.inspection) == before
    document.undo_stack.redo()
    assert len(section.blocks) == count + 3 and isinstance(section.blocks[4], Paragraph)


def test_a_paste_into_a_finding_is_cleaned_into_its_lines(qtbot):
    document = sample_document(PEEL_SAMPLE)
    page = page_of(qtbot, document)
    row = page.afis.rows[0]
    points = row.findChildren(GrowingTextEdit)[1]  # the nested points, one per line
    points.setFocus()
    paste(points, "·\tthe first\u00a0point\r\n·\tthe\tsecond\u00ad point\r\n")
    afi = document.inspection.question("protecting-vulnerable").areas_for_improvement[0]
    assert afi.sub_points[-2:] == ["the first point", "the second point"]


def test_one_paragraph_pasted_is_typed_in_clean(qtbot):
    document = sample_document(PEEL_SAMPLE)
    page = page_of(qtbot, document)
    editor = page.afis.rows[0].editors[0]
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    paste(editor, "  \u200bcopied\t from  a web page ")
    afi = document.inspection.question("protecting-vulnerable").areas_for_improvement[0]
    assert afi.text.endswith("copied from a web page")
