"""File format 4: the layout as data (the framework's report sections, question layout, whether grades
compare with last year's, its own finding kinds), a question's other findings, the force page's
observations. A version 3 file opens on its preset and prints as before; a version 4 file is "newer", never
"damaged", to a build that reads only version 3."""

import json
from pathlib import Path

import pytest
from support.layouts import INNOVATIVE

from inspector_app.domain.report_layout import PRESETS, JudgementsTable
from inspector_app.storage import inspection_file
from inspector_app.storage.errors import InspectionFileError, Problem
from inspector_app.storage.inspection_file import load_inspection, save_inspection
from inspector_app.storage.migrations import MigrationRegistry, add_layout_as_data, registry

FIXTURES = Path(__file__).parents[2] / "fixtures" / "format"


def test_this_build_writes_format_4_and_reads_format_1():
    assert registry.oldest == 1 and registry.current >= 4  # 5: team files (test_format_5.py)


def test_a_version_3_file_opens_on_its_preset_with_no_other_findings_or_observations(tmp_path):
    path = tmp_path / "old.inspection"
    path.write_bytes((FIXTURES / "v3.inspection").read_bytes())
    inspection = load_inspection(path)
    report = inspection.framework.report
    assert report.sections is None and report.question is None and report.compare_with_last_year
    assert report.spec == PRESETS[report.layout]
    assert inspection.framework.finding_kinds == [] and inspection.observations == []
    assert all(q.other_findings == [] for q in inspection.questions)
    save_inspection(inspection, path, backups=0)
    assert json.loads(path.read_text(encoding="utf-8"))["format_version"] == registry.current
    assert add_layout_as_data({"inspection": []}) == {"inspection": []}, "damage left to validation"


def test_the_version_4_fixture_keeps_its_layout_findings_and_observations():
    inspection = load_inspection(FIXTURES / "v4.inspection")
    spec = inspection.framework.report.spec
    assert [s.kind for s in spec.sections] == [
        "title_page",
        "contents",
        "judgements_table",
        "force_page",
        "questions",
    ]
    assert isinstance(spec.sections[2], JudgementsTable) and spec.sections[2].last_year
    assert spec.question.findings[0] == "areas_for_improvement"
    assert not inspection.framework.report.compare_with_last_year
    found = inspection.findings_of_kind(inspection.questions[0].question_id, INNOVATIVE)
    assert found is not None and found.items[0].sub_points == ["Staffed at night"]
    assert inspection.observations_by.startswith("A. Inspector")


def test_an_older_build_calls_a_version_4_file_newer_not_damaged(tmp_path, monkeypatch):
    monkeypatch.setattr(inspection_file, "registry", MigrationRegistry(current=3, oldest=1))
    path = tmp_path / "new.inspection"
    path.write_bytes((FIXTURES / "v4.inspection").read_bytes())
    with pytest.raises(InspectionFileError) as caught:
        load_inspection(path)
    assert caught.value.problem is Problem.NEWER_VERSION
