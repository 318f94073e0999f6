"""Inspection frameworks as data: grading scale, pillars, questions, diagnostics, standard texts, layout.

A framework is loaded from JSON (``resources/frameworks``) and copied whole into every inspection file, so
a file opens and exports the same after the bundled framework changes.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .blocks import Block
from .report_layout import BUILT_IN_FINDINGS, PRESETS, FindingKind, LayoutSpec, QuestionLayout, Section
from .side_table import SideTable

#: The grade value of a question that is deliberately not graded (e.g. PEEL 2016 specialist capabilities).
UNGRADED = "ungraded"

Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$", max_length=64)]
Colour = Annotated[str, Field(pattern=r"^#[0-9A-Fa-f]{6}$")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class GradeDefinition(Strict):
    """One level of a grading scale."""

    id: Slug
    label: str = Field(min_length=1)
    colour: Colour
    #: Text colour that reads well on ``colour`` (for badges and shaded table cells).
    text_colour: Colour = "#000000"
    positive: bool
    definition: str = ""

    @field_validator("id")
    @classmethod
    def _not_reserved(cls, value: str) -> str:
        if value == UNGRADED:
            raise ValueError(f"'{UNGRADED}' is reserved for ungraded questions")
        return value


class GradingScale(Strict):
    """Grades from best to worst; the order gives the direction of travel."""

    grades: list[GradeDefinition] = Field(min_length=2)
    ungraded_label: str = "Ungraded"
    not_graded_label: str = "Not yet graded"

    @field_validator("grades")
    @classmethod
    def _unique_ids(cls, grades: list[GradeDefinition]) -> list[GradeDefinition]:
        ids = [grade.id for grade in grades]
        if len(set(ids)) != len(ids):
            raise ValueError("grade ids must be unique")
        return grades

    def get(self, grade_id: str) -> GradeDefinition | None:
        return next((grade for grade in self.grades if grade.id == grade_id), None)

    def rank(self, grade_id: str) -> int | None:
        """0 for the best grade, growing downwards; None for ungraded or unknown."""
        return next((n for n, grade in enumerate(self.grades) if grade.id == grade_id), None)

    def label(self, grade_id: str | None) -> str:
        if grade_id is None:
            return self.not_graded_label
        if grade_id == UNGRADED:
            return self.ungraded_label
        grade = self.get(grade_id)
        return grade.label if grade else grade_id

    def valid_values(self) -> set[str]:
        return {grade.id for grade in self.grades} | {UNGRADED}


class DiagnosticQuestion(Strict):
    """A prompt under a core question that inspectors gather evidence against."""

    id: Slug
    text: str = Field(min_length=1)


_QUESTION_OPENING = re.compile(
    r"^How (?:effective|effectively|well) (?:is|are|does|do) (?:the )?(?:force|constabulary)(?:’s|'s)?(?: at)? ",
    re.IGNORECASE,
)


class CoreQuestion(Strict):
    id: Slug
    number: str = Field(min_length=1)
    text: str = Field(min_length=1)
    graded: bool = True
    diagnostics: list[DiagnosticQuestion] = Field(default_factory=list)
    suggested_themes: list[str] = Field(default_factory=list)
    #: The programme's standard opening text for this question, copied into a new inspection to edit.
    opening: list[Block] = Field(default_factory=list)

    def diagnostic(self, diagnostic_id: str) -> DiagnosticQuestion | None:
        return next((d for d in self.diagnostics if d.id == diagnostic_id), None)

    @property
    def short_label(self) -> str:
        """What tells the question apart from its siblings, for narrow lists:
        "How effective is the force at investigating offending?" -> "Investigating offending"."""
        rest = _QUESTION_OPENING.sub("", self.text).rstrip("?").strip()
        if not rest or rest == self.text.rstrip("?"):
            return self.text
        return rest[:1].upper() + rest[1:]


class Pillar(Strict):
    """A headline question ("How effective is the force at …?") with its core questions."""

    id: Slug
    title: str = Field(min_length=1)
    question: str = Field(min_length=1)
    #: Whether the pillar itself receives a grade (PEEL does; the 2014 crime inspection did not).
    graded: bool = True
    questions: list[CoreQuestion] = Field(min_length=1)


class StandardTexts(Strict):
    """Programme text that every report carries; editable per inspection after it is copied in."""

    introduction: list[Block] = Field(default_factory=list)
    methodology: list[Block] = Field(default_factory=list)
    judgement_meanings: list[Block] = Field(default_factory=list)


class ReportLayout(StrEnum):
    CRIME_INSPECTION_2014 = "crime_inspection_2014"
    PEEL_PILLAR = "peel_pillar"


#: The protective markings an inspection may carry (the Government Security Classifications; "OFFICIAL-
#: SENSITIVE" is OFFICIAL with the handling caveat inspection material usually needs).
DEFAULT_MARKINGS = ("OFFICIAL", "OFFICIAL-SENSITIVE")


class ReportSettings(Strict):
    """How the Word report is laid out and titled. Templates may use {force} and {force_short}.

    ``layout``: the published layout the report starts from (:data:`~.report_layout.PRESETS`);
    ``sections`` and ``question``, where given, replace the preset's (file format 4). ``compare_with_last_year``:
    whether last year's grades and the direction of travel apply (PEEL 2021/22's must not be compared).
    ``markings``: the protective markings this programme's reports may carry, offered for an inspection
    (file format 3).
    """

    layout: ReportLayout
    title: str = Field(min_length=1)
    running_header: str = ""
    markings: list[Annotated[str, Field(min_length=1, max_length=80)]] = Field(
        default_factory=lambda: list(DEFAULT_MARKINGS)
    )
    sections: list[Section] | None = Field(default=None, min_length=1)
    question: QuestionLayout | None = None
    compare_with_last_year: bool = True

    @property
    def spec(self) -> LayoutSpec:
        """The layout in full: the preset's, with this framework's own sections and question layout."""
        preset = PRESETS[ReportLayout(self.layout)]
        if self.sections is None and self.question is None:
            return preset
        return LayoutSpec(
            sections=self.sections or preset.sections, question=self.question or preset.question
        )


class HouseStyle(Strict):
    """The programme's own style choices, which the house-style advice follows rather than contradicts.

    ``per_cent``: how prose writes the word ("per cent", or "percent" as the 2014 and PEEL 2016 reports
    do). ``afi_openings``: the openings an area for improvement may have besides "The force should"
    (PEEL 2016 writes "The force needs to …", "The force still needs to …").
    """

    per_cent: Literal["per cent", "percent"] = "per cent"
    afi_openings: list[str] = Field(default_factory=list)


class Acronym(Strict):
    short: str = Field(min_length=1)
    expansion: str = Field(min_length=1)


_PLACEHOLDER = re.compile(r"{(\w*)}")
_ALLOWED_PLACEHOLDERS = {"force", "force_short"}


class Framework(Strict):
    id: Slug
    title: str = Field(min_length=1)
    version: str = Field(min_length=1)
    #: The inspection programme it belongs to ("PEEL", "Crime inspection"): the New dialog groups by it.
    programme: str = Field(default="", max_length=200)
    #: Where the wording comes from, so nobody mistakes entered text for invented text.
    source: str = ""
    scale: GradingScale
    pillars: list[Pillar] = Field(min_length=1)
    standard_texts: StandardTexts = Field(default_factory=StandardTexts)
    report: ReportSettings
    acronyms: list[Acronym] = Field(default_factory=list)
    house_style: HouseStyle = Field(default_factory=HouseStyle)
    #: Kinds of finding this programme adds to the built-in ones (file format 4).
    finding_kinds: list[FindingKind] = Field(default_factory=list)

    @model_validator(mode="after")
    def _ids_unique_and_templates_known(self) -> Framework:
        seen: set[str] = set()
        for pillar in self.pillars:
            for question in pillar.questions:
                if question.id in seen:
                    raise ValueError(f"question id '{question.id}' is used twice")
                seen.add(question.id)
                diagnostic_ids = [d.id for d in question.diagnostics]
                if len(set(diagnostic_ids)) != len(diagnostic_ids):
                    raise ValueError(f"question '{question.id}' repeats a diagnostic id")
        kinds = [kind.id for kind in self.finding_kinds]
        if len(set(kinds)) != len(kinds) or set(kinds) & set(BUILT_IN_FINDINGS):
            raise ValueError("finding kind ids must be unique and differ from the built-in findings")
        question_layout = self.report.question
        if question_layout is not None:
            unknown = set(question_layout.findings) - set(BUILT_IN_FINDINGS) - set(kinds)
            if unknown:
                raise ValueError(
                    f"report.question.findings: '{sorted(unknown)[0]}' is neither a built-in finding "
                    f"({', '.join(BUILT_IN_FINDINGS)}) nor one of the framework's finding kinds"
                )
        templates = [
            (self.report.title, _ALLOWED_PLACEHOLDERS),
            (self.report.running_header, _ALLOWED_PLACEHOLDERS),
        ]
        for section in self.report.sections or []:
            for name in ("heading", "observations_heading", "questions_heading"):
                allowed = _ALLOWED_PLACEHOLDERS | ({"pillar"} if name == "questions_heading" else set())
                templates.append((getattr(section, name, ""), allowed))
        for template, allowed in templates:
            unknown = set(_PLACEHOLDER.findall(template)) - allowed
            if unknown:
                raise ValueError(f"unknown placeholder {{{sorted(unknown)[0]}}} in report settings")
        return self

    def questions(self) -> list[CoreQuestion]:
        return [question for pillar in self.pillars for question in pillar.questions]

    def question(self, question_id: str) -> CoreQuestion | None:
        """The question with this id, or None (indexed: a framework may hold thousands of questions)."""
        index = _question_indexes.get(self)
        question = index.get(question_id)
        if question is None or question.id != question_id:
            index.clear()
            index.update((q.id, q) for q in self.questions())  # questions added since the index was made
            question = index.get(question_id)
        return question

    def core(self, question_id: str) -> CoreQuestion:
        """The question with this id; KeyError when the framework has none (an inspection always has)."""
        question = self.question(question_id)
        if question is None:
            raise KeyError(question_id)
        return question

    def question_label(self, question_id: str) -> str:
        """How the app names a question: "Question 1"; "Efficiency › Question 1" when the framework has
        several pillars, each numbering its questions from 1."""
        core = self.question(question_id)
        if core is None:
            return f"Question '{question_id}'"
        pillar = self.pillar_of(question_id) if len(self.pillars) > 1 else None
        return f"{pillar.title} › Question {core.number}" if pillar is not None else f"Question {core.number}"

    def pillar_of(self, question_id: str) -> Pillar | None:
        return next((p for p in self.pillars if any(q.id == question_id for q in p.questions)), None)

    def finding_order(self) -> list[str]:
        """The findings a question prints, in order: the layout's; with a preset's, the framework's own
        finding kinds after the areas for improvement."""
        order = list(self.report.spec.question.findings)
        if self.report.question is None and self.finding_kinds:
            at = order.index("areas_for_improvement") + 1 if "areas_for_improvement" in order else len(order)
            order[at:at] = [kind.id for kind in self.finding_kinds]
        return order

    def finding_kind(self, kind_id: str) -> FindingKind | None:
        return next((kind for kind in self.finding_kinds if kind.id == kind_id), None)

    def pillar(self, pillar_id: str) -> Pillar | None:
        return next((p for p in self.pillars if p.id == pillar_id), None)


_question_indexes: SideTable[Framework, dict[str, CoreQuestion]] = SideTable(
    lambda framework: {q.id: q for q in framework.questions()}
)
