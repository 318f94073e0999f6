"""Exporting the Word report from the main window: the questions, the background task, the progress bar.

:class:`ExportFlow` warns when the report would carry personal data and lets the user stop, asks where to
save the report, builds it on a worker thread (:class:`~.export_task.ExportTask`, from a snapshot of the
inspection, so typing goes on meanwhile) with a progress bar in the window's status bar, then offers to
open the report or its folder. It also keeps the organisation's Word template the reports use, checked
for the styles the report needs when chosen. python-docx, lxml and the checks load with the first
export, not at start-up. Every question goes through the :class:`~.interaction.Interaction` it was given.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMainWindow, QProgressBar

from .document import InspectionDocument
from .interaction import Interaction
from .settings import AppSettings

if TYPE_CHECKING:
    from .export_task import ExportTask

WORD_FILTER = "Word documents (*.docx)"
TEMPLATE_FILTER = "Word templates (*.docx *.dotx)"


class ExportFlow(QObject):
    """One export at a time from ``window``: its progress bar sits in the window's status bar."""

    #: (running) an export started (True) or finished (False)
    runningChanged = Signal(bool)

    def __init__(self, window: QMainWindow, interaction: Interaction, settings: AppSettings) -> None:
        super().__init__(window)
        self._window = window
        self.interaction, self.settings = interaction, settings
        #: The export running, if any.
        self.task: ExportTask | None = None
        self.progress = QProgressBar(window)
        self.progress.setMaximumWidth(220)
        self.progress.setFormat(self.tr("Exporting… %p%"))
        self.progress.setAccessibleName(self.tr("Export progress"))
        window.statusBar().addPermanentWidget(self.progress)
        self.progress.hide()

    @property
    def running(self) -> bool:
        return self.task is not None

    def export_report(
        self, document: InspectionDocument, *, evidence_annex: bool = False
    ) -> ExportTask | None:
        """Ask where, then build the report on a worker thread; the window stays usable meanwhile."""
        if self.task is not None:
            return None
        window = self._window
        inspection = document.inspection
        from ..domain.checks import personal_data_findings, personal_data_message  # loaded when first needed

        personal = personal_data_findings(inspection, evidence_annex=evidence_annex)
        if personal and not self.interaction.confirm(
            window,
            self.tr("Personal data in the report?"),
            personal_data_message(personal) + "\n\n" + self.tr("Export a draft anyway?"),
        ):
            return None
        base = (
            document.path.with_suffix(".docx")
            if document.path
            else self.settings.last_folder() / f"{inspection.force.short} {inspection.framework.title}.docx"
        )
        path = self.interaction.save_path(window, self.tr("Export report"), base, self.tr(WORD_FILTER))
        if path is None:
            return None
        if path.suffix.lower() != ".docx":
            path = path.with_name(path.name + ".docx")
        from .export_task import ExportTask  # python-docx and lxml load on first export, not at start-up

        task = ExportTask(inspection, path, self.settings.template(), evidence_annex, self)
        task.progressed.connect(self._progressed)
        task.succeeded.connect(self._succeeded)
        task.failed.connect(self._failed)
        task.finished.connect(self._finished)
        self.task = task
        self.progress.setRange(0, 0)
        self.progress.show()
        self.runningChanged.emit(True)
        task.start()
        return task

    def wait(self) -> None:
        """Let a running export finish its atomic write (the window is closing)."""
        if self.task is not None:
            self.task.wait()

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _succeeded(self, path: Path) -> None:
        self._window.statusBar().showMessage(self.tr("Exported %1").replace("%1", str(path)), 8000)
        choice = self.interaction.choose(
            self._window,
            self.tr("Report exported"),
            self.tr("The report is saved as %1.").replace("%1", str(path)),
            [self.tr("Open the report"), self.tr("Open its folder")],
        )
        if choice is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path if choice == 0 else path.parent)))

    def _failed(self, message: str) -> None:
        self.interaction.error(self._window, self.tr("Cannot export the report"), message)

    def _finished(self) -> None:
        self.progress.hide()
        if self.task is not None:
            self.task.deleteLater()
        self.task = None
        self.runningChanged.emit(False)

    # -- the template ---------------------------------------------------------------------------------

    def choose_template(self) -> None:
        """Ask for the organisation's Word template; take it only when it has every style the report uses."""
        window = self._window
        path = self.interaction.open_path(
            window,
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
            self.interaction.error(window, self.tr("Cannot use this template"), str(error))
            return
        if missing:
            self.interaction.error(
                window,
                self.tr("The template lacks styles"),
                self.tr(
                    "“%1” lacks these styles the report uses: %2. Add them in Word (same names) and choose it again."
                )
                .replace("%1", path.name)
                .replace("%2", ", ".join(missing)),
            )
            return
        self.settings.set_template(path)
        window.statusBar().showMessage(
            self.tr("Reports will use the template %1").replace("%1", path.name), 8000
        )

    def use_standard_template(self) -> None:
        self.settings.set_template(None)
