"""Layout "peel_pillar": a PEEL 2016 pillar report (e.g. Effectiveness), as an outline.

Order (see shared/reference/peel-2016-effectiveness-hertfordshire.txt): "<Force> PEEL 2016"; per pillar
its title, headline question, "Last updated", grade and summary (the first paragraph states the direction
of travel: the inspectors' text, printed as written); "Questions for <pillar>" numbered 1…n, each with its
grade or "Ungraded", narrative, cause of concern and recommendations, areas for improvement and notes.
"""

from __future__ import annotations

from ...domain.blocks import Block
from ...domain.framework import CoreQuestion
from ...domain.inspection import Inspection, QuestionAssessment
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


def standard_sections(inspection: Inspection) -> list[tuple[str, list[Block]]]:
    """The report-wide sections a PEEL report prints before its pillars, in order."""
    return [("Introduction", inspection.introduction), ("Methodology", inspection.methodology)]


def render(ctx: Context) -> None:
    framework, inspection = ctx.framework, ctx.inspection
    title = ctx.fill(framework.report.title)
    ctx.running_header = O.RunningHeader(ctx.fill(framework.report.running_header or framework.report.title))
    ctx.page_numbers = True
    ctx.paragraph(title, S.TITLE)
    # The introduction and methodology, when the inspection has them (a PEEL framework with standard texts):
    # the window offers their editors, so the report prints what was written there.
    standard = [(name, blocks) for name, blocks in standard_sections(inspection) if blocks]
    entries: list[tuple[int, str]] = [(1, name) for name, _ in standard]
    for pillar in framework.pillars:
        entries += [(1, pillar.title), (1, f"Questions for {pillar.title}")]
        entries += [(2, f"{question.number}. {question.text}") for question in pillar.questions]
    if ctx.evidence_annex:
        entries.append((1, "Annex: Evidence"))
    ctx.add(O.Contents("Contents", tuple(entries), levels=2))
    for name, blocks in standard:
        ctx.heading(name, 1, new_page=True)
        render_blocks(ctx, blocks)
    for pillar in framework.pillars:
        assessment = inspection.pillar(pillar.id)
        ctx.heading(pillar.title, 1, new_page=True)
        ctx.paragraph(pillar.question, S.SUBTITLE)
        published = assessment.published or inspection.published  # a pillar published apart has its own
        if published is not None:
            ctx.paragraph(f"Last updated {published.strftime('%d/%m/%Y')}")
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
    # PEEL: the grade first
    render_grade(
        ctx,
        assessment.grade,
        source(assessment.id, "grade", question.id),
        carried_over=assessment.carried_over,
    )
    render_findings(ctx, assessment, notes, level=3)
    render_blocks(ctx, assessment.notes, notes, question.id)
