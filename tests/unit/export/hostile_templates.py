"""Hostile Word templates, each made from the bundled report.docx by editing its parts (zipfile + lxml),
and zip bombs made without unpacking them.

Each template below carries one kind of network or active content an organisation template was measured
to pass on to the report (issue 17): an attached template on a web server or a share, header fields that
fetch, external links, an OLE object, an ActiveX control, custom XML and properties, a macro part under
another name, and "update fields on open".
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree
from unit.export.export_support import TEMPLATE

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
NAMESPACES = (
    f'xmlns:w="{W}" xmlns:r="{R}" xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
    'xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml"'
)
HEADER_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
#: A 1×1 transparent PNG: the letterhead logo a template may rightly carry.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
#: Text a hostile template's header shows around its fields; the report keeps it.
LETTERHEAD = "Organisation letterhead"
#: The text of a HYPERLINK field in a header: frozen as plain text, it stays.
WEBSITE = "our website"

HTTP = "http://intranet.example.org/banner.docx"
SHARE = "\\\\fileserver\\templates\\banner.docx"


@dataclass
class Package:
    """A .docx as parts (name -> bytes) with helpers to add parts, relationships and content types."""

    parts: dict[str, bytes] = field(default_factory=dict)

    @classmethod
    def of(cls, path: Path = TEMPLATE) -> Package:
        with zipfile.ZipFile(path) as archive:
            return cls({name: archive.read(name) for name in archive.namelist()})

    def xml(self, name: str) -> etree._Element:
        return etree.fromstring(self.parts[name])

    def set_xml(self, name: str, root: etree._Element) -> None:
        self.parts[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    def add_part(self, name: str, data: bytes | str, content_type: str | None = None) -> None:
        self.parts[name] = data.encode("utf-8") if isinstance(data, str) else data
        if content_type:
            types = self.xml("[Content_Types].xml")
            etree.SubElement(types, f"{{{CT}}}Override", PartName="/" + name, ContentType=content_type)
            self.set_xml("[Content_Types].xml", types)

    def add_default(self, extension: str, content_type: str) -> None:
        types = self.xml("[Content_Types].xml")
        etree.SubElement(types, f"{{{CT}}}Default", Extension=extension, ContentType=content_type)
        self.set_xml("[Content_Types].xml", types)

    def relate(self, source: str, rel_id: str, rel_type: str, target: str, external: bool = False) -> None:
        """A relationship of ``source`` ("" for the package); ``rel_type`` is a short name or a whole URI."""
        folder, base = source.rsplit("/", 1) if "/" in source else ("", source)
        rels_name = (
            f"{folder}/_rels/{base}.rels"
            if folder
            else ("_rels/.rels" if not source else f"_rels/{base}.rels")
        )
        root = (
            self.xml(rels_name)
            if rels_name in self.parts
            else etree.Element(f"{{{REL}}}Relationships", nsmap={None: REL})
        )
        attributes = {"Id": rel_id, "Type": rel_type if "/" in rel_type else RT + rel_type, "Target": target}
        if external:
            attributes["TargetMode"] = "External"
        etree.SubElement(root, f"{{{REL}}}Relationship", attributes)
        self.set_xml(rels_name, root)

    def first_page_header(self, body: str, rel_id: str = "rIdHostileHeader") -> None:
        """Add word/header9.xml holding ``body`` (WordprocessingML paragraphs) as the first-page header."""
        self.add_part("word/header9.xml", f"<w:hdr {NAMESPACES}>{body}</w:hdr>", HEADER_TYPE)
        self.relate("word/document.xml", rel_id, "header", "header9.xml")
        document = self.xml("word/document.xml")
        sect_pr = document.find(f"{{{W}}}body/{{{W}}}sectPr")
        reference = etree.Element(f"{{{W}}}headerReference", {f"{{{W}}}type": "first", f"{{{R}}}id": rel_id})
        sect_pr.insert(0, reference)
        title_pg = etree.Element(f"{{{W}}}titlePg")
        sect_pr.find(f"{{{W}}}cols").addnext(title_pg)
        self.set_xml("word/document.xml", document)

    def add_setting(self, xml: str, first: bool = True) -> None:
        settings = self.xml("word/settings.xml")
        element = etree.fromstring(f"<w:x {NAMESPACES}>{xml}</w:x>")[0]
        if first:
            settings.insert(0, element)
        else:
            settings.append(element)
        self.set_xml("word/settings.xml", settings)

    def save(self, path: Path) -> Path:
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("[Content_Types].xml", self.parts["[Content_Types].xml"])
            for name, data in self.parts.items():
                if name != "[Content_Types].xml":
                    archive.writestr(name, data)
        return path


def field_runs(code: str, result: str = "") -> str:
    """A complex field: begin, instruction, separate, result, end (each its own run, as Word writes it)."""
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve">{code}</w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r><w:t>{result}</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def _xml_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")


# -- the hostile templates, one function a kind ---------------------------------------------------------


def attached_template(target: str) -> Package:
    """settings.xml attaches a template at ``target`` (a URL or a share) and links its styles."""
    package = Package.of()
    package.add_setting('<w:attachedTemplate r:id="rIdAttached"/>')
    package.add_setting("<w:linkStyles/>")
    package.relate("word/settings.xml", "rIdAttached", "attachedTemplate", target, external=True)
    return package


def fetching_header_fields() -> Package:
    """A first-page header whose fields fetch from http and a share, with fields that may stay."""
    package = Package.of()
    share = _xml_text(SHARE.replace("\\", "\\\\"))  # backslashes doubled inside a field's quotes
    fetching = [
        (f" INCLUDETEXT &quot;{HTTP}&quot; ", "Text fetched from the intranet"),
        (" INCLUDEPICTURE &quot;http://intranet.example.org/logo.png&quot; \\d ", "logo"),
        (f" LINK Excel.Sheet.12 &quot;{share}&quot; Sheet1!R1C1 \\a ", "linked cell"),
        (" DDE Excel &quot;C:\\\\figures.xlsx&quot; R1C1 ", "dde result"),
        (" DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe &quot;/k calc.exe&quot; ", "ddeauto result"),
    ]
    simple = (
        f'<w:p><w:fldSimple w:instr=" INCLUDETEXT &quot;{share}&quot; ">'
        "<w:r><w:t>From the share</w:t></w:r></w:fldSimple></w:p>"
    )
    # A field whose keyword comes from a nested field: only running it would tell what it is.
    nested = (
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        + field_runs(' QUOTE "INCLUDETEXT" ', "INCLUDETEXT")
        + f'<w:r><w:instrText xml:space="preserve"> &quot;{HTTP}&quot; </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>nested result</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
    )
    # Fields that stay (PAGE) or are frozen as their text (HYPERLINK).
    page = '<w:p><w:r><w:t xml:space="preserve">Page </w:t></w:r>' + field_runs(" PAGE ", "1") + "</w:p>"
    link = "<w:p>" + field_runs(" HYPERLINK &quot;https://www.example.org/&quot; ", WEBSITE) + "</w:p>"
    body = (
        f"<w:p><w:r><w:t>{LETTERHEAD}</w:t></w:r></w:p>"
        + "".join(f"<w:p>{field_runs(code, result)}</w:p>" for code, result in fetching)
        + simple
        + nested
        + page
        + link
    )
    package.first_page_header(body)
    return package


def external_links() -> Package:
    """A header with a hyperlink, a linked picture and a clickable picture, all pointing outside."""
    package = Package.of()
    picture = (
        '<w:r><w:drawing><wp:inline><wp:extent cx="9525" cy="9525"/><wp:docPr id="1" name="Logo">'
        '<a:hlinkClick r:id="rIdClick"/></wp:docPr>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        '<pic:pic><pic:nvPicPr><pic:cNvPr id="1" name="Logo"/><pic:cNvPicPr/></pic:nvPicPr>'
        '<pic:blipFill><a:blip r:link="rIdLinked"/></pic:blipFill><pic:spPr/></pic:pic>'
        "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
    )
    body = (
        f'<w:p><w:hyperlink r:id="rIdLink"><w:r><w:t>{LETTERHEAD}</w:t></w:r></w:hyperlink></w:p>'
        f"<w:p>{picture}</w:p>"
    )
    package.first_page_header(body)
    package.relate("word/header9.xml", "rIdLink", "hyperlink", "http://phish.example.org/", external=True)
    package.relate(
        "word/header9.xml", "rIdLinked", "image", "http://intranet.example.org/logo.png", external=True
    )
    package.relate("word/header9.xml", "rIdClick", "hyperlink", "\\\\fileserver\\share\\x.exe", external=True)
    return package


def embedded_logo() -> Package:
    """A header with an embedded picture (a logo): what a template may rightly keep."""
    package = Package.of()
    body = (
        f"<w:p><w:r><w:t>{LETTERHEAD}</w:t></w:r></w:p><w:p><w:r><w:drawing><wp:inline>"
        '<wp:extent cx="9525" cy="9525"/><wp:docPr id="1" name="Logo"/><a:graphic>'
        '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>'
        '<pic:nvPicPr><pic:cNvPr id="1" name="Logo"/><pic:cNvPicPr/></pic:nvPicPr>'
        '<pic:blipFill><a:blip r:embed="rIdLogo"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
        '<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="9525" cy="9525"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
        "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
    )
    package.first_page_header(body)
    package.add_part("word/media/logo.png", PNG)
    package.add_default("png", "image/png")
    package.relate("word/header9.xml", "rIdLogo", "image", "media/logo.png")
    return package


def ole_object() -> Package:
    """A header holding an embedded OLE object (an Excel sheet) with its preview picture."""
    package = Package.of()
    body = (
        f"<w:p><w:r><w:t>{LETTERHEAD}</w:t></w:r></w:p>"
        '<w:p><w:r><w:object w:dxaOrig="1440" w:dyaOrig="1440">'
        '<v:shape id="_x0000_i1025" type="#_x0000_t75" style="width:72pt;height:72pt">'
        '<v:imagedata r:id="rIdPreview" o:title=""/></v:shape>'
        '<o:OLEObject Type="Embed" ProgID="Excel.Sheet.12" ShapeID="_x0000_i1025" DrawAspect="Icon" '
        'ObjectID="_1234567890" r:id="rIdOle"/></w:object></w:r></w:p>'
    )
    package.first_page_header(body)
    package.add_part("word/embeddings/oleObject1.bin", b"\xd0\xcf\x11\xe0OLE payload")
    package.add_default("bin", "application/vnd.openxmlformats-officedocument.oleObject")
    package.add_part("word/media/preview.png", PNG)
    package.add_default("png", "image/png")
    package.relate("word/header9.xml", "rIdOle", "oleObject", "embeddings/oleObject1.bin")
    package.relate("word/header9.xml", "rIdPreview", "image", "media/preview.png")
    return package


def activex_control() -> Package:
    """A header holding an ActiveX control (a command button)."""
    package = Package.of()
    body = (
        f"<w:p><w:r><w:t>{LETTERHEAD}</w:t></w:r></w:p>"
        '<w:p><w:r><w:pict><v:shape id="CommandButton1" type="#_x0000_t201" style="width:90pt;height:20pt"/>'
        '<w:control r:id="rIdControl" w:name="CommandButton1" w:shapeid="CommandButton1"/></w:pict></w:r></w:p>'
    )
    package.first_page_header(body)
    package.add_part(
        "word/activeX/activeX1.xml",
        '<ax:ocx xmlns:ax="http://schemas.microsoft.com/office/2006/activeX" '
        'ax:classid="{D7053240-CE69-11CD-A777-00DD01143C57}" ax:persistence="persistStreamInit"/>',
        "application/vnd.ms-office.activeX+xml",
    )
    package.relate("word/header9.xml", "rIdControl", "control", "activeX/activeX1.xml")
    return package


def custom_xml_and_properties() -> Package:
    """Custom document properties, a custom XML part, a content control bound to it, and app.xml's
    hyperlink base."""
    package = Package.of()
    package.add_part(
        "docProps/custom.xml",
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="SecretClassifier">'
        "<vt:lpwstr>tracking-id-42</vt:lpwstr></property></Properties>",
        "application/vnd.openxmlformats-officedocument.custom-properties+xml",
    )
    package.relate(
        "",
        "rIdCustom",
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties",
        "docProps/custom.xml",
    )
    package.add_part("customXml/item1.xml", "<tracking><id>tracking-id-42</id></tracking>")
    package.relate("word/document.xml", "rIdCustomXml", "customXml", "../customXml/item1.xml")
    app = package.parts["docProps/app.xml"].replace(
        b"</Properties>", b"<HyperlinkBase>http://intranet.example.org/</HyperlinkBase></Properties>"
    )
    package.parts["docProps/app.xml"] = app
    body = (
        '<w:sdt><w:sdtPr><w:dataBinding w:xpath="/tracking/id" w:storeItemID="{00000000-0000-0000-0000-000000000001}"/>'
        "</w:sdtPr><w:sdtContent>"
        f"<w:p><w:r><w:t>{LETTERHEAD}</w:t></w:r></w:p></w:sdtContent></w:sdt>"
        f'<w:customXml w:element="classified"><w:p><w:r><w:t>Wrapped text</w:t></w:r></w:p></w:customXml>'
    )
    package.first_page_header(body)
    return package


def macro_part_renamed() -> Package:
    """A VBA project stored as word/macros.dat, named by its relationship only."""
    package = Package.of()
    package.add_part("word/macros.dat", b"\xcc\x61\x00VBA project bytes")
    package.add_default("dat", "application/octet-stream")
    package.relate(
        "word/document.xml",
        "rIdVba",
        "http://schemas.microsoft.com/office/2006/relationships/vbaProject",
        "macros.dat",
    )
    return package


def stray_macro_part() -> Package:
    """A macro part under another name behind a relationship of no known kind: left behind, unread."""
    package = Package.of()
    package.add_part("word/macros.dat", b"\xcc\x61\x00VBA project bytes")
    package.add_default("dat", "application/octet-stream")
    package.relate("word/document.xml", "rIdStray", "http://example.org/relationships/payload", "macros.dat")
    package.add_part("word/unlisted.bin", b"MZ not even related")
    return package


def update_fields_on_open() -> Package:
    package = Package.of()
    package.add_setting('<w:updateFields w:val="true"/>', first=False)
    return package


def extras() -> Package:
    """Parts a report does not need: a glossary (building blocks), comments, a web frameset, a thumbnail,
    printer settings, an altChunk and a subdocument."""
    package = Package.of()
    package.add_part(
        "word/glossary/document.xml",
        f"<w:glossaryDocument {NAMESPACES}><w:docParts/></w:glossaryDocument>",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.glossary+xml",
    )
    package.relate("word/document.xml", "rIdGlossary", "glossaryDocument", "glossary/document.xml")
    package.add_part(
        "word/comments.xml",
        f'<w:comments {NAMESPACES}><w:comment w:id="0" w:author="Template author"><w:p/></w:comment></w:comments>',
        "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml",
    )
    package.relate("word/document.xml", "rIdComments", "comments", "comments.xml")
    package.parts["word/webSettings.xml"] = package.parts["word/webSettings.xml"].replace(
        b"</w:webSettings>",
        b'<w:frameset><w:frame><w:sourceFileName r:id="rIdFrame"/></w:frame></w:frameset></w:webSettings>',
    )
    package.relate(
        "word/webSettings.xml", "rIdFrame", "frame", "http://intranet.example.org/frame.htm", external=True
    )
    package.add_part("docProps/thumbnail.png", PNG)
    package.add_default("png", "image/png")
    package.relate(
        "",
        "rIdThumb",
        "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail",
        "docProps/thumbnail.png",
    )
    package.add_part(
        "word/printerSettings/printerSettings1.bin",
        b"DEVMODE",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.printerSettings",
    )
    package.relate(
        "word/document.xml", "rIdPrinter", "printerSettings", "printerSettings/printerSettings1.bin"
    )
    document = package.xml("word/document.xml")
    sect_pr = document.find(f"{{{W}}}body/{{{W}}}sectPr")
    sect_pr.append(etree.Element(f"{{{W}}}printerSettings", {f"{{{R}}}id": "rIdPrinter"}))
    package.set_xml("word/document.xml", document)
    package.first_page_header(
        f"<w:p><w:r><w:t>{LETTERHEAD}</w:t></w:r></w:p>"
        '<w:altChunk r:id="rIdChunk"/><w:p><w:subDoc r:id="rIdSub"/></w:p>'
    )
    package.relate(
        "word/header9.xml", "rIdChunk", "aFChunk", "http://intranet.example.org/chunk.htm", external=True
    )
    package.relate(
        "word/header9.xml", "rIdSub", "subDocument", "\\\\fileserver\\share\\sub.docx", external=True
    )
    return package


HOSTILE = {
    "attached template at an http URL": lambda: attached_template("http://templates.example.org/org.dotm"),
    "attached template on a share": lambda: attached_template("file:///\\\\fileserver\\templates\\org.dotx"),
    "first-page header fields that fetch": fetching_header_fields,
    "external links": external_links,
    "embedded OLE object": ole_object,
    "ActiveX control": activex_control,
    "custom XML and properties": custom_xml_and_properties,
    "stray macro part": stray_macro_part,
    "update fields on open": update_fields_on_open,
    "parts a report does not need": extras,
}

#: Part names no export may hold, whatever the template.
FORBIDDEN_PARTS = (
    "macros.dat",
    "vbaproject",
    "embeddings/",
    "activex/",
    "customxml/",
    "docprops/custom.xml",
    # docProps/app.xml is the report's own (Inspector and its version); the template's, with its
    # HyperlinkBase, never comes through: FORBIDDEN_TEXT's "example.org" would find it.
    "docprops/thumbnail",
    "glossary/",
    "comments.xml",
    "websettings.xml",
    "printersettings",
    "unlisted.bin",
)
#: Strings no XML part of an export may hold.
FORBIDDEN_TEXT = (
    "example.org",
    "fileserver",
    "INCLUDETEXT",
    "INCLUDEPICTURE",
    "LINK Excel",
    " DDE ",
    "DDEAUTO",
    "HYPERLINK",
    "attachedTemplate",
    "linkStyles",
    "OLEObject",
    "w:control",
    "w:object",
    "dataBinding",
    "altChunk",
    "subDoc",
    "w:customXml",
    "printerSettings",
    "tracking-id-42",
    'TargetMode="External"',
    "Text fetched from the intranet",
    "From the share",
)


# -- zip bombs ---------------------------------------------------------------------------------------


MIB = 1024 * 1024


def _zeros_crc(mib: int) -> int:
    """CRC-32 of ``mib`` MiB of zeros, without computing over them: appending 1 MiB of zeros is an affine
    map of the CRC register, f(v) = L(v) ^ f(0), applied ``mib`` times (L found from 32 basis vectors)."""
    block = bytes(MIB)
    base = zlib.crc32(block, 0)
    columns = [zlib.crc32(block, 1 << bit) ^ base for bit in range(32)]
    crc = 0
    for _ in range(mib):
        value = base
        for bit in range(32):
            if crc >> bit & 1:
                value ^= columns[bit]
        crc = value
    return crc


def _zeros_stream(mib: int) -> bytes:
    """A raw Deflate stream of ``mib`` MiB of zeros, made by repeating one fully flushed block (a full flush
    resets the compressor, so every 1 MiB block compresses to the same 1,037 bytes)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(bytes(MIB)) + compressor.flush(zlib.Z_FULL_FLUSH)
    return block * mib + b"\x03\x00"  # an empty final block


@dataclass
class Member:
    name: str
    data: bytes  # as stored in the zip
    size: int  # declared uncompressed size
    crc: int
    method: int = zipfile.ZIP_DEFLATED


def zeros_member(name: str, mib: int) -> Member:
    return Member(name, _zeros_stream(mib), mib * MIB, _zeros_crc(mib))


def plain_member(name: str, data: bytes) -> Member:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    return Member(name, compressor.compress(data) + compressor.flush(), len(data), zlib.crc32(data))


def write_zip(path: Path, members: list[Member]) -> Path:
    """A zip written by hand (local headers, data, central directory), so a member can hold a Deflate
    stream made without unpacking it. Sizes stay under 4 GiB a member: no zip64 needed."""
    local = bytearray()
    directory = bytearray()
    for member in members:
        name = member.name.encode("utf-8")
        offset = len(local)
        common = struct.pack(
            "<HHHHHLLLH", 20, 0, member.method, 0, 0x21, member.crc, len(member.data), member.size, len(name)
        )
        local += b"PK\x03\x04" + common + struct.pack("<H", 0) + name + member.data
        directory += (
            b"PK\x01\x02"
            + struct.pack("<H", 20)
            + common
            + struct.pack("<HHHHLL", 0, 0, 0, 0, 0, offset)
            + name
        )
    end = b"PK\x05\x06" + struct.pack(
        "<HHHHLLH", 0, 0, len(members), len(members), len(directory), len(local), 0
    )
    path.write_bytes(bytes(local) + bytes(directory) + end)
    return path


def template_members(package: Package | None = None) -> list[Member]:
    """The bundled template's parts as zip members, to which a bomb adds its own."""
    package = package or Package.of()
    return [plain_member(name, data) for name, data in package.parts.items()]
