"""Export to PDF (issue 14, item 5): one real LibreOffice run of the crime sample, read back with poppler's
pdftotext; every failure path with a stand-in ``soffice`` (tests/support/fake_soffice.py) or none at all."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import threading
import time
from pathlib import Path

import pytest
from support.fake_soffice import SMALL_PDF, alive, calls, fake_soffice, sleeping_pids

from inspector_app import bundled
from inspector_app.export import pdf
from inspector_app.export.errors import ExportCancelled, ExportError
from inspector_app.storage.inspection_file import loads_inspection

CRIME = "hertfordshire-crime-inspection-2014"
#: A contents line as pdftotext prints it: the heading, a leader of dots, the page number.
CONTENTS_LINE = re.compile(r"^(?P<title>\S.*?)\s*\.{4,}\s*(?P<page>\d+)$")


def crime_sample():
    return loads_inspection(bundled.sample(CRIME).read_bytes(), CRIME)


def pdftotext(path: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page is not None else []
    return subprocess.run(
        ["pdftotext", "-layout", *pages, str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.skipif(pdf.find_soffice() is None, reason="LibreOffice is not installed")
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed")
def test_the_crime_sample_as_a_pdf_has_its_words_and_contents_with_the_right_page_numbers(tmp_path):
    inspection = crime_sample()
    progress: list[tuple[int, int]] = []
    written = pdf.export_pdf(inspection, tmp_path / "crime", progress=lambda d, t: progress.append((d, t)))

    assert written == tmp_path / "crime.pdf" and written.read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["crime.pdf"], "no temporary file left beside it"
    if os.name == "posix":
        assert stat.S_IMODE(written.stat().st_mode) == 0o600, "a report is private to the user"
    assert progress[0][1] > 0 and progress[-1] == (0, 0), "steps while it is built, then busy in LibreOffice"

    text = pdftotext(written)
    flat = words(text)
    for phrase in (
        "Hertfordshire Constabulary",
        "Overall summary",
        words(inspection.pillars[0].summary[0].text)[:60],
        inspection.framework.questions()[1].text,
    ):
        assert phrase in flat
    contents = [m for line in text.splitlines() if (m := CONTENTS_LINE.match(line.strip()))]
    assert len(contents) >= 5, "the contents lines end in their page numbers"
    pages = len(re.findall(r"\f", text))
    for line in contents:
        title, page = line["title"], int(line["page"])
        assert 1 <= page <= pages
        # The page the contents names starts that heading (the running header comes first).
        assert words(title)[:30] in words(pdftotext(written, page)), (title, page)


def test_without_libreoffice_it_says_so_before_building_anything(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf, "find_soffice", lambda *args, **kwargs: None)
    built = []
    monkeypatch.setattr("inspector_app.export.report.build_report", lambda *a, **k: built.append(1) or b"")
    with pytest.raises(ExportError) as raised:
        pdf.export_pdf(crime_sample(), tmp_path / "r.pdf")
    assert str(raised.value) == pdf.NOT_INSTALLED
    assert "LibreOffice" in pdf.NOT_INSTALLED and "\n" not in pdf.NOT_INSTALLED
    assert built == [] and not any(tmp_path.iterdir())
    assert not pdf.libreoffice_available()


def test_find_soffice_takes_the_named_program_then_path_then_install_places(tmp_path):
    named = fake_soffice(tmp_path / "named")
    on_path = fake_soffice(tmp_path / "bin")
    empty = tmp_path / "empty"
    empty.mkdir()
    assert pdf.find_soffice({pdf.SOFFICE_ENV: str(named), "PATH": str(on_path.parent)}, "linux") == named
    assert pdf.find_soffice({"PATH": str(on_path.parent)}, "linux") == on_path
    assert pdf.find_soffice({"PATH": str(empty)}, "win32") is None, "no Program Files, not on PATH"
    program_files = tmp_path / "Program Files"
    exe = program_files / "LibreOffice" / "program" / "soffice.exe"
    exe.parent.mkdir(parents=True)
    exe.write_bytes(b"")
    exe.chmod(0o700)
    assert pdf.find_soffice({"PATH": str(empty), "ProgramFiles": str(program_files)}, "win32") == exe


def test_failing_libreoffice_gives_a_plain_sentence_and_writes_nothing(tmp_path):
    soffice = fake_soffice(tmp_path / "lo", "fail")
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(ExportError) as raised:
        pdf.convert_docx_to_pdf(b"PK not really", out / "r.pdf", soffice=soffice)
    message = str(raised.value)
    assert message == (
        "LibreOffice could not make the PDF: Error: source file could not be loaded. "
        "Export to Word instead. No file was written."
    )
    assert not any(out.iterdir())
    assert len(calls(tmp_path / "lo")) == 2, "the profile's first start, then the macro"


def test_a_failure_leaves_the_existing_pdf_untouched(tmp_path):
    soffice = fake_soffice(tmp_path / "lo", "fail")
    existing = tmp_path / "r.pdf"
    existing.write_bytes(b"%PDF-1.4 the old report")
    with pytest.raises(ExportError, match=r"The existing file has not been changed\.$"):
        pdf.convert_docx_to_pdf(b"", existing, soffice=soffice)
    assert existing.read_bytes() == b"%PDF-1.4 the old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lo", "r.pdf"]


def test_libreoffice_past_the_time_limit_is_stopped_with_what_it_started(tmp_path):
    soffice = fake_soffice(tmp_path / "lo", "sleep")
    existing = tmp_path / "r.pdf"
    existing.write_bytes(b"%PDF old")
    start = time.monotonic()
    with pytest.raises(ExportError) as raised:
        pdf.convert_docx_to_pdf(b"", existing, soffice=soffice, timeout=1.5)
    assert time.monotonic() - start < 20
    assert not isinstance(raised.value, ExportCancelled)
    assert str(raised.value) == (
        "LibreOffice took longer than 2 seconds to make the PDF and was stopped. "
        "Try again, or export to Word instead. The existing file has not been changed."
    )
    assert existing.read_bytes() == b"%PDF old"
    pids = sleeping_pids(tmp_path / "lo")
    assert len(pids) == 2
    _wait_until(lambda: not any(alive(pid) for pid in pids))


def test_cancel_kills_libreoffice_at_once_and_writes_nothing(tmp_path):
    soffice = fake_soffice(tmp_path / "lo", "sleep")
    out = tmp_path / "out"
    out.mkdir()
    asked = threading.Event()

    def cancelled() -> bool:  # the user presses Cancel once LibreOffice (and its child) are running
        if len(sleeping_pids(tmp_path / "lo")) == 2:
            asked.set()
        return asked.is_set()

    start = time.monotonic()
    with pytest.raises(ExportCancelled, match=r"^Export cancelled\. No file was written\.$"):
        pdf.convert_docx_to_pdf(b"", out / "r.pdf", soffice=soffice, cancelled=cancelled)
    assert time.monotonic() - start < 20, "not the fake's minute of sleep"
    pids = sleeping_pids(tmp_path / "lo")
    _wait_until(lambda: not any(alive(pid) for pid in pids))
    assert not any(out.iterdir())


def test_cancel_while_the_report_is_built_never_starts_libreoffice(tmp_path):
    soffice = fake_soffice(tmp_path / "lo")
    with pytest.raises(ExportCancelled):
        pdf.export_pdf(crime_sample(), tmp_path / "r.pdf", soffice=soffice, cancelled=lambda: True)
    assert calls(tmp_path / "lo") == [] and not (tmp_path / "r.pdf").exists()


def test_the_stand_in_makes_a_pdf_through_the_macro_and_the_word_report_asks_nothing(tmp_path, monkeypatch):
    """The whole path without LibreOffice: the macro module names where to store, the PDF is written, and
    the Word report given to LibreOffice does not ask Word to update fields (a PDF reader never asks)."""
    from inspector_app.export import report

    soffice = fake_soffice(tmp_path / "lo")
    seen: dict[str, object] = {}
    build = report.build_report

    def spy(*args, **kwargs):
        seen.update(kwargs)
        return build(*args, **kwargs)

    monkeypatch.setattr(report, "build_report", spy)
    warnings: list[str] = []
    written = pdf.export_pdf(crime_sample(), tmp_path / "r.PDF", soffice=soffice, warn=warnings.append)
    assert written == tmp_path / "r.PDF" and written.read_bytes() == SMALL_PDF
    assert seen["update_fields"] is False and seen["warn"] == warnings.append
    first, second = calls(tmp_path / "lo")
    assert "--terminate_after_init" in first and second[-1] == "macro:///Standard.InspectorPdf.Export"
    assert "--headless" in second and any(a.startswith("-env:UserInstallation=file://") for a in second)


def test_a_folder_is_no_place_for_the_pdf(tmp_path, monkeypatch):
    (tmp_path / "r.pdf").mkdir()
    soffice = fake_soffice(tmp_path / "lo")
    with pytest.raises(ExportError, match="is a folder"):
        pdf.convert_docx_to_pdf(b"", tmp_path / "r.pdf", soffice=soffice)
    monkeypatch.setattr("inspector_app.export.report.build_report", lambda *a, **k: pytest.fail("built"))
    with pytest.raises(ExportError, match=r"is a folder\. Choose a file name for the report\."):
        pdf.export_pdf(crime_sample(), tmp_path / "r", soffice=soffice)
    assert calls(tmp_path / "lo") == []


def test_the_macro_refuses_a_url_that_would_break_its_strings():
    module = pdf.basic_module("file:///a%20b.docx", "file:///t.pdf", "file:///r.txt")
    assert "file:///a%20b.docx" in module and 'storeToURL("file:///t.pdf"' in module
    with pytest.raises(ValueError, match="percent-encoded"):
        pdf.basic_module('file:///a".docx', "file:///t.pdf", "file:///r.txt")


def _wait_until(condition, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "still running"
        time.sleep(0.05)
