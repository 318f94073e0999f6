"""The bundled samples run clean of errors; every warning and piece of advice they get is listed here.

Each is true of the published report the sample reproduces, so a change to this list means a rule
changed what it sees, which deserves a look.
"""

from __future__ import annotations

import pytest

from inspector_app import bundled
from inspector_app.domain.checks import Severity, personal_data_findings, run_checks
from inspector_app.storage.inspection_file import loads_inspection

CRIME = "hertfordshire-crime-inspection-2014"
PEEL = "hertfordshire-peel-2016-effectiveness"

EXPECTED = {
    CRIME: [
        # The 2014 report uses HMIC throughout without spelling it out.
        ("style.acronym-first-use", "Overall summary › Paragraph 5"),
        # The sample holds the chart's caption but not its image (the only warning either sample gets).
        ("figure.no-image", "Question 1 › Crime › Figure 1"),
    ],
    PEEL: [
        # The published page uses THRIIVES in the summary before spelling it out under question 3.
        ("style.acronym-first-use", "Effectiveness summary › Paragraph 4"),
        ("style.acronym-first-use", "Effectiveness summary › Paragraph 5"),  # HMIC, never spelt out
        # The sample cites no evidence for these two areas for improvement.
        ("evidence.finding-uncited", "Question 3 › Area for improvement 2"),
        ("evidence.finding-uncited", "Question 3 › Area for improvement 3"),
        ("style.acronym-first-use", "Question 3 › Notes › Paragraph 1"),  # HMICFRS
    ],
}


def _sample(name):
    return loads_inspection(bundled.sample(name).read_bytes(), name)


@pytest.mark.parametrize("name", [CRIME, PEEL])
def test_the_samples_have_no_errors_and_only_the_known_advice(name):
    findings = run_checks(_sample(name), speller=bundled.speller())
    assert [f for f in findings if f.severity is Severity.ERROR] == []
    assert [(f.rule, f.place.label) for f in findings] == EXPECTED[name]
    warnings = [f.rule for f in findings if f.severity is not Severity.ADVICE]
    assert warnings == (["figure.no-image"] if name == CRIME else [])


@pytest.mark.parametrize("name", [CRIME, PEEL])
def test_the_samples_hold_no_personal_data(name):
    assert personal_data_findings(_sample(name), evidence_annex=True) == []


def test_the_sample_pillar_grade_and_direction_of_travel_pass():
    findings = run_checks(_sample(PEEL), only={"grade"})
    assert findings == []
