"""The ``.inspection`` file: UTF-8 JSON holding one inspection, its framework snapshot and a format version;
a team's file also its ``team`` section (:mod:`.team_section`: the team, and the compressed CRDT history).

Loading never writes to the file; every way a file can be bad ends in one :class:`InspectionFileError`.
Saving is atomic (see :mod:`.atomic`): a failed save leaves the previous file exactly as it was.
"""

from __future__ import annotations

import errno
import functools
import hashlib
import json
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, StrictInt, ValidationError
from pydantic_core import PydanticSerializationError

from .. import APP_NAME, __version__
from ..domain.images import ImageError, check_image, check_total, figures
from ..domain.inspection import Inspection
from ..domain.limits import MAX_EVIDENCE_ITEMS, MAX_QUESTIONS, MAX_TEXT_CHARS, longest_text
from ..domain.text import scrub_surrogates, shown
from .atomic import atomic_write_bytes, through_links
from .backups import DEFAULT_KEEP, discard_backup, keep_backup
from .errors import InspectionFileError, Problem
from .migrations import registry
from .team_section import TeamSection

FILE_SUFFIX = ".inspection"
FORMAT_MARKER = "inspector.inspection"
#: Far above any format this app will ever have: a number beyond it is damage, not a newer version.
MAX_FORMAT_VERSION = 1_000_000
#: Far above any real inspection (10,000 evidence items make about 8 MB) and far below what hurts a laptop.
MAX_FILE_BYTES = 100 * 1024 * 1024


class InspectionFile(BaseModel):
    """The envelope around an inspection on disk."""

    model_config = ConfigDict(extra="forbid")

    format: Literal["inspector.inspection"]
    format_version: StrictInt
    saved_by: str = ""
    #: A team's file only (format 5); before the inspection, so a save finds it at the file's head.
    team: TeamSection | None = None
    inspection: Inspection


@dataclass(frozen=True)
class LoadedFile:
    """An inspection file's content: the inspection and, for a team's file, its team section."""

    inspection: Inspection
    team: TeamSection | None


class _Keep:
    """The default of :func:`save_inspection`'s ``team``: keep the team section the file on disk has."""


KEEP_TEAM = _Keep()


# -- reading ------------------------------------------------------------------------------------------


def load_inspection(path: Path | str) -> Inspection:
    """Read an inspection file, upgrading older formats in memory. Raises InspectionFileError."""
    return load_inspection_file(path).inspection


def load_inspection_file(path: Path | str) -> LoadedFile:
    """Read an inspection file with its team section (None for a file without a team)."""
    path = Path(path)
    return _parse(path, _read_bytes(path))


def loads_inspection(data: bytes, name: str = "inspection") -> Inspection:
    """Parse the bytes of an inspection file (bundled samples, tests); errors name ``name``."""
    return _parse(Path(name), data).inspection


def _cut_short(text: str, error: json.JSONDecodeError) -> bool:
    """Whether the JSON ends part-way through rather than being broken: the error is at its end, in a
    string left open, or at a word or number the end cuts off ("nu" of null, "tr" of true, "12" of 12.5)."""
    rest = text[error.pos :].rstrip()
    if not rest or error.msg.startswith("Unterminated string"):
        return True
    return any(word.startswith(rest) for word in ("null", "true", "false")) or bool(
        re.fullmatch(r"-?[0-9.eE+-]*", rest)
    )


def _parse(path: Path, data: bytes) -> LoadedFile:
    # Fast path: a valid file of the current version is parsed and validated in one pass by pydantic.
    try:
        envelope = InspectionFile.model_validate_json(data)
    except ValidationError:
        envelope = None
    if envelope is None or envelope.format_version != registry.current:
        envelope = _load_slowly(path, data)
    check_limits(path, envelope.inspection)
    return LoadedFile(envelope.inspection, envelope.team)


def check_limits(path: Path, inspection: Inspection) -> None:
    """Refuse what is beyond the documented caps (domain/limits.py), which the window could not handle;
    InspectionFileError naming ``path``. Loading runs it, and so does a team merge before writing."""
    fail = _failer(path)
    count = len(inspection.evidence)
    if count > MAX_EVIDENCE_ITEMS:
        raise fail(
            Problem.BEYOND_LIMITS,
            f"it holds {count:,} evidence items; {APP_NAME} takes at most {MAX_EVIDENCE_ITEMS:,}.",
        )
    questions = len(inspection.framework.questions())
    if questions > MAX_QUESTIONS:
        raise fail(
            Problem.BEYOND_LIMITS,
            f"its framework has {questions:,} questions; {APP_NAME} takes at most {MAX_QUESTIONS:,}.",
        )
    longest = longest_text(inspection)
    if longest is not None and longest[0] > MAX_TEXT_CHARS:
        length, record, field = longest
        raise fail(
            Problem.BEYOND_LIMITS,
            f"a text in it ({type(record).__name__} {field}) is {length:,} characters long; {APP_NAME} "
            f"takes at most {MAX_TEXT_CHARS:,} in one text.",
        )
    _check_images(path, inspection)


def _check_images(path: Path, inspection: Inspection) -> None:
    """Every figure's image is a whole PNG or JPEG of the kind it says, within the caps on one image's bytes
    and pixels and on all images together (domain/images.py reads only their headers): an image the
    window, the export or a word processor would choke on is refused, as damage or as beyond the limits."""
    fail = _failer(path)
    total = 0
    for figure in figures(inspection):
        if figure.image is None:
            continue
        try:
            check_image(figure.image)
        except ImageError as error:
            caption = shown(" ".join(figure.caption.split()), 60)
            named = f"the figure “{caption}”" if caption else "a figure without a caption"
            raise fail(
                Problem.BEYOND_LIMITS if error.beyond_limits else Problem.WRONG_SHAPE,
                f"{named} holds an image {APP_NAME} cannot use. {error}",
            ) from None
        total += len(figure.image.data)
    try:
        check_total(total)
    except ImageError as error:
        raise fail(Problem.BEYOND_LIMITS, str(error)) from None


def _load_slowly(path: Path, data: bytes) -> InspectionFile:
    """Diagnose a file that is not of the current version or not valid, upgrading it when it is older."""
    fail = _failer(path)
    if not data.strip():
        raise fail(Problem.EMPTY, "the file is empty. It may have been cut short while being copied.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise fail(Problem.NOT_TEXT, "it is not an inspection file (its content is not text).") from None
    document = _parse_json(path, text)
    if not isinstance(document, dict) or document.get("format") != FORMAT_MARKER:
        raise fail(
            Problem.NOT_AN_INSPECTION, "it is not an inspection file (it holds data of some other kind)."
        )
    version = document.get("format_version")
    if type(version) is not int:
        raise fail(Problem.WRONG_SHAPE, "the file is damaged: its format version is missing or not a number.")
    if not -MAX_FORMAT_VERSION <= version <= MAX_FORMAT_VERSION:  # damage, not a newer version: never quoted
        raise fail(Problem.WRONG_SHAPE, "the file is damaged: its format version is not a real one.")
    if version > registry.current:
        raise fail(
            Problem.NEWER_VERSION,
            f"it was made by a newer version of {APP_NAME} (file format {version}; this version reads up to "
            f"format {registry.current}). Install the newer version of {APP_NAME} to open it.",
        )
    if version < registry.oldest:
        raise fail(
            Problem.TOO_OLD,
            f"it was made by a version of {APP_NAME} too old for this one to read (file format {version}).",
        )
    try:
        # A lone surrogate escape ("\\ud800", written by some other tool) becomes U+FFFD, as on saving.
        document = registry.upgrade(scrub_surrogates(document), version)
        return InspectionFile.model_validate(document)
    except ValidationError as error:
        raise fail(Problem.WRONG_SHAPE, f"the file is damaged: {describe_validation_error(error)}") from None
    except RecursionError:
        raise fail(Problem.WRONG_SHAPE, "the file is damaged: its data is nested too deeply.") from None


def _read_bytes(path: Path) -> bytes:
    fail = _failer(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise fail(Problem.MISSING, f"there is no file at {path}.") from None
    except OSError as error:
        raise fail(Problem.UNREADABLE, f"it could not be read ({_os_reason(error)}).") from None
    if stat.S_ISDIR(info.st_mode):
        raise fail(Problem.FOLDER, "it is a folder, not an inspection file.")
    if not stat.S_ISREG(info.st_mode):
        raise fail(Problem.NOT_A_FILE, "it is not an ordinary file.")
    if info.st_size > MAX_FILE_BYTES:
        raise fail(Problem.TOO_LARGE, _too_large(info.st_size))
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise fail(Problem.UNREADABLE, f"it could not be read ({_os_reason(error)}).") from None
    if len(data) > MAX_FILE_BYTES:
        raise fail(Problem.TOO_LARGE, _too_large(len(data)))
    return data


def _parse_json(path: Path, text: str) -> Any:
    fail = _failer(path)
    try:
        return json.loads(text)
    except RecursionError:
        raise fail(
            Problem.NOT_AN_INSPECTION, "it is not an inspection file (its data is nested too deeply)."
        ) from None
    except json.JSONDecodeError as error:
        if _cut_short(text, error):
            raise fail(
                Problem.TRUNCATED,
                f"the file is incomplete: it ends part-way through (line {error.lineno}). It may have been cut "
                "short while being copied; look for a backup copy.",
            ) from None
        if text.lstrip()[:1] in ("{", "["):
            raise fail(
                Problem.NOT_JSON,
                f"the file is damaged: its text is broken at line {error.lineno}, column {error.colno}.",
            ) from None
        raise fail(
            Problem.NOT_JSON, "it is not an inspection file (its content is not in the inspection format)."
        ) from None
    except ValueError:  # e.g. a number of over 4,300 digits, which Python refuses to convert
        raise fail(Problem.NOT_JSON, "the file is damaged: it holds a number too long to be real.") from None


def _too_large(size: int) -> str:
    return (
        f"the file is {size / 1024 / 1024:.0f} MB, more than the {MAX_FILE_BYTES // 1024 // 1024} MB an inspection "
        "file can be. It is probably not an inspection file."
    )


def describe_validation_error(error: ValidationError) -> str:
    """The first problem of a pydantic error as "at questions › item 3 › grade: <what is wrong>"."""
    first = error.errors(include_url=False)[0]
    parts: list[str] = []
    location = first["loc"]
    if location == ("inspection",) and first["type"] == "value_error":
        location = ()  # a cross-record rule of the inspection: its message names the place itself
    elif len(location) > 1 and location[0] == "inspection":  # the envelope's one field says nothing useful
        location = location[1:]
    for part in location:
        if isinstance(part, int):
            parts.append(f"item {part + 1}")
        else:
            parts.append(str(part))
    message = first["msg"].removeprefix("Value error, ")
    place = " › ".join(parts)
    more = error.error_count() - 1
    extra = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
    return f"at {place}: {message}{extra}." if place else f"{message}{extra}."


# -- the version on disk -------------------------------------------------------------------------------


@dataclass(frozen=True)
class DiskVersion:
    """What a file on disk held when a window opened or saved it, to notice another program's save."""

    size: int
    mtime_ns: int
    sha256: str

    def same_content(self, other: DiskVersion | None) -> bool:
        return other is not None and (self.size, self.sha256) == (other.size, other.sha256)


def disk_version(path: Path | str) -> DiskVersion | None:
    """The version of the file at ``path`` now (None when there is none or it cannot be read)."""
    path = through_links(Path(path))
    try:
        info = path.stat()
        with open(path, "rb") as handle:
            digest = hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None
    return DiskVersion(info.st_size, info.st_mtime_ns, digest)


# -- writing ------------------------------------------------------------------------------------------


def dumps_inspection(inspection: Inspection, team: TeamSection | None = None) -> bytes:
    """The bytes of an inspection file for ``inspection`` (with ``team``, a team's file)."""
    envelope = InspectionFile(
        format=FORMAT_MARKER,
        format_version=registry.current,
        saved_by=f"{APP_NAME} {__version__}",
        team=team,
        inspection=inspection,
    )
    # A file without a team has no "team" key at all: exactly what it was before teams.
    exclude = {"team"} if team is None else None
    try:
        return envelope.model_dump_json(indent=1, exclude=exclude).encode("utf-8") + b"\n"
    except PydanticSerializationError:
        # A lone surrogate (half of an emoji, e.g. from a broken paste) cannot be stored as UTF-8; keep every
        # other character and mark the broken one with U+FFFD rather than refuse to save.
        document = scrub_surrogates(envelope.model_dump(mode="json", exclude=exclude))
        return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"


#: How the team section starts in a file this app wrote (top-level keys are indented by one space).
_TEAM_KEY = b'\n "team": {'
#: How a file this app wrote begins: the envelope's first keys, then the team section or the inspection.
_APP_HEAD = re.compile(
    rb'\{\n "format": "inspector\.inspection",\n "format_version": \d+,\n "saved_by": "(?:[^"\\]|\\.)*",\n'
    rb' "(?:team|inspection)": \{'
)
_HEAD_BYTES = 4096


def team_on_disk(path: Path | str) -> TeamSection | None:
    """The team section of the file at ``path``, or None (no file, no team, or unreadable). Cheap: in this
    app's layout only the section itself is parsed (a save keeps it, and parsing the whole inspection for
    it made a 10,000-item team's save four times a solo one's), and a file without one is searched, not
    parsed (a tool may have moved the section after the inspection)."""
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            head = handle.read(_HEAD_BYTES)
            ours = _APP_HEAD.match(head) is not None
            data = head + handle.read(MAX_FILE_BYTES + 1 - len(head)) if ours else b""
    except OSError:
        return None
    if ours and len(data) <= MAX_FILE_BYTES:
        # With one space of indent, a newline then ``"team": {`` is only ever the top-level key: newlines
        # inside strings are escaped, and nested keys are indented further.
        key = data.find(_TEAM_KEY)
        if key < 0:
            return None  # as this app writes a file without a team (a search of the bytes, not a parse)
        section = _team_section_at(data, key + len(_TEAM_KEY) - 1)
        if section is not None:
            return section
    try:  # laid out by another tool (keys re-indented or sorted): read the file the long way
        return load_inspection_file(path).team
    except InspectionFileError:
        return None


def _team_section_at(data: bytes, start: int) -> TeamSection | None:
    """The team section whose ``{`` is at byte ``start``, parsed on its own; None when it is not one."""
    try:
        value, _end = json.JSONDecoder().raw_decode(data[start:].decode("utf-8"))
        return TeamSection.model_validate(value)
    except (ValueError, ValidationError, RecursionError):  # UnicodeDecodeError is a ValueError
        return None


def save_inspection(
    inspection: Inspection,
    path: Path | str,
    *,
    backups: int = DEFAULT_KEEP,
    team: TeamSection | _Keep | None = KEEP_TEAM,
) -> str:
    """Write ``inspection`` to ``path`` atomically. Raises InspectionFileError; the old file stays intact.

    Before replacing a different earlier version, that version is copied into the backup folder beside the
    file and only the newest ``backups`` copies are kept (see :mod:`.backups`; 0 keeps none). A problem with
    the backup never stops the save; a failed save removes the copy it made, since the file is unchanged;
    when the disk is too full for both, the save is made without the copy. A symbolic link is saved
    through to the file it points to. Returns a sentence for the user when there is something to know
    (saved without a backup), else "".

    ``team``: the team section to write (:mod:`.team`), None for none; by default the one the file on
    disk has is kept, so a save that knows nothing of teams never takes a file out of its team (its
    history is then behind the inspection, and :func:`.team.open_team_file` brings it up to date).
    """
    path = through_links(Path(path))
    section = team_on_disk(path) if isinstance(team, _Keep) else team
    data = dumps_inspection(inspection, section)
    if len(data) > MAX_FILE_BYTES:  # it would save, and then never open again
        raise InspectionFileError(
            path,
            Problem.BEYOND_LIMITS,
            f"the inspection would make a file of {len(data) / 1024 / 1024:.0f} MB, more than the "
            f"{MAX_FILE_BYTES // 1024 // 1024} MB an inspection file can be, so it could not be opened again. "
            "Remove some figures' images, or large pasted text, and save again. The file on disk has not "
            "been changed.",
            writing=True,
        )
    backup = keep_backup(path, keep=backups, new_data=data) if backups > 0 else None
    try:
        atomic_write_bytes(path, data)
    except OSError as error:
        discard_backup(backup)
        if backup is not None and error.errno == errno.ENOSPC:
            try:  # the backup took the room the new version needed: keep the new version instead
                atomic_write_bytes(path, data)
            except OSError as again:
                error = again
            else:
                return (
                    "Saved, but without keeping a copy of the previous version: the disk is nearly full. "
                    "Free some space on it soon."
                )
        raise InspectionFileError(
            path,
            Problem.WRITE_FAILED,
            f"{_write_reason(path, error)} The file on disk has not been changed.",
            writing=True,
        ) from error
    return ""


def _write_reason(path: Path, error: OSError) -> str:
    folder = path.parent
    if error.errno == errno.ENOSPC:
        return "the disk is full."
    if error.errno in (errno.EACCES, errno.EPERM):
        return f"you do not have permission to write to {folder}."
    if error.errno == errno.EROFS:
        return f"{folder} is on a read-only disk."
    if error.errno == errno.ENOENT:
        return f"the folder {folder} no longer exists (was a USB stick or network drive disconnected?)."
    if error.errno == errno.EISDIR:
        return f"{path} is a folder."
    return f"the file could not be written ({_os_reason(error)})."


def _os_reason(error: OSError) -> str:
    return (error.strerror or str(error)).lower() if error.errno else str(error)


def _failer(path: Path) -> Callable[[Problem, str], InspectionFileError]:
    return functools.partial(InspectionFileError, path)
