"""Kill a saving process at random moments, hundreds of times: the file always loads, whole, as a version
the process had finished or the one it was writing; temporary files are never taken for the real one."""

import os
import queue
import random
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from inspector_app import bundled
from inspector_app.domain.inspection import new_inspection
from inspector_app.storage.backups import backup_folder, list_backups
from inspector_app.storage.inspection_file import load_inspection, save_inspection

KILLS = 250
MAX_DELAY = 0.030
CHILD = Path(__file__).parents[2] / "support" / "kill_child.py"
TIMEOUT = 20.0

pytestmark = pytest.mark.skipif(
    not hasattr(os, "fork") or os.name == "nt", reason="needs POSIX fork and SIGKILL"
)


class Child:
    """The fork server of tests/support/kill_child.py, with its output read on a thread (no hang on a
    silent child: every wait has a timeout)."""

    def __init__(self, path: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(CHILD), str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            bufsize=0,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        try:
            for line in self.process.stdout:
                self.lines.put(line.decode("ascii").strip())
        except (ValueError, OSError):  # the pipe was closed under us by close(): the test is over
            pass
        self.lines.put("<eof>")

    def send(self, command: str) -> None:
        self.process.stdin.write(command.encode("ascii") + b"\n")
        self.process.stdin.flush()

    def next_line(self) -> str:
        try:
            line = self.lines.get(timeout=TIMEOUT)
        except queue.Empty:
            raise AssertionError("the child went silent") from None
        if line == "<eof>":
            raise AssertionError(f"the child ended: {self.process.stderr.read().decode(errors='replace')}")
        return line

    def close(self) -> None:
        if self.process.poll() is None:
            self.send("quit")
            try:
                self.process.wait(timeout=TIMEOUT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process.stdin.close()
        self.reader.join(timeout=TIMEOUT)  # it stops at the child's end of output; then its pipe may close
        self.process.stdout.close()
        self.process.stderr.close()


def version_of(path: Path) -> int:
    """Load the file (it must load) and check it is internally one version: author and evidence agree."""
    inspection = load_inspection(path)
    (author,) = inspection.authors
    version = int(author.removeprefix("version "))
    assert len(inspection.evidence) == version, (
        f"{path.name}: author says {version}, evidence says {len(inspection.evidence)}"
    )
    if version:
        assert inspection.evidence[-1].title == f"item {version}"
    return version


TEMPORARY = re.compile(r"\.Hertfordshire\.inspection\.[^/]*\.tmp")


def test_killing_a_saving_process_never_loses_the_file(tmp_path):
    path = tmp_path / "Hertfordshire.inspection"
    inspection = new_inspection(
        bundled.load_framework("crime-inspection-2014"), "Hertfordshire Constabulary", "Hertfordshire"
    )
    inspection.authors = ["version 0"]
    save_inspection(inspection, path)

    rng = random.Random(20240514)
    on_disk = 0  # the version the file held after the previous round
    mid_write = replaced_before_done = during_load = 0
    produced: set[int] = {0}
    started_at = time.monotonic()
    child = Child(path)
    try:
        for _ in range(KILLS):
            child.send("go")
            pid = None
            started = False
            begun: list[int] = []
            done: list[int] = []
            while pid is None or not started:
                # The worker may print before the server prints "forked": its first lines can come first.
                line = child.next_line()
                kind, _, rest = line.partition(" ")
                if kind == "forked":
                    pid = int(rest)
                elif line == "started":
                    started = True
                elif kind == "begin":
                    begun.append(int(rest))
                elif kind == "done":
                    done.append(int(rest))
                else:
                    raise AssertionError(f"unexpected {line!r}")
            time.sleep(rng.uniform(0, MAX_DELAY))
            os.kill(pid, signal.SIGKILL)
            child.send(f"reap {pid}")
            while True:
                line = child.next_line()
                kind, _, rest = line.partition(" ")
                if kind == "begin":
                    begun.append(int(rest))
                elif kind == "done":
                    done.append(int(rest))
                elif kind == "reaped":
                    status = int(rest.split()[1])
                    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, (
                        f"the worker ended by itself (status {status}): {child.process.stderr.read1().decode(errors='replace')}"
                    )
                    break
                else:
                    raise AssertionError(f"unexpected {line!r}")
            produced.update(begun)

            finished = done[-1] if done else on_disk
            allowed = {finished}
            if begun and (not done or begun[-1] != done[-1]):
                mid_write += 1
                allowed.add(begun[-1])
            if not begun:
                during_load += 1
            version = version_of(path)  # must load, whatever moment the kill hit
            assert version in allowed, (
                f"file holds version {version}; finished {finished}, being written {begun[-1:]}"
            )
            if version != finished:
                replaced_before_done += 1
            on_disk = version

            # Nothing but the file, its backup folder and recognisable temporary files sits beside it.
            for name in os.listdir(tmp_path):
                assert name in (path.name, backup_folder(path).name) or TEMPORARY.fullmatch(name), name
            for backup in list_backups(path):
                assert not backup.path.name.endswith(".tmp")
                assert version_of(backup.path) <= version
    finally:
        child.close()
    elapsed = time.monotonic() - started_at

    temporary = [n for n in os.listdir(tmp_path) if TEMPORARY.fullmatch(n)]
    temporary_backups = [n for n in os.listdir(backup_folder(path)) if n.endswith(".tmp")]
    backups = list_backups(path)
    # Five kept; a kill between writing a copy and pruning leaves a sixth until the next save prunes it.
    assert len(backups) in (5, 6)
    versions = [version_of(b.path) for b in backups]
    assert versions == sorted(set(versions), reverse=True), "distinct versions, newest first"
    assert on_disk == max(produced) or on_disk == max(produced) - 1
    print(
        f"\n{KILLS} kills in {elapsed:.1f} s: {mid_write} during a save ({replaced_before_done} of them after the "
        f"new version was in place), {during_load} before the first save began; {max(produced)} versions written; "
        f"{len(temporary)} temporary files and {len(temporary_backups)} temporary backup files left by kills; "
        f"0 files that failed to load"
    )
    assert mid_write > 0, "no kill landed during a save: the test proves little"
