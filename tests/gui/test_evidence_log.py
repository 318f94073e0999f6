"""The evidence log driven as an inspector drives it: filter, add, type, undo, delete, move, keyboard only."""

from __future__ import annotations

import uuid

import pytest
from PySide6.QtCore import QDate, QItemSelectionModel, QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QLineEdit, QPlainTextEdit, QWidget
from support.documents import CRIME_SAMPLE, new_document, sample_document, show_active

from inspector_app.domain.inspection import EvidenceItem, SourceType
from inspector_app.gui.commands import AddEvidence, DeleteEvidence, update_evidence
from inspector_app.gui.evidence_log import EvidenceLogPage
from inspector_app.gui.evidence_model import DATE, ID_ROLE, SORT_ROLE, TITLE
from inspector_app.gui.interaction import ScriptedInteraction
from inspector_app.gui.navigator import NodeKind
from inspector_app.gui.question_evidence import QuestionEvidenceList

CTRL = Qt.KeyboardModifier.ControlModifier


_HOSTS: list[QWidget] = []


@pytest.fixture(autouse=True)
def _release_hosts():
    yield
    _HOSTS.clear()


def hosted(qtbot, make_widget, width=1300, height=800):
    """The widget inside a plain window, as the workspace holds it.

    A top-level widget with a layout would pass its minimum size to the window, which the offscreen
    platform answers with a warning (and warnings fail tests).
    """
    host = QWidget()
    qtbot.addWidget(host)
    host.resize(width, height)
    widget = make_widget(host)
    widget.resize(width, height)
    show_active(qtbot, host)
    _HOSTS.append(host)  # keep the window (and so the widget) alive until the test ends
    return widget


def make_page(qtbot, document=None, interaction=None) -> EvidenceLogPage:
    return hosted(
        qtbot,
        lambda host: EvidenceLogPage(
            document or sample_document(), interaction or ScriptedInteraction(), host
        ),
    )


def shown_ids(page) -> list[uuid.UUID]:
    proxy = page.proxy
    return [proxy.index(row, 0).data(ID_ROLE) for row in range(proxy.rowCount())]


def select_rows(page, *rows: int) -> None:
    selection = page.table.selectionModel()
    selection.clearSelection()
    for row in rows:
        selection.select(
            page.proxy.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    selection.setCurrentIndex(page.proxy.index(rows[0], 0), QItemSelectionModel.SelectionFlag.NoUpdate)


def test_typing_in_the_filter_narrows_the_table_and_the_count(qtbot):
    page = make_page(qtbot)
    total = len(page.document.inspection.evidence)
    assert page.count_label.text() == f"{total} of {total} items"
    page.focus_filter_action.trigger()
    assert page.filter_edit.hasFocus()
    qtbot.keyClicks(page.filter_edit, "FOCUS group")
    expected = [
        e.id
        for e in page.document.inspection.evidence
        if "focus" in e.title.lower() + e.text.lower() and "group" in (e.title + e.text).lower()
    ]
    assert sorted(shown_ids(page), key=str) == sorted(expected, key=str)
    assert page.count_label.text() == f"{len(expected)} of {total} items"
    page.filter_edit.clear()
    assert page.proxy.rowCount() == total


def test_question_diagnostic_and_source_type_filters(qtbot):
    page = make_page(qtbot)
    evidence = page.document.inspection.evidence
    assert not page.diagnostic_filter.isEnabled()
    page.show_question("investigating-crime")
    assert page.question_filter.currentText() == "2. Investigating crime and reducing re-offending"
    assert page.diagnostic_filter.isEnabled()
    assert {e.id for e in evidence if e.question_id == "investigating-crime"} == set(shown_ids(page))
    page.diagnostic_filter.setCurrentIndex(page.diagnostic_filter.findData("2.2"))
    assert {e.id for e in evidence if e.diagnostic_id == "2.2"} == set(shown_ids(page))
    page.set_source_type_filter({SourceType.INTERVIEW})
    assert page.source_type_button.text() == "Interview"
    assert {
        e.id for e in evidence if e.diagnostic_id == "2.2" and e.source_type == SourceType.INTERVIEW
    } == set(shown_ids(page))
    page.show_question("specialist-capabilities")  # no diagnostics
    assert not page.diagnostic_filter.isEnabled()
    page.show_question(None)
    page.set_source_type_filter(None)
    assert page.proxy.rowCount() == len(evidence)
    assert page.source_type_button.text() == "All source types"


def test_insert_adds_after_the_current_row_with_the_filtered_question_and_focuses_the_title(qtbot):
    page = make_page(qtbot)
    document = page.document
    page.show_question("protecting-vulnerable")
    page.diagnostic_filter.setCurrentIndex(page.diagnostic_filter.findData("3.2"))
    page.table.setFocus()
    page.table.setCurrentIndex(page.proxy.index(0, TITLE))
    current = page.current_id()
    position = next(n for n, e in enumerate(document.inspection.evidence) if e.id == current)

    qtbot.keyClick(page.table, Qt.Key.Key_Insert)

    new = document.inspection.evidence[position + 1]
    assert (new.question_id, new.diagnostic_id, new.title) == ("protecting-vulnerable", "3.2", "")
    assert page.current_id() == new.id and page.editor.evidence_id == new.id
    assert page.editor.title_edit.hasFocus()
    qtbot.keyClicks(page.editor.title_edit, "Visit to the MASH")
    assert new.title == "Visit to the MASH"
    assert page.proxy.index(page.table.currentIndex().row(), TITLE).data() == "Visit to the MASH"
    assert document.undo_stack.count() == 2  # the add, then the typing as one step

    document.undo_stack.undo()
    assert new.title == "" and page.editor.title_edit.text() == ""
    document.undo_stack.undo()
    assert new.id not in {e.id for e in document.inspection.evidence}
    document.undo_stack.redo()
    document.undo_stack.redo()
    assert document.inspection.evidence[position + 1] is new and new.title == "Visit to the MASH"
    assert new.id in shown_ids(page)


def test_a_new_item_stays_visible_under_a_text_filter(qtbot):
    page = make_page(qtbot)
    qtbot.keyClicks(page.filter_edit, "custody")
    shown = page.proxy.rowCount()
    page.add_action.trigger()
    assert page.proxy.rowCount() == shown + 1
    qtbot.keyClicks(page.editor.title_edit, "Interview")  # still no "custody": it stays while edited
    assert page.current_id() in shown_ids(page)


def test_ctrl_z_in_an_editor_field_undoes_on_the_document_stack(qtbot):
    page = make_page(qtbot)
    page.table.setCurrentIndex(page.proxy.index(1, 0))
    item = page.document.inspection.evidence[1]
    original = item.collector
    editor = page.editor.collector_edit
    editor.setFocus()
    editor.end(False)
    qtbot.keyClicks(editor, " (lead)")
    assert item.collector == original + " (lead)"
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)
    assert item.collector == original and editor.text() == original
    assert page.document.undo_stack.canRedo()


def test_undo_refreshes_the_editor_without_pushing_and_keeps_the_cursor(qtbot):
    page = make_page(qtbot)
    document = page.document
    page.table.setCurrentIndex(page.proxy.index(0, 0))
    item = document.inspection.evidence[0]
    text_edit: QPlainTextEdit = page.editor.text_edit
    assert text_edit.toPlainText() == item.text and not text_edit.isUndoRedoEnabled()
    text_edit.setFocus()
    cursor = text_edit.textCursor()
    cursor.setPosition(10)
    text_edit.setTextCursor(cursor)
    qtbot.keyClicks(text_edit, "XYZ")
    assert item.text[10:13] == "XYZ"
    count = document.undo_stack.count()

    document.undo_stack.undo()
    assert text_edit.toPlainText() == item.text and "XYZ" not in item.text
    assert text_edit.textCursor().position() == 13  # where it was, as far as the text allows
    assert document.undo_stack.count() == count and document.undo_stack.canRedo()  # nothing was pushed
    document.undo_stack.redo()
    assert text_edit.toPlainText() == item.text and item.text[10:13] == "XYZ"


def test_editor_fields_push_updates(qtbot):
    page = make_page(qtbot)
    document = page.document
    page.table.setCurrentIndex(page.proxy.index(0, 0))
    item = document.inspection.evidence[0]
    editor = page.editor

    editor.source_type_combo.setFocus()
    editor.source_type_combo.setCurrentIndex(editor.source_type_combo.findData(SourceType.SURVEY))
    editor.source_type_combo.activated.emit(editor.source_type_combo.currentIndex())
    assert item.source_type == SourceType.SURVEY

    editor.question_combo.setCurrentIndex(editor.question_combo.findData("investigating-crime"))
    editor.question_combo.activated.emit(editor.question_combo.currentIndex())
    assert (item.question_id, item.diagnostic_id) == ("investigating-crime", None)
    assert editor.diagnostic_combo.isEnabled() and editor.diagnostic_combo.count() == 4
    editor.diagnostic_combo.setCurrentIndex(editor.diagnostic_combo.findData("2.3"))
    editor.diagnostic_combo.activated.emit(editor.diagnostic_combo.currentIndex())
    assert item.diagnostic_id == "2.3"

    qtbot.mouseClick(editor.no_date_check, Qt.MouseButton.LeftButton)
    assert item.date is None and not editor.date_edit.isEnabled()
    qtbot.mouseClick(editor.no_date_check, Qt.MouseButton.LeftButton)
    assert item.date is not None
    editor.date_edit.setDate(QDate(2016, 10, 20))
    assert item.date.isoformat() == "2016-10-20"

    editor.reference_edit.setFocus()
    editor.reference_edit.selectAll()
    qtbot.keyClicks(editor.reference_edit, "REF-1")
    assert item.reference == "REF-1"

    stack = document.undo_stack
    while stack.canUndo():
        stack.undo()
    fresh = sample_document().inspection.evidence[0]
    assert item.model_dump() == fresh.model_dump()
    assert editor.reference_edit.text() == fresh.reference
    assert editor.question_combo.currentData() == fresh.question_id
    assert editor.diagnostic_combo.currentData() == fresh.diagnostic_id


def test_delete_two_asks_once_and_one_undo_brings_both_back(qtbot):
    interaction = ScriptedInteraction().expect(True)
    page = make_page(qtbot, interaction=interaction)
    document = page.document
    before = document.inspection.model_dump(mode="json")
    select_rows(page, 2, 4)
    doomed = set(page.selected_ids())
    assert len(doomed) == 2
    page.table.setFocus()

    qtbot.keyClick(page.table, Qt.Key.Key_Delete)

    assert [a.method for a in interaction.asked] == ["confirm"]
    assert "2 evidence items" in interaction.asked[0].args[1]
    assert not doomed & {e.id for e in document.inspection.evidence}
    assert not doomed & set(shown_ids(page))
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert document.inspection.model_dump(mode="json") == before


def test_delete_is_cancelled_when_the_user_says_no_and_one_item_is_not_asked_about(qtbot):
    interaction = ScriptedInteraction().expect(False)
    page = make_page(qtbot, interaction=interaction)
    count = len(page.document.inspection.evidence)
    select_rows(page, 0, 1)
    page.delete_action.trigger()
    assert len(page.document.inspection.evidence) == count
    select_rows(page, 3)
    page.delete_action.trigger()
    assert len(page.document.inspection.evidence) == count - 1
    assert len(interaction.asked) == 1


def test_move_to_question_asks_which_and_is_one_undo_step(qtbot):
    interaction = ScriptedInteraction().expect(4)  # the fifth question
    page = make_page(qtbot, interaction=interaction)
    document = page.document
    select_rows(page, 0, 1, 2)
    moving = page.selected_ids()
    page.table.setFocus()

    qtbot.keyClick(page.table, Qt.Key.Key_M, CTRL)

    method, args = interaction.asked[0].method, interaction.asked[0].args
    assert method == "choose" and args[2][4] == "5. Specialist capabilities"
    target = document.inspection.framework.questions()[4].id
    for evidence_id in moving:
        item = document.inspection.evidence_item(evidence_id)
        assert (item.question_id, item.diagnostic_id) == (target, None)
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert all(document.inspection.evidence_item(i).question_id != target for i in moving)


def test_move_cancelled_changes_nothing(qtbot):
    page = make_page(qtbot, interaction=ScriptedInteraction().expect(None))
    select_rows(page, 0)
    assert not page.move_selected()
    assert page.document.undo_stack.count() == 0


def test_duplicate_copies_the_content_with_a_new_id(qtbot):
    page = make_page(qtbot)
    document = page.document
    select_rows(page, 3)
    original = document.inspection.evidence[3]
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_D, CTRL)
    copy = document.inspection.evidence[4]
    assert copy.id != original.id
    assert copy.model_dump(exclude={"id"}) == original.model_dump(exclude={"id"})
    assert page.current_id() == copy.id
    document.undo_stack.undo()
    assert copy.id not in {e.id for e in document.inspection.evidence}


def test_enter_in_the_table_opens_the_item_in_the_editor(qtbot):
    page = make_page(qtbot)
    page.table.setFocus()
    page.table.setCurrentIndex(page.proxy.index(2, TITLE))
    with qtbot.waitSignal(page.evidenceActivated) as activated:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert activated.args == [page.document.inspection.evidence[2].id]
    assert page.editor.title_edit.hasFocus()


def test_clicking_a_header_sorts_and_adding_keeps_the_order(qtbot):
    page = make_page(qtbot)
    header = page.table.horizontalHeader()

    def click(column):
        x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))

    def keys(column):
        return [page.proxy.index(row, column).data(SORT_ROLE) for row in range(page.proxy.rowCount())]

    click(DATE)
    assert page.model.sort_column == DATE
    page.document.push(
        AddEvidence(page.document, EvidenceItem(title="Late", date=page.document.inspection.evidence[0].date))
    )
    assert keys(DATE) == sorted(keys(DATE), reverse=page.model.sort_order == Qt.SortOrder.DescendingOrder)
    click(TITLE)
    click(TITLE)
    assert page.model.sort_column == TITLE and keys(TITLE) == sorted(
        keys(TITLE), reverse=page.model.sort_order == Qt.SortOrder.DescendingOrder
    )
    click(TITLE)  # the third click clears the sort: the document's own order again
    assert page.model.sort_column == -1
    assert shown_ids(page) == [e.id for e in page.document.inspection.evidence]


def test_tab_runs_filter_combos_table_editor(qtbot):
    page = make_page(qtbot)
    page.show_question("investigating-crime")  # the diagnostic filter takes part only when it applies
    page.table.setCurrentIndex(page.proxy.index(0, 0))
    editor = page.editor
    order = [
        page.filter_edit,
        page.question_filter,
        page.diagnostic_filter,
        page.source_type_button,
        page.table,
        editor.source_type_combo,
        editor.title_edit,
        editor.question_combo,
        editor.diagnostic_combo,
        editor.date_edit,
        editor.no_date_check,
        editor.collector_edit,
        editor.reference_edit,
        editor.text_edit,
    ]
    page.focus_filter_action.trigger()
    for expected in order:
        assert QApplication.focusWidget() is expected
        qtbot.keyClick(expected, Qt.Key.Key_Tab)
        for _section in range(3):  # Tab first walks a date's day, month and year, as in every Qt date field
            if QApplication.focusWidget() is expected is editor.date_edit:
                qtbot.keyClick(expected, Qt.Key.Key_Tab)


def test_every_control_has_a_name_for_assistive_technology(qtbot):
    page = make_page(qtbot)
    for widget in page.findChildren(QWidget):
        internal = widget.objectName().startswith("qt_")  # e.g. the line edit inside a QDateEdit
        if isinstance(widget, (QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit)) and not internal:
            name = widget.accessibleName() or (widget.text() if isinstance(widget, QAbstractButton) else "")
            assert name.strip(), widget
    for action in page.actions():
        assert action.shortcut().toString() and action.toolTip()


def test_actions_are_exposed_for_the_menu(qtbot):
    page = make_page(qtbot)
    texts = [action.text().replace("&", "") for action in page.actions()]
    assert texts == ["Add evidence", "Duplicate", "Delete", "Move to question…", "Filter evidence"]


def test_empty_inspection_page(qtbot):
    page = make_page(qtbot, new_document())
    assert page.count_label.text() == "0 of 0 items"
    assert not page.editor.isEnabled() and not page.delete_action.isEnabled()
    page.add_action.trigger()
    assert page.count_label.text() == "1 of 1 item"
    assert page.editor.isEnabled() and page.editor.title_edit.hasFocus()


# -- the question page's compact list -----------------------------------------------------------------


def test_question_evidence_list_shows_one_question_and_asks_to_cite(qtbot):
    document = sample_document(CRIME_SAMPLE)
    question_id = document.inspection.framework.questions()[1].id
    widget = hosted(qtbot, lambda host: QuestionEvidenceList(document, question_id, host), 500, 300)
    expected = [e.id for e in document.inspection.evidence if e.question_id == question_id]
    assert [widget.proxy.index(r, 0).data(ID_ROLE) for r in range(widget.proxy.rowCount())] == expected
    assert widget.count_label.text() == f"{len(expected)} evidence items"
    visible = [c for c in range(widget.proxy.columnCount()) if not widget.table.isColumnHidden(c)]
    assert [widget.proxy.headerData(c, Qt.Orientation.Horizontal) for c in visible] == [
        "Source type",
        "Title",
        "Date",
    ]

    assert not widget.cite_button.isEnabled()
    widget.table.selectRow(1)
    assert widget.cite_button.isEnabled()
    with qtbot.waitSignal(widget.citeRequested) as cited:
        qtbot.mouseClick(widget.cite_button, Qt.MouseButton.LeftButton)
    assert cited.args == [expected[1]]
    widget.set_cite_enabled(False)
    assert not widget.cite_button.isEnabled()

    item = EvidenceItem(title="Another", question_id=question_id)
    document.push(AddEvidence(document, item))
    assert widget.proxy.rowCount() == len(expected) + 1
    document.push(update_evidence(document, item.id, {"question_id": None}))
    assert widget.proxy.rowCount() == len(expected)
    document.push(DeleteEvidence(document, expected[0]))
    assert widget.count_label.text() == f"{len(expected) - 1} evidence items"


@pytest.mark.parametrize("count", [1, 2])
def test_question_evidence_list_count_wording(qtbot, count):
    document = new_document()
    for n in range(count):
        document.push(AddEvidence(document, EvidenceItem(title=f"Item {n}", question_id="preventing-crime")))
    widget = QuestionEvidenceList(document, "preventing-crime")
    qtbot.addWidget(widget)
    assert widget.count_label.text() == ("1 evidence item" if count == 1 else "2 evidence items")
    assert QApplication.instance() is not None


def test_choosing_a_diagnostic_in_the_navigator_clears_an_old_text_filter(qtbot):
    """The navigator showed "0 of 25 items" for a diagnostic: a word typed earlier still filtered."""
    from inspector_app.gui.workspace import Workspace

    document = sample_document()
    workspace = Workspace(document, ScriptedInteraction())
    qtbot.addWidget(workspace)
    workspace.show()
    log = workspace.evidence_log
    workspace.show_evidence_log()
    log.filter_edit.setText("zzz-nothing-matches")
    assert log.proxy.rowCount() == 0
    question = document.inspection.framework.questions()[0]
    diagnostic = question.diagnostics[0]
    workspace._select(workspace.navigator_model.find(NodeKind.DIAGNOSTIC, diagnostic.id))
    assert log.filter_edit.text() == ""
    expected = [e for e in document.inspection.evidence if e.diagnostic_id == diagnostic.id]
    assert log.proxy.rowCount() == len(expected) > 0


def test_every_date_field_uses_one_format(qtbot):
    """The new-inspection dialog said dd/MM/yyyy, the evidence editor yyyy-MM-dd, the overview dd/MM/yyyy."""
    from PySide6.QtWidgets import QDateEdit

    from inspector_app import bundled
    from inspector_app.gui.evidence_format import date_format
    from inspector_app.gui.new_inspection_dialog import NewInspectionDialog
    from inspector_app.gui.overview_page import OverviewPage

    document = sample_document()
    widgets = [
        EvidenceLogPage(document, ScriptedInteraction()),
        OverviewPage(document),
        NewInspectionDialog(bundled.frameworks()),
    ]
    formats = set()
    for widget in widgets:
        qtbot.addWidget(widget)
        formats |= {edit.displayFormat() for edit in widget.findChildren(QDateEdit)}
    assert formats == {date_format()} and "yyyy" in date_format()
