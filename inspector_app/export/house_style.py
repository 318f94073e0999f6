"""The app's own look: style definitions for the bundled template ``resources/templates/report.docx``.

``tools/make_template.py`` calls :func:`make_template` to regenerate that file from python-docx's default
template. Everything visual lives here, on styles; the export itself never formats a run or paragraph
directly, so an organisation's template restyles every part of the report.

The export also calls :func:`add_grade_style` when a report made with the *bundled* template uses a grade
label the template does not know (a framework edited after the template was built).
"""

from __future__ import annotations

from collections.abc import Iterable
from xml.sax.saxutils import quoteattr

import docx
from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from ..domain.framework import Framework
from . import styles as S
from .footnotes import ensure_footnotes_part
from .xml import insert_in_order, nsdecls, qn

NAVY = "1F3864"
BLUE = "2F5496"
GREY_TEXT = "404040"
UNGRADED_FILL = "D9D9D9"
BORDER = "A6A6A6"
LINK_BLUE = "0563C1"
DRAFT_RED = "C00000"

#: A4 with 2.54 cm margins.
PAGE_WIDTH, PAGE_HEIGHT, MARGIN = 11906, 16838, 1440
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
#: A grade's box: how wide (twentieths of a point), and how far in so that its border meets the margin.
GRADE_BOX_WIDTH, GRADE_BOX_INSET = 3400, 120

# abstractNum / num ids for our lists, clear of the ids in python-docx's default numbering part.
_BULLET_IDS = (20, 21, 22)
_NUMBER_ID = 23
_LETTER_ID = 24


def _style(
    kind: str,
    name: str,
    *,
    style_id: str | None = None,
    based_on: str | None = "Normal",
    next_style: str | None = None,
    ppr: str = "",
    rpr: str = "",
    extra: str = "",
    priority: int = 99,
    custom: bool = False,
) -> etree._Element:
    style_id = style_id or S.style_id_for(name)
    parts = [f'<w:style {nsdecls("w")} w:type="{kind}" w:styleId="{style_id}"']
    if custom:
        parts.append(' w:customStyle="1"')
    parts.append(f"><w:name w:val={quoteattr(name)}/>")  # a grade's label from a framework: any text
    if based_on:
        parts.append(f'<w:basedOn w:val="{based_on}"/>')
    if next_style:
        parts.append(f'<w:next w:val="{next_style}"/>')
    parts.append(f'<w:uiPriority w:val="{priority}"/><w:qFormat/>')
    if ppr:
        parts.append(f"<w:pPr>{ppr}</w:pPr>")
    if rpr:
        parts.append(f"<w:rPr>{rpr}</w:rPr>")
    parts.append(extra)
    parts.append("</w:style>")
    return etree.fromstring("".join(parts))


def _rpr(
    *,
    bold: bool = False,
    italic: bool = False,
    colour: str | None = None,
    size: int | None = None,
    fill: str | None = None,
    superscript: bool = False,
    underline: bool = False,
) -> str:
    """Run properties in schema order. ``size`` in points."""
    out = ""
    if bold:
        out += "<w:b/><w:bCs/>"
    if italic:
        out += "<w:i/><w:iCs/>"
    if colour:
        out += f'<w:color w:val="{colour}"/>'
    if size:
        out += f'<w:sz w:val="{size * 2}"/><w:szCs w:val="{size * 2}"/>'
    if underline:
        out += '<w:u w:val="single"/>'
    if fill:
        out += f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>'
    if superscript:
        out += '<w:vertAlign w:val="superscript"/>'
    return out


def _spacing(before: int = 0, after: int = 0, line: int | None = None) -> str:
    line_attrs = f' w:line="{line}" w:lineRule="auto"' if line else ""
    return f'<w:spacing w:before="{before}" w:after="{after}"{line_attrs}/>'


def _numpr(num_id: int) -> str:
    return f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'


def _paragraph_styles() -> list[etree._Element]:
    heading_sizes = ((16, 360, 160, NAVY), (13, 280, 120, NAVY), (11, 220, 80, BLUE))
    result = [
        _style(
            "paragraph",
            S.TITLE,
            next_style="Normal",
            priority=10,
            ppr="<w:keepNext/>" + _spacing(0, 240, 240),
            rpr=_rpr(bold=True, colour=NAVY, size=24),
        ),
        _style(
            "paragraph",
            S.SUBTITLE,
            next_style="Normal",
            priority=11,
            ppr=_spacing(0, 360),
            rpr=_rpr(colour=GREY_TEXT, size=14),
        ),
    ]
    for level, (size, before, after, colour) in enumerate(heading_sizes, start=1):
        result.append(
            _style(
                "paragraph",
                f"heading {level}",
                style_id=f"Heading{level}",
                next_style="Normal",
                priority=9,
                ppr=f'<w:keepNext/><w:keepLines/>{_spacing(before, after)}<w:outlineLvl w:val="{level - 1}"/>',
                rpr=_rpr(bold=True, colour=colour, size=size),
            )
        )
    for level, name in enumerate(S.BULLETS):
        result.append(_style("paragraph", name, ppr=_numpr(_BULLET_IDS[level]) + _spacing(0, 100)))
    result += [
        _style("paragraph", S.NUMBERED, ppr=_numpr(_NUMBER_ID) + _spacing(0, 100)),
        _style("paragraph", S.LETTERED, ppr=_numpr(_LETTER_ID) + _spacing(0, 100), custom=True),
        _style(
            "paragraph",
            "caption",
            style_id="Caption",
            next_style="Normal",
            priority=35,
            ppr="<w:keepNext/>" + _spacing(120, 120),
            rpr=_rpr(bold=True, colour=NAVY, size=9),
        ),
        _style(
            "paragraph",
            S.FIGURE,
            next_style="Normal",
            ppr=_spacing(60, 200) + '<w:jc w:val="center"/>',
            custom=True,
        ),
        _style("paragraph", S.TABLE_TEXT, ppr=_spacing(0, 60, 240), rpr=_rpr(size=10), custom=True),
        _style("paragraph", S.TABLE_NUMBER, based_on="TableText", ppr='<w:jc w:val="right"/>', custom=True),
        _style(
            "paragraph",
            S.TABLE_NOTE,
            next_style="Normal",
            ppr=_spacing(60, 240, 240),
            rpr=_rpr(italic=True, colour=GREY_TEXT, size=8),
            custom=True,
        ),
        _style(
            "paragraph",
            "header",
            style_id="Header",
            ppr=f'<w:pBdr><w:bottom w:val="single" w:sz="4" w:space="4" w:color="{BORDER}"/></w:pBdr>'
            + _spacing(0, 0, 240),
            rpr=_rpr(colour=GREY_TEXT, size=9),
        ),
        _style(
            "paragraph",
            "footer",
            style_id="Footer",
            ppr=_spacing(0, 0, 240) + '<w:jc w:val="center"/>',
            rpr=_rpr(colour=GREY_TEXT, size=9),
        ),
        _style(
            "paragraph",
            S.MARKING,
            ppr=_spacing(0, 60, 240) + '<w:jc w:val="center"/>',
            rpr=_rpr(bold=True, size=10),
            custom=True,
        ),
        _style(
            "paragraph",
            S.DRAFT_NOTICE,
            ppr=_spacing(0, 60, 240) + '<w:jc w:val="center"/>',
            rpr=_rpr(italic=True, colour=DRAFT_RED, size=9),
            custom=True,
        ),
        _style(
            "paragraph",
            S.TOC_HEADING,
            based_on="Heading1",
            next_style="Normal",
            priority=39,
            # never numbered, even where the template numbers Heading 1; not itself in the contents
            ppr='<w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr><w:outlineLvl w:val="9"/>',
        ),
        _style(
            "paragraph",
            "toc 1",
            style_id="TOC1",
            next_style="Normal",
            priority=39,
            ppr=f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{TEXT_WIDTH}"/></w:tabs>'
            + _spacing(60, 60),
        ),
        _style(
            "paragraph",
            "toc 2",
            style_id="TOC2",
            next_style="Normal",
            priority=39,
            ppr=f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{TEXT_WIDTH}"/></w:tabs>'
            + _spacing(0, 40)
            + '<w:ind w:left="220"/>',
        ),
        _style(
            "paragraph", "footnote text", style_id="FootnoteText", ppr=_spacing(0, 40, 240), rpr=_rpr(size=8)
        ),
        _style(
            "character",
            "footnote reference",
            style_id="FootnoteReference",
            based_on="DefaultParagraphFont",
            rpr=_rpr(superscript=True),
        ),
        _style(
            "character",
            S.HYPERLINK,
            based_on="DefaultParagraphFont",
            rpr=_rpr(colour=LINK_BLUE, underline=True),
        ),
    ]
    return result


def grade_style_elements(name: str, fill: str, text_colour: str) -> list[etree._Element]:
    """A grade's two paragraph styles: ``name`` prints it as a shaded box (about 6 cm wide, the grade's
    colours, kept with what follows — in the PEEL layout the question's text), and ``name`` + " Cell" fills
    a table cell's width (the judgement grid). Colour and shading sit on the styles, never on the text."""
    fill = fill.lstrip("#").upper()
    colour = text_colour.lstrip("#").upper()
    edge = f'w:val="single" w:sz="4" w:color="{fill}"'
    box = _style(
        "paragraph",
        name,
        next_style="Normal",
        custom=True,
        priority=1,
        ppr="<w:keepNext/><w:keepLines/>"
        f'<w:pBdr><w:top {edge} w:space="3"/><w:left {edge} w:space="5"/><w:bottom {edge} w:space="3"/>'
        f'<w:right {edge} w:space="5"/></w:pBdr>'
        f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>'
        + _spacing(180, 240)
        + f'<w:ind w:left="{GRADE_BOX_INSET}" w:right="{TEXT_WIDTH - GRADE_BOX_WIDTH}"/>',
        rpr=_rpr(bold=True, colour=colour, size=12),
    )
    cell = _style(
        "paragraph",
        S.grade_cell_style_name(name),
        based_on=S.style_id_for(S.TABLE_TEXT),
        custom=True,
        priority=1,
        ppr=f'<w:keepNext/><w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>'
        + _spacing(0, 0, 300)
        + '<w:ind w:left="57" w:right="57"/>',
        rpr=_rpr(bold=True, colour=colour, size=11),
    )
    return [box, cell]


def _grade_styles(frameworks: Iterable[Framework]) -> list[etree._Element]:
    seen: dict[str, list[etree._Element]] = {}
    for framework in frameworks:
        for grade in framework.scale.grades:
            name = S.grade_style_name(grade.label)
            if name not in seen:
                seen[name] = grade_style_elements(name, grade.colour, grade.text_colour)
    seen[S.UNGRADED_STYLE] = grade_style_elements(S.UNGRADED_STYLE, UNGRADED_FILL, "#000000")
    return [style for pair in seen.values() for style in pair]


def _table_style() -> etree._Element:
    border = f'w:val="single" w:sz="4" w:space="0" w:color="{BORDER}"'
    extra = (
        "<w:tblPr>"
        '<w:tblInd w:w="0" w:type="dxa"/>'
        f"<w:tblBorders><w:top {border}/><w:left {border}/><w:bottom {border}/><w:right {border}/>"
        f"<w:insideH {border}/><w:insideV {border}/></w:tblBorders>"
        '<w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="57" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar>'
        "</w:tblPr>"
        '<w:tblStylePr w:type="firstRow">'
        f"<w:rPr>{_rpr(bold=True, colour='FFFFFF')}</w:rPr>"
        f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{NAVY}"/></w:tcPr>'
        "</w:tblStylePr>"
    )
    return _style(
        "table",
        S.TABLE,
        based_on="TableNormal",
        custom=True,
        priority=59,
        ppr=_spacing(0, 0, 240),
        extra=extra,
    )


def _replace_styles(styles_root: etree._Element, new_styles: list[etree._Element]) -> None:
    by_id = {el.get(qn("w:styleId")): el for el in styles_root.iterfind(qn("w:style"))}
    for style in new_styles:
        old = by_id.get(style.get(qn("w:styleId")))
        if old is not None:
            old.addprevious(style)
            styles_root.remove(old)
        else:
            styles_root.append(style)


def add_grade_style(document: Document, name: str, fill: str, text_colour: str) -> None:
    """Add grade ``name``'s box and cell styles (:func:`grade_style_elements`) in the house style.

    A style id another style of the document already has ("Good" and "Good!" both give "GradeGood") gets a
    number, so adding a grade never replaces another style."""
    root = document.styles.element
    taken = {el.get(qn("w:styleId")): el for el in root.iterfind(qn("w:style"))}
    for style in grade_style_elements(name, fill, text_colour):
        style_id = style.get(qn("w:styleId")) or "Grade"
        existing = taken.get(style_id)
        if existing is not None and _style_name(existing) != _style_name(style):
            number = 2
            while f"{style_id}{number}" in taken:
                number += 1
            style.set(qn("w:styleId"), f"{style_id}{number}")
        taken[style.get(qn("w:styleId"))] = style
        _replace_styles(root, [style])


def _style_name(style: etree._Element) -> str | None:
    name = style.find(qn("w:name"))
    return None if name is None else name.get(qn("w:val"))


def _abstract_num(abstract_id: int, fmt: str, text: str, left: int, hanging: int) -> etree._Element:
    return etree.fromstring(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        f'<w:nsid w:val="5E1A00{abstract_id:02X}"/><w:multiLevelType w:val="singleLevel"/>'
        f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
        f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{left}" w:hanging="{hanging}"/></w:pPr></w:lvl>'
        "</w:abstractNum>"
    )


def _numbering(document: Document) -> None:
    root = document.part.numbering_part.element
    definitions = [
        _abstract_num(_BULLET_IDS[0], "bullet", "\u2022", 360, 360),
        _abstract_num(_BULLET_IDS[1], "bullet", "\u2013", 720, 360),
        _abstract_num(_BULLET_IDS[2], "bullet", "\u2022", 1080, 360),
        _abstract_num(_NUMBER_ID, "decimal", "%1.", 360, 360),
        _abstract_num(_LETTER_ID, "lowerLetter", "(%1)", 900, 450),
    ]
    first_num = root.find(qn("w:num"))
    for definition in definitions:
        if first_num is not None:
            first_num.addprevious(definition)
        else:
            root.append(definition)
        num = etree.fromstring(
            f'<w:num {nsdecls("w")} w:numId="{definition.get(qn("w:abstractNumId"))}">'
            f'<w:abstractNumId w:val="{definition.get(qn("w:abstractNumId"))}"/></w:num>'
        )
        insert_in_order(root, num, ("w:numIdMacAtCleanup",))


def _doc_defaults(document: Document) -> None:
    styles_root = document.styles.element
    defaults = styles_root.find(qn("w:docDefaults"))
    if defaults is not None:
        styles_root.remove(defaults)
    styles_root.insert(
        0,
        etree.fromstring(
            f"<w:docDefaults {nsdecls('w')}>"
            "<w:rPrDefault><w:rPr>"
            '<w:rFonts w:ascii="Arial" w:eastAsia="Arial" w:hAnsi="Arial" w:cs="Arial"/>'
            '<w:sz w:val="22"/><w:szCs w:val="22"/>'
            '<w:lang w:val="en-GB" w:eastAsia="en-GB" w:bidi="ar-SA"/>'
            "</w:rPr></w:rPrDefault>"
            f"<w:pPrDefault><w:pPr>{_spacing(0, 160, 264)}</w:pPr></w:pPrDefault>"
            "</w:docDefaults>"
        ),
    )
    # Word's proofing and the theme follow the document language too.
    theme_lang = document.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), "en-GB")
        theme_lang.attrib.pop(qn("w:eastAsia"), None)


def _drop_unused_table_styles(document: Document) -> None:
    """python-docx's default template carries ~140 sample table styles (430 kB); keep the plain ones."""
    root = document.styles.element
    for style in list(root.iterfind(qn("w:style"))):
        if style.get(qn("w:type")) == "table" and style.get(qn("w:styleId")) not in (
            "TableNormal",
            "TableGrid",
        ):
            root.remove(style)


def _drop_extras(document: Document) -> None:
    """Drop the default template's leftovers: stylesWithEffects (stale once styles change), customXml,
    and the thumbnail picture of an empty page."""
    unwanted = {
        "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
        RT.CUSTOM_XML,
        RT.THUMBNAIL,
    }
    for owner in (document.part, document.part.package):
        for rel_id, rel in list(owner.rels.items()):
            if rel.reltype in unwanted:
                del owner.rels[rel_id]
                owner.rels.related_parts.pop(rel_id, None)


def _page_setup(document: Document) -> None:
    sect_pr = document.element.body.sectPr
    pg_sz = sect_pr.find(qn("w:pgSz"))
    pg_sz.set(qn("w:w"), str(PAGE_WIDTH))
    pg_sz.set(qn("w:h"), str(PAGE_HEIGHT))
    pg_mar = sect_pr.find(qn("w:pgMar"))
    for side in ("top", "right", "bottom", "left"):
        pg_mar.set(qn(f"w:{side}"), str(MARGIN))
    pg_mar.set(qn("w:header"), "709")
    pg_mar.set(qn("w:footer"), "709")


def _clear_body(document: Document) -> None:
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


#: Word 2013 and later: a report in an older mode opens with "[Compatibility Mode]" in Word's title bar.
COMPATIBILITY_MODE = "15"


def _current_compatibility(document: Document) -> None:
    """Set Word's compatibility mode to the current one (python-docx's default template says Word 2010)."""
    settings = document.settings.element
    for setting in settings.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), COMPATIBILITY_MODE)
    # python-docx's default template has <w:zoom w:val="bestFit"/>, and the schema requires w:percent on
    # w:zoom: the one schema error every report inherited.
    for zoom in settings.iter(qn("w:zoom")):
        if zoom.get(qn("w:percent")) is None:
            zoom.set(qn("w:percent"), "100")


def make_template(frameworks: Iterable[Framework]) -> Document:
    """The bundled report template: python-docx's default template restyled, with no body content."""
    document = docx.Document()
    _drop_extras(document)
    _drop_unused_table_styles(document)
    _page_setup(document)
    _doc_defaults(document)
    _numbering(document)
    _replace_styles(
        document.styles.element, _paragraph_styles() + _grade_styles(frameworks) + [_table_style()]
    )
    ensure_footnotes_part(document)
    _clear_body(document)
    _current_compatibility(document)
    props = document.core_properties
    props.title = "Inspection report"
    props.subject = ""
    props.author = "Inspector"
    props.comments = ""
    props.last_modified_by = ""
    props.keywords = ""
    props.category = ""
    props.language = "en-GB"
    return document
