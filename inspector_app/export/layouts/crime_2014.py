"""Layout "crime_inspection_2014": the HMIC Crime inspection 2014 force report, as an outline.

Order (see shared/reference/crime-inspection-2014-hertfordshire.txt): running header and page numbers;
the overall question as the title and "Overall summary"; the judgement grid (one column per question:
question, grade, short summary); contents; Introduction; Methodology; each question on a new page with its
themes, recommendations, summary and grade; the annex "What each judgment means".
"""

from __future__ import annotations

from ...domain.blocks import Paragraph
from ...domain.framework import CoreQuestion
from ...domain.inspection import QuestionAssessment
from .. import outline as O
from .. import styles as S
from .common import (
    Context,
    fixed,
    grade_box,
    notes_of,
    paragraphs,
    render_blocks,
    render_evidence_annex,
    render_findings,
    render_grade,
    source,
    strip_markers,
    text_cell,
)

JUDGEMENT_MEANINGS = "What each judgment means"
#: The heading over the judgement grid (the published report's grid has none; a contents entry needs one).
JUDGEMENT_GRID = "Summary of judgments"
#: Under a grade in the grid when the judgement is carried over from last year.
CARRIED_OVER_CELL = "Carried over from last year"


def render(ctx: Context) -> None:
    framework, inspection = ctx.framework, ctx.inspection
    ctx.running_header = O.RunningHeader(ctx.fill(framework.report.running_header or framework.report.title))
    ctx.page_numbers = True

    first = framework.pillars[0]
    ctx.paragraph(first.question, S.TITLE)
    ctx.paragraph(f"{ctx.fill(framework.report.title)} – {inspection.force.name}", S.SUBTITLE)
    for pillar in framework.pillars:
        if pillar.graded:
            assessment = inspection.pillar(pillar.id)
            render_grade(ctx, assessment.grade, source(assessment.id, "grade", None))
    ctx.heading("Overall summary", 1)
    for pillar in framework.pillars:
        render_blocks(ctx, inspection.pillar(pillar.id).summary)

    questions = framework.questions()
    entries = [(1, JUDGEMENT_GRID), (1, "Introduction"), (1, "Methodology")] + [
        (1, q.text) for q in questions
    ]
    if framework.standard_texts.judgement_meanings:
        entries.append((1, JUDGEMENT_MEANINGS))
    if ctx.evidence_annex:
        entries.append((1, "Annex: Evidence"))
    ctx.add(O.PageBreak(), O.Contents("Contents", tuple(entries)))

    ctx.heading(JUDGEMENT_GRID, 1, new_page=True)
    judgement_grid(ctx)

    ctx.heading("Introduction", 1, new_page=True)
    render_blocks(ctx, inspection.introduction)
    ctx.heading("Methodology", 1, new_page=True)
    render_blocks(ctx, inspection.methodology)

    for question in questions:
        render_question(ctx, question, inspection.question(question.id))

    if framework.standard_texts.judgement_meanings:
        ctx.heading(JUDGEMENT_MEANINGS, 1, new_page=True)
        render_blocks(ctx, framework.standard_texts.judgement_meanings, editable=False)
    if ctx.evidence_annex:
        render_evidence_annex(ctx)


def judgement_grid(ctx: Context) -> None:
    """One column per question: the question, its grade (cell shaded in the grade colour), a short summary."""
    framework, inspection = ctx.framework, ctx.inspection
    questions = framework.questions()
    header = []
    grades = []
    summaries = []
    for question in questions:
        assessment = inspection.question(question.id)
        header.append(text_cell(question.text, fixed(question.id)))
        where = source(assessment.id, "grade", question.id)
        grade: tuple[O.CellContent, ...] = (grade_box(framework, assessment.grade, where),)
        if assessment.carried_over:
            grade += (O.Paragraph((CARRIED_OVER_CELL,), S.TABLE_TEXT, fixed(question.id)),)
        grades.append(O.TableCell(grade))  # its colours come from the style "Grade … Cell"
        summaries.append(O.TableCell(_grid_summary(assessment)))
    ctx.add(O.Table((tuple(header), tuple(grades), tuple(summaries))))


def _grid_summary(assessment: QuestionAssessment) -> tuple[O.CellContent, ...]:
    notes = notes_of(assessment)
    qid = assessment.question_id
    content: list[O.CellContent] = []
    if assessment.grid_summary:
        for p in assessment.grid_summary:
            if isinstance(p, Paragraph):
                content += paragraphs(strip_markers(p.text, notes), S.TABLE_TEXT, source(p.id, "text", qid))
        return tuple(content)
    for item in assessment.summary:
        content += (
            O.Bullet(para.runs, 0, para.source)
            for para in paragraphs(
                strip_markers(item.text, notes), S.TABLE_TEXT, source(item.id, "text", qid)
            )
        )
    return tuple(content)


def render_question(ctx: Context, question: CoreQuestion, assessment: QuestionAssessment) -> None:
    notes = notes_of(assessment)
    ctx.heading(question.text, 1, fixed(question.id), new_page=True)
    render_findings(ctx, assessment, notes, level=2)
    # the 2014 report closes each question with its grade
    render_grade(
        ctx,
        assessment.grade,
        source(assessment.id, "grade", question.id),
        carried_over=assessment.carried_over,
    )
    render_blocks(ctx, assessment.notes, notes, question.id)
