"""What the About box says: version, the licences of what Inspector is built on, and where files are kept.

Qt-free so the command line can print the same facts.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from . import APP_NAME, __version__
from .logs import log_dir
from .storage.recovery import recovery_dir

#: Runtime dependencies with the licence their authors publish (checked against the installed metadata
#: by a test); Qt itself is LGPLv3 and linked dynamically, so users may replace its libraries.
COMPONENTS = [
    ("Qt", "PySide6-Essentials", "LGPL-3.0-only (Qt for Python and the Qt libraries it includes)"),
    ("PySide6", "PySide6-Essentials", "LGPL-3.0-only"),
    ("shiboken6", "shiboken6", "LGPL-3.0-only"),
    ("pydantic", "pydantic", "MIT"),
    ("pydantic-core", "pydantic_core", "MIT"),
    ("python-docx", "python-docx", "MIT"),
    ("lxml", "lxml", "BSD-3-Clause"),
    ("platformdirs", "platformdirs", "MIT"),
    ("spylls", "spylls", "MIT"),
    ("openpyxl", "openpyxl", "MIT"),
    ("et-xmlfile", "et_xmlfile", "MIT"),
    ("pycrdt", "pycrdt", "MIT"),
    ("anyio", "anyio", "MIT"),
    ("idna", "idna", "BSD-3-Clause"),
    ("en_GB Hunspell dictionary", "", "LGPL-3.0 (see resources/dictionaries)"),
    ("typing-extensions", "typing_extensions", "PSF-2.0"),
]


@dataclass(frozen=True)
class Component:
    name: str
    version: str
    licence: str


def components() -> list[Component]:
    found = []
    for name, distribution, licence in COMPONENTS:
        if not distribution:  # bundled data, not a package
            found.append(Component(name, "", licence))
            continue
        try:
            version = metadata.version(distribution)
        except metadata.PackageNotFoundError:
            continue
        found.append(Component(name, version, licence))
    return found


def places(settings_file: Path) -> dict[str, Path]:
    return {"Settings": settings_file, "Recovery copies": recovery_dir(), "Log": log_dir()}


def about_text(settings_file: Path) -> str:
    """Plain text for the About box (and for bug reports)."""
    lines = [
        f"{APP_NAME} {__version__}",
        "Draft graded police inspection assessments, offline. No network is ever used.",
        "",
        "Built with:",
        *(f"  {c.name} {c.version} — {c.licence}".replace("  —", " —") for c in components()),
        "",
        "Qt is used under the LGPL version 3: Inspector links to it dynamically, so the Qt libraries can be",
        "replaced by other builds of the same version.",
        "",
        "Where your files are kept:",
        *(f"  {label}: {path}" for label, path in places(settings_file).items()),
        "  Backups: a hidden .<name>.backups folder beside each inspection file",
    ]
    return "\n".join(lines)
