"""Text hygiene for Word: what python-docx (and XML) cannot hold is dropped or replaced, and straight quotes
are printed as typographic ones; nothing else changes.

* lone UTF-16 surrogates (half an emoji from a broken paste) become U+FFFD;
* C0 control characters other than tab and newline, NUL included, are dropped, as are U+FFFE and U+FFFF,
  which XML forbids;
* CRLF and CR become LF;
* straight quotes and apostrophes become typographic (’ “ ”: :func:`.typography.typographic`), one
  character for one, so an offset into the typed text is still right;
* emoji, right-to-left marks, tabs and every other character are kept as they are.

A newline starts a new paragraph of the same style (see :func:`lines`); a tab stays a tab (the writer
turns it into ``<w:tab/>``).

Two more helpers bound what comes from outside: :func:`cut` fits text to a field Word limits (a document
property holds 255 characters), and :func:`shown` makes a file name or other foreign text fit to quote in
a message.
"""

from __future__ import annotations

import re

from ..domain.text import ELLIPSIS, without_lone_surrogates
from .typography import typographic

#: How many characters of a foreign text (a file name) a message quotes.

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text: str) -> str:
    """``text`` with XML-illegal characters removed, lone surrogates replaced, line ends made LF and quotes
    made typographic: the text as the report prints it."""
    if not text:
        return ""
    text = without_lone_surrogates(text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return typographic(_ILLEGAL.sub("", text))


def lines(text: str) -> list[str]:
    """The non-blank lines of ``text`` after :func:`clean`: one paragraph each."""
    cleaned = clean(text)
    if "\n" not in cleaned:
        return [cleaned] if cleaned.strip() else []
    return [line for line in cleaned.split("\n") if line.strip()]


_LINE_END = re.compile(r"\r\n|\r|\n")


def lines_at(text: str) -> list[tuple[int, str]]:
    """:func:`lines`, each with the offset in ``text`` where it starts (for a link back to the field)."""
    if not text:
        return []
    if "\n" not in text and "\r" not in text:
        cleaned = clean(text)
        return [(0, cleaned)] if cleaned.strip() else []
    found: list[tuple[int, str]] = []
    start = 0
    for end in [*_LINE_END.finditer(text), None]:
        stop = len(text) if end is None else end.start()
        line = clean(text[start:stop])
        if line.strip():
            found.append((start, line))
        if end is not None:
            start = end.end()
    return found


def one_line(text: str) -> str:
    """``text`` cleaned and folded onto one line (for headers and document properties)."""
    return " ".join(part.strip() for part in clean(text).split("\n") if part.strip())


def cut(text: str, limit: int) -> str:
    """``text`` shortened to at most ``limit`` characters, ending "…" when shortened (at a space when
    one is near)."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    space = head.rfind(" ")
    if space >= limit * 3 // 4:
        head = head[:space]
    return head.rstrip() + ELLIPSIS


#: Look-alikes for the characters that make markup: a Qt dialog takes a message opening "<b>" as rich text.
