"""A stand-in for LibreOffice's ``soffice``, for the PDF export's tests that need not wait for the real one.

:func:`fake_soffice` writes an executable Python script that answers the two runs of
:mod:`inspector_app.export.pdf` as its ``mode`` says:

- ``"ok"``: the first start does nothing; the macro run reads the macro module put in the private profile,
  writes a small PDF where the macro would store it and "ok" in its result file — as LibreOffice does.
- ``"fail"``: prints a message and exits with status 1, writing nothing.
- ``"sleep"``: starts a child process (as LibreOffice's launcher starts soffice.bin), notes both process ids
  in ``<folder>/pids`` and sleeps for a minute — for the time limit and for cancel.

Each run appends its command line to ``<folder>/calls`` (one JSON list a line).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

#: A one-page PDF with no text: enough for "%PDF" and for a PDF reader.
SMALL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)

_SCRIPT = """#!{python}
import html, json, os, re, subprocess, sys, time
from pathlib import Path
from urllib.parse import unquote, urlparse

folder = Path({folder!r})
mode = {mode!r}
with open(folder / "calls", "a", encoding="utf-8") as calls:
    calls.write(json.dumps(sys.argv[1:]) + "\\n")

def path_of(url):
    return Path(unquote(urlparse(url).path))

if mode == "fail":
    print("Error: source file could not be loaded", file=sys.stderr)
    sys.exit(1)
if mode == "sleep":
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    (folder / "pids").write_text(f"{{os.getpid()}} {{child.pid}}", encoding="utf-8")
    time.sleep(60)
    sys.exit(0)
if "--terminate_after_init" in sys.argv:
    sys.exit(0)
profile = next(a.split("=", 1)[1] for a in sys.argv if a.startswith("-env:UserInstallation="))
module = path_of(profile) / "user" / "basic" / "Standard" / "InspectorPdf.xba"
code = html.unescape(module.read_text(encoding="utf-8"))
target = path_of(re.search(r'storeToURL\\("([^"]+)"', code).group(1))
result = path_of(re.search(r'ConvertFromURL\\("([^"]+)"\\)', code).group(1))
target.write_bytes({pdf!r})
result.write_text("ok\\n1\\n", encoding="utf-8")
"""


def fake_soffice(folder: Path, mode: str = "ok") -> Path:
    """An executable fake ``soffice`` in ``folder`` (made if missing) behaving as ``mode`` says."""
    if mode not in ("ok", "fail", "sleep"):
        raise ValueError(mode)
    if os.name != "posix":
        import pytest

        pytest.skip("the stand-in soffice is a POSIX script (a #! line, process groups, /proc)")
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "soffice"
    script.write_text(
        _SCRIPT.format(python=sys.executable, folder=str(folder), mode=mode, pdf=SMALL_PDF), encoding="utf-8"
    )
    script.chmod(0o700)
    return script


def calls(folder: Path) -> list[list[str]]:
    """The command lines the fake was run with, in order."""
    log = folder / "calls"
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


def sleeping_pids(folder: Path) -> list[int]:
    """The process ids a ``"sleep"`` fake noted (itself and its child), once it has noted them."""
    noted = folder / "pids"
    return [int(n) for n in noted.read_text(encoding="utf-8").split()] if noted.exists() else []


def alive(pid: int) -> bool:
    """Whether process ``pid`` still runs (a zombie, killed but not yet reaped, does not count)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    stat = Path(f"/proc/{pid}/stat")
    if stat.exists():
        try:
            state = stat.read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            return False
        return state not in ("Z", "X")
    return True
