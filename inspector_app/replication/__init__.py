"""Team replication: an inspection mirrored in a CRDT document (Yrs, through pycrdt) so that the copies of
several team members merge without a server. Plain Python over the domain model: no Qt, no file format.

A :class:`Replica` is made from an inspection (or from another replica's state), takes edits with
:meth:`Replica.apply`, exchanges :meth:`Replica.state` bytes with :meth:`Replica.merge`, and gives the
merged inspection back validated by the model; :meth:`Replica.conflicts` lists what two members changed
concurrently. See :mod:`.replica` for the document's layout and :mod:`.schema` for what is prose.

Two rules for callers: a client id belongs to one live replica at a time (a member reopening their copy
keeps their id; two machines never share one), and :meth:`Replica.apply` takes the inspection this
replica last gave out (:meth:`Replica.inspection`, read again after each merge) with edits made to it,
since whatever it holds is what the document is made to hold.
"""

from .replica import (
    LAYOUT_VERSION,
    Conflict,
    Replica,
    ReplicationError,
    Writers,
    base_client_id,
    new_client_id,
)

__all__ = [
    "LAYOUT_VERSION",
    "Conflict",
    "Replica",
    "ReplicationError",
    "Writers",
    "base_client_id",
    "new_client_id",
]
