"""Spelling as you type: the red wavy underline, its context menu (suggestions, Ignore, Add to dictionary),
the word lists the checks share, and Enter on a spelling finding selecting the word."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import QLineEdit
from support.documents import PEEL_SAMPLE, new_document, sample_document, show_active

from inspector_app import bundled
from inspector_app.domain.checks import Speller, run_checks
from inspector_app.domain.inspection import CauseOfConcern, SummaryItem
from inspector_app.gui import commands, spellcheck
from inspector_app.gui.binding import GrowingTextEdit, bind_lines, bind_text
from inspector_app.gui.checks_dock import FINDING_ROLE
from inspector_app.gui.evidence_editor import EvidenceEditor
from inspector_app.gui.interaction import ScriptedInteraction
from inspector_app.gui.main_window import MainWindow
from inspector_app.gui.settings import AppSettings

WAVY = QTextCharFormat.UnderlineStyle.WaveUnderline


@pytest.fixture
def word_lists(tmp_path, monkeypatch):
    """The organisation's and the user's word lists in a temporary folder (and the real ones read back)."""
    monkeypatch.setenv(bundled.DATA_DIR_ENV, str(tmp_path / "data"))
    monkeypatch.setenv(bundled.ORGANISATION_WORDS_ENV, str(tmp_path / "it" / "words.txt"))
    bundled.reload_word_lists()
    yield tmp_path
    monkeypatch.undo()
    bundled.reload_word_lists()
    spellcheck.notifier().wordsAdded.emit(None)


def loaded(qtbot) -> None:
    """Wait for the dictionary (loaded in the background) and for the editors to highlight again."""
    spellcheck.ensure_loading()
    qtbot.waitUntil(bundled.speller().is_loaded, timeout=20_000)
    qtbot.waitUntil(lambda: spellcheck._loader is None or not spellcheck._loader.is_alive())
    qtbot.wait(5)  # the loader's signal, queued to this thread


def underlined(editor) -> list[str]:
    """The words the editor shows with the wavy underline, in order."""
    words = []
    block = editor.document().firstBlock()
    while block.isValid():
        for span in block.layout().formats():
            if span.format.underlineStyle() == WAVY:
                words.append(block.text()[span.start : span.start + span.length])
        block = block.next()
    return words


def summary_editor(qtbot, document, text, question_id="preventing-crime"):
    """A summary point holding ``text`` and a shown editor bound to it."""
    item = SummaryItem(text=text)
    question = document.inspection.question(question_id)
    document.push(commands.InsertRecord(document, question.id, "summary", 0, item))
    editor = GrowingTextEdit()
    qtbot.addWidget(editor)
    binding = bind_text(document, item.id, "text", editor, "Summary point 1")
    editor.resize(600, 120)
    show_active(qtbot, editor)
    loaded(qtbot)
    return item, editor, binding


def word_position(editor, word):
    """The viewport position of the middle of ``word`` in the editor (where a right-click lands)."""
    found = editor.document().find(word)
    assert not found.isNull(), word
    middle = editor.textCursor()
    middle.setPosition(found.selectionStart() + len(word) // 2)
    return editor.cursorRect(middle).center()


def spelling_entries(menu):
    """The menu's texts before the editor's own entries."""
    texts = []
    for action in menu.actions():
        if action.objectName().startswith(("edit-", "select-")):
            break
        texts.append("---" if action.isSeparator() else action.text())
    return texts


def spelling_findings(inspection):
    return [
        f.place.word
        for f in run_checks(
            inspection, only={"style.spelling", "style.us-spelling"}, speller=bundled.speller()
        )
    ]


# -- the underline ------------------------------------------------------------------------------------


def test_a_misspelt_word_is_underlined_but_not_the_force_an_acronym_or_wellbeing(qtbot):
    document = sample_document(PEEL_SAMPLE)
    _item, editor, _binding = summary_editor(
        qtbot,
        document,
        "Hertfordshire Constabulary and the HMIC team recieve reports on wellbeing and OCGs. The color is red.",
    )
    assert underlined(editor) == ["recieve", "color"]


def test_the_word_being_typed_is_underlined_once_the_cursor_leaves_it(qtbot):
    _item, editor, _binding = summary_editor(qtbot, new_document(), "Officers")
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, " recieve")
    assert underlined(editor) == [], "not while it is being typed"
    qtbot.keyClicks(editor, " the")
    assert underlined(editor) == ["recieve"]
    qtbot.keyClicks(editor, " teh")
    assert underlined(editor) == ["recieve"]
    editor.moveCursor(editor.textCursor().MoveOperation.Start)
    assert underlined(editor) == ["recieve", "teh"], "moving away from the word shows it"
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, " agian")
    assert underlined(editor) == ["recieve", "teh"]
    elsewhere = QLineEdit(editor)
    elsewhere.show()
    elsewhere.setFocus()
    qtbot.waitUntil(lambda: not editor.hasFocus())
    assert underlined(editor) == ["recieve", "teh", "agian"], "leaving the editor shows it"


def test_each_paragraph_is_judged_once_and_a_keystroke_judges_only_its_own(qtbot, monkeypatch):
    _item, editor, binding = summary_editor(qtbot, new_document(), "First recieve.\nSecond paragraf.")
    assert underlined(editor) == ["recieve", "paragraf"]
    service = spellcheck.spelling_of(binding.document)
    judged = []
    original = service._judge
    monkeypatch.setattr(service, "_judge", lambda text: judged.append(text) or original(text))
    cursor = editor.textCursor()
    cursor.setPosition(len("First recieve."))
    editor.setTextCursor(cursor)
    qtbot.keyClicks(editor, "!")
    assert judged == ["First recieve.!"]
    binding.spelling.rehighlight()
    assert judged == ["First recieve.!"], "paragraphs seen before come from the cache"


def test_nothing_is_underlined_until_the_dictionary_loads_then_every_editor_is(qtbot, monkeypatch):
    loaded(qtbot)
    qtbot.waitUntil(lambda: spellcheck._loader is None or not spellcheck._loader.is_alive())
    folder = bundled.resource("dictionaries")
    fresh = Speller(
        (folder / "en_GB.aff").read_bytes(),
        (folder / "en_GB.dic").read_bytes(),
        (folder / bundled.US_GB_VARIANTS).read_text(encoding="utf-8"),
    )
    monkeypatch.setattr(bundled, "speller", lambda: fresh)
    document = new_document()
    item = SummaryItem(text="They recieve it.")
    document.push(commands.InsertRecord(document, document.inspection.questions[0].id, "summary", 0, item))
    editor = GrowingTextEdit()
    qtbot.addWidget(editor)
    bind_text(document, item.id, "text", editor)
    editor.show()
    qtbot.wait(1)
    assert not fresh.is_loaded() and underlined(editor) == []
    qtbot.waitUntil(lambda: underlined(editor) == ["recieve"], timeout=20_000)
    assert document.undo_stack.count() == 1, "highlighting again is no edit"


def test_prose_editors_have_the_underline_and_names_do_not(qtbot):
    document = new_document()
    evidence = EvidenceEditor(document)
    qtbot.addWidget(evidence)
    assert evidence.bindings["text"].spelling is not None
    assert evidence.bindings["title"].spelling is None, "one-line fields are not highlighted"
    authors = GrowingTextEdit()
    qtbot.addWidget(authors)
    assert bind_lines(document, document.inspection.id, "authors", authors).spelling is None


# -- the context menu ---------------------------------------------------------------------------------


def test_the_menu_offers_suggestions_and_a_replacement_is_one_undo_step(qtbot):
    document = new_document()
    item, editor, binding = summary_editor(qtbot, document, "Victims recieve a call back.")
    menu = binding.spelling.context_menu(word_position(editor, "recieve"))
    entries = spelling_entries(menu)
    assert entries[0] == "receive"
    assert entries[-3:] == ["&Ignore “recieve” in this inspection", "&Add “recieve” to dictionary", "---"]
    assert len([e for e in entries if e != "---"]) <= 6 + 2
    steps = document.undo_stack.count()
    menu.actions()[0].trigger()
    assert item.text == editor.toPlainText() == "Victims receive a call back."
    assert document.undo_stack.count() == steps + 1
    assert document.undo_stack.undoText() == "Correct “recieve” in Summary point 1"
    assert underlined(editor) == []
    document.undo_stack.undo()
    assert item.text == editor.toPlainText() == "Victims recieve a call back."
    document.undo_stack.redo()
    assert item.text == "Victims receive a call back."


def test_the_menu_keeps_cut_copy_paste_but_not_the_editors_own_undo(qtbot):
    _item, editor, binding = summary_editor(qtbot, new_document(), "Victims recieve a call back.")
    for word, spelling in (("recieve", True), ("Victims", False)):
        menu = binding.spelling.context_menu(word_position(editor, word))
        names = [a.objectName() for a in menu.actions() if a.objectName()]
        assert {"edit-cut", "edit-copy", "edit-paste", "select-all"} <= set(names)
        assert "edit-undo" not in names and "edit-redo" not in names
        assert not menu.actions()[0].isSeparator()
        assert bool(spelling_entries(menu)) is spelling


def test_ignore_is_kept_in_the_inspection_undoable_everywhere_and_silences_the_checks(qtbot):
    document = new_document()
    _first, editor, binding = summary_editor(qtbot, document, "Kerbcraft lessons in Nascot.")
    _second, other, _ = summary_editor(
        qtbot, document, "More Kerbcraft, then kerbcraft.", "investigating-crime"
    )
    assert underlined(editor) == ["Kerbcraft", "Nascot"] and underlined(other) == ["Kerbcraft", "kerbcraft"]
    assert set(spelling_findings(document.inspection)) == {"Kerbcraft", "kerbcraft", "Nascot"}
    menu = binding.spelling.context_menu(word_position(editor, "Kerbcraft"))
    next(a for a in menu.actions() if a.text().startswith("&Ignore")).trigger()
    inspection = document.inspection
    assert inspection.spelling_ignored == ["Kerbcraft"]
    assert document.undo_stack.undoText() == "Ignore “Kerbcraft” in spelling"
    assert underlined(editor) == ["Nascot"]
    assert underlined(other) == ["kerbcraft"], "a capitalised word is ignored as written (and in capitals)"
    assert sorted(spelling_findings(inspection)) == ["Nascot", "kerbcraft"]
    document.undo_stack.undo()
    assert inspection.spelling_ignored == []
    assert underlined(editor) == ["Kerbcraft", "Nascot"] and underlined(other) == ["Kerbcraft", "kerbcraft"]
    document.undo_stack.redo()
    assert underlined(other) == ["kerbcraft"]


def test_add_to_dictionary_writes_the_personal_list_and_silences_every_inspection(qtbot, word_lists):
    document, elsewhere = new_document(), new_document()
    _item, editor, binding = summary_editor(qtbot, document, "Some kerbcraft lessons.")
    _other, other, _ = summary_editor(qtbot, elsewhere, "Kerbcraft, KERBCRAFT and kerbcraft’s.")
    steps = document.undo_stack.count()
    menu = binding.spelling.context_menu(word_position(editor, "kerbcraft"))
    next(a for a in menu.actions() if a.text().startswith("&Add")).trigger()
    assert bundled.read_word_list(word_lists / "data" / "words.txt") == ["kerbcraft"]
    assert underlined(editor) == [] and underlined(other) == [], "in every inspection, in every case"
    assert document.undo_stack.count() == steps, "the user's dictionary is not part of the inspection"
    assert spelling_findings(document.inspection) == spelling_findings(elsewhere.inspection) == []


def test_a_word_that_cannot_be_added_is_said_in_the_status_bar(qtbot, word_lists, monkeypatch):
    document = new_document()
    _item, editor, _binding = summary_editor(qtbot, document, "Kerbcraft lessons.")

    def refuse(_word):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(bundled, "add_personal_word", refuse)
    with qtbot.waitSignal(document.notice) as notice:
        spellcheck.spelling_of(document).add_to_dictionary("Kerbcraft")
    assert "could not be added" in notice.args[0] and "Permission denied" in notice.args[0]
    assert underlined(editor) == ["Kerbcraft"]


def test_the_organisation_list_is_honoured(qtbot, word_lists):
    organisation = word_lists / "it" / "words.txt"
    organisation.parent.mkdir()
    organisation.write_text("# deployed by IT\nkerbcraft\n", encoding="utf-8")
    bundled.reload_word_lists()
    document = new_document()
    _item, editor, _binding = summary_editor(qtbot, document, "Kerbcraft and kerbcraft, recieve.")
    assert underlined(editor) == ["recieve"]
    assert spelling_findings(document.inspection) == ["recieve"]


# -- the checks panel ---------------------------------------------------------------------------------


@pytest.fixture
def window(qtbot, tmp_path):
    window = MainWindow(ScriptedInteraction(), AppSettings(tmp_path / "settings.ini"))
    qtbot.addWidget(window, before_close_func=lambda w: w.document and w.document.undo_stack.setClean())
    window.resize(1366, 768)
    show_active(qtbot, window)
    return window


def enter_on_finding(qtbot, window, word):
    window.checks.refresh()
    view, proxy = window.checks.view, window.checks.proxy
    target = next(
        proxy.index(row, 0, proxy.index(group, 0))
        for group in range(proxy.rowCount())
        for row in range(proxy.rowCount(proxy.index(group, 0)))
        if proxy.index(row, 0, proxy.index(group, 0)).data(FINDING_ROLE).place.word == word
    )
    view.setFocus()
    view.setCurrentIndex(target)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    return window.focusWidget()


def test_enter_on_a_spelling_finding_selects_the_word(window, qtbot):
    window.open_sample(PEEL_SAMPLE)
    window.checks_action.trigger()
    document = window.document
    question = document.inspection.question("protecting-vulnerable")
    item = SummaryItem(
        text="The force does not always recieve reports from partners, and victims recieve less."
    )
    document.push(commands.InsertRecord(document, question.id, "summary", 0, item))
    cause = CauseOfConcern(
        text="Risk is not assessed.", lead_in="To adress this cause of concern, we recommend:"
    )
    document.push(commands.InsertRecord(document, question.id, "causes_of_concern", 0, cause))
    focused = enter_on_finding(qtbot, window, "recieve")
    assert window.workspace.current_page() is window.workspace.question_page("protecting-vulnerable")
    cursor = focused.textCursor()
    assert cursor.selectedText() == "recieve"
    assert cursor.selectionStart() == item.text.index("recieve")
    focused = enter_on_finding(qtbot, window, "adress")
    assert isinstance(focused, QLineEdit) and focused.text() == cause.lead_in, "the lead-in the place names"
    assert focused.selectedText() == "adress"


def test_ignore_and_add_refresh_the_checks_panel_and_undo_stays_on_the_page(window, qtbot, word_lists):
    window.open_sample(PEEL_SAMPLE)
    window.checks_action.trigger()
    document, panel = window.document, window.checks
    question = document.inspection.question("protecting-vulnerable")
    item = SummaryItem(text="Kerbcraft and Nascot lessons.")
    document.push(commands.InsertRecord(document, question.id, "summary", 0, item))
    panel.refresh()
    page = window.workspace.question_page("protecting-vulnerable")
    window.workspace.show_question("protecting-vulnerable")
    service = spellcheck.spelling_of(document)
    service.ignore("Kerbcraft")
    qtbot.waitUntil(lambda: not panel.pending(), timeout=5000)
    words = [f.place.word for f in panel.model.findings]
    assert "Kerbcraft" not in words and "Nascot" in words
    service.add_to_dictionary("Nascot")
    assert panel.pending(), "adding to the dictionary changes no document, yet the checks run again"
    qtbot.waitUntil(lambda: not panel.pending(), timeout=5000)
    assert "Nascot" not in [f.place.word for f in panel.model.findings]
    document.undo_stack.undo()
    assert document.inspection.spelling_ignored == []
    assert window.workspace.current_page() is page, "undoing an Ignore does not leave the page"
