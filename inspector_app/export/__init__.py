"""Assessment -> Word report through a styled template (python-docx; no Qt).

Public API::

    export_report(inspection, output_path, *, template=None, evidence_annex=False, progress=None,
                  strict=False) -> Path   # strict: refuse while the text may hold personal data
    lint_template(path) -> TemplateLint   # what a template does to a report: styles copied in, header
    ExportError                           # the only exception raised; its message is for the inspector

    build_outline(inspection, *, evidence_annex=False) -> Outline   # from .layouts: the report, neutral
    word_counts(outline) -> WordCounts                               # from .outline

Modules: ``outline`` (the report as plain nodes: headings, paragraphs, bullets, lettered lists, tables,
grades, figures, footnote marks, page breaks), ``layouts`` (one per framework report layout: inspection ->
outline), ``docx_writer`` (the Word renderer of an outline: styled paragraphs, lists, tables, fields,
footnotes, properties), ``template`` (open, refuse), ``style_copy`` (the styles a template lacks, copied
from the standard one), ``template_lint`` (what a template will do to a report), ``package`` (a template opened safely: the
zip-bomb guard and the parts a report keeps), ``scrub`` (cleaning those parts), ``fields`` (which Word
fields may stay), ``sanitize`` (text hygiene, bounds and quoting), ``footnotes``, ``styles`` (style
names), ``house_style`` (the bundled template's look), ``report``.

Importing this package, ``outline`` or ``layouts`` loads neither python-docx nor lxml (the window's
preview builds outlines); the Word entry points load them on first use.

The report never makes Word fetch anything: no relationship points outside it, and every field left in
it computes from the document alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import ExportError

if TYPE_CHECKING:
    from .report import build_report, export_report
    from .template_lint import lint_template

__all__ = ["ExportError", "build_report", "export_report", "lint_template"]

#: The entry points that need python-docx, and the module each comes from (imported on first use).
_LAZY = {"build_report": "report", "export_report": "report", "lint_template": "template_lint"}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
