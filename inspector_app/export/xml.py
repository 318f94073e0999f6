"""Small lxml helpers for WordprocessingML: qualified names, schema order of children, serialising parts."""

from __future__ import annotations

from collections.abc import Iterable

from docx.oxml.ns import nsdecls, qn
from lxml import etree

__all__ = ["XML_SPACE", "insert_in_order", "nsdecls", "qn", "serialize"]

#: ``xml:space`` — set to "preserve" on every w:t so leading and trailing spaces survive.
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


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
