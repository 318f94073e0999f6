"""`inspector-app team`: copies of an inspection for team members, and merging them without a server.

inspector-app team copy FILE --member NAME [--questions ID,...] -o COPY   # a member's copy of FILE
inspector-app team sync FILE [--folder DIR]       # merge the team folder's changes; write mine there
inspector-app team merge A B -o OUT               # two files of one team merged into OUT (may be A)
inspector-app team conflicts FILE                 # what two members changed at once, for the lead
inspector-app team resolve FILE N --keep mine|theirs|NAME | --value JSON   # settle conflict N
inspector-app team send FILE -o CHANGES           # my changes as one small file (e-mail, USB)
inspector-app team apply FILE CHANGES             # a member's changes file merged into FILE

Failures raise :class:`TeamCommandError`, which the command line prints as one line. See
:mod:`.storage.team` for the team folder and the change files.
"""

from __future__ import annotations

import argparse
from pathlib import Path

EXIT_OK, EXIT_FAILURE = 0, 1


class TeamCommandError(Exception):
    """A failure of a team command; printed as one line."""


def configure(p: argparse.ArgumentParser) -> None:
    actions = p.add_subparsers(dest="team_action", metavar="ACTION", required=True)

    copy = actions.add_parser(
        "copy",
        help="make a team member's copy of an inspection",
        description="Make NAME's copy of FILE at COPY. FILE becomes the team's parent (if it was not yet) "
        "and its team folder, FILE's name with .team, is made beside it.",
    )
    copy.add_argument("file", type=Path, metavar="FILE", help="the parent inspection (the lead's file)")
    copy.add_argument("--member", required=True, metavar="NAME", help="the member's name")
    copy.add_argument("--questions", metavar="ID,...", help="the questions the member leads")
    copy.add_argument("--lead", default="Lead", metavar="NAME", help="the lead's name, for a new team")
    copy.add_argument("-o", "--output", required=True, type=Path, metavar="COPY", help="the copy to make")
    _ignore_lock(copy)

    sync = actions.add_parser(
        "sync",
        help="merge the other members' changes from the team folder, and leave mine there",
        description="Merge every change file of the team folder into FILE, then write FILE's changes there. "
        "A change file that cannot be read or merged is refused and named; the others are merged.",
    )
    sync.add_argument("file", type=Path, metavar="FILE")
    sync.add_argument("--folder", type=Path, metavar="DIR", help="the team folder, if not beside the parent")
    _ignore_lock(sync)
    sync.epilog = "Exits 1 when a change file was refused."

    merge = actions.add_parser(
        "merge",
        help="merge two files of one team into one",
        description="Merge B into A and write the result to OUT (which may be A).",
    )
    merge.add_argument("first", type=Path, metavar="A")
    merge.add_argument("second", type=Path, metavar="B")
    merge.add_argument("-o", "--output", required=True, type=Path, metavar="OUT")
    _ignore_lock(merge)

    conflicts = actions.add_parser(
        "conflicts",
        help="list what two members changed at the same time",
        description="List the values two or more members set concurrently (the file keeps one of them), "
        "and records one deleted while another edited them.",
    )
    conflicts.add_argument("file", type=Path, metavar="FILE")

    resolve = actions.add_parser(
        "resolve",
        help="settle one conflict: keep mine, theirs, a member's value, or a value of your own",
        description="Settle conflict N of FILE (numbered as 'team conflicts' lists them): keep mine (the "
        "value FILE's member wrote), theirs (the other member's), a member's by NAME, or --value, a JSON "
        "value (a text in quotes: '\"good\"'). The resolution is an edit; the next sync sends it.",
    )
    resolve.add_argument("file", type=Path, metavar="FILE")
    resolve.add_argument("number", type=int, metavar="N", help="the conflict's number in 'team conflicts'")
    how = resolve.add_mutually_exclusive_group(required=True)
    how.add_argument("--keep", metavar="mine|theirs|NAME", help="whose value to keep")
    how.add_argument("--value", metavar="JSON", help="keep this value instead (JSON)")
    _ignore_lock(resolve)

    send = actions.add_parser(
        "send", help="write my changes as one file to send", description="Write FILE's changes to CHANGES."
    )
    send.add_argument("file", type=Path, metavar="FILE")
    send.add_argument("-o", "--output", required=True, type=Path, metavar="CHANGES")
    _ignore_lock(send)  # FILE is written too when it was saved without its history

    apply = actions.add_parser(
        "apply",
        help="merge a member's changes file into an inspection",
        description="Merge the change file CHANGES (from team send) into FILE.",
    )
    apply.add_argument("file", type=Path, metavar="FILE")
    apply.add_argument("changes", type=Path, metavar="CHANGES")
    _ignore_lock(apply)


def _ignore_lock(p: argparse.ArgumentParser) -> None:
    p.add_argument("--ignore-lock", action="store_true", help="write even while Inspector has the file open")


def run(args: argparse.Namespace) -> int:
    from .storage.team import TeamError

    try:
        if args.team_action == "copy":
            return _copy(args)
        if args.team_action == "sync":
            return _sync(args)
        if args.team_action == "merge":
            return _merge(args)
        if args.team_action == "conflicts":
            return _conflicts(args)
        if args.team_action == "resolve":
            return _resolve(args)
        if args.team_action == "send":
            return _send(args)
        return _apply(args)
    except TeamError as error:
        raise TeamCommandError(str(error)) from None


def _not_open(path: Path, ignore_lock: bool) -> None:
    """Writing a file someone has open in the window would lose what they save next."""
    from . import APP_NAME
    from .storage.lock import describe_owner, describe_time, is_stale, read_owner

    owner = read_owner(path) if path.exists() else None
    if owner is not None and not is_stale(owner) and not ignore_lock:
        raise TeamCommandError(
            f"{path} is open in {APP_NAME} by {describe_owner(owner)} since {describe_time(owner.since)}; "
            "close it there first, or add --ignore-lock."
        )


def _copy(args: argparse.Namespace) -> int:
    from .storage.team import make_copy

    _not_open(args.file, args.ignore_lock)
    questions = (args.questions or "").split(",")
    copy = make_copy(args.file, args.member, args.output, questions=questions, lead=args.lead)
    print(f"Made {copy.team.member.name}'s copy {args.output} of {args.file}; team folder: {copy.folder}")
    return EXIT_OK


def _report(report: object) -> int:
    from .storage.team import MergeReport

    assert isinstance(report, MergeReport)
    if report.merged:
        print(f"Merged the changes of {', '.join(sorted(set(report.merged)))}.")
    else:
        print("No changes of other members to merge.")
    for _, reason in report.refused:
        print(f"Refused: {reason}")
    for note in report.notes:
        print(f"Note: {note}")
    if report.conflicts:
        print(f"{report.conflicts} conflict(s) to confirm: see 'team conflicts'.")
    return EXIT_FAILURE if report.refused else EXIT_OK


def _sync(args: argparse.Namespace) -> int:
    from .storage.team import sync

    _not_open(args.file, args.ignore_lock)
    return _report(sync(args.file, args.folder))


def _merge(args: argparse.Namespace) -> int:
    from .storage.team import merge_files

    _not_open(args.output, args.ignore_lock)
    report = merge_files(args.first, args.second, args.output)
    code = _report(report)
    print(f"Wrote {args.output}.")
    return code


def _conflicts(args: argparse.Namespace) -> int:
    from .storage.team import conflicts

    found = conflicts(args.file)
    if not found:
        print("No conflicts.")
    for number, conflict in enumerate(found, start=1):
        print(f"{number}. {conflict.line()}")
    return EXIT_OK


def _resolve(args: argparse.Namespace) -> int:
    import json

    from .storage.team import MINE, THEIRS, Choice, Edited, KeepOf, conflicts, resolve

    _not_open(args.file, args.ignore_lock)
    found = conflicts(args.file)
    if not 1 <= args.number <= len(found):
        raise TeamCommandError(
            f"{args.file} has no conflict {args.number} "
            + (f"(it has {len(found)}: see 'team conflicts')." if found else "(it has none).")
        )
    named = found[args.number - 1]
    choice: Choice
    if args.value is not None:
        try:
            choice = Edited(json.loads(args.value))
        except ValueError:
            raise TeamCommandError(
                f"--value takes a JSON value (a text in double quotes), not {args.value}."
            ) from None
    else:
        choice = args.keep if args.keep in (MINE, THEIRS) else KeepOf(args.keep)
    report = resolve(args.file, named.conflict, choice)
    for note in report.notes:
        print(f"Note: {note}")
    left = report.conflicts
    print(f"Resolved: {named.place}." + (f" {left} conflict(s) left." if left else " No conflicts left."))
    return EXIT_OK


def _send(args: argparse.Namespace) -> int:
    from .storage.team import export_changes

    _not_open(args.file, args.ignore_lock)
    written = export_changes(args.file, args.output)
    print(f"Wrote the changes of {args.file} to {written}.")
    return EXIT_OK


def _apply(args: argparse.Namespace) -> int:
    from .storage.team import apply_changes

    _not_open(args.file, args.ignore_lock)
    return _report(apply_changes(args.file, args.changes))
