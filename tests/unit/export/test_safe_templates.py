"""Issue 17, item 4: a report takes from an organisation template only what it needs, and never makes Word
fetch anything; zip bombs are refused before anything is unpacked, within a second.

Each hostile template is the bundled report.docx with parts edited in (see ``hostile_templates``); each
was measured to pass its content on to the report before.
"""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree
from unit.export.export_support import TEMPLATE, crime_inspection, part_xml, peel_inspection
from unit.export.hostile_templates import (
    FORBIDDEN_PARTS,
    FORBIDDEN_TEXT,
    HOSTILE,
    LETTERHEAD,
    PNG,
    WEBSITE,
    Member,
    Package,
    W,
    activex_control,
    embedded_logo,
    external_links,
    fetching_header_fields,
    macro_part_renamed,
    ole_object,
    plain_member,
    template_members,
    update_fields_on_open,
    write_zip,
    zeros_member,
)

from inspector_app.export import ExportError, export_report, lint_template, page_furniture
from inspector_app.export import package as pkg
from inspector_app.export.docx_writer import DocxWriter
from inspector_app.export.fields import Verdict, field_codes, keyword, only_local_fields, verdict
from inspector_app.export.outline import DRAFT_NOTICE, Outline, RunningHeader
from inspector_app.export.page_furniture import V_NS, WATERMARK_ID
from inspector_app.export.template import StyleIndex, load_template

MAKERS = {"crime": crime_inspection, "peel": peel_inspection}
#: The marking every inspection has unless it is changed.
MARKING = "OFFICIAL-SENSITIVE"
HEADERS_WITH_LETTERHEAD = {
    "first-page header fields that fetch",
    "external links",
    "embedded OLE object",
    "ActiveX control",
    "custom XML and properties",
    "parts a report does not need",
}


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _xml_parts(path: Path) -> dict[str, str]:
    return {
        name: data.decode("utf-8") for name, data in _parts(path).items() if name.endswith((".xml", ".rels"))
    }


def _stories(path: Path) -> list[etree._Element]:
    return [
        etree.fromstring(data.encode("utf-8"))
        for name, data in _xml_parts(path).items()
        if name.startswith("word/") and not name.startswith("word/_rels") and name.count("/") == 1
    ]


def _as_dotx(package: Package) -> Package:
    types = package.parts["[Content_Types].xml"]
    package.parts["[Content_Types].xml"] = types.replace(b"document.main+xml", b"template.main+xml")
    return package


# -- hostile templates: what they carry is absent from the export ----------------------------------------


@pytest.mark.parametrize("layout", sorted(MAKERS))
@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_hostile_template_content_is_absent_from_the_export(tmp_path: Path, kind: str, layout: str) -> None:
    template = _as_dotx(HOSTILE[kind]()).save(tmp_path / "org.dotx")
    assert lint_template(template).complete  # usable: its styles are all there
    report = export_report(MAKERS[layout](), tmp_path / "report.docx", template=template)
    names = [name.lower() for name in _parts(report)]
    assert not [name for name in names if any(part in name for part in FORBIDDEN_PARTS)]
    xml = _xml_parts(report)
    found = {(name, text) for name, content in xml.items() for text in FORBIDDEN_TEXT if text in content}
    assert not found
    assert only_local_fields(_stories(report))
    assert all(
        not rel.is_external
        for part in docx.Document(str(report)).part.package.iter_parts()
        for rel in part.rels.values()
    )
    headers = " ".join(content for name, content in xml.items() if name.startswith("word/header"))
    assert (LETTERHEAD in headers) == (kind in HEADERS_WITH_LETTERHEAD)


def test_fetching_fields_go_local_fields_stay_others_become_text(tmp_path: Path) -> None:
    template = fetching_header_fields().save(tmp_path / "org.docx")
    report = export_report(peel_inspection(), tmp_path / "report.docx", template=template)
    header = part_xml(report, "word/header9.xml")
    text = "".join(t.text or "" for t in header.iter(qn("w:t")))
    assert LETTERHEAD in text and WEBSITE in text and "Page 1" in text
    for gone in ("Text fetched", "From the share", "logo", "linked cell", "dde result", "nested result"):
        assert gone not in text
    assert [code.strip() for code in field_codes(header)] == ["PAGE"]
    paragraphs = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in header.iter(qn("w:p"))]
    # The paragraphs left empty went too; the marking and draft line of every page come first.
    assert paragraphs == [MARKING, DRAFT_NOTICE, LETTERHEAD, "Page 1", WEBSITE]
    # What Word would see: the first-page header is still the first page's.
    document = part_xml(report, "word/document.xml")
    assert document.find(f".//{qn('w:sectPr')}/{qn('w:titlePg')}") is not None


@pytest.mark.parametrize(
    "make", [ole_object, activex_control, external_links], ids=["OLE", "ActiveX", "external links"]
)
def test_the_header_keeps_its_text_without_the_objects(tmp_path: Path, make) -> None:
    template = make().save(tmp_path / "org.docx")
    report = export_report(peel_inspection(), tmp_path / "report.docx", template=template)
    header = part_xml(report, "word/header9.xml")
    paragraphs = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in header.iter(qn("w:p"))]
    assert paragraphs == [MARKING, DRAFT_NOTICE, LETTERHEAD]
    assert not list(header.iter(qn("w:drawing"), qn("w:object")))
    # The one picture left is the report's own DRAFT watermark.
    shapes = [
        shape.get("id") for pict in header.iter(qn("w:pict")) for shape in pict.iter(f"{{{V_NS}}}shape")
    ]
    assert len(shapes) == 1 and shapes[0].startswith(WATERMARK_ID)
    assert "word/_rels/header9.xml.rels" not in _parts(report)


def test_a_template_logo_is_kept(tmp_path: Path) -> None:
    template = embedded_logo().save(tmp_path / "org.docx")
    report = export_report(crime_inspection(), tmp_path / "report.docx", template=template)
    parts = _parts(report)
    assert parts["word/media/logo.png"] == PNG
    rels = etree.fromstring(parts["word/_rels/header9.xml.rels"])
    (blip,) = part_xml(report, "word/header9.xml").iter(qn("a:blip"))
    targets = {rel.get("Id"): rel.get("Target") for rel in rels}
    assert targets[blip.get(qn("r:embed"))] == "media/logo.png"


@pytest.mark.parametrize("suffix", [".docx", ".dotx"])
def test_a_macro_part_under_another_name_is_refused(tmp_path: Path, suffix: str) -> None:
    """A vbaProject relationship to word/macros.dat: macro-enabled whatever the file and part are named."""
    package = macro_part_renamed()
    template = (_as_dotx(package) if suffix == ".dotx" else package).save(tmp_path / f"org{suffix}")
    target = tmp_path / "report.docx"
    with pytest.raises(ExportError, match=r'"org\.do.x" is macro-enabled'):
        export_report(crime_inspection(), target, template=template)
    with pytest.raises(ExportError, match="macro-enabled"):
        lint_template(template)
    assert not target.exists()


def test_update_fields_on_open_only_when_no_field_can_fetch(tmp_path: Path) -> None:
    """Both layouts ask Word to refresh their contents on opening, unless the export is told not to ask; a
    template's own "update fields" never decides it."""
    template = update_fields_on_open().save(tmp_path / "org.docx")
    for layout, update_fields in (("crime", True), ("peel", True), ("crime", False)):
        wanted = update_fields
        report = export_report(
            MAKERS[layout](), tmp_path / f"{layout}.docx", template=template, update_fields=update_fields
        )
        settings = part_xml(report, "word/settings.xml")
        assert (settings.find(qn("w:updateFields")) is not None) is wanted, layout
        assert only_local_fields(_stories(report))


def _writer_on_bundled_template() -> DocxWriter:
    document = load_template(None).document
    return DocxWriter(document, StyleIndex(document))


def _furnish(writer: DocxWriter) -> None:
    """The standard running header and page-number footer, put in as an export does."""
    outline = Outline(running_header=RunningHeader("Header"), page_numbers=True)
    page_furniture.furnish(writer.document, outline, writer.style_id)


def test_update_fields_is_withheld_when_a_field_could_fetch() -> None:
    """Defence in depth: were a fetching field or an external link ever left in, Word is not told to
    update fields (which would fetch) — the contents just wait for the reader."""
    writer = _writer_on_bundled_template()
    _furnish(writer)
    header = writer.document.sections[0].header._element
    header.append(etree.fromstring(f'<w:p xmlns:w="{W}"><w:fldSimple w:instr=" INCLUDETEXT x "/></w:p>'))
    writer.update_fields_on_open()
    writer.finish()
    assert writer.document.settings.element.find(qn("w:updateFields")) is None

    writer = _writer_on_bundled_template()
    writer.document.part.relate_to(  # a linked picture: fetched when the document opens
        "http://intranet.example.org/logo.png",
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image",
        is_external=True,
    )
    writer.update_fields_on_open()
    writer.finish()
    assert writer.document.settings.element.find(qn("w:updateFields")) is None

    writer = _writer_on_bundled_template()
    _furnish(writer)  # a PAGE field in the footer: local, so Word may be asked
    writer.update_fields_on_open()
    writer.finish()
    assert writer.document.settings.element.find(qn("w:updateFields")).get(qn("w:val")) == "true"


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (" PAGE ", Verdict.KEEP),
        (' TOC \\o "1-3" \\h ', Verdict.KEEP),
        ("=SUM(ABOVE)", Verdict.KEEP),
        (" includetext http://x ", Verdict.REMOVE),
        (" INCLUDEPICTURE x ", Verdict.REMOVE),
        (" LINK Excel.Sheet.12 x ", Verdict.REMOVE),
        (" DDE Excel x ", Verdict.REMOVE),
        (" DDEAUTO cmd ", Verdict.REMOVE),
        (" DATABASE \\d x ", Verdict.REMOVE),
        ("\x00 x", Verdict.REMOVE),  # the keyword comes from a nested field
        (" INC\x00 x", Verdict.REMOVE),
        ("", Verdict.REMOVE),
        (' HYPERLINK "https://x" ', Verdict.FREEZE),
        (" MACROBUTTON Run Click ", Verdict.FREEZE),
        (" DOCVARIABLE x ", Verdict.FREEZE),
    ],
)
def test_field_verdicts(code: str, expected: Verdict) -> None:
    assert verdict(code) is expected


def test_field_keyword() -> None:
    assert keyword("  PAGE \\* MERGEFORMAT ") == "PAGE"
    assert keyword(' includetext "x" ') == "INCLUDETEXT"
    assert keyword("\x00") is None


def test_a_field_spanning_paragraphs_is_removed_whole() -> None:
    from inspector_app.export.fields import scrub_fields

    w = W
    root = etree.fromstring(
        f'<w:hdr xmlns:w="{w}"><w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr><w:r><w:t>before</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> INCLUDETEXT x </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>fetched one</w:t></w:r></w:p>'
        "<w:p><w:r><w:t>fetched two</w:t></w:r></w:p>"
        '<w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr><w:r><w:t>fetched three</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>after</w:t></w:r></w:p>'
        "</w:hdr>"
    )
    scrub_fields(root)
    paragraphs = ["".join(t.text for t in p.iter(f"{{{w}}}t")) for p in root]
    assert paragraphs == ["before", "after"]
    assert [p.find(f"{{{w}}}pPr/{{{w}}}pStyle").get(f"{{{w}}}val") for p in root] == ["Header", "Footer"]


# -- zip bombs: refused from the zip's directory alone, in milliseconds ---------------------------------


def _bomb(tmp_path: Path, name: str, fill_mib: list[int], dotx: bool = True) -> Path:
    members = template_members(_as_dotx(Package.of()) if dotx else Package.of())
    members += [zeros_member(f"word/media/fill{n}.png", mib) for n, mib in enumerate(fill_mib)]
    return write_zip(tmp_path / name, members)


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the zip members anything opens (reads) during the test."""
    names: list[str] = []
    original = zipfile.ZipFile.open

    def spying(self, name, *args, **kwargs):  # type: ignore[no-untyped-def]
        names.append(name if isinstance(name, str) else name.filename)
        return original(self, name, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", spying)
    return names


@pytest.mark.parametrize(
    ("name", "fill_mib", "unpacked_gb", "file_mb"),
    [
        # The 2.1 MB .dotx accepted after 134 s at 4.25 GB: here 4 × 1,013 MiB of zeros.
        ("bomb-4.25GB.dotx", [1013] * 4, 4.25, 4.3),
        # The 1.5 MB one refused only after 45 s at 3.2 GB: here 3 × 1,017 MiB.
        ("bomb-3.2GB.dotx", [1017] * 3, 3.2, 3.2),
    ],
)
def test_zip_bombs_are_refused_within_a_second_without_unpacking(
    tmp_path: Path, opened: list[str], name: str, fill_mib: list[int], unpacked_gb: float, file_mb: float
) -> None:
    bomb = _bomb(tmp_path, name, fill_mib)
    with zipfile.ZipFile(bomb) as archive:
        declared = sum(info.file_size for info in archive.infolist())
    assert round(declared / 1e9, 2) == unpacked_gb
    assert bomb.stat().st_size / 1e6 == pytest.approx(file_mb, abs=0.1)
    opened.clear()
    started = time.perf_counter()
    with pytest.raises(ExportError, match="zip bomb"):
        lint_template(bomb)
    with pytest.raises(ExportError, match="zip bomb"):
        export_report(peel_inspection(), tmp_path / "report.docx", template=bomb)
    elapsed = time.perf_counter() - started
    assert elapsed < 1.0, f"refused after {elapsed:.3f} s"
    assert opened == []  # not one part read, let alone unpacked
    assert not (tmp_path / "report.docx").exists()


def test_a_part_packed_far_beyond_any_document_is_refused(tmp_path: Path, opened: list[str]) -> None:
    """90 MiB of zeros fits under the 100 MB total, but no Word part packs 1,000 to 1."""
    bomb = _bomb(tmp_path, "dense.docx", [90], dotx=False)
    opened.clear()
    started = time.perf_counter()
    with pytest.raises(ExportError, match=r"packed 1,0\d\d to 1.*zip bomb"):
        lint_template(bomb)
    assert time.perf_counter() - started < 1.0 and opened == []


def test_too_many_parts_is_refused_from_the_end_record(tmp_path: Path) -> None:
    members = template_members() + [plain_member(f"word/media/p{n}.png", b"") for n in range(pkg.MAX_PARTS)]
    crowded = write_zip(tmp_path / "crowded.docx", members)
    started = time.perf_counter()
    with pytest.raises(ExportError, match=r"holds 1,013 parts, more than the 1,000"):
        lint_template(crowded)
    assert time.perf_counter() - started < 1.0


def test_a_zip_that_understates_a_part_is_refused_as_damaged(tmp_path: Path) -> None:
    """styles.xml declares 42 kB but its stream holds 512 MiB: reading stops at the declared size."""
    members = template_members()
    styles = next(m for m in members if m.name == "word/styles.xml")
    liar = zeros_member("word/styles.xml", 512)
    members[members.index(styles)] = Member(styles.name, liar.data, styles.size, styles.crc)
    template = write_zip(tmp_path / "liar.docx", members)
    started = time.perf_counter()
    with pytest.raises(ExportError, match="damaged"):
        lint_template(template)
    assert time.perf_counter() - started < 1.0


def test_an_embedded_zip_bomb_is_left_behind_unread(tmp_path: Path, opened: list[str]) -> None:
    inner = _bomb(tmp_path, "inner.docx", [50], dotx=False).read_bytes()
    package = Package.of()
    package.add_part("word/embeddings/Document1.docx", inner)
    package.add_default("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    package.relate("word/document.xml", "rIdPackage", "package", "embeddings/Document1.docx")
    template = package.save(tmp_path / "org.docx")
    opened.clear()
    report = export_report(crime_inspection(), tmp_path / "report.docx", template=template)
    assert "word/embeddings/Document1.docx" not in opened
    assert not [name for name in _parts(report) if "embeddings" in name]


@pytest.mark.parametrize("method", [zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA])
def test_compression_word_never_uses_is_refused(tmp_path: Path, method: int) -> None:
    path = tmp_path / "org.docx"
    with zipfile.ZipFile(TEMPLATE) as source, zipfile.ZipFile(path, "w", method) as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info))
    with pytest.raises(ExportError, match="not a Word document or template"):
        lint_template(path)


def test_an_entity_bomb_in_a_part_is_refused(tmp_path: Path) -> None:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(
            b'<!ENTITY lol%d "%s">' % (n, (b"&lol%d;" % (n - 1) if n > 1 else b"&lol;") * 10)
            for n in range(1, 10)
        )
        + b']><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">&lol9;</w:styles>'
    )
    package = Package.of()
    package.parts["word/styles.xml"] = laughs
    template = package.save(tmp_path / "laughs.docx")
    started = time.perf_counter()
    with pytest.raises(ExportError, match="declares a document type"):
        lint_template(template)
    assert time.perf_counter() - started < 1.0


def test_a_file_too_large_to_be_a_template_is_refused_before_reading(tmp_path: Path) -> None:
    huge = tmp_path / "huge.dotx"
    with huge.open("wb") as handle:
        handle.truncate(pkg.MAX_TEMPLATE_BYTES + 1)  # sparse: nothing written
    with pytest.raises(ExportError, match="too large to be a Word template"):
        lint_template(huge)


def test_the_standard_template_passes_through_unchanged_in_substance() -> None:
    """The bundled template keeps every style, numbering, theme, font table and footnote separators."""
    data = pkg.safe_document(TEMPLATE.read_bytes(), '"report.docx"')
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        assert archive.read("word/styles.xml") == etree.tostring(
            etree.fromstring(_parts(TEMPLATE)["word/styles.xml"]),
            xml_declaration=True,
            encoding="UTF-8",
            standalone=True,
        )
    assert {
        "word/document.xml",
        "word/styles.xml",
        "word/numbering.xml",
        "word/theme/theme1.xml",
        "word/fontTable.xml",
        "word/settings.xml",
        "word/footnotes.xml",
    } <= names
