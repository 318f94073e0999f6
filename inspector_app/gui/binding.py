"""Two-way binding of an editor widget to one field of one record, through undo commands.

Typing pushes a :class:`~.commands.TypingCommand`; keystrokes merge into one undo step while they form
one *burst*, as in Word: a burst ends at a pause of a second, when the cursor moves elsewhere before the
next keystroke, when the field loses the focus, and at the end of a word once the burst is long. When the
field changes underneath (undo, redo, another view) the widget shows the new value without pushing
anything and keeps the cursor where it was as far as the text allows.
"""

from __future__ import annotations

import itertools
import re
import time
import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QMimeData, QObject, Qt, Signal
from PySide6.QtGui import (
    QKeyEvent,
    QKeySequence,
    QResizeEvent,
    QShowEvent,
    QTextCursor,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QSizePolicy, QWidget

from ..domain.changes import Change
from ..domain.editing import set_field
from ..domain.limits import MAX_TEXT_CHARS
from ..domain.paste import PastedBlock, as_lines, clean_paste
from .commands import SetField, push_typing
from .document import InspectionDocument

#: A pause this long (seconds) between keystrokes ends a typing burst.
BURST_PAUSE = 1.0
#: A burst of this many keystrokes ends at the next word boundary.
LONG_BURST = 40
#: A run of this many characters without a space makes word wrapping quadratic in Qt; such text wraps
#: anywhere instead (a 300,000-character line: 3.3 s a keystroke with word wrap, 64 ms without).
UNBROKEN_RUN = 2000
_UNBROKEN = re.compile(rf"\S{{{UNBROKEN_RUN},}}")
_bursts = itertools.count(1)
#: GrowingTextEdit: several edits since the last count, so every block is counted again.
_MANY = (-1, -1)


class GrowingTextEdit(QPlainTextEdit):
    """A plain-text editor as tall as its wrapped text (prose inside a scrolling page); Tab moves focus on.

    The height is the sum of each block's (paragraph's) wrapped lines, kept per block: after an edit only
    the blocks it touched are counted again, from the layout the editor has just made of them, so a
    keystroke costs nothing more than the editor's own work, however long the text.
    """

    def __init__(self, parent: QWidget | None = None, min_lines: int = 2) -> None:
        super().__init__(parent)
        self._min_lines = min_lines
        #: Takes a paste of several paragraphs (a narrative block makes them blocks); returns whether it did.
        self.paste_handler: Callable[[list[PastedBlock]], bool] | None = None
        self._block_lines: list[int] = []
        #: (first, last) block an edit touched since the last count; _MANY for several edits
        self._edit: tuple[int, int] | None = None
        self._width = -1.0
        self.setTabChangesFocus(True)
        self.setUndoRedoEnabled(False)  # undo belongs to the document's QUndoStack
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().contentsChange.connect(self._contents_changed)
        self.textChanged.connect(self._fit)
        self._fit()

    def _contents_changed(self, position: int, _removed: int, added: int) -> None:
        document = self.document()
        first = document.findBlock(position)
        end = document.findBlock(position + added)
        last = (end if end.isValid() else document.lastBlock()).blockNumber()
        self._edit = (max(0, first.blockNumber()), max(0, last)) if self._edit is None else _MANY
        block = first
        while block.isValid():
            if len(block.text()) > UNBROKEN_RUN and _UNBROKEN.search(block.text()):
                self._wrap_anywhere()
                break
            if block.blockNumber() >= last:
                break
            block = block.next()

    def _wrap_anywhere(self) -> None:
        if self.wordWrapMode() != QTextOption.WrapMode.WrapAnywhere:
            self._edit = _MANY
            self.setWordWrapMode(QTextOption.WrapMode.WrapAnywhere)

    def _line_count(self, text: str, width: float, option: QTextOption) -> int:
        layout = QTextLayout(text, self.font())
        layout.setTextOption(option)
        layout.beginLayout()
        count = 0
        while (line := layout.createLine()).isValid():
            line.setLineWidth(width)
            count += 1
        layout.endLayout()
        return max(1, count)

    def _wrapped_lines(self) -> int:
        """Lines the text needs at the current width. A change of width (or several edits at once) counts
        every block afresh with a layout of our own: the editor lays blocks out lazily, so its layout of a
        block it has not shown since may be the one for an earlier width."""
        width = max(1.0, self.viewport().width() - 2 * self.document().documentMargin())
        document = self.document()
        count = document.blockCount()
        option = QTextOption()
        option.setWrapMode(self.wordWrapMode())
        edit, self._edit = self._edit, None
        lines: list[int] | None = None
        if width == self._width and edit is None and len(self._block_lines) == count:
            return sum(self._block_lines)
        if width == self._width and edit is not None and edit is not _MANY and self._block_lines:
            first, last = edit
            shift = count - len(self._block_lines)
            touched = []
            for number in range(first, last + 1):
                block = document.findBlockByNumber(number)
                touched.append(block.layout().lineCount() or self._line_count(block.text(), width, option))
            lines = self._block_lines[:first] + touched + self._block_lines[last + 1 - shift :]
            if len(lines) != count:
                lines = None
        if lines is None:
            self._width = width
            lines = []
            block = document.begin()
            while block.isValid():
                lines.append(self._line_count(block.text(), width, option))
                block = block.next()
        self._block_lines = lines
        return sum(lines)

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

    def insertFromMimeData(self, source: QMimeData) -> None:
        """A paste from Word or a web page arrives clean (domain/paste.py): no bullet glyphs, numbering,
        stray tabs or invisible marks; several paragraphs become blocks where a handler takes them."""
        blocks = clean_paste(source.text()) if source.hasText() else []
        if not blocks:
            return
        if len(blocks) > 1 and self.paste_handler is not None and self.paste_handler(blocks):
            return
        self.textCursor().insertText(as_lines(blocks))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self._fit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit()


TextWidget = QLineEdit | QPlainTextEdit


class FieldBinding(QObject):
    """Keeps ``widget`` and ``record.field`` equal. ``to_model``/``from_model`` convert the value.

    ``label`` names the field for the undo stack ("Area for improvement 2"): a string, or a callable
    for a row whose number changes. :meth:`rebind` moves the binding to another record (the evidence
    editor shows one item after another); bound to no record the widget shows nothing. ``undo_keys``:
    Undo/Redo keys in the widget undo the document (see :func:`undo_key_to_document`), for an editor
    that may be used outside the main window.
    """

    #: the user changed the field through this widget
    edited = Signal()

    def __init__(
        self,
        document: InspectionDocument,
        record_id: uuid.UUID | None,
        field: str,
        widget: TextWidget,
        *,
        to_model: Callable[[str], Any] = lambda text: text,
        from_model: Callable[[Any], str] = lambda value: value,
        label: str | Callable[[], str] = "",
        undo_keys: bool = False,
    ) -> None:
        super().__init__(widget)
        self.document, self.record_id, self.field, self.widget = document, record_id, field, widget
        self.to_model, self.from_model, self._label = to_model, from_model, label
        self._undo_keys = undo_keys
        self._updating = False
        self._burst = 0
        self._burst_keys = 0
        self._last_edit = 0.0
        #: Where the cursor was before the edit being handled, and after the last one pushed.
        self._cursor = 0
        self._before = 0
        self._expected = -1
        #: The plain text last seen: a textChanged with the same text only re-formatted it (the underline).
        self._shown = ""
        self.refresh()
        if isinstance(widget, QLineEdit):
            widget.setMaxLength(MAX_TEXT_CHARS)
            widget.textEdited.connect(self._line_edited)
            widget.cursorPositionChanged.connect(self._line_cursor_moved)
        else:
            widget.document().contentsChange.connect(self._contents_changing)
            widget.textChanged.connect(self._plain_edited)
            widget.cursorPositionChanged.connect(self._plain_cursor_moved)
        widget.installEventFilter(self)
        if record_id is not None:
            document.routes.watch_record(record_id, self._on_change)
        # Spelling as you type (the underline and the context menu) in a prose editor; imported here so
        # the checks and the dictionary load with the first page, not with the window.
        from . import spellcheck

        self.spelling = spellcheck.attach(self)

    def rebind(self, record_id: uuid.UUID | None) -> None:
        """Edit the same field of another record (None: of none)."""
        if record_id == self.record_id:
            return
        routes = self.document.routes
        if self.record_id is not None:
            routes.unwatch_record(self.record_id, self._on_change)
        self.record_id, self._burst = record_id, 0
        if record_id is not None:
            routes.watch_record(record_id, self._on_change)
        self.refresh(force=True)

    # -- what the user does -------------------------------------------------------------------------

    def label(self) -> str:
        return self._label() if callable(self._label) else self._label

    def _line_cursor_moved(self, _old: int, new: int) -> None:
        if not self._updating:
            self._cursor = new

    def _plain_cursor_moved(self) -> None:
        if not self._updating:
            assert isinstance(self.widget, QPlainTextEdit)
            self._cursor = self.widget.textCursor().position()

    def _contents_changing(self, _position: int, _removed: int, _added: int) -> None:
        self._before = self._cursor  # the editor moves its cursor after this signal, before textChanged

    def _line_edited(self, text: str) -> None:
        assert isinstance(self.widget, QLineEdit)
        self._push(text, self._cursor, self.widget.cursorPosition())

    def _plain_edited(self) -> None:
        if self._updating:
            return
        assert isinstance(self.widget, QPlainTextEdit)
        text = self.widget.toPlainText()
        if text == self._shown:  # the highlighter re-formatted the text; nothing was typed
            return
        self._shown = text
        if len(text) > MAX_TEXT_CHARS:
            self.refresh(force=True)  # a paste beyond the cap: keep the text as it was
            self.document.notice.emit(
                self.tr("A text can hold at most %1 characters; the paste was not taken.").replace(
                    "%1", f"{MAX_TEXT_CHARS:,}"
                )
            )
            return
        self._push(text, self._before, self.widget.textCursor().position())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if (
            kind == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Space
            and event.modifiers() == Qt.KeyboardModifier.ControlModifier
        ):
            from .phrases import offer_phrases  # the phrase library loads with its first use

            offer_phrases(self)
            return True
        if kind == QEvent.Type.FocusOut:
            self._burst = 0  # leaving the field ends the burst
            return False
        return self._undo_keys and undo_key_to_document(self.document, event)

    def _push(self, text: str, before: int, after: int) -> None:
        if self._updating or self.record_id is None:
            return
        self._cursor = after
        now = time.monotonic()
        if (
            self._burst == 0
            or now - self._last_edit > BURST_PAUSE
            or before != self._expected
            or (self._burst_keys >= LONG_BURST and _ends_word(text, before))
        ):
            self._burst, self._burst_keys = next(_bursts), 0
        self._burst_keys += 1
        self._last_edit, self._expected = now, after
        value = self.to_model(text)
        record_id, field = self.record_id, self.field
        label = self.label()
        self.edited.emit()
        push_typing(
            self.document,
            self.tr("Typing in %1").replace("%1", label) if label else self.tr("Typing"),
            lambda inspection: set_field(inspection, record_id, field, value),
            record_id=record_id,
            field=field,
            burst=self._burst,
            cursor_before=before,
            cursor_after=after,
        )

    # -- what changes underneath --------------------------------------------------------------------

    def _on_change(self, change: Change) -> None:
        if change.field == self.field:
            self.refresh()

    def refresh(self, *, force: bool = False) -> None:
        if self.record_id is None:
            value = self.to_model("")
        else:
            record = self.document.record(self.record_id)
            if record is None:  # the record is gone (its list changed); the owner removes this row
                return
            value = getattr(record, self.field)
        widget = self.widget
        current = widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()
        if not force and self.to_model(current) == value:  # e.g. a trailing newline being typed
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
                self._shown = text
                cursor = widget.textCursor()
                cursor.setPosition(min(position, len(text)))
                widget.setTextCursor(cursor)
        finally:
            self._updating = False
        self._burst = 0  # a change from elsewhere ends the burst
        self._cursor = self._cursor_position()

    def _cursor_position(self) -> int:
        widget = self.widget
        return widget.cursorPosition() if isinstance(widget, QLineEdit) else widget.textCursor().position()

    def reveal(self, cursor: int = -1, anchor: int = -1) -> None:
        """Put the focus here (and the cursor at ``cursor``): where an undo or redo changed the text.
        With ``anchor`` the text from there to ``cursor`` is selected (a misspelt word)."""
        widget = self.widget
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        if cursor < 0:
            return
        self._updating = True
        try:
            if isinstance(widget, QLineEdit):
                length = len(widget.text())
                if anchor >= 0:
                    widget.setSelection(min(anchor, length), min(cursor, length) - min(anchor, length))
                else:
                    widget.setCursorPosition(min(cursor, length))
            else:
                length = len(widget.toPlainText())
                text_cursor = widget.textCursor()
                if anchor >= 0:
                    text_cursor.setPosition(min(anchor, length))
                    text_cursor.setPosition(min(cursor, length), QTextCursor.MoveMode.KeepAnchor)
                else:
                    text_cursor.setPosition(min(cursor, length))
                widget.setTextCursor(text_cursor)
                widget.ensureCursorVisible()
        finally:
            self._updating = False
        self._cursor = self._cursor_position()
        self._burst = 0

    def replace(self, start: int, end: int, text: str, undo_text: str) -> None:
        """Replace characters ``start``…``end`` of a plain-text editor's text with ``text`` as one undo step
        of its own, called ``undo_text`` (a spelling correction); the rest of the editor is left alone."""
        widget = self.widget
        if self.record_id is None or not isinstance(widget, QPlainTextEdit):
            return
        length = len(widget.toPlainText())
        if not 0 <= start <= end <= length or length - (end - start) + len(text) > MAX_TEXT_CHARS:
            return
        edit = QTextCursor(widget.document())
        edit.setPosition(start)
        edit.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self._updating = True
        try:
            edit.insertText(text)
            widget.setTextCursor(edit)
        finally:
            self._updating = False
        self._shown = widget.toPlainText()
        self._burst = 0  # the next keystroke starts a burst of its own
        self._cursor = self._cursor_position()
        self.edited.emit()
        self.document.push(
            SetField(
                self.document, self.record_id, self.field, self.to_model(widget.toPlainText()), undo_text
            )
        )


def undo_key_to_document(document: InspectionDocument, event: QEvent) -> bool:
    """For an event filter: Undo/Redo keys undo on the document's stack, never a widget's own history.

    Returns True (filter it) for such a key. Its ShortcutOverride is left unaccepted, so a window-wide Undo
    action (the main window's) still takes the key; without one the key press arrives and undoes here.
    """
    kind = event.type()
    if kind != QEvent.Type.ShortcutOverride and kind != QEvent.Type.KeyPress:
        return False
    assert isinstance(event, QKeyEvent)
    action: Callable[[], None]
    if event.matches(QKeySequence.StandardKey.Undo):
        action = document.undo_stack.undo
    elif event.matches(QKeySequence.StandardKey.Redo):
        action = document.undo_stack.redo
    else:
        return False
    if kind == QEvent.Type.KeyPress:
        action()
    return True


def _ends_word(text: str, before: int) -> bool:
    """The keystroke at ``before`` follows a space or punctuation: a new word begins."""
    return 0 < before <= len(text) and not text[before - 1].isalnum()


def lines_to_list(text: str) -> list[str]:
    """Sub-points are edited one per line; blank lines are not points."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def list_to_lines(values: list[str]) -> str:
    return "\n".join(values)


def bind_text(
    document: InspectionDocument,
    record_id: uuid.UUID | None,
    field: str,
    widget: TextWidget,
    label: str | Callable[[], str] = "",
    *,
    undo_keys: bool = False,
) -> FieldBinding:
    return FieldBinding(document, record_id, field, widget, label=label, undo_keys=undo_keys)


def bind_lines(
    document: InspectionDocument,
    record_id: uuid.UUID,
    field: str,
    widget: QPlainTextEdit,
    label: str | Callable[[], str] = "",
) -> FieldBinding:
    return FieldBinding(
        document, record_id, field, widget, to_model=lines_to_list, from_model=list_to_lines, label=label
    )
