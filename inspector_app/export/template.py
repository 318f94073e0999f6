"""Open the Word template a report is built on, refuse what cannot be used, and lint its styles.

The bundled template (``resources/templates/report.docx``) is used unless an organisation supplies its
own .docx or .dotx. Either is opened through :func:`.package.safe_document`, which refuses zip bombs before
reading anything and keeps only what a report takes from a template — styles, numbering, theme, fonts,
page setup, headers, footers and footnote separators — leaving attached templates, external links, OLE
and ActiveX objects, custom XML and properties behind and taking out every field that fetches. Macro-enabled
files (.docm, .dotm, or any package carrying a VBA project) are refused: the export never passes macros
on to a report. A template's body text is dropped, but for a cover page placed before a paragraph that
reads ``{report}`` (its placeholders are filled by :mod:`.page_furniture`).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.document import Document

from .. import bundled
from ..domain.framework import Framework
from ..domain.text import shown
from . import styles as S
from .errors import ExportError
from .package import MAX_TEMPLATE_BYTES, macro_message, safe_document
from .scrub import kept_cover
from .style_copy import styled_name
from .xml import qn

BUNDLED_TEMPLATE = ("templates", "report.docx")
MACRO_SUFFIXES = frozenset({".docm", ".dotm"})
STANDARD = "the standard template"
_STANDARD_QUOTED = '"report.docx" (the standard template)'


@dataclass
class Template:
    document: Document
    #: The file name for messages ("org.docx"), or "the standard template".
    name: str
    bundled: bool


class StyleIndex:
    """Style ids by name, read once (python-docx looks a style up by scanning styles.xml on every call)."""

    def __init__(self, document: Document) -> None:
        self._by_name: dict[tuple[str, str], str] = {}
        for element in document.styles.element.iterfind(qn("w:style")):
            name_element = element.find(qn("w:name"))
            style_id = element.get(qn("w:styleId"))
            if name_element is None or not style_id:
                continue
            name = (name_element.get(qn("w:val")) or "").strip().lower()
            kind = element.get(qn("w:type")) or "paragraph"
            self._by_name.setdefault((name, kind), style_id)

    def find(self, name: str, kind: str = S.StyleType.PARAGRAPH) -> str | None:
        """The id of the ``kind`` style named ``name``; failing that, of the standard style copied in under
        "``name`` (``kind``)" because the template uses ``name`` for another kind (:mod:`.style_copy`)."""
        kind = str(kind)
        found = self._by_name.get((name.lower(), kind))
        if found is None:
            found = self._by_name.get((styled_name(name, kind).lower(), kind))
        return found

    def id(self, name: str, kind: str = S.StyleType.PARAGRAPH) -> str:
        style_id = self.find(name, kind)
        if style_id is None:
            raise ExportError(f'The template lacks the {kind} style "{name}".')
        return style_id


def missing_styles(document: Document, frameworks: list[Framework]) -> list[str]:
    """Names of the styles a report for ``frameworks`` needs that ``document`` lacks (or has as another
    kind of style, e.g. "Grade Good" as a paragraph style rather than a character style)."""
    index = StyleIndex(document)
    return [
        style.name for style in S.required_styles(frameworks) if index.find(style.name, style.type) is None
    ]


def load_template(path: Path | str | None) -> Template:
    """The template as a python-docx Document (body emptied). Raises ExportError with a clear sentence."""
    if path is None:
        data = safe_document(_bundled_bytes(), _STANDARD_QUOTED)
        return Template(_open(data, STANDARD), STANDARD, True)
    path = Path(path)
    quoted = f'"{shown(path.name)}"'
    if path.suffix.lower() in MACRO_SUFFIXES:
        raise ExportError(macro_message(quoted))
    data = safe_document(_read(path, quoted), quoted)
    return Template(_open(data, f"The template {quoted}"), path.name, False)


def _bundled_bytes() -> bytes:
    try:
        return bundled.resource(*BUNDLED_TEMPLATE).read_bytes()
    except OSError as error:
        raise ExportError(
            "The standard report template is missing from this installation; reinstall Inspector "
            f"or choose an organisation template ({error.strerror or error})."
        ) from error


def _read(path: Path, quoted: str) -> bytes:
    too_large = f"The template {quoted} is over {MAX_TEMPLATE_BYTES // (1024 * 1024)} MB: too large to be a Word template."
    try:
        if path.is_dir():
            raise ExportError(f"The template {quoted} is a folder, not a Word file.")
        if path.exists() and not path.is_file():
            raise ExportError(f"The template {quoted} is not an ordinary file.")  # a device, a pipe
        if path.stat().st_size > MAX_TEMPLATE_BYTES:
            raise ExportError(too_large)
        with open(path, "rb") as handle:
            data = handle.read(MAX_TEMPLATE_BYTES + 1)
        if len(data) > MAX_TEMPLATE_BYTES:
            raise ExportError(too_large)
        return data
    except FileNotFoundError:
        raise ExportError(
            f"The template {quoted} does not exist (looked for {shown(str(path), 160)})."
        ) from None
    except PermissionError:
        raise ExportError(
            f"The template {quoted} cannot be read: you do not have permission to open it."
        ) from None
    except OSError as error:
        raise ExportError(
            f"The template {quoted} cannot be read ({(error.strerror or str(error)).lower()})."
        ) from None


def _open(data: bytes, described: str) -> Document:
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # noqa: BLE001 - python-docx raises many kinds for a bad package
        subject = described[0].upper() + described[1:]
        raise ExportError(
            f"{subject} could not be opened as a Word document ({type(error).__name__}: {shown(str(error), 200)})."
        ) from None
    _clear_body(document)
    return document


def _clear_body(document: Document) -> None:
    """Drop the template's body but for a cover before a ``{report}`` paragraph (see
    :func:`.scrub.kept_cover`), which :mod:`.page_furniture` fills in."""
    body = document.element.body
    kept = kept_cover(body)
    for child in list(body):
        if child.tag != qn("w:sectPr") and not any(child is k for k in kept):
            body.remove(child)
