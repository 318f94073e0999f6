"""Typography and pagination in the Word report (issue 14, item 4): curly quotes, real hyperlinks, page
breaks from paragraph properties, tables that keep together, right-aligned numbers, question numbers
from Word numbering."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from unit.export.export_support import (
    NS,
    crime_inspection,
    open_docx,
    part_xml,
    peel_inspection,
    printed_headings,
)

from inspector_app.domain.blocks import DataTable, Paragraph
from inspector_app.export import export_report
from inspector_app.export.docx_writer import KEEP_LAST_ROWS, kept_rows, numeric_columns
from inspector_app.export.typography import link_spans, typographic


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("the force's approach", "the force’s approach"),
        ("the inspectors' view", "the inspectors’ view"),
        ('she said "good" and left', "she said “good” and left"),
        ("'quoted' words", "‘quoted’ words"),
        ("a 5'10\" officer", "a 5'10\" officer"),
        ("in the '90s", "in the ’90s"),
        ('see <a href="x">', 'see <a href="x">'),
        ("http://example.org/it's", "http://example.org/it's"),
    ],
)
def test_quotes_become_typographic_one_character_for_one(typed: str, printed: str) -> None:
    assert typographic(typed) == printed
    assert len(typographic(typed)) == len(typed)


def test_web_addresses_are_found_without_their_trailing_punctuation() -> None:
    spans = list(link_spans("See www.justiceinspectorates.gov.uk/hmic/. Or (https://example.org/a)."))
    links = [(span.text, span.target) for span in spans if span.target]
    assert links == [
        ("www.justiceinspectorates.gov.uk/hmic/", "https://www.justiceinspectorates.gov.uk/hmic/"),
        ("https://example.org/a", "https://example.org/a"),
    ]
    assert "".join(span.text for span in spans) == (
        "See www.justiceinspectorates.gov.uk/hmic/. Or (https://example.org/a)."
    )


@pytest.fixture(scope="module")
def crime(tmp_path_factory: pytest.TempPathFactory) -> Path:
    inspection = crime_inspection()
    blocks = inspection.questions[0].sections[0].blocks
    blocks.append(
        Paragraph(text="The force's reports are at www.example.police.uk/reports and it's \"good\".")
    )
    rows = [[f"Area {n}", f"{n * 1000:,}", f"{n}%", "n/a" if n == 3 else "text"] for n in range(1, 6)]
    blocks.append(
        DataTable(
            caption="Crime by area",
            columns=["Area", "Crimes", "Change", "Note"],
            rows=rows,
            note="Source: police data.",
        )
    )
    return export_report(
        inspection, tmp_path_factory.mktemp("typography") / "crime.docx", evidence_annex=True
    )


def test_the_report_prints_typographic_quotes(crime: Path) -> None:
    texts = [p.text for p in open_docx(crime).paragraphs]
    (line,) = [t for t in texts if t.startswith("The force’s reports")]
    assert line == "The force’s reports are at www.example.police.uk/reports and it’s “good”."


def test_a_web_address_is_a_real_hyperlink_in_the_hyperlink_style(crime: Path) -> None:
    body = part_xml(crime, "word/document.xml")
    (link,) = body.xpath("//w:hyperlink", namespaces=NS)
    assert "".join(link.itertext()) == "www.example.police.uk/reports"
    assert link.xpath("./w:r/w:rPr/w:rStyle/@w:val", namespaces=NS) == ["Hyperlink"]
    rel = open_docx(crime).part.rels[link.get(qn("r:id"))]
    assert rel.is_external and rel.target_ref == "https://www.example.police.uk/reports"
    settings = part_xml(crime, "word/settings.xml")
    assert settings.find(qn("w:updateFields")) is not None, "a link does not stop the contents updating"


def test_page_breaks_come_from_paragraph_properties(crime: Path) -> None:
    body = part_xml(crime, "word/document.xml")
    assert not body.xpath("//w:p[w:pPr/w:pStyle[starts-with(@w:val, 'Heading')]]//w:br", namespaces=NS)
    starts = body.xpath("//w:p[w:pPr/w:pageBreakBefore]", namespaces=NS)
    texts = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in starts]
    assert "Introduction" in texts and "Summary of judgments" in texts


def test_no_table_row_splits_and_a_small_table_stays_with_its_note(crime: Path) -> None:
    document = open_docx(crime)
    for table in document.tables:
        for row in table.rows:
            assert row._tr.xpath("./w:trPr/w:cantSplit")
    (data,) = [t for t in document.tables if t.rows[0].cells[0].text == "Area"]
    for row in data.rows:  # every row keeps with the next, the last with the note under the table
        for p in row._tr.iter(qn("w:p")):
            assert p.xpath("./w:pPr/w:keepNext"), p.xpath("string(.)")


def test_numeric_columns_are_right_aligned(crime: Path) -> None:
    document = open_docx(crime)
    (data,) = [t for t in document.tables if t.rows[0].cells[0].text == "Area"]
    styles = [[cell.paragraphs[0].style.name for cell in row.cells] for row in data.rows]
    assert styles[0] == ["Table Text"] * 4, "headings stay as they are"
    for row in styles[1:]:
        assert row == ["Table Text", "Table Number", "Table Number", "Table Text"]
    number = document.styles["Table Number"].element
    assert number.xpath("./w:pPr/w:jc/@w:val") == ["right"]


def test_which_columns_hold_numbers_and_which_rows_keep_together() -> None:
    rows = [["A", "B"], ["x", "1,234"], ["y", "–"], ["z", "-5.2 pp"]]
    assert numeric_columns(rows, 1) == {1}
    assert numeric_columns([["A"], ["–"]], 1) == set(), "a column of dashes alone is no number column"
    assert kept_rows(4, 1, note_follows=False) == {0, 1, 2}
    assert kept_rows(4, 1, note_follows=True) == {0, 1, 2, 3}
    long = kept_rows(40, 1, note_follows=False)
    assert long == {0, 1, *range(40 - KEEP_LAST_ROWS, 39)}, "header and first row; the last rows together"


def test_question_numbers_are_word_numbering_so_a_numbering_template_prints_one(tmp_path: Path) -> None:
    """An organisation template whose Heading 2 numbers itself: the paragraph's own numbering wins, so each
    question shows one number, not "2.1 1. How effective …"."""
    template = docx.Document()
    heading = template.styles["Heading 2"].element
    p_pr = heading.get_or_add_pPr()
    num_pr = p_pr.makeelement(qn("w:numPr"), {})
    num_pr.append(num_pr.makeelement(qn("w:numId"), {qn("w:val"): "1"}))
    p_pr.append(num_pr)
    path = tmp_path / "numbered.docx"
    template.save(str(path))
    report = open_docx(export_report(peel_inspection(), tmp_path / "r.docx", template=path))
    questions = [
        (p, p.text) for p in report.paragraphs if p.style.name == "Heading 2" and p.text.startswith("How")
    ]
    assert questions, "the questions are Heading 2"
    for p, text in questions:
        assert not text[0].isdigit(), "the number is not typed into the text"
        assert p._p.xpath("./w:pPr/w:numPr/w:numId/@w:val") != ["1"], (
            "the question numbering, not the style's"
        )
    printed = [text for style, text in printed_headings(report) if style == "Heading 2"]
    assert printed[0].startswith("1. How effective") and printed[4].startswith("5. How effective")


@pytest.mark.parametrize("number", ["3a", "²", "99999999999", "IV"])
def test_a_number_word_numbering_cannot_print_is_typed_before_the_text(tmp_path: Path, number: str) -> None:
    inspection = peel_inspection()
    inspection.framework.pillars[0].questions[0].number = number
    report = open_docx(export_report(inspection, tmp_path / "r.docx"))
    headings = [text for style, text in printed_headings(report) if style == "Heading 2"]
    assert headings[0].startswith(f"{number}. How effective")
    assert headings[1].startswith("2. How effective"), "the next question is numbered by Word again"
