"""The window offers editors for what the framework's layout prints, in its order (issue 15, item 2): a
programme's own finding kind is added, typed and undone like any finding; last year's grade is not offered
where grades are not compared; the force page's observations are edited on the overview."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton
from support.documents import CRIME_SAMPLE, PEEL_SAMPLE, sample_document, show_active
from support.layouts import INNOVATIVE, data_layout_framework

from inspector_app.domain.inspection import new_inspection
from inspector_app.gui.document import InspectionDocument
from inspector_app.gui.overview_page import OverviewPage
from inspector_app.gui.question_page import QuestionPage
from inspector_app.gui.record_list import RecordListEditor


def data_layout_document() -> InspectionDocument:
    return InspectionDocument(new_inspection(data_layout_framework(), "Kent Police", "Kent"))


def shown(qtbot, widget):
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    show_active(qtbot, widget)
    return widget


def add_button(editor: RecordListEditor, label: str) -> QPushButton:
    return next(b for b in editor.findChildren(QPushButton) if b.text().lower() == f"add {label}".lower())


def test_the_question_page_offers_the_layouts_findings_in_its_order_and_no_last_year(qtbot):
    document = data_layout_document()
    question_id = document.inspection.questions[0].question_id
    page = shown(qtbot, QuestionPage(document, question_id))
    assert list(page.finding_lists) == ["areas_for_improvement", "narrative", INNOVATIVE, "summary"]
    assert page.grid_summary is None and page.causes is None and page.recommendations is None
    tops = [e.geometry().top() for e in page.finding_lists.values()]
    assert tops == sorted(tops), "on the page in the report's order"
    assert not page.last_year.isVisibleTo(page) and not page.direction.isVisibleTo(page)
    assert page.grade.isVisibleTo(page)


def test_a_programmes_own_finding_is_added_typed_and_undone_as_a_finding(qtbot):
    document = data_layout_document()
    question_id = document.inspection.questions[0].question_id
    page = shown(qtbot, QuestionPage(document, question_id))
    editor = page.finding_lists[INNOVATIVE]
    button = add_button(editor, "promising practice")
    page.scroll_area.ensureWidgetVisible(button)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    [row] = editor.rows
    qtbot.keyClicks(row.editors[0], "A triage desk.")
    found = document.inspection.findings_of_kind(question_id, INNOVATIVE)
    assert found is not None and [item.text for item in found.items] == ["A triage desk."]
    assert document.undo_stack.count() == 2  # the add, then one burst of typing
    document.undo_stack.undo()
    assert found.items[0].text == ""
    document.undo_stack.undo()
    assert found.items == [] and editor.rows == []


def test_the_overview_offers_the_force_page_and_only_the_sections_the_layout_prints(qtbot):
    document = data_layout_document()
    overview = shown(qtbot, OverviewPage(document))
    titles = [e.spec.title for e in overview.findChildren(RecordListEditor)]
    assert "Observations" in titles
    assert "Introduction" not in titles and "Methodology" not in titles  # this layout prints neither
    by = next(w for w in overview.findChildren(QLineEdit) if w.accessibleName() == "Observations by")
    by.setFocus()
    qtbot.keyClicks(by, "A. Inspector")
    assert document.inspection.observations_by == "A. Inspector"
    document.undo_stack.undo()
    assert document.inspection.observations_by == "" and by.text() == ""
    assert overview.grid.isColumnHidden(3) and overview.grid.isColumnHidden(4)  # no last year, no direction


def test_the_published_layouts_keep_their_editors(qtbot):
    crime = shown(qtbot, QuestionPage(sample_document(CRIME_SAMPLE), "reducing-crime"))
    assert crime.grid_summary is not None and crime.last_year.isVisibleTo(crime)
    peel = shown(qtbot, OverviewPage(sample_document(PEEL_SAMPLE)))
    titles = [e.spec.title for e in peel.findChildren(RecordListEditor)]
    # a PEEL pillar report prints an introduction and methodology once written, so they are offered
    assert {"Introduction", "Methodology"} <= set(titles) and "Observations" not in titles
    assert not peel.grid.isColumnHidden(3)


def test_a_pillar_summary_is_offered_only_where_the_layout_prints_it(qtbot):
    framework = data_layout_framework(sections=[{"kind": "title_page"}, {"kind": "questions"}])
    document = InspectionDocument(new_inspection(framework, "Kent Police", "Kent"))
    overview = shown(qtbot, OverviewPage(document))
    assert "Overall summary" not in [e.spec.title for e in overview.findChildren(RecordListEditor)]
    with_force_page = shown(qtbot, OverviewPage(data_layout_document()))
    assert "Overall summary" in [e.spec.title for e in with_force_page.findChildren(RecordListEditor)]
