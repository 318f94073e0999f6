"""Editing operations on an inspection: the only way the GUI changes the model.

Each operation validates its input against the framework, changes the inspection in place and returns the
:class:`~.changes.Change` records of what it did; :func:`revert` undoes one exactly and returns the change
record of that, so an undo command keeps the changes of its redo and reverts them in reverse order.
Records are addressed by their stable ids, never by Python object, so a command still finds its record
after other commands replaced the objects around it; :mod:`.record_index` makes that lookup O(1).
"""

from __future__ import annotations

import functools
import typing
import uuid
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from .blocks import Cites, Figure, FigureImage, Record
from .changes import Change, ChangeKind
from .framework import UNGRADED
from .images import ImageError, check_image, check_room, check_total, images_bytes
from .inspection import EvidenceItem, Inspection, PillarAssessment, QuestionAssessment
from .record_index import index_of, iter_records
from .text import scrub_surrogates

__all__ = [
    "Change",
    "ChangeKind",
    "EditError",
    "add_evidence",
    "check_figure_image",
    "cite",
    "delete_evidence",
    "find_record",
    "insert_record",
    "iter_records",
    "move_record",
    "owner_of",
    "question_of",
    "remove_record",
    "revert",
    "set_carried_over",
    "set_field",
    "set_figure_image",
    "set_grade",
    "set_pillar_grade",
    "uncite",
    "update_evidence",
]


class EditError(ValueError):
    """An edit the model cannot take (unknown grade, unknown record, a value of the wrong type)."""


# -- finding records ----------------------------------------------------------------------------------


def find_record(inspection: Inspection, record_id: uuid.UUID) -> Record:
    index = index_of(inspection)
    record = index.get(record_id)
    if record is None:
        index.rebuild(inspection)  # added by other means than these operations
        record = index.get(record_id)
        if record is None:
            raise EditError(f"no record with id {record_id}")
    return record


def owner_of(inspection: Inspection, record_id: uuid.UUID) -> Record | None:
    """The record whose list holds ``record_id`` (None for the inspection itself)."""
    find_record(inspection, record_id)
    owner_id = index_of(inspection).owner_id(record_id)
    return None if owner_id is None else find_record(inspection, owner_id)


def question_of(inspection: Inspection, record_id: uuid.UUID) -> QuestionAssessment | None:
    """The question assessment that holds ``record_id`` (or is it); None outside the questions."""
    record: Record | None = find_record(inspection, record_id)
    while record is not None and not isinstance(record, QuestionAssessment):
        record = owner_of(inspection, record.id)
    return record


def _list_field(owner: BaseModel, field: str) -> list[Any]:
    if field not in type(owner).model_fields or not isinstance(getattr(owner, field), list):
        raise EditError(f"{type(owner).__name__} has no list '{field}'")
    value: list[Any] = getattr(owner, field)
    return value


def _position(items: list[Any], record_id: uuid.UUID) -> int | None:
    return next((n for n, item in enumerate(items) if item.id == record_id), None)


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


@functools.cache
def _holds_records(model: type[BaseModel], field: str) -> bool:
    """Whether the field's type holds records (a list of blocks, a nested record): not for set_field."""

    def mentions_record(annotation: Any) -> bool:
        if isinstance(annotation, type) and issubclass(annotation, Record):
            return True
        return any(mentions_record(arg) for arg in typing.get_args(annotation))

    return mentions_record(model.model_fields[field].annotation)


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
    "carried_over",
    "evidence_ids",
    "image",
}
#: Lists with operations of their own (evidence) or fixed by the framework (questions, pillars).
_PROTECTED_LISTS = {"evidence", "questions", "pillars"}


def set_field(inspection: Inspection, record_id: uuid.UUID, field: str, value: Any) -> Change:
    """Set a plain field of a record (text, dates, sub-points…).

    Grades, evidence links, ids and lists of records have their own operations, which check them.
    """
    record = find_record(inspection, record_id)
    if field not in type(record).model_fields:
        raise EditError(f"{type(record).__name__} has no field '{field}'")
    if field in _PROTECTED_FIELDS or _holds_records(type(record), field):
        raise EditError(f"use the dedicated operation to change '{field}'")
    return _set(record, field, _validated(record, field, value))


def _set(record: Record, field: str, value: Any) -> Change:
    old = getattr(record, field)
    setattr(record, field, value)
    return Change(ChangeKind.SET, record.id, field, old=old)


def insert_record(
    inspection: Inspection, owner_id: uuid.UUID, field: str, index: int, record: Record
) -> Change:
    """Insert ``record`` at ``index`` (clamped) of the list ``field`` of the record ``owner_id``."""
    owner = find_record(inspection, owner_id)
    if field in _PROTECTED_LISTS:
        raise EditError(f"use the dedicated operation to change '{field}'")
    items = _list_field(owner, field)
    try:
        [checked] = _adapter(type(owner), field).validate_python([record])
    except ValidationError as error:
        raise EditError(
            f"cannot put a {type(record).__name__} in {field}: {error.errors()[0]['msg']}"
        ) from None
    ids = [new.id for new in (checked, *iter_records(checked))]
    if len(set(ids)) != len(ids):
        raise EditError(f"record {checked.id} holds two records with one id")
    known = index_of(inspection)
    for new_id in ids:
        if known.get(new_id) is not None:
            raise EditError(f"record {new_id} is already in the inspection")
    _check_figure_images(inspection, checked)
    return _insert(inspection, owner, field, _clamp(index, len(items) + 1), checked)


def _insert(inspection: Inspection, owner: Record, field: str, index: int, record: Record) -> Change:
    _list_field(owner, field).insert(index, record)
    index_of(inspection).add(record, owner.id)
    return Change(ChangeKind.INSERT, record.id, field, owner.id, index)


def remove_record(inspection: Inspection, owner_id: uuid.UUID, field: str, record_id: uuid.UUID) -> Change:
    """Remove a record from a list; the change holds the record and where it was."""
    owner = find_record(inspection, owner_id)
    if field in _PROTECTED_LISTS:
        raise EditError(f"use the dedicated operation to change '{field}'")
    position = _position(_list_field(owner, field), record_id)
    if position is None:
        raise EditError(f"no record {record_id} in {field}")
    return _remove(inspection, owner, field, position)


def _remove(inspection: Inspection, owner: Record, field: str, position: int) -> Change:
    record: Record = _list_field(owner, field).pop(position)
    index_of(inspection).drop(record)
    return Change(ChangeKind.REMOVE, record.id, field, owner.id, position, old=record)


def move_record(
    inspection: Inspection, owner_id: uuid.UUID, field: str, record_id: uuid.UUID, to_index: int
) -> Change:
    """Move a record within its list to ``to_index`` (clamped)."""
    items = _list_field(find_record(inspection, owner_id), field)
    position = _position(items, record_id)
    if position is None:
        raise EditError(f"no record {record_id} in {field}")
    return _move(items, owner_id, field, position, _clamp(to_index, len(items)))


def _move(items: list[Any], owner_id: uuid.UUID, field: str, position: int, to_index: int) -> Change:
    record = items.pop(position)
    items.insert(to_index, record)
    return Change(ChangeKind.MOVE, record.id, field, owner_id, to_index, position)


def _clamp(index: int, positions: int) -> int:
    """``index`` limited to 0 … positions - 1."""
    return max(0, min(index, positions - 1))


def revert(inspection: Inspection, change: Change) -> Change:
    """Undo ``change`` exactly (it must be the latest change to its record); returns the inverse change."""
    if change.kind is ChangeKind.SET:
        return _set(find_record(inspection, change.record_id), change.field, change.old)
    assert change.owner_id is not None
    owner = find_record(inspection, change.owner_id)
    items = _list_field(owner, change.field)
    if change.kind is ChangeKind.REMOVE:
        return _insert(inspection, owner, change.field, change.index, change.old)
    position = _position(items, change.record_id)
    if position is None:
        raise EditError(f"no record {change.record_id} in {change.field}")
    if change.kind is ChangeKind.INSERT:
        return _remove(inspection, owner, change.field, position)
    return _move(items, owner.id, change.field, position, change.from_index)


# -- figures ------------------------------------------------------------------------------------------


def set_figure_image(
    inspection: Inspection, figure_id: uuid.UUID, image: FigureImage | None
) -> Change | None:
    """Give a figure its image, replace it, or take it away (``image`` None); None when it already was so.

    The image is checked first (:mod:`.images`: a real PNG or JPEG of the kind it says, within the caps
    on its bytes and pixels, and all images together within theirs); an EditError says why not in plain
    words. Undo is the generic revert of the SET change, whose ``old`` is the image before.
    """
    figure = check_figure_image(inspection, figure_id, image)
    old = figure.image
    if old is image or (old is not None and image is not None and old == image):
        return None
    return _set(figure, "image", image)


def check_figure_image(inspection: Inspection, figure_id: uuid.UUID, image: FigureImage | None) -> Figure:
    """The figure ``figure_id``, when :func:`set_figure_image` would take ``image`` for it; else an EditError
    saying why not in plain words, and what to do (a window checks before it offers the change)."""
    figure = find_record(inspection, figure_id)
    if not isinstance(figure, Figure):
        raise EditError(f"a {type(figure).__name__} holds no image")
    if image is not None:
        if not isinstance(image, FigureImage):
            raise EditError("a figure's image must be a FigureImage")
        try:
            check_image(image)
            check_room(inspection, image, figure_id)
        except ImageError as error:
            raise EditError(_said(error)) from None
    return figure


def _said(error: ImageError) -> str:
    return f"{error} {error.advice}" if error.advice else str(error)


def _check_figure_images(inspection: Inspection, record: Record) -> None:
    """A record inserted with figures holding images (a figure pasted or restored whole): the same checks
    as :func:`set_figure_image`, so every image in the model is one the report can print."""
    added = [r for r in (record, *iter_records(record)) if isinstance(r, Figure) and r.image is not None]
    if not added:
        return
    try:
        for figure in added:
            assert figure.image is not None
            check_image(figure.image)
        added_bytes = sum(len(f.image.data) for f in added if f.image is not None)
        check_total(images_bytes(inspection) + added_bytes, adding=True)
    except ImageError as error:
        raise EditError(_said(error)) from None


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
) -> Change:
    """Grade a question (None: not yet graded; ``UNGRADED``)."""
    _check_grade(inspection, grade)
    question = _question(inspection, question_id)
    return _set(question, "last_year_grade" if last_year else "grade", grade)


def set_carried_over(inspection: Inspection, question_id: str, carried: bool) -> list[Change]:
    """Mark a question's judgement as carried over from last year, or not. Carrying over a question not yet
    graded gives it last year's grade (the judgement that stands); nothing else changes on the way back."""
    question = _question(inspection, question_id)
    if question.carried_over == bool(carried):
        return []
    changes = [_set(question, "carried_over", bool(carried))]
    if carried and question.grade is None and question.last_year_grade is not None:
        changes.append(_set(question, "grade", question.last_year_grade))
    return changes


def set_pillar_grade(
    inspection: Inspection, pillar_id: str, grade: str | None, *, last_year: bool = False
) -> Change:
    if grade == UNGRADED:
        raise EditError("a pillar cannot be ungraded")
    _check_grade(inspection, grade)
    try:
        pillar: PillarAssessment = inspection.pillar(pillar_id)
    except KeyError:
        raise EditError(f"'{pillar_id}' is not a pillar of the framework") from None
    return _set(pillar, "last_year_grade" if last_year else "grade", grade)


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


def add_evidence(inspection: Inspection, item: EvidenceItem, index: int | None = None) -> Change:
    """Add an evidence item (at the end unless ``index``); the change says where it went."""
    _check_link(inspection, item.question_id, item.diagnostic_id)
    if index_of(inspection).get(item.id) is not None or any(e.id == item.id for e in inspection.evidence):
        raise EditError(f"evidence {item.id} is already recorded")
    count = len(inspection.evidence)
    position = count if index is None else _clamp(index, count + 1)
    return _insert(inspection, inspection, "evidence", position, item)


def delete_evidence(inspection: Inspection, evidence_id: uuid.UUID) -> list[Change]:
    """Remove an evidence item and every citation of it (citations first, then the item)."""
    position = _position(inspection.evidence, evidence_id)
    if position is None:
        raise EditError(f"no evidence {evidence_id}")
    changes = [
        _set(record, "evidence_ids", [e for e in record.evidence_ids if e != evidence_id])
        for record in inspection.citing_records()
        if evidence_id in record.evidence_ids
    ]
    changes.append(_remove(inspection, inspection, "evidence", position))
    return changes


def _evidence(inspection: Inspection, evidence_id: uuid.UUID) -> EvidenceItem:
    record = index_of(inspection).get(evidence_id)
    if not isinstance(record, EvidenceItem):
        try:
            record = inspection.evidence_item(evidence_id)
        except KeyError:
            raise EditError(f"no evidence {evidence_id}") from None
    return record


def update_evidence(inspection: Inspection, evidence_id: uuid.UUID, **changes: Any) -> list[Change]:
    """Change fields of an evidence item (including its question and diagnostic), a change per field."""
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
    return [_set(item, name, value) for name, value in checked.items()]


def cite(
    inspection: Inspection, record_id: uuid.UUID, evidence_id: uuid.UUID, position: int | None = None
) -> Change | None:
    """Make a finding cite an evidence item (at ``position`` of its citations, default last).

    Returns None when it already did (nothing changed).
    """
    record = find_record(inspection, record_id)
    if not isinstance(record, Cites):
        raise EditError(f"a {type(record).__name__} cannot cite evidence")
    _evidence(inspection, evidence_id)
    if evidence_id in record.evidence_ids:
        return None
    ids = list(record.evidence_ids)
    ids.insert(len(ids) if position is None else _clamp(position, len(ids) + 1), evidence_id)
    return _set(record, "evidence_ids", ids)


def uncite(inspection: Inspection, record_id: uuid.UUID, evidence_id: uuid.UUID) -> Change | None:
    """Remove a citation; None when there was none."""
    record = find_record(inspection, record_id)
    if not isinstance(record, Cites) or evidence_id not in record.evidence_ids:
        return None
    return _set(record, "evidence_ids", [e for e in record.evidence_ids if e != evidence_id])
