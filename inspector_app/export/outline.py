"""The report as a neutral outline: what a layout makes of an inspection, and what every renderer draws.

A layout (:mod:`.layouts`) turns an inspection — its framework included — into an :class:`Outline`: the
report's paragraphs in print order, each a plain frozen dataclass. Renderers draw it: the Word writer
(:meth:`.docx_writer.DocxWriter.render`, styles only) and the window's live preview
(``gui/preview.py``). Neither decides what the report says or in what order; the layout alone does
(DESIGN.md §5, "One report outline, several renderers").

Nodes, in :attr:`Outline.body`:

* :class:`Heading` — a heading at a level (1 is the highest);
* :class:`Paragraph` — a paragraph in a named style (:mod:`.styles`: "Normal", "Title", "Caption", …);
* :class:`Bullet` — a bulleted paragraph at a nesting level (0–2);
* :class:`LetteredList` — points lettered (a), (b), (c) … that restart at (a);
* :class:`Table` — rows of :class:`TableCell`, the first ``header_rows`` of them headers, with a caption
  above and a note beneath;
* :class:`GradeBox` — a grade ("Good"), in the grade's style and colours;
* :class:`Figure` — a figure's caption, its :class:`Picture` (the image) and alternative text;
* :class:`Contents` — the table of contents;
* :class:`PageBreak` — the next node starts a new page.

Text in a paragraph is a tuple of runs: plain strings and :class:`FootnoteMark`\\ s (a footnote's place
and text). Every text is one printed paragraph, cleaned (:mod:`.sanitize`): a newline in the inspectors'
text has already become a paragraph of its own. Around the body, :attr:`Outline.running_header`,
:attr:`Outline.page_numbers`, :attr:`Outline.marking`, :attr:`Outline.draft_notice`,
:attr:`Outline.watermark` and :attr:`Outline.placeholders` describe each page's header and footer (drawn by
:mod:`.page_furniture`), and :attr:`Outline.properties` the document's properties.

Each node carries its :class:`Source`: the record and field it was drawn from (a summary point's "text", a
cause of concern's "lead_in", a recommendation's "sub_points" at an offset, a question's "grade"), so a
renderer can link a paragraph back to where it is edited. Fixed wording — titles, headings such as
"Recommendations", the framework's question texts and standard annexes — has no record: its source is
None, or, under a question, a source whose ``record_id`` is None and whose ``question_id`` says which.

This module imports nothing of python-docx or Qt, so the window builds an outline without loading either.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from ..domain.text import FOOTNOTE_MARKER
from . import styles as S

#: ``[^label]``: a footnote's place in the text; a label is anything up to the closing bracket, without
#: spaces. A marker whose label has no footnote stays literal text.
MARKER = FOOTNOTE_MARKER


@dataclass(frozen=True, slots=True)
class Source:
    """Where a node's text comes from, for a renderer to link back to where it is edited.

    ``record_id``: the record (a paragraph block, a summary point, an area for improvement, a question's
    assessment for its grade, an evidence item…); None for fixed wording under ``question_id``.
    ``field``: the record's field ("text", "theme", "caption", "lead_in", "sub_points", "grade", …).
    ``question_id``: the framework question the text belongs to; None for report-wide text (the pillar
    summary, introduction, methodology).
    ``offset``: where in the field this printed paragraph starts (characters of the stored text), when
    one field prints as several paragraphs (lines of a paragraph block, a recommendation's sub-points).
    """

    record_id: uuid.UUID | None
    field: str = ""
    question_id: str | None = None
    offset: int = 0


@dataclass(frozen=True, slots=True)
class FootnoteMark:
    """A footnote at this place in the text: its ``label`` (``[^label]``) and its text."""

    label: str
    text: str
    source: Source | None = None


Run = str | FootnoteMark
Runs = tuple[Run, ...]


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading; ``number`` is a question's number ("3"), printed before the text by the renderer (Word
    numbering, so a template that numbers headings does not print two)."""

    text: str
    level: int
    source: Source | None = None
    number: str = ""

    @property
    def printed(self) -> str:
        """The heading as a reader sees it: "3. How effective …"."""
        return f"{self.number}. {self.text}" if self.number else self.text


@dataclass(frozen=True, slots=True)
class Paragraph:
    runs: Runs
    style: str = S.NORMAL
    source: Source | None = None

    @property
    def text(self) -> str:
        return plain(self.runs)


@dataclass(frozen=True, slots=True)
class Bullet:
    runs: Runs
    level: int = 0
    source: Source | None = None

    @property
    def text(self) -> str:
        return plain(self.runs)


@dataclass(frozen=True, slots=True)
class ListItem:
    runs: Runs
    source: Source | None = None

    @property
    def text(self) -> str:
        return plain(self.runs)


@dataclass(frozen=True, slots=True)
class LetteredList:
    """(a), (b), (c) … — a list of its own, restarting at (a)."""

    items: tuple[ListItem, ...]


@dataclass(frozen=True, slots=True)
class GradeBox:
    """A grade as the report prints it: ``label`` as a paragraph in the grade's box style ``style``
    ("Grade Good"; in a table cell its cell style, "Grade Good Cell", which the writer picks), so colours
    and shading come from the template's styles; ``fill`` and ``text_colour`` ("#RRGGBB") are the
    framework's colours for the grade, for the preview (None when it has none: ungraded, not yet graded)."""

    label: str
    style: str
    grade_id: str | None = None
    fill: str | None = None
    text_colour: str | None = None
    source: Source | None = None


CellContent = Paragraph | Bullet | GradeBox


@dataclass(frozen=True, slots=True)
class TableCell:
    """A cell: its paragraphs (none: an empty cell) and its shading ("#RRGGBB"), if any."""

    content: tuple[CellContent, ...] = ()
    fill: str | None = None


@dataclass(frozen=True, slots=True)
class Table:
    """Rows of cells; the first ``header_rows`` are headers (repeated on each page). ``caption`` paragraphs
    come before the table, ``note`` paragraphs after it; ``widths`` are relative column widths (twentieths
    of a point; None: equal)."""

    rows: tuple[tuple[TableCell, ...], ...]
    header_rows: int = 1
    caption: tuple[Paragraph, ...] = ()
    note: tuple[Paragraph, ...] = ()
    widths: tuple[int, ...] | None = None
    source: Source | None = None


@dataclass(frozen=True, slots=True)
class Picture:
    """A figure's image as the report prints it: its bytes and kind ("image/png", "image/jpeg"), its size
    in pixels and its resolution (dots per inch across and down; None when the image does not say)."""

    data: bytes
    media_type: str
    width: int
    height: int
    dpi: tuple[float, float] | None = None


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure: its caption paragraphs ("Figure: …"), printed above its picture, and its alternative text
    (the figure's own, or the caption's words when it has none). ``picture`` None: the figure has no image
    yet, and the layout prints a placeholder paragraph after it."""

    caption: tuple[Paragraph, ...]
    alt_text: str = ""
    source: Source | None = None
    picture: Picture | None = None


@dataclass(frozen=True, slots=True)
class Contents:
    """The table of contents: its heading and the entries (level, text) shown before it is updated."""

    title: str
    entries: tuple[tuple[int, str], ...]
    levels: int = 1
    #: Ask the word processor to update it (page numbers) when the report is opened.
    update_on_open: bool = True


@dataclass(frozen=True, slots=True)
class PageBreak:
    """The next node starts on a new page."""


Node = Heading | Paragraph | Bullet | LetteredList | Table | GradeBox | Figure | Contents | PageBreak


#: The line printed on every page of a report that is not final.
DRAFT_NOTICE = "Draft — not for publication"
#: The watermark across every page of a report that is not final.
DRAFT_WATERMARK = "DRAFT"


@dataclass(frozen=True, slots=True)
class RunningHeader:
    """The text at the top of every page (the standard header, where a template has none of its own)."""

    text: str


@dataclass(frozen=True, slots=True)
class Properties:
    """The document's properties (Word's File › Info); ``status`` is the report's ("Draft", "In review",
    "Final"), Word's *Status* (the core property ``contentStatus``)."""

    title: str
    subject: str
    authors: tuple[str, ...] = ()
    created: dt.date | dt.datetime | None = None
    status: str = ""


@dataclass
class Outline:
    body: list[Node] = field(default_factory=list)
    running_header: RunningHeader | None = None
    #: A page number at the foot of every page.
    page_numbers: bool = False
    properties: Properties = field(default_factory=lambda: Properties("", ""))
    #: The protective marking printed at the top and bottom of every page ("" for none).
    marking: str = ""
    #: Until the report is final: the line on every page (:data:`DRAFT_NOTICE`); "" once it is final.
    draft_notice: str = ""
    #: Until the report is final: the watermark across every page (:data:`DRAFT_WATERMARK`); "" once final.
    watermark: str = ""
    #: What a template's headers, footers and cover print for {title}, {force}, … (name without braces to
    #: text; see :mod:`.page_furniture`).
    placeholders: dict[str, str] = field(default_factory=dict)

    def walk(self) -> Iterator[Node | CellContent]:
        """Every node of the body in order, the paragraphs of a table (caption, cells, note) and of a
        figure's caption included."""
        for node in self.body:
            yield node
            if isinstance(node, Table):
                yield from node.caption
                for row in node.rows:
                    for cell in row:
                        yield from cell.content
                yield from node.note
            elif isinstance(node, Figure):
                yield from node.caption


# -- text ---------------------------------------------------------------------------------------------


def plain(runs: Sequence[Run]) -> str:
    """The printed words of ``runs``, footnote marks left out."""
    return "".join(run for run in runs if isinstance(run, str))


def runs_of(line: str, notes: Mapping[str, FootnoteMark] | None = None) -> Runs:
    """One line of text as runs: each ``[^label]`` that ``notes`` knows becomes its :class:`FootnoteMark`;
    an unknown one stays as it is written."""
    if not notes or "[^" not in line:
        return (line,)
    runs: list[Run] = []
    position = 0
    for match in MARKER.finditer(line):
        mark = notes.get(match.group(1))
        if mark is None:
            continue
        if match.start() > position:
            runs.append(line[position : match.start()])
        runs.append(mark)
        position = match.end()
    if position < len(line):
        runs.append(line[position:])
    return tuple(runs)


# -- word counts --------------------------------------------------------------------------------------

#: A run of non-space characters holding a letter or a digit.
_WORD = re.compile(r"\S*\w\S*")


def count_words(text: str) -> int:
    """Words as a word processor counts them, less lone punctuation ("–"): runs of non-space characters
    holding a letter or a digit."""
    return len(_WORD.findall(text))


@dataclass(frozen=True)
class WordCounts:
    """Words the report prints. ``total``: every word, fixed wording and footnotes included.
    ``by_question``: for each framework question (in report order), the words drawn from its records —
    narrative, findings, grid text, footnotes; not its fixed title, headings or grade.
    ``report_wide``: the words drawn from records outside the questions (summary, introduction…)."""

    total: int
    by_question: dict[str, int]
    report_wide: int


def word_counts(outline: Outline) -> WordCounts:
    """Count the words ``outline`` prints (see :class:`WordCounts`). The contents list, which repeats the
    headings, is not counted; evidence is, only when the outline has the evidence annex."""
    total = report_wide = 0
    by_question: dict[str, int] = {}

    def add(text: str, source: Source | None) -> None:
        nonlocal total, report_wide
        words = count_words(text)
        total += words
        if source is None:
            return
        if source.record_id is None:
            if source.question_id is not None:
                by_question.setdefault(source.question_id, 0)  # each question listed, in report order
        elif source.question_id is None:
            report_wide += words
        else:
            by_question[source.question_id] = by_question.get(source.question_id, 0) + words

    def add_runs(runs: Runs, source: Source | None) -> None:
        add(plain(runs), source)
        for run in runs:
            if isinstance(run, FootnoteMark):  # Word prints a footnote for each mark
                add(run.text, run.source)

    for node in outline.walk():
        if isinstance(node, (Paragraph, Bullet)):
            add_runs(node.runs, node.source)
        elif isinstance(node, Heading):
            add(node.text, node.source)
        elif isinstance(node, LetteredList):
            for item in node.items:
                add_runs(item.runs, item.source)
        elif isinstance(node, GradeBox):
            add(node.label, None)
    return WordCounts(total, by_question, report_wide)
