"""The live preview (F8): the report drawn from the export's outline, its word counts, refreshed after a
pause, and a click on a paragraph that goes to its field."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor, QTextDocument
from support.documents import CRIME_SAMPLE, PEEL_SAMPLE, show_active

from inspector_app.export import outline as nodes
from inspector_app.export.layouts import build_outline
from inspector_app.gui import commands
from inspector_app.gui.interaction import ScriptedInteraction
from inspector_app.gui.main_window import MainWindow
from inspector_app.gui.preview import PREVIEW_DELAY_MS, parse_link
from inspector_app.gui.record_list import find_row
from inspector_app.gui.settings import AppSettings


@pytest.fixture
def window(qtbot, tmp_path):
    window = MainWindow(ScriptedInteraction(), AppSettings(tmp_path / "settings.ini"))
    qtbot.addWidget(window, before_close_func=lambda w: w.document and w.document.undo_stack.setClean())
    window.resize(1366, 768)
    show_active(qtbot, window)
    return window


def press(qtbot, window, key):
    qtbot.keyClick(window.focusWidget() or window, key)


def shown_text(window) -> str:
    return window.preview.panel.browser.toPlainText()


def click_on(qtbot, window, text: str, *, last: bool = False) -> None:
    """Click, as a user does, on ``text`` in the preview (scrolled into view first); ``last``: its last
    place (a heading, not its line in the contents)."""
    browser = window.preview.panel.browser
    document = browser.document()
    if last:
        end = QTextCursor(document)
        end.movePosition(QTextCursor.MoveOperation.End)
        found = document.find(text, end, QTextDocument.FindFlag.FindBackward)
    else:
        found = document.find(text)
    assert not found.isNull(), text
    cursor = QTextCursor(browser.document())
    cursor.setPosition(found.selectionStart() + 2)
    browser.setTextCursor(cursor)
    browser.ensureCursorVisible()
    point = browser.cursorRect(cursor).center()
    qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=point)


def field_editor(window, question_id: str, record_id, field: str):
    page = window.workspace.question_page(question_id)
    return find_row(page.scroll_area.widget(), record_id).binding_for(field).widget


def test_f8_shows_the_report_in_export_order_with_its_word_counts(window, qtbot):
    window.open_sample(PEEL_SAMPLE)
    assert window.preview.panel is None, "nothing is built while the preview is hidden"
    press(qtbot, window, Qt.Key.Key_F8)
    assert window.preview.dock.isVisible() and window.preview.action.isChecked()
    inspection = window.document.inspection
    text = shown_text(window)
    outline = build_outline(inspection)
    printed = [
        node.text for node in outline.body if isinstance(node, (nodes.Heading, nodes.Paragraph, nodes.Bullet))
    ]
    position = 0
    for line in printed:  # every paragraph, in export order
        position = text.find(line, position)
        assert position >= 0, line
        position += len(line)
    counts = nodes.word_counts(outline)
    label = window.preview.panel.counts_label.text()
    assert f"{counts.total:,} words" in label and counts.total > 2000
    assert "Question 3: 527" in label
    assert "3. How effective is the force at protecting those who are vulnerable" in text
    assert "(527 words)" in text, "each question's count beside its title"
    html = window.preview.panel._html
    assert 'background-color:#C8102E; color:#FFFFFF; font-weight:bold">&nbsp;Inadequate' in html
    press(qtbot, window, Qt.Key.Key_F8)
    assert not window.preview.dock.isVisible() and not window.preview.action.isChecked()


def test_the_crime_report_with_its_judgement_grid_and_lettered_points(window, qtbot):
    window.open_sample(CRIME_SAMPLE)
    window.preview.action.trigger()
    text = shown_text(window)
    assert text.index("Overall summary") < text.index("Contents") < text.index("Introduction")
    frames = window.preview.panel.browser.document().rootFrame().childFrames()
    assert len(frames) >= 2, "the judgement grid and the data table are tables"
    assert "(a)  investigating officers and police staff are aware" in text.replace("\u00a0", " ")
    assert "What each judgment means" in text


def test_it_refreshes_once_the_typing_pauses_and_only_while_shown(window, qtbot):
    window.open_sample(PEEL_SAMPLE)
    window.preview.action.trigger()
    panel = window.preview.panel
    before = panel.counts.total
    question = window.document.inspection.question("preventing-crime")
    paragraph = question.sections[0].blocks[0]
    window.workspace.show_question("preventing-crime")
    editor = field_editor(window, "preventing-crime", paragraph.id, "text")
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor, " Zebra crossings")
    assert paragraph.text.endswith("Zebra crossings")
    assert panel.pending(), "the preview waits for a pause, not each keystroke"
    assert "Zebra crossings" not in shown_text(window)
    qtbot.waitUntil(lambda: not panel.pending(), timeout=PREVIEW_DELAY_MS * 10)
    assert "Zebra crossings" in shown_text(window)
    assert panel.counts.total == before + 2
    assert editor.hasFocus(), "the refresh leaves the cursor where the inspector types"

    window.preview.action.trigger()  # hidden: changes wait, at no cost, for the next look
    qtbot.keyClicks(editor, " and zones")
    assert not panel.pending()
    window.preview.action.trigger()
    assert "Zebra crossings and zones" in shown_text(window)
    assert not panel.pending()


def test_clicking_a_paragraph_goes_to_its_field_on_its_question_page(window, qtbot):
    window.open_sample(PEEL_SAMPLE)
    window.preview.action.trigger()
    inspection = window.document.inspection
    question = inspection.question("protecting-vulnerable")
    area = question.areas_for_improvement[2]
    click_on(qtbot, window, area.text[:60])
    page = window.workspace.current_page()
    assert page is window.workspace.question_page("protecting-vulnerable")
    editor = field_editor(window, "protecting-vulnerable", area.id, "text")
    assert window.focusWidget() is editor
    assert editor.textCursor().position() == 0


def test_clicking_a_nested_point_puts_the_cursor_on_its_line(window, qtbot):
    window.open_sample(PEEL_SAMPLE)
    window.preview.action.trigger()
    area = window.document.inspection.question("specialist-capabilities").areas_for_improvement[0]
    second = area.sub_points[1]
    click_on(qtbot, window, second[:50])
    editor = field_editor(window, "specialist-capabilities", area.id, "sub_points")
    assert window.focusWidget() is editor
    assert editor.textCursor().position() == len(area.sub_points[0]) + 1


def test_clicking_a_question_title_opens_its_page_and_a_grade_its_picker(window, qtbot):
    window.open_sample(PEEL_SAMPLE)
    window.preview.action.trigger()
    click_on(qtbot, window, "4. How effective is the force at tackling serious", last=True)
    page = window.workspace.question_page("serious-organised-crime")
    assert window.workspace.current_page() is page
    links = [
        parse_link(url)
        for url in window.preview.panel._html.split('href="')[1:]
        for url in [url.split('"', 1)[0]]
    ]
    question = window.document.inspection.question("serious-organised-crime")
    assert (question.id, "grade", 0) in links


def test_hostile_text_prints_as_written(window, qtbot):
    window.open_sample(PEEL_SAMPLE)
    window.preview.action.trigger()
    document = window.document
    paragraph = document.inspection.question("preventing-crime").sections[0].blocks[0]
    hostile = 'Evil <b>bold</b> &amp; <a href="question:x">link</a> <img src="file:///etc/passwd"> "quoted"'
    document.push(commands.SetField(document, paragraph.id, "text", hostile, "Edit"))
    window.preview.panel.refresh()
    # printed as written: markup stays text (only the prose quotes become typographic, as in the report)
    assert hostile.replace('"quoted"', "“quoted”") in shown_text(window)
    assert "<b>bold</b>" not in window.preview.panel._html
    assert window.preview.panel.browser.document().toHtml().count("<img") == 0


def test_the_preview_follows_the_window_document(window, qtbot):
    window.open_sample(PEEL_SAMPLE)
    window.preview.action.trigger()
    assert "Hertfordshire PEEL 2016" in shown_text(window)
    window.document.undo_stack.setClean()
    window.open_sample(CRIME_SAMPLE)
    assert window.preview.dock.isVisible()
    assert "How effective is the force at cutting crime?" in shown_text(window)
    window.document.undo_stack.setClean()
    assert window.close_document()
    assert not window.preview.dock.isVisible() and not window.preview.action.isEnabled()


def test_f8_is_in_the_view_menu_and_the_shortcut_list(window):
    window.open_sample(PEEL_SAMPLE)
    assert window.preview.action in window.view_menu.actions()
    window.shortcuts_action.trigger()
    [(_title, text)] = window.interaction.messages("inform")
    assert "F8" in text and "Report preview" in text


def test_tab_and_enter_reach_a_paragraph_from_the_keyboard(window, qtbot):
    window.open_sample(PEEL_SAMPLE)
    window.preview.action.trigger()
    browser = window.preview.panel.browser
    browser.setFocus()
    qtbot.keyClick(browser, Qt.Key.Key_Tab)  # the title and the pillar are fixed wording: its grade first
    assert browser.textCursor().selectedText().strip("\u00a0") == "Requires improvement"
    qtbot.keyClick(browser, Qt.Key.Key_Tab)
    summary = window.document.inspection.pillars[0].summary[0]
    assert browser.textCursor().selectedText() == summary.text
    qtbot.keyClick(browser, Qt.Key.Key_Return)
    overview = window.workspace.overview
    assert window.workspace.current_page() is overview
    assert window.focusWidget() is find_row(overview.widget(), summary.id).binding_for("text").widget
