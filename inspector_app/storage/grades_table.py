"""The grades table of a round written as a spreadsheet: CSV (the standard library) or XLSX (openpyxl).

One row per force × question, with a row per graded pillar (:func:`inspector_app.domain.rounds.table_rows`).
In the XLSX every grade cell is filled in the grade's colour from the framework, the header row stays in
view (frozen panes) and can filter. openpyxl is imported only here, when an XLSX is written, so the app and
the other commands start without it. Both are written atomically: a failed write leaves any old table.

Text from the files is written as text, never as a formula: a CSV cell that a spreadsheet would take for one
("=…", "+…", "-…", "@…") is prefixed with an apostrophe, and an XLSX cell is stored as a string.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .. import APP_NAME
from ..domain.rounds import DIRECTION_LABELS, TABLE_COLUMNS, GradeCell, RoundError, TableRow, summarise
from .atomic import atomic_write_bytes

CSV_SUFFIX, XLSX_SUFFIX = ".csv", ".xlsx"
SHEET_TITLE, SUMMARY_TITLE = "Grades", "By question"
#: Column widths in the XLSX, in characters (Force, File, Pillar, Question, Question text, Grade, …).
COLUMN_WIDTHS = (34, 30, 18, 10, 60, 22, 22, 18, 12, 12)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: Characters XML 1.0 cannot hold (an XLSX is XML): dropped from the text.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def write_table(rows: Sequence[TableRow], path: Path | str) -> Path:
    """Write the table as ``path``'s suffix says (.csv or .xlsx); returns the path. RoundError for another
    suffix or a failed write (the old file, if any, unchanged)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == CSV_SUFFIX:
        data = csv_bytes(rows)
    elif suffix == XLSX_SUFFIX:
        data = xlsx_bytes(rows)
    else:
        raise RoundError(f"the table can be written as .xlsx or .csv, not '{path.suffix or path.name}'.")
    if not path.parent.is_dir():
        raise RoundError(f"the folder {path.parent} does not exist.")
    try:
        atomic_write_bytes(path, data)
    except OSError as error:
        raise RoundError(f"{path} could not be written ({error.strerror or error}).") from None
    return path


def _as_text(value: str | int) -> str | int:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_bytes(rows: Sequence[TableRow]) -> bytes:
    """UTF-8 with a byte-order mark (so Excel reads the accents), a header row, Windows line ends."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(TABLE_COLUMNS)
    for row in rows:
        writer.writerow([_as_text(value) for value in row.values()])
    return out.getvalue().encode("utf-8-sig")


def _put(cell: Any, value: str | int) -> None:
    """``value`` into a spreadsheet cell: text always as text (a label or a name from a file that begins
    "=" is never a formula) without the characters XML cannot hold; numbers as numbers."""
    if isinstance(value, str):
        cell.value = _NOT_XML.sub("", value)
        cell.data_type = "s"
    else:
        cell.value = value


def _put_row(sheet: Any, row: int, values: Sequence[str | int]) -> None:
    for column, value in enumerate(values, start=1):
        _put(sheet.cell(row=row, column=column), value)


def _argb(colour: str) -> str:
    return "FF" + colour.lstrip("#").upper()


def xlsx_bytes(rows: Sequence[TableRow]) -> bytes:
    """The table as an XLSX workbook of one sheet, "Grades"."""
    from openpyxl import Workbook  # type: ignore[import-untyped]  # lazily: only the table needs it
    from openpyxl.styles import Alignment, Font, PatternFill  # type: ignore[import-untyped]
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    book = Workbook()
    sheet = book.active
    sheet.title = SHEET_TITLE
    book.properties.creator = APP_NAME
    _put_row(sheet, 1, TABLE_COLUMNS)
    bold = Font(bold=True)
    for cell in sheet[1]:
        cell.font = bold
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    grade_columns = (TABLE_COLUMNS.index("Grade") + 1, TABLE_COLUMNS.index("Last year") + 1)
    for number, row in enumerate(rows, start=2):
        _put_row(sheet, number, list(row.values()))
        if not row.number:  # a pillar's row
            for cell in sheet[number]:
                cell.font = bold
        grade: GradeCell
        for column, grade in zip(grade_columns, (row.grade, row.last_year), strict=True):
            if grade.colour is not None:
                cell = sheet.cell(row=number, column=column)
                cell.fill = PatternFill(
                    fill_type="solid", start_color=_argb(grade.colour), end_color=_argb(grade.colour)
                )
                cell.font = Font(color=_argb(grade.text_colour or "#000000"), bold=not row.number)
    for column, width in enumerate(COLUMN_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "B2"  # the header row and the force stay in view
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(TABLE_COLUMNS))}{max(len(rows) + 1, 1)}"
    _summary_sheet(book, rows)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _summary_sheet(book: Any, rows: Sequence[TableRow]) -> None:
    """A second sheet, "By question": for each question (and pillar), how many forces have each grade and
    each direction of travel, the grade headings in the grades' colours."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    grades, summaries = summarise(rows)
    sheet = book.create_sheet(SUMMARY_TITLE)
    header = ["Pillar", "Question", "Question text", *(g.label for g in grades), "Not graded"]
    header += list(DIRECTION_LABELS.values())
    _put_row(sheet, 1, header)  # the grade labels come from the files' frameworks
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    for column, grade in enumerate(grades, start=4):
        if grade.colour is not None:
            cell = sheet.cell(row=1, column=column)
            cell.fill = PatternFill(
                fill_type="solid", start_color=_argb(grade.colour), end_color=_argb(grade.colour)
            )
            cell.font = Font(bold=True, color=_argb(grade.text_colour or "#000000"))
    for number, summary in enumerate(summaries, start=2):
        values: list[str | int] = [summary.pillar, summary.number, summary.text]
        values += [*summary.grades.values(), summary.not_graded, *summary.directions.values()]
        _put_row(sheet, number, values)
        if not summary.number:
            for cell in sheet[number][:3]:
                cell.font = Font(bold=True)
    for column, width in enumerate([18, 10, 60] + [14] * (len(header) - 3), start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "D2"
