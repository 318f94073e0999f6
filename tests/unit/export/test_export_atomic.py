"""A failed write leaves the previous report byte-identical and says why, as an ExportError."""

from __future__ import annotations

import errno
import os
import sys
import tempfile
from pathlib import Path

import pytest
from unit.export.export_support import open_docx, peel_inspection

from inspector_app.export import ExportError, export_report

OLD = b"the report the inspector sent last week"


@pytest.fixture
def existing(tmp_path: Path) -> Path:
    target = tmp_path / "report.docx"
    target.write_bytes(OLD)
    return target


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != "report.docx")


def test_replace_refused_as_when_open_in_word(existing: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(src, dst, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(dst))

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(ExportError) as caught:
        export_report(peel_inspection(), existing)
    message = str(caught.value)
    assert message.startswith(
        'Cannot write "report.docx": it may be open in Word — close it in Word and try again'
    )
    assert message.endswith("The existing file has not been changed.")
    assert existing.read_bytes() == OLD
    assert _leftovers(existing.parent) == []


def test_read_only_disk(existing: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    with pytest.raises(ExportError, match=r"read-only disk.*The existing file has not been changed"):
        export_report(peel_inspection(), existing)
    assert existing.read_bytes() == OLD


def test_disk_full(existing: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(ExportError, match="the disk is full"):
        export_report(peel_inspection(), existing)
    assert existing.read_bytes() == OLD
    assert _leftovers(existing.parent) == []


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0, reason="root (and Windows) ignore folder modes"
)
def test_read_only_folder(existing: Path) -> None:
    folder = existing.parent
    folder.chmod(0o555)
    try:
        with pytest.raises(ExportError, match="has not been changed"):
            export_report(peel_inspection(), existing)
    finally:
        folder.chmod(0o755)
    assert existing.read_bytes() == OLD


def test_missing_folder_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "gone" / "report.docx"
    with pytest.raises(ExportError, match=r'folder ".*gone" does not exist.*No file was written'):
        export_report(peel_inspection(), target)
    assert not target.parent.exists()


def test_target_that_is_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "report.docx"
    folder.mkdir()
    with pytest.raises(ExportError, match="is a folder"):
        export_report(peel_inspection(), folder)


def test_successful_export_replaces_the_old_file(existing: Path) -> None:
    export_report(peel_inspection(), existing)
    assert existing.read_bytes() != OLD
    assert open_docx(existing).paragraphs[0].text == "Hertfordshire PEEL 2016"
    assert _leftovers(existing.parent) == []


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_new_report_is_private_to_the_user(tmp_path: Path) -> None:
    import stat

    target = tmp_path / "new report.docx"
    export_report(peel_inspection(), target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
