"""A child process for the GUI crash test: opens a file in the real main window, makes edits, lets the
autosave run, says "ready", then waits to be killed. Usage: python gui_child.py FILE SETTINGS"""

import sys
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from inspector_app.domain.inspection import AreaForImprovement, EvidenceItem, SourceType
from inspector_app.gui import commands
from inspector_app.gui.interaction import ScriptedInteraction
from inspector_app.gui.main_window import MainWindow
from inspector_app.gui.settings import AppSettings


def wait(milliseconds: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()


def main() -> None:
    path, settings = Path(sys.argv[1]), Path(sys.argv[2])
    app = QApplication([])
    window = MainWindow(ScriptedInteraction(), AppSettings(settings))
    window.show()
    assert window.open_path(path)
    window.guard.set_intervals(pause_ms=100)
    document = window.document
    question = document.inspection.question("protecting-vulnerable")
    document.push(commands.SetGrade(document, "protecting-vulnerable", "inadequate"))
    document.push(
        commands.InsertRecord(
            document, question.id, "areas_for_improvement", 0, AreaForImprovement(text="The force should ")
        )
    )
    afi = question.areas_for_improvement[0]
    for text in ("The force should r", "The force should review its use of Clare’s Law."):
        document.push(commands.SetField(document, afi.id, "text", text))
    document.push(
        commands.AddEvidence(
            document,
            EvidenceItem(
                title="Control room visit",
                source_type=SourceType.OBSERVATION,
                question_id="protecting-vulnerable",
            ),
        )
    )
    wait(600)  # the autosave runs 100 ms after the last change
    print("ready", flush=True)
    app.exec()


if __name__ == "__main__":
    main()
