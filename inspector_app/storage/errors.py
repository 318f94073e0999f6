"""The one error the storage layer raises, with a message written for the inspector, not the programmer."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path


class Problem(StrEnum):
    """What went wrong, for callers that react differently (the GUI offers Save As after a failed save)."""

    MISSING = "missing"
    FOLDER = "folder"
    NOT_A_FILE = "not_a_file"
    UNREADABLE = "unreadable"
    TOO_LARGE = "too_large"
    EMPTY = "empty"
    NOT_TEXT = "not_text"
    NOT_JSON = "not_json"
    TRUNCATED = "truncated"
    NOT_AN_INSPECTION = "not_an_inspection"
    WRONG_SHAPE = "wrong_shape"
    NEWER_VERSION = "newer_version"
    TOO_OLD = "too_old"
    BEYOND_LIMITS = "beyond_limits"
    WRITE_FAILED = "write_failed"


class InspectionFileError(Exception):
    """An inspection file could not be read or written.

    ``str(error)`` is a complete sentence naming the file and what is wrong, fit to show in a dialog or on
    the command line; ``problem`` says which case it is and ``reason`` is the part after the file name.
    """

    def __init__(self, path: Path | str, problem: Problem, reason: str, *, writing: bool = False) -> None:
        self.path = Path(path)
        self.problem = problem
        self.reason = reason
        verb = "save" if writing else "open"
        super().__init__(f'Cannot {verb} "{self.path.name}": {reason}')
