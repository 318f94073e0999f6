"""A figure prints its picture under its caption (issue 14, item 6): the image is a part of the .docx with
its own bytes and content type, drawn inline, centred, described by the alt text and no wider than the
text; a figure without an image prints a placeholder so the gap shows. Every test reads the .docx back."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree
from support.images import jpeg_bytes, png_bytes
from unit.export.export_support import crime_inspection, open_docx

from inspector_app.domain import editing
from inspector_app.domain.blocks import Figure, FigureImage, Paragraph
from inspector_app.domain.images import PLACEHOLDER, figure_image
from inspector_app.domain.inspection import Inspection
from inspector_app.export import export_report
from inspector_app.export import outline as nodes
from inspector_app.export.house_style import TEXT_WIDTH
from inspector_app.export.layouts import build_outline
from inspector_app.export.pictures import EMU_PER_INCH, EMU_PER_TWIP, fitted_size, natural_size

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
REL_IMAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
TEXT_WIDTH_EMU = TEXT_WIDTH * EMU_PER_TWIP
CAPTION = "Figure: Recorded crime rate (per 1,000 population) between June 2010 and June 2014."
ALT = "A line chart: recorded crime in Hertfordshire fell from 60 to 46 per 1,000 people."


def the_figure(inspection: Inspection) -> Figure:
    """The crime inspection's one figure (under the first question's "Crime" theme)."""
    return next(
        block
        for section in inspection.questions[0].sections
        for block in section.blocks
        if isinstance(block, Figure)
    )


def with_image(image: FigureImage | None, alt_text: str = ALT) -> Inspection:
    inspection = crime_inspection()
    figure = the_figure(inspection)
    editing.set_figure_image(inspection, figure.id, image)
    editing.set_field(inspection, figure.id, "alt_text", alt_text)
    return inspection


def export(inspection: Inspection, tmp_path: Path, name: str = "report.docx") -> Path:
    return export_report(inspection, tmp_path / name)


def drawings(path: Path) -> list[etree._Element]:
    root = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    return root.xpath("//w:drawing/wp:inline", namespaces=NS)


def image_target(path: Path, inline: etree._Element) -> tuple[str, bytes, str]:
    """The part the picture embeds: its name, bytes and content type (read from the zip, not python-docx)."""
    (rid,) = inline.xpath(".//a:blip/@r:embed", namespaces=NS)
    archive = zipfile.ZipFile(path)
    rels = etree.fromstring(archive.read("word/_rels/document.xml.rels"))
    (rel,) = [r for r in rels if r.get("Id") == rid]
    assert rel.get("Type") == REL_IMAGE and rel.get("TargetMode") != "External"
    name = "word/" + rel.get("Target")
    types = etree.fromstring(archive.read("[Content_Types].xml"))
    ct_ns = "{http://schemas.openxmlformats.org/package/2006/content-types}"
    overrides = {o.get("PartName"): o.get("ContentType") for o in types.iter(f"{ct_ns}Override")}
    defaults = {d.get("Extension").lower(): d.get("ContentType") for d in types.iter(f"{ct_ns}Default")}
    content_type = overrides.get("/" + name) or defaults[name.rsplit(".", 1)[1].lower()]
    return name, archive.read(name), content_type


def extent(inline: etree._Element) -> tuple[int, int]:
    (element,) = inline.xpath("./wp:extent", namespaces=NS)
    return int(element.get("cx")), int(element.get("cy"))


@pytest.mark.parametrize(
    ("data", "content_type"),
    [(png_bytes(40, 30, dpi=150), "image/png"), (jpeg_bytes(), "image/jpeg")],
    ids=["png", "jpeg"],
)
def test_the_picture_is_a_part_with_its_bytes_and_type_described_by_the_alt_text(
    tmp_path, data, content_type
):
    path = export(with_image(figure_image(data)), tmp_path)
    (inline,) = drawings(path)
    name, stored, stored_type = image_target(path, inline)
    assert stored == data and stored_type == content_type
    assert name.startswith("word/media/")
    (doc_pr,) = inline.xpath("./wp:docPr", namespaces=NS)
    assert doc_pr.get("descr") == ALT
    assert inline.xpath(".//pic:cNvPr/@descr", namespaces=NS) == [ALT]
    cx, cy = extent(inline)
    assert inline.xpath(".//a:xfrm/a:ext/@cx", namespaces=NS) == [str(cx)]
    assert 0 < cx <= TEXT_WIDTH_EMU and cy > 0


def test_the_picture_sits_centred_under_its_caption(tmp_path):
    path = export(with_image(figure_image(png_bytes(40, 30))), tmp_path)
    document = open_docx(path)
    paragraphs = document.paragraphs
    (index,) = [i for i, p in enumerate(paragraphs) if p._p.xpath(".//w:drawing")]
    picture, caption = paragraphs[index], paragraphs[index - 1]
    assert caption.text == CAPTION and caption.style.name == "Caption"
    assert picture.style.name == "Figure" and picture.text == ""
    assert picture.alignment is None, "centred by its style, which a template may restyle"
    assert picture.style.paragraph_format.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.CENTER
    assert PLACEHOLDER not in [p.text for p in paragraphs]


def test_the_size_comes_from_pixels_and_resolution(tmp_path):
    path = export(with_image(figure_image(png_bytes(300, 150, dpi=150))), tmp_path)
    (inline,) = drawings(path)
    # 2 × 1 inches (a PNG states its resolution in dots per metre, so 150 dpi is 150.01)
    assert extent(inline) == pytest.approx((2 * EMU_PER_INCH, EMU_PER_INCH), rel=1e-3)
    jpeg = export(with_image(figure_image(jpeg_bytes())), tmp_path, "jpeg.docx")  # 6 × 4 px at 150 dpi
    assert extent(drawings(jpeg)[0]) == (6 * EMU_PER_INCH // 150, 4 * EMU_PER_INCH // 150)
    unstated = export(with_image(figure_image(png_bytes(96, 48))), tmp_path, "96.docx")  # 96 dpi assumed
    assert extent(drawings(unstated)[0]) == (EMU_PER_INCH, EMU_PER_INCH // 2)


def test_a_wide_picture_is_scaled_to_the_text_width_keeping_its_proportions(tmp_path):
    path = export(with_image(figure_image(png_bytes(3000, 1000, dpi=72))), tmp_path)  # 41.7 inches across
    cx, cy = extent(drawings(path)[0])
    assert cx <= TEXT_WIDTH_EMU and cx > TEXT_WIDTH_EMU - 10
    assert cx / cy == pytest.approx(3.0, rel=1e-3)


def test_a_tall_picture_leaves_room_for_its_caption_on_the_page():
    picture = nodes.Picture(b"", "image/png", 1000, 10_000, (96.0, 96.0))
    cx, cy = fitted_size(picture, TEXT_WIDTH_EMU, 8_000_000)
    assert cy == 8_000_000 and cx == pytest.approx(800_000, abs=1)
    assert fitted_size(picture, 10**9, 10**9) == natural_size(picture), "never made larger"


def test_the_text_width_is_the_templates_own(tmp_path):
    template = docx.Document()
    section = template.sections[0]
    section.page_width, section.left_margin, section.right_margin = (
        docx.shared.Cm(15),
        docx.shared.Cm(2),
        docx.shared.Cm(3),
    )
    template_path = tmp_path / "narrow.docx"
    template.save(template_path)
    inspection = with_image(figure_image(png_bytes(3000, 1000, dpi=72)))
    path = export_report(inspection, tmp_path / "narrow-report.docx", template=template_path)
    cx, _ = extent(drawings(path)[0])
    assert docx.shared.Cm(10) - 1000 < cx <= docx.shared.Cm(10)  # stored in twentieths of a point


def test_two_figures_get_their_own_drawing_ids_and_the_same_image_one_part(tmp_path):
    inspection = with_image(figure_image(png_bytes(40, 30)))
    section = next(s for s in inspection.questions[0].sections if s.theme == "Crime")
    again = Figure(caption="The same chart again", alt_text="Again")
    editing.insert_record(inspection, section.id, "blocks", 0, again)
    editing.set_figure_image(inspection, again.id, figure_image(png_bytes(40, 30)))
    other = Figure(caption="A photograph", alt_text="A photo")
    editing.insert_record(inspection, section.id, "blocks", 1, other)
    editing.set_figure_image(inspection, other.id, figure_image(jpeg_bytes()))
    path = export(inspection, tmp_path)
    inlines = drawings(path)
    assert len(inlines) == 3
    ids = [inline.xpath("./wp:docPr/@id", namespaces=NS)[0] for inline in inlines]
    assert len(set(ids)) == 3
    names = [image_target(path, inline)[0] for inline in inlines]
    assert names[0] == names[2] != names[1]
    media = [n for n in zipfile.ZipFile(path).namelist() if n.startswith("word/media/")]
    assert len(media) == 2


def test_a_figure_without_an_image_prints_the_placeholder_under_its_caption(tmp_path):
    path = export(crime_inspection(), tmp_path)
    assert drawings(path) == []
    texts = [p.text for p in open_docx(path).paragraphs]
    index = texts.index(CAPTION)
    assert texts[index + 1] == PLACEHOLDER == "[Image to be added]"


def test_the_alt_text_falls_back_to_the_caption_and_drops_footnote_markers(tmp_path):
    inspection = with_image(figure_image(png_bytes(4, 4)), alt_text="")
    figure = the_figure(inspection)
    editing.set_field(inspection, figure.id, "caption", "Crime fell[^iom]\nover four years")
    (inline,) = drawings(export(inspection, tmp_path))
    assert inline.xpath("./wp:docPr/@descr", namespaces=NS) == ["Crime fell over four years"]


def test_hostile_alt_text_is_cleaned(tmp_path):
    hostile = "Bars\x00 and <tags> & \x0b marks \ud83d"
    (inline,) = drawings(export(with_image(figure_image(png_bytes(4, 4)), alt_text=hostile), tmp_path))
    (descr,) = inline.xpath("./wp:docPr/@descr", namespaces=NS)
    assert descr.startswith("Bars") and "<tags> &" in descr and "\x00" not in descr


def test_the_outline_figure_carries_the_picture():
    inspection = with_image(figure_image(png_bytes(40, 30, dpi=300)))
    outline = build_outline(inspection)
    (node,) = [n for n in outline.body if isinstance(n, nodes.Figure)]
    assert node.picture is not None
    assert (node.picture.media_type, node.picture.width, node.picture.height) == ("image/png", 40, 30)
    assert node.picture.dpi == pytest.approx((300, 300), abs=0.01)
    assert node.picture.data == png_bytes(40, 30, dpi=300)
    assert node.alt_text == ALT
    following = outline.body[outline.body.index(node) + 1]
    assert not (isinstance(following, nodes.Paragraph) and following.text == PLACEHOLDER)


def test_an_image_that_is_not_whole_prints_the_placeholder_not_a_broken_picture(tmp_path):
    inspection = crime_inspection()
    figure = the_figure(inspection)
    figure.image = FigureImage(media_type="image/png", data=png_bytes(4, 4)[:30])  # past the checks
    path = export(inspection, tmp_path)
    assert drawings(path) == []
    assert PLACEHOLDER in [p.text for p in open_docx(path).paragraphs]


def test_a_figure_in_the_framework_text_is_drawn_too(tmp_path):
    inspection = crime_inspection()
    inspection.introduction = [
        Paragraph(text="Introduction."),
        Figure(caption="The inspection programme", image=figure_image(jpeg_bytes()), alt_text="A timeline"),
    ]
    path = export(inspection, tmp_path)
    descriptions = [inline.xpath("./wp:docPr/@descr", namespaces=NS)[0] for inline in drawings(path)]
    assert "A timeline" in descriptions
