"""Qt's own messages reach the log file, and a fatal one leaves its stack in the crash log."""

from __future__ import annotations

from unit.test_crash_log import run_python

from inspector_app.logs import CRASH_FILE_NAME, LOG_FILE_NAME


def test_a_fatal_qt_message_is_logged_and_its_stack_recorded(tmp_path):
    result = run_python(
        """
        from PySide6.QtCore import qFatal, qWarning
        from inspector_app.gui.qt_messages import install_qt_message_handler
        from inspector_app.logs import enable_crash_log, setup_logging

        setup_logging()
        enable_crash_log()
        install_qt_message_handler()
        qWarning("QPainter::begin: Paint device returned engine == 0")

        def export_figure():
            qFatal("cannot go on")

        export_figure()
        """,
        tmp_path,
    )
    assert result.returncode != 0
    log = (tmp_path / LOG_FILE_NAME).read_text(encoding="utf-8")
    assert "WARNING inspector_app.qt" in log and "Paint device returned engine == 0" in log
    assert "CRITICAL inspector_app.qt" in log and "cannot go on" in log
    crash_log = (tmp_path / CRASH_FILE_NAME).read_text(encoding="utf-8")
    assert "Fatal Python error: Aborted" in crash_log
    assert "in export_figure" in crash_log, crash_log
