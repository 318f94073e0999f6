"""Undo commands: each is tiny, calls one domain editing operation in redo and its inverse in undo.

Typing in a field is one command that absorbs the following keystrokes in the same field (``mergeWith``), so
one Ctrl+Z undoes a burst of typing, not one character.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from ..domain import editing
from ..domain.blocks import Record
from ..domain.inspection import EvidenceItem
from .document import InspectionDocument

_MERGE_FIELD = 1
_MERGE_EVIDENCE = 2


def tr(text: str) -> str:
    return QCoreApplication.translate("commands", text)


class SetField(QUndoCommand):
    """Set a plain field of a record; consecutive edits of the same field merge into one step."""

    def __init__(
        self, document: InspectionDocument, record_id: uuid.UUID, field: str, value: Any, text: str = ""
    ) -> None:
        super().__init__(text or tr("Edit text"))
        self.document, self.record_id, self.field = document, record_id, field
        self.new = value
        self.old: Any = None

    def redo(self) -> None:
        self.old = editing.set_field(self.document.inspection, self.record_id, self.field, self.new)
        self.document.recordChanged.emit(self.record_id, self.field)

    def undo(self) -> None:
        editing.set_field(self.document.inspection, self.record_id, self.field, self.old)
        self.document.recordChanged.emit(self.record_id, self.field)

    def id(self) -> int:
        return _MERGE_FIELD

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetField) or (other.record_id, other.field) != (self.record_id, self.field):
            return False
        self.new = other.new
        return True


class SetGrade(QUndoCommand):
    def __init__(
        self, document: InspectionDocument, question_id: str, grade: str | None, *, last_year: bool = False
    ) -> None:
        super().__init__(tr("Change last year's grade") if last_year else tr("Change grade"))
        self.document, self.question_id, self.grade, self.last_year = document, question_id, grade, last_year
        self.old: str | None = None

    def redo(self) -> None:
        self.old = editing.set_grade(
            self.document.inspection, self.question_id, self.grade, last_year=self.last_year
        )
        self.document.gradeChanged.emit(self.question_id)

    def undo(self) -> None:
        editing.set_grade(self.document.inspection, self.question_id, self.old, last_year=self.last_year)
        self.document.gradeChanged.emit(self.question_id)


class SetPillarGrade(QUndoCommand):
    def __init__(
        self, document: InspectionDocument, pillar_id: str, grade: str | None, *, last_year: bool = False
    ) -> None:
        super().__init__(tr("Change overall grade"))
        self.document, self.pillar_id, self.grade, self.last_year = document, pillar_id, grade, last_year
        self.old: str | None = None

    def redo(self) -> None:
        self.old = editing.set_pillar_grade(
            self.document.inspection, self.pillar_id, self.grade, last_year=self.last_year
        )
        self.document.pillarGradeChanged.emit(self.pillar_id)

    def undo(self) -> None:
        editing.set_pillar_grade(self.document.inspection, self.pillar_id, self.old, last_year=self.last_year)
        self.document.pillarGradeChanged.emit(self.pillar_id)


class InsertRecord(QUndoCommand):
    def __init__(
        self,
        document: InspectionDocument,
        owner_id: uuid.UUID,
        field: str,
        index: int,
        record: Record,
        text: str = "",
    ) -> None:
        super().__init__(text or tr("Add"))
        self.document, self.owner_id, self.field, self.index, self.record = (
            document,
            owner_id,
            field,
            index,
            record,
        )

    def redo(self) -> None:
        editing.insert_record(self.document.inspection, self.owner_id, self.field, self.index, self.record)
        self.document.listChanged.emit(self.owner_id, self.field)

    def undo(self) -> None:
        editing.remove_record(self.document.inspection, self.owner_id, self.field, self.record.id)
        self.document.listChanged.emit(self.owner_id, self.field)


class RemoveRecord(QUndoCommand):
    def __init__(
        self,
        document: InspectionDocument,
        owner_id: uuid.UUID,
        field: str,
        record_id: uuid.UUID,
        text: str = "",
    ) -> None:
        super().__init__(text or tr("Delete"))
        self.document, self.owner_id, self.field, self.record_id = document, owner_id, field, record_id
        self.removed: tuple[int, Record] | None = None

    def redo(self) -> None:
        self.removed = editing.remove_record(
            self.document.inspection, self.owner_id, self.field, self.record_id
        )
        self.document.listChanged.emit(self.owner_id, self.field)

    def undo(self) -> None:
        assert self.removed is not None
        index, record = self.removed
        editing.insert_record(self.document.inspection, self.owner_id, self.field, index, record)
        self.document.listChanged.emit(self.owner_id, self.field)


class MoveRecord(QUndoCommand):
    def __init__(
        self,
        document: InspectionDocument,
        owner_id: uuid.UUID,
        field: str,
        record_id: uuid.UUID,
        to_index: int,
    ) -> None:
        super().__init__(tr("Move"))
        self.document, self.owner_id, self.field, self.record_id, self.to_index = (
            document,
            owner_id,
            field,
            record_id,
            to_index,
        )
        self.from_index = 0

    def redo(self) -> None:
        self.from_index = editing.move_record(
            self.document.inspection, self.owner_id, self.field, self.record_id, self.to_index
        )
        self.document.listChanged.emit(self.owner_id, self.field)

    def undo(self) -> None:
        editing.move_record(
            self.document.inspection, self.owner_id, self.field, self.record_id, self.from_index
        )
        self.document.listChanged.emit(self.owner_id, self.field)


class AddEvidence(QUndoCommand):
    def __init__(
        self, document: InspectionDocument, item: EvidenceItem, index: int | None = None, text: str = ""
    ) -> None:
        super().__init__(text or tr("Add evidence"))
        self.document, self.item, self.index = document, item, index
        self.row = 0

    def redo(self) -> None:
        self.row = editing.add_evidence(self.document.inspection, self.item, self.index)
        self.document.evidenceInserted.emit(self.row)

    def undo(self) -> None:
        editing.delete_evidence(self.document.inspection, self.item.id)
        self.document.evidenceRemoved.emit(self.row)


class DeleteEvidence(QUndoCommand):
    """Deletes an item and its citations; undo restores both exactly."""

    def __init__(self, document: InspectionDocument, evidence_id: uuid.UUID) -> None:
        super().__init__(tr("Delete evidence"))
        self.document, self.evidence_id = document, evidence_id
        self.deleted: editing.DeletedEvidence | None = None

    def redo(self) -> None:
        self.deleted = editing.delete_evidence(self.document.inspection, self.evidence_id)
        self.document.evidenceRemoved.emit(self.deleted.index)
        self._announce_citations()

    def undo(self) -> None:
        assert self.deleted is not None
        editing.restore_evidence(self.document.inspection, self.deleted)
        self.document.evidenceInserted.emit(self.deleted.index)
        self._announce_citations()

    def _announce_citations(self) -> None:
        assert self.deleted is not None
        for record_id, _position in self.deleted.citations:
            self.document.recordChanged.emit(record_id, "evidence_ids")


class UpdateEvidence(QUndoCommand):
    """Change fields of an evidence item; typing in one field merges like SetField."""

    def __init__(self, document: InspectionDocument, evidence_id: uuid.UUID, /, **changes: Any) -> None:
        """``changes`` are field values (``text`` included); set a custom undo label with setText()."""
        super().__init__(tr("Edit evidence"))
        self.document, self.evidence_id, self.changes = document, evidence_id, changes
        self.old: dict[str, Any] = {}

    def redo(self) -> None:
        self.old = editing.update_evidence(self.document.inspection, self.evidence_id, **self.changes)
        self.document.evidenceChanged.emit(self.evidence_id, sorted(self.old))

    def undo(self) -> None:
        editing.update_evidence(self.document.inspection, self.evidence_id, **self.old)
        self.document.evidenceChanged.emit(self.evidence_id, sorted(self.old))

    def id(self) -> int:
        return _MERGE_EVIDENCE

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, UpdateEvidence) or other.evidence_id != self.evidence_id:
            return False
        if set(other.changes) != set(self.changes) or len(self.changes) != 1:
            return False
        self.changes = other.changes
        return True


class Cite(QUndoCommand):
    def __init__(self, document: InspectionDocument, record_id: uuid.UUID, evidence_id: uuid.UUID) -> None:
        super().__init__(tr("Cite evidence"))
        self.document, self.record_id, self.evidence_id = document, record_id, evidence_id
        self.added = False

    def redo(self) -> None:
        self.added = editing.cite(self.document.inspection, self.record_id, self.evidence_id)
        self.document.recordChanged.emit(self.record_id, "evidence_ids")

    def undo(self) -> None:
        if self.added:
            editing.uncite(self.document.inspection, self.record_id, self.evidence_id)
        self.document.recordChanged.emit(self.record_id, "evidence_ids")


class Uncite(QUndoCommand):
    def __init__(self, document: InspectionDocument, record_id: uuid.UUID, evidence_id: uuid.UUID) -> None:
        super().__init__(tr("Remove citation"))
        self.document, self.record_id, self.evidence_id = document, record_id, evidence_id
        self.position: int | None = None

    def redo(self) -> None:
        self.position = editing.uncite(self.document.inspection, self.record_id, self.evidence_id)
        self.document.recordChanged.emit(self.record_id, "evidence_ids")

    def undo(self) -> None:
        if self.position is not None:
            editing.cite(self.document.inspection, self.record_id, self.evidence_id, self.position)
        self.document.recordChanged.emit(self.record_id, "evidence_ids")
