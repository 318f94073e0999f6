"""Write a file so that the disk holds either the whole old version or the whole new one, never a mix.

The new bytes go to a temporary file in the same folder (so the final rename stays on one file system),
are flushed and fsynced, then ``os.replace`` swaps them in and the folder is fsynced so the rename itself
survives a power cut. Any failure removes the temporary file and leaves the original untouched.

A symbolic link is written through: the file it points to gets the new version and the link stays a
link. A new file is private to the user (0600: inspection material is OFFICIAL-SENSITIVE); a file that
exists keeps its permissions. The temporary file's name is short, so any name that opens can be saved.
"""

from __future__ import annotations

import contextlib
import hashlib
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


#: Permissions of a file Inspector creates (DESIGN §7: readable by the user only).
PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700


def through_links(path: Path) -> Path:
    """The file a symbolic link (or a chain of them) points to; ``path`` itself when it is not a link."""
    path = Path(path)
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Replace ``path`` (the file it links to, for a link) with ``data`` atomically; raises OSError with
    the original file untouched."""
    path = through_links(Path(path))
    folder = path.parent
    mode = _mode_to_keep(path)
    fd, temp_name = tempfile.mkstemp(prefix=temporary_prefix(path.name), suffix=".tmp", dir=folder)
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


def temporary_prefix(name: str) -> str:
    """``.<name>.`` for the temporary file beside ``name`` — or a short digest of it for a long name, so
    that prefix, random part and suffix stay within the 255 bytes a file name may have."""
    encoded = os.fsencode(name)
    return f".{name}." if len(encoded) <= 200 else f".{hashlib.sha256(encoded).hexdigest()[:20]}."


def remove_stale_temporary_files(path: Path) -> None:
    """Delete temporary files a crash left beside ``path`` (``.<name>.<random>.tmp``, over an hour old)."""
    cutoff = time.time() - STALE_AFTER_SECONDS
    prefix = temporary_prefix(path.name)
    with contextlib.suppress(OSError):
        for entry in os.scandir(path.parent):
            if entry.name.startswith(prefix) and entry.name.endswith(".tmp"):
                with contextlib.suppress(OSError):
                    if entry.stat(follow_symlinks=False).st_mtime < cutoff:
                        os.unlink(entry.path)


def _mode_to_keep(path: Path) -> int | None:
    """The existing file's permission bits, so a save does not change who may read the file; a new file
    is private to the user, whatever the umask."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return PRIVATE_FILE & ~_UMASK


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
