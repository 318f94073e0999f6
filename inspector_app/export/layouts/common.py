"""Pieces every report layout draws: blocks, findings, grades and the evidence annex, as outline nodes.

Nothing here writes Word: a layout adds :mod:`..outline` nodes to its :class:`Context`, each with the
:class:`~..outline.Source` it was drawn from, and a renderer draws them.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from ...domain.blocks import Block, Bullet, DataTable, Figure, Paragraph
from ...domain.framework import Framework
from ...domain.images import PLACEHOLDER, ImageError, check_image
from ...domain.inspection import (
    AreaForImprovement,
    CauseOfConcern,
    EvidenceItem,
    Finding,
    Inspection,
    QuestionAssessment,
    Recommendation,
    Status,
)
from ...domain.text import long_date
from .. import outline as O
from .. import sanitize
from .. import styles as S

Notes = Mapping[str, O.FootnoteMark]
#: The source of a block's field ("text", "caption", …).
Where = Callable[[str], O.Source | None]

EVIDENCE_COLUMNS = ("Source", "Date", "Title", "Reference")
#: Column widths of the evidence table (twentieths of a point; the table fills the text width).
EVIDENCE_WIDTHS = (1850, 1450, 3726, 2000)


@dataclass
class Context:
    """What a layout reads (the inspection, whether to add the evidence annex) and the outline it makes."""

    inspection: Inspection
    evidence_annex: bool = False
    body: list[O.Node] = field(default_factory=list)
    running_header: O.RunningHeader | None = None
    page_numbers: bool = False

    @property
    def framework(self) -> Framework:
        return self.inspection.framework

    def fill(self, template: str) -> str:
        """A report setting with {force} and {force_short} filled in."""
        force = self.inspection.force
        return template.replace("{force}", force.name).replace("{force_short}", force.short)

    def add(self, *nodes: O.Node) -> None:
        self.body.extend(nodes)

    # -- nodes from text: one per printed line ------------------------------------------------------

    def paragraph(
        self, text: str, style: str = S.NORMAL, source: O.Source | None = None, notes: Notes | None = None
    ) -> None:
        self.body.extend(paragraphs(text, style, source, notes))

    def heading(
        self,
        text: str,
        level: int,
        source: O.Source | None = None,
        *,
        new_page: bool = False,
        number: str = "",
    ) -> None:
        """A heading (one per line of ``text``); ``number``, a question's, goes on its first line."""
        if new_page:
            self.body.append(O.PageBreak())
        for index, (offset, line) in enumerate(sanitize.lines_at(text)):
            self.body.append(O.Heading(line, level, _at(source, offset), number if index == 0 else ""))

    def bullet(self, text: str, level: int, source: O.Source | None, notes: Notes | None = None) -> None:
        self.body.extend(
            O.Bullet(O.runs_of(line, notes), level, _at(source, offset))
            for offset, line in sanitize.lines_at(text)
        )

    def outline(self) -> O.Outline:
        framework = self.framework
        inspection = self.inspection
        title = document_title(self)
        status = STATUS_LABELS[inspection.status]
        final = inspection.status == Status.FINAL
        marking = sanitize.one_line(inspection.marking)
        draft_notice = "" if final else O.DRAFT_NOTICE
        return O.Outline(
            body=self.body,
            running_header=self.running_header,
            page_numbers=self.page_numbers,
            properties=O.Properties(
                title=title,
                subject=framework.title,
                authors=tuple(inspection.authors),
                created=inspection.created,
                status=status,
            ),
            marking=marking,
            draft_notice=draft_notice,
            watermark="" if final else O.DRAFT_WATERMARK,
            placeholders={
                "title": title,
                "force": inspection.force.name,
                "force_short": inspection.force.short,
                "programme": framework.title,
                "marking": marking,
                "status": status,
                "draft": draft_notice,
                "published": long_date(inspection.published),
                "date": long_date(dt.date.today()),
            },
        )


#: The report's status as Word's *Status* property and the {status} placeholder print it.
STATUS_LABELS = {Status.DRAFT: "Draft", Status.IN_REVIEW: "In review", Status.FINAL: "Final"}


def document_title(ctx: Context) -> str:
    template = ctx.framework.report.title
    title = ctx.fill(template)
    if "{force" not in template:
        title = f"{title} – {ctx.inspection.force.name}"
    return title


def source(record_id: uuid.UUID | None, field_name: str, question_id: str | None) -> O.Source:
    return O.Source(record_id, field_name, question_id)


def fixed(question_id: str | None) -> O.Source | None:
    """The source of fixed wording: None, or under a question a source without a record."""
    return None if question_id is None else O.Source(None, "", question_id)


def _at(where: O.Source | None, offset: int) -> O.Source | None:
    if where is None or offset == 0 or where.record_id is None:
        return where
    return O.Source(where.record_id, where.field, where.question_id, where.offset + offset)


def paragraphs(
    text: str, style: str = S.NORMAL, where: O.Source | None = None, notes: Notes | None = None
) -> list[O.Paragraph]:
    """The paragraphs ``text`` prints (one a line) in ``style``, footnote markers resolved by ``notes``."""
    return [
        O.Paragraph(O.runs_of(line, notes), style, _at(where, offset))
        for offset, line in sanitize.lines_at(text)
    ]


def notes_of(question: QuestionAssessment) -> dict[str, O.FootnoteMark]:
    return {
        note.label: O.FootnoteMark(note.label, note.text, source(note.id, "text", question.question_id))
        for note in question.footnotes
    }


def strip_markers(text: str, notes: Notes) -> str:
    """``text`` without the footnote markers ``notes`` resolves (for places a footnote cannot go twice)."""
    if "[^" not in text or not notes:
        return text
    return O.MARKER.sub(lambda m: "" if m.group(1) in notes else m.group(0), text)


def render_blocks(
    ctx: Context,
    blocks: Sequence[Block],
    notes: Notes | None = None,
    question_id: str | None = None,
    *,
    editable: bool = True,
) -> None:
    """Blocks as nodes; ``editable`` False for the framework's own text (no record to link back to)."""
    for block in blocks:

        def where(field_name: str, block: Block = block) -> O.Source | None:
            return source(block.id, field_name, question_id) if editable else fixed(question_id)

        if isinstance(block, Paragraph):
            ctx.paragraph(block.text, S.NORMAL, where("text"), notes)
        elif isinstance(block, Bullet):
            ctx.bullet(block.text, block.level, where("text"), notes)
        elif isinstance(block, Figure):
            caption = figure_caption(block.caption)
            picture = figure_picture(block)
            ctx.add(
                O.Figure(
                    tuple(paragraphs(caption, S.CAPTION, where("caption"), notes)),
                    alt_text=sanitize.one_line(strip_markers(block.alt_text or block.caption, notes or {})),
                    source=where("caption"),
                    picture=picture,
                )
            )
            if picture is None:  # the gap shows in the report until the figure has its image
                ctx.paragraph(PLACEHOLDER, S.NORMAL, where("caption"))
        elif isinstance(block, DataTable):
            ctx.add(data_table(block, notes, where))


def figure_picture(figure: Figure) -> O.Picture | None:
    """The figure's image as the report prints it, its size read from its header; None when it has none
    (or one that is not a whole PNG or JPEG, which loading and editing refuse, so only a model built by
    other means can hold it: the report then shows the gap rather than a picture Word cannot open)."""
    if figure.image is None:
        return None
    try:
        info = check_image(figure.image)
    except ImageError:
        return None
    return O.Picture(figure.image.data, info.media_type, info.width, info.height, info.dpi)


def figure_caption(caption: str) -> str:
    caption = caption.strip()
    if not caption:
        return "Figure"
    return caption if caption.lower().startswith("figure") else f"Figure: {caption}"


def data_table(table: DataTable, notes: Notes | None, where: Where) -> O.Table:
    caption: tuple[O.Paragraph, ...] = ()
    if table.caption.strip():
        caption = tuple(paragraphs(table.caption, S.CAPTION, where("caption"), notes))
    rows: list[tuple[O.TableCell, ...]] = []
    if table.columns:
        rows.append(tuple(text_cell(text, where("columns"), notes) for text in table.columns))
    rows.extend(tuple(text_cell(text, where("rows"), notes) for text in row) for row in table.rows)
    note: tuple[O.Paragraph, ...] = ()
    if table.note.strip():
        note = tuple(paragraphs(table.note, S.TABLE_NOTE, where("note"), notes))
    return O.Table(
        tuple(rows),
        header_rows=1 if table.columns else 0,
        caption=caption,
        note=note,
        source=where("rows"),
    )


def text_cell(text: str, where: O.Source | None = None, notes: Notes | None = None) -> O.TableCell:
    """A cell of plain text: a paragraph in the table text style a line."""
    return O.TableCell(tuple(paragraphs(text, S.TABLE_TEXT, where, notes)))


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


def sub_point_items(
    points: Sequence[str], record_id: uuid.UUID, field_name: str, question_id: str
) -> list[tuple[str, O.Source]]:
    """Each printed line of a list of points, with its place in the field as the editor shows it (one
    point a line)."""
    found: list[tuple[str, O.Source]] = []
    offset = 0
    for point in points:
        for at, line in sanitize.lines_at(point):
            found.append((line, O.Source(record_id, field_name, question_id, offset + at)))
        offset += len(point) + 1
    return found


def render_recommendations(
    ctx: Context, recommendations: Sequence[Recommendation], notes: Notes, question_id: str
) -> None:
    for recommendation in recommendations:
        ctx.bullet(with_timescale(recommendation), 0, source(recommendation.id, "text", question_id), notes)
        items = tuple(
            O.ListItem(O.runs_of(line, notes), where)
            for line, where in sub_point_items(
                recommendation.sub_points, recommendation.id, "sub_points", question_id
            )
        )
        if items:
            ctx.add(O.LetteredList(items))


def render_areas_for_improvement(
    ctx: Context, areas: Sequence[AreaForImprovement | Finding], notes: Notes, question_id: str
) -> None:
    """Each finding as a bullet with its nested points (areas for improvement, a framework's own kinds)."""
    for area in areas:
        ctx.bullet(area.text, 0, source(area.id, "text", question_id), notes)
        for line, where in sub_point_items(area.sub_points, area.id, "sub_points", question_id):
            ctx.add(O.Bullet(O.runs_of(line, notes), 1, where))


def render_causes_of_concern(
    ctx: Context, causes: Sequence[CauseOfConcern], notes: Notes, level: int, question_id: str
) -> None:
    """Each cause: "Cause of concern" heading, its text, then "Recommendations", lead-in and bullets."""
    for cause in causes:
        ctx.heading("Cause of concern", level, fixed(question_id))
        ctx.paragraph(cause.text, S.NORMAL, source(cause.id, "text", question_id), notes)
        if cause.recommendations or cause.lead_in.strip():
            ctx.heading("Recommendations", min(level + 1, len(S.HEADINGS)), fixed(question_id))
            ctx.paragraph(cause.lead_in, S.NORMAL, source(cause.id, "lead_in", question_id), notes)
            render_recommendations(ctx, cause.recommendations, notes, question_id)


def render_findings(
    ctx: Context, assessment: QuestionAssessment, notes: Notes, level: int, order: Sequence[str]
) -> None:
    """A question's findings in ``order`` (the framework's :meth:`~...domain.framework.Framework.
    finding_order`), headings at ``level``: "narrative" (its themes), "causes_of_concern" with their
    recommendations, "recommendations", "areas_for_improvement", "summary", and the framework's own kinds."""
    qid = assessment.question_id
    for name in order:
        if name == "narrative":
            for section in assessment.sections:
                if section.theme.strip():
                    ctx.heading(section.theme, level, source(section.id, "theme", qid))
                render_blocks(ctx, section.blocks, notes, qid)
        elif name == "causes_of_concern":
            render_causes_of_concern(ctx, assessment.causes_of_concern, notes, level, qid)
        elif name == "recommendations" and assessment.recommendations:
            ctx.heading("Recommendations", level, fixed(qid))
            render_recommendations(ctx, assessment.recommendations, notes, qid)
        elif name == "areas_for_improvement" and assessment.areas_for_improvement:
            ctx.heading("Areas for improvement", level, fixed(qid))
            render_areas_for_improvement(ctx, assessment.areas_for_improvement, notes, qid)
        elif name == "summary" and assessment.summary:
            ctx.heading("Summary", level, fixed(qid))
            for item in assessment.summary:
                ctx.bullet(item.text, 0, source(item.id, "text", qid), notes)
        else:
            _render_other_findings(ctx, assessment, name, notes, level)


def _render_other_findings(
    ctx: Context, assessment: QuestionAssessment, kind_id: str, notes: Notes, level: int
) -> None:
    kind = ctx.framework.finding_kind(kind_id)
    found = next((f for f in assessment.other_findings if f.finding_kind == kind_id), None)
    if kind is None or found is None or not found.items:
        return
    ctx.heading(kind.heading, level, fixed(assessment.question_id))
    render_areas_for_improvement(ctx, found.items, notes, assessment.question_id)


def grade_box(framework: Framework, grade: str | None, where: O.Source | None) -> O.GradeBox:
    """The grade as a box: its label in the grade's paragraph style ("Grade Good"), and its colours."""
    scale = framework.scale
    definition = scale.get(grade or "")
    return O.GradeBox(
        scale.label(grade),
        S.grade_style(scale, grade),
        grade,
        definition.colour if definition else None,
        definition.text_colour if definition else None,
        where,
    )


#: Printed under a judgement carried over from last year.
CARRIED_OVER = (
    "This judgement is carried over from the last inspection: the question was not inspected again."
)


def render_grade(
    ctx: Context, grade: str | None, where: O.Source | None, *, carried_over: bool = False
) -> None:
    """The grade's box; a judgement carried over from last year says so under it."""
    ctx.add(grade_box(ctx.framework, grade, where))
    if carried_over:
        ctx.paragraph(CARRIED_OVER, S.NORMAL, fixed(where.question_id if where else None))


def render_evidence_annex(ctx: Context, *, level: int = 1) -> None:
    """ "Annex: Evidence": the evidence grouped by question, one table per question."""
    inspection = ctx.inspection
    ctx.heading("Annex: Evidence", level, new_page=True)
    if not inspection.evidence:
        ctx.paragraph("No evidence has been recorded.")
        return
    groups: dict[str | None, list[EvidenceItem]] = {}
    for item in inspection.evidence:
        known = item.question_id if ctx.framework.question(item.question_id or "") else None
        groups.setdefault(known, []).append(item)
    for question in ctx.framework.questions():
        items = groups.get(question.id)
        if items:
            ctx.heading(question.text, level + 1, number=question.number)
            ctx.add(_evidence_table(items))
    if groups.get(None):
        ctx.heading("Evidence not linked to a question", level + 1)
        ctx.add(_evidence_table(groups[None]))


def _evidence_table(items: Sequence[EvidenceItem]) -> O.Table:
    rows: list[tuple[O.TableCell, ...]] = [tuple(text_cell(name) for name in EVIDENCE_COLUMNS)]
    for item in items:
        where = O.Source(item.id, "title")
        rows.append(
            (
                text_cell(item.source_type.label, where),
                text_cell(item.date.strftime("%d/%m/%Y") if item.date else "", where),
                text_cell(item.title or sanitize.one_line(item.text)[:120], where),
                text_cell(item.reference, where),
            )
        )
    return O.Table(tuple(rows), widths=EVIDENCE_WIDTHS)
