"""Change files from outside are refused with a sentence when they are not whole, not ours, from a newer
version, damaged or hostile — and never crash, never write. Merging them is commutative, associative and
idempotent."""

from __future__ import annotations

import base64
import datetime as dt
import itertools
import json
import random
import zlib
from pathlib import Path

import pytest

from inspector_app import bundled
from inspector_app.domain import editing
from inspector_app.domain.inspection import EvidenceItem
from inspector_app.storage.change_file import (
    MAX_CHANGES_BYTES,
    ChangeFileError,
    loads_changes,
    read_changes,
)
from inspector_app.storage.inspection_file import load_inspection, loads_inspection, save_inspection
from inspector_app.storage.team import TeamError, apply_changes, make_copy, open_team_file

PEEL = "hertfordshire-peel-2016-effectiveness"


@pytest.fixture
def team(tmp_path: Path) -> tuple[Path, bytes]:
    """The lead's file and a member's change file with one new evidence item."""
    lead = tmp_path / "Herts.inspection"
    save_inspection(loads_inspection(bundled.sample(PEEL).read_bytes(), PEEL), lead)
    copy = make_copy(lead, "Ann", tmp_path / "ann.inspection")
    copy.record([editing.add_evidence(copy.inspection, EvidenceItem(title="Ann's note"))])
    return lead, copy.changes()


def _document(data: bytes) -> dict:  # type: ignore[type-arg]
    return json.loads(data)


def _refused(lead: Path, tmp_path: Path, data: bytes, match: str) -> None:
    path = tmp_path / "in.changes"
    path.write_bytes(data)
    before = lead.read_bytes()
    with pytest.raises(TeamError, match=match):
        apply_changes(lead, path)
    assert lead.read_bytes() == before


def test_a_change_file_reads_back(team: tuple[Path, bytes]) -> None:
    _, data = team
    changes = loads_changes(data)
    assert changes.member.name == "Ann" and changes.update
    assert _document(data)["format"] == "inspector.changes"


def test_a_change_file_from_a_newer_version_is_refused(team: tuple[Path, bytes], tmp_path: Path) -> None:
    lead, data = team
    document = _document(data)
    document["format_version"] = 2
    document["something_new"] = "?"
    _refused(lead, tmp_path, json.dumps(document).encode(), "newer version of Inspector .*format 2")


@pytest.mark.parametrize(
    ("damage", "match"),
    [
        (lambda d: d[: len(d) // 2], "cut short"),
        (lambda d: b"", "empty"),
        (lambda d: b"\x00\xff" * 100, "not text"),
        (lambda d: b"[1, 2, 3]", "not a change file"),
        (lambda d: b"[" * 100_000, "nested too deeply|not whole"),
        (lambda d: d.replace(b'"format_version": 1', b'"format_version": 1e99'), "format version"),
        (lambda d: d.replace(b'"member": {', b'"member": {"x": 1, '), "damaged"),
    ],
    ids=["truncated", "empty", "binary", "other json", "deep", "bad version", "unknown field"],
)
def test_damaged_change_files_are_refused(team: tuple[Path, bytes], tmp_path: Path, damage, match) -> None:  # type: ignore[no-untyped-def]
    lead, data = team
    _refused(lead, tmp_path, damage(data), match)


def _with_update(data: bytes, update: bytes, compress: bool = True) -> bytes:
    document = _document(data)
    document["update"] = base64.b64encode(zlib.compress(update) if compress else update).decode()
    return json.dumps(document).encode()


def test_hostile_updates_are_refused(team: tuple[Path, bytes], tmp_path: Path) -> None:
    lead, data = team
    good = loads_changes(data).update
    _refused(lead, tmp_path, _with_update(data, b"\x01" * 50), "cannot be read")
    _refused(lead, tmp_path, _with_update(data, good.replace(b"Ann's note", b"Ann's not\xc3")), "UTF-8")
    _refused(lead, tmp_path, _with_update(data, b"not zlib", compress=False), "decompress")
    document = _document(data)
    document["update"] = "!!!not base64!!!"
    _refused(lead, tmp_path, json.dumps(document).encode(), "base64")


def test_a_zip_bomb_is_refused_without_inflating_it(team: tuple[Path, bytes], tmp_path: Path) -> None:
    lead, data = team
    bomb = zlib.compress(b"\x00" * (500 * 1024 * 1024), 9)  # 500 MB of zeros in about 500 KB
    _refused(lead, tmp_path, _with_update(data, bomb, compress=False), "too large")


def test_a_huge_file_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.changes"
    with open(path, "wb") as handle:
        handle.truncate(MAX_CHANGES_BYTES + 1)
    with pytest.raises(ChangeFileError, match="too large"):
        read_changes(path)
    with pytest.raises(ChangeFileError, match=r"folder|ordinary"):
        read_changes(tmp_path)


def test_random_damage_never_crashes_and_never_writes(team: tuple[Path, bytes], tmp_path: Path) -> None:
    lead, data = team
    before = lead.read_bytes()
    rng = random.Random(16)
    document = _document(data)
    update = zlib.decompress(base64.b64decode(document["update"]))
    path = tmp_path / "fuzz.changes"
    for _ in range(150):
        mutated = bytearray(update)
        for _ in range(rng.randint(1, 4)):
            mutated[rng.randrange(len(mutated))] = rng.randrange(256)
        path.write_bytes(_with_update(data, bytes(mutated)))
        try:
            apply_changes(lead, path)
        except TeamError:
            assert lead.read_bytes() == before
        else:
            before = lead.read_bytes()  # a mutation that still made a valid inspection merged
            load_inspection(lead)


def test_merging_is_commutative_associative_and_idempotent(tmp_path: Path) -> None:
    lead = tmp_path / "Herts.inspection"
    save_inspection(loads_inspection(bundled.sample(PEEL).read_bytes(), PEEL), lead)
    sent = []
    for day, name in enumerate(("Ann", "Bob", "Cat"), 1):
        copy = make_copy(lead, name, tmp_path / f"{name}.inspection")
        inspection = copy.inspection
        copy.record([editing.add_evidence(inspection, EvidenceItem(title=f"{name}'s note"))])
        copy.record([editing.set_field(inspection, inspection.evidence[0].id, "title", f"{name} was here")])
        copy.record(
            editing.update_evidence(inspection, inspection.evidence[0].id, date=dt.date(2024, 3, day))
        )
        path = tmp_path / f"{name}.changes"
        path.write_bytes(copy.changes())
        sent.append(path)
    base = lead.read_bytes()
    results = set()
    for order in [*itertools.permutations(sent), (sent[0], sent[0], sent[1], sent[2], sent[1])]:
        lead.write_bytes(base)
        for path in order:
            apply_changes(lead, path)
        results.add(load_inspection(lead).model_dump_json())
        assert len(open_team_file(lead).replica.conflicts()) == 1  # three dates set at once
    assert len(results) == 1
