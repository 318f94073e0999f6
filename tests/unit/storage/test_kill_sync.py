"""Kill a member's process at random moments while it edits, saves and syncs: every edit it had saved
reaches the lead at the next syncs, the files always load whole, and no change file is ever refused."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from inspector_app import bundled
from inspector_app.storage.change_file import read_changes
from inspector_app.storage.inspection_file import load_inspection, loads_inspection, save_inspection
from inspector_app.storage.team import make_copy, sync

CHILD = Path(__file__).parents[2] / "support" / "kill_sync_child.py"
KILLS = 12
PEEL = "hertfordshire-peel-2016-effectiveness"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.name == "nt", reason="needs SIGKILL"),
]


def _run_and_kill(copy: Path, delay: float) -> set[str]:
    """Start the child, let it work ``delay`` seconds after it started, SIGKILL it; the titles of the
    items it said it had saved."""
    process = subprocess.Popen(
        [sys.executable, str(CHILD), str(copy)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdout is not None
    first = process.stdout.readline()
    assert first.strip() == b"started", process.stderr.read() if process.stderr else first
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    out, err = process.communicate(timeout=60)
    lines = out.decode("ascii", "replace").splitlines()
    assert not any(line.startswith("refused") for line in lines), lines
    assert process.returncode == -signal.SIGKILL, err.decode(errors="replace")
    return {f"item {process.pid}-{line.split()[1]}" for line in lines if line.startswith("saved ")}


def test_a_kill_during_sync_loses_no_saved_edit(tmp_path: Path) -> None:
    lead = tmp_path / "Herts.inspection"
    save_inspection(loads_inspection(bundled.sample(PEEL).read_bytes(), PEEL), lead)
    copy = tmp_path / "ann.inspection"
    make_copy(lead, "Ann", copy)
    rng = random.Random(16)
    saved: set[str] = set()
    for _ in range(KILLS):
        said = _run_and_kill(copy, rng.uniform(0.2, 1.5))
        load_inspection(copy)  # whole, whatever the moment of the kill
        for path in (tmp_path / "Herts.team").iterdir():
            if path.suffix == ".changes":
                read_changes(path)  # never half written
        titles = {item.title for item in load_inspection(copy).evidence}
        assert said <= titles  # what it said it saved is there
        saved |= {title for title in titles if title.startswith("item ")}
        report = sync(lead)
        assert not report.refused
    assert len(saved) >= KILLS  # the child got that far at least once a round on average
    assert not sync(copy).refused
    assert not sync(lead).refused
    in_lead = {item.title for item in load_inspection(lead).evidence}
    assert saved <= in_lead
