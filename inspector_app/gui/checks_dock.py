"""The checks dock: what to fix before publication, grouped by question, refreshed as the inspector types.

The rules run on the GUI thread once the typing pauses (a debounce), never on each keystroke, and only while
the dock is shown; a double-click or Enter on a finding asks the window to go to its place (for a spelling
finding the place names the word, and the editor selects it). The spelling rules honour the same word lists
as the editors' underline, and run again when the user adds a word to the dictionary.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QShowEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from .. import bundled
from ..domain.checks import Finding, Severity, run_checks
from . import spellcheck
from .document import InspectionDocument

FINDING_ROLE = Qt.ItemDataRole.UserRole + 1
SEVERITY_ROLE = Qt.ItemDataRole.UserRole + 2

#: Milliseconds of quiet after a change before the checks run again.
CHECK_DELAY_MS = 700


class ChecksModel(QStandardItemModel):
    """Groups (report-wide, then each question) holding their findings: severity, where, what."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(0, 3, parent)
        self.setHorizontalHeaderLabels([self.tr("Severity"), self.tr("Where"), self.tr("What to do")])
        self.findings: list[Finding] = []

    def set_findings(self, findings: list[Finding], question_labels: dict[str | None, str]) -> None:
        self.findings = findings
        self.removeRows(0, self.rowCount())
        groups: dict[str | None, QStandardItem] = {}
        for finding in findings:
            key = finding.place.question_id
            if key not in groups:
                group = QStandardItem(question_labels.get(key, self.tr("The whole report")))
                group.setEditable(False)
                groups[key] = group
                self.appendRow([group, _cell(""), _cell("")])
            severity = _cell(finding.severity.label)
            severity.setData(finding, FINDING_ROLE)
            severity.setData(finding.severity.rank, SEVERITY_ROLE)
            severity.setToolTip(finding.rule)
            where = _cell(finding.place.label)
            what = _cell(finding.message)
            what.setToolTip(finding.message)
            groups[key].appendRow([severity, where, what])
        for group in groups.values():
            errors = sum(1 for r in range(group.rowCount()) if group.child(r, 0).data(SEVERITY_ROLE) == 0)
            extra = ", " + counted(errors, self.tr("1 error"), self.tr("%1 errors")) if errors else ""
            group.setText(f"{group.text()} ({group.rowCount()}{extra})")


def counted(number: int, one: str, many: str) -> str:
    """ "1 error" / "3 errors" (``many`` holds %1)."""
    return one if number == 1 else many.replace("%1", str(number))


def _cell(text: str) -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    return item


class SeverityFilter(QSortFilterProxyModel):
    """Hides findings of the severities switched off; groups stay while they hold something shown."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.shown = {Severity.ERROR, Severity.WARNING, Severity.ADVICE}
        self.setRecursiveFilteringEnabled(True)

    def set_shown(self, severity: Severity, shown: bool) -> None:
        self.beginFilterChange()
        (self.shown.add if shown else self.shown.discard)(severity)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        finding = self.sourceModel().index(row, 0, parent).data(FINDING_ROLE)
        return isinstance(finding, Finding) and finding.severity in self.shown


class ChecksPanel(QWidget):
    findingActivated = Signal(object)  # Finding

    def __init__(
        self, document: InspectionDocument, parent: QWidget | None = None, *, delay_ms: int = CHECK_DELAY_MS
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.model = ChecksModel(self)
        self.proxy = SeverityFilter(self)
        self.proxy.setSourceModel(self.model)
        self.view = QTreeView(self)
        self.view.setModel(self.proxy)
        self.view.setAccessibleName(self.tr("Checks"))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(True)
        self.view.setUniformRowHeights(False)
        self.view.activated.connect(self._activated)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.toggles: dict[Severity, QCheckBox] = {}
        toggles = QHBoxLayout()
        for severity, label in (
            (Severity.ERROR, self.tr("&Errors")),
            (Severity.WARNING, self.tr("&Warnings")),
            (Severity.ADVICE, self.tr("A&dvice")),
        ):
            box = QCheckBox(label, self)
            box.setChecked(True)
            box.toggled.connect(lambda shown, severity=severity: self._toggle(severity, shown))
            toggles.addWidget(box)
            self.toggles[severity] = box
        toggles.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addLayout(toggles)
        layout.addWidget(self.view, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.refresh)
        document.modified.connect(self._schedule)
        document.changed.connect(self._schedule)  # typing merged into one undo step moves no index
        spellcheck.notifier().wordsAdded.connect(self._schedule)  # "Add to dictionary" changes no document

    def _schedule(self, *_what: object) -> None:
        """After a change: run again once the typing pauses — only while the panel is on screen."""
        if self.isVisible():
            self._timer.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def _toggle(self, severity: Severity, shown: bool) -> None:
        self.proxy.set_shown(severity, shown)
        self.view.expandAll()

    def pending(self) -> bool:
        return self._timer.isActive()

    def refresh(self) -> None:
        self._timer.stop()
        inspection = self.document.inspection
        findings = run_checks(inspection, speller=bundled.speller())
        labels: dict[str | None, str] = {
            q.id: inspection.framework.question_label(q.id) for q in inspection.framework.questions()
        }
        self.model.set_findings(findings, labels)
        self.view.expandAll()
        for column in (0, 1):
            self.view.resizeColumnToContents(column)
        counts = {severity: sum(1 for f in findings if f.severity is severity) for severity in Severity}
        if not findings:
            self.summary.setText(self.tr("Nothing to fix: no errors, warnings or advice."))
        else:
            parts = [
                counted(counts[Severity.ERROR], self.tr("1 error"), self.tr("%1 errors")),
                counted(counts[Severity.WARNING], self.tr("1 warning"), self.tr("%1 warnings")),
                self.tr("%1 advice").replace("%1", str(counts[Severity.ADVICE])),
            ]
            self.summary.setText(", ".join(parts) + ". " + self.tr("Press Enter on one to go there."))

    def _activated(self, index: QModelIndex) -> None:
        finding = index.siblingAtColumn(0).data(FINDING_ROLE)
        if finding is not None:
            self.findingActivated.emit(finding)
