"""Rounds (issue 15, item 4): the 43 forces, a new round, carrying last year forward, the grades table.

A synthetic round of the 43 forces of England and Wales against PEEL 2016 Effectiveness: made, graded,
carried into a second year whose framework renamed a question, and tabled as XLSX and CSV read back.
"""

import csv
import io
import os
import sys

import pytest

from inspector_app import bundled
from inspector_app.domain.framework import Framework
from inspector_app.domain.inspection import AreaForImprovement, CauseOfConcern, SummaryItem
from inspector_app.domain.rounds import (
    TABLE_COLUMNS,
    RoundError,
    RoundForce,
    carry_forward,
    force_key,
    parse_forces,
    parse_question_map,
    round_file_name,
    slug,
    table_rows,
)
from inspector_app.storage import lock as locking
from inspector_app.storage.grades_table import csv_bytes, write_table, xlsx_bytes
from inspector_app.storage.inspection_file import load_inspection, save_inspection
from inspector_app.storage.rounds import carry_forward_round, new_round, read_round

PEEL = "peel-2016-effectiveness"
GRADES = ["outstanding", "good", "requires_improvement", "inadequate"]
RENAMED = "investigating-crime"


# -- the forces ---------------------------------------------------------------------------------------------


def test_the_bundled_forces_are_the_43_of_england_and_wales():
    forces = bundled.forces()
    assert len(forces) == 43
    assert len({force_key(f.name) for f in forces}) == 43
    assert len({round_file_name(f) for f in forces}) == 43
    by_name = {f.name: f.short for f in forces}
    assert by_name["Avon and Somerset Constabulary"] == "Avon and Somerset"
    assert by_name["Metropolitan Police Service"] == "Metropolitan"
    assert by_name["City of London Police"] == "City of London"
    assert by_name["Dyfed-Powys Police"] == "Dyfed-Powys"
    assert by_name["Hertfordshire Constabulary"] == "Hertfordshire"
    welsh = {"Dyfed-Powys Police", "Gwent Police", "North Wales Police", "South Wales Police"}
    assert welsh <= set(by_name)
    assert all(f.short and f.short in f.name for f in forces)
    assert [f.name for f in forces] == sorted(f.name for f in forces)


def test_file_names_are_safe_everywhere():
    assert round_file_name(RoundForce("Dyfed-Powys Police", "Dyfed-Powys")) == "dyfed-powys.inspection"
    assert (
        round_file_name(RoundForce("Avon & Somerset Constabulary"))
        == "avon-and-somerset-constabulary.inspection"
    )
    assert round_file_name(RoundForce("Ynys Môn", "Môn")) == "mon.inspection"
    assert round_file_name(RoundForce("Con", "Con")) == "con-force.inspection"
    assert round_file_name(RoundForce("Kent Police", "Kent", "kent-2017")) == "kent-2017.inspection"
    assert slug("../../etc/passwd") == "etc-passwd"
    assert slug("???").startswith("force-")
    for bad in ("../kent", "a/b", "c:\\x", ".hidden", "nul", "a|b"):
        with pytest.raises(RoundError):
            round_file_name(RoundForce("Kent Police", "Kent", bad))


def test_a_forces_file_is_read_with_its_header_and_refused_with_a_line_number():
    forces = parse_forces("\ufeffShort,Name,File\nKent,Kent Police,\n\nSurrey,  Surrey   Police ,surrey-x\n")
    assert forces == [
        RoundForce("Kent Police", "Kent", ""),
        RoundForce("Surrey Police", "Surrey", "surrey-x"),
    ]
    assert parse_forces("name;short\nKent Police;Kent\n") == [RoundForce("Kent Police", "Kent")]
    for text, fragment in [
        ("", "is empty"),
        ("short\nKent\n", "no 'name' column"),
        (
            "name,short\nKent Police,Kent\nkent  police,Kent\n",
            "line 3: kent police is listed twice (also on line 2)",
        ),
        ("name,short\n,Kent\n", "line 2: the force has no name"),
        ("name,short\nKent Police,Kent,extra\n", "line 2: 3 values"),
        ("name,short,file\nKent Police,Kent,../up\n", "line 2: the file name"),
        ("name,short\nKent Police,Kent\nKent Constabulary,Kent\n", "same file name"),
        ("name\n", "lists no forces"),
    ]:
        with pytest.raises(RoundError) as caught:
            parse_forces(text, "forces.csv")
        assert fragment in str(caught.value), str(caught.value)
        assert "\n" not in str(caught.value)


def test_a_map_file():
    text = "old_question_id,new_question_id\n# a comment\ninvestigating-crime,investigating\ngone,\n\n"
    assert parse_question_map(text) == {"investigating-crime": "investigating", "gone": ""}
    assert parse_question_map("a,b\n") == {"a": "b"}
    assert parse_question_map("a;b\nc;\n") == {"a": "b", "c": ""}  # as a spreadsheet may save it
    with pytest.raises(RoundError, match="line 2: 'a' is mapped twice"):
        parse_question_map("a,b\na,c\n")
    with pytest.raises(RoundError, match="expected two values"):
        parse_question_map("a,b,c\n")


# -- a synthetic round of 43 forces -------------------------------------------------------------------------


def _renamed_framework():
    """Next year's PEEL: one question's id changed, and a new version."""
    document = bundled.load_framework(PEEL).model_dump(mode="json")
    document["version"] = "2017"
    for question in document["pillars"][0]["questions"]:
        if question["id"] == RENAMED:
            question["id"] = "investigating"
    return Framework.model_validate(document)


def _grade_last_year(folder):
    """Grade every force's round file: grades cycle through the scale, force by force."""
    for n, path in enumerate(sorted(folder.glob("*.inspection"))):
        inspection = load_inspection(path)
        for m, question in enumerate(inspection.questions):
            if inspection.framework.core(question.question_id).graded:
                question.grade = GRADES[(n + m) % 4]
                question.summary = [SummaryItem(text=f"Last year's point {m} for {inspection.force.short}.")]
        inspection.pillars[0].grade = GRADES[n % 4]
        inspection.questions[0].areas_for_improvement = [AreaForImprovement(text="The force should a.")] * (
            n % 3
        )
        inspection.questions[1].causes_of_concern = [CauseOfConcern(text="A cause.")] * (n % 2)
        save_inspection(inspection, path, backups=0)


@pytest.fixture(scope="module")
def rounds(tmp_path_factory):
    """Last year's round of the 43 forces, graded; this year's, with one force fewer and one not in last
    year's, against the renamed framework. Made once for the module (each test copies what it changes)."""
    base = tmp_path_factory.mktemp("rounds")
    forces = bundled.forces()
    made = new_round(bundled.load_framework(PEEL), forces, base / "2016")
    assert len(made) == 43
    _grade_last_year(base / "2016")
    this_year = [f for f in forces if f.short != "Wiltshire"] + [
        RoundForce("Isle of Man Constabulary", "Isle of Man")
    ]
    new_round(_renamed_framework(), this_year, base / "2017-template")
    return base


def _copy_folder(source, target):
    target.mkdir()
    for path in source.glob("*.inspection"):
        (target / path.name).write_bytes(path.read_bytes())
    return target


def test_new_round_makes_one_valid_file_per_force_and_refuses_to_overwrite(rounds, tmp_path):
    files = sorted(p.name for p in (rounds / "2016").glob("*.inspection"))
    assert len(files) == 43 and "metropolitan.inspection" in files and "dyfed-powys.inspection" in files
    met = load_inspection(rounds / "2016" / "metropolitan.inspection")
    assert (met.force.name, met.force.short_name, met.framework.id) == (
        "Metropolitan Police Service",
        "Metropolitan",
        PEEL,
    )

    folder = tmp_path / "new" / "round"
    framework = bundled.load_framework(PEEL)
    forces = bundled.forces()[:3]
    new_round(framework, forces, folder)
    if os.name == "posix":  # the folder it makes, and each file, are the user's alone
        assert folder.stat().st_mode & 0o777 == 0o700
        assert all(p.stat().st_mode & 0o777 == 0o600 for p in folder.iterdir())
    first = folder / round_file_name(forces[0])
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    with pytest.raises(
        RoundError, match=r"3 files of the round already exist .* add --overwrite .* Nothing was written"
    ):
        new_round(framework, forces, folder)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    held = locking.acquire(first)
    try:
        with pytest.raises(RoundError, match="is open in Inspector by"):
            new_round(framework, forces, folder, overwrite=True)
    finally:
        held.release()
    assert new_round(framework, forces, folder, overwrite=True)
    assert first.read_bytes() != before[first.name]  # a new inspection (new ids)
    (tmp_path / "a-file").write_text("x")
    with pytest.raises(RoundError, match="is not a folder"):
        new_round(framework, forces, tmp_path / "a-file")


def test_carry_forward_by_force_and_question_id_with_a_map(rounds, tmp_path):
    last = rounds / "2016"
    this = _copy_folder(rounds / "2017-template", tmp_path / "2017")
    report = carry_forward_round(last, this, {RENAMED: "investigating"}, text=True)
    assert len(report.matched) == 42 and len(report.changed) == 42 and not report.failed
    assert report.question_grades == 42 * 4 and report.pillar_grades == 42
    lines = report.lines()
    assert lines[0].startswith("Matched 42 forces between the two folders. Changed 42 files")
    assert any(
        "No file for 1 force in last year's folder" in line and "Isle of Man Constabulary" in line
        for line in lines
    )
    assert any(
        "No file for 1 force in this year's folder" in line
        and "Wiltshire Police (wiltshire.inspection)" in line
        for line in lines
    )
    assert not any("question '" in line for line in lines), lines  # the map covered the renamed question
    assert (
        "Last year's files are against PEEL 2016 Effectiveness 2016, this year's against PEEL 2016 Effectiveness 2017"
        in "\n".join(lines)
    )

    for path in sorted(last.glob("*.inspection")):
        before = load_inspection(path)
        if before.force.short == "Wiltshire":
            continue
        after = load_inspection(this / path.name)
        assert after.pillars[0].last_year_grade == before.pillars[0].grade
        for old in before.questions:
            new_id = "investigating" if old.question_id == RENAMED else old.question_id
            new = after.question(new_id)
            if old.grade == "ungraded":
                assert new.last_year_grade is None
            else:
                assert new.last_year_grade == old.grade
                assert [s.text for s in new.summary] == [s.text for s in old.summary]
                assert new.grade is None  # this year's own grade is this year's to give
    assert load_inspection(this / "isle-of-man.inspection").questions[0].last_year_grade is None

    again = carry_forward_round(last, this, {RENAMED: "investigating"}, text=True)
    assert again.changed == [] and not again.failed  # a second run changes nothing
    assert any("summary is not empty" in line for line in again.lines())


def test_without_the_map_the_renamed_question_is_reported_and_a_bad_map_too(rounds, tmp_path):
    this = _copy_folder(rounds / "2017-template", tmp_path / "2017")
    lines = carry_forward_round(rounds / "2016", this).lines()
    assert any(
        f"Last year's question '{RENAMED}' has no question of that id this year (42 forces)" in line
        and "--map" in line
        for line in lines
    ), lines
    assert any(
        "This year's question 2 ('investigating') matches no question of last year (42 forces)" in line
        for line in lines
    )
    assert load_inspection(this / "kent.inspection").question("investigating").last_year_grade is None
    assert load_inspection(this / "kent.inspection").question("preventing-crime").summary == []  # no --text

    lines = carry_forward_round(
        rounds / "2016", this, {"nonsense": "investigating", RENAMED: "typo"}, dry_run=True
    ).lines()
    assert any(
        "The map names 'nonsense', which is no question of last year's files." in line for line in lines
    )
    assert any(
        "maps 'investigating-crime' to 'typo', which is no question of this year's files" in line
        for line in lines
    )


def test_an_unreadable_or_open_file_is_reported_and_not_changed(rounds, tmp_path):
    this = _copy_folder(rounds / "2017-template", tmp_path / "2017")
    broken = this / "kent.inspection"
    broken.write_bytes(b'{"format": "inspector.inspection", "format_version": 3, "inspec')
    locked = this / "surrey.inspection"
    before_locked = locked.read_bytes()
    held = locking.acquire(locked)
    try:
        report = carry_forward_round(rounds / "2016", this, {RENAMED: "investigating"})
    finally:
        held.release()
    assert broken.read_bytes() == b'{"format": "inspector.inspection", "format_version": 3, "inspec'
    assert locked.read_bytes() == before_locked
    assert len(report.failed) == 2
    assert any(line.startswith("Not changed: kent.inspection could not be read") for line in report.failed)
    assert any("surrey.inspection is open in Inspector by" in line for line in report.failed)
    assert len(report.changed) == 40
    assert any("Kent Police (kent.inspection)" in line for line in report.lines())  # so not in this year's
    if sys.platform != "win32" and os.geteuid() != 0:
        unreadable = this / "sussex.inspection"
        unreadable.chmod(0)
        try:
            report = carry_forward_round(rounds / "2016", this, {RENAMED: "investigating"})
        finally:
            unreadable.chmod(0o600)
        assert any("sussex.inspection could not be read" in line for line in report.failed)


def test_two_files_of_one_force_are_left_out(rounds, tmp_path):
    this = _copy_folder(rounds / "2017-template", tmp_path / "2017")
    (this / "kent-copy.inspection").write_bytes((this / "kent.inspection").read_bytes())
    report = carry_forward_round(rounds / "2016", this, {RENAMED: "investigating"})
    assert any("Kent Police has 2 files in this year's folder" in line for line in report.lines())
    assert load_inspection(this / "kent.inspection").pillars[0].last_year_grade is None


def test_a_grade_this_years_scale_lacks_is_not_carried():
    framework = bundled.load_framework(PEEL)
    document = framework.model_dump(mode="json")
    document["scale"]["grades"] = [g for g in document["scale"]["grades"] if g["id"] != "inadequate"]
    from inspector_app.domain.inspection import new_inspection

    last = new_inspection(framework, "Kent Police")
    last.questions[0].grade = "inadequate"
    last.questions[1].grade = "good"
    this = new_inspection(Framework.model_validate(document), "Kent Police")
    result = carry_forward(last, this)
    assert this.questions[0].last_year_grade is None and this.questions[1].last_year_grade == "good"
    assert result.notes == [
        "question 1: last year's grade 'inadequate' is not on this year's scale; not carried"
    ]


def test_copied_summary_points_bring_the_footnotes_they_cite():
    """A copied point keeps its footnote; where this year's question already has that label for another
    note, last year's comes under a new label and the point cites it, never this year's by mistake."""
    from inspector_app.domain.inspection import Footnote, SummaryItem, new_inspection

    framework = bundled.load_framework(PEEL)
    last = new_inspection(framework, "Kent Police")
    last.questions[0].summary = [SummaryItem(text="Crime fell[^1] and again[^1]; arrests rose[^2].")]
    last.questions[0].footnotes = [
        Footnote(label="1", text="ONS data."),
        Footnote(label="2", text="Force data."),
    ]
    this = new_inspection(framework, "Kent Police")
    this.questions[0].footnotes = [Footnote(label="2", text="A note of this year's.")]
    carry_forward(last, this, text=True)
    assert this.questions[0].summary[0].text == "Crime fell[^1] and again[^1]; arrests rose[^2-2]."
    notes = {note.label: note.text for note in this.questions[0].footnotes}
    assert notes == {"2": "A note of this year's.", "1": "ONS data.", "2-2": "Force data."}


# -- the grades table ---------------------------------------------------------------------------------------------


def _this_year_graded(rounds, tmp_path):
    this = _copy_folder(rounds / "2017-template", tmp_path / "2017")
    carry_forward_round(rounds / "2016", this, {RENAMED: "investigating"})
    for path in this.glob("*.inspection"):
        inspection = load_inspection(path)
        inspection.question("preventing-crime").grade = "good"
        inspection.pillars[0].grade = "good"
        save_inspection(inspection, path, backups=0)
    return this


def test_the_table_as_xlsx_has_every_force_and_question_in_the_grade_colours(rounds, tmp_path):
    from openpyxl import load_workbook

    this = _this_year_graded(rounds, tmp_path)
    found = read_round(this)
    assert len(found.files) == 43 and not found.unreadable
    rows = table_rows((f.path.name, f.inspection) for f in found.files)
    assert len(rows) == 43 * 6  # the pillar and its five questions
    target = write_table(rows, tmp_path / "grades.xlsx")
    book = load_workbook(target)
    sheet = book["Grades"]
    assert [c.value for c in sheet[1]] == list(TABLE_COLUMNS)
    assert sheet.freeze_panes == "B2"
    assert sheet.column_dimensions["E"].width == 60
    assert sheet.max_row == len(rows) + 1
    scale = bundled.load_framework(PEEL).scale
    kent_2016 = load_inspection(rounds / "2016" / "kent.inspection")
    kent = {
        (r[3].value or "pillar"): r for r in sheet.iter_rows(min_row=2) if r[1].value == "kent.inspection"
    }
    assert set(kent) == {"pillar", "1", "2", "3", "4", "5"}
    one = kent["1"]
    last_year = scale.get(kent_2016.question("preventing-crime").grade)
    assert one[0].value == "Kent Police" and one[2].value == "Effectiveness"
    assert one[5].value == "Good" and one[6].value == last_year.label
    assert one[5].fill.fgColor.rgb == "FF8CC63F" and one[5].font.color.rgb == "FF000000"
    assert one[6].fill.fgColor.rgb == "FF" + last_year.colour[1:].upper()
    directions = {}
    for row in sheet.iter_rows(min_row=2):
        if row[3].value == "1" and row[6].value:  # this year "Good" everywhere
            directions[row[6].value] = row[7].value
    assert directions == {
        "Outstanding": "Deteriorated",
        "Good": "Unchanged",
        "Requires improvement": "Improved",
        "Inadequate": "Improved",
    }
    assert one[7].value == directions[last_year.label]
    assert kent["5"][5].value == "Ungraded" and kent["5"][5].fill.fill_type is None
    assert kent["2"][5].value == "Not yet graded" and kent["2"][7].value is None
    assert (kent["pillar"][8].value, kent["pillar"][9].value) == (0, 0)  # none found yet this year
    assert kent["pillar"][5].font.bold and kent["pillar"][5].fill.fgColor.rgb == "FF8CC63F"
    man = [r for r in sheet.iter_rows(min_row=2) if r[0].value == "Isle of Man Constabulary"]
    assert len(man) == 6 and all(r[6].value is None and r[7].value is None for r in man)

    summary = book["By question"]
    header = [c.value for c in summary[1]]
    assert header == [
        "Pillar",
        "Question",
        "Question text",
        "Good",
        "Not graded",
        "Improved",
        "Unchanged",
        "Deteriorated",
    ]
    assert summary["D1"].fill.fgColor.rgb == "FF8CC63F"
    by_number = {r[1].value or "pillar": [c.value for c in r] for r in summary.iter_rows(min_row=2)}
    assert by_number["1"][3:5] == [43, 0] and by_number["2"][3:5] == [0, 43] and by_number["pillar"][3] == 43
    assert sum(by_number["1"][5:8]) == 42  # all but the Isle of Man, which has no last year


def test_the_table_counts_areas_for_improvement_and_causes_of_concern(rounds, tmp_path):
    found = read_round(rounds / "2016")
    rows = table_rows((f.path.name, f.inspection) for f in found.files)
    by = {(r.file, r.number): r for r in rows}
    for n, path in enumerate(sorted((rounds / "2016").glob("*.inspection"))):
        assert by[(path.name, "1")].areas_for_improvement == n % 3
        assert by[(path.name, "2")].causes_of_concern == n % 2
        assert by[(path.name, "")].areas_for_improvement == n % 3  # the pillar: all its questions
        assert by[(path.name, "")].causes_of_concern == n % 2
        assert by[(path.name, "")].grade.label == bundled.load_framework(PEEL).scale.label(GRADES[n % 4])


def test_the_table_as_csv_reads_back(rounds, tmp_path):
    this = _this_year_graded(rounds, tmp_path)
    rows = table_rows((f.path.name, f.inspection) for f in read_round(this).files)
    target = write_table(rows, tmp_path / "grades.csv")
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert table[0] == list(TABLE_COLUMNS)
    assert len(table) == 43 * 6 + 1
    kent_one = next(r for r in table if r[1] == "kent.inspection" and r[3] == "1")
    assert kent_one[5] == "Good" and kent_one[7] in ("Improved", "Unchanged", "Deteriorated")
    with pytest.raises(RoundError, match=r"as \.xlsx or \.csv"):
        write_table(rows, tmp_path / "grades.ods")


def test_text_from_a_file_is_never_a_formula():
    from openpyxl import load_workbook

    from inspector_app.domain.inspection import new_inspection

    hostile = new_inspection(bundled.load_framework(PEEL), '=HYPERLINK("http://x","y")\x07')
    rows = table_rows([("x.inspection", hostile)])
    table = list(csv.reader(io.StringIO(csv_bytes(rows).decode("utf-8-sig"))))
    assert table[1][0].startswith("'=HYPERLINK")
    sheet = load_workbook(io.BytesIO(xlsx_bytes(rows)))["Grades"]
    assert sheet["A2"].data_type == "s" and sheet["A2"].value == '=HYPERLINK("http://x","y")'
    hostile.framework.scale.grades[0].label = '=HYPERLINK("http://x","Good")\x07'
    hostile.questions[0].grade = hostile.framework.scale.grades[0].id
    book = load_workbook(io.BytesIO(xlsx_bytes(table_rows([("x.inspection", hostile)]))))
    headers = [cell for cell in book["By question"][1] if str(cell.value).startswith("=")]
    assert headers and all(cell.data_type == "s" for cell in headers), "a grade label is never a formula"
    assert headers[0].value == '=HYPERLINK("http://x","Good")'
