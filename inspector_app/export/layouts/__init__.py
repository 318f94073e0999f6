"""One module per ``framework.report.layout``; each has ``render(ctx)``, which adds the report's nodes to
a :class:`~.common.Context`. :func:`build_outline` is the way in: an inspection to its outline.

No python-docx here: the window's preview builds the same outline the Word writer draws.
"""

from __future__ import annotations

from types import ModuleType

from ...domain.framework import ReportLayout
from ...domain.inspection import Inspection
from ..outline import Outline
from . import crime_2014, peel_pillar
from .common import Context

LAYOUTS: dict[ReportLayout, ModuleType] = {
    ReportLayout.CRIME_INSPECTION_2014: crime_2014,
    ReportLayout.PEEL_PILLAR: peel_pillar,
}


def layout_for(layout: ReportLayout) -> ModuleType:
    return LAYOUTS[ReportLayout(layout)]


def build_outline(inspection: Inspection, *, evidence_annex: bool = False) -> Outline:
    """The report of ``inspection`` (its framework's layout) as an outline, in print order."""
    ctx = Context(inspection, evidence_annex=evidence_annex)
    layout_for(inspection.framework.report.layout).render(ctx)
    return ctx.outline()
