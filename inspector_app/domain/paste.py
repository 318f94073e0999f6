"""Text pasted from Word or a web page, made into clean paragraphs and bullets. No Qt.

Word puts a list on the clipboard as "·<TAB>text" or "1.<TAB>text" lines, indents nested points with
tabs, and uses non-breaking spaces, soft hyphens and zero-width marks that a report must not carry; a web
page adds runs of spaces. :func:`clean_paste` turns such text into :class:`PastedBlock` items — a
paragraph or a bullet with its nesting level — that the window inserts as blocks of a narrative, or as
the lines of one field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Glyphs Word and browsers put before a bulleted line (and "o" for Word's second level).
_BULLET = re.compile(r"^(?P<indent>[\t ]*)(?:[•·▪◦●○■□‣⁃∙\-–—*]|o(?=\t))[\t ]+")
#: List numbering before a line: "1.", "1)", "(a)", "a.", "iv)" followed by a tab or spaces.
#: (A capital letter alone is left: "A. Inspector said" is a name, not a list.)
_NUMBER = re.compile(r"^(?P<indent>[\t ]*)(?:\(?(?:\d{1,3}|[a-z]|[ivxlc]{1,6}|[IVXLC]{2,6})[.)])[\t ]+")
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f]+")


@dataclass(frozen=True)
class PastedBlock:
    text: str
    #: None: a paragraph; 0, 1, 2: a bullet at that nesting level.
    level: int | None = None

    @property
    def is_bullet(self) -> bool:
        return self.level is not None


def clean_paste(text: str) -> list[PastedBlock]:
    """The paragraphs and bullets of pasted ``text``, cleaned; blank lines dropped."""
    blocks: list[PastedBlock] = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2029", "\n").split("\n"):
        line = raw.translate(_INVISIBLE).replace("\u000b", " ")  # Word's line break inside a paragraph
        level: int | None = None
        match = _BULLET.match(line) or _NUMBER.match(line)
        if match is not None:
            indent = match.group("indent").replace("    ", "\t")
            level = min(indent.count("\t") + (1 if "o\t" in match.group(0) else 0), 2)
            line = line[match.end() :]
        cleaned = _SPACES.sub(" ", line).strip()
        if cleaned:
            blocks.append(PastedBlock(cleaned, level))
    return blocks


def as_lines(blocks: list[PastedBlock]) -> str:
    """The blocks as the lines of one field (a list of points is edited one point per line)."""
    return "\n".join(block.text for block in blocks)
