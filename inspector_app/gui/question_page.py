"""The page for one inspection question: its wording, the judgement, and every kind of finding."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ..domain.blocks import Bullet, Cites, DataTable, Figure, Paragraph, Record
from ..domain.changes import Change
from ..domain.grades import Direction, direction_of_travel
from ..domain.inspection import (
    AreaForImprovement,
    CauseOfConcern,
    EvidenceItem,
    Finding,
    Footnote,
    NarrativeSection,
    QuestionAssessment,
    Recommendation,
    SummaryItem,
)
from ..domain.report_layout import FindingKind
from . import commands
from .document import InspectionDocument
from .figure_editor import figure_image_editor
from .focus_watch import follow_focus
from .grades import GradePicker
from .question_evidence import QuestionEvidenceList
from .record_list import FieldSpec, ListSpec, RecordListEditor, RecordRow, find_row
from .review_panel import CommentsPanel
from .table_editor import DataTableEditor


def block_fields(record: Record) -> list[FieldSpec]:
    if isinstance(record, Bullet):
        return [FieldSpec("text", "", placeholder="Bullet point"), FieldSpec("level", "", kind="level")]
    if isinstance(record, Figure):
        return [
            FieldSpec("caption", "", kind="line", placeholder="Figure caption"),
            FieldSpec("image", "", kind="custom", build=figure_image_editor),
            FieldSpec(
                "alt_text",
                "",
                kind="line",
                placeholder="Alternative text: what the image shows, for readers who cannot see it",
            ),
        ]
    if isinstance(record, DataTable):
        return [FieldSpec("table", "", kind="custom", build=_table_editor)]
    return [FieldSpec("text", "", placeholder="Paragraph")]


def _table_editor(document: InspectionDocument, table: Record) -> QWidget:
    assert isinstance(table, DataTable)
    return DataTableEditor(document, table)


BLOCK_FACTORIES: list[tuple[str, Callable[[], Record]]] = [
    ("Paragraph", Paragraph),
    ("Bullet", Bullet),
    ("Table", lambda: DataTable(columns=["", ""], rows=[["", ""]])),
    ("Figure", Figure),
]


class ThemeBox(QComboBox):
    """The theme heading of a narrative section: free text, with the framework's suggested themes."""

    def __init__(
        self, document: InspectionDocument, section: NarrativeSection, suggestions: list[str]
    ) -> None:
        super().__init__()
        self.document, self.section_id = document, section.id
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.addItems(suggestions)
        self.setEditText(section.theme)
        line = self.lineEdit()
        if line is not None:
            line.setPlaceholderText(self.tr("Theme heading (empty for opening text)"))
        self.setAccessibleName(self.tr("Theme heading"))
        self._updating = False
        self.editTextChanged.connect(self._push)
        document.routes.watch_record(section.id, self._on_change)

    def _push(self, text: str) -> None:
        record = self.document.record(self.section_id)
        if not self._updating and isinstance(record, NarrativeSection) and record.theme != text:
            self.document.push(
                commands.SetField(self.document, self.section_id, "theme", text, self.tr("Edit theme"))
            )

    def _on_change(self, change: Change) -> None:
        record = self.document.record(self.section_id)
        if change.field != "theme" or not isinstance(record, NarrativeSection):
            return
        theme = record.theme
        if theme != self.currentText():
            self._updating = True
            self.setEditText(theme)
            self._updating = False


class QuestionPage(QSplitter):
    """Findings in a scrolling column on the left; the question's evidence beside them, ready to cite."""

    evidenceActivated = Signal(uuid.UUID)

    def __init__(self, document: InspectionDocument, question_id: str, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.document, self.question_id = document, question_id
        framework = document.inspection.framework
        self.core = framework.core(question_id)
        assessment: QuestionAssessment = document.inspection.question(question_id)
        self.assessment_id = assessment.id
        self.current_finding: uuid.UUID | None = None
        self.comments: CommentsPanel | None = None
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # prose wraps
        body = QWidget()
        body.setObjectName("questionPage")
        layout = QVBoxLayout(body)
        layout.setSpacing(12)

        title = QLabel(self.document.inspection.framework.question_label(self.core.id), body)
        title_font = QFont(title.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 0.95)
        title.setFont(title_font)
        wording = QLabel(self.core.text, body)
        wording.setWordWrap(True)
        wording.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        big = QFont(wording.font())
        big.setPointSizeF(big.pointSizeF() * 1.35)
        big.setBold(True)
        wording.setFont(big)
        layout.addWidget(title)
        layout.addWidget(wording)
        if self.core.diagnostics:
            diagnostics = QLabel(
                "<br>".join(f"{d.id}&nbsp;&nbsp;{d.text}" for d in self.core.diagnostics), body
            )
            diagnostics.setWordWrap(True)
            diagnostics.setToolTip(self.tr("Diagnostic questions: the prompts evidence is gathered against"))
            layout.addWidget(diagnostics)

        layout.addWidget(self._judgement_box(body))

        def lists(owner: uuid.UUID, field: str, spec: ListSpec) -> RecordListEditor:
            editor = self.list_editor(owner, field, spec, body)
            layout.addWidget(editor)
            return editor

        evidence = self.question_evidence
        # In the order the report prints them (the framework's finding order, then notes; footnotes at the
        # foot), and only what its layout prints. The judgement-grid text, printed at the front in the
        # grid, comes first.
        self.grid_summary: RecordListEditor | None = None
        if framework.report.spec.prints("judgement_grid"):
            self.grid_summary = lists(
                assessment.id,
                "grid_summary",
                ListSpec(
                    self.tr("Judgement grid text"),
                    self.tr("Paragraph"),
                    [(self.tr("Paragraph"), Paragraph)],
                    lambda r: [
                        FieldSpec("text", "", placeholder=self.tr("Short paragraph for the judgement grid"))
                    ],
                    empty_text=self.tr("Empty: the judgement grid will show the summary points."),
                ),
            )
        specs = self._finding_specs(evidence)
        self.finding_lists: dict[str, RecordListEditor] = {}
        for name in framework.finding_order():
            if name in specs:
                self.finding_lists[name] = lists(assessment.id, *specs[name])
            else:
                kind = framework.finding_kind(name)
                found = document.inspection.findings_of_kind(question_id, name)
                if kind is not None and found is not None:
                    self.finding_lists[name] = lists(found.id, "items", self._other_spec(kind, evidence))
        self.sections = self.finding_lists.get("narrative")
        self.causes = self.finding_lists.get("causes_of_concern")
        self.recommendations = self.finding_lists.get("recommendations")
        self.afis = self.finding_lists.get("areas_for_improvement")
        self.summary = self.finding_lists.get("summary")
        self.notes = lists(
            assessment.id,
            "notes",
            ListSpec(
                self.tr("Notes after the findings"),
                self.tr("Block"),
                BLOCK_FACTORIES,
                block_fields,
                numbered=False,
            ),
        )
        self.footnotes = lists(
            assessment.id,
            "footnotes",
            ListSpec(
                self.tr("Footnotes"),
                self.tr("Footnote"),
                [(self.tr("Footnote"), lambda: Footnote(label=str(len(assessment.footnotes) + 1)))],
                lambda r: [
                    FieldSpec(
                        "label",
                        self.tr("Marker: write [^label] in the text where the footnote belongs"),
                        kind="line",
                    ),
                    FieldSpec("text", "", placeholder=self.tr("Footnote text")),
                ],
            ),
        )
        layout.addStretch(1)
        self.scroll_area.setWidget(body)
        # The findings never scroll sideways: the splitter may not make their column narrower than they go.
        bar = self.scroll_area.verticalScrollBar().sizeHint().width()
        self.scroll_area.setMinimumWidth(body.minimumSizeHint().width() + bar)

        panel = QWidget(self)
        panel_layout = QVBoxLayout(panel)
        panel_layout.setContentsMargins(6, 6, 6, 6)
        panel_layout.addWidget(QLabel(f"<b>{self.tr('Evidence for this question')}</b>", panel))
        self.cite_target = QLabel(panel)
        self.cite_target.setWordWrap(True)
        self.evidence = QuestionEvidenceList(document, question_id, panel)
        self.evidence.citeRequested.connect(self.cite)
        self.evidence.evidenceActivated.connect(self.evidenceActivated)
        panel_layout.addWidget(self.evidence, 1)
        panel_layout.addWidget(self.cite_target)
        self.comments = CommentsPanel(
            document, question_id, lambda: self.current_finding, self._caption, panel
        )
        panel_layout.addWidget(self.comments)
        self.addWidget(self.scroll_area)
        self.addWidget(panel)
        self.setStretchFactor(0, 3)
        self.setStretchFactor(1, 2)
        self.setSizes([620, 400])
        self.setChildrenCollapsible(False)
        self._show_cite_target()

        document.routes.watch_record(self.assessment_id, self._on_assessment_change)
        self._focus_watch = follow_focus(self, self._on_focus_changed)

    def _finding_specs(self, evidence: Callable[[], list[EvidenceItem]]) -> dict[str, tuple[str, ListSpec]]:
        """The editors of the built-in findings, by the names the layout orders them with."""
        return {
            "narrative": (
                "sections",
                ListSpec(
                    self.tr("Narrative"),
                    self.tr("Section"),
                    [(self.tr("Section"), NarrativeSection)],
                    lambda r: [
                        FieldSpec(
                            "theme",
                            "",
                            kind="custom",
                            build=self._theme_box,
                        )
                    ],
                    nested=lambda d, section: self.list_editor(
                        section.id,
                        "blocks",
                        ListSpec(
                            "",
                            self.tr("Block"),
                            BLOCK_FACTORIES,
                            block_fields,
                            evidence,
                            numbered=False,
                        ),
                    ),
                    empty_text=self.tr("No narrative yet. Add a section for each theme."),
                ),
            ),
            "causes_of_concern": (
                "causes_of_concern",
                ListSpec(
                    self.tr("Causes of concern"),
                    self.tr("Cause of concern"),
                    [(self.tr("Cause of concern"), CauseOfConcern)],
                    lambda r: [
                        FieldSpec("text", "", placeholder=self.tr("It is a cause of concern to HMIC that …")),
                        FieldSpec(
                            "lead_in",
                            "",
                            kind="line",
                            placeholder=self.tr(
                                "Lead-in: To address this cause of concern HMIC recommends that …"
                            ),
                        ),
                    ],
                    evidence,
                    nested=lambda d, cause: self.list_editor(
                        cause.id, "recommendations", self._recommendation_spec(evidence)
                    ),
                ),
            ),
            "recommendations": (
                "recommendations",
                ListSpec(
                    self.tr("Recommendations (not under a cause of concern)"),
                    self.tr("Recommendation"),
                    [(self.tr("Recommendation"), Recommendation)],
                    self._recommendation_fields,
                    evidence,
                ),
            ),
            "areas_for_improvement": (
                "areas_for_improvement",
                ListSpec(
                    self.tr("Areas for improvement"),
                    self.tr("Area for improvement"),
                    [(self.tr("Area for improvement"), lambda: AreaForImprovement(text="The force should "))],
                    lambda r: self._text_and_points(self.tr("The force should …")),
                    evidence,
                ),
            ),
            "summary": (
                "summary",
                ListSpec(
                    self.tr("Summary"),
                    self.tr("Summary point"),
                    [(self.tr("Summary point"), SummaryItem)],
                    lambda r: [FieldSpec("text", "", placeholder=self.tr("A short summary point"))],
                    evidence,
                    empty_text=self.tr(
                        "No summary yet. The summary bullets close the question in the report."
                    ),
                ),
            ),
        }

    def _other_spec(self, kind: FindingKind, evidence: Callable[[], list[EvidenceItem]]) -> ListSpec:
        """The editor of a finding kind the framework adds: its text and optional nested points."""
        return ListSpec(
            kind.heading,
            kind.item,
            [(kind.item, Finding)],
            lambda r: self._text_and_points(kind.item),
            evidence,
        )

    def _text_and_points(self, placeholder: str) -> list[FieldSpec]:
        """A finding's text and its optional nested points (areas for improvement, a framework's own kinds)."""
        return [
            FieldSpec("text", "", placeholder=placeholder),
            FieldSpec(
                "sub_points", "", kind="lines", placeholder=self.tr("Nested points, one per line (optional)")
            ),
        ]

    def _theme_box(self, document: InspectionDocument, section: Record) -> QWidget:
        assert isinstance(section, NarrativeSection)
        return ThemeBox(document, section, self.core.suggested_themes)

    def list_editor(
        self, owner_id: uuid.UUID, field: str, spec: ListSpec, parent: QWidget | None = None
    ) -> RecordListEditor:
        """A list of findings on this page; its rows changing may change the finding being cited in."""
        editor = RecordListEditor(self.document, owner_id, field, spec, parent)
        editor.rowsChanged.connect(self._show_cite_target)
        return editor

    def question_evidence(self) -> list[EvidenceItem]:
        return self.document.inspection.evidence_for(self.question_id)

    # -- citing evidence from the finding being edited ----------------------------------------------

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None or not self.scroll_area.isAncestorOf(new):
            return
        widget: QWidget | None = new
        while widget is not None and not isinstance(widget, RecordRow):
            widget = widget.parentWidget()
        if widget is None:
            return
        record = self.document.record(widget.record_id)
        if isinstance(record, Cites):
            self.current_finding = widget.record_id
            self._show_cite_target()

    def _finding_caption(self) -> str | None:
        return None if self.current_finding is None else self._caption(self.current_finding)

    def _caption(self, record_id: uuid.UUID) -> str | None:
        """A finding's name on this page ("Area for improvement 2"); None when it is not here."""
        if self.document.record(record_id) is None:
            return None
        row = find_row(self.scroll_area, record_id)
        return row.caption_text() if row is not None else None

    def _show_cite_target(self) -> None:
        caption = self._finding_caption()
        if caption is None:
            self.current_finding = None
            self.cite_target.setText(self.tr("Click into a finding to cite evidence in it."))
        else:
            self.cite_target.setText(self.tr("Citing in: %1").replace("%1", caption))
        self.evidence.set_cite_enabled(caption is not None)
        if self.comments is not None:  # built after the lists, which report their rows as they fill
            self.comments.set_target_enabled(caption is not None)

    def cite(self, evidence_id: uuid.UUID) -> None:
        """Make the finding last edited on this page cite ``evidence_id``."""
        if self.current_finding is not None:
            self.document.push(commands.Cite(self.document, self.current_finding, evidence_id))

    def _recommendation_fields(self, record: Record) -> list[FieldSpec]:
        return [
            FieldSpec("text", "", placeholder=self.tr("Within three months, the force should …")),
            FieldSpec(
                "timescale",
                "",
                kind="line",
                placeholder=self.tr("Timescale, e.g. Within three months (optional)"),
            ),
            FieldSpec(
                "sub_points",
                "",
                kind="lines",
                placeholder=self.tr("Lettered points (a), (b)…, one per line (optional)"),
            ),
        ]

    def _recommendation_spec(self, evidence: Callable[[], list[EvidenceItem]]) -> ListSpec:
        return ListSpec(
            self.tr("Recommendations"),
            self.tr("Recommendation"),
            [(self.tr("Recommendation"), Recommendation)],
            self._recommendation_fields,
            evidence,
            empty_text=self.tr("A cause of concern needs at least one recommendation."),
        )

    def _judgement_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(self.tr("Judgement"), parent)
        form = QFormLayout(box)
        scale = self.document.inspection.framework.scale
        self.grade = GradePicker(scale, parent=box)
        self.grade.setAccessibleName(self.tr("Grade"))
        self.grade.gradePicked.connect(
            lambda grade: self.document.push(commands.SetGrade(self.document, self.question_id, grade))
        )
        self.definition = QLabel(box)
        self.definition.setWordWrap(True)
        self.last_year = GradePicker(scale, parent=box)
        self.last_year.setAccessibleName(self.tr("Last year's grade"))
        self.last_year.gradePicked.connect(
            lambda grade: self.document.push(
                commands.SetGrade(self.document, self.question_id, grade, last_year=True)
            )
        )
        self.direction = QLabel(box)
        self.carried_over = QCheckBox(self.tr("&Carried over from last year (not inspected again)"), box)
        self.carried_over.setToolTip(
            self.tr(
                "Last year's judgement stands: it needs no new evidence, and the report says it is carried over"
            )
        )
        self.carried_over.clicked.connect(
            lambda checked: self.document.push(
                commands.SetCarriedOver(self.document, self.question_id, checked)
            )
        )
        form.addRow(self.tr("&Grade"), self.grade)
        form.addRow("", self.definition)
        form.addRow(self.tr("&Last year's grade"), self.last_year)
        form.addRow(self.tr("Direction of travel"), self.direction)
        form.addRow("", self.carried_over)
        if not self.document.inspection.framework.report.compare_with_last_year:
            # the programme's grades must not be compared with earlier years'
            form.setRowVisible(self.last_year, False)
            form.setRowVisible(self.direction, False)
        self.carried_over.setVisible(self.core.graded)  # an ungraded question has no judgement to carry
        if not self.core.graded:
            note = QLabel(self.tr("The framework does not grade this question."), box)
            form.addRow("", note)
        self._show_grades()
        return box

    def _on_assessment_change(self, change: Change) -> None:
        if change.field in ("grade", "last_year_grade", "carried_over"):
            self._show_grades()

    def _show_grades(self) -> None:
        assessment = self.document.inspection.question(self.question_id)
        scale = self.document.inspection.framework.scale
        self.grade.set_grade(assessment.grade)
        self.last_year.set_grade(assessment.last_year_grade)
        self.carried_over.setChecked(assessment.carried_over)
        definition = scale.get(assessment.grade or "")
        self.definition.setText(definition.definition if definition and definition.definition else "")
        self.definition.setVisible(bool(self.definition.text()))
        direction = direction_of_travel(scale, assessment.grade, assessment.last_year_grade)
        texts = {
            Direction.IMPROVEMENT: self.tr("An improvement on last year"),
            Direction.UNCHANGED: self.tr("The same as last year"),
            Direction.DETERIORATION: self.tr("A deterioration on last year"),
            None: self.tr("—"),
        }
        self.direction.setText(texts[direction])
