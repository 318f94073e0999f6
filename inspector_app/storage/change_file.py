"""A team member's change file (``.changes``): what one member sends the others, in the team folder or by
e-mail or USB. Small UTF-8 JSON with a format marker and version::

    {"format": "inspector.changes", "format_version": 1, "saved_by": "Inspector 1.0",
     "team": "<team id>", "inspection": "<inspection id>",
     "member": {"name": "Ann", "client_id": 7}, "members": {"Lead": 3, "Ann": 7},
     "written": "2024-05-14T09:14:02Z",
     "vector": "<base64: the writer's state vector>", "base": "<base64: the state vector left out>",
     "update": "<base64 of zlib: the CRDT update>"}

The update is everything the writer's document holds but the team's first state (``base``, written once
when the first copy was made, and held by every member): each file is whole in itself — any number of them
merge in any order, any number of times — yet a day's edits on a 10,000-item inspection make kilobytes,
not the megabytes of the first state. Reading refuses, with :class:`ChangeFileError` and a sentence for
the user, a file too large, damaged, cut short, of another kind, or from a newer version; it never writes.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import stat
import uuid
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, ValidationError

from .. import APP_NAME, __version__
from ..replication import Replica
from ..replication.replica import MEMBER_CLIENT_LIMIT
from ..replication.wire import WireError, decode_state_vector, encode_state_vector
from .atomic import atomic_write_bytes
from .team_section import MAX_STATE_BYTES, Member, TeamStateError, inflate

CHANGES_MARKER = "inspector.changes"
CHANGES_VERSION = 1
CHANGES_SUFFIX = ".changes"
#: A change file larger than this is not one (a whole 10,000-item inspection's history is about 4 MB).
MAX_CHANGES_BYTES = 64 * 1024 * 1024


class ChangeFileError(Exception):
    """A change file that cannot be read (or written); ``str()`` is a sentence naming the file."""


class _Envelope(BaseModel):
    model_config = ConfigDict(extra="forbid")

    format: Literal["inspector.changes"]
    format_version: StrictInt
    saved_by: str = Field(default="", max_length=200)
    team: uuid.UUID
    inspection: uuid.UUID
    member: Member
    members: dict[str, StrictInt] = Field(default_factory=dict, max_length=10_000)
    written: dt.datetime
    vector: str
    base: str
    update: str


@dataclass(frozen=True)
class ChangeSet:
    """A change file's content, decoded and checked (the update itself is checked when merged)."""

    team: uuid.UUID
    inspection: uuid.UUID
    member: Member
    members: dict[str, int]
    written: dt.datetime
    vector: dict[int, int]
    base: dict[int, int]
    update: bytes


def first_state_vector(replica: Replica) -> dict[int, int]:
    """The part of a replica's state vector written by the client that made the first state (the one
    client id at or above the members' range): what every member holds, so a change file leaves it out."""
    vector = decode_state_vector(replica.state_vector())
    return {client: clock for client, clock in vector.items() if client >= MEMBER_CLIENT_LIMIT}


def dumps_changes(
    replica: Replica, team: uuid.UUID, inspection: uuid.UUID, member: Member, members: dict[str, int]
) -> bytes:
    base = first_state_vector(replica)
    envelope = _Envelope(
        format=CHANGES_MARKER,
        format_version=CHANGES_VERSION,
        saved_by=f"{APP_NAME} {__version__}",
        team=team,
        inspection=inspection,
        member=member,
        members=members,
        written=dt.datetime.now(dt.UTC).replace(microsecond=0),
        vector=_b64(replica.state_vector()),
        base=_b64(encode_state_vector(base)),
        update=_b64(zlib.compress(replica.update_since(encode_state_vector(base)), 6)),
    )
    return envelope.model_dump_json(indent=1).encode("utf-8") + b"\n"


def write_changes(path: Path, data: bytes) -> None:
    """Write a change file atomically (private to the user when new); ChangeFileError when it fails."""
    try:
        atomic_write_bytes(path, data)
    except OSError as error:
        raise ChangeFileError(
            f'Cannot write the changes "{path.name}": {(error.strerror or str(error)).lower()}.'
        ) from error


def read_changes(path: Path) -> ChangeSet:
    """Read and check a change file; ChangeFileError with a sentence for the user when it is not one."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise _refuse(path, "it is not an ordinary file.")
        if info.st_size > MAX_CHANGES_BYTES:
            raise _refuse(path, "it is far too large to be a change file.")
        with open(path, "rb") as handle:
            data = handle.read(MAX_CHANGES_BYTES + 1)
    except FileNotFoundError:
        raise _refuse(path, "there is no such file.") from None
    except OSError as error:
        raise _refuse(path, f"it could not be read ({(error.strerror or str(error)).lower()}).") from None
    return loads_changes(data, path.name)


def loads_changes(data: bytes, name: str = "changes") -> ChangeSet:
    where = Path(name)
    if len(data) > MAX_CHANGES_BYTES:
        raise _refuse(where, "it is far too large to be a change file.")
    if not data.strip():
        raise _refuse(where, "it is empty (cut short while being copied?).")
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise _refuse(where, "it is not a change file (its content is not text).") from None
    except RecursionError:
        raise _refuse(where, "it is not a change file (its data is nested too deeply).") from None
    except ValueError:
        raise _refuse(where, "it is damaged or cut short (its text is not whole JSON).") from None
    if not isinstance(document, dict) or document.get("format") != CHANGES_MARKER:
        raise _refuse(where, f"it is not a change file of {APP_NAME}.")
    version = document.get("format_version")
    if type(version) is not int or not 0 < version < 1_000_000:
        raise _refuse(where, "it is damaged: its format version is missing or not a real one.")
    if version > CHANGES_VERSION:
        raise _refuse(
            where,
            f"it was written by a newer version of {APP_NAME} (change file format {version}; this version "
            f"reads up to {CHANGES_VERSION}). Install the newer version to apply it.",
        )
    try:
        envelope = _Envelope.model_validate(document)
        vector = decode_state_vector(_unb64(envelope.vector))
        base = decode_state_vector(_unb64(envelope.base))
        update = inflate(_unb64(envelope.update), MAX_STATE_BYTES)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        place = " › ".join(str(part) for part in first["loc"])
        raise _refuse(where, f"it is damaged (at {place}: {first['msg']}).") from None
    except (WireError, TeamStateError, ValueError) as error:
        raise _refuse(where, f"it is damaged ({str(error).rstrip('.')}).") from None
    if not update:
        raise _refuse(where, "it is damaged (it holds no changes).")
    return ChangeSet(
        envelope.team,
        envelope.inspection,
        envelope.member,
        dict(envelope.members),
        envelope.written,
        vector,
        base,
        update,
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        raise ValueError("a part of it is not base64") from None


def _refuse(path: Path, reason: str) -> ChangeFileError:
    return ChangeFileError(f'Cannot apply the changes "{path.name}": {reason}')
