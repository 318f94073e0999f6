"""Printed typography: curly quotes and apostrophes, and the web addresses a report links.

:func:`typographic` turns the straight quotes inspectors type into the printed ones, by context: ``'`` to
‘ or ’, ``"`` to “ or ”. A quote after a digit is left straight (5'10", a prime), and so is every quote in
text that is not prose: a web address, a `backticked` span, markup such as ``<a href="x">``, an
attribute-like ``key="value"``. Each character is replaced by one character, so an offset into the typed
text is the same offset into the printed text (the preview's links back to the field rely on it).

:func:`link_spans` finds the web addresses (``https://…``, ``http://…``, ``www.…``) a renderer prints as
hyperlinks, with the address each opens; trailing punctuation ("see www.example.org.") stays text.

Plain Python: the outline and the window's preview use it without python-docx.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

#: A web address as inspectors write one: a scheme or "www.", then anything up to a space or markup.
_URL = re.compile(r"(?:\bhttps?://|\bwww\.)[^\s<>\"\u201c\u201d]+", re.IGNORECASE)
#: Punctuation that ends a sentence rather than an address.
_TRAILING = ".,;:!?'\u2019\u201d*"
#: The longest address made a link (browsers and Word cope with about 2,000 characters).
MAX_LINK = 2000

#: Text that is not prose: a web address, a `code` span, a markup tag, an attribute-like key="value".
_NOT_PROSE = re.compile(r"`[^`\n]*`|<[^<>\n]*>|[\w:.-]+=(?:\"[^\"\n]*\"|'[^'\n]*')")

#: After these (or at the start) a quote opens.
_OPENERS = frozenset(" \t\n\u00a0([{\u2018\u201c\u2014\u2013-/")

LEFT_SINGLE, RIGHT_SINGLE, LEFT_DOUBLE, RIGHT_DOUBLE = "\u2018", "\u2019", "\u201c", "\u201d"


def typographic(text: str) -> str:
    """``text`` with its straight quotes made typographic (see the module notes); nothing else changes."""
    if "'" not in text and '"' not in text:
        return text
    out: list[str] = []
    position = 0
    state = _State()
    for start, stop in _not_prose(text):
        if start < position:
            continue  # inside a span already kept
        out.append(_quotes(text, position, start, state))
        out.append(text[start:stop])
        position = stop
    out.append(_quotes(text, position, len(text), state))
    return "".join(out)


def _not_prose(text: str) -> list[tuple[int, int]]:
    """Where ``text`` is not prose (addresses, code, markup), as sorted (start, stop) spans."""
    spans = [(m.start(), m.start() + len(_trimmed(m.group(0)))) for m in _URL.finditer(text)]
    spans += [(m.start(), m.end()) for m in _NOT_PROSE.finditer(text)]
    return sorted(spans)


class _State:
    """Whether a double quote is open (so that "10" closes after its digit)."""

    double_open = False


def _quotes(text: str, start: int, stop: int, state: _State) -> str:
    """The quotes of ``text[start:stop]`` made typographic, judged by their neighbours in all of ``text``."""
    piece = text[start:stop]
    if "'" not in piece and '"' not in piece:
        return piece
    chars = list(piece)
    for offset, char in enumerate(piece):
        if char not in "'\"":
            continue
        index = start + offset
        before = text[index - 1] if index > 0 else ""
        after = text[index + 1] if index + 1 < len(text) else ""
        opening = before == "" or before in _OPENERS
        if before.isdigit() and not after.isalpha() and not (char == '"' and state.double_open):
            continue  # 5'10": feet and inches, not quotes
        if char == "'":
            if opening and not _elision(text, index):
                chars[offset] = LEFT_SINGLE
            else:  # an apostrophe (don't, O'Brien, the inspectors') or a closing quote
                chars[offset] = RIGHT_SINGLE
        else:
            chars[offset] = LEFT_DOUBLE if opening else RIGHT_DOUBLE
            state.double_open = opening
    return "".join(chars)


#: Words that open with an apostrophe for letters left out: 'til, 'em, 'twas, 'n'.
_ELIDED = re.compile(r"'(?:\d\ds\b|\d\d\b|til\b|tis\b|twas\b|em\b|n'|cause\b)", re.IGNORECASE)


def _elision(text: str, index: int) -> bool:
    """Whether the ``'`` at ``index`` stands for letters left out ('90s, 'til) rather than opening a quote."""
    return _ELIDED.match(text, index) is not None


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of text; ``target`` is the address it opens when it is a web address, else None."""

    text: str
    target: str | None = None


def link_spans(text: str) -> Iterator[Span]:
    """``text`` cut into plain pieces and web addresses (each with the address it opens), in order.

    A closing bracket ends an address unless the address opened one ("…/Example_(film)"); an address
    longer than :data:`MAX_LINK` stays text.
    """
    if "www." not in text.lower() and "://" not in text:
        if text:
            yield Span(text)
        return
    position = 0
    for match in _URL.finditer(text):
        address = _trimmed(match.group(0))
        if len(address) > MAX_LINK or address.lower() in ("www.", "http://", "https://"):
            continue
        if "." not in address.split("//", 1)[-1]:
            continue  # "http://localhost" or a bare "www.": not an address worth a link
        start = match.start()
        if start > position:
            yield Span(text[position:start])
        yield Span(address, address if "://" in address else "https://" + address)
        position = start + len(address)
    if position < len(text):
        yield Span(text[position:])


def _trimmed(address: str) -> str:
    while address:
        last = address[-1]
        unopened = (last == ")" and address.count("(") < address.count(")")) or (
            last == "]" and address.count("[") < address.count("]")
        )
        if last in _TRAILING or unopened:
            address = address[:-1]
        else:
            break
    return address
