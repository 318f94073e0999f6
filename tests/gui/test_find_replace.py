"""Find and replace in the main window, driven as an inspector drives it: keys, the bar, the fields."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QPlainTextEdit, QTableWidget
from support.documents import PEEL_SAMPLE, new_document, show_active

from inspector_app.domain.blocks import DataTable, Paragraph
from inspector_app.domain.inspection import (
    AreaForImprovement,
    CauseOfConcern,
    EvidenceItem,
    NarrativeSection,
    Recommendation,
    SummaryItem,
)
from inspector_app.domain.search import find_matches, searchable_texts
from inspector_app.gui.find_replace import FindReplacePanel
from inspector_app.gui.interaction import ScriptedInteraction
from inspector_app.gui.main_window import MainWindow
from inspector_app.gui.record_list import find_row
from inspector_app.gui.settings import AppSettings
from inspector_app.storage.inspection_file import dumps_inspection


@pytest.fixture
def window(qtbot, tmp_path):
    window = MainWindow(ScriptedInteraction(), AppSettings(tmp_path / "settings.ini"))
    qtbot.addWidget(window, before_close_func=_forget_changes)
    window.resize(1366, 768)
    show_active(qtbot, window)
    return window


def _forget_changes(window):
    if window.document is not None:
        window.document.undo_stack.setClean()


def burglary_document():
    """Burglary in question 1 (an area for improvement and its points), question 2 (a summary point, a
    cause's recommendation with its timescale), question 3 (a theme and a table) and the pillar summary."""
    document = new_document()
    inspection = document.inspection
    inspection.pillars[0].summary.append(Paragraph(text="Burglary fell this year."))
    first, second, third = inspection.questions[:3]
    first.areas_for_improvement.append(
        AreaForImprovement(
            text="The force should improve its response to burglary victims.",
            sub_points=["Attend every burglary", "Call back victims"],
        )
    )
    second.summary.append(SummaryItem(text="The force investigates burglary well."))
    second.causes_of_concern.append(
        CauseOfConcern(
            text="Too few burglary suspects are charged.",
            recommendations=[
                Recommendation(text="The force should review burglary files.", timescale="Burglary first")
            ],
        )
    )
    third.sections.append(
        NarrativeSection(
            theme="Burglary",
            blocks=[DataTable(caption="", columns=["Area", "Count"], rows=[["Burglary", "12"]])],
        )
    )
    inspection.evidence.append(EvidenceItem(title="Burglary interview", question_id=first.question_id))
    return document


def open_bar(window, qtbot, keys=(Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)) -> FindReplacePanel:
    qtbot.keyClick(window.focusWidget() or window, *keys)
    panel = window.find_replace.panel
    assert panel is not None and panel.isVisible()
    return panel


def search(qtbot, panel: FindReplacePanel, text: str) -> None:
    panel.find_edit.clear()
    qtbot.keyClicks(panel.find_edit, text)
    qtbot.waitUntil(lambda: not panel.pending())


def listed(panel):
    return [panel.model.index(row, 0).data() for row in range(panel.model.rowCount())]


def selected_text(widget) -> str:
    if isinstance(widget, QLineEdit):
        return widget.selectedText()
    assert isinstance(widget, QPlainTextEdit)
    return widget.textCursor().selectedText()


def field_editor(window, question_id, record_id, field):
    page = window.workspace.question_page(question_id)
    return find_row(page.scroll_area.widget(), record_id).binding_for(field).widget


def test_matches_are_listed_with_their_places_in_report_order(window, qtbot):
    window.open_sample(PEEL_SAMPLE)
    panel = open_bar(window, qtbot)
    assert panel.find_edit.hasFocus()
    search(qtbot, panel, "victims")
    expected = [m.label for m in find_matches(window.document.inspection, "victims")]
    assert len(expected) > 5
    assert listed(panel) == expected
    order = [t.place.label for t in searchable_texts(window.document.inspection)]
    assert [order.index(label) for label in listed(panel)] == sorted(order.index(label) for label in expected)
    assert listed(panel)[0].startswith("Effectiveness summary ›")
    assert any(label.startswith("Question 3 › Area for improvement") for label in listed(panel))
    _before, matched, _after = panel.model.index(0, 1).data(Qt.ItemDataRole.UserRole + 2)
    assert matched.lower() == "victims"
    assert panel.count_label.text() == f"{len(expected)} matches"


def test_match_case_and_whole_word(window, qtbot):
    window.set_document(burglary_document())
    panel = open_bar(window, qtbot)
    search(qtbot, panel, "burglary")
    assert len(listed(panel)) == 9
    panel.match_case.setChecked(True)
    assert len(listed(panel)) == 5
    panel.match_case.setChecked(False)
    search(qtbot, panel, "burgl")
    assert len(listed(panel)) == 9
    panel.whole_word.setChecked(True)
    assert listed(panel) == [] and panel.count_label.text() == "No matches"
    search(qtbot, panel, "burglary")
    assert len(listed(panel)) == 9
    panel.include_evidence.setChecked(True)
    assert listed(panel)[-1] == "Evidence 1 › Title"


def test_next_and_previous_move_across_pages_and_select_the_match_in_its_field(window, qtbot):
    document = burglary_document()
    window.set_document(document)
    first, second = document.inspection.questions[:2]
    area = first.areas_for_improvement[0]
    panel = open_bar(window, qtbot)
    search(qtbot, panel, "burglary")
    panel.whole_word.setChecked(True)

    qtbot.keyClick(panel.find_edit, Qt.Key.Key_Return)  # Enter in the box: the first match
    assert window.workspace.current_page() is window.workspace.overview
    qtbot.keyClick(panel.find_edit, Qt.Key.Key_F3)
    page = window.workspace.question_page(first.question_id)
    assert window.workspace.current_page() is page
    text = field_editor(window, first.question_id, area.id, "text")
    assert selected_text(text) == "burglary"
    assert text.textCursor().selectionStart() == area.text.index("burglary")
    assert panel.find_edit.hasFocus(), "the focus stays in the bar: Enter again for the next"
    assert panel.count_label.text() == "Match 2 of 9"

    qtbot.keyClick(panel.find_edit, Qt.Key.Key_Return)  # the area's first nested point, one per line
    points = field_editor(window, first.question_id, area.id, "sub_points")
    assert selected_text(points) == "burglary"
    assert points.textCursor().selectionStart() == len("Attend every ")

    qtbot.keyClick(panel.find_edit, Qt.Key.Key_F3)  # on to question 2's cause of concern
    assert window.workspace.current_page() is window.workspace.question_page(second.question_id)
    cause = field_editor(window, second.question_id, second.causes_of_concern[0].id, "text")
    assert selected_text(cause) == "burglary"

    qtbot.keyClick(panel.find_edit, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)  # and back
    assert window.workspace.current_page() is page
    assert selected_text(points) == "burglary"
    assert panel.count_label.text() == "Match 3 of 9"


def test_the_list_takes_you_to_a_match_and_the_focus_into_its_field(window, qtbot):
    document = burglary_document()
    window.set_document(document)
    cause = document.inspection.questions[1].causes_of_concern[0]
    recommendation = cause.recommendations[0]
    panel = open_bar(window, qtbot)
    search(qtbot, panel, "burglary first")
    [label] = listed(panel)
    assert label == "Question 2 › Cause of concern 1 › Recommendation 1 › Timescale"
    panel.view.setFocus()
    panel.view.setCurrentIndex(panel.model.index(0, 0))
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    timescale = field_editor(
        window, document.inspection.questions[1].question_id, recommendation.id, "timescale"
    )
    assert timescale.hasFocus() and timescale.selectedText() == "Burglary first"


def test_a_theme_and_a_table_cell_are_found_too(window, qtbot):
    document = burglary_document()
    window.set_document(document)
    third = document.inspection.questions[2]
    panel = open_bar(window, qtbot)
    search(qtbot, panel, "burglary")
    labels = listed(panel)
    theme = labels.index("Question 3 › Heading “Burglary”")
    assert labels[theme + 1] == "Question 3 › Burglary › Table 1 › Row 1, column 1"
    panel.select_match(theme, focus_field=True)
    focus = QApplication.focusWidget()
    assert isinstance(focus, QComboBox) and focus.lineEdit().selectedText() == "Burglary"
    panel.select_match(theme + 1, focus_field=True)
    grid = QApplication.focusWidget()
    assert isinstance(grid, QTableWidget)
    assert window.workspace.question_page(third.question_id).scroll_area.isAncestorOf(grid)
    assert (grid.currentRow(), grid.currentColumn()) == (1, 0), "the row under the headings"


def test_replace_replaces_the_selected_match_and_selects_the_next(window, qtbot):
    document = burglary_document()
    window.set_document(document)
    area = document.inspection.questions[0].areas_for_improvement[0]
    panel = open_bar(window, qtbot, (Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier))
    assert panel.replace_edit.isVisible()
    search(qtbot, panel, "burglary")
    qtbot.keyClicks(panel.replace_edit, "theft")
    panel.select_match(1)  # the area for improvement
    panel.replace_button.click()
    assert area.text == "The force should improve its response to theft victims."
    assert area.sub_points[0] == "Attend every burglary", "one match only"
    assert panel.current_match() is not None and panel.current_match().field == "sub_points"
    assert len(listed(panel)) == 8
    window.undo_action.trigger()
    assert area.text == "The force should improve its response to burglary victims."


def test_replace_all_is_one_undo_step_and_says_how_many(window, qtbot):
    document = burglary_document()
    window.set_document(document)
    before = dumps_inspection(document.inspection)
    panel = open_bar(window, qtbot, (Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier))
    search(qtbot, panel, "burglary")
    panel.replace_edit.setText("theft")
    steps = document.undo_stack.count()
    panel.replace_all_button.click()
    assert document.undo_stack.count() == steps + 1
    assert window.statusBar().currentMessage() == "Replaced 9 occurrences"
    assert find_matches(document.inspection, "burglary") == []
    assert listed(panel) == []
    inspection = document.inspection
    assert inspection.pillars[0].summary[0].text == "theft fell this year."
    assert inspection.questions[2].sections[0].theme == "theft"
    assert inspection.questions[2].sections[0].blocks[0].rows == [["theft", "12"]]
    assert inspection.questions[1].causes_of_concern[0].recommendations[0].timescale == "theft first"
    assert inspection.evidence[0].title == "Burglary interview"
    # The editors on the pages show the new words.
    area = inspection.questions[0].areas_for_improvement[0]
    window.workspace.show_question(inspection.questions[0].question_id)
    assert field_editor(window, inspection.questions[0].question_id, area.id, "sub_points").toPlainText() == (
        "Attend every theft\nCall back victims"
    )
    assert window.undo_action.text() == "&Undo Replace all “burglary” with “theft”"
    window.undo_action.trigger()
    assert dumps_inspection(document.inspection) == before
    qtbot.waitUntil(lambda: len(listed(panel)) == 9)
    window.redo_action.trigger()
    assert find_matches(document.inspection, "burglary") == []


def test_ctrl_f_opens_the_bar_on_a_question_page_but_filters_on_the_evidence_log(window, qtbot):
    window.open_sample(PEEL_SAMPLE)
    workspace = window.workspace
    workspace.show_question("preventing-crime")
    page = workspace.question_page("preventing-crime")
    editor = page.afis.rows[0].editors[0] if page.afis.rows else page.summary.rows[0].editors[0]
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    panel = window.find_replace.panel
    assert panel is not None and panel.isVisible() and panel.find_edit.hasFocus()
    assert not panel.replace_edit.isVisible()
    qtbot.keyClick(panel.find_edit, Qt.Key.Key_Escape)
    assert not panel.isVisible() and editor.hasFocus(), "Escape closes the bar and goes back"

    window.evidence_action.trigger()
    log = workspace.evidence_log
    log.table.setFocus()
    qtbot.keyClick(log.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert log.filter_edit.hasFocus() and not panel.isVisible()
    workspace.navigator.setFocus()  # the log shown, the focus beside it: still the log's filter
    qtbot.keyClick(workspace.navigator, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert log.filter_edit.hasFocus() and not panel.isVisible()
    qtbot.keyClick(log.filter_edit, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert panel.isVisible() and panel.replace_edit.isVisible(), "Ctrl+H searches the report from anywhere"


def test_ctrl_f_searches_for_the_words_selected(window, qtbot):
    document = burglary_document()
    window.set_document(document)
    first = document.inspection.questions[0]
    window.workspace.show_question(first.question_id)
    text = field_editor(window, first.question_id, first.areas_for_improvement[0].id, "text")
    text.setFocus()
    cursor = text.textCursor()
    cursor.setPosition(len("The force should "))
    cursor.setPosition(len("The force should improve"), cursor.MoveMode.KeepAnchor)
    text.setTextCursor(cursor)
    panel = open_bar(window, qtbot)
    assert panel.query() == "improve" and panel.find_edit.selectedText() == "improve"


def test_the_list_follows_the_text_once_the_typing_pauses(window, qtbot):
    document = burglary_document()
    window.set_document(document)
    second = document.inspection.questions[1]
    panel = open_bar(window, qtbot)
    search(qtbot, panel, "robbery")
    assert listed(panel) == []
    window.workspace.show_question(second.question_id)
    summary = field_editor(window, second.question_id, second.summary[0].id, "text")
    summary.setFocus()
    summary.moveCursor(summary.textCursor().MoveOperation.End)
    qtbot.keyClicks(summary, " and robbery")
    assert listed(panel) == [] and panel.pending(), "no search per keystroke: a timer"
    qtbot.waitUntil(lambda: listed(panel) == ["Question 2 › Summary point 1"])


def test_the_shortcuts_are_in_the_edit_menu_and_the_f1_list(window, qtbot):
    window.open_sample(PEEL_SAMPLE)
    edit_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")
    names = [a.text() for a in edit_menu.actions()]
    for name in ("&Find in report…", "Re&place…", "Find &next", "Find pre&vious"):
        assert name in names
    window.shortcuts_action.trigger()
    [(_title, text)] = window.interaction.messages("inform")
    for keys, name in (
        ("Ctrl+F", "Find in report…"),
        ("Ctrl+H", "Replace…"),
        ("F3", "Find next"),
        ("Shift+F3", "Find previous"),
    ):
        assert any(line.split()[:1] == [keys] and line.endswith(name) for line in text.splitlines()), keys


def test_the_bar_starts_afresh_with_another_document_and_closes_on_the_start_page(window, qtbot):
    window.set_document(burglary_document())
    panel = open_bar(window, qtbot)
    search(qtbot, panel, "burglary")
    assert listed(panel)
    window.close_document()
    assert not panel.isVisible() and not window.find_replace.find_action.isEnabled()
    window.set_document(burglary_document())
    assert listed(panel) == []
    panel = open_bar(window, qtbot)
    assert len(listed(panel)) == 9, "the words searched are kept"


def test_a_match_in_the_evidence_opens_the_item_even_under_the_logs_filter(window, qtbot):
    document = burglary_document()
    window.set_document(document)
    log = window.workspace.evidence_log
    window.workspace.show_evidence_log()
    log.filter_edit.setText("nothing like it")
    panel = open_bar(window, qtbot, (Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier))
    search(qtbot, panel, "interview")
    assert listed(panel) == []
    panel.include_evidence.setChecked(True)
    assert listed(panel) == ["Evidence 1 › Title"]
    panel.select_match(0, focus_field=True)
    assert window.workspace.current_page() is log and log.filter_edit.text() == ""
    assert log.current_id() == document.inspection.evidence[0].id
    assert log.editor.title_edit.hasFocus() and log.editor.title_edit.selectedText() == "interview"
    assert window.statusBar().currentMessage() == "The evidence log's filter was cleared to show the match"
    panel.replace_edit.setText("conversation")
    panel.replace_current()
    assert document.inspection.evidence[0].title == "Burglary conversation"
    assert log.editor.title_edit.text() == "Burglary conversation"


def test_the_list_of_matches_passes_the_qt_model_tester(window, qtbot, qtmodeltester):
    window.set_document(burglary_document())
    panel = open_bar(window, qtbot)
    search(qtbot, panel, "burglary")
    qtmodeltester.check(panel.model)


def test_replace_says_so_when_the_text_would_be_too_long(window, qtbot):
    from inspector_app.domain.limits import MAX_TEXT_CHARS

    document = burglary_document()
    summary = document.inspection.questions[1].summary[0]
    summary.text = "burglary " + "x" * (MAX_TEXT_CHARS - 20)
    window.set_document(document)
    panel = open_bar(window, qtbot, (Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier))
    search(qtbot, panel, "burglary")
    panel.whole_word.setChecked(True)
    index = next(n for n, m in enumerate(panel.matches) if m.record_id == summary.id)
    panel.select_match(index)
    panel.replace_edit.setText("y" * 40)
    panel.replace_current()
    assert summary.text.startswith("burglary ")
    assert window.statusBar().currentMessage() == "Not replaced: the text would be longer than a text may be"
    panel.replace_all()
    assert summary.text.startswith("burglary ")
    assert window.statusBar().currentMessage() == (
        "Replaced 8 occurrences; 1 text left as it was: it would be longer than a text may be"
    )
