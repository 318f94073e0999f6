"""The evidence log's filter: a proxy over the shared evidence table model (:mod:`.evidence_model`).

:class:`EvidenceFilterProxy` filters by free text, question, diagnostic and source types. It answers
``filterAcceptsRow`` from a list of booleans computed once per filter change by list comprehensions over
the lowercase "haystacks" the model caches; edits, inserts and removals patch that list row by row. It
forwards sorting to the source model, which sorts 10,000 rows with one key sort, unless asked to sort its
own rows (a question page's list of a few hundred, so that sorting it leaves the log's order alone).
"""

from __future__ import annotations

import operator
import uuid
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QSortFilterProxyModel, Qt

from ..domain.inspection import SourceType
from .evidence_model import ID_ROLE, SORT_ROLE, EvidenceTableModel, Index

#: Question / diagnostic filter value that selects items without a question (or without a diagnostic).
NONE = ""

#: Up to this many rows changing visibility, a filter change is applied as a row diff (see _refilter).
_ROW_DIFF_LIMIT = 200


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
            accept = self._accept
            pending: list[int] = []  # rows to judge again, kept in step with the inserts and removals
            for kind, row in changes:
                if kind == "insert":
                    accept.insert(row, True)
                    pending = [p + 1 if p >= row else p for p in pending]
                    pending.append(row)
                elif kind == "remove":
                    del accept[row]
                    pending = [p - 1 if p > row else p for p in pending if p != row]
                elif kind == "change":
                    pending.append(row)
            if len(accept) != model.rowCount():
                self._accept = self._compute_all()
            else:
                for row in set(pending):  # a keystroke judges one row, not all ten thousand
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
