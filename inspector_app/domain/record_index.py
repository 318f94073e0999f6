"""Every record of an inspection by id, and the record that owns it: O(1) lookups for editing.

An editor's keystroke finds its record by id; walking the whole inspection for that (10,000 evidence
items and every block of every question) made each keystroke cost milliseconds. The index is built on
first use and kept up to date by :mod:`.editing`, which makes every structural change; a record added to
the model by other means is found by rebuilding the index when a lookup misses.

The index lives beside the inspection in a :class:`~.side_table.SideTable`, not in it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

from pydantic import BaseModel

from .blocks import Record
from .side_table import SideTable


def child_records(model: BaseModel) -> Iterator[Record]:
    """The records directly inside ``model`` (fields holding a record or a list of records)."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, Record):
            yield value
        elif isinstance(value, list) and value and isinstance(value[0], Record):
            yield from value


def iter_records(model: BaseModel) -> Iterator[Record]:
    """Every record inside ``model`` (depth first, in field order); the framework snapshot is skipped."""
    for child in child_records(model):
        yield child
        yield from iter_records(child)


class RecordIndex:
    """id → record and id → owner id for one root record (the inspection)."""

    def __init__(self, root: Record) -> None:
        self.root_id = root.id
        self._records: dict[uuid.UUID, Record] = {}
        self._owners: dict[uuid.UUID, uuid.UUID] = {}
        self.rebuild(root)

    def rebuild(self, root: Record) -> None:
        self._records = {root.id: root}
        self._owners = {}
        self._add_children(root)

    def get(self, record_id: uuid.UUID) -> Record | None:
        return self._records.get(record_id)

    def owner_id(self, record_id: uuid.UUID) -> uuid.UUID | None:
        return self._owners.get(record_id)

    def add(self, record: Record, owner_id: uuid.UUID) -> None:
        """Index ``record`` (and everything inside it) as a child of ``owner_id``."""
        self._records[record.id] = record
        self._owners[record.id] = owner_id
        self._add_children(record)

    def drop(self, record: Record) -> None:
        """Forget ``record`` and everything inside it."""
        for gone in (record, *iter_records(record)):
            self._records.pop(gone.id, None)
            self._owners.pop(gone.id, None)

    def _add_children(self, record: Record) -> None:
        for child in child_records(record):
            self.add(child, record.id)


_indexes: SideTable[Record, RecordIndex] = SideTable(RecordIndex)


def index_of(root: Record) -> RecordIndex:
    """The index of ``root``, built on first use and forgotten when ``root`` is."""
    return _indexes.get(root)
