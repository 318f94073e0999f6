"""File format 6: reviewers' comments on findings and the report's sign-off. A version 5 file opens with
no comments and no sign-off; a version 6 file is "newer", never "damaged", to a build that reads only 5."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from inspector_app.domain.inspection import Status
from inspector_app.storage import inspection_file
from inspector_app.storage.errors import InspectionFileError, Problem
from inspector_app.storage.inspection_file import load_inspection, save_inspection
from inspector_app.storage.migrations import MigrationRegistry, add_review_comments_and_sign_off, registry

FIXTURES = Path(__file__).parents[2] / "fixtures" / "format"


def test_this_build_writes_format_6() -> None:
    assert registry.current >= 6


def test_a_version_5_file_opens_with_no_comments_or_sign_off(tmp_path: Path) -> None:
    path = tmp_path / "old.inspection"
    path.write_bytes((FIXTURES / "v5.inspection").read_bytes())
    inspection = load_inspection(path)
    assert inspection.comments == [] and inspection.signed_off_by == "" and inspection.signed_off_on is None
    save_inspection(inspection, path, backups=0)
    assert json.loads(path.read_text(encoding="utf-8"))["format_version"] == registry.current
    assert add_review_comments_and_sign_off({"inspection": {}}) == {"inspection": {}}


def test_the_version_6_fixture_keeps_its_comments_open_and_resolved() -> None:
    inspection = load_inspection(FIXTURES / "v6.inspection")
    cause = inspection.question("protecting-vulnerable").causes_of_concern[0]
    assert [(c.target_id, c.author, c.resolved, c.resolved_by) for c in inspection.comments] == [
        (cause.id, "B. Reviewer", False, ""),
        (cause.id, "B. Reviewer", True, "A. Lead"),
    ]
    assert inspection.status == Status.IN_REVIEW and inspection.comments[0].created.tzinfo is not None


def test_an_older_build_calls_a_version_6_file_newer_not_damaged(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(inspection_file, "registry", MigrationRegistry(current=5, oldest=1))
    path = tmp_path / "new.inspection"
    path.write_bytes((FIXTURES / "v6.inspection").read_bytes())
    with pytest.raises(InspectionFileError) as caught:
        load_inspection(path)
    assert caught.value.problem is Problem.NEWER_VERSION
