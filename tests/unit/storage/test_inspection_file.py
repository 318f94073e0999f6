"""The .inspection file: round trips exactly, and every kind of bad file gets one clear, named error."""

import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from support.strategies import inspections

from inspector_app import bundled
from inspector_app.domain.inspection import new_inspection
from inspector_app.storage import inspection_file
from inspector_app.storage.errors import InspectionFileError, Problem
from inspector_app.storage.inspection_file import (
    FORMAT_MARKER,
    dumps_inspection,
    load_inspection,
    loads_inspection,
    save_inspection,
)
from inspector_app.storage.migrations import CURRENT_FORMAT_VERSION


@pytest.fixture
def inspection():
    return new_inspection(
        bundled.load_framework("peel-2016-effectiveness"), "Hertfordshire Constabulary", "Hertfordshire"
    )


@pytest.fixture
def saved(tmp_path, inspection):
    path = tmp_path / "herts.inspection"
    save_inspection(inspection, path)
    return path


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(inspections())
def test_save_then_load_gives_the_same_inspection(tmp_path_factory, original):
    path = tmp_path_factory.mktemp("round") / "x.inspection"
    save_inspection(original, path)
    loaded = load_inspection(path)
    assert loaded == original
    assert dumps_inspection(loaded) == path.read_bytes()


def test_file_is_utf8_json_with_a_format_version(saved):
    text = saved.read_text(encoding="utf-8")
    document = json.loads(text)
    assert document["format"] == "inspector.inspection"
    assert document["format_version"] == CURRENT_FORMAT_VERSION
    assert document["inspection"]["framework"]["id"] == "peel-2016-effectiveness"
    assert "’" in text  # typographic apostrophes stored as themselves, not escaped


def test_file_opens_the_same_after_the_bundled_framework_changes(saved, monkeypatch):
    changed = bundled.load_framework("peel-2016-effectiveness")
    changed.pillars[0].questions[0].text = "A reworded question"
    monkeypatch.setattr(bundled, "load_framework", lambda framework_id: changed)
    loaded = load_inspection(saved)
    assert loaded.framework.questions()[0].text.startswith("How effective is the force at preventing crime")


def test_reading_never_modifies_the_file(saved):
    before = (saved.read_bytes(), os.stat(saved).st_mtime_ns, sorted(os.listdir(saved.parent)))
    load_inspection(saved)
    assert (saved.read_bytes(), os.stat(saved).st_mtime_ns, sorted(os.listdir(saved.parent))) == before


def test_lone_surrogates_are_saved_as_replacement_characters(tmp_path, inspection):
    inspection.authors = ["broken \ud83d paste", "whole 😀"]
    path = tmp_path / "s.inspection"
    save_inspection(inspection, path)
    assert load_inspection(path).authors == ["broken \ufffd paste", "whole 😀"]


def test_lone_surrogate_escapes_in_a_file_load_as_replacement_characters(saved):
    """Another tool may write "\\ud83d" alone; the file opens with U+FFFD there, as saving would store it."""
    text = saved.read_text(encoding="utf-8").replace(
        '"authors": []', '"authors": ["broken \\ud83d paste"]', 1
    )
    saved.write_text(text, encoding="utf-8")
    assert load_inspection(saved).authors[0] == "broken \ufffd paste"


def test_byte_order_mark_is_accepted(saved):
    saved.write_bytes(b"\xef\xbb\xbf" + saved.read_bytes())
    assert load_inspection(saved).force.name == "Hertfordshire Constabulary"


def document_of(path):
    return json.loads(path.read_text(encoding="utf-8"))


def write_json(path, document):
    path.write_text(json.dumps(document), encoding="utf-8")


def expect(path, problem, *fragments):
    with pytest.raises(InspectionFileError) as caught:
        load_inspection(path)
    error = caught.value
    assert error.problem is problem
    message = str(error)
    assert message.startswith(f'Cannot open "{path.name}": ')
    for fragment in fragments:
        assert fragment in message
    assert "Traceback" not in message and "pydantic" not in message
    return message


def test_missing_file(tmp_path):
    expect(tmp_path / "nowhere.inspection", Problem.MISSING, "there is no file at", str(tmp_path))


def test_folder(tmp_path):
    folder = tmp_path / "folder.inspection"
    folder.mkdir()
    expect(folder, Problem.FOLDER, "is a folder")


def test_empty_file(tmp_path):
    path = tmp_path / "empty.inspection"
    path.write_bytes(b"")
    expect(path, Problem.EMPTY, "the file is empty")
    path.write_bytes(b" \n\t")
    expect(path, Problem.EMPTY, "the file is empty")


@pytest.mark.parametrize("keep", [0.1, 0.5, 0.9, 0.999])
def test_truncated_json(saved, keep):
    data = saved.read_bytes()
    saved.write_bytes(data[: int(len(data) * keep)])
    expect(saved, Problem.TRUNCATED, "incomplete", "cut short")


@pytest.mark.parametrize("ending", ["nu", "fals", "t", "1", "-0.5e"])
def test_json_cut_inside_a_word_or_number_is_truncated_not_damaged(tmp_path, ending):
    path = tmp_path / "cut.inspection"
    path.write_text('{"format": "inspector.inspection", "format_version": 6, "inspection": {"x": ' + ending)
    expect(path, Problem.TRUNCATED, "incomplete", "cut short")


def test_random_bytes(tmp_path):
    path = tmp_path / "noise.inspection"
    path.write_bytes(bytes(range(256)) * 8)
    expect(path, Problem.NOT_TEXT, "not an inspection file")


def test_text_that_is_not_json(tmp_path):
    path = tmp_path / "letter.inspection"
    path.write_text("Dear inspector,\nplease find attached.\n", encoding="utf-8")
    expect(path, Problem.NOT_JSON, "not an inspection file")


def test_broken_json_in_the_middle(saved):
    text = saved.read_text(encoding="utf-8").replace('"status": "draft"', '"status": draft', 1)
    saved.write_text(text, encoding="utf-8")
    expect(saved, Problem.NOT_JSON, "damaged", "line")


def test_not_utf8(saved):
    text = saved.read_text(encoding="utf-8")
    saved.write_bytes(text.encode("utf-16"))
    expect(saved, Problem.NOT_TEXT, "not text")
    saved.write_bytes(text.replace("Hertfordshire", "H\xe9rts").encode("latin-1", errors="replace"))
    expect(saved, Problem.NOT_TEXT)


@pytest.mark.parametrize("document", [[1, 2, 3], {"name": "a shopping list"}, "just a string", 42, None])
def test_json_of_another_kind(tmp_path, document):
    path = tmp_path / "other.inspection"
    write_json(path, document)
    expect(path, Problem.NOT_AN_INSPECTION, "not an inspection file")


@pytest.mark.parametrize(
    ("change", "fragments"),
    [
        (
            lambda d: d["inspection"]["questions"][2].update(grade="Grat"),
            ["questions › item 3 › grade", "Grat"],
        ),
        (lambda d: d["inspection"].pop("force"), ["at force", "required"]),
        (lambda d: d["inspection"]["force"].update(name=7), ["at force › name", "string"]),
        (lambda d: d["inspection"].update(evidence=[{"date": "yesterday"}]), ["evidence › item 1 › date"]),
        (
            lambda d: d["inspection"]["questions"][0].update(summary="not a list"),
            ["questions › item 1 › summary"],
        ),
        (lambda d: d.update(format_version="one"), ["format version"]),
        (lambda d: d.update(format_version=True), ["format version"]),
        (lambda d: d.pop("inspection"), ["at inspection", "required"]),
        (lambda d: d["inspection"]["framework"]["scale"].update(grades=[]), ["framework › scale › grades"]),
    ],
)
def test_valid_json_of_the_wrong_shape_names_the_field(saved, change, fragments):
    document = document_of(saved)
    change(document)
    write_json(saved, document)
    expect(saved, Problem.WRONG_SHAPE, "damaged", *fragments)


def test_file_from_a_newer_version(saved):
    document = document_of(saved)
    document["format_version"] = CURRENT_FORMAT_VERSION + 1
    document["inspection"]["something_new"] = {"from": "the future"}
    write_json(saved, document)
    expect(saved, Problem.NEWER_VERSION, "made by a newer version of Inspector")


def test_file_too_old_to_read(saved):
    document = document_of(saved)
    document["format_version"] = 0
    write_json(saved, document)
    expect(saved, Problem.TOO_OLD, "too old")


def test_file_over_the_size_limit(saved, monkeypatch):
    monkeypatch.setattr(inspection_file, "MAX_FILE_BYTES", 1000)
    expect(saved, Problem.TOO_LARGE, "MB", "probably not an inspection file")


def test_deeply_nested_json(tmp_path):
    path = tmp_path / "deep.inspection"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    expect(path, Problem.NOT_AN_INSPECTION)


def test_deeply_nested_old_version_file(tmp_path):
    """An older file is copied before it is upgraded; deep nesting there is damage too, not a crash."""
    path = tmp_path / "deep-v1.inspection"
    nested = "[" * 900 + "]" * 900  # json reads it; a copy of it goes two frames a level
    text = f'{{"format": "{FORMAT_MARKER}", "format_version": 1, "inspection": {nested}}}'
    path.write_text(text, encoding="utf-8")
    expect(path, Problem.WRONG_SHAPE, "nested too deeply")


def test_unreadable_file(saved, monkeypatch):
    real_open = open

    def refuse(file, mode="r", *args, **kwargs):
        if str(file) == str(saved):
            raise PermissionError(13, "Permission denied")
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr("builtins.open", refuse)
    expect(saved, Problem.UNREADABLE, "permission denied")


def test_loads_inspection_names_the_source(saved):
    with pytest.raises(InspectionFileError, match='"sample-x"'):
        loads_inspection(b"{", "sample-x")
    assert loads_inspection(saved.read_bytes()).force.short == "Hertfordshire"


def test_a_save_that_would_make_a_file_too_large_to_open_is_refused_and_the_old_file_kept(
    tmp_path, monkeypatch
):
    """Images near their cap and tens of thousands of evidence items could pass 100 MB: the save says so
    instead of writing a file the app would then refuse to open."""
    path = tmp_path / "kent.inspection"
    inspection = new_inspection(bundled.load_framework("peel-2016-effectiveness"), "Kent Police", "Kent")
    save_inspection(inspection, path)
    before = path.read_bytes()
    monkeypatch.setattr(inspection_file, "MAX_FILE_BYTES", len(before) + 100)
    inspection.authors = ["x" * 500]
    with pytest.raises(InspectionFileError) as caught:
        save_inspection(inspection, path)
    assert caught.value.problem == Problem.BEYOND_LIMITS
    assert "could not be opened again" in str(caught.value) and "has not been changed" in str(caught.value)
    assert path.read_bytes() == before
