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
