"""What differs between two versions of one inspection, in sentences an inspector reads at a glance.

Used when the file on disk changed under an open window (another window or a colleague saved it): before
choosing to replace it or save a copy, the inspector sees what the other version holds. No Qt.
"""

from __future__ import annotations

from .inspection import Inspection


def differences(ours: Inspection, theirs: Inspection) -> list[str]:
    """Lines saying how ``theirs`` (the file on disk) differs from ``ours`` (the window); [] when alike."""
    lines: list[str] = []
    if ours.id != theirs.id:
        lines.append("It is a different inspection altogether.")
    framework = ours.framework
    scale = framework.scale
    for core in framework.questions():
        try:
            mine, other = ours.question(core.id), theirs.question(core.id)
        except KeyError:
            continue
        if mine.grade != other.grade:
            lines.append(
                f"{ours.framework.question_label(core.id)} is graded {scale.label(other.grade)} there, {scale.label(mine.grade)} here."
            )
    for label, (there, here) in (
        ("evidence items", (len(theirs.evidence), len(ours.evidence))),
        (
            "areas for improvement",
            (_count(theirs, "areas_for_improvement"), _count(ours, "areas_for_improvement")),
        ),
        ("causes of concern", (_count(theirs, "causes_of_concern"), _count(ours, "causes_of_concern"))),
        ("narrative blocks", (_blocks(theirs), _blocks(ours))),
    ):
        if there != here:
            lines.append(f"It has {there:,} {label}; this window has {here:,}.")
    if not lines and ours != theirs:
        lines.append("Some of its text differs from this window's.")
    return lines


def _count(inspection: Inspection, field: str) -> int:
    return sum(len(getattr(question, field)) for question in inspection.questions)


def _blocks(inspection: Inspection) -> int:
    return sum(len(section.blocks) for question in inspection.questions for section in question.sections)
