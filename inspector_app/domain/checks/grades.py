"""Grade rules: every judgement is made, stands on the right findings, and agrees with the text.

Grades are read through the framework's scale, never by id, so the rules hold for any scale: the
*worst* grade is the last of the scale ("Inadequate"); a *negative* grade above it is the "requires
improvement" kind; a *positive* grade ("Good", "Outstanding") is one the scale marks positive.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..framework import UNGRADED, GradeDefinition
from ..grades import Direction, direction_of_travel
from ..inspection import Status
from .core import CheckContext, Flag, QuestionView, Severity, flag, rule
from .places import Place
from .text import (
    TextSpot,
    block_spots,
    cause_place,
    cause_recommendation_place,
    pillar_prefix,
    recommendation_place,
)

#: How much a missing grade matters at each stage of the report.
MISSING_GRADE_SEVERITY = {
    Status.DRAFT: Severity.ADVICE,
    Status.IN_REVIEW: Severity.WARNING,
    Status.FINAL: Severity.ERROR,
}


def _grade_place(question: QuestionView) -> Place:
    return Place(question.id, "grade", question.assessment.id, question.label)


def _definition(ctx: CheckContext, grade_id: str | None) -> GradeDefinition | None:
    return ctx.scale.get(grade_id) if grade_id else None


def _is_worst(ctx: CheckContext, grade: GradeDefinition) -> bool:
    return grade.id == ctx.scale.grades[-1].id


@rule("grade.missing", Severity.ERROR)
def grade_missing(ctx: CheckContext) -> Iterator[Flag]:
    """Every graded question, and a graded pillar, has a grade.

    A final report cannot be published with a judgement missing, so this is an ERROR when the status is
    final. Earlier it is normal work in progress: a WARNING while in review (the grades should be settled
    for moderation) and only ADVICE in a draft, so a fresh draft does not fail ``check``.
    """
    severity = MISSING_GRADE_SEVERITY[ctx.status]
    for question in ctx.questions():
        if not question.core.graded:
            continue
        if question.assessment.grade is None:
            yield flag(_grade_place(question), "The question has no grade yet.", severity)
        elif question.assessment.grade == UNGRADED:
            yield flag(
                _grade_place(question),
                "The question is marked Ungraded, but the framework grades it.",
                severity,
            )
    for pillar in ctx.inspection.pillars:
        framework_pillar = ctx.framework.pillar(pillar.pillar_id)
        if framework_pillar is not None and framework_pillar.graded and pillar.grade is None:
            place = Place(None, "pillars.grade", pillar.id, f"{framework_pillar.title} grade")
            yield flag(place, f"The {framework_pillar.title} pillar has no grade yet.", severity)


@rule("grade.carried-over", Severity.WARNING)
def carried_over(ctx: CheckContext) -> Iterator[Flag]:
    """A judgement carried over from last year keeps last year's grade.

    Carried over means the question was not inspected again and last year's judgement stands, so there must
    be a last year's grade, and this year's must be the same.
    """
    for question in ctx.questions():
        assessment = question.assessment
        if not assessment.carried_over:
            continue
        if assessment.last_year_grade is None:
            yield flag(
                _grade_place(question),
                "The judgement is carried over from last year, but last year's grade is not recorded.",
            )
        elif assessment.grade != assessment.last_year_grade:
            yield flag(
                _grade_place(question),
                f"The judgement is carried over from last year ({ctx.scale.label(assessment.last_year_grade)}), "
                f"but this year's grade is {ctx.scale.label(assessment.grade)}.",
            )


@rule("grade.cause-without-recommendation", Severity.ERROR)
def cause_without_recommendation(ctx: CheckContext) -> Iterator[Flag]:
    """Every cause of concern is followed by at least one recommendation.

    A cause of concern is a serious shortfall; the report must say what the force is required to do
    about it, so a cause without a recommendation cannot be published.
    """
    for question in ctx.questions():
        for n, cause in enumerate(question.assessment.causes_of_concern, start=1):
            if not cause.recommendations:
                yield flag(
                    cause_place(question.id, question.label, n, cause),
                    "The cause of concern has no recommendation; add what the force must do about it.",
                )


@rule("grade.inadequate-without-cause", Severity.WARNING)
def inadequate_without_cause(ctx: CheckContext) -> Iterator[Flag]:
    """A question graded at the bottom of the scale (Inadequate) has a cause of concern.

    Inadequate means significantly lower than expected; the inspectorate states the serious shortfall
    behind it as a cause of concern with recommendations. Without one the grade stands unexplained.
    """
    for question in ctx.questions():
        grade = _definition(ctx, question.assessment.grade)
        if grade is not None and _is_worst(ctx, grade) and not question.assessment.causes_of_concern:
            yield flag(
                _grade_place(question),
                f"The question is graded {grade.label} but has no cause of concern saying why.",
            )


@rule("grade.requires-improvement-without-finding", Severity.WARNING)
def requires_improvement_without_finding(ctx: CheckContext) -> Iterator[Flag]:
    """A question graded Requires improvement (a negative grade above the worst) names what to improve.

    The grade says the force must improve, so the report needs at least one area for improvement or
    cause of concern telling it what.
    """
    for question in ctx.questions():
        grade = _definition(ctx, question.assessment.grade)
        if grade is None or grade.positive or _is_worst(ctx, grade):
            continue
        if not question.assessment.areas_for_improvement and not question.assessment.causes_of_concern:
            yield flag(
                _grade_place(question),
                f"The question is graded {grade.label} but has no area for improvement or cause of concern.",
            )


@rule("grade.positive-with-cause", Severity.WARNING)
def positive_with_cause(ctx: CheckContext) -> Iterator[Flag]:
    """A question graded Good or Outstanding (a positive grade) carries no cause of concern.

    A cause of concern is a serious shortfall; a force with one is rarely good at that question, so
    either the grade or the cause needs another look at moderation.
    """
    for question in ctx.questions():
        grade = _definition(ctx, question.assessment.grade)
        if grade is not None and grade.positive and question.assessment.causes_of_concern:
            count = len(question.assessment.causes_of_concern)
            causes = "a cause of concern" if count == 1 else f"{count} causes of concern"
            yield flag(_grade_place(question), f"The question is graded {grade.label} yet carries {causes}.")


@rule("grade.pillar-out-of-line", Severity.WARNING)
def pillar_out_of_line(ctx: CheckContext) -> Iterator[Flag]:
    """A pillar's grade lies within its questions' grades and at most one level above the worst of them.

    The rule, on the scale's order (Outstanding, Good, Requires improvement, Inadequate):
    (1) the pillar is no better than its best graded question and no worse than its worst — a pillar
    cannot be Outstanding when no question is, nor Inadequate when none is; and (2) it is at most one
    level better than its worst question — one Inadequate question holds the pillar to Requires
    improvement at best. Ungraded and not-yet-graded questions are left out. PEEL 2016 Hertfordshire
    (questions Good, Requires improvement, Inadequate, Good; pillar Requires improvement) passes.
    """
    for pillar in ctx.inspection.pillars:
        framework_pillar = ctx.framework.pillar(pillar.pillar_id)
        pillar_rank = ctx.scale.rank(pillar.grade or "")
        if framework_pillar is None or not framework_pillar.graded or pillar_rank is None:
            continue
        ranks = []
        for core in framework_pillar.questions:
            view = ctx.question(core.id)
            rank = ctx.scale.rank(view.assessment.grade or "") if view is not None else None
            if rank is not None:
                ranks.append(rank)
        if not ranks:
            continue
        best, worst = min(ranks), max(ranks)
        label = ctx.scale.grades[pillar_rank].label
        problems = []
        if pillar_rank < best:
            problems.append(f"it is better than every question (the best is {ctx.scale.grades[best].label})")
        if pillar_rank > worst:
            problems.append(f"it is worse than every question (the worst is {ctx.scale.grades[worst].label})")
        if pillar_rank < worst - 1:
            problems.append(
                f"with a question graded {ctx.scale.grades[worst].label} the pillar is at best "
                f"{ctx.scale.grades[worst - 1].label}"
            )
        if problems:
            place = Place(None, "pillars.grade", pillar.id, f"{framework_pillar.title} grade")
            yield flag(
                place, f"The pillar grade ({label}) is out of line with its questions: {'; '.join(problems)}."
            )


# -- direction of travel ------------------------------------------------------------------------------

_SINCE = r"(?:last\s+year|the\s+previous\s+year|(?:19|20)\d\d|(?:the|our)\s+(?:last|previous)\s+(?:inspection|assessment|year))"
#: "a deterioration on last year", "an improvement since 2015"
_DIRECTION_NOUN = re.compile(
    rf"\b(?:a|an)\s+(?P<word>deterioration|decline|improvement)\s+(?:on|from|since|compared\s+with|against)\s+{_SINCE}",
    re.IGNORECASE,
)
#: "has deteriorated since 2015" — only in a sentence that also names last year's judgement (below), so
#: that "recorded crime has declined since 2014" is not read as a judgement.
_DIRECTION_VERB = re.compile(
    rf"\b(?:has|have)\s+(?P<word>deteriorated|declined|improved)\s+(?:since|from|on)\s+{_SINCE}",
    re.IGNORECASE,
)
#: "unchanged from last year", "the same as last year", "maintained its grade"
_UNCHANGED = re.compile(
    rf"\b(?:unchanged\s+(?:from|on|since)\s+{_SINCE}|the\s+same\s+as\s+{_SINCE}|no\s+change\s+(?:from|on|since)\s+{_SINCE}"
    r"|(?:maintained|retained|kept)\s+(?:its|the)\s+(?:grade|judgement|judgment))",
    re.IGNORECASE,
)
_WORDS = {
    "deterioration": Direction.DETERIORATION,
    "decline": Direction.DETERIORATION,
    "deteriorated": Direction.DETERIORATION,
    "declined": Direction.DETERIORATION,
    "improvement": Direction.IMPROVEMENT,
    "improved": Direction.IMPROVEMENT,
}
_SENTENCE = re.compile(r"[^.!?]+[.!?]?")


def _last_year_pattern(ctx: CheckContext) -> re.Pattern[str]:
    """ "when we judged the force to be good", "last year HMIC graded it as requires improvement"."""
    labels = "|".join(re.escape(g.label) for g in sorted(ctx.scale.grades, key=lambda g: -len(g.label)))
    who = r"(?:we|HMIC|HMICFRS|the\s+inspectorate)"
    verb = r"(?:judged|assessed|graded|rated|found)"
    whom = (
        r"(?:the\s+force|the\s+constabulary|it|them|(?-i:[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*))"  # or its name
    )
    return re.compile(
        rf"\b(?:when|last\s+year,?|in\s+(?:19|20)\d\d,?)\s+{who}\s+{verb}\s+{whom}\s+(?:to\s+be|as)\s+(?:an?\s+)?(?P<grade>{labels})\b",
        re.IGNORECASE,
    )


def _direction_phrases(sentence: str, named_last_year: bool) -> tuple[Direction, str] | None:
    match = _DIRECTION_NOUN.search(sentence)
    if match is None and named_last_year:
        match = _DIRECTION_VERB.search(sentence)
    if match is not None:
        return _WORDS[match.group("word").lower()], match.group(0)
    match = _UNCHANGED.search(sentence)
    if match is not None:
        return Direction.UNCHANGED, match.group(0)
    return None


_DESCRIBED = {
    Direction.IMPROVEMENT: "an improvement",
    Direction.DETERIORATION: "a deterioration",
    Direction.UNCHANGED: "no change",
}


#: Words without one of which a text says nothing about last year (a cheap test before reading sentences).
_TRAVEL_HINTS = (
    "last",
    "previous",
    "since",
    "unchanged",
    "same",
    "maintain",
    "retain",
    "kept",
    "judged",
    "assessed",
    "graded",
    " rated",
    "found",
)


def _check_travel(
    ctx: CheckContext, spots: list[TextSpot], grade: str | None, last_year: str | None
) -> Iterator[Flag]:
    last_year_pattern = ctx.memo("grades.last-year", lambda: _last_year_pattern(ctx))
    actual = direction_of_travel(ctx.scale, grade, last_year)
    for spot in spots:
        lower = spot.text.lower()
        if not any(hint in lower for hint in _TRAVEL_HINTS):
            continue
        for sentence in _SENTENCE.findall(spot.text):
            named = last_year_pattern.search(sentence)
            claim = _direction_phrases(sentence, named is not None)
            if named is None and claim is None:
                continue
            if named is not None:
                named_label = named.group("grade")
                recorded = ctx.scale.label(last_year) if last_year else None
                if recorded is None:
                    yield flag(
                        spot.place,
                        f"The text says last year's grade was {named_label}, but last year's grade is not recorded.",
                    )
                elif named_label.lower() != recorded.lower():
                    yield flag(
                        spot.place,
                        f"The text says last year's grade was {named_label}, but it is recorded as {recorded}.",
                    )
            if claim is not None:
                direction, phrase = claim
                if actual is None:
                    if last_year is None:
                        yield flag(
                            spot.place,
                            f"The text says “{phrase}”, but last year's grade is not recorded to check it against.",
                        )
                elif direction != actual:
                    yield flag(
                        spot.place,
                        f"The text says “{phrase}”, but the grades show {_DESCRIBED[actual]} "
                        f"({ctx.scale.label(last_year)} last year, {ctx.scale.label(grade)} now).",
                    )


@rule("grade.direction-of-travel", Severity.WARNING)
def direction_of_travel_text(ctx: CheckContext) -> Iterator[Flag]:
    """What the text says about last year agrees with the recorded grades.

    The pillar summary opens with the direction of travel ("Our overall judgement is a deterioration on
    last year, when we judged the force to be good"); question narratives sometimes say the same ("has
    deteriorated since 2015, when HMIC judged it to be good"). A sentence claiming an improvement, a
    deterioration or no change must match this year's and last year's grades, and a grade it names for
    last year must be the recorded one. Only judgement phrases are read ("a deterioration on last year",
    "has deteriorated since 2015" beside "when we judged …", "unchanged from last year"), so "recorded
    crime has fallen since 2014" is not taken for a judgement.
    """
    for pillar in ctx.inspection.pillars:
        spots = list(
            block_spots(
                pillar.summary, None, "pillars.summary", pillar_prefix(ctx.inspection, pillar.pillar_id)
            )
        )
        yield from _check_travel(ctx, spots, pillar.grade, pillar.last_year_grade)
    for question in ctx.questions():
        if (
            not question.is_graded or question.assessment.carried_over
        ):  # last year's words, last year's grades
            continue
        spots = []
        for section in question.assessment.sections:
            spots += block_spots(
                section.blocks,
                question.id,
                "sections",
                f"{question.label} › {section.theme.strip() or 'Opening text'}",
            )
        yield from _check_travel(ctx, spots, question.assessment.grade, question.assessment.last_year_grade)


# -- recommendations ----------------------------------------------------------------------------------

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
#: "Within three months", "By March 2015", "immediately", "take immediate steps", "as soon as practicable".
TIMESCALE = re.compile(
    rf"\b(?:within\s+(?:\w+\s+){{0,2}}(?:days?|weeks?|months?|years?)"
    rf"|by\s+(?:the\s+end\s+of\s+)?(?:(?:{_MONTHS})\s+)?(?:19|20)\d\d"
    rf"|by\s+the\s+end\s+of\s+(?:the\s+)?(?:year|month|quarter|financial\s+year)"
    r"|immediate(?:ly)?|as\s+soon\s+as\s+(?:possible|practicable|reasonably\s+practicable)|without\s+delay|forthwith)\b",
    re.IGNORECASE,
)


@rule("recommendation.no-timescale", Severity.ADVICE)
def recommendation_without_timescale(ctx: CheckContext) -> Iterator[Flag]:
    """A recommendation says by when ("Within three months", "By March 2015", "immediately").

    Recommendations are required actions the inspectorate follows up, so each should carry a
    timescale: in its timescale field, in its own words, or (under a cause of concern) in the lead-in
    ("…should take immediate steps to ensure that:"). Advice only: some recommendations are deliberately
    open-ended.
    """
    for question in ctx.questions():
        assessment = question.assessment
        for n, cause in enumerate(assessment.causes_of_concern, start=1):
            if TIMESCALE.search(cause.lead_in):
                continue
            for m, recommendation in enumerate(cause.recommendations, start=1):
                if not _has_timescale(recommendation.timescale, recommendation.text):
                    place = cause_recommendation_place(question.id, question.label, n, m, recommendation)
                    yield flag(place, "The recommendation has no timescale (e.g. “Within three months”).")
        for n, recommendation in enumerate(assessment.recommendations, start=1):
            if not _has_timescale(recommendation.timescale, recommendation.text):
                place = recommendation_place(question.id, question.label, n, recommendation)
                yield flag(place, "The recommendation has no timescale (e.g. “Within three months”).")


def _has_timescale(timescale: str, text: str) -> bool:
    return bool(timescale.strip()) or TIMESCALE.search(text) is not None
