"""What a framework's report holds and in what order: the layout as data.

A report is a list of *sections* (title page, contents, judgement grid or judgements table, introduction,
methodology, force page, the pillars with their questions or the questions alone, the judgement meanings)
and a *question layout* (heading level, numbering, where the grade goes, the order of the findings).
The two published layouts are presets (:data:`PRESETS`, named by ``report.layout``); a framework may give
its own ``sections`` and ``question`` instead, and add finding kinds of its own (PEEL 2021/22's
"innovative or promising practice"). One engine (``export/layouts``) draws every layout, and the window
offers editors only for what the layout prints.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$", max_length=64)]
HeadingText = Annotated[str, Field(max_length=200)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TitlePage(_Strict):
    """The report's opening: its title, and where asked the subtitle and the pillars' grades.

    ``title``: "report" prints the framework's report title ("Hertfordshire PEEL 2016");
    "headline_question" prints the first pillar's question, as the 2014 crime inspection does, with the
    report title and the force beneath when ``subtitle``.
    """

    kind: Literal["title_page"] = "title_page"
    title: Literal["report", "headline_question"] = "report"
    subtitle: bool = False
    pillar_grades: bool = False


class OverallSummary(_Strict):
    """Every pillar's summary under one heading, on the title page (2014)."""

    kind: Literal["overall_summary"] = "overall_summary"
    heading: HeadingText = "Overall summary"


class Contents(_Strict):
    """The table of contents: the headings down to ``levels``."""

    kind: Literal["contents"] = "contents"
    heading: HeadingText = "Contents"
    levels: int = Field(default=1, ge=1, le=3)
    new_page: bool = True


class JudgementGrid(_Strict):
    """One column per question: the question, its grade, a short summary (2014; for a few questions)."""

    kind: Literal["judgement_grid"] = "judgement_grid"
    heading: HeadingText = "Summary of judgments"
    new_page: bool = True


class JudgementsTable(_Strict):
    """One row per question: the question and its grade (and last year's, where ``last_year``); it suits
    many questions, where a grid of columns would break words."""

    kind: Literal["judgements_table"] = "judgements_table"
    heading: HeadingText = "Summary of judgements"
    new_page: bool = True
    last_year: bool = False


class StandardText(_Strict):
    """The introduction or the methodology as edited for this report. ``when_empty`` "omit" leaves out a
    section nobody has written (and the window still offers its editor)."""

    kind: Literal["introduction", "methodology"]
    heading: HeadingText = ""
    new_page: bool = True
    when_empty: Literal["print", "omit"] = "print"

    @property
    def title(self) -> str:
        return self.heading or self.kind.capitalize()


class ForcePage(_Strict):
    """A force's page across a programme: each pillar's grade and its summary's first paragraph, then the
    inspector's observations and name (PEEL 2016's force page)."""

    kind: Literal["force_page"] = "force_page"
    heading: HeadingText = "Overview"
    observations_heading: HeadingText = "Inspector's observations"
    new_page: bool = True


class Pillars(_Strict):
    """Each pillar: its page (title, question, "Last updated" where ``last_updated``, grade, summary), then
    its questions under ``questions_heading`` ({pillar} is the pillar's title)."""

    kind: Literal["pillars"] = "pillars"
    last_updated: bool = True
    questions_heading: HeadingText = "Questions for {pillar}"


class Questions(_Strict):
    """Every question in framework order, with no pillar pages (each pillar's title over its questions
    where there are several, each numbering from 1); under ``heading`` where one is given, and from a new
    page (where the questions do not start each on its own)."""

    kind: Literal["questions"] = "questions"
    heading: HeadingText = ""
    new_page: bool = True


class JudgementMeanings(_Strict):
    """The framework's standard text on what each grade means, where it has one."""

    kind: Literal["judgement_meanings"] = "judgement_meanings"
    heading: HeadingText = "What each judgment means"
    new_page: bool = True


Section = Annotated[
    TitlePage
    | OverallSummary
    | Contents
    | JudgementGrid
    | JudgementsTable
    | StandardText
    | ForcePage
    | Pillars
    | Questions
    | JudgementMeanings,
    Field(discriminator="kind"),
]

#: The findings every inspection can hold, by the names ``QuestionLayout.findings`` orders them with.
BUILT_IN_FINDINGS = ("narrative", "causes_of_concern", "recommendations", "areas_for_improvement", "summary")


class QuestionLayout(_Strict):
    """How each question prints.

    ``heading_level``: its heading's level (its findings' headings one below). ``numbered``: its number
    printed before its heading ("3. How effective …"). ``grade``: its grade "first" (PEEL) or "last",
    after the findings and before the notes (2014). ``findings``: the findings in print order, by the names
    in :data:`BUILT_IN_FINDINGS` and the ids of the framework's finding kinds; a finding left out is not
    printed (and the window does not offer it). The notes always close the question.
    """

    heading_level: int = Field(default=2, ge=1, le=3)
    new_page: bool = False
    numbered: bool = True
    grade: Literal["first", "last"] = "first"
    findings: list[Slug] = Field(default_factory=lambda: list(BUILT_IN_FINDINGS))


class FindingKind(_Strict):
    """A kind of finding a programme adds to the built-in ones: ``heading`` over them in the report
    ("Innovative or promising practice"), ``item`` the name of one in the window."""

    id: Slug
    heading: HeadingText = Field(min_length=1)
    item: HeadingText = Field(min_length=1)


class LayoutSpec(_Strict):
    """A report layout in full: its sections in print order and how each question prints."""

    sections: list[Section] = Field(min_length=1)
    question: QuestionLayout = QuestionLayout()

    def section(self, kind: str) -> Section | None:
        """The first section of this kind, or None when the report has none."""
        return next((s for s in self.sections if s.kind == kind), None)

    def prints(self, kind: str) -> bool:
        return self.section(kind) is not None


#: The published layouts, as data. "crime_inspection_2014": the HMIC Crime inspection 2014 force report;
#: "peel_pillar": a PEEL 2016 pillar report.
PRESETS: dict[str, LayoutSpec] = {
    "crime_inspection_2014": LayoutSpec(
        sections=[
            TitlePage(title="headline_question", subtitle=True, pillar_grades=True),
            OverallSummary(),
            Contents(levels=1),
            JudgementGrid(),
            StandardText(kind="introduction"),
            StandardText(kind="methodology"),
            Questions(),
            JudgementMeanings(),
        ],
        question=QuestionLayout(heading_level=1, new_page=True, numbered=False, grade="last"),
    ),
    "peel_pillar": LayoutSpec(
        sections=[
            TitlePage(),
            Contents(levels=2, new_page=False),
            StandardText(kind="introduction", when_empty="omit"),
            StandardText(kind="methodology", when_empty="omit"),
            Pillars(),
        ],
        question=QuestionLayout(heading_level=2, numbered=True, grade="first"),
    ),
}
