"""The PEEL pillar layout, read back with python-docx."""

from __future__ import annotations

from pathlib import Path

import pytest
from unit.export.export_support import open_docx, paragraphs_with_style, peel_inspection, printed_headings

from inspector_app.domain.blocks import Paragraph
from inspector_app.export import export_report


@pytest.fixture(scope="module")
def document(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("peel") / "peel.docx"
    export_report(peel_inspection(), path)
    return open_docx(path)


def test_title_pillar_and_questions_in_order(document) -> None:
    found = printed_headings(document)
    assert found[:5] == [
        ("Title", "Hertfordshire PEEL 2016"),
        ("TOC Heading", "Contents"),
        ("Heading 1", "Effectiveness"),
        ("Subtitle", "How effective is the force at keeping people safe and reducing crime?"),
        ("Heading 1", "Questions for Effectiveness"),
    ]
    questions = [text for style, text in found if style == "Heading 2"]
    assert questions == [
        "1. How effective is the force at preventing crime, tackling anti-social behaviour and keeping people safe?",
        "2. How effective is the force at investigating crime and reducing re-offending?",
        "3. How effective is the force at protecting those who are vulnerable from harm, and supporting victims?",
        "4. How effective is the force at tackling serious and organised crime?",
        "5. How effective are the force’s specialist capabilities?",
    ]
    q3 = found.index(("Heading 2", questions[2]))
    assert found[q3 + 1 : q3 + 4] == [
        ("Heading 3", "Risk assessment"),
        ("Heading 3", "Cause of concern"),
        ("Heading 3", "Recommendations"),
    ]


def test_last_updated_grade_and_direction_of_travel_text(document) -> None:
    texts = [p.text for p in document.paragraphs]
    subtitle = texts.index("How effective is the force at keeping people safe and reducing crime?")
    assert texts[subtitle + 1] == "Last updated 02/03/2017"
    assert texts[subtitle + 2] == "Requires improvement"
    assert texts[subtitle + 3].startswith("Our overall judgement is a deterioration on last year")


def test_last_updated_is_omitted_without_a_publication_date(tmp_path: Path) -> None:
    inspection = peel_inspection()
    inspection.published = None
    document = open_docx(export_report(inspection, tmp_path / "peel.docx"))
    assert not [p.text for p in document.paragraphs if p.text.startswith("Last updated")]


def test_question_grades_in_grade_styles(document) -> None:
    graded = [(p.text, p.style.name) for p in document.paragraphs if p.style.name.startswith("Grade ")]
    assert graded == [
        ("Requires improvement", "Grade Requires improvement"),
        ("Good", "Grade Good"),
        ("Requires improvement", "Grade Requires improvement"),
        ("Inadequate", "Grade Inadequate"),
        ("Not yet graded", "Grade Ungraded"),
        ("Ungraded", "Grade Ungraded"),
    ]


def test_cause_of_concern_recommendations_and_nested_areas(document) -> None:
    texts = [p.text for p in document.paragraphs]
    cause = texts.index("Cause of concern")
    assert texts[cause + 1].startswith("It is a cause of concern to HMIC")
    assert texts[cause + 2] == "Recommendations"
    assert texts[cause + 3].startswith("To address this cause of concern HMIC recommends")
    assert texts[cause + 4 : cause + 6] == [
        "it improves its initial assessment;",
        "it responds on the basis of risk; and",
    ]
    assert paragraphs_with_style(document, "List Bullet 2") == [
        "question prompts are sufficient;",
        "control room staff take part in exercises; and",
    ]
    assert "HMICFRS has re-visited the force to assess the progress made." in texts


def test_header_is_the_title(document) -> None:
    assert document.sections[0].header.paragraphs[-1].text == "Hertfordshire PEEL 2016"
    footer = document.sections[0].footer._element
    assert "PAGE" in "".join(footer.xpath(".//w:instrText/text()"))


def test_core_properties(document) -> None:
    props = document.core_properties
    assert props.title == "Hertfordshire PEEL 2016"
    assert props.subject == "PEEL 2016 Effectiveness"
    assert props.author == "Alex Inspector"
    assert props.language == "en-GB"


def test_an_introduction_and_methodology_written_in_the_window_are_printed(tmp_path) -> None:
    """The window offers these editors whenever the inspection has the texts; the PEEL report printed none."""
    inspection = peel_inspection()
    inspection.introduction = [Paragraph(text="This report sets out our findings.")]
    inspection.methodology = [Paragraph(text="We reviewed 60 case files.")]
    document = open_docx(export_report(inspection, tmp_path / "peel.docx"))
    found = printed_headings(document)
    h1 = [text for style, text in found if style == "Heading 1"]
    assert h1[:3] == ["Introduction", "Methodology", "Effectiveness"]
    texts = [p.text for p in document.paragraphs]
    assert texts.index("This report sets out our findings.") < texts.index("We reviewed 60 case files.")
    contents = [p.text for p in document.paragraphs if p.style.name.lower().startswith("toc")]
    assert contents[:3] == ["Contents", "Introduction", "Methodology"]
    from inspector_app.domain.checks.text import report_text

    spots = [spot.text for spot in report_text(inspection)]
    assert spots[:2] == ["This report sets out our findings.", "We reviewed 60 case files."]


def test_without_them_nothing_is_added(document) -> None:
    assert "Introduction" not in [text for style, text in printed_headings(document)]


def test_a_pillar_published_apart_prints_its_own_last_updated_date(tmp_path) -> None:
    import datetime as dt

    inspection = peel_inspection()
    inspection.published = dt.date(2017, 3, 2)
    document = open_docx(export_report(inspection, tmp_path / "a.docx"))
    assert "Last updated 02/03/2017" in [p.text for p in document.paragraphs]
    inspection.pillars[0].published = dt.date(2017, 12, 7)
    document = open_docx(export_report(inspection, tmp_path / "b.docx"))
    texts = [p.text for p in document.paragraphs]
    assert "Last updated 07/12/2017" in texts and "Last updated 02/03/2017" not in texts
