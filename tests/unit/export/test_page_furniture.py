"""An organisation's headers, footers and cover are kept and filled in; the protective marking and, until
the report is final, the draft line and watermark are on every page (issue 14, items 1 and 2).

Each template is the bundled one (it has every style and no header) given headers, footers or a cover
with python-docx; each report is read back from the exported .docx.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Pt
from lxml import etree

from inspector_app.domain.inspection import DEFAULT_MARKING, Inspection, Status
from inspector_app.domain.text import long_date
from inspector_app.export import export_report
from inspector_app.export.fields import field_codes
from inspector_app.export.outline import DRAFT_NOTICE
from inspector_app.export.page_furniture import V_NS, WATERMARK_ID

from .export_support import TEMPLATE, crime_inspection, open_docx, peel_inspection

LOGO = Path(__file__).resolve().parents[2] / "fixtures" / "images" / "six-by-four.jpg"
LOGO_LINE = "Inspectorate of Constabulary — Justice Inspectorates"
CRIME_TITLE = "Crime inspection 2014 – Hertfordshire Constabulary"
PEEL_TITLE = "Hertfordshire PEEL 2016"
MARKING_STYLE, DRAFT_STYLE = "ProtectiveMarking", "DraftNotice"


def _template(tmp_path: Path, build: Callable[[Document], None]) -> Path:
    """The bundled template with what ``build`` adds, saved as an organisation's."""
    document = docx.Document(str(TEMPLATE))
    build(document)
    path = tmp_path / "org.docx"
    document.save(str(path))
    return path


def _export(tmp_path: Path, inspection: Inspection, template: Path | None = None) -> Document:
    return open_docx(export_report(inspection, tmp_path / "report.docx", template=template))


def _lines(story: etree._Element) -> list[tuple[str, str]]:
    """Each paragraph of a header or footer as (style id, text)."""
    return [
        (
            "".join(p.xpath("./w:pPr/w:pStyle/@w:val")),
            "".join(t.text or "" for t in p.iter(qn("w:t"))),
        )
        for p in story.iter(qn("w:p"))
    ]


def _texts(story: etree._Element) -> list[str]:
    return [text for _, text in _lines(story)]


def _styled(story: etree._Element, style_id: str) -> list[str]:
    return [text for style, text in _lines(story) if style == style_id]


def _story(section: Section, name: str) -> etree._Element:
    """A header or footer the report defines (``name``: "header", "first_page_footer", …)."""
    story = getattr(section, name)
    assert not story.is_linked_to_previous, f"{name} is not defined"
    element: etree._Element = story._element
    return element


def _watermarks(story: etree._Element) -> list[str]:
    """The text of each of Word's watermark shapes in ``story``."""
    return [
        path.get("string")
        for shape in story.iter(f"{{{V_NS}}}shape")
        if (shape.get("id") or "").startswith(WATERMARK_ID)
        for path in shape.iter(f"{{{V_NS}}}textpath")
    ]


def _with(inspection: Inspection, *, status: Status | None = None, marking: str | None = None) -> Inspection:
    if status is not None:
        inspection.status = status
    if marking is not None:
        inspection.marking = marking
    return inspection


# -- the template's own header and footer ------------------------------------------------------------


def _logo_header_and_footer(document: Document) -> None:
    section = document.sections[0]
    logo = section.header.paragraphs[0]
    logo.add_run().add_picture(str(LOGO), height=Pt(18))
    logo.add_run(f" {LOGO_LINE}")
    footer = section.footer
    footer.paragraphs[0].text = "OFFICIAL-SENSITIVE"
    footer.add_paragraph("Page {page} of {pages}")


def test_an_organisation_header_and_footer_are_kept(tmp_path: Path) -> None:
    template = _template(tmp_path, _logo_header_and_footer)
    section = _export(tmp_path, crime_inspection(), template).sections[0]
    header = _story(section, "header")
    # Its own line and logo, under the marking and draft line; no standard running header added.
    assert _texts(header) == [DEFAULT_MARKING, DRAFT_NOTICE, f" {LOGO_LINE}"]
    assert len(list(header.iter(qn("a:blip")))) == 1
    assert CRIME_TITLE not in "".join(_texts(header))
    footer = _story(section, "footer")
    # The marking it prints already is not printed twice; its page X of Y is two fields.
    assert _texts(footer) == ["OFFICIAL-SENSITIVE", "Page 1 of 1"]
    assert [code.strip() for code in field_codes(footer)] == ["PAGE", "NUMPAGES"]


def _first_page_different(document: Document) -> None:
    section = document.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = "Cover letterhead"
    section.header.paragraphs[0].text = "Organisation running line"


def test_a_different_first_page_keeps_its_header_and_every_page_has_the_marking(tmp_path: Path) -> None:
    template = _template(tmp_path, _first_page_different)
    section = _export(tmp_path, crime_inspection(), template).sections[0]
    assert section.different_first_page_header_footer
    first, default = _story(section, "first_page_header"), _story(section, "header")
    assert _texts(first) == [DEFAULT_MARKING, DRAFT_NOTICE, "Cover letterhead"]
    assert _texts(default) == [DEFAULT_MARKING, DRAFT_NOTICE, "Organisation running line"]
    # The template has no footers: the first page's gets the marking only, the others a page number too.
    first_footer, default_footer = _story(section, "first_page_footer"), _story(section, "footer")
    assert _lines(first_footer) == [(MARKING_STYLE, DEFAULT_MARKING)]
    assert _lines(default_footer) == [("Footer", "1"), (MARKING_STYLE, DEFAULT_MARKING)]
    assert [code.strip() for code in field_codes(default_footer)] == ["PAGE"]


def test_even_pages_carry_the_marking_too(tmp_path: Path) -> None:
    def even_pages(document: Document) -> None:
        document.settings.odd_and_even_pages_header_footer = True
        document.sections[0].even_page_header.paragraphs[0].text = "Even page letterhead"

    report = _export(tmp_path, crime_inspection(), _template(tmp_path, even_pages))
    section = report.sections[0]
    assert report.settings.odd_and_even_pages_header_footer
    assert _texts(_story(section, "even_page_header")) == [
        DEFAULT_MARKING,
        DRAFT_NOTICE,
        "Even page letterhead",
    ]
    assert _styled(_story(section, "even_page_footer"), MARKING_STYLE) == [DEFAULT_MARKING]


def test_a_template_without_a_header_gets_the_running_header_and_a_page_number(tmp_path: Path) -> None:
    section = _export(tmp_path, crime_inspection()).sections[0]
    assert _lines(_story(section, "header")) == [
        (MARKING_STYLE, DEFAULT_MARKING),
        (DRAFT_STYLE, DRAFT_NOTICE),
        ("Header", CRIME_TITLE),
    ]
    footer = _story(section, "footer")
    assert _lines(footer) == [("Footer", "1"), (MARKING_STYLE, DEFAULT_MARKING)]
    assert [code.strip() for code in field_codes(footer)] == ["PAGE"]


# -- marking and status ------------------------------------------------------------------------------


def test_no_marking_prints_none(tmp_path: Path) -> None:
    def marking_line(document: Document) -> None:
        footer = document.sections[0].footer
        footer.paragraphs[0].text = "{marking}"
        footer.add_paragraph("Page {page}")

    report = _export(tmp_path, _with(crime_inspection(), marking=""), _template(tmp_path, marking_line))
    section = report.sections[0]
    header, footer = _story(section, "header"), _story(section, "footer")
    assert _styled(header, MARKING_STYLE) == [] and _styled(footer, MARKING_STYLE) == []
    assert _texts(header) == [DRAFT_NOTICE, CRIME_TITLE]
    assert _texts(footer) == ["Page 1"]  # the {marking} line, left empty, went


def test_a_final_report_has_no_draft_line_or_watermark(tmp_path: Path) -> None:
    def status_line(document: Document) -> None:
        document.sections[0].header.paragraphs[0].text = "{status}{draft}"

    report = _export(
        tmp_path, _with(peel_inspection(), status=Status.FINAL), _template(tmp_path, status_line)
    )
    header = _story(report.sections[0], "header")
    assert _texts(header) == [DEFAULT_MARKING, "Final"]
    assert not list(header.iter(qn("w:pict")))
    assert report.core_properties.content_status == "Final"


@pytest.mark.parametrize(
    ("status", "label"),
    [(Status.IN_REVIEW, "In review"), (Status.DRAFT, "Draft")],
    ids=["in review", "draft"],
)
def test_a_report_not_yet_final_has_the_draft_line_and_watermark(
    tmp_path: Path, status: Status, label: str
) -> None:
    template = _template(tmp_path, _first_page_different)
    report = _export(tmp_path, _with(crime_inspection(), status=status), template)
    section = report.sections[0]
    for name in ("first_page_header", "header"):
        header = _story(section, name)
        assert _styled(header, DRAFT_STYLE) == [DRAFT_NOTICE], name
        assert _watermarks(header) == ["DRAFT"], name
    ids = [shape.get("id") for shape in report.element.body.iter(f"{{{V_NS}}}shape")]
    assert ids == []  # the watermark is in the headers, not the body
    assert report.core_properties.content_status == label


# -- placeholders -----------------------------------------------------------------------------------


def _split_placeholders(document: Document) -> None:
    header = document.sections[0].header.paragraphs[0]
    header.add_run("{ti").bold = True
    header.add_run("tle} | {for")
    header.add_run("ce_short} | {nonsense} | {programme} | {publ")
    header.add_run("ished}")
    footer = document.sections[0].footer.paragraphs[0]
    for piece in ("Page {pa", "ge} of {pag", "es} — {date}"):
        footer.add_run(piece)


def test_placeholders_split_across_runs_are_filled(tmp_path: Path) -> None:
    inspection = peel_inspection()
    report = _export(tmp_path, inspection, _template(tmp_path, _split_placeholders))
    section = report.sections[0]
    header = _story(section, "header")
    title = PEEL_TITLE
    programme = inspection.framework.title
    line = f"{title} | Hertfordshire | {{nonsense}} | {programme} | 2 March 2017"
    assert _texts(header) == [DEFAULT_MARKING, DRAFT_NOTICE, line]
    # The value takes the formatting of the run where the placeholder began.
    (bold,) = [r for r in header.iter(qn("w:r")) if r.find(f"{qn('w:rPr')}/{qn('w:b')}") is not None]
    assert "".join(t.text or "" for t in bold.iter(qn("w:t"))) == title
    footer = _story(section, "footer")
    assert _texts(footer)[0] == f"Page 1 of 1 — {long_date(dt.date.today())}"
    assert [code.strip() for code in field_codes(footer)] == ["PAGE", "NUMPAGES"]


def test_the_marking_is_one_clean_line(tmp_path: Path) -> None:
    def marking_placeholder(document: Document) -> None:
        document.sections[0].footer.paragraphs[0].text = "Marked {marking}"

    hostile = "OFFICIAL\r\n-SENSITIVE\x00\x07\t\x1b  PERSONAL\n"
    report = _export(
        tmp_path, _with(crime_inspection(), marking=hostile), _template(tmp_path, marking_placeholder)
    )
    section = report.sections[0]
    clean = "OFFICIAL -SENSITIVE PERSONAL"
    assert _styled(_story(section, "header"), MARKING_STYLE) == [clean]
    assert _texts(_story(section, "footer")) == [f"Marked {clean}"]  # printed once, by the placeholder


def test_a_value_is_text_never_a_placeholder(tmp_path: Path) -> None:
    """Data only: a marking reading "{pages}" prints those characters; nothing is filled twice."""

    def marking_placeholder(document: Document) -> None:
        document.sections[0].footer.paragraphs[0].text = "{marking} {title}"

    report = _export(
        tmp_path, _with(crime_inspection(), marking="{pages}"), _template(tmp_path, marking_placeholder)
    )
    footer = _story(report.sections[0], "footer")
    assert _texts(footer) == [f"{{pages}} {CRIME_TITLE}"]
    assert field_codes(footer) == []


def test_a_header_no_page_shows_is_filled_too(tmp_path: Path) -> None:
    """A first-page header without "Different first page": should someone turn that on in Word later, it
    shows the title, not "{title}"."""

    def hidden_first_page(document: Document) -> None:
        document.sections[0].first_page_header.paragraphs[0].text = "First page {title}"

    section = _export(tmp_path, crime_inspection(), _template(tmp_path, hidden_first_page)).sections[0]
    assert not section.different_first_page_header_footer
    assert _texts(_story(section, "first_page_header")) == [f"First page {CRIME_TITLE}"]


# -- a cover ----------------------------------------------------------------------------------------


def _cover(ends_with_page_break: bool) -> Callable[[Document], None]:
    def build(document: Document) -> None:
        document.add_paragraph("{title}", style="Title")
        last = document.add_paragraph("{force_short} · {status} · {published}")
        if ends_with_page_break:
            last.add_run().add_break(docx.enum.text.WD_BREAK.PAGE)
        document.add_paragraph("{report}")
        document.add_paragraph("Template body text that no report prints.")

    return build


@pytest.mark.parametrize("ends_with_page_break", [False, True], ids=["cover", "cover ending with a break"])
def test_a_cover_before_the_report_marker_is_kept(tmp_path: Path, ends_with_page_break: bool) -> None:
    template = _template(tmp_path, _cover(ends_with_page_break))
    report = _export(tmp_path, _with(peel_inspection(), status=Status.IN_REVIEW), template)
    paragraphs = report.paragraphs
    assert [p.text for p in paragraphs[:2]] == [PEEL_TITLE, "Hertfordshire · In review · 2 March 2017"]
    assert paragraphs[0].style.name == "Title"
    text = "\n".join(p.text for p in paragraphs)
    assert "{report}" not in text and "Template body text" not in text
    # The report starts on a new page: a break of its own unless the cover ends with one.
    first_of_report = paragraphs[2]._p
    assert _starts_a_page(first_of_report) is not ends_with_page_break
    assert first_of_report.text == PEEL_TITLE


def _starts_a_page(p: etree._Element) -> bool:
    """Whether paragraph ``p`` begins a page of its own accord: "page break before", or a page break."""
    if p.find(f"{qn('w:pPr')}/{qn('w:pageBreakBefore')}") is not None:
        return True
    return any(br.get(qn("w:type")) == "page" for br in p.iter(qn("w:br")))
