"""Older files keep opening: one fixture per released format version, and the upgrade chain is complete."""

import json
import re
from pathlib import Path

import pytest

from inspector_app.storage import inspection_file
from inspector_app.storage.errors import Problem
from inspector_app.storage.inspection_file import load_inspection
from inspector_app.storage.migrations import MigrationRegistry, registry

FIXTURES = Path(__file__).parents[2] / "fixtures" / "format"


def fixture_versions() -> dict[int, Path]:
    return {
        int(re.fullmatch(r"v(\d+)\.inspection", p.name).group(1)): p for p in FIXTURES.glob("v*.inspection")
    }


def test_every_readable_version_has_a_fixture():
    assert sorted(fixture_versions()) == list(range(registry.oldest, registry.current + 1))


def test_every_step_of_the_chain_is_registered():
    assert registry.missing_steps() == []


@pytest.mark.parametrize("version", sorted(fixture_versions()))
def test_fixture_of_each_version_loads_without_being_modified(version):
    path = fixture_versions()[version]
    before = path.read_bytes()
    inspection = load_inspection(path)
    assert path.read_bytes() == before
    assert inspection.force.name == "Hertfordshire Constabulary"
    vulnerable = inspection.question("protecting-vulnerable")
    assert vulnerable.grade == "inadequate"
    assert vulnerable.causes_of_concern[0].recommendations[0].sub_points == ["one", "two"]
    assert vulnerable.sections[0].blocks[0].evidence_ids == [inspection.evidence[0].id]


def test_registry_upgrades_step_by_step_without_touching_the_input():
    test_registry = MigrationRegistry(current=3, oldest=1)

    @test_registry.register(from_version=1)
    def rename_force(document):
        document["inspection"]["force_name"] = document["inspection"].pop("force")
        return document

    @test_registry.register(from_version=2)
    def wrap_force(document):
        document["inspection"]["force"] = {"name": document["inspection"].pop("force_name")}
        return document

    original = {"format_version": 1, "inspection": {"force": "Kent Police"}}
    upgraded = test_registry.upgrade(original, 1)
    assert upgraded == {"format_version": 3, "inspection": {"force": {"name": "Kent Police"}}}
    assert original == {"format_version": 1, "inspection": {"force": "Kent Police"}}
    assert test_registry.upgrade(upgraded, 3) is upgraded
    with pytest.raises(ValueError, match="already registered"):
        test_registry.register(from_version=1)(rename_force)
    with pytest.raises(ValueError, match="cannot upgrade from format version 0"):
        test_registry.upgrade(original, 0)


def test_loader_runs_registered_migrations_for_older_files(tmp_path, monkeypatch):
    """The loader runs whatever migrations its registry holds: here a registry of its own, whose v1 -> 2
    step rewrites the authors, in place of the real one."""
    future = MigrationRegistry(current=2, oldest=1)

    @future.register(from_version=1)
    def authors_become_a_string(document):
        authors = document["inspection"]["authors"]
        document["inspection"]["authors"] = [", ".join(authors), "(migrated)"]
        return document

    monkeypatch.setattr(inspection_file, "registry", future)
    path = tmp_path / "old.inspection"
    path.write_bytes(fixture_versions()[1].read_bytes())
    inspection = load_inspection(path)
    assert inspection.authors == ["A. Inspector", "(migrated)"]
    assert json.loads(path.read_text(encoding="utf-8"))["format_version"] == 1, "reading never rewrites"

    # and a file newer than this build is refused with the documented message
    document = json.loads(path.read_text(encoding="utf-8"))
    document["format_version"] = 3
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(inspection_file.InspectionFileError) as caught:
        load_inspection(path)
    assert caught.value.problem is Problem.NEWER_VERSION
