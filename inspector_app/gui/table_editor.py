"""Editor for a data table block: caption, a grid whose first row holds the column headings, and a note."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFocusEvent, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain.blocks import DataTable
from ..domain.changes import Change
from ..domain.editing import find_record, set_field
from ..domain.inspection import Inspection
from . import commands
from .binding import bind_text
from .document import InspectionDocument


class DataTableEditor(QWidget):
    def __init__(self, document: InspectionDocument, table: DataTable, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document, self.table_id = document, table.id
        self._updating = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.caption = QLineEdit(self)
        self.caption.setPlaceholderText(self.tr("Caption, e.g. “Crime and anti-social behaviour rates”"))
        self.caption.setAccessibleName(self.tr("Table caption"))
        bind_text(document, table.id, "caption", self.caption)
        layout.addWidget(self.caption)

        self.grid = QTableWidget(self)
        self.grid.setAccessibleName(self.tr("Table cells; the first row holds the column headings"))
        self.grid.horizontalHeader().hide()
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.grid.setTabKeyNavigation(False)
        self.grid.cellChanged.connect(self._cell_changed)
        layout.addWidget(self.grid)

        buttons = QHBoxLayout()
        for label, slot in (
            (self.tr("Add row"), self.add_row),
            (self.tr("Add column"), self.add_column),
            (self.tr("Delete row"), self.delete_row),
            (self.tr("Delete column"), self.delete_column),
        ):
            button = QPushButton(label, self)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        self.note = QLineEdit(self)
        self.note.setPlaceholderText(self.tr("Note under the table"))
        self.note.setAccessibleName(self.tr("Table note"))
        bind_text(document, table.id, "note", self.note)
        layout.addWidget(self.note)
        document.routes.watch_record(table.id, self._on_change)
        self.refresh()

    def _table(self) -> DataTable | None:
        table = self.document.record(self.table_id)
        return table if isinstance(table, DataTable) else None

    def _on_change(self, change: Change) -> None:
        if change.field in ("rows", "columns"):
            self.refresh()

    def refresh(self) -> None:
        table = self._table()
        if table is None:
            return
        self._updating = True
        try:
            grid = [table.columns, *table.rows]
            self.grid.setRowCount(len(grid))
            self.grid.setColumnCount(max((len(row) for row in grid), default=0))
            bold = QFont(self.grid.font())
            bold.setBold(True)
            for r, row in enumerate(grid):
                for c, value in enumerate(row):
                    item = QTableWidgetItem(value)
                    if r == 0:
                        item.setFont(bold)
                    self.grid.setItem(r, c, item)
            self.grid.setVerticalHeaderLabels([self.tr("Headings")] + [str(n) for n in range(1, len(grid))])
            self.grid.resizeColumnsToContents()
            height = self.grid.horizontalHeader().height() + sum(
                self.grid.rowHeight(r) for r in range(self.grid.rowCount())
            )
            self.grid.setFixedHeight(min(height + 2 * self.grid.frameWidth() + 4, 320))
        finally:
            self._updating = False

    def _cell_text(self, row: int, column: int) -> str:
        item = self.grid.item(row, column)
        return item.text() if item is not None else ""

    def _cells(self) -> list[list[str]]:
        return [
            [self._cell_text(r, c) for c in range(self.grid.columnCount())]
            for r in range(self.grid.rowCount())
        ]

    def _store(self, grid: list[list[str]], text: str) -> None:
        """One undo step for the headings and the rows together."""
        columns, rows = (grid[0], grid[1:]) if grid else ([], [])
        table_id = self.table_id

        def store(inspection: Inspection) -> list[Change]:
            table = find_record(inspection, table_id)
            assert isinstance(table, DataTable)
            changes = []
            if columns != table.columns:
                changes.append(set_field(inspection, table_id, "columns", columns))
            if rows != table.rows:
                changes.append(set_field(inspection, table_id, "rows", rows))
            return changes

        self.document.push(commands.EditCommand(self.document, text, store))

    def _cell_changed(self, _row: int, _column: int) -> None:
        if not self._updating:
            self._store(self._cells(), self.tr("Edit table"))

    def add_row(self) -> None:
        grid = self._cells() or [[""]]
        self._store([*grid, [""] * len(grid[0])], self.tr("Add table row"))

    def add_column(self) -> None:
        grid = self._cells() or [[]]
        self._store([[*row, ""] for row in grid], self.tr("Add table column"))

    def delete_row(self) -> None:
        row = self.grid.currentRow()
        grid = self._cells()
        if 0 < row < len(grid):  # the headings row stays
            self._store(grid[:row] + grid[row + 1 :], self.tr("Delete table row"))

    def delete_column(self) -> None:
        column = self.grid.currentColumn()
        grid = self._cells()
        if grid and 0 <= column < len(grid[0]) and len(grid[0]) > 1:
            self._store([row[:column] + row[column + 1 :] for row in grid], self.tr("Delete table column"))

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.caption.setFocus(Qt.FocusReason.OtherFocusReason)
