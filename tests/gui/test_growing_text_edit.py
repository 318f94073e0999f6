"""The prose editor's height follows its wrapped lines, counted block by block as edits come in."""

from __future__ import annotations

import random

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextOption

from inspector_app.gui.binding import UNBROKEN_RUN, GrowingTextEdit


def _lines_counted_afresh(editor: GrowingTextEdit) -> list[int]:
    option = QTextOption()
    option.setWrapMode(editor.wordWrapMode())
    width = max(1.0, editor.viewport().width() - 2 * editor.document().documentMargin())
    counts, block = [], editor.document().begin()
    while block.isValid():
        counts.append(editor._line_count(block.text(), width, option))
        block = block.next()
    return counts


def test_the_line_count_kept_per_block_stays_right_through_random_edits_and_resizes(qtbot):
    editor = GrowingTextEdit()
    qtbot.addWidget(editor)
    editor.resize(400, 300)
    editor.show()
    rng = random.Random(1)
    editor.setPlainText("\n".join("word " * rng.randint(0, 200) for _ in range(12)))
    for _step in range(250):
        cursor = editor.textCursor()
        cursor.setPosition(rng.randint(0, len(editor.toPlainText())))
        editor.setTextCursor(cursor)
        action = rng.choice(["type", "space", "return", "backspace", "delete", "paste", "resize"])
        if action == "type":
            qtbot.keyClick(editor, "a")
        elif action == "space":
            qtbot.keyClick(editor, " ")
        elif action == "return":
            qtbot.keyClick(editor, Qt.Key.Key_Return)
        elif action == "backspace":
            qtbot.keyClick(editor, Qt.Key.Key_Backspace)
        elif action == "delete":
            qtbot.keyClick(editor, Qt.Key.Key_Delete)
        elif action == "paste":
            editor.insertPlainText("pasted words\nover two lines ")
        else:
            editor.resize(rng.randint(200, 700), 300)
        assert editor._block_lines == _lines_counted_afresh(editor), action
        line = editor.fontMetrics().lineSpacing()
        assert editor.height() >= sum(editor._block_lines) * line


def test_an_unbroken_run_wraps_anywhere_instead_of_at_words(qtbot):
    editor = GrowingTextEdit()
    qtbot.addWidget(editor)
    editor.setPlainText("prose " * 10)
    assert editor.wordWrapMode() == QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere
    editor.setPlainText("first paragraph\n" + "x" * (UNBROKEN_RUN + 1))
    assert editor.wordWrapMode() == QTextOption.WrapMode.WrapAnywhere
