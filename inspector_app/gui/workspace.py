"""The workspace of one open inspection: the navigator on the left, the chosen page on the right."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSize, Qt
from PySide6.QtWidgets import (
    QHeaderView,
    QLineEdit,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTreeView,
    QWidget,
)

from ..domain.editing import question_of
from ..domain.inspection import EvidenceItem
from .document import InspectionDocument
from .evidence_log import EvidenceLogPage
from .interaction import Interaction
from .navigator import COLUMN_EVIDENCE, COLUMN_SUMMARY, COLUMN_TITLE, NODE_ROLE, NavigatorModel, NodeKind
from .overview_page import OverviewPage
from .question_page import QuestionPage
from .record_list import find_row, focus_record_row

if TYPE_CHECKING:
    from ..domain.checks import Place


class Workspace(QSplitter):
    def __init__(
        self, document: InspectionDocument, interaction: Interaction, parent: QWidget | None = None
    ) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.document, self.interaction = document, interaction
        self.navigator_model = NavigatorModel(document, self)
        self.navigator = QTreeView(self)
        self.navigator.setModel(self.navigator_model)
        self.navigator.setAccessibleName(self.tr("Navigator"))
        self.navigator.setUniformRowHeights(True)
        self.navigator.setWordWrap(False)
        self.navigator.setAllColumnsShowFocus(True)
        self.navigator.expandAll()
        header = self.navigator.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COLUMN_TITLE, QHeaderView.ResizeMode.Stretch)
        # Fixed widths: a column sized to its contents measures every row again whenever one changes.
        metrics = self.navigator.fontMetrics()
        for column, sample in ((COLUMN_EVIDENCE, "99,999"), (COLUMN_SUMMARY, "✓✓")):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 16)
        # A dock opened beside a wide page must not squeeze the questions' titles down to their badges.
        fixed = header.sectionSize(COLUMN_EVIDENCE) + header.sectionSize(COLUMN_SUMMARY)
        self.navigator.setMinimumWidth(fixed + metrics.horizontalAdvance("1. Preventing") + 40)
        self.navigator.selectionModel().currentChanged.connect(self._on_current_changed)

        self.pages = QStackedWidget(self)
        self.overview = OverviewPage(document, self.pages)
        self.overview.questionActivated.connect(self.show_question)
        self.evidence_log = EvidenceLogPage(document, interaction, self.pages)
        self.pages.addWidget(self.overview)
        self.pages.addWidget(self.evidence_log)
        self.question_pages: dict[str, QuestionPage] = {}

        self.addWidget(self.navigator)
        self.addWidget(self.pages)
        self.setStretchFactor(0, 0)
        self.setStretchFactor(1, 1)
        self.setSizes([330, 1000])
        self.setChildrenCollapsible(False)
        document.revealRequested.connect(self.reveal)
        self.show_overview()

    def sizeHint(self) -> QSize:
        """As small as it may be: the window keeps a dock (the Team panel, the preview) at the width it was
        given and the page takes what is left, rather than the dock shrinking to make room for the
        question page's preferred width."""
        return self.minimumSizeHint()

    # -- navigation ----------------------------------------------------------------------------------

    def _select(self, index: QModelIndex) -> None:
        self.navigator.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        node = current.data(NODE_ROLE)
        if node is None:
            return
        if node.kind in (NodeKind.OVERVIEW, NodeKind.PILLAR):
            self.pages.setCurrentWidget(self.overview)
        elif node.kind is NodeKind.EVIDENCE:
            self.evidence_log.show_question(None)
            self.pages.setCurrentWidget(self.evidence_log)
        elif node.kind is NodeKind.QUESTION:
            self.pages.setCurrentWidget(self.question_page(node.key))
        elif node.kind is NodeKind.DIAGNOSTIC:
            self.evidence_log.show_question(node.question_id, node.key)
            self.pages.setCurrentWidget(self.evidence_log)

    def question_page(self, question_id: str) -> QuestionPage:
        """Question pages are built on first visit (a large inspection opens faster)."""
        if question_id not in self.question_pages:
            page = QuestionPage(self.document, question_id, self.pages)
            page.evidenceActivated.connect(self.show_evidence_item)
            self.question_pages[question_id] = page
            self.pages.addWidget(page)
        return self.question_pages[question_id]

    def show_overview(self) -> None:
        self._select(self.navigator_model.find(NodeKind.OVERVIEW))

    def show_evidence_log(self) -> None:
        self._select(self.navigator_model.find(NodeKind.EVIDENCE))

    def show_question(self, question_id: str) -> None:
        self._select(self.navigator_model.find(NodeKind.QUESTION, question_id))

    def show_evidence_item(self, evidence_id: uuid.UUID) -> None:
        """Open the evidence log on one item (from a question page's evidence list)."""
        self.show_evidence_log()
        self.evidence_log.select([evidence_id])

    def go_to(self, place: Place) -> None:
        """Show where a check's finding is, with the cursor in the field to fix."""
        if place.field == "evidence" and place.record_id is not None:
            self.show_evidence_item(place.record_id)
            return
        if place.question_id is None:
            self.show_overview()
            body = self.overview.widget()
            if place.record_id is not None and body is not None:
                focus_record_row(body, self.overview, place.record_id)
                _select_word(body, self.overview, place)
            return
        self.show_question(place.question_id)
        page = self.question_page(place.question_id)
        scroll = page.scroll_area
        if place.field == "grade":
            scroll.ensureWidgetVisible(page.grade)
            page.grade.setFocus()
        elif place.record_id is not None:
            body = scroll.widget()
            if body is not None:
                focus_record_row(body, scroll, place.record_id)
                _select_word(body, scroll, place)

    def reveal(self, record_id: uuid.UUID, field: str, cursor: int) -> None:
        """Show what an undo or redo just changed: its page, its row, its field, the cursor in it."""
        inspection = self.document.inspection
        record = self.document.record(record_id)
        if record is None:
            return
        if isinstance(record, EvidenceItem):
            self.show_evidence_item(record_id)
            self.evidence_log.editor.reveal(field, cursor)
            return
        if record is inspection and field == "evidence":
            self.show_evidence_log()
            return
        if record is inspection and field == "spelling_ignored":
            return  # no page shows the ignored words: stay where the word was ignored
        question = question_of(inspection, record_id)
        if question is None:
            self.show_overview()
            body = self.overview.widget()
            if body is not None and record is not inspection:
                focus_record_row(body, self.overview, record_id, field, cursor)
            return
        self.show_question(question.question_id)
        page = self.question_page(question.question_id)
        if record is question:
            if field in ("grade", "last_year_grade"):
                picker = page.grade if field == "grade" else page.last_year
                page.scroll_area.ensureWidgetVisible(picker)
                picker.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        body = page.scroll_area.widget()
        if body is not None:
            focus_record_row(body, page.scroll_area, record_id, field, cursor)

    def current_page(self) -> QWidget:
        page = self.pages.currentWidget()
        assert page is not None  # the stack always holds the overview and the evidence log
        return page


def _select_word(body: QWidget, scroll: QScrollArea, place: Place) -> None:
    """Select a finding's word (a misspelling) in the editor of its row that holds it: the field the place
    names first ("causes_of_concern.lead_in" → the lead-in), then the row's other fields in order."""
    if not place.word or place.record_id is None:
        return
    from ..domain.checks import spelling  # loaded with the checks panel, which made the place

    row = find_row(body, place.record_id)
    if row is None:
        return
    named = place.field.rpartition(".")[2]
    for binding in sorted(row.bindings, key=lambda b: b.field != named):
        widget = binding.widget
        text = widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()
        span = next((s for s in spelling.word_spans(text) if s[2] == place.word), None)
        if span is not None:
            binding.reveal(span[1], anchor=span[0])
            scroll.ensureWidgetVisible(widget)
            return
