"""`inspector-app frameworks`: list the frameworks offered, import, validate, print the JSON Schema.

inspector-app frameworks                 # id, version, title, questions, where from
inspector-app frameworks import FILE     # validate, then copy into the user frameworks folder
inspector-app frameworks validate FILE   # say whether FILE is a framework the app can use
inspector-app frameworks schema          # the JSON Schema of a framework file
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .domain.framework import Framework

if TYPE_CHECKING:
    from .framework_store import Library


class FrameworkCommandError(Exception):
    """A failure of a frameworks command; printed as one line."""


def configure(p: argparse.ArgumentParser) -> None:
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    imported = actions.add_parser(
        "import", help="validate a framework file and add it to the frameworks Inspector offers"
    )
    imported.add_argument("file", type=Path, metavar="FILE", help="the framework (.json)")
    validated = actions.add_parser("validate", help="check that a file is a framework Inspector can use")
    validated.add_argument("file", type=Path, metavar="FILE", help="the framework (.json)")
    actions.add_parser("schema", help="print the JSON Schema of a framework file")
    p.epilog = (
        "Frameworks come from the app, from an organisation folder (see the README) and from your own "
        "folder, where 'import' copies them."
    )


def run(args: argparse.Namespace) -> int:
    from . import framework_store as store

    try:
        if args.action == "import":
            imported = store.import_framework(args.file)
            framework = imported.entry.framework
            again = ""
            if imported.replaced is not None:
                before = imported.replaced.version
                again = "; it replaces your earlier copy" + (
                    "" if before == framework.version else f", version {before}"
                )
            print(
                f"Imported {framework.id} {framework.version} ({framework.title}) into {imported.entry.path}{again}."
            )
            if imported.shadowed_by is not None:
                later = imported.shadowed_by
                print(
                    f"warning: 'new' offers version {later.framework.version} from the {later.origin.value} "
                    "folder instead, which is later.",
                    file=sys.stderr,
                )
        elif args.action == "validate":
            framework = store.read_framework_file(args.file)
            print(f"{args.file} is a valid framework: {summary(framework)}.")
        elif args.action == "schema":
            json.dump(store.schema(), sys.stdout, indent=2, ensure_ascii=False)
            print()
        else:
            listing(store.library())
    except store.FrameworkFileError as error:
        raise FrameworkCommandError(str(error)) from None
    return 0


def summary(framework: Framework) -> str:
    questions = len(framework.questions())
    pillars = len(framework.pillars)
    return (
        f"{framework.id} {framework.version}, “{framework.title}”, {pillars} pillar{'s' if pillars != 1 else ''}, "
        f"{questions} question{'s' if questions != 1 else ''}, {len(framework.scale.grades)} grades"
    )


def listing(library: Library) -> None:
    """One line per framework, grouped by programme; files left out are said on stderr."""
    rows = [
        (
            entry.framework.id,
            entry.framework.version,
            entry.framework.title,
            f"{len(entry.framework.questions())} questions",
            entry.origin.value,
        )
        for _programme, entries in library.grouped()
        for entry in entries
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))] if rows else []
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
    for problem in library.problems:
        print(f"warning: {problem}", file=sys.stderr)
