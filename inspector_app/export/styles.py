"""The names of every style the export uses, and which of them a template must define.

The export applies styles only, never direct formatting, so an organisation's template restyles the whole
report. Names are Word's English UI names; Word stores some built-ins in lower case ("heading 1",
"footnote text"), so names are compared without regard to case.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ..domain.framework import UNGRADED, Framework, GradingScale
from .sanitize import one_line


class StyleType(StrEnum):
    PARAGRAPH = "paragraph"
    CHARACTER = "character"
    TABLE = "table"


NORMAL = "Normal"
TITLE = "Title"
SUBTITLE = "Subtitle"
HEADINGS = ("Heading 1", "Heading 2", "Heading 3")
BULLETS = ("List Bullet", "List Bullet 2", "List Bullet 3")
NUMBERED = "List Number"
LETTERED = "List Letter"
CAPTION = "Caption"
TABLE_TEXT = "Table Text"
TABLE_NOTE = "Table Note"
HEADER = "Header"
FOOTER = "Footer"
TOC_HEADING = "TOC Heading"
TOC_LEVELS = ("TOC 1", "TOC 2")
FOOTNOTE_TEXT = "Footnote Text"
FOOTNOTE_REFERENCE = "Footnote Reference"
TABLE = "Inspection Table"
GRADE_PREFIX = "Grade "
#: Word's limit on the length of a style name.
MAX_STYLE_NAME = 253
#: The grade style for questions that are ungraded or not yet graded.
UNGRADED_STYLE = "Grade Ungraded"


@dataclass(frozen=True)
class RequiredStyle:
    name: str
    type: StyleType


_PARAGRAPH_STYLES = (
    NORMAL,
    TITLE,
    SUBTITLE,
    *HEADINGS,
    *BULLETS,
    LETTERED,
    CAPTION,
    TABLE_TEXT,
    TABLE_NOTE,
    HEADER,
    FOOTER,
    TOC_HEADING,
    TOC_LEVELS[0],
    FOOTNOTE_TEXT,
)


def grade_style(scale: GradingScale, grade_id: str | None) -> str:
    """The character style for a grade: "Grade Good"; "Grade Ungraded" for ungraded and not yet graded."""
    if grade_id is None or grade_id == UNGRADED:
        return UNGRADED_STYLE
    grade = scale.get(grade_id)
    return grade_style_name(grade.label if grade else grade_id)


def grade_style_name(label: str) -> str:
    """ "Grade " and the grade's label, kept within Word's 253 characters for a style name."""
    return (GRADE_PREFIX + one_line(label))[:MAX_STYLE_NAME]


def grade_styles(frameworks: list[Framework]) -> list[str]:
    names: list[str] = []
    for framework in frameworks:
        for grade in framework.scale.grades:
            name = grade_style_name(grade.label)
            if name not in names:
                names.append(name)
    names.append(UNGRADED_STYLE)
    return names


def required_styles(frameworks: list[Framework]) -> list[RequiredStyle]:
    """Every style a report for any of ``frameworks`` uses, in a stable order.

    "List Number" and "TOC 2" are defined in the bundled template for completeness but no layout uses
    them, so an organisation template need not have them.
    """
    return (
        [RequiredStyle(name, StyleType.PARAGRAPH) for name in _PARAGRAPH_STYLES]
        + [RequiredStyle(FOOTNOTE_REFERENCE, StyleType.CHARACTER)]
        + [RequiredStyle(name, StyleType.CHARACTER) for name in grade_styles(frameworks)]
        + [RequiredStyle(TABLE, StyleType.TABLE)]
    )


def style_id_for(name: str) -> str:
    """The style id our template gives ``name``: its letters and digits ("Grade Requires improvement" ->
    "GradeRequiresimprovement")."""
    return "".join(ch for ch in name if ch.isalnum())
