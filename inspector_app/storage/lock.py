"""Tell two people (or two windows) apart before both edit the same inspection file.

While ``Hertfordshire.inspection`` is open, a small lock file sits beside it::

    .~lock.Hertfordshire.inspection#

(the name LibreOffice uses for the same purpose; Dropbox, OneDrive and most backup tools skip ``.~`` files).
It holds JSON naming who has the file open::

    {"user": "jsmith", "host": "LAPTOP-12", "pid": 4242, "since": "2024-05-14T09:14:02+01:00",
     "app": "Inspector", "app_version": "0.1.0", "token": "<random>"}

:func:`acquire` creates it with ``O_CREAT | O_EXCL``, so of two programs racing for a file exactly one wins.
If a lock file is already there, it is *stale*, and replaced, when it is unreadable or not a lock of ours,
or when it was written on this computer by a process that no longer runs; otherwise :func:`acquire` raises
:class:`LockedError` naming the owner. A lock from another computer is never stale here: only the user can
tell that the other laptop crashed (the GUI may then call ``acquire(path, steal=True)``).

A lock file is written by whoever can write to the folder, so what it says is quoted, never trusted: the
messages show its user and host names on one line, shortened to :data:`QUOTE_LIMIT` characters, with
control and direction-changing characters escaped and markup characters replaced (:func:`shown`).

The lock is advice between instances of the app, nothing more: it never touches the inspection file
itself, and any problem with it (read-only folder, network share refusing the file) raises
:class:`LockFailedError`, which the GUI may report and then open the file anyway.

Process liveness: on POSIX ``os.kill(pid, 0)``; on Windows ``OpenProcess`` + ``GetExitCodeProcess``
through ctypes (if that fails for any reason, the process is assumed to be alive). A pid reused by another
program since the crash looks alive, so such a lock is reported, not broken (the safe mistake). Pids are
compared within one pid namespace: instances sandboxed with separate pid namespaces (e.g. Flatpak) on the
same host should not rely on the staleness test.

API::

    acquire(path, *, steal=False) -> Lock        # raises LockedError / LockFailedError
    Lock.release(); Lock.still_ours(); with acquire(path) as lock: ...
    read_owner(path) -> Owner | None
    describe_owner(owner) -> str                 # "jsmith on LAPTOP-12", fit to quote (see shown)
    shown(text, limit=80) -> str                 # text from a lock file, one line, escaped, shortened
    is_stale(owner) -> bool
    lock_path(path) -> Path
    describe_time(moment) -> str                 # "09:14 today", also used by recovery.describe
    this_host(), same_host(a, b), process_alive(pid)
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import getpass
import json
import logging
import os
import secrets
import socket
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from .. import APP_NAME, __version__
from ..domain.text import shown

log = logging.getLogger(__name__)

#: A lock that does not parse may be one another program has created but not yet written; wait this long
#: (seconds) for it to become readable before treating it as corrupt.
CORRUPT_GRACE_SECONDS = 0.5
_POLL_SECONDS = 0.05
_MAX_LOCK_BYTES = 64 * 1024
#: Characters of a user or host name (or a file name) a message quotes.

#: Tokens of the locks this process holds now, to tell our own lock from a dead process that had our pid.
_held_tokens: set[str] = set()


class LockError(Exception):
    """Base of the lock errors; ``str(error)`` is a sentence fit for a dialog."""


class LockedError(LockError):
    """Someone else has the file open. ``owner`` says who, where and since when."""

    def __init__(self, path: Path, owner: Owner) -> None:
        self.path = Path(path)
        self.owner = owner
        super().__init__(
            f"{shown(self.path.name)} is open by {describe_owner(owner)} since {describe_time(owner.since)}."
        )


class LockFailedError(LockError):
    """The lock file could not be created or read (read-only folder, network share); the file itself is
    untouched. ``error`` is the OSError."""

    def __init__(self, path: Path, error: OSError) -> None:
        self.path = Path(path)
        self.error = error
        reason = (error.strerror or str(error)).lower() if error.errno else str(error)
        super().__init__(
            f"Cannot mark {shown(self.path.name)} as open ({shown(reason, 200)}); others will not be warned "
            "that you are editing it."
        )


@dataclass(frozen=True)
class Owner:
    """Who holds a lock: as written in the lock file."""

    user: str
    host: str
    pid: int
    since: dt.datetime
    app_version: str = ""
    token: str = ""

    @property
    def on_this_host(self) -> bool:
        return _same_host(self.host, _host())

    @property
    def is_this_process(self) -> bool:
        """A lock this very process holds (the file is already open in another window of this app)."""
        return self.on_this_host and self.pid == os.getpid() and self.token in _held_tokens

    def to_json(self) -> bytes:
        return json.dumps(
            {
                "user": self.user,
                "host": self.host,
                "pid": self.pid,
                "since": self.since.isoformat(timespec="seconds"),
                "app": APP_NAME,
                "app_version": self.app_version,
                "token": self.token,
            },
            ensure_ascii=False,
            indent=1,
        ).encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes) -> Owner:
        """Raises ValueError (or a subclass) when ``data`` is not a lock written by this app."""
        document = json.loads(data.decode("utf-8"))
        if not isinstance(document, dict):
            raise ValueError("not an object")
        user, host, pid, since = (document.get(k) for k in ("user", "host", "pid", "since"))
        if not (isinstance(user, str) and isinstance(host, str) and isinstance(since, str)):
            raise ValueError("user, host or since missing")
        if type(pid) is not int or pid <= 0:
            raise ValueError("no valid pid")
        when = dt.datetime.fromisoformat(since)
        if when.tzinfo is None:
            when = when.astimezone()
        version, token = document.get("app_version", ""), document.get("token", "")
        return cls(
            user,
            host,
            pid,
            when,
            version if isinstance(version, str) else "",
            token if isinstance(token, str) else "",
        )


def lock_path(path: Path | str) -> Path:
    """The lock file of the inspection file ``path``: ``.~lock.<name>#`` beside it."""
    path = Path(path)
    return path.parent / f".~lock.{path.name}#"


class Lock:
    """A lock this process holds on ``path``. Release it when the file is closed (or use ``with``)."""

    def __init__(self, path: Path, owner: Owner) -> None:
        self.path = Path(path)
        self.lock_path = lock_path(path)
        self.owner = owner
        self._released = False

    @property
    def released(self) -> bool:
        return self._released

    def still_ours(self) -> bool:
        """Whether the lock file still names this lock (someone may have broken it with ``steal=True``)."""
        state, owner, _ = _read(self.lock_path)
        return state == "ok" and owner is not None and owner.token == self.owner.token

    def release(self) -> None:
        """Delete the lock file if it is still ours; leave anyone else's alone. Idempotent; never raises."""
        if self._released:
            return
        self._released = True
        _held_tokens.discard(self.owner.token)
        state, owner, _ = _read(self.lock_path)
        if state == "missing":
            return
        if state != "ok" or owner is None or owner.token != self.owner.token:
            log.warning("Not removing %s: it is no longer our lock.", self.lock_path)
            return
        try:
            os.unlink(self.lock_path)
        except FileNotFoundError:
            pass
        except OSError as error:
            log.warning("Could not remove the lock %s (%s).", self.lock_path, error)

    def __enter__(self) -> Lock:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.release()

    def __repr__(self) -> str:
        return f"<Lock {self.lock_path} {'released' if self._released else 'held'}>"


def acquire(path: Path | str, *, steal: bool = False) -> Lock:
    """Mark ``path`` as open by this process and return the :class:`Lock`.

    Raises :class:`LockedError` when another live owner holds it (unless ``steal``, which replaces any lock:
    use only after the user confirmed), or :class:`LockFailedError` when the lock file cannot be made.
    A stale or corrupt lock is replaced (and logged). The inspection file itself is never touched.
    """
    path = Path(path)
    target = lock_path(path)
    for _attempt in range(5):
        owner = _new_owner()
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        except FileExistsError:
            state, existing, raw = _read_settled(target)
            if state == "missing":
                continue  # released between our attempt and our look: try again
            if state == "error":
                assert isinstance(raw, OSError)
                raise LockFailedError(path, raw) from raw
            if raw is None:  # a folder has the lock file's name: not ours to delete
                raise LockFailedError(
                    path, IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
                ) from None
            if state == "ok" and existing is not None and not steal and not is_stale(existing):
                raise LockedError(path, existing) from None
            why = "taken over at the user's request" if steal else "stale" if state == "ok" else "corrupt"
            log.warning("Replacing the lock %s, %s (%s).", target, why, existing or "unreadable")
            _remove_if_unchanged(path, target, raw if isinstance(raw, bytes) else None)
            continue
        except OSError as error:
            raise LockFailedError(path, error) from error
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(owner.to_json())
                handle.flush()
                with contextlib.suppress(OSError):
                    os.fsync(handle.fileno())
        except OSError as error:
            with contextlib.suppress(OSError):
                os.unlink(target)
            raise LockFailedError(path, error) from error
        _held_tokens.add(owner.token)
        return Lock(path, owner)
    raise LockFailedError(path, OSError(0, "another program keeps changing the lock file"))


def read_owner(path: Path | str) -> Owner | None:
    """Who holds the lock on the inspection file ``path``; None when there is no lock or it is unreadable."""
    state, owner, _ = _read(lock_path(path))
    return owner if state == "ok" else None


def is_stale(owner: Owner) -> bool:
    """True when ``owner`` surely no longer has the file open: a process of this computer that has ended.

    A lock from another computer is never stale (we cannot see its processes). A lock naming this
    process's pid but not a lock this process holds was left by an earlier process that had the same pid.
    """
    if not owner.on_this_host:
        return False
    if owner.pid == os.getpid():
        return owner.token not in _held_tokens
    return not _pid_alive(owner.pid)


def describe_owner(owner: Owner) -> str:
    """ "jsmith on LAPTOP-12": who holds a lock, as a message may quote it (see :func:`shown`)."""
    return f"{shown(owner.user) or 'someone'} on {shown(owner.host) or 'an unnamed computer'}"


def this_host() -> str:
    """This computer's name, as lock files record it."""
    return _host()


def same_host(a: str, b: str) -> bool:
    """Whether two recorded host names are one computer (compared without case or domain)."""
    return _same_host(a, b)


def process_alive(pid: int) -> bool:
    """Whether process ``pid`` of this computer still runs; when unsure, True (the safe mistake)."""
    return _pid_alive(pid)


def describe_time(moment: dt.datetime, now: dt.datetime | None = None) -> str:
    """A moment as a person says it, in local time: "09:14 today", "17:02 yesterday", "09:14 on 3 May",
    "09:14 on 3 May 2023"."""
    now = (now or dt.datetime.now().astimezone()).astimezone()
    local = moment.astimezone(now.tzinfo) if moment.tzinfo else moment
    clock = local.strftime("%H:%M")
    days = (now.date() - local.date()).days
    if days == 0:
        return f"{clock} today"
    if days == 1:
        return f"{clock} yesterday"
    day = f"{local.day} {local.strftime('%B')}"
    if local.year != now.year:
        day += f" {local.year}"
    return f"{clock} on {day}"


# -- internals ----------------------------------------------------------------------------------------


def _new_owner() -> Owner:
    return Owner(
        user=_user(),
        host=_host(),
        pid=os.getpid(),
        since=dt.datetime.now().astimezone().replace(microsecond=0),
        app_version=__version__,
        token=secrets.token_hex(16),
    )


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name in the environment or password database
        return "someone"


def _host() -> str:
    try:
        return socket.gethostname() or "this computer"
    except OSError:
        return "this computer"


def _same_host(a: str, b: str) -> bool:
    """Host names compared without case or domain: "LAPTOP-12" is "laptop-12.force.local"."""
    return a.split(".")[0].casefold() == b.split(".")[0].casefold()


def _read(target: Path) -> tuple[str, Owner | None, bytes | OSError | None]:
    """("missing", None, None), ("ok", owner, raw), ("corrupt", None, raw) or ("error", None, OSError)."""
    try:
        with open(target, "rb") as handle:
            raw = handle.read(_MAX_LOCK_BYTES + 1)
    except FileNotFoundError:
        return "missing", None, None
    except IsADirectoryError:
        return "corrupt", None, None
    except OSError as error:
        return "error", None, error
    try:
        return "ok", Owner.from_json(raw), raw
    except (ValueError, UnicodeDecodeError, OverflowError, RecursionError):
        return "corrupt", None, raw


def _read_settled(target: Path) -> tuple[str, Owner | None, bytes | OSError | None]:
    """Read a lock, waiting briefly if it is corrupt: it may be one being written this instant."""
    deadline = time.monotonic() + CORRUPT_GRACE_SECONDS
    while True:
        result = _read(target)
        if result[0] != "corrupt" or time.monotonic() >= deadline:
            return result
        time.sleep(_POLL_SECONDS)


def _remove_if_unchanged(path: Path, target: Path, expected: bytes | None) -> None:
    """Remove a stale lock, unless it changed since we judged it (another program replaced it first)."""
    state, _, raw = _read(target)
    if state == "missing" or (expected is not None and raw != expected):
        return
    with contextlib.suppress(FileNotFoundError):
        try:
            os.unlink(target)
        except OSError as error:
            raise LockFailedError(path, error) from error


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":
        return _windows_pid_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, owned by another user
    except OSError:
        return True  # cannot tell: assume alive, the safe mistake
    return True


def _windows_pid_alive(pid: int) -> bool:
    """OpenProcess + GetExitCodeProcess; any failure other than "no such process" counts as alive."""
    try:
        import ctypes
        from ctypes import wintypes

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
        kernel32.OpenProcess.argtypes = (wintypes.DWORD, wintypes.BOOL, wintypes.DWORD)
        kernel32.OpenProcess.restype = wintypes.HANDLE
        kernel32.GetExitCodeProcess.argtypes = (wintypes.HANDLE, ctypes.POINTER(wintypes.DWORD))
        kernel32.GetExitCodeProcess.restype = wintypes.BOOL
        kernel32.CloseHandle.argtypes = (wintypes.HANDLE,)
        kernel32.CloseHandle.restype = wintypes.BOOL
        process_query_limited_information = 0x1000
        still_active = 259
        error_invalid_parameter = 87
        handle = kernel32.OpenProcess(process_query_limited_information, False, pid)
        if not handle:
            return bool(ctypes.get_last_error() != error_invalid_parameter)  # type: ignore[attr-defined,unused-ignore]
        try:
            code = wintypes.DWORD()
            if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
                return True
            return code.value == still_active
        finally:
            kernel32.CloseHandle(handle)
    except Exception:  # noqa: BLE001 - when in doubt the owner is alive and the lock is kept
        return True
