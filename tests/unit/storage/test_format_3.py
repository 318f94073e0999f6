"""File format 3: the inspection's protective marking (and the markings its framework offers), a figure's
image and alternative text. Version 2 files open marked OFFICIAL-SENSITIVE with no figure images; a version
3 file is "newer", never "damaged", to a build that reads only version 2."""

import base64
import json
from pathlib import Path

import pytest
from support.images import padded_jpeg

from inspector_app.domain.blocks import Figure, FigureImage
from inspector_app.domain.framework import DEFAULT_MARKINGS
from inspector_app.storage import inspection_file
from inspector_app.storage.errors import InspectionFileError, Problem
from inspector_app.storage.inspection_file import load_inspection, loads_inspection, save_inspection
from inspector_app.storage.migrations import MigrationRegistry, add_marking_and_figure_images, registry

FIXTURES = Path(__file__).parents[2] / "fixtures" / "format"


def test_the_step_from_2_to_3_marks_the_inspection_and_leaves_its_input_alone():
    document = json.loads((FIXTURES / "v2.inspection").read_text(encoding="utf-8"))
    assert "marking" not in document["inspection"]
    upgraded = registry.upgrade(document, 2)
    assert upgraded["format_version"] == registry.current
    assert upgraded["inspection"]["marking"] == "OFFICIAL-SENSITIVE"
    assert "marking" not in document["inspection"] and document["format_version"] == 2
    assert add_marking_and_figure_images({"inspection": []}) == {"inspection": []}, (
        "damage left to validation"
    )


def test_a_version_2_file_opens_marked_with_the_default_markings_offered(tmp_path):
    path = tmp_path / "old.inspection"
    path.write_bytes((FIXTURES / "v2.inspection").read_bytes())
    inspection = load_inspection(path)
    assert inspection.marking == "OFFICIAL-SENSITIVE"
    assert inspection.framework.report.markings == list(DEFAULT_MARKINGS)
    save_inspection(inspection, path, backups=0)
    assert json.loads(path.read_text(encoding="utf-8"))["format_version"] == registry.current


def test_the_version_3_fixture_keeps_its_marking_and_figure_image():
    inspection = load_inspection(FIXTURES / "v3.inspection")
    assert inspection.marking == "OFFICIAL"
    figure = next(block for block in inspection.introduction if isinstance(block, Figure))
    assert figure.alt_text.startswith("A bar chart")
    assert figure.image is not None and figure.image.media_type == "image/png"
    assert figure.image.data.startswith(b"\x89PNG\r\n\x1a\n")


def test_image_bytes_are_one_base64_string_in_the_file_and_come_back_the_same(tmp_path):
    data = padded_jpeg(10_240)  # a real JPEG (the loader checks images) of 10 KB: more than one base64 line
    inspection = load_inspection(FIXTURES / "v3.inspection")
    figure = next(block for block in inspection.introduction if isinstance(block, Figure))
    figure.image = FigureImage(media_type="image/jpeg", data=data)
    path = tmp_path / "img.inspection"
    save_inspection(inspection, path, backups=0)
    text = path.read_text(encoding="utf-8")
    encoded = base64.b64encode(data).decode("ascii")
    assert f'"data": "{encoded}"' in text
    again = next(block for block in load_inspection(path).introduction if isinstance(block, Figure))
    assert again.image is not None and again.image.data == data


def test_image_data_that_is_not_base64_is_damage(tmp_path):
    text = (FIXTURES / "v3.inspection").read_text(encoding="utf-8")
    damaged = text.replace('"data": "iVBOR', '"data": "not base64 at all!iVBOR', 1)
    assert damaged != text
    with pytest.raises(InspectionFileError) as caught:
        loads_inspection(damaged.encode("utf-8"), "damaged.inspection")
    assert caught.value.problem is Problem.WRONG_SHAPE
    assert "base64" in str(caught.value)


def test_an_older_build_calls_a_version_3_file_newer_not_damaged(tmp_path, monkeypatch):
    monkeypatch.setattr(inspection_file, "registry", MigrationRegistry(current=2, oldest=1))
    path = tmp_path / "new.inspection"
    path.write_bytes((FIXTURES / "v3.inspection").read_bytes())
    with pytest.raises(InspectionFileError) as caught:
        load_inspection(path)
    assert caught.value.problem is Problem.NEWER_VERSION
