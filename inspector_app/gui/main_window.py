"""The main window: the menus and their actions, undo/redo, the open document's pages and the checks dock.

The window shows one document at a time (:meth:`MainWindow.set_document`: the workspace, its undo stack
in the window's undo group, the autosave guard with the file's lock) or the start page. The file flows
(new, open, save, recent, close, the unsaved-changes question, locks and recovery copies on opening) are
:class:`~.file_actions.FileActions`; exporting the report is :class:`~.export_flow.ExportFlow`. Both ask
through ``self.interaction``, the one seam for every question to the user. The window's public methods
(``open_path``, ``save``, ``export_report``…) hand over to them, for the app start, the error hook and tests.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QKeyCombination, QObject, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QStackedWidget,
    QTextEdit,
    QWidget,
)

from .. import APP_NAME
from ..domain.text import shown as quoted
from ..storage import lock as locks
from .document import InspectionDocument
from .export_flow import ExportFlow
from .file_actions import FileActions
from .find_replace import FindReplace
from .interaction import Interaction
from .preview import ReportPreview
from .record_list import ROW_SHORTCUTS
from .round_table import RoundTableFlow
from .safety import DocumentGuard
from .settings import AppSettings
from .start_page import StartPage
from .team_actions import TeamActions
from .team_panel import TeamDock
from .workspace import Workspace

if TYPE_CHECKING:
    from ..domain.checks import Finding
    from .checks_dock import ChecksPanel
    from .export_task import BackgroundTask

#: Redo keys taken from text fields whatever the platform's standard Redo is (Ctrl+Shift+Z, Ctrl+Y).
REDO_EXTRA = (
    QKeyCombination(Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier, Qt.Key.Key_Z),
    QKeyCombination(Qt.KeyboardModifier.ControlModifier, Qt.Key.Key_Y),
)


_CTRL, _SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
#: The window's keys a one-line field claims for itself on Linux and macOS (Emacs-style Ctrl+E "end of
#: line", Ctrl+H "backspace"): refused, so that Export and Replace work from any field.
WINDOW_KEYS = (
    QKeyCombination(_CTRL, Qt.Key.Key_E),
    QKeyCombination(_CTRL | _SHIFT, Qt.Key.Key_E),
    QKeyCombination(_CTRL, Qt.Key.Key_H),
)


class UndoKeysToDocument(QObject):
    """Ctrl+Z / Ctrl+Shift+Z in a text field undo the document, not the field's private history; the
    window's own keys (WINDOW_KEYS) work from any field.

    Text widgets claim these keys (ShortcutOverride) for themselves; refusing that claim lets the window's
    actions — Undo/Redo on the document's QUndoStack, Export — take the keys everywhere.
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
                or event.keyCombination() in WINDOW_KEYS
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
        self.files = FileActions(self)
        self.exports = ExportFlow(self, interaction, settings)
        self.round_table = RoundTableFlow(self, interaction, settings)
        self.team = TeamActions(self)  # File › Team, and sync on open and on save
        self.exports.runningChanged.connect(self._update_actions)
        #: The export's progress bar, in the status bar while an export runs.
        self.export_progress = self.exports.progress
        self.start_page.newRequested.connect(self.files.new_inspection)
        self.start_page.openRequested.connect(self.files.open_dialog)
        self.start_page.recentChosen.connect(self.files.open_path)
        self.start_page.sampleChosen.connect(self.files.open_sample)

        self._create_actions()
        self._create_menus()
        self.resize(1280, 800)
        geometry, state = settings.window_state()
        if geometry is not None:
            self.restoreGeometry(geometry)
        #: Whether the checks dock has its place (a saved layout gives it one).
        self._checks_placed = state is not None and self.restoreState(state)
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
            self.tr("&New inspection…"),
            self.files.new_inspection,
            key.New,
            self.tr("Create a new inspection"),
        )
        self.open_action = self._action(
            self.tr("&Open…"), self.files.open_dialog, key.Open, self.tr("Open an inspection file")
        )
        self.round_table_action = self._action(
            self.tr("Round &grades table…"),
            self.round_table.start,
            tip=self.tr("Every force's grades in a round's folder, as one spreadsheet (.xlsx or .csv)"),
        )
        self.import_framework_action = self._action(
            self.tr("&Import framework…"),
            self.files.import_framework,
            tip=self.tr("Add a framework file (.json) to the frameworks File › New offers"),
        )
        self.save_action = self._action(
            self.tr("&Save"), self.files.save, key.Save, self.tr("Save the inspection")
        )
        self.save_as_action = self._action(
            self.tr("Save &As…"),
            self.files.save_as,
            key.SaveAs,
            self.tr("Save the inspection under a new name"),
        )
        if self.save_as_action.shortcut().isEmpty():
            self.save_as_action.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.versions_action = self._action(
            self.tr("Previous &versions…"),
            self.files.previous_versions,
            tip=self.tr("Restore a version an earlier save kept, as a copy beside the file"),
        )
        self.close_action = self._action(
            self.tr("&Close"), self.files.close_document, key.Close, self.tr("Close the inspection")
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
        # Every push (a keystroke merged into the last step too) emits all four signals: each updates its
        # own part, once, and enabling is Qt's own slot (it used to rebuild both actions four times a key).
        self.undo_group.canUndoChanged.connect(self.undo_action.setEnabled)
        self.undo_group.canRedoChanged.connect(self.redo_action.setEnabled)
        self.undo_group.undoTextChanged.connect(self._show_undo_text)
        self.undo_group.redoTextChanged.connect(self._show_redo_text)
        self.undo_action.setEnabled(self.undo_group.canUndo())
        self.redo_action.setEnabled(self.undo_group.canRedo())
        self._show_undo_text(self.undo_group.undoText())
        self._show_redo_text(self.undo_group.redoText())
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
        self.export_pdf_action = self._action(self.tr("Export to &PDF…"), self._export_pdf)
        self.export_pillar_action = self._action(
            self.tr("Export one pi&llar to Word…"),
            self._export_pillar,
            tip=self.tr("One pillar of the programme as its own report, as the pillars were published"),
        )
        self.update_fields_action = self._action(
            self.tr("Ask Word to &update the contents on opening"),
            self.settings.set_update_fields_on_open,
            tip=self.tr(
                "On: Word asks whether to update fields when it opens the report, then fills in the "
                "contents' page numbers. Off: no question, but the contents show no page numbers until "
                "you update them in Word (right-click, Update Field). A PDF always has them."
            ),
        )
        self.update_fields_action.setCheckable(True)
        self.update_fields_action.setChecked(self.settings.update_fields_on_open())
        self.template_action = self._action(
            self.tr("Choose Word &template…"),
            self.exports.choose_template,
            tip=self.tr("Export with your organisation's Word template"),
        )
        self.standard_template_action = self._action(
            self.tr("Use the &standard template"), self.exports.use_standard_template
        )
        self.about_action = self._action(self.tr("&About Inspector"), self._about)
        self.shortcuts_action = self._action(
            self.tr("&Keyboard shortcuts"), self._show_shortcuts, key.HelpContents
        )
        self.find_replace = FindReplace(self)  # Ctrl+F, Ctrl+H, F3, Shift+F3 and the find bar's dock
        self.preview = ReportPreview(self)  # F8: the report as it prints, with word counts, in a dock

    def _create_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addActions([self.new_action, self.open_action])
        self.recent_menu = file_menu.addMenu(self.tr("Open &Recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.recent_menu.triggered.connect(self.files.open_recent)
        file_menu.addSeparator()
        file_menu.addActions([self.save_action, self.save_as_action])
        file_menu.addMenu(self.team.menu)
        file_menu.addSeparator()
        file_menu.addActions(
            [
                self.export_action,
                self.export_annex_action,
                self.export_pdf_action,
                self.export_pillar_action,
                self.update_fields_action,
                self.template_action,
                self.standard_template_action,
            ]
        )
        file_menu.setToolTipsVisible(True)  # a disabled Export to PDF says why
        file_menu.aboutToShow.connect(self._update_actions)  # LibreOffice may have been installed since
        file_menu.addSeparator()
        file_menu.addActions([self.import_framework_action, self.round_table_action])
        file_menu.addSeparator()
        file_menu.addActions([self.versions_action, self.close_action])
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        self.file_menu = file_menu
        edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        edit_menu.addActions(self.find_replace.actions())
        self.view_menu = bar.addMenu(self.tr("&View"))
        self.view_menu.addActions(
            [self.overview_action, self.evidence_action, self.navigator_action, self.checks_action]
        )
        self.view_menu.addActions(self.preview.actions())
        self.team_dock = TeamDock(self)  # View › Team panel: members, their last sync, the conflicts
        self.view_menu.addAction(self.team_dock.toggle_action)
        self.questions_menu = self.view_menu.addMenu(self.tr("&Questions"))
        self.evidence_menu = bar.addMenu(self.tr("Ev&idence"))  # Alt+V is the View menu
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addActions([self.shortcuts_action, self.about_action])

    def _show_undo_text(self, text: str) -> None:
        """The Undo action names the step ("Undo Typing in Area for improvement 2"); plain "Undo" when the
        group has no text, as when there is nothing to undo."""
        plain = self.tr("&Undo")
        self.undo_action.setText(f"{plain} {text}" if text else plain)

    def _show_redo_text(self, text: str) -> None:
        plain = self.tr("&Redo")
        self.redo_action.setText(f"{plain} {text}" if text else plain)

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
        self.files.fill_recent_menu(self.recent_menu)

    def _update_actions(self, *_args: object) -> None:
        has_document = self.document is not None
        for action in (
            self.save_action,
            self.save_as_action,
            self.versions_action,
            self.close_action,
            self.overview_action,
            self.evidence_action,
            self.navigator_action,
            self.checks_action,
        ):
            action.setEnabled(has_document)
        for action in (self.export_action, self.export_annex_action):
            action.setEnabled(has_document and not self.exports.running)
        several = self.document is not None and len(self.document.inspection.framework.pillars) > 1
        self.export_pillar_action.setEnabled(several and not self.exports.running)
        self.export_pillar_action.setVisible(several)  # a programme of one pillar has nothing to choose
        self._update_pdf_action(has_document)
        self._update_template_action()
        self.evidence_menu.setEnabled(has_document)
        self.questions_menu.setEnabled(has_document)

    # -- the document --------------------------------------------------------------------------------

    def set_document(self, document: InspectionDocument | None, lock: locks.Lock | None = None) -> None:
        """Show ``document`` (None: the start page), holding ``lock``; the old one was saved or discarded."""
        if self.guard is not None:
            self.guard.close()  # the old document was saved or its changes discarded: no recovery copy
            self.guard.deleteLater()
            self.guard = None
        if self.document is not None and self.document is not document:
            self.undo_group.removeStack(self.document.undo_stack)
            if self.document.parent() is self:
                self.document.deleteLater()
        if self.workspace is not None:
            self.stack.removeWidget(self.workspace)
            self.workspace.deleteLater()
            self.workspace = None
        self.document = document
        self.find_replace.set_document(document)
        self.preview.set_document(document)
        self.team.set_document(document)
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
        if document.parent() is None:
            # The window owns the document's Qt side: it is deleted here, on the GUI thread, when the window
            # goes or another document takes its place, never by the garbage collector on whichever thread
            # it runs. Adopted after the guard, so it is deleted after it: the undo stack's last index
            # change, as it goes, reaches no guard.
            document.setParent(self)
        self.undo_group.addStack(document.undo_stack)
        self.undo_group.setActiveStack(document.undo_stack)
        document.undo_stack.cleanChanged.connect(self.update_title)  # a method: disconnected with the window
        document.pathChanged.connect(self.update_title)
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
        self.update_title()
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
        self.update_title()
        self._update_actions()

    def update_title(self) -> None:
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
        if shown and not self._checks_placed:
            self._place_checks_dock()
        self.checks_dock.setVisible(shown)  # showing it runs the checks
        if shown and self.checks is not None:
            self.checks.view.setFocus()

    def _place_checks_dock(self) -> None:
        """The first time the panel opens: beside the page on a short, wide screen (1280×720; under the
        page it left about 320 px to write in), else a low strip below it (1024×640 has no room for it
        beside the findings and the evidence). Where the user moves it is kept with the window's layout."""
        self._checks_placed = True
        if self.dockWidgetArea(self.checks_dock) != Qt.DockWidgetArea.BottomDockWidgetArea:
            return  # the layout a previous run saved put it elsewhere
        if self.height() < 800 and self.width() >= 1200:
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.checks_dock)
            self.resizeDocks([self.checks_dock], [max(300, self.width() // 4)], Qt.Orientation.Horizontal)
        else:  # too narrow for three columns beside the navigator: a low strip below the page
            self.resizeDocks([self.checks_dock], [max(150, self.height() // 4)], Qt.Orientation.Vertical)

    def _show_overview(self) -> None:
        if self.workspace is not None:
            self.workspace.show_overview()

    def _show_evidence_log(self) -> None:
        """Ctrl+2: the log, with the focus in its table, so that Insert adds an item at once."""
        if self.workspace is not None:
            self.workspace.show_evidence_log()
            self.workspace.evidence_log.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _go_to_finding(self, finding: Finding) -> None:
        if self.workspace is not None:
            self.workspace.go_to(finding.place)

    def _focus_navigator(self) -> None:
        if self.workspace is not None:
            self.workspace.navigator.setFocus()

    # -- files and export (the flows do the work) -----------------------------------------------------

    def new_inspection(self) -> bool:
        return self.files.new_inspection()

    def open_dialog(self) -> bool:
        return self.files.open_dialog()

    def open_path(self, path: Path) -> bool:
        return self.files.open_path(path)

    def open_sample(self, name: str) -> bool:
        return self.files.open_sample(name)

    def offer_recoveries(self) -> bool:
        """At start-up: offer what a crash left behind. True when a recovered inspection was opened."""
        return self.files.offer_recoveries()

    def save(self) -> bool:
        return self.files.save()

    def save_as(self) -> bool:
        return self.files.save_as()

    def close_document(self) -> bool:
        return self.files.close_document()

    def emergency_save(self) -> bool:
        """After an unexpected error: write the recovery copy before anything else happens."""
        return self.guard.autosave_now(wait=True) if self.guard is not None else False

    def _export(self) -> None:
        self.export_report()

    def _export_with_annex(self) -> None:
        self.export_report(evidence_annex=True)

    def _export_pdf(self) -> None:
        self.export_pdf()

    def _export_pillar(self) -> None:
        if self.document is not None:
            self.exports.export_pillar(self.document)

    def export_pdf(self) -> BackgroundTask | None:
        """Export the open document's report as a PDF through LibreOffice (see ExportFlow)."""
        if self.document is None:
            return None
        return self.exports.export_pdf(self.document)

    def _update_template_action(self) -> None:
        """The File menu says which template the reports use: a chosen one applies to every report after."""
        template = self.settings.template()
        if template is None:
            self.template_action.setText(self.tr("Choose Word &template… (now the standard one)"))
            self.standard_template_action.setEnabled(False)
        else:
            self.template_action.setText(
                self.tr("Choose Word &template… (now “%1”)").replace("%1", quoted(template.name, 40))
            )
            self.standard_template_action.setEnabled(True)

    def _update_pdf_action(self, has_document: bool) -> None:
        """Export to PDF is offered where LibreOffice is installed; elsewhere it is greyed and says why."""
        available = self.exports.pdf_available()
        self.export_pdf_action.setEnabled(available and has_document and not self.exports.running)
        if available:
            tip = self.tr("Export the report as a PDF, contents with page numbers (made by LibreOffice)")
            self.export_pdf_action.setText(self.tr("Export to &PDF…"))
        else:
            from .export_flow import pdf_unavailable_message

            tip = pdf_unavailable_message()
            self.export_pdf_action.setText(self.tr("Export to &PDF… (needs LibreOffice)"))
        self.export_pdf_action.setToolTip(tip)
        self.export_pdf_action.setStatusTip(tip)

    def export_report(self, *, evidence_annex: bool = False) -> BackgroundTask | None:
        """Export the open document's report (see ExportFlow); None when nothing started."""
        if self.document is None:
            return None
        return self.exports.export_report(self.document, evidence_annex=evidence_annex)

    @property
    def export_task(self) -> BackgroundTask | None:
        """The export running, if any."""
        return self.exports.task

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.files.may_replace_document():
            self.exports.wait()  # let a running export finish its atomic write
            self.round_table.wait()
            self.team.wait()
            self.team_dock.wait()
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
        """F1: every shortcut, menu by menu, read from the actions themselves (so the list is never stale),
        then the keys of a list of findings."""
        native = QKeySequence.SequenceFormat.NativeText
        lines: list[str] = []
        for menu_action in self.menuBar().actions():
            menu = menu_action.menu()
            if not isinstance(menu, QMenu):
                continue
            entries = _shortcut_lines(menu, native)
            if entries:
                lines += ["", menu_action.text().replace("&", ""), *entries]
        lines += ["", self.tr("In a list of findings")]
        lines += [
            f"  {QKeySequence(keys).toString(native):<20} {self.tr(text)}"
            for keys, _what, text in ROW_SHORTCUTS
        ]
        lines += ["", self.tr("In a text field")]
        lines += [f"  {'Ctrl+Space':<20} {self.tr('Insert a standard wording (the phrase library)')}"]
        lines += [f"  {'Tab':<20} {self.tr('Move on from any text field')}"]
        self.interaction.inform(self, self.tr("Keyboard shortcuts"), "\n".join(lines).strip())


def _shortcut_lines(menu: QMenu, native: QKeySequence.SequenceFormat) -> list[str]:
    """ "  Ctrl+S               Save" for each action of ``menu`` (and its submenus) that has a shortcut."""
    lines = []
    for action in menu.actions():
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            lines += _shortcut_lines(submenu, native)
            continue
        keys = ", ".join(
            text for k in action.shortcuts() if not k.isEmpty() and _typed(text := k.toString(native))
        )
        if keys:
            name = action.text().replace("&", "").split("\t")[0]
            lines.append(f"  {keys:<20} {_plain_action_name(name)}")
    return lines


def _plain_action_name(text: str) -> str:
    """ "Undo Typing in Area for improvement 2" is "Undo" in a list of shortcuts."""
    for verb in ("Undo", "Redo"):
        if text.startswith(verb + " "):
            return verb
    return text


def _typed(keys: str) -> bool:
    """A combination a user types ("Ctrl+S", "F7", "Ins"), not a dedicated key of some keyboards ("Save")."""
    return "+" in keys or (keys[:1] == "F" and keys[1:].isdigit()) or keys in ("Ins", "Del", "Esc", "Tab")
