"""Updates from other machines are read in Python before Yrs sees them: Yrs crashes the process on some
malformed bytes (a broken UTF-8 string: a segfault). What Inspector writes always passes; damage is
refused with ReplicationError; mutated updates that pass never crash the process (a child runs them)."""

from __future__ import annotations

import random
import subprocess
import sys
import textwrap

import pytest
from pycrdt import Doc, Map, Text
from unit.replication.replication_support import exchange, replicas

from inspector_app.domain import editing
from inspector_app.replication import Replica, ReplicationError
from inspector_app.replication.replica import MEMBER_CLIENT_LIMIT, base_client_id
from inspector_app.replication.wire import (
    WireError,
    check_update,
    decode_state_vector,
    encode_state_vector,
    root_map_types,
)


def _edited_pair() -> tuple[Replica, Replica]:
    one, two = replicas(2)
    a, b = one.inspection(), two.inspection()
    one.apply(a, [editing.set_field(a, a.evidence[0].id, "title", "Changed – £5m 😀")])
    two.apply(b, editing.delete_evidence(b, b.evidence[1].id))
    grade = next(g.id for g in b.framework.scale.grades)
    question = next(q.id for q in b.framework.questions() if q.graded)
    two.apply(b, [editing.set_grade(b, question, grade)])
    return one, two


def test_what_inspector_writes_is_well_formed() -> None:
    one, two = _edited_pair()
    for update in (one.state(), two.state(), two.update_since(one.state_vector())):
        check_update(update)
    exchange(one, two)
    check_update(one.state())


def test_a_broken_utf8_string_is_refused_before_yrs_sees_it() -> None:
    doc: Doc = Doc()
    text = doc.get("t", type=Text)
    text += "hello"
    update = doc.get_update()
    broken = update.replace(b"hello", b"hell\x80")
    with pytest.raises(WireError, match="UTF-8"):
        check_update(broken)
    with pytest.raises(ReplicationError, match="cannot be read"):
        Replica.from_state(broken, 1)


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[: len(b) // 2],
        lambda b: b + b"\x00",
        lambda b: b"\xff" * 20,
        lambda b: b"",
        lambda b: b"\x01\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01",
    ],
    ids=["truncated", "trailing", "garbage", "empty", "huge number"],
)
def test_damaged_states_are_refused(damage) -> None:  # type: ignore[no-untyped-def]
    one, _ = _edited_pair()
    with pytest.raises(ReplicationError):
        Replica.from_state(damage(one.state()), 3)


def test_a_merge_of_damaged_bytes_leaves_the_replica_as_it_was() -> None:
    one, two = _edited_pair()
    before = one.state()
    update = two.update_since(one.state_vector())
    assert b"grade" in update
    with pytest.raises(ReplicationError):
        one.merge(update.replace(b"grade", b"grad\xc3", 1))
    assert one.state() == before


def test_state_vectors_round_trip() -> None:
    one, two = _edited_pair()
    exchange(one, two)
    vector = decode_state_vector(one.state_vector())
    assert vector[1] > 0 and vector[2] > 0
    assert decode_state_vector(encode_state_vector(vector)) == vector
    with pytest.raises(WireError):
        decode_state_vector(one.state_vector() + b"\x05")


def test_client_ids_fit_the_32_bits_yrs_writes() -> None:
    """A larger id comes back cut to another number: the first state's writer would not be recognised."""
    (one,) = replicas(1)
    clients = set(decode_state_vector(one.state_vector()))
    assert base_client_id(one.inspection()) in clients
    assert all(client < 2**32 for client in clients)
    assert MEMBER_CLIENT_LIMIT <= base_client_id(one.inspection()) < 2**32


_CHILD = textwrap.dedent(
    """
    import sys
    from pycrdt import Doc
    base = bytes.fromhex(sys.stdin.readline())
    for line in sys.stdin:
        doc = Doc()
        doc.apply_update(base)
        try:
            doc.apply_update(bytes.fromhex(line))
            str(doc.get("records", type=__import__("pycrdt").Map))
        except BaseException as error:
            if not isinstance(error, Exception) and type(error).__name__ != "PanicException":
                raise
    print("survived")
    """
)


@pytest.mark.slow
def test_mutated_updates_that_pass_the_check_never_crash_yrs() -> None:
    one, two = _edited_pair()
    update = two.update_since(one.state_vector())
    rng = random.Random(16)
    passed: list[bytes] = []
    for _ in range(20_000):
        mutated = bytearray(update)
        for _ in range(rng.randint(1, 3)):
            roll = rng.random()
            if roll < 0.6:
                mutated[rng.randrange(len(mutated))] = rng.randrange(256)
            elif roll < 0.8:
                del mutated[rng.randrange(len(mutated))]
            else:
                mutated.insert(rng.randrange(len(mutated)), rng.randrange(256))
        try:
            check_update(bytes(mutated))
        except WireError:
            continue
        passed.append(bytes(mutated))
    assert len(passed) > 500
    lines = "\n".join([one.state().hex(), *(item.hex() for item in passed)]) + "\n"
    result = subprocess.run(
        [sys.executable, "-c", _CHILD],
        input=lines.encode(),
        capture_output=True,
        timeout=600,
        env={"RUST_BACKTRACE": "0", "PATH": ""},
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == b"survived"


def test_root_map_types_names_who_created_each_entry_of_a_root_map() -> None:
    first: Doc = Doc(client_id=11)
    records = first.get("records", type=Map)
    records["a"] = Map({"text": Text("one")})
    first.get("other", type=Map)["b"] = Map({"x": "1"})
    second: Doc = Doc(client_id=22)
    second.apply_update(first.get_update())
    second.get("records", type=Map)["c"] = Map({})
    second.get("records", type=Map)["a"]["text"] += " two"  # inside an entry: not an entry of its own
    assert root_map_types(second.get_update(), "records") == {"a": 11, "c": 22}
    only_second = second.get_update(encode_state_vector({11: decode_state_vector(first.get_state())[11]}))
    assert root_map_types(only_second, "records") == {"c": 22}
