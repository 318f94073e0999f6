"""The Team panel (View › Team panel): who is in the team and when each last synced, and the open
conflicts — each with every member's value side by side and *Keep mine*, *Keep theirs*, *Edit…*.

What it shows is read off the GUI thread (:func:`~..storage.team.overview`: seconds on 10,000 items);
resolving goes through :meth:`TeamActions.resolve <.team_actions.TeamActions.resolve>`, which saves,
resolves on a worker and reloads.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDockWidget,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain.text import shown

if TYPE_CHECKING:
    from ..storage.team import NamedConflict, TeamOverview
    from .export_task import BackgroundTask
    from .main_window import MainWindow


class TeamDock(QObject):
    """The dock, its View menu toggle, and reading the team again when the file's team changed."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.dock = QDockWidget(self.tr("Team"), window)
        self.dock.setObjectName("teamDock")
        self.dock.setAllowedAreas(
            Qt.DockWidgetArea.RightDockWidgetArea | Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.panel = TeamPanel(self)
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()
        self.toggle_action = QAction(self.tr("&Team panel"), self)
        self.toggle_action.setCheckable(True)
        self.toggle_action.setStatusTip(self.tr("The team's members, their last sync and the open conflicts"))
        self.toggle_action.triggered.connect(self._toggle)
        self.dock.visibilityChanged.connect(self.toggle_action.setChecked)
        self.dock.visibilityChanged.connect(self._shown)
        window.team.teamChanged.connect(self.refresh)
        #: The reading of the team running, if any; another is wanted when ``_stale``.
        self.task: BackgroundTask | None = None
        self._stale = False

    def _toggle(self, shown: bool) -> None:
        self.dock.setVisible(shown)
        if shown:
            self.fit()

    def fit(self) -> None:
        """Wide enough for the conflicts' values and keep buttons (at most a third of the window): the
        window takes the room from the page."""
        if self.dock.isFloating() or not self.dock.isVisible():
            return
        wanted = max(
            self.dock.fontMetrics().averageCharWidth() * 46,
            max((box.sizeHint().width() for box in self.panel.boxes), default=0) + 40,
        )
        width = min(wanted, self._window.width() // 3)
        if width > self.dock.width():
            self._window.resizeDocks([self.dock], [width], Qt.Orientation.Horizontal)

    def _shown(self, visible: bool) -> None:
        if visible:
            self.refresh()

    def refresh(self) -> BackgroundTask | None:
        """Read the open file's team again (when the panel is shown; after the running team operation)."""
        if not self.dock.isVisible():
            return None
        window = self._window
        document = window.document
        if document is None or document.path is None or window.team.team is None:
            self.panel.show_message(
                self.tr(
                    "This inspection has no team. File › Team › Make a copy for a team member… starts one."
                )
                if document is not None
                else self.tr("No inspection is open.")
            )
            return None
        if self.task is not None or window.team.running:
            self._stale = True
            return None
        from .export_task import BackgroundTask

        path = document.path

        def job(_progress: Any) -> Any:
            from ..storage.team import TeamError, overview

            try:
                return overview(path)
            except TeamError as error:
                return str(error)

        self.panel.show_message(self.tr("Reading the team…"), keep=True)
        task = BackgroundTask(job, self.tr("The team could not be read"), self)
        task.succeeded.connect(self._read)
        task.failed.connect(self.panel.show_message)
        task.finished.connect(self._finished)
        self.task = task
        task.start()
        return task

    def _read(self, result: object) -> None:
        if isinstance(result, str):
            self.panel.show_message(result)
            return
        document = self._window.document
        grades = (
            {grade.id: grade.label for grade in document.inspection.framework.scale.grades}
            if document is not None
            else {}
        )
        self.panel.show_overview(result, grades)  # type: ignore[arg-type]  # an overview, or a message

    def _finished(self) -> None:
        if self.task is not None:
            self.task.deleteLater()
        self.task = None
        if self._stale:
            self._stale = False
            self.refresh()

    def wait(self) -> None:
        if self.task is not None:
            self.task.wait()


class TeamPanel(QWidget):
    def __init__(self, dock: TeamDock) -> None:
        super().__init__()
        self._dock = dock
        layout = QVBoxLayout(self)
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.members = QTreeWidget(self)
        self.members.setHeaderLabels([self.tr("Member"), self.tr("Last sync")])
        self.members.setRootIsDecorated(False)
        self.members.setAccessibleName(self.tr("Team members"))
        layout.addWidget(self.members)
        self.conflicts_label = QLabel(self)
        layout.addWidget(self.conflicts_label)
        self.conflicts_area = QScrollArea(self)
        self.conflicts_area.setWidgetResizable(True)
        self.conflicts = QWidget()
        self.conflicts_layout = QVBoxLayout(self.conflicts)
        self.conflicts_layout.addStretch(1)
        self.conflicts_area.setWidget(self.conflicts)
        layout.addWidget(self.conflicts_area, 1)
        #: The conflicts shown, in order, with their buttons (for tests and the keyboard).
        self.boxes: list[ConflictBox] = []
        self.show_message(self.tr("No inspection is open."))

    def show_message(self, text: str, *, keep: bool = False) -> None:
        self.heading.setText(text)
        if keep:
            return
        self.members.clear()
        self.members.hide()
        self.conflicts_label.hide()
        self.conflicts_area.hide()
        self._clear_boxes()

    def _clear_boxes(self) -> None:
        for box in self.boxes:
            box.deleteLater()
        self.boxes = []

    def show_overview(self, overview: TeamOverview, grades: dict[str, str]) -> None:
        what = (
            self.tr("You are %1, working in a copy.")
            if overview.is_copy
            else self.tr("You are %1, the lead.")
        ).replace("%1", overview.member)
        if not overview.folder_found:
            what += " " + self.tr("The team folder %1 is not there (is its drive connected?).").replace(
                "%1", str(overview.folder)
            )
        for _name, reason in overview.unreadable:
            what += " " + reason
        self.heading.setText(what)
        self.members.clear()
        for member in overview.members:
            name = self.tr("%1 (you)").replace("%1", member.name) if member.is_me else member.name
            when = (
                member.last_sync.astimezone().strftime("%d %b %Y %H:%M")
                if member.last_sync is not None
                else self.tr("not yet")
            )
            QTreeWidgetItem(self.members, [name, when])
        self.members.resizeColumnToContents(0)
        rows = max(1, min(len(overview.members), 8))  # as tall as its members, to eight of them
        row_height = self.members.sizeHintForRow(0) if overview.members else 20
        self.members.setFixedHeight(self.members.header().height() + rows * row_height + 6)
        self.members.show()
        count = len(overview.conflicts)
        self.conflicts_label.setText(
            self.tr("Open conflicts: %1").replace("%1", str(count))
            if count
            else self.tr("No open conflicts: nothing two members changed at once.")
        )
        self.conflicts_label.show()
        self._clear_boxes()
        for named in overview.conflicts:
            box = ConflictBox(self._dock, named, overview.member, grades, self.conflicts)
            self.conflicts_layout.insertWidget(self.conflicts_layout.count() - 1, box)
            self.boxes.append(box)
        self.conflicts_area.setVisible(bool(count))
        self._dock.fit()


class ConflictBox(QGroupBox):
    """One conflict: its place, each member's value (whose is whose), and the ways to settle it."""

    def __init__(
        self,
        dock: TeamDock,
        named: NamedConflict,
        me: str,
        grades: dict[str, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(named.place, parent)
        self._dock, self.named, self._me, self._grades = dock, named, me, grades
        grid = QGridLayout(self)
        mine_first = sorted(named.values, key=lambda entry: entry[0] != me)
        for row, (who, value) in enumerate(mine_first):
            label = QLabel(self.tr("%1 (you)").replace("%1", who) if who == me else who, self)
            label.setStyleSheet("font-weight: bold")
            grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
            text = QLabel(self._shown(value), self)
            text.setWordWrap(True)
            text.setTextFormat(Qt.TextFormat.PlainText)
            grid.addWidget(text, row, 1)
        kept = QLabel(self.tr("Kept now: %1").replace("%1", self._shown(named.conflict.current)), self)
        kept.setTextFormat(Qt.TextFormat.PlainText)
        grid.addWidget(kept, len(named.values), 0, 1, 2)
        buttons = QHBoxLayout()
        others = [who for who, _ in named.values if who != me]
        mine_written = any(who == me for who, _ in named.values)
        #: The buttons, by what they keep: "mine", "theirs", or a member's name; and "edit".
        self.buttons: dict[str, QPushButton] = {}
        if mine_written:
            self._button(buttons, "mine", self.tr("Keep mine"))
        if mine_written and len(others) == 1:
            self._button(buttons, "theirs", self.tr("Keep theirs (%1)").replace("%1", others[0]))
        else:
            for who in others:
                self._button(buttons, who, self.tr("Keep %1's").replace("%1", who))
        buttons.addStretch(1)
        grid.addLayout(buttons, len(named.values) + 1, 0, 1, 2)
        # Edit… on a row of its own: the keep buttons with a member's name fill a narrow dock already.
        editing = QHBoxLayout()
        edit = self._button(editing, "edit", self.tr("Edit…"))
        if named.conflict.is_deletion:
            edit.setEnabled(False)
            edit.setToolTip(self.tr("A deleted record is kept or left deleted."))
        editing.addStretch(1)
        grid.addLayout(editing, len(named.values) + 2, 0, 1, 2)
        grid.setColumnStretch(1, 1)

    def _shown(self, value: Any) -> str:
        if isinstance(value, str) and value in self._grades and self.named.conflict.field == "grade":
            return self._grades[value]
        if value is None:
            return self.tr("(none)")
        return shown(value if isinstance(value, str) else json.dumps(value, ensure_ascii=False), 300)

    def _button(self, row: QHBoxLayout, key: str, text: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setProperty("keep", key)
        button.clicked.connect(self._clicked)
        row.addWidget(button)
        self.buttons[key] = button
        return button

    def _clicked(self) -> None:
        from ..storage.team import MINE, THEIRS, Choice, Edited, KeepOf

        sender = self.sender()
        key = str(sender.property("keep")) if isinstance(sender, QPushButton) else ""
        choice: Choice | None
        if key in (MINE, THEIRS):
            choice = key
        elif key == "edit":
            choice = self._edited(Edited)
        else:
            choice = KeepOf(key)
        if choice is not None:
            self._dock._window.team.resolve(self.named, choice)

    def _edited(self, edited: type) -> Any:
        """Edit…: a grade picked from the scale; any other value typed (text as it is, else JSON)."""
        window = self._dock._window
        conflict = self.named.conflict
        title = self.tr("Resolve: %1").replace("%1", self.named.place)
        if conflict.field == "grade" and self._grades:
            ids = list(self._grades)
            picked = window.interaction.pick(
                window, title, self.tr("Grade to keep:"), [self._grades[grade] for grade in ids]
            )
            return edited(ids[picked]) if picked is not None else None
        current = conflict.current
        typed = window.interaction.ask_text(
            window,
            title,
            self.tr("Value to keep:"),
            current if isinstance(current, str) else json.dumps(current, ensure_ascii=False),
        )
        if typed is None:
            return None
        if isinstance(current, str):
            return edited(typed)
        try:
            return edited(json.loads(typed))
        except ValueError:
            window.statusBar().showMessage(self.tr("Not resolved: that is not a value of this field."), 8000)
            return None
