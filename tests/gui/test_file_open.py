"""A file the system asks the running app to open (QFileOpenEvent: Finder, the Dock) opens in the window."""

import pytest
from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QFileOpenEvent
from support.documents import CRIME_SAMPLE, PEEL_SAMPLE, show_active

from inspector_app import bundled
from inspector_app.gui import commands
from inspector_app.gui.file_open import FileOpenRequests
from inspector_app.gui.interaction import Answer, ScriptedInteraction
from inspector_app.gui.main_window import MainWindow
from inspector_app.gui.settings import AppSettings


@pytest.fixture(autouse=True)
def _own_state_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("INSPECTOR_STATE_DIR", str(tmp_path / "state"))


@pytest.fixture
def requests(qapp):
    requests = FileOpenRequests(qapp)
    yield requests
    requests.uninstall()
    requests.deleteLater()


@pytest.fixture
def saved(tmp_path):
    """``saved(name)``: a bundled sample saved as a file of our own."""

    def save(name=PEEL_SAMPLE):
        path = tmp_path / f"{name}.inspection"
        path.write_bytes(bundled.sample(name).read_bytes())
        return path

    return save


def make_window(qtbot, tmp_path, interaction=None):
    window = MainWindow(interaction or ScriptedInteraction(), AppSettings(tmp_path / "settings.ini"))
    qtbot.addWidget(window, before_close_func=lambda w: w.document and w.document.undo_stack.setClean())
    show_active(qtbot, window)
    return window


def ask_to_open(qapp, target):
    """What macOS does when a file is opened in Finder: an event posted to the application."""
    QCoreApplication.postEvent(qapp, QFileOpenEvent(target))


def opened(window, path):
    return window.document is not None and window.document.path == path


def test_a_file_opened_in_finder_opens_in_the_running_window(qtbot, qapp, tmp_path, requests, saved):
    window = make_window(qtbot, tmp_path)
    requests.attach(window)
    path = saved()
    ask_to_open(qapp, str(path))
    qtbot.waitUntil(lambda: opened(window, path), timeout=5000)
    assert window.stack.currentWidget() is window.workspace
    assert window.document.inspection.force.name == "Hertfordshire Constabulary"
    assert window.settings.recent_files()[0] == path
    assert not requests.pending


def test_a_file_url_opens_the_same_way(qtbot, qapp, tmp_path, requests, saved):
    window = make_window(qtbot, tmp_path)
    requests.attach(window)
    path = saved(CRIME_SAMPLE)
    ask_to_open(qapp, QUrl.fromLocalFile(str(path)))
    qtbot.waitUntil(lambda: opened(window, path), timeout=5000)


def test_files_asked_for_before_the_window_is_ready_wait_and_then_open(
    qtbot, qapp, tmp_path, requests, saved
):
    first, second = saved(PEEL_SAMPLE), saved(CRIME_SAMPLE)
    ask_to_open(qapp, str(first))
    ask_to_open(qapp, str(second))
    qtbot.waitUntil(lambda: len(requests.pending) == 2, timeout=5000)
    assert requests.pending == [first, second]
    window = make_window(qtbot, tmp_path)
    assert window.document is None  # shown, but not attached yet: nothing opened behind its back
    requests.attach(window)
    assert opened(window, second) and not requests.pending  # one after the other; the last one stays
    assert window.settings.recent_files()[:2] == [second, first]


def test_a_file_asked_for_with_unsaved_changes_asks_first_like_any_open(
    qtbot, qapp, tmp_path, requests, saved
):
    interaction = ScriptedInteraction()
    window = make_window(qtbot, tmp_path, interaction)
    window.open_sample(PEEL_SAMPLE)
    question = window.document.inspection.framework.questions()[0]
    window.document.push(commands.SetGrade(window.document, question.id, None))
    assert window.document.is_modified()
    requests.attach(window)
    interaction.expect(Answer.CANCEL)
    ask_to_open(qapp, str(saved(CRIME_SAMPLE)))
    qtbot.waitUntil(lambda: bool(interaction.asked), timeout=5000)
    assert [a.method for a in interaction.asked] == ["confirm_discard"]
    assert window.document.path is None and window.document.is_modified()  # the user kept the sample


def test_a_file_that_cannot_be_read_is_an_error_dialog_not_a_crash(qtbot, qapp, tmp_path, requests):
    interaction = ScriptedInteraction()
    window = make_window(qtbot, tmp_path, interaction)
    requests.attach(window)
    broken = tmp_path / "broken.inspection"
    broken.write_text('{"format": "inspector-inspe', encoding="utf-8")
    ask_to_open(qapp, str(broken))
    qtbot.waitUntil(lambda: bool(interaction.messages("error")), timeout=5000)
    assert window.document is None
