"""Review (issue 16, item 4): comments on findings that never reach the report, and the status from draft
through review to final with who signed it off, each an undoable edit, seen by the checks and the CLI."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from unit.export.export_support import visible_text

from inspector_app import bundled
from inspector_app.domain import editing, review
from inspector_app.domain.checks import Severity, run_checks
from inspector_app.domain.editing import EditError
from inspector_app.domain.inspection import Inspection, Status
from inspector_app.export import export_report
from inspector_app.replication import Replica
from inspector_app.storage.inspection_file import loads_inspection, save_inspection

SAMPLE = "hertfordshire-peel-2016-effectiveness"


def sample() -> Inspection:
    return loads_inspection(bundled.sample(SAMPLE).read_bytes(), SAMPLE)


def first_area(inspection: Inspection):
    return next(a for q in inspection.questions for a in q.areas_for_improvement)


def findings(inspection: Inspection, rule: str):
    return run_checks(inspection, only={rule}, speller=bundled.speller())


def test_a_comment_is_added_resolved_reopened_and_each_step_undone():
    inspection = sample()
    area = first_area(inspection)
    added = review.add_comment(inspection, area.id, " B. Reviewer ", "Which unit?")
    [comment] = review.comments_on(inspection, {area.id})
    assert (comment.author, comment.text, comment.resolved) == ("B. Reviewer", "Which unit?", False)
    assert comment.created is not None and comment.created.tzinfo is not None
    resolved = review.set_resolved(inspection, comment.id, True, "A. Lead")
    assert comment.resolved and comment.resolved_by == "A. Lead" and review.open_comments(inspection) == []
    for change in reversed(resolved):
        editing.revert(inspection, change)
    assert not comment.resolved and comment.resolved_by == ""
    editing.revert(inspection, added)
    assert inspection.comments == []


def test_a_comment_needs_a_record_and_an_author():
    inspection = sample()
    with pytest.raises(EditError):
        review.add_comment(inspection, inspection.evidence[0].id.__class__(int=7), "B. Reviewer", "Lost?")
    with pytest.raises(review.ReviewError, match="author"):
        review.add_comment(inspection, first_area(inspection).id, "  ", "Who?")


def test_final_needs_who_signs_off_and_leaving_final_clears_it():
    inspection = sample()
    editing.set_field(inspection, inspection.id, "status", Status.DRAFT)
    with pytest.raises(review.ReviewError, match="signs it off"):
        review.set_status(inspection, Status.FINAL)
    changes = review.set_status(inspection, Status.FINAL, "A. Lead", today=dt.date(2026, 12, 2))
    assert (inspection.status, inspection.signed_off_by, inspection.signed_off_on) == (
        Status.FINAL,
        "A. Lead",
        dt.date(2026, 12, 2),
    )
    assert review.sign_off_line(inspection) == "Final, signed off by A. Lead on 2 December 2026"
    review.set_status(inspection, Status.IN_REVIEW)
    assert inspection.signed_off_by == "" and inspection.signed_off_on is None
    assert review.sign_off_line(inspection) == "In review"
    for change in reversed(changes):  # back to the draft, as undo does
        editing.revert(inspection, change)


def test_open_comments_matter_more_as_the_report_nears_final():
    inspection = sample()
    area = first_area(inspection)
    review.add_comment(inspection, area.id, "B. Reviewer", "Say which  unit\nand when.")
    severities = {}
    for status, by in ((Status.DRAFT, ""), (Status.IN_REVIEW, ""), (Status.FINAL, "A. Lead")):
        review.set_status(inspection, status, by)
        [flag] = findings(inspection, "review.open-comment")
        severities[status] = flag.severity
    assert severities == {
        Status.DRAFT: Severity.ADVICE,
        Status.IN_REVIEW: Severity.WARNING,
        Status.FINAL: Severity.ERROR,
    }
    assert flag.message == "B. Reviewer's comment is still open: “Say which unit and when.”"
    assert flag.place.record_id == area.id and flag.place.question_id is not None
    review.set_resolved(inspection, inspection.comments[0].id, True, "A. Lead")
    assert findings(inspection, "review.open-comment") == []


def test_a_comment_on_deleted_text_is_kept_and_said():
    inspection = sample()
    question = next(q for q in inspection.questions if q.areas_for_improvement)
    area = question.areas_for_improvement[0]
    review.add_comment(inspection, area.id, "B. Reviewer", "Too vague.")
    editing.remove_record(inspection, question.id, "areas_for_improvement", area.id)
    [flag] = findings(inspection, "review.open-comment")
    assert "on text since deleted" in flag.message and len(inspection.comments) == 1


def test_a_final_report_nobody_signed_off_is_warned_of():
    inspection = sample()
    editing.set_field(inspection, inspection.id, "status", Status.FINAL)  # as a hand-edited file may be
    editing.set_field(inspection, inspection.id, "signed_off_by", "")
    [flag] = findings(inspection, "review.not-signed-off")
    assert flag.severity is Severity.WARNING
    review.set_status(inspection, Status.FINAL, "A. Lead")
    assert findings(inspection, "review.not-signed-off") == []


def test_comments_never_reach_the_report(tmp_path: Path):
    inspection = sample()
    review.add_comment(inspection, first_area(inspection).id, "B. Reviewer", "Zanzibar reviewer note")
    text = visible_text(export_report(inspection, tmp_path / "r.docx"))
    assert "Zanzibar" not in text and "B. Reviewer" not in text


def test_comments_made_on_two_replicas_at_once_are_both_kept():
    inspection = sample()
    area = first_area(inspection)
    base = Replica.from_inspection(inspection, 10)
    ann, bob = Replica.from_state(base.state(), 1), Replica.from_state(base.state(), 2)
    for replica, name in ((ann, "Ann"), (bob, "Bob")):
        mine = replica.inspection()
        review.add_comment(mine, area.id, name, f"{name}'s point")
        replica.apply(mine)
    ann.merge(bob.update_since(ann.state_vector()))
    bob.merge(ann.update_since(bob.state_vector()))
    assert sorted(c.author for c in ann.inspection().comments) == ["Ann", "Bob"]
    assert ann.inspection().comments == bob.inspection().comments


def test_check_says_who_signed_the_report_off(tmp_path: Path):
    inspection = sample()
    review.set_status(inspection, Status.FINAL, "A. Lead", today=dt.date(2026, 12, 2))
    path = tmp_path / "final.inspection"
    save_inspection(inspection, path, backups=0)
    result = subprocess.run(
        [sys.executable, "-m", "inspector_app.cli", "check", str(path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert "(final; signed off by A. Lead on 2 December 2026)" in result.stdout.splitlines()[0]
