"""Find and replace in the domain (no Qt): what is searched, in which order, and what a replacement edits."""

from __future__ import annotations

import pytest

from inspector_app import bundled
from inspector_app.domain import editing
from inspector_app.domain.blocks import Bullet, DataTable, Figure, Paragraph
from inspector_app.domain.editing import EditError
from inspector_app.domain.inspection import (
    AreaForImprovement,
    CauseOfConcern,
    EvidenceItem,
    Footnote,
    Inspection,
    NarrativeSection,
    PillarAssessment,
    QuestionAssessment,
    Recommendation,
    SummaryItem,
    new_inspection,
)
from inspector_app.domain.limits import MAX_TEXT_CHARS
from inspector_app.domain.record_index import iter_records
from inspector_app.domain.search import (
    FieldEdit,
    SearchOptions,
    apply_edits,
    find_matches,
    plan_replace,
    plan_replace_all,
    searchable_texts,
)
from inspector_app.storage.inspection_file import dumps_inspection, loads_inspection

SAMPLES = ("hertfordshire-peel-2016-effectiveness", "hertfordshire-crime-inspection-2014")


def sample(name: str) -> Inspection:
    return loads_inspection(bundled.sample(name).read_bytes(), name)


def every_kind() -> Inspection:
    """A PEEL inspection with burglary in every kind of text the report prints, and in one evidence item."""
    inspection = new_inspection(bundled.load_framework("peel-2016-effectiveness"), "Kent Police", "Kent")
    inspection.pillars[0].summary.append(Paragraph(text="Burglary is down."))
    first, second = inspection.questions[0], inspection.questions[1]
    first.sections.append(
        NarrativeSection(
            theme="Burglary",
            blocks=[
                Paragraph(text="Burglary and more burglary."),
                Bullet(text="a burglary bullet"),
                Figure(caption="Burglary rates"),
                DataTable(
                    caption="Burglary table",
                    columns=["Area", "Burglary"],
                    rows=[["Kent", "burglary 12"]],
                    note="Burglary note",
                ),
            ],
        )
    )
    first.areas_for_improvement.append(
        AreaForImprovement(text="The force should tackle burglary.", sub_points=["burglary", "other"])
    )
    second.causes_of_concern.append(
        CauseOfConcern(
            text="Burglary is a cause of concern.",
            lead_in="To address burglary we recommend",
            recommendations=[
                Recommendation(
                    text="Within three months on burglary, the force should act.",
                    timescale="Within three months on burglary",
                    sub_points=["(burglary)"],
                )
            ],
        )
    )
    second.recommendations.append(Recommendation(text="Act.", timescale="Burglary first"))
    second.summary.append(SummaryItem(text="Burglary summary"))
    second.footnotes.append(Footnote(label="1", text="Burglary footnote"))
    second.notes.append(Paragraph(text="Burglary revisited"))
    inspection.evidence.append(EvidenceItem(title="Burglary interview", text="burglary notes"))
    return inspection


# -- what is searched -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SAMPLES)
def test_every_text_the_inspectors_write_is_searched(name):
    """Each text field of every report record is searched, each once: what report_text leaves out (a
    timescale the text repeats) included."""
    inspection = sample(name)
    targets = searchable_texts(inspection)
    keys = [target.key for target in targets]
    assert len(keys) == len(set(keys))
    searched = {(t.record_id, t.field) for t in targets}
    for record in iter_records(inspection):
        if isinstance(record, (EvidenceItem, QuestionAssessment, PillarAssessment)):
            continue
        for field in ("text", "caption", "note", "theme", "lead_in", "timescale", "sub_points", "rows"):
            value = getattr(record, field, None)
            if value and any(str(v).strip() for v in (value if isinstance(value, list) else [value])):
                assert (record.id, field) in searched, (type(record).__name__, field, value)


def test_the_texts_come_in_report_order_with_the_checks_places():
    inspection = every_kind()
    labels = [target.place.label for target in searchable_texts(inspection)]
    assert labels[0] == "Effectiveness summary › Paragraph 1"
    assert labels[1:4] == [
        "Question 1 › Heading “Burglary”",
        "Question 1 › Burglary › Paragraph 1",
        "Question 1 › Burglary › Bullet 1",
    ]
    assert "Question 1 › Burglary › Table 1 › Row 1, column 2" in labels
    assert labels.index("Question 1 › Area for improvement 1") < labels.index(
        "Question 1 › Area for improvement 1 › Point 1"
    )
    # The cause's recommendation: the timescale (which the report leaves out: the text says it) first.
    cause = labels.index("Question 2 › Cause of concern 1")
    assert labels[cause : cause + 5] == [
        "Question 2 › Cause of concern 1",
        "Question 2 › Cause of concern 1 › Lead-in",
        "Question 2 › Cause of concern 1 › Recommendation 1 › Timescale",
        "Question 2 › Cause of concern 1 › Recommendation 1",
        "Question 2 › Cause of concern 1 › Recommendation 1 › Point (a)",
    ]
    assert labels[-1] == "Question 2 › Footnote 1"
    assert not any(label.startswith("Evidence") for label in labels)


def test_evidence_is_searched_only_when_asked_and_after_the_report():
    inspection = every_kind()
    assert not [m for m in find_matches(inspection, "burglary") if m.place.field == "evidence"]
    matches = find_matches(inspection, "burglary", SearchOptions(include_evidence=True))
    assert [m.label for m in matches[-2:]] == ["Evidence 1 › Title", "Evidence 1 › Notes"]


# -- finding --------------------------------------------------------------------------------------------------


def test_match_case_and_whole_word():
    inspection = every_kind()
    everything = find_matches(inspection, "burglary")
    assert len(everything) == 21
    assert all(m.text.lower() == "burglary" for m in everything)
    lower = find_matches(inspection, "burglary", SearchOptions(match_case=True))
    assert len(lower) == 9 and all(m.text == "burglary" for m in lower)
    assert find_matches(inspection, "burgl") and not find_matches(
        inspection, "burgl", SearchOptions(whole_word=True)
    )
    words = find_matches(inspection, "more", SearchOptions(whole_word=True))
    assert [(m.label, m.start, m.end) for m in words] == [("Question 1 › Burglary › Paragraph 1", 13, 17)]
    assert find_matches(inspection, "") == []
    assert find_matches(inspection, "a.b") == [], "the query is taken literally"


def test_a_match_knows_its_field_and_the_words_around_it():
    inspection = every_kind()
    [match] = find_matches(inspection, "tackle")
    assert (match.field, match.target.item, match.text) == ("text", (), "tackle")
    assert match.context() == ("The force should ", "tackle", " burglary.")
    long = Paragraph(text=" ".join(f"word{n}" for n in range(40)) + " needle " + "tail " * 20)
    inspection.questions[2].notes.append(long)
    [needle] = find_matches(inspection, "needle")
    before, matched, after = needle.context()
    assert before.startswith("…") and after.endswith("…") and matched == "needle"
    assert before.endswith("word39 ") and after.startswith(" tail")
    points = [m for m in find_matches(inspection, "burglary") if m.field == "sub_points"]
    assert [(m.label, m.target.item) for m in points] == [
        ("Question 1 › Area for improvement 1 › Point 1", (0,)),
        ("Question 2 › Cause of concern 1 › Recommendation 1 › Point (a)", (0,)),
    ]


def test_searching_stops_at_the_limit():
    assert len(find_matches(every_kind(), "r", limit=5)) == 5


# -- replacing ------------------------------------------------------------------------------------------------


def test_replace_all_edits_each_field_once_and_counts_every_occurrence():
    inspection = every_kind()
    before = dumps_inspection(inspection)
    plan = plan_replace_all(inspection, "burglary", "theft")
    assert plan.count == 21 and not plan.too_long
    assert len({(e.record_id, e.field) for e in plan.edits}) == len(plan.edits)
    changes = apply_edits(inspection, plan.edits)
    assert len(changes) == len(plan.edits)
    assert find_matches(inspection, "burglary") == []
    first, second = inspection.questions[0], inspection.questions[1]
    assert first.sections[0].theme == "theft"
    assert first.sections[0].blocks[0].text == "theft and more theft."
    table = first.sections[0].blocks[3]
    assert (table.caption, table.columns, table.rows, table.note) == (
        "theft table",
        ["Area", "theft"],
        [["Kent", "theft 12"]],
        "theft note",
    )
    recommendation = second.causes_of_concern[0].recommendations[0]
    assert recommendation.timescale == "Within three months on theft", "the timescale follows its text"
    assert recommendation.text.startswith("Within three months on theft,")
    assert inspection.evidence[0].title == "Burglary interview", "evidence only when asked"
    for change in reversed(changes):
        editing.revert(inspection, change)
    assert dumps_inspection(inspection) == before


def test_replace_all_keeps_case_and_whole_word_and_can_include_evidence():
    inspection = every_kind()
    plan = plan_replace_all(
        inspection, "Burglary", "Theft", SearchOptions(match_case=True, include_evidence=True)
    )
    apply_edits(inspection, plan.edits)
    assert plan.count == 13
    assert (
        inspection.evidence[0].title == "Theft interview" and inspection.evidence[0].text == "burglary notes"
    )
    assert plan_replace_all(inspection, "burgl", "x", SearchOptions(whole_word=True)).count == 0


def test_a_point_replaced_by_nothing_is_dropped_and_a_text_too_long_is_left():
    inspection = every_kind()
    area = inspection.questions[0].areas_for_improvement[0]
    apply_edits(
        inspection, plan_replace_all(inspection, "burglary", "", SearchOptions(match_case=True)).edits
    )
    assert area.sub_points == ["other"]
    inspection.questions[2].notes.append(Paragraph(text="x" * (MAX_TEXT_CHARS // 2)))
    plan = plan_replace_all(inspection, "x", "xyz")
    assert [t.place.label for t in plan.too_long] == ["Question 3 › Notes › Paragraph 1"]
    assert all(len(str(e.value)) <= MAX_TEXT_CHARS for e in plan.edits)


def test_replace_one_match_and_a_stale_match_is_refused():
    inspection = every_kind()
    matches = find_matches(inspection, "burglary")
    paragraph = next(m for m in matches if m.label == "Question 1 › Burglary › Paragraph 1" and m.start > 0)
    edit = plan_replace(inspection, paragraph, "burglary", "theft")
    assert edit is not None and edit.value == "Burglary and more theft."
    apply_edits(inspection, [edit])
    assert plan_replace(inspection, paragraph, "burglary", "theft") is None, "the words moved on"
    point = next(m for m in matches if m.field == "sub_points")
    edit = plan_replace(inspection, point, "burglary", "theft")
    assert edit is not None and edit.value == ["theft", "other"]


def test_apply_edits_is_all_or_nothing():
    inspection = every_kind()
    before = dumps_inspection(inspection)
    area = inspection.questions[0].areas_for_improvement[0]
    edits = [FieldEdit(area.id, "text", "changed"), FieldEdit(area.id, "grade", "good")]
    with pytest.raises(EditError):
        apply_edits(inspection, edits)
    assert dumps_inspection(inspection) == before
