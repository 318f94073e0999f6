"""The navigator: overview, evidence log, pillar → questions → diagnostics, each question with its grade
as a coloured badge (the label in its tooltip), its evidence count and a tick when its summary is written.

A read-only tree model adapting the inspection. It follows the change records that can alter what it shows
(grades, the evidence list and each item's question and diagnostic, the summaries) and repaints a row only
when its badge, count or tick actually changed: a keystroke in a paragraph costs it nothing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from ..domain.changes import Change, ChangeKind
from ..domain.editing import owner_of
from ..domain.inspection import EvidenceItem, PillarAssessment, QuestionAssessment, SummaryItem
from .document import InspectionDocument
from .grades import grade_colour, swatch


class NodeKind(Enum):
    OVERVIEW = "overview"
    EVIDENCE = "evidence"
    PILLAR = "pillar"
    QUESTION = "question"
    DIAGNOSTIC = "diagnostic"


@dataclass(frozen=True)
class Node:
    kind: NodeKind
    key: str = ""  # pillar, question or diagnostic id
    question_id: str = ""


NODE_ROLE = Qt.ItemDataRole.UserRole + 1

COLUMN_TITLE, COLUMN_EVIDENCE, COLUMN_SUMMARY = range(3)


class NavigatorModel(QAbstractItemModel):
    """Top level: Overview, Evidence log, then one node per pillar; pillars hold questions, questions hold
    their diagnostics. Internal ids index a flat node table (no Python objects in internalPointer)."""

    def __init__(self, document: InspectionDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self._nodes: list[Node] = []
        self._children: dict[int, list[int]] = {}  # node index (-1 for the root) -> child node indexes
        self._parent: dict[int, int] = {}
        self._counts: Counter[tuple[str | None, str | None]] | None = None
        #: node index → what its row shows that can change (grade, count, tick), as last announced
        self._shown: dict[int, tuple[object, ...]] = {}
        self._question_nodes: dict[str, int] = {}
        self._pillar_nodes: dict[str, int] = {}
        self._diagnostic_nodes: dict[tuple[str, str], int] = {}
        self._build()
        for number in range(len(self._nodes)):
            self._shown[number] = self._state(number)
        inspection = document.inspection
        routes = document.routes
        routes.watch_type(QuestionAssessment, self._assessment_changed)
        routes.watch_type(PillarAssessment, self._pillar_changed)
        routes.watch_list(inspection.id, "evidence", self._evidence_listed)
        routes.watch_type(EvidenceItem, self._evidence_changed)
        routes.watch_type(SummaryItem, self._summary_changed)
        self._assessment_ids = {assessment.id: assessment.question_id for assessment in inspection.questions}
        for assessment in inspection.questions:
            routes.watch_list(assessment.id, "summary", self._summary_listed)

    def _add(self, node: Node, parent: int) -> int:
        self._nodes.append(node)
        index = len(self._nodes) - 1
        self._children.setdefault(parent, []).append(index)
        self._children.setdefault(index, [])
        self._parent[index] = parent
        return index

    def _build(self) -> None:
        framework = self.document.inspection.framework
        self._add(Node(NodeKind.OVERVIEW), -1)
        self._evidence_node = self._add(Node(NodeKind.EVIDENCE), -1)
        for pillar in framework.pillars:
            pillar_node = self._add(Node(NodeKind.PILLAR, pillar.id), -1)
            self._pillar_nodes[pillar.id] = pillar_node
            for question in pillar.questions:
                question_node = self._add(Node(NodeKind.QUESTION, question.id, question.id), pillar_node)
                self._question_nodes[question.id] = question_node
                for diagnostic in question.diagnostics:
                    node = self._add(Node(NodeKind.DIAGNOSTIC, diagnostic.id, question.id), question_node)
                    self._diagnostic_nodes[(question.id, diagnostic.id)] = node

    # -- structure -----------------------------------------------------------------------------------

    def index(
        self, row: int, column: int, parent: QModelIndex | QPersistentModelIndex = QModelIndex()
    ) -> QModelIndex:
        parent_node = parent.internalId() if parent.isValid() else -1
        children = self._children.get(parent_node, [])
        if not (0 <= row < len(children) and 0 <= column < self.columnCount()):
            return QModelIndex()
        return self.createIndex(row, column, children[row])

    def parent(self, child: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not child.isValid():
            return QModelIndex()
        parent_node = self._parent[child.internalId()]
        if parent_node == -1:
            return QModelIndex()
        grandparent = self._parent[parent_node]
        return self.createIndex(self._children[grandparent].index(parent_node), 0, parent_node)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._children.get(parent.internalId() if parent.isValid() else -1, []))

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 3

    def node(self, index: QModelIndex) -> Node | None:
        return self._nodes[index.internalId()] if index.isValid() else None

    def find(self, kind: NodeKind, key: str = "") -> QModelIndex:
        if kind is NodeKind.QUESTION and key in self._question_nodes:
            return self._index_of(self._question_nodes[key])
        for number, node in enumerate(self._nodes):
            if node.kind is kind and (not key or node.key == key):
                return self._index_of(number)
        return QModelIndex()

    def _index_of(self, number: int, column: int = 0) -> QModelIndex:
        parent = self._parent[number]
        return self.createIndex(self._children[parent].index(number), column, number)

    # -- data ----------------------------------------------------------------------------------------

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return [self.tr("Question"), self.tr("Items"), "✓"][section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return [
                self.tr("The badge shows the grade"),
                self.tr("Number of evidence items"),
                self.tr("✓ when the summary is written"),
            ][section]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if not index.isValid():
            return None
        node = self._nodes[index.internalId()]
        if role == NODE_ROLE:
            return node
        inspection = self.document.inspection
        framework = inspection.framework
        column = index.column()
        if node.kind is NodeKind.OVERVIEW:
            return self.tr("Overview") if role == Qt.ItemDataRole.DisplayRole and column == 0 else None
        if node.kind is NodeKind.EVIDENCE:
            if role == Qt.ItemDataRole.DisplayRole:
                if column == 0:
                    return self.tr("Evidence log")
                if column == COLUMN_EVIDENCE:
                    return str(len(inspection.evidence))
            return None
        if node.kind is NodeKind.PILLAR:
            pillar = framework.pillar(node.key)
            grade = inspection.pillar(node.key).grade
            if pillar is None:
                return None
            if column == 0:
                if role == Qt.ItemDataRole.DisplayRole:
                    return pillar.title
                if role == Qt.ItemDataRole.ToolTipRole:
                    graded = (
                        self.tr("Overall grade: %1").replace("%1", framework.scale.label(grade))
                        if pillar.graded
                        else ""
                    )
                    return "\n".join(filter(None, [pillar.question, graded]))
                if role == Qt.ItemDataRole.DecorationRole and pillar.graded:
                    return swatch(grade_colour(framework.scale, grade))
            return None
        if node.kind is NodeKind.QUESTION:
            core = framework.core(node.key)
            assessment = inspection.question(node.key)
            grade_label = framework.scale.label(assessment.grade)
            if column == 0:
                if role == Qt.ItemDataRole.DisplayRole:
                    return f"{core.number}. {core.short_label}"
                if role == Qt.ItemDataRole.ToolTipRole:
                    return f"{core.text}\n{self.tr('Grade')}: {grade_label}"
                if role == Qt.ItemDataRole.AccessibleDescriptionRole:
                    return grade_label
                if role == Qt.ItemDataRole.DecorationRole:
                    return swatch(grade_colour(framework.scale, assessment.grade))
            if column == COLUMN_EVIDENCE and role == Qt.ItemDataRole.DisplayRole:
                return str(self._count(node.key))
            if column == COLUMN_SUMMARY:
                written = any(item.text.strip() for item in assessment.summary)
                if role == Qt.ItemDataRole.DisplayRole:
                    return "✓" if written else ""
                if role == Qt.ItemDataRole.ToolTipRole:
                    return self.tr("The summary is written") if written else self.tr("No summary yet")
            return None
        # diagnostic
        diagnostic = framework.core(node.question_id).diagnostic(node.key)
        if diagnostic is None:
            return None
        if column == 0 and role == Qt.ItemDataRole.DisplayRole:
            return f"{diagnostic.id} {diagnostic.text}"
        if column == 0 and role == Qt.ItemDataRole.ToolTipRole:
            return diagnostic.text
        if column == COLUMN_EVIDENCE and role == Qt.ItemDataRole.DisplayRole:
            return str(self._count(node.question_id, node.key))
        return None

    def _count(self, question_id: str, diagnostic_id: str | None = None) -> int:
        """Evidence items of a question (or of one of its diagnostics), counted once per change."""
        if self._counts is None:
            self._counts = Counter()
            for item in self.document.inspection.evidence:
                self._counts[(item.question_id, None)] += 1
                if item.diagnostic_id is not None:
                    self._counts[(item.question_id, item.diagnostic_id)] += 1
        return self._counts[(question_id, diagnostic_id)]

    # -- change notification -------------------------------------------------------------------------

    def _state(self, number: int) -> tuple[object, ...]:
        """What a row shows that edits can change."""
        node = self._nodes[number]
        inspection = self.document.inspection
        if node.kind is NodeKind.EVIDENCE:
            return (len(inspection.evidence),)
        if node.kind is NodeKind.PILLAR:
            return (inspection.pillar(node.key).grade,)
        if node.kind is NodeKind.QUESTION:
            assessment = inspection.question(node.key)
            written = any(item.text.strip() for item in assessment.summary)
            return assessment.grade, self._count(node.key), written
        if node.kind is NodeKind.DIAGNOSTIC:
            return (self._count(node.question_id, node.key),)
        return ()

    def _update(self, number: int | None) -> None:
        """Repaint one row if what it shows changed."""
        if number is None:
            return
        state = self._state(number)
        if state != self._shown.get(number):
            self._shown[number] = state
            self.dataChanged.emit(self._index_of(number), self._index_of(number, self.columnCount() - 1))

    def _update_counts(self, question_ids: set[str | None]) -> None:
        self._counts = None
        self._update(self._evidence_node)
        for question_id in question_ids:
            if question_id is None:
                continue
            self._update(self._question_nodes.get(question_id))
            for (owner, _diagnostic), number in self._diagnostic_nodes.items():
                if owner == question_id:
                    self._update(number)

    def _assessment_changed(self, change: Change) -> None:
        if change.field == "grade":
            self._update(self._question_nodes.get(self._assessment_ids.get(change.record_id, "")))

    def _pillar_changed(self, change: Change) -> None:
        if change.field == "grade":
            for pillar in self.document.inspection.pillars:
                if pillar.id == change.record_id:
                    self._update(self._pillar_nodes.get(pillar.pillar_id))

    def _evidence_listed(self, change: Change) -> None:
        item = change.old if change.kind is ChangeKind.REMOVE else self.document.record(change.record_id)
        self._update_counts({item.question_id} if isinstance(item, EvidenceItem) else {None})

    def _evidence_changed(self, change: Change) -> None:
        if change.field in ("question_id", "diagnostic_id"):
            item = self.document.record(change.record_id)
            now = item.question_id if isinstance(item, EvidenceItem) else None
            before = change.old if change.field == "question_id" else now
            self._update_counts({now, before})

    def _summary_listed(self, change: Change) -> None:
        self._update(
            self._question_nodes.get(self._assessment_ids.get(change.owner_id or change.record_id, ""))
        )

    def _summary_changed(self, change: Change) -> None:
        if change.field == "text":
            owner = owner_of(self.document.inspection, change.record_id)
            if owner is not None:
                self._update(self._question_nodes.get(self._assessment_ids.get(owner.id, "")))
