"""Grade rules and the recommendation timescale rule: each fires on a case and stays quiet on another."""

from __future__ import annotations

import pytest
from unit.checks.checks_support import add_cause, clean_peel, found, messages

from inspector_app.domain.blocks import Paragraph
from inspector_app.domain.checks import Severity
from inspector_app.domain.framework import UNGRADED
from inspector_app.domain.inspection import AreaForImprovement, Recommendation, Status

# -- grade.missing ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "severity"),
    [(Status.FINAL, Severity.ERROR), (Status.IN_REVIEW, Severity.WARNING), (Status.DRAFT, Severity.ADVICE)],
)
def test_a_missing_grade_matters_more_as_the_report_nears_publication(status, severity):
    inspection = clean_peel(status)
    inspection.question("investigating-crime").grade = None
    [finding] = found(inspection, "grade.missing")
    assert finding.severity is severity
    assert finding.message == "The question has no grade yet."
    assert finding.place.label == "Question 2" and finding.place.field == "grade"


def test_missing_grade_also_covers_ungraded_graded_questions_and_the_pillar():
    inspection = clean_peel()
    inspection.question("preventing-crime").grade = UNGRADED
    inspection.pillars[0].grade = None
    assert messages(inspection, "grade.missing") == [
        "The Effectiveness pillar has no grade yet.",
        "The question is marked Ungraded, but the framework grades it.",
    ]


def test_ungraded_questions_and_graded_ones_pass_grade_missing():
    inspection = clean_peel()
    assert inspection.question("specialist-capabilities").grade == UNGRADED
    assert found(inspection, "grade.missing") == []


# -- causes of concern and the grade they sit under ---------------------------------------------------


def test_a_cause_of_concern_needs_a_recommendation():
    inspection = clean_peel()
    inspection.question("protecting-vulnerable").grade = "inadequate"
    add_cause(inspection, "protecting-vulnerable", recommendations=0)
    [finding] = found(inspection, "grade.cause-without-recommendation")
    assert finding.severity is Severity.ERROR
    assert finding.place.label == "Question 3 › Cause of concern 1"
    assert finding.place.record_id == inspection.question("protecting-vulnerable").causes_of_concern[0].id
    add_cause(inspection, "protecting-vulnerable", recommendations=2)
    inspection.question("protecting-vulnerable").causes_of_concern.pop(0)
    assert found(inspection, "grade.cause-without-recommendation") == []


def test_inadequate_needs_a_cause_of_concern():
    inspection = clean_peel()
    inspection.question("protecting-vulnerable").grade = "inadequate"
    assert messages(inspection, "grade.inadequate-without-cause") == [
        "The question is graded Inadequate but has no cause of concern saying why."
    ]
    add_cause(inspection, "protecting-vulnerable")
    assert found(inspection, "grade.inadequate-without-cause") == []


def test_requires_improvement_needs_an_area_for_improvement_or_a_cause():
    inspection = clean_peel()
    question = inspection.question("investigating-crime")
    question.grade = "requires_improvement"
    assert found(inspection, "grade.requires-improvement-without-finding") == []  # it has an AFI
    question.areas_for_improvement.clear()
    assert messages(inspection, "grade.requires-improvement-without-finding") == [
        "The question is graded Requires improvement but has no area for improvement or cause of concern."
    ]
    add_cause(inspection, "investigating-crime")
    assert found(inspection, "grade.requires-improvement-without-finding") == []


@pytest.mark.parametrize("grade", ["good", "outstanding"])
def test_a_positive_grade_carrying_a_cause_of_concern_is_questioned(grade):
    inspection = clean_peel()
    inspection.question("serious-organised-crime").grade = grade
    add_cause(inspection, "serious-organised-crime")
    [finding] = found(inspection, "grade.positive-with-cause")
    assert finding.message == f"The question is graded {grade.capitalize()} yet carries a cause of concern."
    inspection.question("serious-organised-crime").grade = "requires_improvement"
    assert found(inspection, "grade.positive-with-cause") == []


# -- the pillar grade ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pillar", "questions", "complaint"),
    [
        # The Hertfordshire sample: one Inadequate question, the pillar one level above it.
        ("requires_improvement", ["good", "requires_improvement", "inadequate", "good"], None),
        ("good", ["good", "good", "good", "good"], None),
        ("good", ["outstanding", "good", "requires_improvement", "good"], None),
        (
            "outstanding",
            ["good", "good", "good", "good"],
            "it is better than every question (the best is Good)",
        ),
        (
            "inadequate",
            ["good", "requires_improvement", "good", "good"],
            "it is worse than every question (the worst is Requires improvement)",
        ),
        (
            "good",
            ["good", "good", "inadequate", "good"],
            "with a question graded Inadequate the pillar is at best Requires improvement",
        ),
        (
            "outstanding",
            ["outstanding", "good", "requires_improvement", "good"],
            "with a question graded Requires improvement the pillar is at best Good",
        ),
    ],
)
def test_the_pillar_grade_lies_within_one_level_of_its_worst_question(pillar, questions, complaint):
    inspection = clean_peel()
    inspection.pillars[0].grade = pillar
    for assessment, grade in zip(inspection.questions, questions, strict=False):
        assessment.grade = grade
    result = messages(inspection, "grade.pillar-out-of-line")
    if complaint is None:
        assert result == []
    else:
        [message] = result
        assert message.startswith("The pillar grade (") and complaint in message


def test_the_pillar_rule_ignores_ungraded_and_missing_grades():
    inspection = clean_peel()
    for assessment in inspection.questions:
        assessment.grade = None
    assert found(inspection, "grade.pillar-out-of-line") == []
    inspection.pillars[0].grade = None
    inspection.question("preventing-crime").grade = "inadequate"
    assert found(inspection, "grade.pillar-out-of-line") == []


# -- direction of travel ------------------------------------------------------------------------------


def _pillar_text(inspection, text, grade="requires_improvement", last_year="good"):
    pillar = inspection.pillars[0]
    pillar.grade, pillar.last_year_grade = grade, last_year
    pillar.summary = [Paragraph(text=text)]
    return inspection


HERTS = (
    "Hertfordshire Constabulary has been assessed as requires improvement in respect of its effectiveness. "
    "Our overall judgement is a deterioration on last year, when we judged the force to be good."
)


def test_the_sample_direction_of_travel_agrees_with_its_grades():
    assert found(_pillar_text(clean_peel(), HERTS), "grade.direction-of-travel") == []


def test_a_claimed_deterioration_that_the_grades_contradict():
    inspection = _pillar_text(clean_peel(), HERTS, grade="good", last_year="good")
    [finding] = found(inspection, "grade.direction-of-travel")
    assert finding.message == (
        "The text says “a deterioration on last year”, but the grades show no change (Good last year, Good now)."
    )
    assert finding.place.label == "Effectiveness summary › Paragraph 1" and finding.place.question_id is None


def test_a_named_last_year_grade_that_differs_from_the_recorded_one():
    inspection = _pillar_text(clean_peel(), HERTS, grade="inadequate", last_year="requires_improvement")
    assert messages(inspection, "grade.direction-of-travel") == [
        "The text says last year's grade was good, but it is recorded as Requires improvement."
    ]


def test_an_improvement_and_no_change_are_read_too():
    text = "This is an improvement since 2015, when HMIC judged the force to be requires improvement."
    assert (
        found(
            _pillar_text(clean_peel(), text, grade="good", last_year="requires_improvement"),
            "grade.direction-of-travel",
        )
        == []
    )
    assert (
        len(
            found(
                _pillar_text(clean_peel(), text, grade="good", last_year="good"), "grade.direction-of-travel"
            )
        )
        == 2
    )
    same = "The judgement is unchanged from last year."
    assert (
        found(_pillar_text(clean_peel(), same, grade="good", last_year="good"), "grade.direction-of-travel")
        == []
    )
    assert messages(
        _pillar_text(clean_peel(), same, grade="good", last_year="outstanding"), "grade.direction-of-travel"
    ) == [
        "The text says “unchanged from last year”, but the grades show a deterioration (Outstanding last year, Good now)."
    ]


def test_a_direction_without_last_years_grade_asks_for_it():
    inspection = _pillar_text(clean_peel(), HERTS, grade="requires_improvement", last_year=None)
    assert messages(inspection, "grade.direction-of-travel") == [
        "The text says last year's grade was good, but last year's grade is not recorded.",
        "The text says “a deterioration on last year”, but last year's grade is not recorded to check it against.",
    ]


def test_question_narrative_is_read_for_its_direction_of_travel():
    inspection = clean_peel()
    question = inspection.question("investigating-crime")
    question.grade, question.last_year_grade = "requires_improvement", "good"
    question.sections[0].blocks[
        0
    ].text = "The force’s performance has deteriorated since 2015, when HMIC judged it to be good."
    assert found(inspection, "grade.direction-of-travel") == []
    question.last_year_grade = "requires_improvement"
    assert len(found(inspection, "grade.direction-of-travel")) == 2


def test_statements_about_crime_are_not_judgements():
    inspection = _pillar_text(
        clean_peel(),
        "Recorded crime has declined since 2014 and anti-social behaviour has improved since last year. "
        "The force requires improvement in how it investigates crime.",
        grade="good",
        last_year="good",
    )
    assert found(inspection, "grade.direction-of-travel") == []


# -- recommendation.no-timescale ----------------------------------------------------------------------


def test_a_recommendation_without_a_timescale_is_advised():
    inspection = clean_peel()
    question = inspection.question("investigating-crime")
    question.recommendations = [
        Recommendation(text="The force should review its approach to offender management.")
    ]
    [finding] = found(inspection, "recommendation.no-timescale")
    assert finding.severity is Severity.ADVICE
    assert finding.place.label == "Question 2 › Recommendation 1"


@pytest.mark.parametrize(
    ("text", "timescale"),
    [
        ("The force should review its approach.", "Within three months"),
        ("Within six months, the force should review its approach.", ""),
        ("By March 2015, the force should review its approach.", ""),
        ("The force should immediately review its approach.", ""),
        ("The force should, as soon as practicable, review its approach.", ""),
    ],
)
def test_a_timescale_in_the_field_or_the_words_passes(text, timescale):
    inspection = clean_peel()
    inspection.question("investigating-crime").recommendations = [
        Recommendation(text=text, timescale=timescale)
    ]
    assert found(inspection, "recommendation.no-timescale") == []


def test_a_cause_lead_in_with_a_timescale_covers_its_recommendations():
    inspection = clean_peel()
    inspection.question("protecting-vulnerable").grade = "inadequate"
    add_cause(inspection, "protecting-vulnerable", recommendations=2, timescale="")
    labels = [f.place.label for f in found(inspection, "recommendation.no-timescale")]
    assert labels == [
        "Question 3 › Cause of concern 1 › Recommendation 1",
        "Question 3 › Cause of concern 1 › Recommendation 2",
    ]
    inspection.question("protecting-vulnerable").causes_of_concern[
        0
    ].lead_in = "To address this cause of concern HMIC recommends that the force should take immediate steps to ensure that:"
    assert found(inspection, "recommendation.no-timescale") == []


def test_requires_improvement_rule_reads_the_scale_not_ids():
    """A framework with its own scale: the worst grade and the negative ones come from the scale."""
    inspection = clean_peel()
    grades = inspection.framework.scale.grades
    grades[2].label = "Needs work"
    inspection.question("investigating-crime").grade = grades[2].id
    inspection.question("investigating-crime").areas_for_improvement = []
    assert messages(inspection, "grade.requires-improvement-without-finding") == [
        "The question is graded Needs work but has no area for improvement or cause of concern."
    ]
    inspection.question("investigating-crime").areas_for_improvement = [
        AreaForImprovement(text="The force should act.")
    ]
    assert found(inspection, "grade.requires-improvement-without-finding") == []


def test_last_years_grade_may_be_named_with_the_force_s_name():
    text = "This is a deterioration on last year, when we judged Kent Police to be outstanding."
    assert messages(
        _pillar_text(clean_peel(), text, grade="good", last_year="good"), "grade.direction-of-travel"
    ) == [
        "The text says last year's grade was outstanding, but it is recorded as Good.",
        "The text says “a deterioration on last year”, but the grades show no change (Good last year, Good now).",
    ]
    # Lower-case words are not a name: "the force’s response" was judged, not last year's grade given.
    other = "The force is good; when we judged the force’s response to be good we looked at calls."
    assert (
        found(
            _pillar_text(clean_peel(), other, grade="good", last_year="requires_improvement"),
            "grade.direction-of-travel",
        )
        == []
    )
