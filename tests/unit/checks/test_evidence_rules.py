"""Triangulation, coverage and citation rules, and the coverage matrix."""

from __future__ import annotations

import uuid

from unit.checks.checks_support import clean_peel, evidence, found, messages

from inspector_app.domain.blocks import Paragraph
from inspector_app.domain.checks import Severity, coverage_matrix, render_matrix
from inspector_app.domain.framework import UNGRADED
from inspector_app.domain.inspection import SourceType, Status


def _only_evidence(inspection, question_id, *sources):
    inspection.evidence = [item for item in inspection.evidence if item.question_id != question_id]
    for source in sources:
        evidence(inspection, question_id, source)


# -- evidence.triangulation ---------------------------------------------------------------------------


def test_a_graded_question_without_evidence_is_flagged():
    inspection = clean_peel()
    _only_evidence(inspection, "preventing-crime")
    [finding] = found(inspection, "evidence.triangulation")
    assert finding.message == "No evidence is recorded for this graded question."
    assert finding.place.question_id == "preventing-crime" and finding.place.field == "evidence"


def test_one_kind_of_source_is_not_triangulated():
    inspection = clean_peel()
    _only_evidence(
        inspection, "investigating-crime", SourceType.INTERVIEW, SourceType.INTERVIEW, SourceType.INTERVIEW
    )
    assert messages(inspection, "evidence.triangulation") == [
        "All 3 evidence items come from one kind of source (Interview); corroborate with at least one other kind."
    ]
    evidence(inspection, "investigating-crime", SourceType.DATA)
    assert found(inspection, "evidence.triangulation") == []


def test_ungraded_questions_need_no_triangulation():
    inspection = clean_peel()
    _only_evidence(inspection, "specialist-capabilities", SourceType.DOCUMENT_REVIEW)
    inspection.question("preventing-crime").grade = UNGRADED  # marked ungraded: grade.missing's business
    _only_evidence(inspection, "preventing-crime")
    assert found(inspection, "evidence.triangulation") == []


# -- evidence.diagnostic-uncovered --------------------------------------------------------------------


def test_a_diagnostic_without_evidence_is_a_warning_once_in_review():
    inspection = clean_peel(Status.IN_REVIEW)
    inspection.evidence = [item for item in inspection.evidence if item.diagnostic_id != "2.3"]
    [finding] = found(inspection, "evidence.diagnostic-uncovered")
    assert finding.severity is Severity.WARNING
    assert finding.place.label == "Question 2 › Diagnostic 2.3"
    assert (
        finding.message
        == "No evidence is recorded against “How effectively does the force reduce re-offending?”"
    )
    inspection.status = Status.DRAFT
    [finding] = found(inspection, "evidence.diagnostic-uncovered")
    assert finding.severity is Severity.ADVICE


def test_evidence_for_the_question_alone_does_not_cover_a_diagnostic():
    inspection = clean_peel()
    for item in inspection.evidence:
        if item.diagnostic_id == "4.1":
            item.diagnostic_id = None
    assert [f.place.label for f in found(inspection, "evidence.diagnostic-uncovered")] == [
        "Question 4 › Diagnostic 4.1"
    ]
    evidence(inspection, "serious-organised-crime", SourceType.DATA, "4.1")
    assert found(inspection, "evidence.diagnostic-uncovered") == []


# -- evidence.finding-uncited -------------------------------------------------------------------------


def test_findings_that_cite_nothing_are_advised_but_summary_points_need_not_cite():
    inspection = clean_peel()
    question = inspection.question("serious-organised-crime")
    question.summary[0].evidence_ids.clear()  # published summaries never cite
    question.areas_for_improvement[0].evidence_ids.clear()
    question.sections[0].blocks[0].evidence_ids.clear()  # narrative need not cite
    result = found(inspection, "evidence.finding-uncited")
    assert [(f.place.label, f.message, f.severity) for f in result] == [
        (
            "Question 4 › Area for improvement 1",
            "This area for improvement cites no evidence.",
            Severity.ADVICE,
        ),
    ]


# -- evidence.citation-missing ------------------------------------------------------------------------


def test_citations_of_evidence_that_no_longer_exists():
    inspection = clean_peel()
    gone = uuid.uuid4()
    question = inspection.question("preventing-crime")
    question.sections[0].blocks[0].evidence_ids.append(gone)
    question.areas_for_improvement[0].evidence_ids = [gone, uuid.uuid4()]
    inspection.pillars[0].summary.append(Paragraph(text="The force is good.", evidence_ids=[gone]))
    result = found(inspection, "evidence.citation-missing")
    assert [(f.place.label, f.message) for f in result] == [
        ("Effectiveness summary › Paragraph 2", "It cites 1 evidence item that no longer exists."),
        (
            "Question 1 › Working with partners › Paragraph 1",
            "It cites 1 evidence item that no longer exists.",
        ),
        ("Question 1 › Area for improvement 1", "It cites 2 evidence items that no longer exist."),
    ]
    assert result[1].place.record_id == question.sections[0].blocks[0].id


def test_citations_of_existing_evidence_pass():
    inspection = clean_peel()
    inspection.question("preventing-crime").summary[0].evidence_ids = [
        item.id for item in inspection.evidence[:3]
    ]
    assert found(inspection, "evidence.citation-missing") == []


# -- the coverage matrix ------------------------------------------------------------------------------


def test_the_coverage_matrix_counts_evidence_by_question_and_source_type():
    inspection = clean_peel()
    evidence(inspection, "preventing-crime", SourceType.SURVEY)
    evidence(inspection, None, SourceType.DATA)
    matrix = coverage_matrix(inspection)
    assert matrix.columns == tuple(SourceType)
    assert [row.number for row in matrix.rows] == ["1", "2", "3", "4", "5", "-"]
    assert matrix.count("preventing-crime", SourceType.INTERVIEW) == 2  # one per diagnostic
    assert matrix.count("preventing-crime", SourceType.SURVEY) == 1
    assert matrix.count("preventing-crime", SourceType.DATA) == 0
    assert matrix.count(None, SourceType.DATA) == 1
    first = matrix.rows[0]
    assert first.total == 5 and first.source_types == 3 and first.graded
    assert matrix.rows[4].graded is False
    assert matrix.total == len(inspection.evidence) == sum(matrix.column_totals)


def test_the_matrix_renders_as_plain_text():
    inspection = clean_peel()
    evidence(inspection, None, SourceType.DATA)
    text = render_matrix(coverage_matrix(inspection))
    lines = text.splitlines()
    assert lines[0].split()[:3] == ["Question", "Interview", "Focus"]
    assert lines[1].startswith("1   Preventing crime, tackling anti...")
    assert lines[1].split()[-2:] == ["4", "2"]  # total, kinds
    assert "(ungraded)" in lines[5]
    assert lines[6].startswith("-   Not linked to a question")
    assert lines[7].startswith("All questions") and lines[7].split()[-1] == str(len(inspection.evidence))
    assert text.isascii()  # a Windows console prints it whatever its code page
    widths = {len(line) for line in lines[:7] if "(ungraded)" not in line}
    assert len(widths) == 1  # columns line up


def test_an_empty_inspection_has_a_matrix_of_zeros():
    inspection = clean_peel()
    inspection.evidence = []
    matrix = coverage_matrix(inspection)
    assert matrix.total == 0 and len(matrix.rows) == 5
    assert "-" in render_matrix(matrix).splitlines()[1]
