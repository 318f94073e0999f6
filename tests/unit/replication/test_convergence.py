"""Property: random edits on 2–4 replicas, exchanged in random orders, converge to one inspection; no edit
is lost; and conflicts are reported exactly when two replicas changed one scalar concurrently (or one
deleted a record another edited), judged against what each replica had seen when it wrote (an oracle
kept by the test, independent of the engine's log)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st
from unit.replication.replication_support import exchange, sample

from inspector_app.domain import editing
from inspector_app.domain.blocks import Paragraph
from inspector_app.domain.inspection import Inspection
from inspector_app.replication import Replica

_INSPECTION = sample()
_PARAGRAPHS: list[uuid.UUID] = []
_SECTIONS: list[uuid.UUID] = []
for _question in _INSPECTION.questions:
    for _section in _question.sections:
        _texts = [b for b in _section.blocks if isinstance(b, Paragraph) and " " in b.text]
        if _texts and len(_SECTIONS) < 2:
            _SECTIONS.append(_section.id)
            _PARAGRAPHS.extend(b.id for b in _texts[:2])
_QUESTIONS = [q.id for q in _INSPECTION.framework.questions() if q.graded][:2]
_GRADES = [grade.id for grade in _INSPECTION.framework.scale.grades]


@dataclass(frozen=True)
class _Op:
    number: int
    replica: int
    kind: str  # "text", "delete" (of a paragraph), "grade", "add" (a paragraph)
    target: str
    value: str
    knew: frozenset[int]


def _heads(ops: list[_Op]) -> list[_Op]:
    """Each replica's last op, less those another replica's last op had seen: the concurrent ones."""
    latest: dict[int, _Op] = {}
    for op in ops:
        latest[op.replica] = op
    return [
        op
        for op in latest.values()
        if not any(op.number in other.knew for other in latest.values() if other.replica != op.replica)
    ]


_STEP = st.tuples(
    st.sampled_from(["text", "text", "grade", "add", "delete", "sync", "sync"]),
    st.integers(0, 3),
    st.integers(0, 3),
    st.integers(0, 10_000),
)


@settings(max_examples=30)
@given(st.integers(2, 4), st.lists(_STEP, max_size=12))
def test_random_edits_exchanged_in_random_orders_converge_and_lose_nothing(
    count: int, steps: list[tuple[str, int, int, int]]
) -> None:
    base = Replica.from_inspection(_INSPECTION, 1)
    replicas = [base, *(Replica.from_state(base.state(), n) for n in range(2, count + 1))]
    views: list[Inspection] = [replica.inspection() for replica in replicas]
    known: list[set[int]] = [set() for _ in replicas]
    ops: list[_Op] = []

    def record(replica: int, kind: str, target: str, value: str) -> None:
        op = _Op(len(ops), replica, kind, target, value, frozenset(known[replica]))
        ops.append(op)
        known[replica].add(op.number)

    for kind, who, which, choice in steps:
        r = who % count
        view, replica = views[r], replicas[r]
        if kind == "sync":
            source = which % count
            if source != r:
                replica.merge(replicas[source].state())
                known[r] |= known[source]
                views[r] = replica.inspection()
            continue
        marker = f"⟨{len(ops)}⟩"
        if kind in ("text", "delete"):
            paragraph_id = _PARAGRAPHS[which % len(_PARAGRAPHS)]
            try:
                paragraph = editing.find_record(view, paragraph_id)
            except editing.EditError:
                continue  # deleted in this replica's view
            assert isinstance(paragraph, Paragraph)
            if kind == "text":
                # At a space, so a marker never splits another.
                spaces = [n for n, char in enumerate(paragraph.text) if char == " "] or [len(paragraph.text)]
                at = spaces[choice % len(spaces)]
                text = paragraph.text[:at] + " " + marker + paragraph.text[at:]
                replica.apply(view, [editing.set_field(view, paragraph_id, "text", text)])
                record(r, "text", str(paragraph_id), marker)
            else:
                owner = editing.owner_of(view, paragraph_id)
                assert owner is not None
                replica.apply(view, [editing.remove_record(view, owner.id, "blocks", paragraph_id)])
                record(r, "delete", str(paragraph_id), "")
        elif kind == "grade":
            question_id = _QUESTIONS[which % len(_QUESTIONS)]
            grade = _GRADES[choice % len(_GRADES)]
            if view.question(question_id).grade == grade:
                continue  # no change, no write
            replica.apply(view, [editing.set_grade(view, question_id, grade)])
            record(r, "grade", question_id, grade)
        else:
            section_id = _SECTIONS[which % len(_SECTIONS)]
            added = Paragraph(id=uuid.UUID(int=len(ops) + 1), text=marker)
            replica.apply(view, [editing.insert_record(view, section_id, "blocks", choice % 3, added)])
            record(r, "add", str(added.id), marker)

    exchange(*replicas)

    merged = [replica.inspection() for replica in replicas]
    dumps = [inspection.model_dump() for inspection in merged]
    assert all(dump == dumps[0] for dump in dumps)
    conflicts = replicas[0].conflicts()
    assert all(replica.conflicts() == conflicts for replica in replicas)
    final = merged[0]

    expected: set[tuple[uuid.UUID, str | None]] = set()
    for paragraph_id in _PARAGRAPHS:
        on_it = [op for op in ops if op.target == str(paragraph_id)]
        heads = _heads(on_it)
        if {op.kind for op in heads} == {"text", "delete"}:
            expected.add((paragraph_id, None))
        try:
            paragraph = editing.find_record(final, paragraph_id)
        except editing.EditError:
            assert any(op.kind == "delete" for op in on_it)
            continue
        assert isinstance(paragraph, Paragraph)
        for op in on_it:  # no text edit lost
            assert op.kind == "text" and op.value in paragraph.text
    for question_id in _QUESTIONS:
        writes = [op for op in ops if op.kind == "grade" and op.target == question_id]
        heads = _heads(writes)
        grade = final.question(question_id).grade
        if writes:
            assert grade in {op.value for op in heads}
        if len({op.value for op in heads}) > 1:
            expected.add((final.question(question_id).id, "grade"))
    for op in ops:
        if op.kind == "add":  # no added paragraph lost
            added = editing.find_record(final, uuid.UUID(op.target))
            assert isinstance(added, Paragraph) and added.text == op.value
    assert {(conflict.record_id, conflict.field) for conflict in conflicts} == expected
