"""Keystrokes in Inspector's own main window, against a bare QPlainTextEdit in the same window and run.

    python benchmarks/keystrokes.py [--only crime|peel|large] [-n 10000] [--keys 60] [--large-title-keys 15]
                                [--seed 0] [--no-fail]

For each inspection (the two bundled samples, opened as the start page opens them, and make_large(n) saved
to a temporary .inspection and opened from disk), the script builds a MainWindow with settings and state in a
temporary folder, shows it at a laptop size (1366×768), visits every question page so that all of them are
built (each one listens to the document, as they do after a day's work), then finds four fields as a user
would and types into them with real key events (QTest.keyClick: ShortcutOverride, KeyPress, KeyRelease):

    narrative paragraph   the first narrative paragraph on question 1's page (placeholder "Paragraph")
    summary point         the first summary point on question 1's page (added with its Add button if none)
    area for improvement  the first area for improvement on question 1's page (added likewise if none)
    evidence title        the Title field of the evidence log (Ctrl+2), first row clicked

Each field is clicked, scrolled into view and given the cursor at its end (Ctrl+End / End); then the script
types a typical sentence (--keys characters) and five Backspaces. Right after, a bare QPlainTextEdit is put
over the same place in the same window (the same size, font and starting text) and gets the same keys.

Each key is timed from just before it is sent until the event loop is idle again: the key events are sent
synchronously, then the event dispatcher is run without waiting until a pass dispatches nothing (every
posted event: the editor's and the window's repaint requests, layout requests, queued signals; and every
timer already due). That is what the user waits for before the character is on screen.

The app's timers are kept out of the measurements: typing is continuous (each key is sent as soon as the
previous one is done, so the autosave timer, restarted by each change, never reaches its 3 s), the script
waits 3.3 s with the cursor in place before typing into each field, so that a recovery copy due after the
last field (or after adding a finding) is written then, and the checks dock stays closed (as on a first run)
so its 700 ms checks timer never starts. A key during which a recovery copy was written anyway (one slower
than 3 s) is counted in the notes, as is a field that did not repaint for each key.

Budgets (issue: typing in a large inspection): a field's median keystroke <= 4× the bare editor's median
(the bare run right after it), and its worst keystroke <= 50 ms. The exit status is 1 when a field is OVER
(0 with --no-fail). A field the script cannot find (the GUI changes) is reported "not found" and skipped;
when no field at all could be measured the exit status is 2.

In the large inspection an evidence title keystroke has taken seconds, so that one field types only
--large-title-keys characters (default 15, plus the five Backspaces); every other field types --keys.

Qt runs offscreen unless QT_QPA_PLATFORM is set: under an X server or Xvfb, the repaint then includes the
flush to the server:

    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1920x1080x24" python benchmarks/keystrokes.py

Exceptions raised in the app's slots while typing and Qt warnings do not stop the run: the first of each is
printed in full on stderr, and the notes under the table count them per step.
"""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import PySide6
from make_large import make_large
from PySide6.QtCore import (
    QAbstractEventDispatcher,
    QEvent,
    QEventLoop,
    QMessageLogContext,
    QObject,
    QPoint,
    QRect,
    Qt,
    QtMsgType,
    qInstallMessageHandler,
    qVersion,
)
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QWidget,
)
from shiboken6 import isValid

from inspector_app import bundled
from inspector_app.domain.inspection import Inspection
from inspector_app.gui.interaction import Answer, ScriptedInteraction
from inspector_app.gui.main_window import MainWindow
from inspector_app.gui.settings import AppSettings
from inspector_app.storage.inspection_file import loads_inspection, save_inspection

WIDTH, HEIGHT = 1366, 768
SAMPLES = {"crime": "hertfordshire-crime-inspection-2014", "peel": "hertfordshire-peel-2016-effectiveness"}
#: What an inspector types: the characters are taken from the start of this text, then come the Backspaces.
TEXT = (
    " The force has improved how it assesses risk when victims first call for help, and supervisors now"
    " review every case of domestic abuse within a day, so officers know what to do next."
)
BACKSPACES = 5
MEDIAN_RATIO_BUDGET = 4.0
WORST_MS_BUDGET = 50.0
#: Longer than the app's autosave delay (3 s): a recovery copy due after one field is written before the next.
QUIET_MS = 3300
#: Passes of the event dispatcher after a key before giving up on "idle" (something that never stops).
MAX_PASSES = 200

# PySide6 (6.11, 6.12) on Python 3.11 drops a reference to None each time a Qt call returns None (Python 3.12+
# makes None immortal, which hides it). Thousands of such calls would free None and abort the interpreter,
# so on 3.11 this script holds spare references and leaves with os._exit.
_NONE_RESERVE = [None] * 2_000_000 if sys.version_info < (3, 12) else []


def _optional(module: str, name: str, fallback: type) -> type:
    """A widget class of the app used to recognise its fields; the Qt base class if the GUI moved it."""
    try:
        found = getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return fallback
    return found if isinstance(found, type) else fallback


# The app's own widget types where they exist; the script only needs what Qt says they are.
GrowingTextEdit = _optional("inspector_app.gui.binding", "GrowingTextEdit", QPlainTextEdit)
QuestionPage = _optional("inspector_app.gui.question_page", "QuestionPage", QWidget)
RecordRow = _optional("inspector_app.gui.record_list", "RecordRow", QWidget)
RecordListEditor = _optional("inspector_app.gui.record_list", "RecordListEditor", QWidget)


class NotFound(Exception):
    """The field to type into is not where a user would find it."""


# -- the event loop, errors and Qt messages ----------------------------------------------------------------


def settle() -> int:
    """Run the event loop until a pass dispatches nothing: all posted events, and timers due now, are done.
    Returns the number of passes."""
    dispatcher = QAbstractEventDispatcher.instance()
    for passes in range(1, MAX_PASSES + 1):
        if not dispatcher.processEvents(QEventLoop.ProcessEventsFlag.AllEvents):
            return passes
    return MAX_PASSES


@dataclass
class Problems:
    """Exceptions raised in the app's slots and Qt warnings, each filed under the step that was running."""

    step: str = "start-up"
    errors: dict[str, list[str]] = field(default_factory=dict)
    warnings: dict[str, list[str]] = field(default_factory=dict)
    _shown: set[str] = field(default_factory=set)

    def exception(self, kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        line = f"{kind.__name__}: {error}"
        self.errors.setdefault(self.step, []).append(line)
        if line not in self._shown:  # the first of a kind in full, on stderr; the notes count them
            self._shown.add(line)
            print(f"[{self.step}] uncaught exception:", file=sys.stderr)
            traceback.print_exception(kind, error, trace, file=sys.stderr)

    def qt_message(self, kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        if kind == QtMsgType.QtDebugMsg or kind == QtMsgType.QtInfoMsg:
            return
        if "propagateSizeHints" in message:  # the offscreen plugin says so for any top-level with a layout
            return
        self.warnings.setdefault(self.step, []).append(message)
        if message not in self._shown:
            self._shown.add(message)
            print(f"[{self.step}] Qt: {message}", file=sys.stderr)


PROBLEMS = Problems()


# -- finding the fields as a user would ----------------------------------------------------------------------


def label_of(widget: QWidget) -> str:
    """What a user reads in an empty field (its placeholder), else what a screen reader says."""
    placeholder = widget.placeholderText() if isinstance(widget, (QLineEdit, QPlainTextEdit)) else ""
    return (placeholder or widget.accessibleName()).replace("&", "").casefold()


def visual_order(widgets: list[QWidget], page: QWidget) -> list[QWidget]:
    def position(widget: QWidget) -> tuple[int, int]:
        point = widget.mapTo(page, QPoint(0, 0))
        return point.y(), point.x()

    return sorted(widgets, key=position)


def scroll_area_of(widget: QWidget) -> QScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea) and parent.widget() is not None:
            return parent
        parent = parent.parentWidget()
    return None


def show_question(window: MainWindow, question_id: str) -> QWidget:
    """Go to a question's page (the navigator's way in) and return the page on screen."""
    window.workspace.show_question(question_id)
    settle()
    pages = [page for page in window.findChildren(QuestionPage) if page.isVisible()]
    if not pages:
        raise NotFound(f"no question page on screen for {question_id}")
    for page in pages:
        if getattr(page, "question_id", question_id) == question_id:
            return page
    return pages[0]


def editors_labelled(page: QWidget, prefix: str) -> list[QWidget]:
    """The text editors whose placeholder starts with ``prefix``, in reading order: the app's own growing
    editors inside a finding's row when there are such, else any plain-text editor so labelled."""
    editors = [
        editor
        for editor in page.findChildren(QPlainTextEdit)
        if label_of(editor).startswith(prefix) and editor.isVisibleTo(page) and editor.isEnabled()
    ]
    preferred = [e for e in editors if isinstance(e, GrowingTextEdit) and _inside(e, RecordRow)]
    return visual_order(preferred or editors, page)


def _inside(widget: QWidget, kind: type) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, kind):
            return True
        parent = parent.parentWidget()
    return False


def click(widget: QWidget, point: QPoint | None = None) -> None:
    QTest.mouseClick(
        widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point or widget.rect().center()
    )
    settle()


def click_button(page: QWidget, text: str) -> None:
    """Click the push button a user reads as ``text`` (e.g. "Add area for improvement")."""
    buttons = [
        button
        for button in page.findChildren(QPushButton)
        if button.text().replace("&", "").casefold() == text and button.isVisibleTo(page)
    ]
    if not buttons:
        raise NotFound(f"no “{text}” button")
    in_lists = [button for button in buttons if _inside(button, RecordListEditor)]
    button = visual_order(in_lists or buttons, page)[0]
    area = scroll_area_of(button)
    if area is not None:
        area.ensureWidgetVisible(button)
        settle()
    click(button)


def focus_at_end(editor: QWidget) -> None:
    """Scroll the field into view, click into it, and put the cursor at its end, with keys."""
    area = scroll_area_of(editor)
    if area is not None:
        area.ensureWidgetVisible(editor)
        settle()
    if isinstance(editor, QPlainTextEdit):
        visible = editor.viewport().visibleRegion().boundingRect()
        click(editor.viewport(), visible.center() if not visible.isEmpty() else None)
        QTest.keyClick(editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        if area is not None:  # the end of a long paragraph may be below the part scrolled into view
            cursor = editor.viewport().mapTo(area.widget(), editor.cursorRect().center())
            area.ensureVisible(cursor.x(), cursor.y(), 20, 60)
    else:
        click(editor)
        QTest.keyClick(editor, Qt.Key.Key_End)
    settle()
    if not editor.hasFocus():
        raise NotFound("the field did not take the focus when clicked")


def finding_on_question_one(
    window: MainWindow, questions: list[str], prefix: str, add: str | None
) -> QWidget:
    page = show_question(window, questions[0])
    editors = editors_labelled(page, prefix)
    if not editors and add is not None:
        click_button(page, add)
        editors = editors_labelled(page, prefix)
    if not editors:
        raise NotFound(f"no field “{prefix}…” on question 1's page")
    return editors[0]


def narrative_paragraph(window: MainWindow, questions: list[str]) -> QWidget:
    return finding_on_question_one(window, questions, "paragraph", None)


def summary_point(window: MainWindow, questions: list[str]) -> QWidget:
    return finding_on_question_one(window, questions, "a short summary point", "add summary point")


def area_for_improvement(window: MainWindow, questions: list[str]) -> QWidget:
    return finding_on_question_one(window, questions, "the force should", "add area for improvement")


def evidence_title(window: MainWindow, _questions: list[str]) -> QWidget:
    """Ctrl+2 opens the evidence log; a click on its first row; the Title field of the editor beside it."""
    QTest.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    settle()
    tables = [
        view
        for view in window.findChildren(QAbstractItemView)
        if view.accessibleName() == "Evidence" and view.isVisible()
    ]
    if not tables:
        raise NotFound("Ctrl+2 showed no evidence table")
    table = tables[0]
    model = table.model()
    if model is None or model.rowCount() == 0:
        raise NotFound("the evidence log is empty")
    table.scrollToTop()
    settle()
    column = next(
        (c for c in range(model.columnCount()) if not table.isColumnHidden(c)),
        0,
    )
    click(table.viewport(), table.visualRect(model.index(0, column)).center())
    titles = [
        edit
        for edit in window.findChildren(QLineEdit)
        if label_of(edit) == "title" and edit.isVisible() and edit.isEnabled()
    ]
    if not titles:
        raise NotFound("no Title field enabled after selecting an evidence item")
    return titles[0]


TARGETS: list[tuple[str, Callable[[MainWindow, list[str]], QWidget]]] = [
    ("narrative paragraph", narrative_paragraph),
    ("summary point", summary_point),
    ("area for improvement", area_for_improvement),
    ("evidence title", evidence_title),
]


# -- typing ------------------------------------------------------------------------------------------------


def keys_for(characters: int) -> list[str | Qt.Key]:
    text = (TEXT * (characters // len(TEXT) + 1))[:characters]
    return [*text, *[Qt.Key.Key_Backspace] * min(BACKSPACES, characters)]


def text_of(widget: QWidget) -> str:
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    return widget.text() if isinstance(widget, QLineEdit) else ""


class PaintCounter(QObject):
    """Counts the paint events of a field (its viewport for a text editor): each key should repaint it."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.paints = 0
        target = widget.viewport() if isinstance(widget, QPlainTextEdit) else widget
        target.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


class StateFolder:
    """The app's state folder (recovery copies): a change in it during a key means an autosave ran."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.last = self.snapshot()

    def snapshot(self) -> frozenset[tuple[str, int, int]]:
        entries = []
        for folder, _dirs, files in os.walk(self.path):
            for name in files:
                try:
                    stat = os.stat(os.path.join(folder, name))
                except OSError:
                    continue
                entries.append((os.path.join(folder, name), stat.st_mtime_ns, stat.st_size))
        return frozenset(entries)

    def changed(self) -> bool:
        now = self.snapshot()
        changed, self.last = now != self.last, now
        return changed


@dataclass
class Typed:
    times: list[float] = field(default_factory=list)
    #: keys during which a recovery copy was written
    autosaves: int = 0
    #: paint events of the field while typing (about one per key when it is on screen)
    paints: int = 0


def type_keys(widget: QWidget, keys: list[str | Qt.Key], state: StateFolder) -> Typed:
    """Send ``keys`` to ``widget`` one at a time, each timed until the event loop is idle again."""
    typed = Typed()
    counter = PaintCounter(widget)
    state.changed()
    for key in keys:
        if not isValid(widget):  # the app rebuilt the field under the cursor: keys go where the focus is
            widget = QApplication.focusWidget()
            if widget is None:
                raise NotFound("the field went away while typing, and nothing has the focus")
        start = time.perf_counter()
        QTest.keyClick(widget, key)
        settle()
        typed.times.append((time.perf_counter() - start) * 1000)
        typed.autosaves += state.changed()
    if isValid(counter):
        typed.paints = counter.paints
        counter.deleteLater()
    return typed


def bare_editor_over(window: MainWindow, target: QWidget, text: str) -> QPlainTextEdit:
    """A QPlainTextEdit in the same window, over the part of ``target`` on screen, with its font and text."""
    visible = target.visibleRegion().boundingRect()
    if visible.isEmpty():
        visible = target.rect()
    bare = QPlainTextEdit(window)
    bare.setFont(target.font())
    bare.setPlainText(text)
    bare.setGeometry(QRect(target.mapTo(window, visible.topLeft()), visible.size()))
    bare.show()
    bare.raise_()
    settle()
    click(bare.viewport())
    QTest.keyClick(bare, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    settle()
    return bare


# -- one inspection ----------------------------------------------------------------------------------------


@dataclass
class Row:
    inspection: str
    target: str
    ours: Typed = field(default_factory=Typed)
    baseline: Typed = field(default_factory=Typed)
    missing: str = ""

    @property
    def times(self) -> list[float]:
        return self.ours.times

    @property
    def bare(self) -> list[float]:
        return self.baseline.times

    @property
    def ratio(self) -> float:
        return statistics.median(self.times) / statistics.median(self.bare)

    @property
    def over(self) -> list[str]:
        if self.missing or not self.times:
            return []
        failed = []
        if self.ratio > MEDIAN_RATIO_BUDGET:
            failed.append(f"median ×{self.ratio:.1f}")
        if max(self.times) > WORST_MS_BUDGET:
            failed.append(f"worst {max(self.times):.0f} ms")
        return failed


def quiet() -> None:
    """Let the app's pending timers (the autosave after the last change) run now, between measurements."""
    QTest.qWait(QUIET_MS)


def measure_field(
    window: MainWindow,
    row: Row,
    find: Callable[[MainWindow, list[str]], QWidget],
    questions: list[str],
    keys: list[str | Qt.Key],
    state: StateFolder,
) -> None:
    """Type ``keys`` into the field ``find`` finds, then the same keys into a bare editor over it."""
    PROBLEMS.step = f"{row.inspection}: finding the {row.target}"
    target = find(window, questions)
    focus_at_end(target)
    before = text_of(target)
    quiet()
    PROBLEMS.step = f"{row.inspection}: typing in the {row.target}"
    row.ours = type_keys(target, keys, state)
    PROBLEMS.step = f"{row.inspection}: typing in the bare editor (for the {row.target})"
    bare = bare_editor_over(window, target if isValid(target) else window, before)
    row.baseline = type_keys(bare, keys, state)
    bare.hide()
    bare.deleteLater()


def measure_inspection(
    label: str,
    inspection: Inspection,
    open_it: Callable[[MainWindow], bool],
    keys: dict[str, list[str | Qt.Key]],
    folder: Path,
) -> list[Row]:
    PROBLEMS.step = f"{label}: opening"
    interaction = ScriptedInteraction()
    window = MainWindow(interaction, AppSettings(folder / f"{label}-settings.ini"))
    window.resize(WIDTH, HEIGHT)
    window.show()
    window.activateWindow()
    if not QTest.qWaitForWindowActive(window, 5000):
        print("  (the window did not become active: focus and shortcuts may not behave as for a user)")
    started = time.perf_counter()
    try:
        opened_it = open_it(window)
    except Exception as error:  # noqa: BLE001 — the GUI is being reworked: report it, run the other inspections
        PROBLEMS.exception(type(error), error, error.__traceback__)
        opened_it = False
    if not opened_it:
        asked = f" (it asked: {interaction.asked})" if interaction.asked else ""
        print(f"{label}: the window did not open the inspection{asked}")
        close(window, interaction)
        return [Row(label, name, missing="the inspection did not open") for name, _ in TARGETS]
    settle()
    opened = time.perf_counter()
    PROBLEMS.step = f"{label}: building the question pages"
    questions = [question.id for question in inspection.framework.questions()]
    for question_id in questions:
        try:
            show_question(window, question_id)
        except Exception as error:  # noqa: BLE001 — a page that cannot be shown is reported, not fatal
            print(f"  (question page {question_id}: {type(error).__name__}: {error})")
    built = time.perf_counter()
    pages = len(window.findChildren(QuestionPage)) if QuestionPage is not QWidget else 0
    print(
        f"{label}: {len(inspection.evidence):,} evidence items, {pages} of {len(questions)} question pages "
        f"built; opened in {opened - started:.2f} s, pages built in {built - opened:.2f} s"
    )

    state = StateFolder(Path(os.environ["INSPECTOR_STATE_DIR"]))
    rows = []
    for name, find in TARGETS:
        row = Row(label, name)
        rows.append(row)
        try:
            measure_field(window, row, find, questions, keys[name if name in keys else "other"], state)
        except NotFound as error:
            row.missing = str(error)
        except Exception as error:  # noqa: BLE001 — the GUI changed under the script: say so, carry on
            PROBLEMS.exception(type(error), error, error.__traceback__)
            row.missing = f"{type(error).__name__}: {error}"
        if row.missing:
            print(f"  {name:22} not found: {row.missing}")
        else:
            print(f"  {name:22} {figures(row.times)}   bare {figures(row.bare)}")

    PROBLEMS.step = f"{label}: closing"
    close(window, interaction)
    return rows


def close(window: MainWindow, interaction: ScriptedInteraction) -> None:
    interaction.expect(Answer.DISCARD)  # the typing is thrown away, as a user would answer when asked
    window.close()
    window.deleteLater()
    QTest.qWait(0)  # runs the deferred deletes


def figures(times: list[float]) -> str:
    return f"median {statistics.median(times):6.1f} ms, worst {max(times):7.1f} ms ({len(times)} keys)"


def p90(times: list[float]) -> float:
    return statistics.quantiles(times, n=10, method="inclusive")[-1] if len(times) > 1 else times[0]


# -- the table ---------------------------------------------------------------------------------------------


def print_table(rows: list[Row]) -> None:
    header = (
        f"{'inspection':10} {'field':21} {'keys':>4} {'median':>7} {'p90':>7} {'worst':>8} "
        f"{'bare med':>8} {'bare max':>8} {'×bare':>6}  verdict"
    )
    print()
    print(
        "Keystroke, ms: sent until the event loop is idle again (Inspector's main window, every question page built)"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        if row.missing:
            print(f"{row.inspection:10} {row.target:21} {'':>4} {'not found':>7}  ({row.missing})")
            continue
        verdict = "OVER (" + ", ".join(row.over) + ")" if row.over else "within"
        print(
            f"{row.inspection:10} {row.target:21} {len(row.times):4} {statistics.median(row.times):7.1f} "
            f"{p90(row.times):7.1f} {max(row.times):8.1f} {statistics.median(row.bare):8.1f} "
            f"{max(row.bare):8.1f} {row.ratio:6.1f}  {verdict}"
        )
    for inspection in dict.fromkeys(row.inspection for row in rows):
        bare = [t for row in rows if row.inspection == inspection for t in row.bare]
        if bare:
            print(
                f"{inspection:10} {'bare QPlainTextEdit':21} {len(bare):4} {statistics.median(bare):7.1f} "
                f"{p90(bare):7.1f} {max(bare):8.1f} {'':>8} {'':>8} {'':>6}  (all its runs above)"
            )
    print(
        f"Budgets: median <= {MEDIAN_RATIO_BUDGET:g}× the bare editor's median (the bare run right after the "
        f"field, same size, font and text), worst <= {WORST_MS_BUDGET:g} ms."
    )


def print_notes(rows: list[Row]) -> None:
    notes = []
    for row in rows:
        where = f"{row.inspection} {row.target}"
        if row.ours.autosaves:
            notes.append(f"{where}: a recovery copy was written during {row.ours.autosaves} of its keys")
        for name, typed in (("the field", row.ours), ("the bare editor", row.baseline)):
            if typed.times and typed.paints < len(typed.times):
                notes.append(f"{where}: {name} repainted {typed.paints} times for {len(typed.times)} keys")
    for kind, found in (("uncaught exceptions", PROBLEMS.errors), ("Qt warnings", PROBLEMS.warnings)):
        for step, messages in found.items():
            distinct = dict.fromkeys(messages)
            shown = "; ".join(list(distinct)[:3]) + (" …" if len(distinct) > 3 else "")
            notes.append(f"{step}: {len(messages)} {kind} ({shown})")
    if notes:
        print("Notes:")
        for note in notes:
            print(f"  {note}")


# -- main --------------------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--only",
        choices=["crime", "peel", "large"],
        action="append",
        help="only this inspection (repeat for several); default: all three",
    )
    parser.add_argument("-n", type=int, default=10_000, help="evidence items in the large inspection")
    parser.add_argument("--seed", type=int, default=0, help="seed of the large inspection")
    parser.add_argument("--keys", type=int, default=60, help="characters typed per field (then 5 Backspaces)")
    parser.add_argument(
        "--large-title-keys",
        type=int,
        default=15,
        help="characters typed in the large inspection's evidence title (its keys have taken seconds)",
    )
    parser.add_argument("--no-fail", action="store_true", help="exit 0 even when a field is over budget")
    args = parser.parse_args()
    if min(args.keys, args.large_title_keys) < 1:
        parser.error("--keys and --large-title-keys must be at least 1")
    chosen = list(dict.fromkeys(args.only or ["crime", "peel", "large"]))

    folder = Path(tempfile.mkdtemp(prefix="inspector-typing-"))
    # Recovery copies and logs of this run stay in its own folder, never the user's.
    os.environ["INSPECTOR_STATE_DIR"] = str(folder / "state")
    os.environ["INSPECTOR_LOG_DIR"] = str(folder / "log")
    QApplication.instance() or QApplication([sys.argv[0]])
    sys.excepthook = PROBLEMS.exception
    qInstallMessageHandler(PROBLEMS.qt_message)
    print(
        f"Python {platform.python_version()}, PySide6 {PySide6.__version__} (Qt {qVersion()}), "
        f"platform {QApplication.platformName()}, window {WIDTH}×{HEIGHT}; "
        f"{args.keys} characters + {BACKSPACES} Backspaces per field"
    )
    run_started = time.perf_counter()
    rows: list[Row] = []
    try:
        for label in chosen:
            keys = {"other": keys_for(args.keys), "evidence title": keys_for(args.keys)}
            if label == "large":
                start = time.perf_counter()
                inspection = make_large(args.n, seed=args.seed)
                path = folder / "large.inspection"
                save_inspection(inspection, path, backups=0)
                print(f"large: make_large({args.n:,}) and save in {time.perf_counter() - start:.1f} s")
                keys["evidence title"] = keys_for(args.large_title_keys)
                label = f"large {args.n // 1000}k" if args.n % 1000 == 0 else f"large {args.n}"

                def open_it(window: MainWindow, path: Path = path) -> bool:
                    return window.open_path(path)
            else:
                name = SAMPLES[label]
                inspection = loads_inspection(bundled.sample(name).read_bytes(), name)

                def open_it(window: MainWindow, name: str = name) -> bool:
                    return window.open_sample(name)

            rows += measure_inspection(label, inspection, open_it, keys, folder)
        print_table(rows)
        print_notes(rows)
        print(f"Run took {time.perf_counter() - run_started:.0f} s.")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if args.no_fail:
        return 0
    if any(row.over for row in rows):
        return 1
    return 2 if all(row.missing for row in rows) else 0  # nothing measured: the script, not the app, failed


if __name__ == "__main__":
    status = main()
    sys.stdout.flush()
    sys.stderr.flush()
    if _NONE_RESERVE:
        os._exit(status)
    sys.exit(status)
