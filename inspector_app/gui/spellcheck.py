"""Spelling as you type: a red wavy underline in every prose editor, and a menu to correct, ignore or add.

The underline judges a word as the checks do (``domain.checks.spelling.problem``: the same dictionary, word
lists, tokens, acronyms and the inspection's own words), so what the editor underlines is what the checks
panel lists. One :class:`DocumentSpelling` per open inspection keeps the verdicts: per paragraph (a
block's text → where its misspellings are) and per word, so a keystroke judges only the paragraph it
changed, and a paragraph seen before costs one dictionary lookup. Until the dictionary has loaded (a
background thread, about a second at start) nothing is underlined; then every editor is highlighted once.

The context menu on an underlined word offers up to six suggestions (a replacement is one undo step),
*Ignore* (the word goes into the inspection's ``spelling_ignored``, an undoable edit saved with the file)
and *Add to dictionary* (the user's own word list, ``bundled.personal_words_path()``), then the editor's
own Cut, Copy, Paste, Delete and Select All (its Undo and Redo are left out: undo is the document's).
"""

from __future__ import annotations

import logging
import threading
import time
import weakref
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QColor, QSyntaxHighlighter, QTextCharFormat
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QWidget

from .. import bundled
from ..domain.changes import Change
from ..domain.checks import spelling
from ..worker_gc import collection_paused
from . import commands
from .document import InspectionDocument
from .focus_watch import FocusWatch
from .phrases import save_selection_action

if TYPE_CHECKING:
    from .binding import FieldBinding

_log = logging.getLogger(__name__)

#: Fields bound to a plain-text editor that are not prose: names, one per line.
NOT_PROSE_FIELDS = frozenset({"authors"})
#: Paragraph and word verdicts kept per inspection before the caches start again.
_PARAGRAPHS_KEPT = 20_000
_WORDS_KEPT = 200_000
#: Suggestions slower than this (ms) are logged: the menu waited for them.
_SLOW_SUGGESTIONS_MS = 250
UNDERLINE = QColor(220, 0, 0)


def tr(text: str) -> str:
    return QCoreApplication.translate("spellcheck", text)


# -- the dictionary, loaded once in the background ----------------------------------------------------


class _Notifier(QObject):
    """Process-wide news about spelling, delivered on the GUI thread."""

    #: the dictionary has loaded (emitted from the loader thread; Qt queues it to the receivers' thread)
    loaded = Signal()
    #: (frozenset of words): the user's word list gained these words
    wordsAdded = Signal(object)


_notifier: _Notifier | None = None
_loading = threading.Lock()
_loader: threading.Thread | None = None


def notifier() -> _Notifier:
    global _notifier
    if _notifier is None:
        _notifier = _Notifier()
    return _notifier


def ensure_loading() -> None:
    """Load the dictionary in a background thread (once) and say so with ``notifier().loaded``."""
    global _loader
    news = notifier()  # made here, on the GUI thread, so its signals are delivered there
    with _loading:
        if (_loader is not None and _loader.is_alive()) or bundled.speller().is_loaded():
            return
        _loader = threading.Thread(target=_load, args=(news,), name="spelling-dictionary", daemon=True)
        _loader.start()


def _load(news: _Notifier) -> None:
    with collection_paused():  # never collect the GUI's objects on this thread (worker_gc.py)
        try:
            bundled.speller().preload()
        except Exception:  # noqa: BLE001 - a broken dictionary must not take the window down; no underline then
            _log.exception("the spelling dictionary did not load")
            return
        news.loaded.emit()


# -- one inspection's verdicts ------------------------------------------------------------------------

_services: weakref.WeakKeyDictionary[InspectionDocument, DocumentSpelling] = weakref.WeakKeyDictionary()


def spelling_of(document: InspectionDocument) -> DocumentSpelling:
    """The one :class:`DocumentSpelling` of ``document`` (made on first use)."""
    service = _services.get(document)
    if service is None:
        service = _services[document] = DocumentSpelling(document)
    return service


class DocumentSpelling(QObject):
    """What one inspection's editors underline, cached per paragraph and per word."""

    #: (frozenset of words, or None for any word): verdicts on these words changed; highlight again
    #: the editors whose text holds one of them
    changed = Signal(object)

    def __init__(self, document: InspectionDocument) -> None:
        super().__init__(document)
        self.document = document
        self.speller = bundled.speller()
        self._accepted: spelling.WordList | None = None
        self._paragraphs: dict[str, tuple[tuple[int, int, str], ...]] = {}
        self._words: dict[str, bool] = {}
        #: token → () when it holds no misspelling, else (start, end, word) of it within the token
        self._tokens: dict[str, tuple[int, int, str] | tuple[()]] = {}
        document.routes.watch_record(document.inspection.id, self._on_inspection_change)
        news = notifier()
        news.loaded.connect(self._on_loaded)
        news.wordsAdded.connect(self._on_words_added)
        ensure_loading()

    def ready(self) -> bool:
        return self.speller.is_loaded()

    def accepted(self) -> spelling.WordList:
        if self._accepted is None:
            self._accepted = spelling.accepted_in(self.document.inspection)
        return self._accepted

    def misspellings(
        self, text: str, typing_from: int = -1, typing_to: int = -1
    ) -> tuple[tuple[int, int, str], ...]:
        """(start, end, word) of each word of ``text`` to underline; none until the dictionary is loaded.

        ``typing_from``…``typing_to``: the word being typed (the cursor at its end). When it is a new word
        it is not looked up yet — each keystroke makes one, and a word the dictionary lacks is its slowest
        lookup — and the paragraph is not remembered until it is complete."""
        if not text or not self.speller.is_loaded():
            return ()
        found = self._paragraphs.get(text)
        if found is not None:
            return found
        if 0 <= typing_from < typing_to and text[typing_from:typing_to] not in self._tokens:
            return self._judge(text[:typing_from] + " " * (typing_to - typing_from) + text[typing_to:])
        found = self._judge(text)
        if len(self._paragraphs) >= _PARAGRAPHS_KEPT:
            self._paragraphs.clear()
        self._paragraphs[text] = found
        return found

    def _judge(self, text: str) -> tuple[tuple[int, int, str], ...]:
        """The misspellings of a paragraph not seen before: a keystroke's work, so each distinct token is
        judged once (as :func:`spelling.word_spans` and :meth:`is_misspelt` would) and then remembered,
        and a paragraph without a misspelling (the usual case) is judged in a few C-level passes."""
        tokens = self._tokens
        prose = spelling.prose_only(text)
        found_tokens = spelling.TOKEN.findall(prose)
        verdicts = list(map(tokens.get, found_tokens))
        if None in verdicts:
            for token, verdict in zip(found_tokens, verdicts, strict=True):
                if verdict is None:
                    tokens[token] = self._token_verdict(token)
            verdicts = list(map(tokens.get, found_tokens))
        if not any(verdicts):
            return ()
        found = []
        for match in spelling.TOKEN.finditer(prose):
            verdict = tokens[match.group()]
            if verdict:
                start = match.start()
                found.append((start + verdict[0], start + verdict[1], verdict[2]))
        return tuple(found)

    def _token_verdict(self, token: str) -> tuple[int, int, str] | tuple[()]:
        """() when ``token`` holds no misspelling, else where in it the misspelt word is, and the word."""
        in_token = spelling.word_in_token(token)
        if in_token is None or not self.is_misspelt(in_token[1]):
            return ()
        return in_token[0], in_token[0] + len(in_token[1]), in_token[1]

    def is_misspelt(self, word: str) -> bool:
        verdict = self._words.get(word)
        if verdict is None:
            if len(self._words) >= _WORDS_KEPT:
                self._words.clear()
                self._tokens.clear()
            verdict = self._words[word] = spelling.problem(self.speller, word, self.accepted())
        return verdict

    def misspelling_at(self, text: str, position: int) -> tuple[int, int, str] | None:
        """The underlined word of ``text`` at ``position`` (its start to its end, both included)."""
        return next((span for span in self.misspellings(text) if span[0] <= position <= span[1]), None)

    def suggestions(self, word: str) -> list[str]:
        started = time.perf_counter()
        found = self.speller.suggest(word)
        elapsed = (time.perf_counter() - started) * 1000
        if elapsed > _SLOW_SUGGESTIONS_MS:
            _log.info("suggestions for a %d-letter word took %.0f ms", len(word), elapsed)
        return found

    # -- what the menu does -------------------------------------------------------------------------

    def ignore(self, word: str) -> None:
        """Accept ``word`` in this inspection: an undoable edit of ``spelling_ignored``."""
        inspection = self.document.inspection
        if word in inspection.spelling_ignored:
            return
        self.document.push(
            commands.SetField(
                self.document,
                inspection.id,
                "spelling_ignored",
                [*inspection.spelling_ignored, word],
                tr("Ignore “%1” in spelling").replace("%1", word),
            )
        )

    def add_to_dictionary(self, word: str) -> bool:
        """Add ``word`` to the user's word list; False (said in the status bar) when it cannot be written."""
        try:
            bundled.add_personal_word(word)
        except (OSError, ValueError) as error:
            _log.warning("cannot add a word to %s: %s", bundled.personal_words_path(), error)
            self.document.notice.emit(
                tr("“%1” could not be added to your dictionary (%2): %3")
                .replace("%1", word)
                .replace("%2", str(bundled.personal_words_path()))
                .replace("%3", getattr(error, "strerror", None) or str(error))
            )
            return False
        notifier().wordsAdded.emit(frozenset({word}))
        return True

    # -- what changes the verdicts ------------------------------------------------------------------

    def _forget(self, words: frozenset[str] | None) -> None:
        self._accepted = None
        self._paragraphs.clear()
        self._words.clear()
        self._tokens.clear()
        self.changed.emit(words)

    def _on_inspection_change(self, change: Change) -> None:
        if change.field == "spelling_ignored":
            old = set(change.old or ())
            new = set(self.document.inspection.spelling_ignored)
            self._forget(frozenset(old ^ new))

    def _on_loaded(self) -> None:
        self._forget(None)

    def _on_words_added(self, words: frozenset[str]) -> None:
        self._forget(words)


# -- the underline and the menu of one editor ---------------------------------------------------------


class SpellingHighlighter(QSyntaxHighlighter):
    """Underlines the misspelt words of one bound editor and gives it the spelling context menu.

    The word being typed (the cursor at its end, in the focused editor) is not underlined until the
    cursor leaves it, so a word is not marked wrong before it is finished.
    """

    def __init__(self, binding: FieldBinding, service: DocumentSpelling) -> None:
        widget = binding.widget
        assert isinstance(widget, QPlainTextEdit)
        super().__init__(widget.document())
        self.binding, self.widget, self.service = binding, widget, service
        self.underline = QTextCharFormat()
        self.underline.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        self.underline.setUnderlineColor(UNDERLINE)
        #: (block number, start, end) of the word left plain because the cursor is at its end
        self._held: tuple[int, int, int] | None = None
        #: highlighting again because the verdicts changed, not because the user typed
        self._rehighlighting = False
        #: Started while a word is held (see _watch_focus).
        self._focus_watch = FocusWatch(self, self._on_focus_changed)
        service.changed.connect(self._on_changed)
        widget.cursorPositionChanged.connect(self._on_cursor_moved)
        widget.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        widget.customContextMenuRequested.connect(self._show_menu)

    def highlightBlock(self, text: str) -> None:
        if not text or not self.service.ready():
            return
        block = self.currentBlock()
        typing_at = -1 if self._rehighlighting else self._typing_position(block.position(), block.length())
        word_start = _start_of_word_ending_at(text, typing_at)
        for start, end, _word in self.service.misspellings(text, word_start, typing_at):
            if end != typing_at:
                self.setFormat(start, end - start, self.underline)
        if word_start >= 0:
            if self._held is None:
                self._watch_focus(True)  # to show the word when the editor loses the focus
            self._held = (block.blockNumber(), word_start, typing_at)
        elif self._held is not None and self._held[0] == block.blockNumber():
            self._held = None
            self._watch_focus(False)

    def _typing_position(self, block_position: int, block_length: int) -> int:
        """Where in this block the user is typing (-1: not here, or not typing)."""
        if not self.widget.hasFocus():
            return -1
        cursor = self.widget.textCursor()
        if cursor.hasSelection():
            return -1
        offset = cursor.position() - block_position
        return offset if 0 <= offset < block_length else -1

    def _release_held(self) -> None:
        held, self._held = self._held, None
        self._watch_focus(False)
        if held is not None:
            block = self.document().findBlockByNumber(held[0])
            if block.isValid():
                self.rehighlightBlock(block)

    def _on_cursor_moved(self) -> None:
        if self._held is None:
            return
        cursor = self.widget.textCursor()
        block = cursor.block()
        if block.blockNumber() != self._held[0] or cursor.position() - block.position() != self._held[2]:
            self._release_held()

    def _watch_focus(self, watch: bool) -> None:
        """Follow the application's focus while a word is held (an event filter would cost every event)."""
        if watch:
            self._focus_watch.start()
        else:
            self._focus_watch.stop()

    def _on_focus_changed(self, old: QWidget | None, _new: QWidget | None) -> None:
        if old is self.widget and self._held is not None:
            self._release_held()

    def _on_changed(self, words: frozenset[str] | None) -> None:
        text = self.widget.toPlainText()
        if text and (words is None or any(word in text for word in words)):
            self._held = None
            self._watch_focus(False)
            self._rehighlighting = True
            try:
                self.rehighlight()
            finally:
                self._rehighlighting = False

    # -- the context menu ---------------------------------------------------------------------------

    def _show_menu(self, position: QPoint) -> None:
        menu = self.context_menu(position)
        menu.exec(self.widget.viewport().mapToGlobal(position))
        menu.deleteLater()

    def context_menu(self, position: QPoint) -> QMenu:
        """The menu for a right-click at ``position`` (viewport coordinates): the spelling entries when
        the word there is underlined, then the editor's own entries without its Undo and Redo."""
        widget = self.widget
        menu = widget.createStandardContextMenu(position)
        for action in menu.actions():
            if action.objectName() in ("edit-undo", "edit-redo"):
                menu.removeAction(action)
        while menu.actions() and menu.actions()[0].isSeparator():
            menu.removeAction(menu.actions()[0])
        menu.addSeparator()
        menu.addAction(save_selection_action(widget, menu))
        found = None if widget.isReadOnly() else self._misspelling_at(position)
        if found is None:
            return menu
        start, end, word = found
        first = menu.actions()[0] if menu.actions() else None
        entries: list[QAction] = []
        suggestions = self.service.suggestions(word)
        for suggestion in suggestions:
            action = QAction(suggestion, menu)
            action.setData((start, end, word, suggestion))
            action.triggered.connect(self._replace)
            font = action.font()
            font.setBold(True)
            action.setFont(font)
            entries.append(action)
        if not suggestions:
            none = QAction(tr("(No suggestions)"), menu)
            none.setEnabled(False)
            entries.append(none)
        entries.append(_separator(menu))
        ignore = QAction(tr("&Ignore “%1” in this inspection").replace("%1", word), menu)
        ignore.setData(word)
        ignore.triggered.connect(self._ignore)
        add = QAction(tr("&Add “%1” to dictionary").replace("%1", word), menu)
        add.setData(word)
        add.setEnabled(bundled.is_addable_word(word))
        add.triggered.connect(self._add)
        entries += [ignore, add]
        if first is None:
            menu.addActions(entries)
        else:
            entries.append(_separator(menu))
            menu.insertActions(first, entries)
        return menu

    def _misspelling_at(self, position: QPoint) -> tuple[int, int, str] | None:
        """(start, end, word) in the whole text of the underlined word at ``position``."""
        cursor = self.widget.cursorForPosition(position)
        block = cursor.block()
        found = self.service.misspelling_at(block.text(), cursor.position() - block.position())
        if found is None:
            return None
        start, end, word = found
        return block.position() + start, block.position() + end, word

    def _replace(self) -> None:
        action = self.sender()
        if isinstance(action, QAction):
            start, end, word, suggestion = action.data()
            label = self.binding.label()
            self.binding.replace(
                start,
                end,
                suggestion,
                tr("Correct “%1” in %2").replace("%1", word).replace("%2", label)
                if label
                else tr("Correct “%1”").replace("%1", word),
            )

    def _ignore(self) -> None:
        action = self.sender()
        if isinstance(action, QAction):
            self.service.ignore(action.data())

    def _add(self) -> None:
        action = self.sender()
        if isinstance(action, QAction):
            self.service.add_to_dictionary(action.data())


def _is_token_character(character: str) -> bool:
    """A character of :data:`spelling.TOKEN`: a letter, digit, underscore, apostrophe or hyphen."""
    return character.isalnum() or character in "_’'-"


def _start_of_word_ending_at(text: str, position: int) -> int:
    """Where the token that ends at ``position`` starts (-1: no token ends there)."""
    if position <= 0 or position > len(text) or not _is_token_character(text[position - 1]):
        return -1
    if position < len(text) and _is_token_character(text[position]):
        return -1
    start = position - 1
    while start > 0 and _is_token_character(text[start - 1]):
        start -= 1
    return start


def _separator(menu: QMenu) -> QAction:
    separator = QAction(menu)
    separator.setSeparator(True)
    return separator


def attach(binding: FieldBinding) -> SpellingHighlighter | None:
    """Underline misspellings in ``binding``'s editor and give it the spelling menu (prose editors only)."""
    if not isinstance(binding.widget, QPlainTextEdit) or binding.field in NOT_PROSE_FIELDS:
        return None
    return SpellingHighlighter(binding, spelling_of(binding.document))
