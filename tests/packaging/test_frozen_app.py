"""The frozen app runs as a user would run it: packaging/smoke_test.py on a fresh PyInstaller build, its
commands, the team's replication (pycrdt's compiled Yrs module, which the build must carry) and the window."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _smoke_test():
    spec = importlib.util.spec_from_file_location("smoke_test", ROOT / "packaging" / "smoke_test.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="built and run here on Linux")
def test_a_fresh_build_passes_the_smoke_test_team_replication_included(fresh_build, capsys):
    status = _smoke_test().main([str(fresh_build), "--repeat", "1"])
    printed = capsys.readouterr().out
    assert status == 0, printed
    steps = {line.split()[1].rstrip(":") for line in printed.splitlines() if line.startswith("ok ")}
    assert {"--version", "check", "export", "team", "window"} <= steps, printed
    assert "no conflict" in next(line for line in printed.splitlines() if line.startswith("ok    team:"))
