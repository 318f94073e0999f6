"""Exporting the report (Word or PDF) from the main window: the questions, the background task, the progress.

:class:`ExportFlow` warns when the report would carry personal data and lets the user stop, asks where to
save the report, builds it on a worker thread (:class:`~.export_task.ExportTask`, from a snapshot of the
inspection, so typing goes on meanwhile) with a progress bar in the window's status bar, then offers to
open the report or its folder. A PDF (:class:`~.export_task.PdfExportTask`) is the Word report made into a
PDF by LibreOffice, contents with page numbers; it is offered only where LibreOffice is installed
(:meth:`ExportFlow.pdf_available`). An export can be stopped with the Cancel button beside the progress bar
(LibreOffice is killed at once), which writes nothing and asks nothing. It also keeps the organisation's
Word template the reports use: a template chosen is opened safely and checked for the styles the report
needs on a worker thread too
(:class:`~.export_task.TemplateCheckTask`), with a busy indicator in the status bar, so a large or hostile
template never freezes the window. python-docx, lxml and the checks load with the first export or check,
not at start-up. Every question goes through the :class:`~.interaction.Interaction` it was given.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMainWindow, QProgressBar, QToolButton

from .document import InspectionDocument
from .interaction import Interaction
from .settings import AppSettings

if TYPE_CHECKING:
    from .export_task import BackgroundTask, TemplateCheckTask

WORD_FILTER = "Word documents (*.docx)"
PDF_FILTER = "PDF documents (*.pdf)"
TEMPLATE_FILTER = "Word templates (*.docx *.dotx)"
#: Characters of the report's suggested file name (before ".docx"); a force's name may be far longer.
SUGGESTED_NAME_CHARS = 100
#: What a file name cannot hold on Windows (and "/" anywhere), and control characters.
_NOT_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')


class ExportFlow(QObject):
    """One export at a time from ``window``: its progress bar sits in the window's status bar."""

    #: (running) an export started (True) or finished (False)
    runningChanged = Signal(bool)

    def __init__(self, window: QMainWindow, interaction: Interaction, settings: AppSettings) -> None:
        super().__init__(window)
        self._window = window
        self.interaction, self.settings = interaction, settings
        #: The export running (to Word or to PDF), if any.
        self.task: BackgroundTask | None = None
        self.progress = QProgressBar(window)
        self.progress.setMaximumWidth(220)
        self.progress.setFormat(self.tr("Exporting… %p%"))
        self.progress.setAccessibleName(self.tr("Export progress"))
        window.statusBar().addPermanentWidget(self.progress)
        self.progress.hide()
        self.cancel_button = QToolButton(window)
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop the export; nothing is written"))
        self.cancel_button.setAccessibleName(self.tr("Cancel the export"))
        self.cancel_button.clicked.connect(self.cancel)
        window.statusBar().addPermanentWidget(self.cancel_button)
        self.cancel_button.hide()
        #: The template being checked, if any.
        self.template_check: TemplateCheckTask | None = None
        self.template_progress = QProgressBar(window)
        self.template_progress.setMaximumWidth(220)
        self.template_progress.setRange(0, 0)  # busy: a check has no steps to count
        self.template_progress.setFormat(self.tr("Checking the template…"))
        self.template_progress.setTextVisible(True)
        self.template_progress.setAccessibleName(self.tr("Checking the Word template"))
        window.statusBar().addPermanentWidget(self.template_progress)
        self.template_progress.hide()

    @property
    def running(self) -> bool:
        return self.task is not None

    def export_report(
        self, document: InspectionDocument, *, evidence_annex: bool = False, pillar: str | None = None
    ) -> BackgroundTask | None:
        """Ask where, then build the report on a worker thread; the window stays usable meanwhile.
        ``pillar``: only that pillar of a programme of several, as its own report."""
        return self._export(document, evidence_annex=evidence_annex, pdf=False, pillar=pillar)

    def export_pillar(self, document: InspectionDocument) -> BackgroundTask | None:
        """Ask which pillar of the programme, then export it as its own Word report."""
        pillars = document.inspection.framework.pillars
        if len(pillars) < 2:
            return None
        chosen = self.interaction.pick(
            self._window,
            self.tr("Export one pillar"),
            self.tr("Which pillar's report?"),
            [pillar.title for pillar in pillars],
        )
        if chosen is None:
            return None
        return self.export_report(document, pillar=pillars[chosen].id)

    def export_pdf(
        self, document: InspectionDocument, *, evidence_annex: bool = False
    ) -> BackgroundTask | None:
        """Ask where, then make the PDF on a worker thread (the Word report, then LibreOffice)."""
        if not self.pdf_available():
            self.interaction.inform(self._window, self.tr("Export to PDF"), pdf_unavailable_message())
            return None
        return self._export(document, evidence_annex=evidence_annex, pdf=True)

    @staticmethod
    def pdf_available() -> bool:
        """Whether LibreOffice is installed, so a PDF can be made (a few file look-ups, no start)."""
        from ..export.pdf import libreoffice_available

        return libreoffice_available()

    def cancel(self) -> None:
        """Stop the export running, if any: it writes nothing, and says so in the status bar."""
        if self.task is not None:
            self.task.cancel()
            self.cancel_button.setEnabled(False)
            self._window.statusBar().showMessage(self.tr("Cancelling the export…"))

    def _export(
        self, document: InspectionDocument, *, evidence_annex: bool, pdf: bool, pillar: str | None = None
    ) -> BackgroundTask | None:
        if self.task is not None:
            return None
        window = self._window
        inspection = document.inspection
        if pillar is not None:
            from ..domain.pillars import one_pillar

            inspection = one_pillar(inspection, pillar)
        from ..domain.checks import personal_data_findings, personal_data_message  # loaded when first needed

        personal = personal_data_findings(inspection, evidence_annex=evidence_annex)
        if personal and not self.interaction.confirm(
            window,
            self.tr("Personal data in the report?"),
            personal_data_message(personal) + "\n\n" + self.tr("Export a draft anyway?"),
            default=False,  # Enter must not publish personal data
        ):
            return None
        suffix = ".pdf" if pdf else ".docx"
        base = (
            document.path.with_name(f"{document.path.stem} {pillar}{suffix}")
            if document.path and pillar
            else document.path.with_suffix(suffix)
            if document.path
            else self.settings.last_folder()
            / suggested_file_name(inspection.force.short, inspection.framework.title, suffix)
        )
        title, filters = (
            (self.tr("Export report as PDF"), self.tr(PDF_FILTER))
            if pdf
            else (self.tr("Export report"), self.tr(WORD_FILTER))
        )
        path = self.interaction.save_path(window, title, base, filters)
        if path is None:
            return None
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        # python-docx and lxml load on first export, not at start-up
        from .export_task import ExportTask, PdfExportTask

        task: BackgroundTask
        if pdf:
            task = PdfExportTask(inspection, path, self.settings.template(), evidence_annex, self)
        else:
            task = ExportTask(
                inspection,
                path,
                self.settings.template(),
                evidence_annex,
                self,
                update_fields=self.settings.update_fields_on_open(),
            )
        task.progressed.connect(self._progressed)
        task.succeeded.connect(self._succeeded)
        task.failed.connect(self._failed)
        task.cancelled.connect(self._cancelled)
        task.finished.connect(self._finished)
        self.task = task
        self.progress.setRange(0, 0)
        self.progress.setFormat(self.tr("Exporting… %p%"))
        self.progress.show()
        self.cancel_button.setEnabled(True)
        self.cancel_button.show()
        self.runningChanged.emit(True)
        task.start()
        return task

    def wait(self) -> None:
        """Let a running Word export finish its atomic write, and a template check end (the window is
        closing); a PDF export is cancelled, since LibreOffice may take minutes (it is killed at once)."""
        from .export_task import PdfExportTask

        if isinstance(self.task, PdfExportTask):
            self.task.cancel()
        if self.task is not None:
            self.task.wait()
        if self.template_check is not None:
            self.template_check.wait()

    def _progressed(self, done: int, total: int) -> None:
        if total <= 0:  # LibreOffice is making the PDF: busy, no steps to count
            self.progress.setRange(0, 0)
            self.progress.setFormat(self.tr("Making the PDF…"))
            self._window.statusBar().showMessage(self.tr("LibreOffice is making the PDF…"))
            return
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _succeeded(self, path: Path) -> None:
        self._window.statusBar().showMessage(self.tr("Exported %1").replace("%1", str(path)), 8000)
        said = "".join("\n\n" + line for line in (self.task.warnings if self.task is not None else []))
        choice = self.interaction.choose(
            self._window,
            self.tr("Report exported"),
            self.tr("The report is saved as %1.").replace("%1", str(path)) + said,
            [self.tr("Open the report"), self.tr("Open its folder")],
        )
        if choice is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path if choice == 0 else path.parent)))

    def _failed(self, message: str) -> None:
        self._window.statusBar().clearMessage()
        self.interaction.error(self._window, self.tr("Cannot export the report"), message)

    def _cancelled(self, message: str) -> None:
        self._window.statusBar().showMessage(self.tr("Export cancelled: nothing was written."), 8000)

    def _finished(self) -> None:
        self.progress.hide()
        self.cancel_button.hide()
        if self.task is not None:
            self.task.deleteLater()
        self.task = None
        self.runningChanged.emit(False)

    # -- the template ---------------------------------------------------------------------------------

    def choose_template(self) -> TemplateCheckTask | None:
        """Ask for the organisation's Word template, then check it on a worker thread; it is taken when it
        opens safely, and what it will do to the report is shown. None when nothing started."""
        window = self._window
        if self.template_check is not None:
            window.statusBar().showMessage(self.tr("Still checking the template chosen before…"), 4000)
            return None
        path = self.interaction.open_path(
            window,
            self.tr("Choose your organisation's Word template"),
            self.settings.last_folder(),
            self.tr(TEMPLATE_FILTER),
        )
        if path is None:
            return None
        from .export_task import TemplateCheckTask  # python-docx and lxml load on demand, like the export

        task = TemplateCheckTask(path, self)
        task.succeeded.connect(self._template_checked)
        task.failed.connect(self._template_failed)
        task.finished.connect(self._template_check_finished)
        self.template_check = task
        self.template_progress.show()
        window.statusBar().showMessage(self.tr("Checking the template %1…").replace("%1", _shown(path.name)))
        task.start()
        return task

    def _template_checked(self, findings: object) -> None:
        """Take the template (one that opens can always be used) and say what it will do to the report."""
        task = self.template_check
        if task is None:
            return
        path, window = task.path, self._window
        lines = [str(line) for line in findings] if isinstance(findings, list) else []
        self.settings.set_template(path)
        window.statusBar().showMessage(
            self.tr("Reports will use the template %1").replace("%1", _shown(path.name)), 8000
        )
        self.interaction.inform(
            window,
            self.tr("Template chosen"),
            self.tr("Reports will use “%1”.").replace("%1", _shown(path.name)) + "\n\n" + "\n\n".join(lines),
        )

    def _template_failed(self, message: str) -> None:
        self.interaction.error(self._window, self.tr("Cannot use this template"), message)

    def _template_check_finished(self) -> None:
        self.template_progress.hide()
        if self.template_check is not None:
            self.template_check.deleteLater()
        self.template_check = None

    def use_standard_template(self) -> None:
        self.settings.set_template(None)


def suggested_file_name(force: str, framework: str, suffix: str = ".docx") -> str:
    """ "Hertfordshire PEEL 2016 Effectiveness.docx": the force's short name and the framework, with what a
    file name cannot hold replaced and the whole cut to :data:`SUGGESTED_NAME_CHARS`."""
    stem = " ".join(_NOT_IN_FILE_NAMES.sub("-", f"{force} {framework}").split()).strip(" .") or "Report"
    if len(stem) > SUGGESTED_NAME_CHARS:
        stem = stem[: SUGGESTED_NAME_CHARS - 1].rstrip(" .") + "…"
    return stem + suffix


def pdf_unavailable_message() -> str:
    """Why File › Export to PDF is not offered (the export's own sentence)."""
    from ..export.pdf import NOT_INSTALLED

    return NOT_INSTALLED


def _shown(text: str) -> str:
    from ..domain.text import shown

    return shown(text)
