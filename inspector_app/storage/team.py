"""Team inspection without a server: copies for members, and syncing them through files.

The lead's file is the *parent*; :func:`make_copy` makes a member's *copy* (it knows its parent and its
member). Beside the parent is the team folder, ``<parent stem>.team/``, in which each member writes only
its own change file (``<name>-<client id>.changes``, :mod:`.change_file`), so a shared drive or a sync
client never sees two writers on one file. :func:`sync` writes this file's merge of every change file in
the folder and then its own change file; :func:`export_changes` and :func:`apply_changes` do the same
through one file sent by e-mail or on a USB stick. Every merge is validated by the model (the
inspection's ``check_integrity``) and by the loader's limits before anything is written; a merge that
cannot be made valid is refused with a message and writes nothing.

Kills: the inspection file is written (atomically) before the change file, so a member's change file never
holds more of its own writes than its file; a kill at any moment leaves both whole, and the next sync
merges again. The JSON inspection is what this member has: when it is ahead of the history (saved by a
version or tool that knows nothing of teams), :func:`open_team_file` records the difference as this
member's edit before merging.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..domain.changes import Change
from ..domain.inspection import Inspection, QuestionAssessment
from ..replication import Conflict, Replica, ReplicationError, new_client_id
from ..replication.wire import decode_state_vector
from . import atomic
from .change_file import (
    CHANGES_SUFFIX,
    ChangeFileError,
    ChangeSet,
    dumps_changes,
    read_changes,
    write_changes,
)
from .errors import InspectionFileError
from .inspection_file import check_limits, load_inspection_file, save_inspection
from .team_authors import Authors, authors
from .team_section import Member, ParentLink, TeamSection, TeamStateError, pack_state, unpack_state

TEAM_FOLDER_SUFFIX = ".team"
DEFAULT_LEAD = "Lead"
#: More change files than this in one team folder is not a team.
MAX_MEMBERS = 500
#: The fields whose values are grade ids of the framework's scale.
GRADE_FIELDS = frozenset({"grade", "last_year_grade"})
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


class TeamError(Exception):
    """A team operation that cannot be done; ``str()`` is one sentence for the user. Nothing was written."""


@dataclass
class TeamFile:
    """A team's file, open: its inspection, its team section and its replica (kept up to date with edits).

    The window keeps one per open team file: after each edit :meth:`record` with the editing operations'
    change records (milliseconds), and :meth:`save` instead of a plain save (which still keeps the team
    section, but leaves the history behind until the next open).
    """

    path: Path
    inspection: Inspection
    team: TeamSection
    replica: Replica
    #: What opening it found that the user should know (e.g. it was behind the changes it had sent).
    notes: list[str] = field(default_factory=list)

    def record(self, changes: Iterable[Change]) -> None:
        """Mirror edits just made to :attr:`inspection` into the replica."""
        self.replica.apply(self.inspection, list(changes))

    def section(self) -> TeamSection:
        """The team section with the replica's state as it is now."""
        return self.team.model_copy(update={"state": pack_state(self.replica.state())})

    def save(self, path: Path | None = None) -> str:
        """Write the inspection and its history atomically (see save_inspection); InspectionFileError."""
        return save_inspection(self.inspection, path or self.path, team=self.section())

    def changes(self) -> bytes:
        """This member's change file."""
        return dumps_changes(
            self.replica, self.team.id, self.inspection.id, self.team.member, self.team.members
        )

    @property
    def folder(self) -> Path:
        return team_folder(self.path, self.team)

    def change_file(self, folder: Path | None = None) -> Path:
        return (folder or self.folder) / change_file_name(self.team.member)


def change_file_name(member: Member) -> str:
    slug = _UNSAFE.sub("-", member.name).strip("-.")[:40] or "member"
    return f"{slug}-{member.client_id}{CHANGES_SUFFIX}"


def team_folder(path: Path, team: TeamSection) -> Path:
    """``<parent stem>.team`` beside the parent (a copy's parent path, relative to the copy's folder)."""
    parent = path if team.parent is None else path.parent / Path(team.parent.path)
    return parent.with_name(parent.stem + TEAM_FOLDER_SUFFIX)


# -- opening ------------------------------------------------------------------------------------------


def open_team_file(path: Path, *, repair: bool = True) -> TeamFile:
    """Open a team's file: its replica from the history, brought up to the JSON inspection when that is
    ahead (``repair``: recorded as this member's edit; only for a file that will be written back, since
    the edit is made under its member's client id). TeamError for a file without a team."""
    loaded = load_inspection_file(path)
    if loaded.team is None:
        raise TeamError(f"{path.name} is not a team file: make a copy for a team member first (team copy).")
    team = loaded.team
    try:
        replica = Replica.from_state(unpack_state(team.state), team.member.client_id)
    except (TeamStateError, ReplicationError) as error:
        raise TeamError(f"Cannot open the team history of {path.name}: {_reason(error)}") from None
    team_file = TeamFile(path, loaded.inspection, team, replica)
    if repair:
        own = _check_own_changes(team_file)
        _repair(team_file)
        if own is not None:
            _merge_change_set(team_file, own)
            team_file.inspection = team_file.replica.inspection()
    return team_file


def behind_history(team_file: TeamFile) -> bool:
    """Whether the JSON inspection holds edits its history does not (saved without the team's history)."""
    return team_file.replica.inspection().model_dump() != team_file.inspection.model_dump()


def _repair(team_file: TeamFile) -> None:
    if behind_history(team_file):
        try:
            team_file.replica.apply(team_file.inspection)
        except ReplicationError as error:
            raise TeamError(
                f"Cannot bring the team history of {team_file.path.name} up to date: {_reason(error)}"
            ) from None
    team_file.inspection = team_file.replica.inspection()


def _start_team(path: Path, lead: str) -> TeamFile:
    """A plain file becomes a team's parent: a team id, the lead as its first member, the first state."""
    loaded = load_inspection_file(path)
    if loaded.team is not None:
        raise TeamError(f"{path.name} is already a team file.")
    member = Member(name=lead, client_id=new_client_id())
    replica = Replica.from_inspection(loaded.inspection, member.client_id)
    team = TeamSection(
        id=uuid.uuid4(), member=member, members={lead: member.client_id}, state=pack_state(b"")
    )
    return TeamFile(path, replica.inspection(), team, replica)


# -- copies -------------------------------------------------------------------------------------------


def make_copy(
    parent: Path,
    member: str,
    output: Path,
    *,
    questions: Iterable[str] = (),
    lead: str = DEFAULT_LEAD,
) -> TeamFile:
    """Make ``member``'s copy of ``parent`` at ``output``; the parent becomes a team file if it was not one
    (its lead named ``lead``), lists the member, and writes its change file in the team folder."""
    parent = Path(parent)
    output = Path(output)
    name = " ".join(member.split())
    if not name or len(name) > 80:
        raise TeamError("Give the member a name of 1 to 80 characters.")
    if output.exists():
        raise TeamError(f"{output} already exists; choose another name for the copy.")
    if not output.absolute().parent.is_dir():
        raise TeamError(f"The folder {output.absolute().parent} does not exist.")
    if _same_file(parent, output):
        raise TeamError("The copy must be another file than its parent.")
    loaded = load_inspection_file(parent)
    lead_file = _start_team(parent, lead) if loaded.team is None else open_team_file(parent)
    if lead_file.team.parent is not None:
        raise TeamError(f"{parent.name} is itself a copy; make copies from the parent file.")
    if name in lead_file.team.members:
        raise TeamError(f"{name} is already a member of this team; use another name.")
    wanted = [question.strip() for question in questions if question.strip()]
    known = {question.id for question in lead_file.inspection.framework.questions()}
    unknown = [question for question in wanted if question not in known]
    if unknown:
        raise TeamError(f"The framework has no question {', '.join(unknown)}.")
    taken = set(lead_file.team.members.values())
    client = new_client_id()
    while client in taken:
        client = new_client_id()
    members = {**lead_file.team.members, name: client}
    lead_file.team = lead_file.team.model_copy(update={"members": members})
    state = lead_file.replica.state()
    copy = TeamFile(
        output,
        lead_file.inspection,
        TeamSection(
            id=lead_file.team.id,
            member=Member(name=name, client_id=client),
            parent=ParentLink(path=_parent_path(parent, output), id=lead_file.team.id),
            members=members,
            questions=wanted,
            state="",
        ),
        Replica.from_state(state, client),
    )
    folder = lead_file.folder
    _make_folder(folder)
    lead_file.save()
    write_changes(lead_file.change_file(folder), lead_file.changes())
    copy.save()
    return copy


def _parent_path(parent: Path, output: Path) -> str:
    """The parent as the copy finds it: relative to the copy's folder when both are on one drive (a team
    folder moved or mounted elsewhere whole still works), else absolute."""
    try:
        return os.path.relpath(parent.absolute(), output.absolute().parent)
    except ValueError:  # Windows: another drive
        return str(parent.absolute())


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(mode=atomic.PRIVATE_FOLDER, exist_ok=True)
    except OSError as error:
        raise TeamError(
            f"Cannot make the team folder {folder}: {(error.strerror or str(error)).lower()}."
        ) from None


# -- merging ------------------------------------------------------------------------------------------


@dataclass
class MergeReport:
    """What a sync or an apply did: who was merged, what was refused (file name, reason), conflicts."""

    merged: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)
    conflicts: int = 0
    written: bool = False
    notes: list[str] = field(default_factory=list)
    #: Whether the merge changed the inspection (the window reloads it then), and the merged inspection.
    changed: bool = False
    inspection: Inspection | None = None
    #: Who created and last changed each record of the merged inspection (:mod:`.team_authors`).
    authors: dict[uuid.UUID, Authors] = field(default_factory=dict)


def _merge_change_set(team_file: TeamFile, changes: ChangeSet) -> None:
    """Merge one member's changes into the replica (validated by the model); TeamError when refused."""
    if changes.team != team_file.team.id or changes.inspection != team_file.inspection.id:
        raise TeamError("they are the changes of another team or inspection.")
    mine = decode_state_vector(team_file.replica.state_vector())
    if any(mine.get(client, 0) < clock for client, clock in changes.base.items()):
        raise TeamError("they start from a first state this file does not hold (another team's file?).")
    try:
        team_file.replica.merge(changes.update)
    except ReplicationError as error:
        raise TeamError(_reason(error)) from None
    members = dict(team_file.team.members)
    ids = set(members.values())
    for name, client in [*changes.members.items(), (changes.member.name, changes.member.client_id)]:
        if name not in members and client not in ids:
            members[name] = client
            ids.add(client)
    team_file.team = team_file.team.model_copy(update={"members": members})


def _write_merged(team_file: TeamFile, report: MergeReport) -> None:
    """Validate the merged inspection against the loader's limits, then write the file (and the copy's
    parent link stays). InspectionFileError is turned into TeamError: nothing written."""
    _prepare_merged(team_file, report)
    _commit_merged(team_file, report, team_file.section())


def _prepare_merged(team_file: TeamFile, report: MergeReport) -> None:
    """The merged inspection, checked against the loader's limits (TeamError: nothing to write)."""
    merged = team_file.replica.inspection()  # validated by the model (check_integrity) on every merge
    try:
        check_limits(team_file.path, merged)
    except InspectionFileError as error:
        raise TeamError(f"The merge is refused: {error.reason} Nothing was written.") from None
    report.changed = merged != team_file.inspection
    team_file.inspection = merged
    report.inspection = merged
    report.conflicts = len(team_file.replica.conflicts())
    report.authors = authors(team_file.team, team_file.replica)


def _commit_merged(team_file: TeamFile, report: MergeReport, section: TeamSection) -> None:
    try:
        note = save_inspection(team_file.inspection, team_file.path, team=section)
    except InspectionFileError as error:
        raise TeamError(str(error)) from None
    if note:
        report.notes.append(note)
    report.written = True


@dataclass
class PreparedSync:
    """A sync worked out but not yet written (:func:`prepare_sync`): the slow part — reading the folder,
    merging, validating, packing the history — done, so that :meth:`commit`, which only writes, can wait
    until the caller knows the file may still be written (the window: no edit made meanwhile)."""

    team_file: TeamFile
    section: TeamSection
    change_path: Path
    changes: bytes
    report: MergeReport

    def commit(self) -> MergeReport:
        """Write the file, then this member's change file (that order: a kill between them loses
        nothing). TeamError when the file cannot be written (it is then unchanged)."""
        _commit_merged(self.team_file, self.report, self.section)
        try:
            write_changes(self.change_path, self.changes)
        except ChangeFileError as error:
            raise TeamError(f"{error} The file itself is synced; the next sync tries again.") from None
        return self.report


def _check_own_changes(team_file: TeamFile, folder: Path | None = None) -> ChangeSet | None:
    """This member's change file in the team folder, when it holds writes of this member the file lacks
    (the file was restored from a backup): the file then takes a fresh client id, so that what it writes
    next never reuses a clock already sent under the old one (Yrs would take the new edit for the one it
    has, and drop it). Checked on every open that will write the file, before any edit."""
    path = team_file.change_file(folder)
    try:
        own = read_changes(path)
    except ChangeFileError:
        return None  # none, or unreadable: sync reports it when it reads the folder
    client = team_file.team.member.client_id
    held = decode_state_vector(team_file.replica.state_vector()).get(client, 0)
    if own.vector.get(client, 0) <= held:
        return None
    fresh = new_client_id()
    while fresh in team_file.team.members.values():
        fresh = new_client_id()
    name = team_file.team.member.name
    members = {**team_file.team.members, f"{name} (earlier)": client, name: fresh}
    member = Member(name=name, client_id=fresh)
    team_file.team = team_file.team.model_copy(update={"member": member, "members": members})
    team_file.replica = Replica.from_state(team_file.replica.state(), fresh)
    team_file.notes.append(
        f"{team_file.path.name} was behind the changes it had sent (restored from a backup?); "
        "they are merged back."
    )
    return own


def sync(path: Path, folder: Path | None = None) -> MergeReport:
    """Merge every member's change file in the team folder into the file at ``path``, write the file,
    then write this member's change file there. A change file that cannot be read, or whose merge would
    not be a valid inspection, is refused (listed in the report) and the others are merged."""
    return prepare_sync(path, folder).commit()


def prepare_sync(path: Path, folder: Path | None = None) -> PreparedSync:
    """:func:`sync` up to the writing (nothing written but a parent's new team folder); TeamError."""
    path = Path(path)
    team_file = open_team_file(path, repair=False)
    folder = folder or team_file.folder
    if not folder.is_dir():
        if team_file.team.parent is not None:
            raise TeamError(
                f"The team folder {folder} is not there: is the parent's drive connected? "
                "(Or send your changes by e-mail: team send.)"
            )
        _make_folder(folder)
    report = MergeReport()
    own = _check_own_changes(team_file, folder)
    _repair(team_file)
    report.notes.extend(team_file.notes)
    pending: list[tuple[str, ChangeSet]] = [(team_file.change_file(folder).name, own)] if own else []
    pending.extend(_read_folder(folder, team_file, report))
    for name, changes in pending:
        try:
            _merge_change_set(team_file, changes)
        except TeamError as error:
            report.refused.append((name, f'Cannot apply the changes "{name}": {error}'))
        else:
            report.merged.append(changes.member.name)
    _prepare_merged(team_file, report)
    return PreparedSync(
        team_file, team_file.section(), team_file.change_file(folder), team_file.changes(), report
    )


def _read_folder(folder: Path, team_file: TeamFile, report: MergeReport) -> list[tuple[str, ChangeSet]]:
    mine = team_file.change_file(folder).name
    try:
        names = sorted(
            entry.name
            for entry in os.scandir(folder)
            if entry.name.endswith(CHANGES_SUFFIX) and not entry.name.startswith(".")
        )
    except OSError as error:
        raise TeamError(
            f"Cannot read the team folder {folder}: {(error.strerror or str(error)).lower()}."
        ) from None
    found: list[tuple[str, ChangeSet]] = []
    for name in names[:MAX_MEMBERS]:
        if name == mine:
            continue
        try:
            found.append((name, read_changes(folder / name)))
        except ChangeFileError as error:
            report.refused.append((name, str(error)))
    if len(names) > MAX_MEMBERS:
        report.refused.append((folder.name, f"Only the first {MAX_MEMBERS} change files were read."))
    return found


def export_changes(path: Path, output: Path) -> Path:
    """ "Send my changes": this member's change file written to ``output`` (to e-mail or carry)."""
    team_file = open_team_file(Path(path), repair=False)
    if behind_history(team_file):
        # The file was saved without its history: bring it up (written back, so the edit's id is used once).
        _repair(team_file)
        team_file.save()
    write_changes(Path(output), team_file.changes())
    return Path(output)


def apply_changes(path: Path, changes_path: Path) -> MergeReport:
    """ "Apply changes": one member's change file merged into the file at ``path``; TeamError (nothing
    written) when it cannot be read or its merge would not be valid."""
    try:
        changes = read_changes(Path(changes_path))
    except ChangeFileError as error:
        raise TeamError(str(error)) from None
    team_file = open_team_file(Path(path))
    report = MergeReport()
    try:
        _merge_change_set(team_file, changes)
    except TeamError as error:
        raise TeamError(f'Cannot apply the changes "{Path(changes_path).name}": {error}') from None
    report.merged.append(changes.member.name)
    _write_merged(team_file, report)
    return report


def merge_files(first: Path, second: Path, output: Path) -> MergeReport:
    """Merge two files of one team into ``output`` (which may be ``first``). ``output`` is ``first``'s
    member; written elsewhere it takes a fresh client id (one id, one writer). Edits saved in ``second``
    without its history cannot be taken (they would be made under its member's id): the report says so."""
    first, second, output = Path(first), Path(second), Path(output)
    in_place = output.exists() and _same_file(first, output)
    one = open_team_file(first, repair=in_place)
    two = open_team_file(second, repair=False)
    report = MergeReport()
    for team_file in (one, two) if not in_place else (two,):
        if behind_history(team_file):
            report.notes.append(
                f"{team_file.path.name} holds edits saved without its team history; they are not merged. "
                f"Run team sync on it (or open and save it in this version) first."
            )
    if two.team.id != one.team.id:
        raise TeamError(f"{first.name} and {second.name} are not files of one team.")
    if not in_place:
        fresh = new_client_id()
        while fresh in one.team.members.values():
            fresh = new_client_id()
        name = f"{one.team.member.name} (merged)"
        members = {**one.team.members, name: fresh}
        one.team = one.team.model_copy(
            update={"member": Member(name=name, client_id=fresh), "members": members}
        )
        one.replica = Replica.from_state(one.replica.state(), fresh)
        one.path = output
        if one.team.parent is not None:  # the parent link is relative to the copy's folder
            parent = first.parent / one.team.parent.path
            one.team = one.team.model_copy(
                update={"parent": ParentLink(path=_parent_path(parent, output), id=one.team.id)}
            )
    try:
        one.replica.merge(two.replica.state())
    except ReplicationError as error:
        raise TeamError(f"The merge of {first.name} and {second.name} is refused: {_reason(error)}") from None
    for name, client in two.team.members.items():
        if name not in one.team.members and client not in one.team.members.values():
            one.team.members[name] = client
    report.merged.append(two.team.member.name)
    _write_merged(one, report)
    return report


# -- conflicts ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NamedConflict:
    """A conflict with the members' names and the place in the inspection, for people to read."""

    conflict: Conflict
    place: str
    values: tuple[tuple[str, Any], ...]
    #: The scale's labels by grade id, for a conflict over a grade ("Requires improvement", not its id).
    grade_labels: dict[str, str] = field(default_factory=dict, compare=False)

    def line(self) -> str:
        values = "; ".join(f"{who}: {self._shown(value)}" for who, value in self.values)
        now = self._shown(self.conflict.current)
        return f"{self.place}: {values} (kept now: {now})"

    def _shown(self, value: Any) -> str:
        if self.conflict.field in GRADE_FIELDS and isinstance(value, str):
            value = self.grade_labels.get(value, value)
        return _shown(value)


def conflicts(path: Path) -> list[NamedConflict]:
    """The file's open conflicts, with members' names (a client id when unknown) and places."""
    team_file = open_team_file(Path(path), repair=False)
    names = team_file.team.member_names()
    inspection = team_file.replica.inspection()
    return [_named(inspection, conflict, names) for conflict in team_file.replica.conflicts()]


MINE, THEIRS = "mine", "theirs"


@dataclass(frozen=True)
class KeepOf:
    """Keep the value the member of this name wrote."""

    member: str


@dataclass(frozen=True)
class Edited:
    """Keep neither: a value the lead wrote (a scalar's JSON value)."""

    value: Any


#: How a conflict is settled: "mine" (this file's member's value), "theirs" (the one other member's), a
#: named member's, or an edited value.
Choice = str | KeepOf | Edited


def chosen_value(named: NamedConflict, choice: Choice, me: str) -> tuple[Any, bool]:
    """The value ``choice`` keeps, for :meth:`Replica.resolve` (the value, and whether it is edited);
    TeamError when it names nobody's value. ``me`` is this file's member."""
    conflict = named.conflict
    if isinstance(choice, Edited):
        if conflict.is_deletion:
            raise TeamError("A deleted record is kept or left deleted: keep mine or keep theirs.")
        return choice.value, True
    if choice == MINE:
        wanted = [value for who, value in named.values if who == me]
        if not wanted:
            names = " and ".join(who for who, _ in named.values)
            raise TeamError(f"You ({me}) wrote none of these values ({names} did): keep one by name.")
    elif choice == THEIRS:
        wanted = [value for who, value in named.values if who != me]
        if len({json.dumps(value, sort_keys=True) for value in wanted}) != 1:
            names = " and ".join(who for who, _ in named.values if who != me)
            raise TeamError(f"{names} wrote different values: keep one by the member's name.")
    elif isinstance(choice, KeepOf):
        wanted = [value for who, value in named.values if who == choice.member]
        if not wanted:
            raise TeamError(f"{choice.member} wrote none of the values of this conflict.")
    else:
        raise TeamError(f"Keep mine, theirs, a member's value or an edited one, not {choice!r}.")
    value = wanted[0]
    if conflict.is_deletion:  # a deletion conflict keeps "deleted", or "kept" for whoever edited it
        value = "deleted" if value == "deleted" else "kept"
    return value, False


def resolve(path: Path, conflict: Conflict, choice: Choice) -> MergeReport:
    """Settle one of the file's open conflicts (as :func:`conflicts` lists them) and write the file
    atomically; the resolution is this member's edit, and the next sync sends it (it is written to this
    member's change file now, when the team folder is there). TeamError, nothing written, when the
    conflict is gone (resolved meanwhile) or the value chosen would not make a valid inspection."""
    team_file = open_team_file(Path(path))
    names = team_file.team.member_names()
    found = next(
        (
            candidate
            for candidate in team_file.replica.conflicts()
            if (candidate.record_id, candidate.field) == (conflict.record_id, conflict.field)
        ),
        None,
    )
    if found is None:
        raise TeamError("That conflict is no longer open (resolved meanwhile?); nothing was changed.")
    named = _named(team_file.replica.inspection(), found, names)
    value, edited = chosen_value(named, choice, team_file.team.member.name)
    try:
        team_file.replica.resolve(found, value, edited=edited)
    except ReplicationError as error:
        raise TeamError(_reason(error)) from None
    report = MergeReport()
    _write_merged(team_file, report)
    if team_file.folder.is_dir():
        try:
            write_changes(team_file.change_file(), team_file.changes())
        except ChangeFileError as error:
            report.notes.append(f"{error} The next sync sends the resolution.")
    return report


def _named(inspection: Inspection, conflict: Conflict, names: dict[int, str]) -> NamedConflict:
    values = tuple((names.get(client, f"client {client}"), value) for client, value in conflict.values)
    scale = inspection.framework.scale
    labels = {grade: scale.label(grade) for grade in scale.valid_values()}
    return NamedConflict(conflict, _place(inspection, conflict), values, labels)


def _place(inspection: Inspection, conflict: Conflict) -> str:
    what = (conflict.field or "deleted or edited").replace("_", " ")
    for question in inspection.questions:
        if question.id == conflict.record_id:
            return f"{_question_label(inspection, question)} › {what}"
    for item in inspection.evidence:
        if item.id == conflict.record_id:
            return f"Evidence “{item.title[:60]}” › {what}"
    if inspection.id == conflict.record_id:
        return f"Report › {what}"
    return f"{conflict.record_type} {conflict.record_id} › {what}"


def _question_label(inspection: Inspection, question: QuestionAssessment) -> str:
    try:
        return inspection.framework.question_label(question.question_id)  # "Question 1"
    except (KeyError, ValueError):
        return f"Question {question.question_id}"


def _shown(value: Any) -> str:
    text = "(none)" if value is None else str(value)
    return text if len(text) <= 60 else text[:59] + "…"


def _reason(error: Exception) -> str:
    text = str(error).strip()
    return text if text.endswith(".") else text + "."


def written_by(path: Path) -> dict[uuid.UUID, Authors]:
    """Who created and last changed each record of the team file at ``path`` (read only; a second or so
    for 10,000 items, most of it reading the file); TeamError when it has no team."""
    team_file = open_team_file(Path(path), repair=False)
    return authors(team_file.team, team_file.replica)


# -- the team at a glance -----------------------------------------------------------------------------


@dataclass(frozen=True)
class MemberSync:
    """A member of the team and when their change file was last written (None: not found)."""

    name: str
    client_id: int
    last_sync: dt.datetime | None
    is_me: bool


@dataclass(frozen=True)
class TeamOverview:
    """What the Team panel shows: this file's member, the team's members and the open conflicts."""

    member: str
    is_copy: bool
    folder: Path
    folder_found: bool
    members: list[MemberSync]
    conflicts: list[NamedConflict]
    #: What the team folder held that could not be read (file name, reason).
    unreadable: list[tuple[str, str]]


def overview(path: Path) -> TeamOverview:
    """The team of the file at ``path``: members with their last sync (their change files' times in the
    team folder) and the open conflicts. Reads only; seconds for a 10,000-item file, so off the GUI thread."""
    path = Path(path)
    team_file = open_team_file(path, repair=False)
    names = team_file.team.member_names()
    inspection = team_file.replica.inspection()
    found = [_named(inspection, conflict, names) for conflict in team_file.replica.conflicts()]
    folder = team_file.folder
    written: dict[int, dt.datetime] = {}
    report = MergeReport()
    if folder.is_dir():
        own = team_file.change_file(folder).name
        pending = _read_folder(folder, team_file, report)
        with contextlib.suppress(ChangeFileError):  # not written yet
            pending.append((own, read_changes(folder / own)))
        for _, changes in pending:
            client = changes.member.client_id
            written[client] = max(changes.written, written.get(client, changes.written))
    me = team_file.team.member.client_id
    members = [
        MemberSync(name, client, written.get(client), client == me)
        for client, name in sorted(names.items(), key=lambda item: (item[0] != me, item[1].lower()))
    ]
    return TeamOverview(
        team_file.team.member.name,
        team_file.team.is_copy,
        folder,
        folder.is_dir(),
        members,
        found,
        report.refused,
    )
