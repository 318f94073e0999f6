"""The data shipped inside the package (frameworks, samples, the Word template, the dictionary), read through
importlib.resources; and the speller's word lists beyond it (the organisation's and the user's).

Never build paths from ``__file__``: in a wheel, a zip or a frozen build the source tree is not there.
"""

from __future__ import annotations

import functools
import logging
import os
import threading
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs
from pydantic import ValidationError

from . import APP_NAME
from .domain.checks.spelling import Speller
from .domain.framework import Framework
from .domain.phrases import MAX_PHRASE_CHARS, Phrase, framework_phrases, parse_phrases
from .storage.atomic import PRIVATE_FOLDER, atomic_write_bytes

if TYPE_CHECKING:  # read only by the round commands
    from .domain.rounds import RoundForce

_FRAMEWORK_SUFFIX = ".json"
_SAMPLE_SUFFIX = ".inspection"


class UnknownResourceError(LookupError):
    """A framework or sample name that is not bundled; the message lists the ones that are."""


def _root() -> Traversable:
    return files("inspector_app.resources")


def resource(*parts: str) -> Traversable:
    node = _root()
    for part in parts:
        node = node / part
    return node


def _names(folder: str, suffix: str) -> list[str]:
    directory = resource(folder)
    if not directory.is_dir():
        return []
    return sorted(p.name[: -len(suffix)] for p in directory.iterdir() if p.name.endswith(suffix))


def framework_ids() -> list[str]:
    return _names("frameworks", _FRAMEWORK_SUFFIX)


@functools.cache
def _framework_json(framework_id: str) -> str:
    if framework_id not in framework_ids():
        raise UnknownResourceError(
            f"There is no framework called '{framework_id}'. Known frameworks: {', '.join(framework_ids())}."
        )
    return resource("frameworks", framework_id + _FRAMEWORK_SUFFIX).read_text(encoding="utf-8")


def load_framework(framework_id: str) -> Framework:
    """A fresh, validated copy of a bundled framework (callers may keep and change it)."""
    try:
        return Framework.model_validate_json(_framework_json(framework_id))
    except ValidationError as error:  # a packaging mistake, not a user's; say which file
        raise RuntimeError(f"The bundled framework '{framework_id}' is invalid: {error}") from error


def frameworks() -> list[Framework]:
    return [load_framework(framework_id) for framework_id in framework_ids()]


#: The 43 territorial police forces of England and Wales, the forces of a round (resources/forces).
FORCES_FILE = "england-and-wales.csv"


def forces() -> list[RoundForce]:
    """The forces of a round of England and Wales: name and short name, in alphabetical order."""
    from .domain.rounds import parse_forces

    return parse_forces(resource("forces", FORCES_FILE).read_text(encoding="utf-8-sig"), FORCES_FILE)


def sample_names() -> list[str]:
    return _names("samples", _SAMPLE_SUFFIX)


def sample(name: str) -> Traversable:
    if name not in sample_names():
        known = ", ".join(sample_names()) or "none"
        raise UnknownResourceError(f"There is no sample called '{name}'. Known samples: {known}.")
    return resource("samples", name + _SAMPLE_SUFFIX)


#: LibreOffice's en_GB Hunspell dictionary and the US→UK list, in resources/dictionaries (see its README).
DICTIONARY = "en_GB"
US_GB_VARIANTS = "us_gb_variants.tsv"
#: The field's own words (wellbeing, desistance…), bundled beside the dictionary.
FIELD_WORDS = "field_words.txt"

# -- word lists beyond the dictionary ------------------------------------------------------------------
#
# Three lists, each a UTF-8 text file of one word a line ("#" starts a comment):
#   field         resources/dictionaries/field_words.txt, shipped with the app
#   organisation  words.txt in an Inspector folder among the system's shared data folders, which IT
#                 deploys: /usr/local/share/Inspector or /usr/share/Inspector on Linux (the folders of
#                 $XDG_DATA_DIRS), C:\ProgramData\Inspector on Windows, /Library/Application
#                 Support/Inspector on macOS; or the one file INSPECTOR_ORG_WORDS names
#   personal      words.txt in the user's data folder (~/.local/share/Inspector on Linux,
#                 %LOCALAPPDATA%\Inspector on Windows, ~/Library/Application Support/Inspector on macOS), or
#                 in the folder INSPECTOR_DATA_DIR names; the editor's "Add to dictionary" appends to it

FIELD_LIST, ORGANISATION_LIST, PERSONAL_LIST = "field", "organisation", "personal"
ORGANISATION_WORDS_ENV = "INSPECTOR_ORG_WORDS"
DATA_DIR_ENV = "INSPECTOR_DATA_DIR"
WORDS_FILE = "words.txt"
#: A word list larger than this is not a word list (and would slow every start); it is not read.
MAX_WORD_LIST_BYTES = 5 * 1024 * 1024
#: Longer than any word: a line this long is not taken (nor added).
MAX_WORD_CHARS = 100

_log = logging.getLogger(__name__)


def organisation_words_paths() -> list[Path]:
    """Where the organisation's word list may be: the file ``$INSPECTOR_ORG_WORDS`` names, else ``words.txt``
    in the Inspector folder of each of the system's shared data folders (every one found is read)."""
    named = os.environ.get(ORGANISATION_WORDS_ENV)
    if named:
        return [Path(named)]
    folders = platformdirs.PlatformDirs(APP_NAME, appauthor=False, multipath=True).site_data_dir
    return [Path(folder) / WORDS_FILE for folder in folders.split(os.pathsep) if folder]


def personal_words_path() -> Path:
    """The user's word list: ``words.txt`` in ``$INSPECTOR_DATA_DIR``, else in the user data folder."""
    folder = os.environ.get(DATA_DIR_ENV)
    base = Path(folder) if folder else platformdirs.user_data_path(APP_NAME, appauthor=False)
    return base / WORDS_FILE


def parse_word_list(text: str) -> list[str]:
    """The words of a word list's text: one a line, blank lines and "#" comments left out, in order."""
    found: dict[str, None] = {}
    for line in text.splitlines():
        word = line.split("#", 1)[0].strip()
        if word and len(word) <= MAX_WORD_CHARS and not any(ch.isspace() for ch in word):
            found[word] = None
    return list(found)


def read_word_list(path: Path) -> list[str]:
    """The words of the list at ``path``; [] when there is none or it cannot be read (said in the log)."""
    try:
        if path.stat().st_size > MAX_WORD_LIST_BYTES:
            _log.warning("word list %s is over %d bytes; not read", path, MAX_WORD_LIST_BYTES)
            return []
        data = path.read_bytes()
    except FileNotFoundError:
        return []
    except OSError as error:
        _log.warning("word list %s cannot be read: %s", path, error)
        return []
    return parse_word_list(data.decode("utf-8-sig", errors="replace"))


def reload_word_lists(target: Speller | None = None) -> None:
    """Read the organisation's and the user's word lists (again) into the speller (the bundled one)."""
    target = target or speller()
    target.set_words(
        ORGANISATION_LIST, [w for path in organisation_words_paths() for w in read_word_list(path)]
    )
    target.set_words(PERSONAL_LIST, read_word_list(personal_words_path()))


def is_addable_word(word: str) -> bool:
    """Whether ``word`` can go on a word list: one word, not too long."""
    return bool(word) and len(word) <= MAX_WORD_CHARS and not any(ch.isspace() or ch == "#" for ch in word)


def add_personal_word(word: str) -> Path:
    """Add ``word`` to the user's word list (created private, 0600 in a 0700 folder; written atomically)
    and to the speller. Returns the list's path; raises OSError (the list unchanged) or ValueError."""
    if not is_addable_word(word):
        raise ValueError(f"not a word for a word list: {word!r}")
    path = personal_words_path()
    words = read_word_list(path)
    if word not in words:
        path.parent.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
        try:
            text = path.read_text(encoding="utf-8-sig", errors="replace")
        except FileNotFoundError:
            text = _PERSONAL_HEADER
        if text and not text.endswith("\n"):
            text += "\n"
        atomic_write_bytes(path, (text + word + "\n").encode("utf-8"))
    speller().add_words(PERSONAL_LIST, [word])
    return path


_PERSONAL_HEADER = (
    f"# Words {APP_NAME}'s spelling check accepts for you, one a line (the editor's \"Add to dictionary\").\n"
)


_speller_lock = threading.Lock()


def speller() -> Speller:
    """The bundled British English speller, shared by the process (it parses its dictionary on first use),
    with the field's, the organisation's and the user's word lists. Made once, whichever thread asks first
    (the window asks from its loader thread and from the GUI thread)."""
    with _speller_lock:
        return _make_speller()


@functools.cache
def _make_speller() -> Speller:
    folder = resource("dictionaries")
    made = Speller(
        (folder / f"{DICTIONARY}.aff").read_bytes(),
        (folder / f"{DICTIONARY}.dic").read_bytes(),
        (folder / US_GB_VARIANTS).read_text(encoding="utf-8"),
    )
    made.set_words(FIELD_LIST, parse_word_list((folder / FIELD_WORDS).read_text(encoding="utf-8")))
    reload_word_lists(made)
    return made


# -- the phrase library ------------------------------------------------------------------------------
# Three files of standard wordings, each one phrase a line ("## Group" starts a group, "#" a comment):
#   bundled       resources/phrases/phrases.txt
#   organisation  phrases.txt beside the organisation's word list (the system's shared data folders,
#                 above), or the one file INSPECTOR_ORG_PHRASES names
#   personal      phrases.txt in the user's data folder (or INSPECTOR_DATA_DIR); "Save selection as a
#                 phrase" appends to it

PHRASES_FILE = "phrases.txt"
ORGANISATION_PHRASES_ENV = "INSPECTOR_ORG_PHRASES"


def organisation_phrases_paths() -> list[Path]:
    named = os.environ.get(ORGANISATION_PHRASES_ENV)
    if named:
        return [Path(named)]
    return [path.with_name(PHRASES_FILE) for path in organisation_words_paths()]


def personal_phrases_path() -> Path:
    return personal_words_path().with_name(PHRASES_FILE)


def _read_text(path: Path) -> str:
    try:
        if path.stat().st_size > MAX_WORD_LIST_BYTES:
            _log.warning("phrase file %s is over %d bytes; not read", path, MAX_WORD_LIST_BYTES)
            return ""
        return path.read_bytes().decode("utf-8-sig", errors="replace")
    except FileNotFoundError:
        return ""
    except OSError as error:
        _log.warning("phrase file %s cannot be read: %s", path, error)
        return ""


def phrases(framework: Framework | None = None) -> list[Phrase]:
    """Every phrase: the user's first (their own wording wins a tie), the organisation's, the bundled
    ones, then the framework's standard paragraphs. Read afresh each time (files are small)."""
    found = parse_phrases(_read_text(personal_phrases_path()), "personal")
    for path in organisation_phrases_paths():
        found += parse_phrases(_read_text(path), "organisation")
    found += parse_phrases(resource("phrases", PHRASES_FILE).read_text(encoding="utf-8"), "bundled")
    if framework is not None:
        found += framework_phrases(framework)
    return found


def add_personal_phrase(text: str) -> Path:
    """Add one phrase (one line) to the user's phrase file (private, written atomically); returns the
    file's path. Raises ValueError for an empty or too long phrase, OSError when it cannot be written."""
    phrase = " ".join(text.split())
    if not phrase or len(phrase) > MAX_PHRASE_CHARS or phrase.startswith("#"):
        raise ValueError(f"not a phrase: {text[:40]!r}")
    path = personal_phrases_path()
    current = _read_text(path)
    if phrase in (p.text for p in parse_phrases(current, "personal")):
        return path
    path.parent.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
    if not current:
        current = (
            f'# Your own phrases for {APP_NAME}, one a line (the editor\'s "Save selection as a phrase").\n'
        )
    if not current.endswith("\n"):
        current += "\n"
    atomic_write_bytes(path, (current + phrase + "\n").encode("utf-8"))
    return path
