"""A crash Python cannot catch still leaves a file that says where it happened, and the next start says so."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from inspector_app.logs import CRASH_FILE_NAME, CRASH_HEADER, LOG_DIR_ENV, LOG_FILE_NAME


def run_python(code: str, log_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {LOG_DIR_ENV: str(log_dir), "PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], env=env, capture_output=True, text=True, timeout=120
    )


CRASH = """
    import faulthandler
    from inspector_app.logs import enable_crash_log, setup_logging

    setup_logging()
    enable_crash_log()

    def save_the_report():
        faulthandler._sigsegv()

    save_the_report()
"""


def test_a_segfault_leaves_the_stack_in_the_crash_log_and_the_next_start_logs_it(tmp_path):
    crashed = run_python(CRASH, tmp_path)
    assert crashed.returncode != 0
    assert crashed.stderr == "", "nothing goes to stderr (a windowed build has none)"
    crash_log = (tmp_path / CRASH_FILE_NAME).read_text(encoding="utf-8")
    assert crash_log.startswith(CRASH_HEADER)
    assert "Fatal Python error: Segmentation fault" in crash_log
    assert "line 9 in save_the_report" in crash_log, crash_log
    assert (tmp_path / CRASH_FILE_NAME).stat().st_mode & 0o077 == 0, "private to the user"

    quiet = run_python(
        "from inspector_app.logs import enable_crash_log, setup_logging; setup_logging(); enable_crash_log()",
        tmp_path,
    )
    assert quiet.returncode == 0, quiet.stderr
    log = (tmp_path / LOG_FILE_NAME).read_text(encoding="utf-8")
    assert "the last run crashed; its stack is in" in log
    assert (tmp_path / CRASH_FILE_NAME).read_text(encoding="utf-8").count(CRASH_HEADER) == 2

    again = run_python(
        "from inspector_app.logs import enable_crash_log, setup_logging; setup_logging(); enable_crash_log()",
        tmp_path,
    )
    assert again.returncode == 0, again.stderr
    log = (tmp_path / LOG_FILE_NAME).read_text(encoding="utf-8")
    assert log.count("the last run crashed") == 1, "a clean run is not taken for a crash"


def test_the_log_and_the_crash_log_are_private_to_the_user(tmp_path):
    import os
    import stat

    if os.name != "posix":
        return
    result = run_python(
        "import logging\n"
        "from inspector_app.logs import enable_crash_log, setup_logging\n"
        "setup_logging(); enable_crash_log()\n"
        "logging.getLogger('inspector_app').warning('names a file')\n",
        tmp_path / "log",
    )
    assert result.returncode == 0, result.stderr
    for name in (LOG_FILE_NAME, CRASH_FILE_NAME):
        assert stat.S_IMODE((tmp_path / "log" / name).stat().st_mode) == 0o600, name
    assert stat.S_IMODE((tmp_path / "log").stat().st_mode) == 0o700
