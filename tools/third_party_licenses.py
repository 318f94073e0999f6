"""Write THIRD_PARTY_LICENSES.md: every runtime dependency of Inspector with its licence and licence text.

    python tools/third_party_licenses.py [-o FILE] [--project inspector-app]

Reads the installed packages' metadata with importlib.metadata: the project's Requires-Dist (no extras),
followed recursively, so run it in an environment where the project is installed, ideally the build venv
of packaging/build.sh (the versions then are the ones frozen into the app; build.sh and build.ps1 write
the file into the app folder). Default output: packaging/THIRD_PARTY_LICENSES.md.

Besides the Python packages it lists what a frozen build also carries (Python itself, the Qt libraries,
PyInstaller's bootloader, libraries copied from a Linux build machine, the bundled dictionaries) and
explains how a user can replace the LGPL-licensed Qt libraries. Licence texts come from the packages'
own licence files; PySide6 and shiboken6 ship none, so the LGPL v3 and GPL v3 texts come from
packaging/licenses/.
"""

from __future__ import annotations

import argparse
import importlib.metadata as metadata
import platform
import re
import sys
import sysconfig
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = ROOT / "packaging" / "THIRD_PARTY_LICENSES.md"
LICENSE_TEXTS = ROOT / "packaging" / "licenses"
#: Packages whose wheels carry no licence file, and the texts that apply (the licence they are used under).
SUPPLIED_TEXTS = {
    "pyside6-essentials": ("LGPL-3.0.txt", "GPL-3.0.txt"),
    "shiboken6": ("LGPL-3.0.txt", "GPL-3.0.txt"),
}
#: Of a choice of licences, the one Inspector uses the package under.
USED_UNDER = {
    "pyside6-essentials": "LGPL-3.0-only",
    "shiboken6": "LGPL-3.0-only",
}


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def runtime_distributions(project: str) -> list[metadata.Distribution]:
    """The installed distributions ``project`` needs at run time (Requires-Dist without extras, recursively)."""
    found: dict[str, metadata.Distribution] = {}
    pending = [(Requirement(r), "") for r in metadata.distribution(project).requires or []]
    while pending:
        requirement, extra = pending.pop()
        if requirement.marker is not None and not requirement.marker.evaluate({"extra": extra}):
            continue
        distribution = metadata.distribution(requirement.name)
        key = canonical(distribution.metadata["Name"])
        extras = requirement.extras or {""}
        if key in found and extras == {""}:
            continue
        found[key] = distribution
        for extra_name in extras:
            pending.extend((Requirement(r), extra_name) for r in distribution.requires or [])
    return sorted(found.values(), key=lambda d: canonical(d.metadata["Name"]))


def licence_of(distribution: metadata.Distribution) -> str:
    meta = distribution.metadata
    expression = meta.get("License-Expression")
    if expression:
        return expression.strip()
    text = (meta.get("License") or "").strip()
    if text and text.upper() != "UNKNOWN" and "\n" not in text and len(text) <= 80:
        return text
    classifiers = [
        c.split(" :: ")[-1] for c in meta.get_all("Classifier") or [] if c.startswith("License ::")
    ]
    return "; ".join(classifiers) or "see the licence text"


def home_page(distribution: metadata.Distribution) -> str:
    meta = distribution.metadata
    urls = {}
    for entry in meta.get_all("Project-URL") or []:
        label, _, url = entry.partition(",")
        urls[label.strip().lower()] = url.strip()
    for label in ("homepage", "home", "source", "source code", "repository", "documentation"):
        if label in urls:
            return urls[label]
    return (meta.get("Home-page") or "").strip() or (next(iter(urls.values()), ""))


def licence_texts(distribution: metadata.Distribution) -> list[tuple[str, str]]:
    """(file name, text) of the distribution's licence files, or of the texts supplied for it."""
    texts = []
    for name in distribution.metadata.get_all("License-File") or []:
        text = distribution.read_text(f"licenses/{name}") or distribution.read_text(name)
        if text:
            texts.append((name, text))
    if not texts:  # older metadata without License-File: the usual names in the .dist-info folder
        for file in distribution.files or []:
            if (
                len(file.parts) == 2
                and file.parts[0].endswith(".dist-info")
                and file.name.upper().startswith(("LICENSE", "LICENCE", "COPYING", "NOTICE"))
            ):
                texts.append((file.name, file.read_text(encoding="utf-8")))
    if not texts:
        for name in SUPPLIED_TEXTS.get(canonical(distribution.metadata["Name"]), ()):
            texts.append((name, (LICENSE_TEXTS / name).read_text(encoding="utf-8")))
    return texts


def _version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def _python_licence() -> str | None:
    path = Path(sysconfig.get_paths()["stdlib"]) / "LICENSE.txt"
    return path.read_text(encoding="utf-8", errors="replace") if path.is_file() else None


def _fenced(text: str) -> str:
    return "````text\n" + text.rstrip() + "\n````\n"


def render(project: str) -> str:
    distributions = runtime_distributions(project)
    project_version = metadata.version(project)
    python_version = platform.python_version()
    qt_version = _version("PySide6-Essentials") or _version("PySide6") or "6"
    pyinstaller_version = _version("pyinstaller")
    lines = [
        "# Third-party software in Inspector",
        "",
        f"Inspector {project_version} uses the software below. This file is generated by",
        (
            "`tools/third_party_licenses.py` from the installed packages' metadata "
            f"(Python {python_version}); do not edit it by hand."
        ),
        (
            "A built app carries its own copy, written by `packaging/build.sh` or `packaging/build.ps1` "
            "from the build environment."
        ),
        "",
        "## Python packages",
        "",
        "| package | version | licence | home page |",
        "| --- | --- | --- | --- |",
    ]
    for distribution in distributions:
        name = distribution.metadata["Name"]
        licence = licence_of(distribution)
        used = USED_UNDER.get(canonical(name))
        if used:
            licence = f"{licence} (used under {used})"
        lines.append(f"| {name} | {distribution.version} | {licence} | {home_page(distribution)} |")
    bootloader = f"PyInstaller {pyinstaller_version}" if pyinstaller_version else "PyInstaller"
    lines += [
        "",
        "## Also in a built app (packaging/pyinstaller)",
        "",
        f"* **Python {python_version}**: PSF-2.0 (Python Software Foundation License Version 2; text below).",
        f"* **Qt {qt_version}** libraries and plugins, inside PySide6 (`_internal/PySide6`): LGPL-3.0-only, with",
        "  the components Qt itself bundles (ICU, HarfBuzz, PCRE2, libpng, zlib, md4c and others, each under",
        "  its own permissive licence) listed in *Licenses Used in Qt*: https://doc.qt.io/qt-6/licenses-used-in-qt.html",
        f"* **{bootloader} bootloader** (the executables' start-up code): GPL-2.0-or-later WITH",
        "  Bootloader-exception, which allows distributing the built app under any terms. See",
        "  https://github.com/pyinstaller/pyinstaller/blob/develop/COPYING.txt",
        "* **Linux builds** also copy shared libraries from the build machine into `_internal` (the X11 and",
        "  XCB libraries: MIT; GLib: LGPL-2.1-or-later; libstdc++ and libgcc_s: GPL-3.0 with the GCC Runtime",
        "  Library Exception; OpenSSL 3: Apache-2.0; libffi, expat, zlib, zstd, xz, bzip2, PCRE2, FreeType,",
        "  Fontconfig, D-Bus, libsystemd and their dependencies: permissive or LGPL). Their exact licences",
        "  are those of the build distribution's packages (`/usr/share/doc/<package>/copyright` on Debian).",
        "* **Data**: the British English Hunspell dictionary (LGPL; `inspector_app/resources/dictionaries/",
        "  README_en_GB.txt` with the LGPL and GPL texts beside it) and the US/UK spelling list derived from",
        "  SCOWL (`SCOWL-LICENSE.txt` there).",
        "",
        "## Replacing the Qt libraries (LGPL-3.0)",
        "",
        "Qt and PySide6 are linked dynamically and stay separate, unmodified files in the one-folder app, so",
        "anyone may replace them with their own build of the same Qt and PySide6 version (or a",
        "binary-compatible later 6.x):",
        "",
        "* Windows: `_internal\\PySide6\\Qt6*.dll`, `_internal\\PySide6\\*.pyd`, `_internal\\shiboken6\\` and",
        "  the plugins in `_internal\\PySide6\\plugins\\`;",
        "* Linux: `_internal/PySide6/Qt/lib/libQt6*.so.6` (the `_internal/libQt6*.so.6` entries are links to",
        "  them), `_internal/PySide6/*.abi3.so` and `_internal/PySide6/Qt/plugins/`;",
        "* macOS: the corresponding files inside `Inspector.app/Contents/Frameworks/`.",
        "",
        "Replace the files and start Inspector again; nothing else refers to them by checksum. The source",
        f"code of Qt and PySide6 {qt_version} is published at https://download.qt.io/official_releases/QtForPython/",
        "(pyside-setup-everywhere-src) and https://download.qt.io/official_releases/qt/ (qtbase and the other",
        "modules); ask the organisation that gave you Inspector for the copy kept with this release.",
        "",
        "## Licence texts",
        "",
    ]
    shared_texts: dict[str, list[str]] = {}
    for distribution in distributions:
        name = distribution.metadata["Name"]
        for file_name, text in licence_texts(distribution):
            if canonical(name) in SUPPLIED_TEXTS:
                shared_texts.setdefault(file_name, []).append(f"{name} {distribution.version}")
                continue
            lines += [f"### {name} {distribution.version}: {file_name}", "", _fenced(text)]
    for file_name, users in shared_texts.items():
        title = {
            "LGPL-3.0.txt": "GNU Lesser General Public License v3",
            "GPL-3.0.txt": "GNU General Public License v3",
        }
        lines += [f"### {title.get(file_name, file_name)} ({', '.join(users)}, Qt {qt_version})", "",
                  _fenced((LICENSE_TEXTS / file_name).read_text(encoding="utf-8"))]  # fmt: skip
    python_licence = _python_licence()
    if python_licence:
        lines += [f"### Python {python_version}: LICENSE.txt", "", _fenced(python_licence)]
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT, help="the file to write")
    parser.add_argument(
        "--project", default="inspector-app", help="the installed project (default inspector-app)"
    )
    args = parser.parse_args(argv)
    text = render(args.project)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8", newline="\n")
    count = text.split("## Python packages", 1)[1].split("##", 1)[0].count("\n| ") - 2
    print(f"Wrote {args.output}: {count} packages", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
