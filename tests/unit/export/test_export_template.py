"""Templates: the bundled one is complete, organisation templates are linted, used or refused clearly."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree
from unit.export.export_support import (
    TEMPLATE,
    crime_inspection,
    numbering_groups,
    open_docx,
    part_names,
    part_xml,
    peel_inspection,
)

from inspector_app import bundled
from inspector_app.export import ExportError, export_report, lint_template
from inspector_app.export.styles import grade_styles, required_styles


def _rewrite(source: Path, target: Path, change) -> Path:
    """Copy a .docx, passing each (name, bytes) through ``change`` (which may return None to drop it)."""
    with zipfile.ZipFile(source) as archive, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in archive.infolist():
            data = change(info.filename, archive.read(info.filename))
            if data is not None:
                out.writestr(info, data)
    return target


def test_bundled_template_defines_every_style_and_has_no_body() -> None:
    lint = lint_template(TEMPLATE)
    assert lint.complete and lint.style_lines() == []
    document = docx.Document(str(TEMPLATE))
    assert [child.tag for child in document.element.body] == [qn("w:sectPr")]
    styles = part_xml(TEMPLATE, "word/styles.xml")
    lang = styles.xpath(
        "./w:docDefaults/w:rPrDefault/w:rPr/w:lang/@w:val", namespaces={"w": styles.nsmap["w"]}
    )
    assert lang == ["en-GB"]
    assert "word/footnotes.xml" in part_names(TEMPLATE)


def test_bundled_grade_styles_carry_the_framework_colours() -> None:
    styles = part_xml(TEMPLATE, "word/styles.xml")
    ns = {"w": styles.nsmap["w"]}
    for framework in bundled.frameworks():
        for grade in framework.scale.grades:
            for name in (f"Grade {grade.label}", f"Grade {grade.label} Cell"):
                (style,) = styles.xpath(f'./w:style[w:name/@w:val="{name}"]', namespaces=ns)
                assert style.get(qn("w:type")) == "paragraph"
                assert style.xpath("./w:pPr/w:shd/@w:fill", namespaces=ns) == [
                    grade.colour.lstrip("#").upper()
                ]
                assert style.xpath("./w:pPr/w:keepNext", namespaces=ns), "a grade never ends a page"
                assert style.xpath("./w:rPr/w:color/@w:val", namespaces=ns) == [
                    grade.text_colour.lstrip("#").upper()
                ]
    assert "Grade Ungraded" in grade_styles(bundled.frameworks())


def test_lint_lists_what_a_bare_python_docx_document_lacks(tmp_path: Path) -> None:
    bare = tmp_path / "bare.docx"
    docx.Document().save(str(bare))
    missing = lint_template(bare).missing
    for name in (
        "Grade Good",
        "Grade Ungraded",
        "Inspection Table",
        "List Letter",
        "Table Text",
        "Table Note",
        "Footnote Text",
        "Footnote Reference",
    ):
        assert name in missing
    for name in ("Normal", "Title", "Heading 1", "List Bullet", "Caption"):
        assert name not in missing
    assert set(missing) <= {style.name for style in required_styles(bundled.frameworks())}


def test_export_with_a_template_lacking_styles_copies_them_and_says_so(tmp_path: Path) -> None:
    bare = tmp_path / "org.docx"
    docx.Document().save(str(bare))
    warnings: list[str] = []
    path = export_report(crime_inspection(), tmp_path / "report.docx", template=bare, warn=warnings.append)
    assert len(warnings) == 1
    assert warnings[0].startswith("The template “org.docx” lacks ")
    assert "the grade styles (Grade " in warnings[0] and "Inspection Table" in warnings[0]
    names = {style.name for style in docx.Document(str(path)).styles}
    assert {"Grade Good", "Inspection Table", "Table Note", "List Letter"} <= names


def test_organisation_template_styles_are_used(tmp_path: Path) -> None:
    def restyle(name: str, data: bytes) -> bytes:
        if name == "word/styles.xml":
            return data.replace(b'w:val="1F3864"', b'w:val="7030A0"')  # navy -> purple everywhere
        return data

    org = _rewrite(TEMPLATE, tmp_path / "org.docx", restyle)
    path = export_report(peel_inspection(), tmp_path / "report.docx", template=org)
    styles = part_xml(path, "word/styles.xml")
    ns = {"w": styles.nsmap["w"]}
    (heading,) = styles.xpath('./w:style[@w:styleId="Heading1"]', namespaces=ns)
    assert heading.xpath("./w:rPr/w:color/@w:val", namespaces=ns) == ["7030A0"]


def test_dotx_template_is_accepted(tmp_path: Path) -> None:
    def as_template(name: str, data: bytes) -> bytes:
        if name == "[Content_Types].xml":
            return data.replace(b"document.main+xml", b"template.main+xml")
        return data

    dotx = _rewrite(TEMPLATE, tmp_path / "org.dotx", as_template)
    assert b"template.main+xml" in zipfile.ZipFile(dotx).read("[Content_Types].xml")
    path = export_report(peel_inspection(), tmp_path / "report.docx", template=dotx)
    assert b"document.main+xml" in zipfile.ZipFile(path).read("[Content_Types].xml")
    assert lint_template(dotx).complete


@pytest.mark.parametrize("name", ["org.docm", "org.dotm", "ORG.DOCM"])
def test_macro_enabled_template_is_refused_by_name(tmp_path: Path, name: str) -> None:
    template = tmp_path / name
    shutil.copy(TEMPLATE, template)
    with pytest.raises(ExportError, match="macro-enabled"):
        export_report(crime_inspection(), tmp_path / "report.docx", template=template)
    with pytest.raises(ExportError, match="macro-enabled"):
        lint_template(template)


def test_macro_package_renamed_docx_is_refused(tmp_path: Path) -> None:
    buffer = io.BytesIO(TEMPLATE.read_bytes())
    template = tmp_path / "innocent.docx"
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr("word/vbaProject.bin", b"\x00macro")
    template.write_bytes(buffer.getvalue())
    with pytest.raises(ExportError, match=r'"innocent.docx" is macro-enabled'):
        export_report(crime_inspection(), tmp_path / "report.docx", template=template)


def test_unusable_template_files(tmp_path: Path) -> None:
    text = tmp_path / "notes.docx"
    text.write_text("not a word file")
    with pytest.raises(ExportError, match=r'"notes.docx" is not a Word document'):
        export_report(crime_inspection(), tmp_path / "report.docx", template=text)
    with pytest.raises(ExportError, match=r'"nowhere.docx" does not exist'):
        export_report(crime_inspection(), tmp_path / "report.docx", template=tmp_path / "nowhere.docx")
    with pytest.raises(ExportError, match="is a folder"):
        lint_template(tmp_path)


def test_template_without_footnotes_part_or_list_numbering_still_works(tmp_path: Path) -> None:
    """An organisation template may lack a footnotes part and give "List Letter" no numbering."""

    def strip(name: str, data: bytes) -> bytes | None:
        if name == "word/footnotes.xml":
            return None
        if name == "word/_rels/document.xml.rels":
            return _drop_rel(data, b"footnotes")
        if name == "[Content_Types].xml":
            return data.replace(
                b'<Override PartName="/word/footnotes.xml" '
                b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>',
                b"",
            )
        if name == "word/styles.xml":
            return data.replace(b'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="24"/></w:numPr>', b"")
        return data

    org = _rewrite(TEMPLATE, tmp_path / "org.docx", strip)
    assert "word/footnotes.xml" not in part_names(org)
    path = export_report(crime_inspection(), tmp_path / "report.docx", template=org)
    assert "word/footnotes.xml" in part_names(path)
    groups = numbering_groups(open_docx(path))
    assert len(groups) == 3 and len({num_id for num_id, _ in groups}) == 3


def _drop_rel(rels: bytes, marker: bytes) -> bytes:
    root = etree.fromstring(rels)
    for rel in list(root):
        if marker in rel.get("Type", "").encode():
            root.remove(rel)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def test_template_body_text_is_not_carried_into_the_report(tmp_path: Path) -> None:
    document = docx.Document(str(TEMPLATE))
    document.add_paragraph("Delete me: template instructions")
    org = tmp_path / "org.docx"
    document.save(str(org))
    path = export_report(peel_inspection(), tmp_path / "report.docx", template=org)
    assert "Delete me" not in "\n".join(p.text for p in open_docx(path).paragraphs)


def test_committed_template_is_what_make_template_builds(tmp_path: Path) -> None:
    """Changing house_style.py or a framework's grades without re-running tools/make_template.py fails here."""
    import importlib.util

    script = TEMPLATE.parents[2] / "tools" / "make_template.py"
    spec = importlib.util.spec_from_file_location("_make_template_under_test", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    built = tmp_path / "report.docx"
    assert module.main([str(built)]) == 0
    assert built.read_bytes() == TEMPLATE.read_bytes(), "run: python tools/make_template.py"


def test_the_standard_template_is_in_the_current_word_mode_not_compatibility_mode() -> None:
    settings = part_xml(TEMPLATE, "word/settings.xml")
    modes = settings.xpath(
        './w:compat/w:compatSetting[@w:name="compatibilityMode"]/@w:val',
        namespaces={"w": settings.nsmap["w"]},
    )
    assert modes == ["15"]


def test_the_standard_template_carries_no_schema_error_of_python_docx_default() -> None:
    """CT_Zoom requires w:percent; python-docx's default settings part leaves it out."""
    settings = part_xml(TEMPLATE, "word/settings.xml")
    for zoom in settings.iter(qn("w:zoom")):
        assert zoom.get(qn("w:percent")) is not None


def test_app_properties_name_inspector_and_its_version(tmp_path: Path) -> None:
    from inspector_app import __version__

    report = export_report(peel_inspection(), tmp_path / "r.docx", template=TEMPLATE)
    app = part_xml(report, "docProps/app.xml")
    ns = {"ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"}
    assert app.xpath("string(./ep:Application)", namespaces=ns) == f"Inspector/{__version__}"
    assert not app.xpath("./ep:Pages | ./ep:Words | ./ep:Template | ./ep:Company", namespaces=ns)
    types = part_xml(report, "[Content_Types].xml")
    content_types = types.xpath("//*[@PartName='/docProps/app.xml']/@ContentType")
    assert content_types == ["application/vnd.openxmlformats-officedocument.extended-properties+xml"]
