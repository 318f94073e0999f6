"""Standard wordings at the cursor: Ctrl+Space in a text field offers the phrase library's phrases for
what is typed before the cursor; the one chosen replaces those words (one undo step, like typing).

The phrases come from :func:`inspector_app.bundled.phrases` (bundled, organisation, personal and the
framework's standard paragraphs, see domain/phrases.py); "Save selection as a phrase" in a prose
editor's menu adds to the user's own file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QPoint
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLineEdit, QMenu, QPlainTextEdit

from .. import bundled
from ..domain.phrases import Phrase, matching, typed_prefix

if TYPE_CHECKING:
    from .binding import FieldBinding

#: At most this many phrases in the menu (the most fitting first).
MENU_LIMIT = 30


def tr(text: str) -> str:
    return QCoreApplication.translate("phrases", text)


def _before_cursor(widget: QLineEdit | QPlainTextEdit) -> str:
    if isinstance(widget, QLineEdit):
        return widget.text()[: widget.cursorPosition()]
    cursor = widget.textCursor()
    return cursor.block().text()[: cursor.positionInBlock()]


def offer_phrases(binding: FieldBinding) -> QMenu | None:
    """Show the menu of phrases for the words before the cursor (None when the field is read-only)."""
    widget = binding.widget
    if widget.isReadOnly():
        return None
    typed = typed_prefix(_before_cursor(widget))
    framework = binding.document.inspection.framework
    found = matching(bundled.phrases(framework), typed, MENU_LIMIT)
    menu = QMenu(widget)
    menu.setObjectName("phrases")
    if not found:
        none = menu.addAction(tr("No phrase begins “%1”").replace("%1", typed.strip()[:40]))
        none.setEnabled(False)
    group = None
    for phrase in found:
        if phrase.group != group:
            group = phrase.group
            if group:
                menu.addSection(group)
        shown = phrase.text if len(phrase.text) <= 90 else phrase.text[:88] + "…"
        action = menu.addAction(shown)
        action.setToolTip(phrase.text)
        action.setData((phrase.text, typed))
        # The action lives as long as the menu: holding the inserter in a closure keeps it as long.
        inserter = _Inserter(widget, phrase, typed)
        action.triggered.connect(lambda _checked=False, inserter=inserter: inserter.insert())
    if isinstance(widget, QLineEdit):
        where = widget.cursorRect().bottomLeft()
    else:
        where = widget.viewport().mapTo(widget, widget.cursorRect().bottomLeft())
    menu.popup(widget.mapToGlobal(where + QPoint(0, 2)))
    return menu


class _Inserter:
    """Replaces the typed words with the phrase (or inserts it), then a space to type on."""

    def __init__(self, widget: QLineEdit | QPlainTextEdit, phrase: Phrase, typed: str) -> None:
        self.widget, self.phrase, self.typed = widget, phrase, typed

    def insert(self) -> None:
        widget, text, typed = self.widget, self.phrase.text, self.typed
        replaces = bool(typed.strip()) and text.casefold().startswith(" ".join(typed.split()).casefold())
        back = len(typed.lstrip()) if replaces else 0
        insertion = text if text.endswith((" ", ".", ":")) else text + " "
        if isinstance(widget, QLineEdit):
            position = widget.cursorPosition()
            widget.setSelection(position - back, back)
            widget.insert(insertion)
        else:
            cursor = widget.textCursor()
            cursor.movePosition(cursor.MoveOperation.Left, cursor.MoveMode.KeepAnchor, back)
            cursor.insertText(insertion)
            widget.setTextCursor(cursor)
        widget.setFocus()


def save_selection_action(widget: QPlainTextEdit, menu: QMenu) -> QAction:
    """ "Save selection as a phrase" for a prose editor's menu (disabled without a selection)."""
    selected = widget.textCursor().selectedText().replace("\u2029", " ").strip()
    action = QAction(tr("Save selection as a &phrase"), menu)
    action.setEnabled(bool(selected))
    action.setData(selected)
    saver = _Saver(widget, selected)
    action.triggered.connect(lambda _checked=False, saver=saver: saver.save())
    return action


class _Saver:
    def __init__(self, widget: QPlainTextEdit, text: str) -> None:
        self.widget, self.text = widget, text

    def save(self) -> None:
        window = self.widget.window()
        try:
            path = bundled.add_personal_phrase(self.text)
        except (OSError, ValueError) as error:
            message = tr("The phrase was not saved: %1").replace("%1", str(error))
        else:
            message = tr("Saved as a phrase (in %1); Ctrl+Space offers it.").replace("%1", str(path))
        status = getattr(window, "statusBar", None)
        if callable(status):
            status().showMessage(message, 8000)
