"""British English spelling: a Hunspell dictionary read by spylls, and a US→UK list.

The domain does not know where the dictionary lives: a :class:`Speller` is made from the dictionary's
bytes by whoever has them (``inspector_app.bundled.speller()`` reads LibreOffice's en_GB dictionary from
``resources/dictionaries``) and passed to ``run_checks``. Nothing is fetched at run time.

Speed: spylls is Hunspell ported to pure Python. Parsing the dictionary takes the better part of a
second, once per speller (:meth:`Speller.preload` lets a GUI do it in the background); after that a word
is looked up once and remembered, so checking a report costs one set lookup per word.
"""

from __future__ import annotations

import io
import re
import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # spylls is imported when the dictionary is first needed, not with the checks
    from spylls.hunspell import Dictionary

#: A token: letters, digits, apostrophes and hyphens ("force’s", "re-offending", "1st"); :func:`clean`
#: makes it a word or drops it. One simple pattern is much quicker than one that looks around itself.
TOKEN = re.compile(r"[\w’'-]+")
#: Not words: addresses, links, footnote markers.
_NOT_PROSE = re.compile(r"\S+@\S+|\bhttps?://\S+|\bwww\.\S+|\[\^[^\]]*\]")
_EDGES = "’'-"

#: Words remembered before the cache starts again (a long GUI session edits many texts).
_CACHE_LIMIT = 200_000


class Speller:
    """A Hunspell dictionary (``aff``/``dic`` bytes) and a US→UK list, parsed on first use (thread-safe).

    ``variants`` is the text of a tab-separated list "american<TAB>british" in lower case, ``#`` comments.
    """

    def __init__(self, aff: bytes, dic: bytes, variants: str) -> None:
        self._aff = aff
        self._dic = dic
        self._variants_text = variants
        self._lock = threading.Lock()
        self._dictionary: Dictionary | None = None
        self._variants: dict[str, str] | None = None
        self._known: dict[str, bool] = {}

    def dictionary(self) -> Dictionary:
        """The parsed dictionary, on first use."""
        if self._dictionary is None:
            with self._lock:
                if self._dictionary is None:
                    self._dictionary = _parse(self._aff, self._dic)
        return self._dictionary

    def preload(self) -> None:
        """Parse the dictionary now (e.g. from a background thread at start-up) so the first check is quick."""
        self.dictionary()

    def is_loaded(self) -> bool:
        return self._dictionary is not None

    def forget(self) -> None:
        """Forget the words looked up so far (benchmarks measure cold lookups)."""
        self._known.clear()

    def known(self, word: str) -> bool:
        """Whether the dictionary accepts ``word`` (as written: "Hertfordshire", "organisation").

        A hyphenated word is also accepted when each part is ("re-visited"); a possessive when the word
        without its "’s" is.
        """
        answer = self._known.get(word)
        if answer is None:
            answer = self._lookup(word)
            if len(self._known) >= _CACHE_LIMIT:
                self._known.clear()
            self._known[word] = answer
        return answer

    def _lookup(self, word: str) -> bool:
        lookup = self.dictionary().lookup
        if lookup(word):
            return True
        plain = word.replace("’", "'")
        if plain.endswith("'s") and len(plain) > 2 and lookup(plain[:-2]):
            return True
        if "-" in word:
            parts = [part for part in word.split("-") if part]
            return bool(parts) and all(self.known(part) for part in parts)
        return False

    def us_variants(self) -> dict[str, str]:
        """American-only spelling → British spelling, lower case (``organization`` → ``organisation``)."""
        if self._variants is None:
            pairs: dict[str, str] = {}
            for line in self._variants_text.splitlines():
                if line and not line.startswith("#"):
                    us, _, gb = line.partition("\t")
                    pairs[us] = gb
            self._variants = pairs
        return self._variants

    def british_form(self, word: str) -> str | None:
        """The British spelling of an American-only ``word``, in the word's capitalisation; None otherwise."""
        lower = word.lower()
        gb = self.us_variants().get(lower)
        if gb is None:
            return None
        if word.isupper() and len(word) > 1:
            return gb.upper()
        if word[:1].isupper():
            return gb[:1].upper() + gb[1:]
        return gb


def _parse(aff_bytes: bytes, dic_bytes: bytes) -> Dictionary:
    from spylls.hunspell import Dictionary, readers
    from spylls.hunspell.readers.file_reader import BaseReader

    base: Any = BaseReader  # spylls has no type information

    class BytesReader(base):  # type: ignore[misc]
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

    aff, context = readers.read_aff(BytesReader(aff_bytes))
    dic = readers.read_dic(BytesReader(dic_bytes, encoding=context.encoding), aff=aff, context=context)
    return Dictionary(aff, dic)


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
