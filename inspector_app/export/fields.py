"""Word fields: which a report may keep, and taking out those that fetch or act from a template's parts.

A field is code Word runs to produce text: ``PAGE`` counts pages, but ``INCLUDETEXT "http://…"`` fetches
a file when fields are updated, ``DDEAUTO`` starts a program, ``MACROBUTTON`` runs a macro on a click.
An organisation template's headers and footers may hold any of them, so every field is judged by its
keyword (the first word of its code):

* :data:`LOCAL_FIELDS` work from the document alone (page numbers, contents, dates, properties); they stay.
* :data:`FETCHING_FIELDS` read a file, a URL, a database or another program; they are removed with their
  last result (text that came from outside the template, and would be stale).
* Every other field (``HYPERLINK``, ``MACROBUTTON``, ``DOCVARIABLE``, form fields, unknown words) is
  *frozen*: its code goes and its last result stays as plain text, so a footer's web address still reads.
* A field whose keyword Word would only learn by running a field nested in its code is removed too:
  nobody can tell what it would do.

Both complex fields (``w:fldChar`` begin/separate/end around ``w:instrText`` runs, possibly nested and
spanning paragraphs) and simple fields (``w:fldSimple``) are handled.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum

from lxml import etree

from .xml import drop_emptied, qn, remove, unwrap

#: Fields that compute from the document itself. ``TOC`` and ``PAGE`` are the export's own.
LOCAL_FIELDS = frozenset(
    {
        "=",
        "ADVANCE",
        "AUTHOR",
        "AUTONUM",
        "AUTONUMLGL",
        "AUTONUMOUT",
        "BIDIOUTLINE",
        "COMMENTS",
        "COMPARE",
        "CREATEDATE",
        "DATE",
        "EDITTIME",
        "EQ",
        "FILENAME",
        "FILESIZE",
        "IF",
        "INDEX",
        "INFO",
        "KEYWORDS",
        "LASTSAVEDBY",
        "LISTNUM",
        "NOTEREF",
        "NUMCHARS",
        "NUMPAGES",
        "NUMWORDS",
        "PAGE",
        "PAGEREF",
        "PRINTDATE",
        "QUOTE",
        "REF",
        "REVNUM",
        "SAVEDATE",
        "SECTION",
        "SECTIONPAGES",
        "SEQ",
        "STYLEREF",
        "SUBJECT",
        "SYMBOL",
        "TA",
        "TC",
        "TIME",
        "TITLE",
        "TOA",
        "TOC",
        "XE",
    }
)

#: Fields that read something outside the document (a file, a URL, a share, a database, another program
#: through DDE) or embed or print it. ``INCLUDE`` and ``IMPORT`` are older names of INCLUDETEXT and
#: INCLUDEPICTURE; ``RD`` builds a contents list from other files.
FETCHING_FIELDS = frozenset(
    {
        "DATABASE",
        "DDE",
        "DDEAUTO",
        "EMBED",
        "IMPORT",
        "INCLUDE",
        "INCLUDEPICTURE",
        "INCLUDETEXT",
        "LINK",
        "PRINT",
        "RD",
    }
)


class Verdict(Enum):
    KEEP = "keep"
    FREEZE = "freeze"
    REMOVE = "remove"


_FLDCHAR, _FLDSIMPLE = qn("w:fldChar"), qn("w:fldSimple")
_INSTR_TAGS = (qn("w:instrText"), qn("w:delInstrText"))
_FLDCHAR_TYPE, _INSTR = qn("w:fldCharType"), qn("w:instr")
_P = qn("w:p")
#: Stands in the code of a field for a field nested in it.
_NESTED = "\x00"
_KEYWORD = re.compile(r"[^\s\\\"]+")
#: Property elements stay even inside a removed span: they shape the paragraph or run that holds it.
_PROPERTIES = frozenset(qn(t) for t in ("w:pPr", "w:rPr", "w:tblPr", "w:trPr", "w:tcPr", "w:sectPr"))


def keyword(code: str) -> str | None:
    """The field's keyword in capitals ("INCLUDETEXT"), "=" for a formula; None when the code starts with a
    nested field (or is empty), so that only running it would tell."""
    stripped = code.lstrip()
    if not stripped or stripped[0] == _NESTED:
        return None
    if stripped[0] == "=":
        return "="
    match = _KEYWORD.match(stripped)
    if match is None or _NESTED in match.group(0):
        return None  # "INC{ QUOTE "LUDETEXT" }": part of the keyword comes from a nested field
    return match.group(0).upper()


def verdict(code: str) -> Verdict:
    word = keyword(code)
    if word is None or word in FETCHING_FIELDS:
        return Verdict.REMOVE
    return Verdict.KEEP if word in LOCAL_FIELDS else Verdict.FREEZE


@dataclass
class _Field:
    begin: int
    code: list[str] = field(default_factory=list)
    separate: int | None = None
    end: int | None = None


def field_codes(root: etree._Element) -> list[str]:
    """The code of every field under ``root`` (nested fields as their own entries)."""
    codes = [element.get(_INSTR, "") for element in root.iter(_FLDSIMPLE)]
    return codes + ["".join(f.code) for f in _complex_fields(list(root.iter(_FLDCHAR, *_INSTR_TAGS)), {})]


def only_local_fields(roots: Iterable[etree._Element]) -> bool:
    """Whether every field under ``roots`` is a :data:`LOCAL_FIELDS` one (so updating them fetches nothing)."""
    return all(verdict(code) is Verdict.KEEP for root in roots for code in field_codes(root))


def scrub_fields(root: etree._Element) -> None:
    """Remove fetching fields and freeze the others not in :data:`LOCAL_FIELDS`, in place (see the module).

    A paragraph left empty by a field removed goes too (unless its header or cell would be left with none).
    """
    touched: list[etree._Element] = []
    for simple in list(root.iter(_FLDSIMPLE)):
        judged = verdict(simple.get(_INSTR, ""))
        if judged is Verdict.REMOVE:
            touched.extend(simple.iterancestors(_P))
            remove(simple)
        elif judged is Verdict.FREEZE:
            unwrap(simple)
    elements = list(root.iter())
    order = {element: index for index, element in enumerate(elements)}
    markers = [e for e in elements if e.tag == _FLDCHAR or e.tag in _INSTR_TAGS]
    spans: list[tuple[int, int]] = []
    last = len(elements) - 1
    for found in _complex_fields(markers, order):
        judged = verdict("".join(found.code))
        end = last if found.end is None else found.end
        if judged is Verdict.REMOVE:
            spans.append((found.begin, end))
        elif judged is Verdict.FREEZE:
            spans.append((found.begin, end if found.separate is None else found.separate))
            if found.end is not None:
                spans.append((found.end, found.end))
    ends = _subtree_ends(elements, order)
    for lo, hi in spans:
        for element in _enclosed(elements, order, ends, lo, hi):
            touched.extend(element.iterancestors(_P))
            remove(element)
    drop_emptied(touched)


def _complex_fields(markers: list[etree._Element], order: dict[etree._Element, int]) -> list[_Field]:
    """Fields from their markers in document order; ``order`` gives positions (empty: positions unused)."""
    found: list[_Field] = []
    stack: list[_Field] = []
    for index, marker in enumerate(markers):
        position = order.get(marker, index)
        if marker.tag == _FLDCHAR:
            kind = marker.get(_FLDCHAR_TYPE)
            if kind == "begin":
                if stack and stack[-1].separate is None:
                    stack[-1].code.append(_NESTED)
                stack.append(_Field(position))
            elif kind == "separate" and stack:
                stack[-1].separate = position
            elif kind == "end" and stack:
                closed = stack.pop()
                closed.end = position
                found.append(closed)
        elif stack and stack[-1].separate is None:
            stack[-1].code.append(marker.text or "")
    found.extend(stack)  # fields never closed: they run to the end of the part
    return found


def _subtree_ends(elements: list[etree._Element], order: dict[etree._Element, int]) -> list[int]:
    """For each element (by position) the position of the last element of its subtree."""
    ends = list(range(len(elements)))
    for index in range(len(elements) - 1, -1, -1):
        element = elements[index]
        if len(element):
            ends[index] = ends[order[element[-1]]]
    return ends


def _enclosed(
    elements: list[etree._Element], order: dict[etree._Element, int], ends: list[int], lo: int, hi: int
) -> list[etree._Element]:
    """The largest subtrees lying wholly in positions lo..hi (property elements excepted)."""
    result: list[etree._Element] = []
    index = lo
    while index <= hi:
        element = elements[index]
        if ends[index] <= hi and element.tag not in _PROPERTIES:
            parent = element.getparent()
            parent_index = order.get(parent) if parent is not None else None
            if parent_index is None or parent_index < lo or ends[parent_index] > hi:
                result.append(element)
            index = ends[index] + 1
            continue
        index += 1
    return result
