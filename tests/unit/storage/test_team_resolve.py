"""Settling a team's conflicts (issue 16, item 4): keep mine, keep theirs, a member's value or an edited
one; the file is written whole, the conflict is gone, the resolution reaches the others on the next sync,
and a value the model refuses writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from inspector_app import bundled
from inspector_app.domain import editing
from inspector_app.domain.inspection import Inspection
from inspector_app.storage.inspection_file import load_inspection, loads_inspection, save_inspection
from inspector_app.storage.team import (
    MINE,
    THEIRS,
    Edited,
    KeepOf,
    TeamError,
    conflicts,
    make_copy,
    open_team_file,
    overview,
    resolve,
    sync,
)

PEEL = "hertfordshire-peel-2016-effectiveness"


def _sample() -> Inspection:
    return loads_inspection(bundled.sample(PEEL).read_bytes(), PEEL)


def _set_grade(path: Path, question: str, grade: str) -> None:
    team_file = open_team_file(path)
    team_file.record([editing.set_grade(team_file.inspection, question, grade)])
    team_file.save()


def _grade(path: Path, question: str) -> str | None:
    return next(q.grade for q in load_inspection(path).questions if q.question_id == question)


@pytest.fixture
def clash(tmp_path: Path) -> tuple[Path, Path, Path, str, str, str]:
    """The lead, Ann and Bob; Ann and Bob graded one question differently at once, and all synced."""
    lead, ann, bob = (tmp_path / f"{name}.inspection" for name in ("Herts", "ann", "bob"))
    save_inspection(_sample(), lead)
    make_copy(lead, "Ann", ann)
    make_copy(lead, "Bob", bob)
    sample = _sample()
    question = next(q.id for q in sample.framework.questions() if q.graded)
    current = next(q.grade for q in sample.questions if q.question_id == question)
    mine, theirs = [g.id for g in sample.framework.scale.grades if g.id != current][:2]
    _set_grade(ann, question, mine)
    _set_grade(bob, question, theirs)
    for path in (ann, bob, ann):
        sync(path)
    return lead, ann, bob, question, mine, theirs


def test_keep_theirs_settles_it_and_the_others_get_it_on_sync(clash) -> None:  # type: ignore[no-untyped-def]
    lead, ann, bob, question, _mine, theirs = clash
    (found,) = conflicts(ann)
    before = ann.read_bytes()
    report = resolve(ann, found.conflict, THEIRS)
    assert report.written and report.conflicts == 0
    assert ann.read_bytes() != before
    assert conflicts(ann) == []
    assert _grade(ann, question) == theirs
    for path in (bob, lead):
        sync(path)
        assert conflicts(path) == []
        assert _grade(path, question) == theirs


def test_keep_mine_and_a_member_by_name(clash) -> None:  # type: ignore[no-untyped-def]
    lead, ann, _bob, question, mine, _theirs = clash
    sync(lead)
    (found,) = conflicts(ann)
    resolve(ann, found.conflict, MINE)
    assert _grade(ann, question) == mine and conflicts(ann) == []
    (at_lead,) = conflicts(lead)  # the lead wrote neither value: keeps one by the member's name
    with pytest.raises(TeamError, match="wrote none"):
        resolve(lead, at_lead.conflict, MINE)
    with pytest.raises(TeamError, match="keep one by the member's name"):
        resolve(lead, at_lead.conflict, THEIRS)
    resolve(lead, at_lead.conflict, KeepOf("Bob"))
    assert _grade(lead, question) != mine and conflicts(lead) == []


def test_an_edited_value_is_validated_by_the_model(clash) -> None:  # type: ignore[no-untyped-def]
    _lead, ann, _bob, question, mine, theirs = clash
    (found,) = conflicts(ann)
    third = next(g.id for g in _sample().framework.scale.grades if g.id not in (mine, theirs))
    before = ann.read_bytes()
    with pytest.raises(TeamError, match="not be valid"):
        resolve(ann, found.conflict, Edited(12))  # a grade is a grade's id
    assert ann.read_bytes() == before and len(conflicts(ann)) == 1
    resolve(ann, found.conflict, Edited(third))
    assert _grade(ann, question) == third and conflicts(ann) == []


def test_a_conflict_resolved_meanwhile_is_refused(clash) -> None:  # type: ignore[no-untyped-def]
    _lead, ann, _bob, _question, _mine, _theirs = clash
    (found,) = conflicts(ann)
    resolve(ann, found.conflict, THEIRS)
    with pytest.raises(TeamError, match="no longer open"):
        resolve(ann, found.conflict, MINE)


def test_overview_lists_members_with_their_last_sync_and_the_conflicts(clash) -> None:  # type: ignore[no-untyped-def]
    lead, ann, _bob, _question, _mine, _theirs = clash
    seen = overview(ann)
    assert seen.member == "Ann" and seen.is_copy and seen.folder_found
    assert [member.name for member in seen.members] == ["Ann", "Bob", "Lead"]  # me first
    assert seen.members[0].is_me
    assert all(member.last_sync is not None for member in seen.members)
    assert len(seen.conflicts) == 1
    assert sorted(who for who, _ in seen.conflicts[0].values) == ["Ann", "Bob"]
    (lead.parent / "Herts.team" / "junk.changes").write_text("not json")
    assert [name for name, _ in overview(ann).unreadable] == ["junk.changes"]
