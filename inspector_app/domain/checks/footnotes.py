"""Footnotes: every ``[^label]`` marker finds its footnote, every footnote is cited.

A marker the export cannot resolve prints as it was typed ("… in 2013[^src]"), in the published report; a
footnote no marker cites is not printed at all. Markers resolve against the footnotes of the question whose
text holds them; report-wide text (summaries, introduction, methodology) has no footnotes of its own.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..inspection import QuestionAssessment
from ..text import FOOTNOTE_MARKER, shown
from .core import CheckContext, Flag, Severity, flag, rule
from .text import TextKind, TextSpot, question_label

#: Where a marker is printed without its footnote (the judgement grid's summaries leave markers out).
_UNCITED_FIELDS = frozenset({"grid_summary", "footnotes"})


def _markers(ctx: CheckContext) -> list[tuple[TextSpot, list[str]]]:
    """Each report text holding markers, with their labels in order (worked out once for both rules)."""

    def make() -> list[tuple[TextSpot, list[str]]]:
        found = []
        for spot in ctx.texts:
            if "[^" in spot.text and spot.kind != TextKind.HEADING:
                labels = [m.group(1) for m in FOOTNOTE_MARKER.finditer(spot.text)]
                if labels:
                    found.append((spot, labels))
        return found

    return ctx.memo("footnotes.markers", make)


def _questions(ctx: CheckContext) -> dict[str, QuestionAssessment]:
    return {question.question_id: question for question in ctx.inspection.questions}


@rule("style.footnote-unknown", Severity.WARNING)
def unknown_footnote(ctx: CheckContext) -> Iterator[Flag]:
    """Every footnote marker ``[^label]`` names a footnote of its question.

    A marker that names none prints as typed in the published report; a footnote belongs to its question,
    so a marker in another question's text, or in report-wide text, finds nothing."""
    questions = _questions(ctx)
    for spot, labels in _markers(ctx):
        question = questions.get(spot.place.question_id or "")
        known = {note.label for note in question.footnotes} if question else set()
        for label in dict.fromkeys(labels):
            if label in known:
                continue
            marker = f"[^{shown(label, 30)}]"
            if question is None:
                yield flag(
                    spot.place,
                    f"“{marker}” would print as typed: footnotes belong to a question, and this text is "
                    "not a question's. Move the footnote's words into the text, or the text into a question.",
                )
            else:
                yield flag(
                    spot.place,
                    f"“{marker}” would print as typed: "
                    f"{question_label(ctx.inspection, question.question_id)} has no footnote labelled "
                    f"“{shown(label, 30)}”. Add the footnote, or correct the label.",
                )


@rule("style.footnote-uncited", Severity.ADVICE)
def uncited_footnote(ctx: CheckContext) -> Iterator[Flag]:
    """Every footnote is cited by a marker in its question's text.

    The report prints a footnote where a marker cites it, so a footnote nobody cites is left out (a marker
    in the judgement grid's summary does not count: the grid prints no footnotes)."""
    cited: dict[str, set[str]] = {}
    for spot, labels in _markers(ctx):
        if spot.place.question_id is not None and spot.place.field not in _UNCITED_FIELDS:
            cited.setdefault(spot.place.question_id, set()).update(labels)
    questions = _questions(ctx)
    for spot in ctx.texts:
        place = spot.place
        if place.field != "footnotes" or place.question_id is None:
            continue
        question = questions.get(place.question_id)
        note = next((n for n in question.footnotes if n.id == place.record_id), None) if question else None
        if note is not None and note.label not in cited.get(place.question_id, set()):
            yield flag(
                place,
                f"No text cites this footnote (“[^{shown(note.label, 30)}]”), so the report leaves it out.",
            )
