"""The Word renderer of a report outline: paragraphs in a style, lists, tables, fields, footnotes, properties.

:meth:`DocxWriter.render` draws an :class:`~.outline.Outline` (what a layout made of the inspection) into
a template. Every piece of text is cleaned (:mod:`.sanitize`) and placed with a *style* only: no run or
paragraph formatting is ever set directly, so the template decides the look. The writer builds the XML
with lxml and resolves each style id once; python-docx's own ``add_paragraph(style=...)`` scans
styles.xml on every call, which dominates the time of a long report.

A newline in a text starts a new paragraph of the same style; a tab stays a tab.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part, XmlPart
from lxml import etree

from . import outline as O
from . import page_furniture, sanitize, typography
from . import styles as S
from .fields import only_local_fields
from .footnotes import Footnotes, ensure_footnotes_part
from .pictures import Pictures
from .template import StyleIndex
from .xml import XML_SPACE, insert_in_order, qn, settings_after

_P, _PPR, _PSTYLE, _R, _RPR, _RSTYLE, _T, _TAB, _BR = (
    qn(t) for t in ("w:p", "w:pPr", "w:pStyle", "w:r", "w:rPr", "w:rStyle", "w:t", "w:tab", "w:br")
)
_NUMPR, _ILVL, _NUMID = qn("w:numPr"), qn("w:ilvl"), qn("w:numId")
_TBL, _TBLPR, _TBLSTYLE, _TBLW, _TBLLOOK, _TBLGRID, _GRIDCOL = (
    qn(t) for t in ("w:tbl", "w:tblPr", "w:tblStyle", "w:tblW", "w:tblLook", "w:tblGrid", "w:gridCol")
)
_TR, _TRPR, _TBLHEADER, _TC, _TCPR, _TCW, _SHD = (
    qn(t) for t in ("w:tr", "w:trPr", "w:tblHeader", "w:tc", "w:tcPr", "w:tcW", "w:shd")
)
_FLDCHAR, _INSTR, _FNREF = qn("w:fldChar"), qn("w:instrText"), qn("w:footnoteReference")
_VAL, _TYPE, _W, _ID = qn("w:val"), qn("w:type"), qn("w:w"), qn("w:id")
_PAGE_BREAK_BEFORE, _KEEP_NEXT, _CANT_SPLIT = qn("w:pageBreakBefore"), qn("w:keepNext"), qn("w:cantSplit")

#: Children of w:settings that follow w:updateFields (ECMA-376 CT_Settings order).
_AFTER_UPDATE_FIELDS = settings_after("w:updateFields")

#: Text width of an A4 page with 2.54 cm margins, in twentieths of a point; tables are 100 % wide anyway.
DEFAULT_TEXT_WIDTH = 9026
# Word's own limits ("Operating parameters and limits for Word documents"): what passes them makes Word
# call the file damaged, or python-docx refuse it.
#: Characters in a document property (title, subject, author, …); python-docx raises ValueError past it.
MAX_PROPERTY_CHARS = 255
#: Columns in a table; a wider table is written as several tables of at most this many columns each.
MAX_TABLE_COLUMNS = 63

#: Where the ids of the footnote bookmarks start: clear of any bookmark a template's header may hold.
_BOOKMARK_IDS = 90_000

#: The key of the questions' heading numbering ("1.", "2.", …) among the writer's numberings.
QUESTION_NUMBERS = "question numbers"

#: How many times at most :meth:`DocxWriter.render` reports progress.
PROGRESS_STEPS = 100

Cell = str | O.TableCell


class DocxWriter:
    def __init__(self, document: Document, index: StyleIndex) -> None:
        self.document = document
        self.index = index
        body = document.element.body
        self._body = body
        sect_pr = body.find(qn("w:sectPr"))
        self._add = sect_pr.addprevious if sect_pr is not None else body.append
        self._ids: dict[tuple[str, str], str] = {}
        self._page_break_pending = False
        self._footnotes: Footnotes | None = None
        #: The bookmark and number of each footnote already written, for a second citation of it.
        self._cited: dict[O.FootnoteMark, tuple[str, int]] = {}
        self._numbering_root: etree._Element | None = None
        self._abstract_ids: dict[str, str | None] = {}
        self._next_num_id = 0
        self._question_num: str | None = None
        self._next_question = 0
        self._update_fields = False
        self.paragraph_count = 0
        self._pictures: Pictures | None = None

    # -- styles -------------------------------------------------------------------------------------

    def style_id(self, name: str, kind: str = S.StyleType.PARAGRAPH) -> str:
        key = (name, kind)
        style_id = self._ids.get(key)
        if style_id is None:
            style_id = self._ids[key] = self.index.id(name, kind)
        return style_id

    # -- paragraphs ---------------------------------------------------------------------------------

    def page_break(self) -> None:
        """Start the next paragraph (or table) on a new page."""
        self._page_break_pending = True

    def _new_p(self, style_id: str, parent: etree._Element | None = None) -> etree._Element:
        p = etree.Element(_P)
        p_pr = etree.SubElement(p, _PPR)
        etree.SubElement(p_pr, _PSTYLE, {_VAL: style_id})
        if parent is None:
            if self._page_break_pending:  # from the paragraph's properties, never a break inside its text
                etree.SubElement(p_pr, _PAGE_BREAK_BEFORE)
                self._page_break_pending = False
            self._add(p)
        else:
            parent.append(p)
        self.paragraph_count += 1
        return p

    def paragraph(self, text: str, style: str = S.NORMAL) -> int:
        """Paragraphs of plain ``text`` (one per line) in ``style``; returns how many were written."""
        style_id = self.style_id(style)
        written = 0
        for line in sanitize.lines(text):
            _run(self._new_p(style_id), line)
            written += 1
        return written

    def heading(self, text: str, level: int, *, new_page: bool = False, number: str = "") -> None:
        """A heading; ``number`` (a question's "3") is Word numbering on the paragraph, not typed text, so
        a template whose heading style numbers itself prints one number, not two. A number that is not a
        whole number ("3a") is typed before the text."""
        if new_page:
            self.page_break()
        style_id = self.style_id(heading_style(level))
        numbered = _list_number(number)
        if number and numbered is None:
            text = f"{number}. {text}"
        for line in sanitize.lines(text):
            p = self._new_p(style_id)
            if numbered is not None:
                self._number_question(p, numbered)
                numbered = None  # a heading of several lines is numbered once
            _run(p, line)

    def _number_question(self, p: etree._Element, number: int) -> None:
        """Number heading ``p`` ``number``: it continues the questions' numbering when it follows on, else
        a new numbering starts at ``number`` (a pillar's questions, numbered from 1 again)."""
        if self._question_num is None or number != self._next_question:
            self._question_num = self._new_num(QUESTION_NUMBERS, number)
        self._next_question = number + 1
        num_pr = etree.SubElement(p[0], _NUMPR)
        etree.SubElement(num_pr, _ILVL, {_VAL: "0"})
        etree.SubElement(num_pr, _NUMID, {_VAL: self._question_num or "0"})

    def _keep_last_with_next(self) -> None:
        """Keep the body's last paragraph with what comes next (pagination, not look: w:keepNext)."""
        last = self._body[-1] if len(self._body) else None
        if last is not None and last.tag == qn("w:sectPr"):
            last = last.getprevious()
        if last is None or last.tag != _P or self._page_break_pending:
            return
        p_pr = last.find(_PPR)
        if p_pr is not None and p_pr.find(_KEEP_NEXT) is None and p_pr.find(qn("w:sectPr")) is None:
            p_pr.insert(1, etree.Element(_KEEP_NEXT))

    def grade(self, box: O.GradeBox, cell: etree._Element | None = None) -> int:
        """A grade's label as paragraphs in its box style ("Grade Good"), or in ``cell`` in its cell style
        ("Grade Good Cell"); returns how many were written."""
        name = S.grade_cell_style_name(box.style) if cell is not None else box.style
        style_id = self.style_id(name)
        written = 0
        for line in sanitize.lines(box.label):
            _run(self._new_p(style_id, cell), line)
            written += 1
        return written

    def runs_paragraph(self, runs: O.Runs, style: str = S.NORMAL) -> None:
        """One paragraph of ``runs`` (text and footnote marks) in ``style``."""
        self.runs(self._new_p(self.style_id(style)), runs)

    def _numbered(self, items: Sequence[O.Runs], style: str) -> None:
        """A list numbered by ``style`` (the lettered style: (a), (b), (c) …) restarting at its first
        number: a fresh numbering instance for this list."""
        if not items:
            return
        style_id = self.style_id(style)
        num_id = self._new_num(style)
        for runs in items:
            p = self._new_p(style_id)
            if num_id is not None:
                num_pr = etree.SubElement(p[0], _NUMPR)
                etree.SubElement(num_pr, _ILVL, {_VAL: "0"})
                etree.SubElement(num_pr, _NUMID, {_VAL: num_id})
            self.runs(p, runs)

    # -- the outline ----------------------------------------------------------------------------------

    def render(self, outline: O.Outline, step: Callable[[], None] | None = None) -> None:
        """Draw ``outline``: its page furniture (the template's headers, footers and cover filled in, the
        standard ones where it has none, the marking and draft status: :mod:`.page_furniture`), its body
        in order, its properties.

        ``step()`` is called every so often while the body is written (at most :data:`PROGRESS_STEPS`
        times), for a progress bar; it may raise to stop.
        """
        if page_furniture.furnish(self.document, outline, self.style_id):
            self.page_break()  # after the template's cover
        body = outline.body
        every = max(1, -(-len(body) // PROGRESS_STEPS))
        for index, node in enumerate(body, start=1):
            self.node(node)
            if step is not None and index % every == 0:
                step()
        properties = outline.properties
        self.core_properties(
            title=properties.title,
            subject=properties.subject,
            authors=properties.authors,
            created=properties.created,
            status=properties.status,
        )

    def node(self, node: O.Node) -> None:
        """Write one node of an outline's body."""
        if isinstance(node, O.Paragraph):
            self.runs_paragraph(node.runs, node.style)
        elif isinstance(node, O.Bullet):
            self.runs_paragraph(node.runs, bullet_style(node.level))
        elif isinstance(node, O.Heading):
            self.heading(node.text, node.level, number=node.number)
        elif isinstance(node, O.LetteredList):
            self._numbered([item.runs for item in node.items], S.LETTERED)
        elif isinstance(node, O.GradeBox):
            self._keep_last_with_next()  # a grade closing a question never sits alone on a page
            self.grade(node)
        elif isinstance(node, O.Table):
            for paragraph in node.caption:
                self.runs_paragraph(paragraph.runs, paragraph.style)
            shading = {
                (r, c): cell.fill
                for r, row in enumerate(node.rows)
                for c, cell in enumerate(row)
                if cell.fill
            }
            self.table(
                node.rows,
                header_rows=node.header_rows,
                widths=node.widths,
                shading=shading,
                note_follows=bool(node.note),
            )
            for paragraph in node.note:
                self.runs_paragraph(paragraph.runs, paragraph.style)
        elif isinstance(node, O.Figure):
            for paragraph in node.caption:
                self.runs_paragraph(paragraph.runs, paragraph.style)
            if node.picture is not None:  # under its caption, which the Caption style keeps with it
                if self._pictures is None:
                    self._pictures = Pictures(self.document)
                self._pictures.add(self._new_p(self.style_id(S.FIGURE)), node.picture, node.alt_text)
        elif isinstance(node, O.Contents):
            self.table_of_contents(node.title, node.entries, node.levels)
            if node.update_on_open:
                self.update_fields_on_open()
        elif isinstance(node, O.PageBreak):
            self.page_break()

    # -- runs and footnotes --------------------------------------------------------------------------

    def runs(self, p: etree._Element, runs: O.Runs) -> None:
        """Append ``runs`` to paragraph ``p``: text (cleaned) and a Word footnote for each mark."""
        for run in runs:
            if isinstance(run, O.FootnoteMark):
                self._footnote_reference(p, run)
            elif run:
                self._text(p, sanitize.clean(run))

    def _text(self, p: etree._Element, text: str) -> None:
        """``text`` in ``p``, its web addresses as real hyperlinks in the character style "Hyperlink"."""
        for span in typography.link_spans(text):
            if span.target is None:
                _run(p, span.text)
                continue
            rel_id = self.document.part.relate_to(span.target, RT.HYPERLINK, is_external=True)
            link = etree.SubElement(p, qn("w:hyperlink"), {qn("r:id"): rel_id, qn("w:history"): "1"})
            _run(link, span.text, self.style_id(S.HYPERLINK, S.StyleType.CHARACTER))

    def _footnote_reference(self, p: etree._Element, mark: O.FootnoteMark) -> None:
        """The footnote of ``mark`` at this place. A footnote cited again is not repeated: the later place
        shows its number through a NOTEREF field to a bookmark on the first reference, as Word's own
        cross-reference to a footnote does."""
        reference_style = self.style_id(S.FOOTNOTE_REFERENCE, S.StyleType.CHARACTER)
        cited = self._cited.get(mark)
        if cited is not None:
            bookmark, number = cited
            _field_begin(p, f" NOTEREF {bookmark} \\f \\h ")
            _run(p, str(number), reference_style)
            _field_char(p, "end")
            return
        footnotes = self._footnotes_part()
        note_id = footnotes.add(sanitize.lines(mark.text), _run)
        bookmark = f"_RefFootnote{note_id}"
        self._cited[mark] = (bookmark, footnotes.count)
        bookmark_id = str(_BOOKMARK_IDS + note_id)
        etree.SubElement(p, qn("w:bookmarkStart"), {_ID: bookmark_id, qn("w:name"): bookmark})
        r = etree.SubElement(p, _R)
        etree.SubElement(etree.SubElement(r, _RPR), _RSTYLE, {_VAL: reference_style})
        etree.SubElement(r, _FNREF, {_ID: str(note_id)})
        etree.SubElement(p, qn("w:bookmarkEnd"), {_ID: bookmark_id})

    def _footnotes_part(self) -> Footnotes:
        if self._footnotes is None:
            part = ensure_footnotes_part(self.document)
            self._footnotes = Footnotes(
                part,
                self.style_id(S.FOOTNOTE_TEXT),
                self.style_id(S.FOOTNOTE_REFERENCE, S.StyleType.CHARACTER),
            )
        return self._footnotes

    @property
    def footnote_count(self) -> int:
        return self._footnotes.count if self._footnotes else 0

    # -- numbering ----------------------------------------------------------------------------------

    def _numbering(self) -> etree._Element:
        if self._numbering_root is None:
            root = self.document.part.numbering_part.element
            ids = [int(v) for v in root.xpath("./w:num/@w:numId")]
            self._next_num_id = max([0, *ids]) + 1
            self._numbering_root = root
        return self._numbering_root

    def _new_num(self, style: str, start: int = 1) -> str | None:
        """A new w:num sharing the style's abstract numbering (or the questions' numbering, for
        :data:`QUESTION_NUMBERS`), restarted at ``start`` (lvlOverride/startOverride)."""
        root = self._numbering()
        if style not in self._abstract_ids:
            own = None if style == QUESTION_NUMBERS else self._abstract_num_of(style)
            self._abstract_ids[style] = own or self._add_abstract_num(style)
        abstract_id = self._abstract_ids[style]
        num_id = str(self._next_num_id)
        self._next_num_id += 1
        num = etree.Element(qn("w:num"), {qn("w:numId"): num_id})
        etree.SubElement(num, qn("w:abstractNumId"), {_VAL: abstract_id})
        override = etree.SubElement(num, qn("w:lvlOverride"), {qn("w:ilvl"): "0"})
        etree.SubElement(override, qn("w:startOverride"), {_VAL: str(start)})
        insert_in_order(root, num, ("w:numIdMacAtCleanup",))
        return num_id

    def _abstract_num_of(self, style: str) -> str | None:
        """The abstractNumId behind the numbering a paragraph style carries (following basedOn)."""
        styles = {el.get(qn("w:styleId")): el for el in self.document.styles.element.iterfind(qn("w:style"))}
        style_id: str | None = self.style_id(style)
        for _ in range(10):
            element = styles.get(style_id)
            if element is None:
                return None
            num_ids = element.xpath("./w:pPr/w:numPr/w:numId/@w:val")
            if num_ids:
                found = self._numbering().xpath(f'./w:num[@w:numId="{num_ids[0]}"]/w:abstractNumId/@w:val')
                return str(found[0]) if found else None
            based_on = element.xpath("./w:basedOn/@w:val")
            style_id = based_on[0] if based_on else None
        return None

    def _add_abstract_num(self, style: str) -> str:
        """An abstract numbering for a style that has none (an organisation template's plain style)."""
        root = self._numbering()
        ids = [int(v) for v in root.xpath("./w:abstractNum/@w:abstractNumId")]
        abstract_id = str(max([-1, *ids]) + 1)
        fmt, text = ("lowerLetter", "(%1)") if style == S.LETTERED else ("decimal", "%1.")
        abstract = etree.Element(qn("w:abstractNum"), {qn("w:abstractNumId"): abstract_id})
        etree.SubElement(abstract, qn("w:multiLevelType"), {_VAL: "singleLevel"})
        lvl = etree.SubElement(abstract, qn("w:lvl"), {qn("w:ilvl"): "0"})
        etree.SubElement(lvl, qn("w:start"), {_VAL: "1"})
        etree.SubElement(lvl, qn("w:numFmt"), {_VAL: fmt})
        etree.SubElement(lvl, qn("w:lvlText"), {_VAL: text})
        etree.SubElement(lvl, qn("w:lvlJc"), {_VAL: "left"})
        ind = etree.SubElement(etree.SubElement(lvl, _PPR), qn("w:ind"))
        # A question's number hangs at the margin, its text after it; a list is indented.
        ind.set(qn("w:left"), "567" if style == QUESTION_NUMBERS else "720")
        ind.set(qn("w:hanging"), "567" if style == QUESTION_NUMBERS else "360")
        first_num = root.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            root.append(abstract)
        return abstract_id

    # -- tables -------------------------------------------------------------------------------------

    def table(
        self,
        rows: Sequence[Sequence[Cell]],
        *,
        header_rows: int = 1,
        widths: Sequence[int] | None = None,
        shading: dict[tuple[int, int], str] | None = None,
        note_follows: bool = False,
    ) -> etree._Element | None:
        """A table in the template's table style; the first ``header_rows`` rows repeat on each page.

        Pagination: no row splits across pages; a table of at most :data:`KEEP_WHOLE_ROWS` rows is kept on
        one page (and with the note after it, when ``note_follows``); a longer one keeps its first body rows
        with its header and its last :data:`KEEP_LAST_ROWS` rows together, so no row is left alone. A
        column whose body cells are all numbers is right-aligned (style "Table Number").

        ``shading`` maps (row, column) to a fill colour "RRGGBB" for that cell (e.g. a grade's colour).
        A table of more than :data:`MAX_TABLE_COLUMNS` columns is written as several, side by side in
        reading order (columns 1–63, then 64–126, …); the first is returned.
        """
        if not rows:
            return None
        columns = max(len(row) for row in rows)
        if columns == 0:
            return None
        if columns > MAX_TABLE_COLUMNS:
            first = None
            for start in range(0, columns, MAX_TABLE_COLUMNS):
                stop = start + MAX_TABLE_COLUMNS
                part = self.table(
                    [list(row[start:stop]) or [""] for row in rows],
                    header_rows=header_rows,
                    widths=list(widths[start:stop])
                    if widths is not None and len(widths) == columns
                    else None,
                    shading={
                        (r, c - start): fill for (r, c), fill in (shading or {}).items() if start <= c < stop
                    },
                )
                first = first if first is not None else part
            return first
        if widths is None or len(widths) != columns:
            widths = [DEFAULT_TEXT_WIDTH // columns] * columns
        if self._page_break_pending:
            self._page_break_pending = False
            p = etree.Element(_P)
            etree.SubElement(etree.SubElement(p, _R), _BR, {_TYPE: "page"})
            self._add(p)
        text_style = self.style_id(S.TABLE_TEXT)
        number_columns = numeric_columns(rows, header_rows)
        number_style = self.style_id(S.TABLE_NUMBER) if number_columns else text_style
        kept = kept_rows(len(rows), header_rows, note_follows)
        tbl = etree.Element(_TBL)
        tbl_pr = etree.SubElement(tbl, _TBLPR)
        etree.SubElement(tbl_pr, _TBLSTYLE, {_VAL: self.style_id(S.TABLE, S.StyleType.TABLE)})
        etree.SubElement(tbl_pr, _TBLW, {_W: "5000", _TYPE: "pct"})
        etree.SubElement(
            tbl_pr,
            _TBLLOOK,
            {
                _VAL: "04A0",
                qn("w:firstRow"): "1" if header_rows else "0",
                qn("w:lastRow"): "0",
                qn("w:firstColumn"): "0",
                qn("w:lastColumn"): "0",
                qn("w:noHBand"): "1",
                qn("w:noVBand"): "1",
            },
        )
        grid = etree.SubElement(tbl, _TBLGRID)
        width_strings = [str(w) for w in widths]
        for width in width_strings:
            etree.SubElement(grid, _GRIDCOL, {_W: width})
        shading = shading or {}
        for row_number, row in enumerate(rows):
            tr = etree.SubElement(tbl, _TR)
            tr_pr = etree.SubElement(tr, _TRPR)
            etree.SubElement(tr_pr, _CANT_SPLIT)
            if row_number < header_rows:
                etree.SubElement(tr_pr, _TBLHEADER)
            for column in range(columns):
                tc = etree.SubElement(tr, _TC)
                tc_pr = etree.SubElement(tc, _TCPR)
                etree.SubElement(tc_pr, _TCW, {_W: width_strings[column], _TYPE: "dxa"})
                fill = shading.get((row_number, column))
                if fill:
                    etree.SubElement(
                        tc_pr,
                        _SHD,
                        {_VAL: "clear", qn("w:color"): "auto", qn("w:fill"): fill.lstrip("#").upper()},
                    )
                cell = row[column] if column < len(row) else ""
                style = number_style if row_number >= header_rows and column in number_columns else text_style
                if not self._fill_cell(tc, cell, style):
                    self._new_p(style, tc)
            if row_number in kept:  # Word keeps a row with the next when its paragraphs keep with next
                for p_pr in tr.iter(_PPR):
                    p_pr.insert(1, etree.Element(_KEEP_NEXT))
        self._add(tbl)
        return tbl

    def _fill_cell(self, tc: etree._Element, cell: Cell, text_style: str) -> int:
        written = 0
        if isinstance(cell, str):
            for line in sanitize.lines(cell):
                _run(self._new_p(text_style, tc), line)
                written += 1
            return written
        for item in cell.content:
            if isinstance(item, O.GradeBox):
                written += self.grade(item, tc)
                continue
            style = item.style if isinstance(item, O.Paragraph) else bullet_style(item.level)
            style_id = text_style if style == S.TABLE_TEXT else self.style_id(style)
            self.runs(self._new_p(style_id, tc), item.runs)
            written += 1
        return written

    # -- fields -------------------------------------------------------------------------------------

    def table_of_contents(self, heading: str, entries: Sequence[tuple[int, str]], levels: int = 1) -> None:
        """A TOC field Word may refresh on opening (see :meth:`update_fields_on_open`).

        The field's result is pre-filled with the headings (without page numbers) so the contents are
        readable before Word updates them, and in viewers that never do.
        """
        for line in sanitize.lines(heading):
            p = self._new_p(self.style_id(S.TOC_HEADING))
            # never numbered, even where a template's own TOC Heading is based on a numbered heading
            num_pr = etree.SubElement(p[0], _NUMPR)
            etree.SubElement(num_pr, _ILVL, {_VAL: "0"})
            etree.SubElement(num_pr, _NUMID, {_VAL: "0"})
            _run(p, line)
        toc_ids = [self.style_id(S.TOC_LEVELS[0])]
        if levels > 1:
            toc_ids.append(self.style_id(S.TOC_LEVELS[1]))
        shown = [
            (min(level, levels), line)
            for level, text in entries
            if level <= levels
            for line in [sanitize.one_line(text)]
            if line
        ]
        if not shown:
            shown = [(1, "Right-click here and choose Update Field to show the contents.")]
        for index, (level, text) in enumerate(shown):
            p = self._new_p(toc_ids[level - 1])
            if index == 0:
                _field_begin(p, f' TOC \\o "1-{levels}" \\h \\z \\u ', dirty=True)
            _run(p, text)
            if index == len(shown) - 1:
                _field_char(p, "end")

    def update_fields_on_open(self) -> None:
        """Ask Word to refresh the contents and page numbers when it opens the report (see :meth:`finish`)."""
        self._update_fields = True

    def _set_update_fields(self, wanted: bool) -> None:
        """<w:updateFields w:val="true"/> in the settings when ``wanted``, else none at all.

        Word updates *every* field of the document when this is set, not only the contents, so it is set
        only when nothing in the report can fetch: every field left is one of ``LOCAL_FIELDS`` (TOC, PAGE,
        NUMPAGES, STYLEREF, …; the template's INCLUDETEXT and the like are gone by then, see
        :mod:`.package`) and no part has a relationship to outside the package. Otherwise the contents
        simply wait for the reader to update them (the pre-filled headings still show).
        """
        settings = self.document.settings.element
        element = settings.find(qn("w:updateFields"))
        if not wanted:
            if element is not None:
                settings.remove(element)
            return
        if element is None:
            element = insert_in_order(settings, etree.Element(qn("w:updateFields")), _AFTER_UPDATE_FIELDS)
        element.set(_VAL, "true")

    # -- properties and finishing -------------------------------------------------------------------

    def core_properties(
        self,
        *,
        title: str,
        subject: str,
        authors: Sequence[str],
        created: dt.date | dt.datetime | None,
        modified: dt.datetime | None = None,
        language: str = "en-GB",
        status: str = "",
    ) -> None:
        """The report's document properties; each text is one line cut to :data:`MAX_PROPERTY_CHARS`.

        ``status`` ("Draft", "In review", "Final") is Word's *Status* (``cp:contentStatus``)."""
        props = self.document.core_properties
        author = sanitize.cut(
            "; ".join(a for a in (sanitize.one_line(a) for a in authors) if a), MAX_PROPERTY_CHARS
        )
        props.title = sanitize.cut(sanitize.one_line(title), MAX_PROPERTY_CHARS)
        props.subject = sanitize.cut(sanitize.one_line(subject), MAX_PROPERTY_CHARS)
        props.author = author
        props.last_modified_by = author
        props.comments = ""
        props.keywords = ""
        props.category = ""
        props.content_status = sanitize.cut(sanitize.one_line(status), MAX_PROPERTY_CHARS)
        props.identifier = ""
        props.version = ""
        props.revision = 1
        props.language = language
        if created is not None:
            if not isinstance(created, dt.datetime):
                created = dt.datetime.combine(created, dt.time(0, 0))
            props.created = created
        props.modified = modified or dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)

    def finish(self, *, update_fields: bool = True) -> None:
        """Write back the parts edited as XML (footnotes), drop a page break nobody used, and ask Word to
        update fields on opening only if that fetches nothing (:meth:`_set_update_fields`).

        ``update_fields=False`` (the export option): never ask, and no field is marked as stale either
        (``w:dirty``, which Word also updates on opening, with the same prompt), so Word opens the report
        without a question and the contents stay as written until the reader updates them.
        """
        if self._footnotes is not None:
            self._footnotes.finish()
        self._page_break_pending = False
        app_properties(self.document)
        wanted = update_fields and self._update_fields
        if not update_fields:
            for char in self.document.element.body.iter(_FLDCHAR):
                char.attrib.pop(qn("w:dirty"), None)
        self._set_update_fields(wanted and fetches_nothing(self.document))


#: A table of at most this many rows is kept on one page; a longer one may break between its rows.
KEEP_WHOLE_ROWS = 15
#: Rows kept together at the end of a long table (and first body rows kept with its header).
KEEP_LAST_ROWS = 3
#: A number as a table shows one: "1,234", "-5.2", "21%", "£3.4m", "+12 pp", "0.5 per cent".
_NUMBER = re.compile(r"[-+\u2212]?[£$€]?\d[\d,]*(?:\.\d+)?\s?(?:%|per cent|pp|[kmbKMB])?")


def numeric_columns(rows: Sequence[Sequence[Cell]], header_rows: int) -> set[int]:
    """The columns whose body cells are all numbers (blank and dash cells aside; at least one number)."""
    body = rows[header_rows:]
    columns = max((len(row) for row in body), default=0)
    found: set[int] = set()
    for column in range(columns):
        texts = [_cell_text(row[column]) if column < len(row) else "" for row in body]
        filled = [text for text in texts if text not in ("", "-", "\u2013", "\u2014", "n/a")]
        if filled and all(_NUMBER.fullmatch(text) for text in filled):
            found.add(column)
    return found


def _cell_text(cell: Cell) -> str:
    if isinstance(cell, str):
        return cell.strip()
    parts: list[str] = []
    for item in cell.content:
        if isinstance(item, O.GradeBox):
            return "grade"  # never a number
        parts.extend(run for run in item.runs if isinstance(run, str))
    return "".join(parts).strip()


def kept_rows(count: int, header_rows: int, note_follows: bool) -> set[int]:
    """The rows whose paragraphs keep with the next row (see :meth:`DocxWriter.table`)."""
    if count <= KEEP_WHOLE_ROWS:
        return set(range(count if note_follows else count - 1))
    first_body = range(min(header_rows + 1, count))  # the header with the first body row
    last = range(count - KEEP_LAST_ROWS, count if note_follows else count - 1)
    return {*first_body, *last}


_EXTENDED = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"


def app_properties(document: Document) -> None:
    """``docProps/app.xml``: the application that wrote the report, Inspector and its version (as
    LibreOffice names itself, "Name/version"), in place of whatever the template's said. No page or word
    counts: only the word processor can count pages, and a stale count is worse than none."""
    from .. import APP_NAME, __version__

    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RT.EXTENDED_PROPERTIES:
            package.rels.pop(rel_id)
    blob = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Properties xmlns="{_EXTENDED}" xmlns:vt="{_VT}">'
        f"<Application>{APP_NAME}/{sanitize.one_line(__version__)}</Application>"
        "<DocSecurity>0</DocSecurity></Properties>"
    ).encode()
    part = Part(PackURI("/docProps/app.xml"), CT.OFC_EXTENDED_PROPERTIES, blob, package)
    package.relate_to(part, RT.EXTENDED_PROPERTIES)


#: The largest number a Word list starts at (w:startOverride is a ST_DecimalNumber; Word lists stop well
#: before the schema's limit).
MAX_LIST_NUMBER = 32_767


def _list_number(number: str) -> int | None:
    """A question's number as a list number, if Word numbering can print it ("3"); None for "3a", "²",
    "99999999999" and the like, which are typed before the text instead."""
    if number.isascii() and number.isdigit() and int(number) <= MAX_LIST_NUMBER:
        return int(number)
    return None


def heading_style(level: int) -> str:
    """ "Heading 1" … "Heading 3": deeper levels are printed at the deepest."""
    return S.HEADINGS[min(max(level, 1), len(S.HEADINGS)) - 1]


def bullet_style(level: int) -> str:
    return S.BULLETS[min(max(level, 0), len(S.BULLETS) - 1)]


def fetches_nothing(document: Document) -> bool:
    """Whether updating every field of ``document`` leaves it alone: only local fields, no external links."""
    roots: list[etree._Element] = []
    for part in document.part.package.iter_parts():
        # A hyperlink the report's text makes opens only when clicked; any other outside target could fetch.
        if any(rel.is_external and rel.reltype != RT.HYPERLINK for rel in part.rels.values()):
            return False
        if isinstance(part, XmlPart):
            roots.append(part.element)
        elif part.content_type in (CT.WML_FOOTNOTES, CT.WML_ENDNOTES, CT.WML_HEADER, CT.WML_FOOTER):
            roots.append(etree.fromstring(part.blob))  # a part kept as bytes (a footnotes part we made)
    return only_local_fields(roots)


def _run(p: etree._Element, text: str, char_style_id: str | None = None) -> None:
    """A run of ``text`` (no newlines) in ``p``; tabs become <w:tab/>."""
    r = etree.SubElement(p, _R)
    if char_style_id:
        etree.SubElement(etree.SubElement(r, _RPR), _RSTYLE, {_VAL: char_style_id})
    if "\t" not in text:
        t = etree.SubElement(r, _T, {XML_SPACE: "preserve"})
        t.text = text
        return
    for index, piece in enumerate(text.split("\t")):
        if index:
            etree.SubElement(r, _TAB)
        if piece:
            t = etree.SubElement(r, _T, {XML_SPACE: "preserve"})
            t.text = piece


def _field_char(p: etree._Element, kind: str, dirty: bool = False) -> None:
    attrs = {qn("w:fldCharType"): kind}
    if dirty:
        attrs[qn("w:dirty")] = "true"
    etree.SubElement(etree.SubElement(p, _R), _FLDCHAR, attrs)


def _field_begin(p: etree._Element, instruction: str, dirty: bool = False) -> None:
    _field_char(p, "begin", dirty)
    instr = etree.SubElement(etree.SubElement(p, _R), _INSTR, {XML_SPACE: "preserve"})
    instr.text = instruction
    _field_char(p, "separate")
