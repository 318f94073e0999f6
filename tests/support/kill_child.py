"""Child for tests/unit/storage/test_kill_save.py: a fork server whose workers save in a loop until killed.

Run as ``python kill_child.py FILE``. It imports the app once, then obeys commands on stdin (one a line):

``go``        fork a worker; prints ``forked PID``. The worker prints ``started``, loads FILE, and then for
              n = (its version + 1), (+ 2), …: sets the author to "version n", appends evidence item
              "item n", prints ``begin n``, saves FILE with :func:`save_inspection` (backups on), prints
              ``done n`` — until the test SIGKILLs it.
``reap PID``  wait for that worker to end; prints ``reaped PID``. Everything the worker printed comes first.
``quit``      exit.

Forking from a warm process keeps a kill round to a few milliseconds instead of a Python start-up each.
Output goes through ``os.write`` on an unbuffered descriptor, so a killed worker leaves no half-buffered
lines and nothing is printed twice after a fork. POSIX only.
"""

from __future__ import annotations

import os
import sys
import traceback

from inspector_app.domain.inspection import EvidenceItem, SourceType
from inspector_app.storage.inspection_file import load_inspection, save_inspection


def say(text: str) -> None:
    os.write(1, (text + "\n").encode("ascii"))


def version_of(inspection) -> int:
    (author,) = inspection.authors
    return int(author.removeprefix("version "))


def work(path: str) -> None:
    say("started")
    inspection = load_inspection(path)
    n = version_of(inspection)
    while True:
        n += 1
        inspection.authors = [f"version {n}"]
        inspection.evidence.append(
            EvidenceItem(
                source_type=SourceType.INTERVIEW, title=f"item {n}", text=f"Evidence recorded in version {n}."
            )
        )
        say(f"begin {n}")
        save_inspection(inspection, path)
        say(f"done {n}")


def main(path: str) -> None:
    while True:
        line = sys.stdin.readline()
        if not line or line.strip() == "quit":
            return
        command, *arguments = line.split()
        if command == "go":
            pid = os.fork()
            if pid == 0:
                try:
                    work(path)
                except BaseException:  # noqa: BLE001 - a forked child reports everything, then exits
                    traceback.print_exc()
                finally:
                    os._exit(1)  # only reached if loading or saving raised: the test sees a bad exit status
            say(f"forked {pid}")
        elif command == "reap":
            pid = int(arguments[0])
            _, status = os.waitpid(pid, 0)
            say(f"reaped {pid} {status}")


if __name__ == "__main__":
    main(sys.argv[1])
