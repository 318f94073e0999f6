"""The lock file says who has an inspection open; stale and corrupt locks are replaced, live ones reported."""

import datetime as dt
import json
import logging
import os
import subprocess
import sys

import pytest

from inspector_app.domain.text import QUOTE_LIMIT
from inspector_app.storage import lock as locking
from inspector_app.storage.lock import (
    LockedError,
    LockFailedError,
    Owner,
    acquire,
    describe_time,
    is_stale,
    lock_path,
    read_owner,
)


@pytest.fixture
def path(tmp_path):
    path = tmp_path / "Hertfordshire.inspection"
    path.write_bytes(b"the inspection itself")
    return path


@pytest.fixture(autouse=True)
def no_grace(monkeypatch):
    monkeypatch.setattr(locking, "CORRUPT_GRACE_SECONDS", 0.0)


def write_lock(path, **fields):
    document = {
        "user": "jsmith",
        "host": "LAPTOP-12",
        "pid": 4242,
        "since": dt.datetime(2024, 5, 14, 9, 14).astimezone().isoformat(),
        "app": "Inspector",
        "app_version": "0.1.0",
        "token": "theirs",
    }
    document.update(fields)
    lock_path(path).write_text(json.dumps(document), encoding="utf-8")


def dead_pid():
    """The pid of a process of this computer that has certainly ended (and been reaped)."""
    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True
    )
    return int(child.stdout)


def test_lock_file_sits_beside_the_file_and_names_its_owner(path):
    with acquire(path) as held:
        assert lock_path(path) == path.parent / ".~lock.Hertfordshire.inspection#"
        document = json.loads(lock_path(path).read_text(encoding="utf-8"))
        assert set(document) == {"user", "host", "pid", "since", "app", "app_version", "token"}
        assert document["pid"] == os.getpid()
        assert document["app"] == "Inspector"
        since = dt.datetime.fromisoformat(document["since"])
        assert since.tzinfo is not None and abs(since - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=1)
        owner = read_owner(path)
        assert owner == held.owner
        assert owner.on_this_host and owner.is_this_process and not is_stale(owner)
        assert held.still_ours()
    assert not lock_path(path).exists()
    assert path.read_bytes() == b"the inspection itself"


def test_second_acquire_raises_locked_error_naming_the_owner(path):
    held = acquire(path)
    with pytest.raises(LockedError) as caught:
        acquire(path)
    error = caught.value
    assert error.owner == held.owner
    assert str(error).startswith(
        f"Hertfordshire.inspection is open by {held.owner.user} on {held.owner.host} since "
    )
    assert str(error).endswith(" today.")
    held.release()
    acquire(path).release()


def test_lock_from_another_computer_is_kept(path):
    write_lock(path, host="LAPTOP-12", pid=dead_pid())
    owner = read_owner(path)
    assert not owner.on_this_host and not is_stale(owner)
    with pytest.raises(LockedError) as caught:
        acquire(path)
    assert caught.value.owner.user == "jsmith" and caught.value.owner.host == "LAPTOP-12"
    assert (
        str(caught.value)
        == "Hertfordshire.inspection is open by jsmith on LAPTOP-12 since 09:14 on 14 May 2024."
    )
    assert read_owner(path).token == "theirs", "left untouched"


def test_a_planted_lock_is_quoted_shortened_escaped_and_plain(path):
    """Issue 17: a lock file's text was shown verbatim in the "file in use" question."""
    write_lock(path, user="<b>Boss</b>" + "u" * 10_000, host="<img src=x>\nLAPTOP\u202e-12 &lt;i&gt;")
    with pytest.raises(LockedError) as caught:
        acquire(path)
    message = str(caught.value)
    assert len(caught.value.owner.user) > 10_000, "the owner is kept as written; only the message is cut"
    assert "\n" not in message and "<" not in message and ">" not in message and "\u202e" not in message
    assert len(message) < 250
    user, host = (
        message.removeprefix("Hertfordshire.inspection is open by ").split(" since ")[0].split(" on ")
    )
    assert len(user) == QUOTE_LIMIT and user.startswith("‹b›Boss‹/b›uuu") and "…" in user
    assert host == "‹img src=x›\\nLAPTOP\\u202e-12 ＆lt;i＆gt;"


def test_shown_keeps_ordinary_names():
    assert locking.shown("jsmith") == "jsmith"
    assert locking.shown("DOMAIN\\j.smith") == "DOMAIN\\j.smith"
    assert locking.shown("Siân Ó Briain & co") == "Siân Ó Briain & co"
    assert locking.describe_owner(Owner("", "", 1, dt.datetime(2024, 1, 1, tzinfo=dt.UTC))) == (
        "someone on an unnamed computer"
    )


def test_stale_lock_of_a_dead_process_on_this_computer_is_replaced(path, caplog):
    pid = dead_pid()
    write_lock(path, host=locking._host(), pid=pid)
    assert is_stale(read_owner(path))
    with caplog.at_level(logging.WARNING, logger="inspector_app.storage.lock"):
        held = acquire(path)
    assert held.owner.pid == os.getpid()
    assert read_owner(path).token == held.owner.token
    assert "stale" in caplog.text
    held.release()


def test_host_names_compare_without_case_or_domain(path):
    write_lock(path, host=locking._host().upper() + ".force.example", pid=dead_pid())
    assert is_stale(read_owner(path))


def test_lock_of_a_live_process_on_this_computer_is_not_stale(path):
    child = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)
    try:
        write_lock(path, host=locking._host(), pid=child.pid)
        assert not is_stale(read_owner(path))
        with pytest.raises(LockedError):
            acquire(path)
    finally:
        child.communicate(b"")
    assert is_stale(read_owner(path))


def test_lock_left_by_an_earlier_process_with_our_pid_is_stale(path):
    """After a crash the next run may get the same pid (common in containers); that lock is not ours."""
    write_lock(path, host=locking._host(), pid=os.getpid(), token="an earlier run")
    owner = read_owner(path)
    assert not owner.is_this_process and is_stale(owner)
    acquire(path).release()


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"{",
        b"\xff\xfe garbage",
        b"[1, 2]",
        b'{"user": "x"}',
        b'{"user": "x", "host": "h", "pid": 0, "since": "2024-01-01T00:00:00"}',
        b'{"user": "x", "host": "h", "pid": 5, "since": "not a time"}',
        b'{"user": "x", "host": "h", "pid": true, "since": "2024-01-01T00:00:00"}',
    ],
)
def test_corrupt_lock_file_is_replaced(path, content, caplog):
    lock_path(path).write_bytes(content)
    assert read_owner(path) is None
    with caplog.at_level(logging.WARNING, logger="inspector_app.storage.lock"):
        held = acquire(path)
    assert "corrupt" in caplog.text
    assert read_owner(path) == held.owner
    held.release()
    assert path.read_bytes() == b"the inspection itself"


def test_a_lock_being_written_is_given_time_to_appear(path, monkeypatch):
    """Another program created the lock (O_EXCL) but has not written it yet: wait, then respect it."""
    monkeypatch.setattr(locking, "CORRUPT_GRACE_SECONDS", 2.0)
    lock_path(path).write_bytes(b"")
    reads = []
    real_read = locking._read

    def read_then_finish_writing(target):
        reads.append(target)
        if len(reads) == 2:
            write_lock(path)
        return real_read(target)

    monkeypatch.setattr(locking, "_read", read_then_finish_writing)
    with pytest.raises(LockedError):
        acquire(path)


def test_release_removes_only_our_own_lock(path, caplog):
    held = acquire(path)
    write_lock(path, token="someone who stole it")
    assert not held.still_ours()
    with caplog.at_level(logging.WARNING, logger="inspector_app.storage.lock"):
        held.release()
    assert read_owner(path).token == "someone who stole it"
    assert "no longer our lock" in caplog.text
    held.release()  # idempotent


def test_release_when_the_lock_file_is_gone_or_corrupt(path):
    held = acquire(path)
    lock_path(path).unlink()
    held.release()
    assert held.released
    other = acquire(path)
    lock_path(path).write_bytes(b"{")
    other.release()
    assert lock_path(path).read_bytes() == b"{", "not recognisably ours: left alone"


def test_steal_replaces_a_live_lock(path):
    write_lock(path)
    held = acquire(path, steal=True)
    assert read_owner(path) == held.owner
    held.release()


def test_two_locks_on_different_files_are_independent(tmp_path):
    with acquire(tmp_path / "a.inspection"), acquire(tmp_path / "b.inspection"):
        assert sorted(p.name for p in tmp_path.iterdir()) == [".~lock.a.inspection#", ".~lock.b.inspection#"]
    assert list(tmp_path.iterdir()) == []


def test_lock_can_be_taken_before_the_file_exists(tmp_path):
    with acquire(tmp_path / "new.inspection"):
        assert not (tmp_path / "new.inspection").exists()


def test_a_folder_where_the_lock_should_be_is_not_deleted(path):
    lock_path(path).mkdir()
    with pytest.raises(LockFailedError):
        acquire(path)
    assert lock_path(path).is_dir()


def test_lock_in_a_missing_folder_fails_clearly(tmp_path):
    with pytest.raises(LockFailedError) as caught:
        acquire(tmp_path / "gone" / "x.inspection")
    assert str(caught.value).startswith("Cannot mark x.inspection as open (")
    assert isinstance(caught.value.error, OSError)


def test_write_failure_leaves_no_lock_behind(path, monkeypatch):
    def refuse(fd, mode):
        os.close(fd)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(locking.os, "fdopen", refuse)
    with pytest.raises(LockFailedError, match="no space left"):
        acquire(path)
    monkeypatch.undo()
    assert not lock_path(path).exists()


def test_the_exclusive_create_has_one_winner_among_processes(path):
    script = (
        "import sys, time\n"
        "from inspector_app.storage.lock import acquire, LockedError\n"
        "sys.stdin.readline()\n"
        "try:\n"
        "    lock = acquire(sys.argv[1])\n"
        "    print('won', flush=True)\n"
        "    sys.stdin.readline()\n"
        "    lock.release()\n"
        "except LockedError:\n"
        "    print('lost', flush=True)\n"
    )
    children = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(6)
    ]
    for child in children:
        child.stdin.write("go\n")
        child.stdin.flush()
    results = [child.stdout.readline().strip() for child in children]
    for child in children:
        child.communicate("done\n")
    assert sorted(results) == ["lost"] * 5 + ["won"]
    assert not lock_path(path).exists()


def test_owner_round_trips_through_json():
    owner = Owner("jsmith", "LAPTOP-12", 42, dt.datetime(2024, 5, 14, 9, 14, tzinfo=dt.UTC), "0.1.0", "t")
    assert Owner.from_json(owner.to_json()) == owner
    with pytest.raises(ValueError, match="not an object"):
        Owner.from_json(b"[]")


def test_describe_time_reads_like_speech():
    now = dt.datetime(2024, 5, 14, 15, 0).astimezone()
    assert describe_time(now.replace(hour=9, minute=14), now) == "09:14 today"
    assert describe_time(now - dt.timedelta(days=1), now) == "15:00 yesterday"
    assert describe_time(now - dt.timedelta(days=11), now) == "15:00 on 3 May"
    assert describe_time(now - dt.timedelta(days=366), now) == "15:00 on 14 May 2023"


@pytest.mark.skipif(os.name != "nt", reason="Windows process check")
def test_windows_pid_check():  # pragma: no cover - runs on Windows only
    assert locking._pid_alive(os.getpid())
    assert not locking._pid_alive(dead_pid())


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_the_lock_file_is_private_to_the_user(tmp_path):
    import stat

    lock = locking.acquire(tmp_path / "herts.inspection")
    try:
        assert stat.S_IMODE(locking.lock_path(tmp_path / "herts.inspection").stat().st_mode) == 0o600
    finally:
        lock.release()
