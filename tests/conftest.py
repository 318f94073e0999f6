"""Test-wide settings: Qt runs offscreen (no display needed) and app state stays inside the test's tmp dirs."""

import os

# Before any QApplication exists: the GUI tests run headless on CI and on developers' machines alike.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
