"""One module per ``framework.report.layout``; each has ``steps(ctx)`` and ``render(ctx)``."""

from __future__ import annotations

from types import ModuleType

from ...domain.framework import ReportLayout
from . import crime_2014, peel_pillar

LAYOUTS: dict[ReportLayout, ModuleType] = {
    ReportLayout.CRIME_INSPECTION_2014: crime_2014,
    ReportLayout.PEEL_PILLAR: peel_pillar,
}


def layout_for(layout: ReportLayout) -> ModuleType:
    return LAYOUTS[ReportLayout(layout)]
