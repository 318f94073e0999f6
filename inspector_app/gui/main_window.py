"""The main window: files (new, open, save, recent, close), undo/redo, navigation and the pages.

Every question to the user goes through ``self.interaction``; every bad file ends in a dialog with the
storage layer's plain-language message, never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QKeyCombination, QObject, Qt, QUrl
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeyEvent, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QProgressBar,
    QStackedWidget,
    QTextEdit,
    QWidget,
)

from .. import APP_NAME, bundled
from ..domain.inspection import new_inspection
from ..storage import lock as locks
from ..storage.errors import InspectionFileError
from ..storage.inspection_file import FILE_SUFFIX, load_inspection, loads_inspection
from ..storage.recovery import list_recoveries, recoveries_for
from .document import InspectionDocument
from .interaction import Answer, Interaction
from .recovery_prompts import Cancelled, ask_about_recovery, lock_for_opening
from .safety import DocumentGuard
from .settings import AppSettings
from .start_page import StartPage
from .workspace import Workspace

if TYPE_CHECKING:
    from ..domain.checks import Finding
    from .checks_dock import ChecksPanel
    from .export_task import ExportTask

FILE_FILTER = "Inspections (*.inspection);;All files (*)"

#: Redo keys taken from text fields whatever the platform's standard Redo is (Ctrl+Shift+Z, Ctrl+Y).
REDO_EXTRA = (
    QKeyCombination(Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier, Qt.Key.Key_Z),
    QKeyCombination(Qt.KeyboardModifier.ControlModifier, Qt.Key.Key_Y),
)
WORD_FILTER = "Word documents (*.docx)"
TEMPLATE_FILTER = "Word templates (*.docx *.dotx)"


class UndoKeysToDocument(QObject):
    """Ctrl+Z / Ctrl+Shift+Z in a text field undo the document, not the field's private history.

    Text widgets claim the undo keys (ShortcutOverride) for their own undo; refusing that claim lets the
    window's Undo/Redo actions — the document's QUndoStack — take the keys everywhere.
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and isinstance(watched, (QLineEdit, QPlainTextEdit, QTextEdit))
            and (
                event.matches(QKeySequence.StandardKey.Undo)
                or event.matches(QKeySequence.StandardKey.Redo)
                or event.keyCombination() in REDO_EXTRA
            )
        ):
            event.ignore()
            return True
        return False


class MainWindow(QMainWindow):
    def __init__(
        self, interaction: Interaction, settings: AppSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.interaction, self.settings = interaction, settings
        self.document: InspectionDocument | None = None
        self.workspace: Workspace | None = None
        self.guard: DocumentGuard | None = None
        self.export_task: ExportTask | None = None  # the export running, if any
        self.checks_dock = QDockWidget(self.tr("Checks"), self)
        self.checks_dock.setObjectName("checksDock")
        self.checks_dock.setAllowedAreas(
            Qt.DockWidgetArea.RightDockWidgetArea | Qt.DockWidgetArea.BottomDockWidgetArea
        )
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.checks_dock)
        self.checks_dock.hide()
        #: The checks of the open document, made when the dock is first shown.
        self.checks: ChecksPanel | None = None
        self.undo_group = QUndoGroup(self)
        self._undo_keys = UndoKeysToDocument(self)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self._undo_keys)

        self.stack = QStackedWidget(self)
        self.start_page = StartPage(self.stack)
        self.stack.addWidget(self.start_page)
        self.setCentralWidget(self.stack)
        self.start_page.newRequested.connect(self.new_inspection)
        self.start_page.openRequested.connect(self.open_dialog)
        self.start_page.recentChosen.connect(self.open_path)
        self.start_page.sampleChosen.connect(self.open_sample)

        self._create_actions()
        self._create_menus()
        self.resize(1280, 800)
        geometry, state = settings.window_state()
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state)
        self.show_start_page()

    # -- actions and menus ---------------------------------------------------------------------------

    def _action(
        self,
        text: str,
        slot: Callable[..., object],  # triggered(checked): a slot may take the flag or not
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if isinstance(shortcut, QKeySequence.StandardKey):
            action.setShortcuts(QKeySequence.keyBindings(shortcut))  # every binding the platform knows
        elif shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _create_actions(self) -> None:
        key = QKeySequence.StandardKey
        self.new_action = self._action(
            self.tr("&New inspection…"), self.new_inspection, key.New, self.tr("Create a new inspection")
        )
        self.open_action = self._action(
            self.tr("&Open…"), self.open_dialog, key.Open, self.tr("Open an inspection file")
        )
        self.save_action = self._action(self.tr("&Save"), self.save, key.Save, self.tr("Save the inspection"))
        self.save_as_action = self._action(
            self.tr("Save &As…"), self.save_as, key.SaveAs, self.tr("Save the inspection under a new name")
        )
        if self.save_as_action.shortcut().isEmpty():
            self.save_as_action.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.close_action = self._action(
            self.tr("&Close"), self.close_document, key.Close, self.tr("Close the inspection")
        )
        if QKeySequence("Ctrl+W") not in self.close_action.shortcuts():
            self.close_action.setShortcuts([QKeySequence("Ctrl+W"), *self.close_action.shortcuts()])
        self.quit_action = self._action(self.tr("&Quit"), self.close, key.Quit, self.tr("Quit Inspector"))
        if self.quit_action.shortcut().isEmpty():
            self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        # Undo and Redo name the step ("Undo Typing in Area for improvement 2") and say in the status bar
        # what they did; the undo group tells which document's stack is active.
        self.undo_action = self._action(self.tr("&Undo"), self.undo)
        self.undo_action.setShortcuts(QKeySequence.keyBindings(key.Undo))
        self.redo_action = self._action(self.tr("&Redo"), self.redo)
        self.undo_group.canUndoChanged.connect(self._update_undo_actions)
        self.undo_group.canRedoChanged.connect(self._update_undo_actions)
        self.undo_group.undoTextChanged.connect(self._update_undo_actions)
        self.undo_group.redoTextChanged.connect(self._update_undo_actions)
        self._update_undo_actions()
        redo_keys = QKeySequence.keyBindings(key.Redo)
        for extra in ("Ctrl+Shift+Z", "Ctrl+Y"):  # both, whatever the platform's first choice
            if QKeySequence(extra) not in redo_keys:
                redo_keys.append(QKeySequence(extra))
        self.redo_action.setShortcuts(redo_keys)
        self.addActions([self.undo_action, self.redo_action])
        self.overview_action = self._action(self.tr("&Overview"), self._show_overview, "Ctrl+1")
        self.evidence_action = self._action(self.tr("&Evidence log"), self._show_evidence_log, "Ctrl+2")
        self.navigator_action = self._action(self.tr("Go to &navigator"), self._focus_navigator, "F6")
        self.checks_action = self._action(
            self.tr("&Checks"), self._toggle_checks, "F7", self.tr("Show what to fix before publication")
        )
        self.checks_action.setCheckable(True)
        self.checks_dock.visibilityChanged.connect(self.checks_action.setChecked)  # its close button too
        self.export_action = self._action(
            self.tr("&Export to Word…"),
            self._export,
            "Ctrl+E",
            self.tr("Export the report as a Word document"),
        )
        self.export_annex_action = self._action(
            self.tr("Export to Word with evidence &annex…"),
            self._export_with_annex,
            "Ctrl+Shift+E",
            self.tr("Export the report with an annex listing the evidence by question"),
        )
        self.template_action = self._action(
            self.tr("Choose Word &template…"),
            self.choose_template,
            tip=self.tr("Export with your organisation's Word template"),
        )
        self.standard_template_action = self._action(
            self.tr("Use the &standard template"), self.use_standard_template
        )
        self.export_progress = QProgressBar(self)
        self.export_progress.setMaximumWidth(220)
        self.export_progress.setFormat(self.tr("Exporting… %p%"))
        self.export_progress.setAccessibleName(self.tr("Export progress"))
        self.statusBar().addPermanentWidget(self.export_progress)
        self.export_progress.hide()
        self.about_action = self._action(self.tr("&About Inspector"), self._about)
        self.shortcuts_action = self._action(
            self.tr("&Keyboard shortcuts"), self._show_shortcuts, key.HelpContents
        )

    def _create_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addActions([self.new_action, self.open_action])
        self.recent_menu = file_menu.addMenu(self.tr("Open &Recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.recent_menu.triggered.connect(self._recent_chosen)
        file_menu.addSeparator()
        file_menu.addActions([self.save_action, self.save_as_action])
        file_menu.addSeparator()
        file_menu.addActions(
            [
                self.export_action,
                self.export_annex_action,
                self.template_action,
                self.standard_template_action,
            ]
        )
        file_menu.addSeparator()
        file_menu.addActions([self.close_action])
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        self.file_menu = file_menu
        edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.addActions([self.undo_action, self.redo_action])
        self.view_menu = bar.addMenu(self.tr("&View"))
        self.view_menu.addActions(
            [self.overview_action, self.evidence_action, self.navigator_action, self.checks_action]
        )
        self.questions_menu = self.view_menu.addMenu(self.tr("&Questions"))
        self.evidence_menu = bar.addMenu(self.tr("E&vidence"))
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addActions([self.shortcuts_action, self.about_action])

    def _update_undo_actions(self, *_args: object) -> None:
        group = self.undo_group
        for action, can, text, plain in (
            (self.undo_action, group.canUndo(), group.undoText(), self.tr("&Undo")),
            (self.redo_action, group.canRedo(), group.redoText(), self.tr("&Redo")),
        ):
            action.setEnabled(can)
            action.setText(f"{plain} {text}" if can and text else plain)

    def undo(self) -> None:
        """Undo the last step and say which it was (the undone change is brought into view)."""
        text = self.undo_group.undoText()
        if self.undo_group.canUndo():
            self.undo_group.undo()
            self.statusBar().showMessage(self.tr("Undone: %1").replace("%1", text), 5000)

    def redo(self) -> None:
        text = self.undo_group.redoText()
        if self.undo_group.canRedo():
            self.undo_group.redo()
            self.statusBar().showMessage(self.tr("Redone: %1").replace("%1", text), 5000)

    def _show_notice(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.recent_files()
        for number, path in enumerate(recent, start=1):
            action = self.recent_menu.addAction(f"&{number} {path.name}")
            action.setToolTip(str(path))
            action.setData(str(path))
        if not recent:
            self.recent_menu.addAction(self.tr("No recent files")).setEnabled(False)

    def _recent_chosen(self, action: QAction) -> None:
        path = action.data()
        if isinstance(path, str) and path:
            self.open_path(Path(path))

    def _update_actions(self) -> None:
        has_document = self.document is not None
        for action in (
            self.save_action,
            self.save_as_action,
            self.close_action,
            self.overview_action,
            self.evidence_action,
            self.navigator_action,
            self.checks_action,
        ):
            action.setEnabled(has_document)
        for action in (self.export_action, self.export_annex_action):
            action.setEnabled(has_document and self.export_task is None)
        self.evidence_menu.setEnabled(has_document)
        self.questions_menu.setEnabled(has_document)

    # -- the document --------------------------------------------------------------------------------

    def _set_document(self, document: InspectionDocument | None, lock: locks.Lock | None = None) -> None:
        if self.guard is not None:
            self.guard.close()  # the old document was saved or its changes discarded: no recovery copy
            self.guard.deleteLater()
            self.guard = None
        if self.document is not None:
            self.undo_group.removeStack(self.document.undo_stack)
        if self.workspace is not None:
            self.stack.removeWidget(self.workspace)
            self.workspace.deleteLater()
            self.workspace = None
        self.document = document
        self.evidence_menu.clear()
        self.questions_menu.clear()
        if self.checks is not None:
            self.checks_dock.setWidget(None)  # type: ignore[arg-type]  # PySide6 stubs: Qt takes no widget (None)
            self.checks.deleteLater()
            self.checks = None
        if document is None:
            self.checks_dock.hide()
            self.show_start_page()
            return
        self.guard = DocumentGuard(document, self)
        self.guard.lock = lock
        self.undo_group.addStack(document.undo_stack)
        self.undo_group.setActiveStack(document.undo_stack)
        document.undo_stack.cleanChanged.connect(self._update_title)  # a method: disconnected with the window
        document.pathChanged.connect(self._update_title)
        document.notice.connect(self._show_notice)
        self.workspace = Workspace(document, self.interaction, self.stack)
        if self.checks_dock.isVisible():
            self._make_checks_panel()
        self.stack.addWidget(self.workspace)
        self.stack.setCurrentWidget(self.workspace)
        self.evidence_menu.addActions(self.workspace.evidence_log.actions())
        for number, question in enumerate(document.inspection.framework.questions(), start=1):
            action = self.questions_menu.addAction(f"&{question.number} {question.text}")
            if number <= 9:
                action.setShortcut(QKeySequence(f"Alt+{number}"))
            action.setData(question.id)
            action.triggered.connect(self._question_chosen)
        self._update_title()
        self._update_actions()
        self.workspace.navigator.setFocus()

    def _question_chosen(self) -> None:
        action = self.sender()
        if isinstance(action, QAction) and self.workspace is not None:
            self.workspace.show_question(str(action.data()))

    def show_start_page(self) -> None:
        self.start_page.set_recent(self.settings.recent_files())
        self.stack.setCurrentWidget(self.start_page)
        self.start_page.focus_default(self.settings.is_first_run())
        self._update_title()
        self._update_actions()

    def _update_title(self) -> None:
        if self.document is None:
            self.setWindowTitle(APP_NAME)
            self.setWindowModified(False)
            return
        read_only = self.tr(" (read-only)") if self.document.read_only else ""
        self.setWindowTitle(f"{self.document.display_name}{read_only}[*] — {APP_NAME}")
        self.setWindowModified(self.document.is_modified())

    def _make_checks_panel(self) -> None:
        """The rules and the dictionary load with the first look at the checks, not at start-up."""
        from .checks_dock import ChecksPanel

        assert self.document is not None
        self.checks = ChecksPanel(self.document, self.checks_dock)
        self.checks.findingActivated.connect(self._go_to_finding)
        self.checks_dock.setWidget(self.checks)

    def _toggle_checks(self, shown: bool) -> None:
        if shown and self.checks is None and self.document is not None:
            self._make_checks_panel()
        self.checks_dock.setVisible(shown)  # showing it runs the checks
        if shown and self.checks is not None:
            self.checks.view.setFocus()

    def _show_overview(self) -> None:
        if self.workspace is not None:
            self.workspace.show_overview()

    def _show_evidence_log(self) -> None:
        if self.workspace is not None:
            self.workspace.show_evidence_log()

    def _go_to_finding(self, finding: Finding) -> None:
        if self.workspace is not None:
            self.workspace.go_to(finding.place)

    def _focus_navigator(self) -> None:
        if self.workspace is not None:
            self.workspace.navigator.setFocus()

    # -- file commands -------------------------------------------------------------------------------

    def _may_replace_document(self) -> bool:
        """True when the open document may go: unchanged, saved, or the user chose to discard it."""
        if self.document is None or not self.document.is_modified():
            return True
        answer = self.interaction.confirm_discard(self, self.document.display_name)
        if answer is Answer.SAVE:
            return self.save()
        return answer is Answer.DISCARD

    def new_inspection(self) -> bool:
        if not self._may_replace_document():
            return False
        request = self.interaction.new_inspection(self, bundled.frameworks())
        if request is None:
            return False
        inspection = new_inspection(
            bundled.load_framework(request.framework_id),
            request.force_name,
            request.force_short_name,
            authors=request.authors,
            fieldwork_start=request.fieldwork_start,
            fieldwork_end=request.fieldwork_end,
        )
        self._set_document(InspectionDocument(inspection))
        return True

    def open_dialog(self) -> bool:
        path = self.interaction.open_path(
            self, self.tr("Open inspection"), self.settings.last_folder(), self.tr(FILE_FILTER)
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
        if not self._may_replace_document():
            return False
        try:
            inspection = load_inspection(path)
        except InspectionFileError as error:
            self.interaction.error(self, self.tr("Cannot open the file"), str(error))
            return False
        try:
            lock, read_only = self._lock_for_opening(path)
        except Cancelled:
            return False
        document = InspectionDocument(inspection, path)
        document.read_only = read_only
        recovered = self._offer_recovery_of(path, document)
        self.settings.add_recent(path)
        self.settings.mark_has_run()
        self._set_document(recovered or document, lock)
        return True

    def _lock_for_opening(self, path: Path) -> tuple[locks.Lock | None, bool]:
        """The lock for ``path`` and whether to open read-only; raises Cancelled when the user backs out."""
        lock, read_only, note = lock_for_opening(self, self.interaction, path)
        if note:
            self.statusBar().showMessage(note, 10000)
        return lock, read_only

    def _offer_recovery_of(self, path: Path, opened: InspectionDocument) -> InspectionDocument | None:
        """A crash left unsaved changes to ``path``: restore them, keep them aside, or discard them."""
        for recovery in recoveries_for(path):
            if recovery.writer_running():
                continue
            document = ask_about_recovery(self, self.interaction, self.settings, recovery, opened_path=path)
            if document is not None:
                document.read_only = opened.read_only
                return document
        return None

    def offer_recoveries(self) -> bool:
        """At start-up: offer what a crash left behind. True when a recovered inspection was opened."""
        for recovery in list_recoveries(include_running=False):
            document = ask_about_recovery(self, self.interaction, self.settings, recovery)
            if document is not None:
                lock = None
                if document.path is not None:
                    try:
                        lock, document.read_only = self._lock_for_opening(document.path)
                    except Cancelled:
                        return False
                self._set_document(document, lock)
                return True
        return False

    def open_sample(self, name: str) -> bool:
        """A sample opens as an untitled copy, so saving never writes inside the installed app."""
        if not self._may_replace_document():
            return False
        try:
            inspection = loads_inspection(bundled.sample(name).read_bytes(), name)
        except (InspectionFileError, bundled.UnknownResourceError) as error:
            self.interaction.error(self, self.tr("Cannot open the sample"), str(error))
            return False
        self.settings.mark_has_run()
        self._set_document(InspectionDocument(inspection))
        return True

    def save(self) -> bool:
        if self.document is None:
            return False
        if self.document.path is None or self.document.read_only:
            return self.save_as()
        return self._save_to(self.document.path)

    def save_as(self) -> bool:
        if self.document is None:
            return False
        inspection = self.document.inspection
        suggested = (
            self.document.path
            or self.settings.last_folder()
            / f"{inspection.force.short} {inspection.framework.title}{FILE_SUFFIX}"
        )
        path = self.interaction.save_path(
            self, self.tr("Save inspection as"), suggested, self.tr(FILE_FILTER)
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
        new_lock = None
        if new_place:
            try:
                new_lock = locks.acquire(path)
            except locks.LockedError as error:
                self.interaction.error(
                    self, self.tr("Cannot save"), str(error) + " " + self.tr("Choose another name.")
                )
                return False
            except locks.LockFailedError:
                new_lock = None  # an unlockable folder still takes the file
        try:
            self.document.save(path)
        except InspectionFileError as error:
            if new_lock is not None:
                new_lock.release()
            # The document keeps its content and modified state; offer another place.
            self.interaction.error(self, self.tr("Cannot save"), str(error))
            if self.interaction.confirm(
                self,
                self.tr("Save elsewhere?"),
                self.tr("Save the inspection under another name or in another folder?"),
            ):
                return self.save_as()
            return False
        if new_place:
            self.guard.release_lock()
            self.guard.lock = new_lock
            self.document.read_only = False
            self._update_title()
        self.settings.add_recent(path)
        self.statusBar().showMessage(self.tr("Saved %1").replace("%1", str(path)), 5000)
        return True

    def emergency_save(self) -> bool:
        """After an unexpected error: write the recovery copy before anything else happens."""
        return self.guard.autosave_now() if self.guard is not None else False

    # -- export --------------------------------------------------------------------------------------

    def _export(self) -> None:
        self.export_report()

    def _export_with_annex(self) -> None:
        self.export_report(evidence_annex=True)

    def export_report(self, *, evidence_annex: bool = False) -> ExportTask | None:
        """Ask where, then build the report on a worker thread; the window stays usable meanwhile."""
        if self.document is None or self.export_task is not None:
            return None
        inspection = self.document.inspection
        from ..domain.checks import personal_data_findings, personal_data_message  # loaded when first needed

        personal = personal_data_findings(inspection, evidence_annex=evidence_annex)
        if personal and not self.interaction.confirm(
            self,
            self.tr("Personal data in the report?"),
            personal_data_message(personal) + "\n\n" + self.tr("Export a draft anyway?"),
        ):
            return None
        base = (
            self.document.path.with_suffix(".docx")
            if self.document.path
            else self.settings.last_folder() / f"{inspection.force.short} {inspection.framework.title}.docx"
        )
        path = self.interaction.save_path(self, self.tr("Export report"), base, self.tr(WORD_FILTER))
        if path is None:
            return None
        if path.suffix.lower() != ".docx":
            path = path.with_name(path.name + ".docx")
        from .export_task import ExportTask  # python-docx and lxml load on first export, not at start-up

        task = ExportTask(inspection, path, self.settings.template(), evidence_annex, self)
        task.progressed.connect(self._export_progressed)
        task.succeeded.connect(self._export_succeeded)
        task.failed.connect(self._export_failed)
        task.finished.connect(self._export_finished)
        self.export_task = task
        self.export_progress.setRange(0, 0)
        self.export_progress.show()
        self._update_actions()
        task.start()
        return task

    def _export_progressed(self, done: int, total: int) -> None:
        self.export_progress.setRange(0, max(total, 1))
        self.export_progress.setValue(done)

    def _export_succeeded(self, path: Path) -> None:
        self.statusBar().showMessage(self.tr("Exported %1").replace("%1", str(path)), 8000)
        choice = self.interaction.choose(
            self,
            self.tr("Report exported"),
            self.tr("The report is saved as %1.").replace("%1", str(path)),
            [self.tr("Open the report"), self.tr("Open its folder")],
        )
        if choice is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path if choice == 0 else path.parent)))

    def _export_failed(self, message: str) -> None:
        self.interaction.error(self, self.tr("Cannot export the report"), message)

    def _export_finished(self) -> None:
        self.export_progress.hide()
        if self.export_task is not None:
            self.export_task.deleteLater()
        self.export_task = None
        self._update_actions()

    def choose_template(self) -> None:
        path = self.interaction.open_path(
            self,
            self.tr("Choose your organisation's Word template"),
            self.settings.last_folder(),
            self.tr(TEMPLATE_FILTER),
        )
        if path is None:
            return
        from ..export import ExportError, lint_template  # loaded on demand, like the export itself

        try:
            missing = lint_template(path)
        except ExportError as error:
            self.interaction.error(self, self.tr("Cannot use this template"), str(error))
            return
        if missing:
            self.interaction.error(
                self,
                self.tr("The template lacks styles"),
                self.tr(
                    "“%1” lacks these styles the report uses: %2. Add them in Word (same names) and choose it again."
                )
                .replace("%1", path.name)
                .replace("%2", ", ".join(missing)),
            )
            return
        self.settings.set_template(path)
        self.statusBar().showMessage(
            self.tr("Reports will use the template %1").replace("%1", path.name), 8000
        )

    def use_standard_template(self) -> None:
        self.settings.set_template(None)

    def close_document(self) -> bool:
        if not self._may_replace_document():
            return False
        self._set_document(None)
        return True

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._may_replace_document():
            if self.export_task is not None:
                self.export_task.wait()  # let a running export finish its atomic write
            if self.guard is not None:
                self.guard.close()  # saved or discarded: no recovery copy, and the lock goes
            self.settings.save_window_state(self.saveGeometry(), self.saveState())
            app = QApplication.instance()
            if app is not None:
                app.removeEventFilter(self._undo_keys)
            event.accept()
        else:
            event.ignore()

    # -- help ----------------------------------------------------------------------------------------

    def _about(self) -> None:
        from ..about import about_text

        self.interaction.inform(self, self.tr("About Inspector"), about_text(self.settings.path))

    def _show_shortcuts(self) -> None:
        lines = []
        for action in self.findChildren(QAction):
            if not action.shortcut().isEmpty() and action.text():
                lines.append(
                    f"{action.shortcut().toString(QKeySequence.SequenceFormat.NativeText):<18} {action.text().replace('&', '')}"
                )
        self.interaction.inform(self, self.tr("Keyboard shortcuts"), "\n".join(sorted(set(lines))))
