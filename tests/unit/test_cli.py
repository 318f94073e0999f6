"""The command line, run as a user runs it: a separate process, its exit code, stdout and stderr."""

import json
import subprocess
import sys

import pytest

from inspector_app import __version__
from inspector_app.storage.inspection_file import load_inspection


def run(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "inspector_app.cli", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        timeout=120,
    )


def assert_clean_failure(result, *fragments):
    assert result.returncode != 0
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in result.stderr


def test_version():
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"Inspector {__version__}"


def test_frameworks_lists_id_title_and_question_count():
    result = run("frameworks")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].split()[:1] == ["crime-inspection-2014"] and "3 questions" in lines[0]
    (effectiveness,) = [line for line in lines if line.startswith("peel-2016-effectiveness ")]
    assert "PEEL 2016 Effectiveness" in effectiveness and "5 questions" in effectiveness
    (programme,) = [line for line in lines if line.startswith("peel-2016 ")]
    assert "PEEL 2016" in programme and "10 questions" in programme


def test_new_creates_a_valid_file_and_refuses_to_overwrite(tmp_path):
    target = tmp_path / "herts.inspection"
    args = [
        "new",
        "--framework",
        "peel-2016-effectiveness",
        "--force",
        "Hertfordshire Constabulary",
        "-o",
        target,
    ]
    result = run(*args, "--force-short", "Hertfordshire", "--author", "A. Inspector")
    assert result.returncode == 0, result.stderr
    document = json.loads(target.read_text(encoding="utf-8"))
    assert document["inspection"]["force"] == {
        "name": "Hertfordshire Constabulary",
        "short_name": "Hertfordshire",
    }
    assert document["inspection"]["authors"] == ["A. Inspector"]

    before = target.read_bytes()
    assert_clean_failure(run(*args), "already exists", "--overwrite")
    assert target.read_bytes() == before
    assert run(*args, "--overwrite").returncode == 0


def test_new_adds_the_suffix_and_rejects_unknown_frameworks(tmp_path):
    assert (
        run(
            "new", "--framework", "crime-inspection-2014", "--force", "Kent Police", "-o", tmp_path / "kent"
        ).returncode
        == 0
    )
    assert (tmp_path / "kent.inspection").is_file()
    result = run("new", "--framework", "peel-1999", "--force", "Kent Police", "-o", tmp_path / "x")
    assert_clean_failure(result, "peel-1999", "crime-inspection-2014")


@pytest.mark.parametrize("force", ["", "   "])
def test_new_with_an_empty_force_name_fails_in_one_line(tmp_path, force):
    """It printed a four-line pydantic validation error."""
    result = run("new", "--framework", "crime-inspection-2014", "--force", force, "-o", tmp_path / "k")
    assert_clean_failure(result, "--force needs the name of the force")
    assert result.returncode == 1
    assert not (tmp_path / "k.inspection").exists()


def test_a_4000_digit_format_version_is_reported_in_one_short_line(tmp_path):
    """It gave a 4,206-character error line."""
    target = tmp_path / "bad.inspection"
    target.write_text('{"format": "inspector.inspection", "format_version": ' + "9" * 4000 + "}")
    result = run("check", target)
    assert_clean_failure(result, 'Cannot open "bad.inspection"', "its format version is not a real one")
    assert len(result.stderr.strip()) < 300


def test_one_line_folds_and_shortens_messages():
    from inspector_app.cli import LINE_LIMIT, one_line

    assert one_line("first\nsecond\r\n  third") == "first second third"
    assert one_line("bell\x07 and \x1b[31m") == "bell\\x07 and \\x1b[31m"
    long_word = one_line("format " + "1" * 4000 + "; reads up to 1.")
    assert len(long_word) < 80 and long_word.startswith("format 1111") and "…" in long_word
    assert long_word.endswith("; reads up to 1.")
    assert len(one_line("word " * 1000)) == LINE_LIMIT


def test_new_into_a_missing_folder(tmp_path):
    result = run(
        "new", "--framework", "crime-inspection-2014", "--force", "K", "-o", tmp_path / "no" / "k.inspection"
    )
    assert_clean_failure(result, "does not exist")


def test_check_summarises_a_valid_file(tmp_path):
    target = tmp_path / "k.inspection"
    run("new", "--framework", "peel-2016-effectiveness", "--force", "Kent Police", "-o", target)
    result = run("check", target)
    assert result.returncode == 0, result.stderr
    summary = result.stdout.splitlines()[0]
    assert "Kent Police" in summary and "0 of 4 graded questions judged" in summary
    assert "5: Ungraded" in summary and "The file is valid." in summary
    # A fresh draft: no grades and no evidence yet are advice and warnings, not errors.
    assert "ADVICE   Question 1: The question has no grade yet." in result.stdout
    assert "WARNING  Question 1: No evidence is recorded for this graded question." in result.stdout
    # 5 missing grades (4 questions, the pillar) and 10 diagnostics without evidence; 4 questions without.
    assert result.stdout.rstrip().splitlines()[-1] == "0 errors, 4 warnings, 15 advice."
    assert result.stderr == ""


def _final_with_a_bare_cause(tmp_path):
    """A final PEEL sample where question 3's cause of concern has lost its recommendations."""
    from inspector_app.storage.inspection_file import load_inspection, save_inspection

    target = tmp_path / "herts.inspection"
    assert run("sample", "hertfordshire-peel-2016-effectiveness", "-o", target).returncode == 0
    inspection = load_inspection(target)
    inspection.question("protecting-vulnerable").causes_of_concern[0].recommendations.clear()
    inspection.question("preventing-crime").grade = None
    save_inspection(inspection, target)
    return target


def test_check_lists_findings_by_question_and_fails_on_errors(tmp_path):
    target = _final_with_a_bare_cause(tmp_path)
    result = run("check", target)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].endswith("The file is valid.") and lines[1] == ""
    assert "Report" in lines  # report-wide findings (the pillar summary) come first
    q1 = lines.index(
        "Question 1: How effective is the force at preventing crime, tackling anti-social behaviour and keeping people safe?"
    )
    q3 = lines.index(
        "Question 3: How effective is the force at protecting those who are vulnerable from harm, and supporting victims?"
    )
    assert lines.index("Report") < q1 < q3
    assert lines[q1 + 1] == "  ERROR    Question 1: The question has no grade yet."
    assert lines[q3 + 1] == (
        "  ERROR    Question 3 › Cause of concern 1: The cause of concern has no recommendation; "
        "add what the force must do about it."
    )
    assert lines[-1] == "2 errors, 0 warnings, 5 advice."
    assert result.stderr == ""


def test_check_only_and_matrix(tmp_path):
    target = _final_with_a_bare_cause(tmp_path)
    result = run("check", target, "--only", "grade.cause-without-recommendation", "--matrix")
    assert result.returncode == 1
    assert "Question 1:" not in result.stdout  # the missing grade is another check
    assert "1 error, 0 warnings, 0 advice." in result.stdout
    matrix = result.stdout.split("1 error, 0 warnings, 0 advice.")[1]
    assert "Interview" in matrix and "Total" in matrix
    assert any(line.startswith("All questions") and line.split()[-1] == "25" for line in matrix.splitlines())

    clean = run("check", target, "--only", "style,evidence.triangulation")
    assert clean.returncode == 0 and "0 errors" in clean.stdout

    assert_clean_failure(
        run("check", target, "--only", "grade.nonsense"), "no check called 'grade.nonsense'", "grade.missing"
    )


def test_check_of_a_clean_file_says_so(tmp_path):
    target = tmp_path / "herts.inspection"
    assert run("sample", "hertfordshire-peel-2016-effectiveness", "-o", target).returncode == 0
    result = run("check", target, "--only", "grade")
    assert result.returncode == 0
    assert "No problems found." in result.stdout and result.stdout.rstrip().endswith(
        "0 errors, 0 warnings, 0 advice."
    )


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"", "empty"),
        (b'{"format": "inspector.inspection", "format_version": 1, "inspec', "incomplete"),
        (bytes(range(256)), "not an inspection file"),
        (b'{"format": "inspector.inspection", "format_version": 99}', "newer version of Inspector"),
    ],
)
def test_check_reports_bad_files_in_one_line(tmp_path, content, fragment):
    target = tmp_path / "bad.inspection"
    target.write_bytes(content)
    assert_clean_failure(run("check", target), 'Cannot open "bad.inspection"', fragment)


def test_check_missing_file(tmp_path):
    assert_clean_failure(run("check", tmp_path / "gone.inspection"), "there is no file")


def test_unknown_command_is_a_usage_error():
    result = run("frobnicate", "--now")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_export_writes_a_word_report_and_lint_template_says_what_a_template_lacks(tmp_path):
    import docx

    sample = tmp_path / "herts.inspection"
    assert run("sample", "hertfordshire-peel-2016-effectiveness", "-o", sample).returncode == 0
    result = run("export", sample)
    assert result.returncode == 0, result.stderr
    report = docx.Document(str(tmp_path / "herts.docx"))
    assert any(p.text == "Questions for Effectiveness" for p in report.paragraphs)

    bare = tmp_path / "bare.docx"
    docx.Document().save(str(bare))
    lint = run("lint-template", bare)
    assert lint.returncode == 0, "a template that opens can be used"
    assert "the grade styles (Grade " in lint.stdout and "the standard template's are used" in lint.stdout
    assert "Header: the template has none" in lint.stdout
    exported = run("export", sample, "-o", tmp_path / "r.docx", "--template", bare)
    assert exported.returncode == 0, exported.stderr
    assert (
        "warning: The template “bare.docx” lacks" in exported.stderr
        and "the grade styles (Grade " in exported.stderr
    )
    assert "Grade Good" in {style.name for style in docx.Document(str(tmp_path / "r.docx")).styles}


def _with_personal_data(tmp_path):
    from inspector_app.storage.inspection_file import load_inspection, save_inspection

    target = tmp_path / "herts.inspection"
    assert run("sample", "hertfordshire-peel-2016-effectiveness", "-o", target).returncode == 0
    inspection = load_inspection(target)
    paragraph = inspection.question("protecting-vulnerable").sections[0].blocks[0]
    paragraph.text += " The victim (DOB 12/03/1985) gave her number, 07700 900123."
    save_inspection(inspection, target)
    return target


def test_export_strict_refuses_personal_data_and_writes_nothing(tmp_path):
    target = _with_personal_data(tmp_path)
    result = run("export", target, "--strict")
    assert_clean_failure(
        result,
        "personal data in 2 places",
        "Question 3 › Opening text › Paragraph 1: a phone number",
        "No file was written.",
    )
    assert "07700 900123" not in result.stderr  # the message points at the data without repeating it
    assert not (tmp_path / "herts.docx").exists()


def test_export_warns_of_personal_data_but_exports(tmp_path):
    target = _with_personal_data(tmp_path)
    result = run("export", target)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Exported {tmp_path / 'herts.docx'}."
    warnings = result.stderr.splitlines()
    assert len(warnings) == 2 and all(
        line.startswith("inspector-app: warning: Question 3 › ") for line in warnings
    )
    assert {"a phone number", "a date of birth"} == {
        kind for kind in ("a phone number", "a date of birth") for line in warnings if kind in line
    }
    assert (tmp_path / "herts.docx").is_file()


def test_export_strict_of_a_clean_sample_exports(tmp_path):
    target = tmp_path / "herts.inspection"
    assert run("sample", "hertfordshire-crime-inspection-2014", "-o", target).returncode == 0
    result = run("export", target, "--strict", "--evidence-annex")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_sample_lists_and_copies(tmp_path):
    listing = run("sample")
    assert listing.stdout.split() == [
        "hertfordshire-crime-inspection-2014",
        "hertfordshire-peel-2016-effectiveness",
    ]
    assert_clean_failure(run("sample", "nowhere", "-o", tmp_path / "x"), "no sample called", "hertfordshire")


def test_new_refuses_to_replace_a_file_open_in_the_window_unless_told(tmp_path):
    """`new --overwrite` on a file open in Inspector replaced it in silence."""
    from inspector_app.storage import lock as locking

    target = tmp_path / "herts.inspection"
    assert (
        run("new", "--framework", "crime-inspection-2014", "--force", "Herts", "-o", target).returncode == 0
    )
    before = target.read_bytes()
    held = locking.acquire(target)  # this test process has it open, as the window would
    try:
        result = run(
            "new", "--framework", "crime-inspection-2014", "--force", "Kent", "-o", target, "--overwrite"
        )
        assert_clean_failure(result, "is open in Inspector by", "add --ignore-lock to replace it anyway")
        assert target.read_bytes() == before
        result = run(
            "new",
            "--framework",
            "crime-inspection-2014",
            "--force",
            "Kent",
            "-o",
            target,
            "--overwrite",
            "--ignore-lock",
        )
        assert result.returncode == 0, result.stderr
        assert load_inspection(target).force.name == "Kent"
    finally:
        held.release()


# -- export to PDF (issue 14, item 5) and the request to update fields ---------------------------------------


def _crime_sample(tmp_path):
    target = tmp_path / "herts.inspection"
    assert run("sample", "hertfordshire-crime-inspection-2014", "-o", target).returncode == 0
    return target


def _part(path, name="word/settings.xml"):
    import zipfile

    with zipfile.ZipFile(path) as package:
        return package.read(name).decode("utf-8")


def _libreoffice_installed():
    from inspector_app.export.pdf import find_soffice

    return find_soffice() is not None


@pytest.mark.skipif(not _libreoffice_installed(), reason="LibreOffice is not installed")
def test_export_pdf_writes_file_dot_pdf_through_libreoffice(tmp_path):
    sample = _crime_sample(tmp_path)
    result = run("export", sample, "--pdf")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Exported {tmp_path / 'herts.pdf'}."
    assert (tmp_path / "herts.pdf").read_bytes().startswith(b"%PDF")
    assert not (tmp_path / "herts.docx").exists(), "no Word report left beside it"


def test_export_to_a_pdf_name_makes_a_pdf_with_the_program_named_in_the_environment(tmp_path, monkeypatch):
    from support.fake_soffice import SMALL_PDF, calls, fake_soffice

    sample = _crime_sample(tmp_path)
    monkeypatch.setenv("INSPECTOR_SOFFICE", str(fake_soffice(tmp_path / "lo")))
    result = run("export", sample, "-o", tmp_path / "out.pdf")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Exported {tmp_path / 'out.pdf'}."
    assert (tmp_path / "out.pdf").read_bytes() == SMALL_PDF
    assert len(calls(tmp_path / "lo")) == 2


def test_export_pdf_to_a_word_name_is_refused_in_one_line(tmp_path):
    sample = _crime_sample(tmp_path)
    result = run("export", sample, "-o", tmp_path / "x.docx", "--pdf")
    assert result.returncode == 1
    assert_clean_failure(result, "--pdf", "x.docx", "-o OUT.pdf")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["herts.inspection"]


def test_export_pdf_where_libreoffice_fails_says_so_in_one_line(tmp_path, monkeypatch):
    from support.fake_soffice import fake_soffice

    sample = _crime_sample(tmp_path)
    monkeypatch.setenv("INSPECTOR_SOFFICE", str(fake_soffice(tmp_path / "lo", "fail")))
    result = run("export", sample, "--pdf")
    assert result.returncode == 1
    assert_clean_failure(result, "LibreOffice could not make the PDF", "No file was written.")
    assert not (tmp_path / "herts.pdf").exists()


def test_no_update_fields_leaves_out_the_request_to_update_fields_on_opening(tmp_path):
    sample = _crime_sample(tmp_path)
    asked = run("export", sample, "-o", tmp_path / "asked.docx")
    assert asked.returncode == 0, asked.stderr
    assert '<w:updateFields w:val="true"/>' in _part(tmp_path / "asked.docx")
    quiet = run("export", sample, "-o", tmp_path / "quiet.docx", "--no-update-fields")
    assert quiet.returncode == 0, quiet.stderr
    assert "updateFields" not in _part(tmp_path / "quiet.docx")
    # Nor is the contents field marked stale, which Word would also update on opening, with its question.
    assert "w:dirty" in _part(tmp_path / "asked.docx", "word/document.xml")
    assert "w:dirty" not in _part(tmp_path / "quiet.docx", "word/document.xml")


def test_export_pdf_without_libreoffice_says_so_in_one_line_before_reading_the_file(
    tmp_path, monkeypatch, capsys
):
    """In this process, where LibreOffice can be made to look absent (a subprocess would find it)."""
    from inspector_app import cli
    from inspector_app.export import pdf

    monkeypatch.setattr(pdf, "find_soffice", lambda *args, **kwargs: None)
    missing = tmp_path / "nowhere.inspection"  # not even read: nothing else could help
    assert cli.main(["export", str(missing), "--pdf"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"inspector-app: {pdf.NOT_INSTALLED}\n"
    assert not any(tmp_path.iterdir())
