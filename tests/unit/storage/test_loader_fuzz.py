"""Fuzz load_inspection: whatever bytes a file holds, it loads or raises InspectionFileError, and reading it
never changes it.

Over 5,000 cases in all (each test asserts its own count): byte-level damage to valid files (flips,
truncations, insertions, deletions, repeats), JSON-level damage to valid documents (keys deleted, values of
the wrong type, wrong grades and enum values, huge numbers, deep nesting, odd Unicode, unknown keys), random
JSON, envelope-shaped random JSON, and random bytes. Derandomized, so CI sees the same cases every run.
"""

import copy
import datetime as dt
import json
import os
import re
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inspector_app import bundled
from inspector_app.domain.inspection import EvidenceItem, new_inspection
from inspector_app.storage.errors import InspectionFileError
from inspector_app.storage.inspection_file import dumps_inspection, load_inspection

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
FIXTURE = Path(__file__).parents[2] / "fixtures" / "format" / "v1.inspection"
FUZZ = settings(
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)


def _fresh_peel() -> bytes:
    inspection = new_inspection(
        bundled.load_framework("peel-2016-effectiveness"), "Kent Police", "Kent", authors=["A. Inspector"]
    )
    question = inspection.questions[0]
    diagnostic = inspection.framework.questions()[0].diagnostics[0].id
    inspection.evidence.append(
        EvidenceItem(title="Focus group", question_id=question.question_id, diagnostic_id=diagnostic)
    )
    question.grade = "good"
    inspection.created = dt.date(2024, 5, 14)
    # The same ids every run, so derandomized cases are the same cases every run.
    text = dumps_inspection(inspection).decode("utf-8")
    ids: dict[str, str] = {}
    text = UUID.sub(lambda m: ids.setdefault(m.group(), str(uuid.UUID(int=len(ids) + 1))), text)
    return text.encode("utf-8")


VALID_FILES = {
    "v1 fixture": FIXTURE.read_bytes(),
    "fresh PEEL": _fresh_peel(),
    "crime sample": bundled.sample("hertfordshire-crime-inspection-2014").read_bytes(),
}
DOCUMENTS = {name: json.loads(VALID_FILES[name]) for name in ("v1 fixture", "fresh PEEL")}


def test_the_starting_files_are_valid(case_path):
    for data in VALID_FILES.values():
        assert check(case_path, data) == "loaded"


@pytest.fixture(scope="module")
def case_path(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz") / "case.inspection"


def check(path: Path, data: bytes) -> str:
    """Write ``data``, load it, and check the contract; returns "loaded" or the problem."""
    path.write_bytes(data)
    os.utime(path, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    before = (path.stat().st_mtime_ns, sorted(os.listdir(path.parent)))
    refused: InspectionFileError | None = None
    try:
        inspection = load_inspection(path)
    except InspectionFileError as error:
        refused = error
    if refused is None:
        dumps_inspection(inspection)  # whatever loads can be saved again
        outcome = "loaded"
    else:
        assert type(refused) is InspectionFileError
        assert str(refused).startswith('Cannot open "case.inspection": ') and "Traceback" not in str(refused)
        outcome = refused.problem.value
    assert path.read_bytes() == data, "loading changed the file"
    assert (path.stat().st_mtime_ns, sorted(os.listdir(path.parent))) == before, (
        "loading touched the file or folder"
    )
    return outcome


def run(test, minimum: int) -> dict[str, int]:
    """Run a hypothesis test, count its cases by outcome, and make sure it ran at least ``minimum``."""
    outcomes: dict[str, int] = {}
    test(outcomes)
    total = sum(outcomes.values())
    print(f"\n{total} cases: {dict(sorted(outcomes.items()))}")
    assert total >= minimum
    return outcomes


def tally(outcomes: dict[str, int], outcome: str) -> None:
    outcomes[outcome] = outcomes.get(outcome, 0) + 1


# -- byte-level damage to valid files -------------------------------------------------------------------


@st.composite
def damaged_bytes(draw) -> bytes:
    data = bytearray(VALID_FILES[draw(st.sampled_from(sorted(VALID_FILES)))])
    for _ in range(draw(st.integers(1, 4))):
        if not data:
            break
        kind = draw(st.sampled_from(["flip", "truncate", "insert", "delete", "repeat", "replace_char"]))
        at = draw(st.integers(0, len(data) - 1))
        if kind == "flip":
            data[at] ^= draw(st.integers(1, 255))
        elif kind == "truncate":
            del data[at:]
        elif kind == "insert":
            data[at:at] = draw(
                st.binary(min_size=1, max_size=16)
                | st.sampled_from([b"{", b"}", b"[", b'"', b",", b"\\", b"\x00", b"\xef\xbb\xbf", b"\xff"])
            )
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 64))]
        elif kind == "repeat":
            data[at:at] = data[at : at + draw(st.integers(1, 64))]
        else:
            data[at : at + 1] = draw(st.sampled_from(["é", "’", "😀", "\u2028", "\ufeff"])).encode("utf-8")
    return bytes(data)


def test_damaged_valid_files(case_path):
    @settings(FUZZ, max_examples=1800)
    @given(damaged_bytes())
    def fuzz(outcomes, data):
        tally(outcomes, check(case_path, data))

    run(lambda outcomes: fuzz(outcomes), 1500)


# -- JSON-level damage to valid documents --------------------------------------------------------------

#: A string that :func:`serialize` replaces by deep nesting (json.dumps itself would hit the recursion limit).
DEEP = "\u0000deep\u0000"
DEEP_IN_JSON = json.dumps(DEEP)[1:-1]

DOMAIN_WORDS = [
    "",
    "good",
    "outstanding",
    "requires_improvement",
    "Requires improvement",
    "inadequate",
    "ungraded",
    "Ungraded",
    "draft",
    "final",
    "in_review",
    "interview",
    "paragraph",
    "bullet",
    "figure",
    "table",
    "kind",
    "reducing-crime",
    "inspector.inspection",
    "2016-02-30",
    "2016-13-01",
    "00000000-0000-0000-0000-000000000000",
    "not-a-uuid",
    "\ud800",
    "\x00",
    "a\u0301",
    "\u202e",
    "😀" * 50,
    "x" * 10_000,
]
huge_numbers = st.sampled_from(
    [2**63, -(2**63) - 1, 2**64, 10**100, -(10**4000), 10**4299, 1e308, -1e-320, 2**53 + 1]
)
scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | huge_numbers
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
    | st.sampled_from(DOMAIN_WORDS)
    | st.integers(2, 4000).map(lambda depth: DEEP + str(depth))
)
json_values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.text(max_size=12) | st.sampled_from(["id", "kind", "text", "grade", "question_id"]),
            children,
            max_size=4,
        )
    ),
    max_leaves=12,
)


def paths_of(value, prefix=()):
    """Every place in a JSON document, as a tuple of keys and indexes."""
    yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            yield from paths_of(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from paths_of(child, (*prefix, index))


PATHS = {name: list(paths_of(document)) for name, document in DOCUMENTS.items()}


def at(document, path):
    """The value at ``path``; TypeError when a step meets a string, which is indexable but not a place."""
    for step in path:
        if not isinstance(document, (dict, list)):
            raise TypeError(f"no place {step!r} in a {type(document).__name__}")
        document = document[step]
    return document


@st.composite
def damaged_documents(draw) -> bytes:
    name = draw(st.sampled_from(sorted(DOCUMENTS)))
    document = copy.deepcopy(DOCUMENTS[name])
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(PATHS[name]))
        try:
            target = at(document, path)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed this place
        parent = at(document, path[:-1]) if path else None
        kind = draw(
            st.sampled_from(["replace", "delete", "add_key", "wrap", "stringify", "duplicate", "word"])
        )
        if kind == "delete" and parent is not None:
            del parent[path[-1]]
        elif kind == "add_key" and isinstance(target, dict):
            target[draw(st.text(max_size=12) | st.sampled_from(["id", "extra", "format_version"]))] = draw(
                json_values
            )
        elif kind == "duplicate" and isinstance(target, list) and target:
            target.insert(
                draw(st.integers(0, len(target))),
                copy.deepcopy(target[draw(st.integers(0, len(target) - 1))]),
            )
        else:
            if kind == "wrap":
                value = [target]
            elif kind == "stringify":
                value = json.dumps(target)[:200]
            elif kind == "word":
                value = draw(st.sampled_from(DOMAIN_WORDS))
            else:
                value = draw(json_values)
            if parent is None:
                document = value
            else:
                parent[path[-1]] = value
    return serialize(draw, document)


def serialize(draw, document) -> bytes:
    """JSON text of ``document``, in a drawn style; strings made from DEEP become deep nesting."""
    text = json.dumps(
        document, ensure_ascii=draw(st.booleans()), indent=draw(st.sampled_from([None, 1])), allow_nan=True
    )
    first, *rest = text.split('"' + DEEP_IN_JSON)
    pieces = [first]
    for piece in rest:  # each is "<depth>" + '"' + whatever followed the string
        depth, _, after = piece.partition('"')
        opener, closer = draw(st.sampled_from([("[", "]"), ('{"a":', "}")]))
        pieces.append(opener * int(depth) + "1" + closer * int(depth) + after)
    data = "".join(pieces).encode("utf-8", "surrogatepass")  # a lone surrogate makes invalid UTF-8: fine
    return (b"\xef\xbb\xbf" if draw(st.integers(0, 3)) == 0 else b"") + data


def test_damaged_documents(case_path):
    @settings(FUZZ, max_examples=1800)
    @given(damaged_documents())
    def fuzz(outcomes, data):
        tally(outcomes, check(case_path, data))

    outcomes = run(lambda outcomes: fuzz(outcomes), 1500)
    assert outcomes.get("wrong_shape", 0) > 100, "most damage should reach validation"


# -- random JSON, envelope-shaped JSON, random bytes ----------------------------------------------------


@st.composite
def random_json(draw) -> bytes:
    if draw(st.booleans()):
        document = draw(json_values)
    else:
        # Mostly the right marker and version, so the cases reach the checks behind them.
        document = {
            "format": "inspector.inspection" if draw(st.integers(0, 3)) else draw(scalars),
            "format_version": 1 if draw(st.integers(0, 2)) else draw(st.integers(-2, 3) | scalars),
            "inspection": copy.deepcopy(DOCUMENTS["fresh PEEL"]["inspection"])
            if draw(st.integers(0, 4)) == 0
            else draw(json_values),
        }
        if draw(st.booleans()):
            document["saved_by"] = draw(scalars)
    return serialize(draw, document)


def test_random_json(case_path):
    @settings(FUZZ, max_examples=1000)
    @given(random_json())
    def fuzz(outcomes, data):
        tally(outcomes, check(case_path, data))

    run(lambda outcomes: fuzz(outcomes), 900)


def test_random_bytes(case_path):
    prefixes = st.sampled_from(
        [b"", b"{", b'{"format": "inspector.inspection", ', b"\xef\xbb\xbf", b"\xff\xfe", b"PK\x03\x04"]
    )

    @settings(FUZZ, max_examples=700)
    @given(prefixes, st.binary(max_size=3000))
    def fuzz(outcomes, prefix, data):
        tally(outcomes, check(case_path, prefix + data))

    run(lambda outcomes: fuzz(outcomes), 600)


def test_integer_too_long_for_python_is_a_clear_error(case_path):
    data = re.sub(
        rb'"format_version": \d+', b'"format_version": ' + b"9" * 5000, VALID_FILES["fresh PEEL"], count=1
    )
    assert data != VALID_FILES["fresh PEEL"]
    assert check(case_path, data) == "not_json"
