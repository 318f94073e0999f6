"""Hypothesis strategies for whole inspections, built through the domain's own constructors."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from inspector_app import bundled
from inspector_app.domain.blocks import Bullet, DataTable, Figure, Paragraph
from inspector_app.domain.framework import Framework
from inspector_app.domain.inspection import (
    AreaForImprovement,
    CauseOfConcern,
    EvidenceItem,
    Footnote,
    Inspection,
    NarrativeSection,
    Recommendation,
    SourceType,
    Status,
    SummaryItem,
    new_inspection,
)

FRAMEWORKS = {f.id: f for f in bundled.frameworks()}

# Any Unicode a user can type or paste, except lone surrogates, which cannot be stored (tested apart).
text = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)
short_lists = lambda element: st.lists(element, max_size=3)  # noqa: E731
dates = st.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 31))


@st.composite
def blocks(draw):
    kind = draw(st.sampled_from(["paragraph", "bullet", "figure", "table"]))
    if kind == "paragraph":
        return Paragraph(text=draw(text))
    if kind == "bullet":
        return Bullet(text=draw(text), level=draw(st.integers(0, 2)))
    if kind == "figure":
        return Figure(caption=draw(text))
    width = draw(st.integers(1, 3))
    return DataTable(
        caption=draw(text),
        columns=draw(st.lists(text, min_size=width, max_size=width)),
        rows=draw(st.lists(st.lists(text, min_size=width, max_size=width), max_size=3)),
        note=draw(text),
    )


def recommendations():
    return st.builds(Recommendation, text=text, timescale=text, sub_points=short_lists(text))


@st.composite
def inspections(draw) -> Inspection:
    framework: Framework = FRAMEWORKS[draw(st.sampled_from(sorted(FRAMEWORKS)))]
    inspection = new_inspection(
        framework, draw(text.filter(bool)), draw(text), authors=draw(short_lists(text))
    )
    inspection.status = draw(st.sampled_from(list(Status)))
    inspection.published = draw(st.none() | dates)
    grades = st.none() | st.sampled_from(sorted(framework.scale.valid_values()))
    core = {q.id: q for q in framework.questions()}
    for question in inspection.questions:
        question.grade = draw(grades)
        question.last_year_grade = draw(grades)
        question.sections = draw(
            short_lists(st.builds(NarrativeSection, theme=text, blocks=st.lists(blocks(), max_size=4)))
        )
        question.summary = draw(short_lists(st.builds(SummaryItem, text=text)))
        question.areas_for_improvement = draw(
            short_lists(st.builds(AreaForImprovement, text=text, sub_points=short_lists(text)))
        )
        question.causes_of_concern = draw(
            short_lists(
                st.builds(
                    CauseOfConcern, text=text, lead_in=text, recommendations=short_lists(recommendations())
                )
            )
        )
        question.recommendations = draw(short_lists(recommendations()))
        question.footnotes = draw(short_lists(st.builds(Footnote, label=text.filter(bool), text=text)))
    for pillar in inspection.pillars:
        pillar.grade = draw(st.none() | st.sampled_from([g.id for g in framework.scale.grades]))
        pillar.summary = draw(st.lists(blocks(), max_size=3))
    for _ in range(draw(st.integers(0, 6))):
        question_id = draw(st.none() | st.sampled_from(sorted(core)))
        diagnostics = [d.id for d in core[question_id].diagnostics] if question_id else []
        inspection.evidence.append(
            EvidenceItem(
                source_type=draw(st.sampled_from(list(SourceType))),
                title=draw(text),
                text=draw(text),
                date=draw(st.none() | dates),
                collector=draw(text),
                reference=draw(text),
                question_id=question_id,
                diagnostic_id=draw(st.none() | st.sampled_from(diagnostics)) if diagnostics else None,
                illustrative=draw(st.booleans()),
            )
        )
    records = inspection.citing_records()
    for item in inspection.evidence:
        if records and draw(st.booleans()):
            draw(st.sampled_from(records)).evidence_ids.append(item.id)
    inspection.check_integrity()
    return inspection
