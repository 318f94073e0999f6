"""Find and replace across the report: a bar docked under the pages, never a dialog box.

Ctrl+F opens it — except on the evidence log, where Ctrl+F keeps focusing the log's own filter — and
Ctrl+H opens it with the replace row; Escape closes it. It lists every match with its place, in report
order (:mod:`..domain.search`); Enter or a click on one, *Next* and *Previous* (F3 and Shift+F3 anywhere,
Enter and Shift+Enter in the search box) show the match's page and select the match in its field.
*Replace* replaces the match selected and moves on; *Replace all* is one undo step — one
:class:`~.commands.EditCommand` whose operation makes every :func:`~..domain.editing.set_field` — and the
status bar says how many it replaced.

The list follows the document without costing a keystroke anything: a change only restarts a short timer
(and only while the bar is shown); the search runs again once the typing pauses, or when the bar is next
shown. The search module (and the report's text, which lives with the checks) loads on first use.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Protocol

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    Qt,
    QTimer,
)
from PySide6.QtGui import QAction, QFont, QFontMetrics, QKeySequence, QPainter, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDockWidget,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from .commands import EditCommand
from .document import InspectionDocument
from .focus_watch import follow_focus
from .record_list import find_row
from .table_editor import DataTableEditor

if TYPE_CHECKING:
    from ..domain.search import Match, SearchOptions
    from .workspace import Workspace

#: Milliseconds of quiet after a change (or a keystroke in the search box) before the search runs again.
REFRESH_DELAY_MS = 250
#: Matches listed at most (a one-letter search of a large inspection finds hundreds of thousands).
MAX_LISTED = 5000

MATCH_ROLE = Qt.ItemDataRole.UserRole + 1
SNIPPET_ROLE = Qt.ItemDataRole.UserRole + 2
COLUMN_PLACE, COLUMN_TEXT = 0, 1


class _Window(Protocol):
    """What the bar needs of its host: the open document's workspace (None on the start page)."""

    @property
    def workspace(self) -> Workspace | None: ...


def occurrences(count: int) -> str:
    if count == 1:
        return QApplication.translate("find_replace", "1 occurrence")
    return QApplication.translate("find_replace", "%1 occurrences").replace("%1", f"{count:,}")


def qt_position(text: str, index: int) -> int:
    """A Python string index as a Qt editor counts it (UTF-16 units)."""
    if text.isascii():
        return index
    return len(text[:index].encode("utf-16-le")) // 2


# -- the list of matches ------------------------------------------------------------------------------


class MatchesModel(QAbstractTableModel):
    """One row a match: where it is ("Question 3 › Area for improvement 2") and the words around it."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.matches: list[Match] = []

    def set_matches(self, matches: list[Match]) -> None:
        self.beginResetModel()
        self.matches = matches
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.matches)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 2

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr("Where") if section == COLUMN_PLACE else self.tr("Text")
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.matches):
            return None
        match = self.matches[index.row()]
        if role == MATCH_ROLE:
            return match
        if index.column() == COLUMN_PLACE:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return match.label
            return None
        if role == SNIPPET_ROLE:
            return match.context()
        if role == Qt.ItemDataRole.DisplayRole:
            return "".join(match.context())
        if role == Qt.ItemDataRole.ToolTipRole:
            return "".join(match.context(120))
        return None


class SnippetDelegate(QStyledItemDelegate):
    """Draws the words around a match with the match itself in bold, the match always in view."""

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        parts = index.data(SNIPPET_ROLE)
        if not isinstance(parts, tuple):
            super().paint(painter, option, index)
            return
        before, matched, after = parts
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget).adjusted(3, 0, -3, 0)
        plain: QFont = opt.font
        bold = QFont(plain)
        bold.setBold(True)
        plain_metrics, bold_metrics = QFontMetrics(plain), QFontMetrics(bold)
        matched_width = bold_metrics.horizontalAdvance(matched)
        room = rect.width() - matched_width - plain_metrics.horizontalAdvance("…" * 4)
        if plain_metrics.horizontalAdvance(before) > room // 2:  # keep the match in view
            before = plain_metrics.elidedText(before, Qt.TextElideMode.ElideLeft, max(0, room // 2))
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        palette: QPalette = opt.palette
        painter.save()
        painter.setPen(
            palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        )
        x = rect.left()
        for text, font, metrics in (
            (before, plain, plain_metrics),
            (matched, bold, bold_metrics),
            (after, plain, plain_metrics),
        ):
            width = rect.right() - x
            if width <= 0:
                break
            shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
            painter.setFont(font)
            painter.drawText(
                QRect(x, rect.top(), width, rect.height()),
                int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                shown,
            )
            x += metrics.horizontalAdvance(shown)
        painter.restore()


# -- the bar ------------------------------------------------------------------------------------------


class FindReplacePanel(QWidget):
    """The search and replace boxes, the options, the buttons and the list of matches."""

    def __init__(
        self, host: _Window, parent: QWidget | None = None, *, delay_ms: int = REFRESH_DELAY_MS
    ) -> None:
        super().__init__(parent)
        self.host = host  # gives the workspace the bar goes to
        self.document: InspectionDocument | None = None
        self.matches: list[Match] = []
        #: The match selected (an index into ``matches``), -1 for none.
        self.current = -1
        #: Where the last match selected was (or where a replacement ended): Next and Previous go on from it.
        self._anchor: Match | None = None
        #: Each text's place in report order at the last search (key → order), to find the anchor again.
        self._orders: dict[tuple[uuid.UUID, str, tuple[int, ...]], int] = {}
        self._stale = True
        self._limited = False
        #: The widget to give the focus back to when the bar closes.
        self._return_to: QWidget | None = None

        self.find_edit = QLineEdit(self)
        self.find_edit.setPlaceholderText(self.tr("Find in the report"))
        self.find_edit.setAccessibleName(self.tr("Find"))
        self.find_edit.setClearButtonEnabled(True)
        self.find_edit.setToolTip(self.tr("Enter: the next match; Shift+Enter: the previous; Esc: close"))
        self.replace_edit = QLineEdit(self)
        self.replace_edit.setPlaceholderText(self.tr("Replace with"))
        self.replace_edit.setAccessibleName(self.tr("Replace with"))
        self.match_case = QCheckBox(self.tr("&Match case"), self)
        self.whole_word = QCheckBox(self.tr("Wh&ole word"), self)
        self.include_evidence = QCheckBox(self.tr("Incl&ude evidence"), self)
        self.include_evidence.setToolTip(
            self.tr("Also search the evidence items' titles, notes, references and collectors")
        )
        self.previous_button = self._button(self.tr("Previous"), self.tr("Previous match (Shift+F3)"))
        self.next_button = self._button(self.tr("Next"), self.tr("Next match (F3, or Enter in the box)"))
        self.replace_button = self._button(
            self.tr("Re&place"), self.tr("Replace the selected match and select the next")
        )
        self.replace_all_button = self._button(
            self.tr("Replace &all"), self.tr("Replace every match, as one step you can undo")
        )
        self.count_label = QLabel(self)
        self.count_label.setMinimumWidth(
            self.count_label.fontMetrics().horizontalAdvance("Match 9,999 of 9,999")
        )

        self.model = MatchesModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setAccessibleName(self.tr("Matches"))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTabKeyNavigation(False)
        self.view.setWordWrap(False)
        self.view.setShowGrid(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 6)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(COLUMN_PLACE, QHeaderView.ResizeMode.Interactive)
        self.view.setColumnWidth(COLUMN_PLACE, self.view.fontMetrics().horizontalAdvance("M" * 28))
        self.view.setItemDelegateForColumn(COLUMN_TEXT, SnippetDelegate(self.view))

        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.addWidget(QLabel(self.tr("Find:"), self), 0, 0)
        grid.addWidget(self.find_edit, 0, 1)
        grid.addWidget(self.previous_button, 0, 2)
        grid.addWidget(self.next_button, 0, 3)
        grid.addWidget(self.match_case, 0, 4)
        grid.addWidget(self.whole_word, 0, 5)
        grid.addWidget(self.include_evidence, 0, 6)
        grid.addWidget(self.count_label, 0, 7)
        self.replace_label = QLabel(self.tr("Replace with:"), self)
        grid.addWidget(self.replace_label, 1, 0)
        grid.addWidget(self.replace_edit, 1, 1)
        grid.addWidget(self.replace_button, 1, 2)
        grid.addWidget(self.replace_all_button, 1, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(7, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addLayout(grid)
        layout.addWidget(self.view, 1)
        self.setFocusProxy(self.find_edit)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.refresh)
        self.find_edit.textChanged.connect(self._query_changed)
        self.find_edit.returnPressed.connect(self._find_entered)
        self.replace_edit.returnPressed.connect(self.replace_current)
        for box in (self.match_case, self.whole_word, self.include_evidence):
            box.toggled.connect(self._options_changed)
        self.previous_button.clicked.connect(self.find_previous)
        self.next_button.clicked.connect(self.find_next)
        self.replace_button.clicked.connect(self.replace_current)
        self.replace_all_button.clicked.connect(self.replace_all)
        self.view.activated.connect(self._activated)
        self.view.clicked.connect(self._activated)
        self.close_action = QAction(self.tr("Close find and replace"), self)
        self.close_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.close_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(self.close_action)
        self.set_replace_shown(False)
        self._show_count()

    def _button(self, text: str, tip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setToolTip(tip)
        button.setAutoDefault(False)
        return button

    # -- the document --------------------------------------------------------------------------------

    def set_document(self, document: InspectionDocument | None) -> None:
        if self.document is not None and shiboken6.isValid(self.document):
            self.document.changed.disconnect(self._document_changed)
        self.document = document
        self.matches, self.current, self._anchor, self._orders = [], -1, None, {}
        self.model.set_matches([])
        self._return_to = None
        if document is not None:
            document.changed.connect(self._document_changed)
        self._stale = True
        if self.isVisible():
            self.refresh()
        else:
            self._show_count()

    def _document_changed(self, _change: object) -> None:
        """Any change: search again once the typing pauses (only while the bar is on screen)."""
        self._stale = True
        if self.isVisible():
            self._timer.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def pending(self) -> bool:
        return self._timer.isActive()

    def set_replace_shown(self, shown: bool) -> None:
        for widget in (self.replace_label, self.replace_edit, self.replace_button, self.replace_all_button):
            widget.setVisible(shown)

    def replace_shown(self) -> bool:
        return not self.replace_edit.isHidden()

    # -- searching -----------------------------------------------------------------------------------

    def query(self) -> str:
        return self.find_edit.text()

    def options(self) -> SearchOptions:
        from ..domain.search import SearchOptions

        return SearchOptions(
            match_case=self.match_case.isChecked(),
            whole_word=self.whole_word.isChecked(),
            include_evidence=self.include_evidence.isChecked(),
        )

    def _query_changed(self, _text: str) -> None:
        self._stale = True
        self._timer.start()

    def _options_changed(self, _checked: bool) -> None:
        self._stale = True
        self.refresh()

    def refresh(self) -> None:
        """Search again; the match selected stays selected while it is still there."""
        from ..domain.search import find_matches, report_texts

        self._timer.stop()
        self._stale = False
        previous = self.current_match() or self._anchor
        matches: list[Match] = []
        if self.document is not None and self.query():
            report = report_texts(self.document.inspection)
            self._orders = {target.key: target.order for target in report}
            matches = find_matches(
                self.document.inspection, self.query(), self.options(), MAX_LISTED + 1, report=report
            )
        self._limited = len(matches) > MAX_LISTED
        self.matches = matches[:MAX_LISTED]
        self.model.set_matches(self.matches)
        self.current = -1
        if previous is not None:
            spot = (previous.target.key, previous.start, previous.end)
            self.current = next(
                (n for n, m in enumerate(self.matches) if (m.target.key, m.start, m.end) == spot), -1
            )
        self._show_current()

    def _fresh(self) -> None:
        if self._stale or self._timer.isActive():
            self.refresh()

    def current_match(self) -> Match | None:
        return self.matches[self.current] if 0 <= self.current < len(self.matches) else None

    def _show_count(self) -> None:
        if not self.query():
            text = ""
        elif not self.matches:
            text = self.tr("No matches")
        elif self._limited:
            text = self.tr("The first %1 matches").replace("%1", f"{len(self.matches):,}")
        elif self.current >= 0:
            text = (
                self.tr("Match %1 of %2")
                .replace("%1", f"{self.current + 1:,}")
                .replace("%2", f"{len(self.matches):,}")
            )
        elif len(self.matches) == 1:
            text = self.tr("1 match")
        else:
            text = self.tr("%1 matches").replace("%1", f"{len(self.matches):,}")
        self.count_label.setText(text)
        has = bool(self.matches)
        for button in (self.previous_button, self.next_button, self.replace_button, self.replace_all_button):
            button.setEnabled(has)

    def _show_current(self) -> None:
        selection = self.view.selectionModel()
        if self.current >= 0:
            index = self.model.index(self.current, COLUMN_PLACE)
            selection.setCurrentIndex(
                index,
                selection.SelectionFlag.ClearAndSelect | selection.SelectionFlag.Rows,
            )
            self.view.scrollTo(index)
        else:
            selection.clearSelection()
        self._show_count()

    # -- moving through the matches ------------------------------------------------------------------

    def find_next(self) -> bool:
        return self.step(+1)

    def find_previous(self) -> bool:
        return self.step(-1)

    def _find_entered(self) -> None:
        shift = QApplication.keyboardModifiers() & Qt.KeyboardModifier.ShiftModifier
        self.step(-1 if shift else +1)

    def step(self, direction: int) -> bool:
        """Select the next (+1) or previous (-1) match, on its page and in its field; False when none."""
        self._fresh()
        if not self.matches:
            if self.query():
                self._notice(self.tr("“%1” is not in the report").replace("%1", self.query()))
            return False
        if self.current >= 0:
            index = (self.current + direction) % len(self.matches)
        else:
            index = self._resume(direction)
        self.select_match(index)
        return True

    def _resume(self, direction: int) -> int:
        """The first match after the anchor (+1), or the last before it (-1), wrapping round."""
        anchor = self._anchor
        if anchor is None:
            return 0 if direction > 0 else len(self.matches) - 1
        order = self._orders.get(anchor.target.key, anchor.target.order)
        spot = (order, anchor.start)
        keys = [(m.target.order, m.start) for m in self.matches]
        if direction > 0:
            return next((n for n, key in enumerate(keys) if key >= spot), 0)
        return next((n for n in range(len(keys) - 1, -1, -1) if keys[n] < spot), len(keys) - 1)

    def select_match(self, index: int, *, focus_field: bool | None = None) -> None:
        """Make match ``index`` the current one and show it selected in its field. The focus stays in
        the bar when it is there (press Enter again for the next), else it goes to the field."""
        self.current = index
        match = self.matches[index]
        self._anchor = match
        self._show_current()
        if focus_field is None:
            focus = QApplication.focusWidget()
            focus_field = focus is None or not (focus is self or self.isAncestorOf(focus))
        widget = self.go_to(match, focus_field=focus_field)
        if widget is not None:
            self._return_to = widget

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.select_match(index.row(), focus_field=True)

    # -- going to a match ----------------------------------------------------------------------------

    def go_to(self, match: Match, *, focus_field: bool) -> QWidget | None:
        """Show the match's page and select it in its editor; returns the editor (None if not found)."""
        workspace = self.host.workspace
        if workspace is None:
            return None
        target = match.target
        if target.place.field == "evidence":
            return self._go_to_evidence(workspace, match, focus_field)
        scroll: QScrollArea
        if target.place.question_id is None:
            workspace.show_overview()
            scroll = workspace.overview
        else:
            workspace.show_question(target.place.question_id)
            scroll = workspace.question_page(target.place.question_id).scroll_area
        container = scroll.widget()
        row = find_row(container, target.record_id) if container is not None else None
        if row is None:
            return None
        scroll.ensureWidgetVisible(row)
        if target.field in ("caption", "note", "columns", "rows"):
            table = next((e for e in row.editors if isinstance(e, DataTableEditor)), None)
            if table is not None:
                return self._select_in_table(scroll, table, match, focus_field)
        widget: QWidget | None = None
        if target.field == "theme":
            combo = next((e for e in row.editors if isinstance(e, QComboBox)), None)
            widget = combo.lineEdit() if combo is not None else None
        else:
            binding = row.binding_for(target.field)
            widget = binding.widget if binding is not None else None
        if widget is None:
            return None
        _select(widget, match, focus_field, scroll)
        return widget

    def _go_to_evidence(self, workspace: Workspace, match: Match, focus_field: bool) -> QWidget | None:
        log = workspace.evidence_log
        record_id = match.target.record_id
        workspace.show_evidence_item(record_id)
        if log.current_id() != record_id:  # hidden by the log's filter
            log.filter_edit.clear()
            log.set_source_type_filter(None)
            workspace.show_evidence_item(record_id)
            self._notice(self.tr("The evidence log's filter was cleared to show the match"))
        binding = log.editor.bindings.get(match.target.field)
        if binding is None or log.current_id() != record_id:
            return None
        _select(binding.widget, match, focus_field, None)
        return binding.widget

    def _select_in_table(
        self, scroll: QScrollArea, table: DataTableEditor, match: Match, focus_field: bool
    ) -> QWidget:
        field, item = match.target.field, match.target.item
        if field in ("caption", "note"):
            line = table.caption if field == "caption" else table.note
            _select(line, match, focus_field, scroll)
            return line
        grid: QTableWidget = table.grid
        row, column = (0, item[0]) if field == "columns" else (item[0] + 1, item[1])
        grid.setCurrentCell(row, column)
        cell = grid.item(row, column)
        if cell is not None:
            grid.scrollToItem(cell)
        scroll.ensureWidgetVisible(grid)
        if focus_field:
            grid.setFocus(Qt.FocusReason.OtherFocusReason)
        return grid

    # -- replacing -----------------------------------------------------------------------------------

    def replace_current(self) -> None:
        """Replace the match selected and select the next; with none selected yet, select the next."""
        from ..domain.search import Match, apply_edits, plan_replace

        self._fresh()
        match = self.current_match()
        if self.document is None or match is None:
            self.step(+1)
            return
        replacement = self.replace_edit.text()
        edit = plan_replace(self.document.inspection, match, self.query(), replacement, self.options())
        if edit is None:  # edited since (search again and select what is there now), or too long
            self.refresh()
            if self.current_match() == match:
                self._notice(self.tr("Not replaced: the text would be longer than a text may be"))
                return
            self.step(+1)
            return
        end = match.start + len(replacement)
        self._anchor = Match(match.target, end, end)
        self.document.push(
            EditCommand(
                self.document,
                self.tr("Replace “%1” with “%2”").replace("%1", match.text).replace("%2", replacement),
                lambda inspection: apply_edits(inspection, [edit]),
            )
        )
        self.current = -1
        self.refresh()
        if self.matches:
            self.step(+1)
        else:
            self._notice(self.tr("Replaced the last match"))

    def replace_all(self) -> int:
        """Replace every match as one undo step; says how many (in the status bar) and returns it."""
        from ..domain.search import apply_edits, plan_replace_all

        document = self.document
        if document is None or not self.query():
            return 0
        replacement = self.replace_edit.text()
        plan = plan_replace_all(document.inspection, self.query(), replacement, self.options())
        if not plan.count:
            self._notice(self.tr("Nothing replaced: “%1” is not in the report").replace("%1", self.query()))
            return 0
        edits = plan.edits
        document.push(
            EditCommand(
                document,
                self.tr("Replace all “%1” with “%2”").replace("%1", self.query()).replace("%2", replacement),
                lambda inspection: apply_edits(inspection, edits),
            )
        )
        message = self.tr("Replaced %1").replace("%1", occurrences(plan.count))
        if len(plan.too_long) == 1:
            message += self.tr("; 1 text left as it was: it would be longer than a text may be")
        elif plan.too_long:
            message += self.tr(
                "; %1 texts left as they were: they would be longer than a text may be"
            ).replace("%1", str(len(plan.too_long)))
        self.current, self._anchor = -1, None
        self.refresh()
        self._notice(message)
        return plan.count

    def _notice(self, message: str) -> None:
        if self.document is not None:
            self.document.notice.emit(message)

    # -- focus ---------------------------------------------------------------------------------------

    def focus_changed(self, new: QWidget | None) -> None:
        """Remember the last place outside the bar, to go back to when it closes."""
        if new is not None and new is not self and not self.isAncestorOf(new):
            self._return_to = new

    def return_to(self) -> QWidget | None:
        """The last place outside the bar (or the field of the match last selected), if still there."""
        widget = self._return_to
        return widget if widget is not None and shiboken6.isValid(widget) else None

    def give_back_focus(self, widget: QWidget | None) -> None:
        if widget is not None and shiboken6.isValid(widget) and widget.isVisible():
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        workspace = self.host.workspace
        if workspace is not None:
            workspace.current_page().setFocus(Qt.FocusReason.OtherFocusReason)


def _select(widget: QWidget, match: Match, focus_field: bool, scroll: QScrollArea | None) -> None:
    """Select the match in a text editor: Qt counts UTF-16 units, and a field of points shows one a line."""
    if isinstance(widget, QLineEdit):
        shown = widget.text()
    elif isinstance(widget, QPlainTextEdit):
        shown = widget.toPlainText()
    else:
        return
    start, end = match.start, match.end
    if match.target.field == "sub_points" and match.target.item:
        offset = sum(len(line) + 1 for line in shown.split("\n")[: match.target.item[0]])
        start, end = start + offset, end + offset
    start, end = qt_position(shown, min(start, len(shown))), qt_position(shown, min(end, len(shown)))
    if focus_field:
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
    if isinstance(widget, QLineEdit):
        widget.setSelection(start, end - start)
        if scroll is not None:
            scroll.ensureWidgetVisible(widget)
    elif isinstance(widget, QPlainTextEdit):
        cursor = widget.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(end, cursor.MoveMode.KeepAnchor)
        widget.setTextCursor(cursor)
        body = scroll.widget() if scroll is not None else None
        if scroll is not None and body is not None:
            rect = widget.cursorRect()
            spot = widget.viewport().mapTo(body, rect.center())
            scroll.ensureVisible(spot.x(), spot.y(), 40, 3 * rect.height())
        else:
            widget.ensureCursorVisible()


# -- the window's actions and the dock ----------------------------------------------------------------


class FindReplace(QObject):
    """The window's find and replace actions and the dock that holds the bar (made on first use)."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.document: InspectionDocument | None = None
        self.dock: QDockWidget | None = None
        self.panel: FindReplacePanel | None = None
        self.find_action = self._action(
            self.tr("&Find in report…"),
            QKeySequence.keyBindings(QKeySequence.StandardKey.Find),
            self.tr("Find words anywhere in the report (on the evidence log, Ctrl+F filters the log)"),
            self.open_find,
        )
        self.replace_action = self._action(
            self.tr("Re&place…"),
            [QKeySequence("Ctrl+H")],
            self.tr("Find words in the report and replace them"),
            self.open_replace,
        )
        self.next_action = self._action(
            self.tr("Find &next"), [QKeySequence("F3")], self.tr("Select the next match"), self.find_next
        )
        self.previous_action = self._action(
            self.tr("Find pre&vious"),
            [QKeySequence("Shift+F3")],
            self.tr("Select the previous match"),
            self.find_previous,
        )
        self._focus_watch = follow_focus(self, self._focus_changed)
        self.set_document(None)

    def _action(self, text: str, keys: list[QKeySequence], tip: str, slot: object) -> QAction:
        action = QAction(text, self.window)
        action.setShortcuts(keys)
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.triggered.connect(slot)
        self.window.addAction(action)
        return action

    def actions(self) -> list[QAction]:
        return [self.find_action, self.replace_action, self.next_action, self.previous_action]

    def set_document(self, document: InspectionDocument | None) -> None:
        self.document = document
        for action in self.actions():
            action.setEnabled(document is not None)
        if self.panel is not None:
            self.panel.set_document(document)
        if document is None and self.dock is not None:
            self.dock.hide()

    @property
    def workspace(self) -> Workspace | None:
        """The window's workspace (the open document's pages), or None on the start page."""
        workspace: Workspace | None = getattr(self.window, "workspace", None)
        return workspace

    def _ensure_panel(self) -> FindReplacePanel:
        if self.panel is None:
            self.dock = QDockWidget(self.tr("Find and replace"), self.window)
            self.dock.setObjectName("findReplaceDock")
            self.dock.setAllowedAreas(
                Qt.DockWidgetArea.BottomDockWidgetArea | Qt.DockWidgetArea.TopDockWidgetArea
            )
            self.panel = FindReplacePanel(self, self.dock)
            self.panel.close_action.triggered.connect(self.close)
            self.panel.set_document(self.document)
            self.dock.setWidget(self.panel)
            self.window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
            self.window.resizeDocks([self.dock], [240], Qt.Orientation.Vertical)  # about eight matches
        return self.panel

    def is_open(self) -> bool:
        return self.dock is not None and self.dock.isVisible()

    # -- the actions ---------------------------------------------------------------------------------

    def open_find(self) -> None:
        """Ctrl+F: the bar, with the search box ready — on the evidence log, the log's filter instead."""
        workspace = self.workspace
        if workspace is not None and workspace.current_page() is workspace.evidence_log:
            workspace.evidence_log.focus_filter()
            return
        self._open(replace=None)

    def open_replace(self) -> None:
        self._open(replace=True)

    def _open(self, *, replace: bool | None) -> None:
        if self.document is None:
            return
        before = QApplication.focusWidget()
        selected = _selected_words(before)
        panel = self._ensure_panel()
        panel.focus_changed(before)  # where Escape goes back to (the bar may be new)
        if replace is not None:
            panel.set_replace_shown(replace)
        elif not self.is_open():
            panel.set_replace_shown(False)
        focus = QApplication.focusWidget()
        if selected and not (focus is not None and panel.isAncestorOf(focus)):
            panel.find_edit.setText(selected)
        assert self.dock is not None
        self.dock.show()
        self.dock.raise_()
        target = panel.replace_edit if replace and panel.query() else panel.find_edit
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)
        target.selectAll()

    def find_next(self) -> None:
        self._step(+1)

    def find_previous(self) -> None:
        self._step(-1)

    def _step(self, direction: int) -> None:
        if self.document is None:
            return
        panel = self._ensure_panel()
        if not panel.query():
            self._open(replace=None)
            return
        if not self.is_open():
            assert self.dock is not None
            self.dock.show()
        panel.step(direction)

    def close(self) -> None:
        if self.dock is None or self.panel is None:
            return
        focus = QApplication.focusWidget()
        had_focus = focus is not None and self.panel.isAncestorOf(focus)
        back = self.panel.return_to()  # before hiding moves the focus on
        self.dock.hide()
        if had_focus:
            self.panel.give_back_focus(back)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Ctrl+F is the evidence log's own while the focus is in the log (two actions for one key in
        the focus chain are ambiguous to Qt, which then runs neither); everywhere else it is ours."""
        workspace = self.workspace
        log = workspace.evidence_log if workspace is not None else None
        in_log = log is not None and new is not None and (new is log or log.isAncestorOf(new))
        self.find_action.setEnabled(self.document is not None and not in_log)
        if self.panel is not None:
            self.panel.focus_changed(new)


def _selected_words(widget: QWidget | None) -> str:
    """The text selected in a field, when it is a few words on one line (Ctrl+F searches for it)."""
    text = ""
    if isinstance(widget, QLineEdit):
        text = widget.selectedText()
    elif isinstance(widget, QPlainTextEdit):
        text = widget.textCursor().selectedText()
    if not text or "\u2029" in text or "\n" in text or len(text) > 100:
        return ""
    return text
