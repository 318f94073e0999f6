"""A save is all or nothing: whatever fails, the file on disk is the whole old version, byte for byte."""

import errno
import os
import stat

import pytest

from inspector_app import bundled
from inspector_app.domain.inspection import new_inspection
from inspector_app.storage import atomic, inspection_file
from inspector_app.storage.backups import backup_folder, list_backups
from inspector_app.storage.errors import InspectionFileError, Problem
from inspector_app.storage.inspection_file import load_inspection, save_inspection


@pytest.fixture
def inspection():
    return new_inspection(bundled.load_framework("crime-inspection-2014"), "Hertfordshire Constabulary")


@pytest.fixture
def saved(tmp_path, inspection):
    path = tmp_path / "herts.inspection"
    save_inspection(inspection, path)
    return path


def fail_with(code):
    def failing(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    return failing


@pytest.mark.parametrize(
    ("target", "code", "fragment"),
    [
        ("fsync", errno.ENOSPC, "the disk is full"),
        ("replace", errno.EACCES, "permission"),
        ("replace", errno.EROFS, "read-only"),
        ("fdopen", errno.EIO, "could not be written"),
    ],
)
def test_failed_save_leaves_the_old_file_byte_identical(
    saved, inspection, monkeypatch, target, code, fragment
):
    before = saved.read_bytes()
    inspection.force.name = "Changed"
    monkeypatch.setattr(atomic.os, target, fail_with(code))
    with pytest.raises(InspectionFileError) as caught:
        save_inspection(inspection, saved)
    monkeypatch.undo()
    assert caught.value.problem is Problem.WRITE_FAILED
    assert fragment in str(caught.value)
    assert str(caught.value).startswith('Cannot save "herts.inspection": ')
    assert "has not been changed" in str(caught.value)
    assert saved.read_bytes() == before
    assert sorted(os.listdir(saved.parent)) == ["herts.inspection"], "temporary file left behind"


def test_interrupted_write_leaves_the_old_file(saved, inspection, monkeypatch):
    """A crash mid-write (simulated by an exception from write) never reaches the real file."""
    before = saved.read_bytes()

    class Exploding:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, data):
            self.handle.write(data[: len(data) // 2])
            raise KeyboardInterrupt

    real_fdopen = os.fdopen
    monkeypatch.setattr(atomic.os, "fdopen", lambda fd, mode: Exploding(real_fdopen(fd, mode)))
    with pytest.raises(KeyboardInterrupt):
        save_inspection(inspection, saved)
    assert saved.read_bytes() == before
    assert os.listdir(saved.parent) == ["herts.inspection"]


def test_save_into_a_folder_that_vanished(tmp_path, inspection):
    path = tmp_path / "usb-stick" / "herts.inspection"
    with pytest.raises(InspectionFileError, match="no longer exists"):
        save_inspection(inspection, path)


def test_save_onto_a_folder_path(tmp_path, inspection):
    folder = tmp_path / "looks-like-a-file.inspection"
    folder.mkdir()
    with pytest.raises(InspectionFileError) as caught:
        save_inspection(inspection, folder)
    assert caught.value.problem is Problem.WRITE_FAILED
    assert folder.is_dir()


def test_save_keeps_the_file_permissions(saved, inspection):
    os.chmod(saved, 0o640)
    save_inspection(inspection, saved)
    assert stat.S_IMODE(saved.stat().st_mode) == 0o640


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_new_file_and_its_backups_are_private_to_the_user_under_the_usual_umask(tmp_path, inspection):
    path = tmp_path / "new.inspection"
    assert atomic._UMASK & 0o077 in (0o022, 0o002, 0o077, 0), "the tests run under an ordinary umask"
    save_inspection(inspection, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    inspection.authors = ["A. Inspector"]
    save_inspection(inspection, path)  # the first version goes to the backup folder
    folder = backup_folder(path)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert [stat.S_IMODE(b.path.stat().st_mode) for b in list_backups(path)] == [0o600]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_file_that_exists_keeps_its_permissions(tmp_path, inspection):
    path = tmp_path / "shared.inspection"
    save_inspection(inspection, path)
    os.chmod(path, 0o640)  # the user chose to share it with the group
    save_inspection(inspection, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_saving_through_a_symbolic_link_writes_its_target_and_keeps_the_link(tmp_path, inspection):
    real = tmp_path / "drive" / "herts.inspection"
    real.parent.mkdir()
    save_inspection(inspection, real)
    link = tmp_path / "herts.inspection"
    link.symlink_to(real)
    inspection.force.name = "Bedfordshire Police"
    save_inspection(inspection, link)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert load_inspection(real).force.name == "Bedfordshire Police"
    assert [b.path.parent for b in list_backups(real)] == [backup_folder(real)]


def test_a_name_of_255_bytes_that_opens_can_be_saved_in_place(tmp_path, inspection):
    stem = "é" * ((255 - len(".inspection")) // 2)
    path = tmp_path / f"{stem}{'x' * ((255 - len('.inspection')) % 2)}.inspection"
    assert len(os.fsencode(path.name)) == 255
    save_inspection(inspection, path)
    inspection.authors = ["again"]
    save_inspection(inspection, path)
    assert load_inspection(path).authors == ["again"]
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_when_the_backup_takes_the_room_the_save_is_made_without_it_and_says_so(
    saved, inspection, monkeypatch
):
    real_write = atomic.atomic_write_bytes
    attempts = []

    def full_once(path, data):
        attempts.append(path)
        if len(attempts) == 1:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_write(path, data)

    monkeypatch.setattr(inspection_file, "atomic_write_bytes", full_once)
    inspection.force.name = "Bedfordshire Police"
    note = save_inspection(inspection, saved)
    assert note.startswith(
        "Saved, but without keeping a copy of the previous version: the disk is nearly full."
    )
    assert load_inspection(saved).force.name == "Bedfordshire Police"
    assert list_backups(saved) == [], "the backup that took the room was removed"


def test_save_replaces_content_and_syncs(saved, inspection, monkeypatch):
    synced = []
    real_flush = atomic.flush_to_disk
    monkeypatch.setattr(atomic, "flush_to_disk", lambda fd: (synced.append(fd), real_flush(fd)))
    inspection.force.name = "Bedfordshire Police"
    save_inspection(inspection, saved, backups=0)
    assert load_inspection(saved).force.name == "Bedfordshire Police"
    assert len(synced) == 2, "the file and its folder are both fsynced"


def test_a_save_tidies_temporary_files_a_crash_left(saved, inspection):
    old = saved.parent / f".{saved.name}.crashed.tmp"
    recent = saved.parent / f".{saved.name}.writing.tmp"
    other = saved.parent / ".other.inspection.crashed.tmp"
    for leftover in (old, recent, other):
        leftover.write_bytes(b"half a file")
    long_ago = atomic.time.time() - atomic.STALE_AFTER_SECONDS - 60
    os.utime(old, (long_ago, long_ago))
    os.utime(other, (long_ago, long_ago))
    save_inspection(inspection, saved)
    assert not old.exists(), "left by a crash over an hour ago"
    assert recent.exists(), "may belong to a save under way"
    assert other.exists(), "belongs to another file"
