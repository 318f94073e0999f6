"""worker_gc: no automatic collection while a worker's job runs, from any thread; back after the last."""

from __future__ import annotations

import gc
import threading

from inspector_app.worker_gc import collection_paused


def _collections_by_thread(run) -> list[int]:  # type: ignore[no-untyped-def]
    seen: list[int] = []

    def callback(phase: str, _info: dict) -> None:  # type: ignore[type-arg]
        if phase == "start":
            seen.append(threading.get_ident())

    gc.callbacks.append(callback)
    try:
        run()
    finally:
        gc.callbacks.remove(callback)
    return seen


def _cycles(count: int = 100_000) -> None:
    for _ in range(count):
        cycle: list[object] = []
        cycle.append(cycle)


def test_a_worker_making_cycles_never_runs_the_collector() -> None:
    """As in the window: the worker asks the GUI thread to switch collection back on."""
    from inspector_app import worker_gc

    workers: list[int] = []

    def worker() -> None:
        workers.append(threading.get_ident())
        with collection_paused():
            _cycles()

    def run() -> None:
        thread = threading.Thread(target=worker)
        thread.start()
        thread.join()
        worker_gc.resume()  # the GUI thread, on the worker's request

    worker_gc.set_resume_hook(lambda: None)
    try:
        gc.collect()  # counts at zero: the worker's few allocations outside its job trigger nothing
        seen = _collections_by_thread(run)
    finally:
        worker_gc.set_resume_hook(None)
    assert workers and workers[0] not in seen  # (without the pause the worker collects many times)
    assert gc.isenabled()
    assert _collections_by_thread(_cycles)  # outside a job Python collects as ever


def test_overlapping_jobs_keep_it_off_until_the_last_ends() -> None:
    first_in, second_done, release = threading.Event(), threading.Event(), threading.Event()
    states: list[bool] = []

    def first() -> None:
        with collection_paused():
            first_in.set()
            release.wait(5)

    def second() -> None:
        first_in.wait(5)
        with collection_paused():
            pass
        states.append(gc.isenabled())  # the first job still runs
        second_done.set()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    second_done.wait(5)
    release.set()
    for thread in threads:
        thread.join()
    assert states == [False] and gc.isenabled()


def test_collection_switched_off_before_stays_off() -> None:
    gc.disable()
    try:
        with collection_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_with_a_resume_hook_the_main_thread_switches_it_back_on() -> None:
    from inspector_app import worker_gc

    asked: list[int] = []
    worker_gc.set_resume_hook(lambda: asked.append(threading.get_ident()))
    try:
        thread = threading.Thread(target=lambda: _job_with(_cycles))
        thread.start()
        thread.join()
        assert asked and asked[0] == thread.ident and not gc.isenabled()  # the worker only asked
        worker_gc.resume()  # what the GUI thread does when the request arrives
        assert gc.isenabled()
    finally:
        worker_gc.set_resume_hook(None)
        gc.enable()


def _job_with(work) -> None:  # type: ignore[no-untyped-def]
    with collection_paused():
        work()
