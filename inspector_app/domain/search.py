"""Find and replace across the report's own text: every match with its place, in report order. No Qt.

The texts searched are those the report prints (:func:`.checks.text.report_text`: summaries, narrative,
findings, recommendations with their timescales and lettered points, footnotes, notes, the standard texts,
table captions, cells and notes), each resolved to the field of the record that holds it, so a match can
be selected in its editor and replaced through :func:`.editing.set_field`. A recommendation's timescale is
searched even when the report leaves it out because the text already says it: replacing "three months"
must change both. Fixed framework wording, footnote markers and the force's name are not searched.
Evidence items (title, notes, reference, collector) are working papers, not the report: they are searched
only with ``SearchOptions(include_evidence=True)``, after the report.

A match never spans two texts: a lettered point, a table cell and each field is searched on its own.
Offsets are Python string indices (code points); a Qt editor counts UTF-16 units.

    find_matches(inspection, query, options, limit=None) -> list[Match]      # report_texts(), evidence_texts()
    plan_replace_all(inspection, query, replacement, options) -> ReplacePlan   # edits + how many
    plan_replace(inspection, match, query, replacement, options) -> FieldEdit | None  # if still there
    apply_edits(inspection, edits) -> list[Change]                              # all or nothing
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from dataclasses import replace as replace_options
from typing import Any

from .blocks import Bullet, DataTable, Figure, Paragraph, Record
from .changes import Change
from .checks.places import Place
from .checks.text import TextKind, TextSpot, report_text
from .editing import EditError, find_record, revert, set_field
from .inspection import (
    AreaForImprovement,
    CauseOfConcern,
    Footnote,
    Inspection,
    Recommendation,
    SummaryItem,
)
from .limits import MAX_TEXT_CHARS

#: Characters of context on each side of a match in :meth:`Match.context`.
CONTEXT_CHARS = 40
#: The evidence fields searched with ``include_evidence`` and how a place names them.
EVIDENCE_FIELDS = (
    ("title", "Title"),
    ("text", "Notes"),
    ("reference", "Reference"),
    ("collector", "Collector"),
)
#: Records whose report text is their ``text`` field.
_TEXT_RECORDS = (Paragraph, Bullet, SummaryItem, AreaForImprovement, CauseOfConcern, Recommendation, Footnote)


@dataclass(frozen=True)
class SearchOptions:
    match_case: bool = False
    whole_word: bool = False
    include_evidence: bool = False


@dataclass(frozen=True)
class Target:
    """One searchable text: ``record_id``'s model ``field`` (``item``: which string of a list field —
    ``(k,)`` for lettered or nested point k, ``(c,)`` for a table heading, ``(r, c)`` for a cell)."""

    place: Place
    record_id: uuid.UUID
    field: str
    text: str
    item: tuple[int, ...] = ()
    #: Its position among all the texts searched, in report order.
    order: int = 0

    @property
    def key(self) -> tuple[uuid.UUID, str, tuple[int, ...]]:
        return self.record_id, self.field, self.item


@dataclass(frozen=True)
class Match:
    target: Target
    start: int
    end: int

    @property
    def place(self) -> Place:
        return self.target.place

    @property
    def label(self) -> str:
        return self.target.place.label

    @property
    def record_id(self) -> uuid.UUID:
        return self.target.record_id

    @property
    def field(self) -> str:
        return self.target.field

    @property
    def text(self) -> str:
        """The words matched."""
        return self.target.text[self.start : self.end]

    def context(self, width: int = CONTEXT_CHARS) -> tuple[str, str, str]:
        """(before, matched, after): a snippet around the match on one line, "…" where it is cut."""
        text = self.target.text
        before = text[max(0, self.start - width) : self.start]
        after = text[self.end : self.end + width]
        if self.start > width:  # cut: begin at a word
            space = before.find(" ", 0, len(before) - 1)
            before = "…" + (before[space + 1 :] if space >= 0 else before)
        if self.end + width < len(text):  # cut: end at a word
            space = after.rfind(" ", 1)
            after = (after[:space] if space > 0 else after) + "…"
        return _one_line(before), _one_line(self.text), _one_line(after)


def _one_line(text: str) -> str:
    return " ".join(text.split()) if "\n" in text or "\t" in text else text


# -- the texts, in report order -----------------------------------------------------------------------


def report_texts(inspection: Inspection) -> list[Target]:
    """Every text of the report find and replace looks at, in report order (``order`` 0, 1, 2…)."""
    targets: list[Target] = []
    seen: set[tuple[uuid.UUID, str, tuple[int, ...]]] = set()
    point_cursor: dict[tuple[uuid.UUID, str], int] = {}
    for spot in report_text(inspection):
        for target in _resolve(inspection, spot, point_cursor, seen):
            if target.key not in seen:
                seen.add(target.key)
                targets.append(_numbered(target, len(targets)))
    return targets


def evidence_texts(
    inspection: Inspection, holds: Callable[[str], bool] | None = None, first_order: int = 0
) -> Iterator[Target]:
    """The evidence items' texts, after the report (``order`` from ``first_order``, by item and field).

    With ``holds``, only the texts it accepts, and only those are made into targets: 10,000 items hold
    40,000 texts, and making each one cost more than searching them all.
    """
    fields = len(EVIDENCE_FIELDS)
    for n, item in enumerate(inspection.evidence):
        for j, (name, label) in enumerate(EVIDENCE_FIELDS):
            text: str = getattr(item, name)
            if not text or (holds is not None and not holds(text)) or not text.strip():
                continue
            reference = item.reference.strip() or str(n + 1)
            place = Place(item.question_id, "evidence", item.id, f"Evidence {reference} › {label}")
            yield Target(place, item.id, name, text, (), first_order + n * fields + j)


def searchable_texts(inspection: Inspection, *, include_evidence: bool = False) -> list[Target]:
    """Every text find and replace looks at, in report order (then the evidence, when included)."""
    report = report_texts(inspection)
    if not include_evidence:
        return report
    return report + list(evidence_texts(inspection, first_order=len(report)))


def _texts(
    inspection: Inspection, query: str, options: SearchOptions, report: list[Target] | None
) -> Iterator[Target]:
    report = report_texts(inspection) if report is None else report
    yield from report
    if options.include_evidence:
        yield from evidence_texts(inspection, _prefilter(query, options), len(report))


def _prefilter(query: str, options: SearchOptions) -> Callable[[str], bool]:
    """A quick test that a text may hold a match (never false for one that does): a plain substring
    test where it is exact, which is several times faster than a case-blind regular expression."""
    if options.match_case:
        return lambda text: query in text
    pattern = compile_query(query, replace_options(options, whole_word=False))
    assert pattern is not None
    if not query.isascii():
        return lambda text: pattern.search(text) is not None
    needle = query.lower()
    # Case-blind, ASCII "k" also matches the Kelvin sign and "s" the long s: only ASCII text is lowered.
    return lambda text: needle in text.lower() if text.isascii() else pattern.search(text) is not None


def _numbered(target: Target, order: int) -> Target:
    return Target(target.place, target.record_id, target.field, target.text, target.item, order)


def _resolve(
    inspection: Inspection,
    spot: TextSpot,
    point_cursor: dict[tuple[uuid.UUID, str], int],
    seen: set[tuple[uuid.UUID, str, tuple[int, ...]]],
) -> Iterator[Target]:
    """The field (or fields) behind one spot of the report's text."""
    place = spot.place
    if place.record_id is None:
        return
    try:
        record = find_record(inspection, place.record_id)
    except EditError:
        return
    if place.field.endswith(".sub_points"):
        points = getattr(record, "sub_points", None)
        if isinstance(points, list):
            cursor_key = (record.id, place.field)
            start = point_cursor.get(cursor_key, 0)
            k = next((k for k in range(start, len(points)) if points[k] == spot.text), None)
            if k is not None:
                point_cursor[cursor_key] = k + 1
                yield Target(place, record.id, "sub_points", spot.text, (k,))
        return
    if place.field.endswith(".lead_in"):
        yield Target(place, record.id, "lead_in", spot.text)
        return
    if place.field.endswith(".timescale"):
        yield Target(place, record.id, "timescale", spot.text)
        return
    if spot.kind is TextKind.HEADING:
        yield Target(place, record.id, "theme", getattr(record, "theme", spot.text))
        return
    if isinstance(record, DataTable):
        yield from _table_texts(place, record)
        return
    if (
        isinstance(record, Recommendation)
        and record.timescale.strip()
        and (record.id, "timescale", ()) not in seen
    ):
        # Not printed when the text already says it, but the same words in the inspection.
        label = f"{place.label} › Timescale"
        timescale_place = Place(place.question_id, f"{place.field}.timescale", record.id, label)
        yield Target(timescale_place, record.id, "timescale", record.timescale)
    if isinstance(record, Figure):
        yield Target(place, record.id, "caption", record.caption)
    elif isinstance(record, _TEXT_RECORDS):
        yield Target(place, record.id, "text", record.text)


def _table_texts(place: Place, table: DataTable) -> Iterator[Target]:
    def at(part: str) -> Place:
        return Place(place.question_id, place.field, table.id, f"{place.label} › {part}")

    if table.caption.strip():
        yield Target(at("Caption"), table.id, "caption", table.caption)
    for c, heading in enumerate(table.columns):
        if heading.strip():
            yield Target(at(f"Heading {c + 1}"), table.id, "columns", heading, (c,))
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row):
            if cell.strip():
                yield Target(at(f"Row {r + 1}, column {c + 1}"), table.id, "rows", cell, (r, c))
    if table.note.strip():
        yield Target(at("Note"), table.id, "note", table.note)


# -- finding ------------------------------------------------------------------------------------------


def compile_query(query: str, options: SearchOptions = SearchOptions()) -> re.Pattern[str] | None:
    """The pattern for ``query`` taken literally; None for an empty query (nothing to find)."""
    if not query:
        return None
    pattern = re.escape(query)
    if options.whole_word:
        pattern = rf"(?<!\w){pattern}(?!\w)"
    return re.compile(pattern, 0 if options.match_case else re.IGNORECASE)


def find_in(targets: Iterable[Target], pattern: re.Pattern[str], limit: int | None = None) -> list[Match]:
    matches: list[Match] = []
    for target in targets:
        for found in pattern.finditer(target.text):
            if found.end() > found.start():
                matches.append(Match(target, found.start(), found.end()))
                if limit is not None and len(matches) >= limit:
                    return matches
    return matches


def find_matches(
    inspection: Inspection,
    query: str,
    options: SearchOptions = SearchOptions(),
    limit: int | None = None,
    *,
    report: list[Target] | None = None,
) -> list[Match]:
    """Every match of ``query`` in report order (at most ``limit``); ``report``: the report's texts
    when the caller has them already (:func:`report_texts`)."""
    pattern = compile_query(query, options)
    if pattern is None:
        return []
    return find_in(_texts(inspection, query, options, report), pattern, limit)


# -- replacing ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldEdit:
    """A new value for one field (a whole list for a field of points or table rows)."""

    record_id: uuid.UUID
    field: str
    value: Any
    #: Occurrences replaced in it.
    count: int = 1


@dataclass(frozen=True)
class ReplacePlan:
    edits: list[FieldEdit]
    #: Occurrences replaced by the edits.
    count: int
    #: Texts left as they were: the replacement would make them longer than a text may be.
    too_long: list[Target] = field(default_factory=list)


def plan_replace_all(
    inspection: Inspection, query: str, replacement: str, options: SearchOptions = SearchOptions()
) -> ReplacePlan:
    """The edits that replace every match of ``query`` with ``replacement`` (literally), one per field.

    A lettered or nested point replaced by nothing at all is dropped, as the editor drops blank lines.
    """
    pattern = compile_query(query, options)
    if pattern is None:
        return ReplacePlan([], 0)
    values: dict[tuple[uuid.UUID, str], Any] = {}
    counts: dict[tuple[uuid.UUID, str], int] = {}
    too_long: list[Target] = []
    for target in _texts(inspection, query, options, None):
        new_text, n = pattern.subn(lambda _m: replacement, target.text)
        if not n:
            continue
        if len(new_text) > MAX_TEXT_CHARS:
            too_long.append(target)
            continue
        key = (target.record_id, target.field)
        if key not in values:
            values[key] = _current(inspection, target)
        values[key] = _with(values[key], target.item, new_text)
        counts[key] = counts.get(key, 0) + n
    edits = [
        FieldEdit(record_id, name, _tidy(name, value), counts[(record_id, name)])
        for (record_id, name), value in values.items()
    ]
    return ReplacePlan(edits, sum(counts.values()), too_long)


def plan_replace(
    inspection: Inspection,
    match: Match,
    query: str,
    replacement: str,
    options: SearchOptions = SearchOptions(),
) -> FieldEdit | None:
    """The edit that replaces this one match of ``query``, or None when its text no longer holds one
    there (it was edited since the search)."""
    target = match.target
    try:
        text = _text_of(inspection, target)
    except (EditError, IndexError, TypeError):
        return None
    pattern = compile_query(query, options)
    if text is None or pattern is None:
        return None
    if not any((m.start(), m.end()) == (match.start, match.end) for m in pattern.finditer(text)):
        return None
    new_text = text[: match.start] + replacement + text[match.end :]
    if len(new_text) > MAX_TEXT_CHARS:
        return None
    value = _with(_current(inspection, target), target.item, new_text)
    return FieldEdit(target.record_id, target.field, _tidy(target.field, value))


def apply_edits(inspection: Inspection, edits: Sequence[FieldEdit]) -> list[Change]:
    """Make the edits (set_field each); if one is refused, undo those made and raise its EditError."""
    changes: list[Change] = []
    try:
        for edit in edits:
            changes.append(set_field(inspection, edit.record_id, edit.field, edit.value))
    except EditError:
        for change in reversed(changes):
            revert(inspection, change)
        raise
    return changes


def _current(inspection: Inspection, target: Target) -> Any:
    """A copy of the field's value, ready to change."""
    record: Record = find_record(inspection, target.record_id)
    value = getattr(record, target.field)
    if isinstance(value, list):
        return [list(row) if isinstance(row, list) else row for row in value]
    return value


def _text_of(inspection: Inspection, target: Target) -> str | None:
    value = _current(inspection, target)
    for index in target.item:
        value = value[index]
    return value if isinstance(value, str) else None


def _with(value: Any, item: tuple[int, ...], text: str) -> Any:
    if not item:
        return text
    if len(item) == 1:
        value[item[0]] = text
    else:
        value[item[0]][item[1]] = text
    return value


def _tidy(name: str, value: Any) -> Any:
    if name == "sub_points" and isinstance(value, list):
        return [point for point in value if point.strip()]
    return value


def is_evidence(target: Target) -> bool:
    return target.place.field == "evidence"


__all__ = [
    "EVIDENCE_FIELDS",
    "FieldEdit",
    "Match",
    "ReplacePlan",
    "SearchOptions",
    "Target",
    "apply_edits",
    "compile_query",
    "evidence_texts",
    "find_in",
    "find_matches",
    "is_evidence",
    "plan_replace",
    "plan_replace_all",
    "report_texts",
    "searchable_texts",
]
