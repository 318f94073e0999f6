"""Earlier versions of an inspection file, kept beside it each time a save replaces it.

Before a save replaces ``Hertfordshire.inspection``, the version on disk is copied into a hidden folder
beside it::

    Hertfordshire.inspection
    .Hertfordshire.inspection.backups/
        20240514-091402-118204~alice.inspection   <- the version alice saved, on disk until 09:14:02 UTC
        20240514-093517-003311~bob.inspection

Each copy is an ordinary inspection file (open it, or copy it over the real one, to go back). Names are the
UTC time the copy was taken (``YYYYmmdd-HHMMSS-ffffff``) and the account that saved that version, so they sort in time order whatever the clock or
time zone does later; each copy keeps the modification time of the version it preserves. Only the newest
``keep`` copies are kept.

A backup is a safety net, never an obstacle: :func:`keep_backup` does not raise for a problem with the
backup (full disk, read-only folder, odd permissions). It logs a warning and returns None, and the save goes
ahead. The copy is written atomically (temporary file, flushed to disk, renamed into place), so a crash
leaves either a whole backup or none.

API::

    keep_backup(path, keep=5, *, new_data=None) -> Path | None   # before replacing ``path``
    discard_backup(backup) -> None                               # the save failed after all: undo it
    list_backups(path) -> list[Backup]                           # newest first
    backup_folder(path) -> Path
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import re
import stat
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from . import atomic

log = logging.getLogger(__name__)

#: How many earlier versions a save keeps unless told otherwise.
DEFAULT_KEEP = 5
BACKUP_SUFFIX = ".inspection"
_STAMP_FORMAT = "%Y%m%d-%H%M%S-%f"
#: <UTC stamp>[~<who saved that version>].inspection
_NAME = re.compile(r"(\d{8}-\d{6}-\d{6})(?:~([A-Za-z0-9._-]{1,32}))?" + re.escape(BACKUP_SUFFIX))
_UNSAFE_AUTHOR = re.compile(r"[^A-Za-z0-9._-]+")
#: Temporary files older than this in a backup folder were left by a crash and are removed.
_STALE_TEMP_SECONDS = 3600


@dataclass(frozen=True)
class Backup:
    """One kept version: ``time`` is when it was set aside (UTC, aware), ``modified`` when it was saved."""

    path: Path
    time: dt.datetime
    size: int
    modified: dt.datetime
    #: Who saved that version (the account that owned the file), when known.
    author: str = ""


def backup_folder(path: Path | str) -> Path:
    """The folder that holds the backups of ``path``: ``.<name>.backups`` beside it."""
    path = Path(path)
    return path.parent / f".{path.name}.backups"


def list_backups(path: Path | str) -> list[Backup]:
    """The kept versions of ``path``, newest first; [] when there are none or the folder cannot be read.

    Only files named like a backup count: temporary files and anything else in the folder are ignored.
    """
    folder = backup_folder(path)
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    found = []
    for name in names:
        match = _NAME.fullmatch(name)
        if match is None:
            continue
        try:
            info = os.stat(folder / name)
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode):
            continue
        found.append(
            Backup(
                path=folder / name,
                time=_parse_stamp(match.group(1)),
                size=info.st_size,
                modified=dt.datetime.fromtimestamp(info.st_mtime, dt.UTC),
                author=match.group(2) or "",
            )
        )
    found.sort(key=lambda backup: backup.path.name, reverse=True)
    return found


def keep_backup(path: Path | str, keep: int = DEFAULT_KEEP, *, new_data: bytes | None = None) -> Path | None:
    """Copy the file now at ``path`` into its backup folder before a save replaces it; return the copy.

    Returns None, and makes no copy, when there is nothing to keep: ``keep`` is 0 or less, ``path`` does not
    exist or is not an ordinary file, or ``new_data`` (the bytes about to be saved) equals what is on disk.
    No copy is made either when the newest backup already holds exactly these bytes (e.g. a retried save).
    After copying, backups beyond the newest ``keep`` are deleted.

    Never raises for a problem with the backup itself: it logs a warning and returns None, leaving no
    half-written copy and no empty folder it created, so the save can go ahead.
    """
    path = Path(path)
    if keep <= 0:
        return None
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        log.warning("No backup of %s: it could not be examined (%s).", path, error)
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    try:
        current = path.read_bytes()
    except OSError as error:
        log.warning("No backup of %s: it could not be read (%s).", path, error)
        return None
    if new_data is not None and new_data == current:
        log.debug("No backup of %s: the new version is identical.", path)
        return None

    folder = backup_folder(path)
    existing = list_backups(path)
    if existing and existing[0].size == len(current) and _read_or_none(existing[0].path) == current:
        log.debug("No backup of %s: the newest backup already holds this version.", path)
        return None
    created_folder = False
    try:
        if not folder.is_dir():
            folder.mkdir(mode=atomic.PRIVATE_FOLDER)
            created_folder = True
        stamp = _next_stamp(existing[0].time if existing else None)
        author = _UNSAFE_AUTHOR.sub("-", _owner_name(info)).strip("-.")[:32]
        target = folder / (stamp.strftime(_STAMP_FORMAT) + (f"~{author}" if author else "") + BACKUP_SUFFIX)
        _write_copy(target, current, atomic.PRIVATE_FILE, info.st_mtime_ns)
    except Exception as error:  # a broken backup must never stop the save
        if created_folder:
            with contextlib.suppress(OSError):
                folder.rmdir()
        log.warning(
            "No backup of %s could be kept (%s); saving without one.",
            path,
            error,
            exc_info=not isinstance(error, OSError),
        )
        return None
    except BaseException:
        if created_folder:
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    _prune(folder, keep)
    return target


def discard_backup(backup: Path | str | None) -> None:
    """Delete a backup just made by :func:`keep_backup` (the save it prepared failed, so the file on disk
    is still that version), and its folder if that leaves it empty. Never raises."""
    if backup is None:
        return
    backup = Path(backup)
    try:
        backup.unlink(missing_ok=True)
    except OSError as error:
        log.warning("Could not remove the unneeded backup %s (%s).", backup, error)
        return
    with contextlib.suppress(OSError):
        backup.parent.rmdir()  # only succeeds when empty


# -- internals ----------------------------------------------------------------------------------------


def _owner_name(info: os.stat_result) -> str:
    """The account that owns a file: who saved it last (a save replaces the file, so it owns the new one)."""
    if os.name != "posix":
        return ""
    import pwd

    try:
        return pwd.getpwuid(info.st_uid).pw_name
    except (KeyError, OverflowError):
        return ""


def _parse_stamp(text: str) -> dt.datetime:
    return dt.datetime.strptime(text, _STAMP_FORMAT).replace(tzinfo=dt.UTC)


def _next_stamp(newest: dt.datetime | None) -> dt.datetime:
    """Now in UTC, but always after the newest backup, so names stay unique and in order if the clock
    steps back."""
    now = dt.datetime.now(dt.UTC)
    if newest is not None and now <= newest:
        now = newest + dt.timedelta(microseconds=1)
    return now


def _read_or_none(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _write_copy(target: Path, data: bytes, mode: int, mtime_ns: int) -> None:
    """Write ``data`` to ``target`` atomically: a temporary file beside it, flushed to disk, then renamed.

    The copy is private to the user (``mode``) and keeps the original's modification time.
    Never replaces an existing file of that name.
    """
    folder = target.parent
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            atomic.flush_to_disk(fd)
        finally:
            os.close(fd)
        os.chmod(temp_name, mode)
        os.utime(temp_name, ns=(time.time_ns(), mtime_ns))
        if target.exists():  # cannot happen with unique stamps; never overwrite a kept version
            raise FileExistsError(f"{target} already exists")
        os.replace(temp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    atomic.fsync_folder(folder)


def _prune(folder: Path, keep: int) -> None:
    """Delete all but the newest ``keep`` backups, and temporary files a crash left long ago."""
    try:
        names = os.listdir(folder)
    except OSError as error:
        log.warning("Could not tidy the backups in %s (%s).", folder, error)
        return
    kept = sorted((name for name in names if _NAME.fullmatch(name)), reverse=True)
    for name in kept[keep:]:
        try:
            os.unlink(folder / name)
        except OSError as error:
            log.warning("Could not delete the old backup %s (%s).", folder / name, error)
    now = time.time()
    for name in names:
        if name.startswith(".") and name.endswith(".tmp"):
            with contextlib.suppress(OSError):
                if now - os.stat(folder / name).st_mtime > _STALE_TEMP_SECONDS:
                    os.unlink(folder / name)
