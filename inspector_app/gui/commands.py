"""Undo commands: each runs one domain editing operation and keeps the change records it returned.

``redo`` runs the operation the first time and announces its changes; ``undo`` reverts them (latest
first) and announces the inverse changes; a later ``redo`` reverts those. So every command undoes exactly
what its operation did, whatever it was, and a command whose operation changed nothing leaves the stack.

Typing is :class:`TypingCommand`: keystrokes in one field merge while they belong to one *burst* (the
editor decides: a pause, a cursor moved elsewhere, the field left, a word ended in a long burst), as
Word's undo does; undo puts the cursor back where the burst began.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from ..domain import editing
from ..domain.blocks import FigureImage, Record
from ..domain.changes import Change, ChangeKind
from ..domain.inspection import EvidenceItem, Inspection
from .document import InspectionDocument

Operation = Callable[[Inspection], Change | list[Change] | None]

_TYPING = 1


def tr(text: str) -> str:
    return QCoreApplication.translate("commands", text)


class EditCommand(QUndoCommand):
    """One step of the undo stack: the changes of one operation (or of several, for a macro-like edit)."""

    def __init__(self, document: InspectionDocument, text: str, operation: Operation) -> None:
        super().__init__(text)
        self.document = document
        self._operation: Operation | None = operation
        #: The changes now in effect (after redo) or the inverse changes now in effect (after undo).
        self.changes: list[Change] = []
        self._cursor_undo = -1
        self._cursor_redo = -1

    def redo(self) -> None:
        if self._operation is not None:
            result = self._operation(self.document.inspection)
            self._operation = None
            self.changes = [] if result is None else [result] if isinstance(result, Change) else list(result)
            if not self.changes:
                self.setObsolete(True)  # nothing changed: the stack drops it
                return
            self.document.announce(self.changes)
            return
        self._revert(self._cursor_redo)

    def undo(self) -> None:
        self._revert(self._cursor_undo)

    def _revert(self, cursor: int) -> None:
        inspection = self.document.inspection
        self.changes = [editing.revert(inspection, change) for change in reversed(self.changes)]
        self.document.announce(self.changes)
        record_id, field = _place_of(self.changes[-1])
        self.document.revealRequested.emit(record_id, field, cursor)


def _place_of(change: Change) -> tuple[uuid.UUID, str]:
    """What to show after an undo or redo: the record set, inserted or moved, or the list it left."""
    if change.kind is ChangeKind.SET:
        return change.record_id, change.field
    if change.kind is ChangeKind.REMOVE:
        assert change.owner_id is not None
        return change.owner_id, change.field
    return change.record_id, ""


class TypingCommand(EditCommand):
    """Typing in one text field; merges with the next keystroke of the same burst."""

    def __init__(
        self,
        document: InspectionDocument,
        text: str,
        operation: Operation,
        *,
        record_id: uuid.UUID,
        field: str,
        burst: int,
        cursor_before: int = -1,
        cursor_after: int = -1,
    ) -> None:
        super().__init__(document, text, operation)
        self.record_id, self.field, self.burst = record_id, field, burst
        self._cursor_undo, self._cursor_redo = cursor_before, cursor_after

    def id(self) -> int:
        return _TYPING

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (
            isinstance(other, TypingCommand)
            and (other.record_id, other.field, other.burst) == (self.record_id, self.field, self.burst)
            and self.changes
        ):
            return False
        # Our changes keep the value before the burst; the other's edit is already in the model.
        self._cursor_redo = other._cursor_redo
        record = self.document.record(self.record_id)
        first = next(c for c in self.changes if c.field == self.field)
        if record is not None and getattr(record, self.field) == first.old:
            self.setObsolete(True)  # typed and deleted back to where the burst began
        return True


def push_typing(
    document: InspectionDocument,
    text: str,
    operation: Operation,
    *,
    record_id: uuid.UUID,
    field: str,
    burst: int,
    cursor_before: int = -1,
    cursor_after: int = -1,
) -> None:
    document.push(
        TypingCommand(
            document,
            text,
            operation,
            record_id=record_id,
            field=field,
            burst=burst,
            cursor_before=cursor_before,
            cursor_after=cursor_after,
        )
    )


# -- the operations as commands (call sites read as what they do) -----------------------------------


def SetField(  # noqa: N802 - reads as a command class at call sites
    document: InspectionDocument, record_id: uuid.UUID, field: str, value: Any, text: str = ""
) -> EditCommand:
    return EditCommand(
        document, text or tr("Edit text"), lambda i: editing.set_field(i, record_id, field, value)
    )


def SetFigureImage(  # noqa: N802
    document: InspectionDocument, figure_id: uuid.UUID, image: FigureImage | None
) -> EditCommand:
    """Give a figure its image, replace it, or take it away (None); the caller has checked the image
    (:func:`~..domain.editing.check_figure_image`)."""
    return EditCommand(
        document,
        tr("Remove image") if image is None else tr("Set image"),
        lambda i: editing.set_figure_image(i, figure_id, image),
    )


def SetGrade(  # noqa: N802
    document: InspectionDocument, question_id: str, grade: str | None, *, last_year: bool = False
) -> EditCommand:
    return EditCommand(
        document,
        tr("Change last year's grade") if last_year else tr("Change grade"),
        lambda i: editing.set_grade(i, question_id, grade, last_year=last_year),
    )


def SetCarriedOver(  # noqa: N802
    document: InspectionDocument, question_id: str, carried: bool
) -> EditCommand:
    return EditCommand(
        document,
        tr("Carry over last year's judgement") if carried else tr("Stop carrying over last year's judgement"),
        lambda i: editing.set_carried_over(i, question_id, carried),
    )


def SetPillarGrade(  # noqa: N802
    document: InspectionDocument, pillar_id: str, grade: str | None, *, last_year: bool = False
) -> EditCommand:
    return EditCommand(
        document,
        tr("Change last year's overall grade") if last_year else tr("Change overall grade"),
        lambda i: editing.set_pillar_grade(i, pillar_id, grade, last_year=last_year),
    )


def InsertRecord(  # noqa: N802
    document: InspectionDocument, owner_id: uuid.UUID, field: str, index: int, record: Record, text: str = ""
) -> EditCommand:
    return EditCommand(
        document, text or tr("Add"), lambda i: editing.insert_record(i, owner_id, field, index, record)
    )


def RemoveRecord(  # noqa: N802
    document: InspectionDocument, owner_id: uuid.UUID, field: str, record_id: uuid.UUID, text: str = ""
) -> EditCommand:
    return EditCommand(
        document, text or tr("Delete"), lambda i: editing.remove_record(i, owner_id, field, record_id)
    )


def MoveRecord(  # noqa: N802
    document: InspectionDocument,
    owner_id: uuid.UUID,
    field: str,
    record_id: uuid.UUID,
    to_index: int,
    text: str = "",
) -> EditCommand:
    return EditCommand(
        document, text or tr("Move"), lambda i: editing.move_record(i, owner_id, field, record_id, to_index)
    )


def AddEvidence(  # noqa: N802
    document: InspectionDocument, item: EvidenceItem, index: int | None = None, text: str = ""
) -> EditCommand:
    return EditCommand(document, text or tr("Add evidence"), lambda i: editing.add_evidence(i, item, index))


def DeleteEvidence(document: InspectionDocument, evidence_id: uuid.UUID) -> EditCommand:  # noqa: N802
    """Deletes an item and its citations; undo restores both exactly."""
    return EditCommand(document, tr("Delete evidence"), lambda i: editing.delete_evidence(i, evidence_id))


def UpdateEvidence(document: InspectionDocument, evidence_id: uuid.UUID, /, **changes: Any) -> EditCommand:  # noqa: N802
    """Change fields of an evidence item (``text`` included); set another undo label with setText()."""
    return EditCommand(
        document, tr("Edit evidence"), lambda i: editing.update_evidence(i, evidence_id, **changes)
    )


def update_evidence(
    document: InspectionDocument, evidence_id: uuid.UUID, changes: dict[str, Any], label: str = ""
) -> EditCommand:
    """An UpdateEvidence command for ``changes`` with the undo label ``label`` (the default when empty).

    The changes come as a dict because an evidence item has a field called ``text``.
    """
    command = UpdateEvidence(document, evidence_id, **changes)
    if label:
        command.setText(label)
    return command


def Cite(document: InspectionDocument, record_id: uuid.UUID, evidence_id: uuid.UUID) -> EditCommand:  # noqa: N802
    return EditCommand(document, tr("Cite evidence"), lambda i: editing.cite(i, record_id, evidence_id))


def Uncite(document: InspectionDocument, record_id: uuid.UUID, evidence_id: uuid.UUID) -> EditCommand:  # noqa: N802
    return EditCommand(document, tr("Remove citation"), lambda i: editing.uncite(i, record_id, evidence_id))
