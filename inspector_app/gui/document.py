"""The open inspection in the GUI: the model, its file, its undo stack, and how changes reach the views.

Every edit is a domain operation (:mod:`..domain.editing`) whose change records an undo command keeps
(:mod:`.commands`); the command hands them to :meth:`InspectionDocument.announce`, which routes each to
the views that show its record or list (:attr:`routes`) and then emits :attr:`changed` once per change
for the few listeners that want everything (the judgement grid, the checks panel, the autosave guard). Views never learn who
made a change — an edit, an undo or a redo.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ..domain.blocks import Record
from ..domain.changes import Change
from ..domain.editing import EditError, find_record
from ..domain.inspection import Inspection
from ..storage.inspection_file import DiskVersion, disk_version, save_inspection
from .change_router import ChangeRouter

if TYPE_CHECKING:
    from .authorship import Authorship
    from .evidence_model import EvidenceTableModel


class InspectionDocument(QObject):
    #: (Change): any change at all, after the views that watch its record or list have seen it.
    changed = Signal(object)
    #: the file path changed (Save As)
    pathChanged = Signal()
    #: the undo stack moved (an edit, an undo, a redo)
    modified = Signal()
    #: (record id, field, cursor position): an undo or redo changed this; show it (-1: no cursor).
    revealRequested = Signal(uuid.UUID, str, int)
    #: (message): something the user should know that needs no dialog (the window's status bar shows it).
    notice = Signal(str)

    def __init__(
        self, inspection: Inspection, path: Path | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.inspection = inspection
        self._path = path
        #: Opened while someone else has the file: Save asks for another name.
        self.read_only = False
        #: The file as this window opened or last saved it: a save first checks that it is still so.
        self.disk_version: DiskVersion | None = disk_version(path) if path is not None else None
        self.routes = ChangeRouter(self.record)
        self.undo_stack = QUndoStack(self)
        self.undo_stack.indexChanged.connect(self.modified)
        self._evidence_model: EvidenceTableModel | None = None
        #: Who wrote what, for a team's file (set by the window's team actions); None for a solo file.
        self.authors: Authorship | None = None

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def display_name(self) -> str:
        return self._path.name if self._path else self.tr("Untitled inspection")

    def record(self, record_id: uuid.UUID) -> Record | None:
        """The record with this id, or None when it is not (or no longer) in the inspection."""
        try:
            return find_record(self.inspection, record_id)
        except EditError:
            return None

    def push(self, command: QUndoCommand) -> None:
        self.undo_stack.push(command)

    def announce(self, changes: Iterable[Change]) -> None:
        """Tell the views about changes just made to the model (commands call this; nothing else)."""
        for change in changes:
            self.routes.route(change)
            self.changed.emit(change)

    def evidence_model(self) -> EvidenceTableModel:
        """The one table model of the evidence, shared by every view of it (made on first use)."""
        if self._evidence_model is None:
            from .evidence_model import EvidenceTableModel

            self._evidence_model = EvidenceTableModel(self, self)
        return self._evidence_model

    def is_modified(self) -> bool:
        return not self.undo_stack.isClean()

    def save(self, path: Path | None = None) -> str:
        """Write the file (to ``path`` for Save As); raises InspectionFileError and then changes nothing.

        Returns a sentence for the user when there is something to know (saved without a backup), else "".
        """
        target = path or self._path
        if target is None:
            raise ValueError("an untitled document needs a path")
        note = save_inspection(self.inspection, target)
        self.disk_version = disk_version(target)
        if target != self._path:
            self._path = target
            self.pathChanged.emit()
        self.undo_stack.setClean()
        return note

    def changed_on_disk(self) -> bool:
        """Whether the file now holds something else than this window opened or last saved."""
        if self._path is None or self.disk_version is None:
            return False
        now = disk_version(self._path)
        if now is None:
            return False  # gone, or unreadable: saving puts it back
        if (now.size, now.mtime_ns) == (self.disk_version.size, self.disk_version.mtime_ns):
            return False
        return not now.same_content(self.disk_version)
