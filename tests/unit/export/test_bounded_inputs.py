"""Issue 17, item 5: what Word limits is cut to its limit, never an "unexpected problem"; messages quote
foreign text shortened, escaped and on one line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx.oxml.ns import qn
from unit.export.export_support import TEMPLATE, crime_inspection, open_docx, part_xml, peel_inspection

from inspector_app.domain.blocks import DataTable
from inspector_app.domain.inspection import NarrativeSection
from inspector_app.domain.text import QUOTE_LIMIT, shown
from inspector_app.export import ExportError, export_report, lint_template, sanitize
from inspector_app.export.docx_writer import MAX_PROPERTY_CHARS, MAX_TABLE_COLUMNS
from inspector_app.export.report import _unexpected
from inspector_app.export.styles import MAX_STYLE_NAME

MAKERS = {"crime": crime_inspection, "peel": peel_inspection}


@pytest.mark.parametrize("layout", sorted(MAKERS))
def test_a_very_long_force_name_and_framework_title_export(tmp_path: Path, layout: str) -> None:
    """Past about 250 characters every export failed: "exceeded 255 char limit for property"."""
    inspection = MAKERS[layout]()
    inspection.force.name = "Hertfordshire " + "Constabulary " * 800  # 10,400 characters
    inspection.force.short_name = "Herts " * 100
    inspection.framework.title = "Crime inspection " * 60
    inspection.framework.report.title = "Report on {force} " + "x" * 1_000
    inspection.authors = [f"Inspector {n} " + "y" * 100 for n in range(20)]
    path = export_report(inspection, tmp_path / "report.docx")
    props = open_docx(path).core_properties
    for value in (props.title, props.subject, props.author, props.last_modified_by):
        assert 200 < len(value) <= MAX_PROPERTY_CHARS and value.endswith("…")
    assert props.title.startswith("Report on Hertfordshire Constabulary")


def test_a_grade_label_longer_than_a_word_style_name_exports(tmp_path: Path) -> None:
    inspection = peel_inspection()
    inspection.framework.scale.grades[0].label = "Outstanding " * 40
    path = export_report(inspection, tmp_path / "report.docx")
    names = [
        s.find(qn("w:name")).get(qn("w:val")) for s in part_xml(path, "word/styles.xml").iter(qn("w:style"))
    ]
    assert max(len(name) for name in names) <= MAX_STYLE_NAME


def test_a_table_wider_than_word_allows_is_split(tmp_path: Path) -> None:
    inspection = crime_inspection()
    columns = [f"Column {n}" for n in range(100)]
    inspection.questions[0].sections = [
        NarrativeSection(
            blocks=[DataTable(caption="Wide", columns=columns, rows=[[str(n) for n in range(100)]])]
        )
    ]
    document = open_docx(export_report(inspection, tmp_path / "report.docx"))
    wide = [
        t for t in document.tables if t.rows[0].cells[0].text in ("Column 0", f"Column {MAX_TABLE_COLUMNS}")
    ]
    assert [len(t.columns) for t in wide] == [MAX_TABLE_COLUMNS, 100 - MAX_TABLE_COLUMNS]
    assert wide[1].rows[1].cells[0].text == str(MAX_TABLE_COLUMNS)


HOSTILE_NAME = "<b>Org</b>\n\x1b[31m\u202e" + "t" * 200 + ".dotx"


def test_messages_quote_a_hostile_template_name_shortened_and_plain(tmp_path: Path) -> None:
    name = HOSTILE_NAME.replace("/", "")
    template = tmp_path / name
    shutil.copy(TEMPLATE, template)
    template.write_bytes(b"not a zip")
    with pytest.raises(ExportError) as caught:
        lint_template(template)
    message = str(caught.value)
    quoted = message.split('"')[1]
    assert len(quoted) <= QUOTE_LIMIT and quoted.endswith("ttt.dotx") and "…" in quoted
    assert "\n" not in message and "<" not in message and "\x1b" not in message and "\u202e" not in message
    assert quoted.startswith("‹b›Org‹b›\\n\\x1b[31m\\u202e")


def test_an_unexpected_problem_is_quoted_on_one_bounded_line() -> None:
    message = _unexpected(ValueError("first line\nsecond <i>line</i>" + "z" * 10_000), existed=False)
    assert "\n" not in message and "<i>" not in message and len(message) < 400


def test_shown() -> None:
    assert shown("plain name.docx") == "plain name.docx"
    assert shown("a\tb\nc\u200fd") == "a\\tb\\nc\\u200fd"
    assert shown("x &lt; y & z") == "x ＆lt; y & z"
    assert shown("<script>") == "‹script›"
    long = shown("a" * 100 + "end.docx")
    assert len(long) == 80 and long.endswith("aend.docx") and "…" in long
    assert shown("lone \ud83d") == "lone \ufffd"


def test_cut() -> None:
    assert sanitize.cut("short", 255) == "short"
    cut = sanitize.cut("word " * 100, 255)
    assert len(cut) <= 255 and cut.endswith("word…")
    assert sanitize.cut("x" * 300, 255) == "x" * 254 + "…"
