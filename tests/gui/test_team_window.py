"""File › Team and the Team panel driven as a user would (issue 16): a copy made from the window, edits
in the copy and in the parent synced both ways, a conflict settled from the panel with Keep theirs, a
damaged change file met with one status message, and a solo file offered only Make a copy."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from support.documents import PEEL_SAMPLE, main_window, show_active

from inspector_app import bundled
from inspector_app.domain import editing
from inspector_app.gui.team_dialogs import TeamMemberRequest
from inspector_app.storage.inspection_file import load_inspection, loads_inspection, save_inspection
from inspector_app.storage.team import conflicts, make_copy, open_team_file, sync


def _lead(tmp_path: Path) -> Path:
    path = tmp_path / "Herts.inspection"
    save_inspection(loads_inspection(bundled.sample(PEEL_SAMPLE).read_bytes(), PEEL_SAMPLE), path)
    return path


def _window(qtbot, tmp_path: Path, name: str):  # type: ignore[no-untyped-def]
    folder = tmp_path / name
    folder.mkdir()
    return main_window(qtbot, folder)


def _settled(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not window.team.running and window.team_dock.task is None, timeout=30000)


def _add_evidence(qtbot, window, title: str) -> None:  # type: ignore[no-untyped-def]
    show_active(qtbot, window)  # the window the user works in (Insert is the window's shortcut)
    window.workspace.show_evidence_log()
    log = window.workspace.evidence_log
    log.table.setFocus()
    qtbot.keyClick(log.table, Qt.Key.Key_Insert)
    qtbot.keyClicks(log.editor.title_edit, title)


def _titles(window) -> list[str]:  # type: ignore[no-untyped-def]
    return [item.title for item in window.document.inspection.evidence]


def test_copy_edit_both_sides_and_sync_both(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    lead_path, ann_path = _lead(tmp_path), tmp_path / "Herts (Ann).inspection"
    lead = _window(qtbot, tmp_path, "lead")
    assert lead.open_path(lead_path)
    assert lead.team.copy_action.isEnabled() and not lead.team.sync_action.isEnabled()
    assert "make a copy" in lead.team.sync_action.toolTip()
    lead.interaction.expect(TeamMemberRequest("Ann", ["preventing-crime"], "Liz"), ann_path)
    lead.team.copy_action.trigger()
    _settled(qtbot, lead)
    assert "Made Ann's copy" in lead.statusBar().currentMessage()
    assert open_team_file(ann_path, repair=False).team.questions == ["preventing-crime"]
    assert lead.team.sync_action.isEnabled() and not lead.document.changed_on_disk()

    ann = _window(qtbot, tmp_path, "ann")
    assert ann.open_path(ann_path)  # syncs on open, in the background
    _settled(qtbot, ann)
    assert not ann.team.copy_action.isEnabled() and "Ann's copy" in ann.team.copy_action.toolTip()
    _add_evidence(qtbot, ann, "Ann's interview")
    assert ann.save()  # and syncs after the save, in the background
    _settled(qtbot, ann)

    _add_evidence(qtbot, lead, "Lead's visit")
    lead.team.sync_action.trigger()  # saves the unsaved edit first
    _settled(qtbot, lead)
    assert "Ann's interview" in _titles(lead) and "Lead's visit" in _titles(lead)
    message = lead.statusBar().currentMessage()
    assert "Synced: the changes of Ann merged" in message and "undo history is cleared" in message
    assert lead.document.undo_stack.count() == 0 and not lead.document.is_modified()
    assert lead.workspace.current_page() is lead.workspace.evidence_log  # the page it showed

    ann.team.sync_action.trigger()
    _settled(qtbot, ann)
    assert "Ann's interview" in _titles(ann) and "Lead's visit" in _titles(ann)
    assert not ann.document.changed_on_disk()
    _add_evidence(qtbot, ann, "After the sync")
    assert ann.save()  # no "the file has changed" question: the sync's write is the window's own
    _settled(qtbot, ann)
    assert not ann.interaction.messages("choose") and not ann.interaction.messages("error")
    assert "After the sync" in [item.title for item in load_inspection(ann_path).evidence]


def test_a_conflict_in_the_team_panel_resolved_with_keep_theirs(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    lead_path = _lead(tmp_path)
    ann_path, bob_path = tmp_path / "ann.inspection", tmp_path / "bob.inspection"
    make_copy(lead_path, "Ann", ann_path)
    make_copy(lead_path, "Bob", bob_path)
    inspection = load_inspection(lead_path)
    question = next(q.id for q in inspection.framework.questions() if q.graded)
    current = next(q.grade for q in inspection.questions if q.question_id == question)
    mine, theirs = [g.id for g in inspection.framework.scale.grades if g.id != current][:2]
    for path, grade in ((ann_path, mine), (bob_path, theirs)):
        team_file = open_team_file(path)
        team_file.record([editing.set_grade(team_file.inspection, question, grade)])
        team_file.save()
    sync(bob_path)

    ann = _window(qtbot, tmp_path, "ann")
    ann.team_dock.toggle_action.trigger()
    assert ann.open_path(ann_path)  # the sync on open brings Bob's grade: a conflict
    _settled(qtbot, ann)
    assert "1 conflict" in ann.statusBar().currentMessage()
    panel = ann.team_dock.panel
    qtbot.waitUntil(lambda: len(panel.boxes) == 1, timeout=10000)
    (box,) = panel.boxes
    assert {"mine", "theirs", "edit"} <= set(box.buttons)
    assert "Bob" in box.buttons["theirs"].text()
    names = [panel.members.topLevelItem(row).text(0) for row in range(panel.members.topLevelItemCount())]
    assert names[0] == "Ann (you)" and "Bob" in names and "Lead" in names
    qtbot.mouseClick(box.buttons["theirs"], Qt.MouseButton.LeftButton)
    _settled(qtbot, ann)
    qtbot.waitUntil(lambda: not panel.boxes, timeout=10000)
    assert ann.document.inspection.question(question).grade == theirs  # type: ignore[union-attr]
    assert conflicts(ann_path) == []
    assert "No open conflicts" in panel.conflicts_label.text()
    assert not ann.interaction.messages("error")


def test_a_damaged_change_file_is_one_status_message(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    lead_path, ann_path = _lead(tmp_path), tmp_path / "ann.inspection"
    make_copy(lead_path, "Ann", ann_path)
    (tmp_path / "Herts.team" / "Bob-12345.changes").write_bytes(b'{"format": "inspector.changes", "form')
    ann = _window(qtbot, tmp_path, "ann")
    assert ann.open_path(ann_path)
    _settled(qtbot, ann)
    _add_evidence(qtbot, ann, "Kept whatever happens")
    ann.team.sync_action.trigger()
    _settled(qtbot, ann)
    assert "could not read Bob-12345.changes" in ann.statusBar().currentMessage()
    assert not ann.interaction.messages("error") and not ann.interaction.messages("inform")
    assert "Kept whatever happens" in _titles(ann)
    assert "Kept whatever happens" in [item.title for item in load_inspection(ann_path).evidence]


def test_a_missing_team_folder_is_a_calm_message_and_the_save_stands(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    lead_path, ann_path = _lead(tmp_path), tmp_path / "away" / "ann.inspection"
    ann_path.parent.mkdir()
    make_copy(lead_path, "Ann", ann_path)
    (tmp_path / "Herts.team").rename(tmp_path / "elsewhere")
    ann = _window(qtbot, tmp_path, "ann")
    assert ann.open_path(ann_path)
    _settled(qtbot, ann)
    _add_evidence(qtbot, ann, "Offline")
    assert ann.save()
    _settled(qtbot, ann)
    assert ann.statusBar().currentMessage().startswith("Not synced: The team folder")
    assert not ann.interaction.messages("error")
    assert "Offline" in [item.title for item in load_inspection(ann_path).evidence]


def test_a_sample_and_a_solo_file_offer_only_make_a_copy(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = main_window(qtbot, tmp_path, PEEL_SAMPLE)
    team = window.team
    assert not any(a.isEnabled() for a in (team.copy_action, team.sync_action, team.send_action))
    assert "Save the inspection first" in team.copy_action.toolTip()
    solo = _lead(tmp_path)
    before = solo.read_bytes()
    window.document.undo_stack.setClean()
    assert window.open_path(solo)
    assert team.copy_action.isEnabled()
    assert not team.sync_action.isEnabled() and not team.apply_action.isEnabled()
    assert not team.running  # no sync for a file without a team
    assert window.save()
    assert not team.running and b'"team"' not in solo.read_bytes()
    assert solo.read_bytes() == before


def test_send_my_changes_and_apply_them_in_the_lead_window(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    lead_path, ann_path = _lead(tmp_path), tmp_path / "ann.inspection"
    make_copy(lead_path, "Ann", ann_path)
    ann = _window(qtbot, tmp_path, "ann")
    assert ann.open_path(ann_path)
    _settled(qtbot, ann)
    _add_evidence(qtbot, ann, "Sent by e-mail")
    sent = tmp_path / "ann.changes"
    ann.interaction.expect(sent)
    ann.team.send_action.trigger()  # saves first
    _settled(qtbot, ann)
    assert sent.exists() and not ann.document.is_modified() and not ann.document.changed_on_disk()
    lead = _window(qtbot, tmp_path, "lead")
    assert lead.open_path(lead_path)
    _settled(qtbot, lead)
    lead.interaction.expect(sent)
    lead.team.apply_action.trigger()
    _settled(qtbot, lead)
    assert "Sent by e-mail" in _titles(lead)
    assert "Applied: the changes of Ann merged" in lead.statusBar().currentMessage()
    assert not lead.interaction.messages("error")


def test_edit_a_conflicting_grade_from_the_team_panel(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    lead_path, ann_path, bob_path = _lead(tmp_path), tmp_path / "ann.inspection", tmp_path / "bob.inspection"
    make_copy(lead_path, "Ann", ann_path)
    make_copy(lead_path, "Bob", bob_path)
    inspection = load_inspection(lead_path)
    question = next(q.id for q in inspection.framework.questions() if q.graded)
    current = next(q.grade for q in inspection.questions if q.question_id == question)
    grades = [g.id for g in inspection.framework.scale.grades]
    mine, theirs, third = [g for g in grades if g != current][:3]
    for path, grade in ((ann_path, mine), (bob_path, theirs)):
        team_file = open_team_file(path)
        team_file.record([editing.set_grade(team_file.inspection, question, grade)])
        team_file.save()
    sync(bob_path)
    ann = _window(qtbot, tmp_path, "ann")
    ann.team_dock.toggle_action.trigger()
    assert ann.open_path(ann_path)
    _settled(qtbot, ann)
    panel = ann.team_dock.panel
    qtbot.waitUntil(lambda: len(panel.boxes) == 1, timeout=10000)
    ann.interaction.expect(grades.index(third))  # Edit… → a third grade, picked from the scale
    qtbot.mouseClick(panel.boxes[0].buttons["edit"], Qt.MouseButton.LeftButton)
    _settled(qtbot, ann)
    qtbot.waitUntil(lambda: not panel.boxes, timeout=10000)
    assert ann.document.inspection.question(question).grade == third  # type: ignore[union-attr]
