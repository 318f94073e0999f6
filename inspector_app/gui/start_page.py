"""The start page: new, open, recent files and the bundled samples (one click away on a first run)."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .. import APP_NAME, bundled

PATH_ROLE = Qt.ItemDataRole.UserRole + 1


def sample_titles() -> dict[str, str]:
    """Sample name -> "Force — framework", read from the samples' JSON without validating them all at
    start-up (opening a sample validates it)."""
    titles = {}
    for name in bundled.sample_names():
        try:
            inspection = json.loads(bundled.sample(name).read_bytes())["inspection"]
            titles[name] = f"{inspection['force']['name']} — {inspection['framework']['title']}"
        except (ValueError, KeyError, TypeError):
            titles[name] = name
    return titles


class StartPage(QWidget):
    newRequested = Signal()
    openRequested = Signal()
    recentChosen = Signal(Path)
    sampleChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 24, 32, 24)
        title = QLabel(APP_NAME, self)
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 2)
        font.setBold(True)
        title.setFont(font)
        outer.addWidget(title)
        subtitle = QLabel(
            self.tr("Draft graded inspection assessments, offline. One file per inspection."), self
        )
        subtitle.setWordWrap(True)
        outer.addWidget(subtitle)

        grid = QGridLayout()
        grid.setSpacing(16)
        outer.addLayout(grid, 1)

        start = QGroupBox(self.tr("Start"), self)
        start_layout = QVBoxLayout(start)
        self.new_button = QPushButton(self.tr("&New inspection…"), start)
        self.new_button.setToolTip(self.tr("Create a new inspection (Ctrl+N)"))
        self.new_button.clicked.connect(self.newRequested)
        self.open_button = QPushButton(self.tr("&Open…"), start)
        self.open_button.setToolTip(self.tr("Open an inspection file (Ctrl+O)"))
        self.open_button.clicked.connect(self.openRequested)
        start_layout.addWidget(self.new_button)
        start_layout.addWidget(self.open_button)
        grid.addWidget(start, 0, 0)

        samples = QGroupBox(self.tr("Samples: published reports entered as inspections"), self)
        samples_layout = QVBoxLayout(samples)
        self.samples = QListWidget(samples)
        self.samples.setAccessibleName(self.tr("Sample inspections"))
        for name, text in sample_titles().items():
            item = QListWidgetItem(text, self.samples)
            item.setData(PATH_ROLE, name)
        self.samples.setCurrentRow(0)
        self.samples.itemActivated.connect(lambda item: self.sampleChosen.emit(item.data(PATH_ROLE)))
        self.sample_button = QPushButton(self.tr("Open &sample"), samples)
        self.sample_button.clicked.connect(self._open_current_sample)
        samples_layout.addWidget(self.samples)
        row = QHBoxLayout()
        hint = QLabel(self.tr("A sample opens as an untitled copy; save it where you like."), samples)
        hint.setWordWrap(True)  # the start page stays in the window's stack: it must not widen it
        row.addWidget(hint, 1)
        row.addWidget(self.sample_button)
        samples_layout.addLayout(row)
        grid.addWidget(samples, 0, 1, 2, 1)

        recent = QGroupBox(self.tr("Recent files"), self)
        recent_layout = QVBoxLayout(recent)
        self.recent = QListWidget(recent)
        self.recent.setAccessibleName(self.tr("Recent files"))
        self.recent.itemActivated.connect(lambda item: self.recentChosen.emit(Path(item.data(PATH_ROLE))))
        self.no_recent = QLabel(self.tr("Files you open or save appear here."), recent)
        self.no_recent.setEnabled(False)
        self.no_recent.setWordWrap(True)
        recent_layout.addWidget(self.recent)
        recent_layout.addWidget(self.no_recent)
        grid.addWidget(recent, 1, 0)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(1, 1)
        self.no_recent.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.setTabOrder(self.new_button, self.open_button)
        self.setTabOrder(self.open_button, self.samples)
        self.setTabOrder(self.samples, self.sample_button)
        self.setTabOrder(self.sample_button, self.recent)

    def _open_current_sample(self) -> None:
        item = self.samples.currentItem()
        if item is not None:
            self.sampleChosen.emit(item.data(PATH_ROLE))

    def set_recent(self, paths: list[Path]) -> None:
        self.recent.clear()
        for path in paths:
            item = QListWidgetItem(f"{path.name}  —  {path.parent}", self.recent)
            item.setData(PATH_ROLE, str(path))
            item.setToolTip(str(path))
        self.recent.setVisible(bool(paths))
        self.no_recent.setVisible(not paths)
        if paths:
            self.recent.setCurrentRow(0)

    def focus_default(self, first_run: bool) -> None:
        """On a first run the sample is the default: Enter opens it. Later, the most recent file."""
        if first_run or not self.recent.count():
            self.sample_button.setDefault(True)
            self.samples.setFocus()
        else:
            self.recent.setFocus()
