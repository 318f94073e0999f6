"""Autosave copies that survive a crash, kept in the user's own state folder, never beside the real file.

Each open inspection has a *key* (:func:`recovery_key`): a hash of its file's resolved path, or of the
inspection's id while it has never been saved. Autosave calls :func:`write_recovery`, which keeps two files
in :func:`recovery_dir`::

    <key>.inspection   an ordinary inspection file (the unsaved state), written atomically
    <key>.json         a small description, so a dialog can list copies without loading them:
                       {"recovery_of": "/path/Hertfordshire.inspection" | null, "saved_at": ISO time,
                        "force": ..., "framework": title, "inspection_id": ..., "size": ..., "sha256": ...,
                        "host": ..., "pid": ... (the writer, to tell a live autosave from a crash),
                        "counts": {"evidence_items": 25, "questions_graded": 3, "questions": 4, "words": 4180}}
                                   (words: -1 when not counted, for a copy of over 2 MB)

The description carries the size and hash of the copy it describes; if a crash fell between the two
writes, or the description is lost, :func:`list_recoveries` loads the copy itself instead, and a copy that
does not load is set aside in :func:`damaged_dir` (and logged), never deleted or overwritten. After a successful save or a deliberate close
without saving, the app calls :func:`discard_recovery` with the key. On start,
:func:`list_recoveries` (or :func:`recoveries_for` when opening a file) finds what a crash left.

Where: ``platformdirs.user_state_path("Inspector", appauthor=False) / "recovery"``, e.g.
``~/.local/state/Inspector/recovery`` on Linux, ``~/Library/Application Support/Inspector/recovery`` on
macOS, ``%LOCALAPPDATA%\\Inspector\\recovery`` on Windows. The environment variable ``INSPECTOR_STATE_DIR``
replaces the state folder (recovery copies then go to ``$INSPECTOR_STATE_DIR/recovery``); the tests set
it to a temporary folder. The recovery folder is created private to the user (mode 0700 on POSIX).

API::

    recovery_dir() -> Path
    recovery_key(original_path | None, inspection_id) -> str
    write_recovery(inspection, original_path | None, key) -> Path      # raises OSError
    prepare_recovery(...) -> PendingRecovery; PendingRecovery.write()  # serialise here, write anywhere
    RecoveryWriter().submit(pending, done) / .discard(key) / .wait()   # writes on a background thread
    damaged_dir() -> Path; take_set_aside() -> list[Path]             # copies that could not be read
    list_recoveries(*, include_running=True) -> list[Recovery]         # newest first
    recoveries_for(original_path) -> list[Recovery]
    discard_recovery(key) -> None
    Recovery.load() -> Inspection; Recovery.discard(); Recovery.keep_aside(folder) -> Path
    Recovery.writer_running() -> bool        # another window's live autosave, not a crash
    describe(recovery) -> str
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import hashlib
import json
import logging
import os
import re
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from .. import APP_NAME, __version__
from ..domain.inspection import Inspection
from ..worker_gc import collection_paused
from .atomic import atomic_write_bytes
from .errors import InspectionFileError
from .inspection_file import FILE_SUFFIX, dumps_inspection, load_inspection, loads_inspection
from .lock import describe_time, process_alive, same_host, this_host

log = logging.getLogger(__name__)

#: Environment variable naming the folder for the app's state (recovery copies go to its "recovery" folder).
STATE_DIR_ENV = "INSPECTOR_STATE_DIR"
_KEY = re.compile(r"[A-Za-z0-9_-]{1,100}")
_META_SUFFIX = ".json"
_MAX_META_BYTES = 64 * 1024
_STALE_TEMP_SECONDS = 24 * 3600
#: Fields of the inspection that hold identifiers or grades rather than words a person wrote.
_NOT_WORDS = frozenset(
    {"id", "kind", "question_id", "pillar_id", "diagnostic_id", "grade", "last_year_grade"}
)
#: In the file's JSON, enums, dates and citations are text too: not words a person wrote.
_NOT_WORDS_IN_FILE = _NOT_WORDS | {
    "evidence_ids",
    "source_type",
    "status",
    "created",
    "fieldwork_start",
    "fieldwork_end",
    "published",
    "date",
}
#: Copies up to this size have their words counted (the sample: 0.1 MB; 1,000 evidence items: 1.4 MB).
_COUNT_WORDS_UP_TO = 2 * 1024 * 1024
#: Keys this process has written copies for, to tell our own live autosaves from a dead process with our pid.
_written_here: set[str] = set()


def state_dir() -> Path:
    """The app's state folder: ``$INSPECTOR_STATE_DIR`` if set, else the platform's user state folder."""
    override = os.environ.get(STATE_DIR_ENV)
    if override:
        return Path(override)
    return platformdirs.user_state_path(APP_NAME, appauthor=False)


def recovery_dir() -> Path:
    """The folder of recovery copies (not created until the first copy is written)."""
    return state_dir() / "recovery"


def recovery_key(original_path: Path | str | None, inspection_id: uuid.UUID | str) -> str:
    """A stable, file-name-safe key for one open document.

    For a saved file: ``file-`` and a hash of its resolved path (so two names for one file agree, and the
    key survives restarts). For a document never saved: ``new-`` and a hash of the inspection's id. After
    the first Save As the key changes; discard the ``new-`` copy then.
    """
    if original_path is not None:
        resolved = os.path.normcase(str(Path(original_path).expanduser().resolve()))
        return "file-" + hashlib.sha256(resolved.encode("utf-8", "surrogatepass")).hexdigest()[:24]
    return "new-" + hashlib.sha256(str(inspection_id).encode("utf-8")).hexdigest()[:24]


@dataclass(frozen=True)
class Recovery:
    """One recovery copy, as described by its sidecar (or by loading it, when the sidecar is missing)."""

    key: str
    path: Path
    original_path: Path | None
    saved_at: dt.datetime
    force: str
    framework_title: str
    evidence_items: int
    questions_graded: int
    questions: int
    words: int
    size: int
    #: The computer and process that wrote the copy ("" and 0 when unknown).
    host: str = ""
    pid: int = 0

    def writer_running(self) -> bool:
        """Whether the process that wrote this copy still runs on this computer: then it is another window's
        (or this app's) live autosave, not something a crash left. Unknown writers count as not running."""
        if not self.host or self.pid <= 0 or not same_host(self.host, this_host()):
            return False
        if self.pid == os.getpid():
            return self.key in _written_here
        return process_alive(self.pid)

    @property
    def meta_path(self) -> Path:
        return self.path.with_name(self.key + _META_SUFFIX)

    @property
    def name(self) -> str:
        """The original file's name, or "an unsaved inspection"."""
        return self.original_path.name if self.original_path else "an unsaved inspection"

    def load(self) -> Inspection:
        """The inspection in the copy. Raises InspectionFileError like any file."""
        return load_inspection(self.path)

    def discard(self) -> None:
        """Delete the copy and its description (the user chose not to recover it). Missing files are fine."""
        _remove_pair(self.key, self.path.parent)

    def keep_aside(self, folder: Path | str) -> Path:
        """Move the copy into ``folder`` as an ordinary inspection file and return its path.

        Named after the original, e.g. "Hertfordshire (recovered 2024-05-14 1432).inspection"; an existing
        file is never overwritten (" 2", " 3" … are added). The recovery copy is deleted only once the new
        file is safely written; raises OSError with the recovery left as it was.
        """
        folder = Path(folder)
        data = self.path.read_bytes()
        stem = (
            self.original_path.stem
            if self.original_path
            else (_safe_name(self.force) or "Untitled inspection")
        )
        stamp = self.saved_at.astimezone().strftime("%Y-%m-%d %H%M")
        target = _claim(folder, f"{stem} (recovered {stamp})")
        try:
            atomic_write_bytes(target, data)
        except BaseException:
            with contextlib.suppress(OSError):
                if target.stat().st_size == 0:
                    target.unlink()
            raise
        self.discard()
        return target


def write_recovery(inspection: Inspection, original_path: Path | str | None, key: str) -> Path:
    """Write ``inspection`` as the recovery copy for ``key``; returns the copy's path.

    Both files are written atomically (the copy first), so a crash at any moment leaves the previous copy or
    the new one. Raises OSError (full disk, unwritable state folder): autosave should log it and carry on.
    """
    return prepare_recovery(inspection, original_path, key).write()


@dataclass(frozen=True)
class PendingRecovery:
    """A recovery copy made on the thread that owns the inspection, to be written on any thread.

    Making it costs one serialisation of the inspection; :meth:`write` (hashing, counting words, writing
    and syncing two files) is the larger part and touches nothing the editor changes.
    """

    key: str
    data: bytes
    meta: dict[str, Any]

    def write(self) -> Path:
        folder = recovery_dir()
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        path = folder / (self.key + FILE_SUFFIX)
        atomic_write_bytes(path, self.data)
        meta = dict(self.meta)
        meta["size"] = len(self.data)
        meta["sha256"] = hashlib.sha256(self.data).hexdigest()
        # Counting words reads the whole copy back in Python, holding the interpreter lock for a large one
        # while the editor types on another thread: a large copy says -1 (not counted) instead.
        words = _words_in(self.data) if len(self.data) <= _COUNT_WORDS_UP_TO else -1
        meta["counts"] = {**meta["counts"], "words": words}
        _written_here.add(self.key)
        # ASCII with escapes: a file name that is not UTF-8 (its bytes kept as surrogates) is still stored.
        atomic_write_bytes(folder / (self.key + _META_SUFFIX), json.dumps(meta, indent=1).encode("ascii"))
        _tidy_temporary_files(folder)
        return path


def prepare_recovery(inspection: Inspection, original_path: Path | str | None, key: str) -> PendingRecovery:
    if not _KEY.fullmatch(key):
        raise ValueError(f"not a recovery key: {key!r}")
    gradeable = {q.id for q in inspection.framework.questions() if q.graded}
    meta = {
        "recovery_of": str(Path(original_path).expanduser().resolve()) if original_path is not None else None,
        "saved_at": dt.datetime.now(dt.UTC).isoformat(),
        "force": inspection.force.name,
        "framework": inspection.framework.title,
        "inspection_id": str(inspection.id),
        "app_version": __version__,
        "host": this_host(),
        "pid": os.getpid(),
        "counts": {
            "evidence_items": len(inspection.evidence),
            "questions_graded": sum(
                1 for q in inspection.questions if q.question_id in gradeable and q.grade is not None
            ),
            "questions": len(gradeable),
        },
    }
    return PendingRecovery(key, dumps_inspection(inspection), meta)


def _words_in(data: bytes) -> int:
    """Words people wrote in an inspection file's bytes (the framework's own text left out)."""
    try:
        document = json.loads(data)["inspection"]
    except (ValueError, KeyError, TypeError):
        return 0
    document.pop("framework", None)
    return _count_words(document, not_words=_NOT_WORDS_IN_FILE)


class RecoveryWriter:
    """Writes recovery copies on one background thread, the latest copy per key, so that a large
    inspection's autosave does not hold up typing. :meth:`discard` waits for a copy being written for its
    key, so a copy never appears again after a save removed it."""

    def __init__(self) -> None:
        self._lock = threading.Condition()
        self._jobs: dict[str, tuple[PendingRecovery, Callable[[str, OSError | None], None]]] = {}
        self._busy: str | None = None
        self._thread: threading.Thread | None = None

    def submit(self, pending: PendingRecovery, done: Callable[[str, OSError | None], None]) -> None:
        """Write ``pending`` soon (replacing a copy for the same key not yet begun); ``done(key, error)`` is
        called on the writer's thread."""
        with self._lock:
            self._jobs[pending.key] = (pending, done)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="recovery-writer", daemon=True)
                self._thread.start()
            self._lock.notify_all()

    def discard(self, key: str) -> None:
        """Drop a copy not yet written for ``key``, wait for one being written, then delete the copy."""
        with self._lock:
            self._jobs.pop(key, None)
            while self._busy == key:
                self._lock.wait()
            discard_recovery(key)

    def wait(self, timeout: float = 30.0) -> bool:
        """Until every submitted copy is written (tests; closing the app); False on timeout."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while self._jobs or self._busy is not None:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._lock.wait(left)
        return True

    def _run(self) -> None:
        # Each job runs with collection paused (worker_gc.py), its bookkeeping and callback included;
        # only the waiting for and taking of the next job run unpaused.
        while True:
            with self._lock:
                while not self._jobs:
                    if not self._lock.wait(timeout=60):
                        self._thread = None  # idle a minute: the next submit starts another
                        return
                key = next(iter(self._jobs))
                pending, done = self._jobs.pop(key)
                self._busy = key
            with collection_paused():
                error: OSError | None = None
                try:
                    pending.write()
                except OSError as failure:
                    error = failure
                finally:
                    with self._lock:
                        self._busy = None
                        self._lock.notify_all()
                done(key, error)


def list_recoveries(*, include_running: bool = True) -> list[Recovery]:
    """Every recovery copy that can be read, newest first. One that cannot is set aside (logged, kept in
    :func:`damaged_dir`, reported once by :func:`take_set_aside`), so no autosave ever overwrites it.

    With ``include_running=False``, copies whose writer still runs (see :meth:`Recovery.writer_running`)
    are left out: what a start-up "recover unsaved work?" dialog should offer.
    """
    folder = recovery_dir()
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    found = []
    for name in names:
        key = name.removesuffix(FILE_SUFFIX)
        if key == name or not _KEY.fullmatch(key):
            continue
        recovery = _read_recovery(folder, key)
        if recovery is not None and (include_running or not recovery.writer_running()):
            found.append(recovery)
    found.sort(key=lambda r: r.saved_at, reverse=True)
    return found


def damaged_dir() -> Path:
    """Where recovery copies that could not be read are kept (never deleted by the app)."""
    return recovery_dir() / "damaged"


_set_aside_now: list[Path] = []


def take_set_aside() -> list[Path]:
    """The damaged copies set aside since the last call (for the window to say so once)."""
    taken = list(_set_aside_now)
    _set_aside_now.clear()
    return taken


def _set_aside(folder: Path, key: str) -> None:
    source = folder / (key + FILE_SUFFIX)
    if not source.exists():
        return
    target_folder = folder / "damaged"
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    try:
        target_folder.mkdir(mode=0o700, exist_ok=True)
        target = target_folder / f"{key}-{stamp}{FILE_SUFFIX}"
        os.replace(source, target)
        with contextlib.suppress(FileNotFoundError):
            os.replace(folder / (key + _META_SUFFIX), target.with_suffix(_META_SUFFIX))
    except OSError as error:
        log.warning("Could not set the damaged recovery copy %s aside: %s", source, error)
        return
    log.warning("Set the damaged recovery copy %s aside as %s", source, target)
    _set_aside_now.append(target)


def recoveries_for(original_path: Path | str) -> list[Recovery]:
    """The recovery copies of the file ``original_path`` (normally none or one), newest first."""
    key = recovery_key(original_path, "")
    return [r for r in list_recoveries() if r.key == key]


def discard_recovery(key: str) -> None:
    """Delete the recovery copy for ``key``, if any (after a successful save, or a close without saving)."""
    if _KEY.fullmatch(key):
        _remove_pair(key, recovery_dir())


def describe(recovery: Recovery, now: dt.datetime | None = None) -> str:
    """One sentence for a dialog: "Recovered copy of Hertfordshire.inspection taken at 14:32 today: 3 of 4
    questions graded, 25 evidence items." """
    what = recovery.name
    if recovery.original_path is None and recovery.force:
        what += f" of {recovery.force}"
    graded = f"{recovery.questions_graded} of {_plural(recovery.questions, 'question')} graded"
    evidence = _plural(recovery.evidence_items, "evidence item")
    return f"Recovered copy of {what} taken at {describe_time(recovery.saved_at, now)}: {graded}, {evidence}."


# -- internals ----------------------------------------------------------------------------------------


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def _counts(inspection: Inspection) -> dict[str, int]:
    gradeable = {q.id for q in inspection.framework.questions() if q.graded}
    return {
        "evidence_items": len(inspection.evidence),
        "questions_graded": sum(
            1 for q in inspection.questions if q.question_id in gradeable and q.grade is not None
        ),
        "questions": len(gradeable),
        "words": _count_words(inspection.model_dump(exclude={"framework"})),
    }


def _count_words(value: Any, key: str = "", not_words: frozenset[str] = _NOT_WORDS) -> int:
    if isinstance(value, dict):
        return sum(_count_words(v, k, not_words) for k, v in value.items())
    if isinstance(value, list):
        return sum(_count_words(v, key, not_words) for v in value)
    if isinstance(value, str) and not isinstance(value, enum.Enum) and key not in not_words:
        return len(value.split())
    return 0


def _read_recovery(folder: Path, key: str) -> Recovery | None:
    path = folder / (key + FILE_SUFFIX)
    try:
        data = path.read_bytes()
    except OSError as error:
        log.warning("Skipping the recovery copy %s: it could not be read (%s).", path, error)
        return None
    meta = _read_meta(folder / (key + _META_SUFFIX))
    original = _original(meta)
    if (
        meta is not None
        and meta.get("size") == len(data)
        and meta.get("sha256") == hashlib.sha256(data).hexdigest()
    ):
        try:
            counts = meta["counts"]
            return Recovery(
                key=key,
                path=path,
                original_path=original,
                saved_at=_aware(dt.datetime.fromisoformat(meta["saved_at"])),
                force=str(meta.get("force", "")),
                framework_title=str(meta.get("framework", "")),
                evidence_items=int(counts["evidence_items"]),
                questions_graded=int(counts["questions_graded"]),
                questions=int(counts["questions"]),
                words=int(counts["words"]),
                size=len(data),
                host=meta["host"] if isinstance(meta.get("host"), str) else "",
                pid=meta["pid"] if type(meta.get("pid")) is int else 0,
            )
        except (KeyError, TypeError, ValueError, OverflowError):
            pass
    # No usable description: describe the copy by loading it.
    try:
        inspection = loads_inspection(data, path.name)
        saved_at = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
    except (InspectionFileError, OSError) as error:
        log.warning("Skipping the recovery copy %s: %s", path, error)
        if isinstance(error, InspectionFileError):  # read but damaged: keep it where no autosave writes
            _set_aside(folder, key)
        return None
    counts = _counts(inspection)
    return Recovery(
        key=key,
        path=path,
        original_path=original,
        saved_at=saved_at,
        force=inspection.force.name,
        framework_title=inspection.framework.title,
        evidence_items=counts["evidence_items"],
        questions_graded=counts["questions_graded"],
        questions=counts["questions"],
        words=counts["words"],
        size=len(data),
    )


def _read_meta(path: Path) -> dict[str, Any] | None:
    try:
        with open(path, "rb") as handle:
            raw = handle.read(_MAX_META_BYTES + 1)
        meta = json.loads(raw.decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    return meta if isinstance(meta, dict) else None


def _original(meta: dict[str, Any] | None) -> Path | None:
    value = meta.get("recovery_of") if meta else None
    return Path(value) if isinstance(value, str) and value else None


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.astimezone()


def _remove_pair(key: str, folder: Path) -> None:
    _written_here.discard(key)
    # The copy first: a description without its copy is ignored, a copy without one is still offered.
    for suffix in (FILE_SUFFIX, _META_SUFFIX):
        with contextlib.suppress(FileNotFoundError):
            (folder / (key + suffix)).unlink()


_UNSAFE = re.compile(r'[\x00-\x1f<>:"/\\|?*]+')


def _safe_name(text: str) -> str:
    """``text`` fit to be a file name on any system."""
    return _UNSAFE.sub("-", text).strip(" .")[:80]


def _claim(folder: Path, stem: str) -> Path:
    """Create an empty file named ``stem`` (then " 2", " 3" …) + .inspection that did not exist; return it."""
    for n in range(1, 1000):
        target = folder / (f"{stem}{'' if n == 1 else f' {n}'}{FILE_SUFFIX}")
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        os.close(fd)
        return target
    raise FileExistsError(f"too many recovered copies of {stem} in {folder}")


def _tidy_temporary_files(folder: Path) -> None:
    """Remove temporary files a crash left in the recovery folder long ago."""
    now = time.time()
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if entry.name.startswith(".") and entry.name.endswith(".tmp"):
                with contextlib.suppress(OSError):
                    if now - entry.stat().st_mtime > _STALE_TEMP_SECONDS:
                        os.unlink(entry.path)
