"""The report's own words in the order the report prints them, each with the place it comes from.

House-style and personal-data rules read this, never the evidence notes: an inspector's notes are
working papers, the report is what is published. The order follows the framework's report layout (the
2014 crime inspection prints the overall summary, the judgement grid, the introduction and methodology,
then each question; a PEEL pillar prints its summary, then its questions), so "first use" means first in
the printed report. Fixed framework wording (titles, question texts, grade definitions) is not included:
the inspectors cannot change it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum

from ..blocks import Block, Bullet, DataTable, Figure, Paragraph
from ..framework import ReportLayout
from ..inspection import (
    AreaForImprovement,
    CauseOfConcern,
    Inspection,
    QuestionAssessment,
    Recommendation,
    SummaryItem,
)
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
    if inspection.framework.report.layout == ReportLayout.CRIME_INSPECTION_2014:
        return "Overall summary"
    pillar = inspection.framework.pillar(pillar_id)
    return f"{pillar.title if pillar else pillar_id} summary"


def _letter(n: int) -> str:
    return f"({chr(ord('a') + n - 1)})" if 1 <= n <= 26 else f"({n})"


# -- the report's text in order -----------------------------------------------------------------------


def report_text(inspection: Inspection) -> list[TextSpot]:
    """Every piece of text the report prints from the inspection, in report order."""
    spots: list[TextSpot] = []
    crime_2014 = inspection.framework.report.layout == ReportLayout.CRIME_INSPECTION_2014
    grid_printed: set[str] = set()
    if crime_2014:
        for pillar in inspection.pillars:
            spots += block_spots(
                pillar.summary, None, "pillars.summary", pillar_prefix(inspection, pillar.pillar_id)
            )
        # The judgement grid: each question's grid summary, or its summary points when it has none.
        for question in inspection.questions:
            label = question_label(inspection, question.question_id)
            if question.grid_summary:
                spots += block_spots(
                    question.grid_summary, question.question_id, "grid_summary", f"{label} › Grid summary"
                )
            else:
                spots += _summary_spots(question, label)
                grid_printed.add(question.question_id)
        spots += block_spots(inspection.introduction, None, "introduction", "Introduction")
        spots += block_spots(inspection.methodology, None, "methodology", "Methodology")
        for question in inspection.questions:
            spots += _question_spots(inspection, question, summary=question.question_id not in grid_printed)
    else:  # a PEEL report: its introduction and methodology when it has them, then each pillar
        spots += block_spots(inspection.introduction, None, "introduction", "Introduction")
        spots += block_spots(inspection.methodology, None, "methodology", "Methodology")
        for pillar in inspection.pillars:
            spots += block_spots(
                pillar.summary, None, "pillars.summary", pillar_prefix(inspection, pillar.pillar_id)
            )
            framework_pillar = inspection.framework.pillar(pillar.pillar_id)
            ids = {q.id for q in framework_pillar.questions} if framework_pillar else set()
            for question in inspection.questions:
                if question.question_id in ids:
                    spots += _question_spots(inspection, question, summary=True)
    return [spot for spot in spots if spot.text.strip()]


def _summary_spots(question: QuestionAssessment, label: str) -> Iterator[TextSpot]:
    for n, item in enumerate(question.summary, start=1):
        yield TextSpot(summary_place(question.question_id, label, n, item), item.text)


def _question_spots(
    inspection: Inspection, question: QuestionAssessment, *, summary: bool
) -> Iterator[TextSpot]:
    """One question in the order both layouts print it: themes, causes of concern with their
    recommendations, recommendations, areas for improvement, summary, notes; then its footnotes."""
    qid = question.question_id
    label = question_label(inspection, qid)
    for section in question.sections:
        theme = section.theme.strip()
        if theme:
            yield TextSpot(
                Place(qid, "sections", section.id, f"{label} › Heading “{theme}”"), theme, TextKind.HEADING
            )
        yield from block_spots(section.blocks, qid, "sections", f"{label} › {theme or 'Opening text'}")
    for n, cause in enumerate(question.causes_of_concern, start=1):
        place = cause_place(qid, label, n, cause)
        yield TextSpot(place, cause.text)
        yield TextSpot(
            Place(qid, "causes_of_concern.lead_in", cause.id, f"{place.label} › Lead-in"), cause.lead_in
        )
        for m, recommendation in enumerate(cause.recommendations, start=1):
            yield from _recommendation_spots(
                cause_recommendation_place(qid, label, n, m, recommendation), recommendation
            )
    for n, recommendation in enumerate(question.recommendations, start=1):
        yield from _recommendation_spots(recommendation_place(qid, label, n, recommendation), recommendation)
    for n, area in enumerate(question.areas_for_improvement, start=1):
        place = afi_place(qid, label, n, area)
        yield TextSpot(place, area.text)
        for m, point in enumerate(area.sub_points, start=1):
            yield TextSpot(
                Place(qid, "areas_for_improvement.sub_points", area.id, f"{place.label} › Point {m}"), point
            )
    if summary:
        yield from _summary_spots(question, label)
    yield from block_spots(question.notes, qid, "notes", f"{label} › Notes")
    for note in question.footnotes:
        yield TextSpot(Place(qid, "footnotes", note.id, f"{label} › Footnote {note.label}"), note.text)


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
