"""The report layout as data (issue 15, item 2): a framework says which sections its report holds and in what
order, how questions print, its own finding kinds and whether grades compare with last year's; one engine
draws it, the checks read the report in that order, and bad layouts are refused naming the field."""

from __future__ import annotations

import json
import typing
from pathlib import Path

import pytest
from pydantic import ValidationError
from support.layouts import (
    INNOVATIVE,
    INNOVATIVE_HEADING,
    data_layout_document,
    data_layout_framework,
    written,
)
from unit.export.export_support import open_docx, printed_headings

from inspector_app import bundled
from inspector_app.domain.checks.text import report_text
from inspector_app.domain.framework import Framework
from inspector_app.domain.inspection import (
    Inspection,
    new_inspection,
)
from inspector_app.domain.pillars import one_pillar
from inspector_app.domain.report_layout import BUILT_IN_FINDINGS, PRESETS, Contents, LayoutSpec, Section
from inspector_app.export import export_report
from inspector_app.export import outline as nodes
from inspector_app.export.layouts import build_outline
from inspector_app.export.layouts.engine import _RENDERERS
from inspector_app.framework_store import parse_framework


def texts(outline: nodes.Outline) -> list[str]:
    found = []
    for node in outline.body:
        if isinstance(node, nodes.Heading):
            found.append(f"H{node.level} {node.printed}")
        elif isinstance(node, nodes.Paragraph | nodes.Bullet):
            found.append(node.text)
        elif isinstance(node, nodes.GradeBox):
            found.append(f"[{node.label}]")
        elif isinstance(node, nodes.Table):
            found.append("<table>")
    return found


def test_every_kind_of_section_has_a_renderer_and_the_presets_are_data():
    kinds = set(typing.get_args(typing.get_args(Section)[0]))
    assert kinds - set(_RENDERERS) == {Contents}  # the engine places the contents itself
    for spec in PRESETS.values():
        assert LayoutSpec.model_validate_json(spec.model_dump_json()) == spec  # plain data, as in a file


def test_the_framework_orders_the_report_and_each_question():
    outline = build_outline(written(data_layout_framework()))
    printed = texts(outline)
    # no pillar pages: title, contents, the table, the force page, then the questions
    assert isinstance(outline.body[1], nodes.Contents)
    assert printed.index("H1 Summary of judgements") < printed.index("H1 Overview")
    assert "H1 Effectiveness" not in printed and "H1 Questions for Effectiveness" not in printed
    question = printed.index(
        "H2 1. How effective is the force at preventing crime, tackling anti-social "
        "behaviour and keeping people safe?"
    )
    after = printed[question:]
    # grade first, then areas for improvement before the narrative, then the programme's own kind
    assert after[1] == "[Adequate]"
    assert after[2:4] == ["H3 Areas for improvement", "The force should answer calls faster."]
    assert after[4:6] == ["H3 Call handling", "Calls are answered."]
    assert after[6:9] == [
        f"H3 {INNOVATIVE_HEADING}",
        "A triage desk in the control room.",
        "Staffed at night",
    ]


def test_the_contents_list_every_heading_down_to_their_level_as_word_does():
    outline = build_outline(written(data_layout_framework()))
    contents = next(node for node in outline.body if isinstance(node, nodes.Contents))
    headings = [(n.level, n.printed) for n in outline.body if isinstance(n, nodes.Heading) and n.level <= 2]
    assert list(contents.entries) == headings and contents.levels == 2


def test_a_judgements_table_has_a_row_a_question_and_no_last_year_where_grades_are_not_compared():
    inspection = written(data_layout_framework())
    (table,) = [
        n
        for n in build_outline(inspection).body
        if isinstance(n, nodes.Table) and n.header_rows == 1 and n.rows[0][0].content[0].text == "Question"
    ]
    assert [cell.content[0].text for cell in table.rows[0]] == ["Question", "Grade"]
    assert len(table.rows) == 1 + len(inspection.questions)
    assert (
        isinstance(table.rows[1][1].content[0], nodes.GradeBox)
        and table.rows[1][1].content[0].label == "Adequate"
    )

    compared = written(data_layout_framework(compare_with_last_year=True))
    (table,) = [
        n
        for n in build_outline(compared).body
        if isinstance(n, nodes.Table) and n.rows[0][0].content[0].text == "Question"
    ]
    assert [cell.content[0].text for cell in table.rows[0]] == [
        "Question",
        "Grade",
        "Last year",
        "Direction of travel",
    ]
    assert [cell.content[0].text for cell in table.rows[1][2:]] == ["Good", "Deterioration"]


def test_the_force_page_prints_each_pillars_grade_and_first_paragraph_then_the_observations(tmp_path: Path):
    inspection = written(data_layout_framework())
    inspection.pillars[0].grade = "good"
    document = open_docx(export_report(inspection, tmp_path / "r.docx"))
    force_table = next(t for t in document.tables if t.rows[0].cells[0].text == "Pillar")
    assert [c.text for c in force_table.rows[1].cells] == [
        "Effectiveness",
        "Good",
        "Kent is adequate at this.",
    ]
    body = [p.text for p in document.paragraphs]
    at = max(
        i for i, text in enumerate(body) if text == "HMI’s observations"
    )  # the heading, not its contents entry
    assert body[at + 1 : at + 3] == [
        "The force has come a long way.",
        "A. Inspector, HM Inspector of Constabulary",
    ]
    assert ("Heading 3", INNOVATIVE_HEADING) in printed_headings(document)


def test_peel_2016_whole_programme_has_a_force_page_of_its_four_pillars_and_one_pillar_has_none(tmp_path):
    programme = bundled.load_framework("peel-2016")
    inspection = new_inspection(programme, "Kent Police", "Kent")
    outline = build_outline(inspection)
    force_table = next(
        n for n in outline.body if isinstance(n, nodes.Table) and n.rows[0][0].content[0].text == "Pillar"
    )
    rows = [(row[0].content[0].text, row[1].content[0].label) for row in force_table.rows[1:]]
    assert rows == [
        ("Effectiveness", "Not yet graded"),
        ("Efficiency", "Not yet graded"),
        ("Legitimacy", "Not yet graded"),
        ("Leadership", "Ungraded"),
    ]
    alone = build_outline(one_pillar(inspection, "efficiency"))
    assert not any(isinstance(n, nodes.Heading) and n.text == "Overview" for n in alone.body)


def test_a_preset_framework_prints_its_own_finding_kinds_after_the_areas_for_improvement():
    document = data_layout_document()
    del document["report"]["sections"], document["report"]["question"]
    framework = Framework.model_validate(document)
    assert framework.finding_order() == [
        "narrative",
        "causes_of_concern",
        "recommendations",
        "areas_for_improvement",
        INNOVATIVE,
        "summary",
    ]
    assert framework.report.spec == PRESETS["peel_pillar"]


def test_the_checks_read_the_report_in_its_layouts_order_own_findings_and_observations_included():
    spots = report_text(written(data_layout_framework()))
    labels = [spot.place.label for spot in spots]
    fields = [spot.place.field for spot in spots]
    assert "other_findings" in fields and "other_findings.sub_points" in fields
    assert "Observations › By" in labels and "observations" in fields
    assert fields.index("areas_for_improvement") < fields.index("sections") < fields.index("other_findings")
    assert any(label.endswith("› Promising practice 1") for label in labels)


def test_an_inspection_gets_a_list_for_each_finding_kind_and_refuses_unknown_ones():
    framework = data_layout_framework()
    inspection = new_inspection(framework, "Kent Police", "Kent")
    assert all([f.finding_kind for f in q.other_findings] == [INNOVATIVE] for q in inspection.questions)
    data = inspection.model_dump(mode="json")
    data["questions"][0]["other_findings"][0]["finding_kind"] = "invented"  # kept after the list made anew
    with pytest.raises(ValidationError, match=r"questions › item 1 › other_findings › item 2.*'invented'"):
        Inspection.model_validate(data)
    data["questions"][0]["other_findings"] = [{"finding_kind": INNOVATIVE}, {"finding_kind": INNOVATIVE}]
    with pytest.raises(ValidationError, match="has two lists"):
        Inspection.model_validate(data)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"question": {"findings": ["narrative", "praise"]}}, r"report\.question\.findings: 'praise'"),
        ({"sections": [{"kind": "title_page"}, {"kind": "sidebar"}]}, r"sections.*sidebar|kind"),
        (
            {"sections": [{"kind": "force_page", "heading": "{inspector}"}]},
            r"unknown placeholder \{inspector\}",
        ),
        ({"sections": []}, r"sections"),
        ({"question": {"heading_level": 7}}, r"heading_level"),
    ],
)
def test_a_bad_layout_is_refused_naming_the_field_and_the_file(change, message):
    document = data_layout_document(**change)
    with pytest.raises(Exception, match=message) as raised:
        parse_framework(json.dumps(document).encode(), "programme.json")
    assert "programme.json" in str(raised.value)


def test_finding_kinds_must_not_repeat_or_take_a_built_in_name():
    document = data_layout_document()
    document["finding_kinds"].append(dict(document["finding_kinds"][0]))
    with pytest.raises(ValidationError, match="finding kind ids must be unique"):
        Framework.model_validate(document)
    document["finding_kinds"] = [{"id": BUILT_IN_FINDINGS[0], "heading": "Narrative", "item": "Narrative"}]
    with pytest.raises(ValidationError, match="differ from the built-in findings"):
        Framework.model_validate(document)


def test_a_judgement_grid_of_many_questions_turns_to_a_row_each_so_no_word_breaks(tmp_path: Path):
    document = data_layout_document(sections=[{"kind": "title_page"}, {"kind": "judgement_grid"}])
    pillar = document["pillars"][0]
    template = pillar["questions"][0]
    pillar["questions"] = [
        dict(template, id=f"area-{n}", number=str(n), text=f"Area {n}?", diagnostics=[]) for n in range(1, 12)
    ]
    inspection = new_inspection(Framework.model_validate(document), "Kent Police", "Kent")
    inspection.questions[10].grade = "good"
    (grid,) = [n for n in build_outline(inspection).body if isinstance(n, nodes.Table)]
    assert [cell.content[0].text for cell in grid.rows[0]] == ["Question", "Grade", "Summary"]
    assert len(grid.rows) == 12 and grid.rows[11][0].content[0].text == "Area 11?"
    assert grid.rows[11][1].content[0].label == "Good"
    few = build_outline(written(data_layout_framework(sections=[{"kind": "judgement_grid"}])))
    (grid,) = [n for n in few.body if isinstance(n, nodes.Table)]
    assert len(grid.rows) == 3  # questions across, as the 2014 report prints its three


def test_the_readmes_layout_example_is_a_valid_framework():
    readme = (Path(__file__).parents[3] / "README.md").read_text(encoding="utf-8")
    after = readme[readme.index("**The report's layout is data too.**") :]
    snippet = after[after.index("```json") + len("```json") : after.index("```", after.index("```json") + 7)]
    example = json.loads("{" + snippet + "}")
    document = data_layout_document()
    document["finding_kinds"] = example["finding_kinds"]
    document["report"].update(example["report"])
    framework = Framework.model_validate(document)
    assert framework.finding_order()[2] == "promising-practice"
    assert [s.kind for s in framework.report.spec.sections][-1] == "questions"


def test_the_questions_start_a_new_page_once_under_their_heading_where_given():
    body = build_outline(written(data_layout_framework())).body
    first = next(n for n, node in enumerate(body) if isinstance(node, nodes.Heading) and node.number == "1")
    assert isinstance(body[first - 1], nodes.PageBreak)
    headed = data_layout_framework(
        sections=[{"kind": "title_page"}, {"kind": "questions", "heading": "Our findings"}]
    )
    body = build_outline(written(headed)).body
    at = next(
        n for n, node in enumerate(body) if isinstance(node, nodes.Heading) and node.text == "Our findings"
    )
    assert isinstance(body[at - 1], nodes.PageBreak) and body[at + 1].number == "1"
    crime = build_outline(
        new_inspection(bundled.load_framework("crime-inspection-2014"), "Kent Police", "Kent")
    )
    doubled = [
        n
        for n, node in enumerate(crime.body[1:], 1)
        if isinstance(node, nodes.PageBreak) and isinstance(crime.body[n - 1], nodes.PageBreak)
    ]
    assert doubled == []  # a question that starts its own page gets no second break


def test_the_checks_read_what_the_force_page_prints_of_a_pillar_summary_where_no_pillar_page_does():
    spots = [
        spot
        for spot in report_text(written(data_layout_framework()))
        if spot.place.field == "pillars.summary"
    ]
    assert [spot.text for spot in spots] == ["Kent is adequate at this."]  # its first paragraph, not "More."


def test_questions_of_several_pillars_without_pillar_pages_are_named_by_their_pillar():
    document = json.loads(bundled.resource("frameworks", "peel-2016.json").read_text("utf-8"))
    document["report"]["sections"] = [{"kind": "judgements_table"}, {"kind": "questions"}]
    inspection = new_inspection(Framework.model_validate(document), "Kent Police", "Kent")
    body = build_outline(inspection).body
    (table,) = [n for n in body if isinstance(n, nodes.Table)]
    assert table.rows[1][0].content[0].text.startswith("Effectiveness: 1. How effective")
    assert any(row[0].content[0].text.startswith("Efficiency: 1. ") for row in table.rows)
    titles = [n.printed for n in body if isinstance(n, nodes.Heading) and n.level == 1]
    assert titles == ["Summary of judgements", "Effectiveness", "Efficiency", "Legitimacy", "Leadership"]
