"""The editor of one evidence item, beside the evidence log's table.

:class:`EvidenceEditor` shows the item current in the log's table. Its text fields (title, collector,
reference, text) are bound like every text in the window (:class:`~.binding.FieldBinding`): typing pushes
typing commands that merge into one undo step per burst. A choice (source type, question, diagnostic,
date) pushes one ``UpdateEvidence``. It follows the change records of the item it shows and nothing else,
so an undo or redo refreshes it the same way an edit does; Undo/Redo keys in its fields undo on the
document's stack, never the widget's own.
"""

from __future__ import annotations

import datetime as dt
import itertools
import uuid

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from ..domain.changes import Change, ChangeKind
from ..domain.inspection import EvidenceItem, SourceType
from .binding import FieldBinding, bind_text, undo_key_to_document
from .commands import update_evidence
from .document import InspectionDocument
from .evidence_format import date_format, question_label, shorten, source_type_label, to_qdate


class _UndoThroughDocument(QObject):
    """Sends Undo/Redo keys in the editor's choices (source type, question, date…) to the document's undo
    stack; its text fields' bindings do the same for them (one event filter per field, not two)."""

    def __init__(self, document: InspectionDocument, parent: QObject) -> None:
        super().__init__(parent)
        self._document = document

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        return undo_key_to_document(self._document, event)


class EvidenceEditor(QWidget):
    """Edits one evidence item. Its text fields are bound like every text in the window (typing bursts,
    see binding.py); a choice (source type, question, date) pushes one UpdateEvidence. It follows the
    changes of the item it shows and nothing else."""

    #: (evidence id) the user changed the item through this editor
    edited = Signal(uuid.UUID)

    def __init__(self, document: InspectionDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._id: uuid.UUID | None = None
        self._loading = False
        self._framework = document.inspection.framework

        self.source_type_combo = QComboBox()
        for source_type in SourceType:
            self.source_type_combo.addItem(source_type_label(source_type), source_type)
        self.title_edit = QLineEdit()
        self.question_combo = QComboBox()
        # Long question texts must not widen the panel: the combo elides and shows the text in its list.
        self.question_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.question_combo.setMinimumContentsLength(14)
        self.question_combo.addItem(self.tr("(No question)"), None)
        for question in self._framework.questions():
            self.question_combo.addItem(question_label(question), question.id)
            self.question_combo.setItemData(
                self.question_combo.count() - 1,
                f"{question.number}. {question.text}",
                Qt.ItemDataRole.ToolTipRole,
            )
        self.diagnostic_combo = QComboBox()
        self.diagnostic_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.diagnostic_combo.setMinimumContentsLength(14)
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat(date_format())
        self.no_date_check = QCheckBox(self.tr("No date"))
        self.collector_edit = QLineEdit()
        self.reference_edit = QLineEdit()
        self.text_edit = QPlainTextEdit()
        # Undo is the document's (QUndoStack): the widget's own would fight it.
        self.text_edit.setUndoRedoEnabled(False)
        self.text_edit.setTabChangesFocus(True)

        names = {
            self.source_type_combo: self.tr("Source type"),
            self.title_edit: self.tr("Title"),
            self.question_combo: self.tr("Question"),
            self.diagnostic_combo: self.tr("Diagnostic"),
            self.date_edit: self.tr("Date"),
            self.no_date_check: self.tr("No date"),
            self.collector_edit: self.tr("Collector"),
            self.reference_edit: self.tr("Reference"),
            self.text_edit: self.tr("Text"),
        }
        text_fields = (self.title_edit, self.collector_edit, self.reference_edit, self.text_edit)
        undo_filter = _UndoThroughDocument(document, self)
        for widget, name in names.items():
            widget.setAccessibleName(name)
            if widget not in text_fields:  # their bindings take the undo keys (undo_keys=True below)
                widget.installEventFilter(undo_filter)
        # The editor paints its own background (the window's colour), so that a keystroke's repaint of a
        # field starts here rather than at the main window and every container above the editor.
        self.setAutoFillBackground(True)

        date_row = QHBoxLayout()
        date_row.addWidget(self.date_edit, 1)
        date_row.addWidget(self.no_date_check)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self._label(self.tr("&Source type:"), self.source_type_combo), self.source_type_combo)
        form.addRow(self._label(self.tr("T&itle:"), self.title_edit), self.title_edit)
        form.addRow(self._label(self.tr("&Question:"), self.question_combo), self.question_combo)
        form.addRow(self._label(self.tr("Dia&gnostic:"), self.diagnostic_combo), self.diagnostic_combo)
        form.addRow(self._label(self.tr("&Date:"), self.date_edit), date_row)
        form.addRow(self._label(self.tr("&Collector:"), self.collector_edit), self.collector_edit)
        form.addRow(self._label(self.tr("&Reference:"), self.reference_edit), self.reference_edit)
        form.addRow(self._label(self.tr("Te&xt:"), self.text_edit), self.text_edit)

        for previous, following in itertools.pairwise(names):
            QWidget.setTabOrder(previous, following)

        self.source_type_combo.activated.connect(self._source_type_chosen)
        self.question_combo.activated.connect(self._question_chosen)
        self.diagnostic_combo.activated.connect(self._diagnostic_chosen)
        self.date_edit.dateChanged.connect(self._date_changed)
        self.no_date_check.clicked.connect(self._no_date_clicked)
        self.bindings: dict[str, FieldBinding] = {}
        for field, edit, label in (
            ("title", self.title_edit, self.tr("evidence title")),
            ("collector", self.collector_edit, self.tr("evidence collector")),
            ("reference", self.reference_edit, self.tr("evidence reference")),
            ("text", self.text_edit, self.tr("evidence text")),
        ):
            binding = bind_text(document, None, field, edit, label, undo_keys=True)
            binding.edited.connect(self._edited_through_binding)
            self.bindings[field] = binding
        self.widgets: dict[str, QWidget] = {
            "source_type": self.source_type_combo,
            "question_id": self.question_combo,
            "diagnostic_id": self.diagnostic_combo,
            "date": self.date_edit,
            **{field: binding.widget for field, binding in self.bindings.items()},
        }
        document.routes.watch_type(EvidenceItem, self._on_set)
        document.routes.watch_list(document.inspection.id, "evidence", self._on_listed)
        self.set_item(None)

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    # -- which item -----------------------------------------------------------------------------------

    @property
    def evidence_id(self) -> uuid.UUID | None:
        return self._id

    def _item(self) -> EvidenceItem | None:
        if self._id is None:
            return None
        item = self._document.record(self._id)
        return item if isinstance(item, EvidenceItem) else None

    def set_item(self, evidence_id: uuid.UUID | None) -> None:
        if evidence_id == self._id and evidence_id is not None:
            return
        self._id = evidence_id
        self._reload()

    def _reload(self) -> None:
        item = self._item()
        if item is None:
            self._id = None
        self.setEnabled(item is not None)
        for binding in self.bindings.values():
            binding.rebind(self._id)
        self._refresh(item, None)

    def reveal(self, field: str, cursor: int = -1) -> None:
        """Focus the field an undo or redo changed (the cursor where the typing began)."""
        binding = self.bindings.get(field)
        if binding is not None:
            binding.reveal(cursor)
        elif field in self.widgets:
            self.widgets[field].setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_title(self) -> None:
        self.title_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.title_edit.selectAll()

    def focus_text(self) -> None:
        self.text_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- document -> widgets (never pushes) -----------------------------------------------------------

    def _on_set(self, change: Change) -> None:
        if change.record_id == self._id and change.field not in self.bindings:  # they follow on their own
            self._refresh(self._item(), {change.field})

    def _on_listed(self, change: Change) -> None:
        if change.kind is ChangeKind.REMOVE and change.record_id == self._id:
            self.set_item(None)

    def _refresh(self, item: EvidenceItem | None, fields: set[str] | None) -> None:
        """Show ``item``'s ``fields`` (all when None), keeping the cursor where the text allows."""

        def wants(field: str) -> bool:
            return fields is None or field in fields

        self._loading = True
        try:
            if wants("source_type"):
                source_type = item.source_type if item else SourceType.OTHER
                self.source_type_combo.setCurrentIndex(self.source_type_combo.findData(source_type))
            if wants("question_id") or wants("diagnostic_id"):
                self._show_question(item)
            if wants("date"):
                self._show_date(item.date if item else None)
        finally:
            self._loading = False

    def _show_question(self, item: EvidenceItem | None) -> None:
        question_id = item.question_id if item else None
        self.question_combo.setCurrentIndex(max(0, self.question_combo.findData(question_id)))
        combo = self.diagnostic_combo
        combo.clear()
        question = self._framework.question(question_id) if question_id else None
        combo.addItem(self.tr("(No diagnostic)"), None)
        for diagnostic in question.diagnostics if question else []:
            combo.addItem(f"{diagnostic.id} {shorten(diagnostic.text, 60)}", diagnostic.id)
            combo.setItemData(combo.count() - 1, diagnostic.text, Qt.ItemDataRole.ToolTipRole)
        combo.setEnabled(combo.count() > 1)
        combo.setCurrentIndex(max(0, combo.findData(item.diagnostic_id if item else None)))

    def _show_date(self, date: dt.date | None) -> None:
        self.no_date_check.setChecked(date is None)
        self.date_edit.setEnabled(date is not None)
        if date is not None:
            self.date_edit.setDate(to_qdate(date))
        else:
            inspection = self._document.inspection
            self.date_edit.setDate(to_qdate(inspection.fieldwork_start or dt.date.today()))

    # -- widgets -> document (one UpdateEvidence per choice; the text fields are bindings) -----------

    def _edited_through_binding(self) -> None:
        if self._id is not None:
            self.edited.emit(self._id)

    def _push(self, field: str, value: object) -> None:
        item = self._item()
        if self._loading or item is None or getattr(item, field) == value:
            return
        self.edited.emit(item.id)
        self._document.push(update_evidence(self._document, item.id, {field: value}))

    def _source_type_chosen(self, index: int) -> None:
        self._push("source_type", self.source_type_combo.itemData(index))

    def _question_chosen(self, index: int) -> None:
        self._push("question_id", self.question_combo.itemData(index))

    def _diagnostic_chosen(self, index: int) -> None:
        self._push("diagnostic_id", self.diagnostic_combo.itemData(index))

    def _date_changed(self, date: QDate) -> None:
        if not self.no_date_check.isChecked() and date.isValid():
            self._push("date", date.toPython())

    def _no_date_clicked(self, checked: bool) -> None:
        self.date_edit.setEnabled(not checked)
        self._push("date", None if checked else self.date_edit.date().toPython())
