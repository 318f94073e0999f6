"""How evidence reads on screen: source type labels, dates, one-line texts, question labels and counts.

Shared by the evidence table model, the evidence editor, the evidence log and a question page's evidence
list, so the same item reads the same everywhere. Labels are translated at run time; dates and counts
follow the user's locale.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from ..domain.framework import CoreQuestion
from ..domain.inspection import SOURCE_TYPE_LABELS, SourceType

#: A question's label in a table cell or a combo box is cut to this many characters.
SHORT_QUESTION = 60


def source_type_label(source_type: SourceType) -> str:
    """The label of a source type as the user reads it (translated at run time)."""
    return QCoreApplication.translate("SourceType", SOURCE_TYPE_LABELS[source_type])


def shorten(text: str, limit: int) -> str:
    """One line of at most ``limit`` characters, with an ellipsis when cut."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def question_label(question: CoreQuestion, limit: int = SHORT_QUESTION) -> str:
    """ "2. Investigating crime and reducing re-offending" (shortened to ``limit``)."""
    return f"{question.number}. {shorten(question.short_label, limit)}"


def date_format() -> str:
    """The user's short date format, with a four-digit year, for every date the window shows or edits.

    Where the locale is C (a bare machine; its "4 10 2016" reads badly) the British "dd/MM/yyyy", the
    inspectorate's own and the report's.
    """
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        return "dd/MM/yyyy"
    pattern = locale.dateFormat(QLocale.FormatType.ShortFormat)
    return pattern if "yyyy" in pattern else pattern.replace("yy", "yyyy")


def format_date(date: dt.date | None) -> str:
    return QLocale().toString(to_qdate(date), date_format()) if date else ""


def to_qdate(date: dt.date) -> QDate:
    return QDate(date.year, date.month, date.day)


def format_count(number: int) -> str:
    """A count with the locale's digit grouping ("10,000"), even where the locale omits it by default."""
    locale = QLocale()
    locale.setNumberOptions(QLocale.NumberOption.DefaultNumberOptions)
    return locale.toString(number)
