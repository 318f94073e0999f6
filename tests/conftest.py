"""Test-wide settings: Qt runs offscreen (no display needed), app state stays inside the test's tmp dirs,
hypothesis profiles, and the ``slow`` marker on the suites a quick loop leaves out."""

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Before any QApplication exists: the GUI tests run headless on CI and on developers' machines alike.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Recovery copies and logs of the app under test go to a folder of this test run, never the user's own.
_STATE = tempfile.mkdtemp(prefix="inspector-tests-")
os.environ["INSPECTOR_STATE_DIR"] = os.path.join(_STATE, "state")
os.environ["INSPECTOR_LOG_DIR"] = os.path.join(_STATE, "log")
# The user's own data (word list, phrases, imported frameworks) and the organisation's frameworks too.
os.environ["INSPECTOR_DATA_DIR"] = os.path.join(_STATE, "data")
os.environ["INSPECTOR_ORG_FRAMEWORKS"] = os.path.join(_STATE, "organisation-frameworks")

# Hypothesis profiles, chosen with HYPOTHESIS_PROFILE: "ci" (the default: the same cases every run),
# "quick" (few examples, for `pytest -m "not slow"` while working) and "long" (random, many more steps,
# for a local hunt). Tests that fix their own max_examples keep them.
settings.register_profile(
    "ci", deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("quick", settings.get_profile("ci"), max_examples=10, stateful_step_count=20)
settings.register_profile(
    "long", deadline=None, derandomize=False, max_examples=200, stateful_step_count=200, print_blob=True
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

_TESTS = Path(__file__).parent
#: Whole suites that take minutes: fuzzing, kill loops, building and installing the wheel and packaging.
SLOW = (
    _TESTS / "packaging",
    _TESTS / "unit" / "storage" / "test_loader_fuzz.py",
    _TESTS / "unit" / "storage" / "test_kill_save.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        path = Path(item.path)
        if any(path == slow or slow in path.parents for slow in SLOW):
            item.add_marker(pytest.mark.slow)


_EXIT_STATUS: list[int] = []


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    _EXIT_STATUS.append(int(exitstatus))


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    """End the process with pytest's status once everything is reported, skipping the interpreter's
    teardown: its final garbage collection, run as PySide's modules go, crashed about one full run in
    two ("Garbage-collecting", a segmentation fault after every test had passed; the app's own exit is
    clean). Not yet understood — see the notes; until it is, it must not turn a green run red."""
    import os
    import sys

    if _EXIT_STATUS:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(_EXIT_STATUS[-1])
