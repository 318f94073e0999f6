"""Review in the window (issue 16, item 4), driven as a reviewer does: comment on the finding being
edited (the name asked once), resolve and reopen it, delete it, each one undo step; sign the report off as
final, the signer shown under the status and the step undone."""

from __future__ import annotations

from PySide6.QtCore import Qt
from support.documents import PEEL_SAMPLE, main_window

from inspector_app.domain.inspection import Status
from inspector_app.gui.overview_page import SignOffLabel, StatusBox
from inspector_app.gui.record_list import RecordRow


def question_with_an_area(window):
    inspection = window.document.inspection
    question = next(q for q in inspection.questions if q.areas_for_improvement)
    window.workspace.show_question(question.question_id)
    page = window.workspace.question_page(question.question_id)
    return page, question.areas_for_improvement[0]


def click_into(qtbot, page, record_id):
    row = next(r for r in page.findChildren(RecordRow) if r.record_id == record_id)
    page.scroll_area.ensureWidgetVisible(row)
    editor = row.editors[0]
    qtbot.mouseClick(editor.viewport(), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.current_finding == record_id)


def test_a_reviewer_comments_resolves_and_deletes_each_one_undo_step(qtbot, tmp_path):
    window = main_window(qtbot, tmp_path, PEEL_SAMPLE)
    page, area = question_with_an_area(window)
    comments = page.comments
    assert comments.list.count() == 0 and not comments.add_button.isEnabled()
    click_into(qtbot, page, area.id)
    assert comments.add_button.isEnabled()
    window.interaction.expect("B. Reviewer", "Which unit does this mean?")
    qtbot.mouseClick(comments.add_button, Qt.MouseButton.LeftButton)
    [comment] = window.document.inspection.comments
    assert (comment.target_id, comment.author, comment.text) == (
        area.id,
        "B. Reviewer",
        "Which unit does this mean?",
    )
    assert comments.list.count() == 1 and "Which unit does this mean?" in comments.list.item(0).text()
    assert (
        "B. Reviewer · " in comments.list.item(0).text()
        and "— on Area for improvement 1" in comments.list.item(0).text()
    )
    assert window.settings.your_name() == "B. Reviewer"  # asked once

    comments.list.setCurrentRow(0)
    qtbot.mouseClick(comments.resolve_button, Qt.MouseButton.LeftButton)  # the name is known now: no question
    assert comment.resolved and comment.resolved_by == "B. Reviewer"
    assert (
        comments.resolve_button.text() == "Reopen"
        and "Resolved by B. Reviewer" in comments.list.item(0).text()
    )
    window.document.undo_stack.undo()
    assert not comment.resolved and comments.resolve_button.text() == "Resolve"

    qtbot.mouseClick(comments.delete_button, Qt.MouseButton.LeftButton)
    assert window.document.inspection.comments == [] and comments.list.count() == 0
    window.document.undo_stack.undo()
    assert len(window.document.inspection.comments) == 1 and comments.list.count() == 1
    window.document.undo_stack.undo()  # the comment itself
    assert window.document.inspection.comments == []
    assert [a.method for a in window.interaction.asked].count("ask_text") == 2


def test_signing_off_as_final_asks_who_and_shows_it_and_undo_takes_it_back(qtbot, tmp_path):
    window = main_window(qtbot, tmp_path, PEEL_SAMPLE)
    window.workspace.show_overview()
    overview = window.workspace.overview
    box = overview.findChild(StatusBox)
    label = overview.findChild(SignOffLabel)
    overview.ensureWidgetVisible(box)
    inspection = window.document.inspection
    assert inspection.status == Status.FINAL and label.text().startswith("Signed off by HMIC on 2 March 2017")

    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Up)  # In review
    assert inspection.status == Status.IN_REVIEW and inspection.signed_off_by == ""
    assert not label.isVisibleTo(overview)

    window.interaction.expect(None)  # cancelled: the status stays
    qtbot.keyClick(box, Qt.Key.Key_Down)
    assert inspection.status == Status.IN_REVIEW and box.currentData() == Status.IN_REVIEW.value

    window.interaction.expect("A. Lead, HM Inspector")
    qtbot.keyClick(box, Qt.Key.Key_Down)
    assert (inspection.status, inspection.signed_off_by) == (Status.FINAL, "A. Lead, HM Inspector")
    assert inspection.signed_off_on is not None
    assert label.isVisibleTo(overview) and label.text().startswith("Signed off by A. Lead, HM Inspector on ")
    window.document.undo_stack.undo()
    assert inspection.status == Status.IN_REVIEW and inspection.signed_off_by == ""
    assert box.currentData() == Status.IN_REVIEW.value and not label.isVisibleTo(overview)
