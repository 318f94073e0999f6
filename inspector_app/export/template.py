"""Open the Word template a report is built on, refuse what cannot be used, and lint its styles.

The bundled template (``resources/templates/report.docx``) is used unless an organisation supplies its
own .docx or .dotx. Macro-enabled files (.docm, .dotm, or any package carrying a VBA project) are refused:
the export never passes macros on to a report. A template's body text is dropped; its styles, page setup,
numbering definitions and footnote separators are kept.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.document import Document

from .. import bundled
from ..domain.framework import Framework
from . import styles as S
from .errors import ExportError
from .xml import qn

BUNDLED_TEMPLATE = ("templates", "report.docx")
MACRO_SUFFIXES = frozenset({".docm", ".dotm"})
_CONTENT_TYPES = "[Content_Types].xml"
_TEMPLATE_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_DOCUMENT_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_MACRO_MARKERS = (b"macroEnabled", b"vbaProject")
#: Far above any real template; stops a mistaken choice (a video renamed .docx) from eating memory.
MAX_TEMPLATE_BYTES = 200 * 1024 * 1024


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
        return self._by_name.get((name.lower(), str(kind)))

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


def lint_template(path: Path | str) -> list[str]:
    """The styles a template lacks for the bundled frameworks' reports; empty when it can be used.

    Raises ExportError when the file cannot be used as a template at all (missing, not Word, macros).
    """
    try:
        template = load_template(path)
        return missing_styles(template.document, bundled.frameworks())
    except ExportError:
        raise
    except Exception as error:
        raise ExportError(
            f'The template "{Path(path).name}" could not be checked ({type(error).__name__}: {error}).'
        ) from error


def load_template(path: Path | str | None) -> Template:
    """The template as a python-docx Document (body emptied). Raises ExportError with a clear sentence."""
    if path is None:
        return Template(_open(_bundled_bytes(), "the standard template"), "the standard template", True)
    path = Path(path)
    quoted = f'"{path.name}"'
    if path.suffix.lower() in MACRO_SUFFIXES:
        raise ExportError(_macro_message(quoted))
    data = _read(path, quoted)
    return Template(_open(_as_document_package(data, quoted), f"The template {quoted}"), path.name, False)


def _macro_message(quoted: str) -> str:
    return (
        f"The template {quoted} is macro-enabled, and Inspector does not use templates that carry macros. "
        "In Word, save it as a Word Template (.dotx) or Word Document (.docx) and choose that file."
    )


def _bundled_bytes() -> bytes:
    try:
        return bundled.resource(*BUNDLED_TEMPLATE).read_bytes()
    except OSError as error:
        raise ExportError(
            "The standard report template is missing from this installation; reinstall Inspector "
            f"or choose an organisation template ({error.strerror or error})."
        ) from error


def _read(path: Path, quoted: str) -> bytes:
    try:
        if path.is_dir():
            raise ExportError(f"The template {quoted} is a folder, not a Word file.")
        size = path.stat().st_size
        if size > MAX_TEMPLATE_BYTES:
            raise ExportError(
                f"The template {quoted} is {size // (1024 * 1024)} MB: too large to be a Word template."
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise ExportError(f"The template {quoted} does not exist (looked for {path}).") from None
    except PermissionError:
        raise ExportError(
            f"The template {quoted} cannot be read: you do not have permission to open it."
        ) from None
    except OSError as error:
        raise ExportError(
            f"The template {quoted} cannot be read ({(error.strerror or str(error)).lower()})."
        ) from None


def _as_document_package(data: bytes, quoted: str) -> bytes:
    """The bytes of a .docx python-docx can open: a .dotx's main part is relabelled as a document.

    Refuses packages that carry macros whatever their file name says.
    """
    not_word = (
        f"The template {quoted} is not a Word document or template (.docx or .dotx). "
        "Choose a file saved by Word in one of those formats."
    )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            if _CONTENT_TYPES not in names:
                raise ExportError(not_word)
            content_types = archive.read(_CONTENT_TYPES)
            if any(marker in content_types for marker in _MACRO_MARKERS) or any(
                name.lower().endswith("vbaproject.bin") for name in names
            ):
                raise ExportError(_macro_message(quoted))
            if _TEMPLATE_MAIN not in content_types:
                return data
            output = io.BytesIO()
            with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as rewritten:
                for info in archive.infolist():
                    payload = archive.read(info.filename)
                    if info.filename == _CONTENT_TYPES:
                        payload = payload.replace(_TEMPLATE_MAIN, _DOCUMENT_MAIN)
                    rewritten.writestr(info, payload)
            return output.getvalue()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, KeyError):
        raise ExportError(not_word) from None


def _open(data: bytes, described: str) -> Document:
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # noqa: BLE001 - python-docx raises many kinds for a bad package
        subject = described[0].upper() + described[1:]
        raise ExportError(
            f"{subject} could not be opened as a Word document ({type(error).__name__}: {error})."
        ) from None
    _clear_body(document)
    return document


def _clear_body(document: Document) -> None:
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
