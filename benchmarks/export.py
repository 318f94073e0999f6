"""Word export of a large inspection against bare python-docx writing the same content, in the same run.

    python benchmarks/export.py [-n 10000] [--seed 0] [--framework peel-2016-effectiveness] [--repeat 1]

The inspection comes from ``make_large(n, seed)`` (long narratives, many findings, ``n`` evidence items);
it is timed without and with the evidence annex (which writes every item). The baseline opens the same template
and writes the same paragraphs (same text, same style names) and tables (same cells, same table style)
with python-docx's public API — ``add_paragraph(text, style=...)``, ``add_table`` — then saves: what a
straightforward exporter would cost. The content is taken from the export itself, so both write exactly
the same text. Target: export / baseline <= 1.3.
"""

from __future__ import annotations

import argparse
import io
import os
import tempfile
import time
from pathlib import Path

import docx
from docx.oxml.ns import qn
from make_large import make_large
from timing import best_of

from inspector_app import bundled
from inspector_app.export import export_report
from inspector_app.export.template import BUNDLED_TEMPLATE

TARGET = 1.3


def content_of(path: Path) -> list[tuple]:
    """The body of an exported report as ("p", style name, text) and ("t", table style, rows of cells)."""
    document = docx.Document(str(path))
    names = {s.style_id: s.name for s in document.styles}
    items: list[tuple] = []
    for child in document.element.body:
        if child.tag == qn("w:p"):
            style = child.xpath("string(./w:pPr/w:pStyle/@w:val)") or "Normal"
            items.append(("p", names.get(style, "Normal"), "".join(child.xpath(".//w:t/text()"))))
        elif child.tag == qn("w:tbl"):
            rows = [
                [
                    (
                        "".join(tc.xpath(".//w:t/text()")),
                        names.get(tc.xpath("string(.//w:pStyle/@w:val)"), "Normal"),
                    )
                    for tc in tr.iterfind(qn("w:tc"))
                ]
                for tr in child.iterfind(qn("w:tr"))
            ]
            items.append(("t", "Inspection Table", rows))
    return items


def bare_python_docx(template: bytes, content: list[tuple], target: Path) -> None:
    document = docx.Document(io.BytesIO(template))
    for item in content:
        if item[0] == "p":
            document.add_paragraph(item[2], style=item[1])
        else:
            rows = item[2]
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = item[1]
            for row, cells in zip(table.rows, rows, strict=True):
                for cell, (text, style) in zip(row.cells, cells, strict=True):
                    paragraph = cell.paragraphs[0]
                    paragraph.text = text
                    paragraph.style = style
    buffer = io.BytesIO()
    document.save(buffer)
    target.write_bytes(buffer.getvalue())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=10_000, help="evidence items")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--framework", default="peel-2016-effectiveness")
    parser.add_argument("--repeat", type=int, default=1, help="best of this many runs of each")
    args = parser.parse_args()

    started = time.perf_counter()
    inspection = make_large(args.n, args.seed, args.framework)
    print(
        f"built a {args.framework} inspection with {len(inspection.evidence):,} evidence items "
        f"in {time.perf_counter() - started:.1f} s"
    )
    template = bundled.resource(*BUNDLED_TEMPLATE).read_bytes()

    worst = 0.0
    for annex in (False, True):
        with tempfile.TemporaryDirectory() as folder:
            ours = Path(folder) / "export.docx"
            theirs = Path(folder) / "bare.docx"
            export_time = best_of(
                args.repeat,
                lambda ours=ours, annex=annex: export_report(inspection, ours, evidence_annex=annex),
            )
            content = content_of(ours)
            paragraphs = sum(1 for item in content if item[0] == "p")
            cells = sum(len(row) for item in content if item[0] == "t" for row in item[2])
            bare_time = best_of(
                args.repeat,
                lambda content=content, theirs=theirs: bare_python_docx(template, content, theirs),
            )
            sizes = os.path.getsize(ours), os.path.getsize(theirs)
        ratio = export_time / bare_time
        worst = max(worst, ratio)
        print(
            f"\n{'with' if annex else 'without'} the evidence annex: "
            f"{paragraphs:,} body paragraphs, {cells:,} table cells"
        )
        print(f"  export_report:      {export_time:7.3f} s  ({sizes[0] / 1e6:.1f} MB)")
        print(f"  bare python-docx:   {bare_time:7.3f} s  ({sizes[1] / 1e6:.1f} MB)")
        print(f"  ratio:              {ratio:7.2f}x")
    print(
        f"\nworst ratio {worst:.2f}x (target <= {TARGET}x): {'OK' if worst <= TARGET else 'SLOWER THAN TARGET'}"
    )


if __name__ == "__main__":
    main()
