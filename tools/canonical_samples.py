"""Rewrite the bundled sample inspections in canonical form: the bytes their test expects.

    .venv/bin/python tools/canonical_samples.py            # rewrites resources/samples/*.inspection
    .venv/bin/python tools/canonical_samples.py --check    # exit 1, listing the files not canonical
    .venv/bin/python tools/canonical_samples.py PATH...    # other files, or the samples in a folder

Why: the samples are the source of truth and are edited by hand as JSON; this writes a hand edit back the
way the app saves it (``dumps_inspection``), so the file stays diffable and tests/unit/test_samples.py
passes. Only ``saved_by`` may differ (a new app version does not make every sample stale). Files are
replaced atomically with no backup, so nothing is left beside them.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from inspector_app.storage.atomic import atomic_write_bytes
from inspector_app.storage.errors import InspectionFileError
from inspector_app.storage.inspection_file import FILE_SUFFIX, dumps_inspection, loads_inspection

SAMPLES = Path(__file__).resolve().parents[1] / "resources" / "samples"


def canonical(data: bytes, name: str = "inspection") -> bytes:
    """The canonical bytes of the inspection file ``data``. Raises InspectionFileError if it does not load."""
    return dumps_inspection(loads_inspection(data, name))


def is_canonical(data: bytes, name: str = "inspection") -> bool:
    """Whether ``data`` is already canonical, ``saved_by`` aside. Raises InspectionFileError."""
    expected = canonical(data, name)
    if data == expected:
        return True
    saved_by = json.loads(data).get("saved_by")
    if not isinstance(saved_by, str):
        return False
    ours = f' "saved_by": {json.dumps(json.loads(expected)["saved_by"], ensure_ascii=False)},\n'
    theirs = f' "saved_by": {json.dumps(saved_by, ensure_ascii=False)},\n'
    return ours in expected.decode("utf-8") and data == expected.replace(
        ours.encode("utf-8"), theirs.encode("utf-8"), 1
    )


def sample_files(paths: Sequence[Path]) -> list[Path]:
    """The files named, with a folder standing for the ``.inspection`` files in it."""
    files: list[Path] = []
    for path in paths:
        files += sorted(path.glob(f"*{FILE_SUFFIX}")) if path.is_dir() else [path]
    return files


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="change nothing; exit 1 if a file is not canonical"
    )
    parser.add_argument(
        "paths", nargs="*", type=Path, default=[SAMPLES], help="files or folders (default: the samples)"
    )
    args = parser.parse_args(argv)
    files = sample_files(args.paths)
    if not files:
        print("no .inspection files found", file=sys.stderr)
        return 2
    stale: list[Path] = []
    broken = False
    for path in files:
        try:
            data = path.read_bytes()
            if is_canonical(data, path.name):
                continue
            if not args.check:
                atomic_write_bytes(path, canonical(data, path.name))
            stale.append(path)
        except (OSError, InspectionFileError) as error:
            print(f"{path}: {error}", file=sys.stderr)
            broken = True
    for path in stale:
        print(f"{path}: not canonical" if args.check else f"{path}: rewritten")
    return 1 if broken or (args.check and stale) else 0


if __name__ == "__main__":
    raise SystemExit(main())
