"""Editing shared types in place: a text or an array is changed by the smallest insert and delete that turn
its old content into the new, never re-assigned (a re-assigned text would merge as a whole new text).

pycrdt counts a text's positions in UTF-8 bytes, not in characters: the positions are converted here, so a
character such as "£" or "–" is never cut in two.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass, field

from pycrdt import Array, Text


def _common_ends(old: str | list[str], new: str | list[str]) -> tuple[int, int]:
    """The lengths of the common prefix and of the common suffix (not overlapping it)."""
    limit = min(len(old), len(new))
    start = 0
    while start < limit and old[start] == new[start]:
        start += 1
    end = 0
    while end < limit - start and old[-1 - end] == new[-1 - end]:
        end += 1
    return start, end


def edit_text(text: Text, new: str) -> bool:
    """Make ``text`` read ``new`` by replacing only the part between the common prefix and suffix."""
    old = str(text)
    if old == new:
        return False
    start, end = _common_ends(old, new)
    at = len(old[:start].encode("utf-8"))
    removed = len(old[start : len(old) - end].encode("utf-8"))
    if removed:
        del text[at : at + removed]
    inserted = new[start : len(new) - end]
    if inserted:
        text.insert(at, inserted)
    return True


@dataclass
class ArrayEdit:
    """What :func:`edit_array` removed (with where it was) and added."""

    removed: list[tuple[str, int]] = field(default_factory=list)
    added: list[str] = field(default_factory=list)


def edit_array(array: Array[str], new: list[str], edit: ArrayEdit | None = None) -> bool:
    """Make ``array`` hold ``new`` with the fewest inserts and deletes (difflib's matching, between the
    common prefix and suffix), so that concurrent inserts and removals elsewhere in the list survive."""
    # The array's JSON from Yrs in one call: pycrdt's to_py reads item by item (10,000 evidence ids).
    old: list[str] = [str(item) for item in json.loads(str(array))]
    if old == new:
        return False
    start, end = _common_ends(old, new)
    old_middle, new_middle = old[start : len(old) - end], new[start : len(new) - end]
    matcher = difflib.SequenceMatcher(None, old_middle, new_middle, autojunk=False)
    for tag, i1, i2, j1, j2 in reversed(matcher.get_opcodes()):
        if tag == "equal":
            continue
        if i2 > i1:
            if edit is not None:
                edit.removed.extend((item, start + i) for i, item in enumerate(old_middle[i1:i2], i1))
            del array[start + i1 : start + i2]
        for offset, item in enumerate(new_middle[j1:j2]):
            array.insert(start + i1 + offset, item)
        if edit is not None:
            edit.added.extend(new_middle[j1:j2])
    return True
