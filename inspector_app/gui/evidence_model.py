"""The evidence log as a Qt table model: one row per item of ``inspection.evidence``, named columns and roles.

:class:`EvidenceTableModel` adapts the document's evidence list to ``QAbstractTableModel``; the document
holds one (``document.evidence_model()``) that every view shares. It never changes the inspection itself:
it follows the change records of the evidence list and of evidence items (whoever made them: an edit, an
undo or a redo) with precise ``beginInsertRows``/``beginRemoveRows``/``dataChanged`` calls, and ``setData``
pushes an ``UpdateEvidence`` command on the document's undo stack.

Speed with 10,000 items: Python comparisons inside a proxy are far too slow for a sort (hundreds of thousands
of ``lessThan`` calls), so the evidence log sorts the *source* model. It keeps a permutation of the document's
rows, sorts it with one Python key sort and announces it with ``layoutAboutToBeChanged``/``layoutChanged``;
the log's proxy (:mod:`.evidence_filter`) forwards ``sort`` to it. For that proxy's filter the model caches
lowercase "haystacks" of the searched text (dropped when an item changes) and keeps a short log of the rows
each change touched (:meth:`~EvidenceTableModel.changes_since`), so the proxy patches its state row by row.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from ..domain.changes import Change, ChangeKind
from ..domain.inspection import EvidenceItem, SourceType
from .commands import update_evidence
from .document import InspectionDocument
from .evidence_format import format_date, question_label, shorten, source_type_label, to_qdate

Index = QModelIndex | QPersistentModelIndex

# -- columns and roles --------------------------------------------------------------------------------

SOURCE_TYPE = 0
TITLE = 1
QUESTION = 2
DIAGNOSTIC = 3
DATE = 4
COLLECTOR = 5
REFERENCE = 6
TEXT = 7
COLUMN_COUNT = 8

#: The evidence field shown in each column.
COLUMN_FIELDS = {
    SOURCE_TYPE: "source_type",
    TITLE: "title",
    QUESTION: "question_id",
    DIAGNOSTIC: "diagnostic_id",
    DATE: "date",
    COLLECTOR: "collector",
    REFERENCE: "reference",
    TEXT: "text",
}
FIELD_COLUMNS = {field: column for column, field in COLUMN_FIELDS.items()}
#: Columns edited in place as plain text (the others have their own editors in the evidence log).
TEXT_COLUMNS = frozenset({TITLE, COLLECTOR, REFERENCE, TEXT})
#: Fields the free-text filter searches.
SEARCHED_FIELDS = frozenset({"title", "text", "reference", "collector"})

#: The sort key of an item for one column: a tuple of ints and strings, compared element by element.
SortKey = tuple[int | str, ...]

#: A comparable key (tuple) for the column; what the model's own sort uses.
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
#: The item's ``uuid.UUID``.
ID_ROLE = Qt.ItemDataRole.UserRole + 2

_SHORT_TEXT = 120
_LONG_TOOLTIP = 1500
_LOG_LIMIT = 256


def tr(text: str) -> str:
    return QCoreApplication.translate("EvidenceTableModel", text)


class EvidenceTableModel(QAbstractTableModel):
    """One row per evidence item, in document order until sorted (column -1 restores document order)."""

    def __init__(self, document: InspectionDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        #: inspection.evidence as the model last announced it: the document changes the list *before* it
        #: signals, and during beginRemoveRows the views must still read the old rows.
        self._evidence: list[EvidenceItem] = []
        #: model row -> row of self._evidence (the document's order)
        self._perm: list[int] = []
        #: lowercase text searched by the filter, per *document* row; None when not computed yet
        self._haystacks: list[str | None] = []
        self._unknown_haystacks = 0
        self._items_cache: tuple[int, list[EvidenceItem]] = (-1, [])
        self._stacks_cache: tuple[int, list[str | None]] = (-1, [])
        #: bumped on every change; (version, kind, row) of recent changes so a proxy can patch its state
        self.version = 0
        self._log: list[tuple[int, str, int]] = []
        self._last_found = 0
        self._load()
        document.routes.watch_list(document.inspection.id, "evidence", self._on_listed)
        document.routes.watch_type(EvidenceItem, self._on_set)

    # -- the data -------------------------------------------------------------------------------------

    @property
    def document(self) -> InspectionDocument:
        return self._document

    def _load(self) -> None:
        self._framework_cache()
        self._evidence = list(self._document.inspection.evidence)
        count = len(self._evidence)
        self._haystacks = [None] * count
        self._unknown_haystacks = count
        self._perm = self._sorted_rows(range(count))
        self._note("reset", -1)

    def _framework_cache(self) -> None:
        questions = self._document.inspection.framework.questions()
        self._questions = {q.id: q for q in questions}
        self._question_rank = {q.id: n for n, q in enumerate(questions)}
        self._diagnostic_rank = {(q.id, d.id): n for q in questions for n, d in enumerate(q.diagnostics)}

    def reset(self) -> None:
        """Reload everything (the evidence list was replaced or reordered wholesale)."""
        self.beginResetModel()
        self._load()
        self.endResetModel()

    def item(self, row: int) -> EvidenceItem:
        return self._evidence[self._perm[row]]

    def items(self) -> list[EvidenceItem]:
        """The items in model row order (a list shared until the next change: do not modify it)."""
        if self._items_cache[0] != self.version:
            evidence = self._evidence
            self._items_cache = (self.version, [evidence[i] for i in self._perm])
        return self._items_cache[1]

    def haystacks(self) -> list[str]:
        """Lowercase searched text per model row (title, text, reference, collector), computed once per change.

        The list is shared until the next change: do not modify it.
        """
        if self._stacks_cache[0] != self.version:
            stacks, evidence = self._haystacks, self._evidence
            if self._unknown_haystacks:
                for i in [i for i, stack in enumerate(stacks) if stack is None]:
                    stacks[i] = _haystack(evidence[i])
                self._unknown_haystacks = 0
            self._stacks_cache = (self.version, [stacks[i] for i in self._perm])
        return self._stacks_cache[1]  # type: ignore[return-value]

    def haystack(self, row: int) -> str:
        i = self._perm[row]
        stack = self._haystacks[i]
        if stack is None:
            stack = self._haystacks[i] = _haystack(self._evidence[i])
            self._unknown_haystacks -= 1
        return stack

    def document_row(self, row: int) -> int:
        """The row of inspection.evidence shown at model row ``row``."""
        return self._perm[row]

    def row_of(self, evidence_id: uuid.UUID) -> int:
        """The model row of an item; -1 when it is not there."""
        evidence = self._evidence
        guess = self._last_found
        if guess < len(self._perm) and evidence[self._perm[guess]].id == evidence_id:
            return guess
        for i, item in enumerate(evidence):
            if item.id == evidence_id:
                self._last_found = self._perm.index(i)
                return self._last_found
        return -1

    def index_of(self, evidence_id: uuid.UUID, column: int = 0) -> QModelIndex:
        row = self.row_of(evidence_id)
        return self.index(row, column) if row >= 0 else QModelIndex()

    def changes_since(self, version: int) -> list[tuple[str, int]] | None:
        """Changes after ``version`` as (kind, row), oldest first; None when they are no longer known."""
        if version == self.version:
            return []
        log = self._log
        if not log or log[0][0] > version + 1:
            return None
        # The log holds consecutive versions (each _note adds the next one), so the changes after
        # ``version`` are its tail: a keystroke reads one entry, not all _LOG_LIMIT, in each proxy.
        return [(kind, row) for _version, kind, row in log[version + 1 - log[0][0] :]]

    def _note(self, kind: str, row: int) -> None:
        self.version += 1
        if kind in ("reset", "layout"):
            self._log.clear()
            return
        self._log.append((self.version, kind, row))
        if len(self._log) > _LOG_LIMIT:
            del self._log[: len(self._log) - _LOG_LIMIT]

    # -- QAbstractItemModel ---------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._perm)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < COLUMN_COUNT:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.column_title(section)
        return None

    @staticmethod
    def column_title(column: int) -> str:
        return {
            SOURCE_TYPE: tr("Source type"),
            TITLE: tr("Title"),
            QUESTION: tr("Question"),
            DIAGNOSTIC: tr("Diagnostic"),
            DATE: tr("Date"),
            COLLECTOR: tr("Collector"),
            REFERENCE: tr("Reference"),
            TEXT: tr("Text"),
        }[column]

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        if index.column() in TEXT_COLUMNS:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._perm):
            return None
        item = self._evidence[self._perm[index.row()]]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, column)
        if role == ID_ROLE:
            return item.id
        if role == SORT_ROLE:
            return self._sort_key(column)(item)
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_value(item, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(item, column)
        return None

    def _display(self, item: EvidenceItem, column: int) -> str:
        if column == SOURCE_TYPE:
            return source_type_label(item.source_type)
        if column == TITLE:
            return item.title
        if column == QUESTION:
            question = self._questions.get(item.question_id or "")
            return question_label(question) if question else ""
        if column == DIAGNOSTIC:
            return item.diagnostic_id or ""
        if column == DATE:
            return format_date(item.date)
        if column == COLLECTOR:
            return item.collector
        if column == REFERENCE:
            return item.reference
        if column == TEXT:
            return shorten(item.text, _SHORT_TEXT)
        return ""

    def _edit_value(self, item: EvidenceItem, column: int) -> Any:
        if column == SOURCE_TYPE:
            return item.source_type.value
        if column == DATE:
            return to_qdate(item.date) if item.date else QDate()
        if column in (QUESTION, DIAGNOSTIC):
            return getattr(item, COLUMN_FIELDS[column]) or ""
        return getattr(item, COLUMN_FIELDS[column])

    def _tooltip(self, item: EvidenceItem, column: int) -> str | None:
        if column == QUESTION:
            question = self._questions.get(item.question_id or "")
            return f"{question.number}. {question.text}" if question else None
        if column == DIAGNOSTIC:
            question = self._questions.get(item.question_id or "")
            diagnostic = question.diagnostic(item.diagnostic_id) if question and item.diagnostic_id else None
            return f"{diagnostic.id} {diagnostic.text}" if diagnostic else None
        if column == TEXT:
            return shorten(item.text, _LONG_TOOLTIP) or None
        if column == TITLE:
            return item.title or None
        return self._display(item, column) or None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Push an UpdateEvidence command; the model changes when the document says it did."""
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or index.column() not in COLUMN_FIELDS:
            return False
        item = self.item(index.row())
        field = COLUMN_FIELDS[index.column()]
        try:
            value = self.checked_value(item, field, value)
        except ValueError:
            return False
        if getattr(item, field) != value:
            self._document.push(update_evidence(self._document, item.id, {field: value}))
        return True

    def checked_value(self, item: EvidenceItem, field: str, value: Any) -> Any:
        """``value`` converted for ``field``; ValueError when the item cannot take it (so no command fails)."""
        if field == "source_type":
            return SourceType(value)
        if field == "date":
            if isinstance(value, QDate):
                return value.toPython() if value.isValid() else None
            if value is None or isinstance(value, dt.date):
                return value
            raise ValueError(f"not a date: {value!r}")
        if field in ("question_id", "diagnostic_id"):
            value = value or None
            question_id = value if field == "question_id" else item.question_id
            if question_id is not None and question_id not in self._questions:
                raise ValueError(f"no question {question_id}")
            if (
                field == "diagnostic_id"
                and value is not None
                and (question_id is None or self._questions[question_id].diagnostic(value) is None)
            ):
                raise ValueError(f"no diagnostic {value}")
            return value
        if field in SEARCHED_FIELDS:
            if not isinstance(value, str):
                raise ValueError(f"not text: {value!r}")
            return value
        raise ValueError(f"evidence has no field {field}")

    # -- sorting --------------------------------------------------------------------------------------

    @property
    def sort_column(self) -> int:
        return self._sort_column

    @property
    def sort_order(self) -> Qt.SortOrder:
        return self._sort_order

    def _sort_key(self, column: int) -> Callable[[EvidenceItem], SortKey]:
        if column == SOURCE_TYPE:
            return lambda item: (source_type_label(item.source_type).casefold(),)
        if column == QUESTION:
            ranks = self._question_rank
            return lambda item: (
                ranks.get(item.question_id, len(ranks)) if item.question_id else len(ranks) + 1,
            )
        if column == DIAGNOSTIC:
            ranks, drank = self._question_rank, self._diagnostic_rank
            last = len(ranks) + 1
            return lambda item: (
                ranks.get(item.question_id, last) if item.question_id else last,
                (
                    drank.get((item.question_id, item.diagnostic_id), -1)
                    if item.question_id is not None and item.diagnostic_id
                    else -1
                ),
            )
        if column == DATE:
            return lambda item: (0, item.date.toordinal()) if item.date else (1, 0)
        if column in (TITLE, COLLECTOR, REFERENCE, TEXT):
            field = COLUMN_FIELDS[column]
            return lambda item: (getattr(item, field).casefold(),)
        return lambda item: ()

    def _sorted_rows(self, rows: Iterable[int]) -> list[int]:
        rows = list(rows)
        if self._sort_column < 0:
            return sorted(rows)
        key, evidence = self._sort_key(self._sort_column), self._evidence
        # A stable sort from document order: equal keys keep document order, also when descending.
        return sorted(
            sorted(rows),
            key=lambda i: key(evidence[i]),
            reverse=self._sort_order == Qt.SortOrder.DescendingOrder,
        )

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by ``column`` (-1: document order) with one Python key sort and a layout change."""
        if not -1 <= column < COLUMN_COUNT:
            column = -1
        if (column, order) == (self._sort_column, self._sort_order):
            return
        self.layoutAboutToBeChanged.emit()
        old_perm = self._perm
        self._sort_column, self._sort_order = column, order
        self._perm = self._sorted_rows(old_perm)
        self._update_persistent_indexes(old_perm)
        self._note("layout", -1)
        self.layoutChanged.emit()

    def _update_persistent_indexes(self, old_perm: list[int]) -> None:
        persistent = self.persistentIndexList()
        if not persistent:
            return
        new_row = {i: row for row, i in enumerate(self._perm)}
        moved = [self.index(new_row[old_perm[index.row()]], index.column()) for index in persistent]
        self.changePersistentIndexList(persistent, moved)

    def _comes_before(
        self, a: int, b: int, key: Callable[[EvidenceItem], SortKey], evidence: list[EvidenceItem]
    ) -> bool:
        """Whether document row ``a`` sorts before document row ``b`` in the current order."""
        if self._sort_column < 0:
            return a < b
        ka, kb = key(evidence[a]), key(evidence[b])
        if ka == kb:
            return a < b
        return ka > kb if self._sort_order == Qt.SortOrder.DescendingOrder else ka < kb

    def _sorted_position(self, i: int, rows: list[int], evidence: list[EvidenceItem]) -> int:
        """Where document row ``i`` goes among the sorted ``rows`` (binary search)."""
        key = self._sort_key(self._sort_column)
        lo, hi = 0, len(rows)
        while lo < hi:
            mid = (lo + hi) // 2
            if self._comes_before(rows[mid], i, key, evidence):
                lo = mid + 1
            else:
                hi = mid
        return lo

    # -- following the document -----------------------------------------------------------------------

    def _on_inserted(self, doc_row: int) -> None:
        live = self._document.inspection.evidence
        if not 0 <= doc_row < len(live) or len(self._evidence) + 1 != len(live):
            self.reset()
            return
        # Where the row goes is worked out on a copy: until beginInsertRows the model shows the old state.
        evidence = [*self._evidence[:doc_row], live[doc_row], *self._evidence[doc_row:]]
        perm = [i + 1 if i >= doc_row else i for i in self._perm]
        row = self._sorted_position(doc_row, perm, evidence)
        self.beginInsertRows(QModelIndex(), row, row)
        perm.insert(row, doc_row)
        self._evidence = evidence
        self._perm = perm
        self._haystacks.insert(doc_row, None)
        self._unknown_haystacks += 1
        self._note("insert", row)
        self.endInsertRows()

    def _on_removed(self, doc_row: int) -> None:
        live = self._document.inspection.evidence
        if not 0 <= doc_row < len(self._evidence) or len(self._evidence) - 1 != len(live):
            self.reset()
            return
        row = self._perm.index(doc_row)
        # The document has already dropped the item; the model still shows it until beginRemoveRows is done.
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._evidence[doc_row]
        perm = self._perm
        del perm[row]
        self._perm = [i - 1 if i > doc_row else i for i in perm]
        if self._haystacks.pop(doc_row) is None:
            self._unknown_haystacks -= 1
        self._note("remove", row)
        self.endRemoveRows()

    def _on_changed(self, evidence_id: uuid.UUID, fields: list[str]) -> None:
        row = self.row_of(evidence_id)
        if row < 0:
            return
        doc_row = self._perm[row]
        if SEARCHED_FIELDS.intersection(fields) and self._haystacks[doc_row] is not None:
            self._haystacks[doc_row] = None
            self._unknown_haystacks += 1
        self._note("change", row)
        columns = sorted(FIELD_COLUMNS[field] for field in fields if field in FIELD_COLUMNS)
        if columns:
            self.dataChanged.emit(
                self.index(row, columns[0]),
                self.index(row, columns[-1]),
                [
                    Qt.ItemDataRole.DisplayRole,
                    Qt.ItemDataRole.EditRole,
                    Qt.ItemDataRole.ToolTipRole,
                    SORT_ROLE,
                ],
            )
        sort_field = COLUMN_FIELDS.get(self._sort_column)
        if sort_field in fields or (self._sort_column == DIAGNOSTIC and "question_id" in fields):
            self._keep_sorted(row)

    def _keep_sorted(self, row: int) -> None:
        """Move a changed row to its sorted place (the edit changed its sort key)."""
        perm = self._perm
        others = perm[:row] + perm[row + 1 :]
        target = self._sorted_position(perm[row], others, self._evidence)
        if target == row:
            return
        # beginMoveRows counts the destination before the move: one past the target when moving down.
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), target + 1 if target > row else target)
        others.insert(target, perm[row])
        self._perm = others
        self._note("remove", row)
        self._note("insert", target)
        self.endMoveRows()

    def _on_listed(self, change: Change) -> None:
        if change.kind is ChangeKind.INSERT:
            self._on_inserted(change.index)
        elif change.kind is ChangeKind.REMOVE:
            self._on_removed(change.index)
        else:
            self.reset()

    def _on_set(self, change: Change) -> None:
        self._on_changed(change.record_id, [change.field])


def _haystack(item: EvidenceItem) -> str:
    return f"{item.title}\n{item.text}\n{item.reference}\n{item.collector}".casefold()
