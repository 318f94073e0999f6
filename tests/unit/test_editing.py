"""Editing operations change the model and return what undoes them exactly."""

import datetime as dt
import uuid

import pytest

from inspector_app import bundled
from inspector_app.domain import editing
from inspector_app.domain.blocks import Bullet, Paragraph
from inspector_app.domain.editing import EditError
from inspector_app.domain.framework import UNGRADED
from inspector_app.domain.inspection import (
    AreaForImprovement,
    CauseOfConcern,
    EvidenceItem,
    Recommendation,
    SourceType,
    SummaryItem,
    new_inspection,
)


@pytest.fixture
def inspection():
    return new_inspection(bundled.load_framework("peel-2016-effectiveness"), "Hertfordshire Constabulary")


def snapshot(inspection):
    return inspection.model_dump(mode="json")


def add_item(inspection, **fields):
    item = EvidenceItem(question_id="investigating-crime", **fields)
    editing.add_evidence(inspection, item)
    return item


def test_set_grade_returns_the_old_grade(inspection):
    assert editing.set_grade(inspection, "preventing-crime", "good") is None
    assert inspection.question("preventing-crime").grade == "good"
    assert editing.set_grade(inspection, "preventing-crime", None) == "good"
    assert editing.set_grade(inspection, "preventing-crime", "requires_improvement", last_year=True) is None
    assert inspection.question("preventing-crime").last_year_grade == "requires_improvement"


@pytest.mark.parametrize("grade", ["Good", "excellent", ""])
def test_set_grade_refuses_grades_off_the_scale(inspection, grade):
    with pytest.raises(EditError, match="not a grade"):
        editing.set_grade(inspection, "preventing-crime", grade)
    assert inspection.question("preventing-crime").grade is None


def test_set_grade_refuses_unknown_questions(inspection):
    with pytest.raises(EditError, match="not a question"):
        editing.set_grade(inspection, "nope", "good")


def test_pillar_grade_cannot_be_ungraded(inspection):
    assert editing.set_pillar_grade(inspection, "effectiveness", "requires_improvement") is None
    with pytest.raises(EditError):
        editing.set_pillar_grade(inspection, "effectiveness", UNGRADED)
    assert inspection.pillar("effectiveness").grade == "requires_improvement"


def test_set_field_changes_text_and_undoes(inspection):
    question = inspection.question("preventing-crime")
    item = SummaryItem(text="first")
    editing.insert_record(inspection, question.id, "summary", 0, item)
    before = snapshot(inspection)
    old = editing.set_field(inspection, item.id, "text", "second")
    assert question.summary[0].text == "second"
    editing.set_field(inspection, item.id, "text", old)
    assert snapshot(inspection) == before


def test_set_field_replaces_lone_surrogates(inspection):
    editing.set_field(inspection, inspection.id, "authors", ["A\ud800B", "\ud83d\ude00"])
    assert inspection.authors == ["A\ufffdB", "😀"]


def test_set_field_validates_types_and_protects_links(inspection):
    with pytest.raises(EditError, match="date"):
        editing.set_field(inspection, inspection.id, "published", "last Tuesday")
    for field in ("id", "grade", "evidence", "framework"):
        with pytest.raises(EditError):
            editing.set_field(inspection, inspection.questions[0].id, field, None)
    with pytest.raises(EditError, match="no field"):
        editing.set_field(inspection, inspection.id, "colour", "red")
    editing.set_field(inspection, inspection.id, "published", "2017-03-02")
    assert inspection.published == dt.date(2017, 3, 2)


def test_insert_remove_and_move_are_inverse(inspection):
    question = inspection.question("protecting-vulnerable")
    afis = [AreaForImprovement(text=f"The force should {n}") for n in range(3)]
    for index, afi in enumerate(afis):
        editing.insert_record(inspection, question.id, "areas_for_improvement", index, afi)
    before = snapshot(inspection)

    index, removed = editing.remove_record(inspection, question.id, "areas_for_improvement", afis[1].id)
    assert (index, removed) == (1, afis[1])
    editing.insert_record(inspection, question.id, "areas_for_improvement", index, removed)
    assert snapshot(inspection) == before

    old_index = editing.move_record(inspection, question.id, "areas_for_improvement", afis[0].id, 2)
    assert [a.text[-1] for a in question.areas_for_improvement] == ["1", "2", "0"]
    editing.move_record(inspection, question.id, "areas_for_improvement", afis[0].id, old_index)
    assert snapshot(inspection) == before


def test_insert_refuses_the_wrong_kind_of_record(inspection):
    question = inspection.question("protecting-vulnerable")
    with pytest.raises(EditError, match="cannot put"):
        editing.insert_record(inspection, question.id, "areas_for_improvement", 0, SummaryItem(text="x"))
    with pytest.raises(EditError, match="no list"):
        editing.insert_record(inspection, question.id, "grade", 0, SummaryItem(text="x"))
    with pytest.raises(EditError, match="dedicated"):
        editing.insert_record(inspection, inspection.id, "evidence", 0, EvidenceItem())


def test_nested_records_are_found_by_id(inspection):
    question = inspection.question("protecting-vulnerable")
    cause = CauseOfConcern(text="It is a cause of concern")
    editing.insert_record(inspection, question.id, "causes_of_concern", 0, cause)
    recommendation = Recommendation(text="it improves its initial assessment")
    editing.insert_record(inspection, cause.id, "recommendations", 0, recommendation)
    editing.set_field(inspection, recommendation.id, "sub_points", ["first", "second"])
    assert question.causes_of_concern[0].recommendations[0].sub_points == ["first", "second"]
    section = question.sections
    assert editing.find_record(inspection, recommendation.id) is recommendation
    with pytest.raises(EditError):
        editing.find_record(inspection, uuid.uuid4())
    assert section == []


def test_narrative_blocks_of_any_kind_can_be_inserted(inspection):
    from inspector_app.domain.inspection import NarrativeSection

    question = inspection.question("preventing-crime")
    section = NarrativeSection(theme="Crime")
    editing.insert_record(inspection, question.id, "sections", 0, section)
    editing.insert_record(inspection, section.id, "blocks", 0, Paragraph(text="p"))
    editing.insert_record(inspection, section.id, "blocks", 1, Bullet(text="b", level=1))
    assert [b.kind for b in question.sections[0].blocks] == ["paragraph", "bullet"]


def test_add_evidence_checks_its_question_and_diagnostic(inspection):
    with pytest.raises(EditError, match="not a diagnostic"):
        editing.add_evidence(inspection, EvidenceItem(question_id="preventing-crime", diagnostic_id="2.1"))
    with pytest.raises(EditError, match="not a question"):
        editing.add_evidence(inspection, EvidenceItem(question_id="nope"))
    item = EvidenceItem(question_id="preventing-crime", diagnostic_id="1.2")
    assert editing.add_evidence(inspection, item) == 0
    with pytest.raises(EditError, match="already"):
        editing.add_evidence(inspection, item)


def test_delete_evidence_removes_citations_and_restore_puts_them_back(inspection):
    kept = add_item(inspection, title="kept")
    gone = add_item(inspection, title="gone")
    question = inspection.question("investigating-crime")
    afi = AreaForImprovement(text="The force should", evidence_ids=[kept.id, gone.id])
    summary = SummaryItem(text="s", evidence_ids=[gone.id])
    editing.insert_record(inspection, question.id, "areas_for_improvement", 0, afi)
    editing.insert_record(inspection, question.id, "summary", 0, summary)
    before = snapshot(inspection)

    deleted = editing.delete_evidence(inspection, gone.id)
    assert [e.title for e in inspection.evidence] == ["kept"]
    assert afi.evidence_ids == [kept.id] and summary.evidence_ids == []
    assert len(deleted.citations) == 2

    editing.restore_evidence(inspection, deleted)
    assert snapshot(inspection) == before


def test_update_evidence_moving_question_drops_the_diagnostic(inspection):
    item = add_item(inspection, diagnostic_id="2.3", source_type=SourceType.INTERVIEW)
    old = editing.update_evidence(inspection, item.id, question_id="serious-organised-crime")
    assert old == {"question_id": "investigating-crime", "diagnostic_id": "2.3"}
    assert (item.question_id, item.diagnostic_id) == ("serious-organised-crime", None)
    editing.update_evidence(inspection, item.id, **old)
    assert (item.question_id, item.diagnostic_id) == ("investigating-crime", "2.3")


def test_update_evidence_validates(inspection):
    item = add_item(inspection)
    with pytest.raises(EditError, match="not a diagnostic"):
        editing.update_evidence(inspection, item.id, diagnostic_id="4.1")
    with pytest.raises(EditError, match="source_type"):
        editing.update_evidence(inspection, item.id, source_type="gossip")
    with pytest.raises(EditError, match="no field"):
        editing.update_evidence(inspection, item.id, colour="red")
    old = editing.update_evidence(
        inspection, item.id, source_type="focus_group", date="2016-10-01", title="T"
    )
    assert item.source_type is SourceType.FOCUS_GROUP and item.date == dt.date(2016, 10, 1)
    assert old == {"source_type": SourceType.OTHER, "date": None, "title": ""}


def test_cite_and_uncite(inspection):
    item = add_item(inspection)
    summary = SummaryItem(text="s")
    editing.insert_record(inspection, inspection.question("investigating-crime").id, "summary", 0, summary)
    assert editing.cite(inspection, summary.id, item.id) is True
    assert editing.cite(inspection, summary.id, item.id) is False
    assert summary.evidence_ids == [item.id]
    assert editing.uncite(inspection, summary.id, item.id) == 0
    assert editing.uncite(inspection, summary.id, item.id) is None
    other = add_item(inspection)
    editing.cite(inspection, summary.id, other.id)
    editing.cite(inspection, summary.id, item.id, position=0)
    assert summary.evidence_ids == [item.id, other.id]
    with pytest.raises(EditError):
        editing.cite(inspection, summary.id, uuid.uuid4())
    with pytest.raises(EditError, match="cannot cite"):
        editing.cite(inspection, inspection.questions[0].id, item.id)
