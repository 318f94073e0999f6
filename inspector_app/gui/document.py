"""The open inspection in the GUI: the model, its file, its undo stack, and signals that say what changed.

Every edit goes through :meth:`InspectionDocument.push` as a command from :mod:`.commands`; the commands call
the domain's editing operations and then announce the change with one of the signals below, so views
refresh what they show without knowing who changed it (an edit, an undo or a redo).
"""

from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ..domain.inspection import Inspection
from ..storage.inspection_file import save_inspection


class InspectionDocument(QObject):
    #: (record id, field name): a field of one record changed.
    recordChanged = Signal(uuid.UUID, str)
    #: (owner record id, list field name): records were inserted, removed or moved in a list.
    listChanged = Signal(uuid.UUID, str)
    #: (question id): a question's grade or last year's grade changed.
    gradeChanged = Signal(str)
    #: (pillar id): a pillar's grade changed.
    pillarGradeChanged = Signal(str)
    #: (row): an evidence item was inserted at this row of inspection.evidence.
    evidenceInserted = Signal(int)
    #: (row): the evidence item at this row was removed.
    evidenceRemoved = Signal(int)
    #: (evidence id, field names): fields of an evidence item changed.
    evidenceChanged = Signal(uuid.UUID, list)
    #: the file path changed (Save As)
    pathChanged = Signal()
    #: anything changed at all (for cheap "refresh the summary" listeners)
    modified = Signal()

    def __init__(
        self, inspection: Inspection, path: Path | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.inspection = inspection
        self._path = path
        #: Opened while someone else has the file: Save asks for another name.
        self.read_only = False
        self.undo_stack = QUndoStack(self)
        self.undo_stack.indexChanged.connect(self.modified)

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def display_name(self) -> str:
        return self._path.name if self._path else self.tr("Untitled inspection")

    def push(self, command: QUndoCommand) -> None:
        self.undo_stack.push(command)

    def is_modified(self) -> bool:
        return not self.undo_stack.isClean()

    def save(self, path: Path | None = None) -> None:
        """Write the file (to ``path`` for Save As); raises InspectionFileError and then changes nothing."""
        target = path or self._path
        if target is None:
            raise ValueError("an untitled document needs a path")
        save_inspection(self.inspection, target)
        if target != self._path:
            self._path = target
            self.pathChanged.emit()
        self.undo_stack.setClean()
