"""Test-wide settings: Qt runs offscreen (no display needed) and app state stays inside the test's tmp dirs."""

import os
import tempfile

# Before any QApplication exists: the GUI tests run headless on CI and on developers' machines alike.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Recovery copies and logs of the app under test go to a folder of this test run, never the user's own.
_STATE = tempfile.mkdtemp(prefix="inspector-tests-")
os.environ["INSPECTOR_STATE_DIR"] = os.path.join(_STATE, "state")
os.environ["INSPECTOR_LOG_DIR"] = os.path.join(_STATE, "log")
