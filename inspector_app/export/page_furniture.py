"""Page furniture: what a report prints on every page around its body — headers, footers, the protective
marking, the draft line and watermark — and the placeholders of a template's headers, footers and cover.

:func:`furnish` is called by :meth:`.docx_writer.DocxWriter.render` before the body is written.

**The template's own headers and footers are kept**, every one of them: default, first-page and even-page,
in every section the template has, with "Different first page" (``w:titlePg``) and "Different odd and even
pages" (``w:evenAndOddHeaders``) as the template sets them, and the PAGE, NUMPAGES and other local fields
they hold (:mod:`.fields`). Only where a template has no header of its own — no header part, or one with
nothing on it — is the standard one added: the running header (:attr:`.outline.Outline.running_header`)
in the default header, and a page number in the default footer. A first-page or even-page header or
footer the template asks for but leaves empty stays empty but for what every page carries (below): an
organisation's cover page without a header keeps it so.

**On every page**, in every header and footer the report's pages use (created where the template asks for
a first or even page without one):

* the protective marking (:attr:`.outline.Outline.marking`, in the style "Protective Marking") at the top
  of each header and the bottom of each footer — unless that header or footer already prints it (through
  ``{marking}`` or the words themselves); an empty marking prints nothing;
* until the report is final, "Draft — not for publication" (style "Draft Notice") under the marking at the
  top of each header, unless it already has ``{draft}``, and a DRAFT watermark across the page: Word's own
  kind (a VML WordArt shape, "PowerPlusWaterMarkObject", in the header), which Word lists as the watermark
  and LibreOffice draws too.

**Placeholders**, filled in the template's headers and footers and in its cover (all text, data only: no
template code runs, nothing is evaluated):

============== ===========================================================================
``{title}``     the report's title ("Crime inspection 2014 – Hertfordshire Constabulary")
``{force}``     the force's name ("Hertfordshire Constabulary")
``{force_short}`` its short name ("Hertfordshire")
``{programme}`` the inspection programme (the framework's title: "PEEL 2016 Effectiveness")
``{marking}``   the protective marking ("OFFICIAL-SENSITIVE"; nothing when there is none)
``{status}``    "Draft", "In review" or "Final"
``{draft}``     "Draft — not for publication" until the report is final, then nothing
``{published}`` the report's date (the inspection's *Last updated*, "7 March 2025"; nothing if unset)
``{date}``      the day of the export ("7 March 2025")
``{page}``      the page number (a PAGE field)
``{pages}``     the number of pages (a NUMPAGES field)
============== ===========================================================================

A placeholder may be split across runs, as Word does when it checks spelling or a word was retyped: the
runs' text is joined where a placeholder spans them and the value takes the first run's formatting. Any
other ``{word}`` stays as it is written, and a value is never searched for placeholders itself. A paragraph
that held only placeholders which came out empty (a ``{marking}`` line when there is none) goes. A header
or footer no page shows is filled too, for the day someone turns on "Different first page" in Word.

**A cover page**: the template's body is dropped (:mod:`.template`), but what it holds before a paragraph
that reads ``{report}`` is kept as the report's first page(s) — its sections, pictures and placeholders
included — and the report begins after it, on a new page unless the cover ends with a page or section
break. Without a ``{report}`` paragraph a template's body text is dropped, as before.
"""

from __future__ import annotations

import bisect
import copy
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from docx.document import Document
from docx.parts.hdrftr import FooterPart, HeaderPart
from docx.section import Section
from lxml import etree

from . import outline as O
from . import sanitize
from . import styles as S
from .scrub import report_marker
from .xml import XML_SPACE, qn

#: Placeholders filled with text from :attr:`.outline.Outline.placeholders`.
TEXT_PLACEHOLDERS = (
    "title",
    "force",
    "force_short",
    "programme",
    "marking",
    "status",
    "draft",
    "published",
    "date",
)
#: Placeholders that become a field.
FIELD_PLACEHOLDERS = {"page": "PAGE", "pages": "NUMPAGES"}
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")

#: Resolves a style name (and kind) to the template's style id.
StyleId = Callable[..., str]

_P, _PPR, _PSTYLE, _R, _RPR, _T = (qn(t) for t in ("w:p", "w:pPr", "w:pStyle", "w:r", "w:rPr", "w:t"))
_TBL, _SDT, _SECTPR, _BR = qn("w:tbl"), qn("w:sdt"), qn("w:sectPr"), qn("w:br")
_TC = qn("w:tc")
_TAB, _CR = qn("w:tab"), qn("w:cr")
_FLDCHAR, _INSTR = qn("w:fldChar"), qn("w:instrText")
_VAL, _TYPE = qn("w:val"), qn("w:type")
_BLOCKS = frozenset({_P, _TBL, _SDT})
#: What makes a header or footer the template's own, besides text: pictures, shapes, fields, tables.
_SHOWS = frozenset(
    qn(t) for t in ("w:drawing", "w:pict", "w:object", "w:fldChar", "w:fldSimple", "w:tbl", "w:sym", "w:ptab")
)
#: What a paragraph emptied of its placeholders may still hold and be blank.
_BLANK = frozenset(
    {
        _R,
        _T,
        _RPR,
        qn("w:proofErr"),
        qn("w:bookmarkStart"),
        qn("w:bookmarkEnd"),
        qn("w:lastRenderedPageBreak"),
    }
)
_KINDS = ("header", "footer")
#: A header or footer's type and the python-docx section attribute for it.
_TYPES = {
    ("header", "default"): "header",
    ("header", "first"): "first_page_header",
    ("header", "even"): "even_page_header",
    ("footer", "default"): "footer",
    ("footer", "first"): "first_page_footer",
    ("footer", "even"): "even_page_footer",
}

V_NS = "urn:schemas-microsoft-com:vml"
O_NS = "urn:schemas-microsoft-com:office:office"
W10_NS = "urn:schemas-microsoft-com:office:word"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#: The shape id Word gives its text watermarks (Design › Watermark finds and replaces it by this name).
WATERMARK_ID = "PowerPlusWaterMarkObject"
_WATERMARK_SHAPETYPE = "_x0000_t136"
#: Word's text-watermark shape type (WordArt "plain text"), as Word writes it.
_SHAPETYPE = (
    f'<v:shapetype xmlns:v="{V_NS}" xmlns:o="{O_NS}" id="{_WATERMARK_SHAPETYPE}" coordsize="21600,21600" '
    'o:spt="136" adj="10800" path="m@7,l@8,m@5,21600l@6,21600e">'
    "<v:formulas>"
    + "".join(
        f'<v:f eqn="{eqn}"/>'
        for eqn in (
            "sum #0 0 10800",
            "prod #0 2 1",
            "sum 21600 0 @1",
            "sum 0 0 @2",
            "sum 21600 0 @3",
            "if @0 @3 0",
            "if @0 21600 @1",
            "if @0 0 @2",
            "if @0 @4 21600",
            "mid @5 @6",
            "mid @8 @5",
            "mid @7 @8",
            "mid @6 @7",
            "sum @6 0 @5",
        )
    )
    + "</v:formulas>"
    '<v:path textpathok="t" o:connecttype="custom" o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" '
    'o:connectangles="270,180,90,0"/>'
    '<v:textpath on="t" fitshape="t"/>'
    '<v:handles><v:h position="#0,bottomRight" xrange="6629,14971"/></v:handles>'
    '<o:lock v:ext="edit" text="t" shapetype="t"/>'
    "</v:shapetype>"
)
#: The watermark's box: five capitals at Word's proportions, centred on the page's text area, rotated 45°.
_WATERMARK_STYLE = (
    "position:absolute;margin-left:0;margin-top:0;width:412.4pt;height:164.95pt;rotation:315;"
    "z-index:-251657216;mso-position-horizontal:center;mso-position-horizontal-relative:margin;"
    "mso-position-vertical:center;mso-position-vertical-relative:margin"
)


@dataclass
class _Story:
    """A header or footer the report's pages use."""

    element: etree._Element
    kind: str
    type: str
    #: The template's, with something on it (else the report writes it).
    own: bool


def furnish(document: Document, outline: O.Outline, style_id: StyleId) -> bool:
    """Fill and complete the headers, footers and cover of ``document`` for ``outline`` (see the module).

    ``style_id(name)`` gives the template's id of a paragraph style. Returns whether the report's body
    must begin on a new page (after a cover that does not end with a page or section break).
    """
    values = placeholder_values(outline.placeholders)
    new_page = _cover(document, values)
    shapes = _Shapes()
    furniture = _Furniture(
        marking=one_clean_line(outline.marking),
        notice=one_clean_line(outline.draft_notice),
        watermark=one_clean_line(outline.watermark),
        running_header="" if outline.running_header is None else one_clean_line(outline.running_header.text),
        page_numbers=outline.page_numbers,
    )
    stories = _stories(document)
    for story in stories:
        if story.own:
            fill_placeholders(story.element, values)
        else:
            _clear(story.element)
        if story.kind == "header":
            _furnish_header(story, furniture, style_id, shapes)
        else:
            _furnish_footer(story, furniture, style_id)
    shown = {id(story.element) for story in stories}
    for part in document.part.package.iter_parts():
        # One no page shows (a first-page header without "Different first page") is filled all the same:
        # turned on in Word later, it prints no "{title}".
        if isinstance(part, (HeaderPart, FooterPart)) and id(part.element) not in shown:
            fill_placeholders(part.element, values)
    return new_page


def placeholder_values(given: dict[str, str]) -> dict[str, str]:
    """Every text placeholder's value, one clean line each ("" for one not given)."""
    return {name: one_clean_line(given.get(name, "")) for name in TEXT_PLACEHOLDERS}


def one_clean_line(text: str) -> str:
    """``text`` cleaned (:func:`.sanitize.one_line`) with every run of white space, tabs included, one
    space: a marking or a title in a header is one line of words, whatever was pasted into it."""
    return " ".join(sanitize.one_line(text).split())


@dataclass(frozen=True)
class _Furniture:
    """What every page carries, each text one clean line ("" for none)."""

    marking: str
    notice: str
    watermark: str
    running_header: str
    page_numbers: bool


# -- which headers and footers ---------------------------------------------------------------------------


def _stories(document: Document) -> list[_Story]:
    """Every header and footer the report's pages show, each once, created where a section shows one that
    neither it nor an earlier section defines (as Word would show a blank one)."""
    settings = document.settings.element
    even_pages = _on(settings.find(qn("w:evenAndOddHeaders")))
    related = document.part.related_parts
    stories: list[_Story] = []
    seen: set[int] = set()
    for kind in _KINDS:
        inherited: dict[str, etree._Element | None] = {"default": None, "first": None, "even": None}
        for section in document.sections:
            sect_pr = section._sectPr
            first_page = _on(sect_pr.find(qn("w:titlePg")))
            for type_ in ("default", "first", "even"):
                reference = _reference(sect_pr, kind, type_)
                if reference is not None and reference in related:
                    inherited[type_] = related[reference].element
                shown = (
                    type_ == "default"
                    or (type_ == "first" and first_page)
                    or (type_ == "even" and even_pages)
                )
                if not shown:
                    continue
                element = inherited[type_]
                if element is None:
                    element = inherited[type_] = _new_story(section, kind, type_)
                if id(element) in seen:
                    continue
                seen.add(id(element))
                stories.append(_Story(element, kind, type_, _has_content(element)))
    return stories


def _reference(sect_pr: etree._Element, kind: str, type_: str) -> str | None:
    for reference in sect_pr.iterfind(qn(f"w:{kind}Reference")):
        if (reference.get(_TYPE) or "default") == type_:
            rel_id: str | None = reference.get(qn("r:id"))
            return rel_id
    return None


def _new_story(section: Section, kind: str, type_: str) -> etree._Element:
    story = getattr(section, _TYPES[(kind, type_)])
    story.is_linked_to_previous = False  # a new part, referenced by this section
    element: etree._Element = story._element
    _clear(element)
    return element


def _on(element: etree._Element | None) -> bool:
    """Whether an on/off property (w:titlePg, w:evenAndOddHeaders) is set."""
    return element is not None and (element.get(_VAL) or "true").lower() not in ("0", "false", "off")


def _has_content(story: etree._Element) -> bool:
    if any(True for _ in story.iter(*_SHOWS)):
        return True
    return any((t.text or "").strip() for t in story.iter(_T))


def _clear(story: etree._Element) -> None:
    for child in list(story):
        if child.tag in _BLOCKS:
            story.remove(child)


# -- what each carries -------------------------------------------------------------------------------


def _furnish_header(story: _Story, furniture: _Furniture, style_id: StyleId, shapes: _Shapes) -> None:
    element = story.element
    text = _text(element)
    top: list[etree._Element] = []
    marking = furniture.marking
    if marking and not _prints(text, marking):
        top.append(_paragraph(style_id(S.MARKING), marking))
    notice = furniture.notice
    if notice and notice not in text:
        top.append(_paragraph(style_id(S.DRAFT_NOTICE), notice))
    for position, paragraph in enumerate(top):
        element.insert(position, paragraph)
    if not story.own and story.type == "default" and furniture.running_header:
        element.append(_paragraph(style_id(S.HEADER), furniture.running_header))
    watermark = furniture.watermark
    if watermark and not _has_watermark(element, watermark):
        anchor = next((child for child in element if child.tag == _P), None)
        if anchor is None:
            anchor = _paragraph(style_id(S.HEADER), "")
            element.append(anchor)
        anchor.append(shapes.watermark(watermark))
    _at_least_one_paragraph(element, style_id(S.HEADER))


def _furnish_footer(story: _Story, furniture: _Furniture, style_id: StyleId) -> None:
    element = story.element
    if not story.own and story.type == "default" and furniture.page_numbers:
        element.append(_page_number(style_id(S.FOOTER)))
    marking = furniture.marking
    if marking and not _prints(_text(element), marking):
        element.append(_paragraph(style_id(S.MARKING), marking))
    _at_least_one_paragraph(element, style_id(S.FOOTER))


def _at_least_one_paragraph(story: etree._Element, style: str) -> None:
    """Word calls a header or footer without a paragraph damaged."""
    if not any(child.tag in _BLOCKS for child in story):
        story.append(_paragraph(style, ""))


def _prints(text: str, words: str) -> bool:
    """Whether ``text`` holds ``words`` on their own ("OFFICIAL" is not in "OFFICIAL-SENSITIVE")."""
    return re.search(rf"(?<![\w-]){re.escape(words)}(?![\w-])", text) is not None


def _text(element: etree._Element) -> str:
    """The words of ``element``, each paragraph, tab and line break a separator (so a marking at the end
    of one paragraph is not taken as run into the next)."""
    return "".join(e.text or "" if e.tag == _T else "\n" for e in element.iter(_P, _T, _TAB, _BR, _CR))


def _paragraph(style_id: str, text: str) -> etree._Element:
    p = etree.Element(_P)
    etree.SubElement(etree.SubElement(p, _PPR), _PSTYLE, {_VAL: style_id})
    if text:
        _text_run(p, text)
    return p


def _text_run(p: etree._Element, text: str) -> etree._Element:
    r = etree.SubElement(p, _R)
    t = etree.SubElement(r, _T, {XML_SPACE: "preserve"})
    t.text = text
    return r


def _page_number(style_id: str) -> etree._Element:
    p = _paragraph(style_id, "")
    for run in _field_runs("PAGE", None):
        p.append(run)
    return p


def _field_runs(code: str, rpr: etree._Element | None) -> list[etree._Element]:
    """The runs of a field ``code`` with the result "1" shown until it is updated, each with ``rpr``."""
    runs: list[etree._Element] = []
    for kind, text in (
        ("begin", None),
        ("instr", f" {code} "),
        ("separate", None),
        ("result", "1"),
        ("end", None),
    ):
        r = etree.Element(_R)
        if rpr is not None:
            r.append(copy.deepcopy(rpr))
        if kind == "instr":
            instr = etree.SubElement(r, _INSTR, {XML_SPACE: "preserve"})
            instr.text = text
        elif kind == "result":
            etree.SubElement(r, _T).text = text
        else:
            etree.SubElement(r, _FLDCHAR, {qn("w:fldCharType"): kind})
        runs.append(r)
    return runs


class _Shapes:
    """The watermark shapes of one report: each has an id of its own, the shape type is declared once per
    header (as Word does)."""

    def __init__(self) -> None:
        self.count = 0

    def watermark(self, text: str) -> etree._Element:
        self.count += 1
        r = etree.Element(_R)
        # Word's own prefixes declared here, where a header part may lack them (lxml would write "ns0").
        pict = etree.SubElement(r, qn("w:pict"), nsmap={"v": V_NS, "o": O_NS, "w10": W10_NS})
        pict.append(etree.fromstring(_SHAPETYPE))
        shape = etree.SubElement(
            pict,
            f"{{{V_NS}}}shape",
            {
                "id": f"{WATERMARK_ID}{self.count}",
                f"{{{O_NS}}}spid": f"_x0000_s{2048 + self.count}",
                "type": f"#{_WATERMARK_SHAPETYPE}",
                "style": _WATERMARK_STYLE,
                f"{{{O_NS}}}allowincell": "f",
                "fillcolor": "silver",
                "stroked": "f",
            },
        )
        etree.SubElement(shape, f"{{{V_NS}}}fill", {"opacity": ".5"})
        etree.SubElement(
            shape,
            f"{{{V_NS}}}textpath",
            {"style": 'font-family:"Arial";font-size:1pt', "string": text},
        )
        etree.SubElement(shape, f"{{{W10_NS}}}wrap", {"anchorx": "margin", "anchory": "margin"})
        return r


def _has_watermark(element: etree._Element, text: str) -> bool:
    return any(
        path.get("string") == text
        for shape in element.iter(f"{{{V_NS}}}shape")
        if (shape.get("id") or "").startswith(WATERMARK_ID)
        for path in shape.iterfind(f"{{{V_NS}}}textpath")
    )


# -- placeholders ----------------------------------------------------------------------------------------


def fill_placeholders(root: etree._Element, values: dict[str, str]) -> set[str]:
    """Fill the placeholders (see the module) in every paragraph under ``root``; returns the names found.

    ``values`` maps each text placeholder to its text; ``{page}`` and ``{pages}`` become fields.
    """
    found: set[str] = set()
    emptied: list[etree._Element] = []
    for p in list(root.iter(_P)):
        names = _fill_paragraph(p, values)
        if names:
            found |= names
            if _is_blank(p):
                emptied.append(p)
    for p in emptied:
        parent = p.getparent()
        if parent is None or not any(b is not p and b.tag in _BLOCKS for b in parent):
            continue
        if parent.tag == _TC and not any(b is not p and b.tag == _P for b in parent):
            continue  # a table cell must keep a paragraph (Word calls one ending in a table damaged)
        parent.remove(p)
    return found


def _fill_paragraph(p: etree._Element, values: dict[str, str]) -> set[str]:
    texts = [t for t in p.iter(_T) if next(t.iterancestors(_P), None) is p]
    joined = "".join(t.text or "" for t in texts)
    if "{" not in joined:
        return set()
    matches = [
        m for m in PLACEHOLDER.finditer(joined) if m.group(1) in values or m.group(1) in FIELD_PLACEHOLDERS
    ]
    if not matches:
        return set()
    starts: list[int] = []
    position = 0
    for t in texts:
        starts.append(position)
        position += len(t.text or "")
    for match in reversed(matches):  # later ones first: the offsets of earlier ones stay right
        name = match.group(1)
        start, end = match.span()
        first = _containing(starts, start)
        last = _containing(starts, end - 1)
        value = match.group(0) if name in FIELD_PLACEHOLDERS else values[name]
        head = (texts[first].text or "")[: start - starts[first]]
        tail = (texts[last].text or "")[end - starts[last] :]
        if first == last:
            texts[first].text = head + value + tail
        else:
            texts[first].text = head + value
            for middle in texts[first + 1 : last]:
                middle.text = ""
            texts[last].text = tail
        texts[first].set(XML_SPACE, "preserve")
        if name in FIELD_PLACEHOLDERS:
            _field_in_text(texts[first], len(head), len(value), FIELD_PLACEHOLDERS[name])
    for t in texts:
        if not t.text and t.getparent() is not None:
            t.getparent().remove(t)
    return {m.group(1) for m in matches}


def _containing(starts: list[int], offset: int) -> int:
    """The index of the text that holds character ``offset`` of the joined texts (an empty text shares its
    start with the next, which is the one that holds it)."""
    return bisect.bisect_right(starts, offset) - 1


def _field_in_text(t: etree._Element, at: int, length: int, code: str) -> None:
    """Put a field ``code`` in place of ``length`` characters of ``t`` from ``at``: the run is split around
    it, each piece with the run's formatting."""
    run = t.getparent()
    text = t.text or ""
    if run is None or run.tag != _R:
        return
    after = text[at + length :]
    t.text = text[:at]
    rpr = run.find(_RPR)
    children = list(run)
    following = children[children.index(t) + 1 :]
    new_runs = _field_runs(code, rpr)
    if after or following:
        tail = etree.Element(_R)
        if rpr is not None:
            tail.append(copy.deepcopy(rpr))
        if after:
            tail_t = etree.SubElement(tail, _T, {XML_SPACE: "preserve"})
            tail_t.text = after
        for child in following:
            tail.append(child)  # moved
        new_runs.append(tail)
    for offset, new in enumerate(new_runs):
        run.addnext(new) if offset == 0 else new_runs[offset - 1].addnext(new)
    if not t.text:
        run.remove(t)


def _is_blank(p: etree._Element) -> bool:
    """A paragraph that shows nothing (no text; only runs, empty texts and marks) and ends no section."""
    if _text(p).strip() or p.find(f"{_PPR}/{_SECTPR}") is not None:
        return False
    return all(_inside_properties(e) or e.tag in _BLANK for e in _descendants(p))


def _descendants(p: etree._Element) -> Iterable[etree._Element]:
    for element in p.iter():
        if element is not p and isinstance(element.tag, str):
            yield element


def _inside_properties(element: etree._Element) -> bool:
    return element.tag in (_PPR, _RPR) or any(a.tag in (_PPR, _RPR) for a in element.iterancestors())


# -- a cover --------------------------------------------------------------------------------------------


def _cover(document: Document, values: dict[str, str]) -> bool:
    """Fill a cover's placeholders and take out its ``{report}`` paragraph; whether the report must then
    begin on a new page."""
    body = document.element.body
    marker = report_marker(body)
    if marker is None:
        return False
    cover = []
    for child in body:
        if child is marker:
            break
        cover.append(child)
    for element in cover:
        fill_placeholders(element, values)
    sect_pr = marker.find(f"{_PPR}/{_SECTPR}")
    if sect_pr is not None:
        # The marker ends the cover's section: it stays, empty, to carry the section break.
        for child in list(marker):
            if child.tag != _PPR:
                marker.remove(child)
        return _continuous(sect_pr)
    previous = marker.getprevious()
    body.remove(marker)
    if previous is None:
        return False  # nothing before the marker: no cover
    if previous.tag == _P:
        previous_section = previous.find(f"{_PPR}/{_SECTPR}")
        if previous_section is not None:
            return _continuous(previous_section)
        if _ends_with_page_break(previous):
            return False
    return True


def _continuous(sect_pr: etree._Element) -> bool:
    kind = sect_pr.find(qn("w:type"))
    return kind is not None and kind.get(_VAL) == "continuous"


def _ends_with_page_break(p: etree._Element) -> bool:
    breaks = [e for e in p.iter(_BR) if e.get(_TYPE) == "page"]
    if not breaks:
        return False
    after = False
    for element in p.iter():
        if element is breaks[-1]:
            after = True
        elif after and element.tag == _T and (element.text or "").strip():
            return False
    return True
