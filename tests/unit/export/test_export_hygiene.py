"""Styles only, no direct formatting; hostile text survives; errors are ExportError; progress is reported."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx.oxml.ns import qn
from unit.export.export_support import (
    TEMPLATE,
    content_parts,
    crime_inspection,
    open_docx,
    paragraphs_with_style,
    part_xml,
    peel_inspection,
    template_style_ids,
    visible_text,
)

from inspector_app import bundled
from inspector_app.domain.blocks import Bullet, Paragraph
from inspector_app.domain.inspection import NarrativeSection
from inspector_app.export import ExportError, export_report, sanitize
from inspector_app.export.layouts import engine
from inspector_app.export.styles import required_styles

MAKERS = {"crime": crime_inspection, "peel": peel_inspection}

#: Run properties a run may carry: only a character style. Paragraph properties: style and numbering.
ALLOWED_RPR = {qn("w:rStyle")}
#: A paragraph's own properties: its style, its list numbering, and where the page may break (a new page
#: before it, kept with the next row of a table): pagination, never the look a template decides.
ALLOWED_PPR = {qn("w:pStyle"), qn("w:numPr"), qn("w:pageBreakBefore"), qn("w:keepNext")}


@pytest.fixture(scope="module", params=sorted(MAKERS))
def exported(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp(request.param) / "report.docx"
    export_report(MAKERS[request.param](), path, evidence_annex=True)
    return path


def test_every_style_used_exists_in_the_template(exported: Path) -> None:
    defined = template_style_ids()
    used = set()
    for root in content_parts(exported):
        for tag in ("w:pStyle", "w:rStyle", "w:tblStyle"):
            used.update(el.get(qn("w:val")) for el in root.iter(qn(tag)))
    assert used and used <= defined, used - defined
    # And through python-docx's own eyes: every paragraph, run and table resolves to a named style.
    document = open_docx(exported)
    for paragraph in document.paragraphs:
        assert paragraph.style.style_id in defined
        for run in paragraph.runs:
            if run._r.rPr is not None and run._r.rPr.rStyle is not None:
                assert run.style.style_id in defined
    for table in document.tables:
        assert table.style.name == "Inspection Table"
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    assert paragraph.style.style_id in defined


def test_lint_requires_every_style_an_export_uses(exported: Path) -> None:
    """lint_template checks exactly what the layouts need: every style used is a required one."""
    styles = part_xml(TEMPLATE, "word/styles.xml")
    names = {
        s.get(qn("w:styleId")): s.find(qn("w:name")).get(qn("w:val")).lower()
        for s in styles.iter(qn("w:style"))
    }
    required = {style.name.lower() for style in required_styles(bundled.frameworks())}
    used = set()
    for root in content_parts(exported):
        for tag in ("w:pStyle", "w:rStyle", "w:tblStyle"):
            used.update(names[el.get(qn("w:val"))] for el in root.iter(qn(tag)))
    assert used <= required, used - required


def test_no_direct_formatting(exported: Path) -> None:
    for root in content_parts(exported):
        for r_pr in root.iter(qn("w:rPr")):
            if r_pr.getparent().tag == qn("w:pPr"):
                assert len(r_pr) == 0
                continue
            assert {child.tag for child in r_pr} <= ALLOWED_RPR, [c.tag for c in r_pr]
        for p in root.iter(qn("w:p")):
            p_pr = p.find(qn("w:pPr"))
            if p_pr is None or p.getparent().get(qn("w:type")) in ("separator", "continuationSeparator"):
                continue
            assert {child.tag for child in p_pr} <= ALLOWED_PPR, [c.tag for c in p_pr]
    document = open_docx(exported)
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            assert run.bold is None and run.italic is None and run.font.size is None
            assert run.font.color.rgb is None


HOSTILE = (
    "Start\x00NUL\x01\x02\x07\x0b\x0c\x1b\x1f end. "
    "Lone \ud83d surrogate, emoji 😀👮🏽‍♀️, RTL \u200fمرحبا\u202e mark, \ufffe\uffff nonchars."
)


def test_hostile_text_exports_and_visible_text_is_kept(tmp_path: Path) -> None:
    inspection = crime_inspection()
    long_paragraph = "Long " + "x" * 20_000 + " end"
    inspection.questions[2].sections = [
        NarrativeSection(
            theme="Hostile\ttheme",
            blocks=[
                Paragraph(text=HOSTILE),
                Paragraph(text=long_paragraph),
                Paragraph(text="Line one\r\nLine two\rLine three\nLine four"),
                Paragraph(text="Column A\tColumn B\t\tColumn D"),
                Bullet(text="Bullet one\nBullet two"),
            ],
        )
    ]
    inspection.force.name = "Hertford\x00shire Constabulary"
    path = export_report(inspection, tmp_path / "hostile.docx")
    document = open_docx(path)
    texts = [p.text for p in document.paragraphs]
    expected = "StartNUL end. Lone \ufffd surrogate, emoji 😀👮🏽‍♀️, RTL \u200fمرحبا\u202e mark,  nonchars."
    assert expected in texts
    assert long_paragraph in texts
    start = texts.index("Line one")
    assert texts[start : start + 4] == ["Line one", "Line two", "Line three", "Line four"]
    assert {p.style.name for p in document.paragraphs if p.text.startswith("Line ")} == {"Normal"}
    assert "Column A\tColumn B\t\tColumn D" in texts
    bullets = paragraphs_with_style(document, "List Bullet")
    assert bullets[bullets.index("Bullet one") + 1] == "Bullet two"
    assert "Hostile\ttheme" in paragraphs_with_style(document, "Heading 2")
    assert "Column A\tColumn B\t\tColumn D" in visible_text(path)
    assert (
        document.sections[0].header.paragraphs[-1].text
        == "Crime inspection 2014 – Hertfordshire Constabulary"
    )


def test_sanitize() -> None:
    assert sanitize.clean("a\x00b\x08c\td\ne\r\nf\rg") == "abc\td\ne\nf\ng"
    assert sanitize.clean("\ud83d") == "\ufffd"
    assert sanitize.clean("😀\u200f\u202b") == "😀\u200f\u202b"
    assert sanitize.lines("one\n\n  \ntwo") == ["one", "two"]
    assert sanitize.lines("") == []
    assert sanitize.one_line("a\nb\r\nc") == "a b c"


def test_unexpected_failures_become_export_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(ctx) -> None:
        raise KeyError("boom")

    monkeypatch.setattr(engine, "render", broken)
    target = tmp_path / "report.docx"
    with pytest.raises(ExportError, match=r"unexpected problem.*KeyError.*No file was written"):
        export_report(crime_inspection(), target)
    assert not target.exists()


def test_inconsistent_inspection_is_refused_clearly(tmp_path: Path) -> None:
    inspection = crime_inspection()
    inspection.questions[0].grade = "brilliant"
    with pytest.raises(ExportError, match=r"inconsistent.*brilliant"):
        export_report(inspection, tmp_path / "report.docx")


def test_progress_is_reported_from_zero_to_total(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    export_report(
        peel_inspection(),
        tmp_path / "report.docx",
        evidence_annex=True,
        progress=lambda d, t: calls.append((d, t)),
    )
    totals = {total for _, total in calls}
    assert len(totals) == 1
    total = totals.pop()
    done = [d for d, _ in calls]
    assert done[0] == 0 and done[-1] == total and done == sorted(done)
    assert len(calls) > 3


def test_docx_suffix_is_added(tmp_path: Path) -> None:
    path = export_report(peel_inspection(), tmp_path / "report")
    assert path == tmp_path / "report.docx" and path.exists()


def test_progress_callback_can_cancel(tmp_path: Path) -> None:
    def cancel(done: int, total: int) -> None:
        if done == 2:
            raise ExportError("Export cancelled.")

    target = tmp_path / "report.docx"
    with pytest.raises(ExportError, match=r"^Export cancelled.$"):
        export_report(peel_inspection(), target, progress=cancel)
    assert not target.exists()


def test_grade_label_unknown_to_the_standard_template_gets_a_style(tmp_path: Path) -> None:
    """A framework whose grade was renamed since the template was built still exports in grade styles."""
    inspection = peel_inspection()
    inspection.framework.scale.grades[1].label = "Adequate"
    document = open_docx(export_report(inspection, tmp_path / "report.docx"))
    styles = [p.style.name for p in document.paragraphs]
    assert "Grade Adequate" in styles


@pytest.mark.parametrize("labels", [("Good & better <b>", "Adequate"), ("Good", "Good!")])
def test_grade_labels_of_any_text_get_styles_of_their_own(tmp_path: Path, labels) -> None:
    """A framework a user imports may name grades with markup characters, or with names that give the same
    style id: the export makes each its own style, never broken XML or a replaced style."""
    inspection = peel_inspection()
    grades = inspection.framework.scale.grades
    grades[0].label, grades[1].label = labels
    inspection.questions[0].grade, inspection.questions[1].grade = grades[0].id, grades[1].id
    document = open_docx(export_report(inspection, tmp_path / "report.docx"))
    used = {p.style.name for p in document.paragraphs}
    assert {f"Grade {labels[0]}", f"Grade {labels[1]}"} <= used
    ids = [style.style_id for style in document.styles]
    assert len(ids) == len(set(ids))
