"""The protective marking is chosen (or typed) on the overview, next to the status, and undone like any other
edit (issue 14, item 2)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from support.documents import PEEL_SAMPLE, main_window

from inspector_app.gui.overview_page import MAX_MARKING_CHARS, MarkingBox

#: What the offscreen platform says when a combo box's list opens.
POPUP = pytest.mark.qt_log_ignore(
    r"This plugin does not support (raise\(\)|grabbing the keyboard|propagateSizeHints\(\))"
)


@pytest.fixture
def window(qtbot, tmp_path):
    window = main_window(qtbot, tmp_path, PEEL_SAMPLE)
    window.workspace.show_overview()
    return window


def marking_box(window) -> MarkingBox:
    overview = window.workspace.overview
    box = overview.findChild(MarkingBox)
    assert box is not None
    overview.ensureWidgetVisible(box)
    return box


def choose(qtbot, box: MarkingBox, text: str) -> None:
    """Pick ``text`` from the list as a user does: open it, click the item."""
    box.showPopup()
    view = box.view()
    qtbot.waitUntil(view.isVisible)
    index = box.model().index(box.findText(text), 0)
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
    qtbot.waitUntil(lambda: not view.isVisible())


def type_marking(qtbot, box: MarkingBox, text: str) -> None:
    line = box.lineEdit()
    line.setFocus(Qt.FocusReason.MouseFocusReason)
    line.selectAll()
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, Qt.Key.Key_Return)


def test_the_box_offers_the_frameworks_markings_and_none(window) -> None:
    box = marking_box(window)
    markings = window.document.inspection.framework.report.markings
    assert [box.itemText(i) for i in range(box.count())] == [*markings, "None"]
    assert box.itemData(box.count() - 1) == ""
    assert box.currentText() == "None"  # the sample has no marking
    assert box.accessibleName() == "Protective marking"


@POPUP
def test_a_chosen_marking_is_undone(window, qtbot) -> None:
    box = marking_box(window)
    inspection = window.document.inspection
    choose(qtbot, box, "OFFICIAL-SENSITIVE")
    assert inspection.marking == "OFFICIAL-SENSITIVE"
    assert window.undo_action.text() == "&Undo Change protective marking"
    choose(qtbot, box, "OFFICIAL")
    assert inspection.marking == "OFFICIAL"

    window.undo()
    assert inspection.marking == "OFFICIAL-SENSITIVE"
    assert box.currentText() == "OFFICIAL-SENSITIVE"
    window.undo()
    assert inspection.marking == ""
    assert box.currentText() == "None"
    window.redo()
    assert (inspection.marking, box.currentText()) == ("OFFICIAL-SENSITIVE", "OFFICIAL-SENSITIVE")


@POPUP
def test_none_takes_the_marking_off(window, qtbot) -> None:
    box = marking_box(window)
    inspection = window.document.inspection
    choose(qtbot, box, "OFFICIAL")
    choose(qtbot, box, "None")
    assert inspection.marking == ""
    window.undo()
    assert (inspection.marking, box.currentText()) == ("OFFICIAL", "OFFICIAL")


def test_a_typed_marking_is_kept_and_undone(window, qtbot) -> None:
    box = marking_box(window)
    inspection = window.document.inspection
    type_marking(qtbot, box, "OFFICIAL-SENSITIVE   PERSONAL ")
    assert inspection.marking == "OFFICIAL-SENSITIVE PERSONAL"  # spaces folded
    assert box.currentText() == "OFFICIAL-SENSITIVE PERSONAL"
    assert box.count() == len(inspection.framework.report.markings) + 1  # not added to the list
    # Typed in another case, a listed marking is taken as the list spells it; "none" is none.
    type_marking(qtbot, box, "official")
    assert inspection.marking == "OFFICIAL"
    type_marking(qtbot, box, "none")
    assert (inspection.marking, box.currentText()) == ("", "None")

    window.undo()
    assert (inspection.marking, box.currentText()) == ("OFFICIAL", "OFFICIAL")
    window.undo()
    assert inspection.marking == "OFFICIAL-SENSITIVE PERSONAL"
    assert box.currentIndex() == -1 and box.currentText() == "OFFICIAL-SENSITIVE PERSONAL"
    window.undo()
    assert (inspection.marking, box.currentText()) == ("", "None")
    assert not window.document.undo_stack.canUndo()


def test_a_typed_marking_stops_at_the_longest_a_report_holds(window, qtbot) -> None:
    box = marking_box(window)
    type_marking(qtbot, box, "X" * (MAX_MARKING_CHARS + 10))
    assert window.document.inspection.marking == "X" * MAX_MARKING_CHARS
