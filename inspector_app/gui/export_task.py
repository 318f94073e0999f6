"""Export the Word report off the GUI thread, with progress, from a snapshot of the inspection.

The worker gets the inspection as the bytes of its file (taken on the GUI thread in a few milliseconds), so
the inspector can keep typing while the report is built from the state at the moment they asked for it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal

from ..domain.inspection import Inspection
from ..export import ExportError, export_report
from ..storage.inspection_file import dumps_inspection, loads_inspection


class ExportWorker(QObject):
    progressed = Signal(int, int)
    succeeded = Signal(Path)
    failed = Signal(str)
    finished = Signal()

    def __init__(self, snapshot: bytes, output: Path, template: Path | None, evidence_annex: bool) -> None:
        super().__init__()
        self.snapshot, self.output, self.template, self.evidence_annex = (
            snapshot,
            output,
            template,
            evidence_annex,
        )

    def run(self) -> None:
        try:
            inspection = loads_inspection(self.snapshot, "snapshot")
            written = export_report(
                inspection,
                self.output,
                template=self.template,
                evidence_annex=self.evidence_annex,
                progress=lambda done, total: self.progressed.emit(done, total),
            )
        except ExportError as error:
            self.failed.emit(str(error))
        except Exception as error:  # noqa: BLE001 - reported to the user, never lost in a thread
            self.failed.emit(f"The report could not be exported ({type(error).__name__}: {error}).")
        else:
            self.succeeded.emit(written)
        finally:
            self.finished.emit()


class ExportTask(QObject):
    """One export: a thread, its worker, and signals delivered on the GUI thread."""

    progressed = Signal(int, int)
    succeeded = Signal(Path)
    failed = Signal(str)
    finished = Signal()

    def __init__(
        self,
        inspection: Inspection,
        output: Path,
        template: Path | None = None,
        evidence_annex: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._worker_thread = QThread(self)
        self.worker = ExportWorker(dumps_inspection(inspection), output, template, evidence_annex)
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
