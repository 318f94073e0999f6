"""Work on python-docx off the GUI thread: exporting the report, and checking a chosen Word template.

Both run as a :class:`BackgroundTask`: a thread, a worker in it, and signals delivered on the GUI thread,
so the window stays responsive (a large or hostile template, or a long report, never freezes it).

The export worker gets the inspection as the bytes of its file (taken on the GUI thread in a few
milliseconds), so the inspector can keep typing while the report is built from the state at the moment
they asked for it. An export can be cancelled (:meth:`BackgroundTask.cancel`): the Word report stops at its
next progress step, a PDF's LibreOffice is killed at once; either way nothing is written and ``cancelled``
is emitted instead of ``failed``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal

from ..domain.inspection import Inspection
from ..domain.text import shown
from ..export import ExportError, export_report, lint_template
from ..export.errors import ExportCancelled
from ..storage.inspection_file import dumps_inspection, loads_inspection
from ..worker_gc import collection_paused

Progress = Callable[[int, int], None]
#: ``job(progress)`` runs on the worker thread; what it returns is delivered by ``succeeded``.
Job = Callable[[Progress], object]


class _Worker(QObject):
    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal(str)
    finished = Signal()

    def __init__(self, job: Job, failure: str, stop: threading.Event) -> None:
        super().__init__()
        self.job, self.failure, self.stop = job, failure, stop

    def _progress(self, done: int, total: int) -> None:
        if self.stop.is_set():
            raise ExportCancelled("Export cancelled. No file was written.")
        self.progressed.emit(done, total)

    def run(self) -> None:
        with collection_paused():  # never collect the GUI's objects on this thread (worker_gc.py)
            self._run()

    def _run(self) -> None:
        try:
            result = self.job(self._progress)
        except ExportCancelled as error:
            self.cancelled.emit(str(error))
        except ExportError as error:
            self.failed.emit(str(error))
        except Exception as error:  # noqa: BLE001 - reported to the user, never lost in a thread
            self.failed.emit(f"{self.failure} ({type(error).__name__}: {shown(str(error), 200)}).")
        else:
            self.succeeded.emit(result)
        finally:
            self.finished.emit()


class BackgroundTask(QObject):
    """One job on its own thread; ``failed`` carries a sentence for the user (``failure`` when the job
    raised something other than an ExportError)."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)
    #: (message) the job stopped because :meth:`cancel` asked it to; nothing was written
    cancelled = Signal(str)
    finished = Signal()

    def __init__(self, job: Job, failure: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        #: What the job said along the way (the export's warnings about the template); complete by the
        #: time ``succeeded`` or ``failed`` arrives on the GUI thread.
        self.warnings: list[str] = []
        self._stop = threading.Event()
        self._worker_thread = QThread(self)
        self.worker = _Worker(job, failure, self._stop)
        self.worker.moveToThread(self._worker_thread)
        self._worker_thread.started.connect(self.worker.run)
        self.worker.progressed.connect(self.progressed)
        self.worker.succeeded.connect(self.succeeded)
        self.worker.failed.connect(self.failed)
        self.worker.cancelled.connect(self.cancelled)
        # Direct: the thread's event loop ends in the worker thread itself (quit() is thread-safe). Queued to
        # the QThread object, which lives in the GUI thread, it would wait for the GUI's event loop, so a
        # wait() from the GUI thread (the window closing) could never end before its time limit.
        self.worker.finished.connect(self._worker_thread.quit, Qt.ConnectionType.DirectConnection)
        self._worker_thread.finished.connect(self._thread_finished)  # queued: runs on the GUI thread
        self._worker_thread.finished.connect(self.worker.deleteLater)

    def _thread_finished(self) -> None:
        """Say ``finished`` only once the thread has really ended: QThread.finished is emitted from the
        thread just before it returns, and a task deleted on ``finished`` (as the export flow does) would
        otherwise destroy a QThread that is still running — a crash."""
        self._worker_thread.wait()
        self.finished.emit()

    def start(self) -> None:
        self._worker_thread.start()

    def wait(self, milliseconds: int = 60_000) -> bool:
        return self._worker_thread.wait(milliseconds)

    def cancel(self) -> None:
        """Ask the job to stop (from any thread); it stops at its next progress step or poll."""
        self._stop.set()

    def is_cancelled(self) -> bool:
        return self._stop.is_set()


class _ReportTask(BackgroundTask):
    """One export of a report from a snapshot of the inspection; ``succeeded`` carries the Path written.

    ``export(inspection, progress)`` writes the report (on the worker thread) and returns its path."""

    def __init__(
        self,
        inspection: Inspection,
        output: Path,
        export: Callable[[Inspection, Progress], Path],
        parent: QObject | None = None,
    ) -> None:
        snapshot = dumps_inspection(inspection)
        self.output = output
        super().__init__(
            lambda progress: export(loads_inspection(snapshot, "snapshot"), progress),
            "The report could not be exported",
            parent,
        )


class ExportTask(_ReportTask):
    """One export to Word."""

    def __init__(
        self,
        inspection: Inspection,
        output: Path,
        template: Path | None = None,
        evidence_annex: bool = False,
        parent: QObject | None = None,
        *,
        update_fields: bool = True,
    ) -> None:
        def export(snapshot: Inspection, progress: Progress) -> Path:
            return export_report(
                snapshot,
                output,
                template=template,
                evidence_annex=evidence_annex,
                progress=progress,
                update_fields=update_fields,
                warn=self.warnings.append,
            )

        super().__init__(inspection, output, export, parent)


class PdfExportTask(_ReportTask):
    """One export to PDF (the Word report, then LibreOffice). While LibreOffice works, ``progressed`` says
    (0, 0): busy, no steps to count."""

    def __init__(
        self,
        inspection: Inspection,
        output: Path,
        template: Path | None = None,
        evidence_annex: bool = False,
        parent: QObject | None = None,
    ) -> None:
        from ..export.pdf import export_pdf

        def export(snapshot: Inspection, progress: Progress) -> Path:
            return export_pdf(
                snapshot,
                output,
                template=template,
                evidence_annex=evidence_annex,
                progress=progress,
                cancelled=self.is_cancelled,
                warn=self.warnings.append,
            )

        super().__init__(inspection, output, export, parent)


def check_template(path: Path) -> list[str]:
    """What the template at ``path`` will do to a report, one line each (see
    :func:`~inspector_app.export.lint_template`); the style findings come first, then header and footer."""
    return lint_template(path).lines()


class TemplateCheckTask(BackgroundTask):
    """Checking a Word template: opened safely and linted; ``succeeded`` carries what lint says (lines)."""

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        self.path = path
        super().__init__(lambda progress: check_template(path), "The template could not be checked", parent)
