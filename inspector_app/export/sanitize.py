"""Text hygiene for Word: what python-docx (and XML) cannot hold is dropped or replaced, nothing else changes.

* lone UTF-16 surrogates (half an emoji from a broken paste) become U+FFFD;
* C0 control characters other than tab and newline, NUL included, are dropped, as are U+FFFE and U+FFFF,
  which XML forbids;
* CRLF and CR become LF;
* emoji, right-to-left marks, tabs and every other character are kept as they are.

A newline starts a new paragraph of the same style (see :func:`lines`); a tab stays a tab (the writer
turns it into ``<w:tab/>``).
"""

from __future__ import annotations

import re

from ..domain.text import without_lone_surrogates

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text: str) -> str:
    """``text`` with XML-illegal characters removed, lone surrogates replaced and line ends made LF."""
    if not text:
        return ""
    text = without_lone_surrogates(text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _ILLEGAL.sub("", text)


def lines(text: str) -> list[str]:
    """The non-blank lines of ``text`` after :func:`clean`: one paragraph each."""
    cleaned = clean(text)
    if "\n" not in cleaned:
        return [cleaned] if cleaned.strip() else []
    return [line for line in cleaned.split("\n") if line.strip()]


def one_line(text: str) -> str:
    """``text`` cleaned and folded onto one line (for headers and document properties)."""
    return " ".join(part.strip() for part in clean(text).split("\n") if part.strip())
