"""A round on disk: a folder holding one ``.inspection`` file per force.

:func:`new_round` makes the files (refusing to replace any unless told), :func:`read_round` reads them
(a file that cannot be read is reported, never changed), :func:`carry_forward_round` carries last year's
grades into this year's files and says, in plain lines, what matched and what did not. The rules are in
:mod:`inspector_app.domain.rounds`; every file is written with the atomic save of :mod:`.inspection_file`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..domain.framework import Framework
from ..domain.inspection import Inspection, new_inspection
from ..domain.rounds import (
    ROUND_FILE_SUFFIX,
    RoundError,
    RoundForce,
    carry_forward,
    force_key,
    framework_names,
    round_file_name,
)
from ..domain.text import shown
from .errors import InspectionFileError
from .inspection_file import load_inspection, save_inspection
from .lock import describe_owner, is_stale, read_owner

#: How many names a line lists before it says "and N more".
_NAMES_IN_A_LINE = 5


@dataclass(frozen=True)
class RoundFile:
    path: Path
    inspection: Inspection


@dataclass
class RoundFolder:
    """The inspections of a round folder that could be read, in file-name order, and those that could not
    (path, the reason in a sentence)."""

    folder: Path
    files: list[RoundFile] = field(default_factory=list)
    unreadable: list[tuple[Path, str]] = field(default_factory=list)


def round_paths(folder: Path) -> list[Path]:
    """The inspection files directly in ``folder`` (not its backups, locks or hidden files), by name."""
    if not folder.is_dir():
        raise RoundError(
            f"the folder {folder} does not exist." if not folder.exists() else f"{folder} is not a folder."
        )
    try:
        entries = list(folder.iterdir())
    except OSError as error:
        raise RoundError(f"the folder {folder} cannot be read ({error.strerror or error}).") from None
    return sorted(
        (
            p
            for p in entries
            if p.name.endswith(ROUND_FILE_SUFFIX) and not p.name.startswith(".") and not p.is_dir()
        ),
        key=lambda p: (p.name.casefold(), p.name),
    )


def read_round(folder: Path | str) -> RoundFolder:
    """Every inspection file of a round folder, read (none is changed). RoundError when it is no folder."""
    folder = Path(folder)
    found = RoundFolder(folder)
    for path in round_paths(folder):
        try:
            found.files.append(RoundFile(path, load_inspection(path)))
        except InspectionFileError as error:
            found.unreadable.append((path, str(error)))
    return found


# -- a new round ---------------------------------------------------------------------------------------------


def _open_elsewhere(path: Path) -> str | None:
    """Who has ``path`` open in Inspector now ("jsmith on LAPTOP-12"), or None."""
    owner = read_owner(path) if path.exists() else None
    return describe_owner(owner) if owner is not None and not is_stale(owner) else None


def new_round(
    framework: Framework,
    forces: Sequence[RoundForce],
    folder: Path | str,
    *,
    overwrite: bool = False,
    ignore_lock: bool = False,
    authors: Sequence[str] = (),
) -> list[Path]:
    """One new inspection per force in ``folder`` (made if need be), named by :func:`round_file_name`;
    returns the paths. Nothing is written when any file exists (unless ``overwrite``) or, replacing, is
    open in Inspector (unless ``ignore_lock``). Raises RoundError, or InspectionFileError when a save fails
    (the files made before it stay)."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise RoundError(f"{folder} is not a folder.")
    targets = [folder / round_file_name(force) for force in forces]
    if len({t.name.casefold() for t in targets}) != len(targets):
        raise RoundError("two forces would have the same file name; give one of them a 'file' of its own.")
    existing = [t for t in targets if t.exists() or t.is_symlink()]
    if existing and not overwrite:
        raise RoundError(
            f"{_count(len(existing), 'file')} of the round already exist in {folder} "
            f"({_names([t.name for t in existing])}); add --overwrite to replace them. Nothing was written."
        )
    busy = [(t, who) for t in existing if (who := _open_elsewhere(t)) is not None]
    if busy and not ignore_lock:
        path, who = busy[0]
        raise RoundError(
            f"{path.name} is open in Inspector by {who}"
            f"{f' (and {len(busy) - 1} more files are open)' if len(busy) > 1 else ''}; close it there first, "
            "or add --ignore-lock to replace it anyway. Nothing was written."
        )
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)  # a round's files are the user's alone
    except OSError as error:
        raise RoundError(f"the folder {folder} cannot be made ({error.strerror or error}).") from None
    made: list[Path] = []
    for force, target in zip(forces, targets, strict=True):
        inspection = new_inspection(
            framework, force_name=force.name, force_short_name=force.short, authors=list(authors)
        )
        try:
            save_inspection(inspection, target)
        except InspectionFileError as error:
            raise RoundError(
                f"{error} {_count(len(made), 'file')} of {len(targets)} had been made; "
                "run again with --overwrite when the problem is fixed."
            ) from None
        made.append(target)
    return made


# -- carrying last year forward --------------------------------------------------------------------------------


@dataclass
class CarryReport:
    """What :func:`carry_forward_round` did, and plain lines saying so (:meth:`lines`)."""

    this_folder: Path
    #: (last year's file, this year's file) of each force found in both.
    matched: list[tuple[Path, Path]] = field(default_factory=list)
    #: This year's files changed (or, in a dry run, that would be).
    changed: list[Path] = field(default_factory=list)
    question_grades: int = 0
    pillar_grades: int = 0
    text_copied: int = 0
    #: Lines about what did not match, each one fact.
    problems: list[str] = field(default_factory=list)
    #: This year's files that could not be read or written: they are unchanged.
    failed: list[str] = field(default_factory=list)
    dry_run: bool = False

    def lines(self) -> list[str]:
        verb = "Would change" if self.dry_run else "Changed"
        text = f", summary points of {_count(self.text_copied, 'question')}" if self.text_copied else ""
        summary = (
            f"Matched {_count(len(self.matched), 'force')} between the two folders. {verb} "
            f"{_count(len(self.changed), 'file')} in {self.this_folder}: last year's grade of "
            f"{_count(self.question_grades, 'question')} and {_count(self.pillar_grades, 'pillar')}{text}."
        )
        lines = [summary, *self.problems]
        lines += self.failed
        return lines


def carry_forward_round(
    last_folder: Path | str,
    this_folder: Path | str,
    mapping: dict[str, str] | None = None,
    *,
    text: bool = False,
    dry_run: bool = False,
    ignore_lock: bool = False,
) -> CarryReport:
    """Carry last year's grades (and with ``text`` summary points) into this year's round, file by file,
    matching forces by name and questions by id through ``mapping`` (see
    :func:`inspector_app.domain.rounds.carry_forward`). A file that cannot be read, or is open in Inspector
    (unless ``ignore_lock``), is reported and left as it is; with ``dry_run`` nothing is written."""
    mapping = mapping or {}
    last, this = read_round(last_folder), read_round(this_folder)
    report = CarryReport(this.folder, dry_run=dry_run)
    for path, reason in last.unreadable:
        report.problems.append(
            f"Last year's {_file(path)} could not be read, so nothing was carried from it: {reason}"
        )
    for path, reason in this.unreadable:
        report.failed.append(f"Not changed: {_file(path)} could not be read: {reason}")
    last_by_force, this_by_force = (
        _by_force(last.files, "last year's", report),
        _by_force(this.files, "this year's", report),
    )
    missing_last = [f for key, f in this_by_force.items() if key not in last_by_force]
    missing_this = [f for key, f in last_by_force.items() if key not in this_by_force]
    if missing_last:
        report.problems.append(
            f"No file for {_count(len(missing_last), 'force')} in last year's folder {last.folder}: "
            + _names(_described(missing_last), limit=len(missing_last))
        )
    if missing_this:
        report.problems.append(
            f"No file for {_count(len(missing_this), 'force')} in this year's folder {this.folder}: "
            + _names(_described(missing_this), limit=len(missing_this))
        )
    last_frameworks = framework_names(f.inspection for f in last.files)
    this_frameworks = framework_names(f.inspection for f in this.files)
    if last.files and this.files and last_frameworks != this_frameworks:
        report.problems.append(
            f"Last year's files are against {'; '.join(last_frameworks)}, this year's against "
            f"{'; '.join(this_frameworks)}: questions are matched by id, and by the map."
        )
    unmatched_old: Counter[str] = Counter()
    unmatched_new: Counter[str] = Counter()
    numbers: dict[str, str] = {}
    notes: dict[str, list[str]] = defaultdict(list)
    for key, target in this_by_force.items():
        source = last_by_force.get(key)
        if source is None:
            continue
        report.matched.append((source.path, target.path))
        result = carry_forward(source.inspection, target.inspection, mapping, text=text)
        unmatched_old.update(result.unmatched_old)
        unmatched_new.update(result.unmatched_new)
        for question_id in result.unmatched_new:
            numbers[question_id] = target.inspection.framework.core(question_id).number
        for note in result.notes:
            notes[note].append(_file(target.path))
        if not result.modified:
            continue
        who = None if ignore_lock else _open_elsewhere(target.path)
        if who is not None:
            report.failed.append(
                f"Not changed: {_file(target.path)} is open in Inspector by {who}; close it there and run again."
            )
            continue
        if not dry_run:
            try:
                save_inspection(target.inspection, target.path)
            except InspectionFileError as error:
                report.failed.append(f"Not changed: {error}")
                continue
        report.changed.append(target.path)
        question_ids = {q.question_id for q in target.inspection.questions}
        report.question_grades += sum(1 for i in result.changed if i in question_ids)
        report.pillar_grades += sum(1 for i in result.changed if i not in question_ids)
        report.text_copied += len(result.text_copied)
    for question_id, count in sorted(unmatched_old.items()):
        report.problems.append(
            f"Last year's question '{shown(question_id, 60)}' has no question of that id this year "
            f"({_count(count, 'force')}); its grade was not carried. Map it in a file given with --map "
            "(old_question_id,new_question_id)."
        )
    for question_id, count in sorted(unmatched_new.items(), key=lambda item: numbers[item[0]]):
        report.problems.append(
            f"This year's question {numbers[question_id]} ('{shown(question_id, 60)}') matches no question of "
            f"last year ({_count(count, 'force')}); it has no last year's grade."
        )
    report.problems += _map_problems(mapping, last.files, this.files)
    for note, files in notes.items():
        report.problems.append(f"{note[:1].upper()}{note[1:]} ({_names(files)}).")
    return report


def _by_force(files: Iterable[RoundFile], which: str, report: CarryReport) -> dict[str, RoundFile]:
    """The files of a folder by force; a force with two files is reported and left out."""
    found: dict[str, list[RoundFile]] = defaultdict(list)
    for file in files:
        found[force_key(file.inspection.force.name)].append(file)
    single: dict[str, RoundFile] = {}
    for key, group in found.items():
        if len(group) > 1:
            report.problems.append(
                f"{shown(group[0].inspection.force.name)} has {len(group)} files in {which} folder "
                f"({_names([_file(f.path) for f in group])}); nothing was carried for it."
            )
        else:
            single[key] = group[0]
    return single


def _map_problems(mapping: dict[str, str], last: Sequence[RoundFile], this: Sequence[RoundFile]) -> list[str]:
    if not mapping:
        return []
    old_ids = {q.question_id for f in last for q in f.inspection.questions} | {
        p.pillar_id for f in last for p in f.inspection.pillars
    }
    new_ids = {q.question_id for f in this for q in f.inspection.questions} | {
        p.pillar_id for f in this for p in f.inspection.pillars
    }
    problems = []
    for old, new in mapping.items():
        if last and old not in old_ids:
            problems.append(f"The map names '{shown(old, 60)}', which is no question of last year's files.")
        if this and new and new not in new_ids:
            problems.append(
                f"The map maps '{shown(old, 60)}' to '{shown(new, 60)}', which is no question of this year's files."
            )
    return problems


def _described(files: Sequence[RoundFile]) -> list[str]:
    return [f"{shown(f.inspection.force.name)} ({_file(f.path)})" for f in files]


def _file(path: Path) -> str:
    """A file's name as a line may quote it (control characters escaped, a hostile length cut)."""
    return shown(path.name, 100)


def _names(names: Sequence[str], limit: int = _NAMES_IN_A_LINE) -> str:
    shown_names = ", ".join(names[:limit])
    return shown_names + (f" and {len(names) - limit} more" if len(names) > limit else "")


def _count(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"
