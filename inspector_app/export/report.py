"""The public entry points: ``export_report`` and ``lint_template``.

The report is built in memory and written with :func:`~inspector_app.storage.atomic.atomic_write_bytes`,
so the file on disk is either the previous report, untouched, or the whole new one. Every failure leaves
as an :class:`ExportError` whose message is one clear sentence or two for an inspector.
"""

from __future__ import annotations

import errno
import io
from collections.abc import Callable
from pathlib import Path

from ..domain.framework import Framework
from ..domain.inspection import Inspection
from ..domain.text import shown
from ..storage.atomic import atomic_write_bytes
from . import styles as S
from .docx_writer import PROGRESS_STEPS, DocxWriter
from .errors import ExportError
from .house_style import add_grade_style
from .layouts import build_outline
from .style_copy import copy_missing_styles, copy_warnings
from .template import StyleIndex, Template, load_template, missing_styles
from .template_lint import lint_template

__all__ = [
    "ExportError",
    "ProgressCallback",
    "WarningCallback",
    "build_report",
    "export_report",
    "lint_template",
]

ProgressCallback = Callable[[int, int], None]
#: Told each thing worth knowing about the export that did not stop it (styles copied into the template).
WarningCallback = Callable[[str], None]
DOCX_SUFFIX = ".docx"
#: How much of a folder's path a message quotes (its start and its end).
PATH_LIMIT = 160


def export_report(
    inspection: Inspection,
    output_path: Path | str,
    *,
    template: Path | str | None = None,
    evidence_annex: bool = False,
    progress: ProgressCallback | None = None,
    strict: bool = False,
    warn: WarningCallback | None = None,
    update_fields: bool = True,
) -> Path:
    """Write ``inspection`` as a Word report to ``output_path`` (".docx" is added if missing).

    ``template``: an organisation's .docx/.dotx whose styles the report uses (default: the bundled one).
    ``evidence_annex``: add "Annex: Evidence" listing the evidence by question.
    ``progress(done, total)``: called as the report is built, for a progress bar; it may raise
    ExportError (e.g. "Export cancelled.") to stop the export, which then writes nothing.
    ``strict``: refuse (ExportError naming the first few places, nothing written) while the text the
    report prints may contain personal data (:func:`~inspector_app.domain.checks.personal_data_findings`).
    ``warn(message)``: told what the export did that the user may want to know (the styles an
    organisation's template lacks, copied from the standard template).
    ``update_fields``: ask Word to update the fields when it opens the report, so the contents get their
    page numbers (Word then asks first whether to update "fields that may refer to other files"); False
    leaves the contents as written, without page numbers, until the reader updates them.
    Returns the path written. Raises ExportError; the existing file is never left half-written.
    """
    output = _output_path(output_path)
    existed = False
    try:
        existed = output.exists()
        if output.is_dir():
            raise ExportError(
                f'Cannot write "{shown(output.name)}": {shown(str(output), PATH_LIMIT)} is a folder. '
                "Choose a file name for the report."
            )
        if strict:
            _refuse_personal_data(inspection, evidence_annex, existed)
        data = _build(inspection, template, evidence_annex, progress, warn, update_fields=update_fields)
    except ExportError:
        raise
    except Exception as error:
        raise ExportError(_unexpected(error, existed)) from error
    try:
        atomic_write_bytes(output, data)
    except OSError as error:
        raise ExportError(write_failure_message(output, error, existed)) from error
    except Exception as error:
        raise ExportError(_unexpected(error, existed)) from error
    return output


def _refuse_personal_data(inspection: Inspection, evidence_annex: bool, existed: bool) -> None:
    from ..domain.checks import personal_data_findings, personal_data_message

    findings = personal_data_findings(inspection, evidence_annex=evidence_annex)
    if findings:
        tail = " The existing file has not been changed." if existed else " No file was written."
        raise ExportError(personal_data_message(findings) + tail)


def build_report(
    inspection: Inspection,
    *,
    template: Path | str | None = None,
    evidence_annex: bool = False,
    progress: ProgressCallback | None = None,
    warn: WarningCallback | None = None,
    update_fields: bool = True,
) -> bytes:
    """The bytes of the .docx report (nothing is written to disk). Raises ExportError."""
    try:
        return _build(inspection, template, evidence_annex, progress, warn, update_fields=update_fields)
    except ExportError:
        raise
    except Exception as error:
        raise ExportError(_unexpected(error, None)) from error


def _build(
    inspection: Inspection,
    template: Path | str | None,
    evidence_annex: bool,
    progress: ProgressCallback | None,
    warn: WarningCallback | None = None,
    *,
    update_fields: bool = True,
) -> bytes:
    try:
        inspection.check_integrity()
    except ValueError as error:
        raise ExportError(
            f"The inspection cannot be exported because its data is inconsistent: {error}."
        ) from error
    framework = inspection.framework
    outline = build_outline(inspection, evidence_annex=evidence_annex)

    loaded = load_template(template)
    document = loaded.document
    _complete_styles(loaded, framework, warn)

    writer = DocxWriter(document, StyleIndex(document))
    total = PROGRESS_STEPS + 2
    done = 0

    def step() -> None:
        nonlocal done
        done = min(done + 1, total - 1)
        if progress is not None:
            progress(done, total)

    if progress is not None:
        progress(0, total)
    step()  # the template is open
    writer.render(outline, step)
    writer.finish(update_fields=update_fields)
    buffer = io.BytesIO()
    document.save(buffer)
    if progress is not None:
        progress(total, total)
    return buffer.getvalue()


def _complete_styles(loaded: Template, framework: Framework, warn: WarningCallback | None) -> None:
    """Give the template every style the report uses: those an organisation's template lacks are copied
    from the standard template (and said through ``warn``); a grade neither knows (a framework edited
    since the standard template was made) is added in the house style."""
    document = loaded.document
    if not loaded.bundled and missing_styles(document, [framework]):
        copied = copy_missing_styles(document, load_template(None).document, S.required_styles([framework]))
        if warn is not None:
            for line in copy_warnings(copied, loaded.name):
                warn(line)
    missing = missing_styles(document, [framework])
    for grade in framework.scale.grades:
        if S.grade_style_name(grade.label) in missing:
            add_grade_style(document, S.grade_style_name(grade.label), grade.colour, grade.text_colour)
    missing = missing_styles(document, [framework])
    if missing:  # the standard template lacks one of its own styles: a broken installation
        supply = "" if loaded.bundled else ", and the standard template cannot supply them"
        raise ExportError(
            f"{_subject(loaded.name, loaded.bundled)} lacks these styles{supply}: {', '.join(missing)}. "
            "Reinstall Inspector."
        )


def _subject(name: str, is_bundled: bool) -> str:
    return "The standard template" if is_bundled else f'The template "{shown(name)}"'


def _output_path(output_path: Path | str) -> Path:
    output = Path(output_path)
    if output.suffix.lower() != DOCX_SUFFIX:
        output = output.with_name(output.name + DOCX_SUFFIX)
    return output


def _unexpected(error: Exception, existed: bool | None) -> str:
    tail = (
        ""
        if existed is None
        else (" The existing file has not been changed." if existed else " No file was written.")
    )
    if isinstance(error, MemoryError):
        return (
            "The report is too large to build in the memory available; close other programs and try again."
            + tail
        )
    return (
        f"The report could not be made because of an unexpected problem ({type(error).__name__}: "
        f"{shown(str(error), 200)}). "
        "Please report this to the Inspector support team." + tail
    )


def write_failure_message(path: Path, error: OSError, existed: bool) -> str:
    """One clear message for a failed write, by cause; says the old file is untouched."""
    name = f'"{shown(path.name)}"'
    folder = f'"{shown(str(path.parent), PATH_LIMIT)}"'
    tail = "The existing file has not been changed." if existed else "No file was written."
    code = error.errno
    if code in (errno.EACCES, errno.EPERM, errno.EBUSY, errno.ETXTBSY):
        if existed:
            return (
                f"Cannot write {name}: it may be open in Word — close it in Word and try again "
                f"(or the folder {folder} may be read-only: then choose another folder). {tail}"
            )
        return f"Cannot write {name}: you do not have permission to write to the folder {folder}. Choose another folder. {tail}"
    if code == errno.ENOSPC or code == getattr(errno, "EDQUOT", -1):
        return f"Cannot write {name}: the disk is full. Free some space or choose another disk, then try again. {tail}"
    if code == errno.EROFS:
        return (
            f"Cannot write {name}: the folder {folder} is on a read-only disk. Choose another folder. {tail}"
        )
    if code == errno.ENOENT:
        return (
            f"Cannot write {name}: the folder {folder} does not exist (was a USB stick or network drive "
            f"disconnected?). Choose another folder. {tail}"
        )
    if code == errno.EISDIR:
        return f"Cannot write {name}: it is a folder. Choose a file name for the report. {tail}"
    if code == errno.ENAMETOOLONG:
        return f"Cannot write {name}: the file name or folder path is too long. Choose a shorter name. {tail}"
    reason = (error.strerror or str(error)).lower() if code else str(error)
    return f"Cannot write {name} ({reason}). {tail}"
