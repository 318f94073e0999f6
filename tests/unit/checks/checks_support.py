"""Inspections for the checks' tests: a clean PEEL report that no rule faults, and small helpers."""

from __future__ import annotations

import datetime as dt

from inspector_app import bundled
from inspector_app.domain.blocks import Paragraph
from inspector_app.domain.checks import Finding, run_checks
from inspector_app.domain.inspection import (
    AreaForImprovement,
    CauseOfConcern,
    EvidenceItem,
    Inspection,
    NarrativeSection,
    Recommendation,
    SourceType,
    Status,
    SummaryItem,
    new_inspection,
)

PEEL = "peel-2016-effectiveness"
CRIME = "crime-inspection-2014"


def evidence(
    inspection: Inspection,
    question_id: str,
    source_type: SourceType,
    diagnostic_id: str | None = None,
    **fields,
) -> EvidenceItem:
    item = EvidenceItem(
        source_type=source_type,
        title=fields.pop("title", f"{source_type.label} for {question_id}"),
        question_id=question_id,
        diagnostic_id=diagnostic_id,
        date=dt.date(2016, 6, 1),
        **fields,
    )
    inspection.evidence.append(item)
    return item


def clean_peel(status: Status = Status.FINAL) -> Inspection:
    """A PEEL 2016 report every rule passes: graded, triangulated, cited, British and spelt out."""
    inspection = new_inspection(bundled.load_framework(PEEL), "Kent Police", "Kent", authors=["A. Inspector"])
    inspection.status = status
    if status == Status.FINAL:
        inspection.signed_off_by = "A. Lead"
    pillar = inspection.pillars[0]
    pillar.grade = "good"
    pillar.summary = [
        Paragraph(
            text="Kent Police has been assessed as good in respect of its effectiveness at keeping people safe and reducing crime."
        )
    ]
    sources = [SourceType.INTERVIEW, SourceType.DOCUMENT_REVIEW]
    for _n, question in enumerate(inspection.questions):
        core = inspection.framework.question(question.question_id)
        items = []
        for diagnostic in core.diagnostics or [None]:
            for source in sources:
                items.append(evidence(inspection, core.id, source, diagnostic.id if diagnostic else None))
        cited = [items[0].id]
        question.sections = [
            NarrativeSection(
                theme="Working with partners",
                blocks=[
                    Paragraph(
                        text="The force works well with partner organisations to protect communities and victims.",
                        evidence_ids=cited,
                    )
                ],
            )
        ]
        question.summary = [
            SummaryItem(text="The force understands the threats to its communities.", evidence_ids=cited)
        ]
        question.areas_for_improvement = [
            AreaForImprovement(
                text="The force should routinely evaluate and share effective practice.", evidence_ids=cited
            )
        ]
        if core.graded:
            question.grade = "good"
    return inspection


def add_cause(
    inspection: Inspection,
    question_id: str,
    *,
    recommendations: int = 1,
    lead_in: str = "",
    timescale: str = "Within three months",
) -> CauseOfConcern:
    cause = CauseOfConcern(
        text="It is a cause of concern that some call handlers are not identifying risk.",
        lead_in=lead_in,
        recommendations=[
            Recommendation(
                text="the force should review how call handlers assess risk;",
                timescale=timescale,
                evidence_ids=[inspection.evidence[0].id],
            )
            for _ in range(recommendations)
        ],
        evidence_ids=[inspection.evidence[0].id],
    )
    inspection.question(question_id).causes_of_concern.append(cause)
    return cause


def paragraph(inspection: Inspection, text: str, question_id: str = "preventing-crime") -> Paragraph:
    """Add a paragraph of report text to a question's first section."""
    block = Paragraph(text=text)
    inspection.question(question_id).sections[0].blocks.append(block)
    return block


def found(inspection: Inspection, rule: str, **kwargs) -> list[Finding]:
    kwargs.setdefault("speller", bundled.speller())
    return run_checks(inspection, only={rule}, **kwargs)


def messages(inspection: Inspection, rule: str, **kwargs) -> list[str]:
    return [f.message for f in found(inspection, rule, **kwargs)]
