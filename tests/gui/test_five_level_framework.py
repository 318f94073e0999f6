"""A five-level scale (PEEL 2021/22's Adequate between Requires improvement and Good) is data, end to end:
imported as a framework, graded in the window, checked, exported in grade styles (issue 15, item 6)."""

from __future__ import annotations

import json

import docx
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from support.documents import main_window

from inspector_app import bundled, framework_store
from inspector_app.domain.checks import run_checks
from inspector_app.export import export_report
from inspector_app.gui.interaction import NewInspectionRequest


def five_level_file(path):
    document = json.loads(bundled.resource("frameworks", "peel-2016-effectiveness.json").read_text("utf-8"))
    document.update(id="peel-five-level", version="2022", title="PEEL five-level")
    grades = document["scale"]["grades"]
    adequate = {
        "id": "adequate",
        "label": "Adequate",
        "colour": "#FFD966",
        "text_colour": "#000000",
        "positive": True,
    }
    grades.insert(2, adequate)  # outstanding, good, adequate, requires improvement, inadequate
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_a_five_level_framework_grades_checks_and_exports(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv(bundled.DATA_DIR_ENV, str(tmp_path / "data"))
    monkeypatch.setenv(framework_store.ORG_FRAMEWORKS_ENV, str(tmp_path / "organisation"))
    framework_store.import_framework(five_level_file(tmp_path / "five.json"))
    bundled.speller().preload()  # here, not on the editors' loader thread racing this short test's end
    window = main_window(qtbot, tmp_path)
    window.interaction.expect(NewInspectionRequest("peel-five-level", "Kent Police", "Kent"))
    window.new_action.trigger()
    inspection = window.document.inspection
    assert [g.label for g in inspection.framework.scale.grades][2] == "Adequate"
    question_id = inspection.questions[0].question_id
    window.workspace.show_question(question_id)
    picker = window.workspace.question_page(question_id).grade
    labels = [picker.itemText(i) for i in range(picker.count())]
    assert labels == [
        "Not yet graded",
        "Outstanding",
        "Good",
        "Adequate",
        "Requires improvement",
        "Inadequate",
        "Ungraded",
    ]
    picker.setFocus()
    QTest.keyClick(picker, Qt.Key.Key_Down)  # as a user does: Outstanding
    for _ in range(2):
        QTest.keyClick(picker, Qt.Key.Key_Down)  # Good, then Adequate
    assert inspection.questions[0].grade == "adequate"
    inspection.questions[1].last_year_grade = "good"
    inspection.questions[1].grade = "adequate"
    findings = run_checks(inspection, speller=bundled.speller())
    assert not [f for f in findings if "not a grade" in f.message]
    report = docx.Document(str(export_report(inspection, tmp_path / "five.docx")))
    graded = [(p.text, p.style.name) for p in report.paragraphs if p.style.name.startswith("Grade ")]
    assert ("Adequate", "Grade Adequate") in graded
