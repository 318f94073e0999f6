"""An editor for a list of findings (summary bullets, areas for improvement, recommendations, blocks…).

Each record is a row of bound editors with its own small toolbar (cite evidence, move, delete); the list
rebuilds itself when the document says the list changed, whoever changed it, and puts the focus back.
All changes are undo commands on the document's stack.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.blocks import Cites, Record
from ..domain.editing import find_record
from ..domain.inspection import EvidenceItem
from . import commands
from .binding import GrowingTextEdit, bind_lines, bind_text
from .document import InspectionDocument


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
    """Shows how many evidence items a finding cites; its menu cites or un-cites items of the question."""

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
        document.recordChanged.connect(self._on_changed)
        document.evidenceChanged.connect(lambda *_: self.refresh())

    def cited(self) -> list[uuid.UUID]:
        record = find_record(self.document.inspection, self.record_id)
        assert isinstance(record, Cites)
        return list(record.evidence_ids)

    def _on_changed(self, record_id: uuid.UUID, field_name: str) -> None:
        if record_id == self.record_id and field_name == "evidence_ids":
            self.refresh()

    def refresh(self) -> None:
        try:
            cited = self.cited()
        except ValueError:
            return
        self.setText(self.tr("Evidence (%n)", "", len(cited)))
        titles = {item.id: item.title or self.tr("(untitled)") for item in self.document.inspection.evidence}
        lines = [titles.get(evidence_id, self.tr("(deleted)")) for evidence_id in cited]
        self.setToolTip(
            self.tr("Cites:") + "\n" + "\n".join(f"• {line}" for line in lines)
            if lines
            else self.tr("Cites no evidence yet")
        )

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
            action.toggled.connect(lambda checked, evidence_id=item.id: self.toggle(evidence_id, checked))

    def toggle(self, evidence_id: uuid.UUID, cite: bool) -> None:
        command = commands.Cite if cite else commands.Uncite
        self.document.push(command(self.document, self.record_id, evidence_id))


class RecordRow(QFrame):
    """One record: a header (its number, cite, move, delete) and an editor per field."""

    def __init__(self, editor: RecordListEditor, record: Record, number: int, count: int) -> None:
        super().__init__(editor)
        self.record_id = record.id
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.editors: list[QWidget] = []
        spec, document = editor.spec, editor.document
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.setSpacing(3)

        header = QHBoxLayout()
        kind = spec.item_label
        for label, factory in spec.factories:
            if isinstance(record, type(factory())):
                kind = label
        caption = QLabel(f"{kind} {number}" if spec.numbered else kind, self)
        caption.setObjectName("rowCaption")
        header.addWidget(caption)
        header.addStretch(1)
        if spec.evidence is not None and isinstance(record, Cites):
            header.addWidget(CiteButton(document, record.id, spec.evidence, self))
        for text, tip, enabled, slot in (
            ("▲", self.tr("Move up (Alt+Up)"), number > 1, lambda: editor.move(self.record_id, -1)),
            ("▼", self.tr("Move down (Alt+Down)"), number < count, lambda: editor.move(self.record_id, +1)),
            ("✕", self.tr("Delete (Ctrl+Shift+D)"), True, lambda: editor.remove(self.record_id)),
        ):
            button = QToolButton(self)
            button.setText(text)
            button.setToolTip(tip)
            button.setAccessibleName(tip.split(" (")[0] + " " + kind.lower())
            button.setEnabled(enabled)
            button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
            button.clicked.connect(slot)
            header.addWidget(button)
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

        for keys, slot in (
            ("Alt+Up", lambda: editor.move(self.record_id, -1)),
            ("Alt+Down", lambda: editor.move(self.record_id, +1)),
            ("Ctrl+Shift+D", lambda: editor.remove(self.record_id)),
            ("Ctrl+Return", lambda: editor.add(0, after=self.record_id)),
        ):
            action = QAction(self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)

    def _field_editor(self, document: InspectionDocument, record: Record, spec: FieldSpec) -> QWidget:
        if spec.kind == "custom":
            assert spec.build is not None
            return spec.build(document, record)
        if spec.kind == "line":
            widget = QLineEdit(self)
            bind_text(document, record.id, spec.name, widget)
        elif spec.kind == "level":
            widget = QSpinBox(self)
            widget.setRange(0, 2)
            widget.setPrefix(self.tr("Level "))
            widget.setValue(getattr(record, spec.name))
            widget.valueChanged.connect(
                lambda value: document.push(
                    commands.SetField(document, record.id, spec.name, value, self.tr("Change level"))
                )
            )
            document.recordChanged.connect(
                lambda record_id, name: (
                    widget.setValue(getattr(find_record(document.inspection, record.id), spec.name))
                    if (record_id, name) == (record.id, spec.name)
                    else None
                )
            )
            widget.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        elif spec.kind == "lines":
            widget = GrowingTextEdit(self, min_lines=1)
            bind_lines(document, record.id, spec.name, widget)
        else:
            widget = GrowingTextEdit(self)
            bind_text(document, record.id, spec.name, widget)
        if isinstance(widget, (QLineEdit, QPlainTextEdit)):
            widget.setPlaceholderText(spec.placeholder)
        widget.setAccessibleName(spec.label or spec.placeholder or spec.name)
        return widget


class RecordListEditor(QWidget):
    """A titled list of records (the list ``field`` of the record ``owner_id``) with an Add button."""

    rowsRebuilt = Signal()

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
            button.clicked.connect(lambda _checked=False, index=index: self.add(index))
            buttons.addWidget(button)
            self.add_buttons.append(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        document.listChanged.connect(self._on_list_changed)
        self.rebuild()

    def records(self) -> list[Record]:
        return list(getattr(find_record(self.document.inspection, self.owner_id), self.field))

    def _on_list_changed(self, owner_id: uuid.UUID, field_name: str) -> None:
        if owner_id == self.owner_id and field_name == self.field:
            self.rebuild()

    def rebuild(self, focus: uuid.UUID | None = None) -> None:
        focused = focus or self._focused_record()
        for row in self.rows:
            row.hide()
            row.deleteLater()
        records = self.records()
        self.rows = [RecordRow(self, record, n, len(records)) for n, record in enumerate(records, start=1)]
        for row in self.rows:
            self.rows_layout.addWidget(row)
            row.show()  # at once, not when the layout gets round to it, so the focus can move there now
        self.empty.setVisible(not records and bool(self.spec.empty_text))
        if focused is not None:
            self.focus_record(focused)
        self.rowsRebuilt.emit()

    def _focused_record(self) -> uuid.UUID | None:
        for row in self.rows:
            if row.isAncestorOf(self.focusWidget() or self) or (
                row.editors and any(e.hasFocus() for e in row.editors)
            ):
                return row.record_id
        return None

    def focus_record(self, record_id: uuid.UUID, *, at_end: bool = False) -> None:
        for row in self.rows:
            if row.record_id == record_id and row.editors:
                editor = row.editors[0]
                editor.setFocus(Qt.FocusReason.OtherFocusReason)
                if at_end and isinstance(editor, QPlainTextEdit):
                    editor.moveCursor(editor.textCursor().MoveOperation.End)
                elif at_end and isinstance(editor, QLineEdit):
                    editor.end(False)

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
        neighbour = (
            ids[ids.index(record_id) + 1]
            if ids.index(record_id) + 1 < len(ids)
            else (ids[-2] if len(ids) > 1 else None)
        )
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

    def move(self, record_id: uuid.UUID, step: int) -> None:
        ids = [r.id for r in self.records()]
        target = ids.index(record_id) + step
        if 0 <= target < len(ids):
            self.document.push(
                commands.MoveRecord(self.document, self.owner_id, self.field, record_id, target)
            )
            self.focus_record(record_id)


def focus_record_row(container: QWidget, scroll, record_id: uuid.UUID) -> bool:
    """Scroll to the row editing ``record_id`` inside ``container`` and put the cursor in it."""
    for row in container.findChildren(RecordRow):
        if row.record_id == record_id:
            scroll.ensureWidgetVisible(row)
            target = row.editors[0] if row.editors else row
            target.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
    return False
