"""Who wrote what, in the window: "Written by Ann · last changed by Bob" on each finding's row and under
the evidence editor, for a team's file only.

:class:`Authorship` holds, for the open team file, what its last open or merge found
(:mod:`..storage.team_authors`): a merge's report brings it, or it is read off the GUI thread when the file
was opened without a sync. A document of a team file points to it (``document.authors``); a solo file's
and a sample's are None, so their rows make no label at all and look and behave as before. Your own edits
since the last sync show at once ("Last changed by Ann" on the record Ann just edited): the first edit of
a record marks it and updates that record's labels only; further keystrokes in it cost a dict look-up.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSize, Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from ..domain.changes import Change, ChangeKind
from ..storage.team_authors import Authors

if TYPE_CHECKING:
    from .document import InspectionDocument
    from .export_task import BackgroundTask


class Authorship(QObject):
    """The writers of every record of the open team file (none known: an empty line for each)."""

    #: the authors changed (after a sync, a merge or a reading of the file)
    changed = Signal()
    #: (record id): one record's writers changed (your own edit of it since the last sync)
    recordChanged = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._authors: dict[uuid.UUID, Authors] = {}
        self._path: Path | None = None
        self.task: BackgroundTask | None = None
        self._again = False
        #: Bumped by every :meth:`set`: a reading started before a merge brought newer authors is dropped.
        self._generation = 0
        self._reading = 0
        #: Who you are in the open team file (None: not following a document's edits).
        self.me: str | None = None
        #: Records you edited since the last sync: True for one you made, False for one you changed.
        self._mine: dict[uuid.UUID, bool] = {}

    def set(self, authors: Mapping[uuid.UUID, Authors], *, synced: bool = False) -> None:
        """The writers the file or a merge found; ``synced``: a sync that took your edits in (so the
        marks of your edits since the last one are done with), else they are laid over what was read."""
        self._generation += 1
        self._authors = dict(authors)
        if synced:
            self._mine.clear()
        for record_id, made in list(self._mine.items()):
            if made and record_id in authors:  # the file knows it: an undone delete brought it back
                made = self._mine[record_id] = False
            self._authors[record_id] = self._marked(record_id, made)
        self.changed.emit()

    def follow(self, document: InspectionDocument, me: str) -> None:
        """Mark ``me``'s edits of ``document`` as they are made (a team file's document)."""
        self.me = me
        document.changed.connect(self._edited)

    def _edited(self, change: Change) -> None:
        if self.me is None or change.kind in (ChangeKind.REMOVE, ChangeKind.MOVE):
            return
        record_id = change.record_id
        if record_id in self._mine:
            return  # marked at its first edit: a keystroke costs this look-up and no more
        if change.kind is ChangeKind.INSERT and record_id in self._authors:
            return  # an undone delete: the record is back as it was, nobody changed it
        made = change.kind is ChangeKind.INSERT
        self._mine[record_id] = made
        self._authors[record_id] = self._marked(record_id, made)
        self.recordChanged.emit(record_id)

    def _marked(self, record_id: uuid.UUID, made: bool) -> Authors:
        me = self.me
        known = self._authors.get(record_id)
        if made:
            return Authors(original=False, created_by=me, changed_by=())
        if known is None:  # its writers not read yet (the file still loading): you changed it last
            return Authors(original=True, created_by=None, changed_by=(me,))
        if not known.original and known.created_by == me:
            return replace(known, changed_by=())  # "Written by Ann": she wrote it and changed it last
        return replace(known, changed_by=(me,))

    def clear(self) -> None:
        """Another file is open: forget the last one's writers."""
        self._path = None
        self._again = False
        self.me = None
        self._mine.clear()
        if self._authors:
            self.set({})

    def line(self, record_id: uuid.UUID | None) -> str:
        """ "Written by Ann · last changed by Bob"; empty when the record's writers are not known (a record
        made since the last sync, or none) and for one from the original file that nobody has changed
        since (most records early on: a label on each would be noise)."""
        authors = self._authors.get(record_id) if record_id is not None else None
        if authors is None or (authors.original and not authors.changed_by):
            return ""
        changed = [self._name(name) for name in authors.changed_by]
        if authors.original:  # the names first: a narrow row cuts the end of the line off
            return self.tr("Last changed by %1").replace("%1", self._names(changed))
        first = self.tr("Written by %1").replace("%1", self._name(authors.created_by))
        if not changed or authors.changed_by == (authors.created_by,):
            return first
        return self.tr("%1 · last changed by %2").replace("%1", first).replace("%2", self._names(changed))

    def _name(self, name: str | None) -> str:
        return name if name is not None else self.tr("someone else")

    def _names(self, names: list[str]) -> str:
        if len(names) <= 1:
            return "".join(names)
        return self.tr("%1 and %2").replace("%1", ", ".join(names[:-1])).replace("%2", names[-1])

    # -- reading the file (when no merge brought them) ------------------------------------------------

    def read(self, path: Path) -> BackgroundTask | None:
        """Read the writers of the team file at ``path`` off the GUI thread (a second or so for 10,000
        items); a failure leaves the lines empty (the sync's own message says what is wrong)."""
        from .export_task import BackgroundTask

        self._path = path
        if self.task is not None:
            self._again = True  # read again when the one running ends: the file changed meanwhile
            return None

        def job(_progress: Any) -> Any:
            from ..storage.team import TeamError, written_by

            try:
                return path, written_by(path)
            except TeamError:
                return path, {}

        self._reading = self._generation
        task = BackgroundTask(job, self.tr("Who wrote what could not be read"), self)
        task.succeeded.connect(self._read)
        task.finished.connect(self._finished)
        self.task = task
        task.start()
        return task

    def _read(self, result: object) -> None:
        assert isinstance(result, tuple)  # what job returns: (path, authors)
        path, authors = result
        if path == self._path and self._reading == self._generation:
            self.set(authors)

    def _finished(self) -> None:
        task, self.task = self.task, None
        if task is not None:
            task.deleteLater()
        if self._again and self._path is not None:
            self._again = False
            self.read(self._path)

    def wait(self) -> None:
        if self.task is not None:
            self.task.wait()


class AuthorLabel(QLabel):
    """One record's writers in small grey text (hidden while they are not known), kept up to date."""

    def __init__(self, authorship: Authorship, record_id: uuid.UUID | None, parent: QWidget) -> None:
        super().__init__(parent)
        self._authorship = authorship
        self.record_id = record_id
        self.setObjectName("authorLine")
        self.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 0.9)
        self.setFont(font)
        # As narrow as the row makes it, the names cut short with "…" (the tooltip has them all): a long
        # "Written by … · last changed by …" must not widen the page.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        authorship.changed.connect(self.refresh)  # methods: disconnected when the label goes
        authorship.recordChanged.connect(self._record_changed)
        self.refresh()

    def minimumSizeHint(self) -> QSize:
        return QSize(0, super().minimumSizeHint().height())

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        area = self.contentsRect()
        shown = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, area.width())
        painter.drawText(area, int(self.alignment()), shown)

    def _record_changed(self, record_id: uuid.UUID) -> None:
        if record_id == self.record_id:
            self.refresh()

    def show_record(self, record_id: uuid.UUID | None) -> None:
        self.record_id = record_id
        self.refresh()

    def refresh(self) -> None:
        text = self._authorship.line(self.record_id)
        self.setText(text)
        self.setToolTip(
            self.tr("%1 (as of the last sync, with your edits since)").replace("%1", text) if text else ""
        )
        self.setVisible(bool(text))
