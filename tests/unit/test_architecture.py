"""Only the GUI may import Qt: the domain, storage, export and the headless CLI must run without it."""

import pkgutil
import shutil
import subprocess
import sys
from pathlib import Path

import inspector_app

ROOT = Path(__file__).parents[2]


def headless_modules() -> list[str]:
    names = []
    for module in pkgutil.walk_packages(inspector_app.__path__, "inspector_app."):
        if not module.name.startswith("inspector_app.gui"):
            names.append(module.name)
    return names


def test_importing_everything_but_the_gui_loads_no_qt():
    code = (
        "import importlib, sys\n"
        f"for name in {headless_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print(loaded)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_import_contracts_hold():
    """The contracts in pyproject.toml: no Qt outside gui/, and gui > export > storage > domain."""
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint_imports, "import-linter is part of the test extra"
    result = subprocess.run([lint_imports], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_package_is_listed_for_the_wheel():
    """pyproject.toml lists packages explicitly (resources/ is mapped in); a new subpackage must be added."""
    import tomllib

    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"]
    )
    on_disk = {
        ".".join(path.parent.relative_to(ROOT).parts)
        for path in (ROOT / "inspector_app").rglob("__init__.py")
    }
    assert on_disk - listed == set(), "add these to [tool.setuptools] packages in pyproject.toml"
