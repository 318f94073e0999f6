"""A judgement carried over from last year (issue 15, item 3): last year's grade stands, no new evidence is
asked for, the report says so, and the checks hold it to last year's grade."""

from __future__ import annotations

from pathlib import Path

from unit.checks.checks_support import clean_peel, found

from inspector_app.domain import editing
from inspector_app.export import export_report
from inspector_app.export.layouts.common import CARRIED_OVER
from inspector_app.storage.inspection_file import dumps_inspection, loads_inspection


def _carried(inspection, question_id: str = "preventing-crime"):
    question = inspection.question(question_id)
    question.grade = None
    question.last_year_grade = "good"
    inspection.evidence = [item for item in inspection.evidence if item.question_id != question_id]
    for item in question.summary + question.areas_for_improvement:
        item.evidence_ids = []
    for section in question.sections:
        for block in section.blocks:
            block.evidence_ids = []
    return question


def test_carrying_over_gives_an_ungraded_question_last_years_grade_and_undo_takes_both_back() -> None:
    inspection = clean_peel()
    question = _carried(inspection)
    changes = editing.set_carried_over(inspection, question.question_id, True)
    assert question.carried_over and question.grade == "good" and len(changes) == 2
    for change in reversed(changes):
        editing.revert(inspection, change)
    assert not question.carried_over and question.grade is None
    assert editing.set_carried_over(inspection, question.question_id, False) == []


def test_a_carried_over_judgement_asks_for_no_evidence_but_must_keep_last_years_grade() -> None:
    inspection = clean_peel()
    question = _carried(inspection)
    question.grade = "good"
    assert [f.rule for f in found(inspection, "evidence") if f.place.question_id == question.question_id]
    question.carried_over = True
    assert [
        f.rule for f in found(inspection, "evidence") if f.place.question_id == question.question_id
    ] == []
    assert found(inspection, "grade.carried-over") == []
    question.grade = "requires_improvement"
    (finding,) = found(inspection, "grade.carried-over")
    assert (
        "carried over from last year (Good), but this year's grade is Requires improvement" in finding.message
    )
    question.last_year_grade = None
    (finding,) = found(inspection, "grade.carried-over")
    assert "last year's grade is not recorded" in finding.message


def test_the_report_says_a_judgement_is_carried_over_and_the_file_keeps_it(tmp_path: Path) -> None:
    inspection = clean_peel()
    question = _carried(inspection)
    editing.set_carried_over(inspection, question.question_id, True)
    again = loads_inspection(dumps_inspection(inspection), "x")
    assert again.question(question.question_id).carried_over
    import docx

    texts = [p.text for p in docx.Document(str(export_report(again, tmp_path / "r.docx"))).paragraphs]
    assert texts.count(CARRIED_OVER) == 1
    title = next(
        i for i, t in enumerate(texts) if t.startswith("How effective is the force at preventing crime")
    )
    assert texts[title + 1 : title + 3] == ["Good", CARRIED_OVER]
