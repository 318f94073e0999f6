"""The last line of defence: an unexpected error saves a recovery copy first, is logged, then explained."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from .interaction import Interaction

if TYPE_CHECKING:
    from .main_window import MainWindow

log = logging.getLogger("inspector_app")


def tr(text: str) -> str:
    return QCoreApplication.translate("errors", text)


def install_exception_hook(
    window: MainWindow, interaction: Interaction, log_file: Path
) -> Callable[[type[BaseException], BaseException, TracebackType | None], None]:
    """Route uncaught exceptions (in Qt slots too) to :func:`handle`; returns the hook for tests."""

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        handle(window, interaction, log_file, kind, error, trace)

    sys.excepthook = hook
    return hook


def handle(
    window: MainWindow,
    interaction: Interaction,
    log_file: Path,
    kind: type[BaseException],
    error: BaseException,
    trace: TracebackType | None,
) -> None:
    saved = False
    try:
        saved = window.emergency_save()
    except Exception:
        log.exception("the recovery copy could not be written after an unexpected error")
    log.error("unexpected error", exc_info=(kind, error, trace))
    details = "".join(traceback.format_exception(kind, error, trace))
    if saved:
        first = tr(
            "Your unsaved changes were copied to a recovery file; if Inspector closes, they will be offered when it starts again."
        )
    elif window.document is None or not window.document.is_modified():
        first = tr("Nothing unsaved was lost.")
    else:
        first = tr("Save your work now (File › Save As) in case the problem recurs.")
    text = tr("Inspector met an unexpected problem: %1").replace("%1", str(error))
    where = tr("The details are in the log: %1").replace("%1", str(log_file))
    interaction.error(window, tr("Something went wrong"), f"{text}\n\n{first}\n\n{where}", details)
