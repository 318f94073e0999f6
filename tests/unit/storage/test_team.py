"""Team copies and sync through files: a copy knows its parent and member, each member writes only its own
change file, edits on both sides converge with none lost, merges that cannot be valid are refused with
nothing written, and a plain file stays exactly as it was."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from inspector_app import bundled
from inspector_app.domain import editing
from inspector_app.domain.inspection import EvidenceItem, Inspection
from inspector_app.storage.change_file import read_changes
from inspector_app.storage.inspection_file import (
    dumps_inspection,
    load_inspection,
    load_inspection_file,
    loads_inspection,
    save_inspection,
)
from inspector_app.storage.team import (
    TeamError,
    apply_changes,
    conflicts,
    export_changes,
    make_copy,
    merge_files,
    open_team_file,
    sync,
)

PEEL = "hertfordshire-peel-2016-effectiveness"


def _sample() -> Inspection:
    return loads_inspection(bundled.sample(PEEL).read_bytes(), PEEL)


@pytest.fixture
def lead(tmp_path: Path) -> Path:
    path = tmp_path / "Herts.inspection"
    save_inspection(_sample(), path)
    return path


def _graded(inspection: Inspection) -> str:
    return next(q.id for q in inspection.framework.questions() if q.graded)


def _grades(inspection: Inspection) -> list[str]:
    return [grade.id for grade in inspection.framework.scale.grades]


def _edit(path: Path, edit) -> None:  # type: ignore[no-untyped-def]
    """Open the team file, make an edit through the editing operations, record it, save (as the window)."""
    team_file = open_team_file(path)
    changes = edit(team_file.inspection)
    team_file.record(changes if isinstance(changes, list) else [changes])
    team_file.save()


def test_a_plain_file_has_no_team_section(lead: Path) -> None:
    data = lead.read_bytes()
    assert b'"team"' not in data
    assert data == dumps_inspection(load_inspection(lead))
    assert load_inspection_file(lead).team is None


def test_a_copy_knows_its_parent_and_member(lead: Path, tmp_path: Path) -> None:
    copy = make_copy(lead, "Ann Smith", tmp_path / "ann.inspection", questions=["preventing-crime"])
    parent = load_inspection_file(lead).team
    mine = load_inspection_file(tmp_path / "ann.inspection").team
    assert parent is not None and mine is not None
    assert parent.parent is None and parent.member.name == "Lead"
    assert parent.members == {"Lead": parent.member.client_id, "Ann Smith": mine.member.client_id}
    assert mine.parent is not None and mine.parent.id == parent.id == mine.id
    assert (tmp_path / "ann.inspection").parent / mine.parent.path == lead
    assert mine.member.name == "Ann Smith" and mine.questions == ["preventing-crime"]
    assert copy.folder == tmp_path / "Herts.team"
    assert load_inspection(tmp_path / "ann.inspection").model_dump() == _sample().model_dump()


def test_team_files_and_folder_are_private(lead: Path, tmp_path: Path) -> None:
    make_copy(lead, "Ann", tmp_path / "ann.inspection")
    sync(tmp_path / "ann.inspection")
    folder = tmp_path / "Herts.team"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for path in [tmp_path / "ann.inspection", *folder.iterdir()]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_copies_are_refused_when_they_cannot_be_made(lead: Path, tmp_path: Path) -> None:
    make_copy(lead, "Ann", tmp_path / "ann.inspection")
    with pytest.raises(TeamError, match="already a member"):
        make_copy(lead, "Ann", tmp_path / "ann2.inspection")
    with pytest.raises(TeamError, match="already exists"):
        make_copy(lead, "Bob", tmp_path / "ann.inspection")
    with pytest.raises(TeamError, match="no question"):
        make_copy(lead, "Bob", tmp_path / "bob.inspection", questions=["nope"])
    with pytest.raises(TeamError, match="itself a copy"):
        make_copy(tmp_path / "ann.inspection", "Bob", tmp_path / "bob.inspection")
    assert not (tmp_path / "bob.inspection").exists()


def test_each_member_writes_only_its_own_change_file(lead: Path, tmp_path: Path) -> None:
    make_copy(lead, "Ann", tmp_path / "ann.inspection")
    make_copy(lead, "Bob", tmp_path / "bob.inspection")
    folder = tmp_path / "Herts.team"
    before = {path.name: path.read_bytes() for path in folder.iterdir()}
    sync(tmp_path / "ann.inspection")
    after = {path.name: path.read_bytes() for path in folder.iterdir()}
    new = set(after) - set(before)
    assert len(new) == 1 and new.pop().startswith("Ann-")
    assert all(after[name] == data for name, data in before.items())


def test_round_trip_edits_on_both_sides_converge_with_none_lost(lead: Path, tmp_path: Path) -> None:
    ann, bob = tmp_path / "ann.inspection", tmp_path / "bob.inspection"
    make_copy(lead, "Ann", ann)
    make_copy(lead, "Bob", bob)
    inspection = _sample()
    first, second = inspection.evidence[0].id, inspection.evidence[1].id
    question = _graded(inspection)
    _edit(ann, lambda i: editing.set_field(i, first, "title", i.evidence[0].title + " (Ann)"))
    _edit(ann, lambda i: editing.add_evidence(i, EvidenceItem(title="Ann's interview")))
    _edit(bob, lambda i: editing.set_field(i, first, "title", "Bob: " + i.evidence[0].title))
    _edit(bob, lambda i: editing.delete_evidence(i, second))
    _edit(lead, lambda i: editing.set_grade(i, question, _grades(i)[0]))
    for path in (ann, bob, lead, ann, bob):
        report = sync(path)
        assert not report.refused
    results = [load_inspection(path) for path in (ann, bob, lead)]
    assert results[0].model_dump() == results[1].model_dump() == results[2].model_dump()
    merged = results[0]
    title = next(item.title for item in merged.evidence if item.id == first)
    assert title.startswith("Bob: ") and title.endswith(" (Ann)")
    assert "Ann's interview" in [item.title for item in merged.evidence]
    assert second not in [item.id for item in merged.evidence]
    assert next(q for q in merged.questions if q.question_id == question).grade == _grades(merged)[0]
    assert conflicts(lead) == []


def test_a_sync_twice_changes_nothing_more(lead: Path, tmp_path: Path) -> None:
    ann = tmp_path / "ann.inspection"
    make_copy(lead, "Ann", ann)
    _edit(ann, lambda i: editing.add_evidence(i, EvidenceItem(title="Once")))
    sync(ann)
    sync(lead)
    once = load_inspection(lead).model_dump()
    sync(lead)
    sync(ann)
    sync(lead)
    assert load_inspection(lead).model_dump() == once
    assert [item.title for item in load_inspection(lead).evidence].count("Once") == 1


def test_concurrent_grades_are_listed_as_a_conflict_with_names(lead: Path, tmp_path: Path) -> None:
    ann, bob = tmp_path / "ann.inspection", tmp_path / "bob.inspection"
    make_copy(lead, "Ann", ann)
    make_copy(lead, "Bob", bob)
    sample = _sample()
    question = _graded(sample)
    current = next(q.grade for q in sample.questions if q.question_id == question)
    mine, theirs = [grade for grade in _grades(sample) if grade != current][:2]
    _edit(ann, lambda i: editing.set_grade(i, question, mine))
    _edit(bob, lambda i: editing.set_grade(i, question, theirs))
    sync(ann)
    sync(bob)
    report = sync(lead)
    assert report.conflicts == 1
    (found,) = conflicts(lead)
    assert found.conflict.field == "grade"
    assert sorted(who for who, _ in found.values) == ["Ann", "Bob"]
    assert "grade" in found.line() and "Ann" in found.line()


def test_a_plain_save_of_a_team_file_keeps_it_in_the_team(lead: Path, tmp_path: Path) -> None:
    """A save that knows nothing of teams (today's window) keeps the section; the next open records the
    difference as the member's edit, so it reaches the others."""
    ann = tmp_path / "ann.inspection"
    make_copy(lead, "Ann", ann)
    inspection = load_inspection(ann)
    editing.add_evidence(inspection, EvidenceItem(title="Saved by a plain save"))
    save_inspection(inspection, ann)
    assert load_inspection_file(ann).team is not None
    sync(ann)
    sync(lead)
    assert "Saved by a plain save" in [item.title for item in load_inspection(lead).evidence]


def test_send_and_apply_changes_as_one_file(lead: Path, tmp_path: Path) -> None:
    ann = tmp_path / "ann.inspection"
    make_copy(lead, "Ann", ann)
    _edit(ann, lambda i: editing.add_evidence(i, EvidenceItem(title="By e-mail")))
    sent = export_changes(ann, tmp_path / "ann.changes")
    assert sent.stat().st_size < 5_000  # the edits, not the whole first state
    assert read_changes(sent).member.name == "Ann"
    report = apply_changes(lead, sent)
    assert report.merged == ["Ann"]
    assert "By e-mail" in [item.title for item in load_inspection(lead).evidence]
    apply_changes(lead, sent)  # idempotent
    assert [item.title for item in load_inspection(lead).evidence].count("By e-mail") == 1


def test_changes_of_another_team_are_refused(lead: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.inspection"
    save_inspection(_sample(), other)
    make_copy(other, "Zed", tmp_path / "zed.inspection")
    sent = export_changes(tmp_path / "zed.inspection", tmp_path / "zed.changes")
    make_copy(lead, "Ann", tmp_path / "ann.inspection")
    before = lead.read_bytes()
    with pytest.raises(TeamError, match="another team"):
        apply_changes(lead, sent)
    assert lead.read_bytes() == before


def test_merge_two_files_into_a_third(lead: Path, tmp_path: Path) -> None:
    ann, bob, out = tmp_path / "ann.inspection", tmp_path / "bob.inspection", tmp_path / "out.inspection"
    make_copy(lead, "Ann", ann)
    make_copy(lead, "Bob", bob)
    _edit(ann, lambda i: editing.add_evidence(i, EvidenceItem(title="From Ann")))
    _edit(bob, lambda i: editing.add_evidence(i, EvidenceItem(title="From Bob")))
    merge_files(ann, bob, out)
    titles = [item.title for item in load_inspection(out).evidence]
    assert "From Ann" in titles and "From Bob" in titles
    ours, theirs = load_inspection_file(out).team, load_inspection_file(ann).team
    assert ours is not None and theirs is not None
    assert ours.member.client_id != theirs.member.client_id  # one id, one writer
    assert (out.parent / ours.parent.path).resolve() == lead.resolve()  # type: ignore[union-attr]


def test_a_merge_that_cannot_be_valid_is_refused_and_writes_nothing(lead: Path, tmp_path: Path) -> None:
    """Two members' edits each valid alone, invalid together: the framework cap on the evidence is
    crossed only by the two sides' additions together (the loader's limits run on the merge)."""
    ann = tmp_path / "ann.inspection"
    make_copy(lead, "Ann", ann)
    team_file = open_team_file(ann)
    question = _graded(team_file.inspection)
    # A grade the framework does not offer cannot be made by the editing operations; write it into the
    # document directly, as a hostile or broken peer would, and send it.
    from pycrdt import Map

    doc = team_file.replica._doc
    record = next(q for q in team_file.inspection.questions if q.question_id == question)
    with doc.transaction():
        doc.get("records", type=Map)[str(record.id)]["grade"] = json.dumps("not-a-grade")
    sent = tmp_path / "bad.changes"
    sent.write_bytes(team_file.changes())
    before = lead.read_bytes()
    with pytest.raises(TeamError, match="would not be valid"):
        apply_changes(lead, sent)
    assert lead.read_bytes() == before


def test_sync_refuses_a_bad_change_file_and_merges_the_others(lead: Path, tmp_path: Path) -> None:
    ann, bob = tmp_path / "ann.inspection", tmp_path / "bob.inspection"
    make_copy(lead, "Ann", ann)
    make_copy(lead, "Bob", bob)
    _edit(ann, lambda i: editing.add_evidence(i, EvidenceItem(title="Good")))
    sync(ann)
    (tmp_path / "Herts.team" / "Mallory-5.changes").write_bytes(b'{"format": "inspector.changes", "format')
    report = sync(lead)
    assert report.merged and "Ann" in report.merged
    ((name, reason),) = report.refused
    assert name == "Mallory-5.changes" and "cut short" in reason
    assert "Good" in [item.title for item in load_inspection(lead).evidence]


def test_a_copy_without_its_team_folder_says_so(lead: Path, tmp_path: Path) -> None:
    away = tmp_path / "away"
    away.mkdir()
    make_copy(lead, "Ann", away / "ann.inspection")
    (away / "ann.inspection").rename(tmp_path / "elsewhere.inspection")
    before = (tmp_path / "elsewhere.inspection").read_bytes()
    with pytest.raises(TeamError, match="not there"):
        sync(tmp_path / "elsewhere.inspection")
    assert (tmp_path / "elsewhere.inspection").read_bytes() == before
    report = sync(tmp_path / "elsewhere.inspection", folder=tmp_path / "Herts.team")
    assert report.merged == ["Lead"]


def test_a_file_restored_from_a_backup_takes_a_fresh_client_id(lead: Path, tmp_path: Path) -> None:
    """Its change file holds writes its history lacks; new edits under the old id would reuse clocks."""
    ann = tmp_path / "ann.inspection"
    make_copy(lead, "Ann", ann)
    old = ann.read_bytes()
    _edit(ann, lambda i: editing.add_evidence(i, EvidenceItem(title="Sent before the restore")))
    sync(ann)
    ann.write_bytes(old)  # restored
    team_file = open_team_file(ann)  # as the window will, before any edit
    assert any("behind" in note for note in team_file.notes)
    team_file.record([editing.add_evidence(team_file.inspection, EvidenceItem(title="After the restore"))])
    team_file.save()
    assert not sync(ann).refused
    team = load_inspection_file(ann).team
    assert team is not None and "Ann (earlier)" in team.members
    sync(lead)
    titles = [item.title for item in load_inspection(lead).evidence]
    assert "Sent before the restore" in titles and "After the restore" in titles
