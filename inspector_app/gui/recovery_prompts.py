"""The questions asked on the way to opening a file: someone else has it open; a crash left changes.

A lock file is anyone's to write, so the "file in use" question quotes its user and host as
:func:`~inspector_app.storage.lock.shown` makes them (one line, escaped, at most 80 characters), and
:func:`plain` makes sure no dialog takes the question for rich text.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import Qt
from PySide6.QtWidgets import QWidget

from ..storage import lock as locks
from ..storage.errors import InspectionFileError
from ..storage.recovery import Recovery, describe
from .document import InspectionDocument
from .interaction import Interaction
from .settings import AppSettings


class Cancelled(Exception):
    """The user backed out of a question on the way to opening a file."""


def tr(text: str) -> str:
    return QCoreApplication.translate("recovery", text)


def plain(text: str) -> str:
    """``text`` as a message box will show it, literally: Qt renders a message that looks like HTML (a tag
    or "&lt;" on its first line) as rich text, so such characters are replaced by look-alikes."""
    if Qt.mightBeRichText(text):
        text = text.replace("<", "\u2039").replace(">", "\u203a").replace("&", "\uff06")
    return text


def lock_for_opening(
    parent: QWidget, interaction: Interaction, path: Path
) -> tuple[locks.Lock | None, bool, str]:
    """The lock for ``path``, whether to open read-only, and a note for the status bar.

    Raises Cancelled when the user backs out. A folder that takes no lock (a read-only share) still opens.
    """
    try:
        return locks.acquire(path), False, ""
    except locks.LockedError as error:
        choice = interaction.choose(
            parent,
            tr("The file is in use"),
            plain(
                str(error)
                + "\n"
                + tr("Open a read-only copy (save it under another name), or open it anyway?")
            ),
            [tr("Open read-only"), tr("Open anyway")],
        )
        if choice == 0:
            return None, True, ""
        if choice == 1:
            return locks.acquire(path, steal=True), False, ""
        raise Cancelled from None
    except locks.LockFailedError as error:
        return None, False, str(error)


def ask_about_recovery(
    parent: QWidget,
    interaction: Interaction,
    settings: AppSettings,
    recovery: Recovery,
    opened_path: Path | None = None,
) -> InspectionDocument | None:
    """Restore (a modified document, saved only when the user saves), keep aside, or discard a copy.

    Returns the restored document, or None when the copy was kept aside, discarded or left for later.
    """
    choice = interaction.choose(
        parent,
        tr("Restore unsaved work?"),
        describe(recovery)
        + "\n"
        + tr("Inspector was not closed properly. What should happen to these changes?"),
        [tr("Restore them"), tr("Keep them in a separate file"), tr("Discard them")],
    )
    if choice == 0:
        try:
            inspection = recovery.load()
        except InspectionFileError as error:
            interaction.error(parent, tr("Cannot restore"), str(error))
            return None
        original = (
            recovery.original_path if recovery.original_path and recovery.original_path.is_file() else None
        )
        document = InspectionDocument(inspection, original or opened_path)
        document.undo_stack.resetClean()  # unsaved until the user saves: the window shows it modified
        return document
    if choice == 1:
        original = recovery.original_path
        folder = original.parent if original and original.parent.is_dir() else settings.last_folder()
        try:
            kept = recovery.keep_aside(folder)
        except OSError as error:
            interaction.error(parent, tr("Cannot keep the copy"), str(error))
            return None
        settings.add_recent(kept)
        interaction.inform(
            parent, tr("Changes kept"), tr("The recovered changes are saved as %1.").replace("%1", str(kept))
        )
    elif choice == 2:
        recovery.discard()
    return None
