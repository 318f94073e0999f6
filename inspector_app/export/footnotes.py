"""Word footnotes: the footnotes part (created when a document lacks one) and adding notes to it.

python-docx has no footnote API, so the part is handled as XML. ``[^label]`` markers in report text become
:class:`~.outline.FootnoteMark` runs in the outline (:data:`MARKER`), and references in Word through
:mod:`.docx_writer`; a marker whose label has no footnote stays literal text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part, XmlPart
from lxml import etree

from .outline import MARKER
from .xml import insert_in_order, nsdecls, qn, serialize, settings_after

__all__ = ["MARKER", "Footnotes", "ensure_footnotes_part", "footnotes_part"]

_SEPARATORS = (
    f"<w:footnotes {nsdecls('w')}>"
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
    'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" '
    'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
    "</w:footnotes>"
)

#: Children of w:settings that come after w:footnotePr (ECMA-376 CT_Settings order).
_AFTER_FOOTNOTE_PR = settings_after("w:footnotePr")


def footnotes_part(document: Document) -> Part | None:
    for rel in document.part.rels.values():
        if rel.reltype == RT.FOOTNOTES and not rel.is_external:
            part: Part = rel.target_part
            return part
    return None


def ensure_footnotes_part(document: Document) -> Part:
    """The document's footnotes part, created with Word's two separator notes when missing."""
    part = footnotes_part(document)
    if part is not None:
        return part
    package = document.part.package
    part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, _SEPARATORS.encode("utf-8"), package)
    document.part.relate_to(part, RT.FOOTNOTES)
    settings = document.settings.element
    if settings.find(qn("w:footnotePr")) is None:
        footnote_pr = etree.fromstring(
            f'<w:footnotePr {nsdecls("w")}><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>'
        )
        insert_in_order(settings, footnote_pr, _AFTER_FOOTNOTE_PR)
    return part


class Footnotes:
    """Adds notes to a footnotes part; call :meth:`finish` before saving to write the XML back."""

    def __init__(self, part: Part, text_style_id: str, reference_style_id: str) -> None:
        self._part = part
        self._xml_part = isinstance(part, XmlPart)
        self._root = part.element if isinstance(part, XmlPart) else etree.fromstring(part.blob)
        ids = [int(value) for value in self._root.xpath("./w:footnote/@w:id", namespaces=_NS)]
        self._next_id = max([0, *ids]) + 1
        self._text_style_id = text_style_id
        self._reference_style_id = reference_style_id
        self.count = 0

    def add(self, paragraphs: list[str], make_runs: Callable[[Any, str], None]) -> int:
        """Add a footnote of ``paragraphs`` (already clean lines); returns its id for the reference.

        ``make_runs(p, text)`` appends the runs for a line of text to paragraph element ``p``.
        """
        note_id = self._next_id
        self._next_id += 1
        note = etree.SubElement(self._root, qn("w:footnote"))
        note.set(qn("w:id"), str(note_id))
        for index, line in enumerate(paragraphs or [""]):
            p = etree.SubElement(note, qn("w:p"))
            p_pr = etree.SubElement(p, qn("w:pPr"))
            etree.SubElement(p_pr, qn("w:pStyle")).set(qn("w:val"), self._text_style_id)
            if index == 0:
                r = etree.SubElement(p, qn("w:r"))
                r_pr = etree.SubElement(r, qn("w:rPr"))
                etree.SubElement(r_pr, qn("w:rStyle")).set(qn("w:val"), self._reference_style_id)
                etree.SubElement(r, qn("w:footnoteRef"))
                line = " " + line
            make_runs(p, line)
        self.count += 1
        return note_id

    def finish(self) -> None:
        if self.count and not self._xml_part:
            self._part._blob = serialize(self._root)  # a plain Part keeps its bytes in _blob


_NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
