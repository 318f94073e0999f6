"""Undo commands: redo/undo restore the model exactly, announce the change, and typing merges."""

import uuid

from support.documents import new_document, sample_document

from inspector_app.domain.inspection import AreaForImprovement, EvidenceItem, SummaryItem
from inspector_app.gui import commands


def snapshot(document):
    return document.inspection.model_dump(mode="json")


def test_typing_in_one_field_is_one_undo_step(qtbot):
    document = new_document()
    question = document.inspection.questions[0]
    item = SummaryItem()
    document.push(commands.InsertRecord(document, question.id, "summary", 0, item))
    before = snapshot(document)
    with qtbot.waitSignals([document.recordChanged] * 3):
        for text in ("T", "Th", "The"):
            document.push(commands.SetField(document, item.id, "text", text))
    assert question.summary[0].text == "The"
    assert document.undo_stack.count() == 2  # the insert, then one merged edit
    document.undo_stack.undo()
    assert snapshot(document) == before
    document.undo_stack.redo()
    assert question.summary[0].text == "The"


def test_edits_of_different_fields_do_not_merge():
    document = new_document()
    question = document.inspection.questions[0]
    first, second = SummaryItem(), SummaryItem()
    for index, item in enumerate((first, second)):
        document.push(commands.InsertRecord(document, question.id, "summary", index, item))
    document.push(commands.SetField(document, first.id, "text", "a"))
    document.push(commands.SetField(document, second.id, "text", "b"))
    document.push(commands.SetField(document, first.id, "text", "ab"))
    assert document.undo_stack.count() == 5


def test_grade_commands_announce_and_undo(qtbot):
    document = new_document()
    with qtbot.waitSignal(document.gradeChanged, check_params_cb=lambda qid: qid == "preventing-crime"):
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
    with qtbot.waitSignal(document.listChanged):
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
    with qtbot.waitSignal(document.evidenceRemoved, check_params_cb=lambda r: r == row):
        document.push(commands.DeleteEvidence(document, cited.id))
    assert all(cited.id not in r.evidence_ids for r in document.inspection.citing_records())
    document.undo_stack.undo()
    assert snapshot(document) == before

    item = EvidenceItem(title="New", question_id="preventing-crime")
    with qtbot.waitSignal(document.evidenceInserted):
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
    for _ in range(3):
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
