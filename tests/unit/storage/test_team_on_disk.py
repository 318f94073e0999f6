"""team_on_disk: the team section read without parsing the inspection — the same section the full load
reads, found only at the top level, and the long way for a file laid out by another tool."""

from __future__ import annotations

import json
from pathlib import Path

from inspector_app import bundled
from inspector_app.domain import editing
from inspector_app.storage.inspection_file import (
    load_inspection_file,
    loads_inspection,
    save_inspection,
    team_on_disk,
)
from inspector_app.storage.team import make_copy

PEEL = "hertfordshire-peel-2016-effectiveness"


def _team_parent(tmp_path: Path) -> Path:
    lead = tmp_path / "lead.inspection"
    save_inspection(loads_inspection(bundled.sample(PEEL).read_bytes(), PEEL), lead, backups=0)
    make_copy(lead, "Ann", tmp_path / "ann.inspection")
    return lead


def test_it_is_the_section_the_full_load_reads(tmp_path: Path) -> None:
    lead = _team_parent(tmp_path)
    assert team_on_disk(lead) == load_inspection_file(lead).team is not None
    assert team_on_disk(tmp_path / "ann.inspection") == load_inspection_file(tmp_path / "ann.inspection").team


def test_a_text_that_looks_like_the_key_is_not_taken_for_it(tmp_path: Path) -> None:
    solo = tmp_path / "solo.inspection"
    inspection = loads_inspection(bundled.sample(PEEL).read_bytes(), PEEL)
    item = inspection.evidence[0]
    editing.set_field(inspection, item.id, "text", '\n "team": {"member": 1}\n')
    save_inspection(inspection, solo, backups=0)
    assert team_on_disk(solo) is None


def test_a_file_laid_out_by_another_tool_is_read_the_long_way(tmp_path: Path) -> None:
    lead = _team_parent(tmp_path)
    document = json.loads(lead.read_text(encoding="utf-8"))
    lead.write_text(json.dumps(document, indent=4), encoding="utf-8")  # keys indented by four
    assert team_on_disk(lead) == load_inspection_file(lead).team is not None
    lead.write_text(json.dumps(document, indent=1, sort_keys=True), encoding="utf-8")  # the team last
    assert team_on_disk(lead) == load_inspection_file(lead).team is not None
    moved = {key: value for key, value in document.items() if key != "team"} | {"team": document["team"]}
    lead.write_text(json.dumps(moved, indent=1), encoding="utf-8")  # the app's layout, the team moved last
    assert team_on_disk(lead) == load_inspection_file(lead).team is not None
    document["team"] = {"member": "not a member"}
    lead.write_text(json.dumps(document, indent=1), encoding="utf-8")  # the app's layout, a bad section
    assert team_on_disk(lead) is None


def test_no_file_or_no_team_is_none(tmp_path: Path) -> None:
    assert team_on_disk(tmp_path / "missing.inspection") is None
    solo = tmp_path / "solo.inspection"
    save_inspection(loads_inspection(bundled.sample(PEEL).read_bytes(), PEEL), solo, backups=0)
    assert team_on_disk(solo) is None
