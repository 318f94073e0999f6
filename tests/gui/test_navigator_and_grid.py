"""The navigator tree and the judgement grid: valid Qt models that follow the document."""

import pytest
from PySide6.QtCore import Qt
from support.documents import CRIME_SAMPLE, PEEL_SAMPLE, new_document, sample_document

from inspector_app.domain.inspection import EvidenceItem, SourceType, SummaryItem
from inspector_app.gui import commands
from inspector_app.gui.navigator import COLUMN_EVIDENCE, COLUMN_SUMMARY, NODE_ROLE, NavigatorModel, NodeKind
from inspector_app.gui.overview_page import JudgementGridModel


@pytest.mark.parametrize(
    "make", [lambda: sample_document(PEEL_SAMPLE), lambda: sample_document(CRIME_SAMPLE), new_document]
)
def test_models_pass_the_qt_model_tester(qtmodeltester, make):
    document = make()
    qtmodeltester.check(NavigatorModel(document))
    qtmodeltester.check(JudgementGridModel(document))


def test_navigator_structure_follows_the_framework(qapp):
    model = NavigatorModel(sample_document(PEEL_SAMPLE))
    top = [model.index(row, 0).data(NODE_ROLE).kind for row in range(model.rowCount())]
    assert top == [NodeKind.OVERVIEW, NodeKind.EVIDENCE, NodeKind.PILLAR]
    pillar = model.index(2, 0)
    assert pillar.data() == "Effectiveness"
    assert model.rowCount(pillar) == 5
    question = model.index(2, 0, pillar)
    assert question.data() == "3. Protecting those who are vulnerable from harm, and supporting victims"
    assert model.index(4, 0, pillar).data() == "5. Specialist capabilities"
    assert "Inadequate" in question.data(Qt.ItemDataRole.ToolTipRole)
    assert question.data(Qt.ItemDataRole.DecorationRole) is not None
    assert [model.index(r, 0, question).data()[:3] for r in range(model.rowCount(question))] == [
        "3.1",
        "3.2",
        "3.3",
    ]
    assert model.parent(model.index(0, 0, question)) == question


def test_navigator_counts_and_summary_follow_edits(qtbot, qtmodeltester):
    document = new_document()
    model = NavigatorModel(document)
    question = model.find(NodeKind.QUESTION, "preventing-crime")
    evidence = question.siblingAtColumn(COLUMN_EVIDENCE)
    summary = question.siblingAtColumn(COLUMN_SUMMARY)
    assert (evidence.data(), summary.data()) == ("0", "")
    with qtbot.waitSignal(model.dataChanged):
        document.push(
            commands.AddEvidence(document, EvidenceItem(question_id="preventing-crime", diagnostic_id="1.2"))
        )
    assert evidence.data() == "1"
    assert model.index(1, COLUMN_EVIDENCE, question).data() == "1"  # diagnostic 1.2
    item = SummaryItem(text="Good at prevention")
    document.push(commands.InsertRecord(document, document.inspection.questions[0].id, "summary", 0, item))
    assert summary.data() == "✓"
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert (evidence.data(), summary.data()) == ("0", "")


def test_grid_shows_grades_counts_and_findings(qapp):
    document = sample_document(PEEL_SAMPLE)
    model = JudgementGridModel(document)
    assert model.rowCount() == 5
    grades = [model.index(r, 2).data() for r in range(5)]
    assert grades == ["Good", "Requires improvement", "Inadequate", "Good", "Ungraded"]
    assert model.index(1, 3).data() == "Good" and model.index(1, 4).data() == "▼"
    assert model.index(2, 2).data(Qt.ItemDataRole.BackgroundRole).color().name().upper() == "#C8102E"
    afi_column = len(model.FIXED) + len(model.sources)
    assert [model.index(r, afi_column).data() for r in range(5)] == ["2", "5", "3", "4", "1"]
    assert model.index(2, afi_column + 1).data() == "1"  # the cause of concern
    assert model.index(2, afi_column + 2).data() == "3"  # its recommendations
    interview = len(model.FIXED) + model.sources.index(SourceType.INTERVIEW)
    total_interviews = sum(int(model.index(r, interview).data() or 0) for r in range(5))
    assert total_interviews == sum(
        1 for e in document.inspection.evidence if e.source_type is SourceType.INTERVIEW
    )
