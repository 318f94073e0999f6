"""The evidence of one question, compact, on its question page.

:class:`QuestionEvidenceList` shows the items recorded against one question (source type, title, date)
through its own filter proxy over the document's shared evidence model; it sorts its own rows, so sorting
it leaves the evidence log's order alone. "Cite in selected finding" asks the page to cite the selected
items; Enter or a double-click asks to open an item in the evidence log.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from .document import InspectionDocument
from .evidence_filter import EvidenceFilterProxy
from .evidence_format import format_count
from .evidence_model import COLLECTOR, DATE, DIAGNOSTIC, QUESTION, REFERENCE, SOURCE_TYPE, TEXT, TITLE


class QuestionEvidenceList(QWidget):
    """The evidence of one question, compact (source type, title, date), for the question page."""

    #: (evidence id) "Cite in selected finding" for this item
    citeRequested = Signal(uuid.UUID)
    #: (evidence id) the user opened an item (Enter or a double-click)
    evidenceActivated = Signal(uuid.UUID)

    def __init__(self, document: InspectionDocument, question_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.question_id = question_id
        self.model = document.evidence_model()
        # The log sorts the shared model itself (fast for thousands); a question's list sorts its own rows.
        self.proxy = EvidenceFilterProxy(self, sort_in_source=False)
        self.proxy.setSourceModel(self.model)
        self.proxy.set_question_filter(question_id)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(self.tr("Evidence for this question"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSortIndicatorClearable(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        for column in (QUESTION, DIAGNOSTIC, COLLECTOR, REFERENCE, TEXT):
            self.table.setColumnHidden(column, True)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header.setSectionResizeMode(SOURCE_TYPE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(DATE, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setSortingEnabled(True)
        self.table.activated.connect(self._activated)

        self.count_label = QLabel()
        self.count_label.setAccessibleName(self.tr("Number of evidence items"))
        self.cite_button = QPushButton(self.tr("&Cite in selected finding"))
        self.cite_button.setAccessibleName(self.tr("Cite in selected finding"))
        self.cite_button.setToolTip(
            self.tr("Make the finding selected on this page cite the selected evidence")
        )
        self.cite_button.clicked.connect(self._cite)
        self._cite_allowed = True

        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.cite_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

        for signal in (self.proxy.rowsInserted, self.proxy.rowsRemoved):
            signal.connect(self._update)
        self.proxy.modelReset.connect(self._update)
        self.proxy.layoutChanged.connect(self._update)
        self.table.selectionModel().selectionChanged.connect(self._update)
        self._update()

    def set_cite_enabled(self, enabled: bool) -> None:
        """Whether a finding is selected on the question page (the page calls this)."""
        self._cite_allowed = enabled
        self._update()

    def selected_ids(self) -> list[uuid.UUID]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        ids = [self.proxy.evidence_id(self.proxy.index(row, 0)) for row in rows]
        return [evidence_id for evidence_id in ids if evidence_id is not None]

    def _update(self, *_args: object) -> None:
        count = self.proxy.rowCount()
        self.count_label.setText(
            self.tr("1 evidence item")
            if count == 1
            else self.tr("%1 evidence items").replace("%1", format_count(count))
        )
        self.cite_button.setEnabled(self._cite_allowed and self.table.selectionModel().hasSelection())

    def _cite(self) -> None:
        for evidence_id in self.selected_ids():
            self.citeRequested.emit(evidence_id)

    def _activated(self, index: QModelIndex) -> None:
        evidence_id = self.proxy.evidence_id(index)
        if evidence_id is not None:
            self.evidenceActivated.emit(evidence_id)
