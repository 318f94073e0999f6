"""A framework whose report layout is data of its own (issue 15, item 2), in the shape of PEEL 2021/22:
a five-level scale, a judgements table instead of pillar pages, areas for improvement before the
narrative, a finding kind of its own ("innovative or promising practice"), grades not compared with
last year's, and a force page."""

from __future__ import annotations

import json
from typing import Any

from inspector_app import bundled
from inspector_app.domain.framework import Framework

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
