"""The form for a new inspection: framework, force, authors, fieldwork dates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from ..domain.framework import Framework
from .evidence_format import date_format


def _python_date(date: QDate) -> dt.date:
    return dt.date(date.year(), date.month(), date.day())


@dataclass
class NewInspectionRequest:
    framework_id: str
    force_name: str
    force_short_name: str = ""
    authors: list[str] = field(default_factory=list)
    fieldwork_start: dt.date | None = None
    fieldwork_end: dt.date | None = None


class NewInspectionDialog(QDialog):
    def __init__(self, frameworks: list[Framework], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New inspection"))
        form = QFormLayout(self)
        self.framework = QComboBox(self)
        self.framework.setAccessibleName(self.tr("Framework"))
        programme = None
        for framework in frameworks:  # grouped by programme: a heading the list cannot select, then its own
            group = framework.programme or framework.title
            if group != programme and len({f.programme or f.title for f in frameworks}) > 1:
                self.framework.addItem(group)
                heading = self.framework.model().item(self.framework.count() - 1)  # type: ignore[attr-defined]
                heading.setEnabled(False)
                font = heading.font()
                font.setBold(True)
                heading.setFont(font)
                programme = group
            self.framework.addItem(
                self.tr("%1 — version %2 (%3 questions)")
                .replace("%1", framework.title)
                .replace("%2", framework.version)
                .replace("%3", str(len(framework.questions()))),
                framework.id,
            )
        first = next((i for i in range(self.framework.count()) if self.framework.itemData(i)), 0)
        self.framework.setCurrentIndex(first)
        self.force = QLineEdit(self)
        self.force.setPlaceholderText(self.tr("e.g. Hertfordshire Constabulary"))
        self.short = QLineEdit(self)
        self.short.setPlaceholderText(self.tr("e.g. Hertfordshire (used in titles)"))
        self.authors = QLineEdit(self)
        self.authors.setPlaceholderText(self.tr("Names separated by commas"))
        today = QDate.currentDate()
        self.start, self.end = QDateEdit(today, self), QDateEdit(today.addDays(14), self)
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(date_format())
        form.addRow(self.tr("&Framework"), self.framework)
        form.addRow(self.tr("F&orce"), self.force)
        form.addRow(self.tr("&Short name"), self.short)
        form.addRow(self.tr("&Authors"), self.authors)
        form.addRow(self.tr("Fieldwork &from"), self.start)
        form.addRow(self.tr("Fieldwork &to"), self.end)
        self.problem = QLabel(self)
        form.addRow(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._accept_if_valid)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.force.setFocus()

    def _accept_if_valid(self) -> None:
        if not self.force.text().strip():
            self.problem.setText(self.tr("Name the force to be inspected."))
            self.force.setFocus()
            return
        self.accept()

    def request(self) -> NewInspectionRequest:
        return NewInspectionRequest(
            framework_id=self.framework.currentData(),
            force_name=self.force.text().strip(),
            force_short_name=self.short.text().strip(),
            authors=[a.strip() for a in self.authors.text().split(",") if a.strip()],
            fieldwork_start=_python_date(self.start.date()),
            fieldwork_end=_python_date(self.end.date()),
        )
