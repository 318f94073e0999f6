"""Judgement quality: rules that read an inspection and say what to fix before it is published. No Qt.

Public API::

    run_checks(inspection, *, only=None, evidence_annex=False, speller=None) -> list[Finding]
                                                   # sorted by question, severity
    personal_data_findings(inspection, *, evidence_annex=False) -> list[Finding]  # the "privacy" rules
    personal_data_message(findings) -> str         # why an export(strict=True) was refused
    coverage_matrix(inspection) -> Matrix          # evidence counts, questions × source types
    render_matrix(matrix) -> str                   # the matrix as plain text
    rules() -> list[Rule]                          # id, severity, doc of every rule
    Finding(rule, severity, message, place)        # place: Place(question_id, field, record_id, label)
    Severity.ERROR / WARNING / ADVICE
    Speller(aff, dic, variants)                    # a dictionary for the spelling rules; the caller has the
                                                   # bytes (inspector_app.bundled.speller()); .preload()

A new rule is one decorated function in one of the rule modules (or a new module imported below)::

    @rule("style.example", Severity.ADVICE)
    def example(ctx: CheckContext) -> Iterator[Flag]:
        '''What it checks, and why.'''
        for spot in ctx.texts:
            if "example" in spot.text:
                yield flag(spot.place, "Say what is wrong in a sentence the inspector understands.")

Rule groups: ``grade`` and ``recommendation`` (:mod:`.grades`), ``evidence`` (:mod:`.evidence`),
``style`` (:mod:`.style`, :mod:`.footnotes`), ``privacy`` (:mod:`.privacy`), ``figure`` (:mod:`.figures`);
``only={"style"}`` runs a whole group.
"""

from __future__ import annotations

from . import evidence, figures, footnotes, grades, privacy, review, spelling, style  # noqa: F401 - importing registers the rules
from .core import CheckContext, Finding, Flag, Rule, Severity, flag, get_rule, rule, rules, run_checks
from .evidence import Matrix, MatrixRow, coverage_matrix, render_matrix
from .places import Place
from .privacy import PERSONAL_DATA, personal_data_findings, personal_data_message
from .spelling import Speller
from .text import TextKind, TextSpot, report_text

__all__ = [
    "PERSONAL_DATA",
    "CheckContext",
    "Finding",
    "Flag",
    "Matrix",
    "MatrixRow",
    "Place",
    "Rule",
    "Severity",
    "Speller",
    "TextKind",
    "TextSpot",
    "coverage_matrix",
    "flag",
    "get_rule",
    "personal_data_findings",
    "personal_data_message",
    "render_matrix",
    "report_text",
    "rule",
    "rules",
    "run_checks",
    "spelling",
]
