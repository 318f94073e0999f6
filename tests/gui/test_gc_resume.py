"""Back-to-back recovery copies written by the real writer, the GUI thread switching collection back on
after each: no collection ever runs on the writer's thread (worker_gc.py, gc_resume.py)."""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QObject, Signal

from inspector_app import worker_gc
from inspector_app.storage.recovery import RecoveryWriter


class _Cycles:
    """A stand-in for a recovery copy whose writing makes thousands of cycles (as reading JSON back does)."""

    def __init__(self, key: str) -> None:
        self.key = key

    def write(self) -> None:
        for _ in range(5000):
            cycle: list[object] = []
            cycle.append(cycle)


class _Guard(QObject):
    written = Signal(str)

    def done(self, _key: str, _error: OSError | None) -> None:
        self.written.emit("")  # as the document guard hears of a copy written


def test_no_collection_runs_on_the_recovery_writers_thread(qtbot, qapp):  # type: ignore[no-untyped-def]
    main = threading.get_ident()
    seen: list[int] = []

    def callback(phase: str, _info: dict) -> None:  # type: ignore[type-arg]
        if phase == "start":
            seen.append(threading.get_ident())

    guard = _Guard()
    writer = RecoveryWriter()
    gc.callbacks.append(callback)
    try:
        for _ in range(200):
            for n in range(3):
                writer.submit(_Cycles(f"copy-{n}"), guard.done)
            qtbot.wait(2)  # the GUI thread's turn: the resumer's queued call, and its collection
        assert writer.wait()
        qtbot.waitUntil(lambda: not worker_gc._pending, timeout=5000)
    finally:
        gc.callbacks.remove(callback)
    assert seen, "the GUI thread collected what fell due"
    assert {thread for thread in seen if thread != main} == set()
    assert gc.isenabled()
