"""The app's log file: what went wrong, kept where a support person can ask for it. No Qt.

:func:`setup_logging` sends the app's log records (``inspector_app.*`` at INFO and above, anything else at
WARNING and above) to ``inspector.log`` in the user's log folder, rotated at 1 MB with five old files
kept (``inspector.log.1`` … ``inspector.log.5``). The folder is
``platformdirs.user_log_path("Inspector", appauthor=False)`` (e.g. ``~/.local/state/Inspector/log`` on
Linux, ``~/Library/Logs/Inspector`` on macOS, ``%LOCALAPPDATA%\\Inspector\\Logs`` on Windows), or the
folder named by the environment variable ``INSPECTOR_LOG_DIR``.

Calling it again adds no second handler (it returns the same path); if ``INSPECTOR_LOG_DIR`` changed in
between, the handler moves to the new file. :func:`stop_logging` removes it again (tests, shutdown).

API::

    setup_logging() -> Path
    log_dir() -> Path
    stop_logging() -> None
"""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

import platformdirs

from . import APP_NAME

#: Environment variable naming the folder for the log files.
LOG_DIR_ENV = "INSPECTOR_LOG_DIR"
LOG_FILE_NAME = "inspector.log"
MAX_BYTES = 1024 * 1024
BACKUP_COUNT = 5
_FORMAT = "%(asctime)s %(levelname)-7s %(name)s [%(process)d]: %(message)s"
_MARK = "_inspector_app_handler"
#: The package logger's level before setup_logging changed it, restored by stop_logging.
_level_before: int | None = None


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
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(
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
