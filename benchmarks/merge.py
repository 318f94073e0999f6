"""Merging two team members' replicas of a large inspection, against loading its file in the same run.

    python benchmarks/merge.py [-n 10000] [--edits 1000] [--seed 0] [--repeat 3] [--no-fail]

Builds make_large(n) and saves it to a temporary .inspection; times loading that file (best of --repeat).
Then makes the lead's replica from the inspection (the CRDT document's first state) and a member's replica
from the lead's state, and makes --edits edits on each side through the editing operations, each applied
to its replica with its change records as the window will: typing into a paragraph, a summary point or an
evidence item's text (a word inserted at a random place), a grade or an evidence item's date changed, an
evidence item added, a paragraph added or removed. Then each side merges what the other has not seen
(update_since its state vector), the merged inspection validated by the model as every merge is; each
merge is timed as the best of --repeat (the others into fresh replicas of the same state). Then who created
and who last changed every record (Replica.writers, as the window asks after each open or merge) is timed.

Prints the times (build, an edit on average, each merge, conflicts), the sizes of the state (whole document,
raw and zlib-compressed) before and after the edits and of the update each side sent, against the file's
size; and the team file's size with its history (the team section: zlib then base64) against the same
file without, before and after the edits (target: about 2x at most), with the time to pack the history. Targets (issue 16): a merge <= 2 s and <= 2x the file's load time. Exit status 1 when over (0 with
--no-fail).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import tempfile
import time
import uuid
import zlib
from pathlib import Path

from make_large import make_large
from timing import best_of

from inspector_app.domain import editing
from inspector_app.domain.blocks import Paragraph
from inspector_app.domain.changes import Change
from inspector_app.domain.inspection import EvidenceItem, Inspection
from inspector_app.replication import Replica
from inspector_app.storage.inspection_file import dumps_inspection, load_inspection, save_inspection
from inspector_app.storage.team_section import Member, TeamSection, pack_state

_WORDS = ("promptly", "consistently", "partners", "victims", "supervision", "£5m", "multi-agency", "risk")


def _sizes(data: bytes) -> str:
    return f"{len(data) / 1e6:7.2f} MB raw, {len(zlib.compress(data, 6)) / 1e6:6.2f} MB compressed"


def _insert_word(rng: random.Random, text: str) -> str:
    spaces = [n for n, char in enumerate(text) if char == " "] or [len(text)]
    at = rng.choice(spaces)
    return text[:at] + " " + rng.choice(_WORDS) + text[at:]


def _edit(rng: random.Random, inspection: Inspection, number: int) -> list[Change]:
    """One edit as the window makes them, chosen at random."""
    roll = rng.random()
    question = rng.choice(inspection.questions)
    if roll < 0.35 and question.sections:
        section = rng.choice(question.sections)
        paragraphs = [b for b in section.blocks if isinstance(b, Paragraph)]
        if paragraphs:
            paragraph = rng.choice(paragraphs)
            return [editing.set_field(inspection, paragraph.id, "text", _insert_word(rng, paragraph.text))]
    if roll < 0.5 and question.summary:
        item = rng.choice(question.summary)
        return [editing.set_field(inspection, item.id, "text", _insert_word(rng, item.text))]
    if roll < 0.7:
        evidence = rng.choice(inspection.evidence)
        return editing.update_evidence(inspection, evidence.id, text=_insert_word(rng, evidence.text))
    if roll < 0.75:
        framework_question = inspection.framework.question(question.question_id)
        if framework_question is not None and framework_question.graded:
            grades = [grade.id for grade in inspection.framework.scale.grades]
            return [editing.set_grade(inspection, question.question_id, rng.choice(grades))]
    if roll < 0.8:
        evidence = rng.choice(inspection.evidence)
        date = dt.date(2024, 2, 5) + dt.timedelta(days=rng.randint(0, 80))
        return editing.update_evidence(inspection, evidence.id, date=date)
    if roll < 0.9:
        item = EvidenceItem(
            id=uuid.UUID(int=rng.getrandbits(128), version=4),
            title=f"New item {number}",
            text="Seen during fieldwork.",
            question_id=question.question_id,
        )
        return [editing.add_evidence(inspection, item)]
    if question.sections:
        section = rng.choice(question.sections)
        if rng.random() < 0.5 and len(section.blocks) > 1:
            block = rng.choice(section.blocks)
            return [editing.remove_record(inspection, section.id, "blocks", block.id)]
        paragraph = Paragraph(id=uuid.UUID(int=rng.getrandbits(128), version=4), text=f"Added {number}.")
        return [editing.insert_record(inspection, section.id, "blocks", rng.randint(0, 2), paragraph)]
    return []


def _make_edits(replica: Replica, edits: int, seed: int) -> float:
    """``edits`` edits applied one by one; the mean time of applying one to the replica, in seconds."""
    rng = random.Random(seed)
    inspection = replica.inspection()
    spent = 0.0
    for number in range(edits):
        changes = _edit(rng, inspection, number)
        start = time.perf_counter()
        replica.apply(inspection, changes)
        spent += time.perf_counter() - start
    return spent / edits


def _timed_merge(replica: Replica, update: bytes, repeat: int) -> float:
    """Merge ``update`` into ``replica``; the best time of that and of ``repeat - 1`` merges of it into
    fresh replicas of the same state (a merge cannot be timed twice on one replica: the second is a no-op)."""
    before = replica.state()
    start = time.perf_counter()
    replica.merge(update)
    best = time.perf_counter() - start
    for _ in range(repeat - 1):
        trial = Replica.from_state(before, replica.client_id)
        start = time.perf_counter()
        trial.merge(update)
        best = min(best, time.perf_counter() - start)
    return best


def _with_history(inspection: Inspection, state: bytes) -> tuple[int, int, float]:
    """The file's size without and with its team section, and the time to pack the state."""
    start = time.perf_counter()
    packed = pack_state(state)
    pack = time.perf_counter() - start
    team = TeamSection(
        id=uuid.uuid4(), member=Member(name="Lead", client_id=1), members={"Lead": 1}, state=packed
    )
    return len(dumps_inspection(inspection)), len(dumps_inspection(inspection, team)), pack


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=10_000, help="evidence items")
    parser.add_argument("--edits", type=int, default=1_000, help="edits on each side")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-fail", action="store_true")
    args = parser.parse_args()

    inspection = make_large(args.n, seed=args.seed)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "large.inspection"
        save_inspection(inspection, path)
        file_bytes = path.read_bytes()
        load = best_of(args.repeat, lambda: load_inspection(path))

    start = time.perf_counter()
    lead = Replica.from_inspection(inspection, 1)
    build = time.perf_counter() - start
    first_state = lead.state()
    start = time.perf_counter()
    member = Replica.from_state(first_state, 2)
    join = time.perf_counter() - start
    start = time.perf_counter()
    lead.inspection()
    read = time.perf_counter() - start

    lead_edit = _make_edits(lead, args.edits, args.seed + 1)
    member_edit = _make_edits(member, args.edits, args.seed + 2)

    to_member = lead.update_since(member.state_vector())
    to_lead = member.update_since(lead.state_vector())
    merge_member = _timed_merge(member, to_member, args.repeat)
    merge_lead = _timed_merge(lead, to_lead, args.repeat)
    start = time.perf_counter()
    conflicts = lead.conflicts()
    conflict_time = time.perf_counter() - start
    writers = lead.writers()
    writers_time = best_of(args.repeat, lead.writers)
    changed = sum(1 for entry in writers.values() if entry.changed_by)
    converged = lead.inspection().model_dump() == member.inspection().model_dump()
    final_state = lead.state()

    print(f"inspection: {args.n:,} evidence items; {args.edits:,} edits on each side; seed {args.seed}")
    print(f"file                 {_sizes(file_bytes)}; load {load * 1000:.0f} ms (best of {args.repeat})")
    print(f"state, first         {_sizes(first_state)}")
    print(f"state, after edits   {_sizes(final_state)}")
    print(f"update lead → member {_sizes(to_member)}")
    print(f"update member → lead {_sizes(to_lead)}")
    print(f"build from inspection {build * 1000:7.0f} ms; member from state {join * 1000:.0f} ms")
    print(f"inspection from state {read * 1000:7.0f} ms")
    print(
        f"one edit applied      {lead_edit * 1000:7.2f} ms (lead), {member_edit * 1000:.2f} ms (member) mean"
    )
    slowest = max(merge_member, merge_lead)
    verdict = "ok" if slowest <= 2.0 and slowest <= 2 * load else "SLOW"
    print(
        f"merge                 {merge_member * 1000:7.0f} ms (member), {merge_lead * 1000:.0f} ms (lead), "
        f"best of {args.repeat}; "
        f"{slowest / load:.2f}x load; target <= 2 s and <= 2x load: {verdict}"
    )
    print(
        f"conflicts             {len(conflicts)} found in {conflict_time * 1000:.0f} ms; converged: {converged}"
    )
    print(
        f"who wrote what        {len(writers):,} records ({changed:,} changed since the first state) "
        f"in {writers_time * 1000:.0f} ms (best of {args.repeat}), once per open or merge"
    )
    for when, held, state in (
        ("before edits", inspection, first_state),
        ("after edits ", lead.inspection(), final_state),
    ):
        plain, team, pack = _with_history(held, state)
        print(
            f"file with history     {when}: {team / 1e6:.2f} MB against {plain / 1e6:.2f} MB without "
            f"({team / plain:.2f}x; target about 2x at most); history packed in {pack * 1000:.0f} ms"
        )
    return 0 if (verdict == "ok" and converged) or args.no_fail else 1


if __name__ == "__main__":
    raise SystemExit(main())
