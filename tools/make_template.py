"""Regenerate resources/templates/report.docx, the Word template the export uses by default.

    .venv/bin/python tools/make_template.py [OUTPUT]

The styles are defined in inspector_app/export/house_style.py (one place for the report's look); this
script builds the template from python-docx's default one, checks that it defines every style the export
needs, and writes it. Run it again after changing house_style.py or a bundled framework's grades.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from inspector_app import bundled  # noqa: E402
from inspector_app.export.house_style import make_template  # noqa: E402
from inspector_app.export.template import missing_styles  # noqa: E402
from inspector_app.storage.atomic import atomic_write_bytes  # noqa: E402

DEFAULT_OUTPUT = REPO / "resources" / "templates" / "report.docx"


def main(argv: list[str]) -> int:
    output = Path(argv[0]) if argv else DEFAULT_OUTPUT
    frameworks = bundled.frameworks()
    document = make_template(frameworks)
    missing = missing_styles(document, frameworks)
    if missing:
        print(f"make_template: the template lacks {', '.join(missing)}", file=sys.stderr)
        return 1
    buffer = io.BytesIO()
    document.save(buffer)
    data = reproducible(buffer.getvalue())
    output.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(output, data)
    print(f"Wrote {output} ({len(data):,} bytes).")
    return 0


def reproducible(docx_bytes: bytes) -> bytes:
    """The same package with fixed zip timestamps, so regenerating an unchanged template changes no byte."""
    output = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(docx_bytes)) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2024, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return output.getvalue()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
