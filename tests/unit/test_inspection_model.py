"""The inspection model: a new inspection is complete, and records that contradict the framework are refused."""

import datetime as dt
import uuid

import pytest
from pydantic import ValidationError

from inspector_app import bundled
from inspector_app.domain.blocks import Bullet, DataTable, Paragraph, plain_text
from inspector_app.domain.editing import iter_records
from inspector_app.domain.framework import UNGRADED
from inspector_app.domain.grades import Direction, direction_of_travel
from inspector_app.domain.inspection import (
    AreaForImprovement,
    EvidenceItem,
    Inspection,
    NarrativeSection,
    SourceType,
    Status,
    SummaryItem,
    new_inspection,
)


@pytest.fixture
def peel():
    return new_inspection(
        bundled.load_framework("peel-2016-effectiveness"), "Hertfordshire Constabulary", "Hertfordshire"
    )


@pytest.fixture
def crime():
    return new_inspection(bundled.load_framework("crime-inspection-2014"), "Hertfordshire Constabulary")


def test_new_inspection_assesses_every_question_in_framework_order(peel):
    assert [q.question_id for q in peel.questions] == [q.id for q in peel.framework.questions()]
    assert [q.grade for q in peel.questions] == [None, None, None, None, UNGRADED]
    assert [p.pillar_id for p in peel.pillars] == ["effectiveness"]
    assert peel.status is Status.DRAFT
    assert peel.force.short == "Hertfordshire"


def test_new_inspection_copies_standard_texts_with_fresh_ids(crime):
    framework_ids = {b.id for b in crime.framework.standard_texts.introduction}
    assert plain_text(crime.introduction).startswith("This inspection looks at")
    assert not framework_ids & {b.id for b in crime.introduction}
    opening = crime.questions[0].sections[0]
    assert opening.theme == ""
    assert opening.blocks[0].text.startswith("HMIC looked at how the leadership")


def test_two_new_inspections_share_no_record_ids():
    framework = bundled.load_framework("crime-inspection-2014")
    first, second = new_inspection(framework, "A"), new_inspection(framework, "B")
    assert not {r.id for r in iter_records(first)} & {r.id for r in iter_records(second)}


def test_framework_is_a_snapshot_not_shared(peel):
    peel.framework.title = "edited"
    assert bundled.load_framework("peel-2016-effectiveness").title == "PEEL 2016 Effectiveness"


def test_missing_question_assessments_are_added_on_load(peel):
    data = peel.model_dump(mode="json")
    data["questions"] = data["questions"][2:3]
    loaded = Inspection.model_validate(data)
    assert [q.question_id for q in loaded.questions] == [q.id for q in peel.framework.questions()]
    assert loaded.questions[2].id == peel.questions[2].id


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["questions"][0].update(grade="excellent"), "questions › item 1 › grade"),
        (lambda d: d["questions"][0].update(last_year_grade="meh"), "questions › item 1 › last_year_grade"),
        (lambda d: d["questions"][0].update(question_id="no-such"), "not a question of the framework"),
        (lambda d: d["questions"].append(dict(d["questions"][0], id=str(uuid.uuid4()))), "assessed twice"),
        (lambda d: d["pillars"][0].update(grade="superb"), "pillars › item 1 › grade"),
        (lambda d: d["evidence"].append({"question_id": "nope"}), "evidence › item 1 › question_id"),
        (
            lambda d: d["evidence"].append({"question_id": "preventing-crime", "diagnostic_id": "2.1"}),
            "diagnostic",
        ),
        (lambda d: d["evidence"].append({"diagnostic_id": "1.1"}), "without a question"),
        (lambda d: d["evidence"].append({"source_type": "rumour"}), "source_type"),
        (lambda d: d.update(status="published"), "status"),
        (lambda d: d["force"].update(name=""), "name"),
        (lambda d: d["questions"][0].update(colour="red"), "colour"),
    ],
)
def test_inconsistent_inspections_are_refused(peel, change, message):
    data = peel.model_dump(mode="json")
    change(data)
    with pytest.raises(ValidationError, match=message):
        Inspection.model_validate(data)


def test_evidence_item_links_to_question_and_diagnostic(peel):
    item = EvidenceItem(
        source_type=SourceType.CASE_FILE_REVIEW,
        title="Review of 20 investigation files",
        date=dt.date(2016, 10, 3),
        question_id="investigating-crime",
        diagnostic_id="2.2",
    )
    peel.evidence.append(item)
    peel.check_integrity()
    assert peel.evidence_for("investigating-crime") == [item]
    assert peel.evidence_item(item.id) is item


def test_data_table_rows_must_fit_its_columns():
    with pytest.raises(ValidationError, match="row 1 has 1 cells but the table has 2 columns"):
        DataTable(columns=["a", "b"], rows=[["x"]])


def test_citing_records_lists_findings_in_report_order(peel):
    question = peel.questions[0]
    paragraph = Paragraph(text="narrative")
    question.sections.append(NarrativeSection(blocks=[paragraph, Bullet(text="b")]))
    question.summary.append(SummaryItem(text="s"))
    question.areas_for_improvement.append(AreaForImprovement(text="The force should"))
    kinds = [type(r).__name__ for r in peel.citing_records()]
    assert kinds == ["Paragraph", "Bullet", "SummaryItem", "AreaForImprovement"]


@pytest.mark.parametrize(
    ("grade", "last_year", "expected"),
    [
        ("requires_improvement", "good", Direction.DETERIORATION),
        ("good", "requires_improvement", Direction.IMPROVEMENT),
        ("good", "good", Direction.UNCHANGED),
        ("good", None, None),
        (None, "good", None),
        (UNGRADED, "good", None),
    ],
)
def test_direction_of_travel(peel, grade, last_year, expected):
    assert direction_of_travel(peel.framework.scale, grade, last_year) == expected
