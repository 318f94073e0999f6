"""A template is never refused for a style it lacks: the standard template's is copied in (with what it stands
on), the export and lint say so, and lint says what else the template will do to the report (issue 14,
item 3)."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml.ns import qn
from lxml import etree

from inspector_app.export import export_report, lint_template
from inspector_app.export.style_copy import copy_missing_styles
from inspector_app.export.styles import required_styles
from inspector_app.export.template import load_template

from .export_support import NS, TEMPLATE, crime_inspection, open_docx, part_xml, peel_inspection


def _bare(tmp_path: Path, name: str = "org.docx") -> Path:
    path = tmp_path / name
    docx.Document().save(str(path))
    return path


def _with_styles_xml(tmp_path: Path, change, name: str = "org.docx") -> Path:
    """A plain python-docx document whose styles part ``change(styles_root)`` edits."""
    document = docx.Document()
    change(document.styles.element)
    path = tmp_path / name
    document.save(str(path))
    return path


def _style(kind: str, style_id: str, name: str, extra: str = "") -> etree._Element:
    return etree.fromstring(
        f'<w:style xmlns:w="{NS["w"]}" w:type="{kind}" w:styleId="{style_id}"><w:name w:val="{name}"/>'
        f"{extra}</w:style>"
    )


def _styles_by_name(path: Path) -> dict[str, etree._Element]:
    root = part_xml(path, "word/styles.xml")
    return {el.find(qn("w:name")).get(qn("w:val")): el for el in root.iterfind(qn("w:style"))}


def test_a_plain_docx_gets_every_missing_style_and_the_report_uses_them(tmp_path):
    warnings: list[str] = []
    report = export_report(
        crime_inspection(), tmp_path / "r.docx", template=_bare(tmp_path), warn=warnings.append
    )
    styles = _styles_by_name(report)
    used = {
        value
        for part in ("word/document.xml", "word/footnotes.xml")
        for value in part_xml(report, part).xpath("//w:pStyle/@w:val | //w:rStyle/@w:val", namespaces=NS)
    }
    ids = {el.get(qn("w:styleId")) for el in styles.values()}
    assert used <= ids, f"the report uses styles it does not define: {used - ids}"
    for name in ("Grade Good", "Table Note", "List Letter", "Inspection Table"):
        assert name in styles
    assert len(warnings) == 1 and "List Letter" in warnings[0]


def test_a_copied_list_style_brings_its_numbering_in_schema_order(tmp_path):
    report = export_report(crime_inspection(), tmp_path / "r.docx", template=_bare(tmp_path))
    letter = _styles_by_name(report)["List Letter"]
    (num_id,) = letter.xpath("./w:pPr/w:numPr/w:numId/@w:val", namespaces=NS)
    numbering = part_xml(report, "word/numbering.xml")
    (abstract_id,) = numbering.xpath(f'./w:num[@w:numId="{num_id}"]/w:abstractNumId/@w:val', namespaces=NS)
    formats = numbering.xpath(
        f'./w:abstractNum[@w:abstractNumId="{abstract_id}"]/w:lvl[@w:ilvl="0"]/w:numFmt/@w:val', namespaces=NS
    )
    assert formats == ["lowerLetter"]
    tags = [etree.QName(child).localname for child in numbering]
    last_abstract = max(i for i, tag in enumerate(tags) if tag == "abstractNum")
    first_num = min(i for i, tag in enumerate(tags) if tag == "num")
    assert last_abstract < first_num, "every abstractNum comes before the first num"
    lettered = open_docx(report).paragraphs
    assert any(p.style.name == "List Letter" for p in lettered)


def test_a_style_of_the_wrong_kind_is_reported_and_the_standard_one_used_under_its_kind(tmp_path):
    template = _with_styles_xml(
        tmp_path,
        lambda root: root.append(_style("character", "GradeGood", "Grade Good", "<w:rPr><w:b/></w:rPr>")),
    )
    lint = lint_template(template)
    assert lint.wrong_kind == {"Grade Good": "character"}
    assert any("“Grade Good” is a character style in it" in line for line in lint.style_lines())
    warnings: list[str] = []
    report = export_report(crime_inspection(), tmp_path / "r.docx", template=template, warn=warnings.append)
    styles = _styles_by_name(report)
    assert styles["Grade Good"].get(qn("w:type")) == "character", "the template's own style is left alone"
    copy = styles["Grade Good (paragraph)"]
    assert copy.get(qn("w:type")) == "paragraph"
    copy_id = copy.get(qn("w:styleId"))
    assert copy_id != "GradeGood", "a style id the template uses is never reused"
    body = part_xml(report, "word/document.xml")
    assert body.xpath(f'//w:pStyle[@w:val="{copy_id}"]', namespaces=NS), "the grade paragraphs use the copy"
    assert any("“Grade Good” as a character style" in line for line in warnings)


def test_a_copy_is_based_on_the_templates_own_style_of_that_name_or_on_a_copy(tmp_path):
    def add_table_text(root):
        root.append(_style("paragraph", "OrgTableText", "Table Text", "<w:basedOn w:val='Normal'/>"))

    template = _with_styles_xml(tmp_path, add_table_text)
    document = load_template(template).document
    standard = load_template(None).document
    copied = copy_missing_styles(document, standard, required_styles([crime_inspection().framework]))
    assert "Table Text" not in copied.copied
    assert "Table Note" in copied.copied
    styles = {el.get(qn("w:styleId")): el for el in document.styles.element.iterfind(qn("w:style"))}
    for element in styles.values():
        for reference in element.xpath("./w:basedOn/@w:val | ./w:next/@w:val | ./w:link/@w:val"):
            assert reference in styles, f"{element.get(qn('w:styleId'))} refers to a style that is not there"
    again = copy_missing_styles(document, standard, required_styles([crime_inspection().framework]))
    assert again.copied == [], "copying twice adds nothing"


def test_the_standard_template_and_a_complete_one_are_left_as_they_are(tmp_path):
    warnings: list[str] = []
    before = len(list(docx.Document(str(TEMPLATE)).styles))
    report = export_report(peel_inspection(), tmp_path / "r.docx", template=TEMPLATE, warn=warnings.append)
    assert warnings == []
    assert len(list(docx.Document(str(report)).styles)) == before
    assert not [name for name in _styles_by_name(report) if name.endswith(")")]


def test_lint_reports_heading_numbering_of_the_templates_own(tmp_path):
    def number_heading_1(root):
        heading = root.xpath('./w:style[w:name/@w:val="heading 1"]')[0]  # python-docx knows w:
        p_pr = heading.find(qn("w:pPr"))
        if p_pr is None:
            p_pr = etree.SubElement(heading, qn("w:pPr"))
        num_pr = etree.SubElement(p_pr, qn("w:numPr"))
        etree.SubElement(num_pr, qn("w:numId"), {qn("w:val"): "1"})

    lint = lint_template(_with_styles_xml(tmp_path, number_heading_1))
    assert lint.numbered_headings == ["Heading 1"], (
        "the standard TOC Heading the export copies is never numbered"
    )
    assert any("It numbers Heading 1" in line for line in lint.style_lines())
    assert lint_template(TEMPLATE).numbered_headings == []


def test_lint_says_whose_header_and_footer_the_report_carries(tmp_path):
    document = docx.Document()
    section = document.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = "ACME POLICE — {marking}"
    section.header.paragraphs[0].text = "{title}"
    path = tmp_path / "furnished.docx"
    document.save(str(path))
    lint = lint_template(path)
    assert lint.header.pages == {"first page": "ACME POLICE — {marking}", "every page": "{title}"}
    assert lint.header.describe().startswith("Header: the template's own, kept (first page “ACME POLICE")
    assert not lint.footer.own
    assert lint.footer.describe() == (
        "Footer: the template has none; the report adds its standard page-number footer."
    )
    assert lint.lines()[-2:] == [lint.header.describe(), lint.footer.describe()]


def test_a_long_list_of_styles_says_the_grade_styles_once():
    from inspector_app.export.styles import listed

    assert listed(["Table Note"]) == "Table Note"
    assert listed(["Table Note", "List Letter"]) == "Table Note and List Letter"
    names = ["Table Note", "Grade Good", "Grade Good Cell", "Grade Inadequate", "Hyperlink"]
    assert listed(names) == "Table Note, Hyperlink and the grade styles (Grade Good, … 3 in all)"
