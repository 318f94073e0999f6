"""The evidence log as Qt models: a table over ``inspection.evidence`` and a filter proxy on top of it.

:class:`EvidenceTableModel` adapts the document's evidence list to ``QAbstractTableModel``; the document
holds one (``document.evidence_model()``) that every view shares. It never changes the inspection itself:
it follows the change records of the evidence list and of evidence items (whoever made them: an edit, an
undo or a redo) with precise ``beginInsertRows``/``beginRemoveRows``/``dataChanged`` calls, and ``setData``
pushes an ``UpdateEvidence`` command on the document's undo stack.

Speed with 10,000 items: Python comparisons inside a proxy are far too slow for a sort (hundreds of thousands
of ``lessThan`` calls), so the evidence log sorts the *source* model. It keeps a permutation of the document's
rows, sorts it with one Python key sort and announces it with ``layoutAboutToBeChanged``/``layoutChanged``;
the log's proxy forwards ``sort`` to it. A question page's list (a few hundred rows) sorts in its own proxy,
so that sorting it leaves the log's order alone. :class:`EvidenceFilterProxy` answers ``filterAcceptsRow``
from a list of booleans computed once per filter change by list comprehensions over lowercase "haystacks"
the model caches (and drops when an item changes); edits, inserts and removals patch that list row by row.
"""

from __future__ import annotations

import datetime as dt
import operator
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from ..domain.changes import Change, ChangeKind
from ..domain.framework import CoreQuestion
from ..domain.inspection import SOURCE_TYPE_LABELS, EvidenceItem, SourceType
from .commands import EditCommand, UpdateEvidence
from .document import InspectionDocument

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

#: Question / diagnostic filter value that selects items without a question (or without a diagnostic).
NONE = ""

_SHORT_QUESTION = 60
_SHORT_TEXT = 120
_LONG_TOOLTIP = 1500
_LOG_LIMIT = 256
#: Up to this many rows changing visibility, a filter change is applied as a row diff (see _refilter).
_ROW_DIFF_LIMIT = 200


def tr(text: str) -> str:
    return QCoreApplication.translate("EvidenceTableModel", text)


def update_evidence(
    document: InspectionDocument, evidence_id: uuid.UUID, changes: dict[str, Any], label: str = ""
) -> EditCommand:
    """An UpdateEvidence command for ``changes`` with the undo label ``label``."""
    command = UpdateEvidence(document, evidence_id, **changes)
    if label:
        command.setText(label)
    return command


def source_type_label(source_type: SourceType) -> str:
    """The label of a source type as the user reads it (translated at run time)."""
    return QCoreApplication.translate("SourceType", SOURCE_TYPE_LABELS[source_type])


def shorten(text: str, limit: int) -> str:
    """One line of at most ``limit`` characters, with an ellipsis when cut."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def question_label(question: CoreQuestion, limit: int = _SHORT_QUESTION) -> str:
    """ "2. Investigating crime and reducing re-offending" (shortened to ``limit``)."""
    return f"{question.number}. {shorten(question.short_label, limit)}"


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
        if not self._log or self._log[0][0] > version + 1:
            return None
        return [(kind, row) for v, kind, row in self._log if v > version]

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
            return _qdate(item.date) if item.date else QDate()
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


def date_format() -> str:
    """The locale's short date format; ISO 8601 where the locale is C (whose "4 10 2016" reads badly)."""
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        return "yyyy-MM-dd"
    return locale.dateFormat(QLocale.FormatType.ShortFormat)


def format_date(date: dt.date | None) -> str:
    return QLocale().toString(_qdate(date), date_format()) if date else ""


def _qdate(date: dt.date) -> QDate:
    return QDate(date.year, date.month, date.day)


class EvidenceFilterProxy(QSortFilterProxyModel):
    """Filters by free text (every word, any case, in title/text/reference/collector), question,
    diagnostic and source types; forwards sorting to the source model (which sorts fast).

    ``filterAcceptsRow`` reads a precomputed list; the list is rebuilt once per filter change and patched
    row by row when the source model changes. Pinned items (just added or being edited) stay visible until
    the filter changes, so an item never vanishes under the user's cursor.
    """

    def __init__(self, parent: QObject | None = None, *, sort_in_source: bool = True) -> None:
        super().__init__(parent)
        #: Sort by sorting the source model (shared by every view of it) or this proxy's rows only.
        self._sort_in_source = sort_in_source
        self.setSortRole(SORT_ROLE)
        self._words: list[str] = []
        self._text = ""
        self._question: str | None = None
        self._diagnostic: str | None = None
        self._source_types: frozenset[SourceType] | None = None
        self._pinned: set[uuid.UUID] = set()
        self._model: EvidenceTableModel | None = None
        self._accept: list[bool] = []
        #: (source version and field filters, words, rows kept) of the last full computation
        self._last: tuple[tuple[Any, ...], list[str], list[int] | range] | None = None
        self._synced = -1  # the source version _accept was computed for

    def setSourceModel(self, model: QAbstractItemModel) -> None:
        if not isinstance(model, EvidenceTableModel):
            raise TypeError("EvidenceFilterProxy filters an EvidenceTableModel")
        self._model = model
        self._synced = -1
        super().setSourceModel(model)

    def source(self) -> EvidenceTableModel:
        assert self._model is not None, "no source model yet"
        return self._model

    # -- the filter -----------------------------------------------------------------------------------

    @property
    def text_filter(self) -> str:
        return self._text

    @property
    def question_filter(self) -> str | None:
        return self._question

    @property
    def diagnostic_filter(self) -> str | None:
        return self._diagnostic

    @property
    def source_type_filter(self) -> frozenset[SourceType] | None:
        return self._source_types

    def set_text_filter(self, text: str) -> None:
        words = text.casefold().split()
        self._text = text
        if words != self._words:
            self._words = words
            self._refilter()

    def set_question_filter(self, question_id: str | None, diagnostic_id: str | None = None) -> None:
        """None: any; ``NONE`` (""): items without one. A diagnostic filter needs its question."""
        if question_id is None or question_id == NONE:
            diagnostic_id = None
        if (question_id, diagnostic_id) != (self._question, self._diagnostic):
            self._question, self._diagnostic = question_id, diagnostic_id
            self._refilter()

    def set_diagnostic_filter(self, diagnostic_id: str | None) -> None:
        self.set_question_filter(self._question, diagnostic_id)

    def set_source_type_filter(self, source_types: Iterable[SourceType] | None) -> None:
        """None (or every type): any source type."""
        types = None if source_types is None else frozenset(source_types)
        if types is not None and types >= set(SourceType):
            types = None
        if types != self._source_types:
            self._source_types = types
            self._refilter()

    def is_filtering(self) -> bool:
        return bool(self._words) or self._question is not None or self._source_types is not None

    def pin(self, evidence_id: uuid.UUID) -> None:
        """Keep this item visible until the filter changes."""
        if evidence_id in self._pinned:
            return
        self._pinned.add(evidence_id)
        source_index = self.source().index_of(evidence_id)
        if source_index.isValid() and not self.mapFromSource(source_index).isValid():
            self._refilter(keep_pins=True)

    def _refilter(self, keep_pins: bool = False) -> None:
        """Apply changed filter settings: a row diff when few rows change, else one layout change.

        The proxy turns a row diff into one remove/insert signal pair per run of changed rows, which costs
        tens of milliseconds when a keystroke hides thousands of scattered rows; ``invalidate()`` rebuilds
        the mapping with a single layout change instead (and keeps the selection through persistent indexes).
        """
        if not keep_pins:
            self._pinned.clear()
        model = self._model
        if model is None:
            return
        old = self._accept if self._synced == model.version else None
        new = self._compute_all()
        if old is not None and len(old) == len(new):
            changed = sum(map(operator.is_not, old, new))
            if changed == 0:
                return
            if changed <= _ROW_DIFF_LIMIT:
                self.beginFilterChange()  # the proxy maps rows with the old filter first
                self._accept, self._synced = new, model.version
                self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
                return
        self._accept, self._synced = new, model.version
        self.invalidate()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if self._synced != self._model.version:  # type: ignore[union-attr]
            self._sync()
        accept = self._accept
        return accept[source_row] if source_row < len(accept) else True

    def _sync(self) -> None:
        model = self.source()
        changes = model.changes_since(self._synced) if self._synced >= 0 else None
        if changes is None or len(changes) > 64:
            self._accept = self._compute_all()
        else:
            accept: list[bool | None] = self._accept  # type: ignore[assignment]
            for kind, row in changes:
                if kind == "insert":
                    accept.insert(row, None)
                elif kind == "remove":
                    del accept[row]
                elif kind == "change":
                    accept[row] = None
            if len(accept) != model.rowCount():
                self._accept = self._compute_all()
            else:
                for row in [row for row, ok in enumerate(accept) if ok is None]:
                    accept[row] = self._accepts(model, row)
        self._synced = model.version

    def _compute_all(self) -> list[bool]:
        """One pass over the rows, narrowing the candidates filter by filter, cheapest first.

        While the user types on (every old word is part of a new word, nothing else changed), only the rows
        the last filter kept are searched again.
        """
        model = self.source()
        count = model.rowCount()
        if not self.is_filtering():
            self._last = None
            return [True] * count
        settings = (model.version, self._question, self._diagnostic, self._source_types)
        last = self._last
        if (
            last is not None
            and last[0] == settings
            and all(any(o in w for w in self._words) for o in last[1])
        ):
            rows: list[int] | range = last[2]
        else:
            rows = self._rows_passing_fields(model, range(count))
        if self._words:
            stacks = model.haystacks()
            for word in self._words:
                rows = [r for r in rows if word in stacks[r]]
        self._last = (settings, self._words, rows)
        accept = [False] * count
        for r in rows:
            accept[r] = True
        if self._pinned:
            for r, item in enumerate(model.items()):
                if item.id in self._pinned:
                    accept[r] = True
        return accept

    def _rows_passing_fields(self, model: EvidenceTableModel, rows: list[int] | range) -> list[int] | range:
        """The rows that pass the question, diagnostic and source type filters."""
        if self._question is None and self._source_types is None:
            return rows
        items = model.items()
        if self._question is not None:
            question = self._question or None
            rows = [r for r in rows if items[r].question_id == question]
            if self._diagnostic is not None:
                diagnostic = self._diagnostic or None
                rows = [r for r in rows if items[r].diagnostic_id == diagnostic]
        if self._source_types is not None:
            types = self._source_types
            rows = [r for r in rows if items[r].source_type in types]
        return rows

    def _accepts(self, model: EvidenceTableModel, row: int) -> bool:
        item = model.item(row)
        if item.id in self._pinned:
            return True
        if self._question is not None:
            if item.question_id != (self._question or None):
                return False
            if self._diagnostic is not None and item.diagnostic_id != (self._diagnostic or None):
                return False
        if self._source_types is not None and item.source_type not in self._source_types:
            return False
        if self._words:
            stack = model.haystack(row)
            return all(word in stack for word in self._words)
        return True

    # -- sorting goes to the source -------------------------------------------------------------------

    def lessThan(self, source_left: Index, source_right: Index) -> bool:
        """Sort keys are tuples (see SortKey), compared in Python: Qt cannot order them."""
        left, right = source_left.data(SORT_ROLE), source_right.data(SORT_ROLE)
        return bool(left < right) if left is not None and right is not None else False

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not self._sort_in_source:
            super().sort(column, order)
        elif self._model is not None:
            self._model.sort(column, order)

    # -- lookups --------------------------------------------------------------------------------------

    def index_of(self, evidence_id: uuid.UUID, column: int = 0) -> QModelIndex:
        return self.mapFromSource(self.source().index_of(evidence_id, column))

    def evidence_id(self, index: Index) -> uuid.UUID | None:
        value = index.data(ID_ROLE) if index.isValid() else None
        return value if isinstance(value, uuid.UUID) else None
