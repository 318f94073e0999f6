"""The main window driven as an inspector drives it, with every question answered through the scripted seam."""

import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from support.documents import CRIME_SAMPLE, PEEL_SAMPLE, show_active

from inspector_app.gui.interaction import Answer, ScriptedInteraction
from inspector_app.gui.main_window import MainWindow
from inspector_app.gui.new_inspection_dialog import NewInspectionRequest
from inspector_app.gui.question_page import QuestionPage
from inspector_app.gui.settings import AppSettings
from inspector_app.storage.inspection_file import load_inspection


@pytest.fixture
def interaction():
    return ScriptedInteraction()


@pytest.fixture
def window(qtbot, tmp_path, interaction):
    window = MainWindow(interaction, AppSettings(tmp_path / "settings.ini"))
    qtbot.addWidget(window, before_close_func=_forget_changes)
    window.resize(1366, 768)
    show_active(qtbot, window)
    return window


def _forget_changes(window):
    """pytest-qt closes the window after each test; a test that stopped midway leaves nothing to ask."""
    if window.document is not None:
        window.document.undo_stack.setClean()


def key(qtbot, window, sequence):
    qtbot.keyClick(window.focusWidget() or window, *_split(sequence))


def _split(sequence):
    combination = QKeySequence(sequence)[0]
    return combination.key(), combination.keyboardModifiers()


def test_first_run_lands_on_the_start_page_with_a_sample_one_key_away(window, qtbot):
    assert window.stack.currentWidget() is window.start_page
    assert window.windowTitle() == "Inspector"
    assert window.start_page.samples.count() == 2
    assert window.start_page.samples.hasFocus()
    qtbot.keyClick(window.start_page.samples, Qt.Key.Key_Return)
    assert window.document is not None and window.document.path is None
    assert window.document.inspection.force.name == "Hertfordshire Constabulary"
    assert window.windowTitle() == "Untitled inspection[*] — Inspector"
    assert not window.isWindowModified()


def test_whole_workflow_new_evidence_grade_findings_undo_save_reopen(window, qtbot, interaction, tmp_path):
    interaction.expect(
        NewInspectionRequest("peel-2016-effectiveness", "Kent Police", "Kent", ["A. Inspector"])
    )
    key(qtbot, window, "Ctrl+N")
    document = window.document
    assert document.inspection.force.short == "Kent"

    # evidence, from the evidence log, keyboard first
    key(qtbot, window, "Ctrl+2")
    log = window.workspace.evidence_log
    assert window.workspace.current_page() is log
    log.table.setFocus()
    qtbot.keyClick(log.table, Qt.Key.Key_Insert)
    qtbot.keyClicks(log.editor.title_edit, "Focus group with response officers")
    item = document.inspection.evidence[0]
    assert item.title == "Focus group with response officers" and item.question_id is None
    log.table.setFocus()
    interaction.expect(2)  # Move to question… → question 3
    qtbot.keyClick(log.table, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert item.question_id == "protecting-vulnerable"

    # grade and write findings on the question page
    window.workspace.show_question("protecting-vulnerable")
    page = window.workspace.current_page()
    assert isinstance(page, QuestionPage)
    page.grade.setCurrentIndex(page.grade.findText("Inadequate"))
    page.afis.add()
    qtbot.keyClicks(page.afis.rows[0].editors[0], "review its use of Clare's Law.")
    page.evidence.table.selectRow(0)
    qtbot.mouseClick(page.evidence.cite_button, Qt.MouseButton.LeftButton)  # cites in the AFI being edited
    question = document.inspection.question("protecting-vulnerable")
    assert question.areas_for_improvement[0].evidence_ids == [item.id]
    page.causes.add()
    qtbot.keyClicks(page.causes.rows[0].editors[0], "Call handlers do not assess risk.")
    recommendations = page.causes.rows[0].findChildren(type(page.causes))[0]
    recommendations.add()
    qtbot.keyClicks(recommendations.rows[0].editors[0], "Improve the initial assessment.")
    question = document.inspection.question("protecting-vulnerable")

    # undo/redo from the keyboard, with the focus in a text field
    focus = recommendations.rows[0].editors[0]
    focus.setFocus()
    assert window.isWindowModified()
    qtbot.keyClick(focus, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert question.causes_of_concern[0].recommendations[0].text == ""
    qtbot.keyClick(
        focus, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert question.causes_of_concern[0].recommendations[0].text == "Improve the initial assessment."

    # save as, then reopen: the same content
    target = tmp_path / "kent.inspection"
    interaction.expect(target)
    key(qtbot, window, "Ctrl+S")
    assert target.is_file() and not window.isWindowModified()
    assert window.windowTitle() == "kent.inspection[*] — Inspector"
    saved = document.inspection.model_dump(mode="json")
    key(qtbot, window, "Ctrl+W")
    assert window.document is None and window.stack.currentWidget() is window.start_page
    assert window.start_page.recent.count() == 1
    qtbot.keyClick(window.start_page.recent, Qt.Key.Key_Return)
    assert window.document.path == target
    assert window.document.inspection.model_dump(mode="json") == saved
    reopened = window.document.inspection.question("protecting-vulnerable")
    assert reopened.grade == "inadequate"
    assert reopened.areas_for_improvement[0].text == "The force should review its use of Clare's Law."


def test_the_recent_menu_lists_saved_files_and_opens_one(window, interaction, tmp_path):
    window.recent_menu.aboutToShow.emit()
    [empty] = window.recent_menu.actions()
    assert empty.text() == "No recent files" and not empty.isEnabled()
    window.open_sample(PEEL_SAMPLE)
    first, second = tmp_path / "first.inspection", tmp_path / "second.inspection"
    for path in (first, second):
        interaction.expect(path)
        assert window.save_as()
    window.recent_menu.aboutToShow.emit()
    assert [action.text() for action in window.recent_menu.actions()] == [
        "&1 second.inspection",
        "&2 first.inspection",
    ]
    window.recent_menu.actions()[1].trigger()
    assert window.document.path == first
    window.recent_menu.aboutToShow.emit()
    assert window.recent_menu.actions()[0].toolTip() == str(first)


def test_unsaved_changes_are_asked_about_on_close(window, qtbot, interaction, tmp_path):
    window.open_sample(PEEL_SAMPLE)
    window.workspace.show_question("preventing-crime")
    window.workspace.current_page().grade.setCurrentIndex(1)
    assert window.isWindowModified()
    interaction.expect(Answer.CANCEL)
    assert not window.close_document()
    assert window.document is not None
    interaction.expect(Answer.SAVE, tmp_path / "kept")
    assert window.close_document()
    assert load_inspection(tmp_path / "kept.inspection").question("preventing-crime").grade == "outstanding"
    assert [a.method for a in interaction.asked] == ["confirm_discard", "confirm_discard", "save_path"]


def test_discarding_changes_on_quit(window, interaction):
    window.open_sample(CRIME_SAMPLE)
    window.workspace.show_question("reducing-crime")
    window.workspace.current_page().grade.setCurrentIndex(0)
    interaction.expect(Answer.DISCARD)
    assert window.close()


def test_a_bad_file_gets_a_clear_message_not_a_traceback(window, interaction, tmp_path):
    bad = tmp_path / "broken.inspection"
    bad.write_text('{"format": "inspector.inspection", "format_version": 1, "inspe', encoding="utf-8")
    interaction.expect(bad)
    assert not window.open_dialog()
    [(title, text, _details)] = interaction.messages("error")
    assert title == "Cannot open the file"
    assert text.startswith('Cannot open "broken.inspection": the file is incomplete')
    assert window.document is None


def test_a_failed_save_keeps_the_work_and_offers_save_as(window, interaction, tmp_path):
    """The USB stick is pulled: the save fails clearly, the work stays, and Save As rescues it."""
    stick = tmp_path / "usb"
    stick.mkdir()
    interaction.expect(stick / "herts.inspection")
    window.open_sample(PEEL_SAMPLE)
    assert window.save_as()
    window.workspace.show_question("preventing-crime")
    window.workspace.current_page().grade.setCurrentIndex(0)
    shutil.rmtree(stick)

    interaction.expect(False)  # "Save elsewhere?" — not now
    assert not window.save()
    [(_title, text, _details)] = interaction.messages("error")
    assert "no longer exists" in text and "has not been changed" in text
    assert window.isWindowModified() and window.document.path == stick / "herts.inspection"

    interaction.expect(True, tmp_path / "rescued.inspection")
    assert window.save()
    assert load_inspection(tmp_path / "rescued.inspection").question("preventing-crime").grade is None
    assert not window.isWindowModified() and window.document.path == tmp_path / "rescued.inspection"


def test_window_fits_a_small_laptop_screen(window):
    window.open_sample(PEEL_SAMPLE)
    assert window.minimumSizeHint().width() <= 1366 and window.minimumSizeHint().height() <= 768


@pytest.mark.parametrize(("size", "area"), [((1024, 640), "bottom"), ((1280, 720), "right")])
def test_on_a_small_screen_every_page_fits_and_the_checks_dock_where_there_is_room(window, qtbot, size, area):
    """At 1024×640 (a laptop at 150 %) the evidence filter shrank to "Fi…" and, with the checks under the
    page, about 320 px were left to write in; the findings were cut off at the right when narrow."""
    from PySide6.QtWidgets import QScrollArea

    window.open_sample(PEEL_SAMPLE)
    window.resize(*size)
    for question in window.document.inspection.framework.questions():
        window.workspace.question_page(question.id)
    window.checks_action.trigger()
    qtbot.wait(50)
    assert window.minimumSizeHint().width() <= size[0] and window.minimumSizeHint().height() <= size[1]
    expected = (
        Qt.DockWidgetArea.BottomDockWidgetArea if area == "bottom" else Qt.DockWidgetArea.RightDockWidgetArea
    )
    assert window.dockWidgetArea(window.checks_dock) == expected
    window.workspace.show_evidence_log()
    qtbot.wait(20)
    log = window.workspace.evidence_log
    assert log.filter_edit.width() >= log.fontMetrics().horizontalAdvance("Filter evidence…")
    window.workspace.show_question("protecting-vulnerable")
    qtbot.wait(20)
    scroll = window.workspace.question_page("protecting-vulnerable").findChild(QScrollArea)
    assert scroll.widget().width() <= scroll.viewport().width(), "the findings are not cut off at the right"


def test_every_action_with_a_shortcut_is_in_a_menu(window):
    window.open_sample(PEEL_SAMPLE)
    menu_actions = set()
    for menu_action in window.menuBar().actions():
        stack = [menu_action.menu()]
        while stack:
            menu = stack.pop()
            for action in menu.actions():
                menu_actions.add(action)
                if action.menu():
                    stack.append(action.menu())
    for action in window.actions():
        if not action.shortcut().isEmpty():
            assert action in menu_actions, action.text()


def test_about_tells_version_licences_and_where_files_are(window, interaction):
    window.about_action.trigger()
    [(title, text)] = interaction.messages("inform")
    assert title == "About Inspector"
    assert (
        "Inspector 0.1.0" in text and "LGPL" in text and "Recovery copies:" in text and "settings.ini" in text
    )


def test_keyboard_shortcuts_are_listed_from_the_actions(window, interaction):
    window.open_sample(PEEL_SAMPLE)
    window.shortcuts_action.trigger()
    [(_title, text)] = interaction.messages("inform")
    assert "Ctrl+S" in text and "Save" in text and "Ctrl+E" in text
    for expected in ("Alt+1", "Ins", "Ctrl+Return", "Alt+Up", "Ctrl+Shift+D", "F7", "F6"):
        assert expected in text, expected
    [redo] = [line for line in text.splitlines() if line.endswith(" Redo")]
    assert "Ctrl+Shift+Z" in redo and "Ctrl+Y" in redo
    assert "Ctrl+N, New" not in text and "Ctrl+S, Save" not in text, "no dedicated multimedia keys"
    assert "Undo Typing" not in text, "the action's name, not its current step"
    assert [line for line in text.splitlines() if not line.startswith("  ") and line][:5] == [
        "File",
        "Edit",
        "View",
        "Evidence",
        "Help",
    ]


def test_the_menus_have_unique_mnemonics(window):
    window.open_sample(PEEL_SAMPLE)
    keys = [action.text().split("&", 1)[1][0].lower() for action in window.menuBar().actions()]
    assert len(keys) == len(set(keys)), keys


def test_export_runs_in_the_background_then_offers_to_open(window, qtbot, interaction, tmp_path, monkeypatch):
    import docx
    from PySide6.QtGui import QDesktopServices

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    window.open_sample(CRIME_SAMPLE)
    interaction.expect(tmp_path / "report", 1)  # save as "report" (.docx added), then "Open its folder"
    task = window.export_report()
    assert task is not None and not window.export_action.isEnabled()
    with qtbot.waitSignal(task.finished, timeout=60_000):
        pass
    qtbot.waitUntil(lambda: window.export_task is None)
    report = docx.Document(str(tmp_path / "report.docx"))
    assert report.paragraphs[0].text == "How effective is the force at cutting crime?"
    assert opened == [str(tmp_path)]
    assert window.export_action.isEnabled() and window.export_progress.isHidden()


def test_export_failure_is_explained(window, qtbot, interaction, tmp_path):
    window.open_sample(PEEL_SAMPLE)
    interaction.expect(tmp_path / "no such folder" / "report.docx")
    task = window.export_report()
    with qtbot.waitSignal(task.finished, timeout=60_000):
        pass
    qtbot.waitUntil(lambda: window.export_task is None)
    [(title, text, _details)] = interaction.messages("error")
    assert title == "Cannot export the report" and "report.docx" in text


def test_export_warns_about_personal_data_and_may_stop(window, interaction):
    from inspector_app.domain.inspection import SummaryItem
    from inspector_app.gui import commands

    window.open_sample(PEEL_SAMPLE)
    document = window.document
    question = document.inspection.question("preventing-crime")
    document.push(
        commands.InsertRecord(
            document, question.id, "summary", 0, SummaryItem(text="Call DC Smith on 07700 900123.")
        )
    )
    interaction.expect(False)  # do not export a draft with it
    assert window.export_report() is None
    [(title, text)] = interaction.messages("confirm")
    assert title == "Personal data in the report?" and "personal data" in text
    assert interaction.defaults == [False], "Enter does not export it anyway"


def test_the_settings_file_is_private_to_the_user(tmp_path):
    import os
    import stat

    if os.name != "posix":
        pytest.skip("POSIX permissions")
    settings = AppSettings(tmp_path / "config" / "settings.ini")
    settings.add_recent(tmp_path / "herts.inspection")
    assert stat.S_IMODE((tmp_path / "config" / "settings.ini").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "config").stat().st_mode) == 0o700


def test_a_one_line_field_does_not_claim_the_windows_keys(window, qtbot):
    """On Linux and macOS a line edit claims Ctrl+E ('end of line') and Ctrl+H ('backspace') before the
    window's shortcuts see them, so Export did nothing from the evidence title. (Offscreen, Qt uses no
    Emacs-style keys, so the claim is sent here as the X11 and macOS themes would make it.)"""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QLineEdit

    line = QLineEdit()
    qtbot.addWidget(line)
    for key, modifiers in (
        (Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier),
        (Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier),
    ):
        claim = QKeyEvent(QEvent.Type.ShortcutOverride, key, modifiers)
        claim.accept()  # what the line edit would do
        assert window._undo_keys.eventFilter(line, claim) and not claim.isAccepted()
    typing = QKeyEvent(QEvent.Type.ShortcutOverride, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert not window._undo_keys.eventFilter(line, typing), "select-all stays the field's"


def test_ctrl_e_exports_from_a_one_line_field(window, qtbot, interaction):
    window.open_sample(PEEL_SAMPLE)
    window.workspace.show_evidence_log()
    title = window.workspace.evidence_log.editor.title_edit
    window.workspace.evidence_log.table.selectRow(0)
    title.setFocus()
    interaction.expect(None)  # where to export: cancelled
    qtbot.keyClick(title, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert [args[0] for args in interaction.messages("save_path")] == ["Export report"]


def test_insert_right_after_ctrl_2_adds_an_evidence_item(window, qtbot):
    """The README says: Ctrl+2, then Insert. Insert did nothing: the focus stayed in the navigator."""
    window.open_sample(PEEL_SAMPLE)
    count = len(window.document.inspection.evidence)
    key(qtbot, window, "Ctrl+2")
    key(qtbot, window, "Ins")
    assert len(window.document.inspection.evidence) == count + 1
