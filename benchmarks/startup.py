"""Start-up and memory with a 10,000-evidence inspection, against a bare QMainWindow plus the same load.

    python benchmarks/startup.py [-n 10000] [--repeat 3]

Each run is a fresh process (offscreen Qt): time from interpreter start to the window shown with the file
open and painted, and the process's peak resident memory. The baseline process imports Qt, loads the same
file with load_inspection and shows an empty QMainWindow. Targets: time ratio <= 2.0, app RSS <= 250 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from make_large import make_large

from inspector_app.storage.inspection_file import save_inspection

CHILD = r"""
import json, os, resource, sys, time
start = time.perf_counter()
from PySide6.QtWidgets import QApplication, QMainWindow
from inspector_app.storage.inspection_file import load_inspection
mode, path, settings = sys.argv[1], sys.argv[2], sys.argv[3]
app = QApplication([])
if mode == "bare":
    inspection = load_inspection(path)
    window = QMainWindow()
    window.resize(1366, 768)
    window.show()
else:
    from pathlib import Path
    from inspector_app.gui.interaction import DialogInteraction
    from inspector_app.gui.main_window import MainWindow
    from inspector_app.gui.settings import AppSettings
    window = MainWindow(DialogInteraction(), AppSettings(Path(settings)))
    window.resize(1366, 768)
    window.show()
    window.open_path(Path(path))
    window.workspace.show_evidence_log()  # the heaviest page: 10,000 rows in a table
app.processEvents()
window.grab()  # force a full paint
elapsed = time.perf_counter() - start
rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": elapsed, "rss_mb": rss_mb}))
sys.stdout.flush()
os._exit(0)
"""


def run(mode: str, path: Path, settings: Path) -> dict[str, float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", CHILD, mode, str(path), str(settings)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=10_000, help="evidence items")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "large.inspection"
        save_inspection(make_large(args.n, seed=0), path, backups=0)
        settings = Path(folder) / "settings.ini"
        runs = {mode: [run(mode, path, settings) for _ in range(args.repeat)] for mode in ("bare", "app")}
    median = {mode: statistics.median(r["seconds"] for r in results) for mode, results in runs.items()}
    rss = {mode: max(r["rss_mb"] for r in results) for mode, results in runs.items()}
    ratio = median["app"] / median["bare"]
    print(f"{args.n:,} evidence items, {args.repeat} fresh processes each (median time, peak RSS)")
    print(f"{'':28} {'seconds':>8} {'RSS MB':>8}")
    print(f"{'bare QMainWindow + load':28} {median['bare']:8.2f} {rss['bare']:8.0f}")
    print(f"{'Inspector, evidence log open':28} {median['app']:8.2f} {rss['app']:8.0f}")
    print(
        f"start-up ratio {ratio:.2f}x (target <= 2.0: {'ok' if ratio <= 2.0 else 'SLOW'}); "
        f"memory {rss['app']:.0f} MB (target <= 250: {'ok' if rss['app'] <= 250 else 'OVER'})"
    )


if __name__ == "__main__":
    main()
