"""Figures: every figure the report prints has its image, and every image its alternative text.

Until a figure has an image the report prints "[Image to be added]" under its caption; an image without
alternative text is a picture a screen reader can only call "image", and a published report must be
accessible (the Public Sector Bodies Accessibility Regulations 2018 apply to the PDF and Word reports an
inspectorate publishes). The figures checked are those the report prints, in the order it prints them:
the 2014 layout prints the introduction and methodology, a PEEL report neither.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..blocks import Block, Figure
from ..images import PLACEHOLDER
from ..inspection import Inspection
from .core import CheckContext, Flag, Severity, flag, rule
from .places import Place
from .text import block_spots, pillar_prefix, question_label


def printed_figures(inspection: Inspection) -> list[tuple[Place, Figure]]:
    """Every figure the report prints, with its place (captionless ones too), in report order."""
    found: list[tuple[Place, Figure]] = []
    for blocks, question_id, field, prefix in _block_lists(inspection):
        figures = {block.id: block for block in blocks if isinstance(block, Figure)}
        if not figures:
            continue
        for spot in block_spots(blocks, question_id, field, prefix):
            figure = figures.pop(spot.place.record_id, None) if spot.place.record_id else None
            if figure is not None:
                found.append((spot.place, figure))
    return found


def _block_lists(inspection: Inspection) -> Iterator[tuple[Sequence[Block], str | None, str, str]]:
    """The lists of blocks the report prints, each with its question, field and label, in report order."""
    for pillar in inspection.pillars:
        yield pillar.summary, None, "pillars.summary", pillar_prefix(inspection, pillar.pillar_id)
    spec = inspection.framework.report.spec
    if spec.prints("introduction"):
        yield inspection.introduction, None, "introduction", "Introduction"
    if spec.prints("methodology"):
        yield inspection.methodology, None, "methodology", "Methodology"
    if spec.prints("force_page"):
        yield inspection.observations, None, "observations", "Observations"
    for question in inspection.questions:
        qid = question.question_id
        label = question_label(inspection, qid)
        for section in question.sections:
            yield section.blocks, qid, "sections", f"{label} › {section.theme.strip() or 'Opening text'}"
        yield question.notes, qid, "notes", f"{label} › Notes"


def _figures(ctx: CheckContext) -> list[tuple[Place, Figure]]:
    return ctx.memo("figures.printed", lambda: printed_figures(ctx.inspection))


@rule("figure.no-image", Severity.WARNING)
def figure_without_image(ctx: CheckContext) -> Iterator[Flag]:
    """Every figure the report prints has its image.

    A figure without one prints its caption over the words "[Image to be added]", which must not reach
    a published report."""
    for place, figure in _figures(ctx):
        if figure.image is not None:
            continue
        yield flag(
            place,
            f"This figure has no image yet: the report prints “{PLACEHOLDER}” under its caption. "
            "Choose its image (a PNG or JPEG file), or remove the figure.",
        )


@rule("figure.no-alt-text", Severity.WARNING)
def figure_without_alt_text(ctx: CheckContext) -> Iterator[Flag]:
    """Every figure's image has alternative text.

    The alternative text is what a screen reader says for the picture; a published report must be
    accessible, and without it the picture is only "image" to a reader who cannot see it."""
    for place, figure in _figures(ctx):
        if figure.image is not None and not figure.alt_text.strip():
            yield flag(
                place,
                "This figure's image has no alternative text, so a screen reader cannot say what it "
                "shows. Describe in a sentence or two what the image shows (for a chart, what it tells "
                "the reader).",
            )
