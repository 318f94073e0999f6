"""Grades on screen: coloured swatches from the framework's scale and a grade picker with the definitions."""

from __future__ import annotations

import functools

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QComboBox, QWidget

from ..domain.framework import UNGRADED, GradingScale


@functools.cache
def swatch(colour: str, size: int = 14) -> QIcon:
    """A round badge in the grade's colour (an outlined ring when there is no colour)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if colour:
        painter.setBrush(QColor(colour))
        painter.setPen(QColor(colour).darker(140))
    else:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QColor("#808080"))
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)


def grade_colour(scale: GradingScale, grade: str | None) -> str:
    definition = scale.get(grade or "")
    return definition.colour if definition else ""


def grade_text_colour(scale: GradingScale, grade: str | None) -> str:
    definition = scale.get(grade or "")
    return definition.text_colour if definition else ""


class GradePicker(QComboBox):
    """Not yet graded, each grade of the scale (with its colour and definition), and optionally Ungraded."""

    gradePicked = Signal(object)  # str | None, only on user choice

    def __init__(
        self, scale: GradingScale, *, allow_ungraded: bool = True, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.scale = scale
        self._setting = False
        self.addItem(swatch(""), scale.not_graded_label, None)
        for grade in scale.grades:
            self.addItem(swatch(grade.colour), grade.label, grade.id)
            if grade.definition:
                self.setItemData(self.count() - 1, grade.definition, Qt.ItemDataRole.ToolTipRole)
        if allow_ungraded:
            self.addItem(swatch(""), scale.ungraded_label, UNGRADED)
        self.currentIndexChanged.connect(self._on_index_changed)

    def grade(self) -> str | None:
        data = self.currentData()
        return data if isinstance(data, str) else None

    def set_grade(self, grade: str | None) -> None:
        """Show ``grade`` without announcing it as the user's choice."""
        self._setting = True
        try:
            index = self.findData(grade)
            self.setCurrentIndex(index if index >= 0 else 0)
        finally:
            self._setting = False

    def _on_index_changed(self, _index: int) -> None:
        if not self._setting:
            self.gradePicked.emit(self.currentData())
