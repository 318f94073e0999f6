"""Layout "crime_inspection_2014": the HMIC Crime inspection 2014 force report.

Order (see shared/reference/crime-inspection-2014-hertfordshire.txt): running header and page numbers;
the overall question as the title and "Overall summary"; the judgement grid (one column per question:
question, grade, short summary); contents; Introduction; Methodology; each question on a new page with its
themes, recommendations, summary and grade; the annex "What each judgment means".
"""

from __future__ import annotations

from ...domain.blocks import Paragraph
from ...domain.framework import CoreQuestion
from ...domain.inspection import QuestionAssessment
from .. import styles as S
from ..docx_writer import Para
from .common import (
    Context,
    grade_cell,
    grade_fill,
    notes_of,
    render_blocks,
    render_evidence_annex,
    render_findings,
    render_grade,
    strip_markers,
)

JUDGEMENT_MEANINGS = "What each judgment means"


def steps(ctx: Context) -> int:
    return 3 + len(ctx.framework.questions()) + (len(ctx.framework.questions()) if ctx.evidence_annex else 0)


def render(ctx: Context) -> None:
    w = ctx.writer
    framework, inspection = ctx.framework, ctx.inspection
    w.running_header(ctx.fill(framework.report.running_header or framework.report.title))
    w.page_number_footer()

    first = framework.pillars[0]
    w.paragraph(first.question, S.TITLE)
    w.paragraph(f"{ctx.fill(framework.report.title)} – {inspection.force.name}", S.SUBTITLE)
    for pillar in framework.pillars:
        if pillar.graded:
            render_grade(ctx, inspection.pillar(pillar.id).grade)
    w.heading("Overall summary", 1)
    for pillar in framework.pillars:
        render_blocks(ctx, inspection.pillar(pillar.id).summary)
    ctx.step()

    w.page_break()
    judgement_grid(ctx)
    ctx.step()

    questions = framework.questions()
    entries = [(1, "Introduction"), (1, "Methodology")] + [(1, q.text) for q in questions]
    if framework.standard_texts.judgement_meanings:
        entries.append((1, JUDGEMENT_MEANINGS))
    if ctx.evidence_annex:
        entries.append((1, "Annex: Evidence"))
    w.page_break()
    w.table_of_contents("Contents", entries)
    w.update_fields_on_open()

    w.heading("Introduction", 1, new_page=True)
    render_blocks(ctx, inspection.introduction)
    w.heading("Methodology", 1, new_page=True)
    render_blocks(ctx, inspection.methodology)
    ctx.step()

    for question in questions:
        render_question(ctx, question, inspection.question(question.id))
        ctx.step()

    if framework.standard_texts.judgement_meanings:
        w.heading(JUDGEMENT_MEANINGS, 1, new_page=True)
        render_blocks(ctx, framework.standard_texts.judgement_meanings)
    if ctx.evidence_annex:
        render_evidence_annex(ctx)


def judgement_grid(ctx: Context) -> None:
    """One column per question: the question, its grade (cell shaded in the grade colour), a short summary."""
    framework, inspection = ctx.framework, ctx.inspection
    questions = framework.questions()
    header = [q.text for q in questions]
    grades = []
    summaries = []
    shading: dict[tuple[int, int], str] = {}
    for column, question in enumerate(questions):
        assessment = inspection.question(question.id)
        grades.append(grade_cell(framework, assessment.grade))
        fill = grade_fill(framework, assessment.grade)
        if fill:
            shading[(1, column)] = fill
        summaries.append(_grid_summary(assessment))
    ctx.writer.table([header, grades, summaries], shading=shading)


def _grid_summary(assessment: QuestionAssessment) -> list[Para]:
    notes = notes_of(assessment)
    if assessment.grid_summary:
        return [
            Para(strip_markers(p.text, notes)) for p in assessment.grid_summary if isinstance(p, Paragraph)
        ]
    return [Para(strip_markers(item.text, notes), S.BULLETS[0]) for item in assessment.summary]


def render_question(ctx: Context, question: CoreQuestion, assessment: QuestionAssessment) -> None:
    notes = notes_of(assessment)
    ctx.writer.heading(question.text, 1, new_page=True)
    render_findings(ctx, assessment, notes, level=2)
    render_grade(ctx, assessment.grade)  # the 2014 report closes each question with its grade
    render_blocks(ctx, assessment.notes, notes)
