"""Python's cyclic garbage collector never runs on a worker thread of ours.

The collector runs in whichever thread allocates when a generation passes its threshold. On a worker (a
recovery copy's writer, an export, a team sync, the dictionary's loader) it may then collect a cycle that
holds the wrapper of a Qt object living on the GUI thread — a page or a document just let go — and that
object's C++ destructor runs on the worker: a segmentation fault (seen in the recovery writer while it
read back a large copy). So each worker's job runs inside :func:`collection_paused`: automatic
collection is off while any such job runs. When the last one ends it comes back on the main thread: a
worker that switched it on itself would run the collection that is by then due at its very next
allocation. The GUI registers :func:`set_resume_hook` (a queued signal to the GUI thread, which then
calls :func:`resume`); without a hook (the command line, which has no Qt objects) the worker switches it
back on. Reference counting still frees everything outside cycles at once; cycles only wait.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_running = 0
_was_enabled = True
#: Collection is to come back on once the main thread calls resume().
_pending = False
_resume_hook: Callable[[], None] | None = None


def set_resume_hook(hook: Callable[[], None] | None) -> None:
    """``hook()`` (called from a worker) must make the main thread call :func:`resume` soon."""
    global _resume_hook
    _resume_hook = hook


def resume() -> None:
    """On the main thread: the collection that fell due during the jobs, run here, then automatic
    collection back on — unless a job started again meanwhile. (Switched on with its counts still high,
    the collector would run at the next allocation anywhere, a worker's included.)"""
    global _pending
    with _lock:
        if not _pending or _running:
            return
    # Outside the lock (a finalizer run by the collection may start a job), and still pending meanwhile,
    # so that a job starting now does not take "off" for how it found collection.
    generation = _due()
    if generation is not None:
        gc.collect(generation)
    with _lock:
        if _pending and not _running:
            _pending = False
            gc.enable()
        # else a job began meanwhile: its end asks again


def _due() -> int | None:
    """The oldest generation past its threshold (what Python would collect next), or None."""
    counts, thresholds = gc.get_count(), gc.get_threshold()
    if thresholds[0] == 0:
        return None
    for generation in (2, 1, 0):
        if counts[generation] >= thresholds[generation]:
            return generation
    return None


@contextmanager
def collection_paused() -> Iterator[None]:
    """Automatic garbage collection off for this block (and any other worker's, overlapping or not)."""
    global _running, _was_enabled, _pending
    with _lock:
        if _running == 0 and not _pending:
            _was_enabled = gc.isenabled()
            gc.disable()
        _running += 1
    try:
        yield
    finally:
        ask = None
        with _lock:
            _running -= 1
            if _running == 0 and _was_enabled:
                if _resume_hook is None or threading.current_thread() is threading.main_thread():
                    _pending = False
                    gc.enable()
                else:
                    _pending = True
                    ask = _resume_hook
        if ask is not None:
            ask()
