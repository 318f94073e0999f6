"""The live preview: the report in export order, drawn from the outline the Word writer draws (DESIGN §5).

The export's layouts turn the inspection into an outline (:func:`~..export.layouts.build_outline`; no
python-docx is loaded for it); :func:`outline_html` renders that outline as HTML for a read-only
:class:`QTextBrowser` — headings, paragraphs, bullets, lettered points, tables, figures, footnotes, and each
grade in its colours — and the panel shows the words the report prints, in all and per question, above it.

Every paragraph drawn from a record is a link (``record:<id>/<field>/<offset>``): clicking it, or Enter on
it, shows its page with the cursor in its field, where that paragraph starts. Fixed wording under a
question (its title, "Recommendations") links to the question's page (``question:<id>``). Every text is
escaped, so hostile text prints as written.

The preview never costs a keystroke anything: a change only restarts a single-shot timer, and only while
the dock is shown; the outline is built and drawn again once the typing pauses (or when the dock is next
shown), keeping the scroll position.
"""

from __future__ import annotations

import html
import uuid
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence, QPalette, QShowEvent
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QTextBrowser, QVBoxLayout, QWidget

from ..domain.inspection import Inspection
from .document import InspectionDocument

if TYPE_CHECKING:
    from ..export import outline as nodes
    from .workspace import Workspace

#: Milliseconds of quiet after a change before the preview is built again.
PREVIEW_DELAY_MS = 700

RECORD_SCHEME = "record"
QUESTION_SCHEME = "question"

#: Colours of the preview: a white page, and the bundled template's colours (export/house_style.py).
TEXT = "#000000"
PAGE = "#FFFFFF"
NAVY = "#1F3864"
BLUE = "#2F5496"
GREY = "#595959"
UNGRADED_FILL = "#D9D9D9"
BORDER = "#A6A6A6"

_HEADING_SIZES = {1: "x-large", 2: "large", 3: "medium"}
_BULLETS = ("•", "–", "•")


def qt_position(text: str, index: int) -> int:
    """A Python string index as a Qt editor counts it (UTF-16 units)."""
    if text.isascii():
        return index
    return len(text[:index].encode("utf-16-le")) // 2


# -- the outline as HTML ----------------------------------------------------------------------------


def _href(source: nodes.Source | None) -> str | None:
    if source is None:
        return None
    if source.record_id is not None:
        return f"{RECORD_SCHEME}:{source.record_id}/{source.field}/{source.offset}"
    if source.question_id is not None:
        return f"{QUESTION_SCHEME}:{source.question_id}"
    return None


def _linked(inner: str, source: nodes.Source | None, style: str = "") -> str:
    """``inner`` in the look ``style`` (CSS), as a link to its source when it has one. The look sits on a
    span inside the link, so a heading keeps its colour rather than the palette's link colour."""
    href = _href(source)
    if href is None:
        return f'<span style="{style}">{inner}</span>' if style else inner
    if "color:" not in style:
        style = f"color:{TEXT}; {style}"
    return f'<a href="{html.escape(href)}"><span style="{style}">{inner}</span></a>'


class _Html:
    """Builds the HTML of one outline; footnotes are numbered as Word numbers them (in order) and listed at
    the end of each page and before each question."""

    def __init__(self, counts: nodes.WordCounts, question_labels: dict[str, str]) -> None:
        self.parts: list[str] = []
        self.counts = counts
        self.labels = question_labels
        self.notes: list[tuple[int, nodes.FootnoteMark]] = []
        self.number = 0
        #: The number of each footnote already printed: a footnote cited again keeps its number (as in Word).
        self.numbers: dict[nodes.FootnoteMark, int] = {}

    def runs(self, runs: nodes.Runs) -> str:
        from ..export import outline as nodes  # the outline loads with the first preview, not at start-up

        out: list[str] = []
        for run in runs:
            if isinstance(run, nodes.FootnoteMark):
                number = self.numbers.get(run)
                if number is None:
                    self.number += 1
                    number = self.numbers[run] = self.number
                    self.notes.append((number, run))
                out.append(f"<sup>{number}</sup>")
            else:
                out.append(html.escape(run))
        return "".join(out)

    def flush_notes(self) -> None:
        if not self.notes:
            return
        self.parts.append(f'<hr width="30%" align="left" style="color:{BORDER}"/>')
        for number, mark in self.notes:
            text = html.escape(" ".join(line.strip() for line in mark.text.splitlines() if line.strip()))
            self.parts.append(
                f'<p style="margin:0">'
                f"{_linked(f'<sup>{number}</sup> {text}', mark.source, f'font-size:small; color:{GREY}')}</p>"
            )
        self.notes = []

    def paragraph(
        self,
        node: nodes.Paragraph | nodes.Bullet | nodes.ListItem,
        block: str = "",
        prefix: str = "",
        look: str = "",
    ) -> str:
        """A paragraph: ``block`` its margins (CSS), ``look`` its characters' look (CSS)."""
        return f'<p style="{block}">{prefix}{_linked(self.runs(node.runs), node.source, look)}</p>'

    def styled(self, node: nodes.Paragraph) -> str:
        return self.paragraph(node, look=_LOOKS.get(node.style, ""))

    def grade(self, node: nodes.GradeBox) -> str:
        fill = node.fill or UNGRADED_FILL
        colour = node.text_colour or "#000000"
        box = (
            f'<span style="background-color:{fill}; color:{colour}; font-weight:bold">'
            f"&nbsp;{html.escape(node.label)}&nbsp;</span>"
        )
        return _linked(box, node.source)

    def cell(self, cell: nodes.TableCell, header: bool) -> str:
        from ..export import outline as nodes

        look = "color:#FFFFFF; font-weight:bold" if header else ""
        inner: list[str] = []
        for item in cell.content:
            if isinstance(item, nodes.GradeBox):
                inner.append(f'<p style="margin:0">{self.grade(item)}</p>')
            elif isinstance(item, nodes.Bullet):
                inner.append(self.paragraph(item, "margin:0", "•&nbsp;", look))
            else:
                inner.append(self.paragraph(item, "margin:0", look=look))
        tag = "th" if header else "td"
        fill = NAVY if header else cell.fill
        shade = f' bgcolor="{html.escape(fill)}"' if fill else ""
        return f'<{tag} align="left" valign="top"{shade}>{"".join(inner)}</{tag}>'

    def heading(self, node: nodes.Heading) -> None:
        level = min(max(node.level, 1), 3)
        question = node.source.question_id if node.source is not None else None
        is_title = question is not None and node.source is not None and node.source.record_id is None
        if is_title and question in self.labels and node.text.endswith(self.labels[question]):
            self.flush_notes()
            words = self.counts.by_question.get(question or "", 0)
            tail = (
                f' <span style="font-size:small; color:{GREY}; font-weight:normal">({_words(words)})</span>'
            )
        else:
            tail = ""
        colour = BLUE if level == 3 else NAVY
        self.parts.append(
            f'<h{level} style="font-size:{_HEADING_SIZES[level]}">'
            f"{_linked(html.escape(node.printed), node.source, f'color:{colour}')}{tail}</h{level}>"
        )

    def node(self, node: nodes.Node) -> None:
        from ..export import outline as nodes

        parts = self.parts
        if isinstance(node, nodes.Heading):
            self.heading(node)
        elif isinstance(node, nodes.Paragraph):
            parts.append(self.styled(node))
        elif isinstance(node, nodes.Bullet):
            level = min(max(node.level, 0), 2)
            block = f"margin-top:0; margin-left:{18 + 18 * level}px"
            parts.append(self.paragraph(node, block, _BULLETS[level] + "&nbsp;&nbsp;"))
        elif isinstance(node, nodes.LetteredList):
            for index, item in enumerate(node.items):
                letter = chr(ord("a") + index) if index < 26 else str(index + 1)
                parts.append(
                    self.paragraph(item, "margin-top:0; margin-left:40px", f"({letter})&nbsp;&nbsp;")
                )
        elif isinstance(node, nodes.GradeBox):
            parts.append(f"<p>{self.grade(node)}</p>")
        elif isinstance(node, nodes.Table):
            for paragraph in node.caption:
                parts.append(self.styled(paragraph))
            if node.rows:
                rows = "".join(
                    "<tr>"
                    + "".join(self.cell(cell, header=number < node.header_rows) for cell in row)
                    + "</tr>"
                    for number, row in enumerate(node.rows)
                )
                parts.append(
                    f'<table border="1" cellspacing="0" cellpadding="4" width="100%" '
                    f'style="border-color:{BORDER}; border-style:solid">{rows}</table>'
                )
            for paragraph in node.note:
                parts.append(self.styled(paragraph))
        elif isinstance(node, nodes.Figure):
            for paragraph in node.caption:
                parts.append(self.styled(paragraph))
            if node.picture is not None:  # the picture's place, named by its alt text (nothing decoded)
                alt = html.escape(node.alt_text or "figure")
                parts.append(
                    f'<table border="1" cellspacing="0" cellpadding="12" width="100%" '
                    f'style="border-color:{BORDER}; border-style:dashed"><tr><td align="center">'
                    f"{_linked(f'[image: {alt}]', node.source, f'color:{GREY}; font-style:italic')}"
                    "</td></tr></table>"
                )
            # Without a picture the layout's placeholder paragraph ("[Image to be added]") follows.
        elif isinstance(node, nodes.Contents):
            parts.append(
                f'<h1 style="font-size:x-large"><span style="color:{NAVY}">{html.escape(node.title)}</span></h1>'
            )
            for _level, text in node.entries:
                parts.append(f'<p style="margin:0 0 0 12px">{html.escape(text)}</p>')
        elif isinstance(node, nodes.PageBreak):
            self.flush_notes()
            parts.append(f'<hr style="color:{BORDER}"/>')


#: The look of the paragraph styles that are not body text (the bundled template's, roughly).
_LOOKS = {
    "Title": f"color:{NAVY}; font-size:xx-large; font-weight:bold",
    "Subtitle": f"color:{GREY}; font-size:large",
    "Caption": f"color:{NAVY}; font-size:small; font-weight:bold",
    "Table Note": f"color:{GREY}; font-size:small; font-style:italic",
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("preview", text)


def _words(count: int) -> str:
    return _tr("1 word") if count == 1 else _tr("%1 words").replace("%1", f"{count:,}")


def question_labels(inspection: Inspection) -> dict[str, str]:
    """The question's wording by id (how its heading ends in either layout)."""
    return {q.id: q.text for q in inspection.framework.questions()}


def outline_html(outline: nodes.Outline, counts: nodes.WordCounts, labels: dict[str, str]) -> str:
    """The outline as the preview's HTML: the page's running header, then the body in order."""
    builder = _Html(counts, labels)
    if outline.running_header is not None and outline.running_header.text:
        builder.parts.append(
            f'<p align="right" style="color:{GREY}; font-size:small">'
            f"{html.escape(outline.running_header.text)}</p><hr/>"
        )
    for node in outline.body:
        builder.node(node)
    builder.flush_notes()
    return "<html><body>" + "".join(builder.parts) + "</body></html>"


def counts_text(inspection: Inspection, counts: nodes.WordCounts) -> str:
    """ "2,430 words in the report · Question 1: 257 · …": what the panel shows above the preview."""
    framework = inspection.framework
    parts = [_tr("<b>%1</b> in the report").replace("%1", _words(counts.total))]
    parts.append(_tr("outside the questions: %1").replace("%1", f"{counts.report_wide:,}"))
    for question_id, words in counts.by_question.items():
        label = html.escape(framework.question_label(question_id))
        parts.append(f"{label}: {words:,}")
    return " · ".join(parts)


def parse_link(url: QUrl | str) -> tuple[uuid.UUID, str, int] | str | None:
    """A preview link as (record id, field, offset), a question id, or None when it is neither."""
    text = url.toString() if isinstance(url, QUrl) else url
    scheme, _, rest = text.partition(":")
    if scheme == QUESTION_SCHEME and rest:
        return rest
    if scheme != RECORD_SCHEME:
        return None
    parts = rest.split("/")
    if len(parts) != 3:
        return None
    try:
        return uuid.UUID(parts[0]), parts[1], int(parts[2])
    except ValueError:
        return None


# -- the panel ----------------------------------------------------------------------------------------


class PreviewPanel(QWidget):
    """The word counts above the report, drawn from the same outline as the Word export."""

    #: (record id, field, cursor in the field as the editor counts it)
    recordActivated = Signal(uuid.UUID, str, int)
    #: a question's id (its fixed wording was clicked)
    questionActivated = Signal(str)

    def __init__(
        self, document: InspectionDocument, parent: QWidget | None = None, *, delay_ms: int = PREVIEW_DELAY_MS
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.counts_label = QLabel(self)
        self.counts_label.setWordWrap(True)
        self.counts_label.setTextFormat(Qt.TextFormat.RichText)
        self.counts_label.setAccessibleName(self.tr("Word counts"))
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)
        self.browser.setOpenExternalLinks(False)
        self.browser.setAccessibleName(self.tr("Report preview"))
        self.browser.document().setDefaultStyleSheet("a { text-decoration: none; }")
        palette = self.browser.palette()  # a white page, as the report prints, whatever the theme
        palette.setColor(QPalette.ColorRole.Base, QColor(PAGE))
        palette.setColor(QPalette.ColorRole.Text, QColor(TEXT))
        self.browser.setPalette(palette)
        self.browser.anchorClicked.connect(self._link_clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.counts_label)
        layout.addWidget(self.browser, 1)
        #: The outline drawn last, and its word counts.
        self.outline: nodes.Outline | None = None
        self.counts: nodes.WordCounts | None = None
        self._stale = True
        self._html = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.refresh)
        document.modified.connect(self._schedule)
        document.changed.connect(self._schedule)  # typing merged into one undo step moves no index

    def _schedule(self, *_what: object) -> None:
        """After a change: draw again once the typing pauses — only while the panel is on screen."""
        self._stale = True
        if self.isVisible():
            self._timer.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def pending(self) -> bool:
        return self._timer.isActive()

    def refresh(self) -> None:
        """Build the outline again and draw it, keeping the scroll position."""
        from ..export import outline as nodes
        from ..export.layouts import build_outline

        self._timer.stop()
        inspection = self.document.inspection
        self.outline = build_outline(inspection)
        self.counts = nodes.word_counts(self.outline)
        self.counts_label.setText(counts_text(inspection, self.counts))
        page = outline_html(self.outline, self.counts, question_labels(inspection))
        self._stale = False
        if page == self._html:
            return  # a change the report does not print (an evidence item): nothing to lay out again
        self._html = page
        bar = self.browser.verticalScrollBar()
        position = bar.value()
        self.browser.setHtml(page)
        bar.setValue(min(position, bar.maximum()))

    def _link_clicked(self, url: QUrl) -> None:
        target = parse_link(url)
        if isinstance(target, str):
            self.questionActivated.emit(target)
        elif target is not None:
            record_id, field, offset = target
            self.recordActivated.emit(record_id, field, self._cursor(record_id, field, offset))

    def _cursor(self, record_id: uuid.UUID, field: str, offset: int) -> int:
        """``offset`` in the field's stored text as its editor counts (UTF-16; a list is one item a line)."""
        record = self.document.record(record_id)
        value = getattr(record, field, None) if record is not None else None
        if isinstance(value, list):
            value = "\n".join(str(item) for item in value)
        if not isinstance(value, str):
            return -1
        return qt_position(value, min(offset, len(value)))


# -- the window's action and dock -----------------------------------------------------------------------


class ReportPreview(QObject):
    """The window's View › Report preview action (F8) and the dock that holds the panel (made on first
    show; the outline code loads then, not at start-up)."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.document: InspectionDocument | None = None
        self.dock: QDockWidget | None = None
        self.panel: PreviewPanel | None = None
        self.action = QAction(self.tr("Report &preview"), window)
        self.action.setShortcut(QKeySequence("F8"))
        tip = self.tr("Show the report as it will print, with its word counts")
        self.action.setStatusTip(tip)
        self.action.setToolTip(tip)
        self.action.setCheckable(True)
        self.action.triggered.connect(self._toggle)  # the user's choice; the dock's state ticks it
        window.addAction(self.action)
        self.set_document(None)

    def actions(self) -> list[QAction]:
        return [self.action]

    @property
    def workspace(self) -> Workspace | None:
        workspace: Workspace | None = getattr(self.window, "workspace", None)
        return workspace

    def is_open(self) -> bool:
        return self.dock is not None and self.dock.isVisible()

    def set_document(self, document: InspectionDocument | None) -> None:
        """Follow the window's document: a new panel for it (if the dock is open), none on the start page."""
        self.document = document
        self.action.setEnabled(document is not None)
        if self.panel is not None:
            assert self.dock is not None
            self.dock.setWidget(None)  # type: ignore[arg-type]  # PySide6 stubs: Qt takes no widget (None)
            self.panel.deleteLater()
            self.panel = None
        if document is None:
            if self.dock is not None:
                self.dock.hide()
            return
        if self.is_open():
            self._make_panel()

    def _ensure_dock(self) -> QDockWidget:
        if self.dock is None:
            self.dock = QDockWidget(self.tr("Report preview"), self.window)
            self.dock.setObjectName("previewDock")
            self.dock.setAllowedAreas(
                Qt.DockWidgetArea.RightDockWidgetArea
                | Qt.DockWidgetArea.LeftDockWidgetArea
                | Qt.DockWidgetArea.BottomDockWidgetArea
            )
            self.dock.visibilityChanged.connect(self.action.setChecked)  # its close button too
            self.window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
            self.window.resizeDocks(
                [self.dock], [max(360, self.window.width() // 3)], Qt.Orientation.Horizontal
            )
        return self.dock

    def _make_panel(self) -> None:
        assert self.document is not None and self.dock is not None
        self.panel = PreviewPanel(self.document, self.dock)
        self.panel.recordActivated.connect(self._go_to_record)
        self.panel.questionActivated.connect(self._go_to_question)
        self.dock.setWidget(self.panel)

    def _toggle(self, shown: bool) -> None:
        if not shown:
            if self.dock is not None:
                self.dock.hide()
            return
        if self.document is None:
            return
        dock = self._ensure_dock()
        if self.panel is None:
            self._make_panel()
        dock.show()  # showing it draws the report
        dock.raise_()

    def _go_to_record(self, record_id: uuid.UUID, field: str, cursor: int) -> None:
        workspace = self.workspace
        if workspace is not None:
            workspace.reveal(record_id, field, cursor)

    def _go_to_question(self, question_id: str) -> None:
        workspace = self.workspace
        if workspace is not None:
            workspace.show_question(question_id)
