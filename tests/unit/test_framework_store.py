"""Frameworks a user adds: the library of bundled, organisation and user frameworks; import, validate,
the JSON Schema; `new --framework` by id or file (issue 15, item 1)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from inspector_app import bundled, framework_store
from inspector_app.domain.framework import Framework
from inspector_app.framework_store import FrameworkFileError, Origin
from inspector_app.storage.inspection_file import load_inspection

PEEL = "peel-2016-effectiveness"


@pytest.fixture(autouse=True)
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    user, organisation = tmp_path / "data", tmp_path / "organisation"
    monkeypatch.setenv(bundled.DATA_DIR_ENV, str(user))
    monkeypatch.setenv(framework_store.ORG_FRAMEWORKS_ENV, str(organisation))
    return user / "frameworks", organisation


def framework_file(path: Path, **changes) -> Path:
    document = json.loads(bundled.resource("frameworks", PEEL + ".json").read_text(encoding="utf-8"))
    document.update(changes)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_the_bundled_frameworks_are_offered_grouped_by_programme() -> None:
    library = framework_store.library()
    assert {e.framework.id for e in library.entries} == set(bundled.framework_ids())
    assert all(e.origin is Origin.BUNDLED for e in library.entries)
    assert [programme for programme, _ in library.grouped()] == ["Crime inspection", "PEEL"]
    assert library.problems == []


def test_import_copies_a_valid_framework_into_the_user_folder(tmp_path: Path, folders) -> None:
    user, _ = folders
    source = framework_file(tmp_path / "in" / "p17.json", id="peel-2017", version="2017", title="PEEL 2017")
    imported = framework_store.import_framework(source)
    assert imported.entry.path == user / "peel-2017.json" and imported.replaced is None
    if os.name == "posix":
        assert (user / "peel-2017.json").stat().st_mode & 0o777 == 0o600
    entry = framework_store.library().get("peel-2017")
    assert entry is not None and entry.origin is Origin.USER and entry.programme == "PEEL"
    again = framework_store.import_framework(framework_file(source, id="peel-2017", version="2017.1"))
    assert again.replaced is not None and again.replaced.version == "2017"
    assert framework_store.find_framework("peel-2017").version == "2017.1"


def test_a_bundled_framework_is_not_shadowed_by_the_same_or_an_older_version(tmp_path: Path) -> None:
    with pytest.raises(FrameworkFileError, match="already installed in the same version"):
        framework_store.import_framework(framework_file(tmp_path / "same.json"))
    with pytest.raises(FrameworkFileError, match=r"a newer version \(2016\)"):
        framework_store.import_framework(framework_file(tmp_path / "old.json", version="2015"))


def test_an_organisation_may_correct_a_bundled_framework_with_a_later_version(
    tmp_path: Path, folders
) -> None:
    _, organisation = folders
    framework_file(organisation / "peel.json", version="2016.2", title="PEEL 2016 Effectiveness (corrected)")
    entry = framework_store.library().get(PEEL)
    assert entry is not None and entry.origin is Origin.ORGANISATION
    assert framework_store.find_framework(PEEL).title.endswith("(corrected)")
    assert _version_order("2016.10") > _version_order("2016.9")


def _version_order(version: str):
    return framework_store._version_key(version)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is not valid JSON"),
        (b"\xff\xfe", "is not a text file in UTF-8"),
        (b"[1, 2]", "a framework is a JSON object"),
        (b"[" * 100_000, "is not valid JSON|nested too deeply"),
        (b'{"id": "x"}', "title: Field required"),
    ],
)
def test_a_bad_file_is_refused_naming_the_file(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(FrameworkFileError, match=message) as caught:
        framework_store.read_framework_file(path)
    assert str(caught.value).startswith("bad.json")


def test_an_error_names_the_field_by_its_place_and_id(tmp_path: Path) -> None:
    document = json.loads(bundled.resource("frameworks", PEEL + ".json").read_text(encoding="utf-8"))
    document["pillars"][0]["questions"][1]["number"] = ""
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(FrameworkFileError) as caught:
        framework_store.read_framework_file(path)
    assert str(caught.value) == (
        "broken.json: pillars › 1 (effectiveness) › questions › 2 (investigating-crime) › number: "
        "String should have at least 1 character."
    )


def test_a_damaged_file_in_a_folder_is_left_out_and_said(folders) -> None:
    user, organisation = folders
    organisation.mkdir(parents=True)
    (organisation / "broken.json").write_text("{", encoding="utf-8")
    user.mkdir(parents=True)
    (user / "notes.txt").write_text("not a framework", encoding="utf-8")
    library = framework_store.library()
    assert {e.framework.id for e in library.entries} == set(bundled.framework_ids())
    assert len(library.problems) == 1 and "broken.json" in library.problems[0]


def test_the_schema_is_generated_from_the_model_and_accepts_the_bundled_frameworks() -> None:
    schema = framework_store.schema()
    assert schema["$schema"].endswith("2020-12/schema")
    assert {"id", "title", "version", "scale", "pillars", "report"} <= set(schema["required"])
    assert schema["properties"] == Framework.model_json_schema()["properties"]


def _cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "inspector_app.cli", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **env},
    )


def test_the_command_line_imports_validates_lists_and_creates_from_a_user_framework(tmp_path: Path) -> None:
    env = {
        bundled.DATA_DIR_ENV: str(tmp_path / "data"),
        framework_store.ORG_FRAMEWORKS_ENV: str(tmp_path / "org"),
    }
    source = framework_file(tmp_path / "p17.json", id="peel-2017", version="2017", title="PEEL 2017")
    valid = _cli("frameworks", "validate", str(source), env=env)
    assert valid.returncode == 0 and "is a valid framework: peel-2017 2017" in valid.stdout
    bad = framework_file(tmp_path / "bad.json", scale={"grades": []})
    refused = _cli("frameworks", "validate", str(bad), env=env)
    assert refused.returncode == 1 and refused.stderr.startswith("inspector-app: bad.json: scale")
    assert len(refused.stderr.splitlines()) == 1
    assert _cli("frameworks", "import", str(source), env=env).returncode == 0
    listing = _cli("frameworks", env=env)
    assert [line.split()[0] for line in listing.stdout.splitlines()] == [
        "crime-inspection-2014",
        "peel-2016",
        "peel-2016-effectiveness",
        "peel-2017",
    ]
    assert listing.stdout.splitlines()[-1].endswith("user")
    for named, output in (("peel-2017", "k.inspection"), (str(source), "f.inspection")):  # an id, a file
        made = _cli(
            "new", "--framework", named, "--force", "Kent Police", "-o", str(tmp_path / output), env=env
        )
        assert made.returncode == 0, made.stderr
        assert load_inspection(tmp_path / output).framework.id == "peel-2017"
    schema = _cli("frameworks", "schema", env=env)
    assert json.loads(schema.stdout)["title"]


def test_an_import_that_an_organisations_later_version_shadows_says_so(tmp_path: Path, folders) -> None:
    _, organisation = folders
    framework_file(organisation / "p.json", id="peel-2017", version="2017.2", title="PEEL 2017")
    framework_store.import_framework(
        framework_file(tmp_path / "mine.json", id="peel-2017", version="2017.3", title="PEEL 2017")
    )
    # Your own 2017.3 is offered, so 2017.1 may replace it; then the organisation's 2017.2 is the later one.
    imported = framework_store.import_framework(
        framework_file(tmp_path / "mine.json", id="peel-2017", version="2017.1", title="PEEL 2017")
    )
    assert imported.replaced is not None and imported.replaced.version == "2017.3"
    assert imported.shadowed_by is not None and imported.shadowed_by.origin is Origin.ORGANISATION
    assert framework_store.find_framework("peel-2017").version == "2017.2"
