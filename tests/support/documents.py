"""Documents for GUI tests: the bundled samples and fresh inspections, wrapped in an InspectionDocument."""

from __future__ import annotations

from inspector_app import bundled
from inspector_app.domain.inspection import new_inspection
from inspector_app.gui.document import InspectionDocument
from inspector_app.storage.inspection_file import loads_inspection

CRIME_SAMPLE = "hertfordshire-crime-inspection-2014"
PEEL_SAMPLE = "hertfordshire-peel-2016-effectiveness"


def sample_document(name: str = PEEL_SAMPLE) -> InspectionDocument:
    return InspectionDocument(loads_inspection(bundled.sample(name).read_bytes(), name))


def new_document(framework_id: str = "peel-2016-effectiveness") -> InspectionDocument:
    return InspectionDocument(new_inspection(bundled.load_framework(framework_id), "Kent Police", "Kent"))


def show_active(qtbot, widget) -> None:
    """Show ``widget`` as the active window, so focus and keyboard shortcuts behave as for a user."""
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow, timeout=5000)


def main_window(qtbot, tmp_path, sample: str | None = None):
    """The real main window as a user meets it: 1366×768, active, answering through a ScriptedInteraction,
    its settings in ``tmp_path``; with ``sample`` open. Closed without the unsaved-changes question."""
    from inspector_app.gui.interaction import ScriptedInteraction
    from inspector_app.gui.main_window import MainWindow
    from inspector_app.gui.settings import AppSettings

    window = MainWindow(ScriptedInteraction(), AppSettings(tmp_path / "settings.ini"))
    qtbot.addWidget(window, before_close_func=lambda w: w.document and w.document.undo_stack.setClean())
    window.resize(1366, 768)
    show_active(qtbot, window)
    if sample is not None:
        assert window.open_sample(sample)
    return window
