"""The ``team`` section of a team's ``.inspection`` file: who writes the file, its team, and the history.

A file of a team (a parent that has made copies, or a copy) carries, beside the inspection, the team's
metadata and the CRDT document's state (what merges with the other members' changes), compressed with
zlib and written as base64. A file without a team has no section at all, so a solo file costs nothing
(file format 5)::

    "team": {
     "id": "…",                                 the team's id: the parent's, the same in every copy
     "member": {"name": "Ann", "client_id": 7},  who writes this file (the lead, in the parent)
     "parent": {"path": "/shared/Herts.inspection", "id": "…"},   a copy's parent (null in the parent)
     "members": {"Lead": 3, "Ann": 7},          every member known, by name
     "questions": ["1", "2"],                   the questions this member leads (a copy), if any
     "state": "eJz…"                            the CRDT state, zlib then base64
    }

History is compacted by Yrs itself: the documents garbage-collect (pycrdt's default, ``skip_gc`` off), so
a deleted text or value keeps only its id and length, never its content; what is left is the ids merges
need. Measured (benchmarks/merge.py): a file with its history is 1.3–1.4× the size of the same file
without (10,000 evidence items; bundled samples) and stays within 2× after 1,000 edits a side.
"""

from __future__ import annotations

import base64
import binascii
import uuid
import zlib

from pydantic import BaseModel, ConfigDict, Field, StrictInt

#: A state that would inflate past this is not one (10,000 evidence items make about 12 MB).
MAX_STATE_BYTES = 400 * 1024 * 1024
#: Longest member name.
MAX_NAME_CHARS = 80


class TeamStateError(ValueError):
    """A team state that cannot be decoded (damaged or not one)."""


class Member(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=MAX_NAME_CHARS)
    client_id: StrictInt = Field(gt=0, lt=2**31)


class ParentLink(BaseModel):
    """Where a copy's parent is (the path as given when the copy was made) and which file it is."""

    model_config = ConfigDict(extra="forbid")

    path: str = Field(max_length=4096)
    id: uuid.UUID


class TeamSection(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: uuid.UUID
    member: Member
    parent: ParentLink | None = None
    members: dict[str, StrictInt] = Field(default_factory=dict)
    questions: list[str] = Field(default_factory=list)
    state: str

    @property
    def is_copy(self) -> bool:
        return self.parent is not None

    def member_names(self) -> dict[int, str]:
        """Member names by client id (this file's member included)."""
        names = {client: name for name, client in self.members.items()}
        names[self.member.client_id] = self.member.name
        return names


def pack_state(state: bytes) -> str:
    """A CRDT state as the section stores it: zlib (level 6: 0.36 s and 4× smaller for 12 MB; lzma is a
    quarter smaller again but takes 7 s), then base64."""
    return base64.b64encode(zlib.compress(state, 6)).decode("ascii")


def unpack_state(packed: str, limit: int = MAX_STATE_BYTES) -> bytes:
    """The CRDT state of :func:`pack_state`; TeamStateError when damaged, or inflating beyond ``limit``."""
    try:
        compressed = base64.b64decode(packed.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError):
        raise TeamStateError("its team history is damaged (not base64).") from None
    return inflate(compressed, limit)


def inflate(compressed: bytes, limit: int) -> bytes:
    """zlib data inflated, refusing a bomb: never more than ``limit`` bytes are made."""
    inflater = zlib.decompressobj()
    try:
        data = inflater.decompress(compressed, limit + 1)
    except zlib.error:
        raise TeamStateError("its team history is damaged (it does not decompress).") from None
    if len(data) > limit or inflater.unconsumed_tail:
        raise TeamStateError("its team history is too large to be real.")
    if not inflater.eof:
        raise TeamStateError("its team history is cut short.")
    if inflater.unused_data:
        raise TeamStateError("its team history is damaged (data after its end).")
    return data
