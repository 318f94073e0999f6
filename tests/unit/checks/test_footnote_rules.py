"""Footnotes: a marker with no footnote prints as typed (a warning); a footnote no text cites is left out
of the report (advice)."""

from __future__ import annotations

from unit.checks.checks_support import clean_peel, found, paragraph

from inspector_app.domain.blocks import Paragraph
from inspector_app.domain.checks import Severity
from inspector_app.domain.inspection import Footnote


def test_a_clean_report_with_cited_footnotes_draws_nothing() -> None:
    inspection = clean_peel()
    paragraph(inspection, "Crime fell by 5 per cent[^1] and again later[^1].")
    inspection.question("preventing-crime").footnotes.append(Footnote(label="1", text="Home Office data."))
    assert found(inspection, "style.footnote-unknown") == []
    assert found(inspection, "style.footnote-uncited") == []


def test_a_marker_without_its_footnote_is_a_warning_at_its_place() -> None:
    inspection = clean_peel()
    block = paragraph(inspection, "Crime fell[^src] and rose[^src].")
    (finding,) = found(inspection, "style.footnote-unknown")
    assert finding.severity == Severity.WARNING
    assert finding.place.record_id == block.id
    assert (
        "“[^src]” would print as typed" in finding.message and "no footnote labelled “src”" in finding.message
    )


def test_a_marker_in_another_questions_text_does_not_find_its_footnote() -> None:
    inspection = clean_peel()
    inspection.question("preventing-crime").footnotes.append(Footnote(label="1", text="Home Office data."))
    paragraph(inspection, "Crime fell[^1].", question_id="preventing-crime")
    other = next(q.question_id for q in inspection.questions if q.question_id != "preventing-crime")
    paragraph(inspection, "Arrests rose[^1].", question_id=other)
    (finding,) = found(inspection, "style.footnote-unknown")
    assert finding.place.question_id == other


def test_a_marker_in_report_wide_text_is_a_warning() -> None:
    inspection = clean_peel()
    inspection.pillars[0].summary.append(Paragraph(text="Overall, crime fell[^1]."))
    (finding,) = found(inspection, "style.footnote-unknown")
    assert finding.place.question_id is None and "not a question's" in finding.message


def test_a_footnote_no_text_cites_is_advice() -> None:
    inspection = clean_peel()
    note = Footnote(label="old", text="A note nobody cites.")
    inspection.question("preventing-crime").footnotes.append(note)
    (finding,) = found(inspection, "style.footnote-uncited")
    assert finding.severity == Severity.ADVICE and finding.place.record_id == note.id
    assert "leaves it out" in finding.message
