"""Who wrote what, in the window (issue 16, item 4): a team file's finding rows and evidence editor say
"Written by Ann · last changed by Bob" after the sync on open, and again after a save's sync; a solo file
and a sample show no such line at all."""

from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QPushButton
from support.documents import PEEL_SAMPLE, main_window

from inspector_app import bundled
from inspector_app.domain import editing
from inspector_app.domain.inspection import AreaForImprovement, EvidenceItem, Inspection
from inspector_app.gui.record_list import find_row
from inspector_app.storage.inspection_file import loads_inspection, save_inspection
from inspector_app.storage.team import make_copy, open_team_file, sync


def _edit(path: Path, edit) -> None:  # type: ignore[no-untyped-def]
    team_file = open_team_file(path)
    changes = edit(team_file.inspection)
    team_file.record(changes if isinstance(changes, list) else [changes])
    team_file.save()


def _team(tmp_path: Path) -> tuple[Path, str, uuid.UUID, uuid.UUID]:
    """Ann adds a finding and an evidence item; Bob, having synced, changes both; Ann's copy is returned
    unsynced since (the window's sync on open brings Bob's changes)."""
    lead = tmp_path / "Herts.inspection"
    save_inspection(loads_inspection(bundled.sample(PEEL_SAMPLE).read_bytes(), PEEL_SAMPLE), lead)
    ann, bob = tmp_path / "ann.inspection", tmp_path / "bob.inspection"
    make_copy(lead, "Ann", ann)
    make_copy(lead, "Bob", bob)
    question = open_team_file(ann).inspection.questions[0]
    finding = AreaForImprovement(text="The force should review its missing persons process.")
    item = EvidenceItem(title="Interview with the chief inspector", text="Seen.")

    def add(inspection: Inspection):  # type: ignore[no-untyped-def]
        return [
            editing.insert_record(inspection, question.id, "areas_for_improvement", 0, finding),
            editing.add_evidence(inspection, item),
        ]

    def change(inspection: Inspection):  # type: ignore[no-untyped-def]
        return [
            editing.set_field(inspection, finding.id, "text", finding.text + " Promptly."),
            *editing.update_evidence(inspection, item.id, text="Seen, and confirmed."),
        ]

    _edit(ann, add)
    sync(ann)
    sync(bob)
    _edit(bob, change)
    sync(bob)
    return ann, question.question_id, finding.id, item.id


def _settled(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not window.team.running and window.team.authors.task is None, timeout=30000)


def _row_line(window, question_id: str, record_id: uuid.UUID) -> QLabel:  # type: ignore[no-untyped-def]
    page = window.workspace.question_page(question_id)
    row = find_row(page.scroll_area.widget(), record_id)
    assert row is not None and row.author_line is not None
    return row.author_line


def test_rows_and_the_evidence_editor_say_who_wrote_and_last_changed(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ann_path, question_id, finding_id, item_id = _team(tmp_path)
    folder = tmp_path / "window"
    folder.mkdir()
    window = main_window(qtbot, folder)
    assert window.open_path(ann_path)  # syncs on open: Bob's changes come in, the page reloads
    _settled(qtbot, window)
    line = _row_line(window, question_id, finding_id)
    qtbot.waitUntil(lambda: line.text() == "Written by Ann · last changed by Bob", timeout=10000)
    assert line.isVisibleTo(line.parentWidget()) and "as of the last sync" in line.toolTip()
    assert line.minimumSizeHint().width() == 0  # cut short with "…" in a narrow row, never widening it

    other = next(
        afi.id
        for question in window.document.inspection.questions
        if question.question_id == question_id
        for afi in question.areas_for_improvement
        if afi.id != finding_id
    )
    assert _row_line(window, question_id, other).text() == ""  # unchanged since the copy: no label
    # Ann types in it: its line says she changed it last, before any sync; the other rows stay as they were.
    other_row = find_row(window.workspace.question_page(question_id).scroll_area.widget(), other)
    editor = next(e for e in other_row.findChildren(QPlainTextEdit) if e.isVisibleTo(other_row))
    editor.setFocus()
    qtbot.keyClicks(editor, " Also")
    assert _row_line(window, question_id, other).text() == "Last changed by Ann"
    assert _row_line(window, question_id, finding_id).text() == "Written by Ann · last changed by Bob"
    page = window.workspace.question_page(question_id)
    add = next(b for b in page.findChildren(QPushButton) if b.text() == "Add area for improvement")
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    question = next(q for q in window.document.inspection.questions if q.question_id == question_id)
    assert _row_line(window, question_id, question.areas_for_improvement[-1].id).text() == "Written by Ann"

    window.workspace.show_evidence_item(item_id)
    log = window.workspace.evidence_log
    assert log.author_line is not None
    assert log.author_line.text() == "Written by Ann · last changed by Bob"
    original = window.document.inspection.evidence[0].id
    window.workspace.show_evidence_item(original)
    assert log.author_line.text() == ""

    # Ann changes an original item in the window: the line says so at once, and the save's sync keeps it.
    log.editor.text_edit.setFocus()
    qtbot.keyClicks(log.editor.text_edit, " Checked.")
    assert log.author_line.text() == "Last changed by Ann"
    assert window.save()
    _settled(qtbot, window)
    log = window.workspace.evidence_log
    window.workspace.show_evidence_item(original)
    assert log.author_line is not None
    qtbot.waitUntil(lambda: log.author_line.text() == "Last changed by Ann", timeout=10000)


def test_a_solo_file_and_a_sample_show_no_author_line(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "solo.inspection"
    save_inspection(loads_inspection(bundled.sample(PEEL_SAMPLE).read_bytes(), PEEL_SAMPLE), path)
    folder = tmp_path / "window"
    folder.mkdir()
    window = main_window(qtbot, folder)
    for opened in (lambda: window.open_path(path), lambda: window.open_sample(PEEL_SAMPLE)):
        opened()
        assert window.document.authors is None
        question_id = window.document.inspection.questions[0].question_id
        window.workspace.question_page(question_id)
        window.workspace.show_evidence_log()
        assert window.workspace.evidence_log.author_line is None
        assert window.findChildren(QLabel, "authorLine") == []
        window.document.undo_stack.clear()


def test_without_a_sync_the_names_are_read_from_the_file(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ann_path, question_id, finding_id, _ = _team(tmp_path)
    (tmp_path / "Herts.team").rename(tmp_path / "elsewhere")  # the parent's drive is not connected
    folder = tmp_path / "window"
    folder.mkdir()
    window = main_window(qtbot, folder)
    assert window.open_path(ann_path)
    _settled(qtbot, window)
    assert "Not synced" in window.statusBar().currentMessage()
    line = _row_line(window, question_id, finding_id)
    qtbot.waitUntil(lambda: line.text() == "Written by Ann", timeout=10000)  # Bob's change never came


def _type_in(window, question_id: str, record_id: uuid.UUID, text: str, qtbot) -> None:  # type: ignore[no-untyped-def]
    row = find_row(window.workspace.question_page(question_id).scroll_area.widget(), record_id)
    editor = next(e for e in row.findChildren(QPlainTextEdit) if e.isVisibleTo(row))
    editor.setFocus()
    qtbot.keyClicks(editor, text)


def test_edits_made_before_the_names_are_read_and_an_undone_delete(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ann_path, question_id, finding_id, _ = _team(tmp_path)
    (tmp_path / "Herts.team").rename(tmp_path / "elsewhere")  # no sync: the names are read in the background
    folder = tmp_path / "window"
    folder.mkdir()
    window = main_window(qtbot, folder)
    assert window.open_path(ann_path)
    question = next(q for q in window.document.inspection.questions if q.question_id == question_id)
    other = next(a.id for a in question.areas_for_improvement if a.id != finding_id)
    _type_in(window, question_id, other, " X", qtbot)  # before the file's names are known
    _settled(qtbot, window)
    assert _row_line(window, question_id, other).text() == "Last changed by Ann"  # not "Written by Ann"

    third = question.areas_for_improvement[-1].id  # untouched, from the original file
    row = find_row(window.workspace.question_page(question_id).scroll_area.widget(), third)
    row.delete()
    window.document.undo_stack.undo()  # back as it was: nobody changed it
    assert _row_line(window, question_id, third).text() == ""
    window.document.undo_stack.clear()


def test_opening_another_team_file_syncs_it_though_the_last_one_had_edits(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The file left behind is deleted later; its undo stack's last index change is not an edit of the
    new file, which would drop the new file's sync ("Not synced yet: you were editing")."""
    ann_path, question_id, finding_id, _ = _team(tmp_path)
    folder = tmp_path / "window"
    folder.mkdir()
    window = main_window(qtbot, folder)
    assert window.open_path(ann_path)
    _settled(qtbot, window)
    _type_in(window, question_id, finding_id, " X", qtbot)
    assert window.save()
    _settled(qtbot, window)
    assert window.document.undo_stack.count() > 0
    assert window.open_path(tmp_path / "bob.inspection")
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # Ann's document goes
    _settled(qtbot, window)
    assert window.statusBar().currentMessage().startswith("Synced")
