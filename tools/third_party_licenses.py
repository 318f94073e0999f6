"""Write THIRD_PARTY_LICENSES.md: every runtime dependency of Inspector with its licence and licence text.

    python tools/third_party_licenses.py [-o FILE] [--project inspector-app] [--app dist/Inspector [--record]]

Reads the installed packages' metadata with importlib.metadata: the project's Requires-Dist (no extras),
followed recursively, so run it in an environment where the project is installed, ideally the build venv
of packaging/build.sh (the versions then are the ones frozen into the app; build.sh and build.ps1 write
the file into the app folder). Default output: packaging/THIRD_PARTY_LICENSES.md.

Besides the Python packages it lists what a frozen build also carries (Python itself, the Qt libraries,
PyInstaller's bootloader, the bundled dictionaries), each shared library a Linux build copies from the
build machine with its licence, and explains how a user can replace the LGPL-licensed Qt libraries.
Licence texts come from the packages' own licence files; PySide6 and shiboken6 ship none, so the LGPL v3
and GPL v3 texts come from packaging/licenses/.

The shared libraries: with ``--app`` (what build.sh passes), those in that one-folder build's
``_internal/``; without it, those of the reference build recorded in packaging/linux/bundled-libraries.txt
(``--app DIR --record`` rewrites that list from a build). A library the tool knows no licence for, or one
whose licence the app cannot ship under (GNU Readline, gdbm: GPL), is an error naming what to do, so
such a build fails instead of shipping it.
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
BUNDLED_LIBRARIES = ROOT / "packaging" / "linux" / "bundled-libraries.txt"
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

#: Shared libraries a Linux build copies from the build machine into _internal/ (PyInstaller follows the
#: links of Python's extension modules, lxml and Qt's libraries and plugins), by file name up to ".so":
#: (the project it comes from, its licence as SPDX or in words). Qt's and PySide6's own libraries, ICU
#: inside the Qt wheel and libpython are not here: the sections above cover them. The exact terms are
#: those of the build distribution's package (/usr/share/doc/<package>/copyright on Debian).
LINUX_LIBRARIES: dict[str, tuple[str, str]] = {
    # X11 and XCB, for Qt's X11 platform plugin
    "libX11": ("X.Org libX11", "MIT AND X11"),
    "libX11-xcb": ("X.Org libX11", "MIT AND X11"),
    "libXau": ("X.Org libXau", "MIT"),
    "libXdmcp": ("X.Org libXdmcp", "MIT"),
    "libxcb": ("XCB", "MIT"),
    **{
        f"libxcb-{name}": ("XCB", "MIT")
        for name in ["glx", "randr", "render", "shape", "shm", "sync", "xfixes", "xkb"]
    },
    **{
        f"libxcb-{name}": ("xcb-util", "MIT")
        for name in ["cursor", "icccm", "image", "keysyms", "render-util", "util"]
    },
    "libxkbcommon": ("xkbcommon", "MIT"),
    "libxkbcommon-x11": ("xkbcommon", "MIT"),
    # fonts and images
    "libfontconfig": ("Fontconfig", "HPND-sell-variant (MIT-style)"),
    "libfreetype": ("FreeType", "FTL OR GPL-2.0-or-later (used under the FTL)"),
    "libpng16": ("libpng", "libpng-2.0"),
    "libbrotlicommon": ("Brotli", "MIT"),
    "libbrotlidec": ("Brotli", "MIT"),
    "libexpat": ("Expat", "MIT"),
    # GLib and D-Bus, for Qt; systemd and what it needs, for D-Bus
    "libglib-2.0": ("GLib", "LGPL-2.1-or-later"),
    "libgthread-2.0": ("GLib", "LGPL-2.1-or-later"),
    "libpcre2-8": ("PCRE2", "BSD-3-Clause WITH PCRE2-exception"),
    "libdbus-1": ("D-Bus", "AFL-2.1 OR GPL-2.0-or-later (used under the AFL)"),
    "libsystemd": ("systemd", "LGPL-2.1-or-later"),
    "libcap": ("libcap", "BSD-3-Clause OR GPL-2.0-only (used under BSD-3-Clause)"),
    "libgcrypt": ("Libgcrypt", "LGPL-2.1-or-later"),
    "libgpg-error": ("libgpg-error", "LGPL-2.1-or-later"),
    "liblz4": ("LZ4", "BSD-2-Clause"),
    "libzstd": ("Zstandard", "BSD-3-Clause OR GPL-2.0-only (used under BSD-3-Clause)"),
    "libbsd": ("libbsd", "BSD-3-Clause AND BSD-2-Clause AND ISC (permissive)"),
    "libmd": ("libmd", "BSD-3-Clause AND BSD-2-Clause AND ISC AND public domain"),
    # Python's extension modules
    "libcrypto": ("OpenSSL 3", "Apache-2.0"),
    "libssl": ("OpenSSL 3", "Apache-2.0"),
    "libffi": ("libffi", "MIT"),
    "libbz2": ("bzip2", "bzip2-1.0.6"),
    "liblzma": ("XZ Utils", "0BSD OR public domain (by version)"),
    "libz": ("zlib", "Zlib"),
    "libuuid": ("util-linux libuuid", "BSD-3-Clause"),
    "libsqlite3": ("SQLite", "blessing (public domain)"),
    "libncursesw": ("ncurses", "X11 (MIT-style)"),
    "libtinfo": ("ncurses", "X11 (MIT-style)"),
    # The spec drops these on purpose (the system's are used); listed in case a build ever carries them.
    "libstdc++": ("GCC", "GPL-3.0-or-later WITH GCC-exception-3.1"),
    "libgcc_s": ("GCC", "GPL-3.0-or-later WITH GCC-exception-3.1"),
}
#: Libraries the app must not ship (copyleft terms a proprietary app cannot meet): pattern of the name up
#: to ".so" -> (licence, the module whose native part needs it: exclude it in pyinstaller/inspector.spec).
REFUSED_LIBRARIES: dict[str, tuple[str, str]] = {
    r"libreadline": ("GPL-3.0-or-later", "readline"),
    r"libhistory": ("GPL-3.0-or-later", "readline"),
    r"libgdbm": ("GPL-3.0-or-later", "dbm.gnu (_gdbm)"),
    r"libgdbm_compat": ("GPL-3.0-or-later", "dbm.ndbm (_dbm)"),
    r"libdb(-[0-9.]+)?": ("Sleepycat or AGPL-3.0 (Berkeley DB)", "dbm.ndbm (_dbm)"),
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


def library_stem(file_name: str) -> str:
    """``libglib-2.0.so.0`` -> ``libglib-2.0``: a shared library's name without ".so" and its version."""
    return file_name.split(".so", 1)[0]


def refusal(file_name: str) -> tuple[str, str] | None:
    """(licence, module to exclude) when the app must not ship this library, else None."""
    stem = library_stem(file_name)
    for pattern, reason in REFUSED_LIBRARIES.items():
        if re.fullmatch(pattern, stem):
            return reason
    return None


def bundled_libraries(app: Path) -> list[str]:
    """The shared libraries a Linux one-folder build copied from the build machine, by file name.

    Those are the regular files ``lib*.so*`` directly in ``_internal/``: PyInstaller puts every library it
    collects by following links there; what a wheel brings (Qt, PySide6, ICU) stays in the package's own
    folder, with at most a symbolic link in ``_internal/``. libpython is Python, listed on its own.
    """
    internal = app / "_internal"
    if not internal.is_dir():
        raise SystemExit(f"{app} has no _internal folder: is it a one-folder build of inspector.spec?")
    return sorted(
        path.name
        for path in internal.iterdir()
        if path.name.startswith("lib")
        and ".so" in path.name
        and path.is_file()
        and not path.is_symlink()
        and not path.name.startswith("libpython")
    )


def recorded_libraries(path: Path = BUNDLED_LIBRARIES) -> list[str]:
    """The reference build's libraries (packaging/linux/bundled-libraries.txt), by file name."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def library_problems(file_names: list[str]) -> list[str]:
    """What stops these libraries from shipping: a refused licence, or no licence known to this tool."""
    problems = []
    for name in file_names:
        refused = refusal(name)
        if refused:
            licence, module = refused
            problems.append(
                f"{name} is {licence}: exclude {module} in packaging/pyinstaller/inspector.spec "
                "(or whatever imports it)"
            )
        elif library_stem(name) not in LINUX_LIBRARIES:
            problems.append(
                f"{name}: no licence known; add it to LINUX_LIBRARIES in tools/third_party_licenses.py "
                "(from its package's copyright file), or keep it out of the build"
            )
    return problems


def _record(file_names: list[str], app: Path, path: Path = BUNDLED_LIBRARIES) -> None:
    header = [
        "# Shared libraries the Linux one-folder build copies from the build machine into _internal/ (not",
        "# Qt's, PySide6's or Python's own), as the reference build bundles them. Written by",
        "# `python tools/third_party_licenses.py --app dist/Inspector --record` after a release build on the",
        "# oldest supported distribution; tools/third_party_licenses.py lists them with their licences in",
        "# THIRD_PARTY_LICENSES.md, and tests/packaging/test_bundled_libraries.py checks that it does.",
        f"# Recorded from: {_build_description(app)}",
    ]
    path.write_text("\n".join([*header, *file_names]) + "\n", encoding="utf-8", newline="\n")


def _build_description(app: Path) -> str:
    distribution = ""
    os_release = Path("/etc/os-release")
    if os_release.is_file():
        fields = dict(
            line.split("=", 1) for line in os_release.read_text(encoding="utf-8").splitlines() if "=" in line
        )
        distribution = fields.get("PRETTY_NAME", "").strip('"')
    parts = [
        distribution or platform.platform(),
        f"Python {platform.python_version()}",
        f"PySide6 {_version('PySide6-Essentials') or '?'}",
        f"PyInstaller {_version('pyinstaller') or '?'}",
    ]
    return ", ".join(parts)


def _libraries_section(file_names: list[str], from_build: bool) -> list[str]:
    which = (
        ["This build copied these shared libraries from the Linux system it was built on into `_internal/`"]
        if from_build
        else [
            "A Linux build copies shared libraries from the system it is built on into `_internal/`; the",
            "reference build (recorded in `packaging/linux/bundled-libraries.txt`) carries these",
        ]
    )
    lines = [
        "## Libraries from the Linux build machine",
        "",
        *which,
        "(PyInstaller follows the links of Python's extension modules, lxml and Qt's plugins). Their exact",
        "terms are those of the build distribution's packages (`/usr/share/doc/<package>/copyright` on",
        "Debian). The C++ runtime (libstdc++, libgcc_s) is not copied: the system's own is used.",
        "",
        "| library | from | licence |",
        "| --- | --- | --- |",
    ]
    for name in file_names:
        project, licence = LINUX_LIBRARIES.get(library_stem(name), ("?", "unknown"))
        lines.append(f"| {name} | {project} | {licence} |")
    return [*lines, ""]


def _fenced(text: str) -> str:
    return "````text\n" + text.rstrip() + "\n````\n"


def render(project: str, libraries: list[str] | None = None, from_build: bool = False) -> str:
    """The file's text; ``libraries``: the shared libraries to list (default: the reference build's)."""
    distributions = runtime_distributions(project)
    if libraries is None:
        libraries = recorded_libraries()
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
        "* **Linux builds** also copy shared libraries from the build machine: see the next section.",
        "* **Data**: the British English Hunspell dictionary (LGPL; `inspector_app/resources/dictionaries/",
        "  README_en_GB.txt` with the LGPL and GPL texts beside it) and the US/UK spelling list derived from",
        "  SCOWL (`SCOWL-LICENSE.txt` there).",
        "",
        *_libraries_section(libraries, from_build),
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
    parser.add_argument(
        "--app",
        type=Path,
        help="a one-folder build (Linux): list the shared libraries it carries; fail on one it must not",
    )
    parser.add_argument(
        "--record",
        action="store_true",
        help=f"with --app: write its libraries to {BUNDLED_LIBRARIES.relative_to(ROOT)} (the reference build)",
    )
    args = parser.parse_args(argv)
    if args.record and args.app is None:
        parser.error("--record needs --app")
    libraries, from_build = None, False
    if args.app is not None and sys.platform.startswith("linux"):
        libraries, from_build = bundled_libraries(args.app), True
        problems = library_problems(libraries)
        if problems:
            print(f"{args.app} carries libraries it must not ship:", file=sys.stderr)
            for problem in problems:
                print(f"  {problem}", file=sys.stderr)
            return 1
        recorded = recorded_libraries()
        if args.record:
            _record(libraries, args.app)
            print(f"Recorded {len(libraries)} libraries in {BUNDLED_LIBRARIES}", file=sys.stderr)
        elif libraries != recorded:
            added = sorted(set(libraries) - set(recorded))
            missing = sorted(set(recorded) - set(libraries))
            print(
                f"Note: the build's libraries differ from {BUNDLED_LIBRARIES.name} (the reference build): "
                f"more {added or 'none'}, fewer {missing or 'none'}. Fine for a build on another "
                "distribution; after a release build, record them with --record.",
                file=sys.stderr,
            )
    text = render(args.project, libraries, from_build)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8", newline="\n")
    count = text.split("## Python packages", 1)[1].split("##", 1)[0].count("\n| ") - 2
    print(f"Wrote {args.output}: {count} packages", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
