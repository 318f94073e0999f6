"""Review rules: a report is not final with reviewers' comments still open, nor without its sign-off."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

from ..editing import EditError, find_record, question_of
from ..inspection import Status
from .core import CheckContext, Flag, Severity, flag, rule
from .places import Place
from .text import question_label

#: How much an open comment matters at each stage: a note while drafting, to be answered in review, and
#: a final report cannot go out with a reviewer's point unanswered.
OPEN_COMMENT_SEVERITY = {
    Status.DRAFT: Severity.ADVICE,
    Status.IN_REVIEW: Severity.WARNING,
    Status.FINAL: Severity.ERROR,
}


@rule("review.open-comment", Severity.ERROR)
def open_comment(ctx: CheckContext) -> Iterator[Flag]:
    """Every reviewer's comment is resolved before the report is final.

    An open comment is a note while drafting (ADVICE), to be answered in review (WARNING), and an ERROR in a
    final report: it cannot go out with a reviewer's point unanswered. A comment on text since deleted is
    kept and said to be so, so the point is not lost with the paragraph.
    """
    inspection = ctx.inspection
    severity = OPEN_COMMENT_SEVERITY[ctx.status]
    for comment in inspection.comments:
        if comment.resolved:
            continue
        who = comment.author or "A reviewer"
        said = " ".join(comment.text.split())
        said = said if len(said) <= 80 else said[:79] + "…"
        if not _exists(ctx, comment.target_id):
            place = Place(None, "comments", comment.id, "Comment on deleted text")
            yield flag(place, f"{who}'s comment is still open, on text since deleted: “{said}”", severity)
            continue
        question = question_of(inspection, comment.target_id)
        qid = question.question_id if question else None
        label = question_label(inspection, qid) if qid else "Report"
        place = Place(qid, "comments", comment.target_id, f"{label} › Comment by {who}")
        yield flag(place, f"{who}'s comment is still open: “{said}”", severity)


@rule("review.not-signed-off", Severity.WARNING)
def not_signed_off(ctx: CheckContext) -> Iterator[Flag]:
    """A final report names who signed it off.

    The window asks for the name when the status is set to final. A file made final before sign-off was
    recorded (file format 6), or edited by other means, lacks it: a WARNING, since the report itself may
    well be right.
    """
    inspection = ctx.inspection
    if inspection.status == Status.FINAL and not inspection.signed_off_by.strip():
        place = Place(None, "status", inspection.id, "Report details › Status")
        yield flag(place, "The report is final but nobody is recorded as signing it off.")


def _exists(ctx: CheckContext, record_id: uuid.UUID) -> bool:
    try:
        find_record(ctx.inspection, record_id)
    except EditError:
        return False
    return True
