"""File › Export to PDF… and the Word export's request to update fields, driven through the real window.

LibreOffice itself is stood in for by tests/support/fake_soffice.py (named by ``$INSPECTOR_SOFFICE``), so
these tests stay fast; tests/unit/export/test_pdf.py makes a real PDF with it.
"""

from __future__ import annotations

import time
import zipfile

import pytest
from PySide6.QtCore import Qt
from support.documents import CRIME_SAMPLE, show_active
from support.fake_soffice import SMALL_PDF, alive, calls, fake_soffice, sleeping_pids

from inspector_app.export import pdf
from inspector_app.gui.interaction import ScriptedInteraction
from inspector_app.gui.main_window import MainWindow
from inspector_app.gui.settings import AppSettings


@pytest.fixture
def interaction():
    return ScriptedInteraction()


@pytest.fixture
def open_window(qtbot, tmp_path, interaction):
    """``open_window()``: a main window (settings in tmp_path) showing the crime sample."""

    def make() -> MainWindow:
        window = MainWindow(interaction, AppSettings(tmp_path / "settings.ini"))
        qtbot.addWidget(window, before_close_func=_forget_changes)
        window.resize(1366, 768)
        show_active(qtbot, window)
        assert window.open_sample(CRIME_SAMPLE)
        return window

    return make


def _forget_changes(window):
    if window.document is not None:
        window.document.undo_stack.setClean()


def _finish(qtbot, window, task):
    with qtbot.waitSignal(task.finished, timeout=60_000):
        pass
    qtbot.waitUntil(lambda: window.export_task is None)


def test_export_to_pdf_asks_for_a_pdf_name_and_writes_the_pdf(
    open_window, qtbot, interaction, tmp_path, monkeypatch
):
    lo = tmp_path / "lo"
    monkeypatch.setenv(pdf.SOFFICE_ENV, str(fake_soffice(lo)))
    window = open_window()
    action = window.export_pdf_action
    assert action.isEnabled() and action.text() == "Export to &PDF…" and action in window.file_menu.actions()
    interaction.expect(tmp_path / "report", None)  # save as "report" (.pdf added), then open nothing
    action.trigger()
    task = window.export_task
    assert task is not None and not action.isEnabled() and not window.export_action.isEnabled()
    assert window.exports.cancel_button.isVisible()
    _finish(qtbot, window, task)

    assert (tmp_path / "report.pdf").read_bytes() == SMALL_PDF
    assert not (tmp_path / "report.docx").exists()
    [(title, suggested)] = interaction.messages("save_path")
    assert title == "Export report as PDF" and suggested.suffix == ".pdf"
    [(_title, text, _choices)] = interaction.messages("choose")
    assert str(tmp_path / "report.pdf") in text
    assert len(calls(lo)) == 2
    assert (
        action.isEnabled() and window.export_progress.isHidden() and window.exports.cancel_button.isHidden()
    )


def test_without_libreoffice_export_to_pdf_is_greyed_and_says_why(
    open_window, interaction, tmp_path, monkeypatch
):
    monkeypatch.setattr(pdf, "find_soffice", lambda *args, **kwargs: None)
    window = open_window()
    action = window.export_pdf_action
    assert not action.isEnabled()
    assert action.text() == "Export to &PDF… (needs LibreOffice)"
    assert action.toolTip() == pdf.NOT_INSTALLED and action.statusTip() == pdf.NOT_INSTALLED
    assert window.export_action.isEnabled(), "Export to Word is still there"

    assert window.export_pdf() is None, "asked for anyway (a shortcut, a script): it says why"
    [(title, text)] = interaction.messages("inform")
    assert title == "Export to PDF" and text == pdf.NOT_INSTALLED

    # LibreOffice installed while the window is open: the File menu offers it when next opened.
    monkeypatch.undo()
    monkeypatch.setenv(pdf.SOFFICE_ENV, str(fake_soffice(tmp_path / "lo")))
    window.file_menu.aboutToShow.emit()
    assert action.isEnabled() and action.text() == "Export to &PDF…"


def test_cancel_stops_a_running_pdf_export_and_writes_nothing(
    open_window, qtbot, interaction, tmp_path, monkeypatch
):
    lo = tmp_path / "lo"
    monkeypatch.setenv(pdf.SOFFICE_ENV, str(fake_soffice(lo, "sleep")))
    window = open_window()
    existing = tmp_path / "report.pdf"
    existing.write_bytes(b"%PDF the old report")
    interaction.expect(existing)
    task = window.export_pdf()
    assert task is not None
    qtbot.waitUntil(lambda: len(sleeping_pids(lo)) == 2, timeout=20_000)  # "LibreOffice" is at work
    pids = sleeping_pids(lo)
    cancel = window.exports.cancel_button
    assert cancel.isVisible() and cancel.isEnabled()
    started = time.monotonic()
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    _finish(qtbot, window, task)

    assert time.monotonic() - started < 20, "killed, not waited for"
    qtbot.waitUntil(lambda: not any(alive(pid) for pid in pids), timeout=10_000)
    assert existing.read_bytes() == b"%PDF the old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lo", "report.pdf", "settings.ini"]
    assert interaction.messages("error") == [] and interaction.messages("choose") == []
    assert window.statusBar().currentMessage() == "Export cancelled: nothing was written."
    assert cancel.isHidden() and window.export_progress.isHidden() and window.export_pdf_action.isEnabled()


def test_closing_the_window_stops_a_running_pdf_export(
    open_window, qtbot, interaction, tmp_path, monkeypatch
):
    lo = tmp_path / "lo"
    monkeypatch.setenv(pdf.SOFFICE_ENV, str(fake_soffice(lo, "sleep")))
    window = open_window()
    interaction.expect(tmp_path / "report.pdf")
    assert window.export_pdf() is not None
    qtbot.waitUntil(lambda: len(sleeping_pids(lo)) == 2, timeout=20_000)
    started = time.monotonic()
    assert window.close()
    assert time.monotonic() - started < 20, "the window does not wait a minute for LibreOffice"
    qtbot.waitUntil(lambda: not any(alive(pid) for pid in sleeping_pids(lo)), timeout=10_000)
    assert not (tmp_path / "report.pdf").exists()


def _asks_to_update_fields(path) -> bool:
    with zipfile.ZipFile(path) as package:
        return b"updateFields" in package.read("word/settings.xml")


def test_the_update_fields_choice_is_remembered_and_honoured_by_the_word_export(
    open_window, qtbot, interaction, tmp_path
):
    window = open_window()
    toggle = window.update_fields_action
    assert toggle.isCheckable() and toggle.isChecked(), "on by default: Word fills the contents' page numbers"
    assert toggle in window.file_menu.actions()

    toggle.trigger()  # the user turns it off
    assert not toggle.isChecked()
    assert AppSettings(tmp_path / "settings.ini").update_fields_on_open() is False, "saved at once"
    interaction.expect(tmp_path / "quiet.docx", None)
    _finish(qtbot, window, window.export_report())
    assert not _asks_to_update_fields(tmp_path / "quiet.docx")

    window.close()
    again = open_window()  # a new session reads the choice back
    assert not again.update_fields_action.isChecked()
    again.update_fields_action.trigger()
    assert AppSettings(tmp_path / "settings.ini").update_fields_on_open() is True
    interaction.expect(tmp_path / "asked.docx", None)
    _finish(qtbot, again, again.export_report())
    assert _asks_to_update_fields(tmp_path / "asked.docx")
