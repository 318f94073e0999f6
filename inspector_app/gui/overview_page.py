"""The overview: the judgement grid (every question with its grade, evidence by source type and findings),
the overall/pillar judgement and summary, and the report's details and standard texts."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..domain import review
from ..domain.changes import Change, ChangeKind
from ..domain.framework import Pillar
from ..domain.grades import Direction, direction_of_travel
from ..domain.inspection import SourceType, Status
from ..domain.report_layout import Pillars, StandardText
from . import commands
from .binding import GrowingTextEdit, bind_lines, bind_text
from .document import InspectionDocument
from .evidence_format import date_format
from .grades import GradePicker
from .question_page import BLOCK_FACTORIES, block_fields
from .record_list import ListSpec, RecordListEditor
from .review_panel import window_services

QUESTION_ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: Lists whose length the grid shows.
_FINDING_LISTS = {"areas_for_improvement", "causes_of_concern", "recommendations"}
#: Short column headings for the evidence counts (the full name is the heading's tooltip).
SOURCE_ABBREVIATIONS = {
    SourceType.INTERVIEW: "Int",
    SourceType.FOCUS_GROUP: "FG",
    SourceType.DOCUMENT_REVIEW: "Doc",
    SourceType.DATA: "Data",
    SourceType.CASE_FILE_REVIEW: "Case",
    SourceType.OBSERVATION: "Obs",
    SourceType.UNANNOUNCED_VISIT: "Visit",
    SourceType.SURVEY: "Surv",
    SourceType.OTHER: "Other",
}


class JudgementGridModel(QAbstractTableModel):
    """One row per question: number, question, grade, last year, direction, evidence per source type, findings."""

    FIXED = ("No.", "Question", "Grade", "Last year", "Direction")
    FINDINGS = ("AFIs", "Causes", "Recs")

    def __init__(self, document: InspectionDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.question_ids = [q.id for q in document.inspection.framework.questions()]
        self.sources = list(SourceType)
        self._counts: Counter[tuple[str | None, SourceType]] | None = None
        document.changed.connect(self._on_change)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.question_ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.FIXED) + len(self.sources) + len(self.FINDINGS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        fixed, sources = len(self.FIXED), len(self.sources)
        if fixed <= section < fixed + sources:
            source = self.sources[section - fixed]
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.tr("Evidence items from: %1").replace("%1", source.label)
            return SOURCE_ABBREVIATIONS[source]
        names = [self.tr(n) for n in self.FIXED] + [""] * sources + [self.tr(n) for n in self.FINDINGS]
        return names[section]

    def _on_change(self, change: Change) -> None:
        """Repaint for what the grid shows: grades, evidence by question and source, counts of findings."""
        if change.kind is ChangeKind.SET:
            if change.field in ("question_id", "source_type"):
                self._counts = None
            elif change.field not in ("grade", "last_year_grade"):
                return
        elif change.field == "evidence":
            self._counts = None
        elif change.field not in _FINDING_LISTS:
            return
        self._refresh()

    def _refresh(self) -> None:
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    def count(self, question_id: str, source: SourceType) -> int:
        if self._counts is None:
            self._counts = Counter(
                (item.question_id, item.source_type) for item in self.document.inspection.evidence
            )
        return self._counts[(question_id, source)]

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if not index.isValid():
            return None
        question_id = self.question_ids[index.row()]
        if role == QUESTION_ID_ROLE:
            return question_id
        inspection = self.document.inspection
        core = inspection.framework.core(question_id)  # the rows are the framework's questions
        assessment = inspection.question(question_id)
        scale = inspection.framework.scale
        column = index.column()
        fixed, sources = len(self.FIXED), len(self.sources)
        if column == 2 and role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            definition = scale.get(assessment.grade or "")
            if definition is None:
                return None
            colour = definition.colour if role == Qt.ItemDataRole.BackgroundRole else definition.text_colour
            return QBrush(QColor(colour))
        if role == Qt.ItemDataRole.ToolTipRole and column == 1:
            return core.text
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= fixed:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == 0:
            return core.number
        if column == 1:
            return core.text
        if column == 2:
            return scale.label(assessment.grade)
        if column == 3:
            return scale.label(assessment.last_year_grade) if assessment.last_year_grade else ""
        if column == 4:
            direction = direction_of_travel(scale, assessment.grade, assessment.last_year_grade)
            if direction is None:
                return ""
            return {Direction.IMPROVEMENT: "▲", Direction.DETERIORATION: "▼", Direction.UNCHANGED: "="}.get(
                direction, ""
            )
        if column < fixed + sources:
            return str(self.count(question_id, self.sources[column - fixed]) or "")
        findings = column - fixed - sources
        if findings == 0:
            return str(len(assessment.areas_for_improvement) or "")
        if findings == 1:
            return str(len(assessment.causes_of_concern) or "")
        return str(
            len(assessment.recommendations)
            + sum(len(c.recommendations) for c in assessment.causes_of_concern)
            or ""
        )


class OverviewPage(QScrollArea):
    questionActivated = Signal(str)

    def __init__(self, document: InspectionDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        inspection = document.inspection
        framework = inspection.framework
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # prose wraps instead
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setSpacing(12)

        heading = QLabel(f"<h2>{inspection.force.name} — {framework.title}</h2>", body)
        heading.setWordWrap(True)
        layout.addWidget(heading)

        self.grid_model = JudgementGridModel(document, self)
        self.grid = QTableView(body)
        self.grid.setModel(self.grid_model)
        if not framework.report.compare_with_last_year:  # last year's grade and the direction of travel
            for column in (3, 4):
                self.grid.setColumnHidden(column, True)
        self.grid.setAccessibleName(self.tr("Judgement grid"))
        self.grid.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.verticalHeader().hide()
        self.grid.setWordWrap(True)
        header = self.grid.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.grid.activated.connect(lambda index: self.questionActivated.emit(index.data(QUESTION_ID_ROLE)))
        header.sectionResized.connect(lambda *_: self._fit_grid())  # rows re-wrap to the new width
        self._fit_grid()
        layout.addWidget(self.grid)
        hint = QLabel(self.tr("Press Enter or double-click a question to open it."), body)
        hint.setEnabled(False)
        layout.addWidget(hint)

        for pillar in framework.pillars:
            layout.addWidget(self._pillar_box(pillar, body))
        layout.addWidget(self._details_box(body))
        spec = framework.report.spec
        if spec.prints("force_page"):
            layout.addWidget(self._force_page_box(body))
        # only what the layout prints (a PEEL report prints them once written)
        for field, title in (
            ("introduction", self.tr("Introduction")),
            ("methodology", self.tr("Methodology")),
        ):
            section = spec.section(field)
            if isinstance(section, StandardText):
                omitted = section.when_empty == "omit"
                empty = (
                    self.tr("Empty: the report leaves this section out until it is written.")
                    if omitted
                    else ""
                )
                layout.addWidget(
                    RecordListEditor(
                        document,
                        inspection.id,
                        field,
                        ListSpec(
                            title,
                            self.tr("Block"),
                            BLOCK_FACTORIES,
                            block_fields,
                            numbered=False,
                            empty_text=empty,
                        ),
                        body,
                    )
                )
        layout.addStretch(1)
        self.setWidget(body)

    def _fit_grid(self) -> None:
        """Rows as tall as their wrapped question text, and the grid as tall as its rows (no inner scroll)."""
        self.grid.resizeRowsToContents()
        rows_height = sum(self.grid.rowHeight(r) for r in range(self.grid_model.rowCount()))
        self.grid.setFixedHeight(
            self.grid.horizontalHeader().height() + rows_height + 2 * self.grid.frameWidth() + 2
        )

    def _pillar_box(self, pillar: Pillar, parent: QWidget) -> QGroupBox:
        document = self.document
        assessment = document.inspection.pillar(pillar.id)
        box = QGroupBox(f"{pillar.title}: {pillar.question}", parent)
        layout = QVBoxLayout(box)
        if pillar.graded:
            layout.addWidget(PillarJudgement(document, pillar.id, box))
        pillars = document.inspection.framework.report.spec.section("pillars")
        if isinstance(pillars, Pillars) and pillars.last_updated:
            dates = QFormLayout()
            label = self.tr("Last updated (this pillar)")
            published = DateField(document, "published", label, box, assessment.id)
            published.setToolTip(self.tr("Not set: the report's Last updated date (Report details)"))
            dates.addRow(label, published)
            layout.addLayout(dates)
        spec = document.inspection.framework.report.spec
        if any(spec.prints(kind) for kind in ("pillars", "overall_summary", "force_page")):
            layout.addWidget(self._pillar_summary(assessment.id, box))
        return box

    def _pillar_summary(self, assessment_id: uuid.UUID, box: QWidget) -> RecordListEditor:
        """The pillar's summary, where the layout prints it (its pages, the overall summary, the force
        page's first paragraph)."""
        return RecordListEditor(
            self.document,
            assessment_id,
            "summary",
            ListSpec(
                self.tr("Overall summary"),
                self.tr("Block"),
                BLOCK_FACTORIES,
                block_fields,
                numbered=False,
                empty_text=self.tr(
                    "No overall summary yet. Its first paragraph states the judgement and the direction of travel."
                ),
            ),
            box,
        )

    def _force_page_box(self, parent: QWidget) -> QGroupBox:
        """The force page's observations, and who made them as printed beneath."""
        document = self.document
        box = QGroupBox(self.tr("Force page"), parent)
        layout = QVBoxLayout(box)
        hint = QLabel(
            self.tr("The force page shows each pillar's grade and the first paragraph of its summary."), box
        )
        hint.setWordWrap(True)
        hint.setEnabled(False)
        layout.addWidget(hint)
        layout.addWidget(
            RecordListEditor(
                document,
                document.inspection.id,
                "observations",
                ListSpec(
                    self.tr("Observations"), self.tr("Block"), BLOCK_FACTORIES, block_fields, numbered=False
                ),
                box,
            )
        )
        form = QFormLayout()
        by = QLineEdit(box)
        by.setPlaceholderText(self.tr("Name, HM Inspector of Constabulary"))
        by.setAccessibleName(self.tr("Observations by"))
        bind_text(document, document.inspection.id, "observations_by", by, self.tr("Edit observations by"))
        form.addRow(self.tr("Observations by"), by)
        layout.addLayout(form)
        return box

    def _details_box(self, parent: QWidget) -> QGroupBox:
        document = self.document
        inspection = document.inspection
        box = QGroupBox(self.tr("Report details"), parent)
        form = QFormLayout(box)
        force = QLineEdit(box)
        force.setText(inspection.force.name)
        force.setReadOnly(True)
        force.setToolTip(self.tr("The force is set when the inspection is created."))
        form.addRow(self.tr("Force"), force)
        status = StatusBox(document, box)
        form.addRow(self.tr("Status"), status)
        form.addRow("", SignOffLabel(document, box))
        form.addRow(self.tr("Protective marking"), MarkingBox(document, box))
        authors = GrowingTextEdit(box, min_lines=1)
        authors.setAccessibleName(self.tr("Authors, one per line"))
        bind_lines(document, inspection.id, "authors", authors)
        form.addRow(self.tr("Authors (one per line)"), authors)
        for field, label in (
            ("published", self.tr("Last updated")),
            ("fieldwork_start", self.tr("Fieldwork from")),
            ("fieldwork_end", self.tr("Fieldwork to")),
        ):
            form.addRow(label, DateField(document, field, label, box))
        return box


class PillarJudgement(QWidget):
    """A pillar's overall grade, last year's and the direction of travel, bound to its assessment."""

    def __init__(self, document: InspectionDocument, pillar_id: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.document, self.pillar_id = document, pillar_id
        scale = document.inspection.framework.scale
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.grade = GradePicker(scale, allow_ungraded=False, parent=self)
        self.grade.setAccessibleName(self.tr("Overall grade"))
        self.last_year = GradePicker(scale, allow_ungraded=False, parent=self)
        self.last_year.setAccessibleName(self.tr("Last year's overall grade"))
        self.grade.gradePicked.connect(self._grade_picked)
        self.last_year.gradePicked.connect(self._last_year_picked)
        self.direction = QLabel(self)
        form.addRow(self.tr("Overall grade"), self.grade)
        form.addRow(self.tr("Last year's grade"), self.last_year)
        form.addRow(self.tr("Direction of travel"), self.direction)
        if not document.inspection.framework.report.compare_with_last_year:
            form.setRowVisible(self.last_year, False)
            form.setRowVisible(self.direction, False)
        document.routes.watch_record(document.inspection.pillar(pillar_id).id, self._on_change)
        self.show_grades()

    def _grade_picked(self, grade: str | None) -> None:
        self.document.push(commands.SetPillarGrade(self.document, self.pillar_id, grade))

    def _last_year_picked(self, grade: str | None) -> None:
        self.document.push(commands.SetPillarGrade(self.document, self.pillar_id, grade, last_year=True))

    def _on_change(self, change: Change) -> None:
        if change.field in ("grade", "last_year_grade"):
            self.show_grades()

    def show_grades(self) -> None:
        inspection = self.document.inspection
        scale = inspection.framework.scale
        current = inspection.pillar(self.pillar_id)
        self.grade.set_grade(current.grade)
        self.last_year.set_grade(current.last_year_grade)
        moved = direction_of_travel(scale, current.grade, current.last_year_grade)
        texts = {
            Direction.IMPROVEMENT: self.tr("An improvement on last year"),
            Direction.DETERIORATION: self.tr("A deterioration on last year"),
            Direction.UNCHANGED: self.tr("The same as last year"),
        }
        self.direction.setText("—" if moved is None else texts.get(moved, "—"))


class StatusBox(QComboBox):
    """The report's status (draft, in review, final), bound to the inspection."""

    def __init__(self, document: InspectionDocument, parent: QWidget) -> None:
        super().__init__(parent)
        self.document = document
        labels = {
            Status.DRAFT: self.tr("Draft"),
            Status.IN_REVIEW: self.tr("In review"),
            Status.FINAL: self.tr("Final"),
        }
        for value, label in labels.items():
            self.addItem(label, value.value)
        self.setAccessibleName(self.tr("Status"))
        self._show()
        self.activated.connect(self._chosen)
        document.routes.watch_record(document.inspection.id, self._on_change)

    def _show(self) -> None:
        self.setCurrentIndex(self.findData(self.document.inspection.status.value))

    def _chosen(self, _index: int) -> None:
        """A new status; final asks who signs the report off (the user's name offered), one undo step."""
        status = Status(self.currentData())
        if status == self.document.inspection.status:
            return
        signer = ""
        if status == Status.FINAL:
            interaction, settings = window_services(self)
            offered = settings.your_name() if settings is not None else ""
            typed = interaction.ask_text(
                self, self.tr("Sign off as final"), self.tr("Signed off by (name and role):"), offered
            )
            if typed is None or not typed.strip():
                self._show()  # cancelled: the status stays
                return
            signer = typed.strip()
        self.document.push(
            commands.EditCommand(
                self.document,
                self.tr("Sign off as final") if signer else self.tr("Change status"),
                lambda inspection: review.set_status(inspection, status, signer),
            )
        )

    def _on_change(self, change: Change) -> None:
        if change.field == "status":
            self._show()


class SignOffLabel(QLabel):
    """Who signed the report off and when, under its status (nothing before it is final)."""

    def __init__(self, document: InspectionDocument, parent: QWidget) -> None:
        super().__init__(parent)
        self.document = document
        self.setWordWrap(True)
        self._show()
        document.routes.watch_record(document.inspection.id, self._on_change)

    def _show(self) -> None:
        signed = review.sign_off(self.document.inspection)
        self.setText(signed[:1].upper() + signed[1:])
        self.setVisible(bool(signed))

    def _on_change(self, change: Change) -> None:
        if change.field in ("status", "signed_off_by", "signed_off_on"):
            self._show()


#: The longest marking an inspection holds (``Inspection.marking``).
MAX_MARKING_CHARS = 80


class MarkingBox(QComboBox):
    """The protective marking printed top and bottom of every page, bound to the inspection: one of the
    framework's markings, "None", or one typed in (an organisation's own caveat)."""

    def __init__(self, document: InspectionDocument, parent: QWidget) -> None:
        super().__init__(parent)
        self.document = document
        line = QLineEdit(self)
        line.setMaxLength(MAX_MARKING_CHARS)
        self.setLineEdit(line)  # editable: an organisation may have a caveat of its own
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)  # a typed marking is this report's only
        for marking in document.inspection.framework.report.markings:
            self.addItem(marking, marking)
        self.none_label = self.tr("None")
        self.addItem(self.none_label, "")
        self.setAccessibleName(self.tr("Protective marking"))
        self.setToolTip(self.tr("Printed at the top and bottom of every page of the report."))
        self._show()
        self.activated.connect(self._chosen)
        line.editingFinished.connect(self._typed)
        document.routes.watch_record(document.inspection.id, self._on_change)

    def _show(self) -> None:
        marking = self.document.inspection.marking
        index = self.findData(marking)
        self.setCurrentIndex(index)
        if index < 0:
            self.setEditText(marking)

    def _chosen(self, index: int) -> None:
        self._set(self.itemData(index))

    def _typed(self) -> None:
        text = " ".join(self.currentText().split())
        if text.casefold() == self.none_label.casefold():
            text = ""
        listed = self.findText(text, Qt.MatchFlag.MatchFixedString)  # "official" is OFFICIAL
        self._set(self.itemData(listed) if text and listed >= 0 else text)

    def _set(self, marking: str) -> None:
        if marking != self.document.inspection.marking:
            self.document.push(
                commands.SetField(
                    self.document,
                    self.document.inspection.id,
                    "marking",
                    marking,
                    self.tr("Change protective marking"),
                )
            )
        self._show()  # a typed marking shown as it is kept (spaces folded, a listed one's spelling)

    def _on_change(self, change: Change) -> None:
        if change.field == "marking":
            self._show()


class DateField(QDateEdit):
    """A date of the report (last updated, fieldwork), bound to the inspection; "not set" is allowed."""

    def __init__(
        self,
        document: InspectionDocument,
        field: str,
        label: str,
        parent: QWidget,
        record_id: uuid.UUID | None = None,
    ) -> None:
        super().__init__(parent)
        self.document, self.field, self.label = document, field, label
        #: The record whose date it is: the inspection, or a pillar's assessment.
        self.record_id = record_id or document.inspection.id
        self.setCalendarPopup(True)
        self.setDisplayFormat(date_format())
        self.setSpecialValueText(self.tr("not set"))
        self.setMinimumDate(QDate(2000, 1, 1))
        self.setAccessibleName(label)
        self._updating = False
        self._show()
        self.dateChanged.connect(self._push)
        document.routes.watch_record(self.record_id, self._on_change)

    def _value(self) -> dt.date | None:
        value: dt.date | None = getattr(self.document.record(self.record_id), self.field)
        return value

    def _show(self) -> None:
        value = self._value()
        self._updating = True
        self.setDate(QDate(value.year, value.month, value.day) if value else self.minimumDate())
        self._updating = False

    def _push(self, date: QDate) -> None:
        if self._updating:
            return
        value = None if date == self.minimumDate() else date.toPython()
        if value != self._value():
            self.document.push(
                commands.SetField(self.document, self.record_id, self.field, value, self.label)
            )

    def _on_change(self, change: Change) -> None:
        if change.field == self.field:
            self._show()
