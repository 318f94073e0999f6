"""Editing operations on an inspection: the only way the GUI changes the model.

Each operation validates its input against the framework, changes the inspection in place and returns what
its inverse needs, so an undo command is two calls: the operation in ``redo`` and its inverse in ``undo``.
Records are addressed by their stable ids, never by Python object, so a command still finds its record
after other commands replaced the objects around it.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from .blocks import Cites, Record
from .framework import UNGRADED
from .inspection import EvidenceItem, Inspection, PillarAssessment, QuestionAssessment
from .text import scrub_surrogates


class EditError(ValueError):
    """An edit the model cannot take (unknown grade, unknown record, a value of the wrong type)."""


# -- finding records ----------------------------------------------------------------------------------


def iter_records(model: BaseModel) -> Iterator[Record]:
    """Every record inside ``model`` (depth first, in field order); the framework snapshot is skipped."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, Record):
            yield value
            yield from iter_records(value)
        elif isinstance(value, list) and value and isinstance(value[0], Record):
            for item in value:
                yield item
                yield from iter_records(item)


def find_record(inspection: Inspection, record_id: uuid.UUID) -> Record:
    if inspection.id == record_id:
        return inspection
    for record in iter_records(inspection):
        if record.id == record_id:
            return record
    raise EditError(f"no record with id {record_id}")


def _list_field(owner: BaseModel, field: str) -> list[Any]:
    if field not in type(owner).model_fields or not isinstance(getattr(owner, field), list):
        raise EditError(f"{type(owner).__name__} has no list '{field}'")
    value: list[Any] = getattr(owner, field)
    return value


@functools.cache
def _adapter(model: type[BaseModel], field: str) -> TypeAdapter[Any]:
    annotation: Any = model.model_fields[field].annotation
    return TypeAdapter(annotation)


def _validated(owner: BaseModel, field: str, value: Any) -> Any:
    """``value`` checked (and coerced) against the declared type of ``owner.field``."""
    try:
        return _adapter(type(owner), field).validate_python(scrub_surrogates(value))
    except ValidationError as error:
        raise EditError(f"{type(owner).__name__}.{field}: {error.errors()[0]['msg']}") from None


# -- generic field and list edits ---------------------------------------------------------------------

_PROTECTED_FIELDS = {
    "id",
    "kind",
    "question_id",
    "pillar_id",
    "framework",
    "evidence",
    "grade",
    "last_year_grade",
}


def set_field(inspection: Inspection, record_id: uuid.UUID, field: str, value: Any) -> Any:
    """Set a plain field of a record (text, dates, sub-points…); returns the old value for undo.

    Grades, evidence links and ids have their own operations, which check them against the framework.
    """
    record = find_record(inspection, record_id)
    if field not in type(record).model_fields:
        raise EditError(f"{type(record).__name__} has no field '{field}'")
    if field in _PROTECTED_FIELDS:
        raise EditError(f"use the dedicated operation to change '{field}'")
    old = getattr(record, field)
    setattr(record, field, _validated(record, field, value))
    return old


def insert_record(
    inspection: Inspection, owner_id: uuid.UUID, field: str, index: int, record: Record
) -> None:
    """Insert ``record`` at ``index`` of the list ``field`` of the record ``owner_id``."""
    owner = find_record(inspection, owner_id)
    if field in ("evidence", "questions", "pillars"):
        raise EditError(f"use the dedicated operation to change '{field}'")
    items = _list_field(owner, field)
    try:
        [checked] = _adapter(type(owner), field).validate_python([record])
    except ValidationError as error:
        raise EditError(
            f"cannot put a {type(record).__name__} in {field}: {error.errors()[0]['msg']}"
        ) from None
    if any(existing.id == record.id for existing in items):
        raise EditError(f"record {record.id} is already in {field}")
    items.insert(_clamp(index, len(items) + 1), checked)


def remove_record(
    inspection: Inspection, owner_id: uuid.UUID, field: str, record_id: uuid.UUID
) -> tuple[int, Record]:
    """Remove a record from a list; returns (index, record) so undo can put it back with insert_record."""
    owner = find_record(inspection, owner_id)
    if field in ("evidence", "questions", "pillars"):
        raise EditError(f"use the dedicated operation to change '{field}'")
    items = _list_field(owner, field)
    for index, item in enumerate(items):
        if item.id == record_id:
            return index, items.pop(index)
    raise EditError(f"no record {record_id} in {field}")


def move_record(
    inspection: Inspection, owner_id: uuid.UUID, field: str, record_id: uuid.UUID, to_index: int
) -> int:
    """Move a record within its list; returns its old index (move back to undo)."""
    items = _list_field(find_record(inspection, owner_id), field)
    for index, item in enumerate(items):
        if item.id == record_id:
            record = items.pop(index)
            items.insert(_clamp(to_index, len(items) + 1), record)
            return index
    raise EditError(f"no record {record_id} in {field}")


def _clamp(index: int, positions: int) -> int:
    """``index`` limited to 0 … positions - 1."""
    return max(0, min(index, positions - 1))


# -- grades -------------------------------------------------------------------------------------------


def _check_grade(inspection: Inspection, grade: str | None) -> None:
    if grade is not None and grade not in inspection.framework.scale.valid_values():
        raise EditError(f"'{grade}' is not a grade of the framework's scale")


def _question(inspection: Inspection, question_id: str) -> QuestionAssessment:
    try:
        return inspection.question(question_id)
    except KeyError:
        raise EditError(f"'{question_id}' is not a question of the framework") from None


def set_grade(
    inspection: Inspection, question_id: str, grade: str | None, *, last_year: bool = False
) -> str | None:
    """Grade a question (None: not yet graded; ``UNGRADED``); returns the old grade."""
    _check_grade(inspection, grade)
    question: QuestionAssessment = _question(inspection, question_id)
    field = "last_year_grade" if last_year else "grade"
    old: str | None = getattr(question, field)
    setattr(question, field, grade)
    return old


def set_pillar_grade(
    inspection: Inspection, pillar_id: str, grade: str | None, *, last_year: bool = False
) -> str | None:
    if grade == UNGRADED:
        raise EditError("a pillar cannot be ungraded")
    _check_grade(inspection, grade)
    try:
        pillar: PillarAssessment = inspection.pillar(pillar_id)
    except KeyError:
        raise EditError(f"'{pillar_id}' is not a pillar of the framework") from None
    field = "last_year_grade" if last_year else "grade"
    old: str | None = getattr(pillar, field)
    setattr(pillar, field, grade)
    return old


# -- evidence -----------------------------------------------------------------------------------------


def _check_link(inspection: Inspection, question_id: str | None, diagnostic_id: str | None) -> None:
    if question_id is None:
        if diagnostic_id is not None:
            raise EditError("a diagnostic needs its question")
        return
    core = inspection.framework.question(question_id)
    if core is None:
        raise EditError(f"'{question_id}' is not a question of the framework")
    if diagnostic_id is not None and core.diagnostic(diagnostic_id) is None:
        raise EditError(f"'{diagnostic_id}' is not a diagnostic of question {core.number}")


def add_evidence(inspection: Inspection, item: EvidenceItem, index: int | None = None) -> int:
    """Add an evidence item (at the end unless ``index``); returns where it went."""
    _check_link(inspection, item.question_id, item.diagnostic_id)
    if any(existing.id == item.id for existing in inspection.evidence):
        raise EditError(f"evidence {item.id} is already recorded")
    position = len(inspection.evidence) if index is None else _clamp(index, len(inspection.evidence) + 1)
    inspection.evidence.insert(position, item)
    return position


@dataclass(frozen=True)
class DeletedEvidence:
    """What delete_evidence took away: the item, where it was, and the findings that cited it."""

    index: int
    item: EvidenceItem
    #: (record id, position of the evidence id in that record's evidence_ids)
    citations: tuple[tuple[uuid.UUID, int], ...]


def delete_evidence(inspection: Inspection, evidence_id: uuid.UUID) -> DeletedEvidence:
    """Remove an evidence item and every citation of it; restore_evidence reverses it exactly."""
    index = next((i for i, item in enumerate(inspection.evidence) if item.id == evidence_id), None)
    if index is None:
        raise EditError(f"no evidence {evidence_id}")
    item = inspection.evidence[index]
    citations = []
    for record in inspection.citing_records():
        if evidence_id in record.evidence_ids:
            position = record.evidence_ids.index(evidence_id)
            record.evidence_ids.pop(position)
            citations.append((record.id, position))
    del inspection.evidence[index]
    return DeletedEvidence(index, item, tuple(citations))


def restore_evidence(inspection: Inspection, deleted: DeletedEvidence) -> None:
    inspection.evidence.insert(deleted.index, deleted.item)
    for record_id, position in deleted.citations:
        record = find_record(inspection, record_id)
        assert isinstance(record, Cites)
        record.evidence_ids.insert(position, deleted.item.id)


def _evidence(inspection: Inspection, evidence_id: uuid.UUID) -> EvidenceItem:
    try:
        return inspection.evidence_item(evidence_id)
    except KeyError:
        raise EditError(f"no evidence {evidence_id}") from None


def update_evidence(inspection: Inspection, evidence_id: uuid.UUID, **changes: Any) -> dict[str, Any]:
    """Change fields of an evidence item (including its question and diagnostic); returns the old values."""
    item = _evidence(inspection, evidence_id)
    if "id" in changes:
        raise EditError("an evidence item keeps its id")
    unknown = set(changes) - set(EvidenceItem.model_fields)
    if unknown:
        raise EditError(f"evidence has no field '{sorted(unknown)[0]}'")
    checked = {name: _validated(item, name, value) for name, value in changes.items()}
    question_id = checked.get("question_id", item.question_id)
    if question_id != item.question_id and "diagnostic_id" not in checked:
        # A diagnostic belongs to its question: moving the item to another question drops it.
        checked["diagnostic_id"] = None
    _check_link(inspection, question_id, checked.get("diagnostic_id", item.diagnostic_id))
    old = {name: getattr(item, name) for name in checked}
    for name, value in checked.items():
        setattr(item, name, value)
    return old


def cite(
    inspection: Inspection, record_id: uuid.UUID, evidence_id: uuid.UUID, position: int | None = None
) -> bool:
    """Make a finding cite an evidence item (at ``position`` of its citations, default last).

    Returns False when it already did (nothing to undo).
    """
    record = find_record(inspection, record_id)
    if not isinstance(record, Cites):
        raise EditError(f"a {type(record).__name__} cannot cite evidence")
    _evidence(inspection, evidence_id)
    if evidence_id in record.evidence_ids:
        return False
    ids = record.evidence_ids
    ids.insert(len(ids) if position is None else _clamp(position, len(ids) + 1), evidence_id)
    return True


def uncite(inspection: Inspection, record_id: uuid.UUID, evidence_id: uuid.UUID) -> int | None:
    """Remove a citation; returns its position (for undo) or None when there was none."""
    record = find_record(inspection, record_id)
    if not isinstance(record, Cites) or evidence_id not in record.evidence_ids:
        return None
    position = record.evidence_ids.index(evidence_id)
    record.evidence_ids.pop(position)
    return position
