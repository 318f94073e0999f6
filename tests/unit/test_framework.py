"""The bundled frameworks load, validate, and carry the published questions; bad frameworks are refused."""

import json

import pytest
from pydantic import ValidationError

from inspector_app import bundled
from inspector_app.domain.framework import UNGRADED, Framework, ReportLayout


def test_the_frameworks_are_bundled():
    assert bundled.framework_ids() == ["crime-inspection-2014", "peel-2016", "peel-2016-effectiveness"]


def test_crime_inspection_2014_has_the_three_cutting_crime_questions():
    framework = bundled.load_framework("crime-inspection-2014")
    [pillar] = framework.pillars
    assert pillar.question == "How effective is the force at cutting crime?"
    assert not pillar.graded
    assert [q.text for q in pillar.questions] == [
        "How effective is the force at reducing crime and preventing offending?",
        "How effective is the force at investigating offending?",
        "How effective is the force at tackling anti-social behaviour?",
    ]
    assert all(q.graded for q in pillar.questions)
    assert framework.report.layout is ReportLayout.CRIME_INSPECTION_2014
    texts = framework.standard_texts
    assert texts.introduction[0].text.startswith("This inspection looks at how effective police forces are")
    assert [b.kind for b in texts.introduction] == ["paragraph", "bullet", "bullet", "bullet"]
    assert len(texts.methodology) == 4
    assert texts.judgement_meanings[0].text.startswith("HMIC uses four categories for making judgments")
    assert "Domestic abuse" in pillar.questions[0].suggested_themes


def test_peel_2016_effectiveness_has_five_questions_the_fifth_ungraded():
    framework = bundled.load_framework("peel-2016-effectiveness")
    [pillar] = framework.pillars
    assert pillar.title == "Effectiveness"
    assert pillar.question == "How effective is the force at keeping people safe and reducing crime?"
    questions = pillar.questions
    assert [q.number for q in questions] == ["1", "2", "3", "4", "5"]
    assert [q.graded for q in questions] == [True, True, True, True, False]
    assert [len(q.diagnostics) for q in questions] == [2, 3, 3, 2, 0]
    assert questions[1].diagnostics[0].text == "How effective is the force’s initial investigative response?"
    assert framework.report.layout is ReportLayout.PEEL_PILLAR


@pytest.mark.parametrize("framework_id", ["crime-inspection-2014", "peel-2016-effectiveness"])
def test_scale_orders_grades_best_first(framework_id):
    scale = bundled.load_framework(framework_id).scale
    assert [g.label for g in scale.grades] == ["Outstanding", "Good", "Requires improvement", "Inadequate"]
    assert [g.positive for g in scale.grades] == [True, True, False, False]
    assert scale.rank("outstanding") == 0 and scale.rank("inadequate") == 3
    assert scale.rank(UNGRADED) is None
    assert scale.label(None) == "Not yet graded"
    assert scale.label(UNGRADED) == "Ungraded"


def test_load_framework_returns_independent_copies():
    first = bundled.load_framework("peel-2016-effectiveness")
    first.title = "changed"
    assert bundled.load_framework("peel-2016-effectiveness").title == "PEEL 2016 Effectiveness"


def test_unknown_framework_names_the_known_ones():
    with pytest.raises(bundled.UnknownResourceError, match="peel-2016-effectiveness"):
        bundled.load_framework("peel-2099")


def _framework_data() -> dict:
    return json.loads(
        bundled.resource("frameworks", "peel-2016-effectiveness.json").read_text(encoding="utf-8")
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["pillars"][0]["questions"][1].update(id="preventing-crime"), "used twice"),
        (lambda d: d["scale"]["grades"][0].update(colour="green"), "colour"),
        (lambda d: d["scale"]["grades"][1].update(id="outstanding"), "unique"),
        (lambda d: d["scale"]["grades"][1].update(id="ungraded"), "reserved"),
        (lambda d: d["report"].update(title="{forse} PEEL"), "placeholder"),
        (lambda d: d["report"].update(layout="poster"), "layout"),
        (lambda d: d.update(surprise=1), "surprise"),
        (lambda d: d["pillars"][0].update(questions=[]), "questions"),
    ],
)
def test_invalid_frameworks_are_refused(change, message):
    data = _framework_data()
    change(data)
    with pytest.raises(ValidationError, match=message):
        Framework.model_validate(data)


def test_short_labels_keep_what_tells_questions_apart():
    frameworks = [bundled.load_framework(i) for i in ("crime-inspection-2014", "peel-2016-effectiveness")]
    labels = [q.short_label for f in frameworks for q in f.questions()]
    assert labels == [
        "Reducing crime and preventing offending",
        "Investigating offending",
        "Tackling anti-social behaviour",
        "Preventing crime, tackling anti-social behaviour and keeping people safe",
        "Investigating crime and reducing re-offending",
        "Protecting those who are vulnerable from harm, and supporting victims",
        "Tackling serious and organised crime",
        "Specialist capabilities",
    ]
    programme = [q.short_label for q in bundled.load_framework("peel-2016").questions()]
    assert programme[5:] == [
        "Understand the current and likely future demand",
        "Use its resources to manage current demand",
        "Planning for demand in the future",
        "To what extent does the force treat all of the people it serves with fairness and respect?",
        "Understand leadership",
    ]
