"""The inspection (assessment): what the inspectors found and judged against one framework.

Plain pydantic, no Qt. The model is mutable so that editing operations (:mod:`.editing`) can change it in
place and the GUI's undo commands can reverse them; :meth:`Inspection.check_integrity` re-states the
cross-record rules that field validation alone cannot see.
"""

from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .blocks import Block, Bullet, Cites, Paragraph, Record
from .framework import UNGRADED, Framework
from .side_table import SideTable

#: A new inspection's marking: drafts hold unpublished findings about a force.
DEFAULT_MARKING = "OFFICIAL-SENSITIVE"

R = TypeVar("R", bound=Record)


class Status(StrEnum):
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    FINAL = "final"


class SourceType(StrEnum):
    INTERVIEW = "interview"
    FOCUS_GROUP = "focus_group"
    DOCUMENT_REVIEW = "document_review"
    DATA = "data"
    CASE_FILE_REVIEW = "case_file_review"
    OBSERVATION = "observation"
    UNANNOUNCED_VISIT = "unannounced_visit"
    SURVEY = "survey"
    OTHER = "other"

    @property
    def label(self) -> str:
        return SOURCE_TYPE_LABELS[self]


SOURCE_TYPE_LABELS = {
    SourceType.INTERVIEW: "Interview",
    SourceType.FOCUS_GROUP: "Focus group",
    SourceType.DOCUMENT_REVIEW: "Document review",
    SourceType.DATA: "Data",
    SourceType.CASE_FILE_REVIEW: "Case-file review",
    SourceType.OBSERVATION: "Observation / reality testing",
    SourceType.UNANNOUNCED_VISIT: "Unannounced visit",
    SourceType.SURVEY: "Survey",
    SourceType.OTHER: "Other",
}


class Force(BaseModel):
    model_config = ConfigDict(extra="forbid")

    #: As the report names it: "Hertfordshire Constabulary".
    name: str = Field(min_length=1)
    #: The area alone, for titles such as "Hertfordshire PEEL 2016"; defaults to the name.
    short_name: str = ""

    @property
    def short(self) -> str:
        return self.short_name or self.name


class EvidenceItem(Record):
    """Something an inspector saw, heard or read, recorded against a question (and maybe a diagnostic)."""

    source_type: SourceType = SourceType.OTHER
    title: str = ""
    text: str = ""
    date: dt.date | None = None
    collector: str = ""
    reference: str = ""
    question_id: str | None = None
    diagnostic_id: str | None = None
    #: Written to illustrate the app (the bundled samples), not gathered in a real inspection.
    illustrative: bool = False


class SummaryItem(Cites):
    text: str = ""


class AreaForImprovement(Cites):
    """ "The force should …", optionally with nested points (as in PEEL 2016 specialist capabilities)."""

    text: str = ""
    sub_points: list[str] = Field(default_factory=list)


class Recommendation(Cites):
    """A required action. ``timescale`` ("Within three months") is also printed if the text omits it."""

    text: str = ""
    timescale: str = ""
    #: Lettered (a), (b), (c) points under the recommendation.
    sub_points: list[str] = Field(default_factory=list)


class Finding(Cites):
    """A finding of a kind the framework adds (``Framework.finding_kinds``), e.g. innovative practice."""

    text: str = ""
    sub_points: list[str] = Field(default_factory=list)


class FindingList(Record):
    """A question's findings of one of the framework's own kinds (file format 4)."""

    finding_kind: str
    items: list[Finding] = Field(default_factory=list)


class CauseOfConcern(Cites):
    text: str = ""
    #: The sentence before the recommendations: "To address this cause of concern HMIC recommends …".
    lead_in: str = ""
    recommendations: list[Recommendation] = Field(default_factory=list)


class NarrativeSection(Record):
    """Narrative under a theme heading; ``theme`` is empty for opening text that has no heading."""

    theme: str = ""
    blocks: list[Block] = Field(default_factory=list)


class Footnote(Record):
    """Referenced from text as ``[^label]``; the export turns the marker into a Word footnote."""

    label: str = Field(min_length=1)
    text: str = ""


class QuestionAssessment(Record):
    question_id: str
    #: None: not yet graded; a grade id of the framework's scale; or ``"ungraded"``.
    grade: str | None = None
    last_year_grade: str | None = None
    #: The judgement is carried over from last year: the question was not inspected again, last year's
    #: grade stands and needs no new evidence (PEEL 2018/19 marks such judgements; file format 3).
    carried_over: bool = False
    sections: list[NarrativeSection] = Field(default_factory=list)
    #: Short paragraphs for the judgement grid; when empty the summary bullets stand in.
    grid_summary: list[Paragraph] = Field(default_factory=list)
    summary: list[SummaryItem] = Field(default_factory=list)
    areas_for_improvement: list[AreaForImprovement] = Field(default_factory=list)
    causes_of_concern: list[CauseOfConcern] = Field(default_factory=list)
    #: Recommendations that stand alone, not under a cause of concern (the 2014 crime inspection's form).
    recommendations: list[Recommendation] = Field(default_factory=list)
    #: Findings of the framework's own kinds, one list per kind in the framework's order (file format 4).
    other_findings: list[FindingList] = Field(default_factory=list)
    footnotes: list[Footnote] = Field(default_factory=list)
    #: Text after the findings, e.g. a note that the force was revisited.
    notes: list[Block] = Field(default_factory=list)


class PillarAssessment(Record):
    pillar_id: str
    grade: str | None = None
    last_year_grade: str | None = None
    #: The pillar's own "Last updated" date, where a programme's pillars are published apart (PEEL 2016:
    #: effectiveness in March, legitimacy in December); None: the report's (file format 3).
    published: dt.date | None = None
    summary: list[Block] = Field(default_factory=list)


class ReviewComment(Record):
    """A reviewer's comment on a finding (or any record: ``target_id``), open or resolved; kept in the file
    for the team, never printed in the report (file format 6)."""

    target_id: uuid.UUID
    author: Annotated[str, Field(max_length=200)] = ""
    text: str = ""
    created: dt.datetime | None = None
    resolved: bool = False
    resolved_by: Annotated[str, Field(max_length=200)] = ""


class Inspection(Record):
    force: Force
    framework: Framework
    status: Status = Status.DRAFT
    authors: list[str] = Field(default_factory=list)
    created: dt.date = Field(default_factory=dt.date.today)
    fieldwork_start: dt.date | None = None
    fieldwork_end: dt.date | None = None
    #: The report's "Last updated" date.
    published: dt.date | None = None
    pillars: list[PillarAssessment] = Field(default_factory=list)
    questions: list[QuestionAssessment] = Field(default_factory=list)
    #: The programme's standard texts as edited for this report.
    introduction: list[Block] = Field(default_factory=list)
    methodology: list[Block] = Field(default_factory=list)
    evidence: list[EvidenceItem] = Field(default_factory=list)
    #: Words the spelling check and the underline accept in this inspection ("Ignore" in the editor's
    #: menu): names and terms of this report only. Added in file format 2.
    spelling_ignored: list[str] = Field(default_factory=list)
    #: The protective marking printed at the top and bottom of every page of the report ("" for none), one
    #: of the framework's ``report.markings`` as a rule. Added in file format 3.
    marking: Annotated[str, Field(max_length=80)] = DEFAULT_MARKING
    #: The force page's observations (PEEL 2016: "HMI's observations") and who made them, as printed
    #: under them ("Zoë Billingham, HM Inspector of Constabulary"). Added in file format 4.
    observations: list[Block] = Field(default_factory=list)
    observations_by: Annotated[str, Field(max_length=300)] = ""
    #: Reviewers' comments on findings, never printed (file format 6).
    comments: list[ReviewComment] = Field(default_factory=list)
    #: Who signed the report off as final, and when (file format 6): set when the status becomes final.
    signed_off_by: Annotated[str, Field(max_length=200)] = ""
    signed_off_on: dt.date | None = None

    @model_validator(mode="after")
    def _complete_and_consistent(self) -> Inspection:
        self._add_missing_assessments()
        self.check_integrity()
        return self

    def _add_missing_assessments(self) -> None:
        """Every framework pillar and question has an assessment, in framework order.

        Assessments the framework does not know, or repeats, are kept after the others so that
        check_integrity reports them instead of silently dropping what they hold.
        """
        self.questions = _in_framework_order(
            self.questions, [q.id for q in self.framework.questions()], "question_id", QuestionAssessment
        )
        self.pillars = _in_framework_order(
            self.pillars, [p.id for p in self.framework.pillars], "pillar_id", PillarAssessment
        )
        kinds = [kind.id for kind in self.framework.finding_kinds]
        for question in self.questions:
            if kinds or question.other_findings:
                question.other_findings = _in_framework_order(
                    question.other_findings, kinds, "finding_kind", FindingList
                )

    def check_integrity(self) -> None:
        """Raise ValueError naming the field when records contradict the framework or each other."""
        valid_grades = self.framework.scale.valid_values()
        pillar_ids = {p.id for p in self.framework.pillars}
        for n, pillar in enumerate(self.pillars):
            if pillar.pillar_id not in pillar_ids:
                raise ValueError(
                    f"{_at('pillars', n, 'pillar_id')}: '{pillar.pillar_id}' is not a pillar of the framework"
                )
            for field in ("grade", "last_year_grade"):
                value = getattr(pillar, field)
                if value is not None and value not in valid_grades:
                    raise ValueError(
                        f"{_at('pillars', n, field)}: '{value}' is not a grade of the framework's scale"
                    )
        seen: set[str] = set()
        for n, question in enumerate(self.questions):
            if self.framework.question(question.question_id) is None:
                raise ValueError(
                    f"{_at('questions', n, 'question_id')}: '{question.question_id}' is not a question of the framework"
                )
            if question.question_id in seen:
                raise ValueError(
                    f"{_at('questions', n, 'question_id')}: '{question.question_id}' is assessed twice"
                )
            seen.add(question.question_id)
            for field in ("grade", "last_year_grade"):
                value = getattr(question, field)
                if value is not None and value not in valid_grades:
                    raise ValueError(
                        f"{_at('questions', n, field)}: '{value}' is not a grade of the framework's scale"
                    )
            kinds_seen: set[str] = set()
            for m, found in enumerate(question.other_findings):
                where = f"{_at('questions', n, 'other_findings')} › item {m + 1} › finding_kind"
                if self.framework.finding_kind(found.finding_kind) is None:
                    raise ValueError(
                        f"{where}: '{found.finding_kind}' is not a finding kind of the framework"
                    )
                if found.finding_kind in kinds_seen:
                    raise ValueError(f"{where}: '{found.finding_kind}' has two lists")
                kinds_seen.add(found.finding_kind)
        core_questions = {q.id: q for q in self.framework.questions()}
        diagnostics = {(q.id, d.id) for q in core_questions.values() for d in q.diagnostics}
        for n, item in enumerate(self.evidence):
            question_id, diagnostic_id = item.question_id, item.diagnostic_id
            if diagnostic_id is None and (question_id is None or question_id in core_questions):
                continue
            if question_id is None:
                raise ValueError(f"{_at('evidence', n, 'diagnostic_id')}: set without a question")
            if question_id not in core_questions:
                raise ValueError(
                    f"{_at('evidence', n, 'question_id')}: '{question_id}' is not a question of the framework"
                )
            if (question_id, diagnostic_id) not in diagnostics:
                raise ValueError(
                    f"{_at('evidence', n, 'diagnostic_id')}: '{diagnostic_id}' is not a diagnostic of question "
                    f"{core_questions[question_id].number}"
                )

    # -- lookups --------------------------------------------------------------------------------------

    def question(self, question_id: str) -> QuestionAssessment:
        """The assessment of a framework question (indexed; KeyError when there is none)."""
        index = _assessment_indexes.get(self)
        key = (id(self.questions), len(self.questions))  # the list replaced or grown: index it again
        question = index.get(question_id) if index.get("") == key else None
        if question is None or question.question_id != question_id:
            index.clear()
            index.update((q.question_id, q) for q in reversed(self.questions))  # the first one wins
            index[""] = key
            question = index.get(question_id)
            if not isinstance(question, QuestionAssessment):
                raise KeyError(question_id)
        return question

    def findings_of_kind(self, question_id: str, kind_id: str) -> FindingList | None:
        """A question's list of findings of one of the framework's own kinds."""
        found = self.question(question_id).other_findings
        return next((f for f in found if f.finding_kind == kind_id), None)

    def pillar(self, pillar_id: str) -> PillarAssessment:
        for pillar in self.pillars:
            if pillar.pillar_id == pillar_id:
                return pillar
        raise KeyError(pillar_id)

    def evidence_item(self, evidence_id: uuid.UUID) -> EvidenceItem:
        for item in self.evidence:
            if item.id == evidence_id:
                return item
        raise KeyError(evidence_id)

    def evidence_for(self, question_id: str) -> list[EvidenceItem]:
        return [item for item in self.evidence if item.question_id == question_id]

    def is_graded(self, question_id: str) -> bool:
        question = self.question(question_id)
        return question.grade is not None

    def citing_records(self) -> list[Cites]:
        """Every finding that can cite evidence, in report order."""
        found: list[Cites] = []
        for question in self.questions:
            for section in question.sections:
                found.extend(b for b in section.blocks if isinstance(b, (Paragraph, Bullet)))
            found.extend(question.summary)
            found.extend(question.areas_for_improvement)
            for cause in question.causes_of_concern:
                found.append(cause)
                found.extend(cause.recommendations)
            found.extend(question.recommendations)
            for other in question.other_findings:
                found.extend(other.items)
        return found


#: question id → assessment, and under "" the (list identity, length) the index was made for.
_assessment_indexes: SideTable[Inspection, dict[str, Any]] = SideTable(lambda _: {})


def _at(collection: str, index: int, field: str) -> str:
    """A place in the file as the loader's messages name it: "questions › item 3 › grade"."""
    return f"{collection} › item {index + 1} › {field}"


def _in_framework_order(records: list[R], framework_ids: list[str], key: str, factory: type[R]) -> list[R]:
    first: dict[str, R] = {}
    rest = []
    for record in records:
        if getattr(record, key) in first:
            rest.append(record)
        else:
            first[getattr(record, key)] = record
    ordered = [first.pop(fid, None) or factory(**{key: fid}) for fid in framework_ids]
    return ordered + list(first.values()) + rest


def new_inspection(
    framework: Framework,
    force_name: str,
    force_short_name: str = "",
    authors: list[str] | None = None,
    fieldwork_start: dt.date | None = None,
    fieldwork_end: dt.date | None = None,
) -> Inspection:
    """A fresh draft: the framework's standard texts and question openings copied in to be edited."""
    snapshot = framework.model_copy(deep=True)
    questions = [
        QuestionAssessment(
            question_id=q.id,
            grade=None if q.graded else UNGRADED,
            sections=[NarrativeSection(blocks=_fresh_copies(q.opening))] if q.opening else [],
        )
        for q in snapshot.questions()
    ]
    return Inspection(
        force=Force(name=force_name, short_name=force_short_name),
        framework=snapshot,
        authors=list(authors or []),
        fieldwork_start=fieldwork_start,
        fieldwork_end=fieldwork_end,
        questions=questions,
        introduction=_fresh_copies(snapshot.standard_texts.introduction),
        methodology=_fresh_copies(snapshot.standard_texts.methodology),
    )


def _fresh_copies(blocks: list[Block]) -> list[Block]:
    """Copies with new ids, so two inspections made from one framework never share record ids."""
    return [block.model_copy(update={"id": uuid.uuid4()}, deep=True) for block in blocks]
