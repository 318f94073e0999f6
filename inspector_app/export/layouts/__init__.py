"""The report as an outline: :func:`build_outline` draws an inspection's report as its framework's layout
(``framework.report.spec``, data) says, through one engine (:mod:`.engine`).

No python-docx here: the window's preview builds the same outline the Word writer draws.
"""

from __future__ import annotations

from ...domain.inspection import Inspection
from ..outline import Outline
from . import engine
from .common import Context


def build_outline(inspection: Inspection, *, evidence_annex: bool = False) -> Outline:
    """The report of ``inspection`` (its framework's layout) as an outline, in print order."""
    ctx = Context(inspection, evidence_annex=evidence_annex)
    engine.render(ctx)
    return ctx.outline()
