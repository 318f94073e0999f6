"""British English spelling: a Hunspell dictionary read by spylls, and a US→UK list.

The domain does not know where the dictionary lives: a :class:`Speller` is made from the dictionary's
bytes by whoever has them (``inspector_app.bundled.speller()`` reads LibreOffice's en_GB dictionary from
``resources/dictionaries``) and passed to ``run_checks``. Nothing is fetched at run time.

Beyond the dictionary a speller accepts named word lists (:meth:`Speller.set_words`): the field's own words
(bundled), an organisation's and a person's (``bundled`` reads them from their folders). One inspection also
accepts its own words (:func:`accepted_in`): the force's name, the framework's acronyms and the words its
inspectors chose to ignore (``Inspection.spelling_ignored``). The checks and the window's underline judge a
word the same way (:func:`problem`).

Speed: spylls is Hunspell ported to pure Python. Parsing the dictionary takes the better part of a
second, once per speller (:meth:`Speller.preload` lets a GUI do it in the background); after that a word
is looked up once and remembered, so checking a report costs one set lookup per word. Suggestions are
slower (:meth:`Speller.suggest`: a few milliseconds when a simple edit of the word is a word, a few tenths
of a second when the whole dictionary has to be searched), so they are made only when asked for.
"""

from __future__ import annotations

import difflib
import io
import re
import threading
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # spylls is imported when the dictionary is first needed, not with the checks
    from spylls.hunspell import Dictionary

    from ..inspection import Inspection

#: A token: letters, digits, apostrophes and hyphens ("force’s", "re-offending", "1st"); :func:`clean`
#: makes it a word or drops it. One simple pattern is much quicker than one that looks around itself.
TOKEN = re.compile(r"[\w’'-]+")
#: Not words: addresses, links, footnote markers.
_NOT_PROSE = re.compile(r"\S+@\S+|\bhttps?://\S+|\bwww\.\S+|\[\^[^\]]*\]")
_EDGES = "’'-"

#: Words remembered before the cache starts again (a long GUI session edits many texts).
_CACHE_LIMIT = 200_000
#: Suggestions offered for one word, at most.
SUGGESTIONS = 6
#: A word longer than this is not a word a person typed (a pasted code, a run of letters): no suggestions.
_LONGEST_WORD = 60


class WordList:
    """Words accepted as written, and also capitalised (at a sentence's start) or in capitals.

    "wellbeing" accepts "Wellbeing" and "WELLBEING"; "Herts" accepts "HERTS" but not "herts"; a word's
    possessive ("Herts’s") goes with it. The same rules as the dictionary's own words.
    """

    def __init__(self, words: Iterable[str] = ()) -> None:
        self._words: set[str] = set()
        self._upper: set[str] = set()
        self.update(words)

    def update(self, words: Iterable[str]) -> None:
        for word in words:
            if word:
                self._words.add(word)
                self._upper.add(word.upper())

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str) or not word:
            return False
        if self._has(word):
            return True
        plain = word.replace("’", "'")
        return plain.endswith("'s") and len(plain) > 2 and self._has(word[:-2])

    def _has(self, word: str) -> bool:
        if word in self._words:
            return True
        if word[:1].isupper() and word[:1].lower() + word[1:] in self._words:
            return True
        return len(word) > 1 and word.isupper() and word in self._upper

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._words))

    def __len__(self) -> int:
        return len(self._words)

    def __bool__(self) -> bool:
        return bool(self._words)


class Speller:
    """A Hunspell dictionary (``aff``/``dic`` bytes) and a US→UK list, parsed on first use (thread-safe),
    with named lists of words it accepts besides (:meth:`set_words`).

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
        self._lists: dict[str, frozenset[str]] = {}
        self._listed = WordList()
        self._suggested: dict[str, list[str]] = {}

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
        self._suggested.clear()

    # -- word lists beyond the dictionary -----------------------------------------------------------

    def set_words(self, name: str, words: Iterable[str]) -> None:
        """Accept ``words`` as the list called ``name`` ("field", "organisation", "personal"), replacing
        that list's earlier words. Words are kept as written (see :class:`WordList`)."""
        self._lists[name] = frozenset(word.strip() for word in words if word.strip())
        listed = WordList()
        for words_of_list in self._lists.values():
            listed.update(words_of_list)
        self._listed = listed
        self.forget()

    def add_words(self, name: str, words: Iterable[str]) -> None:
        """Add ``words`` to the list called ``name``."""
        self.set_words(name, [*self._lists.get(name, ()), *words])

    def words(self, name: str) -> frozenset[str]:
        """The words of the list called ``name`` (empty when there is none)."""
        return self._lists.get(name, frozenset())

    def listed(self, word: str) -> bool:
        """Whether one of the word lists (not the dictionary) accepts ``word``."""
        return word in self._listed

    # -- judging and correcting words ---------------------------------------------------------------

    def known(self, word: str) -> bool:
        """Whether the dictionary or a word list accepts ``word`` (as written: "Hertfordshire", "organisation").

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
        if word in self._listed:
            return True
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

    def suggest(self, word: str, limit: int = SUGGESTIONS) -> list[str]:
        """Up to ``limit`` corrections of ``word``, likeliest first: its British form when it is a US
        spelling, close words of the word lists, then the dictionary's (Hunspell's) suggestions.

        The dictionary's slow search (n-grams over every word, tenths of a second) runs only when no
        simple edit of the word (a letter swapped, missing, extra or wrong; a space or hyphen) is a word.
        """
        if limit <= 0 or not word or len(word) > _LONGEST_WORD:
            return []
        cached = self._suggested.get(word)
        if cached is None:
            cached = self._suggestions(word)
            if len(self._suggested) >= 1000:
                self._suggested.clear()
            self._suggested[word] = cached
        return cached[:limit]

    def _suggestions(self, word: str) -> list[str]:
        found: list[str] = []
        british = self.british_form(word)
        if british is not None:
            found.append(british)
        listed = [w for lst in self._lists.values() for w in lst]
        for close in difflib.get_close_matches(word.lower(), [w.lower() for w in listed], n=2, cutoff=0.8):
            original = next(w for w in listed if w.lower() == close)
            found.append(_in_case_of(word, original))
        dictionary = self.dictionary()
        # Something found already (the British form, a listed word): no search of the whole dictionary.
        dictionary.suggester.quick_only = bool(found)
        for suggestion in dictionary.suggest(word):
            found.append(suggestion)
            if len(found) >= SUGGESTIONS * 2:
                break
        unique = [s for s in dict.fromkeys(found) if s != word]
        return unique[:SUGGESTIONS]

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
        gb = self.us_variants().get(word.lower())
        return None if gb is None else _in_case_of(word, gb)


def _in_case_of(model: str, word: str) -> str:
    """``word`` capitalised as ``model`` is: all capitals, a capital first, or as it is."""
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _parse(aff_bytes: bytes, dic_bytes: bytes) -> Dictionary:
    from spylls.hunspell import Dictionary, readers
    from spylls.hunspell.algo.suggest import Suggest
    from spylls.hunspell.readers.file_reader import BaseReader

    base: Any = BaseReader  # spylls has no type information
    suggest_base: Any = Suggest

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

    class QuickSuggest(suggest_base):  # type: ignore[misc]
        """Hunspell's suggestions, without the slow searches of every word (n-gram and phonetic) once
        simple edits found something: "recieve" → "receive" in milliseconds, not a third of a second."""

        #: Set by the speller when it found suggestions of its own: then no slow search at all.
        quick_only = False

        def ngram_suggestions(self, word: str, handled: set[str]) -> Iterator[str]:
            self._skip_phonetic = bool(handled) or self.quick_only
            if not self._skip_phonetic:
                yield from super().ngram_suggestions(word, handled)

        def phonet_suggestions(self, word: str) -> Iterator[str]:
            if not getattr(self, "_skip_phonetic", False):
                yield from super().phonet_suggestions(word)

    aff, context = readers.read_aff(BytesReader(aff_bytes))
    dic = readers.read_dic(BytesReader(dic_bytes, encoding=context.encoding), aff=aff, context=context)
    dictionary = Dictionary(aff, dic)
    suggester = dictionary.suggester
    suggester.__class__ = QuickSuggest  # the same object and its word list, with the two searches above
    return dictionary


def tokens(text: str) -> list[str]:
    """The raw tokens of ``text`` (addresses, links and footnote markers left out); see :func:`clean`."""
    if _may_hold_not_prose(text):
        text = _NOT_PROSE.sub(" ", text)
    return TOKEN.findall(text)


def _may_hold_not_prose(text: str) -> bool:
    return "@" in text or "://" in text or "www." in text or "[^" in text


def clean(token: str) -> str | None:
    """The word in a token, without quotes or dashes round it; None for numbers and codes ("1st", "A1")."""
    word = token.strip(_EDGES)
    if not word or any(ch.isdigit() or ch == "_" for ch in word):
        return None
    return word


def words(text: str) -> list[str]:
    """The words of ``text``, in order."""
    return [word for token in tokens(text) if (word := clean(token)) is not None]


def prose_only(text: str) -> str:
    """``text`` with its addresses, links and footnote markers blanked out, each character a space (so the
    tokens :data:`TOKEN` finds in it are where they are in ``text``)."""
    if _may_hold_not_prose(text):
        return _NOT_PROSE.sub(lambda match: " " * len(match.group()), text)
    return text


def word_in_token(token: str) -> tuple[int, str] | None:
    """(where the word starts in ``token``, the word) — :func:`clean`'s word and its place; None for none."""
    word = clean(token)
    return None if word is None else (len(token) - len(token.lstrip(_EDGES)), word)


def word_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, word) for each word of ``text``: the words of :func:`words`, with where they are."""
    for match in TOKEN.finditer(prose_only(text)):
        found = word_in_token(match.group())
        if found is not None:
            start = match.start() + found[0]
            yield start, start + len(found[1]), found[1]


def is_acronym_like(word: str) -> bool:
    """ "HMIC", "OCGs", "SafetyNet", "McDonald": capitals after the first letter, not for a dictionary."""
    body = word[1:]
    return any(ch.isupper() for ch in body)


def has_us_part(speller: Speller, word: str) -> bool:
    """Whether ``word``, or a part of a hyphenated ``word``, is an American-only spelling."""
    return speller.british_form(word) is not None or (
        "-" in word and any(speller.british_form(part) for part in word.split("-") if part)
    )


def accepted_in(inspection: Inspection) -> WordList:
    """The words one inspection may use that no dictionary has: the force's name, the framework's acronyms
    and their expansions, and the words its inspectors chose to ignore (``spelling_ignored``)."""
    texts = [inspection.force.name, inspection.force.short_name]
    for acronym in inspection.framework.acronyms:
        texts += [acronym.short, acronym.expansion]
    accepted = WordList(word for text in texts for word in words(text))
    accepted.update(inspection.spelling_ignored)
    return accepted


def unknown(speller: Speller, word: str, accepted: WordList) -> bool:
    """Whether the spelling check questions ``word`` (a word of :func:`words`): not too short, not an
    acronym, not the inspection's own, not a US spelling (the US check names those), not a known word."""
    return not (
        len(word) < 2
        or word in accepted
        or is_acronym_like(word)
        or has_us_part(speller, word)
        or speller.known(word)
    )


def american(speller: Speller, word: str, accepted: WordList) -> tuple[str, str] | None:
    """(the US spelling, its British form) when ``word`` is or holds an American-only spelling, unless
    the inspection or a word list accepts it."""
    if word in accepted or speller.listed(word):
        return None
    for part in [word, *word.split("-")] if "-" in word else [word]:
        british = speller.british_form(part)
        if british is not None:
            return part, british
    return None


def problem(speller: Speller, word: str, accepted: WordList) -> bool:
    """Whether the window underlines ``word``: the spelling check would question it, or it is American."""
    return unknown(speller, word, accepted) or american(speller, word, accepted) is not None
