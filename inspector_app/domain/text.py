"""Text hygiene shared by storage, export and the window."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

#: How much of a foreign text (a file name, a lock file's user name, an exception's words) a message quotes.
QUOTE_LIMIT = 80
ELLIPSIS = "…"
#: A footnote's place in the inspectors' text: ``[^label]`` (the export makes it a Word footnote; the
#: checks say when no footnote has that label).
FOOTNOTE_MARKER = re.compile(r"\[\^([^\]\s]+)\]")
#: Look-alikes for the characters that make markup: a Qt dialog takes a message opening "<b>" as rich text.
_MARKUP = {"<": "\u2039", ">": "\u203a"}
_ENTITY = re.compile(r"&(?=#?\w+;)")


def without_lone_surrogates(text: str) -> str:
    """Replace unpaired UTF-16 surrogates (half of an emoji from a broken paste) by U+FFFD.

    Properly paired surrogates are joined into the character they encode; nothing else changes.
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return text


def scrub_surrogates(value: Any) -> Any:
    """``without_lone_surrogates`` applied to every string in nested lists and dicts (keys too)."""
    if isinstance(value, str):
        return without_lone_surrogates(value)
    if isinstance(value, list):
        return [scrub_surrogates(item) for item in value]
    if isinstance(value, dict):
        return {scrub_surrogates(key): scrub_surrogates(item) for key, item in value.items()}
    return value


def shown(text: str, limit: int = QUOTE_LIMIT) -> str:
    """Foreign text (a file name, a part name, a lock file's user, an exception's words) fit to quote in a
    message: one line; control, invisible and direction-changing characters shown as escapes ("\\n",
    "\\x1b", "\\u202e"); "<" and ">" as "‹" and "›", and "&" before an entity as "＆", so no dialog takes it
    for markup; at most ``limit`` characters, the middle cut out with "…" (a file name keeps its extension)."""
    out: list[str] = []
    for ch in without_lone_surrogates(text):
        if ch in _MARKUP:
            out.append(_MARKUP[ch])
        elif unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp"):
            out.append(ch.encode("unicode_escape").decode("ascii"))
        else:
            out.append(ch)
    flat = _ENTITY.sub("\uff06", "".join(out))
    if len(flat) <= limit:
        return flat
    keep = max(limit - 1, 2)
    tail = keep // 3
    return flat[: keep - tail] + ELLIPSIS + flat[len(flat) - tail :]


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def long_date(date: dt.date | None) -> str:
    """ "7 March 2025", whatever the computer's language; "" for no date."""
    return "" if date is None else f"{date.day} {_MONTHS[date.month - 1]} {date.year}"
