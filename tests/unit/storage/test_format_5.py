"""File format 5: a team's file carries its team section (members, parent, the compressed CRDT history)
before the inspection. A version 4 file opens as a file without a team and saves without a section; the
version 5 fixture (a team's parent) opens with its history in step with its inspection; a version 5 file
is "newer", never "damaged", to a build that reads only version 4."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from inspector_app.storage import inspection_file
from inspector_app.storage.errors import InspectionFileError, Problem
from inspector_app.storage.inspection_file import load_inspection, load_inspection_file, save_inspection
from inspector_app.storage.migrations import MigrationRegistry, add_team_section, registry
from inspector_app.storage.team import behind_history, open_team_file
from inspector_app.storage.team_section import TeamStateError, pack_state, unpack_state

FIXTURES = Path(__file__).parents[2] / "fixtures" / "format"


def test_this_build_writes_format_5() -> None:
    assert registry.current >= 5  # 6: review comments and sign-off (test_format_6.py)


def test_a_version_4_file_has_no_team_and_saves_without_a_section(tmp_path: Path) -> None:
    path = tmp_path / "old.inspection"
    path.write_bytes((FIXTURES / "v4.inspection").read_bytes())
    loaded = load_inspection_file(path)
    assert loaded.team is None
    save_inspection(loaded.inspection, path, backups=0)
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["format_version"] == registry.current and "team" not in document
    assert add_team_section({"inspection": {}}) == {"inspection": {}}


def test_the_version_5_fixture_is_a_team_parent_in_step_with_its_history(tmp_path: Path) -> None:
    loaded = load_inspection_file(FIXTURES / "v5.inspection")
    assert loaded.team is not None and loaded.team.parent is None
    assert set(loaded.team.members) == {"Lead", "Ann"}
    path = tmp_path / "Herts.inspection"
    path.write_bytes((FIXTURES / "v5.inspection").read_bytes())
    assert not behind_history(open_team_file(path, repair=False))


def test_a_file_with_its_history_is_at_most_twice_its_size_without() -> None:
    """Measured on the fixture (small files are the worst case: the history's ids weigh most there)."""
    loaded = load_inspection_file(FIXTURES / "v5.inspection")
    with_history = len((FIXTURES / "v5.inspection").read_bytes())
    without = len(inspection_file.dumps_inspection(loaded.inspection))
    assert with_history <= 2 * without


def test_a_damaged_history_is_refused_with_a_message() -> None:
    packed = pack_state(b"state")
    assert unpack_state(packed) == b"state"
    for damaged, match in [("!!", "base64"), (packed[:-8], "damaged|cut short"), ("AAAA", "decompress")]:
        with pytest.raises(TeamStateError, match=match):
            unpack_state(damaged)
    with pytest.raises(TeamStateError, match="too large"):
        unpack_state(pack_state(b"\0" * 1000), limit=100)


def test_an_older_build_calls_a_version_5_file_newer_not_damaged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(inspection_file, "registry", MigrationRegistry(current=4, oldest=1))
    path = tmp_path / "new.inspection"
    path.write_bytes((FIXTURES / "v5.inspection").read_bytes())
    with pytest.raises(InspectionFileError) as caught:
        load_inspection(path)
    assert caught.value.problem is Problem.NEWER_VERSION
