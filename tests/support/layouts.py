"""A framework whose report layout is data of its own (issue 15, item 2), in the shape of PEEL 2021/22:
a five-level scale, a judgements table instead of pillar pages, areas for improvement before the
narrative, a finding kind of its own ("innovative or promising practice"), grades not compared with
last year's, and a force page."""

from __future__ import annotations

import json
from typing import Any

from inspector_app import bundled
from inspector_app.domain.blocks import Paragraph
from inspector_app.domain.framework import Framework
from inspector_app.domain.inspection import (
    AreaForImprovement,
    Finding,
    Inspection,
    NarrativeSection,
    new_inspection,
)

INNOVATIVE = "innovative_practice"
INNOVATIVE_HEADING = "Innovative or promising practice"


def data_layout_document(**report: Any) -> dict[str, Any]:
    """The framework as JSON, ``report`` overriding its report settings."""
    document = json.loads(bundled.resource("frameworks", "peel-2016-effectiveness.json").read_text("utf-8"))
    document.update(id="data-layout", version="2022", title="Data layout programme", programme="Test")
    document["scale"]["grades"].insert(
        2,
        {
            "id": "adequate",
            "label": "Adequate",
            "colour": "#FFD966",
            "text_colour": "#000000",
            "positive": True,
        },
    )
    document["finding_kinds"] = [
        {"id": INNOVATIVE, "heading": INNOVATIVE_HEADING, "item": "Promising practice"}
    ]
    document["report"].update(
        title="{force_short} data layout report",
        compare_with_last_year=False,
        sections=[
            {"kind": "title_page"},
            {"kind": "contents", "levels": 2, "new_page": False},
            {"kind": "judgements_table", "last_year": True},
            {"kind": "force_page", "observations_heading": "HMI's observations"},
            {"kind": "questions"},
        ],
        question={
            "heading_level": 2,
            "numbered": True,
            "grade": "first",
            "findings": ["areas_for_improvement", "narrative", INNOVATIVE, "summary"],
        },
    )
    document["report"].update(report)
    return document


def data_layout_framework(**report: Any) -> Framework:
    return Framework.model_validate(data_layout_document(**report))


def written(framework: Framework) -> Inspection:
    """An inspection of ``framework`` with findings of every kind the layout prints on its first question,
    a pillar summary of two paragraphs and the force page's observations."""
    inspection = new_inspection(framework, "Kent Police", "Kent")
    first = inspection.questions[0]
    first.grade = "adequate"
    first.last_year_grade = "good"
    first.sections = [NarrativeSection(theme="Call handling", blocks=[Paragraph(text="Calls are answered.")])]
    first.areas_for_improvement = [AreaForImprovement(text="The force should answer calls faster.")]
    innovative = inspection.findings_of_kind(first.question_id, INNOVATIVE)
    assert innovative is not None
    innovative.items = [Finding(text="A triage desk in the control room.", sub_points=["Staffed at night"])]
    inspection.pillars[0].summary = [Paragraph(text="Kent is adequate at this."), Paragraph(text="More.")]
    inspection.observations = [Paragraph(text="The force has come a long way.")]
    inspection.observations_by = "A. Inspector, HM Inspector of Constabulary"
    return inspection
