"""Files beyond the documented caps (domain/limits.py) are refused with a message that names the cap."""

from __future__ import annotations

import json

import pytest

from inspector_app import bundled
from inspector_app.domain.inspection import new_inspection
from inspector_app.domain.limits import MAX_EVIDENCE_ITEMS, MAX_QUESTIONS, MAX_TEXT_CHARS, longest_text
from inspector_app.storage.errors import InspectionFileError, Problem
from inspector_app.storage.inspection_file import dumps_inspection, loads_inspection


def _document() -> dict:
    inspection = new_inspection(bundled.load_framework("peel-2016-effectiveness"), "Kent Police")
    return json.loads(dumps_inspection(inspection))


def _load(document: dict):
    return loads_inspection(json.dumps(document).encode("utf-8"), "big.inspection")


def test_too_many_evidence_items_are_refused_and_the_cap_itself_loads():
    document = _document()
    document["inspection"]["evidence"] = [{} for _ in range(MAX_EVIDENCE_ITEMS)]
    assert len(_load(document).evidence) == MAX_EVIDENCE_ITEMS
    document["inspection"]["evidence"].append({})
    with pytest.raises(
        InspectionFileError, match=r"50,001 evidence items; Inspector takes at most 50,000"
    ) as caught:
        _load(document)
    assert caught.value.problem is Problem.BEYOND_LIMITS


def test_a_framework_of_too_many_questions_is_refused():
    document = _document()
    pillar = document["inspection"]["framework"]["pillars"][0]
    template = pillar["questions"][0]
    pillar["questions"] = [
        {**template, "id": f"q{n}", "number": str(n), "diagnostics": []} for n in range(MAX_QUESTIONS + 1)
    ]
    document["inspection"]["questions"] = []
    with pytest.raises(InspectionFileError, match=r"501 questions; Inspector takes at most 500"):
        _load(document)


@pytest.mark.parametrize(
    ("where", "value"),
    [
        ("title", "x" * (MAX_TEXT_CHARS + 1)),
        ("authors", ["A. Inspector", "y" * (MAX_TEXT_CHARS + 1)]),
    ],
)
def test_a_text_longer_than_the_cap_is_refused(where, value):
    document = _document()
    if where == "authors":
        document["inspection"]["authors"] = value
    else:
        document["inspection"]["evidence"] = [{"title": value}]
    with pytest.raises(
        InspectionFileError, match=r"is 100,001 characters long; Inspector takes at most 100,000"
    ):
        _load(document)


def test_a_text_at_the_cap_loads_and_longest_text_finds_it():
    document = _document()
    document["inspection"]["evidence"] = [{"title": "t"}, {"text": "z" * MAX_TEXT_CHARS}]
    inspection = _load(document)
    length, record, field = longest_text(inspection)
    assert (length, field, record.id) == (MAX_TEXT_CHARS, "text", inspection.evidence[1].id)
