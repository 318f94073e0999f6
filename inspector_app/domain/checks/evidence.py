"""Triangulation and coverage: judgements stand on evidence from more than one kind of source.

Also the coverage matrix (questions × source types), which the CLI prints with ``check --matrix`` and
the GUI can show as a table.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..blocks import Block, Cites
from ..inspection import SOURCE_TYPE_LABELS, Inspection, SourceType, Status
from .core import CheckContext, Flag, Severity, flag, rule
from .places import Place
from .text import (
    afi_place,
    block_spots,
    cause_place,
    cause_recommendation_place,
    pillar_prefix,
    question_label,
    recommendation_place,
    summary_place,
)

#: Distinct source types a graded question's evidence should come from.
MIN_SOURCE_TYPES = 2


@rule("evidence.triangulation", Severity.WARNING)
def triangulation(ctx: CheckContext) -> Iterator[Flag]:
    """Each graded question has evidence from at least two kinds of source.

    A judgement that rests on one kind of source (only interviews, only data) is not triangulated:
    inspectors corroborate what they are told with what they read, see and count. Every source type
    counts, "Other" included; the evidence counted is what is recorded against the question. A judgement
    carried over from last year needs no new evidence.
    """
    for question in ctx.questions():
        if not question.is_graded or question.assessment.carried_over:  # last year's evidence stands
            continue
        items = ctx.evidence_by_question.get(question.id, [])
        kinds = sorted({item.source_type for item in items}, key=list(SourceType).index)
        if len(kinds) >= MIN_SOURCE_TYPES:
            continue
        place = Place(question.id, "evidence", None, question.label)
        if not kinds:
            yield flag(place, "No evidence is recorded for this graded question.")
        else:
            yield flag(
                place,
                f"All {len(items)} evidence item{'s' if len(items) != 1 else ''} come from one kind of source "
                f"({kinds[0].label}); corroborate with at least one other kind.",
            )


@rule("evidence.diagnostic-uncovered", Severity.WARNING)
def diagnostic_uncovered(ctx: CheckContext) -> Iterator[Flag]:
    """Every diagnostic question has at least one evidence item recorded against it.

    Diagnostics are the prompts inspectors gather evidence against; one with no evidence is a gap in
    the fieldwork (a judgement carried over from last year needs none). A WARNING once the report is in review or final; ADVICE in a draft, while fieldwork is
    still going on.
    """
    severity = Severity.ADVICE if ctx.status == Status.DRAFT else Severity.WARNING
    covered = {
        (item.question_id, item.diagnostic_id) for item in ctx.inspection.evidence if item.diagnostic_id
    }
    for question in ctx.questions():
        if question.assessment.carried_over:
            continue
        for diagnostic in question.core.diagnostics:
            if (question.id, diagnostic.id) not in covered:
                place = Place(
                    question.id, "diagnostics", None, f"{question.label} › Diagnostic {diagnostic.id}"
                )
                yield flag(place, f"No evidence is recorded against “{diagnostic.text}”", severity)


def _findings(inspection: Inspection) -> Iterator[tuple[Place, Cites]]:
    """The findings: summary points, areas for improvement, causes of concern and recommendations."""
    for question in inspection.questions:
        qid = question.question_id
        label = question_label(inspection, qid)
        for n, item in enumerate(question.summary, start=1):
            yield summary_place(qid, label, n, item), item
        for n, area in enumerate(question.areas_for_improvement, start=1):
            yield afi_place(qid, label, n, area), area
        for n, cause in enumerate(question.causes_of_concern, start=1):
            yield cause_place(qid, label, n, cause), cause
            for m, recommendation in enumerate(cause.recommendations, start=1):
                yield cause_recommendation_place(qid, label, n, m, recommendation), recommendation
        for n, recommendation in enumerate(question.recommendations, start=1):
            yield recommendation_place(qid, label, n, recommendation), recommendation


_KIND = {
    "summary": "summary point",
    "areas_for_improvement": "area for improvement",
    "causes_of_concern": "cause of concern",
    "causes_of_concern.recommendations": "recommendation",
    "recommendations": "recommendation",
}


@rule("evidence.finding-uncited", Severity.ADVICE)
def finding_uncited(ctx: CheckContext) -> Iterator[Flag]:
    """Each finding (area for improvement, cause of concern, recommendation) cites evidence.

    Citations show moderators and the force what a finding stands on. Advice: narrative paragraphs need
    not cite, and a finding can rest on the evidence its narrative cites. Summary points are left out:
    they sum up the narrative above them, and published summaries never cite (on the sample reports,
    asking for it made five of eight advice lines). Nor is a judgement carried over from last year asked
    for this year's evidence.
    """
    carried = {q.question_id for q in ctx.inspection.questions if q.carried_over}
    for place, record in _findings(ctx.inspection):
        if place.question_id in carried:
            continue
        if place.field != "summary" and not record.evidence_ids:
            yield flag(place, f"This {_KIND[place.field]} cites no evidence.")


def _citing(inspection: Inspection) -> Iterator[tuple[Place, Cites]]:
    """Every record that can cite evidence, with its place: narrative blocks and the findings."""
    for pillar in inspection.pillars:
        yield from _blocks_with_places(
            pillar.summary, None, "pillars.summary", pillar_prefix(inspection, pillar.pillar_id)
        )
    yield from _blocks_with_places(inspection.introduction, None, "introduction", "Introduction")
    yield from _blocks_with_places(inspection.methodology, None, "methodology", "Methodology")
    for question in inspection.questions:
        qid = question.question_id
        label = question_label(inspection, qid)
        for section in question.sections:
            yield from _blocks_with_places(
                section.blocks, qid, "sections", f"{label} › {section.theme.strip() or 'Opening text'}"
            )
        yield from _blocks_with_places(question.grid_summary, qid, "grid_summary", f"{label} › Grid summary")
        yield from _blocks_with_places(question.notes, qid, "notes", f"{label} › Notes")
    yield from _findings(inspection)


def _blocks_with_places(
    blocks: Sequence[Block], question_id: str | None, field: str, prefix: str
) -> Iterator[tuple[Place, Cites]]:
    by_id = {block.id: block for block in blocks if isinstance(block, Cites)}
    seen = set()
    for spot in block_spots(blocks, question_id, field, prefix):
        if spot.place.record_id is None:
            continue
        block = by_id.get(spot.place.record_id)
        if block is not None and block.id not in seen:
            seen.add(block.id)
            yield spot.place, block


@rule("evidence.citation-missing", Severity.WARNING)
def citation_missing(ctx: CheckContext) -> Iterator[Flag]:
    """A citation points at an evidence item that still exists.

    Deleting evidence in the app removes its citations, but a file merged, edited by hand or damaged can
    keep citations of evidence that is gone; the finding then claims support it no longer has.
    """
    known = ctx.evidence_ids
    for place, record in _citing(ctx.inspection):
        missing = [evidence_id for evidence_id in record.evidence_ids if evidence_id not in known]
        if missing:
            count = len(missing)
            yield flag(
                place,
                f"It cites {count} evidence item{'s' if count != 1 else ''} that no longer exist{'s' if count == 1 else ''}.",
            )


# -- the coverage matrix ------------------------------------------------------------------------------


@dataclass(frozen=True)
class MatrixRow:
    #: None for the row of evidence not yet linked to a question.
    question_id: str | None
    #: "1", "2"… or "-" for unlinked evidence.
    number: str
    #: The question's short label, or "Not linked to a question".
    title: str
    graded: bool
    #: One count per column of the matrix.
    counts: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.counts)

    @property
    def source_types(self) -> int:
        """How many kinds of source the row's evidence comes from."""
        return sum(1 for count in self.counts if count)


@dataclass(frozen=True)
class Matrix:
    """Evidence counts: one row per question (plus unlinked evidence, if any) × one column per source type."""

    columns: tuple[SourceType, ...]
    rows: tuple[MatrixRow, ...]

    def count(self, question_id: str | None, source_type: SourceType) -> int:
        column = self.columns.index(source_type)
        for row in self.rows:
            if row.question_id == question_id:
                return row.counts[column]
        return 0

    @property
    def column_totals(self) -> tuple[int, ...]:
        return tuple(sum(row.counts[n] for row in self.rows) for n in range(len(self.columns)))

    @property
    def total(self) -> int:
        return sum(row.total for row in self.rows)


def coverage_matrix(inspection: Inspection) -> Matrix:
    """How many evidence items of each source type are recorded against each question."""
    columns = tuple(SourceType)
    index = {source_type: n for n, source_type in enumerate(columns)}
    counts: dict[str | None, list[int]] = {}
    for item in inspection.evidence:
        row = counts.setdefault(item.question_id, [0] * len(columns))
        row[index[item.source_type]] += 1
    rows = []
    for core in inspection.framework.questions():
        rows.append(
            MatrixRow(
                core.id,
                core.number,
                core.short_label,
                core.graded,
                tuple(counts.pop(core.id, [0] * len(columns))),
            )
        )
    unlinked = counts.pop(None, None)
    if unlinked is not None:
        rows.append(MatrixRow(None, "-", "Not linked to a question", False, tuple(unlinked)))
    return Matrix(columns, tuple(rows))


#: Short column headings for the plain-text matrix.
_SHORT = {
    SourceType.INTERVIEW: "Interview",
    SourceType.FOCUS_GROUP: "Focus grp",
    SourceType.DOCUMENT_REVIEW: "Document",
    SourceType.DATA: "Data",
    SourceType.CASE_FILE_REVIEW: "Case file",
    SourceType.OBSERVATION: "Observed",
    SourceType.UNANNOUNCED_VISIT: "Visit",
    SourceType.SURVEY: "Survey",
    SourceType.OTHER: "Other",
}
_TITLE_WIDTH = 34


def render_matrix(matrix: Matrix) -> str:
    """The matrix as plain text for a terminal: a row per question, "-" for none, totals and a key."""
    headings = [_SHORT[column] for column in matrix.columns] + ["Total", "Kinds"]
    widths = [max(len(heading), 3) for heading in headings]
    first = _TITLE_WIDTH + 4

    def line(left: str, cells: list[str]) -> str:
        return (
            left.ljust(first)
            + "  ".join(cell.rjust(width) for cell, width in zip(cells, widths, strict=True))
        ).rstrip()

    def cell(count: int) -> str:
        return str(count) if count else "-"

    lines = [line("Question", headings)]
    for row in matrix.rows:
        title = row.title if len(row.title) <= _TITLE_WIDTH else row.title[: _TITLE_WIDTH - 3] + "..."
        kinds = str(row.source_types) + ("" if row.graded or row.question_id is None else " (ungraded)")
        left = f"{row.number:<3} {title}"
        lines.append(line(left, [cell(c) for c in row.counts] + [str(row.total), kinds]))
    lines.append(line("All questions", [cell(c) for c in matrix.column_totals] + [str(matrix.total), ""]))
    lines.append("")
    lines.append(
        "Columns: "
        + "; ".join(
            f"{_SHORT[c]} = {SOURCE_TYPE_LABELS[c]}"
            for c in matrix.columns
            if _SHORT[c] != SOURCE_TYPE_LABELS[c]
        )
        + "."
    )
    lines.append(
        f"Kinds: how many kinds of source a question's evidence comes from (graded questions need {MIN_SOURCE_TYPES})."
    )
    return "\n".join(lines)
