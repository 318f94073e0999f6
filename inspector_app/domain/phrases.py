"""The phrase library: standard wordings an inspector inserts instead of typing them again. No Qt.

Phrases are plain text files, one phrase a line, "## Group" starting a group and "#" a comment: one
bundled with the app (resources/phrases/phrases.txt), an organisation's, and the user's own. A
framework's standard texts (introduction, methodology) are phrases too. :func:`matching` finds the
phrases for what is typed before the cursor.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .blocks import Bullet, Paragraph
from .framework import Framework

#: Longer than any phrase a person would keep: a line this long is not taken.
MAX_PHRASE_CHARS = 2000


@dataclass(frozen=True)
class Phrase:
    text: str
    group: str = ""
    #: "bundled", "organisation", "personal" or "framework".
    source: str = ""


def parse_phrases(text: str, source: str) -> list[Phrase]:
    """The phrases of a phrase file's text, in order, without repeats."""
    found: dict[str, Phrase] = {}
    group = ""
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("##"):
            group = line.lstrip("#").strip()
            continue
        if not line or line.startswith("#") or len(line) > MAX_PHRASE_CHARS:
            continue
        found.setdefault(line, Phrase(line, group, source))
    return list(found.values())


def framework_phrases(framework: Framework) -> list[Phrase]:
    """The framework's standard paragraphs (introduction, methodology) as phrases."""
    phrases = []
    for group, blocks in (
        ("Introduction", framework.standard_texts.introduction),
        ("Methodology", framework.standard_texts.methodology),
    ):
        for block in blocks:
            if isinstance(block, (Paragraph, Bullet)) and block.text.strip():
                phrases.append(Phrase(block.text.strip(), group, "framework"))
    return phrases


def matching(phrases: Iterable[Phrase], typed: str, limit: int = 40) -> list[Phrase]:
    """The phrases for ``typed`` (the words before the cursor): those it begins, then those that contain
    it; every phrase when nothing is typed. Case is ignored; duplicates are dropped."""
    key = " ".join(typed.split()).casefold()
    starts: list[Phrase] = []
    contains: list[Phrase] = []
    seen: set[str] = set()
    for phrase in phrases:
        folded = phrase.text.casefold()
        if phrase.text in seen:
            continue
        if not key or folded.startswith(key):
            starts.append(phrase)
        elif key in folded:
            contains.append(phrase)
        else:
            continue
        seen.add(phrase.text)
    return (starts + contains)[:limit]


def typed_prefix(line_before_cursor: str) -> str:
    """What to match phrases against: the current sentence before the cursor (after the last full stop,
    colon or semicolon), so "... report. The force sh" looks for phrases beginning "The force sh"."""
    text = line_before_cursor
    cut = max(text.rfind(mark) for mark in (". ", ": ", "; ", "? ", "! "))
    return text[cut + 2 :] if cut >= 0 else text
