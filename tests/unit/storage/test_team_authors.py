"""Who wrote what: two members' copies edited and synced name the member who created each record and who
changed it last (prose typed or deleted, scalars), concurrent last writers both, and a writer the team
section does not list as None, never an error."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from inspector_app import bundled
from inspector_app.domain import editing
from inspector_app.domain.inspection import EvidenceItem, Inspection
from inspector_app.storage.inspection_file import loads_inspection, save_inspection
from inspector_app.storage.team import make_copy, open_team_file, sync, written_by
from inspector_app.storage.team_authors import Authors, authors

PEEL = "hertfordshire-peel-2016-effectiveness"


@pytest.fixture
def team(tmp_path: Path) -> tuple[Path, Path, Path]:
    lead = tmp_path / "Herts.inspection"
    save_inspection(loads_inspection(bundled.sample(PEEL).read_bytes(), PEEL), lead)
    ann, bob = tmp_path / "ann.inspection", tmp_path / "bob.inspection"
    make_copy(lead, "Ann", ann)
    make_copy(lead, "Bob", bob)
    return lead, ann, bob


def _edit(path: Path, edit) -> None:  # type: ignore[no-untyped-def]
    """Open the team file, edit it through the editing operations, record the edit and save (as the window)."""
    team_file = open_team_file(path)
    changes = edit(team_file.inspection)
    team_file.record(changes if isinstance(changes, list) else [changes])
    team_file.save()


def _add(title: str) -> tuple[uuid.UUID, object]:
    item = EvidenceItem(title=title, text="Seen during fieldwork.")
    return item.id, lambda inspection: editing.add_evidence(inspection, item)


def _typed(item_id: uuid.UUID, extra: str):  # type: ignore[no-untyped-def]
    def edit(inspection: Inspection):  # type: ignore[no-untyped-def]
        item = next(item for item in inspection.evidence if item.id == item_id)
        return editing.update_evidence(inspection, item_id, text=item.text + extra)

    return edit


def test_created_by_ann_and_changed_by_bob(team: tuple[Path, Path, Path]) -> None:
    lead, ann, bob = team
    item_id, add = _add("Interview with the chief inspector")
    _edit(ann, add)
    sync(ann)
    sync(bob)
    _edit(bob, _typed(item_id, " Confirmed by the duty inspector."))
    sync(bob)
    sync(ann)
    for path in (ann, bob, lead):
        sync(path)
        assert written_by(path)[item_id] == Authors(False, "Ann", ("Bob",)), path


def test_records_from_before_the_team_and_new_ones_unchanged(team: tuple[Path, Path, Path]) -> None:
    _, ann, bob = team
    item_id, add = _add("Focus group with neighbourhood officers")
    _edit(bob, add)
    sync(bob)
    report = sync(ann)
    found = report.authors
    assert found[item_id] == Authors(False, "Bob", ())  # made by Bob, changed by nobody since
    original = open_team_file(ann).inspection.evidence[0].id
    assert found[original] == Authors(True, None, ())


def test_a_deletion_in_prose_and_a_scalar_are_changes(team: tuple[Path, Path, Path]) -> None:
    _, ann, bob = team
    inspection = open_team_file(ann).inspection
    first, second = inspection.evidence[0], inspection.evidence[1]

    def cut(inspection: Inspection):  # type: ignore[no-untyped-def]
        return editing.update_evidence(inspection, first.id, text=first.text[:-3])

    _edit(ann, cut)  # characters deleted only: nobody's character is there for it
    _edit(bob, lambda inspection: editing.update_evidence(inspection, second.id, date=None))
    sync(ann)
    sync(bob)
    found = sync(ann).authors
    assert found[first.id] == Authors(True, None, ("Ann",))
    assert found[second.id] == Authors(True, None, ("Bob",))


def test_the_last_writer_after_seeing_the_other_and_concurrent_writers(
    team: tuple[Path, Path, Path],
) -> None:
    _, ann, bob = team
    item_id, add = _add("Case file review")
    _edit(ann, add)
    sync(ann)
    sync(bob)
    _edit(bob, _typed(item_id, " Bob."))
    sync(bob)
    sync(ann)
    _edit(ann, _typed(item_id, " Ann, having read Bob."))  # Ann writes last, after Bob's
    sync(ann)
    sync(bob)
    assert written_by(bob)[item_id].changed_by == ("Ann",)
    _edit(ann, _typed(item_id, " Ann again."))
    _edit(bob, _typed(item_id, " Bob at the same time."))  # neither has seen the other's
    sync(ann)
    sync(bob)
    found = sync(ann).authors[item_id]
    assert found.created_by == "Ann" and sorted(found.changed_by) == ["Ann", "Bob"]  # type: ignore[type-var]


def test_a_writer_the_team_does_not_list_is_none(team: tuple[Path, Path, Path]) -> None:
    _, ann, bob = team
    item_id, add = _add("Unannounced visit")
    _edit(bob, add)
    sync(bob)
    sync(ann)
    team_file = open_team_file(ann)
    unlisted = team_file.team.model_copy(update={"members": {"Ann": team_file.team.member.client_id}})
    assert authors(unlisted, team_file.replica)[item_id] == Authors(False, None, ())
