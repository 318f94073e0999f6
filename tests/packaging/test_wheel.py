"""The wheel, as a user or a packager gets it: built from this tree, installed away from it, it works.

The wheel is built with ``pip wheel`` from a copy of the source tree (so the build leaves nothing in the
repository), installed with ``--no-deps --no-index`` into a fresh venv created without pip in a temporary
folder, and run from a folder outside the repository. Nothing is downloaded for the install: the wheel's
declared dependencies (Requires-Dist, followed recursively) are taken from this test environment by linking
just their top-level packages into one folder that the venv sees through a ``.pth`` line. So the venv sees
neither the source tree, nor the editable install's import hook, nor any package the wheel did not declare.
(The build itself runs pip's usual isolated build, which fetches setuptools from PyPI or pip's cache.)
"""

from __future__ import annotations

import importlib.metadata
import os
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from email.parser import Parser
from pathlib import Path

import pytest
from packaging.requirements import Requirement

import inspector_app

ROOT = Path(__file__).resolve().parents[2]
RESOURCES = ROOT / "resources"
SAMPLE = "hertfordshire-peel-2016-effectiveness"
#: Top-level entries of the repository a wheel build never needs.
NOT_FOR_THE_BUILD = {
    ".git", ".venv", "venv", ".hypothesis", ".pytest_cache", ".import_linter_cache", ".ci", "build", "dist",
    "out", "tests", "benchmarks", "packaging", "tools",
}  # fmt: skip
TIMEOUT = 300


def _ignore(folder: str, names: list[str]) -> set[str]:
    ignored = {n for n in names if n == "__pycache__" or n.endswith((".egg-info", ".pyc"))}
    if Path(folder) == ROOT:
        ignored |= NOT_FOR_THE_BUILD & set(names)
    return ignored


def _run(command: list[str | Path], **kwargs) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(c) for c in command], capture_output=True, text=True, timeout=TIMEOUT, **kwargs
    )
    assert result.returncode == 0, (
        f"{command} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
    )
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    source = tmp_path_factory.mktemp("source") / "inspector"
    shutil.copytree(ROOT, source, ignore=_ignore, symlinks=True)
    wheelhouse = tmp_path_factory.mktemp("wheelhouse")
    env = dict(os.environ, PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INPUT="1")
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--wheel-dir", wheelhouse, source], env=env)
    (built,) = wheelhouse.glob("inspector_app-*.whl")
    return built


def _wheel_requirements(wheel: Path) -> list[Requirement]:
    with zipfile.ZipFile(wheel) as archive:
        (metadata,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        message = Parser().parsestr(archive.read(metadata).decode("utf-8"))
    return [Requirement(line) for line in message.get_all("Requires-Dist") or []]


def _runtime_distributions(requirements: list[Requirement]) -> dict[str, importlib.metadata.Distribution]:
    """The installed distributions the requirements need, followed recursively (extras only when asked for)."""
    found: dict[str, importlib.metadata.Distribution] = {}
    pending = [(r, "") for r in requirements]
    while pending:
        requirement, extra = pending.pop()
        if requirement.marker is not None and not requirement.marker.evaluate({"extra": extra}):
            continue
        try:
            distribution = importlib.metadata.distribution(requirement.name)
        except importlib.metadata.PackageNotFoundError:
            pytest.fail(f"the wheel needs {requirement}, which this test environment does not have")
        assert distribution.version in requirement.specifier or not requirement.specifier, (
            requirement,
            distribution.version,
        )
        key = distribution.metadata["Name"].lower().replace("_", "-")
        extras = requirement.extras or {""}
        if key in found and extras == {""}:
            continue
        found[key] = distribution
        for extra_name in extras:
            pending.extend((Requirement(r), extra_name) for r in distribution.requires or [])
    return found


def _link_top_levels(distributions: dict[str, importlib.metadata.Distribution], folder: Path) -> None:
    folder.mkdir()
    for distribution in distributions.values():
        site = Path(distribution.locate_file(""))
        tops = {
            f.parts[0]
            for f in distribution.files or []
            if f.parts and f.parts[0] not in ("..", "__pycache__")
        }
        for top in tops:
            if (site / top).exists() and not (folder / top).exists():
                (folder / top).symlink_to(site / top, target_is_directory=(site / top).is_dir())


@dataclass
class Installed:
    python: Path
    scripts: Path
    purelib: Path
    workdir: Path
    env: dict[str, str]

    def run(self, *args: str | Path) -> subprocess.CompletedProcess[str]:
        return _run(list(args), cwd=self.workdir, env=self.env)

    def app(self, *args: str | Path) -> subprocess.CompletedProcess[str]:
        return self.run(self.scripts / ("inspector-app.exe" if os.name == "nt" else "inspector-app"), *args)


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Installed:
    base = tmp_path_factory.mktemp("installed")
    assert ROOT not in base.parents, "the test venv must live outside the source tree"
    venv = base / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", venv])
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    paths = _run(
        [
            python,
            "-c",
            "import sysconfig; print(sysconfig.get_path('purelib')); print(sysconfig.get_path('scripts'))",
        ]
    )
    purelib, scripts = (Path(line) for line in paths.stdout.splitlines())
    env = dict(os.environ, PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INPUT="1")
    _run(
        [sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", wheel],
        env=env,
    )

    deps = base / "deps"
    try:
        _link_top_levels(_runtime_distributions(_wheel_requirements(wheel)), deps)
        dependency_path = deps
    except OSError:  # no symlinks (Windows without developer mode): the whole test environment instead
        dependency_path = Path(importlib.metadata.distribution("pydantic").locate_file(""))
    (purelib / "_inspector_test_dependencies.pth").write_text(f"{dependency_path}\n", encoding="utf-8")

    workdir = base / "work"
    workdir.mkdir()
    run_env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "VIRTUAL_ENV")
    }
    run_env |= {
        "QT_QPA_PLATFORM": "offscreen",
        "INSPECTOR_STATE_DIR": str(base / "state"),
        "INSPECTOR_LOG_DIR": str(base / "log"),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    return Installed(python, scripts, purelib, workdir, run_env)


def test_the_wheel_carries_every_module_and_resource(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "inspector_app").rglob("*.py")}
    assert modules <= names, sorted(modules - names)
    resources = {  # every data file, except the tools that made some of them (not shipped on purpose)
        "inspector_app/resources/" + p.relative_to(RESOURCES).as_posix()
        for p in RESOURCES.rglob("*")
        if p.is_file()
        and not {"__pycache__", "tools"} & set(p.relative_to(RESOURCES).parts)
        and p.suffix != ".pyc"
    }
    assert resources <= names, sorted(resources - names)
    expected = {
        "inspector_app/resources/frameworks/crime-inspection-2014.json",
        "inspector_app/resources/frameworks/peel-2016-effectiveness.json",
        f"inspector_app/resources/samples/{SAMPLE}.inspection",
        "inspector_app/resources/templates/report.docx",
        "inspector_app/resources/icons/inspector.svg",
        "inspector_app/resources/icons/inspector.ico",
        *(
            f"inspector_app/resources/icons/inspector-{size}.png"
            for size in (16, 24, 32, 48, 64, 128, 256, 512)
        ),
    }
    assert expected <= names, sorted(expected - names)
    if (RESOURCES / "dictionaries").is_dir():
        assert any(n.startswith("inspector_app/resources/dictionaries/") for n in names)
    assert not [
        n for n in names if n.startswith(("tests/", "tools/", "benchmarks/", "packaging/", "resources/"))
    ]
    with zipfile.ZipFile(wheel) as archive:
        (entry_points,) = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
        assert "inspector-app = inspector_app.cli:main" in archive.read(entry_points).decode()


def test_the_venv_imports_the_wheel_not_the_source_tree(installed):
    probe = (
        "import sys, inspector_app, inspector_app.bundled as b; "
        "print(inspector_app.__file__); print(b.resource('templates', 'report.docx')); print(repr(sys.path))"
    )
    module_file, template, path = installed.run(installed.python, "-c", probe).stdout.splitlines()
    assert Path(module_file).resolve().is_relative_to(installed.purelib.resolve())
    assert Path(template).resolve().is_relative_to(installed.purelib.resolve())
    assert str(ROOT) not in path
    finder = installed.run(
        installed.python, "-c", "import sys; print([type(f).__name__ for f in sys.meta_path])"
    )
    assert "Editable" not in finder.stdout


def test_the_command_line_works_from_the_wheel(installed):
    version = installed.app("--version")
    assert version.stdout.strip() == f"{inspector_app.APP_NAME} {inspector_app.__version__}"

    frameworks = installed.app("frameworks").stdout
    assert "crime-inspection-2014" in frameworks and "peel-2016-effectiveness" in frameworks

    sample = installed.workdir / "peel.inspection"
    installed.app("sample", SAMPLE, "-o", sample)
    assert "The file is valid" in installed.app("check", sample).stdout

    report = installed.workdir / "peel.docx"
    installed.app("export", sample, "-o", report)
    with zipfile.ZipFile(report) as document:
        assert "Hertfordshire" in document.read("word/document.xml").decode("utf-8")


def test_the_window_icon_comes_from_the_wheel(installed):
    probe = (
        "from inspector_app.gui.app import create_application; app = create_application(['inspector-app']); "
        "print(sorted(s.width() for s in app.windowIcon().availableSizes()))"
    )
    assert (
        installed.run(installed.python, "-c", probe).stdout.strip() == "[16, 24, 32, 48, 64, 128, 256, 512]"
    )
