"""Layout "peel_pillar": a PEEL 2016 pillar report (e.g. Effectiveness), as an outline.

Order (see shared/reference/peel-2016-effectiveness-hertfordshire.txt): "<Force> PEEL 2016"; per pillar
its title, headline question, "Last updated", grade and summary (the first paragraph states the direction
of travel: the inspectors' text, printed as written); "Questions for <pillar>" numbered 1…n, each with its
grade or "Ungraded", narrative, cause of concern and recommendations, areas for improvement and notes.
"""

from __future__ import annotations

from ...domain.framework import CoreQuestion
from ...domain.inspection import QuestionAssessment
from .. import outline as O
from .. import styles as S
from .common import (
    Context,
    fixed,
    notes_of,
    render_blocks,
    render_evidence_annex,
    render_findings,
    render_grade,
    source,
)


def render(ctx: Context) -> None:
    framework, inspection = ctx.framework, ctx.inspection
    title = ctx.fill(framework.report.title)
    ctx.running_header = O.RunningHeader(ctx.fill(framework.report.running_header or framework.report.title))
    ctx.page_numbers = True
    ctx.paragraph(title, S.TITLE)
    entries: list[tuple[int, str]] = []
    for pillar in framework.pillars:
        entries += [(1, pillar.title), (1, f"Questions for {pillar.title}")]
        entries += [(2, f"{question.number}. {question.text}") for question in pillar.questions]
    if ctx.evidence_annex:
        entries.append((1, "Annex: Evidence"))
    ctx.add(O.Contents("Contents", tuple(entries), levels=2))
    for pillar in framework.pillars:
        assessment = inspection.pillar(pillar.id)
        ctx.heading(pillar.title, 1, new_page=True)
        ctx.paragraph(pillar.question, S.SUBTITLE)
        if inspection.published is not None:
            ctx.paragraph(f"Last updated {inspection.published.strftime('%d/%m/%Y')}")
        if pillar.graded:
            render_grade(ctx, assessment.grade, source(assessment.id, "grade", None))
        render_blocks(ctx, assessment.summary)
        ctx.heading(f"Questions for {pillar.title}", 1, new_page=True)
        for question in pillar.questions:
            render_question(ctx, question, inspection.question(question.id))
    if ctx.evidence_annex:
        render_evidence_annex(ctx)


def render_question(ctx: Context, question: CoreQuestion, assessment: QuestionAssessment) -> None:
    notes = notes_of(assessment)
    ctx.heading(question.text, 2, fixed(question.id), number=question.number)
    render_grade(ctx, assessment.grade, source(assessment.id, "grade", question.id))  # PEEL: grade first
    render_findings(ctx, assessment, notes, level=3)
    render_blocks(ctx, assessment.notes, notes, question.id)
