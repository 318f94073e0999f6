"""Pieces both report layouts share: blocks, findings, grades and the evidence annex."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ...domain.blocks import Block, Bullet, DataTable, Figure, Paragraph
from ...domain.framework import CoreQuestion, Framework
from ...domain.inspection import (
    AreaForImprovement,
    CauseOfConcern,
    EvidenceItem,
    Inspection,
    QuestionAssessment,
    Recommendation,
)
from .. import sanitize
from .. import styles as S
from ..docx_writer import DocxWriter, Para
from ..footnotes import MARKER

Progress = Callable[[], None]

EVIDENCE_COLUMNS = ("Source", "Date", "Title", "Reference")
#: Column widths of the evidence table (twentieths of a point; the table fills the text width).
EVIDENCE_WIDTHS = (1850, 1450, 3726, 2000)


@dataclass
class Context:
    inspection: Inspection
    writer: DocxWriter
    evidence_annex: bool = False
    step: Progress = field(default=lambda: None)

    @property
    def framework(self) -> Framework:
        return self.inspection.framework

    def fill(self, template: str) -> str:
        """A report setting with {force} and {force_short} filled in."""
        force = self.inspection.force
        return template.replace("{force}", force.name).replace("{force_short}", force.short)


def notes_of(question: QuestionAssessment) -> dict[str, str]:
    return {note.label: note.text for note in question.footnotes}


def strip_markers(text: str, notes: dict[str, str]) -> str:
    """``text`` without the footnote markers ``notes`` resolves (for places a footnote cannot go twice)."""
    if "[^" not in text or not notes:
        return text
    return MARKER.sub(lambda m: "" if m.group(1) in notes else m.group(0), text)


def render_blocks(ctx: Context, blocks: Sequence[Block], notes: dict[str, str] | None = None) -> None:
    w = ctx.writer
    for block in blocks:
        if isinstance(block, Paragraph):
            w.paragraph(block.text, S.NORMAL, notes)
        elif isinstance(block, Bullet):
            w.bullet(block.text, block.level, notes)
        elif isinstance(block, Figure):
            w.paragraph(figure_caption(block.caption), S.CAPTION, notes)
        elif isinstance(block, DataTable):
            render_data_table(ctx, block, notes)


def figure_caption(caption: str) -> str:
    caption = caption.strip()
    if not caption:
        return "Figure"
    return caption if caption.lower().startswith("figure") else f"Figure: {caption}"


def render_data_table(ctx: Context, table: DataTable, notes: dict[str, str] | None) -> None:
    w = ctx.writer
    if table.caption.strip():
        w.paragraph(table.caption, S.CAPTION, notes)
    rows: list[list[str]] = []
    if table.columns:
        rows.append(list(table.columns))
    rows.extend(list(row) for row in table.rows)
    if rows:
        w.table(rows, header_rows=1 if table.columns else 0, notes=notes)
    if table.note.strip():
        w.paragraph(table.note, S.TABLE_NOTE, notes)


def with_timescale(recommendation: Recommendation) -> str:
    """ "Within three months, <text>" unless the text already states its timescale."""
    text = recommendation.text.strip()
    timescale = recommendation.timescale.strip().rstrip(",").strip()
    if not timescale or timescale.lower() in text.lower():
        return text
    if not text:
        return timescale
    first, _, rest = text.partition(" ")
    if first in _LOWER_AFTER_TIMESCALE:
        text = first.lower() + (" " + rest if rest else "")
    return f"{timescale}, {text}"


#: Sentence-opening words that read in lower case after "Within three months, " (names stay as written).
_LOWER_AFTER_TIMESCALE = frozenset({"The", "It", "Its", "All", "Every", "Each", "This", "These", "A", "An"})


def render_recommendations(
    ctx: Context, recommendations: Sequence[Recommendation], notes: dict[str, str]
) -> None:
    w = ctx.writer
    for recommendation in recommendations:
        w.bullet(with_timescale(recommendation), 0, notes)
        if recommendation.sub_points:
            w.lettered_list(recommendation.sub_points, notes)


def render_areas_for_improvement(
    ctx: Context, areas: Sequence[AreaForImprovement], notes: dict[str, str]
) -> None:
    w = ctx.writer
    for area in areas:
        w.bullet(area.text, 0, notes)
        for point in area.sub_points:
            w.bullet(point, 1, notes)


def render_causes_of_concern(
    ctx: Context, causes: Sequence[CauseOfConcern], notes: dict[str, str], level: int
) -> None:
    """Each cause: "Cause of concern" heading, its text, then "Recommendations", lead-in and bullets."""
    w = ctx.writer
    for cause in causes:
        w.heading("Cause of concern", level)
        w.paragraph(cause.text, S.NORMAL, notes)
        if cause.recommendations or cause.lead_in.strip():
            w.heading("Recommendations", min(level + 1, len(S.HEADINGS)))
            w.paragraph(cause.lead_in, S.NORMAL, notes)
            render_recommendations(ctx, cause.recommendations, notes)


def render_findings(ctx: Context, assessment: QuestionAssessment, notes: dict[str, str], level: int) -> None:
    """A question's narrative and findings, in the order both published layouts use, headings at ``level``:
    themes, causes of concern with their recommendations, recommendations, areas for improvement, summary."""
    w = ctx.writer
    for section in assessment.sections:
        if section.theme.strip():
            w.heading(section.theme, level)
        render_blocks(ctx, section.blocks, notes)
    render_causes_of_concern(ctx, assessment.causes_of_concern, notes, level=level)
    if assessment.recommendations:
        w.heading("Recommendations", level)
        render_recommendations(ctx, assessment.recommendations, notes)
    if assessment.areas_for_improvement:
        w.heading("Areas for improvement", level)
        render_areas_for_improvement(ctx, assessment.areas_for_improvement, notes)
    if assessment.summary:
        w.heading("Summary", level)
        for item in assessment.summary:
            w.bullet(item.text, 0, notes)


def grade_label(framework: Framework, grade: str | None) -> str:
    return framework.scale.label(grade)


def render_grade(ctx: Context, grade: str | None) -> None:
    """The grade as a paragraph whose text is in the grade's character style ("Grade Good")."""
    scale = ctx.framework.scale
    ctx.writer.styled_run_paragraph(scale.label(grade), S.grade_style(scale, grade))


def grade_fill(framework: Framework, grade: str | None) -> str | None:
    definition = framework.scale.get(grade or "")
    return definition.colour if definition else None


def grade_cell(framework: Framework, grade: str | None) -> list[Para]:
    scale = framework.scale
    return [Para(scale.label(grade), S.TABLE_TEXT, S.grade_style(scale, grade))]


def question_title(question: CoreQuestion) -> str:
    return f"{question.number}. {question.text}"


def render_evidence_annex(ctx: Context, *, level: int = 1) -> None:
    """ "Annex: Evidence": the evidence grouped by question, one table per question."""
    w = ctx.writer
    inspection = ctx.inspection
    w.heading("Annex: Evidence", level, new_page=True)
    if not inspection.evidence:
        w.paragraph("No evidence has been recorded.")
        return
    groups: dict[str | None, list[EvidenceItem]] = {}
    for item in inspection.evidence:
        known = item.question_id if ctx.framework.question(item.question_id or "") else None
        groups.setdefault(known, []).append(item)
    for question in ctx.framework.questions():
        items = groups.get(question.id)
        if items:
            w.heading(question_title(question), level + 1)
            _evidence_table(w, items)
        ctx.step()
    if groups.get(None):
        w.heading("Evidence not linked to a question", level + 1)
        _evidence_table(w, groups[None])


def _evidence_table(w: DocxWriter, items: Sequence[EvidenceItem]) -> None:
    rows: list[list[str]] = [list(EVIDENCE_COLUMNS)]
    for item in items:
        rows.append(
            [
                item.source_type.label,
                item.date.strftime("%d/%m/%Y") if item.date else "",
                item.title or sanitize.one_line(item.text)[:120],
                item.reference,
            ]
        )
    w.table(rows, widths=EVIDENCE_WIDTHS)
