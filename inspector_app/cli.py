"""Command line: ``inspector-app [FILE]`` opens the window; subcommands work without one.

Every failure prints one clear line to stderr and exits non-zero; a traceback is never shown: a message
is folded onto one line and a run of characters too long to read (a 4,000-digit number, a hostile name) is
shortened in the middle (:func:`one_line`). Qt is only imported when the window opens, so the headless
commands work on machines without a display.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import APP_NAME, __version__, bundled
from .domain.inspection import Inspection, new_inspection
from .domain.review import sign_off
from .domain.text import shown
from .export.errors import ExportError
from .storage.errors import InspectionFileError
from .storage.inspection_file import FILE_SUFFIX, load_inspection, loads_inspection, save_inspection
from .storage.lock import describe_owner, describe_time, is_stale, read_owner

if TYPE_CHECKING:  # the checks load with the commands that use them
    from .domain.checks import Finding
    from .domain.framework import Framework

PROG = "inspector-app"
EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2
#: A message line on stderr is at most this long; a word (a run without spaces) at most ``WORD_LIMIT``.
LINE_LIMIT = 1_000
WORD_LIMIT = 60


class CommandError(Exception):
    """A failure the user can act on; its message is printed as it stands."""


# -- commands -----------------------------------------------------------------------------------------


def cmd_new(args: argparse.Namespace) -> int:
    from pydantic import ValidationError

    from .storage.inspection_file import describe_validation_error

    if not args.force.strip():
        raise CommandError('--force needs the name of the force, e.g. --force "Hertfordshire Constabulary".')
    output = _output_path(args.output, args.overwrite, args.ignore_lock)
    framework = _framework(args.framework)
    try:
        inspection = new_inspection(
            framework,
            force_name=args.force,
            force_short_name=args.force_short or "",
            authors=args.author or [],
        )
    except ValidationError as error:
        raise CommandError(f"the new inspection is not valid: {describe_validation_error(error)}") from None
    save_inspection(inspection, output)
    print(f"Created {output} ({framework.title}, {shown(inspection.force.name)}).")
    return EXIT_OK


def _framework(name: str) -> Framework:
    """The framework ``--framework`` names: an id among those offered, or a framework file (.json)."""
    from . import framework_store as store

    try:
        return store.framework_named(name)
    except store.FrameworkFileError as error:
        raise CommandError(str(error)) from None


def cmd_check(args: argparse.Namespace) -> int:
    from .domain.checks import Severity, coverage_matrix, render_matrix, run_checks

    inspection = load_inspection(args.file)
    only = {name.strip() for value in args.only or [] for name in value.split(",") if name.strip()} or None
    try:
        findings = run_checks(inspection, only=only, speller=bundled.speller())
    except ValueError as error:  # an unknown --only name; the message lists the checks
        raise CommandError(str(error)) from None
    print(summary_line(args.file, inspection))
    print()
    for line in finding_lines(inspection, findings):
        print(line)
    counts = {severity: sum(1 for f in findings if f.severity is severity) for severity in Severity}
    print(
        f"{_plural(counts[Severity.ERROR], 'error')}, {_plural(counts[Severity.WARNING], 'warning')}, "
        f"{counts[Severity.ADVICE]} advice."
    )
    if args.matrix:
        print()
        print(render_matrix(coverage_matrix(inspection)))
    return EXIT_FAILURE if counts[Severity.ERROR] else EXIT_OK


def finding_lines(inspection: Inspection, findings: Sequence[Finding]) -> list[str]:
    """The findings under a heading per question ("Report" first for report-wide ones), one a line."""
    if not findings:
        return ["No problems found."]
    lines: list[str] = []
    heading = None
    for finding in findings:
        question = (
            inspection.framework.question(finding.place.question_id) if finding.place.question_id else None
        )
        title = (
            f"{inspection.framework.question_label(question.id)}: {question.text}" if question else "Report"
        )
        if title != heading:
            if heading is not None:
                lines.append("")
            lines.append(title)
            heading = title
        lines.append("  " + finding.line())
    lines.append("")
    return lines


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def cmd_frameworks(args: argparse.Namespace) -> int:
    from .cli_frameworks import FrameworkCommandError, run

    try:
        return run(args)
    except FrameworkCommandError as error:
        raise CommandError(str(error)) from None


def cmd_round(args: argparse.Namespace) -> int:
    from .cli_round import RoundCommandError, run

    try:
        return run(args)
    except RoundCommandError as error:
        raise CommandError(str(error)) from None


def cmd_team(args: argparse.Namespace) -> int:
    from .cli_team import TeamCommandError, run

    try:
        return run(args)
    except TeamCommandError as error:
        raise CommandError(str(error)) from None


def cmd_sample(args: argparse.Namespace) -> int:
    if args.list or not args.name:
        for name in bundled.sample_names():
            print(name)
        return EXIT_OK
    if not args.output:
        raise CommandError("say where to write the sample: -o FILE")
    output = _output_path(args.output, args.overwrite, args.ignore_lock)
    data = bundled.sample(args.name).read_bytes()
    inspection = loads_inspection(data, args.name)
    note = save_inspection(inspection, output)
    print(f"Created {output} from the sample '{args.name}'.")
    if note:
        print(f"{PROG}: {note}", file=sys.stderr)
    return EXIT_OK


def summary_line(path: Path, inspection: Inspection) -> str:
    framework = inspection.framework
    graded_questions = [q for q in inspection.questions if framework.core(q.question_id).graded]
    judged = sum(1 for q in graded_questions if framework.scale.get(q.grade or "") is not None)
    grades = ", ".join(
        f"{framework.core(q.question_id).number}: {framework.scale.label(q.grade)}"
        for q in inspection.questions
    )
    status = inspection.status.value.replace("_", " ")
    if sign_off(inspection):
        status += f"; {shown(sign_off(inspection))}"
    return (
        f"{path}: {shown(inspection.force.name)}, {shown(framework.title)} ({status}). "
        f"{judged} of {len(graded_questions)} graded questions judged ({grades}); "
        f"{len(inspection.evidence)} evidence items. The file is valid."
    )


def cmd_export(args: argparse.Namespace) -> int:
    from .export import export_report

    as_pdf = _export_as_pdf(args)
    if as_pdf:
        from .export.pdf import NOT_INSTALLED, find_soffice

        if find_soffice() is None:  # said before the file is even read: nothing else can help
            raise CommandError(NOT_INSTALLED)
    inspection = load_inspection(args.file)
    if args.pillar:
        from .domain.pillars import UnknownPillarError, one_pillar

        try:
            inspection = one_pillar(inspection, args.pillar)
        except UnknownPillarError as error:
            raise CommandError(str(error)) from None
    # A re-export replaces the report, atomically.
    output = args.output or args.file.with_suffix(".pdf" if as_pdf else ".docx")
    if not args.strict:  # with --strict the export itself refuses, naming the places
        from .domain.checks import personal_data_findings

        for finding in personal_data_findings(inspection, evidence_annex=args.evidence_annex):
            print(f"{PROG}: warning: {finding.place.label}: {finding.message}", file=sys.stderr)

    def warn(line: str) -> None:
        print(f"{PROG}: warning: {line}", file=sys.stderr)

    options = {"template": args.template, "evidence_annex": args.evidence_annex, "strict": args.strict}
    if as_pdf:
        from .export.pdf import export_pdf

        written = export_pdf(inspection, output, warn=warn, **options)
    else:
        written = export_report(
            inspection, output, warn=warn, update_fields=not args.no_update_fields, **options
        )
    print(f"Exported {written}.")
    return EXIT_OK


def _export_as_pdf(args: argparse.Namespace) -> bool:
    """``--pdf``, or an output named ``….pdf``; a Word name with ``--pdf`` is a contradiction."""
    suffix = args.output.suffix.lower() if args.output is not None else ""
    if args.pdf and suffix == ".docx":
        raise CommandError(
            f"--pdf writes a PDF, but -o names a Word file ({args.output.name}); "
            "give -o OUT.pdf, or leave out --pdf for a Word report."
        )
    return bool(args.pdf) or suffix == ".pdf"


def cmd_lint_template(args: argparse.Namespace) -> int:
    """What the template will do to a report. A template that opens can always be used (styles it lacks are
    copied from the standard template), so this exits 0 unless the file cannot be used at all."""
    from .export import lint_template

    lint = lint_template(args.template)
    if lint.complete:
        print(f"{args.template} defines every style the report uses.")
    for line in lint.lines():
        print(line)
    return EXIT_OK


def run_gui(args: argparse.Namespace) -> int:
    try:
        from .gui.app import run
    except ImportError as error:  # Qt missing or its system libraries absent
        raise CommandError(f"the window cannot start because Qt could not be loaded ({error}).") from None
    return run(args.file)


# -- plumbing -----------------------------------------------------------------------------------------


def _output_path(output: Path, overwrite: bool, ignore_lock: bool = False) -> Path:
    if output.suffix != FILE_SUFFIX:
        output = output.with_name(output.name + FILE_SUFFIX)
    if output.exists() and not overwrite:
        raise CommandError(f"{output} already exists; add --overwrite to replace it.")
    owner = read_owner(output) if output.exists() else None
    if owner is not None and not is_stale(owner) and not ignore_lock:
        # Someone has it open in Inspector: replacing it now would lose what they save next, or be lost.
        raise CommandError(
            f"{output} is open in {APP_NAME} by {describe_owner(owner)} since {describe_time(owner.since)}; "
            "close it there first, or add --ignore-lock to replace it anyway."
        )
    if not output.parent.is_dir():
        raise CommandError(f"the folder {output.parent} does not exist.")
    return output


def _commands() -> dict[
    str, tuple[str, Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int]]
]:
    def new(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--framework",
            required=True,
            metavar="ID|FILE",
            help="a framework id (see 'frameworks'), or a framework file (.json)",
        )
        p.add_argument(
            "--force", required=True, metavar="NAME", help='the force, e.g. "Hertfordshire Constabulary"'
        )
        p.add_argument("--force-short", metavar="NAME", help='the area alone, e.g. "Hertfordshire"')
        p.add_argument("--author", action="append", metavar="NAME", help="an author (repeat for several)")
        p.add_argument("-o", "--output", required=True, type=Path, metavar="FILE", help="the file to create")
        p.add_argument("--overwrite", action="store_true", help="replace FILE if it exists")
        p.add_argument(
            "--ignore-lock", action="store_true", help="replace FILE even while Inspector has it open"
        )

    def check(p: argparse.ArgumentParser) -> None:
        p.add_argument("file", type=Path, metavar="FILE")
        p.add_argument("--matrix", action="store_true", help="also print the evidence coverage matrix")
        p.add_argument(
            "--only",
            action="append",
            metavar="CHECK",
            help='run only this check or group, e.g. "grade.missing" or "style" (repeat or separate with commas)',
        )
        p.epilog = "Exits 1 when there are errors (warnings and advice do not fail the check)."

    def frameworks(p: argparse.ArgumentParser) -> None:
        from .cli_frameworks import configure

        configure(p)

    def sample(p: argparse.ArgumentParser) -> None:
        p.add_argument("name", nargs="?", metavar="NAME", help="which sample (omit to list them)")
        p.add_argument("--list", action="store_true", help="list the samples")
        p.add_argument("-o", "--output", type=Path, metavar="FILE", help="the file to create")
        p.add_argument("--overwrite", action="store_true", help="replace FILE if it exists")
        p.add_argument(
            "--ignore-lock", action="store_true", help="replace FILE even while Inspector has it open"
        )

    def export(p: argparse.ArgumentParser) -> None:
        p.add_argument("file", type=Path, metavar="FILE", help="the inspection to export")
        p.add_argument(
            "-o",
            "--output",
            type=Path,
            metavar="OUT.docx",
            help="the report (default: FILE with .docx, or .pdf with --pdf); a name ending .pdf makes a PDF",
        )
        p.add_argument(
            "--pdf",
            action="store_true",
            help="make a PDF through LibreOffice (it must be installed), with the contents' page numbers",
        )
        p.add_argument(
            "--no-update-fields",
            action="store_true",
            help="Word reports only: do not ask Word to update fields on opening (no question, but the "
            "contents show no page numbers until updated in Word)",
        )
        p.add_argument("--template", type=Path, metavar="ORG.docx", help="an organisation's Word template")
        p.add_argument(
            "--pillar",
            metavar="ID",
            help="only this pillar of a programme of several (e.g. efficiency), as its own report",
        )
        p.add_argument(
            "--evidence-annex", action="store_true", help="add an annex listing the evidence by question"
        )
        p.add_argument(
            "--strict",
            action="store_true",
            help="refuse to export while the report may contain personal data",
        )

    def round_(p: argparse.ArgumentParser) -> None:
        from .cli_round import configure

        configure(p)

    def team(p: argparse.ArgumentParser) -> None:
        from .cli_team import configure

        configure(p)

    def lint_template(p: argparse.ArgumentParser) -> None:
        p.add_argument("template", type=Path, metavar="FILE", help="a Word template (.docx or .dotx)")

    return {
        "new": ("create a new inspection file", new, cmd_new),
        "check": ("check a file: summarise it and list what to fix before publication", check, cmd_check),
        "frameworks": (
            "list the frameworks offered; import, validate or describe (schema) a framework file",
            frameworks,
            cmd_frameworks,
        ),
        "sample": ("copy a bundled sample inspection to a file", sample, cmd_sample),
        "export": ("export an inspection's report, as a Word document or a PDF", export, cmd_export),
        "lint-template": (
            "say what a Word template will do to the report: styles it lacks, numbering, header, footer",
            lint_template,
            cmd_lint_template,
        ),
        "round": (
            "a round of inspections, one file per force: new, carry-forward (last year's grades), table",
            round_,
            cmd_round,
        ),
        "team": (
            "team inspection without a server: copy for a member, sync, merge, conflicts, send, apply",
            team,
            cmd_team,
        ),
    }


def build_parser() -> argparse.ArgumentParser:
    commands = _commands()
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=f"{APP_NAME}: draft graded police inspection assessments. "
        f"With no command, opens the window (with FILE, opens that inspection).",
        epilog="commands: " + "; ".join(f"{name}: {info[0]}" for name, info in commands.items()),
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (help_text, configure, handler) in commands.items():
        command_parser = sub.add_parser(name, help=help_text, description=help_text)
        configure(command_parser)
        command_parser.set_defaults(handler=handler)
    return parser


def _gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=PROG, add_help=False)
    parser.add_argument("file", nargs="?", type=Path)
    return parser


def parse(argv: Sequence[str]) -> argparse.Namespace:
    """Subcommands when the first word is one; otherwise the optional FILE for the window."""
    parser = build_parser()
    if argv and (argv[0] in _commands() or argv[0].startswith("-")):
        return parser.parse_args(argv)
    args, unknown = _gui_parser().parse_known_args(argv)
    if unknown:
        parser.error(f"unrecognised arguments: {' '.join(unknown)}")
    args.handler = run_gui
    return args


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse(argv)
    if getattr(args, "handler", None) is None:
        args.handler = run_gui
        args.file = None
    try:
        status: int = args.handler(args)
        return status
    except (CommandError, InspectionFileError, bundled.UnknownResourceError, ExportError) as error:
        print(f"{PROG}: {one_line(str(error))}", file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the output went to a pager or `head` that stopped reading: not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as error:  # noqa: BLE001 - the promise: one clear line, never a traceback
        print(f"{PROG}: unexpected error: {type(error).__name__}: {one_line(str(error))}", file=sys.stderr)
        return EXIT_FAILURE


_WORD = re.compile(r"\S{" + str(WORD_LIMIT + 1) + ",}")


def one_line(message: str) -> str:
    """``message`` fit for one line of stderr: line breaks and runs of spaces become one space, control
    characters are escaped, a word longer than ``WORD_LIMIT`` keeps its start and end around "…", and the
    whole is cut at ``LINE_LIMIT`` characters."""
    flat = " ".join(message.split())
    flat = "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in flat)
    flat = _WORD.sub(lambda m: f"{m.group(0)[:40]}…{m.group(0)[-12:]}", flat)
    return flat if len(flat) <= LINE_LIMIT else flat[: LINE_LIMIT - 1] + "…"


if __name__ == "__main__":
    sys.exit(main())
