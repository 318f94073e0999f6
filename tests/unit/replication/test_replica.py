"""The replication engine: an inspection mirrored in a CRDT document and back, concurrent edits merged,
conflicts reported on every replica, and merges that would make an invalid inspection refused."""

from __future__ import annotations

import uuid

import pytest
from pycrdt import Doc, Map, Text
from unit.replication.replication_support import CRIME, PEEL, exchange, first_paragraph, replicas, sample

from inspector_app import bundled
from inspector_app.domain import editing
from inspector_app.domain.blocks import Paragraph
from inspector_app.domain.inspection import EvidenceItem, Inspection
from inspector_app.replication import Conflict, Replica, ReplicationError
from inspector_app.replication.edits import edit_text


def _other_grades(inspection: Inspection, current: str | None) -> list[str]:
    return [grade.id for grade in inspection.framework.scale.grades if grade.id != current]


def _graded_question(inspection: Inspection) -> str:
    return next(q.id for q in inspection.framework.questions() if q.graded)


# -- mirror and back --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", bundled.sample_names())
def test_a_bundled_sample_comes_back_equal(name: str) -> None:
    inspection = sample(name)
    replica = Replica.from_inspection(inspection, 1)
    assert replica.inspection().model_dump() == inspection.model_dump()
    again = Replica.from_state(replica.state(), 2)
    assert again.inspection().model_dump() == inspection.model_dump()


def test_both_samples_are_bundled() -> None:
    assert {CRIME, PEEL} <= set(bundled.sample_names())


def test_replicas_made_apart_from_one_inspection_share_their_first_state() -> None:
    one, two = replicas(2)
    assert one.state() == two.state()
    exchange(one, two)
    assert one.inspection().model_dump() == sample().model_dump()


def test_an_unchanged_inspection_applies_as_nothing() -> None:
    (replica,) = replicas(1)
    before = replica.state()
    replica.apply(replica.inspection())
    assert replica.state() == before


def test_text_positions_count_characters_not_bytes() -> None:
    doc: Doc = Doc()
    text = doc.get("t", type=Text)
    text += "a£b–c😀d"
    edit_text(text, "a£Xb–c😀dé")
    assert str(text) == "a£Xb–c😀dé"
    edit_text(text, "£–😀")
    assert str(text) == "£–😀"


# -- concurrent edits merge ---------------------------------------------------------------------------


def test_two_edits_of_one_paragraph_merge_character_by_character() -> None:
    one, two = replicas(2)
    a, b = one.inspection(), two.inspection()
    _, paragraph = first_paragraph(a)
    original = paragraph.text
    changes = [editing.set_field(a, paragraph.id, "text", "Firstly – " + original)]
    one.apply(a, changes)
    _, same = first_paragraph(b)
    two.apply(b, [editing.set_field(b, same.id, "text", original[:-1] + " (£5m).")])
    exchange(one, two)
    merged = [first_paragraph(replica.inspection())[1].text for replica in (one, two)]
    assert merged[0] == merged[1] == "Firstly – " + original[:-1] + " (£5m)."
    assert one.conflicts() == two.conflicts() == []


def test_concurrent_inserts_into_one_list_are_both_kept() -> None:
    one, two = replicas(2)
    a, b = one.inspection(), two.inspection()
    section, _ = first_paragraph(a)
    first, second = Paragraph(text="From one."), Paragraph(text="From two.")
    one.apply(a, [editing.insert_record(a, section.id, "blocks", 0, first)])
    two.apply(b, [editing.insert_record(b, section.id, "blocks", 0, second)])
    question_id = _graded_question(a)
    items = [EvidenceItem(title="Seen by one", question_id=question_id), EvidenceItem(title="Seen by two")]
    one.apply(a, [editing.add_evidence(a, items[0])])
    two.apply(b, [editing.add_evidence(b, items[1])])
    exchange(one, two)
    for replica in (one, two):
        merged = replica.inspection()
        blocks = editing.find_record(merged, section.id).blocks  # type: ignore[attr-defined]
        assert {blocks[0].id, blocks[1].id} == {first.id, second.id}
        assert {item.id for item in merged.evidence} >= {item.id for item in items}
        assert len(merged.evidence) == len(sample().evidence) + 2
    assert one.inspection().model_dump() == two.inspection().model_dump()


def test_a_record_moved_by_two_replicas_ends_in_one_place() -> None:
    one, two = replicas(2)
    a, b = one.inspection(), two.inspection()
    section, paragraph = first_paragraph(a)
    assert len(section.blocks) > 2
    one.apply(a, [editing.move_record(a, section.id, "blocks", paragraph.id, 1)])
    two.apply(b, [editing.move_record(b, section.id, "blocks", paragraph.id, 2)])
    exchange(one, two)
    merged = one.inspection()
    ids = [block.id for block in editing.find_record(merged, section.id).blocks]  # type: ignore[attr-defined]
    assert ids.count(paragraph.id) == 1
    assert merged.model_dump() == two.inspection().model_dump()


# -- conflicts ----------------------------------------------------------------------------------------


def test_concurrent_grades_end_with_one_value_and_one_conflict_on_both_sides() -> None:
    one, two = replicas(2)
    a, b = one.inspection(), two.inspection()
    question_id = _graded_question(a)
    first, second = _other_grades(a, a.question(question_id).grade)[:2]
    one.apply(a, [editing.set_grade(a, question_id, first)])
    two.apply(b, [editing.set_grade(b, question_id, second)])
    exchange(one, two)
    grades = {replica.inspection().question(question_id).grade for replica in (one, two)}
    assert len(grades) == 1 and grades <= {first, second}
    conflicts = one.conflicts()
    assert conflicts == two.conflicts()
    assert len(conflicts) == 1
    (conflict,) = conflicts
    assert (conflict.record_type, conflict.field) == ("QuestionAssessment", "grade")
    assert conflict.record_id == a.question(question_id).id
    assert conflict.values == ((1, first), (2, second))
    assert conflict.current == grades.pop()

    one.resolve(conflict, first)  # keep mine: an ordinary edit
    exchange(one, two)
    assert one.conflicts() == two.conflicts() == []
    assert {replica.inspection().question(question_id).grade for replica in (one, two)} == {first}


def test_a_change_made_after_seeing_the_other_is_no_conflict() -> None:
    one, two = replicas(2)
    a = one.inspection()
    question_id = _graded_question(a)
    first, second = _other_grades(a, a.question(question_id).grade)[:2]
    one.apply(a, [editing.set_grade(a, question_id, first)])
    exchange(one, two)
    b = two.inspection()
    two.apply(b, [editing.set_grade(b, question_id, second)])
    exchange(one, two)
    assert one.conflicts() == two.conflicts() == []
    assert one.inspection().question(question_id).grade == second


def test_the_same_value_set_by_both_is_no_conflict() -> None:
    one, two = replicas(2)
    a, b = one.inspection(), two.inspection()
    question_id = _graded_question(a)
    grade = _other_grades(a, a.question(question_id).grade)[0]
    one.apply(a, [editing.set_grade(a, question_id, grade)])
    two.apply(b, [editing.set_grade(b, question_id, grade)])
    exchange(one, two)
    assert one.conflicts() == []


def _delete_and_edit() -> tuple[Replica, Replica, Paragraph, str]:
    one, two = replicas(2)
    a, b = one.inspection(), two.inspection()
    section, paragraph = first_paragraph(a)
    one.apply(a, [editing.remove_record(a, section.id, "blocks", paragraph.id)])
    edited = paragraph.text + " Added by two."
    two.apply(b, [editing.set_field(b, paragraph.id, "text", edited)])
    exchange(one, two)
    return one, two, paragraph, edited


def test_an_edit_to_a_record_another_deleted_is_reported() -> None:
    one, two, paragraph, _ = _delete_and_edit()
    conflicts = one.conflicts()
    assert conflicts == two.conflicts()
    assert conflicts == [
        Conflict(paragraph.id, "Paragraph", None, ((1, "deleted"), (2, "edited")), "deleted"),
    ]
    with pytest.raises(editing.EditError):
        editing.find_record(one.inspection(), paragraph.id)


def test_a_deleted_record_is_put_back_with_the_edit() -> None:
    one, two, paragraph, edited = _delete_and_edit()
    (conflict,) = two.conflicts()
    two.resolve(conflict, "kept")
    exchange(one, two)
    assert one.conflicts() == two.conflicts() == []
    for replica in (one, two):
        assert editing.find_record(replica.inspection(), paragraph.id).text == edited  # type: ignore[attr-defined]


def test_a_deletion_is_confirmed() -> None:
    one, two, paragraph, _ = _delete_and_edit()
    (conflict,) = two.conflicts()
    two.resolve(conflict, "deleted")
    exchange(one, two)
    assert one.conflicts() == two.conflicts() == []
    with pytest.raises(editing.EditError):
        editing.find_record(two.inspection(), paragraph.id)
    with pytest.raises(ReplicationError, match="Keep one"):
        two.resolve(conflict, "something else")


def test_an_edit_inside_a_deleted_section_is_reported_and_put_back_with_it() -> None:
    one, two = replicas(2)
    a, b = one.inspection(), two.inspection()
    section, paragraph = first_paragraph(a)
    question = editing.owner_of(a, section.id)
    assert question is not None
    one.apply(a, [editing.remove_record(a, question.id, "sections", section.id)])
    two.apply(b, [editing.set_field(b, paragraph.id, "text", "Rewritten by two.")])
    exchange(one, two)
    (conflict,) = one.conflicts()
    assert (conflict.record_id, conflict.field, conflict.current) == (paragraph.id, None, "deleted")
    one.resolve(conflict, "kept")
    exchange(one, two)
    assert one.conflicts() == two.conflicts() == []
    merged = two.inspection()
    assert editing.find_record(merged, paragraph.id).text == "Rewritten by two."  # type: ignore[attr-defined]
    assert editing.owner_of(merged, section.id) == editing.find_record(merged, question.id)


# -- refused ------------------------------------------------------------------------------------------


def test_a_merge_that_would_be_invalid_is_refused_and_changes_nothing() -> None:
    one, two = replicas(2)
    a, b = one.inspection(), two.inspection()
    questions = [q for q in a.framework.questions() if q.diagnostics]
    first, second = questions[0], next(q for q in questions[1:] if q.id != questions[0].id)
    item = next(e for e in a.evidence if e.question_id == first.id)
    one.apply(a, editing.update_evidence(a, item.id, diagnostic_id=None))
    exchange(one, two)
    a, b = one.inspection(), two.inspection()
    # One moves the item to another question; the other picks a diagnostic of the first question.
    one.apply(a, editing.update_evidence(a, item.id, question_id=second.id, diagnostic_id=None))
    two.apply(b, editing.update_evidence(b, item.id, diagnostic_id=first.diagnostics[0].id))
    before = one.state()
    with pytest.raises(ReplicationError, match="would not be valid"):
        one.merge(two.state())
    assert one.state() == before
    assert one.inspection().evidence_item(item.id).question_id == second.id


def test_an_invalid_merge_is_refused_after_valid_ones_too() -> None:
    """The check after a merge builds again only what changed: a change deep inside is still seen."""
    one, two = replicas(2)
    a = one.inspection()
    question_id = _graded_question(a)
    one.apply(a, [editing.set_grade(a, question_id, _other_grades(a, a.question(question_id).grade)[0])])
    two.merge(one.state())  # a valid merge first: the replica keeps what it validated
    bad = Replica.from_state(one.state(), 3)
    doc: Doc = Doc(client_id=3)
    doc.apply_update(bad.state())
    item_id = str(a.evidence[0].id)
    doc.get("records", type=Map)[item_id]["diagnostic_id"] = '"no-such-diagnostic"'
    before = two.state()
    with pytest.raises(ReplicationError, match="would not be valid"):
        two.merge(doc.get_update())
    assert two.state() == before
    two.merge(one.state())  # and it still merges afterwards


def test_bytes_that_are_not_an_update_are_refused() -> None:
    (replica,) = replicas(1)
    before = replica.state()
    with pytest.raises(ReplicationError, match="cannot be read"):
        replica.merge(b"\x07not an update at all")
    assert replica.state() == before


def test_a_state_of_a_newer_layout_is_refused() -> None:
    doc: Doc = Doc()
    meta = doc.get("meta", type=Map)
    meta["layout"] = 99
    meta["root"] = str(uuid.uuid4())
    with pytest.raises(ReplicationError, match="newer version"):
        Replica.from_state(doc.get_update(), 1)


def test_a_member_client_id_is_checked() -> None:
    with pytest.raises(ReplicationError, match="client id"):
        Replica.from_inspection(sample(), 0)


# -- the two ways of applying agree -------------------------------------------------------------------


def test_applying_change_records_equals_applying_the_whole_inspection() -> None:
    by_changes, whole = replicas(2)
    a, b = by_changes.inspection(), whole.inspection()
    section, paragraph = first_paragraph(a)
    question_id = _graded_question(a)

    def edit(inspection: Inspection) -> list[editing.Change]:
        grade = _other_grades(inspection, inspection.question(question_id).grade)[0]
        return [
            editing.set_field(inspection, paragraph.id, "text", "New words."),
            editing.set_grade(inspection, question_id, grade),
            editing.insert_record(
                inspection, section.id, "blocks", 1, Paragraph(id=uuid.UUID(int=7), text="Inserted.")
            ),
            *editing.delete_evidence(inspection, inspection.evidence[0].id),
        ]

    by_changes.apply(a, edit(a))
    edit(b)
    whole.apply(b)
    assert by_changes.inspection().model_dump() == whole.inspection().model_dump() == a.model_dump()


def test_another_inspection_is_not_applied() -> None:
    (replica,) = replicas(1)
    with pytest.raises(ReplicationError, match="not the one"):
        replica.apply(sample(CRIME))


def test_citations_added_concurrently_are_all_kept_once() -> None:
    one, two = replicas(2)
    a, b = one.inspection(), two.inspection()
    _, paragraph = first_paragraph(a)
    fresh = [e.id for e in a.evidence if e.id not in paragraph.evidence_ids][:3]
    before = len(paragraph.evidence_ids)
    one.apply(
        a,
        [c for c in (editing.cite(a, paragraph.id, fresh[0]), editing.cite(a, paragraph.id, fresh[2])) if c],
    )
    two.apply(
        b,
        [c for c in (editing.cite(b, paragraph.id, fresh[1]), editing.cite(b, paragraph.id, fresh[2])) if c],
    )
    exchange(one, two)
    cited = editing.find_record(one.inspection(), paragraph.id).evidence_ids  # type: ignore[attr-defined]
    assert set(fresh) <= set(cited)
    assert len(cited) == len(set(cited)) == before + 3  # fresh[2], cited by both, once
    assert one.conflicts() == []


def test_only_what_the_other_has_not_seen_is_sent() -> None:
    one, two = replicas(2)
    a = one.inspection()
    _, paragraph = first_paragraph(a)
    one.apply(a, [editing.set_field(a, paragraph.id, "text", "Short now.")])
    update = one.update_since(two.state_vector())
    assert len(update) < len(one.state()) / 10
    two.merge(update)
    assert two.inspection().model_dump() == one.inspection().model_dump()
    two.merge(update)  # merging twice changes nothing
    assert two.inspection().model_dump() == one.inspection().model_dump()
