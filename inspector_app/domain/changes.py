"""Change records: what one editing operation did to the inspection, small and plain.

Every operation in :mod:`.editing` returns the changes it made; :func:`.editing.revert` applies the inverse
of one and returns the change that made. The GUI's undo commands keep them (undo reverts them in reverse
order, redo reverts the inverses) and emit each once to the views that show the record or list it names;
the team layer and the live preview read the same records. No Qt.

================  ===================================  ==============================================
kind              ``record_id`` / ``field``            ``owner_id`` / ``index`` / ``from_index`` / ``old``
================  ===================================  ==============================================
SET               the record and the field set         ``old``: the value before
INSERT            the record inserted / the owner's    the owner, where it went
                  list field ("areas_for_improvement")
REMOVE            the record removed / the list field  the owner, where it was, ``old``: the record
MOVE              the record moved / the list field    the owner, where it went, where it was
================  ===================================  ==============================================

Evidence items are a list of the inspection itself: owner ``inspection.id``, field ``"evidence"``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class ChangeKind(StrEnum):
    SET = "set"
    INSERT = "insert"
    REMOVE = "remove"
    MOVE = "move"


@dataclass(frozen=True, slots=True)
class Change:
    kind: ChangeKind
    record_id: uuid.UUID
    #: SET: the field that changed; INSERT, REMOVE, MOVE: the owner's list field.
    field: str
    #: INSERT, REMOVE, MOVE: the record owning the list.
    owner_id: uuid.UUID | None = None
    #: INSERT: where the record went; REMOVE: where it was; MOVE: where it went.
    index: int = -1
    #: MOVE: where it was.
    from_index: int = -1
    #: SET: the value before; REMOVE: the record removed (what the inverse needs).
    old: Any = None

    @property
    def is_list_change(self) -> bool:
        return self.kind is not ChangeKind.SET

    def __repr__(self) -> str:
        where = f" in {self.owner_id}.{self.field}[{self.index}]" if self.is_list_change else f".{self.field}"
        moved = f" from [{self.from_index}]" if self.kind is ChangeKind.MOVE else ""
        return f"Change({self.kind.value} {self.record_id}{where}{moved})"
