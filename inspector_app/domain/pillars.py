"""One pillar of a programme's inspection, as an inspection of its own: what a pillar's report prints.

A PEEL programme of several pillars (PEEL 2016: effectiveness, efficiency, legitimacy, leadership) was
published pillar by pillar, each its own report. :func:`one_pillar` makes that report's inspection: the
framework cut to the pillar, its assessment and its questions' assessments, and the evidence recorded
against those questions (or against none), with no force page (that is the whole programme's). The
original is not changed.
"""

from __future__ import annotations

from .inspection import Inspection


class UnknownPillarError(LookupError):
    """A pillar id the framework does not have; the message names the ones it has."""


def one_pillar(inspection: Inspection, pillar_id: str) -> Inspection:
    """A copy of ``inspection`` holding only the pillar ``pillar_id`` (see the module)."""
    framework = inspection.framework
    pillar = framework.pillar(pillar_id)
    if pillar is None:
        known = ", ".join(f"{p.id} ({p.title})" for p in framework.pillars)
        raise UnknownPillarError(f"The framework has no pillar '{pillar_id}'. Its pillars: {known}.")
    if len(framework.pillars) == 1:
        return inspection.model_copy(deep=True)
    questions = {q.id for q in pillar.questions}
    copy = inspection.model_copy(deep=True)
    copy.framework.pillars = [p for p in copy.framework.pillars if p.id == pillar_id]
    copy.framework.title = f"{framework.title}: {pillar.title}"
    report = copy.framework.report
    if report.sections is not None:  # the force page is the whole programme's, not a pillar's
        report.sections = [s for s in report.sections if s.kind != "force_page"] or None
    copy.pillars = [p for p in copy.pillars if p.pillar_id == pillar_id]
    copy.questions = [q for q in copy.questions if q.question_id in questions]
    copy.evidence = [e for e in copy.evidence if e.question_id is None or e.question_id in questions]
    return copy
