"""An inspection round: one inspection per force, all against one framework, in one folder.

Plain data and rules, no files: the list of forces (a CSV of name, short[, file]), safe file names for
them, the map of question ids that changed between two years' frameworks, carrying last year's grades
(and optionally summary points) into this year's inspection, and the grades table across the round.
The folder work (reading, writing, reporting) is :mod:`inspector_app.storage.rounds`.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from .framework import UNGRADED, Framework
from .grades import Direction, direction_of_travel
from .inspection import Footnote, Inspection, QuestionAssessment, SummaryItem
from .text import FOOTNOTE_MARKER

ROUND_FILE_SUFFIX = ".inspection"
#: A forces or map file longer than this is not one (43 forces make about 1 KB).
MAX_LIST_BYTES = 1024 * 1024
#: A file name made for a force is at most this many characters before the suffix.
MAX_STEM_CHARS = 80
#: Names Windows refuses for a file whatever its suffix.
_WINDOWS_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{n}" for n in range(1, 10)),
    *(f"lpt{n}" for n in range(1, 10)),
}


class RoundError(ValueError):
    """A forces list, a map file or a round folder that cannot be used; the message says why, in one line."""


# -- the forces of a round -----------------------------------------------------------------------------


@dataclass(frozen=True)
class RoundForce:
    """One force of a round: as the report names it, the area alone, and the file name for it ("" to make
    one from the short name)."""

    name: str
    short: str = ""
    file: str = ""


def _rows(text: str, source: str) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """The header (lower case) and rows of a CSV with a header row, each row as (line number, {column: value
    stripped}); blank rows left out."""
    if len(text) > MAX_LIST_BYTES:
        raise RoundError(f"{source} is too large to be a list ({len(text):,} characters).")
    rows = _csv_rows(text, source)
    numbered = [
        (n, [cell.strip() for cell in row]) for n, row in enumerate(rows, 1) if any(c.strip() for c in row)
    ]
    if not numbered:
        raise RoundError(f"{source} is empty.")
    _, header = numbered[0]
    columns = [name.casefold() for name in header]
    found = []
    for line, cells in numbered[1:]:
        if len(cells) > len(columns):
            raise RoundError(
                f"{source}, line {line}: {len(cells)} values under {len(columns)} column headings."
            )
        found.append((line, dict(zip(columns, cells, strict=False))))
    return columns, found


def _csv_rows(text: str, source: str) -> list[list[str]]:
    """The records of a CSV; separated by semicolons when the first line has them and no comma (as a
    spreadsheet saves CSV where the comma is the decimal mark)."""
    text = text.lstrip("\ufeff")
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = ";" if ";" in first and "," not in first else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        return list(reader)
    except csv.Error as error:
        raise RoundError(f"{source} is not a readable CSV file (line {reader.line_num}: {error}).") from None


def parse_forces(text: str, source: str = "the forces file") -> list[RoundForce]:
    """The forces of a CSV with the columns ``name``, ``short`` and optionally ``file`` (a header row first,
    any order). Raises RoundError naming the line for a missing name or a force listed twice."""
    header, rows = _rows(text, source)
    if "name" not in header:
        raise RoundError(f"{source} has no 'name' column (its first row should be: name,short).")
    forces: list[RoundForce] = []
    seen: dict[str, int] = {}
    files: dict[str, int] = {}
    for line, row in rows:
        name = " ".join(row.get("name", "").split())
        if not name:
            raise RoundError(f"{source}, line {line}: the force has no name.")
        key = force_key(name)
        if key in seen:
            raise RoundError(f"{source}, line {line}: {name} is listed twice (also on line {seen[key]}).")
        seen[key] = line
        force = RoundForce(name, " ".join(row.get("short", "").split()), row.get("file", ""))
        try:
            file_name = round_file_name(force)
        except RoundError as error:
            raise RoundError(f"{source}, line {line}: {error}") from None
        if file_name.casefold() in files:
            raise RoundError(
                f"{source}, line {line}: {name} would have the same file name as the force on line "
                f"{files[file_name.casefold()]} ({file_name}); give one of them a 'file' of its own."
            )
        files[file_name.casefold()] = line
        forces.append(force)
    if not forces:
        raise RoundError(f"{source} lists no forces.")
    return forces


def force_key(name: str) -> str:
    """How two years' files are matched to one force: the name, ignoring case, spacing and accents."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return " ".join(folded.casefold().replace("&", " and ").split()) or name.casefold()


def round_file_name(force: RoundForce) -> str:
    """The file name for a force: its ``file`` if given (a plain name, the suffix added), else its short
    name (or name) made safe on every system: "Dyfed-Powys" → "dyfed-powys.inspection"."""
    if force.file:
        name = force.file
        if any(sep in name for sep in ("/", "\\", ":")) or name.startswith(".") or name != name.strip():
            raise RoundError(f"the file name {name!r} must be a plain file name, without a folder.")
        if any(not ch.isprintable() or ch in '<>"|?*' for ch in name):
            raise RoundError(f"the file name {name!r} has characters a file name cannot have.")
        if not name.casefold().endswith(ROUND_FILE_SUFFIX):
            name += ROUND_FILE_SUFFIX
        stem = name[: -len(ROUND_FILE_SUFFIX)]
        if not stem or stem.casefold().split(".")[0] in _WINDOWS_RESERVED or len(stem) > MAX_STEM_CHARS:
            raise RoundError(f"the file name {force.file!r} cannot be used for a file.")
        return name
    stem = slug(force.short or force.name)
    if stem in _WINDOWS_RESERVED:
        stem += "-force"
    return stem + ROUND_FILE_SUFFIX


def slug(text: str) -> str:
    """Lower-case ASCII letters, digits and single hyphens: "Avon & Somerset" → "avon-and-somerset"."""
    folded = (
        unicodedata.normalize("NFKD", text.replace("&", " and ")).encode("ascii", "ignore").decode("ascii")
    )
    made = re.sub(r"[^a-z0-9]+", "-", folded.casefold()).strip("-")[:MAX_STEM_CHARS].strip("-")
    return made or "force-" + uuid.uuid5(uuid.NAMESPACE_URL, text).hex[:8]


# -- the map of questions that changed ------------------------------------------------------------------


def parse_question_map(text: str, source: str = "the map file") -> dict[str, str]:
    """old question id → new question id, from a CSV of ``old_question_id,new_question_id`` (the header
    row may be left out). An empty new id says the question has gone: its grade is not carried."""
    mapping: dict[str, str] = {}
    lines: dict[str, int] = {}
    if len(text) > MAX_LIST_BYTES:
        raise RoundError(f"{source} is too large to be a map ({len(text):,} characters).")
    rows = _csv_rows(text, source)
    for line, raw in enumerate(rows, 1):
        cells = [cell.strip() for cell in raw]
        if not any(cells):
            continue
        if cells[0].startswith("#"):
            continue
        if [c.casefold() for c in cells[:2]] == ["old_question_id", "new_question_id"]:
            continue
        if len(cells) > 2 and any(cells[2:]):
            raise RoundError(f"{source}, line {line}: expected two values (old_question_id,new_question_id).")
        old, new = cells[0], cells[1] if len(cells) > 1 else ""
        if not old:
            raise RoundError(f"{source}, line {line}: the old question id is missing.")
        if old in mapping:
            raise RoundError(f"{source}, line {line}: '{old}' is mapped twice (also on line {lines[old]}).")
        mapping[old], lines[old] = new, line
    return mapping


# -- carrying last year forward ---------------------------------------------------------------------------


@dataclass
class CarryResult:
    """What carrying one force's last year into this year did."""

    #: Question (and pillar) ids of this year whose last-year grade was set or changed.
    changed: list[str] = field(default_factory=list)
    #: Question ids of this year that got a last-year grade (changed or already the same).
    carried: list[str] = field(default_factory=list)
    #: Questions of this year that got summary points copied from last year.
    text_copied: list[str] = field(default_factory=list)
    #: Last year's question ids with no question this year (after the map).
    unmatched_old: list[str] = field(default_factory=list)
    #: This year's question ids that no question of last year maps to.
    unmatched_new: list[str] = field(default_factory=list)
    #: Plain lines about anything else worth knowing (a grade this year's scale lacks, text not copied).
    notes: list[str] = field(default_factory=list)

    @property
    def modified(self) -> bool:
        return bool(self.changed or self.text_copied)


def carry_forward(
    last: Inspection, this: Inspection, mapping: dict[str, str] | None = None, *, text: bool = False
) -> CarryResult:
    """Set each of this year's questions' (and pillars') last-year grade from last year's inspection,
    matching questions by id through ``mapping`` (old id → new id; ids not in it stay the same). With
    ``text``, last year's summary points are copied into questions whose summary is still empty (never
    over what an inspector wrote), with the footnotes they cite but without their evidence links (last
    year's evidence is not in this file).

    A grade last year's inspection did not give (not yet graded, or ungraded) is not carried; nor one this
    year's scale lacks (a note says so). Changes ``this`` in place."""
    mapping = mapping or {}
    result = CarryResult()
    scale = this.framework.scale
    this_ids = {q.question_id for q in this.questions}
    targets: dict[str, str] = {}
    for old in last.questions:
        new = mapping.get(old.question_id, old.question_id)
        if not new:
            continue  # mapped to nothing: the question has gone
        if new not in this_ids:
            result.unmatched_old.append(old.question_id)
            continue
        targets[new] = old.question_id
    result.unmatched_new = [
        q.question_id
        for q in this.questions
        if q.question_id not in targets and this.framework.core(q.question_id).graded
    ]
    for new_id, old_id in targets.items():
        old_q, new_q = last.question(old_id), this.question(new_id)
        grade = _carried_grade(old_q.grade, scale.valid_values())
        if grade is None and old_q.grade not in (None, UNGRADED):
            result.notes.append(
                f"question {this.framework.core(new_id).number}: last year's grade '{old_q.grade}' is not on "
                "this year's scale; not carried"
            )
        if grade is not None:
            result.carried.append(new_id)
            if new_q.last_year_grade != grade:
                new_q.last_year_grade = grade
                result.changed.append(new_id)
        if text and old_q.summary:
            if any(item.text.strip() for item in new_q.summary):
                result.notes.append(
                    f"question {this.framework.core(new_id).number}: this year's summary is not empty; "
                    "last year's points not copied"
                )
            else:
                new_q.summary = [
                    SummaryItem(text=_with_footnotes(item.text, old_q, new_q))
                    for item in old_q.summary
                    if item.text.strip()
                ]
                if new_q.summary:
                    result.text_copied.append(new_id)
    this_pillars = {p.pillar_id for p in this.pillars}
    for old_p in last.pillars:
        new_pillar_id = mapping.get(old_p.pillar_id, old_p.pillar_id)
        if new_pillar_id not in this_pillars:
            continue
        grade = _carried_grade(old_p.grade, scale.valid_values())
        pillar = this.pillar(new_pillar_id)
        if grade is not None and pillar.last_year_grade != grade:
            pillar.last_year_grade = grade
            result.changed.append(new_pillar_id)
    return result


def _carried_grade(grade: str | None, valid: set[str]) -> str | None:
    if grade is None or grade == UNGRADED or grade not in valid:
        return None
    return grade


# -- the grades table ---------------------------------------------------------------------------------------

TABLE_COLUMNS = (
    "Force",
    "File",
    "Pillar",
    "Question",
    "Question text",
    "Grade",
    "Last year",
    "Direction of travel",
    "Areas for improvement",
    "Causes of concern",
)

DIRECTION_LABELS = {
    Direction.IMPROVEMENT: "Improved",
    Direction.UNCHANGED: "Unchanged",
    Direction.DETERIORATION: "Deteriorated",
}


@dataclass(frozen=True)
class GradeCell:
    """A grade as the table shows it: its label, and its colours when it is a grade of the scale."""

    label: str
    colour: str | None = None
    text_colour: str | None = None
    #: Its place on the scale, 0 for the best (None when it is no grade of the scale).
    rank: int | None = None


@dataclass(frozen=True)
class TableRow:
    force: str
    file: str
    pillar: str
    #: The question's number, or "" on a pillar's row (its grade, and the counts of all its questions).
    number: str
    text: str
    grade: GradeCell
    last_year: GradeCell
    direction: str
    areas_for_improvement: int
    causes_of_concern: int

    def values(self) -> list[str | int]:
        return [
            self.force,
            self.file,
            self.pillar,
            self.number,
            self.text,
            self.grade.label,
            self.last_year.label,
            self.direction,
            self.areas_for_improvement,
            self.causes_of_concern,
        ]


def _cell(framework: Framework, grade: str | None, *, blank_when_none: bool = False) -> GradeCell:
    if grade is None and blank_when_none:
        return GradeCell("")
    definition = framework.scale.get(grade or "")
    if definition is None:
        return GradeCell(framework.scale.label(grade))
    return GradeCell(
        definition.label, definition.colour, definition.text_colour, framework.scale.rank(definition.id)
    )


def table_rows(files: Iterable[tuple[str, Inspection]]) -> list[TableRow]:
    """Every force × question of the round (with a row for each graded pillar before its questions): the
    grade, last year's grade, the direction of travel on the framework's scale, and the counts of areas for
    improvement and causes of concern. ``files`` are (file name, inspection), in the order to show."""
    rows: list[TableRow] = []
    for file_name, inspection in files:
        framework = inspection.framework
        force = inspection.force.name
        for pillar in framework.pillars:
            assessments = [inspection.question(q.id) for q in pillar.questions]
            if pillar.graded:
                graded = inspection.pillar(pillar.id)
                rows.append(
                    TableRow(
                        force,
                        file_name,
                        pillar.title,
                        "",
                        pillar.question,
                        _cell(framework, graded.grade),
                        _cell(framework, graded.last_year_grade, blank_when_none=True),
                        _direction(framework, graded.grade, graded.last_year_grade),
                        sum(len(a.areas_for_improvement) for a in assessments),
                        sum(len(a.causes_of_concern) for a in assessments),
                    )
                )
            for question, assessment in zip(pillar.questions, assessments, strict=True):
                rows.append(
                    TableRow(
                        force,
                        file_name,
                        pillar.title,
                        question.number,
                        question.text,
                        _cell(framework, assessment.grade),
                        _cell(framework, assessment.last_year_grade, blank_when_none=True),
                        _direction(framework, assessment.grade, assessment.last_year_grade),
                        len(assessment.areas_for_improvement),
                        len(assessment.causes_of_concern),
                    )
                )
    return rows


def _direction(framework: Framework, grade: str | None, last_year: str | None) -> str:
    direction = direction_of_travel(framework.scale, grade, last_year)
    return DIRECTION_LABELS[direction] if direction is not None else ""


def framework_names(inspections: Iterable[Inspection]) -> list[str]:
    """The frameworks the inspections of a round are against ("PEEL 2016 Effectiveness 2016"), sorted."""
    return sorted({f"{i.framework.title} {i.framework.version}" for i in inspections})


@dataclass(frozen=True)
class QuestionSummary:
    """How one question (or pillar) was graded across the round: the forces at each grade."""

    pillar: str
    number: str
    text: str
    #: grade label → forces, for each grade of the scale given at least once.
    grades: dict[str, int]
    not_graded: int
    directions: dict[str, int]


def summarise(rows: Iterable[TableRow]) -> tuple[list[GradeCell], list[QuestionSummary]]:
    """The grades given in the table, best first, and each question's (and pillar's) count of forces per
    grade and per direction of travel, in the table's order: the moderation view of a round."""
    grades: dict[str, GradeCell] = {}
    counts: dict[tuple[str, str, str], dict[str, int]] = {}
    missing: dict[tuple[str, str, str], int] = {}
    travel: dict[tuple[str, str, str], dict[str, int]] = {}
    for row in rows:
        key = (row.pillar, row.number, row.text)
        per_grade = counts.setdefault(key, {})
        missing.setdefault(key, 0)
        per_direction = travel.setdefault(key, dict.fromkeys(DIRECTION_LABELS.values(), 0))
        if row.grade.rank is None:
            missing[key] += 1
        else:
            grades.setdefault(row.grade.label, row.grade)
            per_grade[row.grade.label] = per_grade.get(row.grade.label, 0) + 1
        if row.direction:
            per_direction[row.direction] += 1
    order = sorted(grades.values(), key=lambda g: (g.rank if g.rank is not None else 0, g.label))
    return order, [
        QuestionSummary(
            *key, {g.label: counts[key].get(g.label, 0) for g in order}, missing[key], travel[key]
        )
        for key in counts
    ]


def _with_footnotes(text: str, old_q: QuestionAssessment, new_q: QuestionAssessment) -> str:
    """``text`` of last year's question ready for this year's: each footnote it cites (``[^label]``) is
    copied with it — under a new label when this year's question already has that label for another
    note, the marker changed to match — so the point never cites this year's note by mistake."""
    old_notes = {note.label: note for note in old_q.footnotes}
    copied: dict[str, str] = {}  # last year's label -> this year's, for a note cited twice

    def copy(match: re.Match[str]) -> str:
        label = match.group(1)
        note = old_notes.get(label)
        if note is None:
            return match.group(0)  # it had no footnote last year either: the checks will say so
        if label not in copied:
            mine = {n.label: n for n in new_q.footnotes}
            new_label, number = label, 2
            while new_label in mine and mine[new_label].text != note.text:
                new_label, number = f"{label}-{number}", number + 1
            if new_label not in mine:
                new_q.footnotes.append(Footnote(label=new_label, text=note.text))
            copied[label] = new_label
        return f"[^{copied[label]}]"

    return FOOTNOTE_MARKER.sub(copy, text) if "[^" in text else text
