"""Review: comments on findings, and the report's status from draft through review to final with its
sign-off. Editing operations that return change records, as :mod:`.editing`'s do, so each is one undo step
and reaches the views (and a team's replica) like any edit.

Comments are the team's working notes: they live in the file and are never printed in the report. A
comment whose finding was deleted stays, said to be on deleted text, so a reviewer's point is not lost
with the paragraph.
"""

from __future__ import annotations

import datetime as dt
import uuid

from . import editing
from .changes import Change
from .inspection import Inspection, ReviewComment, Status
from .text import long_date


class ReviewError(ValueError):
    """A review step that cannot be taken; the message says why, for the user."""


def add_comment(
    inspection: Inspection, target_id: uuid.UUID, author: str, text: str, now: dt.datetime | None = None
) -> Change:
    """A new open comment by ``author`` on the record ``target_id``, at the end of the comments."""
    editing.find_record(inspection, target_id)  # EditError: a comment needs something to be on
    author = author.strip()
    if not author:
        raise ReviewError("A comment needs its author's name.")
    comment = ReviewComment(
        target_id=target_id, author=author, text=text, created=now or dt.datetime.now(dt.UTC)
    )
    return editing.insert_record(inspection, inspection.id, "comments", len(inspection.comments), comment)


def set_resolved(inspection: Inspection, comment_id: uuid.UUID, resolved: bool, by: str = "") -> list[Change]:
    """Resolve (by ``by``) or reopen a comment."""
    comment = _comment(inspection, comment_id)
    changes = []
    if comment.resolved != resolved:
        changes.append(editing.set_field(inspection, comment_id, "resolved", resolved))
    who = by.strip() if resolved else ""
    if comment.resolved_by != who:
        changes.append(editing.set_field(inspection, comment_id, "resolved_by", who))
    return changes


def delete_comment(inspection: Inspection, comment_id: uuid.UUID) -> Change:
    _comment(inspection, comment_id)
    return editing.remove_record(inspection, inspection.id, "comments", comment_id)


def comments_on(inspection: Inspection, record_ids: set[uuid.UUID]) -> list[ReviewComment]:
    """The comments on any of ``record_ids``, in the order they were made."""
    return [c for c in inspection.comments if c.target_id in record_ids]


def open_comments(inspection: Inspection) -> list[ReviewComment]:
    return [c for c in inspection.comments if not c.resolved]


def set_status(
    inspection: Inspection, status: Status, signed_off_by: str = "", today: dt.date | None = None
) -> list[Change]:
    """Move the report to ``status``. Final needs who signs it off (recorded with the date); leaving final
    clears the sign-off, so a report reopened for changes is not shown as signed off."""
    changes: list[Change] = []
    who = signed_off_by.strip()
    if status == Status.FINAL:
        if not who:
            raise ReviewError("A report is made final by someone: give the name of who signs it off.")
        date = today or dt.date.today()
        fields = {"signed_off_by": who, "signed_off_on": date}
    else:
        fields = {"signed_off_by": "", "signed_off_on": None}
    if inspection.status != status:
        changes.append(editing.set_field(inspection, inspection.id, "status", status))
    for name, value in fields.items():
        if getattr(inspection, name) != value:
            changes.append(editing.set_field(inspection, inspection.id, name, value))
    return changes


def sign_off(inspection: Inspection) -> str:
    """ "signed off by A. Lead on 7 March 2025" for a final report signed off; "" otherwise."""
    if inspection.status != Status.FINAL or not inspection.signed_off_by:
        return ""
    on = inspection.signed_off_on
    return f"signed off by {inspection.signed_off_by}" + (f" on {long_date(on)}" if on else "")


def sign_off_line(inspection: Inspection) -> str:
    """ "Final, signed off by A. Lead on 7 March 2025"; the status alone before then."""
    label = {Status.DRAFT: "Draft", Status.IN_REVIEW: "In review", Status.FINAL: "Final"}[inspection.status]
    signed = sign_off(inspection)
    return f"{label}, {signed}" if signed else label


def _comment(inspection: Inspection, comment_id: uuid.UUID) -> ReviewComment:
    comment = next((c for c in inspection.comments if c.id == comment_id), None)
    if comment is None:
        raise KeyError(comment_id)
    return comment
