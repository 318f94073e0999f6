"""Qt's own warnings and errors go to the app's log, with where Qt raised them.

Without a handler Qt writes them to stderr, which a windowed build does not have, so support would never
see "QPainter::begin: Paint device returned engine == 0" or a failed plugin load. A fatal message is
logged before Qt aborts; :func:`inspector_app.logs.enable_crash_log` then records the stack.
"""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

log = logging.getLogger("inspector_app.qt")

_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def handle_qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Log one Qt message (and echo it on stderr when there is one, as Qt's own handler would)."""
    where = f" ({context.file}:{context.line}, {context.function})" if context.file else ""
    category = context.category if context.category and context.category != "default" else "qt"
    log.log(_LEVELS.get(kind, logging.WARNING), "%s: %s%s", category, message, where)
    if sys.stderr is not None:
        print(f"{category}: {message}", file=sys.stderr)


def install_qt_message_handler() -> None:
    qInstallMessageHandler(handle_qt_message)
