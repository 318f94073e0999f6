"""Take the README's screenshots of the real window: start page, overview, a question page, the evidence
log, the checks, and a team's file with the Team panel.

    xvfb-run -s "-screen 0 1366x768x24" python tools/screenshots.py [OUTDIR]

Runs the app on the display it is given (Xvfb on a server), opens the bundled PEEL 2016 sample as a user
would, and saves each view as a PNG (default OUTDIR: packaging/screenshots). Settings go to a temporary
folder, so it always shows a first run.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from inspector_app.gui.app import create_application
from inspector_app.gui.interaction import DialogInteraction
from inspector_app.gui.main_window import MainWindow
from inspector_app.gui.settings import AppSettings

SAMPLE = "hertfordshire-peel-2016-effectiveness"


def settle(app: QApplication, milliseconds: int = 300) -> None:
    """Let the window lay itself out and paint (a local loop: QApplication.quit would close the window)."""
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "packaging/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = create_application()
    with tempfile.TemporaryDirectory() as folder:
        window = MainWindow(DialogInteraction(), AppSettings(Path(folder) / "settings.ini"))
        window.resize(1366, 768)
        window.show()
        settle(app)
        window.grab().save(str(out / "start-page.png"))

        window.open_sample(SAMPLE)
        settle(app)
        window.grab().save(str(out / "overview.png"))

        window.workspace.show_question("protecting-vulnerable")
        page = window.workspace.current_page()
        page.summary.setFocus()
        page.evidence.table.selectRow(0)
        settle(app)
        window.grab().save(str(out / "question-page.png"))

        window.workspace.show_evidence_log()
        window.workspace.evidence_log.filter_edit.setText("control room")
        settle(app)
        window.grab().save(str(out / "evidence-log.png"))

        window.workspace.show_question("protecting-vulnerable")
        window.checks_action.trigger()
        settle(app, 1500)  # the dictionary loads with the first check
        window.grab().save(str(out / "checks.png"))
        window.document.undo_stack.setClean()

        window.checks_action.trigger()  # the checks panel off again
        window.open_path(_team_file(Path(folder)))
        settle(app, 2500)  # the sync on open
        window.team_dock.toggle_action.trigger()
        window.workspace.show_question("preventing-crime")
        settle(app, 1500)
        window.grab().save(str(out / "team.png"))
        window.document.undo_stack.setClean()
        window.close()
    print(f"saved 6 screenshots in {out}")


def _team_file(folder: Path) -> Path:
    """The lead's file of a team: Ann graded question 1 Inadequate in her copy while the lead made it
    Requires improvement (a conflict), and the lead commented on an area for improvement."""
    from inspector_app import bundled
    from inspector_app.domain.inspection import Inspection
    from inspector_app.domain.review import add_comment
    from inspector_app.storage.inspection_file import load_inspection_file, loads_inspection, save_inspection
    from inspector_app.storage.team import make_copy, sync

    lead, ann = folder / "Hertfordshire.inspection", folder / "ann.inspection"
    save_inspection(loads_inspection(bundled.sample(SAMPLE).read_bytes(), SAMPLE), lead)
    make_copy(lead, "Ann Smith", ann, lead="Bob Jones")

    def edit(path: Path, change: Callable[[Inspection], None]) -> None:
        loaded = load_inspection_file(path)
        change(loaded.inspection)
        save_inspection(loaded.inspection, path)  # the team section kept; the next sync records the edit

    def anns(inspection: Inspection) -> None:
        inspection.questions[0].grade = "inadequate"

    def leads(inspection: Inspection) -> None:
        question = inspection.questions[0]
        question.grade = "requires_improvement"
        target = question.areas_for_improvement[0].id
        add_comment(inspection, target, "Bob Jones", "Is there evidence from the control room for this?")

    edit(ann, anns)
    sync(ann)
    edit(lead, leads)
    return lead


if __name__ == "__main__":
    main()
