"""Shared by the replication tests: the bundled samples and replicas exchanging their states."""

from __future__ import annotations

import functools

from inspector_app import bundled
from inspector_app.domain.blocks import Paragraph
from inspector_app.domain.inspection import Inspection, NarrativeSection
from inspector_app.replication import Replica
from inspector_app.storage.inspection_file import loads_inspection

CRIME = "hertfordshire-crime-inspection-2014"
PEEL = "hertfordshire-peel-2016-effectiveness"


@functools.cache
def _sample_bytes(name: str) -> bytes:
    return bundled.sample(name).read_bytes()


def sample(name: str = PEEL) -> Inspection:
    return loads_inspection(_sample_bytes(name), name)


def replicas(count: int, name: str = PEEL) -> list[Replica]:
    """``count`` replicas of one sample, made independently (they share the first state)."""
    inspection = sample(name)
    return [Replica.from_inspection(inspection, client) for client in range(1, count + 1)]


def exchange(*replicas: Replica) -> None:
    """Every replica merges every other's state."""
    states = [replica.state() for replica in replicas]
    for replica in replicas:
        for state in states:
            replica.merge(state)


def first_paragraph(inspection: Inspection) -> tuple[NarrativeSection, Paragraph]:
    for question in inspection.questions:
        for section in question.sections:
            for block in section.blocks:
                if isinstance(block, Paragraph) and len(block.text) > 40:
                    return section, block
    raise AssertionError("the sample has no paragraph")
