"""The real main window driven as a user drives it, for the random walk and its regression tests.

:func:`open_session` builds the window with the app's own last-resort error hook (:class:`ErrorWatch`);
the helpers below it find what a user can reach on the current page by widget class, accessible name and
button text, never by private attributes; :func:`check_model` and :func:`check_views` say what is wrong
with the model, or with what the visible widgets show of it.
"""

from __future__ import annotations

import difflib
import itertools
import re
import sys
import traceback
import uuid
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

from PySide6.QtCore import QMessageLogContext, QModelIndex, QPoint, Qt, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableView,
    QTableWidget,
    QToolButton,
    QWidget,
)

from inspector_app.domain.blocks import Bullet, Cites, DataTable
from inspector_app.domain.editing import EditError, find_record, iter_records
from inspector_app.domain.inspection import Inspection, NarrativeSection
from inspector_app.gui.binding import FieldBinding
from inspector_app.gui.errors import install_exception_hook
from inspector_app.gui.evidence_log import EvidenceEditor, EvidenceLogPage, QuestionEvidenceList
from inspector_app.gui.grades import GradePicker
from inspector_app.gui.interaction import ScriptedInteraction
from inspector_app.gui.main_window import MainWindow
from inspector_app.gui.question_page import QuestionPage, ThemeBox
from inspector_app.gui.record_list import CiteButton, RecordListEditor, RecordRow
from inspector_app.gui.settings import AppSettings
from inspector_app.gui.table_editor import DataTableEditor

from .documents import show_active

W = TypeVar("W", bound=QWidget)


# -- errors: the app's own hook, and every exception kept with its traceback ----------------------------


class ErrorWatch:
    """The app's real exception hook (``gui.errors``) installed, every exception kept, and Qt's warnings.

    Each exception goes to the app's hook (recovery copy, log, the "Something went wrong" message through
    the interaction), then to pytest-qt's capture (``qtbot.captureExceptions()``), which keeps it with its
    traceback. Qt's warnings (and worse) are kept too, except those matching ``ignore`` (the suite's
    ``qt_log_ignore``, and what else is no fault of the app). :meth:`check` fails on any of them;
    :meth:`restore` puts the previous hook and handler back. (Both captures are the watch's own rather than
    the test's, so a problem fails the test where it happened — in the call, where an xfail marker sees
    it — and not again at teardown or in pytest-qt's report.)
    """

    def __init__(
        self,
        qtbot: Any,
        window: MainWindow,
        interaction: ScriptedInteraction,
        log_file: Path,
        ignore: Sequence[str] = (),
    ) -> None:
        self.interaction = interaction
        self.before = sys.excepthook
        self._exit = ExitStack()
        self.caught: list[tuple[type[BaseException], BaseException, TracebackType | None]] = (
            self._exit.enter_context(qtbot.captureExceptions())
        )
        captured = sys.excepthook  # pytest-qt's, into self.caught
        app_hook = install_exception_hook(window, interaction, log_file)

        def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
            app_hook(kind, error, trace)
            captured(kind, error, trace)

        sys.excepthook = hook
        self.qt_warnings: list[str] = []
        self._ignore = [re.compile(pattern) for pattern in ignore]
        self._previous_handler = qInstallMessageHandler(self._qt_message)

    def _qt_message(self, kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        if kind in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg) or any(
            p.search(message) for p in self._ignore
        ):
            return
        self.qt_warnings.append(f"{kind.name}: {message}")
        print(f"Qt {kind.name}: {message}", file=sys.stderr)

    def restore(self) -> None:
        qInstallMessageHandler(self._previous_handler)
        self._exit.close()
        assert sys.excepthook is self.before, "the test's exception hook was not put back"

    def problems(self) -> list[str]:
        """Each error the user was shown (or failing that each exception caught), with its traceback, and
        each Qt warning."""
        shown = [details or text for _title, text, details in self.interaction.messages("error")]
        errors = shown or ["".join(traceback.format_exception(*caught)) for caught in self.caught]
        return errors + self.qt_warnings

    def check(self, context: str = "") -> None:
        problems = self.problems()
        if problems:
            kinds = sorted({last_line(p) for p in problems})
            raise AssertionError(
                f"{len(problems)} error(s) or Qt warning(s){context}: {'; '.join(kinds)}\n"
                f"the first:\n{problems[0]}"
            )


def last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else text


# -- the window -------------------------------------------------------------------------------------


@dataclass
class Session:
    window: MainWindow
    interaction: ScriptedInteraction
    watch: ErrorWatch

    @property
    def inspection(self) -> Inspection:
        assert self.window.document is not None
        return self.window.document.inspection

    def page(self) -> QWidget:
        assert self.window.workspace is not None
        return self.window.workspace.current_page()

    def close(self) -> None:
        """Restore the previous exception hook and close the window (nothing is asked: changes are dropped)."""
        self.watch.restore()
        document = self.window.document
        if document is not None:
            document.undo_stack.setClean()
        self.window.close()
        self.window.deleteLater()


def open_session(qtbot: Any, folder: Path, sample: str | Path, qt_log_ignore: Sequence[str] = ()) -> Session:
    """The main window, shown and active, with the app's error hook installed and ``sample`` (a bundled
    sample's name, or an inspection file) open.

    ``qt_log_ignore``: Qt warnings that are no fault (pass ``pytestconfig.getini("qt_log_ignore")``)."""
    folder.mkdir(parents=True, exist_ok=True)
    interaction = ScriptedInteraction()
    window = MainWindow(interaction, AppSettings(folder / "settings.ini"))
    window.resize(1366, 768)
    show_active(qtbot, window)
    watch = ErrorWatch(qtbot, window, interaction, folder / "inspector.log", qt_log_ignore)
    assert window.open_path(sample) if isinstance(sample, Path) else window.open_sample(sample)
    return Session(window, interaction, watch)


def menu_action(window: MainWindow, key: QKeySequence.StandardKey) -> QAction:
    """The menu bar's action bound to the platform's ``key`` (Undo, Redo…), as a user finds it."""
    wanted = QKeySequence.keyBindings(key)[0]
    for top in window.menuBar().actions():
        menu = top.menu()
        for action in menu.actions() if menu is not None else []:
            if wanted in action.shortcuts():
                return action
    raise AssertionError(f"no menu action has the shortcut {wanted.toString()}")


def press(qtbot: Any, widget: QWidget, sequence: str) -> None:
    """Press a key combination ("Ctrl+Z", "Alt+Up") in ``widget``, shortcuts included."""
    combination = QKeySequence(sequence)[0]
    qtbot.keyClick(widget, combination.key(), combination.keyboardModifiers())


def type_into(qtbot: Any, widget: QWidget, text: str) -> None:
    """Type ``text`` into ``widget`` key by key, beyond ASCII too (QTest's keyClicks aborts on "é")."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            QTest.sendKeyEvent(
                QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, char, Qt.KeyboardModifier.NoModifier
            )


def settle(qtbot: Any) -> None:
    """Let the event loop run as it does between a user's actions (deferred deletes included)."""
    qtbot.wait(1)


# -- finding widgets --------------------------------------------------------------------------------


def ancestor(widget: QWidget, kinds: type[W] | tuple[type[QWidget], ...]) -> W | None:
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, kinds):
        parent = parent.parentWidget()
    return parent


def visible(root: QWidget, kind: type[W]) -> list[W]:
    return [w for w in root.findChildren(kind) if w.isVisible()]


def usable(root: QWidget, kind: type[W]) -> list[W]:
    return [w for w in visible(root, kind) if w.isEnabled()]


def row_of(widget: QWidget) -> RecordRow | None:
    return ancestor(widget, RecordRow)


def text_editors(page: QWidget) -> list[QWidget]:
    """The visible text fields of findings and blocks a user can type in (not spin boxes, not table cells)."""
    found: list[QWidget] = []
    for kind in (QPlainTextEdit, QLineEdit):
        for widget in usable(page, kind):
            if widget.isReadOnly() or ancestor(widget, (QAbstractSpinBox, QAbstractItemView)) is not None:
                continue
            if row_of(widget) is not None or widget.findChildren(FieldBinding):
                found.append(widget)
    return found


def add_buttons(page: QWidget) -> list[QPushButton]:
    """The "Add …" buttons of the lists of findings and blocks."""
    return [
        button
        for button in usable(page, QPushButton)
        if button.text().startswith("Add ")
        and isinstance(ancestor(button, (RecordListEditor, DataTableEditor)), RecordListEditor)
    ]


def row_buttons(page: QWidget, name_starts: str) -> list[QToolButton]:
    """The row toolbar buttons whose accessible name starts so ("Move up", "Move down", "Delete")."""
    return [
        button
        for button in usable(page, QToolButton)
        if button.accessibleName().startswith(name_starts) and row_of(button) is not None
    ]


def nearest(widgets: list[W], row: RecordRow) -> list[W]:
    """Those of ``widgets`` that belong to ``row`` itself, not to a row nested in it."""
    return [w for w in widgets if row_of(w) is row]


def rows_of(editor: RecordListEditor) -> list[RecordRow]:
    """The list's own visible rows, top to bottom as laid out.

    (Not by walking the layout's items: wrapping QLayoutItems from Python has crashed the process.)
    """
    layout = editor.layout()
    if layout is not None:
        layout.activate()
    rows = [row for row in visible(editor, RecordRow) if ancestor(row, RecordListEditor) is editor]
    return sorted(rows, key=lambda row: row.mapTo(editor, QPoint(0, 0)).y())


def scroll_to(widget: QWidget) -> None:
    scroll = ancestor(widget, QScrollArea)
    if scroll is not None:
        scroll.ensureWidgetVisible(widget)


def click(
    qtbot: Any, widget: QWidget, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    scroll_to(widget)
    target = widget.viewport() if isinstance(widget, QPlainTextEdit) else widget
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton, modifier)


def click_row(
    qtbot: Any,
    table: QTableView,
    row: int,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    index = table.model().index(row, 0)
    for column in range(table.model().columnCount()):  # the first column shown
        if not table.isColumnHidden(column):
            index = table.model().index(row, column)
            break
    table.scrollTo(index)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, modifier, table.visualRect(index).center())


def describe(widget: QWidget) -> str:
    """A short description of a widget for the walk's notes."""
    name = widget.accessibleName() or getattr(widget, "text", lambda: "")() or type(widget).__name__
    row = row_of(widget)
    if row is not None:
        caption = row.findChild(QWidget, "rowCaption")
        where = caption.text() if caption is not None else type(row).__name__
        return f"{name!r} in {where!r}"
    return repr(name)


def evidence_editor(page: EvidenceLogPage) -> EvidenceEditor:
    [editor] = page.findChildren(EvidenceEditor)
    return editor


def named(root: QWidget, kind: type[W], name: str) -> W | None:
    for widget in root.findChildren(kind):
        if widget.accessibleName() == name:
            return widget
    return None


# -- checks -----------------------------------------------------------------------------------------


def check_model(inspection: Inspection) -> list[str]:
    """What is wrong with the model: integrity, cited evidence that does not exist, ids used twice."""
    problems = []
    try:
        inspection.check_integrity()
    except ValueError as error:
        problems.append(f"check_integrity: {error}")
    evidence_ids = {item.id for item in inspection.evidence}
    seen: set[uuid.UUID] = set()
    for record in iter_records(inspection):
        if record.id in seen:
            problems.append(f"the id {record.id} is used twice ({type(record).__name__})")
        seen.add(record.id)
        if isinstance(record, Cites):
            missing = [e for e in record.evidence_ids if e not in evidence_ids]
            if missing:
                problems.append(
                    f"{type(record).__name__} {record.id} cites evidence that does not exist: {missing}"
                )
            if len(set(record.evidence_ids)) != len(record.evidence_ids):
                problems.append(f"{type(record).__name__} {record.id} cites an item twice")
    return problems


def file_diff(expected: bytes, actual: bytes, lines: int = 40) -> str:
    """The start of a unified diff of two inspection files."""
    diff = difflib.unified_diff(
        expected.decode().splitlines(), actual.decode().splitlines(), "expected", "actual", lineterm="", n=2
    )
    return "\n".join(itertools.islice(diff, lines))


def _shown_text(widget: QWidget) -> str:
    return widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()


def check_views(page: QWidget, inspection: Inspection) -> list[str]:
    """What the visible widgets of ``page`` show that the model does not hold."""
    problems: list[str] = []
    add = problems.append

    def record(record_id: uuid.UUID, what: str) -> Any:
        try:
            return find_record(inspection, record_id)
        except EditError:
            add(f"{what} shows the record {record_id}, which no longer exists")
            return None

    # lists: one visible row per record, in the model's order
    for editor in visible(page, RecordListEditor):
        owner = record(editor.owner_id, "a list")
        if owner is None:
            continue
        expected = [r.id for r in getattr(owner, editor.field)]
        shown = [row.record_id for row in rows_of(editor)]
        if shown != expected:
            add(
                f"the list {editor.field!r} of {type(owner).__name__} shows rows {shown}, the model holds {expected}"
            )

    # text fields bound to a record's field (FieldBinding: record_id, field, to_model)
    bindings = [b for b in page.findChildren(FieldBinding) if b.widget.isVisible()]
    bound_widgets = {id(b.widget) for b in bindings}
    for binding in bindings:
        shown = _shown_text(binding.widget)
        if binding.record_id is None:  # bound to no record (the evidence editor with no item): empty
            if shown:
                add(f"the editor {describe(binding.widget)} edits no record but shows {shown!r}")
            continue
        owner = record(binding.record_id, f"the editor {describe(binding.widget)}")
        if owner is None:
            continue
        value = getattr(owner, binding.field)
        if binding.to_model(shown) != value:
            add(f"the editor {describe(binding.widget)} shows {shown!r}; {binding.field} is {value!r}")
        row = row_of(binding.widget)
        if row is not None and row.record_id != binding.record_id:
            add(
                f"the editor {describe(binding.widget)} edits {binding.record_id} inside the row of {row.record_id}"
            )
    for widget in text_editors(page):
        if id(widget) not in bound_widgets and ancestor(widget, ThemeBox) is None:
            add(f"the text field {describe(widget)} is not bound to a field the walk can check")

    # rows: level, theme, table cells, the number of citations
    for row in visible(page, RecordRow):
        owner = record(row.record_id, "a row")
        if owner is None:
            continue
        if isinstance(owner, Bullet):
            for spin in nearest(visible(row, QSpinBox), row):
                if spin.value() != owner.level:
                    add(
                        f"the level box of bullet {owner.id} shows {spin.value()}; the level is {owner.level}"
                    )
        if isinstance(owner, NarrativeSection):
            for box in nearest(visible(row, ThemeBox), row):
                if box.currentText() != owner.theme:
                    add(f"the theme box shows {box.currentText()!r}; the theme is {owner.theme!r}")
        if isinstance(owner, DataTable):
            for grid in nearest(visible(row, QTableWidget), row):
                cells = [
                    [grid.item(r, c).text() if grid.item(r, c) else "" for c in range(grid.columnCount())]
                    for r in range(grid.rowCount())
                ]
                if cells != [owner.columns, *owner.rows]:
                    add(f"the table {owner.id} shows {cells}; it holds {[owner.columns, *owner.rows]}")
        if isinstance(owner, Cites):
            for button in nearest(visible(row, CiteButton), row):
                count = re.search(r"\d+", button.text())
                if count is None or int(count.group()) != len(owner.evidence_ids):
                    add(f"the button {button.text()!r} of {owner.id}; it cites {len(owner.evidence_ids)}")

    # grades
    if isinstance(page, QuestionPage):
        assessment = inspection.question(page.question_id)
        for picker in visible(page, GradePicker):
            wanted = {"Grade": assessment.grade, "Last year's grade": assessment.last_year_grade}
            if picker.accessibleName() in wanted and picker.grade() != wanted[picker.accessibleName()]:
                add(
                    f"the {picker.accessibleName()!r} picker shows {picker.grade()!r}, not {wanted[picker.accessibleName()]!r}"
                )
        for evidence_list in visible(page, QuestionEvidenceList):
            expected_count = len(inspection.evidence_for(page.question_id))
            shown_count = evidence_list.findChild(QTableView).model().rowCount()
            if shown_count != expected_count:
                add(f"the question's evidence list shows {shown_count} items; it has {expected_count}")
    else:
        graded = [p for p in inspection.framework.pillars if p.graded]
        for name, attribute in (("Overall grade", "grade"), ("Last year's overall grade", "last_year_grade")):
            pickers = [p for p in visible(page, GradePicker) if p.accessibleName() == name]
            for picker, pillar in zip(pickers, graded, strict=False):
                value = getattr(inspection.pillar(pillar.id), attribute)
                if picker.grade() != value:
                    add(f"the {name!r} picker of {pillar.id} shows {picker.grade()!r}, not {value!r}")

    # the evidence log's editor and table
    if isinstance(page, EvidenceLogPage):
        problems.extend(_check_evidence_log(page, inspection))
    return problems


def _check_evidence_log(page: EvidenceLogPage, inspection: Inspection) -> list[str]:
    problems = []
    editor = evidence_editor(page)
    tables = [t for t in visible(page, QTableView) if t.accessibleName() == "Evidence"]
    for table in tables:
        rows = table.model().rowCount()
        if rows > len(inspection.evidence):
            problems.append(f"the evidence table shows {rows} rows for {len(inspection.evidence)} items")
    evidence_id = editor.evidence_id
    if evidence_id is None:
        return problems
    try:
        item = inspection.evidence_item(evidence_id)
    except KeyError:
        return [*problems, f"the evidence editor shows the item {evidence_id}, which no longer exists"]
    shown: dict[str, Callable[[], object]] = {}
    for name, attribute in (("Title", "title"), ("Collector", "collector"), ("Reference", "reference")):
        edit = named(editor, QLineEdit, name)
        if edit is not None:
            shown[attribute] = edit.text
    text = named(editor, QPlainTextEdit, "Text")
    if text is not None:
        shown["text"] = text.toPlainText
    for name, attribute in (
        ("Source type", "source_type"),
        ("Question", "question_id"),
        ("Diagnostic", "diagnostic_id"),
    ):
        combo = named(editor, QWidget, name)
        if combo is not None:
            shown[attribute] = combo.currentData
    no_date = named(editor, QWidget, "No date")
    date = named(editor, QWidget, "Date")
    if no_date is not None and date is not None:
        shown["date"] = lambda: None if no_date.isChecked() else date.date().toPython()
    for attribute, value in shown.items():
        if value() != getattr(item, attribute):
            problems.append(
                f"the evidence editor shows {attribute} = {value()!r}; the item holds {getattr(item, attribute)!r}"
            )
    return problems


# -- the navigator ----------------------------------------------------------------------------------


def navigator_indexes(window: MainWindow) -> list[QModelIndex]:
    """Every row of the navigator (overview, evidence log, pillars, questions, diagnostics), depth first."""
    assert window.workspace is not None
    model = window.workspace.navigator.model()
    found: list[QModelIndex] = []

    def walk(parent: QModelIndex) -> None:
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            found.append(index)
            walk(index)

    walk(QModelIndex())
    return found


def pages(window: MainWindow) -> list[str]:
    """Every page by name for :func:`show_page`: "overview", "evidence log" and each question's id."""
    assert window.document is not None
    return ["overview", "evidence log", *(q.id for q in window.document.inspection.framework.questions())]


def show_page(window: MainWindow, target: str) -> None:
    """Go to a page through the workspace's public methods."""
    workspace = window.workspace
    assert workspace is not None
    if target == "overview":
        workspace.show_overview()
    elif target == "evidence log":
        workspace.show_evidence_log()
    else:
        workspace.show_question(target)


def click_navigator(qtbot: Any, window: MainWindow, index: QModelIndex) -> None:
    assert window.workspace is not None
    tree = window.workspace.navigator
    tree.scrollTo(index)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualRect(index).center())


def focus_target(window: MainWindow) -> QWidget:
    return QApplication.focusWidget() or window.focusWidget() or window
