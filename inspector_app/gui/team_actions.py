"""File › Team: copies for team members, Sync, Send my changes…, Apply changes… — and sync on open and on
save — for the open inspection (issue 16; the work itself is :mod:`..storage.team`).

Every team operation runs on a worker thread (seconds on 10,000 items). One that writes the open file
first saves the window's unsaved edits; while it runs the page is greyed (no edit can slip in between),
and afterwards the merged inspection is reloaded into the window — the undo history is cleared, and the
status bar says so — and the document's record of the file on disk is renewed, so the next save does not
take the sync for someone else's change.

Sync on open and after each save runs in the background while the user goes on typing: the worker only
works the merge out (:func:`~..storage.team.prepare_sync`); the writing waits for the GUI thread, and is
dropped when an edit came meanwhile (the next save syncs again), so a sync never overwrites an edit. Its
failures are one calm status-bar message, never a dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QProgressBar

from ..storage.errors import InspectionFileError
from ..storage.inspection_file import FILE_SUFFIX, disk_version, team_on_disk
from ..storage.team_section import TeamSection
from .authorship import Authorship
from .document import InspectionDocument
from .navigator import NODE_ROLE

if TYPE_CHECKING:
    from ..domain.inspection import Inspection
    from ..storage.team import Choice, MergeReport, NamedConflict
    from .export_task import BackgroundTask
    from .main_window import MainWindow

CHANGES_FILTER = "Team changes (*.changes);;All files (*)"
INSPECTION_FILTER = "Inspections (*.inspection);;All files (*)"


@dataclass(frozen=True)
class _Failed:
    """A team operation that could not be done: a sentence for the user (nothing was written)."""

    message: str


def _guarded(job: Callable[[], Any]) -> Callable[[Any], Any]:
    """The job for a BackgroundTask: the storage layer's refusals come back as _Failed, not exceptions."""

    def run(_progress: Any) -> Any:
        from ..storage.change_file import ChangeFileError
        from ..storage.team import TeamError

        try:
            return job()
        except (TeamError, InspectionFileError, ChangeFileError) as error:
            return _Failed(str(error))

    return run


@dataclass
class _Running:
    task: BackgroundTask
    document: InspectionDocument
    generation: int
    background: bool
    done: Callable[[Any], None]


class TeamActions(QObject):
    """The Team submenu's actions and the one team operation running at a time."""

    #: the open file's team changed (a sync, a resolution, a copy made): the Team panel reads it again
    teamChanged = Signal()
    #: (running) a team operation started (True) or ended (False)
    runningChanged = Signal(bool)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.interaction = window.interaction
        #: The open file's team section as on disk (None: no team, or no file).
        self.team: TeamSection | None = None
        self._running: _Running | None = None
        self._generation = 0
        self._reloading = False
        #: The document whose edits bump _generation (the one shown).
        self._watched: InspectionDocument | None = None
        #: A save came while a background sync ran: sync again when it ends.
        self._again = False
        self._saving = False
        #: Who wrote what in the open team file: every merge's report brings it (see set_document).
        self.authors = Authorship(self)
        self.copy_action = self._action(self.tr("Make a &copy for a team member…"), self.make_copy)
        self.sync_action = self._action(self.tr("&Sync"), self.sync)
        self.send_action = self._action(self.tr("Send &my changes…"), self.send_changes)
        self.apply_action = self._action(self.tr("&Apply changes…"), self.apply_changes)
        self.menu = QMenu(self.tr("&Team"), window)
        self.menu.setToolTipsVisible(True)  # a greyed action says why
        self.menu.addActions([self.copy_action, self.sync_action, self.send_action, self.apply_action])
        self.progress = QProgressBar(window)
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(180)
        self.progress.setTextVisible(True)
        self.progress.setFormat(self.tr("Syncing…"))
        self.progress.setAccessibleName(self.tr("Team operation running"))
        window.statusBar().addPermanentWidget(self.progress)
        self.progress.hide()
        self.update_actions()

    def _action(self, text: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(slot)
        return action

    # -- the document ---------------------------------------------------------------------------------

    @property
    def document(self) -> InspectionDocument | None:
        return self._window.document

    @property
    def running(self) -> bool:
        """Any team operation is running (one the user asked for, or a sync in the background)."""
        return self._running is not None

    @property
    def busy(self) -> bool:
        """A team operation the user asked for is running (the page is greyed; saving waits)."""
        return self._running is not None and not self._running.background

    def set_document(self, document: InspectionDocument | None) -> None:
        """The window shows another document: note its team, and sync a team file just opened."""
        self._generation += 1
        self.team = team_on_disk(document.path) if document is not None and document.path else None
        old = self._watched
        if old is not None and old is not document and shiboken6.isValid(old):
            # The old document is deleted later, and its undo stack announces its end as one last index
            # change: heard here, it would count as an edit and drop the new file's sync.
            old.changed.disconnect(self._edited)
            old.undo_stack.indexChanged.disconnect(self._edited)
        self._watched = document
        if document is not None and document is not old:
            document.changed.connect(self._edited)
            document.undo_stack.indexChanged.connect(self._edited)
        if not self._reloading:  # a reload after a merge comes with the merge's authors
            self.authors.clear()
        if document is not None and self.team is not None:
            document.authors = self.authors
            self.authors.follow(document, self.team.member.name)
        self.update_actions()
        self.teamChanged.emit()
        if document is None or document.path is None or self.team is None or self._reloading:
            return
        if not document.read_only and not document.is_modified():
            self._start_sync(background=True)  # its report brings the authors
        if self._running is None:
            self.authors.read(document.path)

    def _edited(self, *_args: object) -> None:
        self._generation += 1

    def after_save(self) -> None:
        """The window saved: sync in the background (a team file only)."""
        document = self.document
        self._generation += 1
        self.team = team_on_disk(document.path) if document is not None and document.path else None
        self.update_actions()
        if self.team is None or document is None or document.read_only or self._saving:
            return
        if self._running is not None:
            self._again = True
            return
        self._start_sync(background=True)

    def wait(self) -> None:
        """The window is closing: let a running operation end (a sync's writing waits for the GUI)."""
        if self._running is not None:
            self._running.task.wait()
        self.authors.wait()

    def update_actions(self) -> None:
        document = self.document
        why = ""
        if self._running is not None and not self._running.background:
            why = self.tr("A team operation is running.")
        elif document is None:
            why = self.tr("Open an inspection first.")
        elif document.path is None:
            why = self.tr("Save the inspection first.")
        elif document.read_only:
            why = self.tr("The inspection is open read-only.")
        solo = self.tr("For a team's file: make a copy for a team member first.")
        copy_why = why or (
            self.tr("This is %1's copy: make copies from the parent file.").replace(
                "%1", self.team.member.name
            )
            if self.team is not None and self.team.is_copy
            else ""
        )
        team_why = why or ("" if self.team is not None else solo)
        for action, reason, tip in (
            (
                self.copy_action,
                copy_why,
                self.tr("A copy of this inspection for a member to work in offline"),
            ),
            (
                self.sync_action,
                team_why,
                self.tr("Merge the team's changes from the team folder, and leave yours there"),
            ),
            (self.send_action, team_why, self.tr("Your changes as one small file, to e-mail or carry")),
            (self.apply_action, team_why, self.tr("Merge a change file a member sent you")),
        ):
            action.setEnabled(not reason)
            action.setToolTip(reason or tip)
            action.setStatusTip(reason or tip)

    # -- the operations -------------------------------------------------------------------------------

    def _saved_first(self) -> bool:
        """Before a team operation that writes the file: the window's edits saved (or the user backed out)."""
        document = self.document
        if document is None or document.path is None:
            return False
        if not document.is_modified():
            return True
        self._saving = True  # the operation syncs itself: no background sync for this save
        try:
            saved = self._window.files.save()
        finally:
            self._saving = False
        return saved and not document.is_modified()

    def make_copy(self) -> BackgroundTask | None:
        document = self.document
        if document is None or document.path is None or self._running is not None:
            return None
        framework = document.inspection.framework
        questions = [
            (question.id, f"{framework.question_label(question.id)} {question.text}")
            for question in framework.questions()
        ]
        request = self.interaction.team_member(
            self._window, questions, None if self.team is not None else self.tr("Lead")
        )
        if request is None:
            return None
        suggested = document.path.with_name(f"{document.path.stem} ({request.member}){FILE_SUFFIX}")
        output = self.interaction.save_path(
            self._window,
            self.tr("Save %1's copy as").replace("%1", request.member),
            suggested,
            self.tr(INSPECTION_FILTER),
        )
        if output is None or not self._saved_first():
            return None
        if output.suffix != FILE_SUFFIX:
            output = output.with_name(output.name + FILE_SUFFIX)
        parent = document.path

        def job() -> Path:
            from ..storage.team import make_copy

            copy = make_copy(parent, request.member, output, questions=request.questions, lead=request.lead)
            return copy.folder

        def done(result: Any) -> None:
            if isinstance(result, _Failed):
                self.interaction.error(self._window, self.tr("Cannot make the copy"), result.message)
                return
            self._renew_disk_version()
            self._say(
                self.tr("Made %1's copy %2: give it to them. Their changes come back through %3.")
                .replace("%1", request.member)
                .replace("%2", output.name)
                .replace("%3", str(result))
            )

        return self._start(job, done, self.tr("Making the copy…"))

    def sync(self) -> BackgroundTask | None:
        """File › Team › Sync: save, merge the team folder's changes, write mine there, reload."""
        if self.team is None or self._running is not None or not self._saved_first():
            return None
        return self._start_sync(background=False)

    def _start_sync(self, *, background: bool) -> BackgroundTask | None:
        document = self.document
        if document is None or document.path is None:
            return None
        path = document.path

        def job() -> Any:
            from ..storage.team import prepare_sync

            return prepare_sync(path)

        def done(result: Any) -> None:
            if isinstance(result, _Failed):
                self._say(self.tr("Not synced: %1").replace("%1", result.message))
                self.authors.read(path)  # who wrote what as the file holds it
                return
            from ..storage.team import TeamError

            try:
                report = result.commit()
            except TeamError as error:
                self._say(self.tr("Not synced: %1").replace("%1", str(error)))
                self.authors.read(path)
                return
            self._merged(report, self.tr("Synced"))

        return self._start(job, done, self.tr("Syncing…"), background=background)

    def send_changes(self) -> BackgroundTask | None:
        document = self.document
        if document is None or document.path is None or self.team is None or self._running is not None:
            return None
        suggested = document.path.with_name(f"{document.path.stem} ({self.team.member.name}).changes")
        output = self.interaction.save_path(
            self._window, self.tr("Send my changes"), suggested, self.tr(CHANGES_FILTER)
        )
        if output is None or not self._saved_first():
            return None
        path = document.path

        def job() -> Path:
            from ..storage.team import export_changes

            return export_changes(path, output)

        def done(result: Any) -> None:
            if isinstance(result, _Failed):
                self.interaction.error(self._window, self.tr("Cannot write your changes"), result.message)
                return
            self._renew_disk_version()  # the history may have been brought up to date and written
            self._say(
                self.tr("Your changes are in %1: e-mail it or copy it to the lead.").replace(
                    "%1", str(result)
                )
            )

        return self._start(job, done, self.tr("Writing your changes…"))

    def apply_changes(self) -> BackgroundTask | None:
        document = self.document
        if document is None or document.path is None or self.team is None or self._running is not None:
            return None
        chosen = self.interaction.open_path(
            self._window, self.tr("Apply changes"), document.path.parent, self.tr(CHANGES_FILTER)
        )
        if chosen is None or not self._saved_first():
            return None
        path = document.path

        def job() -> MergeReport:
            from ..storage.team import apply_changes

            return apply_changes(path, chosen)

        def done(result: Any) -> None:
            if isinstance(result, _Failed):
                self.interaction.error(self._window, self.tr("Cannot apply the changes"), result.message)
                return
            self._merged(result, self.tr("Applied"))

        return self._start(job, done, self.tr("Applying the changes…"))

    def resolve(self, named: NamedConflict, choice: Choice) -> BackgroundTask | None:
        """Settle a conflict (the Team panel's Keep mine / Keep theirs / Edit…), then reload."""
        document = self.document
        if document is None or document.path is None or self._running is not None or not self._saved_first():
            return None
        path = document.path

        def job() -> MergeReport:
            from ..storage.team import resolve

            return resolve(path, named.conflict, choice)

        def done(result: Any) -> None:
            if isinstance(result, _Failed):
                self._say(self.tr("Not resolved: %1").replace("%1", result.message))
                return
            self._merged(result, self.tr("Resolved %1").replace("%1", named.place), count=False)

        return self._start(job, done, self.tr("Resolving…"))

    # -- running them ---------------------------------------------------------------------------------

    def _start(
        self, job: Callable[[], Any], done: Callable[[Any], None], label: str, *, background: bool = False
    ) -> BackgroundTask | None:
        from .export_task import BackgroundTask

        document = self.document
        if document is None or self._running is not None:
            return None
        task = BackgroundTask(_guarded(job), self.tr("The team operation failed"), self)
        self._running = _Running(task, document, self._generation, background, done)
        task.succeeded.connect(self._succeeded)
        task.failed.connect(self._task_failed)
        task.finished.connect(self._finished)
        self.progress.setFormat(label)
        self.progress.show()
        if not background and self._window.workspace is not None:
            self._window.workspace.setEnabled(False)  # no edit between the save and the reload
            self._window.undo_group.setActiveStack(None)  # type: ignore[arg-type]  # Qt takes None
        self.update_actions()
        self.runningChanged.emit(True)
        task.start()
        return task

    def _succeeded(self, result: object) -> None:
        running = self._running
        if running is None:
            return
        if running.document is not self.document:
            return  # another document is shown now: what was worked out is for a file no longer open
        if running.background and self._generation != running.generation:
            if not self._again:  # else it syncs again at once
                self._say(self.tr("Not synced yet: you were editing. The next save syncs."))
                if running.document.path is not None:
                    self.authors.read(running.document.path)
            return
        running.done(result)

    def _task_failed(self, message: str) -> None:
        self._say(message)

    def _finished(self) -> None:
        running = self._running
        self._running = None
        self.progress.hide()
        if running is not None:
            running.task.deleteLater()
            if not running.background and running.document is self.document:
                workspace = self._window.workspace
                if workspace is not None:
                    workspace.setEnabled(True)
                self._window.undo_group.setActiveStack(running.document.undo_stack)
        self.update_actions()
        self.runningChanged.emit(False)
        self.teamChanged.emit()
        if self._again:
            self._again = False
            self.after_save()

    # -- after a merge --------------------------------------------------------------------------------

    def _merged(self, report: MergeReport, verb: str, *, count: bool = True) -> None:
        """Show what a sync or an apply wrote: reload the merged inspection when it changed."""
        self.authors.set(report.authors, synced=True)  # before the reload, whose rows show them
        parts = []
        if report.changed and report.inspection is not None:
            self._reload(report.inspection)
            who = _names(sorted(set(report.merged)))
            parts.append(
                (self.tr("%1: the changes of %2 merged").replace("%1", verb).replace("%2", who))
                if count and who
                else verb
            )
            parts.append(self.tr("the undo history is cleared"))
        else:
            self._renew_disk_version()
            parts.append(self.tr("%1: nothing new to merge").replace("%1", verb) if count else verb)
        if report.conflicts:
            parts.append(
                self.tr("1 conflict to confirm in the Team panel")
                if report.conflicts == 1
                else self.tr("%1 conflicts to confirm in the Team panel").replace("%1", str(report.conflicts))
            )
        if report.refused:
            parts.append(
                self.tr("could not read %1").replace("%1", ", ".join(name for name, _ in report.refused))
            )
        message = "; ".join(parts) + "."
        details = [reason for _, reason in report.refused] + report.notes
        self._say(" ".join([message, *details]))

    def _reload(self, inspection: Inspection) -> None:
        """The merged inspection into the window, on the page it showed, holding the file's lock."""
        window = self._window
        old = window.document
        if old is None:
            return
        place = None
        if window.workspace is not None:
            node = window.workspace.navigator.currentIndex().data(NODE_ROLE)
            place = (node.kind, node.key) if node is not None else None
        guard = window.guard
        lock = guard.lock if guard is not None else None
        if guard is not None:
            guard.lock = None  # kept: the reloaded document holds it
        document = InspectionDocument(inspection, old.path)
        document.read_only = old.read_only
        self._reloading = True
        try:
            window.set_document(document, lock)
        finally:
            self._reloading = False
        if place is not None and window.workspace is not None:
            model = window.workspace.navigator_model
            found = model.find(*place)
            if found.isValid():
                window.workspace.navigator.setCurrentIndex(found)

    def _renew_disk_version(self) -> None:
        """The file was written by a team operation with what the window holds: so it is ours."""
        document = self.document
        if document is not None and document.path is not None:
            document.disk_version = disk_version(document.path)
        self.team = team_on_disk(document.path) if document is not None and document.path else None
        self.update_actions()

    def _say(self, message: str) -> None:
        self._window.statusBar().showMessage(message, 15000)


def _names(names: list[str]) -> str:
    """ "Ann", "Ann and Bob", "Ann, Bob and Carol"."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
