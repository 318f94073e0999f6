"""The crime inspection 2014 layout, read back with python-docx."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from docx.oxml.ns import qn
from unit.export.export_support import (
    CRIME_FOOTNOTE,
    crime_inspection,
    headings,
    numbering_groups,
    open_docx,
    paragraphs_with_style,
    part_names,
    part_xml,
)

from inspector_app.domain.blocks import Paragraph
from inspector_app.export import export_report


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("crime") / "report.docx"
    assert export_report(crime_inspection(), path, evidence_annex=True) == path
    return path


@pytest.fixture(scope="module")
def document(exported: Path):
    return open_docx(exported)


def test_headings_in_report_order(document) -> None:
    found = headings(document)
    assert found[:3] == [
        ("Title", "How effective is the force at cutting crime?"),
        ("Subtitle", "Crime inspection 2014 – Hertfordshire Constabulary"),
        ("Heading 1", "Overall summary"),
    ]
    h1 = [text for style, text in found if style == "Heading 1"]
    assert h1 == [
        "Overall summary",
        "Summary of judgments",
        "Introduction",
        "Methodology",
        "How effective is the force at reducing crime and preventing offending?",
        "How effective is the force at investigating offending?",
        "How effective is the force at tackling anti-social behaviour?",
        "What each judgment means",
        "Annex: Evidence",
    ]
    q1 = found.index(("Heading 1", "How effective is the force at reducing crime and preventing offending?"))
    assert found[q1 + 1 : q1 + 4] == [
        ("Heading 2", "Crime"),
        ("Heading 2", "Recommendations"),
        ("Heading 2", "Summary"),
    ]
    q2 = found.index(("Heading 1", "How effective is the force at investigating offending?"))
    assert found[q2 + 1 : q2 + 5] == [
        ("Heading 2", "Cause of concern"),
        ("Heading 3", "Recommendations"),
        ("Heading 2", "Areas for improvement"),
        ("Heading 2", "Summary"),
    ]


def test_questions_start_on_a_new_page_from_the_paragraph_not_a_break_in_it(document) -> None:
    starts = [
        p for p in document.paragraphs if p.style.name == "Heading 1" and p.text.startswith("How effective")
    ]
    assert len(starts) == 3
    for p in starts:
        assert p._p.xpath("./w:pPr/w:pageBreakBefore"), p.text
    assert not document.element.body.xpath('.//w:p[w:pPr/w:pStyle[starts-with(@w:val, "Heading")]]//w:br')


def test_pillar_summary_and_standard_texts(document) -> None:
    texts = [p.text for p in document.paragraphs]
    start = texts.index("Overall summary")  # the TOC comes after it
    assert texts[start + 1] == "Hertfordshire Constabulary has invested in crime prevention initiatives."
    assert "During our inspection we analysed data and documents from forces" in "\n".join(texts)
    assert "How effective is the force at investigating offending?" in paragraphs_with_style(
        document, "List Bullet"
    )


def test_grades_are_paragraphs_in_grade_styles(document) -> None:
    graded = [(p.text, p.style.name) for p in document.paragraphs if p.style.name.startswith("Grade ")]
    assert graded == [
        ("Good", "Grade Good"),
        ("Requires improvement", "Grade Requires improvement"),
        ("Not yet graded", "Grade Ungraded"),
    ]


def test_judgement_grid(document) -> None:
    grid = document.tables[0]
    assert len(grid.rows) == 3 and len(grid.columns) == 3
    assert [c.text for c in grid.rows[0].cells] == [
        "How effective is the force at reducing crime and preventing offending?",
        "How effective is the force at investigating offending?",
        "How effective is the force at tackling anti-social behaviour?",
    ]
    assert [c.text for c in grid.rows[1].cells] == ["Good", "Requires improvement", "Not yet graded"]
    grade_styles = [c.paragraphs[0].style.name for c in grid.rows[1].cells]
    assert grade_styles == ["Grade Good Cell", "Grade Requires improvement Cell", "Grade Ungraded Cell"]
    # The colours are the styles' (a template restyles them), never the cell's own.
    assert not [c for c in grid.rows[1].cells if c._tc.xpath("./w:tcPr/w:shd")]
    fills = [document.styles[name].element.xpath("./w:pPr/w:shd/@w:fill") for name in grade_styles]
    assert fills == [["8CC63F"], ["F6A71C"], ["D9D9D9"]]
    # Row 3: the grid summary when there is one (footnote markers dropped), else the summary bullets.
    summary_cells = grid.rows[2].cells
    assert summary_cells[0].text == "A sound and effective approach to preventing crime."
    assert [p.text for p in summary_cells[1].paragraphs] == [
        "Vulnerability is well understood.",
        "Supervision varies.",
    ]
    assert {p.style.name for p in summary_cells[1].paragraphs} == {"List Bullet"}
    assert grid.style.name == "Inspection Table"
    assert grid.rows[0]._tr.xpath("./w:trPr/w:tblHeader")


def test_data_table_caption_and_note(document) -> None:
    table = document.tables[1]
    assert table.style.name == "Inspection Table"
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["12 months to June 2014", "Hertfordshire rate", "England and Wales rate"],
        ["Crime excluding fraud", "46.3", "60.7"],
        ["Victim-based crime", "39.4", "53.9"],
    ]
    captions = paragraphs_with_style(document, "Caption")
    assert captions == [
        "Figure: Recorded crime rate (per 1,000 population) between June 2010 and June 2014.",
        "Crime and anti-social behaviour rates",
    ]
    tbl = table._tbl
    assert tbl.getprevious().xpath("string(.)") == "Crime and anti-social behaviour rates"
    note = tbl.getnext()
    assert note.xpath("./w:pPr/w:pStyle/@w:val") == ["TableNote"]
    assert "anti-social behaviour data" in note.xpath("string(.)")


def test_bullet_levels(document) -> None:
    assert "First point" in paragraphs_with_style(document, "List Bullet")
    assert "Nested point" in paragraphs_with_style(document, "List Bullet 2")
    assert "Deeper point" in paragraphs_with_style(document, "List Bullet 3")


def test_recommendations_timescale_and_lettered_points(document) -> None:
    bullets = paragraphs_with_style(document, "List Bullet")
    assert (
        "Within three months, Hertfordshire Constabulary should review the examination of seized equipment."
        in bullets
    )
    # The timescale is not printed twice when the text already states it.
    assert "Within three months Hertfordshire Constabulary should improve investigations so that:" in bullets
    assert "Within six months, the constabulary should assess SafetyNet as a means to:" in bullets
    lettered = paragraphs_with_style(document, "List Letter")
    assert lettered[:5] == [
        "officers know the standard;",
        "supervisors drive standards; and",
        "there is oversight.",
        "record learning; and",
        "share learning.",
    ]


def test_every_list_restarts_with_its_own_numbering_instance(document, exported: Path) -> None:
    heading_ids = {p.style.style_id for p in document.paragraphs if p.style.name.startswith("Heading")}
    groups = [  # the annex's question headings are numbered too: by the questions' own numbering
        group
        for group in numbering_groups(document)
        if not set(group[1]) & {p.text for p in document.paragraphs if p.style.style_id in heading_ids}
    ]
    assert [texts for _, texts in groups] == [
        ["officers know the standard;", "supervisors drive standards; and", "there is oversight."],
        ["record learning; and", "share learning."],
        ["train staff", "audit"],
    ]
    num_ids = [num_id for num_id, _ in groups]
    assert len(set(num_ids)) == len(num_ids)
    numbering = part_xml(exported, "word/numbering.xml")
    abstract_ids = set()
    for num_id in num_ids:
        (num,) = numbering.xpath(f'./w:num[@w:numId="{num_id}"]', namespaces={"w": numbering.nsmap["w"]})
        ns = {"w": numbering.nsmap["w"]}
        abstract_ids.add(num.xpath("./w:abstractNumId/@w:val", namespaces=ns)[0])
        assert num.xpath('./w:lvlOverride[@w:ilvl="0"]/w:startOverride/@w:val', namespaces=ns) == ["1"]
    assert len(abstract_ids) == 1
    (abstract,) = numbering.xpath(
        f'./w:abstractNum[@w:abstractNumId="{abstract_ids.pop()}"]', namespaces={"w": numbering.nsmap["w"]}
    )
    ns = {"w": numbering.nsmap["w"]}
    assert abstract.xpath('./w:lvl[@w:ilvl="0"]/w:numFmt/@w:val', namespaces=ns) == ["lowerLetter"]
    assert abstract.xpath('./w:lvl[@w:ilvl="0"]/w:lvlText/@w:val', namespaces=ns) == ["(%1)"]


def test_areas_for_improvement_nest(document) -> None:
    assert "The force should ensure that:" in paragraphs_with_style(document, "List Bullet")
    assert paragraphs_with_style(document, "List Bullet 2")[-2:] == [
        "prompts are sufficient;",
        "staff train.",
    ]


def test_footnotes_become_word_footnotes(exported: Path, document) -> None:
    assert "word/footnotes.xml" in part_names(exported)
    notes = part_xml(exported, "word/footnotes.xml")
    ns = {"w": notes.nsmap["w"]}
    real = notes.xpath("./w:footnote[not(@w:type)]", namespaces=ns)
    assert len(real) == 1
    assert real[0].xpath("string(.)").strip() == CRIME_FOOTNOTE
    assert real[0].xpath("./w:p/w:pPr/w:pStyle/@w:val", namespaces=ns) == ["FootnoteText"]
    body = document.element.body
    refs = body.xpath(".//w:footnoteReference")
    assert [r.get(qn("w:id")) for r in refs] == [real[0].get(qn("w:id"))]
    assert refs[0].getparent().xpath("./w:rPr/w:rStyle/@w:val") == ["FootnoteReference"]
    text = [p.text for p in document.paragraphs if p.text.startswith("Recorded crime fell")]
    assert text == ["Recorded crime fell by 21 percent. Unknown marker [^nope] stays."]


def test_header_footer_and_fields(exported: Path, document) -> None:
    section = document.sections[0]
    assert section.header.paragraphs[-1].text == "Crime inspection 2014 – Hertfordshire Constabulary"
    assert section.header.paragraphs[-1].style.name.lower() == "header"
    footer = section.footer._element
    instructions = "".join(footer.xpath(".//w:instrText/text()")) + "".join(
        footer.xpath(".//w:fldSimple/@w:instr")
    )
    assert "PAGE" in instructions
    body = document.element.body
    toc = "".join(body.xpath(".//w:instrText/text()"))
    assert "TOC" in toc
    settings = part_xml(exported, "word/settings.xml")
    assert settings.xpath("./w:updateFields/@w:val", namespaces={"w": settings.nsmap["w"]}) == ["true"]
    assert paragraphs_with_style(document, "TOC Heading") == ["Contents"]


def test_core_properties(document) -> None:
    props = document.core_properties
    assert props.title == "Crime inspection 2014 – Hertfordshire Constabulary"
    assert props.subject == "Crime inspection 2014"
    assert props.author == "Alex Inspector; Sam Lead"
    assert props.language == "en-GB"
    assert props.created.date() == dt.date(2014, 9, 1)
    assert props.modified.date() >= dt.date(2024, 1, 1)
    assert props.comments == ""


def test_evidence_annex(document) -> None:
    evidence = document.tables[-2:]
    assert [c.text for c in evidence[0].rows[0].cells] == ["Source", "Date", "Title", "Reference"]
    assert [c.text for c in evidence[0].rows[1].cells] == [
        "Interview",
        "11/08/2014",
        "Interview with the head of crime",
        "CI14-Q1-01",
    ]
    assert [c.text for c in evidence[1].rows[1].cells] == ["Data", "", "Recorded crime data", "CI14-X-01"]
    h2 = [text for style, text in headings(document) if style == "Heading 2"]
    assert "How effective is the force at reducing crime and preventing offending?" in h2
    assert "Evidence not linked to a question" in h2


def test_evidence_annex_is_off_by_default(tmp_path: Path) -> None:
    path = export_report(crime_inspection(), tmp_path / "report.docx")
    document = open_docx(path)
    assert "Annex: Evidence" not in [p.text for p in document.paragraphs]
    assert len(document.tables) == 2  # the judgement grid and the data table


def test_judgement_meanings_annex(document) -> None:
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    start = paragraphs.index(("Heading 1", "What each judgment means"))
    assert paragraphs[start + 1][1].startswith("HMIC uses four categories for making judgments")


def test_a_footnote_cited_twice_is_one_footnote_and_a_cross_reference(tmp_path: Path) -> None:
    """Word's way: the first citation holds the footnote, a later one shows its number through NOTEREF to a
    bookmark on the first (so the numbers stay right when Word renumbers)."""
    inspection = crime_inspection()
    q1 = inspection.questions[0]
    q1.sections[0].blocks.append(Paragraph(text="As said before[^iom], offenders are managed."))
    exported = export_report(inspection, tmp_path / "twice.docx")
    notes = part_xml(exported, "word/footnotes.xml")
    ns = {"w": notes.nsmap["w"]}
    (note,) = notes.xpath("./w:footnote[not(@w:type)]", namespaces=ns)
    body = part_xml(exported, "word/document.xml")
    (reference,) = body.xpath(".//w:footnoteReference", namespaces=ns)
    assert reference.get(qn("w:id")) == note.get(qn("w:id"))
    (bookmark,) = body.xpath(".//w:bookmarkStart[starts-with(@w:name, '_RefFootnote')]", namespaces=ns)
    name = bookmark.get(qn("w:name"))
    assert body.xpath(f".//w:bookmarkEnd[@w:id='{bookmark.get(qn('w:id'))}']", namespaces=ns)
    codes = [code.strip() for code in body.xpath(".//w:instrText/text()", namespaces=ns)]
    assert f"NOTEREF {name} \\f \\h" in codes
    (again,) = [p for p in body.iter(qn("w:p")) if "NOTEREF" in "".join(p.itertext())]
    shown = "".join(t.text for t in again.iter(qn("w:t")))
    assert "1" in shown, "the field shows the footnote's number until Word updates it"
    texts = ["".join(t.text for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p"))]
    assert sum("[^iom]" in text for text in texts) == 0
