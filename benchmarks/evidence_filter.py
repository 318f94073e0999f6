"""Filter keystrokes and sort clicks in the evidence log with 10,000 items, against a bare Qt proxy.

    python benchmarks/evidence_filter.py [-n 10000] [--seed 0]

Builds the EvidenceLogPage on a make_large() inspection in an offscreen QApplication, shows it, then times
(a) filter keystrokes: typing typical strings one character at a time (then deleting them), each timed from
    setting the text until the event loop is idle again (filtering, layout, the repaint of the table);
(b) sort clicks on two column headers (twice each: ascending, then descending), timed the same way;
(c) the same keystrokes through a bare QSortFilterProxyModel (setFilterFixedString, any column, any case)
    over a plain QStandardItemModel holding the same strings, in a QTableView of the same size.
Targets: a keystroke under 50 ms, a sort click under 100 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from make_large import make_large
from PySide6.QtCore import QEvent, QObject, QPoint, QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QTableView, QWidget

from inspector_app.gui.document import InspectionDocument
from inspector_app.gui.evidence_log import EvidenceLogPage
from inspector_app.gui.evidence_model import COLUMN_COUNT, DATE, TITLE
from inspector_app.gui.interaction import ScriptedInteraction

TYPED = ["burglary", "domestic abuse", "EV-0012", "risk", "force control room", "Analyst"]
WIDTH, HEIGHT = 1400, 900

# PySide6 6.12.0 on Python 3.11 drops a reference to None each time a Qt call returns None (Python 3.12+
# makes None immortal, which hides it). Thousands of such calls would free None and abort the interpreter,
# so on 3.11 this script holds spare references and leaves with os._exit.
_NONE_RESERVE = [None] * 2_000_000 if sys.version_info < (3, 12) else []


class PaintCounter(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


def settle(app: QApplication) -> None:
    """Run the event loop until nothing is left: the delayed item layout first, then the repaint it asks for."""
    for _ in range(3):
        app.processEvents()


def timed(app: QApplication, action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    settle(app)
    return (time.perf_counter() - start) * 1000


def keystrokes(text: str) -> list[str]:
    """The filter text after each key: typed one character at a time, then deleted the same way."""
    typed = [text[: n + 1] for n in range(len(text))]
    return typed + typed[-2::-1] + [""]


def figures(times: list[float]) -> str:
    return (
        f"median {statistics.median(times):6.1f} ms   worst {max(times):6.1f} ms   ({len(times)} keystrokes)"
    )


def show(app: QApplication, widget: QWidget) -> QWidget:
    host = QWidget()
    widget.setParent(host)
    host.resize(WIDTH, HEIGHT)
    widget.resize(WIDTH, HEIGHT)
    host.show()
    settle(app)
    return host


def bare_table(app: QApplication, page: EvidenceLogPage) -> tuple[QWidget, QSortFilterProxyModel]:
    """A plain QStandardItemModel with the page's display strings (full text in the Text column)."""
    source = page.model
    model = QStandardItemModel(0, COLUMN_COUNT)
    for row in range(source.rowCount()):
        item = source.item(row)
        cells = [source.index(row, column).data() for column in range(COLUMN_COUNT)]
        cells[-1] = item.text
        model.appendRow([QStandardItem(cell) for cell in cells])
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setFilterKeyColumn(-1)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    view = QTableView()
    view.setModel(proxy)
    view.verticalHeader().hide()
    view.setWordWrap(False)
    host = show(app, view)
    host._keep = (model, proxy, view)  # type: ignore[attr-defined]
    return host, proxy


def click_header(view: QTableView, column: int) -> None:
    header = view.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    QTest.mouseClick(
        header.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        QPoint(x, header.height() // 2),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=10_000, help="evidence items")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    app = QApplication.instance() or QApplication([])
    start = time.perf_counter()
    inspection = make_large(args.n, seed=args.seed)
    built = time.perf_counter()
    document = InspectionDocument(inspection)
    page = EvidenceLogPage(document, ScriptedInteraction())
    host = show(app, page)
    shown = time.perf_counter()
    counter = PaintCounter()
    page.table.viewport().installEventFilter(counter)
    print(
        f"{args.n:,} evidence items: make_large {built - start:.2f} s, page built and shown {(shown - built) * 1000:.0f} ms"
    )

    # The first keystroke lowercases every item's text once (the cached "haystacks"); later ones reuse it.
    first = timed(app, lambda: page.filter_edit.setText("b"))
    settle(app)
    page.filter_edit.clear()
    settle(app)

    print("\n(a) filter keystrokes, evidence log (type, then delete)")
    ours: list[float] = []
    for text in TYPED:
        times = [
            timed(app, lambda prefix=prefix: page.filter_edit.setText(prefix)) for prefix in keystrokes(text)
        ]
        ours += times
        print(f"  {text!r:22} {figures(times)}")
    print(f"  {'all':22} {figures(ours)}")
    print(f"  first keystroke (builds the lowercase cache): {first:.1f} ms")
    print(f"  table repaints during the keystrokes: {counter.paints}")

    print("\n(b) sort clicks (header), evidence log")
    sorts = []
    for column, name in ((TITLE, "Title"), (DATE, "Date")):
        for order in ("ascending", "descending"):
            elapsed = timed(app, lambda column=column: click_header(page.table, column))
            sorts.append(elapsed)
            print(
                f"  {name:6} {order:10} {elapsed:6.1f} ms   (model sorted by column {page.model.sort_column})"
            )
    page.filter_edit.setText("risk")
    settle(app)
    elapsed = timed(app, lambda: click_header(page.table, TITLE))
    sorts.append(elapsed)
    print(f"  Title with the filter 'risk' on: {elapsed:6.1f} ms")
    page.filter_edit.clear()
    settle(app)

    print(
        "\n(c) the same keystrokes, bare QSortFilterProxyModel.setFilterFixedString on a QStandardItemModel"
    )
    bare_host, bare = bare_table(app, page)
    baseline: list[float] = []
    for text in TYPED:
        times = [
            timed(app, lambda prefix=prefix: bare.setFilterFixedString(prefix)) for prefix in keystrokes(text)
        ]
        baseline += times
        print(f"  {text!r:22} {figures(times)}")
    print(f"  {'all':22} {figures(baseline)}")

    ratio_median = statistics.median(ours) / statistics.median(baseline)
    ratio_worst = max(ours) / max(baseline)
    print("\nSummary")
    print(
        f"  keystroke: median {statistics.median(ours):.1f} ms, worst {max(ours):.1f} ms "
        f"(target < 50 ms: {'met' if max(ours) < 50 else 'MISSED'})"
    )
    print(f"  baseline:  median {statistics.median(baseline):.1f} ms, worst {max(baseline):.1f} ms")
    print(f"  ratio ours/baseline: median {ratio_median:.2f}, worst {ratio_worst:.2f}")
    print(
        f"  sort click: worst {max(sorts):.1f} ms (target < 100 ms: {'met' if max(sorts) < 100 else 'MISSED'})"
    )
    sys.stdout.flush()
    del host, bare_host
    if _NONE_RESERVE:
        os._exit(0)


if __name__ == "__main__":
    main()
