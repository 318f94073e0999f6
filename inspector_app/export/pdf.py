"""The report as a PDF, made by LibreOffice from the Word export, with the contents' page numbers filled.

``soffice --convert-to pdf`` prints a Word file's table of contents as it finds it: Inspector writes the
contents' headings without page numbers (Word fills them when it updates the field), so a plain conversion
prints a contents page without them. Here LibreOffice runs a small Basic macro instead, which opens the
report hidden, updates every index of the document (``getDocumentIndexes()``, each ``update()``, twice so
that page numbers stand once the contents have their final length), refreshes the fields (page numbers in
the footer), and stores it with the ``writer_pdf_Export`` filter (tagged, with the headings as bookmarks).

LibreOffice runs headless with a private profile made for this one export in a temporary folder
(``-env:UserInstallation=file:///…``), so it never meets a LibreOffice the user has open, and is given a
time limit. The macro lives in that profile (macros of one's own profile are trusted, so no security
setting is touched); a first start with ``--terminate_after_init`` lays the profile out before the macro is
put in, since LibreOffice's first start copies its presets over the profile's Basic libraries. Nothing goes
on the network: the report has no link to anything outside it (see :mod:`.package`), it is opened with
``UpdateDocMode.NO_UPDATE`` and ``MacroExecMode.NEVER_EXECUTE``, and the profile turns off the check for
updates.

The PDF is written like every export (:func:`~inspector_app.storage.atomic.atomic_write_bytes`): the old
file stays whole until the new one replaces it, and a new file is private to the user (0600). Every failure
is an :class:`~.errors.ExportError` with one plain sentence; :class:`~.errors.ExportCancelled` when the
caller's ``cancelled()`` said stop (LibreOffice is killed at once, with the processes it started).
"""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from ..domain.text import shown
from ..storage.atomic import atomic_write_bytes
from .errors import ExportCancelled, ExportError

if TYPE_CHECKING:
    from ..domain.inspection import Inspection

__all__ = [
    "DEFAULT_TIMEOUT",
    "NOT_INSTALLED",
    "SOFFICE_ENV",
    "convert_docx_to_pdf",
    "export_pdf",
    "find_soffice",
    "libreoffice_available",
]

PDF_SUFFIX = ".pdf"
#: An environment variable naming the LibreOffice program to use (IT may install it somewhere unusual).
SOFFICE_ENV = "INSPECTOR_SOFFICE"
#: Seconds LibreOffice may take, from its start to the PDF written, before it is stopped.
DEFAULT_TIMEOUT = 300.0
#: How often a running conversion looks whether it was cancelled or ran out of time.
POLL_SECONDS = 0.1
#: Characters of LibreOffice's own message quoted in a failure.
MESSAGE_LIMIT = 300
PATH_LIMIT = 160

NOT_INSTALLED = (
    "Export to PDF needs LibreOffice, which is not installed on this computer. "
    "Export to Word instead, or install LibreOffice from libreoffice.org."
)

ProgressCallback = Callable[[int, int], None]
Cancelled = Callable[[], bool]

# -- finding LibreOffice ----------------------------------------------------------------------------------

#: Where LibreOffice installs itself when it is not on PATH: Linux packages and the libreoffice.org
#: tarballs (/opt/libreofficeX.Y), macOS's app bundle, Windows' Program Files.
_POSIX_PLACES = (
    "/usr/bin/soffice",
    "/usr/bin/libreoffice",
    "/usr/lib/libreoffice/program/soffice",
    "/usr/lib64/libreoffice/program/soffice",
    "/usr/local/bin/soffice",
    "/usr/local/lib/libreoffice/program/soffice",
    "/opt/libreoffice/program/soffice",
    "/opt/libreoffice*/program/soffice",
    "/usr/local/opt/libreoffice/program/soffice",
)
_MAC_PLACES = (
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    "~/Applications/LibreOffice.app/Contents/MacOS/soffice",
)
_WINDOWS_FOLDERS = ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)", "LOCALAPPDATA")


def find_soffice(environ: Mapping[str, str] | None = None, platform: str | None = None) -> Path | None:
    """The LibreOffice program (``soffice``), or None when it is not installed.

    Looks at ``$INSPECTOR_SOFFICE`` first, then the ``PATH`` (``soffice``, then ``libreoffice``), then the
    places LibreOffice installs itself on ``platform`` (default: this one's ``sys.platform``).
    """
    env = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    named = env.get(SOFFICE_ENV, "").strip()
    if named:
        found = _program(Path(named).expanduser()) or _on_path(named, env)
        if found is not None:
            return found
    for name in ("soffice", "libreoffice"):
        found = _on_path(name, env)
        if found is not None:
            return found
    for candidate in _install_places(env, platform):
        found = _program(candidate)
        if found is not None:
            return found
    return None


def libreoffice_available() -> bool:
    """Whether :func:`export_pdf` can run on this computer."""
    return find_soffice() is not None


def _on_path(name: str, env: Mapping[str, str]) -> Path | None:
    found = shutil.which(name, path=env.get("PATH", os.defpath))
    return Path(found) if found else None


def _program(path: Path) -> Path | None:
    return path if path.is_file() and os.access(path, os.X_OK) else None


def _install_places(env: Mapping[str, str], platform: str) -> list[Path]:
    if platform.startswith("win"):
        folders = [env[name] for name in _WINDOWS_FOLDERS if env.get(name)]
        return [
            Path(folder) / sub / "program" / "soffice.exe"
            for folder in dict.fromkeys(folders)
            for sub in ("LibreOffice", "Programs/LibreOffice")
        ]
    places = list(_MAC_PLACES) if platform == "darwin" else []
    places.extend(_POSIX_PLACES)
    home = env.get("HOME") or str(Path.home())
    found: list[Path] = []
    for place in places:
        place = place.replace("~", home, 1) if place.startswith("~") else place
        if "*" in place:
            found.extend(Path(p) for p in sorted(glob.glob(place), reverse=True))  # the newest version first
        else:
            found.append(Path(place))
    return found


# -- the macro LibreOffice runs -----------------------------------------------------------------------------

_MODULE = "InspectorPdf"
_MACRO = f"macro:///Standard.{_MODULE}.Export"

_LIBRARIES = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:libraries PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "libraries.dtd">
<library:libraries xmlns:library="http://openoffice.org/2000/library" xmlns:xlink="http://www.w3.org/1999/xlink">
 <library:library library:name="Standard" library:link="false"/>
</library:libraries>
"""
_LIBRARY = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:library PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "library.dtd">
<library:library xmlns:library="http://openoffice.org/2000/library" library:name="Standard" \
library:readonly="false" library:passwordprotected="false">{elements}</library:library>
"""
_MODULE_FILE = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="{name}" \
script:language="StarBasic">{code}</script:module>
"""

#: The Basic macro: open the report hidden, update its indexes and fields, store the PDF, say how it went
#: in the result file, and quit. SOURCE, TARGET and RESULT are file URLs (percent-encoded: no quotes).
_BASIC = """Option Explicit

Sub Export
    Dim doc As Object
    Dim pass As Integer
    Dim i As Integer
    On Error GoTo Failed
    Dim load(3) As New com.sun.star.beans.PropertyValue
    load(0).Name = "Hidden" : load(0).Value = True
    load(1).Name = "UpdateDocMode" : load(1).Value = com.sun.star.document.UpdateDocMode.NO_UPDATE
    load(2).Name = "MacroExecutionMode" : load(2).Value = com.sun.star.document.MacroExecMode.NEVER_EXECUTE
    load(3).Name = "FilterName" : load(3).Value = "MS Word 2007 XML"
    doc = StarDesktop.loadComponentFromURL("{source}", "_blank", 0, load())
    If IsNull(doc) Then
        Report("error" & Chr(10) & "it could not open the Word report")
        StarDesktop.terminate()
        Exit Sub
    End If
    For pass = 1 To 2
        For i = 0 To doc.getDocumentIndexes().getCount() - 1
            doc.getDocumentIndexes().getByIndex(i).update()
        Next i
        doc.getTextFields().refresh()
    Next pass
    Dim options(1) As New com.sun.star.beans.PropertyValue
    options(0).Name = "UseTaggedPDF" : options(0).Value = True
    options(1).Name = "ExportBookmarks" : options(1).Value = True
    Dim store(1) As New com.sun.star.beans.PropertyValue
    store(0).Name = "FilterName" : store(0).Value = "writer_pdf_Export"
    store(1).Name = "FilterData" : store(1).Value = options()
    doc.storeToURL("{target}", store())
    i = doc.getDocumentIndexes().getCount()
    doc.close(True)
    Report("ok" & Chr(10) & i)
    StarDesktop.terminate()
    Exit Sub
Failed:
    Report("error" & Chr(10) & Error$)
    On Error Resume Next
    If Not IsNull(doc) Then doc.close(True)
    StarDesktop.terminate()
End Sub

Sub Report(text As String)
    Dim n As Integer
    On Error Resume Next
    n = FreeFile
    Open ConvertFromURL("{result}") For Output As #n
    Print #n, text
    Close #n
End Sub
"""

#: The profile's settings: no check for updates (the one thing that would reach the network on its own).
_REGISTRY = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Jobs/Jobs/org.openoffice.Office.Jobs:Job['UpdateCheck']/Arguments">\
<prop oor:name="AutoCheckEnabled" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="FirstRun" oor:op="fuse">\
<value>false</value></prop></item>
</oor:items>
"""


def basic_module(source: str, target: str, result: str) -> str:
    """The macro module's file (XML) for these three file URLs."""
    for url in (source, target, result):
        if '"' in url or "\n" in url:  # a file URL is percent-encoded; this would break the Basic string
            raise ValueError(f"not a percent-encoded file URL: {url!r}")
    code = _BASIC.replace("{source}", source).replace("{target}", target).replace("{result}", result)
    return _MODULE_FILE.format(name=_MODULE, code=escape(code))


def _write_macro(profile: Path, source: str, target: str, result: str) -> None:
    basic = profile / "user" / "basic"
    standard = basic / "Standard"
    standard.mkdir(parents=True, exist_ok=True)
    (basic / "script.xlc").write_text(_LIBRARIES, encoding="utf-8")
    (basic / "dialog.xlc").write_text(_LIBRARIES, encoding="utf-8")
    element = f'\n <library:element library:name="{_MODULE}"/>\n'
    (standard / "script.xlb").write_text(_LIBRARY.format(elements=element), encoding="utf-8")
    (standard / "dialog.xlb").write_text(_LIBRARY.format(elements=""), encoding="utf-8")
    (standard / f"{_MODULE}.xba").write_text(basic_module(source, target, result), encoding="utf-8")


def soffice_command(soffice: Path, profile: Path, *last: str) -> list[str]:
    """The command line of one LibreOffice run with the private ``profile``."""
    return [
        str(soffice),
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--invisible",
        "--nologo",
        "--nodefault",
        "--norestore",
        "--nolockcheck",
        *last,
    ]


# -- converting -------------------------------------------------------------------------------------------


class _Stopped(Exception):
    """LibreOffice was stopped: ``reason`` is "cancelled" or "timeout"."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def convert_docx_to_pdf(
    docx: bytes,
    output_path: Path | str,
    *,
    soffice: Path | str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    cancelled: Cancelled | None = None,
) -> Path:
    """Write the Word report ``docx`` (its bytes) as a PDF to ``output_path`` (".pdf" added if missing).

    ``soffice``: the LibreOffice program (default: :func:`find_soffice`). ``timeout``: seconds before
    LibreOffice is stopped. ``cancelled()``: polled while LibreOffice works, and once more just before the
    PDF is written; True stops it and raises ExportCancelled (nothing written). Returns the path written.
    Raises ExportError; the existing file is never half-written.
    """
    output = pdf_output_path(output_path)
    existed = output.exists()
    tail = _tail(existed)
    _refuse_folder(output, tail)
    program = Path(soffice) if soffice is not None else find_soffice()
    if program is None:
        raise ExportError(NOT_INSTALLED)
    # A LibreOffice just killed may still hold a file of its profile open (Windows): what cannot be removed
    # now is left to the system's cleaning of temporary files, never reported over the export's outcome.
    with tempfile.TemporaryDirectory(prefix="inspector-pdf-", ignore_cleanup_errors=True) as work_name:
        work = Path(work_name)
        data = _convert(program, docx, work, timeout, cancelled, tail)
    if cancelled is not None and cancelled():  # asked while the PDF was read back: still nothing written
        raise ExportCancelled(f"Export cancelled. {tail}")
    try:
        atomic_write_bytes(output, data)
    except OSError as error:
        raise ExportError(pdf_write_failure_message(output, error, existed)) from error
    return output


def _refuse_folder(output: Path, tail: str) -> None:
    if output.is_dir():
        raise ExportError(
            f'Cannot write "{shown(output.name)}": {shown(str(output), PATH_LIMIT)} is a folder. '
            f"Choose a file name for the report. {tail}"
        )


def _convert(
    program: Path, docx: bytes, work: Path, timeout: float, cancelled: Cancelled | None, tail: str
) -> bytes:
    profile = work / "profile"
    source, target, result = work / "report.docx", work / "report.pdf", work / "result.txt"
    source.write_bytes(docx)
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(_REGISTRY, encoding="utf-8")
    deadline = time.monotonic() + timeout
    try:
        # The first start lays out the new profile (and copies LibreOffice's own Basic presets into it).
        _run(soffice_command(program, profile, "--terminate_after_init"), work, deadline, cancelled)
        _write_macro(profile, source.as_uri(), target.as_uri(), result.as_uri())
        code, output = _run(soffice_command(program, profile, _MACRO), work, deadline, cancelled)
    except _Stopped as stopped:
        if stopped.reason == "cancelled":
            raise ExportCancelled(f"Export cancelled. {tail}") from None
        raise ExportError(
            f"LibreOffice took longer than {_duration(timeout)} to make the PDF and was stopped. "
            f"Try again, or export to Word instead. {tail}"
        ) from None
    except OSError as error:
        raise ExportError(
            f"LibreOffice could not be started ({shown(error.strerror or str(error), MESSAGE_LIMIT)}). "
            f"Export to Word instead, or reinstall LibreOffice. {tail}"
        ) from error
    status, _, detail = _read_result(result).partition("\n")
    if status == "ok" and target.is_file():
        data = target.read_bytes()
        if data.startswith(b"%PDF"):
            return data
        detail = "what it wrote is not a PDF"
    elif status == "ok":
        detail = "it wrote no PDF"
    elif status != "error":
        detail = _last_line(output) or (f"it stopped with exit status {code}" if code else "it made no PDF")
    reason = " ".join(detail.split()).rstrip(".") or "no reason given"  # its message, on one line
    raise ExportError(
        f"LibreOffice could not make the PDF: {shown(reason, MESSAGE_LIMIT)}. Export to Word instead. {tail}"
    )


def _run(command: Sequence[str], work: Path, deadline: float, cancelled: Cancelled | None) -> tuple[int, str]:
    """Run ``command`` in ``work`` until it ends, ``deadline`` passes or ``cancelled()`` says stop (then it
    is killed with every process it started). Returns the exit status and what it printed."""
    log = work / "soffice.log"
    options: dict[str, object] = {}
    if sys.platform == "win32":
        options["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP | subprocess.CREATE_NO_WINDOW
    else:
        options["start_new_session"] = True  # its own process group: a kill reaches soffice.bin too
    with log.open("ab") as sink:
        process = subprocess.Popen(  # a fixed command line, no shell
            list(command),
            cwd=work,
            stdin=subprocess.DEVNULL,
            stdout=sink,
            stderr=subprocess.STDOUT,
            **options,  # type: ignore[call-overload]
        )
        try:
            while True:
                try:
                    code = process.wait(timeout=POLL_SECONDS)
                    break
                except subprocess.TimeoutExpired:
                    if cancelled is not None and cancelled():
                        raise _Stopped("cancelled") from None
                    if time.monotonic() >= deadline:
                        raise _Stopped("timeout") from None
        except BaseException:
            _kill(process)
            raise
    return int(code), log.read_text(encoding="utf-8", errors="replace")


def _kill(process: subprocess.Popen[bytes]) -> None:
    """Kill ``process`` and what it started (LibreOffice's launcher starts soffice.bin), then reap it."""
    if process.poll() is None:
        if sys.platform == "win32":
            with contextlib.suppress(OSError, subprocess.SubprocessError):
                subprocess.run(  # Windows' own tool, for the whole process tree
                    ["taskkill", "/F", "/T", "/PID", str(process.pid)],
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    timeout=10,
                    creationflags=subprocess.CREATE_NO_WINDOW,
                )
        else:
            with contextlib.suppress(OSError):
                os.killpg(process.pid, signal.SIGKILL)
        with contextlib.suppress(OSError):
            process.kill()
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=10)


def _read_result(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n").strip("\n")
    except OSError:
        return ""


def _last_line(text: str) -> str:
    lines = [
        line.strip()
        for line in text.splitlines()
        if line.strip() and "javaldx" not in line  # LibreOffice's harmless note when Java is absent
    ]
    return lines[-1] if lines else ""


def _duration(seconds: float) -> str:
    if seconds >= 120:
        return f"{round(seconds / 60)} minutes"
    whole = max(1, round(seconds))  # a limit under a second is said as "1 second", never "0 seconds"
    return f"{whole} second{'' if whole == 1 else 's'}"


def _tail(existed: bool) -> str:
    return "The existing file has not been changed." if existed else "No file was written."


def pdf_output_path(output_path: Path | str) -> Path:
    output = Path(output_path)
    if output.suffix.lower() != PDF_SUFFIX:
        output = output.with_name(output.name + PDF_SUFFIX)
    return output


def pdf_write_failure_message(path: Path, error: OSError, existed: bool) -> str:
    """Like the Word export's message for a failed write, but a PDF is held open by a PDF reader."""
    if existed and error.errno in (errno.EACCES, errno.EPERM, errno.EBUSY, errno.ETXTBSY):
        return (
            f'Cannot write "{shown(path.name)}": it may be open in a PDF reader — close it there and try '
            f'again (or the folder "{shown(str(path.parent), PATH_LIMIT)}" may be read-only: then choose '
            f"another folder). {_tail(existed)}"
        )
    from .report import write_failure_message

    return write_failure_message(path, error, existed)


# -- the report as a PDF ------------------------------------------------------------------------------------


def export_pdf(
    inspection: Inspection,
    output_path: Path | str,
    *,
    template: Path | str | None = None,
    evidence_annex: bool = False,
    progress: ProgressCallback | None = None,
    strict: bool = False,
    warn: Callable[[str], None] | None = None,
    cancelled: Cancelled | None = None,
    soffice: Path | str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> Path:
    """Write ``inspection``'s report as a PDF to ``output_path`` (".pdf" added if missing), through the
    Word report and LibreOffice, with the contents' page numbers filled.

    ``template``, ``evidence_annex``, ``strict`` and ``warn`` as for :func:`~.report.export_report`.
    ``progress(done, total)`` follows the Word report being built, then is called with (0, 0) — busy, no
    steps to count — while LibreOffice works. ``cancelled()`` is polled throughout; True stops the export
    (ExportCancelled, nothing written). Raises ExportError ("needs LibreOffice" when it is not installed,
    found before anything is built).
    """
    output = pdf_output_path(output_path)
    program = Path(soffice) if soffice is not None else find_soffice()
    if program is None:
        raise ExportError(NOT_INSTALLED)
    from .report import _refuse_personal_data, build_report

    existed = output.exists()
    _refuse_folder(output, _tail(existed))  # said before the report is built, not after
    if strict:
        _refuse_personal_data(inspection, evidence_annex, existed)

    def building(done: int, total: int) -> None:
        if cancelled is not None and cancelled():
            raise ExportCancelled(f"Export cancelled. {_tail(existed)}")
        if progress is not None:
            progress(done, total)

    # No request to update fields: LibreOffice fills the contents, and a PDF reader never asks.
    docx = build_report(
        inspection,
        template=template,
        evidence_annex=evidence_annex,
        progress=building,
        warn=warn,
        update_fields=False,
    )
    if progress is not None:
        progress(0, 0)
    return convert_docx_to_pdf(docx, output, soffice=program, timeout=timeout, cancelled=cancelled)
