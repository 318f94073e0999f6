"""Write a file so that the disk holds either the whole old version or the whole new one, never a mix.

The new bytes go to a temporary file in the same folder (so the final rename stays on one file system),
are flushed and fsynced, then ``os.replace`` swaps them in and the folder is fsynced so the rename itself
survives a power cut. Any failure removes the temporary file and leaves the original untouched.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
import time
from pathlib import Path


def _current_umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


# Read once at import, while single-threaded: os.umask() can only be read by setting it.
_UMASK = _current_umask()


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically; raises OSError with the original file untouched."""
    path = Path(path)
    folder = path.parent
    mode = _mode_to_keep(path)
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            flush_to_disk(handle.fileno())
        if mode is not None:
            os.chmod(temp_name, mode)
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    fsync_folder(folder)
    remove_stale_temporary_files(path)


#: A temporary file older than this was left by a write that crashed, not by one under way.
STALE_AFTER_SECONDS = 3600


def remove_stale_temporary_files(path: Path) -> None:
    """Delete temporary files a crash left beside ``path`` (``.<name>.<random>.tmp``, over an hour old)."""
    cutoff = time.time() - STALE_AFTER_SECONDS
    with contextlib.suppress(OSError):
        for entry in os.scandir(path.parent):
            if entry.name.startswith(f".{path.name}.") and entry.name.endswith(".tmp"):
                with contextlib.suppress(OSError):
                    if entry.stat(follow_symlinks=False).st_mtime < cutoff:
                        os.unlink(entry.path)


def _mode_to_keep(path: Path) -> int | None:
    """The existing file's permission bits, so a save does not change who may read the file.

    A new file gets the usual permissions (0666 less the umask) rather than mkstemp's private 0600.
    """
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return 0o666 & ~_UMASK


def flush_to_disk(fd: int) -> None:
    """Flush a file's (or folder's) data to the disk itself.

    On macOS ``F_FULLFSYNC``, since macOS's ``fsync`` stops at the drive's cache; elsewhere ``fsync``.
    """
    if sys.platform == "darwin":
        import fcntl

        try:
            fcntl.fcntl(fd, fcntl.F_FULLFSYNC)
            return
        except OSError:
            pass
    os.fsync(fd)


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable, where the file system allows it.

    Windows cannot open a folder for fsync, and some network file systems refuse it; by then the new file
    is already in place, so a refusal here is not a failed save.
    """
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        flush_to_disk(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
