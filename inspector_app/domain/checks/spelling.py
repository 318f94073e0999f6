"""British English spelling: LibreOffice's en_GB Hunspell dictionary read by spylls, and a US→UK list.

Both are bundled under ``resources/dictionaries`` (see its README for sources and licences) and read with
importlib.resources, so nothing is fetched at run time and a frozen or zipped build works the same.

Speed: spylls is Hunspell ported to pure Python. Loading the dictionary takes the better part of a
second, once per process (:func:`preload` lets a GUI do it in the background); after that a word is
looked up once and remembered, so checking a report costs one set lookup per word.
"""

from __future__ import annotations

import functools
import io
import re
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spylls is imported when the dictionary is first needed, not with the checks
    from spylls.hunspell import Dictionary

DICTIONARY = "en_GB"
VARIANTS = "us_gb_variants.tsv"

#: A token: letters, digits, apostrophes and hyphens ("force’s", "re-offending", "1st"); :func:`clean`
#: makes it a word or drops it. One simple pattern is much quicker than one that looks around itself.
TOKEN = re.compile(r"[\w’'-]+")
#: Not words: addresses, links, footnote markers.
_NOT_PROSE = re.compile(r"\S+@\S+|\bhttps?://\S+|\bwww\.\S+|\[\^[^\]]*\]")
_EDGES = "’'-"

_load_lock = threading.Lock()
_dictionary: Dictionary | None = None
_known: dict[str, bool] = {}
#: Words remembered before the cache starts again (a long GUI session edits many texts).
_CACHE_LIMIT = 200_000


def _load() -> Dictionary:
    from spylls.hunspell import Dictionary, readers
    from spylls.hunspell.readers.file_reader import BaseReader

    from ...bundled import resource  # here, not at import: bundled imports the domain

    class BytesReader(BaseReader):
        """spylls reads .aff/.dic line by line from a file path; this reads them from bytes instead, so
        the dictionary can come from importlib.resources and no file is left open."""

        def __init__(self, data: bytes, encoding: str = "Windows-1252") -> None:
            self.data = data
            super().__init__(self._open(encoding))

        def reset_encoding(self, encoding: str) -> None:
            self.reset_io(self._open(encoding))

        def _open(self, encoding: str) -> io.StringIO:
            text = self.data.decode(encoding, errors="surrogateescape")
            return io.StringIO(text.removeprefix("\ufeff"), newline=None)

    aff_bytes = resource("dictionaries", DICTIONARY + ".aff").read_bytes()
    dic_bytes = resource("dictionaries", DICTIONARY + ".dic").read_bytes()
    aff, context = readers.read_aff(BytesReader(aff_bytes))
    dic = readers.read_dic(BytesReader(dic_bytes, encoding=context.encoding), aff=aff, context=context)
    return Dictionary(aff, dic)


def dictionary() -> Dictionary:
    """The en_GB dictionary, loaded on first use (thread-safe)."""
    global _dictionary
    if _dictionary is None:
        with _load_lock:
            if _dictionary is None:
                _dictionary = _load()
    return _dictionary


def preload() -> None:
    """Load the dictionary now (e.g. from a background thread at start-up) so the first check is quick."""
    dictionary()


def is_loaded() -> bool:
    return _dictionary is not None


def known(word: str) -> bool:
    """Whether the en_GB dictionary accepts ``word`` (as written: "Hertfordshire", "organisation").

    A hyphenated word is also accepted when each part is ("re-visited"); a possessive when the word
    without its "’s" is.
    """
    answer = _known.get(word)
    if answer is None:
        answer = _lookup(word)
        if len(_known) >= _CACHE_LIMIT:
            _known.clear()
        _known[word] = answer
    return answer


def _lookup(word: str) -> bool:
    lookup = dictionary().lookup
    if lookup(word):
        return True
    plain = word.replace("’", "'")
    if plain.endswith("'s") and len(plain) > 2 and lookup(plain[:-2]):
        return True
    if "-" in word:
        parts = [part for part in word.split("-") if part]
        return bool(parts) and all(known(part) for part in parts)
    return False


@functools.cache
def us_variants() -> dict[str, str]:
    """American-only spelling → British spelling, lower case (``organization`` → ``organisation``)."""
    from ...bundled import resource

    pairs: dict[str, str] = {}
    for line in resource("dictionaries", VARIANTS).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            us, _, gb = line.partition("\t")
            pairs[us] = gb
    return pairs


def british_form(word: str) -> str | None:
    """The British spelling of an American-only ``word``, in the word's capitalisation; None otherwise."""
    lower = word.lower()
    gb = us_variants().get(lower)
    if gb is None:
        return None
    if word.isupper() and len(word) > 1:
        return gb.upper()
    if word[:1].isupper():
        return gb[:1].upper() + gb[1:]
    return gb


def tokens(text: str) -> list[str]:
    """The raw tokens of ``text`` (addresses, links and footnote markers left out); see :func:`clean`."""
    if "@" in text or "://" in text or "www." in text or "[^" in text:
        text = _NOT_PROSE.sub(" ", text)
    return TOKEN.findall(text)


def clean(token: str) -> str | None:
    """The word in a token, without quotes or dashes round it; None for numbers and codes ("1st", "A1")."""
    word = token.strip(_EDGES)
    if not word or any(ch.isdigit() or ch == "_" for ch in word):
        return None
    return word


def words(text: str) -> list[str]:
    """The words of ``text``, in order."""
    return [word for token in tokens(text) if (word := clean(token)) is not None]


def is_acronym_like(word: str) -> bool:
    """ "HMIC", "OCGs", "SafetyNet", "McDonald": capitals after the first letter, not for a dictionary."""
    body = word[1:]
    return any(ch.isupper() for ch in body)
