"""The file flows of the main window: new, open, open a sample, save, save as, recent files, close.

:class:`FileActions` asks what it must through the window's :class:`~.interaction.Interaction` — the
unsaved-changes question before a document goes, where to open or save, someone else holding the file's
lock, the recovery copies a crash left — and hands the document it opened to
:meth:`MainWindow.set_document <.main_window.MainWindow.set_document>`, which shows it. A file that cannot
be read or written ends in a dialog with the storage layer's plain-language message, never a traceback;
a failed save keeps the document as it was and offers another place.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from .. import bundled, framework_store
from ..domain.compare import differences
from ..domain.inspection import new_inspection
from ..storage import lock as locks
from ..storage.atomic import atomic_write_bytes, through_links
from ..storage.backups import DEFAULT_KEEP, Backup, list_backups
from ..storage.errors import InspectionFileError
from ..storage.inspection_file import FILE_SUFFIX, load_inspection, loads_inspection
from ..storage.lock import describe_time
from ..storage.recovery import list_recoveries, recoveries_for, take_set_aside
from .document import InspectionDocument
from .interaction import Answer
from .recovery_prompts import Cancelled, ask_about_recovery, lock_for_opening

if TYPE_CHECKING:
    from .main_window import MainWindow
    from .safety import DocumentGuard

FILE_FILTER = "Inspections (*.inspection);;All files (*)"
FRAMEWORK_FILTER = "Frameworks (*.json);;All files (*)"


class FileActions(QObject):
    """Opens documents into ``window`` and saves its document; each flow returns whether it went through."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.interaction, self.settings = window.interaction, window.settings

    @property
    def document(self) -> InspectionDocument | None:
        return self._window.document

    @property
    def guard(self) -> DocumentGuard | None:
        return self._window.guard

    def may_replace_document(self) -> bool:
        """True when the open document may go: unchanged, saved, or the user chose to discard it."""
        if self.document is None or not self.document.is_modified():
            return True
        answer = self.interaction.confirm_discard(self._window, self.document.display_name)
        if answer is Answer.SAVE:
            return self.save()
        return answer is Answer.DISCARD

    def new_inspection(self) -> bool:
        if not self.may_replace_document():
            return False
        library = framework_store.library()
        if library.problems:  # a damaged file in a frameworks folder: said, never in the way
            self._window.statusBar().showMessage(" ".join(library.problems), 15000)
        offered = [entry.framework for _programme, entries in library.grouped() for entry in entries]
        request = self.interaction.new_inspection(self._window, offered)
        if request is None:
            return False
        chosen = library.get(request.framework_id)
        if chosen is None:
            return False
        inspection = new_inspection(
            chosen.framework.model_copy(deep=True),
            request.force_name,
            request.force_short_name,
            authors=request.authors,
            fieldwork_start=request.fieldwork_start,
            fieldwork_end=request.fieldwork_end,
        )
        self._window.set_document(InspectionDocument(inspection))
        return True

    def import_framework(self) -> bool:
        """Ask for a framework file, check it and add it to the frameworks File › New offers."""
        path = self.interaction.open_path(
            self._window, self.tr("Import framework"), self.settings.last_folder(), self.tr(FRAMEWORK_FILTER)
        )
        if path is None:
            return False
        try:
            imported = framework_store.import_framework(path)
        except framework_store.FrameworkFileError as error:
            self.interaction.error(self._window, self.tr("Cannot import this framework"), str(error))
            return False
        framework = imported.entry.framework
        text = (
            self.tr("“%1” (version %2, %3 questions) is now offered in File › New.")
            .replace("%1", framework.title)
            .replace("%2", framework.version)
            .replace("%3", str(len(framework.questions())))
        )
        if imported.replaced is not None:
            text += " " + (
                self.tr("It replaces the copy of it you imported before.")
                if imported.replaced.version == framework.version
                else self.tr("It replaces version %1, which you imported before.").replace(
                    "%1", imported.replaced.version
                )
            )
        if imported.shadowed_by is not None:
            text = (
                self.tr(
                    "“%1” (version %2) is saved, but File › New offers version %3 from %4, which is later."
                )
                .replace("%1", framework.title)
                .replace("%2", framework.version)
                .replace("%3", imported.shadowed_by.framework.version)
                .replace("%4", imported.shadowed_by.origin.value)
            )
        self.interaction.inform(self._window, self.tr("Framework imported"), text)
        return True

    def open_dialog(self) -> bool:
        path = self.interaction.open_path(
            self._window, self.tr("Open inspection"), self.settings.last_folder(), self.tr(FILE_FILTER)
        )
        return self.open_path(path) if path is not None else False

    def open_path(self, path: Path) -> bool:
        path = Path(path)
        if (
            self.document is not None
            and self.document.path is not None
            and self.document.path.resolve() == path.resolve()
        ):
            return True
        if not self.may_replace_document():
            return False
        try:
            inspection = load_inspection(path)
        except InspectionFileError as error:
            self.interaction.error(self._window, self.tr("Cannot open the file"), str(error))
            return False
        try:
            lock, read_only = self._lock_for_opening(path)
        except Cancelled:
            return False
        document = InspectionDocument(inspection, path)
        document.read_only = read_only
        recovered = self._offer_recovery_of(path, document)
        if recovered is not None:
            document.deleteLater()  # not shown: deleted here, on the GUI thread, not by the collector
        self.settings.add_recent(path)
        self.settings.mark_has_run()
        self._window.set_document(recovered or document, lock)
        return True

    def _lock_for_opening(self, path: Path) -> tuple[locks.Lock | None, bool]:
        """The lock for ``path`` and whether to open read-only; raises Cancelled when the user backs out."""
        lock, read_only, note = lock_for_opening(self._window, self.interaction, path)
        if note:
            self._window.statusBar().showMessage(note, 10000)
        return lock, read_only

    def _tell_of_damaged_copies(self) -> None:
        """Recovery copies that could not be read were set aside (storage/recovery.py): say where, once."""
        damaged = take_set_aside()
        if damaged:
            what = (
                self.tr("A recovery copy of unsaved work could not be read: it is damaged. It was kept")
                if len(damaged) == 1
                else self.tr(
                    "%1 recovery copies of unsaved work could not be read: they are damaged. They were kept"
                ).replace("%1", str(len(damaged)))
            )
            self.interaction.inform(
                self._window,
                self.tr("A recovery copy could not be read"),
                what
                + self.tr(
                    ", untouched, in %1 in case someone can rescue it; Inspector will not offer or overwrite it."
                ).replace("%1", str(damaged[0].parent)),
            )

    def _offer_recovery_of(self, path: Path, opened: InspectionDocument) -> InspectionDocument | None:
        """A crash left unsaved changes to ``path``: restore them, keep them aside, or discard them."""
        recoveries = recoveries_for(path)
        self._tell_of_damaged_copies()
        for recovery in recoveries:
            if recovery.writer_running():
                continue
            document = ask_about_recovery(
                self._window, self.interaction, self.settings, recovery, opened_path=path
            )
            if document is not None:
                document.read_only = opened.read_only
                return document
        return None

    def offer_recoveries(self) -> bool:
        """At start-up: offer what a crash left behind. True when a recovered inspection was opened."""
        recoveries = list_recoveries(include_running=False)
        self._tell_of_damaged_copies()
        for recovery in recoveries:
            document = ask_about_recovery(self._window, self.interaction, self.settings, recovery)
            if document is not None:
                lock = None
                if document.path is not None:
                    try:
                        lock, document.read_only = self._lock_for_opening(document.path)
                    except Cancelled:
                        document.deleteLater()  # not shown (see open_path)
                        return False
                self._window.set_document(document, lock)
                return True
        return False

    def open_sample(self, name: str) -> bool:
        """A sample opens as an untitled copy, so saving never writes inside the installed app."""
        if not self.may_replace_document():
            return False
        try:
            inspection = loads_inspection(bundled.sample(name).read_bytes(), name)
        except (InspectionFileError, bundled.UnknownResourceError) as error:
            self.interaction.error(self._window, self.tr("Cannot open the sample"), str(error))
            return False
        self.settings.mark_has_run()
        self._window.set_document(InspectionDocument(inspection))
        return True

    def save(self) -> bool:
        if self.document is None or self._team_busy():
            return False
        if self.document.path is None or self.document.read_only:
            return self.save_as()
        return self._save_to(self.document.path)

    def save_as(self) -> bool:
        if self.document is None or self._team_busy():
            return False
        inspection = self.document.inspection
        suggested = (
            self.document.path
            or self.settings.last_folder()
            / f"{inspection.force.short} {inspection.framework.title}{FILE_SUFFIX}"
        )
        path = self.interaction.save_path(
            self._window, self.tr("Save inspection as"), suggested, self.tr(FILE_FILTER)
        )
        if path is None:
            return False
        if path.suffix != FILE_SUFFIX:
            path = path.with_name(path.name + FILE_SUFFIX)
        return self._save_to(path)

    def _save_to(self, path: Path) -> bool:
        assert self.document is not None and self.guard is not None
        new_place = (
            self.document.path is None
            or path.resolve() != self.document.path.resolve()
            or self.document.read_only
        )
        if not new_place:
            decision = self._check_still_ours(path)
            if decision == "copy":
                return self.save_as()
            if decision == "cancel":
                return False
        new_lock = None
        if new_place:
            try:
                new_lock = locks.acquire(path)
            except locks.LockedError as error:
                self.interaction.error(
                    self._window, self.tr("Cannot save"), str(error) + " " + self.tr("Choose another name.")
                )
                return False
            except locks.LockFailedError:
                new_lock = None  # an unlockable folder still takes the file
        try:
            note = self.document.save(path)
        except InspectionFileError as error:
            if new_lock is not None:
                new_lock.release()
            # The document keeps its content and modified state; offer another place.
            self.interaction.error(self._window, self.tr("Cannot save"), str(error))
            if self.interaction.confirm(
                self._window,
                self.tr("Save elsewhere?"),
                self.tr("Save the inspection under another name or in another folder?"),
            ):
                return self.save_as()
            return False
        if new_place:
            self.guard.release_lock()
            self.guard.lock = new_lock
            self.document.read_only = False
            self._window.update_title()
        self.settings.add_recent(path)
        self._window.statusBar().showMessage(note or self.tr("Saved %1").replace("%1", str(path)), 8000)
        self._window.team.after_save()  # a team's file syncs in the background
        return True

    def _team_busy(self) -> bool:
        """A team operation is writing the file: a save now could undo its merge."""
        if self._window.team.busy:
            self._window.statusBar().showMessage(
                self.tr("Wait a moment: the team operation is running."), 5000
            )
            return True
        return False

    def _check_still_ours(self, path: Path) -> str:
        """Before saving in place: is the file still the version this window opened or saved, and the lock
        still ours? If not, ask — "replace", "copy" (Save As) or "cancel" — rather than overwrite."""
        assert self.document is not None and self.guard is not None
        lock = self.guard.lock
        owner = locks.read_owner(path) if lock is not None and not lock.still_ours() else None
        # A lock file that is gone (its folder vanished, someone tidied up) is nobody's: save on.
        if not self.document.changed_on_disk() and owner is None:
            return "replace"
        if owner is not None:
            who = locks.describe_owner(owner)
            why = self.tr("Someone else has taken over the file (%1) since you opened it.").replace("%1", who)
        else:
            why = self.tr(
                "The file on disk has been changed by another window or program since you opened it."
            )
        while True:
            choice = self.interaction.choose(
                self._window,
                self.tr("The file has changed"),
                why + "\n" + self.tr("Replacing it loses what they saved; a copy keeps both."),
                [self.tr("Save as a copy…"), self.tr("Replace it"), self.tr("Show what differs")],
            )
            if choice == 0:
                return "copy"
            if choice == 1:
                return "replace"
            if choice != 2:
                return "cancel"
            self.interaction.inform(self._window, self.tr("What differs"), self._what_differs(path))

    def _what_differs(self, path: Path) -> str:
        assert self.document is not None
        try:
            theirs = load_inspection(path)
        except InspectionFileError as error:
            return str(error)
        lines = differences(self.document.inspection, theirs)
        return "\n".join(
            [self.tr("The file on disk, compared with this window:"), *(f"• {line}" for line in lines)]
            if lines
            else [self.tr("The file on disk holds the same inspection as this window.")]
        )

    def previous_versions(self) -> bool:
        """File › Previous versions…: the versions each save kept (when, who saved them); the one picked is
        restored as a copy beside the file and opened on request. True when a copy was made."""
        document = self.document
        if document is None:
            return False
        if document.path is None:
            self.interaction.inform(
                self._window,
                self.tr("Previous versions"),
                self.tr("This inspection has not been saved yet, so there are no earlier versions of it."),
            )
            return False
        backups = list_backups(through_links(document.path))
        if not backups:
            self.interaction.inform(
                self._window,
                self.tr("Previous versions"),
                self.tr(
                    "No earlier version of %1 is kept yet. Each save keeps the version it replaces (the last %2)."
                )
                .replace("%1", document.display_name)
                .replace("%2", str(DEFAULT_KEEP)),
            )
            return False
        items = [self._describe_backup(backup) for backup in backups]
        picked = self.interaction.pick(
            self._window,
            self.tr("Previous versions"),
            self.tr("Earlier versions of %1, newest first. The one you pick is restored as a copy:").replace(
                "%1", document.display_name
            ),
            items,
        )
        if picked is None:
            return False
        backup = backups[picked]
        when = backup.modified.astimezone().strftime("%Y-%m-%d %H.%M")
        target = _free_name(document.path.with_name(f"{document.path.stem} (version of {when}){FILE_SUFFIX}"))
        try:
            atomic_write_bytes(target, backup.path.read_bytes())
        except OSError as error:
            self.interaction.error(self._window, self.tr("Cannot restore the version"), str(error))
            return False
        if self.interaction.confirm(
            self._window,
            self.tr("Version restored"),
            self.tr("That version was saved as %1, beside the file. Open it now?").replace("%1", str(target)),
        ):
            self.open_path(target)
        return True

    def _describe_backup(self, backup: Backup) -> str:
        saved = describe_time(backup.modified)
        who = self.tr(" by %1").replace("%1", backup.author) if backup.author else ""
        return (
            self.tr("Saved %1%2 (%3 KB)")
            .replace("%1", saved)
            .replace("%2", who)
            .replace("%3", f"{max(1, backup.size // 1024):,}")
        )

    def close_document(self) -> bool:
        if not self.may_replace_document():
            return False
        self._window.set_document(None)
        return True

    def fill_recent_menu(self, menu: QMenu) -> None:
        """Fill Open Recent as it opens: the recent files, most recent first."""
        menu.clear()
        recent = self.settings.recent_files()
        for number, path in enumerate(recent, start=1):
            action = menu.addAction(f"&{number} {path.name}")
            action.setToolTip(str(path))
            action.setData(str(path))
        if not recent:
            menu.addAction(self.tr("No recent files")).setEnabled(False)

    def open_recent(self, action: QAction) -> None:
        """An entry of Open Recent was chosen (QMenu.triggered)."""
        path = action.data()
        if isinstance(path, str) and path:
            self.open_path(Path(path))


def _free_name(path: Path) -> Path:
    """``path``, or "name 2", "name 3" … when a file of that name exists."""
    candidate, number = path, 1
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{path.stem} {number}{path.suffix}")
    return candidate
