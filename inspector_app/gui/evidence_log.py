"""The evidence log page of the workspace: every evidence item, filtered, sorted and edited.

:class:`EvidenceLogPage` is a filter bar (words, question, diagnostic, source types) over a sortable table
of the document's shared evidence model (:mod:`.evidence_model`, filtered by :mod:`.evidence_filter`),
with the editor of the current item beside it (:mod:`.evidence_editor`) and the actions add, duplicate,
delete and move to question. Every change goes through the document's undo stack: the editor pushes
typing and ``UpdateEvidence`` commands, the actions push ``AddEvidence`` / ``DeleteEvidence`` /
``UpdateEvidence`` (several items in one macro), and the widgets only ever *follow* the change records the
document routes to them — so an undo or redo refreshes them the same way an edit does. Every question to
the user goes through the :class:`~.interaction.Interaction` the page was given.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import (
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.inspection import EvidenceItem, SourceType
from .authorship import AuthorLabel
from .commands import AddEvidence, DeleteEvidence, update_evidence
from .document import InspectionDocument
from .evidence_editor import EvidenceEditor
from .evidence_filter import NONE, EvidenceFilterProxy
from .evidence_format import format_count, question_label, shorten, source_type_label
from .evidence_model import (
    COLLECTOR,
    COLUMN_COUNT,
    DATE,
    DIAGNOSTIC,
    QUESTION,
    REFERENCE,
    SOURCE_TYPE,
    TEXT,
    TITLE,
)
from .interaction import Interaction

# Moved to question_evidence.py; still importable from here for question_page.py and the random-walk test
# support (tests/support/walk.py), which others are changing now. Drop this once they import it from there.
from .question_evidence import QuestionEvidenceList as QuestionEvidenceList

_ANY = "*"  # combo data for "All questions" / "All diagnostics" (None: no question); never a slug
_COLUMN_WIDTHS = {
    SOURCE_TYPE: 140,
    TITLE: 280,
    QUESTION: 220,
    DIAGNOSTIC: 80,
    DATE: 90,
    COLLECTOR: 140,
    REFERENCE: 110,
}


class _NoInlineEditor(QStyledItemDelegate):
    """For the Text column: long text is edited in the editor panel, not squeezed into a table cell."""

    def createEditor(  # type: ignore[override]  # PySide6 stubs: Qt allows no editor (None), not only a QWidget
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget | None:
        return None


class EvidenceLogPage(QWidget):
    """Every evidence item: filter bar, sortable table, editor for the current item, and the actions."""

    #: (evidence id) the user opened an item (Enter or a double-click in the table)
    evidenceActivated = Signal(uuid.UUID)

    def __init__(
        self, document: InspectionDocument, interaction: Interaction, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.interaction = interaction
        self._framework = document.inspection.framework
        self.model = document.evidence_model()
        self.proxy = EvidenceFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self._build_filter_bar()
        self._build_table()
        self.editor = EvidenceEditor(document)
        self.editor.edited.connect(self.proxy.pin)
        self._build_actions()

        table_side = QWidget()
        table_layout = QVBoxLayout(table_side)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(self.toolbar)
        table_layout.addWidget(self.table)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(table_side)
        #: Who wrote and last changed the item shown, under the editor (a team's file only).
        self.author_line: AuthorLabel | None = None
        if document.authors is not None:
            editor_side = QWidget()
            editor_layout = QVBoxLayout(editor_side)
            editor_layout.setContentsMargins(0, 0, 0, 0)
            editor_layout.addWidget(self.editor, 1)
            self.author_line = AuthorLabel(document.authors, None, editor_side)
            editor_layout.addWidget(self.author_line)
            splitter.addWidget(editor_side)
        else:
            splitter.addWidget(self.editor)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([640, 360])

        layout = QVBoxLayout(self)
        layout.addLayout(self._filter_bar)
        layout.addWidget(splitter, 1)

        QWidget.setTabOrder(self.filter_edit, self.question_filter)
        QWidget.setTabOrder(self.question_filter, self.diagnostic_filter)
        QWidget.setTabOrder(self.diagnostic_filter, self.source_type_button)
        QWidget.setTabOrder(self.source_type_button, self.table)
        QWidget.setTabOrder(self.table, self.editor.source_type_combo)

        for signal in (self.proxy.rowsInserted, self.proxy.rowsRemoved):
            signal.connect(self._update_count)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        self._update_count()
        self._update_actions()
        if self.proxy.rowCount():
            self.table.selectRow(0)  # the editor shows something from the start

    # -- building -------------------------------------------------------------------------------------

    def _build_filter_bar(self) -> None:
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Filter evidence… (Ctrl+F)"))
        self.filter_edit.setClearButtonEnabled(True)
        for button in self.filter_edit.findChildren(QToolButton):  # the icon-only clear button
            button.setAccessibleName(self.tr("Clear filter"))
            button.setToolTip(self.tr("Clear filter"))
        self.filter_edit.setAccessibleName(self.tr("Filter evidence"))
        self.filter_edit.setToolTip(
            self.tr("Show the items whose title, text, reference or collector contain every word")
        )
        self.filter_edit.textChanged.connect(self.proxy.set_text_filter)
        # On a small screen (1024 px) the long combos took the room and left the box "Fi…".
        self.filter_edit.setMinimumWidth(
            self.fontMetrics().horizontalAdvance("Filter evidence… (Ctrl+F)") + 40
        )

        self.question_filter = QComboBox()
        self.question_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.question_filter.setMinimumContentsLength(8)
        self.question_filter.setAccessibleName(self.tr("Question filter"))
        self.question_filter.addItem(self.tr("All questions"), _ANY)
        for question in self._framework.questions():
            self.question_filter.addItem(question_label(question), question.id)
            self.question_filter.setItemData(
                self.question_filter.count() - 1,
                f"{question.number}. {question.text}",
                Qt.ItemDataRole.ToolTipRole,
            )
        self.question_filter.addItem(self.tr("(No question)"), None)
        self.question_filter.currentIndexChanged.connect(self._question_filter_changed)

        self.diagnostic_filter = QComboBox()
        self.diagnostic_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.diagnostic_filter.setMinimumContentsLength(4)
        self.diagnostic_filter.setAccessibleName(self.tr("Diagnostic filter"))
        self.diagnostic_filter.currentIndexChanged.connect(self._diagnostic_filter_changed)

        self.source_type_button = QToolButton()
        self.source_type_button.setAccessibleName(self.tr("Source type filter"))
        self.source_type_button.setToolTip(self.tr("Show only some source types"))
        self.source_type_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.source_type_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        menu = QMenu(self.source_type_button)
        self.source_type_actions: dict[SourceType, QAction] = {}
        for source_type in SourceType:
            action = menu.addAction(source_type_label(source_type))
            action.setCheckable(True)
            action.setChecked(True)
            action.toggled.connect(self._source_types_changed)
            self.source_type_actions[source_type] = action
        menu.addSeparator()
        menu.addAction(self.tr("Show all source types"), self._show_all_source_types)
        self.source_type_button.setMenu(menu)

        self.count_label = QLabel()
        self.count_label.setAccessibleName(self.tr("Items shown"))

        bar = QHBoxLayout()
        bar.addWidget(self.filter_edit, 3)
        bar.addWidget(self.question_filter, 2)
        bar.addWidget(self.diagnostic_filter, 1)
        bar.addWidget(self.source_type_button)
        bar.addWidget(self.count_label)
        self._filter_bar = bar
        self._fill_diagnostic_filter()
        self._update_source_type_button()

    def _build_table(self) -> None:
        table = QTableView()
        table.setModel(self.proxy)
        table.setAccessibleName(self.tr("Evidence"))
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setTabKeyNavigation(False)
        table.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed | QAbstractItemView.EditTrigger.DoubleClicked
        )
        table.setItemDelegateForColumn(TEXT, _NoInlineEditor(table))
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
        header = table.horizontalHeader()
        header.setSortIndicatorClearable(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in _COLUMN_WIDTHS.items():
            table.setColumnWidth(column, width)
        table.setSortingEnabled(True)
        table.activated.connect(self._activated)
        self.table = table

    def _action(
        self,
        text: str,
        shortcut: QKeySequence,
        tip: str,
        slot: Callable[[], object],
        context: Qt.ShortcutContext = Qt.ShortcutContext.WidgetWithChildrenShortcut,
    ) -> QAction:
        action = QAction(text, self)
        action.setShortcut(shortcut)
        action.setShortcutContext(context)
        action.setToolTip(f"{tip} ({shortcut.toString(QKeySequence.SequenceFormat.NativeText)})")
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.add_action = self._action(
            self.tr("&Add evidence"),
            QKeySequence(Qt.Key.Key_Insert),
            self.tr("Add an evidence item after the current one"),
            self.add_evidence,
        )
        self.duplicate_action = self._action(
            self.tr("D&uplicate"),
            QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_D),
            self.tr("Add a copy of the selected evidence"),
            self.duplicate_selected,
        )
        # Delete only from the table: in the editor the key deletes text.
        self.delete_action = self._action(
            self.tr("&Delete"),
            QKeySequence(QKeySequence.StandardKey.Delete),
            self.tr("Delete the selected evidence and its citations"),
            self.delete_selected,
            Qt.ShortcutContext.WidgetShortcut,
        )
        self.table.addAction(self.delete_action)
        self.move_action = self._action(
            self.tr("&Move to question…"),
            QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_M),
            self.tr("Record the selected evidence against another question"),
            self.move_selected,
        )
        self.focus_filter_action = self._action(
            self.tr("&Filter evidence"),
            QKeySequence(QKeySequence.StandardKey.Find),
            self.tr("Type words to find evidence"),
            self.focus_filter,
        )
        self.toolbar = QToolBar(self.tr("Evidence actions"))
        self.toolbar.setAccessibleName(self.tr("Evidence actions"))
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (self.add_action, self.duplicate_action, self.delete_action, self.move_action):
            self.toolbar.addAction(action)
            button = self.toolbar.widgetForAction(action)
            if button is not None:
                button.setAccessibleName(action.text().replace("&", ""))
                button.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    # -- filter ---------------------------------------------------------------------------------------

    def show_question(self, question_id: str | None, diagnostic_id: str | None = None) -> None:
        """Filter to one question's evidence, or one of its diagnostics (None: all questions).

        Coming here from the navigator is a new look at the evidence: a word left in the filter box from
        before would hide what was asked for ("0 of 25 items"), so it goes.
        """
        self.filter_edit.clear()
        index = 0 if question_id is None else self.question_filter.findData(question_id)
        if index >= 0:
            self.question_filter.setCurrentIndex(index)
        if diagnostic_id is not None:
            diagnostic = self.diagnostic_filter.findData(diagnostic_id)
            if diagnostic >= 0:
                self.diagnostic_filter.setCurrentIndex(diagnostic)

    def focus_filter(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    def _question_filter_value(self) -> object:
        return self.question_filter.currentData()

    def _question_filter_changed(self, _index: int) -> None:
        self._fill_diagnostic_filter()
        self._apply_question_filter()

    def _diagnostic_filter_changed(self, _index: int) -> None:
        self._apply_question_filter()

    def _apply_question_filter(self) -> None:
        question = self._question_filter_value()
        diagnostic = self.diagnostic_filter.currentData()
        self.proxy.set_question_filter(
            None if question is _ANY else (question if isinstance(question, str) else NONE),
            None if diagnostic is _ANY or diagnostic is None else diagnostic,
        )

    def _fill_diagnostic_filter(self) -> None:
        combo = self.diagnostic_filter
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("All diagnostics"), _ANY)
        question_id = self._question_filter_value()
        question = self._framework.question(question_id) if isinstance(question_id, str) else None
        if question is not None and question.diagnostics:
            combo.addItem(self.tr("(General: no diagnostic)"), NONE)
            for diagnostic in question.diagnostics:
                combo.addItem(f"{diagnostic.id} {shorten(diagnostic.text, 50)}", diagnostic.id)
                combo.setItemData(combo.count() - 1, diagnostic.text, Qt.ItemDataRole.ToolTipRole)
        combo.setEnabled(combo.count() > 1)
        combo.blockSignals(False)

    def _source_types_changed(self) -> None:
        chosen = {
            source_type for source_type, action in self.source_type_actions.items() if action.isChecked()
        }
        self.proxy.set_source_type_filter(chosen)
        self._update_source_type_button()

    def _show_all_source_types(self) -> None:
        for action in self.source_type_actions.values():
            action.blockSignals(True)
            action.setChecked(True)
            action.blockSignals(False)
        self._source_types_changed()

    def set_source_type_filter(self, source_types: set[SourceType] | None) -> None:
        for source_type, action in self.source_type_actions.items():
            action.blockSignals(True)
            action.setChecked(source_types is None or source_type in source_types)
            action.blockSignals(False)
        self._source_types_changed()

    def _update_source_type_button(self) -> None:
        chosen = [t for t, action in self.source_type_actions.items() if action.isChecked()]
        if len(chosen) == len(self.source_type_actions):
            text = self.tr("All source types")
        elif len(chosen) == 1:
            text = source_type_label(chosen[0])
        else:
            text = self.tr("%1 source types").replace("%1", str(len(chosen)))
        self.source_type_button.setText(text)

    def _update_count(self, *_args: object) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        template = self.tr("%1 of %2 item") if total == 1 else self.tr("%1 of %2 items")
        self.count_label.setText(
            template.replace("%1", format_count(shown)).replace("%2", format_count(total))
        )

    # -- selection ------------------------------------------------------------------------------------

    def current_id(self) -> uuid.UUID | None:
        return self.proxy.evidence_id(self.table.currentIndex())

    def selected_ids(self) -> list[uuid.UUID]:
        """The selected items in table order (the current one when nothing is selected)."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        ids = [self.proxy.evidence_id(self.proxy.index(row, 0)) for row in rows]
        chosen = [evidence_id for evidence_id in ids if evidence_id is not None]
        if not chosen and (current := self.current_id()) is not None:
            chosen = [current]
        return chosen

    def select(self, evidence_ids: list[uuid.UUID]) -> None:
        """Select these items (the first becomes current) and scroll to it."""
        selection = QItemSelection()
        first = QModelIndex()
        for evidence_id in evidence_ids:
            index = self.proxy.index_of(evidence_id)
            if index.isValid():
                first = first if first.isValid() else index
                selection.select(index, index.siblingAtColumn(COLUMN_COUNT - 1))
        if not first.isValid():
            return
        selection_model = self.table.selectionModel()
        selection_model.setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)
        selection_model.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.table.scrollTo(first)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.editor.set_item(self.proxy.evidence_id(current))
        if self.author_line is not None:
            self.author_line.show_record(self.editor.evidence_id)
        self._update_actions()

    def _update_actions(self, *_args: object) -> None:
        has = self.current_id() is not None or self.table.selectionModel().hasSelection()
        for action in (self.duplicate_action, self.delete_action, self.move_action):
            action.setEnabled(has)

    def _activated(self, index: QModelIndex) -> None:
        evidence_id = self.proxy.evidence_id(index)
        if evidence_id is None:
            return
        if index.column() == TEXT:
            self.editor.focus_text()
        else:
            self.editor.focus_title()
        self.evidenceActivated.emit(evidence_id)

    # -- actions --------------------------------------------------------------------------------------

    def _document_index_after_current(self) -> int | None:
        current = self.proxy.mapToSource(self.table.currentIndex())
        return self.model.document_row(current.row()) + 1 if current.isValid() else None

    def add_evidence(self) -> uuid.UUID:
        """Add an empty item after the current one, in the question/diagnostic filtered on; select it."""
        question = self.proxy.question_filter or None
        diagnostic = self.proxy.diagnostic_filter or None if question else None
        types = self.proxy.source_type_filter
        item = EvidenceItem(
            question_id=question,
            diagnostic_id=diagnostic,
            source_type=next(iter(types)) if types is not None and len(types) == 1 else SourceType.OTHER,
        )
        self.proxy.pin(item.id)
        self.document.push(AddEvidence(self.document, item, self._document_index_after_current()))
        self.select([item.id])
        self.editor.set_item(item.id)
        if self.author_line is not None:
            self.author_line.show_record(item.id)  # a new item: nobody's yet, until the next sync
        self.editor.focus_title()
        return item.id

    def duplicate_selected(self) -> list[uuid.UUID]:
        """Copies (same content, new ids) right after each selected item; selects the copies."""
        copies = []
        evidence = self.document.inspection.evidence
        ids = self.selected_ids()
        if not ids:
            return []
        with _Macro(self.document, self.tr("Duplicate evidence"), len(ids) > 1):
            for evidence_id in ids:
                position = next(n for n, item in enumerate(evidence) if item.id == evidence_id)
                copy = evidence[position].model_copy(update={"id": uuid.uuid4()}, deep=True)
                self.proxy.pin(copy.id)
                self.document.push(
                    AddEvidence(self.document, copy, position + 1, self.tr("Duplicate evidence"))
                )
                copies.append(copy.id)
        self.select(copies)
        return copies

    def delete_selected(self) -> bool:
        """Delete the selected items (asking first when there are several); one undo step."""
        ids = self.selected_ids()
        if not ids:
            return False
        if len(ids) > 1 and not self.interaction.confirm(
            self,
            self.tr("Delete evidence"),
            self.tr("Delete %1 evidence items? Findings that cite them will no longer cite them.").replace(
                "%1", format_count(len(ids))
            ),
        ):
            return False
        selected_rows = [index.row() for index in self.table.selectionModel().selectedRows()]
        row = min(selected_rows) if selected_rows else self.table.currentIndex().row()
        with _Macro(
            self.document,
            self.tr("Delete %1 evidence items").replace("%1", format_count(len(ids))),
            len(ids) > 1,
        ):
            for evidence_id in ids:
                self.document.push(DeleteEvidence(self.document, evidence_id))
        if self.proxy.rowCount():
            following = self.proxy.index(min(row, self.proxy.rowCount() - 1), 0)
            self.select([evid] if (evid := self.proxy.evidence_id(following)) else [])
        return True

    def move_selected(self) -> bool:
        """Ask for a question and record the selected items against it; one undo step."""
        ids = self.selected_ids()
        if not ids:
            return False
        questions = self._framework.questions()
        answer = self.interaction.choose(
            self,
            self.tr("Move to question"),
            self.tr("Record the selected evidence against which question?"),
            [question_label(question, 80) for question in questions],
        )
        if answer is None:
            return False
        question_id = questions[answer].id
        inspection = self.document.inspection
        moving = [
            evidence_id
            for evidence_id in ids
            if inspection.evidence_item(evidence_id).question_id != question_id
        ]
        with _Macro(
            self.document,
            self.tr("Move evidence to question %1").replace("%1", questions[answer].number),
            len(moving) > 1,
        ):
            for evidence_id in moving:
                self.document.push(
                    update_evidence(
                        self.document,
                        evidence_id,
                        {"question_id": question_id},
                        self.tr("Move evidence to another question"),
                    )
                )
        return bool(moving)


class _Macro:
    """``with _Macro(document, text, several):`` groups the pushes into one undo step when ``several``."""

    def __init__(self, document: InspectionDocument, text: str, several: bool) -> None:
        self.stack, self.text, self.several = document.undo_stack, text, several

    def __enter__(self) -> None:
        if self.several:
            self.stack.beginMacro(self.text)

    def __exit__(self, *_exc: object) -> None:
        if self.several:
            self.stack.endMacro()
