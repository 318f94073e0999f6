"""The bundled samples export whole; LibreOffice (when installed) turns an export into a PDF."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from unit.export.export_support import headings, open_docx, part_xml, peel_inspection, printed_headings

from inspector_app import bundled
from inspector_app.export import export_report
from inspector_app.storage.inspection_file import loads_inspection

CRIME = "hertfordshire-crime-inspection-2014"
PEEL = "hertfordshire-peel-2016-effectiveness"


def _sample(name: str):
    if name not in bundled.sample_names():
        pytest.skip(f"the sample {name} is not bundled yet")
    return loads_inspection(bundled.sample(name).read_bytes(), name)


def test_crime_sample_exports(tmp_path: Path) -> None:
    inspection = _sample(CRIME)
    path = export_report(inspection, tmp_path / "crime.docx", evidence_annex=True)
    document = open_docx(path)
    h1 = [text for style, text in headings(document) if style == "Heading 1"]
    for question in inspection.framework.questions():
        assert question.text in h1
    grid = document.tables[0]
    assert len(grid.columns) == len(inspection.framework.questions())
    labels = [inspection.framework.scale.label(q.grade) for q in inspection.questions]
    assert [c.text for c in grid.rows[1].cells] == labels
    footnotes = part_xml(path, "word/footnotes.xml")
    real = footnotes.xpath("./w:footnote[not(@w:type)]", namespaces={"w": footnotes.nsmap["w"]})
    assert len(real) == sum(len(q.footnotes) for q in inspection.questions)


def test_peel_sample_exports(tmp_path: Path) -> None:
    inspection = _sample(PEEL)
    path = export_report(inspection, tmp_path / "peel.docx", evidence_annex=True)
    document = open_docx(path)
    h2 = [text for style, text in printed_headings(document) if style == "Heading 2"]
    for question in inspection.framework.questions():
        assert f"{question.number}. {question.text}" in h2
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "Hertfordshire PEEL 2016"
    if inspection.published:
        assert f"Last updated {inspection.published:%d/%m/%Y}" in texts


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_converts_an_export_to_pdf(tmp_path: Path) -> None:
    source = export_report(peel_inspection(), tmp_path / "report.docx", evidence_annex=True)
    profile = tmp_path / "lo-profile"
    result = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    pdf = tmp_path / "report.pdf"
    assert pdf.exists() and pdf.stat().st_size > 1000
    assert pdf.read_bytes().startswith(b"%PDF")
