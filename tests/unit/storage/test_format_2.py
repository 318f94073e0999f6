"""File format 2: the inspection's ignored spelling words. Version 1 files open and save as the current
version; a version 2 file is "newer", never "damaged", to a build that reads only version 1."""

import json
from pathlib import Path

import pytest

from inspector_app.storage import inspection_file
from inspector_app.storage.errors import InspectionFileError, Problem
from inspector_app.storage.inspection_file import load_inspection, save_inspection
from inspector_app.storage.migrations import MigrationRegistry, add_spelling_ignored, registry

FIXTURES = Path(__file__).parents[2] / "fixtures" / "format"


def test_the_step_from_1_to_2_adds_no_ignored_words_and_leaves_its_input_alone():
    document = json.loads((FIXTURES / "v1.inspection").read_text(encoding="utf-8"))
    assert "spelling_ignored" not in document["inspection"]
    upgraded = registry.upgrade(document, 1)
    assert upgraded["format_version"] == registry.current
    assert upgraded["inspection"]["spelling_ignored"] == []
    assert "spelling_ignored" not in document["inspection"] and document["format_version"] == 1
    assert add_spelling_ignored({"format_version": 1, "inspection": "damaged"}) == {
        "format_version": 1,
        "inspection": "damaged",
    }, "damage is left for validation to report"


def test_a_version_1_file_opens_and_saves_as_the_current_version(tmp_path):
    path = tmp_path / "old.inspection"
    path.write_bytes((FIXTURES / "v1.inspection").read_bytes())
    inspection = load_inspection(path)
    assert inspection.spelling_ignored == []
    assert json.loads(path.read_text(encoding="utf-8"))["format_version"] == 1, "opening never rewrites"
    inspection.spelling_ignored = ["Herts"]
    save_inspection(inspection, path, backups=0)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["format_version"] == registry.current
    assert saved["inspection"]["spelling_ignored"] == ["Herts"]
    assert load_inspection(path).spelling_ignored == ["Herts"]


def test_the_version_2_fixture_keeps_its_ignored_words():
    assert load_inspection(FIXTURES / "v2.inspection").spelling_ignored == ["Herts", "Hertsmere"]


def test_an_older_build_calls_a_version_2_file_newer_not_damaged(tmp_path, monkeypatch):
    monkeypatch.setattr(inspection_file, "registry", MigrationRegistry(current=1, oldest=1))
    path = tmp_path / "new.inspection"
    path.write_bytes((FIXTURES / "v2.inspection").read_bytes())
    with pytest.raises(InspectionFileError) as caught:
        load_inspection(path)
    assert caught.value.problem is Problem.NEWER_VERSION
    assert "newer version" in str(caught.value)
