"""Work on python-docx off the GUI thread: exporting the report, and checking a chosen Word template.

Both run as a :class:`BackgroundTask`: a thread, a worker in it, and signals delivered on the GUI thread,
so the window stays responsive (a large or hostile template, or a long report, never freezes it).

The export worker gets the inspection as the bytes of its file (taken on the GUI thread in a few
milliseconds), so the inspector can keep typing while the report is built from the state at the moment
they asked for it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal

from ..domain.inspection import Inspection
from ..domain.text import shown
from ..export import ExportError, export_report, lint_template
from ..storage.inspection_file import dumps_inspection, loads_inspection

Progress = Callable[[int, int], None]
#: ``job(progress)`` runs on the worker thread; what it returns is delivered by ``succeeded``.
Job = Callable[[Progress], object]


class _Worker(QObject):
    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)
    finished = Signal()

    def __init__(self, job: Job, failure: str) -> None:
        super().__init__()
        self.job, self.failure = job, failure

    def run(self) -> None:
        try:
            result = self.job(self.progressed.emit)
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
    finished = Signal()

    def __init__(self, job: Job, failure: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._worker_thread = QThread(self)
        self.worker = _Worker(job, failure)
        self.worker.moveToThread(self._worker_thread)
        self._worker_thread.started.connect(self.worker.run)
        self.worker.progressed.connect(self.progressed)
        self.worker.succeeded.connect(self.succeeded)
        self.worker.failed.connect(self.failed)
        self.worker.finished.connect(self._worker_thread.quit)
        self._worker_thread.finished.connect(self.finished)
        self._worker_thread.finished.connect(self.worker.deleteLater)

    def start(self) -> None:
        self._worker_thread.start()

    def wait(self, milliseconds: int = 60_000) -> bool:
        return self._worker_thread.wait(milliseconds)


class ExportTask(BackgroundTask):
    """One export; ``succeeded`` carries the Path written."""

    def __init__(
        self,
        inspection: Inspection,
        output: Path,
        template: Path | None = None,
        evidence_annex: bool = False,
        parent: QObject | None = None,
    ) -> None:
        snapshot = dumps_inspection(inspection)

        def job(progress: Progress) -> Path:
            return export_report(
                loads_inspection(snapshot, "snapshot"),
                output,
                template=template,
                evidence_annex=evidence_annex,
                progress=progress,
            )

        super().__init__(job, "The report could not be exported", parent)


def check_template(path: Path) -> list[str]:
    """The styles the template at ``path`` lacks (see :func:`~inspector_app.export.lint_template`)."""
    return lint_template(path)


class TemplateCheckTask(BackgroundTask):
    """Checking a Word template: opened safely and linted; ``succeeded`` carries the missing style names."""

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        self.path = path
        super().__init__(lambda progress: check_template(path), "The template could not be checked", parent)
