"""Frameworks an inspectorate adds: the bundled ones, an organisation folder IT deploys, the user's own.

An inspectorate changes its programme every year or two; a new framework is a JSON file (the model of
:mod:`.domain.framework`, its JSON Schema from :func:`schema`), never a new build of the app. Three places:

=============== ==============================================================================
bundled          shipped with the app (``resources/frameworks``)
organisation     ``frameworks/`` in an Inspector folder among the system's shared data folders
                 (/usr/local/share/Inspector, /usr/share/Inspector on Linux; C:\\ProgramData\\Inspector
                 on Windows; /Library/Application Support/Inspector on macOS), or the folder
                 ``$INSPECTOR_ORG_FRAMEWORKS`` names. Read only.
user             ``frameworks/`` in the user's data folder (or in ``$INSPECTOR_DATA_DIR``), where
                 :func:`import_framework` copies a file
=============== ==============================================================================

Each framework has an id and a version. Where one id is found in several places, the newest version is
offered (an organisation may correct a bundled framework by deploying a later version); at the same
version the bundled one wins, then the organisation's. A file that is not a valid framework is left out
and said (:attr:`Library.problems`), never a crash. An inspection keeps its own copy of its framework, so
removing or changing a framework here never changes an inspection already made.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

import platformdirs
from pydantic import ValidationError

from . import APP_NAME, bundled
from .domain.framework import Framework
from .domain.text import shown
from .storage.atomic import atomic_write_bytes

ORG_FRAMEWORKS_ENV = "INSPECTOR_ORG_FRAMEWORKS"
FOLDER = "frameworks"
SUFFIX = ".json"
#: A framework file larger than this is not a framework (a 20,000-question one is about 6 MB).
MAX_FRAMEWORK_BYTES = 20 * 1024 * 1024


class Origin(StrEnum):
    BUNDLED = "bundled"
    ORGANISATION = "organisation"
    USER = "user"


#: At the same version, the first of these wins.
_PRECEDENCE = (Origin.BUNDLED, Origin.ORGANISATION, Origin.USER)


class FrameworkFileError(ValueError):
    """A framework file that cannot be used; the message names the file and, where it can, the field."""


@dataclass(frozen=True)
class Entry:
    """A framework the app can offer, and where it comes from (``path`` None for a bundled one)."""

    framework: Framework
    origin: Origin
    path: Path | None = None

    @property
    def programme(self) -> str:
        """The group the New dialog lists it under: its programme, else its title."""
        return self.framework.programme or self.framework.title


@dataclass
class Library:
    """Every framework offered (one per id), and why any file found was left out."""

    entries: list[Entry] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def get(self, framework_id: str) -> Entry | None:
        return next((entry for entry in self.entries if entry.framework.id == framework_id), None)

    def grouped(self) -> list[tuple[str, list[Entry]]]:
        """The entries by programme, programmes and frameworks each in title order."""
        groups: dict[str, list[Entry]] = {}
        for entry in sorted(self.entries, key=lambda e: (e.programme.lower(), e.framework.title.lower())):
            groups.setdefault(entry.programme, []).append(entry)
        return list(groups.items())


# -- where ----------------------------------------------------------------------------------------------


def user_frameworks_dir() -> Path:
    """``frameworks`` in ``$INSPECTOR_DATA_DIR``, else in the user's data folder."""
    folder = os.environ.get(bundled.DATA_DIR_ENV)
    base = Path(folder) if folder else platformdirs.user_data_path(APP_NAME, appauthor=False)
    return base / FOLDER


def organisation_frameworks_dirs() -> list[Path]:
    """The folder ``$INSPECTOR_ORG_FRAMEWORKS`` names, else ``frameworks`` in each shared data folder."""
    named = os.environ.get(ORG_FRAMEWORKS_ENV)
    if named:
        return [Path(named)]
    folders = platformdirs.PlatformDirs(APP_NAME, appauthor=False, multipath=True).site_data_dir
    return [Path(folder) / FOLDER for folder in folders.split(os.pathsep) if folder]


# -- reading ---------------------------------------------------------------------------------------------


def read_framework_file(path: Path | str) -> Framework:
    """The framework in ``path``, validated; FrameworkFileError says what is wrong and where."""
    path = Path(path)
    name = shown(path.name)
    try:
        size = path.stat().st_size
        if size > MAX_FRAMEWORK_BYTES:
            raise FrameworkFileError(
                f"{name}: the file is {size // 1024 // 1024} MB; a framework is at most "
                f"{MAX_FRAMEWORK_BYTES // 1024 // 1024} MB. It is probably not a framework."
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise FrameworkFileError(f"{name}: there is no such file.") from None
    except IsADirectoryError:
        raise FrameworkFileError(f"{name} is a folder, not a framework file.") from None
    except OSError as error:
        raise FrameworkFileError(f"{name} cannot be read ({error.strerror or error}).") from None
    return parse_framework(data, name)


def parse_framework(data: bytes, name: str) -> Framework:
    """A framework from the bytes of a file called ``name`` (for messages)."""
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise FrameworkFileError(f"{name} is not a text file in UTF-8.") from None
    except (json.JSONDecodeError, RecursionError) as error:
        where = (
            f" (line {error.lineno}, column {error.colno})" if isinstance(error, json.JSONDecodeError) else ""
        )
        raise FrameworkFileError(f"{name} is not valid JSON{where}.") from None
    if not isinstance(document, dict):
        raise FrameworkFileError(f"{name}: a framework is a JSON object, with an id, a title, a scale ….")
    try:
        return Framework.model_validate(document)
    except ValidationError as error:
        raise FrameworkFileError(f"{name}: {describe(error, document)}") from None
    except RecursionError:
        raise FrameworkFileError(f"{name} is nested too deeply to be a framework.") from None


def describe(error: ValidationError, document: dict[str, Any]) -> str:
    """The first problems of ``error`` as "pillars › 1 (effectiveness) › questions › 2 › number: …"."""
    lines = []
    for problem in error.errors(include_url=False)[:3]:
        place = _place(problem["loc"], document)
        message = problem["msg"].removeprefix("Value error, ")
        lines.append(f"{place}: {message}" if place else message)
    more = error.error_count() - len(lines)
    extra = f" (and {more} more problem{'s' if more > 1 else ''})" if more > 0 else ""
    return "; ".join(lines) + extra + "."


def _place(location: Iterable[int | str], document: Any) -> str:
    """A pydantic location in words: list items counted from 1 and named by their id where they have one."""
    parts: list[str] = []
    node = document
    for part in location:
        if isinstance(part, int):
            label = str(part + 1)
            child = node[part] if isinstance(node, list) and part < len(node) else None
            if isinstance(child, dict) and isinstance(child.get("id"), str):
                label += f" ({shown(child['id'], 40)})"
            parts.append(label)
            node = child
        else:
            parts.append(str(part))
            node = node.get(part) if isinstance(node, dict) else None
    return " › ".join(parts)


def _version_key(version: str) -> tuple[tuple[int, int | str], ...]:
    """ "2024.10" < "2024.9"? No: numbers compare as numbers, other pieces as text."""
    pieces = re.findall(r"\d+|[^\d.\-_ ]+", version)
    return tuple((0, int(p)) if p.isdigit() else (1, p.lower()) for p in pieces)


def _files(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.suffix.lower() == SUFFIX and p.is_file())
    except OSError:
        return []  # no such folder (the usual case), or one this user cannot read


def library() -> Library:
    """Every framework offered, read afresh (a few small files; the New dialog and the CLI call it)."""
    found: list[Entry] = [Entry(framework, Origin.BUNDLED) for framework in bundled.frameworks()]
    problems: list[str] = []
    places = [(Origin.ORGANISATION, f) for f in organisation_frameworks_dirs()]
    places.append((Origin.USER, user_frameworks_dir()))
    for origin, folder in places:
        for path in _files(folder):
            try:
                found.append(Entry(read_framework_file(path), origin, path))
            except FrameworkFileError as error:
                problems.append(f"{origin.value} framework {error} It is left out.")
    best: dict[str, Entry] = {}
    for entry in found:
        current = best.get(entry.framework.id)
        if current is None or _better(entry, current):
            best[entry.framework.id] = entry
    return Library(list(best.values()), problems)


def _better(entry: Entry, than: Entry) -> bool:
    mine, theirs = _version_key(entry.framework.version), _version_key(than.framework.version)
    if mine != theirs:
        return mine > theirs
    return _PRECEDENCE.index(entry.origin) < _PRECEDENCE.index(than.origin)


def find_framework(framework_id: str) -> Framework:
    """A fresh copy of the framework offered under ``framework_id``; LookupError names the ones there are."""
    offered = library()
    entry = offered.get(framework_id)
    if entry is None:
        known = ", ".join(sorted(e.framework.id for e in offered.entries))
        raise bundled.UnknownResourceError(
            f"There is no framework called '{shown(framework_id, 60)}'. Known frameworks: {known}."
        )
    return entry.framework.model_copy(deep=True)


def framework_named(name: str) -> Framework:
    """The framework a command line names: a framework file (".json", or any file that exists), else the id
    of one offered. FrameworkFileError for a bad file, LookupError for an unknown id."""
    if name.lower().endswith(SUFFIX) or Path(name).is_file():
        return read_framework_file(name)
    return find_framework(name)


# -- adding ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Imported:
    """What :func:`import_framework` did: the user's copy now saved, the user's copy it replaced, and the
    entry offered instead when another place has a later version."""

    entry: Entry
    replaced: Framework | None = None
    #: Another place's later version, which File › New offers instead of the one imported.
    shadowed_by: Entry | None = None


def import_framework(path: Path | str) -> Imported:
    """Validate the framework in ``path`` and copy it into the user frameworks folder as ``<id>.json``.

    Refused (FrameworkFileError) when it is not valid, or when the same id and version is already offered
    from elsewhere (the app or the organisation): give it a new version. A user copy of the same id is
    replaced. The copy is the validated model written afresh, private to the user (0600).
    """
    framework = read_framework_file(path)
    existing = library().get(framework.id)
    replaced: Framework | None = None
    if existing is not None:
        theirs = existing.framework.version
        if existing.origin != Origin.USER and _version_key(theirs) >= _version_key(framework.version):
            same = (
                "the same version"
                if theirs == framework.version
                else f"a newer version ({shown(theirs, 40)})"
            )
            raise FrameworkFileError(
                f"{shown(Path(path).name)}: the framework '{framework.id}' is already installed in "
                f"{same} ({existing.origin.value}); give the file a later version to add it."
            )
        if existing.origin == Origin.USER:
            replaced = existing.framework
    folder = user_frameworks_dir()
    target = folder / f"{framework.id}{SUFFIX}"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        atomic_write_bytes(target, framework.model_dump_json(indent=2).encode() + b"\n")
        os.chmod(target, 0o600)
    except OSError as error:
        raise FrameworkFileError(
            f"The framework cannot be saved in {shown(str(folder))} ({error.strerror or error})."
        ) from None
    offered = library().get(framework.id)
    return Imported(
        Entry(framework, Origin.USER, target),
        replaced,
        offered if offered is not None and offered.origin != Origin.USER else None,
    )


def schema() -> dict[str, Any]:
    """The JSON Schema of a framework file, generated from the model (what a framework author writes)."""
    generated: dict[str, Any] = Framework.model_json_schema()
    generated["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    generated.setdefault("title", "Inspector framework")
    return generated
