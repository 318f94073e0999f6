"""A child process for the steady-typing crash test: opens a file in the real main window and types into an
area for improvement with real key events, a word every quarter second and never a pause, printing each
word once it is typed, until it is killed. Usage: python typing_child.py FILE SETTINGS MAX_BEHIND_MS"""

import sys
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from inspector_app.gui.interaction import ScriptedInteraction
from inspector_app.gui.main_window import MainWindow
from inspector_app.gui.settings import AppSettings


def wait(milliseconds: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()


def main() -> None:
    path, settings, max_behind = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    app = QApplication([])
    window = MainWindow(ScriptedInteraction(), AppSettings(settings))
    window.resize(1366, 768)
    window.show()
    assert window.open_path(path)
    assert window.guard is not None and window.workspace is not None
    window.guard.set_intervals(max_behind_ms=max_behind)  # the pause stays 3 s: it never comes
    window.workspace.show_question("protecting-vulnerable")
    editor = window.workspace.question_page("protecting-vulnerable").afis.rows[0].editors[0]
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    for number in range(1, 1000):
        word = f" w{number:03d}"
        QTest.keyClicks(editor, word)
        print(f"typed{word}", flush=True)
        wait(250)
    app.exec()


if __name__ == "__main__":
    main()
