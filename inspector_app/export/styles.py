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
#: The paragraph that holds a figure's picture (centred).
FIGURE = "Figure"
TABLE_TEXT = "Table Text"
#: A table cell's number, right-aligned: every body cell of a column that holds only numbers.
TABLE_NUMBER = "Table Number"
TABLE_NOTE = "Table Note"
HEADER = "Header"
FOOTER = "Footer"
#: The protective marking at the top and bottom of every page (in the header and the footer).
MARKING = "Protective Marking"
#: "Draft — not for publication", at the top of every page of a report that is not final.
DRAFT_NOTICE = "Draft Notice"
TOC_HEADING = "TOC Heading"
TOC_LEVELS = ("TOC 1", "TOC 2")
FOOTNOTE_TEXT = "Footnote Text"
FOOTNOTE_REFERENCE = "Footnote Reference"
#: A web address printed as a link (character style).
HYPERLINK = "Hyperlink"
TABLE = "Inspection Table"
#: A grade prints as a shaded box, a paragraph style per grade: "Grade Good" in the text, "Grade Good
#: Cell" in the judgement grid's cells (the same colours, the cell's width). Both keep with what follows.
GRADE_PREFIX = "Grade "
GRADE_CELL_SUFFIX = " Cell"
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
    FIGURE,
    TABLE_TEXT,
    TABLE_NUMBER,
    TABLE_NOTE,
    HEADER,
    FOOTER,
    MARKING,
    DRAFT_NOTICE,
    TOC_HEADING,
    *TOC_LEVELS,
    FOOTNOTE_TEXT,
)


def grade_style(scale: GradingScale, grade_id: str | None, *, cell: bool = False) -> str:
    """The paragraph style of a grade's box: "Grade Good" ("Grade Good Cell" in a table cell); "Grade
    Ungraded" for ungraded and not yet graded."""
    if grade_id is None or grade_id == UNGRADED:
        name = UNGRADED_STYLE
    else:
        grade = scale.get(grade_id)
        name = grade_style_name(grade.label if grade else grade_id)
    return grade_cell_style_name(name) if cell else name


def grade_style_name(label: str) -> str:
    """ "Grade " and the grade's label, kept within Word's 253 characters for a style name (less room for
    " Cell", so that the cell's style fits too)."""
    return (GRADE_PREFIX + one_line(label))[: MAX_STYLE_NAME - len(GRADE_CELL_SUFFIX)]


def grade_cell_style_name(box_style: str) -> str:
    """The style of a grade in a table cell: the box style's name and " Cell" ("Grade Good Cell")."""
    return box_style + GRADE_CELL_SUFFIX


def listed(names: list[str]) -> str:
    """Style names for a message, the grades' boxes said once ("Table Note, List Letter and the grade
    styles (Grade Good, … 10 in all)") so a plain template's list stays readable."""
    grades = [name for name in names if name.startswith(GRADE_PREFIX)]
    others = [name for name in names if not name.startswith(GRADE_PREFIX)]
    if len(grades) > 2:
        others.append(f"the grade styles ({grades[0]}, … {len(grades)} in all)")
    else:
        others += grades
    if len(others) <= 1:
        return "".join(others)
    return ", ".join(others[:-1]) + " and " + others[-1]


def grade_styles(frameworks: list[Framework]) -> list[str]:
    """Every grade's two paragraph styles (its box, its cell), ungraded last."""
    names: list[str] = []
    for framework in frameworks:
        for grade in framework.scale.grades:
            name = grade_style_name(grade.label)
            if name not in names:
                names += [name, grade_cell_style_name(name)]
    names += [UNGRADED_STYLE, grade_cell_style_name(UNGRADED_STYLE)]
    return names


def required_styles(frameworks: list[Framework]) -> list[RequiredStyle]:
    """Every style a report for any of ``frameworks`` uses, in a stable order.

    "List Number" is defined in the bundled template for completeness but no layout uses it, so an
    organisation template need not have it.
    """
    return (
        [RequiredStyle(name, StyleType.PARAGRAPH) for name in _PARAGRAPH_STYLES]
        + [RequiredStyle(FOOTNOTE_REFERENCE, StyleType.CHARACTER)]
        + [RequiredStyle(HYPERLINK, StyleType.CHARACTER)]
        + [RequiredStyle(name, StyleType.PARAGRAPH) for name in grade_styles(frameworks)]
        + [RequiredStyle(TABLE, StyleType.TABLE)]
    )


def style_id_for(name: str) -> str:
    """The style id our template gives ``name``: its letters and digits ("Grade Requires improvement" ->
    "GradeRequiresimprovement")."""
    return "".join(ch for ch in name if ch.isalnum())
