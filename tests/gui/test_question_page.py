"""The question page driven as an inspector drives it: grade, type, add findings, cite evidence, undo."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from support.documents import CRIME_SAMPLE, PEEL_SAMPLE, new_document, sample_document, show_active

from inspector_app.domain.framework import UNGRADED
from inspector_app.domain.inspection import EvidenceItem
from inspector_app.gui import commands
from inspector_app.gui.binding import GrowingTextEdit
from inspector_app.gui.question_page import QuestionPage


def make_page(qtbot, document, question_id):
    page = QuestionPage(document, question_id)
    qtbot.addWidget(page)
    page.resize(900, 700)
    show_active(qtbot, page)
    return page


def add_button(editor, label):
    return next(b for b in editor.findChildren(QPushButton) if b.text().lower() == f"add {label}".lower())


def click(qtbot, page, button):
    """Scroll the button into view, as a user would, then click it."""
    qtbot.wait(1)  # let the layouts place rows that were just added
    page.scroll_area.ensureWidgetVisible(button)
    qtbot.wait(1)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_grading_pushes_one_undoable_command(qtbot):
    document = new_document()
    page = make_page(qtbot, document, "investigating-crime")
    page.grade.setFocus()
    page.grade.setCurrentIndex(page.grade.findText("Requires improvement"))
    page.last_year.setCurrentIndex(page.last_year.findText("Good"))
    assessment = document.inspection.question("investigating-crime")
    assert (assessment.grade, assessment.last_year_grade) == ("requires_improvement", "good")
    assert page.direction.text() == "A deterioration on last year"
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert assessment.grade is None and page.grade.currentText() == "Not yet graded"
    assert page.direction.text() == "—"


def test_grade_definitions_show_for_the_chosen_grade(qtbot):
    document = sample_document(CRIME_SAMPLE)
    page = make_page(qtbot, document, "reducing-crime")
    assert page.grade.currentText() == "Good"
    assert page.definition.text().startswith("The way the force is cutting crime")
    tip = page.grade.itemData(page.grade.findText("Inadequate"), Qt.ItemDataRole.ToolTipRole)
    assert "significantly lower than is expected" in tip


def test_ungraded_question_says_so(qtbot):
    page = make_page(qtbot, new_document(), "specialist-capabilities")
    assert page.grade.currentData() == UNGRADED


def test_writing_an_area_for_improvement_and_undoing_the_typing(qtbot):
    document = new_document()
    page = make_page(qtbot, document, "preventing-crime")
    click(qtbot, page, add_button(page.afis, "area for improvement"))
    [row] = page.afis.rows
    editor = row.editors[0]
    assert isinstance(editor, GrowingTextEdit)
    assert editor.hasFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, "ensure that teams engage with all communities.")
    afi = document.inspection.question("preventing-crime").areas_for_improvement[0]
    assert afi.text == "The force should ensure that teams engage with all communities."
    assert document.undo_stack.count() == 2  # add, then one merged burst of typing
    document.undo_stack.undo()
    assert (
        afi.text == "The force should " and page.afis.rows[0].editors[0].toPlainText() == "The force should "
    )
    document.undo_stack.undo()
    assert page.afis.rows == []


def test_cause_of_concern_with_a_recommendation_and_lettered_points(qtbot):
    document = new_document()
    page = make_page(qtbot, document, "protecting-vulnerable")
    click(qtbot, page, add_button(page.causes, "cause of concern"))
    qtbot.keyClicks(page.causes.rows[0].editors[0], "Call handlers do not identify risk.")
    recommendations = page.causes.rows[0].findChildren(type(page.causes))[0]
    click(qtbot, page, add_button(recommendations, "recommendation"))
    text, timescale, points = recommendations.rows[0].editors
    qtbot.keyClicks(text, "The force should improve its initial assessment.")
    qtbot.keyClicks(timescale, "Within three months")
    qtbot.keyClicks(points, "call handlers apply THRIIVES")
    qtbot.keyClick(points, Qt.Key.Key_Return)
    qtbot.keyClicks(points, "supervisors check it")
    cause = document.inspection.question("protecting-vulnerable").causes_of_concern[0]
    assert cause.text == "Call handlers do not identify risk."
    [recommendation] = cause.recommendations
    assert recommendation.timescale == "Within three months"
    assert recommendation.sub_points == ["call handlers apply THRIIVES", "supervisors check it"]
    assert points.toPlainText() == "call handlers apply THRIIVES\nsupervisors check it"


def test_rows_move_and_delete_from_the_keyboard(qtbot):
    document = sample_document(PEEL_SAMPLE)
    page = make_page(qtbot, document, "investigating-crime")
    afis = document.inspection.question("investigating-crime").areas_for_improvement
    first, second = afis[0].id, afis[1].id
    page.afis.rows[0].editors[0].setFocus()
    qtbot.keyClick(page.afis.rows[0].editors[0], Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert [a.id for a in afis[:2]] == [second, first]
    focused = page.afis.rows[1].editors[0]
    assert focused.hasFocus(), "the moved row keeps the focus"
    qtbot.keyClick(
        focused, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert [a.id for a in afis][:1] == [second] and first not in [a.id for a in afis]
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert [a.id for a in afis[:2]] == [first, second]


def test_citing_evidence_from_a_finding(qtbot):
    document = new_document()
    evidence = EvidenceItem(title="Focus group with frontline officers", question_id="preventing-crime")
    document.push(commands.AddEvidence(document, evidence))
    page = make_page(qtbot, document, "preventing-crime")
    click(qtbot, page, add_button(page.summary, "summary point"))
    from inspector_app.gui.record_list import CiteButton

    button = page.summary.rows[0].findChild(CiteButton)
    assert button.text() == "Evidence (0)"
    button.menu().aboutToShow.emit()
    [action] = button.menu().actions()
    assert action.text() == "Other: Focus group with frontline officers"
    action.trigger()
    item = document.inspection.question("preventing-crime").summary[0]
    assert item.evidence_ids == [evidence.id]
    assert button.text() == "Evidence (1)" and "Focus group" in button.tooltip_text()
    document.undo_stack.undo()
    assert item.evidence_ids == [] and button.text() == "Evidence (0)"


def test_narrative_sections_with_theme_and_table(qtbot):
    document = sample_document(CRIME_SAMPLE)
    page = make_page(qtbot, document, "reducing-crime")
    sections = document.inspection.question("reducing-crime").sections
    themes = [row.editors[0].currentText() for row in page.sections.rows]
    assert themes == [s.theme for s in sections]
    from inspector_app.gui.table_editor import DataTableEditor

    [table_editor] = page.findChildren(DataTableEditor)
    assert table_editor.grid.rowCount() == 7 and table_editor.grid.columnCount() == 3
    table_editor.grid.item(1, 1).setText("47.0")
    table = next(b for s in sections for b in s.blocks if b.kind == "table")
    assert table.rows[0][1] == "47.0"
    document.undo_stack.undo()
    assert table.rows[0][1] == "46.3" and table_editor.grid.item(1, 1).text() == "46.3"


def test_long_text_grows_its_editor(qtbot):
    document = sample_document(PEEL_SAMPLE)
    page = make_page(qtbot, document, "protecting-vulnerable")
    editor = page.sections.rows[0].findChildren(GrowingTextEdit)[0]
    text_lines = editor.height() // editor.fontMetrics().lineSpacing()
    assert text_lines >= 4, "a long paragraph shows all its lines without scrolling"


def test_citing_from_the_evidence_panel_into_the_finding_being_edited(qtbot):
    document = sample_document(PEEL_SAMPLE)
    page = make_page(qtbot, document, "protecting-vulnerable")
    assert not page.evidence.cite_button.isEnabled()
    assert page.evidence.proxy.rowCount() == len(document.inspection.evidence_for("protecting-vulnerable"))
    afi_row = page.afis.rows[2]
    afi_row.editors[0].setFocus()
    assert page.cite_target.text() == "Citing in: Area for improvement 3"
    page.evidence.table.selectRow(0)
    assert page.evidence.cite_button.isEnabled()
    qtbot.mouseClick(page.evidence.cite_button, Qt.MouseButton.LeftButton)
    afi = document.inspection.question("protecting-vulnerable").areas_for_improvement[2]
    evidence_id = page.evidence.selected_ids()[0]
    assert afi.evidence_ids[-1] == evidence_id
    document.undo_stack.undo()
    assert evidence_id not in afi.evidence_ids


def test_the_form_lists_findings_in_the_order_the_report_prints_them(qtbot):
    """The form had areas for improvement above causes of concern; the report prints causes first."""
    document = sample_document(PEEL_SAMPLE)
    page = make_page(qtbot, document, "protecting-vulnerable")
    in_order = [
        page.sections,
        page.causes,
        page.recommendations,
        page.afis,
        page.summary,
        page.notes,
        page.footnotes,
    ]
    tops = [editor.mapTo(page.scroll_area.widget(), editor.rect().topLeft()).y() for editor in in_order]
    assert tops == sorted(tops)
