"""Judgements against the scale: the direction of travel from last year's grade."""

from __future__ import annotations

from enum import StrEnum

from .framework import GradingScale


class Direction(StrEnum):
    IMPROVEMENT = "improvement"
    UNCHANGED = "unchanged"
    DETERIORATION = "deterioration"


def direction_of_travel(scale: GradingScale, grade: str | None, last_year: str | None) -> Direction | None:
    """How this year's grade compares with last year's; None when either is missing or ungraded."""
    now, before = scale.rank(grade or ""), scale.rank(last_year or "")
    if now is None or before is None:
        return None
    if now < before:
        return Direction.IMPROVEMENT
    if now > before:
        return Direction.DETERIORATION
    return Direction.UNCHANGED
