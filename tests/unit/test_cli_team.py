"""`inspector-app team`: copy, edits on both sides, sync, conflicts, send and apply, merge — and failures
as one line, run in-process through the command line's main()."""

from __future__ import annotations

from pathlib import Path

import pytest

from inspector_app import bundled
from inspector_app.cli import main
from inspector_app.domain import editing
from inspector_app.storage.inspection_file import load_inspection, loads_inspection, save_inspection
from inspector_app.storage.team import open_team_file

PEEL = "hertfordshire-peel-2016-effectiveness"


def _set_grade(path: Path, grade_index: int) -> str:
    team_file = open_team_file(path)
    inspection = team_file.inspection
    question = next(q for q in inspection.questions if inspection.framework.question(q.question_id).graded)  # type: ignore[union-attr]
    grades = [g.id for g in inspection.framework.scale.grades if g.id != question.grade]
    team_file.record([editing.set_grade(inspection, question.question_id, grades[grade_index])])
    team_file.save()
    return question.question_id


def test_team_commands_from_copy_to_conflicts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lead, ann, bob = (tmp_path / f"{n}.inspection" for n in ("Herts", "ann", "bob"))
    save_inspection(loads_inspection(bundled.sample(PEEL).read_bytes(), PEEL), lead)
    assert (
        main(
            ["team", "copy", str(lead), "--member", "Ann", "--questions", "preventing-crime", "-o", str(ann)]
        )
        == 0
    )
    assert main(["team", "copy", str(lead), "--member", "Bob", "-o", str(bob)]) == 0
    assert "Ann's copy" in capsys.readouterr().out
    _set_grade(ann, 0)
    _set_grade(bob, 1)
    assert main(["team", "sync", str(ann)]) == 0
    assert main(["team", "sync", str(bob)]) == 0
    assert main(["team", "sync", str(lead)]) == 0
    out = capsys.readouterr().out
    assert "Merged the changes of Ann, Bob" in out and "1 conflict(s)" in out
    assert main(["team", "conflicts", str(lead)]) == 0
    (line,) = capsys.readouterr().out.strip().splitlines()
    assert "grade" in line and "Ann:" in line and "Bob:" in line
    grades = load_inspection(lead).framework.scale.grades
    assert any(f": {grade.label}" in line for grade in grades)  # the scale's words, not the grade ids
    assert not any(f": {grade.id}" in line for grade in grades if grade.id != grade.label)

    sent = tmp_path / "bob.changes"
    assert main(["team", "send", str(bob), "-o", str(sent)]) == 0
    assert main(["team", "apply", str(lead), str(sent)]) == 0
    out_file = tmp_path / "out.inspection"
    assert main(["team", "merge", str(ann), str(bob), "-o", str(out_file)]) == 0
    assert load_inspection(out_file).model_dump() == load_inspection(lead).model_dump()


def test_team_failures_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lead = tmp_path / "Herts.inspection"
    save_inspection(loads_inspection(bundled.sample(PEEL).read_bytes(), PEEL), lead)
    assert main(["team", "sync", str(lead)]) == 1
    assert main(["team", "conflicts", str(lead)]) == 1
    garbage = tmp_path / "x.changes"
    garbage.write_bytes(b"\x00garbage")
    assert main(["team", "copy", str(lead), "--member", "Ann", "-o", str(tmp_path / "ann.inspection")]) == 0
    capsys.readouterr()
    assert main(["team", "apply", str(lead), str(garbage)]) == 1
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and "x.changes" in lines[0] and "Traceback" not in captured.err


def test_team_resolve_by_number(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lead, ann, bob = (tmp_path / f"{n}.inspection" for n in ("Herts", "ann", "bob"))
    save_inspection(loads_inspection(bundled.sample(PEEL).read_bytes(), PEEL), lead)
    assert main(["team", "copy", str(lead), "--member", "Ann", "-o", str(ann)]) == 0
    assert main(["team", "copy", str(lead), "--member", "Bob", "-o", str(bob)]) == 0
    _set_grade(ann, 0)
    question = _set_grade(bob, 1)
    bob_grade = next(q.grade for q in load_inspection(bob).questions if q.question_id == question)
    for path in (ann, bob, ann):
        assert main(["team", "sync", str(path)]) == 0
    capsys.readouterr()
    assert main(["team", "conflicts", str(ann)]) == 0
    assert capsys.readouterr().out.startswith("1. ")
    assert main(["team", "resolve", str(ann), "2", "--keep", "mine"]) == 1
    assert "no conflict 2 (it has 1" in capsys.readouterr().err
    assert main(["team", "resolve", str(ann), "1", "--value", "not json"]) == 1
    assert main(["team", "resolve", str(ann), "1", "--keep", "theirs"]) == 0
    assert "No conflicts left." in capsys.readouterr().out
    assert next(q.grade for q in load_inspection(ann).questions if q.question_id == question) == bob_grade
    assert main(["team", "conflicts", str(ann)]) == 0
    assert "No conflicts." in capsys.readouterr().out
