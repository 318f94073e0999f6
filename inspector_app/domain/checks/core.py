"""The rules engine: findings, where they are, the rule registry and ``run_checks``.

A rule is one small function, registered with a decorator, that looks at a :class:`CheckContext` and
yields a :func:`flag` for each problem::

    @rule("grade.cause-without-recommendation", Severity.ERROR)
    def cause_without_recommendation(ctx: CheckContext) -> Iterator[Flag]:
        '''A cause of concern needs a recommendation: the report must say what the force is to do.'''
        for question in ctx.questions():
            for n, cause in enumerate(question.assessment.causes_of_concern, start=1):
                if not cause.recommendations:
                    yield flag(places.cause(question, n, cause), "It has no recommendation.")

The registry stamps each flag with the rule's id and severity (a rule may raise or lower the severity of
one flag, e.g. a missing grade is advice in a draft and an error in a final report) and ``run_checks``
sorts the findings by question, then severity. No Qt here: the GUI's checks dock shows these findings.
"""

from __future__ import annotations

import inspect
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from typing import NamedTuple, TypeVar

from ..framework import UNGRADED, CoreQuestion, Framework, GradingScale
from ..inspection import EvidenceItem, Inspection, QuestionAssessment, Status
from .places import Place
from .spelling import Speller
from .text import TextSpot, evidence_annex_text, report_text

T = TypeVar("T")


class Severity(StrEnum):
    """How much a finding matters; the order is ERROR, WARNING, ADVICE."""

    #: Must be fixed before the report is published (``check`` exits 1).
    ERROR = "error"
    #: Probably wrong; look at it.
    WARNING = "warning"
    #: House style or good practice; the inspector decides.
    ADVICE = "advice"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]

    @property
    def label(self) -> str:
        return self.value.upper()


_SEVERITY_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.ADVICE: 2}


@dataclass(frozen=True)
class Finding:
    """One problem a rule found: which rule, how serious, a sentence for the inspector, and where."""

    rule: str
    severity: Severity
    message: str
    place: Place

    def line(self) -> str:
        """ "ERROR    Question 3 › Cause of concern 1: The cause of concern has no recommendation." """
        return f"{self.severity.label:<8} {self.place.label}: {self.message}"


class Flag(NamedTuple):
    """What a rule yields; the registry turns it into a :class:`Finding`."""

    place: Place
    message: str
    severity: Severity | None = None


def flag(place: Place, message: str, severity: Severity | None = None) -> Flag:
    """A problem at ``place``; ``severity`` overrides the rule's own for this one finding."""
    return Flag(place, message, severity)


RuleFunction = Callable[["CheckContext"], Iterable[Flag]]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    function: RuleFunction
    #: The docstring: the rule and why it matters.
    doc: str

    @property
    def summary(self) -> str:
        """The first line of the docstring."""
        return self.doc.strip().splitlines()[0] if self.doc.strip() else self.id


_RULES: dict[str, Rule] = {}


def rule(rule_id: str, severity: Severity) -> Callable[[RuleFunction], RuleFunction]:
    """Register a rule: ``@rule("grade.missing", Severity.ERROR)`` above a function yielding flags.

    Rule ids are "<group>.<name>" in lower case; the function's docstring must say what the rule checks
    and why.
    """

    def register(function: RuleFunction) -> RuleFunction:
        if rule_id in _RULES:
            raise ValueError(f"the rule '{rule_id}' is registered twice")
        doc = inspect.getdoc(function) or ""
        if not doc:
            raise ValueError(f"the rule '{rule_id}' has no docstring saying what it checks and why")
        _RULES[rule_id] = Rule(rule_id, severity, function, doc)
        return function

    return register


def rules() -> list[Rule]:
    """Every registered rule, in registration order."""
    return list(_RULES.values())


def get_rule(rule_id: str) -> Rule:
    return _RULES[rule_id]


def select_rules(only: Iterable[str] | None) -> list[Rule]:
    """The rules ``only`` names: a rule id ("grade.missing") or a group ("grade" = every "grade.*").

    Raises ValueError naming an entry that matches no rule.
    """
    if only is None:
        return rules()
    wanted = set(only)
    chosen = [r for r in _RULES.values() if r.id in wanted or r.id.split(".")[0] in wanted]
    unknown = sorted(
        w for w in wanted if w not in _RULES and not any(r.id.split(".")[0] == w for r in _RULES.values())
    )
    if unknown:
        raise ValueError(f"there is no check called '{unknown[0]}'. Checks: {', '.join(_RULES)}.")
    return chosen


def run_checks(
    inspection: Inspection,
    *,
    only: set[str] | None = None,
    evidence_annex: bool = False,
    speller: Speller | None = None,
) -> list[Finding]:
    """Every finding of the chosen rules (all by default), sorted by question then severity.

    Report-wide findings (pillar summary, introduction, evidence without a question) come first, then
    each question in framework order; within a question errors come before warnings before advice, then
    findings about the question as a whole (its grade, its evidence) before those about its text, which
    follow the report's order. ``evidence_annex``: the evidence titles and references
    are printed in the report too, so the personal-data rules read them. ``speller``: the dictionary the
    spelling rules use (``inspector_app.bundled.speller()``); without one they find nothing.
    """
    ctx = CheckContext(inspection, evidence_annex=evidence_annex, speller=speller)
    findings: list[Finding] = []
    for chosen in select_rules(only):
        for place, message, severity in chosen.function(ctx):
            findings.append(Finding(chosen.id, severity or chosen.severity, message, place))
    questions = {question.id: n for n, question in enumerate(inspection.framework.questions())}
    # Within a question and severity: places without text (grades, evidence) first, then report order.
    positions: dict[str, int] = {}
    for n, spot in enumerate(ctx.texts_with_annex):
        positions.setdefault(spot.place.label, n + 1)

    def key(finding: Finding) -> tuple[int, int, int]:
        question_id = finding.place.question_id
        question = -1 if question_id is None else questions.get(question_id, len(questions))
        return question, finding.severity.rank, positions.get(finding.place.label, 0)

    findings.sort(key=key)
    return findings


# -- what the rules look at ---------------------------------------------------------------------------


@dataclass(frozen=True)
class QuestionView:
    """A framework question with its assessment and the number the report gives it."""

    core: CoreQuestion
    assessment: QuestionAssessment
    #: The pillar's title when the framework has several pillars (each numbers its questions from 1), else "".
    pillar: str = ""

    @property
    def id(self) -> str:
        return self.core.id

    @property
    def label(self) -> str:
        """ "Question 1", or "Efficiency › Question 1" in a framework of several pillars."""
        number = f"Question {self.core.number}"
        return f"{self.pillar} › {number}" if self.pillar else number

    @property
    def is_graded(self) -> bool:
        """The framework grades it and the inspectors have not marked it Ungraded."""
        return self.core.graded and self.assessment.grade != UNGRADED


class CheckContext:
    """The inspection and what several rules need from it, worked out once per run."""

    def __init__(
        self, inspection: Inspection, *, evidence_annex: bool = False, speller: Speller | None = None
    ) -> None:
        self.inspection = inspection
        self.evidence_annex = evidence_annex
        self.speller = speller
        self._memo: dict[str, object] = {}

    def memo(self, key: str, make: Callable[[], T]) -> T:
        """``make()`` once per run, shared by the rules that need it (e.g. the report's words)."""
        if key not in self._memo:
            self._memo[key] = make()
        return self._memo[key]  # type: ignore[return-value]

    @property
    def framework(self) -> Framework:
        return self.inspection.framework

    @property
    def scale(self) -> GradingScale:
        return self.inspection.framework.scale

    @property
    def status(self) -> Status:
        return self.inspection.status

    @cached_property
    def _questions(self) -> list[QuestionView]:
        views = []
        several = len(self.framework.pillars) > 1
        for pillar in self.framework.pillars:
            for core in pillar.questions:
                try:
                    assessment = self.inspection.question(core.id)
                except KeyError:
                    continue
                views.append(QuestionView(core, assessment, pillar.title if several else ""))
        return views

    def questions(self) -> list[QuestionView]:
        """Every question of the framework with its assessment, in report order."""
        return self._questions

    def question(self, question_id: str) -> QuestionView | None:
        return next((q for q in self._questions if q.id == question_id), None)

    @cached_property
    def evidence_ids(self) -> frozenset[uuid.UUID]:
        return frozenset(item.id for item in self.inspection.evidence)

    @cached_property
    def evidence_by_question(self) -> dict[str | None, list[EvidenceItem]]:
        grouped: dict[str | None, list[EvidenceItem]] = {}
        for item in self.inspection.evidence:
            grouped.setdefault(item.question_id, []).append(item)
        return grouped

    @cached_property
    def texts(self) -> list[TextSpot]:
        """The report's own words, in report order (evidence notes are not report text)."""
        return report_text(self.inspection)

    @cached_property
    def texts_with_annex(self) -> list[TextSpot]:
        """``texts`` plus, when the evidence annex is printed, the evidence titles and references."""
        if not self.evidence_annex:
            return self.texts
        return [*self.texts, *evidence_annex_text(self.inspection)]
