"""Child for tests/unit/storage/test_kill_sync.py: a member who edits and syncs in a loop until killed.

Run as ``python kill_sync_child.py COPY``. For n = 1, 2, …: opens COPY as a team file, adds the evidence
item "item <pid>-n", saves, prints ``saved n``, syncs through the team folder, prints ``synced n`` — until
the test SIGKILLs it. Output goes through ``os.write`` so a killed child leaves no half-buffered line.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from inspector_app.domain import editing
from inspector_app.domain.inspection import EvidenceItem
from inspector_app.storage.team import open_team_file, sync


def say(text: str) -> None:
    os.write(1, (text + "\n").encode("ascii"))


def main(path: Path) -> None:
    say("started")
    n = 0
    while True:
        n += 1
        team_file = open_team_file(path)
        item = EvidenceItem(title=f"item {os.getpid()}-{n}")
        team_file.record([editing.add_evidence(team_file.inspection, item)])
        team_file.save()
        say(f"saved {n}")
        report = sync(path)
        if report.refused:
            say(f"refused {report.refused}")
        say(f"synced {n}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
