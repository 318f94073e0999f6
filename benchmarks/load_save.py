"""Load and save of a 10,000-evidence inspection against bare json in the same run.

    python benchmarks/load_save.py [-n 10000] [--repeat 7]

Load = read + parse + validate (+ integrity rules) vs read + json.loads of the same bytes.
Save = serialise + atomic write (temp file, fsync, rename, folder fsync) vs json.dumps + write + fsync.
Targets: both ratios <= 2.0. Times are the best of --repeat runs, to damp the noise of a shared machine.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from pathlib import Path

from make_large import make_large
from timing import best_of

from inspector_app.storage.inspection_file import dumps_inspection, load_inspection, save_inspection


def bare_write(path: Path, document: object) -> None:
    data = json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=10_000, help="evidence items")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    inspection = make_large(args.n, seed=0)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "large.inspection"
        save_inspection(inspection, path)
        data = path.read_bytes()
        document = json.loads(data)

        load = best_of(args.repeat, lambda: load_inspection(path))
        bare_load = best_of(args.repeat, lambda: json.loads(path.read_bytes()))
        save = best_of(args.repeat, lambda: save_inspection(inspection, path))
        bare_save = best_of(args.repeat, lambda: bare_write(Path(folder) / "bare.json", document))
        serialise = best_of(args.repeat, lambda: dumps_inspection(inspection))

    print(f"inspection: {args.n:,} evidence items, file {len(data) / 1e6:.1f} MB; best of {args.repeat}")
    print(f"{'':6} {'Inspector':>11} {'bare json':>11} {'ratio':>7} {'target':>7}")
    for name, ours, bare in (("load", load, bare_load), ("save", save, bare_save)):
        verdict = "ok" if ours / bare <= 2.0 else "SLOW"
        print(
            f"{name:6} {ours * 1000:9.1f}ms {bare * 1000:9.1f}ms {ours / bare:6.2f}x {'<= 2.0':>7} {verdict}"
        )
    print(f"(save spends {serialise * 1000:.1f} ms serialising; the rest is the atomic write and fsyncs)")


if __name__ == "__main__":
    main()
