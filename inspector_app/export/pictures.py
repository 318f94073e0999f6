"""A figure's picture in the Word report: an image part in the package and an inline drawing in the body.

:class:`Pictures` adds each figure's image (an :class:`~.outline.Picture`) to the document as an image
part (python-docx's :class:`~docx.parts.image.ImagePart`, related to the main document part; the same
image twice is one part), and draws it as Word does a picture "in line with text": a ``w:drawing`` holding
``wp:inline`` → ``a:graphic`` → ``pic:pic`` whose ``a:blip`` embeds the part, with ``wp:docPr/@descr``
the figure's alternative text, which screen readers say and Word shows under *Alt Text*.

Its size is the image's own (pixels over dots per inch; 96 when the image does not say), made smaller,
keeping its proportions, to fit the text width of the report's last section (its page width less its
margins; the house style's A4 width when the template does not say) and a page's text height less room
for the caption. The paragraph holding it is centred. No image is decoded here: the size comes from the
header (:mod:`..domain.images`), read when the outline was built.
"""

from __future__ import annotations

import hashlib

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import XmlPart
from docx.parts.image import ImagePart
from lxml import etree

from . import outline as O
from . import sanitize
from .house_style import MARGIN, PAGE_HEIGHT, TEXT_WIDTH
from .xml import qn

#: English Metric Units: 914,400 an inch, so 635 a twentieth of a point (Word's unit for page sizes).
EMU_PER_INCH = 914_400
EMU_PER_TWIP = 635
#: Dots per inch of an image whose header gives none (what Word and browsers assume).
DEFAULT_DPI = 96.0
#: Text width and height of the house style's A4 page, in EMU: used when a template's section omits them.
DEFAULT_TEXT_WIDTH_EMU = TEXT_WIDTH * EMU_PER_TWIP
DEFAULT_TEXT_HEIGHT_EMU = (PAGE_HEIGHT - 2 * MARGIN) * EMU_PER_TWIP
#: Of the page's text height, how much a picture may take: the rest keeps room for its caption.
HEIGHT_SHARE = 0.8

_PART_NAMES = {"image/png": "/word/media/figure%d.png", "image/jpeg": "/word/media/figure%d.jpeg"}
_CONTENT_TYPES = {"image/png": CT.PNG, "image/jpeg": CT.JPEG}

_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_DOC_PR = f"{{{_WP}}}docPr"


def _wp(tag: str) -> str:
    return f"{{{_WP}}}{tag}"


def _a(tag: str) -> str:
    return f"{{{_A}}}{tag}"


def _pic(tag: str) -> str:
    return f"{{{_PIC}}}{tag}"


def natural_size(picture: O.Picture) -> tuple[int, int]:
    """The picture's own width and height in EMU: its pixels at its resolution (96 dpi if it has none)."""
    across, down = picture.dpi or (DEFAULT_DPI, DEFAULT_DPI)
    return (
        max(1, round(picture.width * EMU_PER_INCH / across)),
        max(1, round(picture.height * EMU_PER_INCH / down)),
    )


def fitted_size(picture: O.Picture, max_width: int, max_height: int) -> tuple[int, int]:
    """:func:`natural_size` made smaller, keeping its proportions, to at most ``max_width`` ×
    ``max_height`` EMU; never larger than it is."""
    width, height = natural_size(picture)
    scale = min(1.0, max_width / width, max_height / height)
    if scale >= 1.0:
        return width, height
    return max(1, int(width * scale)), max(1, int(height * scale))


def text_area(document: Document) -> tuple[int, int]:
    """Width and height in EMU between the margins of the document's last section (the report's body),
    or the house style's A4 page where the template leaves a size out."""
    width, height = DEFAULT_TEXT_WIDTH_EMU, DEFAULT_TEXT_HEIGHT_EMU
    sections = document.sections
    if len(sections):
        section = sections[-1]
        page_width, left, right = section.page_width, section.left_margin, section.right_margin
        if page_width is not None and left is not None and right is not None:
            room = page_width - left - right - (section.gutter or 0)
            width = room if room > 0 else width
        page_height, top, bottom = section.page_height, section.top_margin, section.bottom_margin
        if page_height is not None and top is not None and bottom is not None:
            room = page_height - abs(top) - abs(bottom)
            height = room if room > 0 else height
    return width, height


class Pictures:
    """The pictures of one report being written: their image parts, and drawings with unique ids."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self._rids: dict[str, str] = {}  # sha256 of an image → its relationship id from the document part
        self._next_id: int | None = None
        self._area: tuple[int, int] | None = None
        self.count = 0

    def add(self, p: etree._Element, picture: O.Picture, alt_text: str) -> etree._Element:
        """Draw ``picture`` in paragraph ``p`` (the style "Figure" centres it), described by ``alt_text``;
        returns the run."""
        rid = self._relationship(picture)
        shape_id = self._shape_id()
        self.count += 1
        if self._area is None:
            self._area = text_area(self.document)
        max_width, text_height = self._area
        cx, cy = fitted_size(picture, max_width, int(text_height * HEIGHT_SHARE))
        run = etree.SubElement(p, qn("w:r"))
        drawing = etree.SubElement(run, qn("w:drawing"))
        drawing.append(_inline(rid, shape_id, f"Figure {self.count}", sanitize.clean(alt_text), cx, cy))
        return run

    def _relationship(self, picture: O.Picture) -> str:
        """The id of the relationship from the document part to an image part holding ``picture``'s bytes
        (made on first use; the same bytes share one part)."""
        digest = hashlib.sha256(picture.data).hexdigest()
        rid = self._rids.get(digest)
        if rid is None:
            document_part = self.document.part
            partname = document_part.package.next_partname(_PART_NAMES[picture.media_type])
            part = ImagePart(partname, _CONTENT_TYPES[picture.media_type], picture.data)
            rid = self._rids[digest] = document_part.relate_to(part, RT.IMAGE)
        return rid

    def _shape_id(self) -> int:
        """An id for ``wp:docPr`` no other drawing in the package has (a template's logo included)."""
        if self._next_id is None:
            highest = 0
            for part in self.document.part.package.iter_parts():
                if isinstance(part, XmlPart):
                    for element in part.element.iter(_DOC_PR):
                        value = element.get("id", "")
                        if value.isdigit():
                            highest = max(highest, int(value))
            self._next_id = highest + 1
        shape_id = self._next_id
        self._next_id += 1
        return shape_id


def _inline(rid: str, shape_id: int, name: str, descr: str, cx: int, cy: int) -> etree._Element:
    """``wp:inline`` for an embedded picture of ``cx`` × ``cy`` EMU, as Word writes one."""
    nsmap = {"wp": _WP, "a": _A, "pic": _PIC, "r": _R}
    inline = etree.Element(
        _wp("inline"), {"distT": "0", "distB": "0", "distL": "0", "distR": "0"}, nsmap=nsmap
    )
    etree.SubElement(inline, _wp("extent"), {"cx": str(cx), "cy": str(cy)})
    etree.SubElement(inline, _wp("effectExtent"), {"l": "0", "t": "0", "r": "0", "b": "0"})
    etree.SubElement(inline, _DOC_PR, {"id": str(shape_id), "name": name, "descr": descr})
    frame = etree.SubElement(inline, _wp("cNvGraphicFramePr"))
    etree.SubElement(frame, _a("graphicFrameLocks"), {"noChangeAspect": "1"})
    graphic = etree.SubElement(inline, _a("graphic"))
    data = etree.SubElement(graphic, _a("graphicData"), {"uri": _PIC})
    pic = etree.SubElement(data, _pic("pic"))
    nv = etree.SubElement(pic, _pic("nvPicPr"))
    etree.SubElement(nv, _pic("cNvPr"), {"id": "0", "name": name, "descr": descr})
    etree.SubElement(etree.SubElement(nv, _pic("cNvPicPr")), _a("picLocks"), {"noChangeAspect": "1"})
    fill = etree.SubElement(pic, _pic("blipFill"))
    etree.SubElement(fill, _a("blip"), {f"{{{_R}}}embed": rid})
    etree.SubElement(etree.SubElement(fill, _a("stretch")), _a("fillRect"))
    sp_pr = etree.SubElement(pic, _pic("spPr"))
    xfrm = etree.SubElement(sp_pr, _a("xfrm"))
    etree.SubElement(xfrm, _a("off"), {"x": "0", "y": "0"})
    etree.SubElement(xfrm, _a("ext"), {"cx": str(cx), "cy": str(cy)})
    geometry = etree.SubElement(sp_pr, _a("prstGeom"), {"prst": "rect"})
    etree.SubElement(geometry, _a("avLst"))
    return inline
