"""Autosave, crash recovery, the lock and the last-resort error hook, driven through the main window."""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from support.documents import PEEL_SAMPLE, show_active

from inspector_app.gui import commands
from inspector_app.gui.errors import install_exception_hook
from inspector_app.gui.interaction import Answer, ScriptedInteraction
from inspector_app.gui.main_window import MainWindow
from inspector_app.gui.settings import AppSettings
from inspector_app.storage import lock as locks
from inspector_app.storage.inspection_file import load_inspection
from inspector_app.storage.recovery import list_recoveries, recoveries_for

ROOT = Path(__file__).parents[2]


@pytest.fixture(autouse=True)
def _own_state_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("INSPECTOR_STATE_DIR", str(tmp_path / "state"))


def make_window(qtbot, tmp_path, interaction=None):
    window = MainWindow(interaction or ScriptedInteraction(), AppSettings(tmp_path / "settings.ini"))
    qtbot.addWidget(window, before_close_func=lambda w: w.document and w.document.undo_stack.setClean())
    show_active(qtbot, window)
    return window


@pytest.fixture
def saved_sample(qtbot, tmp_path):
    """The PEEL sample saved as a file of our own."""
    path = tmp_path / "herts.inspection"
    window = make_window(qtbot, tmp_path, ScriptedInteraction().expect(path))
    window.open_sample(PEEL_SAMPLE)
    assert window.save()
    window.close()
    return path


def grade(window, question_id, grade_id):
    window.document.push(commands.SetGrade(window.document, question_id, grade_id))


def test_autosave_writes_a_recovery_copy_after_a_pause_and_a_save_removes_it(qtbot, tmp_path, saved_sample):
    window = make_window(qtbot, tmp_path)
    window.open_path(saved_sample)
    window.guard.set_intervals(pause_ms=50)
    grade(window, "preventing-crime", "outstanding")
    assert window.guard.pending() and recoveries_for(saved_sample) == []
    qtbot.waitUntil(lambda: len(recoveries_for(saved_sample)) == 1, timeout=3000)
    [copy] = recoveries_for(saved_sample)
    assert copy.load().question("preventing-crime").grade == "outstanding"
    assert copy.original_path == saved_sample.resolve()
    assert window.save()
    assert recoveries_for(saved_sample) == []


def test_losing_focus_writes_the_copy_at_once(qtbot, tmp_path, saved_sample):
    window = make_window(qtbot, tmp_path)
    window.open_path(saved_sample)
    grade(window, "preventing-crime", "outstanding")
    window.guard._application_state_changed(Qt.ApplicationState.ApplicationInactive)
    assert len(recoveries_for(saved_sample)) == 1


def test_closing_without_saving_removes_the_copy_and_the_lock(qtbot, tmp_path, saved_sample):
    interaction = ScriptedInteraction()
    window = make_window(qtbot, tmp_path, interaction)
    window.open_path(saved_sample)
    assert locks.read_owner(saved_sample).is_this_process
    grade(window, "preventing-crime", "outstanding")
    window.guard.autosave_now()
    interaction.expect(Answer.DISCARD)
    assert window.close_document()
    assert recoveries_for(saved_sample) == [] and locks.read_owner(saved_sample) is None


def test_a_crash_leaves_edits_that_the_next_start_restores(qtbot, tmp_path, saved_sample):
    """The real window in a child process, killed after edits; the next start offers every edit back."""
    if os.name != "posix":
        pytest.skip("SIGKILL is POSIX")
    env = dict(os.environ, INSPECTOR_STATE_DIR=str(tmp_path / "state"), QT_QPA_PLATFORM="offscreen")
    command = [
        sys.executable,
        str(ROOT / "tests" / "support" / "gui_child.py"),
        str(saved_sample),
        str(tmp_path / "child.ini"),
    ]
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env
    ) as child:
        try:
            assert child.stdout.readline().strip() == "ready"
        finally:
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    unsaved = load_inspection(saved_sample)
    assert (
        unsaved.question("protecting-vulnerable")
        .areas_for_improvement[0]
        .text.startswith("The force still needs")
    ), "the file on disk is as last saved"

    interaction = ScriptedInteraction().expect(0)  # "Restore them"
    window = make_window(qtbot, tmp_path, interaction)
    assert window.offer_recoveries()
    [(title, text, _choices)] = interaction.messages("choose")
    assert title == "Restore unsaved work?" and "Recovered copy of herts.inspection" in text
    restored = window.document.inspection
    question = restored.question("protecting-vulnerable")
    assert question.grade == "inadequate"
    assert question.areas_for_improvement[0].text == "The force should review its use of Clare’s Law."
    assert restored.evidence[-1].title == "Control room visit"
    assert len(restored.evidence) == len(unsaved.evidence) + 1
    assert window.document.path == saved_sample.resolve() and window.isWindowModified()
    assert window.save()
    assert (
        load_inspection(saved_sample)
        .question("protecting-vulnerable")
        .areas_for_improvement[0]
        .text.endswith("Clare’s Law.")
    )
    assert list_recoveries() == []


def test_another_windows_live_autosave_is_not_taken_for_a_crash_leftover(qtbot, tmp_path, saved_sample):
    first = make_window(qtbot, tmp_path)
    first.open_path(saved_sample)
    grade(first, "preventing-crime", "outstanding")
    first.guard.autosave_now()
    first.guard.release_lock()  # the first window stays open, its changes unsaved

    interaction = ScriptedInteraction()
    second = make_window(qtbot, tmp_path, interaction)
    # the copy's writer (this process) still runs: another window's live autosave, not a crash's leftover
    assert second.open_path(saved_sample)
    assert interaction.messages("choose") == []
    assert len(recoveries_for(saved_sample)) == 1


def test_a_dead_process_copy_is_offered_on_open_and_can_be_kept_aside(
    qtbot, tmp_path, saved_sample, monkeypatch
):
    first = make_window(qtbot, tmp_path)
    first.open_path(saved_sample)
    grade(first, "preventing-crime", "outstanding")
    first.guard.autosave_now()
    first.document.undo_stack.setClean()
    first.close()
    monkeypatch.setattr("inspector_app.storage.recovery.Recovery.writer_running", lambda self: False)
    # close() tidied the copy; write the crash's leftover again as the dead process would have left it
    from inspector_app.storage.recovery import recovery_key, write_recovery

    crashed = load_inspection(saved_sample)
    crashed.question("preventing-crime").grade = "outstanding"
    write_recovery(crashed, saved_sample, recovery_key(saved_sample, crashed.id))

    interaction = ScriptedInteraction().expect(1)  # keep them in a separate file
    second = make_window(qtbot, tmp_path, interaction)
    assert second.open_path(saved_sample)
    [(_title, _text, choices)] = interaction.messages("choose")
    assert choices == ("Restore them", "Keep them in a separate file", "Discard them")
    [(_title, kept_text)] = interaction.messages("inform")
    kept = next(tmp_path.glob("herts (recovered *).inspection"))
    assert str(kept) in kept_text
    assert load_inspection(kept).question("preventing-crime").grade == "outstanding"
    assert second.document.inspection.question("preventing-crime").grade == "good", "the file opens as saved"
    assert recoveries_for(saved_sample) == []


def test_a_second_window_is_told_who_has_the_file_and_may_open_it_read_only(qtbot, tmp_path, saved_sample):
    owner = make_window(qtbot, tmp_path)
    owner.open_path(saved_sample)
    other_lock = locks.lock_path(saved_sample)
    # pretend a colleague on another laptop holds it
    other_lock.write_text(
        other_lock.read_text(encoding="utf-8").replace(locks.this_host(), "LAPTOP-12"), encoding="utf-8"
    )
    owner.guard.lock = None
    owner.document.undo_stack.setClean()
    owner.close_document()

    interaction = ScriptedInteraction().expect(0)  # open read-only
    reader = make_window(qtbot, tmp_path, interaction)
    assert reader.open_path(saved_sample)
    [(_title, text, _choices)] = interaction.messages("choose")
    assert "herts.inspection is open by" in text and "LAPTOP-12" in text
    assert reader.document.read_only and "(read-only)" in reader.windowTitle()
    grade(reader, "preventing-crime", "outstanding")
    interaction.expect(tmp_path / "my copy.inspection")
    assert reader.save()  # Save becomes Save As
    assert (tmp_path / "my copy.inspection").is_file() and not reader.document.read_only
    assert "LAPTOP-12" in locks.lock_path(saved_sample).read_text(encoding="utf-8"), (
        "the colleague's lock is untouched"
    )


def test_an_unexpected_error_saves_a_recovery_copy_then_explains(qtbot, tmp_path, saved_sample):
    interaction = ScriptedInteraction()
    window = make_window(qtbot, tmp_path, interaction)
    window.open_path(saved_sample)
    grade(window, "preventing-crime", "outstanding")
    hook = install_exception_hook(window, interaction, tmp_path / "inspector.log")
    try:
        raise RuntimeError("a bug in a slot")
    except RuntimeError as error:
        hook(type(error), error, error.__traceback__)
    finally:
        sys.excepthook = sys.__excepthook__
    [(title, text, details)] = interaction.messages("error")
    assert title == "Something went wrong" and "a bug in a slot" in text
    assert "copied to a recovery file" in text and str(tmp_path / "inspector.log") in text
    assert "RuntimeError" in details
    assert len(recoveries_for(saved_sample)) == 1


def test_steady_typing_without_a_pause_is_kept_at_most_a_few_seconds_behind(qtbot, tmp_path, saved_sample):
    """A word every quarter second, never the three-second pause, then a power cut: the next start restores
    everything but the last seconds' words (before, every change restarted the timer and all were lost)."""
    if os.name != "posix":
        pytest.skip("SIGKILL is POSIX")
    env = dict(os.environ, INSPECTOR_STATE_DIR=str(tmp_path / "state"), QT_QPA_PLATFORM="offscreen")
    command = [
        sys.executable,
        str(ROOT / "tests" / "support" / "typing_child.py"),
        str(saved_sample),
        str(tmp_path / "child.ini"),
        "1000",
    ]
    typed: list[str] = []
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env
    ) as child:
        try:
            while len(typed) < 16:  # four seconds of steady typing
                line = child.stdout.readline()
                assert line, "the child stopped"
                typed.append(line.split()[-1])
        finally:
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=30)
    window = make_window(qtbot, tmp_path, ScriptedInteraction().expect(0))  # "Restore them"
    assert window.offer_recoveries()
    text = window.document.inspection.question("protecting-vulnerable").areas_for_improvement[0].text
    kept = [word for word in typed if word in text.split()]
    assert kept == typed[: len(kept)], "words are kept in order, none skipped"
    assert len(kept) >= len(typed) - 8, f"at most about two seconds lost; kept {kept}"


def test_an_autosave_that_fails_says_why_in_the_status_bar_and_tries_again(
    qtbot, tmp_path, saved_sample, monkeypatch
):
    from inspector_app.storage import recovery as recovery_module

    window = make_window(qtbot, tmp_path)
    window.open_path(saved_sample)
    window.guard.set_intervals(pause_ms=20, retry_ms=100)
    real_write = recovery_module.PendingRecovery.write

    def disk_full(self):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(recovery_module.PendingRecovery, "write", disk_full)
    grade(window, "preventing-crime", "outstanding")
    qtbot.waitUntil(lambda: "No space left on device" in window.statusBar().currentMessage(), timeout=3000)
    assert window.statusBar().currentMessage() == (
        "Could not keep a recovery copy of your unsaved changes (No space left on device); trying again shortly."
    )
    assert recoveries_for(saved_sample) == []
    monkeypatch.setattr(recovery_module.PendingRecovery, "write", real_write)  # room again
    qtbot.waitUntil(lambda: len(recoveries_for(saved_sample)) == 1, timeout=3000)
    assert window.statusBar().currentMessage() == "A recovery copy of your unsaved changes is kept again."


def test_a_large_inspections_copy_is_written_in_the_background(qtbot, tmp_path, saved_sample):
    from inspector_app.gui.safety import recovery_writer

    window = make_window(qtbot, tmp_path)
    window.open_path(saved_sample)
    window.guard.background_bytes = 0  # as if the inspection were 10 MB
    grade(window, "preventing-crime", "outstanding")
    assert window.guard.autosave_now()
    assert recovery_writer().wait()
    [copy] = recoveries_for(saved_sample)
    assert copy.load().question("preventing-crime").grade == "outstanding"
    assert window.save()
    assert recovery_writer().wait() and recoveries_for(saved_sample) == []


def test_a_damaged_recovery_copy_is_reported_at_start_up_and_kept_aside(qtbot, tmp_path):
    from inspector_app.storage.recovery import damaged_dir, recovery_dir

    recovery_dir().mkdir(parents=True)
    damaged = recovery_dir() / "file-0123456789abcdef01234567.inspection"
    damaged.write_bytes(b'{"format": "inspector.inspection", "format_version": 1, "inspec')
    interaction = ScriptedInteraction()
    window = make_window(qtbot, tmp_path, interaction)
    assert not window.offer_recoveries()
    [(title, text)] = interaction.messages("inform")
    assert title == "A recovery copy could not be read" and str(damaged_dir()) in text
    assert not damaged.exists()
    [kept] = [p for p in damaged_dir().iterdir() if p.suffix == ".inspection"]
    assert kept.read_bytes().startswith(b'{"format": "inspector.inspection"')
    assert not window.offer_recoveries() and len(interaction.messages("inform")) == 1, "said once"


def test_a_second_windows_save_is_never_silently_overwritten_by_the_first(qtbot, tmp_path, saved_sample):
    first_asks = ScriptedInteraction()
    first = make_window(qtbot, tmp_path, first_asks)
    assert first.open_path(saved_sample)
    second = make_window(qtbot, tmp_path, ScriptedInteraction().expect(1))  # "Open anyway"
    assert second.open_path(saved_sample)
    grade(second, "preventing-crime", "inadequate")
    assert second.save()

    grade(first, "preventing-crime", "outstanding")
    copy = tmp_path / "mine.inspection"
    first_asks.expect(2, 0, copy)  # show what differs, then save a copy
    assert first.save()
    [(_title, text, choices)] = [m for m in first_asks.messages("choose") if m[0] == "The file has changed"][
        :1
    ]
    assert "Someone else has taken over the file" in text
    assert choices == ("Save as a copy…", "Replace it", "Show what differs")
    [(_title, differs)] = first_asks.messages("inform")
    assert "Question 1 is graded Inadequate there, Outstanding here." in differs
    assert load_inspection(saved_sample).question("preventing-crime").grade == "inadequate", "theirs is kept"
    assert load_inspection(copy).question("preventing-crime").grade == "outstanding", "and ours beside it"
    assert first.document.path == copy


def test_a_file_another_program_changed_is_replaced_only_when_the_user_says_so(qtbot, tmp_path, saved_sample):
    from inspector_app.storage.inspection_file import save_inspection

    asks = ScriptedInteraction()
    window = make_window(qtbot, tmp_path, asks)
    assert window.open_path(saved_sample)
    other = load_inspection(saved_sample)
    other.authors = ["Someone else"]
    save_inspection(other, saved_sample)  # a sync client, or the command line

    grade(window, "preventing-crime", "good")
    asks.expect(None)  # the question is cancelled: nothing is written
    assert not window.save()
    assert load_inspection(saved_sample).authors == ["Someone else"]
    [(_title, text, _choices)] = asks.messages("choose")
    assert "changed by another window or program" in text

    asks.expect(1)  # "Replace it"
    assert window.save()
    assert load_inspection(saved_sample).question("preventing-crime").grade == "good"
    grade(window, "preventing-crime", "inadequate")
    assert window.save(), "after its own save the window asks nothing"
    assert len(asks.messages("choose")) == 2


def test_previous_versions_lists_what_saves_kept_and_restores_one_as_a_copy(qtbot, tmp_path, saved_sample):
    asks = ScriptedInteraction()
    window = make_window(qtbot, tmp_path, asks)
    assert window.open_path(saved_sample)
    window.files.previous_versions()
    [(_title, nothing_yet)] = asks.messages("inform")
    assert "No earlier version of herts.inspection is kept yet" in nothing_yet
    for grade_id in ("outstanding", "inadequate"):
        grade(window, "preventing-crime", grade_id)
        assert window.save()

    asks.expect(1, True)  # the older of the two kept versions; open the copy
    assert window.files.previous_versions()
    [(title, _text, items)] = asks.messages("pick")
    assert title == "Previous versions" and len(items) == 2
    assert all(item.startswith("Saved ") for item in items)
    [copy] = list(tmp_path.glob("herts (version of *).inspection"))
    assert window.document.path == copy
    assert load_inspection(copy).question("preventing-crime").grade != "inadequate"
    assert load_inspection(saved_sample).question("preventing-crime").grade == "inadequate", "the file stays"
