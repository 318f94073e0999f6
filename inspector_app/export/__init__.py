"""Assessment -> Word report through a styled template (python-docx; no Qt).

Public API::

    export_report(inspection, output_path, *, template=None, evidence_annex=False, progress=None,
                  strict=False) -> Path   # strict: refuse while the text may hold personal data
    lint_template(path) -> list[str]      # the styles a template lacks
    ExportError                           # the only exception raised; its message is for the inspector

Modules: ``template`` (open, refuse, lint), ``package`` (a template opened safely: the zip-bomb guard
and the parts a report keeps), ``scrub`` (cleaning those parts), ``fields`` (which Word fields may stay),
``sanitize`` (text hygiene, bounds and quoting), ``docx_writer`` (styled paragraphs, lists, tables,
fields, footnotes, properties), ``footnotes``, ``styles`` (style names), ``house_style`` (the bundled
template's look), ``layouts`` (one per framework report layout), ``report``.

The report never makes Word fetch anything: no relationship points outside it, and every field left in
it computes from the document alone.
"""

from __future__ import annotations

from .errors import ExportError
from .report import build_report, export_report
from .template import lint_template

__all__ = ["ExportError", "build_report", "export_report", "lint_template"]
