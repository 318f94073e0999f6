"""The rules engine: registry, rule selection, sorting, findings and places; no Qt anywhere."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from unit.checks.checks_support import add_cause, clean_peel, paragraph

from inspector_app import bundled
from inspector_app.domain.checks import (
    CheckContext,
    Finding,
    Place,
    Severity,
    core,
    flag,
    rule,
    rules,
    run_checks,
)
from inspector_app.domain.inspection import Status


def test_the_clean_report_has_no_findings():
    assert run_checks(clean_peel(), speller=bundled.speller()) == []


def test_every_rule_is_named_documented_and_small():
    registered = rules()
    ids = [r.id for r in registered]
    assert len(ids) == len(set(ids)) >= 25
    for registered_rule in registered:
        assert re.fullmatch(r"[a-z]+\.[a-z][a-z-]*", registered_rule.id), registered_rule.id
        assert isinstance(registered_rule.severity, Severity)
        # The docstring says what the rule checks (first line) and why (a paragraph after it).
        assert len(registered_rule.doc.split("\n\n")) >= 2, registered_rule.id
        assert registered_rule.summary.endswith((".", ")")), registered_rule.id


def test_a_new_rule_is_one_decorated_function(monkeypatch):
    monkeypatch.setattr(core, "_RULES", dict(core._RULES))

    @rule("style.example", Severity.ADVICE)
    def example(ctx: CheckContext):
        """Flags the word "example" in the report.

        Only here to show how small a rule is."""
        for spot in ctx.texts:
            if "example" in spot.text:
                yield flag(spot.place, "Say it plainly.")

    inspection = clean_peel()
    block = paragraph(inspection, "For example, the force works well.")
    [finding] = run_checks(inspection, only={"style.example"})
    assert finding == Finding(
        "style.example",
        Severity.ADVICE,
        "Say it plainly.",
        Place("preventing-crime", "sections", block.id, "Question 1 › Working with partners › Paragraph 2"),
    )
    assert finding.line() == "ADVICE   Question 1 › Working with partners › Paragraph 2: Say it plainly."

    with pytest.raises(ValueError, match="registered twice"):
        rule("style.example", Severity.ADVICE)(example)
    with pytest.raises(ValueError, match="no docstring"):
        rule("style.undocumented", Severity.ADVICE)(lambda ctx: iter(()))


def test_only_takes_rule_ids_and_groups_and_names_an_unknown_one():
    inspection = clean_peel()
    inspection.question("preventing-crime").grade = None
    add_cause(inspection, "investigating-crime", recommendations=0)
    assert {f.rule for f in run_checks(inspection, only={"grade.missing"})} == {"grade.missing"}
    assert {f.rule for f in run_checks(inspection, only={"grade"})} == {
        "grade.missing",
        "grade.cause-without-recommendation",
        "grade.positive-with-cause",
    }
    with pytest.raises(ValueError, match=r"no check called 'grades'.*grade.missing"):
        run_checks(inspection, only={"grades"})


def test_findings_are_sorted_by_question_then_severity_then_report_order():
    inspection = clean_peel(Status.FINAL)
    inspection.question("protecting-vulnerable").grade = None  # error on question 3
    paragraph(
        inspection, "The force’s organization is good.", "protecting-vulnerable"
    )  # warning on question 3
    inspection.question("protecting-vulnerable").areas_for_improvement[
        0
    ].evidence_ids.clear()  # advice on question 3
    paragraph(inspection, "Its colour is recieved well.", "preventing-crime")  # warning on question 1
    inspection.pillars[0].summary[0].text += " It works with HMIC."  # advice, report-wide
    findings = run_checks(inspection, speller=bundled.speller())
    keys = [(f.place.question_id, f.severity) for f in findings]
    assert keys == [
        (None, Severity.ADVICE),
        ("preventing-crime", Severity.WARNING),
        ("protecting-vulnerable", Severity.ERROR),
        ("protecting-vulnerable", Severity.WARNING),
        ("protecting-vulnerable", Severity.ADVICE),
    ]
    assert findings[2].place == Place(
        "protecting-vulnerable", "grade", inspection.question("protecting-vulnerable").id, "Question 3"
    )


def test_a_rule_may_set_the_severity_of_one_finding():
    inspection = clean_peel(Status.DRAFT)
    inspection.question("preventing-crime").grade = None
    [finding] = run_checks(inspection, only={"grade.missing"})
    assert core.get_rule("grade.missing").severity is Severity.ERROR
    assert finding.severity is Severity.ADVICE


def test_the_checks_import_no_qt():
    code = (
        "import sys, inspector_app.domain.checks as c\n"
        "from inspector_app import bundled\n"
        "bundled.speller().preload()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
