"""Where a finding is: a module of its own so that the engine and the report's text both use it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass


@dataclass(frozen=True)
class Place:
    """Where a finding is, for a person (``label``) and for the GUI to go there (the other fields).

    ``question_id``: the framework question, or None for report-wide places (pillar summary,
    introduction, methodology, evidence not linked to a question).
    ``field``: the part of the inspection, named after the model's fields: "grade", "sections",
    "grid_summary", "summary", "areas_for_improvement", "areas_for_improvement.sub_points",
    "causes_of_concern", "causes_of_concern.lead_in", "causes_of_concern.recommendations" (with
    ".sub_points" and ".timescale"), "recommendations" (likewise), "footnotes", "notes", "diagnostics",
    "evidence", "pillars.grade", "pillars.summary", "introduction", "methodology", "other_findings" (with
    ".sub_points"), "observations", "observations_by". For a sub-point,
    lead-in or timescale ``record_id`` is the record that holds it.
    ``record_id``: the record to select (a paragraph, an area for improvement, an evidence item…), or None.
    ``label``: e.g. "Question 3 › Area for improvement 2".
    ``word``: the word the finding is about (a misspelling), for the GUI to select; "" for none.
    """

    question_id: str | None
    field: str
    record_id: uuid.UUID | None
    label: str
    word: str = ""
