"""One team member's replica of an inspection: the inspection mirrored in a Yrs CRDT document (pycrdt).

The document holds three maps:

``records``
    every record by id (its ``_t`` is the record's type); each field kept as :mod:`.schema` says: lists of
    records as arrays of ids, prose as text, lists of strings as arrays, scalars as one JSON string each.
    A record taken out of every list stays in the map (a tombstone), so an edit made to it concurrently
    is never lost and the record can be put back.
``meta``
    the root record's id and the layout's version.
``log``
    one map per client id, written only by that client: for each scalar it wrote (``"<id>/<field>"``) and
    each record it edited or deleted (``"<id>"``), a counter, the value, and the counters of the other
    clients' entries for the same key that it had seen when it wrote. After a merge, the entries that no
    other entry has seen are the concurrent last writes; two of them with different values are a
    conflict (:meth:`Replica.conflicts`). Yrs itself picks one value deterministically.

Edits reach the document by :meth:`Replica.apply`: the inspection after the edit is compared with the
document (all of it, or only the records named by the editing operations' change records) and the
document is changed in place, texts and arrays by their smallest insert and delete.
"""

from __future__ import annotations

import functools
import hashlib
import json
import secrets
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from pycrdt import Array, Doc, Map, Text
from pydantic import ValidationError

from ..domain.blocks import Record
from ..domain.changes import Change, ChangeKind
from ..domain.inspection import Inspection
from ..domain.record_index import index_of, iter_records
from .edits import ArrayEdit, edit_array, edit_text
from .schema import SET_LIKE, FieldKind, fields_of, record_fields, record_types
from .wire import WireError, check_update, decode_state_vector, encode_state_vector, root_map_types

#: The layout of the document; a document of a later layout is refused.
LAYOUT_VERSION = 1
#: Client ids of team members are below this; the client that builds a document's first state from an
#: inspection has an id at or above it, derived from the inspection's content (see :func:`base_client_id`).
#: Yrs writes a client id in 32 bits (a larger one comes back cut, as another client), so both ranges fit.
MEMBER_CLIENT_LIMIT = 2**31
_BASE_CLIENT_LIMIT = 2**32

_DELETE = "delete"
_EDIT = "edit"


class ReplicationError(ValueError):
    """A state that cannot be read, or a merge or resolution whose result would not be a valid inspection."""


@dataclass(frozen=True)
class Conflict:
    """Two or more replicas wrote one thing concurrently; the merged document holds ``current``.

    ``field`` is the scalar written (``values``: each client's last write, as JSON values), or None when
    one replica deleted the record and another edited it (``values``: "deleted" or "edited" per client;
    ``current``: "deleted" or "kept").
    """

    record_id: uuid.UUID
    record_type: str
    field: str | None
    values: tuple[tuple[int, Any], ...]
    current: Any

    @property
    def is_deletion(self) -> bool:
        return self.field is None


def new_client_id() -> int:
    """A random client id for a new team member's replica."""
    return 1 + secrets.randbelow(MEMBER_CLIENT_LIMIT - 1)


def base_client_id(inspection: Inspection) -> int:
    """The client id that writes an inspection's first state: the same for the same content, so two
    replicas made independently from one file start from identical documents and merge as one."""
    hasher = hashlib.sha256()
    # The layout too: another app version might lay the same content out differently under the same id.
    layout = [(name, fields_of(model)) for name, model in sorted(record_types().items())]
    hasher.update(repr((LAYOUT_VERSION, layout)).encode("utf-8"))
    hasher.update(inspection.model_dump_json().encode("utf-8"))
    digest = hasher.digest()
    return MEMBER_CLIENT_LIMIT + int.from_bytes(digest[:8], "big") % (
        _BASE_CLIENT_LIMIT - MEMBER_CLIENT_LIMIT
    )


def _check_client_id(client_id: int) -> None:
    if not 0 < client_id < MEMBER_CLIENT_LIMIT:
        raise ReplicationError(f"A team member's client id is between 1 and {MEMBER_CLIENT_LIMIT - 1}.")


#: One encoder for every scalar (json.dumps with options would make a new one per call).
_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _encode(value: Any) -> str:
    return _ENCODER.encode(value)


def _json_fields(record: Record) -> dict[str, Any]:
    """The record's own fields (not the records inside it) as JSON values."""
    return record.model_dump(mode="json", exclude=set(record_fields(type(record))))


def _prelim(record: Record) -> Map[Any]:
    """A new map holding ``record`` (its lists of records as arrays of the records' ids)."""
    data = _json_fields(record)
    entries: dict[str, Any] = {"_t": type(record).__name__}
    for name, kind in fields_of(type(record)):
        if kind is FieldKind.RECORDS:
            entries[name] = Array([str(child.id) for child in getattr(record, name)])
        elif kind is FieldKind.TEXT:
            entries[name] = Text(data[name])
        elif kind is FieldKind.STRINGS:
            entries[name] = Array([str(item) for item in data[name]])
        else:
            entries[name] = _encode(data[name])
    return Map(entries)


def _validation_message(error: ValidationError | ValueError) -> str:
    if isinstance(error, ValidationError):
        first = error.errors()[0]
        where = " › ".join(str(part) for part in first["loc"])
        return f"{where}: {first['msg']}" if where else str(first["msg"])
    return str(error)


@dataclass
class _Flat:
    """One record as the document holds it, decoded: its own fields, and the ids in its lists of records."""

    model: type[Record]
    values: dict[str, Any]
    children: dict[str, list[str]]


def _flatten(record_id: str, data: dict[str, Any]) -> _Flat:
    model = record_types().get(str(data.get("_t")))
    if model is None:
        raise ReplicationError(f"The state holds a record of an unknown kind ({data.get('_t')}).")
    unknown = data.keys() - _stored_names(model)
    if unknown:
        raise ReplicationError(
            f"The state holds fields this version does not know ({', '.join(sorted(unknown))}); "
            "update the app to merge it."
        )
    values: dict[str, Any] = {"id": record_id}
    children: dict[str, list[str]] = {}
    for name, kind in fields_of(model):
        if name not in data:
            continue
        value = data[name]
        if kind is FieldKind.RECORDS:
            children[name] = [str(child) for child in value or []]
        elif kind is FieldKind.TEXT:
            values[name] = str(value)
        elif kind is FieldKind.STRINGS:
            items = [str(item) for item in value or []]
            values[name] = list(dict.fromkeys(items)) if name in SET_LIKE else items
        else:
            values[name] = _decode(value)
    return _Flat(model, values, children)


class _Mirror:
    """The document's records decoded, kept up to date record by record.

    Reading 10,000 records out of Yrs takes longer than loading the file, so a replica reads them once and
    then only those a transaction (local or merged) touched, which an observer of the records map notes.
    """

    def __init__(self, doc: Doc[Any]) -> None:
        self.doc = doc
        self._records = doc.get("records", type=Map)
        self._flat: dict[str, _Flat] | None = None
        self._dirty: set[str] = set()
        #: Records changed since :class:`_Checker` last looked (it empties the set).
        self.touched: set[str] = set()
        self._subscription = self._records.observe_deep(self._changed)

    def _changed(self, events: list[Any]) -> None:
        for event in events:
            path = event.path
            keys = [str(path[0])] if path else [str(key) for key in event.keys]
            self._dirty.update(keys)
            self.touched.update(keys)

    def records(self) -> dict[str, _Flat]:
        if self._flat is None:
            # One JSON text from Yrs, parsed at once: far quicker than pycrdt's to_py, key by key.
            raw: dict[str, dict[str, Any]] = json.loads(str(self._records))
            self._flat = {record_id: _flatten(record_id, data) for record_id, data in raw.items()}
            self._dirty.clear()
        elif self._dirty:
            for record_id in self._dirty:
                held = self._records.get(record_id)
                if isinstance(held, Map):
                    self._flat[record_id] = _flatten(record_id, json.loads(str(held)))
                else:
                    self._flat.pop(record_id, None)
            self._dirty.clear()
        return self._flat

    def close(self) -> None:
        self._records.unobserve(self._subscription)


def _root_id(doc: Doc[Any]) -> str:
    meta = doc.get("meta", type=Map)
    version = meta.get("layout")
    if version is None or "root" not in meta:
        raise ReplicationError("The state holds no inspection.")
    if int(version) > LAYOUT_VERSION:
        raise ReplicationError(
            "The changes were made by a newer version of the app; update the app to merge them."
        )
    return str(meta["root"])


def _validated(document: dict[str, Any]) -> Inspection:
    try:
        return Inspection.model_validate(document)
    except (ValidationError, ValueError) as error:
        raise ReplicationError(
            f"The merged inspection would not be valid ({_validation_message(error)}); nothing was changed."
        ) from None


class _Checker:
    """Validates the document's inspection after each merge, building again only what changed.

    It keeps the records it validated last time (model objects with the ids of everything inside them,
    never handed out) and gives pydantic those of the records that no transaction touched since, nor
    anything inside them: pydantic takes a model object as it is, so only the changed records and their
    owners up to the inspection are validated again, and the inspection's own rules (check_integrity)
    run on the whole.
    """

    def __init__(self) -> None:
        self._checked: dict[str, tuple[Record, frozenset[str]]] = {}
        self._holders: dict[str, str] = {}

    def check(self, doc: Doc[Any], mirror: _Mirror) -> None:
        root = _root_id(doc)
        records = mirror.records()
        if root not in records:
            raise ReplicationError("The state holds no inspection.")
        stale: set[str] = set()
        for record_id in mirror.touched:
            at: str | None = record_id
            while at is not None and at not in stale:
                stale.add(at)
                at = self._holders.get(at)
        reachable: set[str] = set()
        holders: dict[str, str] = {}
        rebuilt: dict[str, frozenset[str]] = {}

        def build(record_id: str) -> tuple[Any, frozenset[str]]:
            cached = self._checked.get(record_id)
            if cached is not None and record_id not in stale and cached[1].isdisjoint(reachable):
                reachable.update(cached[1])
                return cached
            reachable.add(record_id)
            flat = records[record_id]
            out = dict(flat.values)
            inside = {record_id}
            for name, ids in flat.children.items():
                children = []
                for child in ids:
                    if child in records and child not in reachable:
                        holders[child] = record_id
                        value, below = build(child)
                        children.append(value)
                        inside |= below
                out[name] = children
            rebuilt[record_id] = frozenset(inside)
            return out, rebuilt[record_id]

        document, _ = build(root)
        inspection = document if isinstance(document, Inspection) else _validated(document)
        mirror.touched.clear()
        self._holders.update(holders)

        def keep(record: Record) -> None:
            self._checked[str(record.id)] = (record, rebuilt[str(record.id)])
            for name in record_fields(type(record)):
                for child in getattr(record, name):
                    if str(child.id) in rebuilt:
                        keep(child)

        if root in rebuilt:
            keep(inspection)


class _Tree:
    """The inspection the document holds as plain data, and which records are reachable from the root."""

    def __init__(self, doc: Doc[Any], mirror: _Mirror) -> None:
        self.root = _root_id(doc)
        self.records = mirror.records()
        if self.root not in self.records:
            raise ReplicationError("The state holds no inspection.")
        self.reachable: set[str] = set()
        self.holders: dict[str, tuple[str, str]] = {}
        self.document = self._build(self.root)

    def _build(self, record_id: str) -> dict[str, Any]:
        self.reachable.add(record_id)
        flat = self.records[record_id]
        out = dict(flat.values)
        for name, ids in flat.children.items():
            children = []
            for child in ids:
                # A record in two lists (moved concurrently by two replicas) stays at its first place.
                if child in self.records and child not in self.reachable:
                    self.holders[child] = (record_id, name)
                    children.append(self._build(child))
            out[name] = children
        return out

    def inspection(self) -> Inspection:
        return _validated(self.document)


_CONSTANTS: dict[str, Any] = {"true": True, "false": False, "null": None}


def _decode(raw: str) -> Any:
    """A scalar's JSON text as its value (the common cases without the json module: it is called for every
    scalar of every record when a state is read)."""
    if raw in _CONSTANTS:
        return _CONSTANTS[raw]
    if raw[:1] == '"' and "\\" not in raw:
        return raw[1:-1]
    return json.loads(raw)


@functools.cache
def _stored_names(model: type[Record]) -> frozenset[str]:
    return frozenset(["_t", *(name for name, _ in fields_of(model))])


def _descendants(records: Map[Any], record_id: str) -> Iterator[tuple[str, str, str, int]]:
    """(child, holder, field, index) for every record inside ``record_id`` in the document."""
    data = records.get(record_id)
    model = record_types().get(str(data.get("_t"))) if isinstance(data, Map) else None
    if not isinstance(data, Map) or model is None:
        return
    for name in sorted(record_fields(model)):
        array = data.get(name)
        for index, child in enumerate(array.to_py() or [] if isinstance(array, Array) else []):
            yield str(child), record_id, name, index
            yield from _descendants(records, str(child))


@dataclass(frozen=True)
class Writers:
    """Who made a record and who changed it last, by client id.

    ``created_by`` is None for a record of the document's first state (the file as it was when its team
    was formed). ``changed_by`` holds the last writers of the record's own fields and lists since, in
    client id order: one client, or several that wrote concurrently; empty when nobody wrote it since.
    """

    created_by: int | None
    changed_by: tuple[int, ...]


@dataclass(frozen=True)
class _Entry:
    count: int
    value: Any
    seen: dict[str, int]


class Replica:
    """An inspection mirrored in a CRDT document, edited by one client (one team member's copy)."""

    def __init__(self, doc: Doc[Any], client_id: int) -> None:
        self._doc = doc
        self._mirror = _Mirror(doc)
        self._checker = _Checker()
        self._client = str(client_id)
        self._client_id = client_id

    # -- making ---------------------------------------------------------------------------------------

    @classmethod
    def from_inspection(cls, inspection: Inspection, client_id: int) -> Replica:
        """A replica of ``inspection``. Its first state is written by :func:`base_client_id`, so replicas
        made from the same inspection by different members share it and merge."""
        _check_client_id(client_id)
        seen: set[uuid.UUID] = set()
        base: Doc[Any] = Doc(client_id=base_client_id(inspection))
        meta = base.get("meta", type=Map)
        records = base.get("records", type=Map)
        base.get("log", type=Map)
        with base.transaction():
            meta["layout"] = LAYOUT_VERSION
            meta["root"] = str(inspection.id)
            for record in (inspection, *iter_records(inspection)):
                if record.id in seen:
                    raise ReplicationError(f"Two records of the inspection share the id {record.id}.")
                seen.add(record.id)
                records[str(record.id)] = _prelim(record)
        doc: Doc[Any] = Doc(client_id=client_id)
        doc.apply_update(base.get_update())
        replica = cls(doc, client_id)
        replica._checker.check(doc, replica._mirror)  # read back once: later merges check only what changed
        return replica

    @classmethod
    def from_state(cls, state: bytes, client_id: int) -> Replica:
        """A replica from a state (:meth:`state` of another replica, or this member's own saved one)."""
        _check_client_id(client_id)
        doc: Doc[Any] = Doc(client_id=client_id)
        _apply_update(doc, state)
        replica = cls(doc, client_id)
        try:
            replica._checker.check(doc, replica._mirror)
        except ReplicationError:
            raise
        except BaseException as error:  # a damaged state that Yrs took but that holds no inspection
            if not _is_damage(error):
                raise
            raise ReplicationError(f"The state cannot be read ({error}).") from error
        return replica

    @property
    def client_id(self) -> int:
        return self._client_id

    # -- reading --------------------------------------------------------------------------------------

    def inspection(self) -> Inspection:
        """The inspection the document holds, validated by the model."""
        return _Tree(self._doc, self._mirror).inspection()

    def state(self) -> bytes:
        """The whole document as one update (what another replica merges)."""
        return self._doc.get_update()

    def state_vector(self) -> bytes:
        """What this replica has seen, for :meth:`update_since` on another replica."""
        return self._doc.get_state()

    def update_since(self, state_vector: bytes) -> bytes:
        """Only what a replica with ``state_vector`` has not seen."""
        return self._doc.get_update(state_vector)

    def writers(self) -> dict[str, Writers]:
        """Who created and who last changed each record in the document, by record id.

        Created: the client id Yrs stamped on the record's entry in the records map, read from the members'
        part of the state only (what the first state's client wrote is left out by a state vector), so
        this costs in proportion to the team's edits, not to the file. Last changed: the log (see the
        module's docstring), since Yrs cannot say it: its delete set does not keep who deleted, and one
        client's clocks say nothing of another's, so its items give who wrote each character but not who
        wrote last; the log's counters and what each write had seen do. Every edit of a record's fields
        (a character typed or deleted, a scalar, its lists) is logged in the same transaction.
        """
        vector = decode_state_vector(self._doc.get_state())
        first = {client: clock for client, clock in vector.items() if client >= MEMBER_CLIENT_LIMIT}
        created = root_map_types(self._doc.get_update(encode_state_vector(first)), "records")
        changed: dict[str, tuple[int, ...]] = {}
        for key, heads in self._heads().items():
            if "/" not in key:
                changed[key] = tuple(
                    sorted(int(client) for client, entry in heads.items() if not _deletion(entry.value))
                )
        records = self._mirror.records()
        return {
            record_id: Writers(
                client
                if (client := created.get(record_id)) is not None and client < MEMBER_CLIENT_LIMIT
                else None,
                changed.get(record_id, ()),
            )
            for record_id in records
        }

    # -- merging --------------------------------------------------------------------------------------

    def merge(self, update: bytes) -> None:
        """Merge another replica's state or update. Refused with ReplicationError, leaving this replica
        unchanged, when the bytes are not an update or the merged inspection would not be valid."""
        before = self._doc.get_update()
        try:
            _apply_update(self._doc, update)
            self._checker.check(self._doc, self._mirror)
        except ReplicationError:
            self._restore(before)
            raise
        except BaseException as error:  # a damaged state must not leave this replica half merged
            if not _is_damage(error):
                raise
            self._restore(before)
            raise ReplicationError(f"The changes cannot be merged ({error}).") from error

    # -- editing --------------------------------------------------------------------------------------

    def apply(self, inspection: Inspection, changes: Iterable[Change] | None = None) -> None:
        """Make the document hold ``inspection``, the inspection this replica held with edits made to it.

        With ``changes`` (the editing operations' change records) only the records they name are
        compared; without, every record is. Texts and lists are changed in place by their difference.
        """
        if str(inspection.id) != str(self._doc.get("meta", type=Map).get("root")):
            raise ReplicationError("The inspection is not the one this replica holds.")
        is_present: Callable[[str], bool]
        if changes is None:
            targets = [inspection, *iter_records(inspection)]
            present = {str(record.id) for record in targets}
            is_present = present.__contains__
        else:
            targets, is_present = _targets(inspection, changes)
        records = self._doc.get("records", type=Map)
        with self._doc.transaction():
            removed: dict[str, tuple[str, str, int]] = {}
            added: set[str] = set()
            created: set[str] = set()
            for record in targets:
                self._write(records, record, removed, added, created)
            for record_id in sorted(added - created):
                self._log(record_id, _EDIT)  # moved or put back
            gone = [record_id for record_id in removed if not is_present(record_id)]
            for record_id in gone:
                owner, field, index = removed[record_id]
                self._log(record_id, [_DELETE, owner, field, index])
                for child, holder, name, at in _descendants(records, record_id):
                    if not is_present(child):
                        self._log(child, [_DELETE, holder, name, at])

    def _write(
        self,
        records: Map[Any],
        record: Record,
        removed: dict[str, tuple[str, str, int]],
        added: set[str],
        created: set[str],
    ) -> None:
        record_id = str(record.id)
        held = records.get(record_id)
        if not isinstance(held, Map):
            records[record_id] = _prelim(record)
            created.add(record_id)
            for name in record_fields(type(record)):
                added.update(str(child.id) for child in getattr(record, name))
            return
        data = _json_fields(record)
        changed = False
        for name, kind in fields_of(type(record)):
            current = held.get(name)
            if kind is FieldKind.RECORDS:
                ids = [str(child.id) for child in getattr(record, name)]
                if not isinstance(current, Array):
                    held[name] = Array(ids)
                    added.update(ids)
                    changed = True
                    continue
                edit = ArrayEdit()
                if edit_array(current, ids, edit):
                    changed = True
                    for child, index in edit.removed:
                        removed[child] = (record_id, name, index)
                    added.update(edit.added)
            elif kind is FieldKind.TEXT:
                if not isinstance(current, Text):
                    held[name] = Text(data[name])
                    changed = True
                else:
                    changed |= edit_text(current, data[name])
            elif kind is FieldKind.STRINGS:
                items = [str(item) for item in data[name]]
                if not isinstance(current, Array):
                    held[name] = Array(items)
                    changed = True
                else:
                    changed |= edit_array(current, items)
            else:
                encoded = _encode(data[name])
                if current != encoded:
                    held[name] = encoded
                    self._log(f"{record_id}/{name}", encoded)
                    changed = True
        if changed:
            self._log(record_id, _EDIT)

    # -- the log and conflicts ------------------------------------------------------------------------

    def _log(self, key: str, value: Any) -> None:
        """Note this client's write of ``key``, with the other clients' writes of it seen so far."""
        log = self._doc.get("log", type=Map)
        seen: dict[str, int] = {}
        mine: Map[Any] | None = None
        for client, entries in log.items():
            if client == self._client:
                mine = entries
            elif isinstance(entries, Map) and (entry := entries.get(key)) is not None:
                seen[client] = int(json.loads(entry)[0])
        if mine is None:
            log[self._client] = Map()
            mine = log[self._client]
        previous = mine.get(key)
        count = int(json.loads(previous)[0]) + 1 if previous is not None else 1
        mine[key] = json.dumps([count, value, seen], ensure_ascii=False)

    def _heads(self) -> dict[str, dict[str, _Entry]]:
        """Per key, the clients' last writes that no other client's write had seen: concurrent writes."""
        by_key: dict[str, dict[str, _Entry]] = {}
        log: dict[str, dict[str, str]] = json.loads(str(self._doc.get("log", type=Map)))
        for client, entries in log.items():
            for key, raw in (entries or {}).items():
                count, value, seen = json.loads(raw)
                by_key.setdefault(key, {})[client] = _Entry(int(count), value, seen)
        heads: dict[str, dict[str, _Entry]] = {}
        for key, writes in by_key.items():
            heads[key] = {
                client: entry
                for client, entry in writes.items()
                if not any(
                    other.seen.get(client, 0) >= entry.count
                    for peer, other in writes.items()
                    if peer != client
                )
            }
        return heads

    def conflicts(self) -> list[Conflict]:
        """Scalars two replicas changed concurrently to different values, and records one replica deleted
        while another edited them, in a stable order. Resolving one (:meth:`resolve`) is an edit."""
        tree = _Tree(self._doc, self._mirror)
        found: list[Conflict] = []
        for key, heads in sorted(self._heads().items()):
            if len(heads) < 2:
                continue
            record_id, _, field = key.partition("/")
            record = tree.records.get(record_id)
            if record is None:
                continue
            record_type = record.model.__name__
            clients = sorted(heads, key=int)
            if field:
                values = {heads[client].value for client in clients}
                if len(values) < 2 or record_id not in tree.reachable:
                    continue
                found.append(
                    Conflict(
                        uuid.UUID(record_id),
                        record_type,
                        field,
                        tuple((int(client), json.loads(heads[client].value)) for client in clients),
                        record.values.get(field),
                    )
                )
            else:
                kinds = {_deletion(heads[client].value) for client in clients}
                if kinds != {True, False}:
                    continue
                found.append(
                    Conflict(
                        uuid.UUID(record_id),
                        record_type,
                        None,
                        tuple(
                            (int(client), "deleted" if _deletion(heads[client].value) else "edited")
                            for client in clients
                        ),
                        "kept" if record_id in tree.reachable else "deleted",
                    )
                )
        return found

    def resolve(self, conflict: Conflict, value: Any, *, edited: bool = False) -> None:
        """Settle a conflict: keep one of its values (for a deletion, "deleted" or "kept"), or, ``edited``,
        a scalar's new value the lead wrote (validated by the model like any edit). An ordinary edit: it
        supersedes the concurrent writes, and merges to the other replicas like any other."""
        choices = [choice for _, choice in conflict.values] if conflict.field else ["deleted", "kept"]
        if edited and conflict.field is None:
            raise ReplicationError("A deleted record is kept or left deleted; it takes no edited value.")
        if not edited and value not in choices:
            raise ReplicationError(f"Keep one of the conflict's values: {', '.join(map(repr, choices))}.")
        before = self._doc.get_update()
        record_id = str(conflict.record_id)
        try:
            with self._doc.transaction():
                if conflict.field is not None:
                    encoded = _encode(value)
                    held = self._doc.get("records", type=Map)[record_id]
                    held[conflict.field] = encoded
                    self._log(f"{record_id}/{conflict.field}", encoded)
                    self._log(record_id, _EDIT)
                elif value == "deleted":
                    self._keep_deleted(record_id)
                else:
                    self._put_back(record_id)
            self._checker.check(self._doc, self._mirror)
        except ReplicationError:
            self._restore(before)
            raise

    def _restore(self, state: bytes) -> None:
        """Back to ``state``, taken before a merge or a resolution that was refused. What the refused one
        wrote under this client's id never left this replica, so a fresh document may reuse its clocks."""
        doc: Doc[Any] = Doc(client_id=self._client_id)
        doc.apply_update(state)
        self._mirror.close()
        self._doc = doc
        self._mirror = _Mirror(doc)
        self._checker = _Checker()

    def _keep_deleted(self, record_id: str) -> None:
        tree = _Tree(self._doc, self._mirror)
        records = self._doc.get("records", type=Map)
        holder = tree.holders.get(record_id)
        where: list[Any] = [_DELETE, "", "", 0]
        if holder is not None:  # kept by a concurrent move: take it out again
            owner, field = holder
            array = records[owner][field]
            index = [str(item) for item in array.to_py() or []].index(record_id)
            del array[index]
            where = [_DELETE, owner, field, index]
        else:
            where = self._deleted_from(record_id) or where
        self._log(record_id, where)

    def _deleted_from(self, record_id: str) -> list[Any] | None:
        """Where a deletion took ``record_id`` from (the last deletion logged, by client id)."""
        for _, heads in sorted(self._heads().get(record_id, {}).items(), key=lambda item: -int(item[0])):
            if _deletion(heads.value):
                return list(heads.value)
        return None

    def _put_back(self, record_id: str) -> None:
        """Put a deleted record back where it was taken from (with its ancestors, when they went too)."""
        records = self._doc.get("records", type=Map)
        tree = _Tree(self._doc, self._mirror)
        top = record_id
        put_back: list[str] = []
        while top not in tree.reachable:
            where = self._deleted_from(top)
            holder = next(
                (
                    (owner, name)
                    for owner, flat in tree.records.items()
                    for name, ids in flat.children.items()
                    if top in ids
                ),
                None,
            )
            if holder is not None:  # still in a list of a deleted record: put that back
                top = holder[0]
                continue
            if where is None or not where[1] or where[1] not in tree.records:
                raise ReplicationError("The record cannot be put back: the list it was in is gone.")
            _, owner, field, index = where
            array = records[owner][field]
            array.insert(min(int(index), len(array)), top)
            put_back.append(top)
            top = owner
        for restored in put_back:
            for child in [restored, *(child for child, *_ in _descendants(records, restored))]:
                self._log(child, _EDIT)


def _deletion(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and value[0] == _DELETE


def _apply_update(doc: Doc[Any], update: bytes) -> None:
    try:
        check_update(update)  # Yrs would crash the process on some malformed bytes
    except WireError as error:
        raise ReplicationError(f"The changes cannot be read ({error}).") from None
    try:
        doc.apply_update(update)
    except BaseException as error:  # pycrdt raises plain exceptions of several kinds for bad bytes
        if not _is_damage(error):
            raise
        raise ReplicationError(f"The changes cannot be read ({error}).") from None


def _is_damage(error: BaseException) -> bool:
    """An exception that damaged bytes can cause: any Exception, or a panic inside Yrs (pyo3 raises it as
    a BaseException), but not an interrupt or an exit."""
    return isinstance(error, Exception) or type(error).__name__ == "PanicException"


def _targets(inspection: Inspection, changes: Iterable[Change]) -> tuple[list[Record], Callable[[str], bool]]:
    """The records the change records name (an owner for a list change, an inserted record with all it
    holds), and whether a record is still in ``inspection``."""
    index = index_of(inspection)
    rebuilt = False

    def lookup(record_id: uuid.UUID) -> Record | None:
        nonlocal rebuilt
        record = index.get(record_id)
        if record is None and not rebuilt:
            index.rebuild(inspection)  # records added by other means than the editing operations
            rebuilt = True
            record = index.get(record_id)
        return record

    targets: dict[uuid.UUID, Record] = {}

    def add(record_id: uuid.UUID | None, deep: bool = False) -> None:
        record = lookup(record_id) if record_id is not None else None
        if record is None:
            return
        targets.setdefault(record.id, record)
        if deep:
            for inner in iter_records(record):
                targets.setdefault(inner.id, inner)

    for change in changes:
        if change.kind is ChangeKind.SET:
            add(change.record_id)
        else:
            add(change.owner_id)
            if change.kind is ChangeKind.INSERT:
                add(change.record_id, deep=True)
    # Whether a record taken out of a list is still in the inspection (moved): the editing operations keep
    # the index up to date, and rebuilding it for every record they removed would cost a walk each time.
    return list(targets.values()), lambda record_id: index.get(uuid.UUID(record_id)) is not None
