"""Two-way binding of an editor widget to one field of one record, through undo commands.

Typing pushes a :class:`~.commands.SetField` (which merges a burst of typing into one undo step); when the
field changes underneath (undo, redo, another view) the widget shows the new value without pushing anything
and keeps the cursor where it was as far as the text allows.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QResizeEvent, QShowEvent, QTextLayout, QTextOption
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QSizePolicy, QWidget

from ..domain.editing import EditError, find_record
from .commands import SetField
from .document import InspectionDocument


class GrowingTextEdit(QPlainTextEdit):
    """A plain-text editor as tall as its wrapped text (prose inside a scrolling page); Tab moves focus on."""

    def __init__(self, parent: QWidget | None = None, min_lines: int = 2) -> None:
        super().__init__(parent)
        self._min_lines = min_lines
        self.setTabChangesFocus(True)
        self.setUndoRedoEnabled(False)  # undo belongs to the document's QUndoStack
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.textChanged.connect(self._fit)
        self._fit()

    def _wrapped_lines(self) -> int:
        """Lines the text needs at the current width, laid out afresh (the editor's own layout of a block
        is lazy and may still be the one for an earlier width)."""
        width = max(1.0, self.viewport().width() - 2 * self.document().documentMargin())
        option = QTextOption()
        option.setWrapMode(self.wordWrapMode())
        lines, block = 0, self.document().begin()
        while block.isValid():
            layout = QTextLayout(block.text(), self.font())
            layout.setTextOption(option)
            layout.beginLayout()
            count = 0
            while (line := layout.createLine()).isValid():
                line.setLineWidth(width)
                count += 1
            layout.endLayout()
            lines += max(1, count)
            block = block.next()
        return lines

    def _fit(self) -> None:
        lines = max(self._min_lines, self._wrapped_lines())
        margins = self.contentsMargins()
        height = (
            int(lines * self.fontMetrics().lineSpacing() + 2 * self.document().documentMargin())
            + margins.top()
            + margins.bottom()
            + 2
        )
        if height != self.height():
            self.setFixedHeight(height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self._fit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit()


class FieldBinding(QObject):
    """Keeps ``widget`` and ``record.field`` equal. ``to_model``/``from_model`` convert the value."""

    def __init__(
        self,
        document: InspectionDocument,
        record_id: uuid.UUID,
        field: str,
        widget: QLineEdit | QPlainTextEdit,
        *,
        to_model: Callable[[str], Any] = lambda text: text,
        from_model: Callable[[Any], str] = lambda value: value,
        label: str = "",
    ) -> None:
        super().__init__(widget)
        self.document, self.record_id, self.field, self.widget = document, record_id, field, widget
        self.to_model, self.from_model, self.label = to_model, from_model, label
        self._updating = False
        self.refresh()
        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(self._push)
        else:
            widget.textChanged.connect(lambda: self._push(widget.toPlainText()))
        document.recordChanged.connect(self._on_record_changed)

    def _value(self) -> Any:
        return getattr(find_record(self.document.inspection, self.record_id), self.field)

    def _push(self, text: str) -> None:
        if self._updating:
            return
        value = self.to_model(text)
        self.document.push(SetField(self.document, self.record_id, self.field, value, self.label))

    def _on_record_changed(self, record_id: uuid.UUID, field: str) -> None:
        if record_id == self.record_id and field == self.field:
            self.refresh()

    def refresh(self) -> None:
        try:
            value = self._value()
        except EditError:  # the record is gone (its list changed); the owner rebuilds this row
            return
        widget = self.widget
        current = widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()
        if self.to_model(current) == value:  # e.g. a trailing newline the user is typing: leave it be
            return
        text = self.from_model(value)
        self._updating = True
        try:
            if isinstance(widget, QLineEdit):
                position = widget.cursorPosition()
                widget.setText(text)
                widget.setCursorPosition(min(position, len(text)))
            else:
                position = widget.textCursor().position()
                widget.setPlainText(text)
                cursor = widget.textCursor()
                cursor.setPosition(min(position, len(text)))
                widget.setTextCursor(cursor)
        finally:
            self._updating = False


def lines_to_list(text: str) -> list[str]:
    """Sub-points are edited one per line; blank lines are not points."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def list_to_lines(values: list[str]) -> str:
    return "\n".join(values)


def bind_text(
    document: InspectionDocument,
    record_id: uuid.UUID,
    field: str,
    widget: QLineEdit | QPlainTextEdit,
    label: str = "",
) -> FieldBinding:
    return FieldBinding(document, record_id, field, widget, label=label)


def bind_lines(
    document: InspectionDocument, record_id: uuid.UUID, field: str, widget: QPlainTextEdit, label: str = ""
) -> FieldBinding:
    return FieldBinding(
        document, record_id, field, widget, to_model=lines_to_list, from_model=list_to_lines, label=label
    )
