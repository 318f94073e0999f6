"""The report's own words in the order the report prints them, each with the place it comes from.

House-style and personal-data rules read this, never the evidence notes: an inspector's notes are
working papers, the report is what is published. The order follows the framework's report layout, section by
section (the 2014 crime inspection prints the overall summary, the judgement grid, the introduction and
methodology, then each question; a PEEL pillar prints its summary, then its questions), so "first use" means first in
the printed report. Fixed framework wording (titles, question texts, grade definitions) is not included:
the inspectors cannot change it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum

from ..blocks import Block, Bullet, DataTable, Figure, Paragraph
from ..inspection import (
    AreaForImprovement,
    CauseOfConcern,
    Finding,
    Inspection,
    QuestionAssessment,
    Recommendation,
    SummaryItem,
)
from ..report_layout import OverallSummary
from .places import Place


class TextKind(StrEnum):
    #: Sentences: paragraphs, bullets, findings, captions, notes, footnotes.
    PROSE = "prose"
    #: A theme heading.
    HEADING = "heading"
    #: A data table's cells.
    TABLE = "table"


@dataclass(frozen=True)
class TextSpot:
    place: Place
    text: str
    kind: TextKind = TextKind.PROSE


_BLOCK_NAMES = {Paragraph: "Paragraph", Bullet: "Bullet", Figure: "Figure", DataTable: "Table"}


def block_spots(
    blocks: Sequence[Block], question_id: str | None, field: str, prefix: str
) -> Iterator[TextSpot]:
    """Spots for a list of blocks, labelled "<prefix> › Paragraph 2" (counted per kind of block)."""
    counts: dict[type, int] = {}
    for block in blocks:
        kind = type(block)
        counts[kind] = counts.get(kind, 0) + 1
        place = Place(
            question_id, field, block.id, f"{prefix} › {_BLOCK_NAMES.get(kind, 'Block')} {counts[kind]}"
        )
        if isinstance(block, (Paragraph, Bullet)):
            yield TextSpot(place, block.text)
        elif isinstance(block, Figure):
            yield TextSpot(place, block.caption)
        elif isinstance(block, DataTable):
            yield TextSpot(place, block.caption)
            cells = [*block.columns, *(cell for row in block.rows for cell in row)]
            yield TextSpot(place, "\n".join(cells), TextKind.TABLE)
            yield TextSpot(place, block.note)


# -- places -------------------------------------------------------------------------------------------


def question_label(inspection: Inspection, question_id: str) -> str:
    """ "Question 1"; "Efficiency › Question 1" when the framework has several pillars (each numbers from 1)."""
    return inspection.framework.question_label(question_id)


def summary_place(question_id: str, label: str, n: int, item: SummaryItem) -> Place:
    return Place(question_id, "summary", item.id, f"{label} › Summary point {n}")


def afi_place(question_id: str, label: str, n: int, area: AreaForImprovement) -> Place:
    return Place(question_id, "areas_for_improvement", area.id, f"{label} › Area for improvement {n}")


def cause_place(question_id: str, label: str, n: int, cause: CauseOfConcern) -> Place:
    return Place(question_id, "causes_of_concern", cause.id, f"{label} › Cause of concern {n}")


def cause_recommendation_place(
    question_id: str, label: str, n: int, m: int, recommendation: Recommendation
) -> Place:
    return Place(
        question_id,
        "causes_of_concern.recommendations",
        recommendation.id,
        f"{label} › Cause of concern {n} › Recommendation {m}",
    )


def recommendation_place(question_id: str, label: str, n: int, recommendation: Recommendation) -> Place:
    return Place(question_id, "recommendations", recommendation.id, f"{label} › Recommendation {n}")


def pillar_prefix(inspection: Inspection, pillar_id: str) -> str:
    """How the report heads a pillar's summary: "Overall summary" (2014) or "Effectiveness summary"."""
    overall = inspection.framework.report.spec.section("overall_summary")
    if isinstance(overall, OverallSummary):
        return overall.heading
    pillar = inspection.framework.pillar(pillar_id)
    return f"{pillar.title if pillar else pillar_id} summary"


def _letter(n: int) -> str:
    return f"({chr(ord('a') + n - 1)})" if 1 <= n <= 26 else f"({n})"


# -- the report's text in order -----------------------------------------------------------------------


def report_text(inspection: Inspection) -> list[TextSpot]:
    """Every piece of text the report prints from the inspection, in report order (its layout's sections)."""
    spots: list[TextSpot] = []
    framework = inspection.framework
    # A question's summary points stand in for the grid text it lacks; they count where first printed.
    in_grid: set[str] = set()
    for section in framework.report.spec.sections:
        if section.kind == "overall_summary":
            for pillar in inspection.pillars:
                spots += _pillar_summary_spots(inspection, pillar.pillar_id)
        elif section.kind == "judgement_grid":
            for question in inspection.questions:
                label = question_label(inspection, question.question_id)
                if question.grid_summary:
                    spots += block_spots(
                        question.grid_summary, question.question_id, "grid_summary", f"{label} › Grid summary"
                    )
                else:
                    spots += _summary_spots(question, label)
                    in_grid.add(question.question_id)
        elif section.kind in ("introduction", "methodology"):
            blocks = inspection.introduction if section.kind == "introduction" else inspection.methodology
            spots += block_spots(blocks, None, section.kind, section.kind.capitalize())
        elif section.kind == "force_page":
            if not (
                framework.report.spec.prints("pillars") or framework.report.spec.prints("overall_summary")
            ):
                for pillar in inspection.pillars:  # the first paragraph is all that prints of it
                    first = next(
                        (b for b in pillar.summary if isinstance(b, Paragraph) and b.text.strip()), None
                    )
                    if first is not None:
                        spots += block_spots(
                            [first], None, "pillars.summary", pillar_prefix(inspection, pillar.pillar_id)
                        )
            spots += block_spots(inspection.observations, None, "observations", "Observations")
            spots.append(
                TextSpot(
                    Place(None, "observations_by", inspection.id, "Observations › By"),
                    inspection.observations_by,
                )
            )
        elif section.kind == "pillars":
            for pillar in inspection.pillars:
                spots += _pillar_summary_spots(inspection, pillar.pillar_id)
                framework_pillar = framework.pillar(pillar.pillar_id)
                ids = {q.id for q in framework_pillar.questions} if framework_pillar else set()
                for question in inspection.questions:
                    if question.question_id in ids:
                        spots += _question_spots(inspection, question, summary=True)
        elif section.kind == "questions":
            for question in inspection.questions:
                spots += _question_spots(inspection, question, summary=question.question_id not in in_grid)
    return [spot for spot in spots if spot.text.strip()]


def _pillar_summary_spots(inspection: Inspection, pillar_id: str) -> Iterator[TextSpot]:
    summary = inspection.pillar(pillar_id).summary
    return block_spots(summary, None, "pillars.summary", pillar_prefix(inspection, pillar_id))


def _summary_spots(question: QuestionAssessment, label: str) -> Iterator[TextSpot]:
    for n, item in enumerate(question.summary, start=1):
        yield TextSpot(summary_place(question.question_id, label, n, item), item.text)


def _question_spots(
    inspection: Inspection, question: QuestionAssessment, *, summary: bool
) -> Iterator[TextSpot]:
    """One question in the order its layout prints it (the framework's finding order), then its notes
    and its footnotes."""
    qid = question.question_id
    label = question_label(inspection, qid)
    for name in inspection.framework.finding_order():
        if name == "narrative":
            for section in question.sections:
                theme = section.theme.strip()
                if theme:
                    yield TextSpot(
                        Place(qid, "sections", section.id, f"{label} › Heading “{theme}”"),
                        theme,
                        TextKind.HEADING,
                    )
                yield from block_spots(
                    section.blocks, qid, "sections", f"{label} › {theme or 'Opening text'}"
                )
        elif name == "causes_of_concern":
            for n, cause in enumerate(question.causes_of_concern, start=1):
                place = cause_place(qid, label, n, cause)
                yield TextSpot(place, cause.text)
                yield TextSpot(
                    Place(qid, "causes_of_concern.lead_in", cause.id, f"{place.label} › Lead-in"),
                    cause.lead_in,
                )
                for m, recommendation in enumerate(cause.recommendations, start=1):
                    yield from _recommendation_spots(
                        cause_recommendation_place(qid, label, n, m, recommendation), recommendation
                    )
        elif name == "recommendations":
            for n, recommendation in enumerate(question.recommendations, start=1):
                yield from _recommendation_spots(
                    recommendation_place(qid, label, n, recommendation), recommendation
                )
        elif name == "areas_for_improvement":
            for n, area in enumerate(question.areas_for_improvement, start=1):
                yield from _finding_spots(afi_place(qid, label, n, area), area, "areas_for_improvement")
        elif name == "summary":
            if summary:
                yield from _summary_spots(question, label)
        else:
            yield from _other_finding_spots(inspection, question, name, label)
    yield from block_spots(question.notes, qid, "notes", f"{label} › Notes")
    for note in question.footnotes:
        yield TextSpot(Place(qid, "footnotes", note.id, f"{label} › Footnote {note.label}"), note.text)


def _finding_spots(place: Place, finding: AreaForImprovement | Finding, field: str) -> Iterator[TextSpot]:
    """A finding with nested points (an area for improvement, a programme's own kind): text, then points."""
    yield TextSpot(place, finding.text)
    yield from _point_spots(place, f"{field}.sub_points", finding.sub_points)


def _point_spots(place: Place, field: str, points: Sequence[str]) -> Iterator[TextSpot]:
    for m, point in enumerate(points, start=1):
        yield TextSpot(Place(place.question_id, field, place.record_id, f"{place.label} › Point {m}"), point)


def _other_finding_spots(
    inspection: Inspection, question: QuestionAssessment, kind_id: str, label: str
) -> Iterator[TextSpot]:
    kind = inspection.framework.finding_kind(kind_id)
    found = next((f for f in question.other_findings if f.finding_kind == kind_id), None)
    if kind is None or found is None:
        return
    for n, item in enumerate(found.items, start=1):
        place = Place(question.question_id, "other_findings", item.id, f"{label} › {kind.item} {n}")
        yield from _finding_spots(place, item, "other_findings")


def _recommendation_spots(place: Place, recommendation: Recommendation) -> Iterator[TextSpot]:
    timescale = recommendation.timescale.strip()
    if timescale and timescale.lower() not in recommendation.text.lower():  # printed before the text
        yield TextSpot(
            Place(
                place.question_id, f"{place.field}.timescale", recommendation.id, f"{place.label} › Timescale"
            ),
            timescale,
        )
    yield TextSpot(place, recommendation.text)
    for m, point in enumerate(recommendation.sub_points, start=1):
        yield TextSpot(
            Place(
                place.question_id,
                f"{place.field}.sub_points",
                recommendation.id,
                f"{place.label} › Point {_letter(m)}",
            ),
            point,
        )


def evidence_annex_text(inspection: Inspection) -> list[TextSpot]:
    """What the optional evidence annex prints of each item: its title and reference (not its notes)."""
    spots = []
    for n, item in enumerate(inspection.evidence, start=1):
        name = item.reference.strip() or str(n)
        place = Place(item.question_id, "evidence", item.id, f"Evidence {name}")
        spots.append(
            TextSpot(place, "\n".join(part for part in (item.title, item.reference) if part.strip()))
        )
    return [spot for spot in spots if spot.text.strip()]
