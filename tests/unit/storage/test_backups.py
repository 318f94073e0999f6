"""Each save keeps the version it replaces; a backup problem never blocks or spoils the save."""

import datetime as dt
import errno
import logging
import os
import stat
import sys
import tempfile

import pytest

from inspector_app import bundled
from inspector_app.domain.inspection import new_inspection
from inspector_app.storage import atomic, backups
from inspector_app.storage.backups import backup_folder, discard_backup, keep_backup, list_backups
from inspector_app.storage.errors import InspectionFileError
from inspector_app.storage.inspection_file import dumps_inspection, load_inspection, save_inspection


@pytest.fixture
def inspection():
    return new_inspection(bundled.load_framework("crime-inspection-2014"), "Hertfordshire Constabulary")


@pytest.fixture
def path(tmp_path):
    return tmp_path / "Hertfordshire.inspection"


def save_versions(inspection, path, count, **kwargs):
    """Save ``count`` distinct versions; returns the bytes of each, oldest first."""
    versions = []
    for n in range(1, count + 1):
        inspection.authors = [f"version {n}"]
        save_inspection(inspection, path, **kwargs)
        versions.append(path.read_bytes())
    return versions


def test_first_save_makes_no_backup_and_no_folder(inspection, path):
    save_inspection(inspection, path)
    assert os.listdir(path.parent) == [path.name]
    assert list_backups(path) == []


def test_each_save_keeps_the_version_it_replaces_newest_first(inspection, path):
    versions = save_versions(inspection, path, 4)
    kept = list_backups(path)
    assert [b.path.read_bytes() for b in kept] == versions[-2::-1]
    assert [b.size for b in kept] == [len(v) for v in versions[-2::-1]]
    assert kept == sorted(kept, key=lambda b: b.time, reverse=True)
    assert all(
        b.path.parent == backup_folder(path) == path.parent / ".Hertfordshire.inspection.backups"
        for b in kept
    )
    for backup in kept:
        assert backup.time.tzinfo is not None
        assert abs(backup.time - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)
        assert load_inspection(backup.path).authors[0].startswith("version ")


def test_backup_names_are_sortable_timestamps_and_name_who_saved_the_version(inspection, path):
    save_versions(inspection, path, 3)
    backups = list_backups(path)
    names = [b.path.name for b in backups]
    for name in names:
        stamp, _, _author = name.partition("~")
        dt.datetime.strptime(stamp.removesuffix(".inspection"), "%Y%m%d-%H%M%S-%f")
    assert names == sorted(names, reverse=True)
    if os.name == "posix":
        import getpass

        assert {b.author for b in backups} == {getpass.getuser()}
        assert all(name.endswith(f"~{getpass.getuser()}.inspection") for name in names)


def test_backups_named_without_an_author_are_still_listed(inspection, path):
    save_versions(inspection, path, 2)
    [backup] = list_backups(path)
    plain = backup.path.with_name(backup.path.name.split("~")[0].removesuffix(".inspection") + ".inspection")
    backup.path.rename(plain)
    [listed] = list_backups(path)
    assert listed.path == plain and listed.author == ""


def test_only_the_newest_are_kept(inspection, path):
    versions = save_versions(inspection, path, 9, backups=3)
    assert [b.path.read_bytes() for b in list_backups(path)] == versions[-2:-5:-1]
    assert len(os.listdir(backup_folder(path))) == 3


def test_zero_disables_backups(inspection, path):
    save_versions(inspection, path, 3, backups=0)
    assert not backup_folder(path).exists()


def test_no_backup_when_the_bytes_do_not_change(inspection, path):
    save_inspection(inspection, path)
    save_inspection(inspection, path)
    save_inspection(inspection, path)
    assert list_backups(path) == []
    assert keep_backup(path, new_data=path.read_bytes()) is None


def test_no_duplicate_of_the_newest_backup(inspection, path):
    save_versions(inspection, path, 2)
    first = keep_backup(path)
    assert first is not None
    assert keep_backup(path) is None, "the newest backup already holds these bytes"
    assert len(list_backups(path)) == 2


def test_backup_keeps_permissions_and_modification_time(inspection, path):
    save_inspection(inspection, path)
    os.chmod(path, 0o600)
    os.utime(path, (1_600_000_000, 1_600_000_000))
    inspection.authors = ["changed"]
    save_inspection(inspection, path)
    (backup,) = list_backups(path)
    assert stat.S_IMODE(backup.path.stat().st_mode) == 0o600
    assert backup.path.stat().st_mtime == 1_600_000_000
    assert backup.modified == dt.datetime.fromtimestamp(1_600_000_000, dt.UTC)


def test_names_stay_in_order_when_the_clock_steps_back(inspection, path, monkeypatch):
    save_versions(inspection, path, 2)
    (first,) = list_backups(path)
    past = first.time - dt.timedelta(hours=1)

    class StuckClock(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return past

    monkeypatch.setattr(backups.dt, "datetime", StuckClock)
    inspection.authors = ["after the clock went back"]
    save_inspection(inspection, path)
    monkeypatch.undo()
    newest = list_backups(path)[0]
    assert newest.time > first.time
    assert load_inspection(newest.path).authors == ["version 2"]


def test_unrelated_and_temporary_files_are_ignored(inspection, path):
    save_versions(inspection, path, 2)
    folder = backup_folder(path)
    (folder / "notes.txt").write_text("mine")
    (folder / ".20990101-000000-000000.inspection.abc.tmp").write_bytes(b"half")
    (folder / "20990101-000000-000000.inspection").mkdir()
    assert len(list_backups(path)) == 1
    save_versions(inspection, path, 8, backups=2)
    assert (folder / "notes.txt").read_text() == "mine"


def test_old_temporary_files_from_a_crash_are_tidied(inspection, path):
    save_versions(inspection, path, 2)
    folder = backup_folder(path)
    stale = folder / ".20200101-000000-000000.inspection.x1.tmp"
    fresh = folder / ".20200101-000000-000000.inspection.x2.tmp"
    stale.write_bytes(b"left by a crash")
    fresh.write_bytes(b"maybe being written right now")
    os.utime(stale, (0, 0))
    inspection.authors = ["third"]
    save_inspection(inspection, path)
    assert not stale.exists()
    assert fresh.exists()


def test_missing_file_or_folder_gives_no_backup(tmp_path):
    assert keep_backup(tmp_path / "nothing.inspection") is None
    assert keep_backup(tmp_path) is None
    assert list_backups(tmp_path / "nothing.inspection") == []
    assert os.listdir(tmp_path) == []


def fail_when_called_from(monkeypatch, module_name, namespace, attribute, code=errno.ENOSPC):
    """Make ``namespace.attribute`` raise OSError(code) when called from ``module_name``, work elsewhere.

    The backup and the real save (atomic.py) call the same os/tempfile functions; this fails only one.
    """
    real = getattr(namespace, attribute)

    def maybe_fail(*args, **kwargs):
        if sys._getframe(1).f_globals.get("__name__") == module_name:
            raise OSError(code, os.strerror(code))
        return real(*args, **kwargs)

    monkeypatch.setattr(namespace, attribute, maybe_fail)


@pytest.mark.parametrize(
    ("namespace", "attribute"), [(os, "replace"), (os, "write"), (tempfile, "mkstemp"), (os, "chmod")]
)
def test_a_failing_backup_logs_a_warning_and_the_save_goes_ahead(
    inspection, path, monkeypatch, caplog, namespace, attribute
):
    save_inspection(inspection, path)
    before = os.listdir(path.parent)
    fail_when_called_from(monkeypatch, "inspector_app.storage.backups", namespace, attribute)
    inspection.authors = ["new words"]
    with caplog.at_level(logging.WARNING, logger="inspector_app.storage.backups"):
        save_inspection(inspection, path)
    monkeypatch.undo()
    assert load_inspection(path).authors == ["new words"]
    assert os.listdir(path.parent) == before, "no backup folder or temporary file is left behind"
    (record,) = caplog.records
    assert record.levelno == logging.WARNING
    assert "No backup of" in record.getMessage() and "saving without one" in record.getMessage()


def test_unreadable_file_is_saved_over_without_a_backup(inspection, path, monkeypatch, caplog):
    save_inspection(inspection, path)
    monkeypatch.setattr(
        backups.Path, "read_bytes", lambda self: (_ for _ in ()).throw(PermissionError(13, "denied"))
    )
    inspection.authors = ["new"]
    with caplog.at_level(logging.WARNING, logger="inspector_app.storage.backups"):
        save_inspection(inspection, path)
    monkeypatch.undo()
    assert load_inspection(path).authors == ["new"]
    assert "could not be read" in caplog.text


def test_an_unexpected_error_in_the_backup_does_not_block_the_save(inspection, path, monkeypatch, caplog):
    save_inspection(inspection, path)
    monkeypatch.setattr(backups, "_next_stamp", lambda newest: 1 / 0)
    inspection.authors = ["new"]
    with caplog.at_level(logging.WARNING, logger="inspector_app.storage.backups"):
        save_inspection(inspection, path)
    assert load_inspection(path).authors == ["new"]
    assert caplog.records[0].exc_info is not None, "a bug is logged with its traceback"
    assert not backup_folder(path).exists()


def test_a_failed_save_removes_the_backup_it_made(inspection, path, monkeypatch):
    versions = save_versions(inspection, path, 2)
    inspection.authors = ["never saved"]
    fail_when_called_from(monkeypatch, "inspector_app.storage.atomic", tempfile, "mkstemp", errno.EACCES)
    with pytest.raises(InspectionFileError, match="permission"):
        save_inspection(inspection, path)
    monkeypatch.undo()
    assert path.read_bytes() == versions[-1]
    assert [b.path.read_bytes() for b in list_backups(path)] == [versions[0]]


def test_discard_backup_removes_an_emptied_folder(inspection, path):
    save_versions(inspection, path, 2)
    (backup,) = list_backups(path)
    discard_backup(backup.path)
    assert not backup_folder(path).exists()
    discard_backup(None)
    discard_backup(backup.path)  # already gone: no error


def test_backup_writes_are_flushed_to_disk(inspection, path, monkeypatch):
    save_inspection(inspection, path)
    synced = []
    real = atomic.flush_to_disk
    monkeypatch.setattr(atomic, "flush_to_disk", lambda fd: (synced.append(fd), real(fd)))
    inspection.authors = ["new"]
    save_inspection(inspection, path)
    # the backup copy and its folder, then the new file and its folder (folders are not synced on Windows)
    assert len(synced) == (2 if os.name == "nt" else 4)


def test_any_file_is_backed_up_even_one_that_does_not_load(path):
    path.write_bytes(b"not an inspection at all")
    assert keep_backup(path) is not None
    assert list_backups(path)[0].path.read_bytes() == b"not an inspection at all"


def test_backups_are_ordinary_inspection_files(inspection, path):
    versions = save_versions(inspection, path, 2)
    (backup,) = list_backups(path)
    assert backup.path.read_bytes() == versions[0]
    inspection.authors = ["version 1"]
    assert dumps_inspection(load_inspection(backup.path)) == versions[0]


def test_backup_warnings_reach_the_log_file(inspection, path, monkeypatch, tmp_path):
    """setup_logging (inspector_app.logs) puts storage warnings in a rotating file in INSPECTOR_LOG_DIR."""
    from logging.handlers import RotatingFileHandler

    from inspector_app import logs

    monkeypatch.setenv("INSPECTOR_LOG_DIR", str(tmp_path / "logs"))
    log_file = logs.setup_logging()
    try:
        assert log_file == tmp_path / "logs" / "inspector.log"
        assert logs.setup_logging() == log_file, "idempotent"
        (handler,) = [h for h in logging.getLogger().handlers if isinstance(h, RotatingFileHandler)]
        assert (handler.maxBytes, handler.backupCount) == (1024 * 1024, 5)
        save_inspection(inspection, path)
        fail_when_called_from(monkeypatch, "inspector_app.storage.backups", os, "replace")
        inspection.authors = ["new"]
        save_inspection(inspection, path)
        logging.getLogger("inspector_app.test").info("an info line")
        handler.flush()
        text = log_file.read_text(encoding="utf-8")
        assert "WARNING" in text and "inspector_app.storage.backups" in text and "No backup of" in text
        assert "an info line" in text
        monkeypatch.setenv("INSPECTOR_LOG_DIR", str(tmp_path / "elsewhere"))
        moved = logs.setup_logging()
        assert moved == tmp_path / "elsewhere" / "inspector.log"
        assert len([h for h in logging.getLogger().handlers if isinstance(h, RotatingFileHandler)]) == 1
    finally:
        logs.stop_logging()
    assert not [h for h in logging.getLogger().handlers if isinstance(h, RotatingFileHandler)]
    assert logging.getLogger("inspector_app").level == logging.NOTSET
