"""Open a Word template safely: refuse zip bombs before reading, and keep only what a report is built from.

A .docx or .dotx is a zip of *parts* joined by *relationships*. An organisation's template may carry far
more than styles: an attached template on a web server or a share, header fields that fetch text or
pictures, links, OLE objects, ActiveX controls, macros under any name, custom XML and properties.

1. **Before anything is read**, the zip's own directory is checked: its size, the number of parts, each
   part's compression method and declared size, the ratio of declared to compressed size, and the total.
   A file made to unpack to gigabytes is refused in milliseconds (:data:`MAX_UNPACKED_BYTES`, …).
   Reading is then bounded by those declared sizes (Python's zipfile stops at the declared size and
   checks the CRC), so a zip that lies about them is refused as damaged, not unpacked.
2. **The package is rebuilt** from the parts a report uses, reached only through these relationships:
   the main document (its body dropped but for a cover page placed before a ``{report}`` paragraph,
   its last section's page setup and header/footer references kept), styles, numbering, theme, font table (and embedded fonts), settings, headers, footers,
   footnote and endnote separators, and the pictures those use. Any relationship to outside the package
   (``TargetMode="External"``) and every other kind of part is left behind unread: attached templates,
   hyperlinks, OLE and ActiveX parts, macro parts whatever their names, custom XML and properties,
   document properties, glossaries, comments, web settings, printer settings, thumbnails, SVG pictures.
   A package that declares a VBA project is refused outright, as a .docm or .dotm is.
3. **The parts kept are cleaned** (:mod:`.scrub`): fields that fetch go, other unknown fields are frozen
   as text, and whatever still points at a relationship left behind is removed.

A .dotx's main part is relabelled as a document's, so python-docx opens it.
"""

from __future__ import annotations

import io
import posixpath
import struct
import zipfile
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import quote, unquote

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from ..domain.text import shown
from . import scrub
from .errors import ExportError
from .xml import serialize

MiB = 1024 * 1024
# The caps: a real template is a few hundred kB in 10–40 parts (Word's blank Normal.dotm unpacks to about
# 100 kB; a letterhead with its logo and embedded fonts to a few MB). Each cap is far above that and far
# below what makes a laptop swap or the window stall.
#: The file itself.
MAX_TEMPLATE_BYTES = 50 * MiB
#: Parts (zip entries) in the package.
MAX_PARTS = 1_000
#: The zip's central directory, which Python reads whole before it can count the parts.
MAX_DIRECTORY_BYTES = 2 * MiB
#: All parts unpacked together, as the zip declares them.
MAX_UNPACKED_BYTES = 100 * MiB
#: One XML part unpacked: parsing it with lxml then takes well under a second.
MAX_XML_PART_BYTES = 20 * MiB
#: Declared over compressed size of a part. Word's XML packs 3–35:1; zeros, a zip bomb's filling, pack
#: about 1,000:1 with Deflate. Judged only for parts above :data:`RATIO_FLOOR`, as tiny ones vary widely.
MAX_RATIO = 200
RATIO_FLOOR = 1 * MiB

_CONTENT_TYPES = "[Content_Types].xml"
_PACKAGE_RELS = "_rels/.rels"
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_TEMPLATE_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_MAIN_TYPES = frozenset({CT.WML_DOCUMENT_MAIN, _TEMPLATE_MAIN})
_MACRO_MARKERS = ("macroenabled", "vbaproject", "vbadata")
_MACRO_RELATIONSHIPS = frozenset({"vbaproject", "wordvbadata"})
_OBFUSCATED_FONT = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
_IMAGE_TYPES = frozenset(
    {CT.PNG, CT.JPEG, CT.GIF, CT.BMP, CT.TIFF, CT.X_EMF, CT.X_WMF, "image/emf", "image/wmf"}
)
_FONT_TYPES = frozenset({_OBFUSCATED_FONT, CT.X_FONTDATA, CT.X_FONT_TTF})
_STORED, _DEFLATED = zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED
#: Local header, central directory and end records of a zip.
_END = b"PK\x05\x06"
_END64_LOCATOR = b"PK\x06\x07"
_END64 = b"PK\x06\x06"


@dataclass(frozen=True)
class _Kind:
    """What a part is to a report: how it is cleaned and which relationships it may keep.

    ``implicit``: relationship types kept although the XML names no id (the document's styles part).
    """

    xml: bool = True
    allowed: frozenset[str] = frozenset()
    implicit: frozenset[str] = frozenset()
    clean: Callable[[etree._Element], None] | None = None


_DOCUMENT_PARTS = frozenset(
    {RT.STYLES, RT.NUMBERING, RT.THEME, RT.FONT_TABLE, RT.SETTINGS, RT.FOOTNOTES, RT.ENDNOTES}
)


def _clean_document(root: etree._Element) -> None:
    scrub.clear_document(root)
    scrub.scrub_story(root)


def _clean_notes(root: etree._Element) -> None:
    scrub.keep_only_separator_notes(root)
    scrub.scrub_story(root)


_KINDS: dict[str, _Kind] = {
    "document": _Kind(
        allowed=_DOCUMENT_PARTS | {RT.HEADER, RT.FOOTER, RT.IMAGE},  # pictures: a cover's logo
        implicit=_DOCUMENT_PARTS,
        clean=_clean_document,
    ),
    "story": _Kind(allowed=frozenset({RT.IMAGE}), clean=scrub.scrub_story),
    "notes": _Kind(allowed=frozenset({RT.IMAGE}), clean=_clean_notes),
    "settings": _Kind(clean=scrub.scrub_settings),
    "styles": _Kind(),
    "numbering": _Kind(allowed=frozenset({RT.IMAGE})),  # picture bullets
    "theme": _Kind(allowed=frozenset({RT.IMAGE})),  # picture fills
    "fontTable": _Kind(allowed=frozenset({RT.FONT})),  # embedded fonts
    "binary": _Kind(xml=False),
}

#: For each relationship a report follows: the kind of part it leads to and the content types it may have.
_TARGETS: dict[str, tuple[str, frozenset[str]]] = {
    RT.STYLES: ("styles", frozenset({CT.WML_STYLES})),
    RT.NUMBERING: ("numbering", frozenset({CT.WML_NUMBERING})),
    RT.THEME: ("theme", frozenset({CT.OFC_THEME})),
    RT.FONT_TABLE: ("fontTable", frozenset({CT.WML_FONT_TABLE})),
    RT.SETTINGS: ("settings", frozenset({CT.WML_SETTINGS})),
    RT.HEADER: ("story", frozenset({CT.WML_HEADER})),
    RT.FOOTER: ("story", frozenset({CT.WML_FOOTER})),
    RT.FOOTNOTES: ("notes", frozenset({CT.WML_FOOTNOTES})),
    RT.ENDNOTES: ("notes", frozenset({CT.WML_ENDNOTES})),
    RT.IMAGE: ("binary", _IMAGE_TYPES),
    RT.FONT: ("binary", _FONT_TYPES),
}


def macro_message(quoted: str) -> str:
    return (
        f"The template {quoted} is macro-enabled, and Inspector does not use templates that carry macros. "
        "In Word, save it as a Word Template (.dotx) or Word Document (.docx) and choose that file."
    )


def not_word_message(quoted: str) -> str:
    return (
        f"The template {quoted} is not a Word document or template (.docx or .dotx). "
        "Choose a file saved by Word in one of those formats."
    )


def _damaged(quoted: str, what: str) -> ExportError:
    return ExportError(
        f"The template {quoted} is damaged ({what}). Open it in Word, save it again as a Word Template "
        "(.dotx) and choose that file."
    )


def _bomb(quoted: str, what: str) -> ExportError:
    return ExportError(
        f"The template {quoted} {what}, far beyond any Word template: it may be a file made to fill the "
        "computer's memory (a “zip bomb”), so Inspector does not open it."
    )


@dataclass
class _Relationship:
    id: str
    type: str
    target: str


@dataclass
class _Kept:
    content_type: str
    data: bytes
    relationships: list[_Relationship] = field(default_factory=list)


def safe_document(data: bytes, quoted: str) -> bytes:
    """The bytes of a .docx holding only what a report takes from the template ``data`` (see the module).

    ``quoted`` names the template in messages. Raises ExportError: zip bomb, macros, damaged, not Word.
    """
    check_directory(data, quoted)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return _Rebuild(archive, quoted).run()
    except ExportError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError, RuntimeError) as error:
        raise _damaged(quoted, str(error) or type(error).__name__) from None
    except (OSError, ValueError, struct.error):
        raise ExportError(not_word_message(quoted)) from None


def check_directory(data: bytes, quoted: str) -> None:
    """Refuse a zip whose end record announces too many parts or too large a directory, before Python's
    zipfile reads the directory itself."""
    tail_start = max(0, len(data) - (22 + 0xFFFF))
    at = data.rfind(_END, tail_start)
    if at < 0 or len(data) - at < 22:
        raise ExportError(not_word_message(quoted))
    _, _, _, _, entries, directory_size, directory_offset, _ = struct.unpack("<4s4H2LH", data[at : at + 22])
    if entries == 0xFFFF or directory_size == 0xFFFFFFFF or directory_offset == 0xFFFFFFFF:
        locator = at - 20
        if locator < 0 or data[locator : locator + 4] != _END64_LOCATOR:
            raise ExportError(not_word_message(quoted))
        (offset,) = struct.unpack("<Q", data[locator + 8 : locator + 16])
        record = data[offset : offset + 56]
        if len(record) < 56 or record[:4] != _END64:
            raise ExportError(not_word_message(quoted))
        entries, directory_size = struct.unpack("<2Q", record[32:48])
    if entries > MAX_PARTS:
        raise _bomb(quoted, f"holds {entries:,} parts, more than the {MAX_PARTS:,} a template may have")
    if directory_size > MAX_DIRECTORY_BYTES:
        raise _bomb(quoted, f"has a table of parts of {directory_size // 1024:,} kB")


class _Rebuild:
    def __init__(self, archive: zipfile.ZipFile, quoted: str) -> None:
        self.archive, self.quoted = archive, quoted
        self.members = self._check_members(archive.infolist())
        self.defaults: dict[str, str] = {}
        self.overrides: dict[str, str] = {}

    # -- the guard: declared sizes only, nothing read ---------------------------------------------------

    def _check_members(self, infos: list[zipfile.ZipInfo]) -> dict[str, zipfile.ZipInfo]:
        quoted = self.quoted
        if len(infos) > MAX_PARTS:
            raise _bomb(
                quoted, f"holds {len(infos):,} parts, more than the {MAX_PARTS:,} a template may have"
            )
        members: dict[str, zipfile.ZipInfo] = {}
        total = 0
        for info in infos:
            name = info.filename
            if info.flag_bits & 0x1:
                raise ExportError(
                    f"The template {quoted} is protected by a password; save an unprotected copy in Word."
                )
            if info.compress_type not in (_STORED, _DEFLATED):
                raise ExportError(not_word_message(quoted))  # Word only stores or deflates
            total += info.file_size
            if total > MAX_UNPACKED_BYTES:
                raise _bomb(
                    quoted,
                    f"would unpack to more than {MAX_UNPACKED_BYTES // MiB} MB (at the part {_short(name)})",
                )
            if info.file_size >= RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                ratio = info.file_size // max(info.compress_size, 1)
                raise _bomb(quoted, f"has a part ({_short(name)}) packed {ratio:,} to 1")
            if name.lower().endswith((".xml", ".rels")) and info.file_size > MAX_XML_PART_BYTES:
                raise _bomb(quoted, f"has a part ({_short(name)}) of {info.file_size // MiB} MB")
            key = name.lower()
            if key in members:
                raise _damaged(quoted, f"it holds the part {_short(name)} twice")
            members[key] = info
        return members

    # -- reading ----------------------------------------------------------------------------------------

    def _read(self, name: str) -> bytes | None:
        info = self.members.get(name.lower())
        if info is None:
            return None
        with self.archive.open(info) as handle:
            data = handle.read(info.file_size + 1)
        if len(data) != info.file_size:
            raise _damaged(self.quoted, f"the part {_short(name)} is not the size the file says")
        return data

    def _xml(self, name: str) -> etree._Element | None:
        data = self._read(name)
        if data is None:
            return None
        # Word never writes a document type; one is how "billion laughs" entity bombs are built.
        doctype = _damaged(self.quoted, f"the part {_short(name)} declares a document type")
        if b"<!DOCTYPE" in data:
            raise doctype
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
        try:
            root = etree.fromstring(data, parser)
        except etree.XMLSyntaxError:
            raise _damaged(self.quoted, f"the part {_short(name)} is not well-formed XML") from None
        docinfo = root.getroottree().docinfo
        if docinfo.doctype or docinfo.internalDTD is not None:  # one in another encoding
            raise doctype
        return root

    def _content_type(self, name: str) -> str:
        override = self.overrides.get("/" + name.lower())
        if override is not None:
            return override
        extension = posixpath.splitext(name)[1].lstrip(".").lower()
        return self.defaults.get(extension, "")

    def _relationships(self, source: str | None) -> list[_Relationship]:
        """The internal relationships of ``source`` (None: the package), targets resolved to part names.
        Refuses a VBA project; leaves out external targets and targets outside the package."""
        if source is None:
            rels_name, base = _PACKAGE_RELS, ""
        else:
            folder, base_name = posixpath.split(source)
            rels_name, base = posixpath.join(folder, "_rels", base_name + ".rels"), folder
        root = self._xml(rels_name)
        if root is None:
            return []
        found: list[_Relationship] = []
        seen: set[str] = set()
        for rel in root.iter(f"{{{_REL_NS}}}Relationship"):
            rel_type, rel_id, target = rel.get("Type", ""), rel.get("Id", ""), rel.get("Target", "")
            if rel_type.rsplit("/", 1)[-1].lower() in _MACRO_RELATIONSHIPS:
                raise ExportError(macro_message(self.quoted))
            if rel.get("TargetMode", "Internal") != "Internal" or not rel_id or rel_id in seen:
                continue
            resolved = _resolve(base, target)
            if resolved is not None:
                seen.add(rel_id)
                found.append(_Relationship(rel_id, rel_type, resolved))
        return found

    # -- the rebuild ------------------------------------------------------------------------------------

    def run(self) -> bytes:
        quoted = self.quoted
        if any(key.endswith("vbaproject.bin") for key in self.members):
            raise ExportError(macro_message(quoted))
        types = self._xml(_CONTENT_TYPES)
        if types is None:
            raise ExportError(not_word_message(quoted))
        for element in types:
            content_type = (element.get("ContentType") or "").strip()
            if any(marker in content_type.lower() for marker in _MACRO_MARKERS):
                raise ExportError(macro_message(quoted))
            if element.tag == f"{{{_CT_NS}}}Default":
                self.defaults[(element.get("Extension") or "").lower()] = content_type
            elif element.tag == f"{{{_CT_NS}}}Override":
                self.overrides[(element.get("PartName") or "").lower()] = content_type
        main = next(
            (
                rel.target
                for rel in self._relationships(None)
                if rel.type == RT.OFFICE_DOCUMENT and self._content_type(rel.target) in _MAIN_TYPES
            ),
            None,
        )
        if main is None or main.lower() not in self.members:
            raise ExportError(not_word_message(quoted))
        kept: dict[str, _Kept] = {}
        visited: set[str] = set()
        queue: deque[tuple[str, str]] = deque([(main, "document")])
        while queue:
            name, kind_name = queue.popleft()
            if name.lower() in visited:
                continue
            visited.add(name.lower())
            kind = _KINDS[kind_name]
            content_type = CT.WML_DOCUMENT_MAIN if name == main else self._content_type(name)
            if not kind.xml:
                data = self._read(name)
                if data is not None:
                    kept[name] = _Kept(content_type, data)
                continue
            root = self._xml(name)
            if root is None:
                continue
            if kind.clean is not None:
                kind.clean(root)
            named = scrub.referenced_ids(root)
            follow: list[_Relationship] = []
            for rel in self._relationships(name):
                if rel.type not in kind.allowed or (rel.id not in named and rel.type not in kind.implicit):
                    continue
                target_kind, expected = _TARGETS[rel.type]
                if rel.target.lower() not in self.members or self._content_type(rel.target) not in expected:
                    continue
                follow.append(rel)
                queue.append((rel.target, target_kind))
            scrub.drop_dangling_references(root, (rel.id for rel in follow))
            kept[name] = _Kept(content_type, serialize(root), follow)
        return _write(main, kept)


def _resolve(base: str, target: str) -> str | None:
    """The part name a relationship target names, relative to the folder ``base``; None outside the zip."""
    path = unquote(target.split("#", 1)[0]).replace("\\", "/")
    if not path:
        return None
    joined = path.lstrip("/") if path.startswith("/") else posixpath.join(base, path)
    normal = posixpath.normpath(joined)
    if normal.startswith(("../", "/")) or normal in ("..", ".", ""):
        return None
    return normal


def _write(main: str, kept: dict[str, _Kept]) -> bytes:
    types = etree.Element(f"{{{_CT_NS}}}Types", nsmap={None: _CT_NS})
    etree.SubElement(types, f"{{{_CT_NS}}}Default", Extension="rels", ContentType=CT.OPC_RELATIONSHIPS)
    etree.SubElement(types, f"{{{_CT_NS}}}Default", Extension="xml", ContentType=CT.XML)
    for name, part in kept.items():
        etree.SubElement(types, f"{{{_CT_NS}}}Override", PartName="/" + name, ContentType=part.content_type)
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(_CONTENT_TYPES, serialize(types))
        archive.writestr(
            _PACKAGE_RELS, _relationships_xml([_Relationship("rId1", RT.OFFICE_DOCUMENT, main)], "")
        )
        for name, part in kept.items():
            archive.writestr(name, part.data)
            if part.relationships:
                folder, base_name = posixpath.split(name)
                archive.writestr(
                    posixpath.join(folder, "_rels", base_name + ".rels"),
                    _relationships_xml(part.relationships, folder),
                )
    return output.getvalue()


def _relationships_xml(relationships: list[_Relationship], folder: str) -> bytes:
    root = etree.Element(f"{{{_REL_NS}}}Relationships", nsmap={None: _REL_NS})
    for rel in relationships:
        target = posixpath.relpath(rel.target, folder) if folder else rel.target
        etree.SubElement(root, f"{{{_REL_NS}}}Relationship", Id=rel.id, Type=rel.type, Target=quote(target))
    return serialize(root)


def _short(name: str) -> str:
    return shown(name, 60)
