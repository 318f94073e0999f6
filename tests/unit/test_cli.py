"""The command line, run as a user runs it: a separate process, its exit code, stdout and stderr."""

import json
import subprocess
import sys

import pytest

from inspector_app import __version__


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
    assert lines[0].split() [:1] == ["crime-inspection-2014"] and "3 questions" in lines[0]
    assert "PEEL 2016 Effectiveness" in lines[1] and "5 questions" in lines[1]


def test_new_creates_a_valid_file_and_refuses_to_overwrite(tmp_path):
    target = tmp_path / "herts.inspection"
    args = ["new", "--framework", "peel-2016-effectiveness", "--force", "Hertfordshire Constabulary", "-o", target]
    result = run(*args, "--force-short", "Hertfordshire", "--author", "A. Inspector")
    assert result.returncode == 0, result.stderr
    document = json.loads(target.read_text(encoding="utf-8"))
    assert document["inspection"]["force"] == {"name": "Hertfordshire Constabulary", "short_name": "Hertfordshire"}
    assert document["inspection"]["authors"] == ["A. Inspector"]

    before = target.read_bytes()
    assert_clean_failure(run(*args), "already exists", "--overwrite")
    assert target.read_bytes() == before
    assert run(*args, "--overwrite").returncode == 0


def test_new_adds_the_suffix_and_rejects_unknown_frameworks(tmp_path):
    assert run("new", "--framework", "crime-inspection-2014", "--force", "Kent Police", "-o", tmp_path / "kent").returncode == 0
    assert (tmp_path / "kent.inspection").is_file()
    result = run("new", "--framework", "peel-1999", "--force", "Kent Police", "-o", tmp_path / "x")
    assert_clean_failure(result, "peel-1999", "crime-inspection-2014")


def test_new_into_a_missing_folder(tmp_path):
    result = run("new", "--framework", "crime-inspection-2014", "--force", "K", "-o", tmp_path / "no" / "k.inspection")
    assert_clean_failure(result, "does not exist")


def test_check_summarises_a_valid_file(tmp_path):
    target = tmp_path / "k.inspection"
    run("new", "--framework", "peel-2016-effectiveness", "--force", "Kent Police", "-o", target)
    result = run("check", target)
    assert result.returncode == 0, result.stderr
    assert "Kent Police" in result.stdout and "0 of 4 graded questions judged" in result.stdout
    assert "5: Ungraded" in result.stdout and "The file is valid." in result.stdout


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


def test_export_writes_a_word_report_and_lint_template_names_missing_styles(tmp_path):
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
    assert lint.returncode == 1 and "Grade Good" in lint.stdout
    assert_clean_failure(run("export", sample, "-o", tmp_path / "r.docx", "--template", bare), "lacks these styles", "Grade Good")
    assert not (tmp_path / "r.docx").exists()


def test_sample_lists_and_copies(tmp_path):
    listing = run("sample")
    assert listing.stdout.split() == ["hertfordshire-crime-inspection-2014", "hertfordshire-peel-2016-effectiveness"]
    assert_clean_failure(run("sample", "nowhere", "-o", tmp_path / "x"), "no sample called", "hertfordshire")
