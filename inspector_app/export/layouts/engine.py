"""One engine for every report layout: the framework's :class:`~...domain.report_layout.LayoutSpec` read
section by section into outline nodes.

What is data (the sections and their order, headings, page breaks, the question's heading level, number,
grade position and findings order) comes from the spec; what is here is only how each kind of section is
drawn. The contents list every heading down to the contents' level, as Word's own table of contents
does once it is updated.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...domain.blocks import Paragraph
from ...domain.framework import CoreQuestion, Pillar
from ...domain.inspection import QuestionAssessment
from ...domain.report_layout import (
    Contents,
    ForcePage,
    JudgementGrid,
    JudgementMeanings,
    JudgementsTable,
    OverallSummary,
    Pillars,
    QuestionLayout,
    Questions,
    StandardText,
    TitlePage,
)
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
    text_cell,
)
from .judgements import judgement_grid, judgements_table

#: The force page's table of pillars: the pillar, its grade, the first paragraph of its summary, and the
#: columns' widths (twentieths of a point; the table fills the text width).
FORCE_PAGE_COLUMNS = ("Pillar", "Grade", "Summary")
FORCE_PAGE_WIDTHS = (1900, 2300, 4826)


def render(ctx: Context) -> None:
    """The report of ``ctx.inspection`` as its framework's layout says, then the evidence annex if asked."""
    framework = ctx.framework
    ctx.running_header = O.RunningHeader(ctx.fill(framework.report.running_header or framework.report.title))
    ctx.page_numbers = True
    contents: list[tuple[int, Contents]] = []
    for section in framework.report.spec.sections:
        if isinstance(section, Contents):
            if section.new_page:
                ctx.add(O.PageBreak())
            contents.append((len(ctx.body), section))
        else:
            _RENDERERS[type(section)](ctx, section)
    if ctx.evidence_annex:
        render_evidence_annex(ctx)
    for at, section in reversed(contents):  # the contents list what the whole report heads
        ctx.body.insert(
            at, O.Contents(ctx.fill(section.heading), _entries(ctx.body, section.levels), section.levels)
        )


def _entries(body: list[O.Node], levels: int) -> tuple[tuple[int, str], ...]:
    return tuple((n.level, n.printed) for n in body if isinstance(n, O.Heading) and n.level <= levels)


def _title_page(ctx: Context, section: TitlePage) -> None:
    framework, inspection = ctx.framework, ctx.inspection
    title = ctx.fill(framework.report.title)
    ctx.paragraph(framework.pillars[0].question if section.title == "headline_question" else title, S.TITLE)
    if section.subtitle:
        ctx.paragraph(f"{title} – {inspection.force.name}", S.SUBTITLE)
    if section.pillar_grades:
        for pillar in framework.pillars:
            if pillar.graded:
                assessment = inspection.pillar(pillar.id)
                render_grade(ctx, assessment.grade, source(assessment.id, "grade", None))


def _overall_summary(ctx: Context, section: OverallSummary) -> None:
    ctx.heading(ctx.fill(section.heading), 1)
    for pillar in ctx.framework.pillars:
        render_blocks(ctx, ctx.inspection.pillar(pillar.id).summary)


def _judgement_grid(ctx: Context, section: JudgementGrid) -> None:
    ctx.heading(ctx.fill(section.heading), 1, new_page=section.new_page)
    judgement_grid(ctx)


def _judgements_table(ctx: Context, section: JudgementsTable) -> None:
    ctx.heading(ctx.fill(section.heading), 1, new_page=section.new_page)
    judgements_table(ctx, section)


def _standard_text(ctx: Context, section: StandardText) -> None:
    blocks = ctx.inspection.introduction if section.kind == "introduction" else ctx.inspection.methodology
    if blocks or section.when_empty == "print":
        ctx.heading(ctx.fill(section.title), 1, new_page=section.new_page)
        render_blocks(ctx, blocks)


def _force_page(ctx: Context, section: ForcePage) -> None:
    """Each pillar's grade and the first paragraph of its summary, in a table (its rows are not headings,
    so the contents do not list each pillar twice), then the observations and who made them."""
    framework, inspection = ctx.framework, ctx.inspection
    ctx.heading(ctx.fill(section.heading), 1, new_page=section.new_page)
    rows: list[tuple[O.TableCell, ...]] = [tuple(text_cell(name) for name in FORCE_PAGE_COLUMNS)]
    for pillar in framework.pillars:
        assessment = inspection.pillar(pillar.id)
        where = source(assessment.id, "grade", None)
        grade = grade_box(framework, assessment.grade if pillar.graded else "ungraded", where)
        first = next((b for b in assessment.summary if isinstance(b, Paragraph) and b.text.strip()), None)
        statement = paragraphs(first.text, S.TABLE_TEXT, source(first.id, "text", None)) if first else []
        rows.append((text_cell(pillar.title), O.TableCell((grade,)), O.TableCell(tuple(statement))))
    ctx.add(O.Table(tuple(rows), header_rows=1, widths=FORCE_PAGE_WIDTHS))
    if inspection.observations or inspection.observations_by.strip():
        ctx.heading(ctx.fill(section.observations_heading), 2)
        render_blocks(ctx, inspection.observations)
        ctx.paragraph(inspection.observations_by, S.NORMAL, source(inspection.id, "observations_by", None))


def _pillars(ctx: Context, section: Pillars) -> None:
    for pillar in ctx.framework.pillars:
        _pillar_page(ctx, pillar, section)
        ctx.heading(ctx.fill(section.questions_heading.replace("{pillar}", pillar.title)), 1, new_page=True)
        for question in pillar.questions:
            render_question(ctx, question, ctx.inspection.question(question.id))


def _pillar_page(ctx: Context, pillar: Pillar, section: Pillars) -> None:
    inspection = ctx.inspection
    assessment = inspection.pillar(pillar.id)
    ctx.heading(pillar.title, 1, new_page=True)
    ctx.paragraph(pillar.question, S.SUBTITLE)
    published = assessment.published or inspection.published  # a pillar published apart has its own
    if section.last_updated and published is not None:
        ctx.paragraph(f"Last updated {published.strftime('%d/%m/%Y')}")
    if pillar.graded:
        render_grade(ctx, assessment.grade, source(assessment.id, "grade", None))
    render_blocks(ctx, assessment.summary)


def _questions(ctx: Context, section: Questions) -> None:
    new_page = section.new_page and not ctx.framework.report.spec.question.new_page  # not twice
    if section.heading:
        ctx.heading(ctx.fill(section.heading), 1, new_page=new_page)
    elif new_page:
        ctx.add(O.PageBreak())
    several = len(ctx.framework.pillars) > 1  # each numbers its questions from 1: name the pillar
    for pillar in ctx.framework.pillars:
        if several:
            ctx.heading(pillar.title, 1)
        for question in pillar.questions:
            render_question(ctx, question, ctx.inspection.question(question.id))


def _judgement_meanings(ctx: Context, section: JudgementMeanings) -> None:
    meanings = ctx.framework.standard_texts.judgement_meanings
    if meanings:
        ctx.heading(ctx.fill(section.heading), 1, new_page=section.new_page)
        render_blocks(ctx, meanings, editable=False)


_RENDERERS: dict[type[Any], Callable[[Context, Any], None]] = {
    TitlePage: _title_page,
    OverallSummary: _overall_summary,
    JudgementGrid: _judgement_grid,
    JudgementsTable: _judgements_table,
    StandardText: _standard_text,
    ForcePage: _force_page,
    Pillars: _pillars,
    Questions: _questions,
    JudgementMeanings: _judgement_meanings,
}


def render_question(ctx: Context, question: CoreQuestion, assessment: QuestionAssessment) -> None:
    """A question: its heading, its grade first or after the findings, the findings in the framework's
    order, then its notes."""
    layout: QuestionLayout = ctx.framework.report.spec.question
    notes = notes_of(assessment)
    number = question.number if layout.numbered else ""
    ctx.heading(
        question.text, layout.heading_level, fixed(question.id), new_page=layout.new_page, number=number
    )
    where = source(assessment.id, "grade", question.id)
    if layout.grade == "first":
        render_grade(ctx, assessment.grade, where, carried_over=assessment.carried_over)
    render_findings(ctx, assessment, notes, layout.heading_level + 1, ctx.framework.finding_order())
    if layout.grade == "last":
        render_grade(ctx, assessment.grade, where, carried_over=assessment.carried_over)
    render_blocks(ctx, assessment.notes, notes, question.id)
