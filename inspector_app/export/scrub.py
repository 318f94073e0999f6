"""Clean the XML of the template parts a report keeps, so nothing in them can fetch, run or carry data.

:mod:`.package` decides which parts and relationships a report keeps; this module cleans what is inside
them. Each function edits a parsed part in place:

* :func:`scrub_story` (the document's section properties, headers, footers, footnote separators): fields
  (:mod:`.fields`), OLE objects, ActiveX controls, imported chunks and subdocuments, data bindings to
  custom XML, custom XML and smart-tag wrappers (their text stays), VML links to outside pictures;
* :func:`clear_document`: the template's body, but for a cover before a ``{report}`` paragraph
  (:func:`kept_cover`) and the last section's properties;
* :func:`scrub_settings`: the attached template, mail merge, document variables, XML schemas and
  transforms, protection, and the template's own "update fields on open";
* :func:`drop_dangling_references`: whatever still points at a relationship the package no longer has
  (a hyperlink keeps its text, a picture whose image is gone goes, an SVG falls back to its PNG).
"""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree

from .fields import scrub_fields
from .xml import drop_emptied, qn, remove, unwrap

R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
VML_NAMESPACES = frozenset(
    {
        "urn:schemas-microsoft-com:vml",
        "urn:schemas-microsoft-com:office:office",
        "urn:schemas-microsoft-com:office:word",
        "urn:schemas-microsoft-com:office:excel",
        "urn:schemas-microsoft-com:office:powerpoint",
    }
)
_O_NS = "urn:schemas-microsoft-com:office:office"
_W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
_W15_NS = "http://schemas.microsoft.com/office/word/2012/wordml"
_A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
_SVG_BLIP = "{http://schemas.microsoft.com/office/drawing/2016/SVG/main}svgBlip"

#: Content that runs or embeds something: removed whole (with the picture or run that shows it).
_ACTIVE = frozenset(
    {
        qn("w:object"),  # OLE objects (embedded or linked), with their preview picture
        qn("w:control"),  # ActiveX controls
        qn("w:altChunk"),  # imports another file's content when Word opens the document
        qn("w:subDoc"),  # a master document's subdocument, opened from a path
        qn("w:dataBinding"),  # binds a content control to a custom XML part (dropped)
        f"{{{_W15_NS}}}dataBinding",
        f"{{{_W14_NS}}}contentPart",  # ink and other parts kept elsewhere
        f"{{{_O_NS}}}OLEObject",
    }
)
#: Elements whose content stays but whose wrapper goes (custom XML markup, smart tags).
_WRAPPERS = frozenset({qn("w:customXml"), qn("w:smartTag")})
_WRAPPER_PROPERTIES = frozenset({qn("w:customXmlPr"), qn("w:smartTagPr")})
#: When an active element or a dangling picture goes, the picture container holding it goes too.
_CONTAINERS = (qn("w:object"), qn("w:pict"), qn("w:drawing"))

#: Settings that attach, merge, bind, protect or ask Word to update fields: a report needs none of them.
_SETTINGS_DROPPED = frozenset(
    qn(name)
    for name in (
        "w:attachedTemplate",
        "w:linkStyles",
        "w:mailMerge",
        "w:docVars",
        "w:attachedSchema",
        "w:saveThroughXslt",
        "w:useXSLTWhenSaving",
        "w:saveXmlDataOnly",
        "w:alwaysMergeEmptyNamespace",
        "w:showXMLTags",
        "w:updateFields",
        "w:documentProtection",
        "w:writeProtection",
        "w:smartTagType",
    )
) | {"{http://schemas.openxmlformats.org/schemaLibrary/2006/main}schemaLibrary"}

_P = qn("w:p")
_STORY_NOTES = frozenset({"separator", "continuationSeparator", "continuationNotice"})


def scrub_story(root: etree._Element) -> None:
    """Fields, active content, wrappers and outside picture links out of a header, footer or the like."""
    scrub_fields(root)
    touched: list[etree._Element] = []
    for element in [e for e in root.iter() if e.tag in _ACTIVE]:
        touched.extend(element.iterancestors(_P))
        _remove_with_container(element)
    for element in [e for e in root.iter() if e.tag in _WRAPPERS]:
        for child in list(element):
            if child.tag in _WRAPPER_PROPERTIES:
                element.remove(child)
        unwrap(element)
    for element in root.iter():
        if isinstance(element.tag, str) and etree.QName(element).namespace in VML_NAMESPACES:
            for name in list(element.attrib):
                if etree.QName(name).localname in ("href", "src"):  # a picture's original path or URL
                    del element.attrib[name]
    drop_emptied(touched)


def keep_only_separator_notes(root: etree._Element) -> None:
    """A footnotes or endnotes part without the template's own notes (the separators stay)."""
    for note in list(root):
        if note.get(qn("w:type")) not in _STORY_NOTES:
            root.remove(note)


#: A paragraph of a template's body holding only this marks where the report begins: what comes before it
#: (a cover page, with its own sections) is kept; without it the template's body is dropped.
REPORT_MARKER = "{report}"
#: References to the template's own notes and comments, which a report does not keep.
_NOTE_REFERENCES = frozenset(
    qn(name)
    for name in (
        "w:footnoteReference",
        "w:endnoteReference",
        "w:commentReference",
        "w:commentRangeStart",
        "w:commentRangeEnd",
    )
)


def report_marker(body: etree._Element) -> etree._Element | None:
    """The first paragraph of ``body`` (a w:body) whose text is :data:`REPORT_MARKER`, if any."""
    for child in body:
        if child.tag == _P and "".join(t.text or "" for t in child.iter(qn("w:t"))).strip() == REPORT_MARKER:
            return child
    return None


def kept_cover(body: etree._Element) -> list[etree._Element]:
    """The children of ``body`` a report keeps from its template: those before the :data:`REPORT_MARKER`
    paragraph and the marker itself (none without a marker), and the last section's properties."""
    kept: list[etree._Element] = []
    marker = report_marker(body)
    if marker is not None:
        for child in body:
            kept.append(child)
            if child is marker:
                break
    sections = [child for child in body if child.tag == qn("w:sectPr")]
    if sections:
        kept.append(sections[-1])
    return kept


def clear_document(root: etree._Element) -> None:
    """The main part of a template reduced to its cover (see :func:`kept_cover`) and its last section's
    properties (page setup, header and footer references); the rest of its body, its background, and the
    cover's references to the template's notes and comments go."""
    body = root.find(qn("w:body"))
    for child in list(root):
        if child is not body:
            root.remove(child)
    if body is None:
        return
    kept = kept_cover(body)
    for child in list(body):
        if not any(child is k for k in kept):
            body.remove(child)
    touched: list[etree._Element] = []
    for element in [e for e in body.iter() if e.tag in _NOTE_REFERENCES]:
        touched.extend(element.iterancestors(_P))
        remove(element)
    drop_emptied(touched)


def scrub_settings(root: etree._Element) -> None:
    for child in list(root):
        if child.tag in _SETTINGS_DROPPED:
            root.remove(child)


def referenced_ids(root: etree._Element) -> set[str]:
    """The relationship ids the XML of a part refers to (r:id, r:embed, r:link, …)."""
    found: set[str] = set()
    for element in root.iter():
        for name, value in element.attrib.items():
            if name.startswith(f"{{{R_NS}}}"):
                found.add(value)
    return found


def drop_dangling_references(root: etree._Element, kept: Iterable[str]) -> None:
    """Remove what refers to a relationship not in ``kept`` (see the module docstring)."""
    kept_ids = set(kept)
    prefix = f"{{{R_NS}}}"
    touched: list[etree._Element] = []
    for element in list(root.iter()):
        dangling = [n for n, v in element.attrib.items() if n.startswith(prefix) and v not in kept_ids]
        if not dangling:
            continue
        for name in dangling:
            del element.attrib[name]
        touched.extend(element.iterancestors(_P))
        if element.tag == qn("w:hyperlink"):
            continue  # its text stays, no longer a link
        if element.tag == _SVG_BLIP:
            remove(element)  # the PNG the blip also carries is shown instead
        elif element.tag in (f"{{{_A_NS}}}blip", "{urn:schemas-microsoft-com:vml}imagedata"):
            if not any(n.startswith(prefix) for n in element.attrib):
                _remove_with_container(element)  # a picture with no image left
        elif element.tag in (f"{{{_A_NS}}}hlinkClick", f"{{{_A_NS}}}hlinkHover"):
            remove(element)
        else:
            _remove_with_container(element)
    drop_emptied(touched)


def _remove_with_container(element: etree._Element) -> None:
    container = next((a for a in element.iterancestors(*_CONTAINERS)), None)
    remove(container if container is not None else element)
