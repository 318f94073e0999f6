"""File › Round grades table…: the grades of every force of a round's folder as one spreadsheet.

The window's route to `inspector-app round table FOLDER -o grades.xlsx`: the user picks the round's
folder and where to write; the files are read and the table written on a worker thread (a round is 43
files), then the window says how many forces it holds and which files it could not read.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMainWindow

from ..domain.text import shown
from .interaction import Interaction
from .settings import AppSettings

if TYPE_CHECKING:
    from .export_task import BackgroundTask

TABLE_FILTER = "Excel workbooks (*.xlsx);;CSV files (*.csv)"


class RoundTableFlow(QObject):
    def __init__(self, window: QMainWindow, interaction: Interaction, settings: AppSettings) -> None:
        super().__init__(window)
        self._window, self.interaction, self.settings = window, interaction, settings
        #: The table being written, if any.
        self.task: BackgroundTask | None = None

    def start(self) -> BackgroundTask | None:
        """Ask for the round's folder and the table's file, then write it in the background."""
        if self.task is not None:
            return None
        window = self._window
        folder = self.interaction.folder_path(
            window, self.tr("Round folder: one inspection file per force"), self.settings.last_folder()
        )
        if folder is None:
            return None
        output = self.interaction.save_path(
            window,
            self.tr("Save the grades table"),
            folder.parent / f"{folder.name} grades.xlsx",  # beside the round, not among its files
            self.tr(TABLE_FILTER),
        )
        if output is None:
            return None
        if output.suffix.lower() not in (".xlsx", ".csv"):
            output = output.with_name(output.name + ".xlsx")
        from .export_task import BackgroundTask  # the round's code and openpyxl load on first use

        task = BackgroundTask(
            lambda progress: write_round_table(folder, output), "The table could not be written", self
        )
        task.succeeded.connect(self._written)
        task.failed.connect(self._failed)
        task.finished.connect(self._finished)
        self.task = task
        window.statusBar().showMessage(self.tr("Reading the round’s files…"))
        task.start()
        return task

    def wait(self) -> None:
        if self.task is not None:
            self.task.wait()

    def _written(self, summary: object) -> None:
        self._window.statusBar().clearMessage()
        self.interaction.inform(self._window, self.tr("Grades table written"), str(summary))

    def _failed(self, message: str) -> None:
        self._window.statusBar().clearMessage()
        self.interaction.error(self._window, self.tr("Cannot write the grades table"), message)

    def _finished(self) -> None:
        if self.task is not None:
            self.task.deleteLater()
        self.task = None


def write_round_table(folder: Path, output: Path) -> str:
    """Read ``folder``'s inspections and write their table to ``output``; what to tell the user.

    Raises ExportError with a plain sentence when there is nothing to tabulate or the file cannot be
    written (the worker shows it as the failure)."""
    from ..domain.rounds import RoundError, framework_names, table_rows
    from ..export.errors import ExportError
    from ..storage.grades_table import write_table
    from ..storage.rounds import read_round

    try:
        found = read_round(folder)
    except RoundError as error:
        raise ExportError(_sentence(str(error))) from None
    if not found.files:
        reason = f" ({len(found.unreadable)} could not be read)" if found.unreadable else ""
        raise ExportError(f"There are no inspection files to read in {shown(str(folder))}{reason}.")
    files = sorted(found.files, key=lambda f: (f.inspection.force.name.casefold(), f.path.name))
    rows = table_rows((f.path.name, f.inspection) for f in files)
    try:
        written = write_table(rows, output)
    except RoundError as error:
        raise ExportError(_sentence(str(error))) from None
    forces = f"{len(files)} force" if len(files) == 1 else f"{len(files)} forces"
    lines = [f"The grades of {forces} ({len(rows)} rows) are in {shown(str(written))}."]
    frameworks = framework_names(f.inspection for f in files)
    if len(frameworks) > 1:
        lines.append(f"The files are against {len(frameworks)} frameworks: {'; '.join(frameworks)}.")
    if found.unreadable:
        names = ", ".join(shown(path.name, 60) for path, _reason in found.unreadable[:5])
        more = f" and {len(found.unreadable) - 5} more" if len(found.unreadable) > 5 else ""
        lines.append(f"Not in the table, because they could not be read: {names}{more}.")
    return "\n\n".join(lines)


def _sentence(message: str) -> str:
    """A CLI-style message ("the folder … does not exist.") as a sentence for a dialog."""
    return message[:1].upper() + message[1:]
