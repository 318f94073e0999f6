"""The packaging files agree with each other and with the app: one app id, one MIME type, one file suffix.

Linux: the desktop entry, the shared-mime-info type and the AppStream metainfo (checked with
desktop-file-validate and appstreamcli when they are installed). Windows: the Inno Setup script's
association. Also the PyInstaller spec's app id, the constraints file and THIRD_PARTY_LICENSES.md.
"""

from __future__ import annotations

import configparser
import importlib.metadata
import importlib.util
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from packaging.requirements import Requirement

import inspector_app
from inspector_app.cli import PROG
from inspector_app.storage.inspection_file import FILE_SUFFIX

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
LINUX = PACKAGING / "linux"
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"


def _metainfo_path() -> Path:
    (path,) = LINUX.glob("*.metainfo.xml")
    return path


APP_ID = _metainfo_path().name.removesuffix(".metainfo.xml")
MIME_TYPE = "application/x-inspector-inspection"


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # keys are case-sensitive
    parser.read(LINUX / f"{APP_ID}.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def _load_tool(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(name, module)
    spec.loader.exec_module(module)
    return module


def test_the_desktop_entry_launches_the_command_with_the_file_and_names_the_type():
    assert (LINUX / f"{APP_ID}.desktop").is_file(), "the desktop file is named after the app id"
    entry = _desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == inspector_app.APP_NAME
    assert entry["Icon"] == APP_ID
    assert entry["Exec"] == f"{PROG} %f" and entry["TryExec"] == PROG
    assert entry["MimeType"].split(";")[:-1] == [MIME_TYPE]
    assert entry["Terminal"] == "false"
    assert entry["StartupWMClass"] == inspector_app.APP_NAME  # Qt's X11 window class is the application name


def test_the_mime_type_matches_the_file_suffix_and_what_the_app_writes():
    root = ET.parse(LINUX / "inspector-mime.xml").getroot()
    (mime,) = root.findall(f"{MIME_NS}mime-type")
    assert mime.get("type") == MIME_TYPE
    assert [g.get("pattern") for g in mime.findall(f"{MIME_NS}glob")] == [f"*{FILE_SUFFIX}"]
    assert mime.find(f"{MIME_NS}icon").get("name") == APP_ID
    (match,) = mime.iter(f"{MIME_NS}match")
    start, _, end = match.get("offset").partition(":")
    for sample in (ROOT / "resources" / "samples").glob(f"*{FILE_SUFFIX}"):
        head = sample.read_bytes()[: int(end) + len(match.get("value"))]
        assert match.get("value").encode() in head[int(start) :], (
            f"{sample.name} would not be recognised by content"
        )


def test_the_metainfo_describes_this_app_and_its_screenshots_exist():
    root = ET.parse(_metainfo_path()).getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("metadata_license") == "CC0-1.0"
    licence_files = [
        p for p in ROOT.iterdir() if p.name.upper().startswith(("LICENSE", "LICENCE", "COPYING"))
    ]
    if not licence_files:
        assert root.findtext("project_license") == "LicenseRef-proprietary"
    assert root.findtext("name") == inspector_app.APP_NAME
    assert root.findtext("launchable[@type='desktop-id']") == f"{APP_ID}.desktop"
    assert root.findtext("provides/binary") == PROG
    assert root.findtext("provides/mediatype") == MIME_TYPE
    assert root.find("content_rating") is not None
    releases = [r.get("version") for r in root.findall("releases/release")]
    assert inspector_app.__version__ in releases, "add a <release> for the current version to the metainfo"
    images = [image.text for image in root.iter("image")]
    assert images and all(text.startswith("https://") for text in images)
    for url in images:
        assert (PACKAGING / "screenshots" / url.rsplit("/", 1)[1]).is_file(), url
    assert [s.get("type") for s in root.findall("screenshots/screenshot")].count("default") == 1


@pytest.mark.skipif(not shutil.which("appstreamcli"), reason="appstreamcli is not installed")
def test_appstreamcli_validates_the_metainfo():
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(_metainfo_path())], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(
    not shutil.which("desktop-file-validate"), reason="desktop-file-validate is not installed"
)
def test_desktop_file_validate_accepts_the_desktop_entry():
    result = subprocess.run(
        ["desktop-file-validate", str(LINUX / f"{APP_ID}.desktop")], capture_output=True, text=True
    )
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_the_spec_and_the_install_script_use_the_same_app_id():
    spec = (PACKAGING / "pyinstaller" / "inspector.spec").read_text(encoding="utf-8")
    assert re.search(r'^APP_ID = "([^"]+)"', spec, re.M).group(1) == APP_ID
    install = (LINUX / "install.sh").read_text(encoding="utf-8")
    assert re.search(r"^APP_ID=(\S+)$", install, re.M).group(1) == APP_ID


def test_the_windows_installer_associates_the_suffix_with_the_window_executable():
    script = (PACKAGING / "windows" / "inspector.iss").read_text(encoding="utf-8")
    assert re.search(r"^AppId=\{\{[0-9A-F-]{36}\}$", script, re.M), "AppId is a fixed GUID"
    assert f'Subkey: "Software\\Classes\\{FILE_SUFFIX}"' in script
    assert f'ValueData: "{MIME_TYPE}"' in script
    assert '#define AppExeName "Inspector.exe"' in script
    assert 'ValueData: """{app}\\{#AppExeName}"" ""%1"""' in script
    for switch in ("PrivilegesRequiredOverridesAllowed=dialog commandline", "ChangesAssociations=yes"):
        assert switch in script


def test_the_constraints_pin_every_runtime_dependency():
    tool = _load_tool("third_party_licenses")
    pinned = {}
    for line in (PACKAGING / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            requirement = Requirement(line)
            pinned[tool.canonical(requirement.name)] = requirement
    for distribution in tool.runtime_distributions("inspector-app"):
        name = tool.canonical(distribution.metadata["Name"])
        assert name in pinned, f"packaging/constraints.txt does not pin {name}"
        assert str(pinned[name].specifier).startswith("=="), pinned[name]
    project = importlib.metadata.distribution("inspector-app")
    for line in project.requires or []:
        requirement = Requirement(line)
        if requirement.marker is None:
            version = str(pinned[tool.canonical(requirement.name)].specifier).removeprefix("==")
            assert requirement.specifier.contains(version), (
                f"the pinned {requirement.name} {version} breaks {requirement}"
            )


def test_third_party_licenses_lists_every_runtime_dependency_with_its_licence():
    tool = _load_tool("third_party_licenses")
    text = (PACKAGING / "THIRD_PARTY_LICENSES.md").read_text(encoding="utf-8")
    table = [
        [c.strip() for c in line.strip("| ").split(" | ")]
        for line in text.splitlines()
        if line.startswith("| ")
    ]
    rows = {
        tool.canonical(cells[0]): cells[2]
        for cells in table
        if len(cells) == 4 and cells[0] not in ("package", "---")
    }
    for distribution in tool.runtime_distributions("inspector-app"):
        name = tool.canonical(distribution.metadata["Name"])
        assert name in rows, f"{name} is missing: run tools/third_party_licenses.py"
        assert rows[name].strip(), name
    assert "LGPL-3.0-only" in rows["pyside6-essentials"]
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in text and "Replacing the Qt libraries" in text


def test_the_app_tells_the_desktop_its_id():
    from inspector_app import APP_ID

    assert (ROOT / "packaging" / "linux" / f"{APP_ID}.desktop").is_file()


def test_the_readme_names_exactly_the_qt_packages_ci_installs():
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    installed = re.search(r"^qt_packages=\(\n(.*?)^\)", script, re.M | re.S).group(1).split()
    assert "libxcb-cursor0" in installed  # Qt 6.5+'s X11 plugin will not load without it
    assert re.search(r'^apt_packages=\(\n\s*"\$\{qt_packages\[@\]\}" python3-venv\b', script, re.M)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    troubleshooting = readme.split("## Troubleshooting", 1)[1].split("\n## ", 1)[0]
    (bullet,) = [b for b in troubleshooting.split("\n- ") if 'Qt platform plugin "xcb"' in b]
    named = re.search(r"`sudo apt-get install ([^`]+)`", bullet).group(1).split()
    assert named == installed, "README.md's Troubleshooting and .ci/run's qt_packages differ"
