"""One real PyInstaller build per test run, shared by the tests that look inside it and those that run it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILD_TIMEOUT = 900


@pytest.fixture(scope="session")
def fresh_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """packaging/build.sh for real, into a temporary folder (about a minute, more on the first run):
    the app folder it made."""
    folder = tmp_path_factory.mktemp("build")
    env = dict(
        os.environ,
        PYTHON=getattr(sys, "_base_executable", sys.executable),
        BUILD_VENV=str(folder / "venv"),
        DIST_DIR=str(folder / "dist"),
        WORK_DIR=str(folder / "work"),
        PIP_DISABLE_PIP_VERSION_CHECK="1",
    )
    env.pop("VIRTUAL_ENV", None)
    result = subprocess.run(
        ["bash", str(ROOT / "packaging" / "build.sh")],
        env=env,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
    )
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-5000:]
    return folder / "dist" / "Inspector"
