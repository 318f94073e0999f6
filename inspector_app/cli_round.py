"""`inspector-app round`: a round of inspections, one file per force, in one folder.

inspector-app round new --framework ID [--forces forces.csv] -o FOLDER   # one new file per force
inspector-app round carry-forward LAST_YEAR_FOLDER THIS_YEAR_FOLDER [--map map.csv] [--text]
inspector-app round table FOLDER -o grades.xlsx|grades.csv               # every force × question

Without ``--forces``, ``new`` makes the 43 territorial forces of England and Wales (bundled). Failures
raise :class:`RoundCommandError`, which the command line prints as one line.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .domain.framework import Framework

EXIT_OK, EXIT_FAILURE = 0, 1
#: A forces or map file bigger than this is not one.
_MAX_LIST_FILE_BYTES = 1024 * 1024


class RoundCommandError(Exception):
    """A failure of a round command; printed as one line."""


def configure(p: argparse.ArgumentParser) -> None:
    actions = p.add_subparsers(dest="round_action", metavar="ACTION", required=True)

    made = actions.add_parser(
        "new",
        help="make one new inspection file per force in a folder",
        description="Make one new inspection per force in FOLDER (made if need be), named after the force.",
    )
    made.add_argument(
        "--framework",
        required=True,
        metavar="ID",
        help="framework id (see 'frameworks'), or a framework file",
    )
    made.add_argument(
        "--forces",
        type=Path,
        metavar="FORCES.csv",
        help="a CSV of name,short[,file] (default: the 43 forces of England and Wales)",
    )
    made.add_argument("-o", "--output", required=True, type=Path, metavar="FOLDER", help="the round's folder")
    made.add_argument("--author", action="append", metavar="NAME", help="an author (repeat for several)")
    made.add_argument("--overwrite", action="store_true", help="replace files of the round that exist")
    made.add_argument(
        "--ignore-lock", action="store_true", help="replace files even while Inspector has them open"
    )

    carried = actions.add_parser(
        "carry-forward",
        help="carry last year's grades (and optionally summary points) into this year's files",
        description="Set each question's and pillar's last-year grade in THIS_YEAR_FOLDER's files from "
        "LAST_YEAR_FOLDER's, matching files by force name and questions by id.",
    )
    carried.add_argument("last_year", type=Path, metavar="LAST_YEAR_FOLDER")
    carried.add_argument("this_year", type=Path, metavar="THIS_YEAR_FOLDER")
    carried.add_argument(
        "--map",
        type=Path,
        metavar="MAP.csv",
        help="a CSV of old_question_id,new_question_id for questions whose id changed (empty new id: gone)",
    )
    carried.add_argument(
        "--text", action="store_true", help="also copy last year's summary points into empty summaries"
    )
    carried.add_argument("--dry-run", action="store_true", help="say what would change; write nothing")
    carried.add_argument(
        "--ignore-lock", action="store_true", help="change files even while Inspector has them open"
    )
    carried.epilog = (
        "Exits 1 when a file of this year's folder could not be read or written (it is unchanged)."
    )

    table = actions.add_parser(
        "table",
        help="write every force × question grade of a round folder as a spreadsheet",
        description="Every force × question of FOLDER: grade, last year's grade, direction of travel, areas "
        "for improvement and causes of concern. An .xlsx has each grade in its colour.",
    )
    table.add_argument(
        "folder", type=Path, metavar="FOLDER", help="the round's folder: one inspection file per force"
    )
    table.add_argument(
        "-o",
        "--output",
        required=True,
        type=Path,
        metavar="OUT.xlsx",
        help="the table (.xlsx or .csv); replaced",
    )


def run(args: argparse.Namespace) -> int:
    from .domain.rounds import RoundError

    try:
        if args.round_action == "new":
            return _new(args)
        if args.round_action == "carry-forward":
            return _carry_forward(args)
        return _table(args)
    except RoundError as error:
        raise RoundCommandError(str(error)) from None


def _read_list(path: Path, what: str) -> str:
    try:
        if path.is_dir():
            raise RoundCommandError(f"the {what} {path} is a folder, not a CSV file.")
        with open(path, "rb") as handle:
            data = handle.read(_MAX_LIST_FILE_BYTES + 1)
    except FileNotFoundError:
        raise RoundCommandError(f"there is no {what} at {path}.") from None
    except OSError as error:
        raise RoundCommandError(f"the {what} {path} could not be read ({error.strerror or error}).") from None
    if len(data) > _MAX_LIST_FILE_BYTES:
        raise RoundCommandError(f"the {what} {path} is too large to be one.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RoundCommandError(
            f"the {what} {path} is not UTF-8 text (save it from the spreadsheet as CSV UTF-8)."
        ) from None


def _framework(name: str) -> Framework:
    from . import framework_store as store

    try:
        return store.framework_named(name)
    except store.FrameworkFileError as error:
        raise RoundCommandError(str(error)) from None


def _new(args: argparse.Namespace) -> int:
    from . import bundled
    from .domain.rounds import parse_forces
    from .storage.rounds import new_round

    framework = _framework(args.framework)
    if args.forces is None:
        forces = bundled.forces()
    else:
        forces = parse_forces(_read_list(args.forces, "forces file"), str(args.forces))
    made = new_round(
        framework,
        forces,
        args.output,
        overwrite=args.overwrite,
        ignore_lock=args.ignore_lock,
        authors=args.author or [],
    )
    print(f"Created {len(made)} inspection files in {args.output} ({framework.title}).")
    return EXIT_OK


def _carry_forward(args: argparse.Namespace) -> int:
    from .domain.rounds import parse_question_map
    from .storage.rounds import carry_forward_round

    mapping = parse_question_map(_read_list(args.map, "map file"), str(args.map)) if args.map else {}
    if args.last_year.resolve() == args.this_year.resolve():
        raise RoundCommandError("last year's folder and this year's are the same folder.")
    report = carry_forward_round(
        args.last_year,
        args.this_year,
        mapping,
        text=args.text,
        dry_run=args.dry_run,
        ignore_lock=args.ignore_lock,
    )
    for line in report.lines():
        print(line)
    if report.failed:
        print(
            f"inspector-app: {len(report.failed)} of this year's files could not be read or written; "
            "they are unchanged (see above).",
            file=sys.stderr,
        )
        return EXIT_FAILURE
    return EXIT_OK


def _table(args: argparse.Namespace) -> int:
    from .domain.rounds import framework_names, table_rows
    from .storage.grades_table import CSV_SUFFIX, XLSX_SUFFIX, write_table
    from .storage.rounds import read_round

    if args.output.suffix.lower() not in (CSV_SUFFIX, XLSX_SUFFIX):
        raise RoundCommandError(f"-o must name an .xlsx or a .csv file, not {args.output.name}.")
    found = read_round(args.folder)
    if not found.files:
        reason = f" ({len(found.unreadable)} could not be read)" if found.unreadable else ""
        raise RoundCommandError(f"there are no inspection files to read in {args.folder}{reason}.")
    files = sorted(found.files, key=lambda f: (f.inspection.force.name.casefold(), f.path.name))
    rows = table_rows((f.path.name, f.inspection) for f in files)
    written = write_table(rows, args.output)
    forces = f"{len(files)} force" if len(files) == 1 else f"{len(files)} forces"
    print(f"Wrote the grades of {forces} ({len(rows)} rows) to {written}.")
    frameworks = framework_names(f.inspection for f in files)
    if len(frameworks) > 1:  # a question's row then mixes frameworks: say so, the table is still written
        print(
            f"inspector-app: warning: the files are against {len(frameworks)} frameworks: {'; '.join(frameworks)}.",
            file=sys.stderr,
        )
    for path, reason in found.unreadable:
        print(f"inspector-app: warning: not in the table: {path.name}: {reason}", file=sys.stderr)
    return EXIT_OK
