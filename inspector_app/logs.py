"""The app's log file: what went wrong, kept where a support person can ask for it. No Qt.

:func:`setup_logging` sends the app's log records (``inspector_app.*`` at INFO and above, anything else at
WARNING and above) to ``inspector.log`` in the user's log folder, rotated at 1 MB with five old files
kept (``inspector.log.1`` … ``inspector.log.5``). The folder is
``platformdirs.user_log_path("Inspector", appauthor=False)`` (e.g. ``~/.local/state/Inspector/log`` on
Linux, ``~/Library/Logs/Inspector`` on macOS, ``%LOCALAPPDATA%\\Inspector\\Logs`` on Windows), or the
folder named by the environment variable ``INSPECTOR_LOG_DIR``.

Calling it again adds no second handler (it returns the same path); if ``INSPECTOR_LOG_DIR`` changed in
between, the handler moves to the new file. :func:`stop_logging` removes it again (tests, shutdown).

A crash that Python cannot catch (a segmentation fault in Qt, an abort after a fatal Qt message) leaves
no log record. :func:`enable_crash_log` has :mod:`faulthandler` write the stack of every thread into
``crash.log`` beside the log at that moment; the next start says in the log that the last run crashed.
It never writes to stderr, which a windowed Windows build does not have.

API::

    setup_logging() -> Path
    enable_crash_log() -> Path
    log_dir() -> Path
    stop_logging() -> None
"""

from __future__ import annotations

import datetime as dt
import faulthandler
import io
import logging
import logging.handlers
import os
from pathlib import Path
from typing import IO

import platformdirs

from . import APP_NAME

#: Environment variable naming the folder for the log files.
LOG_DIR_ENV = "INSPECTOR_LOG_DIR"
LOG_FILE_NAME = "inspector.log"
MAX_BYTES = 1024 * 1024
BACKUP_COUNT = 5
_FORMAT = "%(asctime)s %(levelname)-7s %(name)s [%(process)d]: %(message)s"
_MARK = "_inspector_app_handler"
CRASH_FILE_NAME = "crash.log"
#: A crash log larger than this is started afresh (one dump is a few KB).
CRASH_MAX_BYTES = 256 * 1024
#: Each run's first line in the crash log; anything after the last one is what that run left.
CRASH_HEADER = "=== Inspector started"
#: The package logger's level before setup_logging changed it, restored by stop_logging.
_level_before: int | None = None
#: Kept open for faulthandler, which writes to its file descriptor when Python can no longer run.
_crash_file: IO[str] | None = None


def log_dir() -> Path:
    """Where the log files go: ``$INSPECTOR_LOG_DIR`` if set, else the platform's user log folder."""
    override = os.environ.get(LOG_DIR_ENV)
    if override:
        return Path(override)
    return platformdirs.user_log_path(APP_NAME, appauthor=False)


def setup_logging() -> Path:
    """Log to a rotating file (1 MB × 5) in :func:`log_dir`; return the log file's path. Idempotent.

    Raises OSError if the log folder cannot be created; the caller may carry on without a log file.
    """
    path = log_dir() / LOG_FILE_NAME
    root = logging.getLogger()
    for handler in _our_handlers():
        if handler.baseFilename == os.path.abspath(path):
            return path
        root.removeHandler(handler)
        handler.close()
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    handler = _PrivateRotatingFileHandler(
        path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True
    )
    handler.setFormatter(logging.Formatter(_FORMAT))
    handler.setLevel(logging.INFO)
    setattr(handler, _MARK, True)
    root.addHandler(handler)
    global _level_before
    package = logging.getLogger("inspector_app")
    if _level_before is None:
        _level_before = package.level
    if package.level == logging.NOTSET or package.level > logging.INFO:
        package.setLevel(logging.INFO)
    return path


def enable_crash_log() -> Path:
    """Have a fatal crash write every thread's stack into ``crash.log`` in :func:`log_dir`; idempotent.

    Logs a warning when the previous run's part of the file holds a dump (it crashed). Raises OSError if
    the file cannot be opened; the caller may carry on without it.
    """
    global _crash_file
    path = log_dir() / CRASH_FILE_NAME
    if _crash_file is not None and not _crash_file.closed and _crash_file.name == str(path):
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    if _last_run_crashed(path):
        logging.getLogger("inspector_app").warning("the last run crashed; its stack is in %s", path)
    try:
        fresh = path.stat().st_size > CRASH_MAX_BYTES
    except FileNotFoundError:
        fresh = True
    crash_file = open(path, "w" if fresh else "a", encoding="utf-8")  # noqa: SIM115 - kept open on purpose
    os.chmod(path, 0o600)  # the stack may name the files the user had open
    crash_file.write(
        f"{CRASH_HEADER} {dt.datetime.now().isoformat(timespec='seconds')} pid {os.getpid()} ===\n"
    )
    crash_file.flush()
    faulthandler.enable(file=crash_file, all_threads=True)
    if _crash_file is not None:
        _crash_file.close()
    _crash_file = crash_file
    return path


def _last_run_crashed(path: Path) -> bool:
    try:
        with open(path, "rb") as file:
            size = file.seek(0, os.SEEK_END)
            file.seek(max(0, size - CRASH_MAX_BYTES))
            tail = file.read().decode("utf-8", errors="replace")
    except FileNotFoundError:
        return False
    last_header = tail.rfind(CRASH_HEADER)
    if last_header < 0:
        return bool(tail.strip())
    after = tail[last_header:].partition("\n")[2]
    return bool(after.strip())


class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Log files are the user's alone (0600): a log names the files and forces the user worked on."""

    def _open(self) -> io.TextIOWrapper:
        descriptor = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        if os.name == "posix":
            os.chmod(self.baseFilename, 0o600)
        return io.TextIOWrapper(
            io.FileIO(descriptor, "a"), encoding=self.encoding, errors=self.errors, write_through=True
        )


def stop_logging() -> None:
    """Remove and close the handler :func:`setup_logging` added, if any."""
    global _level_before
    root = logging.getLogger()
    for handler in _our_handlers():
        root.removeHandler(handler)
        handler.close()
    if _level_before is not None:
        logging.getLogger("inspector_app").setLevel(_level_before)
        _level_before = None


def _our_handlers() -> list[logging.handlers.RotatingFileHandler]:
    return [h for h in logging.getLogger().handlers if getattr(h, _MARK, False)]  # type: ignore[misc]
