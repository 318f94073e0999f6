"""The native libraries a Linux build copies from the build machine are all in THIRD_PARTY_LICENSES.md,
with a licence the app can ship under; none is GPL (GNU Readline, gdbm).

A PyInstaller build takes a minute, so most checks work from what is recorded:
packaging/linux/bundled-libraries.txt lists the shared libraries the reference build carries (written
from a real build by ``tools/third_party_licenses.py --app dist/Inspector --record``), the tool knows a
licence for each library it may meet and refuses the copyleft ones, and the spec excludes the standard
library modules that would bring those in. A build that is present (``dist/Inspector``, or
$INSPECTOR_APP) is checked as it is; the slow test builds one with packaging/build.sh and checks it.
build.sh runs the same check, so a release build that carries an unlicensed library fails.
"""

from __future__ import annotations

import ast
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / "pyinstaller" / "inspector.spec"
LINUX = sys.platform.startswith("linux")


def _load_tool():
    spec = importlib.util.spec_from_file_location(
        "third_party_licenses", ROOT / "tools" / "third_party_licenses.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("third_party_licenses", module)
    spec.loader.exec_module(module)
    return module


tool = _load_tool()


def _spec_list(name: str) -> list[str]:
    """A list of strings assigned at the top of the spec (read, not run: the spec needs PyInstaller)."""
    for node in ast.parse(SPEC.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
            return [element.value for element in node.value.elts if isinstance(element, ast.Constant)]
    raise AssertionError(f"{name} is not assigned in {SPEC.name}")


def _excluded(module: str) -> bool:
    excludes = set(_spec_list("excludes")) | set(_spec_list("COPYLEFT_NATIVE_EXCLUDES"))
    parts = module.split(".")
    return any(".".join(parts[:n]) in excludes for n in range(1, len(parts) + 1))


def _licence_table(text: str) -> dict[str, str]:
    """library file name -> licence, from the "Libraries from the Linux build machine" table."""
    section = text.split("## Libraries from the Linux build machine", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("| ") and len(cells) == 3 and cells[0] not in ("library", "---"):
            rows[cells[0]] = cells[2]
    return rows


def _check_build(app: Path) -> list[str]:
    """Every library ``app`` copied from the machine is licensed, allowed and in its own licence file."""
    bundled = tool.bundled_libraries(app)
    assert bundled, f"{app} carries no library from the build machine: is _internal/ where they go?"
    assert tool.library_problems(bundled) == []
    listed = _licence_table((app / "THIRD_PARTY_LICENSES.md").read_text(encoding="utf-8"))
    assert sorted(listed) == bundled, "the build's THIRD_PARTY_LICENSES.md does not list what it carries"
    dynload = app / "_internal" / f"python{sys.version_info.major}.{sys.version_info.minor}" / "lib-dynload"
    for module in _spec_list("COPYLEFT_NATIVE_EXCLUDES"):
        assert not list(dynload.glob(f"{module}.*.so")), f"{module} is excluded in the spec but in the build"
    return bundled


def test_the_licence_file_lists_every_library_the_reference_build_carries():
    recorded = tool.recorded_libraries()
    assert recorded, "packaging/linux/bundled-libraries.txt is empty"
    listed = _licence_table((PACKAGING / "THIRD_PARTY_LICENSES.md").read_text(encoding="utf-8"))
    missing = sorted(set(recorded) - set(listed))
    assert not missing, f"THIRD_PARTY_LICENSES.md does not list {missing}: run tools/third_party_licenses.py"
    assert sorted(listed) == recorded, "THIRD_PARTY_LICENSES.md lists libraries the build does not carry"
    for name, licence in listed.items():
        assert licence == tool.LINUX_LIBRARIES[tool.library_stem(name)][1], name


def test_every_recorded_library_has_a_licence_the_app_can_ship_under():
    assert tool.library_problems(tool.recorded_libraries()) == []


def test_the_tool_refuses_gnu_readline_and_gdbm_and_unknown_libraries():
    problems = tool.library_problems(
        ["libreadline.so.8", "libgdbm.so.6", "libgdbm_compat.so.4", "libdb-5.3.so", "libmystery.so.1"]
    )
    assert len(problems) == 5
    assert "exclude readline" in problems[0] and "GPL-3.0" in problems[0]
    assert "dbm.gnu" in problems[1] and "dbm.ndbm" in problems[2] and "dbm.ndbm" in problems[3]
    assert "no licence known" in problems[4]
    assert tool.library_problems(["libglib-2.0.so.0", "libstdc++.so.6", "libxcb-cursor.so.0"]) == []


def test_the_spec_excludes_every_module_whose_library_the_tool_refuses():
    for _licence, module in tool.REFUSED_LIBRARIES.values():
        for name in re.findall(r"[\w.]+", module):
            assert _excluded(name), f"{name} needs a GPL library but the spec does not exclude it"
    for name in ("readline", "_curses", "curses", "dbm.gnu", "_gdbm", "dbm.ndbm", "_dbm"):
        assert _excluded(name), name


@pytest.mark.skipif(not (LINUX and shutil.which("ldd")), reason="Linux: ldd of Python's extension modules")
def test_no_standard_library_module_that_links_a_refused_library_can_get_into_the_build():
    """This Python's own extension modules, as PyInstaller would follow their links: any that needs a
    library the tool refuses (readline here; gdbm where Python was built with it) must be excluded."""
    dynload = Path(sysconfig.get_config_var("DESTSHARED"))  # lib-dynload of the base Python, not the venv
    assert list(dynload.glob("*.so")), dynload
    offenders = {}
    for module in sorted(dynload.glob("*.so")):
        output = subprocess.run(["ldd", str(module)], capture_output=True, text=True).stdout
        needed = [line.split()[0] for line in output.splitlines() if "=>" in line]
        refused = [name for name in needed if tool.refusal(name)]
        name = module.name.split(".", 1)[0]
        if refused and not _excluded(name):
            offenders[name] = refused
    assert not offenders, f"exclude these in {SPEC.name}: {offenders}"


def _present_build() -> Path | None:
    app = Path(os.environ.get("INSPECTOR_APP") or ROOT / "dist" / "Inspector")
    return app if (app / "_internal").is_dir() else None


@pytest.mark.skipif(not LINUX or _present_build() is None, reason="no Linux build in dist/ ($INSPECTOR_APP)")
def test_the_build_in_dist_carries_only_libraries_with_a_licence_in_its_licence_file():
    _check_build(_present_build())


@pytest.mark.slow
@pytest.mark.skipif(not LINUX, reason="the Linux build copies libraries from the machine")
def test_a_fresh_build_carries_only_libraries_with_a_licence_in_its_licence_file(fresh_build):
    bundled = _check_build(fresh_build)
    assert not [name for name in bundled if name.startswith(("libreadline", "libtinfo"))]
