"""How each field of each record is mirrored in the CRDT document, read from the domain model's types.

Every record (a :class:`~inspector_app.domain.blocks.Record`, found by walking the types of
:class:`~inspector_app.domain.inspection.Inspection`) is one map in the document, keyed by its id. Each of
its fields (but ``id``) is one of:

``RECORDS``
    a list of records: an array of the records' ids, so insertions and moves merge and order is kept;
``TEXT``
    prose: a CRDT text that merges character by character. The rule: every field declared plain ``str``
    is prose, except the identifiers and codes in :data:`NOT_PROSE` (a question's or pillar's framework
    id, a footnote's label, an evidence item's reference and collector, the protective marking), which
    are chosen or typed whole and so are scalars;
``STRINGS``
    a list of short strings or ids (sub-points, citations, authors, ignored words): an array of strings,
    so two people adding to one list both keep theirs;
``VALUE``
    a scalar: one JSON value, written whole (last writer wins, and a concurrent write is a conflict).
    Grades, dates, source types, status, optional ids, booleans, numbers, the force, a figure's image,
    a table's columns and rows (kept together so they always fit), and the framework snapshot (one opaque
    value: it is not edited concurrently).
"""

from __future__ import annotations

import functools
import typing
from enum import StrEnum
from typing import Any

from pydantic import BaseModel

from ..domain.blocks import Record
from ..domain.inspection import Inspection


class FieldKind(StrEnum):
    RECORDS = "records"
    TEXT = "text"
    STRINGS = "strings"
    VALUE = "value"


#: Plain ``str`` fields that are identifiers or codes, not prose: scalars.
NOT_PROSE = frozenset(
    {
        "question_id",
        "pillar_id",
        "label",
        "reference",
        "collector",
        "marking",
        "finding_kind",
        # names, typed whole: two reviewers signing off at once is a conflict for the lead, not a blend
        "author",
        "resolved_by",
        "signed_off_by",
    }
)
#: Lists of strings kept whole, with the field they must agree with (a table's rows fit its columns).
WHOLE_LISTS = frozenset({"columns"})
#: Lists of strings that are sets in meaning: a value two replicas both added is kept once.
SET_LIKE = frozenset({"evidence_ids", "authors", "spelling_ignored"})


def _record_types(annotation: Any) -> list[type[Record]]:
    if isinstance(annotation, type) and issubclass(annotation, Record):
        return [annotation]
    found: list[type[Record]] = []
    for arg in typing.get_args(annotation):
        found.extend(t for t in _record_types(arg) if t not in found)
    return found


def _is_string_list(annotation: Any) -> bool:
    if typing.get_origin(annotation) is not list:
        return False
    (item,) = typing.get_args(annotation)
    return isinstance(item, type) and item.__name__ in {"str", "UUID"}


@functools.cache
def fields_of(model: type[BaseModel]) -> tuple[tuple[str, FieldKind], ...]:
    """The mirrored fields of a record type and how each is kept, in declaration order."""
    fields: list[tuple[str, FieldKind]] = []
    for name, info in model.model_fields.items():
        if name == "id":
            continue
        annotation = info.annotation
        if _record_types(annotation):
            if typing.get_origin(annotation) is not list:
                raise TypeError(f"{model.__name__}.{name}: a single nested record is not mirrored")
            fields.append((name, FieldKind.RECORDS))
        elif annotation is str and name not in NOT_PROSE:
            fields.append((name, FieldKind.TEXT))
        elif _is_string_list(annotation) and name not in WHOLE_LISTS:
            fields.append((name, FieldKind.STRINGS))
        else:
            fields.append((name, FieldKind.VALUE))
    return tuple(fields)


@functools.cache
def record_fields(model: type[BaseModel]) -> frozenset[str]:
    return frozenset(name for name, kind in fields_of(model) if kind is FieldKind.RECORDS)


@functools.cache
def record_types() -> dict[str, type[Record]]:
    """Every record type an inspection can hold, by class name (the name the document stores)."""
    found: dict[str, type[Record]] = {}

    def visit(model: type[Record]) -> None:
        if model.__name__ in found:
            return
        found[model.__name__] = model
        for info in model.model_fields.values():
            for child in _record_types(info.annotation):
                visit(child)

    visit(Inspection)
    return found
