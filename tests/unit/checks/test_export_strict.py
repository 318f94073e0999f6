"""export_report(strict=True): nothing is written while the report may contain personal data."""

from __future__ import annotations

import pytest
from unit.checks.checks_support import clean_peel, evidence, paragraph

from inspector_app.domain.inspection import SourceType
from inspector_app.export import ExportError, export_report


def test_strict_export_refuses_personal_data_and_writes_nothing(tmp_path):
    inspection = clean_peel()
    paragraph(inspection, "The victim, born on 12 March 1985, lives at SG13 8HZ.")
    target = tmp_path / "report.docx"
    with pytest.raises(ExportError) as refused:
        export_report(inspection, target, strict=True)
    message = str(refused.value)
    assert message.startswith(
        "The report may contain personal data in 2 places (Question 1 › Working with partners › Paragraph 2: a "
    )
    assert message.endswith("No file was written.")
    assert "SG13 8HZ" not in message
    assert not target.exists() and list(tmp_path.iterdir()) == []


def test_strict_export_leaves_an_existing_report_untouched(tmp_path):
    inspection = clean_peel()
    target = export_report(inspection, tmp_path / "report.docx", strict=True)
    before = target.read_bytes()
    paragraph(inspection, "Contact j.smith@example.com.")
    with pytest.raises(ExportError, match=r"The existing file has not been changed."):
        export_report(inspection, target, strict=True)
    assert target.read_bytes() == before


def test_without_strict_the_export_goes_ahead(tmp_path):
    inspection = clean_peel()
    paragraph(inspection, "Contact j.smith@example.com.")
    assert export_report(inspection, tmp_path / "report.docx").is_file()


def test_strict_reads_evidence_titles_only_when_the_annex_prints_them(tmp_path):
    inspection = clean_peel()
    evidence(
        inspection,
        "preventing-crime",
        SourceType.INTERVIEW,
        title="Call with 07700 900123",
        text="DOB 12/03/1985",
        reference="EV-9",
    )
    assert export_report(inspection, tmp_path / "plain.docx", strict=True).is_file()
    with pytest.raises(ExportError, match="Evidence EV-9: a phone number"):
        export_report(inspection, tmp_path / "annex.docx", strict=True, evidence_annex=True)
    assert not (tmp_path / "annex.docx").exists()
