"""Small lxml helpers for WordprocessingML: qualified names, schema order of children, serialising parts."""

from __future__ import annotations

from collections.abc import Iterable

from docx.oxml.ns import nsdecls, qn
from lxml import etree

__all__ = ["XML_SPACE", "drop_emptied", "insert_in_order", "nsdecls", "qn", "remove", "serialize", "unwrap"]

#: ``xml:space`` — set to "preserve" on every w:t so leading and trailing spaces survive.
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


#: The children of w:settings from w:hdrShapeDefaults on, in the order ECMA-376 (CT_Settings) requires.
SETTINGS_TAIL = (
    "w:hdrShapeDefaults",
    "w:footnotePr",
    "w:endnotePr",
    "w:compat",
    "w:docVars",
    "w:rsids",
    "m:mathPr",
    "w:attachedSchema",
    "w:themeFontLang",
    "w:clrSchemeMapping",
    "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures",
    "w:forceUpgrade",
    "w:captions",
    "w:readModeInkLockDown",
    "w:smartTagType",
    "sl:schemaLibrary",
    "w:shapeDefaults",
    "w:doNotEmbedSmartTags",
    "w:decimalSymbol",
    "w:listSeparator",
)


def settings_after(tag: str) -> tuple[str, ...]:
    """The w:settings children that must follow ``tag`` (one of SETTINGS_TAIL, or w:updateFields before it)."""
    return SETTINGS_TAIL[SETTINGS_TAIL.index(tag) + 1 :] if tag in SETTINGS_TAIL else SETTINGS_TAIL


def insert_in_order(
    parent: etree._Element, child: etree._Element, successors: Iterable[str]
) -> etree._Element:
    """Insert ``child`` before the first existing child whose tag is one of ``successors`` (qualified
    "w:name" strings), else append it: WordprocessingML schemas fix the order of children."""
    tags = {qn(name) for name in successors}
    for existing in parent:
        if existing.tag in tags:
            existing.addprevious(child)
            return child
    parent.append(child)
    return child


def serialize(element: etree._Element) -> bytes:
    data: bytes = etree.tostring(element, xml_declaration=True, encoding="UTF-8", standalone=True)
    return data


def remove(element: etree._Element) -> None:
    """Take ``element`` out of its parent (nothing happens to an element already taken out)."""
    parent = element.getparent()
    if parent is not None:
        parent.remove(element)


def unwrap(element: etree._Element) -> None:
    """Put ``element``'s children where it stands, then take it out."""
    parent = element.getparent()
    if parent is None:
        return
    position = parent.index(element)
    for offset, child in enumerate(list(element)):
        parent.insert(position + offset, child)
    parent.remove(element)


_P, _PPR, _R, _RPR = qn("w:p"), qn("w:pPr"), qn("w:r"), qn("w:rPr")
#: What a header, footer or table cell must hold at least one of.
_BLOCKS = frozenset({_P, qn("w:tbl"), qn("w:sdt")})


def drop_emptied(paragraphs: Iterable[etree._Element]) -> None:
    """After content was taken out of ``paragraphs``: drop their runs left empty, then each paragraph left
    with nothing but its properties — unless its header, footer or cell would then hold no block at all."""
    for paragraph in paragraphs:
        for run in list(paragraph.iter(_R)):
            if all(child.tag == _RPR for child in run):
                remove(run)
        parent = paragraph.getparent()
        if parent is None or any(child.tag != _PPR for child in paragraph):
            continue
        if any(block is not paragraph and block.tag in _BLOCKS for block in parent):
            parent.remove(paragraph)
