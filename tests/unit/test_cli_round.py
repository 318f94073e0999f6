"""`inspector-app round` run as a user runs it: a separate process, its exit code, stdout and stderr."""

import csv
import io
import subprocess
import sys

from inspector_app.storage.inspection_file import load_inspection, save_inspection

PEEL = "peel-2016-effectiveness"


def run(*args):
    return subprocess.run(
        [sys.executable, "-m", "inspector_app.cli", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def assert_clean_failure(result, *fragments):
    assert result.returncode == 1, (result.returncode, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in result.stderr, result.stderr


def test_round_new_table_and_carry_forward(tmp_path):
    last, this = tmp_path / "2016", tmp_path / "2017"
    result = run("round", "new", "--framework", PEEL, "-o", last)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Created 43 inspection files in {last} (PEEL 2016 Effectiveness)."
    assert len(list(last.glob("*.inspection"))) == 43
    assert_clean_failure(run("round", "new", "--framework", PEEL, "-o", last), "43 files", "--overwrite")

    kent = load_inspection(last / "kent.inspection")
    kent.question("investigating-crime").grade = "inadequate"
    kent.pillars[0].grade = "requires_improvement"
    save_inspection(kent, last / "kent.inspection", backups=0)

    forces = tmp_path / "forces.csv"
    forces.write_text("name,short\nKent Police,Kent\nSurrey Police,Surrey\n", encoding="utf-8")
    assert run("round", "new", "--framework", PEEL, "--forces", forces, "-o", this).returncode == 0
    mapping = tmp_path / "map.csv"
    mapping.write_text("old_question_id,new_question_id\nnot-a-question,preventing-crime\n", encoding="utf-8")
    result = run("round", "carry-forward", last, this, "--map", mapping, "--text")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Matched 2 forces between the two folders. Changed 1 file in")
    assert any("No file for 41 forces in this year's folder" in line for line in lines)
    assert any("The map names 'not-a-question'" in line for line in lines)
    after = load_inspection(this / "kent.inspection")
    assert after.question("investigating-crime").last_year_grade == "inadequate"
    assert after.pillars[0].last_year_grade == "requires_improvement"

    (this / "surrey.inspection").write_text("not an inspection", encoding="utf-8")
    result = run("round", "carry-forward", last, this)
    assert result.returncode == 1
    assert "Not changed: surrey.inspection could not be read" in result.stdout
    assert result.stderr.count("\n") == 1 and "could not be read or written" in result.stderr
    assert (this / "surrey.inspection").read_text(encoding="utf-8") == "not an inspection"

    result = run("round", "table", this, "-o", tmp_path / "grades.csv")
    assert result.returncode == 0, result.stderr
    assert "Wrote the grades of 1 force (6 rows)" in result.stdout
    assert "warning: not in the table: surrey.inspection" in result.stderr
    table = list(csv.reader(io.StringIO((tmp_path / "grades.csv").read_text(encoding="utf-8-sig"))))
    two = next(row for row in table if row[3] == "2")
    assert two[0] == "Kent Police" and two[5:8] == ["Not yet graded", "Inadequate", ""]

    result = run("round", "table", last, "-o", tmp_path / "grades.xlsx")
    assert result.returncode == 0, result.stderr
    from openpyxl import load_workbook

    sheet = load_workbook(tmp_path / "grades.xlsx")["Grades"]
    kent_pillar = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "Kent Police")
    assert kent_pillar[5].value == "Requires improvement" and kent_pillar[5].fill.fgColor.rgb == "FFF6A71C"


def test_round_failures_are_one_line(tmp_path):
    bad = tmp_path / "forces.csv"
    bad.write_text("name,short\nKent Police,Kent\nKent Police,Kent\n", encoding="utf-8")
    assert_clean_failure(
        run("round", "new", "--framework", PEEL, "--forces", bad, "-o", tmp_path / "r"),
        "line 3",
        "listed twice",
    )
    assert not (tmp_path / "r").exists()
    assert_clean_failure(
        run("round", "new", "--framework", PEEL, "--forces", tmp_path / "none.csv", "-o", tmp_path / "r"),
        "there is no forces file",
    )
    assert_clean_failure(
        run("round", "new", "--framework", "no-such-framework", "-o", tmp_path / "r"), "no framework called"
    )
    assert_clean_failure(
        run("round", "table", tmp_path / "missing", "-o", tmp_path / "g.xlsx"), "does not exist"
    )
    assert_clean_failure(run("round", "table", tmp_path, "-o", tmp_path / "g.ods"), ".xlsx or a .csv")
    assert_clean_failure(run("round", "table", tmp_path, "-o", tmp_path / "g.csv"), "no inspection files")
    assert_clean_failure(run("round", "carry-forward", tmp_path, tmp_path), "the same folder")
    mapping = tmp_path / "map.csv"
    mapping.write_bytes(b"a,b\na,c\n")
    assert_clean_failure(
        run("round", "carry-forward", tmp_path, tmp_path / "x", "--map", mapping), "mapped twice"
    )
    usage = run("round")
    assert usage.returncode == 2 and "Traceback" not in usage.stderr
