"""How the app copes with very large inspections: what the caps in inspector_app/domain/limits.py rest on.

    python benchmarks/scale.py [--quick]

Prints, each against the size of a real inspection (a few hundred evidence items, a few dozen questions,
paragraphs of a few thousand characters):

* loading a file and building the window's first question page with 1,000 / 10,000 / 50,000 evidence
  items (MAX_EVIDENCE_ITEMS = 50,000) — the evidence list of a question page and the log are models, so
  the cost grows with the items but stays in seconds;
* loading a framework of 500 and 20,000 questions (MAX_QUESTIONS = 500): question lookups are indexed, so
  loading grows linearly (it took 36.6 s for 20,000 when they were linear scans);
* a keystroke at the end of one text of 10,000 / 100,000 characters (MAX_TEXT_CHARS = 100,000), as
  prose and as one unbroken run (which the editor wraps anywhere: word wrapping an unbroken 300,000
  characters cost Qt 3.3 s a keystroke), next to a bare QPlainTextEdit with the same text.

Figures on the development machine (2 cores), 2026-12-01: see the commit that changed this file.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from make_large import make_large
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from inspector_app import bundled
from inspector_app.domain.inspection import new_inspection
from inspector_app.domain.limits import MAX_TEXT_CHARS
from inspector_app.gui.binding import GrowingTextEdit
from inspector_app.gui.document import InspectionDocument
from inspector_app.gui.question_page import QuestionPage
from inspector_app.storage.inspection_file import (
    dumps_inspection,
    load_inspection,
    loads_inspection,
    save_inspection,
)


def seconds(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def evidence_rows(app: QApplication, counts: list[int]) -> None:
    print("Evidence items   file MB   load s   first question page s")
    for count in counts:
        inspection = make_large(count)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "large.inspection"
            save_inspection(inspection, path, backups=0)
            size = path.stat().st_size / 1e6
            loaded: list = []
            load = seconds(lambda path=path, loaded=loaded: loaded.append(load_inspection(path)))
        document = InspectionDocument(loaded[0])
        question_id = document.inspection.questions[0].question_id
        pages: list = []

        def build(document=document, question_id=question_id, pages=pages) -> None:
            page = QuestionPage(document, question_id)
            page.resize(1200, 800)
            page.show()
            app.processEvents()
            pages.append(page)

        page_time = seconds(build)
        pages[0].close()
        print(f"{count:>14,}   {size:>7.1f}   {load:>6.2f}   {page_time:>6.2f}")


def framework_rows(counts: list[int]) -> None:
    print("\nFramework questions   load s")
    base = json.loads(
        dumps_inspection(new_inspection(bundled.load_framework("peel-2016-effectiveness"), "X"))
    )
    for count in counts:
        document = json.loads(json.dumps(base))
        pillar = document["inspection"]["framework"]["pillars"][0]
        template = pillar["questions"][0]
        pillar["questions"] = [
            {**template, "id": f"q{n}", "number": str(n), "diagnostics": []} for n in range(count)
        ]
        document["inspection"]["questions"] = []
        data = json.dumps(document).encode("utf-8")
        outcome = "loaded"

        def load(data=data) -> None:
            nonlocal outcome
            try:
                loads_inspection(data, "many.inspection")
            except Exception as error:  # noqa: BLE001 - beyond the cap: the refusal is what we time
                outcome = f"refused: {str(error).split(': ', 1)[1]}"

        print(f"{count:>19,}   {seconds(load):>6.2f}   {outcome}")


def keystroke(app: QApplication, editor: QPlainTextEdit, text: str, keys: int = 10) -> float:
    editor.resize(700, 300)
    editor.show()
    editor.setPlainText(text)
    app.processEvents()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    editor.setFocus()
    times = []
    for _ in range(keys):
        start = time.perf_counter()
        QTest.keyClick(editor, "a")
        app.processEvents()
        times.append(time.perf_counter() - start)
    editor.close()
    return statistics.median(times) * 1000


def text_rows(app: QApplication, lengths: list[int]) -> None:
    print("\nOne text, characters   kind       Inspector ms/key   bare QPlainTextEdit ms/key")
    for length in lengths:
        for kind, text in (
            ("prose", ("word " * (length // 5 + 1))[:length]),
            ("unbroken", "x" * length),
        ):
            ours = keystroke(app, GrowingTextEdit(), text)
            bare = keystroke(app, QPlainTextEdit(), text)
            print(f"{length:>20,}   {kind:<9}  {ours:>16.1f}   {bare:>26.1f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the smaller sizes only")
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    evidence_rows(app, [1_000, 10_000] if args.quick else [1_000, 10_000, 50_000])
    framework_rows([500, 501] if args.quick else [500, 501, 20_000])
    text_rows(app, [10_000] if args.quick else [10_000, MAX_TEXT_CHARS])
    return 0


if __name__ == "__main__":
    status = main()
    sys.stdout.flush()
    os._exit(status)  # PySide6 on Python 3.11: skip the interpreter's teardown (see evidence_filter.py)
