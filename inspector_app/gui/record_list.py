"""An editor for a list of findings (summary bullets, areas for improvement, recommendations, blocks…).

Each record is a row of bound editors with its own small toolbar (cite evidence, move, delete). The list
follows the change records of its list: an insert adds one row, a remove deletes one, a move moves one,
whoever made the change; the other rows, their editors and their cursors are left alone. All changes
are undo commands on the document's stack.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QHelpEvent, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from ..domain.blocks import Bullet, Cites, Paragraph, Record
from ..domain.changes import Change, ChangeKind
from ..domain.editing import find_record, insert_record, set_field
from ..domain.inspection import EvidenceItem, Inspection
from ..domain.paste import PastedBlock
from . import commands
from .authorship import AuthorLabel
from .binding import FieldBinding, GrowingTextEdit, bind_lines, bind_text
from .document import InspectionDocument

#: The keys of a row of findings: (keys, what they do, how the shortcut list describes it).
ROW_SHORTCUTS = (
    ("Ctrl+Return", "add", "Add a finding after the current one"),
    ("Alt+Up", "up", "Move the current finding up"),
    ("Alt+Down", "down", "Move the current finding down"),
    ("Ctrl+Shift+D", "delete", "Delete the current finding"),
)


@dataclass(frozen=True)
class FieldSpec:
    """One editable field of a row: ``kind`` is "text" (prose), "line", "lines" (one item per line),
    "level" (0–2 bullet nesting) or "custom" (``build`` makes the widget)."""

    name: str
    label: str
    kind: str = "text"
    placeholder: str = ""
    build: Callable[[InspectionDocument, Record], QWidget] | None = None


@dataclass(frozen=True)
class ListSpec:
    title: str
    item_label: str
    #: (button label, factory) for each kind of record the list takes.
    factories: list[tuple[str, Callable[[], Record]]]
    fields: Callable[[Record], list[FieldSpec]]
    #: evidence a row may cite (None: rows cannot cite)
    evidence: Callable[[], list[EvidenceItem]] | None = None
    #: extra widget under a row (e.g. a cause's recommendations)
    nested: Callable[[InspectionDocument, Record], QWidget | None] | None = None
    numbered: bool = True
    empty_text: str = ""
    hints: dict[str, str] = field(default_factory=dict)


class CiteButton(QToolButton):
    """Shows how many evidence items a finding cites; its menu cites or un-cites items of the question.

    It follows only its own record's citations; the titles in its tooltip are read when it is shown.
    """

    def __init__(
        self,
        document: InspectionDocument,
        record_id: uuid.UUID,
        evidence: Callable[[], list[EvidenceItem]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.document, self.record_id, self.evidence = document, record_id, evidence
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setMenu(QMenu(self))
        self.menu().aboutToShow.connect(self._fill_menu)
        self.setAccessibleName(self.tr("Cite evidence"))
        self.refresh()
        document.routes.watch_record(record_id, self._on_change)

    def cited(self) -> list[uuid.UUID]:
        record = self.document.record(self.record_id)
        return list(record.evidence_ids) if isinstance(record, Cites) else []

    def _on_change(self, change: Change) -> None:
        if change.field == "evidence_ids":
            self.refresh()

    def refresh(self) -> None:
        self.setText(self.tr("Evidence (%n)", "", len(self.cited())))

    def tooltip_text(self) -> str:
        lines = []
        for evidence_id in self.cited():
            item = self.document.record(evidence_id)
            title = item.title if isinstance(item, EvidenceItem) else None
            lines.append(self.tr("(deleted)") if title is None else title or self.tr("(untitled)"))
        if not lines:
            return self.tr("Cites no evidence yet")
        return self.tr("Cites:") + "\n" + "\n".join(f"• {line}" for line in lines)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            QToolTip.showText(event.globalPos(), self.tooltip_text(), self)
            return True
        return super().event(event)

    def _fill_menu(self) -> None:
        menu = self.menu()
        menu.clear()
        cited = set(self.cited())
        items = self.evidence()
        if not items:
            action = menu.addAction(self.tr("No evidence recorded for this question yet"))
            action.setEnabled(False)
            return
        for item in items:
            action = menu.addAction(f"{item.source_type.label}: {item.title or self.tr('(untitled)')}")
            action.setCheckable(True)
            action.setChecked(item.id in cited)
            action.setData(item.id)
            action.toggled.connect(self._action_toggled)

    def _action_toggled(self, checked: bool) -> None:
        action = self.sender()
        if isinstance(action, QAction) and isinstance(action.data(), uuid.UUID):
            self.set_cited(action.data(), checked)

    def set_cited(self, evidence_id: uuid.UUID, cite: bool) -> None:
        command = commands.Cite if cite else commands.Uncite
        self.document.push(command(self.document, self.record_id, evidence_id))


class LevelBox(QSpinBox):
    """The nesting level of a bullet (0–2), bound to its record's ``level``."""

    def __init__(self, document: InspectionDocument, record: Record, name: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.document, self.record_id, self.name = document, record.id, name
        self.setRange(0, 2)
        self.setPrefix(self.tr("Level "))
        self.setValue(getattr(record, name))
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.valueChanged.connect(self._push)
        document.routes.watch_record(record.id, self._on_change)

    def _push(self, value: int) -> None:
        record = self.document.record(self.record_id)
        if record is not None and getattr(record, self.name) != value:
            self.document.push(
                commands.SetField(self.document, self.record_id, self.name, value, self.tr("Change level"))
            )

    def _on_change(self, change: Change) -> None:
        record = self.document.record(self.record_id)
        if change.field == self.name and record is not None:
            self.blockSignals(True)
            self.setValue(getattr(record, self.name))
            self.blockSignals(False)


class RecordRow(QFrame):
    """One record: a header (its number, cite, move, delete) and an editor per field."""

    def __init__(self, editor: RecordListEditor, record: Record) -> None:
        super().__init__(editor)
        self.list_editor = editor
        self.record_id = record.id
        self.kind = editor.kind_of(record)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.editors: list[QWidget] = []
        self.bindings: list[FieldBinding] = []
        spec, document = editor.spec, editor.document
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.setSpacing(3)

        header = QHBoxLayout()
        self.caption = QLabel(self.kind, self)
        self.caption.setObjectName("rowCaption")
        header.addWidget(self.caption)
        #: Who wrote and last changed it, for a team's file (None for a solo file: no label at all).
        self.author_line: AuthorLabel | None = None
        if document.authors is not None:
            self.author_line = AuthorLabel(document.authors, record.id, self)
            header.addWidget(self.author_line, 1)  # takes the row's spare width, and no more
        else:
            header.addStretch(1)
        if spec.evidence is not None and isinstance(record, Cites):
            header.addWidget(CiteButton(document, record.id, spec.evidence, self))
        self.up_button = self._tool_button("▲", self.tr("Move up (Alt+Up)"), self.move_up, header)
        self.down_button = self._tool_button("▼", self.tr("Move down (Alt+Down)"), self.move_down, header)
        self._tool_button("✕", self.tr("Delete (Ctrl+Shift+D)"), self.delete, header)
        layout.addLayout(header)

        for field_spec in spec.fields(record):
            widget = self._field_editor(document, record, field_spec)
            if field_spec.label:
                label = QLabel(field_spec.label, self)
                label.setBuddy(widget)
                layout.addWidget(label)
            layout.addWidget(widget)
            self.editors.append(widget)
        if spec.nested is not None:
            nested = spec.nested(document, record)
            if nested is not None:
                layout.addWidget(nested)

        # The row's keys belong to its own editors, not to the whole row: a row holds a nested list
        # (a section's blocks, a cause's recommendations) whose rows have the same keys, and two actions
        # for one key in the focus chain are ambiguous to Qt, which then runs neither.
        slots = {"add": self.add_after, "up": self.move_up, "down": self.move_down, "delete": self.delete}
        for keys, what, _description in ROW_SHORTCUTS:
            slot = slots[what]
            action = QAction(self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            for field_editor in self.editors:
                field_editor.addAction(action)

    def _tool_button(self, text: str, tip: str, slot: Callable[[], None], header: QHBoxLayout) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip.split(" (")[0] + " " + self.kind.lower())
        button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        button.clicked.connect(slot)
        header.addWidget(button)
        return button

    def caption_text(self) -> str:
        return self.caption.text()

    def set_place(self, number: int, count: int) -> None:
        """Show the row's number and which moves it allows (after rows were added, removed or moved)."""
        self.caption.setText(f"{self.kind} {number}" if self.list_editor.spec.numbered else self.kind)
        self.up_button.setEnabled(number > 1)
        self.down_button.setEnabled(number < count)

    def move_up(self) -> None:
        self.list_editor.move_record(self.record_id, -1)

    def move_down(self) -> None:
        self.list_editor.move_record(self.record_id, +1)

    def delete(self) -> None:
        self.list_editor.remove(self.record_id)

    def add_after(self) -> None:
        self.list_editor.add(0, after=self.record_id)

    def _paste_as_blocks(self, blocks: list[PastedBlock]) -> bool:
        """Several pasted paragraphs in a narrative block: the block is split at the cursor, as in Word —
        its text before the cursor takes the first pasted paragraph, the rest become blocks after it (the
        last one takes the text after the cursor); one undo step."""
        editor = self.list_editor
        binding = self.binding_for("text")
        if binding is None or not isinstance(binding.widget, QPlainTextEdit):
            return False
        widget = binding.widget
        cursor = widget.textCursor()
        text = widget.toPlainText()
        before, after = text[: cursor.selectionStart()], text[cursor.selectionEnd() :]
        record_id, owner_id, field = self.record_id, editor.owner_id, editor.field
        first, rest = blocks[0], blocks[1:]
        new_blocks: list[Paragraph | Bullet] = [
            Bullet(text=b.text, level=b.level)
            if b.is_bullet and b.level is not None
            else Paragraph(text=b.text)
            for b in rest
        ]
        last = new_blocks[-1]
        last.text += after

        def paste(inspection: Inspection) -> list[Change]:
            changes = [set_field(inspection, record_id, "text", before + first.text)]
            position = next(
                n
                for n, r in enumerate(getattr(find_record(inspection, owner_id), field))
                if r.id == record_id
            )
            for offset, block in enumerate(new_blocks, start=1):
                changes.append(insert_record(inspection, owner_id, field, position + offset, block))
            return changes

        editor.document.push(
            commands.EditCommand(editor.document, self.tr("Paste %n paragraphs", "", len(blocks)), paste)
        )
        editor.focus_record(last.id)
        focused = editor.row_of(last.id)
        if focused is not None and focused.editors and isinstance(focused.editors[0], QPlainTextEdit):
            end = focused.editors[0].textCursor()
            end.setPosition(len(last.text) - len(after))
            focused.editors[0].setTextCursor(end)
        return True

    def binding_for(self, field_name: str) -> FieldBinding | None:
        return next((b for b in self.bindings if b.field == field_name), None)

    def _field_editor(self, document: InspectionDocument, record: Record, spec: FieldSpec) -> QWidget:
        widget: QWidget
        if spec.kind == "custom":
            assert spec.build is not None
            return spec.build(document, record)
        if spec.kind == "line":
            line = QLineEdit(self)
            self.bindings.append(bind_text(document, record.id, spec.name, line, self.caption_text))
            widget = line
        elif spec.kind == "level":
            widget = LevelBox(document, record, spec.name, self)
        elif spec.kind == "lines":
            lines = GrowingTextEdit(self, min_lines=1)
            self.bindings.append(bind_lines(document, record.id, spec.name, lines, self.caption_text))
            widget = lines
        else:
            text = GrowingTextEdit(self)
            binding = bind_text(document, record.id, spec.name, text, self.caption_text)
            self.bindings.append(binding)
            if isinstance(record, (Paragraph, Bullet)) and self.list_editor.takes_blocks():
                text.paste_handler = self._paste_as_blocks
            widget = text
        if isinstance(widget, (QLineEdit, QPlainTextEdit)):
            widget.setPlaceholderText(spec.placeholder)
        widget.setAccessibleName(spec.label or spec.placeholder or spec.name)
        return widget


class RecordListEditor(QWidget):
    """A titled list of records (the list ``field`` of the record ``owner_id``) with an Add button."""

    #: rows were added, removed or moved
    rowsChanged = Signal()

    def __init__(
        self,
        document: InspectionDocument,
        owner_id: uuid.UUID,
        field_name: str,
        spec: ListSpec,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.document, self.owner_id, self.field, self.spec = document, owner_id, field_name, spec
        self._kinds: list[tuple[str, type[Record]]] = [
            (label, type(make())) for label, make in spec.factories
        ]
        self.rows: list[RecordRow] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if spec.title:
            layout.addWidget(QLabel(f"<b>{spec.title}</b>", self))
        self.empty = QLabel(spec.empty_text, self)
        self.empty.setWordWrap(True)
        self.empty.setEnabled(False)
        self.empty.setVisible(False)
        layout.addWidget(self.empty)
        self.rows_layout = QVBoxLayout()
        self.rows_layout.setSpacing(6)
        layout.addLayout(self.rows_layout)
        buttons = QHBoxLayout()
        self.add_buttons: list[QPushButton] = []
        for index, (label, _factory) in enumerate(spec.factories):
            button = QPushButton(self.tr("Add %1").replace("%1", label.lower()), self)
            button.setProperty("factory", index)
            button.clicked.connect(self._add_clicked)
            buttons.addWidget(button)
            self.add_buttons.append(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        for record in self.records():
            row = RecordRow(self, record)
            self.rows.append(row)
            self.rows_layout.addWidget(row)
        self._renumber()
        document.routes.watch_list(owner_id, field_name, self._on_list_change)

    def takes_blocks(self) -> bool:
        """A list of narrative blocks (it makes paragraphs and bullets): a paste of several paragraphs
        becomes several blocks here."""
        kinds = {kind for _label, kind in self._kinds}
        return Paragraph in kinds and Bullet in kinds

    def kind_of(self, record: Record) -> str:
        return next((label for label, kind in self._kinds if isinstance(record, kind)), self.spec.item_label)

    def records(self) -> list[Record]:
        owner = self.document.record(self.owner_id)
        return list(getattr(owner, self.field)) if owner is not None else []

    # -- following the list ---------------------------------------------------------------------------

    def _on_list_change(self, change: Change) -> None:
        if change.kind is ChangeKind.INSERT:
            record = self.document.record(change.record_id)
            if record is None or not 0 <= change.index <= len(self.rows):
                self._rebuild()
                return
            row = RecordRow(self, record)
            self.rows.insert(change.index, row)
            self.rows_layout.insertWidget(change.index, row)
            row.show()  # at once, so that the focus can move into it now
        elif change.kind is ChangeKind.REMOVE:
            if not (
                0 <= change.index < len(self.rows) and self.rows[change.index].record_id == change.record_id
            ):
                self._rebuild()
                return
            self._discard(self.rows.pop(change.index))
        elif change.kind is ChangeKind.MOVE:
            if not (
                0 <= change.from_index < len(self.rows)
                and self.rows[change.from_index].record_id == change.record_id
                and 0 <= change.index < len(self.rows)
            ):
                self._rebuild()
                return
            row = self.rows.pop(change.from_index)
            self.rows.insert(change.index, row)
            self.rows_layout.removeWidget(row)
            self.rows_layout.insertWidget(change.index, row)
        self._renumber()
        self.rowsChanged.emit()

    def _rebuild(self) -> None:
        """Make every row again: only when the rows and the list disagree (which would be a bug)."""
        for row in self.rows:
            self._discard(row)
        self.rows = []
        for record in self.records():
            row = RecordRow(self, record)
            self.rows.append(row)
            self.rows_layout.addWidget(row)
            row.show()
        self._renumber()

    def _discard(self, row: RecordRow) -> None:
        """Take a row out now (no search finds it again) and let Qt delete it when it is safe to."""
        self.rows_layout.removeWidget(row)
        row.hide()
        row.setParent(None)
        row.deleteLater()

    def _renumber(self) -> None:
        count = len(self.rows)
        for number, row in enumerate(self.rows, start=1):
            row.set_place(number, count)
        self.empty.setVisible(not self.rows and bool(self.spec.empty_text))

    # -- what the user does ---------------------------------------------------------------------------

    def row_of(self, record_id: uuid.UUID) -> RecordRow | None:
        return next((row for row in self.rows if row.record_id == record_id), None)

    def focus_record(self, record_id: uuid.UUID, *, at_end: bool = False) -> None:
        row = self.row_of(record_id)
        if row is None or not row.editors:
            return
        editor = row.editors[0]
        editor.setFocus(Qt.FocusReason.OtherFocusReason)
        if at_end and isinstance(editor, QPlainTextEdit):
            editor.moveCursor(editor.textCursor().MoveOperation.End)
        elif at_end and isinstance(editor, QLineEdit):
            editor.end(False)

    def _add_clicked(self) -> None:
        index = self.sender().property("factory") if self.sender() is not None else 0
        self.add(index if isinstance(index, int) else 0)

    def add(self, factory_index: int = 0, after: uuid.UUID | None = None) -> Record:
        record = self.spec.factories[factory_index][1]()
        ids = [r.id for r in self.records()]
        index = ids.index(after) + 1 if after in ids else len(ids)
        self.document.push(
            commands.InsertRecord(
                self.document,
                self.owner_id,
                self.field,
                index,
                record,
                self.tr("Add %1").replace("%1", self.spec.item_label.lower()),
            )
        )
        self.focus_record(record.id, at_end=True)  # after a pre-filled "The force should "
        return record

    def remove(self, record_id: uuid.UUID) -> None:
        ids = [r.id for r in self.records()]
        if record_id not in ids:
            return
        position = ids.index(record_id)
        neighbour = ids[position + 1] if position + 1 < len(ids) else (ids[-2] if len(ids) > 1 else None)
        self.document.push(
            commands.RemoveRecord(
                self.document,
                self.owner_id,
                self.field,
                record_id,
                self.tr("Delete %1").replace("%1", self.spec.item_label.lower()),
            )
        )
        if neighbour is not None:
            self.focus_record(neighbour)

    def move_record(self, record_id: uuid.UUID, step: int) -> None:
        ids = [r.id for r in self.records()]
        if record_id not in ids:
            return
        target = ids.index(record_id) + step
        if 0 <= target < len(ids):
            self.document.push(
                commands.MoveRecord(
                    self.document,
                    self.owner_id,
                    self.field,
                    record_id,
                    target,
                    self.tr("Move %1").replace("%1", self.spec.item_label.lower()),
                )
            )
            self.focus_record(record_id)


def find_row(container: QWidget, record_id: uuid.UUID) -> RecordRow | None:
    return next((row for row in container.findChildren(RecordRow) if row.record_id == record_id), None)


def focus_record_row(
    container: QWidget, scroll: QScrollArea, record_id: uuid.UUID, field_name: str = "", cursor: int = -1
) -> bool:
    """Scroll to the row editing ``record_id`` inside ``container`` and put the cursor in it (in the
    editor of ``field_name`` at ``cursor`` when given)."""
    row = find_row(container, record_id)
    if row is None:
        return False
    scroll.ensureWidgetVisible(row)
    binding = row.binding_for(field_name) if field_name else None
    if binding is not None:
        binding.reveal(cursor)
        scroll.ensureWidgetVisible(binding.widget)
        return True
    target = row.editors[0] if row.editors else row
    target.setFocus(Qt.FocusReason.OtherFocusReason)
    return True
