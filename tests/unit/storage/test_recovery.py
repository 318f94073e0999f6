"""Recovery copies: written atomically, listed newest first with a description, loaded, discarded, kept aside."""

import datetime as dt
import json
import logging
import os
import stat
import subprocess
import sys
import uuid
from pathlib import Path

import platformdirs
import pytest

from inspector_app import bundled
from inspector_app.domain.blocks import Paragraph
from inspector_app.domain.inspection import EvidenceItem, NarrativeSection, new_inspection
from inspector_app.storage import lock
from inspector_app.storage import recovery as recovery_module
from inspector_app.storage.errors import InspectionFileError
from inspector_app.storage.inspection_file import dumps_inspection, load_inspection
from inspector_app.storage.recovery import (
    describe,
    discard_recovery,
    list_recoveries,
    recoveries_for,
    recovery_dir,
    recovery_key,
    write_recovery,
)


@pytest.fixture(autouse=True)
def state(tmp_path, monkeypatch):
    folder = tmp_path / "state"
    monkeypatch.setenv("INSPECTOR_STATE_DIR", str(folder))
    return folder


@pytest.fixture
def inspection():
    inspection = new_inspection(
        bundled.load_framework("peel-2016-effectiveness"), "Hertfordshire Constabulary", "Hertfordshire"
    )
    questions = inspection.questions  # four graded questions and one ungraded (specialist capabilities)
    for question, grade in zip(questions, ["good", "requires_improvement", "inadequate"], strict=False):
        question.grade = grade
    questions[0].sections.append(
        NarrativeSection(theme="Crime", blocks=[Paragraph(text="The force is good at it.")])
    )
    for n in range(25):
        inspection.evidence.append(EvidenceItem(title=f"Interview {n}", text="Spoke to the duty inspector"))
    return inspection


@pytest.fixture
def original(tmp_path):
    return tmp_path / "docs" / "Hertfordshire.inspection"


def test_recovery_dir_honours_the_environment(state, monkeypatch):
    assert recovery_dir() == state / "recovery"
    monkeypatch.delenv("INSPECTOR_STATE_DIR")
    assert recovery_dir() == platformdirs.user_state_path("Inspector", appauthor=False) / "recovery"


def test_write_list_load_round_trip(inspection, original):
    key = recovery_key(original, inspection.id)
    path = write_recovery(inspection, original, key)
    assert path == recovery_dir() / f"{key}.inspection"
    assert path.read_bytes() == dumps_inspection(inspection), "an ordinary inspection file"
    (found,) = list_recoveries()
    assert found.key == key and found.path == path
    assert found.original_path == original.resolve()
    assert found.force == "Hertfordshire Constabulary"
    assert found.framework_title == inspection.framework.title
    assert (found.evidence_items, found.questions_graded, found.questions) == (25, 3, 4)
    assert found.words == 25 * (2 + 5) + (1 + 6) + _framework_text_words(inspection)
    assert abs(found.saved_at - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=1)
    assert found.load() == inspection


def _framework_text_words(inspection):
    """Words copied in from the framework's standard texts (introduction, methodology, openings) and the names."""
    fresh = new_inspection(inspection.framework, "Hertfordshire Constabulary", "Hertfordshire")
    return recovery_module._count_words(fresh.model_dump(exclude={"framework"}))


def test_sidecar_is_small_readable_json(inspection, original):
    key = recovery_key(original, inspection.id)
    write_recovery(inspection, original, key)
    meta = json.loads((recovery_dir() / f"{key}.json").read_text(encoding="utf-8"))
    assert meta["recovery_of"] == str(original.resolve())
    assert meta["counts"] == {
        "evidence_items": 25,
        "questions_graded": 3,
        "questions": 4,
        "words": list_recoveries()[0].words,
    }
    assert meta["inspection_id"] == str(inspection.id)
    dt.datetime.fromisoformat(meta["saved_at"])


def test_describe_reads_as_a_sentence(inspection, original):
    write_recovery(inspection, original, recovery_key(original, inspection.id))
    (found,) = list_recoveries()
    now = found.saved_at.astimezone()
    clock = now.strftime("%H:%M")
    assert describe(found, now) == (
        f"Recovered copy of Hertfordshire.inspection taken at {clock} today: 3 of 4 questions graded, 25 evidence items."
    )


def test_describe_an_untitled_document(inspection):
    inspection.evidence = inspection.evidence[:1]
    write_recovery(inspection, None, recovery_key(None, inspection.id))
    (found,) = list_recoveries()
    assert found.original_path is None
    assert describe(found).startswith(
        "Recovered copy of an unsaved inspection of Hertfordshire Constabulary taken at "
    )
    assert describe(found).endswith(": 3 of 4 questions graded, 1 evidence item.")


def test_later_writes_replace_the_copy_and_listing_is_newest_first(inspection, tmp_path):
    first, second = tmp_path / "a.inspection", tmp_path / "b.inspection"
    write_recovery(inspection, first, recovery_key(first, inspection.id))
    write_recovery(inspection, second, recovery_key(second, inspection.id))
    inspection.authors = ["later"]
    write_recovery(inspection, first, recovery_key(first, inspection.id))
    found = list_recoveries()
    assert [r.original_path.name for r in found] == ["a.inspection", "b.inspection"]
    assert found[0].load().authors == ["later"]
    assert len(os.listdir(recovery_dir())) == 4


def test_recoveries_for_finds_the_file_by_any_name(inspection, original, tmp_path):
    original.parent.mkdir()
    write_recovery(inspection, original, recovery_key(original, inspection.id))
    write_recovery(inspection, None, recovery_key(None, inspection.id))
    alias = tmp_path / "alias"
    alias.symlink_to(original.parent)
    (found,) = recoveries_for(alias / ".." / "docs" / "Hertfordshire.inspection")
    assert found.original_path == original.resolve()
    assert recoveries_for(tmp_path / "other.inspection") == []


def test_discard_removes_both_files(inspection, original):
    key = recovery_key(original, inspection.id)
    write_recovery(inspection, original, key)
    list_recoveries()[0].discard()
    assert list_recoveries() == []
    assert os.listdir(recovery_dir()) == []
    write_recovery(inspection, original, key)
    discard_recovery(key)
    discard_recovery(key)  # nothing left: no error
    assert os.listdir(recovery_dir()) == []


def test_keep_aside_moves_it_out_as_an_ordinary_file(inspection, original, tmp_path):
    write_recovery(inspection, original, recovery_key(original, inspection.id))
    (found,) = list_recoveries()
    aside = tmp_path / "aside"
    aside.mkdir()
    kept = found.keep_aside(aside)
    stamp = found.saved_at.astimezone().strftime("%Y-%m-%d %H%M")
    assert kept == aside / f"Hertfordshire (recovered {stamp}).inspection"
    assert load_inspection(kept) == inspection
    assert list_recoveries() == []
    # a second copy with the same name does not overwrite the first
    write_recovery(inspection, original, recovery_key(original, inspection.id))
    again = list_recoveries()[0]
    object.__setattr__(again, "saved_at", found.saved_at)
    second = again.keep_aside(aside)
    assert second.name == f"Hertfordshire (recovered {stamp}) 2.inspection"
    assert load_inspection(kept) == inspection


def test_keep_aside_of_an_untitled_document_uses_a_safe_name(inspection, tmp_path):
    inspection.force.name = 'Avon/Somerset: "North"'
    write_recovery(inspection, None, recovery_key(None, inspection.id))
    kept = list_recoveries()[0].keep_aside(tmp_path)
    assert kept.name.startswith("Avon-Somerset- -North- (recovered ")
    assert kept.parent == tmp_path


def test_keep_aside_that_fails_keeps_the_recovery(inspection, original, tmp_path, monkeypatch):
    write_recovery(inspection, original, recovery_key(original, inspection.id))
    (found,) = list_recoveries()

    def refuse(path, data):
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(recovery_module, "atomic_write_bytes", refuse)
        with pytest.raises(OSError, match="No space left"):
            found.keep_aside(tmp_path)
    assert [p.name for p in tmp_path.glob("*.inspection")] == []
    assert list_recoveries() == [found]


def test_damaged_copies_are_set_aside_and_logged_and_unreadable_ones_skipped(inspection, original, caplog):
    write_recovery(inspection, original, recovery_key(original, inspection.id))
    folder = recovery_dir()
    (folder / "new-broken.inspection").write_bytes(b'{"format": "inspector.inspection", "format_ver')
    (folder / "new-broken.json").write_text("{}", encoding="utf-8")
    (folder / "new-noise.inspection").write_bytes(os.urandom(200))
    (folder / "new-folder.inspection").mkdir()
    (folder / "orphan.json").write_text("{}", encoding="utf-8")
    (folder / "not a key!.inspection").write_bytes(dumps_inspection(inspection))
    (folder / ".new-x.inspection.abc.tmp").write_bytes(b"half")
    with caplog.at_level(logging.WARNING, logger="inspector_app.storage.recovery"):
        found = list_recoveries()
    assert [r.original_path for r in found] == [original.resolve()]
    assert "new-broken.inspection" in caplog.text and "new-noise.inspection" in caplog.text
    assert not (folder / "new-broken.inspection").exists(), "set aside, where no autosave overwrites it"
    kept = sorted(p.name for p in recovery_module.damaged_dir().iterdir())
    assert [name.rsplit("-", 2)[0] for name in kept if name.endswith(".inspection")] == [
        "new-broken",
        "new-noise",
    ]
    assert {p.name for p in recovery_module.take_set_aside()} == {
        n for n in kept if n.endswith(".inspection")
    }
    assert recovery_module.take_set_aside() == [], "reported once"


def test_copy_without_a_usable_description_is_described_by_loading_it(inspection, original):
    key = recovery_key(original, inspection.id)
    write_recovery(inspection, original, key)
    meta_path = recovery_dir() / f"{key}.json"
    expected = list_recoveries()[0]
    # a crash between the two writes: the description belongs to the previous copy
    inspection.evidence.pop()
    recovery_dir().joinpath(f"{key}.inspection").write_bytes(dumps_inspection(inspection))
    (found,) = list_recoveries()
    assert found.evidence_items == 24 and found.original_path == expected.original_path
    # the description is lost altogether
    meta_path.unlink()
    (found,) = list_recoveries()
    assert (found.evidence_items, found.original_path, found.force) == (
        24,
        None,
        "Hertfordshire Constabulary",
    )
    # the description is garbage
    meta_path.write_bytes(b"\xff{")
    assert list_recoveries()[0].evidence_items == 24


def test_description_with_matching_hash_but_bad_fields_falls_back(inspection, original):
    key = recovery_key(original, inspection.id)
    write_recovery(inspection, original, key)
    meta_path = recovery_dir() / f"{key}.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["counts"] = "lots"
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    assert list_recoveries()[0].evidence_items == 25


def test_load_of_a_copy_damaged_after_listing_raises_the_usual_error(inspection, original):
    write_recovery(inspection, original, recovery_key(original, inspection.id))
    (found,) = list_recoveries()
    found.path.write_bytes(b"")
    with pytest.raises(InspectionFileError):
        found.load()


def test_key_is_stable_per_file_and_per_untitled_document(tmp_path, monkeypatch):
    path = tmp_path / "a.inspection"
    first_id, second_id = uuid.uuid4(), uuid.uuid4()
    assert recovery_key(path, first_id) == recovery_key(path, second_id) == recovery_key(str(path), first_id)
    monkeypatch.chdir(tmp_path)
    assert recovery_key("a.inspection", first_id) == recovery_key(path, first_id)
    assert recovery_key(tmp_path / "sub" / ".." / "a.inspection", first_id) == recovery_key(path, first_id)
    assert recovery_key(tmp_path / "b.inspection", first_id) != recovery_key(path, first_id)
    assert recovery_key(None, first_id) == recovery_key(None, str(first_id))
    assert recovery_key(None, first_id) != recovery_key(None, second_id)
    assert recovery_key(None, first_id) != recovery_key(path, first_id)
    for key in (recovery_key(path, first_id), recovery_key(None, first_id)):
        assert recovery_module._KEY.fullmatch(key)
    # the same across processes (no per-run salt): a known value
    assert recovery_key(None, "00000000-0000-0000-0000-000000000000").startswith("new-")
    assert (
        recovery_key(None, "00000000-0000-0000-0000-000000000000")
        == "new-" + "12b9377cbe7e5c94e8a70d9d23929523d14afa954793130f8a3959c7b849aca8"[:24]
    )


def test_keys_that_could_escape_the_folder_are_refused(inspection):
    for key in ("../x", "a/b", "", "x" * 101, "a.b"):
        with pytest.raises(ValueError, match="not a recovery key"):
            write_recovery(inspection, None, key)
    assert not recovery_dir().exists()


def test_recovery_folder_is_private(inspection):
    write_recovery(inspection, None, recovery_key(None, inspection.id))
    if os.name == "posix":
        assert stat.S_IMODE(recovery_dir().stat().st_mode) == 0o700


def test_a_failed_write_keeps_the_previous_copy(inspection, original, monkeypatch):
    key = recovery_key(original, inspection.id)
    write_recovery(inspection, original, key)
    before = sorted((p.name, p.read_bytes()) for p in recovery_dir().iterdir())

    def refuse(*args, **kwargs):
        raise OSError(28, "No space left on device")

    inspection.authors = ["lost?"]
    with monkeypatch.context() as patch:
        patch.setattr(recovery_module, "atomic_write_bytes", refuse)
        with pytest.raises(OSError, match="No space left"):
            write_recovery(inspection, original, key)
    assert sorted((p.name, p.read_bytes()) for p in recovery_dir().iterdir()) == before


def test_old_temporary_files_are_tidied(inspection):
    key = recovery_key(None, inspection.id)
    write_recovery(inspection, None, key)
    stale = recovery_dir() / f".{key}.inspection.abc.tmp"
    stale.write_bytes(b"half")
    os.utime(stale, (0, 0))
    write_recovery(inspection, None, key)
    assert not stale.exists()


def test_listing_without_a_folder(state):
    assert list_recoveries() == []
    assert not state.exists()


def dead_pid():
    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True
    )
    return int(child.stdout)


def rewrite_meta(key, **changes):
    meta_path = recovery_dir() / f"{key}.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update(changes)
    meta_path.write_text(json.dumps(meta), encoding="utf-8")


def test_our_own_live_autosave_is_not_offered_as_a_crash_leftover(inspection, original, monkeypatch):
    key = recovery_key(original, inspection.id)
    write_recovery(inspection, original, key)
    (found,) = list_recoveries()
    assert (found.host, found.pid) == (lock.this_host(), os.getpid())
    assert found.writer_running()
    assert list_recoveries(include_running=False) == []
    # a copy with our pid that this process did not write was left by an earlier process with the same pid
    monkeypatch.setattr(recovery_module, "_written_here", set())
    assert not list_recoveries()[0].writer_running()
    assert list_recoveries(include_running=False) == [found]


def test_copies_of_dead_or_unknown_writers_are_offered(inspection, tmp_path):
    keys = [recovery_key(tmp_path / f"{n}.inspection", inspection.id) for n in range(4)]
    for n, key in enumerate(keys):
        write_recovery(inspection, tmp_path / f"{n}.inspection", key)
    child = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)
    try:
        rewrite_meta(keys[0], pid=dead_pid())
        rewrite_meta(keys[1], host="LAPTOP-12", pid=child.pid)
        rewrite_meta(keys[2], pid="not a pid", host=None)
        rewrite_meta(keys[3], pid=child.pid)  # another window, still running
        offered = {r.key for r in list_recoveries(include_running=False)}
    finally:
        child.communicate(b"")
    assert offered == set(keys[:3])
    assert {r.key for r in list_recoveries(include_running=False)} == set(keys)


def test_discarding_forgets_that_we_wrote_it(inspection):
    key = recovery_key(None, inspection.id)
    write_recovery(inspection, None, key)
    discard_recovery(key)
    assert key not in recovery_module._written_here


def test_a_file_name_that_is_not_utf8_gets_a_recovery_copy_and_keeps_its_name(inspection, tmp_path):
    original = Path(os.fsdecode(bytes(tmp_path) + b"/caf\xe9.inspection"))
    key = recovery_key(original, inspection.id)
    write_recovery(inspection, original, key)
    (found,) = list_recoveries()
    assert os.fsencode(found.original_path) == os.fsencode(original.resolve())


def test_the_writer_writes_on_its_thread_keeps_the_latest_and_a_discard_waits_for_it(inspection):
    from inspector_app.storage.recovery import RecoveryWriter, prepare_recovery

    writer = RecoveryWriter()
    done = []
    key = recovery_key(None, inspection.id)
    inspection.authors = ["first"]
    writer.submit(prepare_recovery(inspection, None, key), lambda k, error: done.append((k, error)))
    inspection.authors = ["second"]
    writer.submit(prepare_recovery(inspection, None, key), lambda k, error: done.append((k, error)))
    assert writer.wait()
    assert done and all(error is None for _k, error in done)
    (found,) = list_recoveries()
    assert found.load().authors == ["second"]
    writer.submit(prepare_recovery(inspection, None, key), lambda k, error: None)
    writer.discard(key)
    assert writer.wait()
    assert list_recoveries() == [], "a discard is never followed by a copy written for the same key"


def test_the_writer_reports_a_failure(inspection, monkeypatch):
    from inspector_app.storage.recovery import RecoveryWriter, prepare_recovery

    def refuse(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(recovery_module, "atomic_write_bytes", refuse)
    writer = RecoveryWriter()
    done = []
    writer.submit(
        prepare_recovery(inspection, None, recovery_key(None, inspection.id)), lambda k, e: done.append(e)
    )
    assert writer.wait()
    [error] = done
    assert isinstance(error, OSError) and error.errno == 28
