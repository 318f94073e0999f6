"""Editing operations change the model and return change records; reverting them undoes them exactly."""

import datetime as dt
import uuid

import pytest

from inspector_app import bundled
from inspector_app.domain import editing
from inspector_app.domain.blocks import Bullet, Paragraph
from inspector_app.domain.changes import Change, ChangeKind
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


def revert_all(inspection, changes):
    """Undo ``changes`` (latest last) as an undo command does; returns the inverse changes."""
    return [editing.revert(inspection, change) for change in reversed(list(changes))]


def test_set_grade_says_what_it_changed_and_reverts(inspection):
    question = inspection.question("preventing-crime")
    change = editing.set_grade(inspection, "preventing-crime", "good")
    assert change == Change(ChangeKind.SET, question.id, "grade", old=None)
    assert question.grade == "good"
    assert editing.set_grade(inspection, "preventing-crime", None).old == "good"
    change = editing.set_grade(inspection, "preventing-crime", "requires_improvement", last_year=True)
    assert (change.field, question.last_year_grade) == ("last_year_grade", "requires_improvement")
    inverse = editing.revert(inspection, change)
    assert question.last_year_grade is None
    assert inverse == Change(ChangeKind.SET, question.id, "last_year_grade", old="requires_improvement")
    editing.revert(inspection, inverse)
    assert question.last_year_grade == "requires_improvement"


@pytest.mark.parametrize("grade", ["Good", "excellent", ""])
def test_set_grade_refuses_grades_off_the_scale(inspection, grade):
    with pytest.raises(EditError, match="not a grade"):
        editing.set_grade(inspection, "preventing-crime", grade)
    assert inspection.question("preventing-crime").grade is None


def test_set_grade_refuses_unknown_questions(inspection):
    with pytest.raises(EditError, match="not a question"):
        editing.set_grade(inspection, "nope", "good")


def test_pillar_grade_cannot_be_ungraded(inspection):
    change = editing.set_pillar_grade(inspection, "effectiveness", "requires_improvement")
    assert change.record_id == inspection.pillar("effectiveness").id and change.old is None
    with pytest.raises(EditError):
        editing.set_pillar_grade(inspection, "effectiveness", UNGRADED)
    assert inspection.pillar("effectiveness").grade == "requires_improvement"


def test_set_field_changes_text_and_reverts(inspection):
    question = inspection.question("preventing-crime")
    item = SummaryItem(text="first")
    editing.insert_record(inspection, question.id, "summary", 0, item)
    before = snapshot(inspection)
    change = editing.set_field(inspection, item.id, "text", "second")
    assert change == Change(ChangeKind.SET, item.id, "text", old="first")
    assert question.summary[0].text == "second"
    editing.revert(inspection, change)
    assert snapshot(inspection) == before


def test_set_field_replaces_lone_surrogates(inspection):
    editing.set_field(inspection, inspection.id, "authors", ["A\ud800B", "\ud83d\ude00"])
    assert inspection.authors == ["A\ufffdB", "😀"]


def test_set_field_validates_types_and_protects_links_and_lists_of_records(inspection):
    with pytest.raises(EditError, match="date"):
        editing.set_field(inspection, inspection.id, "published", "last Tuesday")
    for field in ("id", "grade", "evidence", "framework", "summary", "evidence_ids"):
        with pytest.raises(EditError):
            editing.set_field(inspection, inspection.questions[0].id, field, None)
    with pytest.raises(EditError, match="dedicated"):
        editing.set_field(inspection, inspection.questions[0].id, "summary", [])
    with pytest.raises(EditError, match="no field"):
        editing.set_field(inspection, inspection.id, "colour", "red")
    editing.set_field(inspection, inspection.id, "published", "2017-03-02")
    assert inspection.published == dt.date(2017, 3, 2)


def test_insert_remove_and_move_report_their_places_and_revert(inspection):
    question = inspection.question("protecting-vulnerable")
    afis = [AreaForImprovement(text=f"The force should {n}") for n in range(3)]
    for index, afi in enumerate(afis):
        change = editing.insert_record(inspection, question.id, "areas_for_improvement", index, afi)
        assert change == Change(ChangeKind.INSERT, afi.id, "areas_for_improvement", question.id, index)
    before = snapshot(inspection)

    removed = editing.remove_record(inspection, question.id, "areas_for_improvement", afis[1].id)
    assert (removed.kind, removed.index, removed.old) == (ChangeKind.REMOVE, 1, afis[1])
    assert editing.revert(inspection, removed).kind is ChangeKind.INSERT
    assert snapshot(inspection) == before

    moved = editing.move_record(inspection, question.id, "areas_for_improvement", afis[0].id, 2)
    assert (moved.kind, moved.from_index, moved.index) == (ChangeKind.MOVE, 0, 2)
    assert [a.text[-1] for a in question.areas_for_improvement] == ["1", "2", "0"]
    back = editing.revert(inspection, moved)
    assert (back.from_index, back.index) == (2, 0)
    assert snapshot(inspection) == before

    clamped = editing.insert_record(
        inspection, question.id, "areas_for_improvement", 99, AreaForImprovement()
    )
    assert clamped.index == 3


def test_a_removed_record_is_no_longer_found_and_reverting_finds_it_again(inspection):
    question = inspection.question("protecting-vulnerable")
    cause = CauseOfConcern(text="c", recommendations=[Recommendation(text="r")])
    editing.insert_record(inspection, question.id, "causes_of_concern", 0, cause)
    recommendation = cause.recommendations[0]
    assert editing.question_of(inspection, recommendation.id) is question
    assert editing.owner_of(inspection, recommendation.id) is cause
    removed = editing.remove_record(inspection, question.id, "causes_of_concern", cause.id)
    with pytest.raises(EditError):
        editing.set_field(inspection, recommendation.id, "text", "lost")
    editing.revert(inspection, removed)
    editing.set_field(inspection, recommendation.id, "text", "found")
    assert question.causes_of_concern[0].recommendations[0].text == "found"


def test_records_added_outside_the_operations_are_found(inspection):
    question = inspection.question("preventing-crime")
    editing.find_record(inspection, question.id)  # the index exists now
    item = SummaryItem(text="appended directly")
    question.summary.append(item)
    assert editing.find_record(inspection, item.id) is item


def test_insert_refuses_the_wrong_kind_of_record_and_duplicates(inspection):
    question = inspection.question("protecting-vulnerable")
    with pytest.raises(EditError, match="cannot put"):
        editing.insert_record(inspection, question.id, "areas_for_improvement", 0, SummaryItem(text="x"))
    with pytest.raises(EditError, match="no list"):
        editing.insert_record(inspection, question.id, "grade", 0, SummaryItem(text="x"))
    with pytest.raises(EditError, match="dedicated"):
        editing.insert_record(inspection, inspection.id, "evidence", 0, EvidenceItem())
    item = SummaryItem(text="x")
    editing.insert_record(inspection, question.id, "summary", 0, item)
    with pytest.raises(EditError, match="already"):
        editing.insert_record(inspection, question.id, "summary", 0, item)
    with pytest.raises(EditError, match="already"):
        editing.insert_record(inspection, inspection.questions[0].id, "summary", 0, item)


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
    assert editing.add_evidence(inspection, item) == Change(
        ChangeKind.INSERT, item.id, "evidence", inspection.id, 0
    )
    with pytest.raises(EditError, match="already"):
        editing.add_evidence(inspection, item)


def test_delete_evidence_removes_citations_and_reverting_puts_them_back(inspection):
    kept = add_item(inspection, title="kept")
    gone = add_item(inspection, title="gone")
    question = inspection.question("investigating-crime")
    afi = AreaForImprovement(text="The force should", evidence_ids=[kept.id, gone.id])
    summary = SummaryItem(text="s", evidence_ids=[gone.id])
    editing.insert_record(inspection, question.id, "areas_for_improvement", 0, afi)
    editing.insert_record(inspection, question.id, "summary", 0, summary)
    before = snapshot(inspection)

    changes = editing.delete_evidence(inspection, gone.id)
    assert [e.title for e in inspection.evidence] == ["kept"]
    assert afi.evidence_ids == [kept.id] and summary.evidence_ids == []
    assert [(c.kind, c.record_id) for c in changes] == [
        (ChangeKind.SET, summary.id),
        (ChangeKind.SET, afi.id),
        (ChangeKind.REMOVE, gone.id),
    ] or [(c.kind, c.record_id) for c in changes] == [
        (ChangeKind.SET, afi.id),
        (ChangeKind.SET, summary.id),
        (ChangeKind.REMOVE, gone.id),
    ]

    inverse = revert_all(inspection, changes)
    assert snapshot(inspection) == before
    revert_all(inspection, inverse)  # redo
    assert [e.title for e in inspection.evidence] == ["kept"] and summary.evidence_ids == []


def test_update_evidence_moving_question_drops_the_diagnostic(inspection):
    item = add_item(inspection, diagnostic_id="2.3", source_type=SourceType.INTERVIEW)
    changes = editing.update_evidence(inspection, item.id, question_id="serious-organised-crime")
    assert {c.field: c.old for c in changes} == {"question_id": "investigating-crime", "diagnostic_id": "2.3"}
    assert (item.question_id, item.diagnostic_id) == ("serious-organised-crime", None)
    revert_all(inspection, changes)
    assert (item.question_id, item.diagnostic_id) == ("investigating-crime", "2.3")


def test_update_evidence_validates(inspection):
    item = add_item(inspection)
    with pytest.raises(EditError, match="not a diagnostic"):
        editing.update_evidence(inspection, item.id, diagnostic_id="4.1")
    with pytest.raises(EditError, match="source_type"):
        editing.update_evidence(inspection, item.id, source_type="gossip")
    with pytest.raises(EditError, match="no field"):
        editing.update_evidence(inspection, item.id, colour="red")
    changes = editing.update_evidence(
        inspection, item.id, source_type="focus_group", date="2016-10-01", title="T"
    )
    assert item.source_type is SourceType.FOCUS_GROUP and item.date == dt.date(2016, 10, 1)
    assert {c.field: c.old for c in changes} == {"source_type": SourceType.OTHER, "date": None, "title": ""}


def test_cite_and_uncite(inspection):
    item = add_item(inspection)
    summary = SummaryItem(text="s")
    editing.insert_record(inspection, inspection.question("investigating-crime").id, "summary", 0, summary)
    cited = editing.cite(inspection, summary.id, item.id)
    assert cited == Change(ChangeKind.SET, summary.id, "evidence_ids", old=[])
    assert editing.cite(inspection, summary.id, item.id) is None
    assert summary.evidence_ids == [item.id]
    assert editing.uncite(inspection, summary.id, item.id).old == [item.id]
    assert editing.uncite(inspection, summary.id, item.id) is None
    other = add_item(inspection)
    editing.cite(inspection, summary.id, other.id)
    editing.cite(inspection, summary.id, item.id, position=0)
    assert summary.evidence_ids == [item.id, other.id]
    with pytest.raises(EditError):
        editing.cite(inspection, summary.id, uuid.uuid4())
    with pytest.raises(EditError, match="cannot cite"):
        editing.cite(inspection, inspection.questions[0].id, item.id)


def test_a_random_sequence_of_edits_reverts_to_the_start_byte_for_byte(inspection):
    """Every operation's changes, reverted latest first, give back the model exactly (what undo relies on)."""
    import random

    from inspector_app.storage.inspection_file import dumps_inspection

    rng = random.Random(7)
    start = dumps_inspection(inspection)
    done: list[list[Change]] = []
    question_ids = [q.question_id for q in inspection.questions]
    for _ in range(400):
        question = inspection.question(rng.choice(question_ids))
        afis = question.areas_for_improvement
        action = rng.randrange(8)
        if action == 0 or not afis:
            done.append(
                [
                    editing.insert_record(
                        inspection,
                        question.id,
                        "areas_for_improvement",
                        rng.randrange(4),
                        AreaForImprovement(text="x"),
                    )
                ]
            )
        elif action == 1:
            done.append(
                [editing.remove_record(inspection, question.id, "areas_for_improvement", rng.choice(afis).id)]
            )
        elif action == 2:
            done.append(
                [
                    editing.move_record(
                        inspection,
                        question.id,
                        "areas_for_improvement",
                        rng.choice(afis).id,
                        rng.randrange(5),
                    )
                ]
            )
        elif action == 3:
            done.append([editing.set_field(inspection, rng.choice(afis).id, "text", str(rng.random()))])
        elif action == 4:
            done.append(
                [
                    editing.add_evidence(
                        inspection, EvidenceItem(question_id=question.question_id), rng.randrange(3)
                    )
                ]
            )
        elif action == 5 and inspection.evidence:
            done.append(editing.delete_evidence(inspection, rng.choice(inspection.evidence).id))
        elif action == 6 and inspection.evidence:
            change = editing.cite(inspection, rng.choice(afis).id, rng.choice(inspection.evidence).id)
            if change is not None:
                done.append([change])
        elif action == 7:
            done.append(
                [
                    editing.set_grade(
                        inspection, question.question_id, rng.choice([None, "good", "inadequate"])
                    )
                ]
            )
    inspection.check_integrity()
    for changes in reversed(done):
        revert_all(inspection, changes)
    assert dumps_inspection(inspection) == start
