"""The report outline: what the layouts make of an inspection, before any renderer (DESIGN.md §5).

The Word writer draws the same outline (the other export tests read the .docx back); here the outline
itself: the published order of both samples, the sources that link a paragraph back to its field, footnote
marks, word counts, and that building it loads no python-docx.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from unit.export.export_support import CRIME_FOOTNOTE, crime_inspection, open_docx, peel_inspection

from inspector_app import bundled
from inspector_app.domain.blocks import Paragraph
from inspector_app.domain.editing import find_record, question_of
from inspector_app.domain.inspection import (
    AreaForImprovement,
    EvidenceItem,
    Footnote,
    Inspection,
    NarrativeSection,
    Recommendation,
    SummaryItem,
    new_inspection,
)
from inspector_app.export import export_report
from inspector_app.export import outline as nodes
from inspector_app.export.layouts import build_outline
from inspector_app.storage.inspection_file import loads_inspection

CRIME = "hertfordshire-crime-inspection-2014"
PEEL = "hertfordshire-peel-2016-effectiveness"


def _sample(name: str) -> Inspection:
    return loads_inspection(bundled.sample(name).read_bytes(), name)


def skeleton(outline: nodes.Outline) -> list[tuple[str, str]]:
    """Headings, grades and page breaks in order: the frame of the report."""
    found: list[tuple[str, str]] = []
    for node in outline.body:
        if isinstance(node, nodes.Heading):
            found.append((f"h{node.level}", node.printed))
        elif isinstance(node, nodes.Contents):
            found.append(("contents", node.title))
        elif isinstance(node, nodes.GradeBox):
            found.append(("grade", node.label))
        elif isinstance(node, nodes.PageBreak):
            found.append(("page", ""))
        elif isinstance(node, nodes.Paragraph) and node.style in ("Title", "Subtitle"):
            found.append((node.style.lower(), node.text))
    return found


def counts_per_question(inspection: Inspection, outline: nodes.Outline) -> list[tuple[str, int, int]]:
    """(question heading, paragraphs, bullets) for each question, as the report prints them."""
    titles = {t for q in inspection.framework.questions() for t in (q.text, f"{q.number}. {q.text}")}
    found: list[tuple[str, int, int]] = []
    for node in outline.body:
        if isinstance(node, nodes.Heading) and node.printed in titles:
            found.append((node.printed, 0, 0))
        elif found and isinstance(node, nodes.Paragraph) and node.style == "Normal":
            found[-1] = (found[-1][0], found[-1][1] + 1, found[-1][2])
        elif found and isinstance(node, nodes.Bullet):
            found[-1] = (found[-1][0], found[-1][1], found[-1][2] + 1)
    return found


# -- no python-docx to build an outline -----------------------------------------------------------------


def test_building_an_outline_loads_no_docx_or_lxml() -> None:
    code = (
        "import sys\n"
        "import inspector_app.export, inspector_app.export.outline, inspector_app.export.layouts\n"
        "from inspector_app import bundled\n"
        "from inspector_app.export.layouts import build_outline\n"
        "from inspector_app.export.outline import word_counts\n"
        "from inspector_app.storage.inspection_file import loads_inspection\n"
        f"for name in {[CRIME, PEEL]!r}:\n"
        "    word_counts(build_outline(loads_inspection(bundled.sample(name).read_bytes(), name)))\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('docx', 'lxml')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


# -- the samples, in the published order ----------------------------------------------------------------


def test_peel_sample_outline_in_the_published_order() -> None:
    inspection = _sample(PEEL)
    outline = build_outline(inspection)
    assert skeleton(outline) == [
        ("title", "Hertfordshire PEEL 2016"),
        ("contents", "Contents"),
        ("page", ""),
        ("h1", "Effectiveness"),
        ("subtitle", "How effective is the force at keeping people safe and reducing crime?"),
        ("grade", "Requires improvement"),
        ("page", ""),
        ("h1", "Questions for Effectiveness"),
        (
            "h2",
            "1. How effective is the force at preventing crime, tackling anti-social behaviour and keeping people safe?",
        ),
        ("grade", "Good"),
        ("h3", "Areas for improvement"),
        ("h2", "2. How effective is the force at investigating crime and reducing re-offending?"),
        ("grade", "Requires improvement"),
        ("h3", "Areas for improvement"),
        (
            "h2",
            "3. How effective is the force at protecting those who are vulnerable from harm, and supporting victims?",
        ),
        ("grade", "Inadequate"),
        ("h3", "Cause of concern"),
        ("h3", "Recommendations"),
        ("h3", "Areas for improvement"),
        ("h2", "4. How effective is the force at tackling serious and organised crime?"),
        ("grade", "Good"),
        ("h3", "Areas for improvement"),
        ("h2", "5. How effective are the force’s specialist capabilities?"),
        ("grade", "Ungraded"),
        ("h3", "Areas for improvement"),
    ]
    # The published page: paragraphs (a cause of concern, its lead-in and the revisit note included) and
    # bullets (areas for improvement, recommendations, the nested points of question 5).
    assert [(paragraphs, bullets) for _, paragraphs, bullets in counts_per_question(inspection, outline)] == [
        (3, 2),
        (4, 5),
        (6, 6),
        (3, 4),
        (2, 4),
    ]
    texts = [node.text for node in outline.body if isinstance(node, nodes.Paragraph)]
    assert texts[2] == "Last updated 02/03/2017"
    assert texts[3].startswith("Hertfordshire Constabulary has been assessed as requires improvement")
    [lead_in] = [
        node
        for node in outline.body
        if isinstance(node, nodes.Paragraph) and node.source is not None and node.source.field == "lead_in"
    ]
    assert lead_in.text.startswith("To address this cause of concern HMIC recommends")


def test_crime_sample_outline_in_the_published_order() -> None:
    inspection = _sample(CRIME)
    outline = build_outline(inspection)
    frame = skeleton(outline)
    assert frame[:3] == [
        ("title", "How effective is the force at cutting crime?"),
        ("subtitle", "Crime inspection 2014 – Hertfordshire Constabulary"),
        ("h1", "Overall summary"),
    ]
    h1 = [text for kind, text in frame if kind == "h1"]
    assert h1 == [
        "Overall summary",
        "Summary of judgments",
        "Introduction",
        "Methodology",
        "How effective is the force at reducing crime and preventing offending?",
        "How effective is the force at investigating offending?",
        "How effective is the force at tackling anti-social behaviour?",
        "What each judgment means",
    ]
    # Each question: its themes (the published sub-headings), its recommendations, summary and grade.
    q2 = frame.index(("h1", "How effective is the force at investigating offending?"))
    assert frame[q2 + 1 : q2 + 9] == [
        ("h2", "Vulnerability, risk and victims"),
        ("h2", "Investigation"),
        ("h2", "Tackling repeat and prolific offenders"),
        ("h2", "Learning from experience"),
        ("h2", "Recommendations"),
        ("h2", "Summary"),
        ("grade", "Good"),
        ("page", ""),
    ]
    # The contents come up front, after the overall summary; then the headed judgement grid on a page of
    # its own, then the introduction on the next.
    kinds = [type(node).__name__ for node in outline.body]
    grid = kinds.index("Table")
    assert kinds[grid - 4 : grid + 2] == [
        "PageBreak",
        "Contents",
        "PageBreak",
        "Heading",
        "Table",
        "PageBreak",
    ]
    table = outline.body[grid]
    assert isinstance(table, nodes.Table)
    assert [
        cell.content[0].label for cell in table.rows[1] if isinstance(cell.content[0], nodes.GradeBox)
    ] == [
        "Good",
        "Good",
        "Good",
    ]
    assert all(cell.content[0].fill == "#8CC63F" and cell.fill is None for cell in table.rows[1])
    grid_text = [p.text for p in table.rows[2][0].content if isinstance(p, nodes.Paragraph)]
    assert grid_text == [
        p.text for p in inspection.question("reducing-crime").grid_summary if isinstance(p, Paragraph)
    ]
    # The recommendation with three lettered points, in order.
    lettered = [node for node in outline.body if isinstance(node, nodes.LetteredList)]
    assert [len(node.items) for node in lettered] == [3, 2]
    assert (
        lettered[0].items[1].text == "supervisors know what is expected of them in driving up standards; and"
    )


@pytest.mark.parametrize(
    "make", [crime_inspection, peel_inspection, lambda: _sample(CRIME), lambda: _sample(PEEL)]
)
def test_the_word_report_prints_the_outline_paragraph_for_paragraph(make, tmp_path: Path) -> None:
    """Two renderers, one outline: the .docx body holds the outline's paragraphs, in the same order."""
    inspection = make()
    outline = build_outline(inspection, evidence_annex=True)
    expected: list[str] = []
    for node in outline.body:
        if isinstance(node, (nodes.Heading, nodes.Paragraph, nodes.Bullet)):
            expected.append(node.text)
        elif isinstance(node, nodes.LetteredList):
            expected += [item.text for item in node.items]
        elif isinstance(node, nodes.GradeBox):
            expected.append(node.label)
        elif isinstance(node, (nodes.Table, nodes.Figure)):
            expected += [p.text for p in node.caption]
            expected += [p.text for p in getattr(node, "note", ())]
        elif isinstance(node, nodes.Contents):
            expected += [node.title, *(text for _, text in node.entries)]
    document = open_docx(export_report(inspection, tmp_path / "report.docx", evidence_annex=True))
    printed = [p.text for p in document.paragraphs if p.text]
    assert printed == expected
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    tables = [node for node in outline.body if isinstance(node, nodes.Table) and node.rows]
    assert cells == [
        "\n".join(nodes.plain(p.runs) if not isinstance(p, nodes.GradeBox) else p.label for p in cell.content)
        for table in tables
        for row in table.rows
        for cell in row
    ]


# -- where each paragraph comes from ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "make", [crime_inspection, peel_inspection, lambda: _sample(CRIME), lambda: _sample(PEEL)]
)
def test_every_source_names_a_record_field_and_its_question(make) -> None:
    inspection = make()
    outline = build_outline(inspection, evidence_annex=True)
    sources: list[nodes.Source] = []
    for node in outline.walk():
        for source in [getattr(node, "source", None)] + [item.source for item in getattr(node, "items", ())]:
            if source is not None:
                sources.append(source)
        for run in getattr(node, "runs", ()):
            if isinstance(run, nodes.FootnoteMark) and run.source is not None:
                sources.append(run.source)
    assert len(sources) > 20
    fixed = 0
    for source in sources:
        if source.record_id is None:
            fixed += 1
            assert source.question_id is not None and inspection.framework.question(source.question_id)
            continue
        record = find_record(inspection, source.record_id)
        assert source.field in type(record).model_fields, (type(record).__name__, source.field)
        if isinstance(record, EvidenceItem):
            continue
        question = question_of(inspection, source.record_id)
        assert (question.question_id if question else None) == source.question_id
    assert fixed > 0


def test_a_field_of_several_lines_links_each_paragraph_to_where_it_starts() -> None:
    inspection = peel_inspection()
    q1 = inspection.questions[0]
    q1.sections[0].blocks = [Paragraph(text="First line.\n\nSecond line.")]
    q1.recommendations = [Recommendation(text="Do this:", sub_points=["one;", "two\nthree."])]
    q1.areas_for_improvement = [AreaForImprovement(text="The force should:", sub_points=["alpha", "beta"])]
    outline = build_outline(inspection)
    by_text = {
        node.text: node.source
        for node in outline.walk()
        if isinstance(node, (nodes.Paragraph, nodes.Bullet)) and node.source is not None
    }
    by_text |= {
        item.text: item.source
        for node in outline.body
        if isinstance(node, nodes.LetteredList)
        for item in node.items
    }
    paragraph = q1.sections[0].blocks[0].id
    assert by_text["First line."] == nodes.Source(paragraph, "text", q1.question_id, 0)
    assert by_text["Second line."] == nodes.Source(paragraph, "text", q1.question_id, 13)
    recommendation = q1.recommendations[0].id
    assert by_text["one;"] == nodes.Source(recommendation, "sub_points", q1.question_id, 0)
    assert by_text["two"] == nodes.Source(recommendation, "sub_points", q1.question_id, 5)
    assert by_text["three."] == nodes.Source(recommendation, "sub_points", q1.question_id, 9)
    assert by_text["beta"] == nodes.Source(q1.areas_for_improvement[0].id, "sub_points", q1.question_id, 6)
    grade = next(node for node in outline.body if isinstance(node, nodes.GradeBox) and node.label == "Good")
    assert grade.source == nodes.Source(q1.id, "grade", q1.question_id)
    assert (grade.fill, grade.style) == ("#8CC63F", "Grade Good")


def test_footnote_markers_become_marks_and_unknown_ones_stay() -> None:
    inspection = crime_inspection()
    outline = build_outline(inspection)
    [paragraph] = [
        node
        for node in outline.walk()
        if isinstance(node, nodes.Paragraph) and node.text.startswith("Recorded")
    ]
    first, mark, rest = paragraph.runs
    assert first == "Recorded crime fell by 21 percent."
    assert isinstance(mark, nodes.FootnoteMark) and (mark.label, mark.text) == ("iom", CRIME_FOOTNOTE)
    assert mark.source == nodes.Source(inspection.questions[0].footnotes[0].id, "text", "reducing-crime")
    assert rest == " Unknown marker [^nope] stays."
    grid = next(node for node in outline.body if isinstance(node, nodes.Table))
    [grid_text] = grid.rows[2][0].content
    assert isinstance(grid_text, nodes.Paragraph)
    assert grid_text.runs == ("A sound and effective approach to preventing crime.",), "no note in the grid"


def test_hostile_text_is_cleaned_into_paragraphs() -> None:
    inspection = peel_inspection()
    inspection.questions[1].sections = [
        NarrativeSection(theme="Theme\x00 one", blocks=[Paragraph(text="A\x01b\r\nC <b>&amp;</b>\rD")])
    ]
    outline = build_outline(inspection)
    texts = [node.text for node in outline.body if isinstance(node, (nodes.Heading, nodes.Paragraph))]
    start = texts.index("Theme one")
    assert texts[start + 1 : start + 4] == ["Ab", "C <b>&amp;</b>", "D"]


# -- word counts --------------------------------------------------------------------------------------


def test_count_words_counts_words_not_dashes() -> None:
    assert nodes.count_words("") == 0
    assert nodes.count_words("Within three months, the force – per cent.") == 7
    assert nodes.count_words("– — - *") == 0
    assert nodes.count_words("don’t  £5\tx-y\n12.5") == 4


def _counted_inspection() -> Inspection:
    inspection = new_inspection(bundled.load_framework("peel-2016-effectiveness"), "Kent Police", "Kent")
    inspection.pillars[0].summary = [Paragraph(text="Kent is good overall.")]  # 4 words
    q1, q2, *_ = inspection.questions
    q1.sections = [NarrativeSection(theme="Crime prevention", blocks=[Paragraph(text="It works well.[^1]")])]
    q1.footnotes = [Footnote(label="1", text="As of March 2016.")]
    q1.areas_for_improvement = [AreaForImprovement(text="The force should share.", sub_points=["widely"])]
    q2.summary = [SummaryItem(text="Investigations – mostly – improve.")]
    inspection.evidence = [
        EvidenceItem(text="Many many words in an interview note " * 20, question_id=q1.question_id)
    ]
    return inspection


def test_word_counts_per_question_and_in_total() -> None:
    inspection = _counted_inspection()
    outline = build_outline(inspection)
    counts = nodes.word_counts(outline)
    q1, q2, q3, q4, q5 = (q.id for q in inspection.framework.questions())
    # q1: theme 2 + "It works well." 3 + footnote 4 + AFI 4 + sub-point 1; q2: 3 (dashes are no words)
    assert counts.by_question == {q1: 14, q2: 3, q3: 0, q4: 0, q5: 0}
    assert list(counts.by_question) == [q1, q2, q3, q4, q5], "in report order"
    assert counts.report_wide == 4
    printed = [
        node.text if not isinstance(node, nodes.GradeBox) else node.label
        for node in outline.walk()
        if isinstance(node, (nodes.Heading, nodes.Paragraph, nodes.Bullet, nodes.GradeBox))
    ] + ["As of March 2016."]
    assert counts.total == sum(nodes.count_words(text) for text in printed)
    assert counts.total > 14 + 3 + 4, "the fixed wording counts in the total"


def test_word_counts_leave_evidence_out_unless_the_annex_prints_it() -> None:
    inspection = _counted_inspection()
    without = nodes.word_counts(build_outline(inspection))
    inspection.evidence[0].text += " and more"
    assert nodes.word_counts(build_outline(inspection)) == without, "evidence notes are not the report"
    with_annex = nodes.word_counts(build_outline(inspection, evidence_annex=True))
    assert with_annex.by_question == without.by_question
    assert with_annex.total > without.total


def test_an_outline_is_plain_data() -> None:
    outline = build_outline(peel_inspection())
    assert outline.running_header == nodes.RunningHeader("Hertfordshire PEEL 2016")
    assert outline.page_numbers
    assert outline.properties.title == "Hertfordshire PEEL 2016"
    node = outline.body[0]
    with pytest.raises(AttributeError):
        node.style = "Normal"  # type: ignore[misc]  # frozen
