"""Routes each change record to the views that show its record or list (DESIGN §4).

A view says what it shows (``watch_record``: one record's fields; ``watch_list``: one list; ``watch_type``:
every record of a type, e.g. the evidence table) and gets exactly the changes about it, each once. A
keystroke in one paragraph wakes the one editor bound to it, not every editor of every page.

Only bound methods of live QObjects are taken, held weakly: a view that Qt deletes stops being called
without anyone disconnecting it, and no lambda can keep a deleted widget connected (the cause of the
"Internal C++ object already deleted" errors while typing).
"""

from __future__ import annotations

import uuid
import weakref
from collections.abc import Callable, Hashable
from types import MethodType

import shiboken6
from PySide6.QtCore import QObject

from ..domain.blocks import Record
from ..domain.changes import Change, ChangeKind

Slot = Callable[[Change], object]


class ChangeRouter:
    """Who watches what; :meth:`route` calls the watchers of one change."""

    def __init__(self, find: Callable[[uuid.UUID], Record | None]) -> None:
        #: record id → its record (None when gone), to route a change by the record's type.
        self._find = find
        self._watchers: dict[Hashable, list[weakref.WeakMethod[Slot]]] = {}
        self._adds = 0

    def watch_record(self, record_id: uuid.UUID, slot: Slot) -> None:
        """``slot(change)`` for every field set on this record."""
        self._add(("record", record_id), slot)

    def watch_list(self, owner_id: uuid.UUID, field: str, slot: Slot) -> None:
        """``slot(change)`` for every insert, remove and move in the list ``owner.field``."""
        self._add(("list", owner_id, field), slot)

    def watch_type(self, record_type: type[Record], slot: Slot) -> None:
        """``slot(change)`` for every field set on any record of exactly this type."""
        self._add(("type", record_type), slot)

    def unwatch_record(self, record_id: uuid.UUID, slot: Slot) -> None:
        self._remove(("record", record_id), slot)

    def _add(self, key: Hashable, slot: Slot) -> None:
        owner = getattr(slot, "__self__", None)
        if not isinstance(slot, MethodType) or not isinstance(owner, QObject):
            raise TypeError("watch with a bound method of a QObject (Qt then ends the watch when it dies)")
        self._watchers.setdefault(key, []).append(weakref.WeakMethod(slot))
        self._adds += 1
        if self._adds % _SWEEP_EVERY == 0:
            self._sweep()

    def _sweep(self) -> None:
        """Forget the watches of views that died (rows deleted long ago whose records never change)."""
        for key in list(self._watchers):
            live = [ref for ref in self._watchers[key] if _alive(ref)]
            if live:
                self._watchers[key] = live
            else:
                del self._watchers[key]

    def _remove(self, key: Hashable, slot: Slot) -> None:
        watchers = self._watchers.get(key, [])
        watchers[:] = [ref for ref in watchers if ref() != slot]

    def route(self, change: Change) -> None:
        if change.kind is ChangeKind.SET:
            self._call(("record", change.record_id), change)
            record = self._find(change.record_id)
            if record is not None:
                self._call(("type", type(record)), change)
        else:
            assert change.owner_id is not None
            self._call(("list", change.owner_id, change.field), change)

    def _call(self, key: Hashable, change: Change) -> None:
        watchers = self._watchers.get(key)
        if not watchers:
            return
        dead = False
        for ref in list(watchers):  # a watcher may add watchers (a new row) while we go
            slot = ref()
            if slot is None or not _alive(ref):
                dead = True
                continue
            slot(change)
        if dead:
            live = [ref for ref in watchers if _alive(ref)]
            if live:
                self._watchers[key] = live
            else:
                del self._watchers[key]

    def watcher_count(self) -> int:
        """Live watches (tests check that deleted views leave none behind)."""
        return sum(1 for refs in self._watchers.values() for ref in refs if _alive(ref))


#: Dead watches are swept after this many new ones.
_SWEEP_EVERY = 2000


def _alive(ref: weakref.WeakMethod[Slot]) -> bool:
    slot = ref()
    return slot is not None and shiboken6.isValid(getattr(slot, "__self__", None))
