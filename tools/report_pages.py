"""Render the README's pictures of the exported report: a marked draft page, and a report in an
organisation's own template (its cover, header and footer kept).

    .venv/bin/python tools/report_pages.py [OUTDIR]

Exports the bundled crime inspection 2014 sample twice as a PDF through LibreOffice (the app's own
`export --pdf` path: contents with page numbers), marked OFFICIAL-SENSITIVE and in review, once in the
standard template and once in a small organisation template built here, then turns one page of each into a
PNG with pdftoppm (default OUTDIR: packaging/screenshots). Needs LibreOffice Writer and poppler.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import docx
from docx.shared import Pt, RGBColor

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from inspector_app import bundled  # noqa: E402
from inspector_app.domain.inspection import Status  # noqa: E402
from inspector_app.export.pdf import export_pdf  # noqa: E402
from inspector_app.storage.inspection_file import loads_inspection  # noqa: E402

SAMPLE = "hertfordshire-crime-inspection-2014"
#: The page of each report shown: a question page of the draft; the cover of the organisation's report.
DRAFT_PAGE, ORGANISATION_PAGE = 6, 1
DPI = 60


def organisation_template(path: Path) -> Path:
    """A plain .docx as an organisation might have one: a letterhead header with the marking, "Page X of
    Y" in the footer, headings in its own colour and a cover page before a {report} paragraph. It defines
    none of Inspector's own styles: the export copies them in."""
    document = docx.Document()
    heading = document.styles["Heading 1"]
    heading.font.color.rgb = RGBColor(0x7A, 0x1F, 0x3D)
    heading.font.name = "DejaVu Serif"
    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.text = "EXAMPLE INSPECTORATE OF CONSTABULARY — {marking}"
    header.runs[0].font.bold = True
    header.runs[0].font.color.rgb = RGBColor(0x7A, 0x1F, 0x3D)
    section.footer.paragraphs[0].text = "{title} — page {page} of {pages}"
    cover = document.add_paragraph()
    cover.paragraph_format.space_before = Pt(180)
    run = cover.add_run("{programme}")
    run.font.size, run.font.bold = Pt(30), True
    run.font.color.rgb = RGBColor(0x7A, 0x1F, 0x3D)
    document.add_paragraph().add_run("{force}").font.size = Pt(20)
    document.add_paragraph("{status} · {date}")
    document.add_paragraph("{report}")
    document.save(str(path))
    return path


def page_png(pdf: Path, page: int, target: Path) -> None:
    stem = target.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-r", str(DPI), "-png", "-f", str(page), "-l", str(page), "-singlefile", pdf, stem],
        check=True,
    )


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else REPO / "packaging" / "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    for tool in ("soffice", "pdftoppm"):
        if shutil.which(tool) is None:
            print(f"report_pages: {tool} not found (apt-get install libreoffice-writer-nogui poppler-utils)")
            return 1
    inspection = loads_inspection(bundled.sample(SAMPLE).read_bytes(), SAMPLE)
    inspection.status = Status.IN_REVIEW
    inspection.marking = "OFFICIAL-SENSITIVE"
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        draft = export_pdf(inspection, work / "draft.pdf")
        page_png(draft, DRAFT_PAGE, out / "report-draft-marked.png")
        template = organisation_template(work / "organisation.docx")
        own = export_pdf(inspection, work / "organisation.pdf", template=template, warn=lambda line: None)
        page_png(own, ORGANISATION_PAGE, out / "report-organisation-template.png")
    print(f"Wrote {out / 'report-draft-marked.png'} and {out / 'report-organisation-template.png'}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
