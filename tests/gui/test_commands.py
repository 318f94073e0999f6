"""Undo commands: redo/undo restore the model exactly, announce the changes, and a typing burst merges."""

import uuid

from support.documents import new_document, sample_document

from inspector_app.domain import editing
from inspector_app.domain.changes import ChangeKind
from inspector_app.domain.inspection import AreaForImprovement, EvidenceItem, SummaryItem
from inspector_app.gui import commands


def snapshot(document):
    return document.inspection.model_dump(mode="json")


def type_into(document, item, text, burst):
    """What a bound editor pushes for one keystroke that leaves the field holding ``text``."""
    commands.push_typing(
        document,
        "Typing in Summary point 1",
        lambda inspection: editing.set_field(inspection, item.id, "text", text),
        record_id=item.id,
        field="text",
        burst=burst,
        cursor_before=len(text) - 1,
        cursor_after=len(text),
    )


def test_keystrokes_of_one_burst_are_one_undo_step_and_undo_restores_the_cursor(qtbot):
    document = new_document()
    question = document.inspection.questions[0]
    item = SummaryItem()
    document.push(commands.InsertRecord(document, question.id, "summary", 0, item))
    before = snapshot(document)
    with qtbot.waitSignals([document.changed] * 3):
        for text in ("T", "Th", "The"):
            type_into(document, item, text, burst=1)
    assert question.summary[0].text == "The"
    assert document.undo_stack.count() == 2  # the insert, then one merged edit
    assert document.undo_stack.undoText() == "Typing in Summary point 1"
    with qtbot.waitSignal(document.revealRequested) as revealed:
        document.undo_stack.undo()
    assert revealed.args == [item.id, "text", 0]  # the cursor where the burst began
    assert snapshot(document) == before
    with qtbot.waitSignal(document.revealRequested) as revealed:
        document.undo_stack.redo()
    assert revealed.args == [item.id, "text", 3]
    assert question.summary[0].text == "The"


def test_a_new_burst_is_a_new_undo_step():
    document = new_document()
    question = document.inspection.questions[0]
    item = SummaryItem()
    document.push(commands.InsertRecord(document, question.id, "summary", 0, item))
    type_into(document, item, "The", burst=1)
    type_into(document, item, "The force", burst=2)
    assert document.undo_stack.count() == 3
    document.undo_stack.undo()
    assert item.text == "The"


def test_typing_back_to_where_the_burst_began_leaves_no_step():
    document = new_document()
    question = document.inspection.questions[0]
    item = SummaryItem(text="ab")
    document.push(commands.InsertRecord(document, question.id, "summary", 0, item))
    type_into(document, item, "abc", burst=1)
    type_into(document, item, "ab", burst=1)
    assert document.undo_stack.count() == 1


def test_edits_of_different_fields_do_not_merge():
    document = new_document()
    question = document.inspection.questions[0]
    first, second = SummaryItem(), SummaryItem()
    for index, item in enumerate((first, second)):
        document.push(commands.InsertRecord(document, question.id, "summary", index, item))
    type_into(document, first, "a", burst=1)
    type_into(document, second, "b", burst=1)
    type_into(document, first, "ab", burst=1)
    assert document.undo_stack.count() == 5


def test_a_command_that_changes_nothing_leaves_no_step():
    document = sample_document()
    record = document.inspection.question("preventing-crime").areas_for_improvement[0]
    cited = record.evidence_ids[0]
    count = document.undo_stack.count()
    document.push(commands.Cite(document, record.id, cited))  # already cited
    assert document.undo_stack.count() == count


def test_grade_commands_announce_and_undo(qtbot):
    document = new_document()
    assessment = document.inspection.question("preventing-crime")
    with qtbot.waitSignal(document.changed, check_params_cb=lambda c: c.record_id == assessment.id):
        document.push(commands.SetGrade(document, "preventing-crime", "good"))
    document.push(commands.SetPillarGrade(document, "effectiveness", "requires_improvement"))
    document.push(commands.SetGrade(document, "preventing-crime", "good", last_year=True))
    inspection = document.inspection
    assert (
        inspection.question("preventing-crime").grade,
        inspection.question("preventing-crime").last_year_grade,
    ) == ("good", "good")
    for _ in range(3):
        document.undo_stack.undo()
    assert inspection.question("preventing-crime").grade is None
    assert inspection.pillar("effectiveness").grade is None


def test_list_commands_round_trip(qtbot):
    document = new_document()
    question = document.inspection.question("investigating-crime")
    afis = [AreaForImprovement(text=str(n)) for n in range(3)]
    for n, afi in enumerate(afis):
        document.push(commands.InsertRecord(document, question.id, "areas_for_improvement", n, afi))
    before = snapshot(document)
    with qtbot.waitSignal(document.changed, check_params_cb=lambda c: c.kind is ChangeKind.MOVE):
        document.push(commands.MoveRecord(document, question.id, "areas_for_improvement", afis[0].id, 2))
    document.push(commands.RemoveRecord(document, question.id, "areas_for_improvement", afis[1].id))
    assert [a.text for a in question.areas_for_improvement] == ["2", "0"]
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert snapshot(document) == before


def test_evidence_commands_round_trip_with_citations(qtbot):
    document = sample_document()
    before = snapshot(document)
    cited = next(
        item
        for item in document.inspection.evidence
        if any(item.id in r.evidence_ids for r in document.inspection.citing_records())
    )
    row = document.inspection.evidence.index(cited)
    with qtbot.waitSignal(
        document.changed, check_params_cb=lambda c: c.kind is ChangeKind.REMOVE and c.index == row
    ):
        document.push(commands.DeleteEvidence(document, cited.id))
    assert all(cited.id not in r.evidence_ids for r in document.inspection.citing_records())
    document.undo_stack.undo()
    assert snapshot(document) == before

    item = EvidenceItem(title="New", question_id="preventing-crime")
    with qtbot.waitSignal(document.changed, check_params_cb=lambda c: c.kind is ChangeKind.INSERT):
        document.push(commands.AddEvidence(document, item))
    document.push(commands.UpdateEvidence(document, item.id, title="Ne"))
    document.push(commands.UpdateEvidence(document, item.id, title="New title"))
    document.push(commands.UpdateEvidence(document, item.id, question_id="investigating-crime"))
    document.push(commands.UpdateEvidence(document, item.id, text="Officers said so."))
    assert (item.title, item.question_id, item.text) == (
        "New title",
        "investigating-crime",
        "Officers said so.",
    )
    for _ in range(4):
        document.undo_stack.undo()
    assert item.title == "New" and item.question_id == "preventing-crime" and item.text == ""


def test_cite_and_uncite_commands():
    document = sample_document()
    record = document.inspection.question("preventing-crime").areas_for_improvement[0]
    evidence = document.inspection.evidence_for("preventing-crime")[-1]
    before = list(record.evidence_ids)
    document.push(commands.Cite(document, record.id, evidence.id))
    document.push(commands.Uncite(document, record.id, evidence.id))
    assert record.evidence_ids == before
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert record.evidence_ids == before


def test_clean_state_follows_save(tmp_path):
    document = new_document()
    assert not document.is_modified()
    document.push(commands.SetGrade(document, "preventing-crime", "good"))
    assert document.is_modified()
    document.save(tmp_path / "k.inspection")
    assert not document.is_modified() and document.display_name == "k.inspection"
    document.undo_stack.undo()
    assert document.is_modified()
    assert uuid.UUID(str(document.inspection.id))
