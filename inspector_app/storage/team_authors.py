"""Who wrote what in a team's file: for each record, the member who created it and who changed it last.

The replica says it by client id (:meth:`~..replication.Replica.writers`); this module names the clients
with the team section's members. A client the section does not list (a member whose copy this file has
merged but whose name it never received) is None, for the window to call "someone else": never an error.
Worked out once per open or merge for every record (tens of milliseconds on 10,000 items), not per edit.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the window reads Authors at start-up, before any team file needs pycrdt
    from ..replication import Replica
    from .team_section import TeamSection


@dataclass(frozen=True)
class Authors:
    """One record's writers by name (None: a client not among the team's members)."""

    #: The record was in the file when its team was formed: who wrote it before is not known.
    original: bool
    created_by: str | None
    #: The last writers since it was made (several when they wrote concurrently); empty: none since.
    changed_by: tuple[str | None, ...]


def authors(team: TeamSection, replica: Replica) -> dict[uuid.UUID, Authors]:
    """Every record of a team file's replica, by id, with its writers named by its team section."""
    names = team.member_names()
    return {
        uuid.UUID(record_id): Authors(
            writers.created_by is None,
            names.get(writers.created_by) if writers.created_by is not None else None,
            tuple(names.get(client) for client in writers.changed_by),
        )
        for record_id, writers in replica.writers().items()
    }
