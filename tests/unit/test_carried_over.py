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


def test_the_2014_grid_says_carried_over_and_the_closing_grade_keeps_with_the_text_before_it(tmp_path: Path):
    import docx
    from docx.oxml.ns import qn

    from inspector_app import bundled
    from inspector_app.domain.blocks import Paragraph
    from inspector_app.domain.inspection import NarrativeSection, new_inspection
    from inspector_app.export.layouts.judgements import CARRIED_OVER_CELL

    inspection = new_inspection(bundled.load_framework("crime-inspection-2014"), "Kent Police", "Kent")
    question = inspection.questions[0]
    question.last_year_grade = "good"
    question.sections = [NarrativeSection(blocks=[Paragraph(text="The force is good at this.")])]
    editing.set_carried_over(inspection, question.question_id, True)
    document = docx.Document(str(export_report(inspection, tmp_path / "r.docx")))
    grid = document.tables[0]
    assert [p.text for p in grid.rows[1].cells[0].paragraphs] == ["Good", CARRIED_OVER_CELL]
    paragraphs = document.paragraphs
    (closing,) = [i for i, p in enumerate(paragraphs) if p.style.name == "Grade Good"]
    before = paragraphs[closing - 1]
    assert before.text == "The force is good at this."
    assert before._p.find(qn("w:pPr")).find(qn("w:keepNext")) is not None, "the grade never ends up alone"
