"""Choosing a Word template checks it on a worker thread: the window never freezes, a busy indicator shows,
and the template is taken only when it opens safely and has every style (issue 17, item 4)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMainWindow
from unit.export.export_support import TEMPLATE
from unit.export.hostile_templates import Package, template_members, write_zip, zeros_member

from inspector_app.gui import export_task
from inspector_app.gui.export_flow import ExportFlow, suggested_file_name
from inspector_app.gui.interaction import ScriptedInteraction
from inspector_app.gui.settings import AppSettings


@pytest.fixture
def interaction() -> ScriptedInteraction:
    return ScriptedInteraction()


@pytest.fixture
def flow(qtbot, tmp_path, interaction) -> ExportFlow:
    window = QMainWindow()
    qtbot.addWidget(window)
    flow = ExportFlow(window, interaction, AppSettings(tmp_path / "settings.ini"))
    window.show()
    yield flow
    flow.wait()


def _choose(qtbot, flow: ExportFlow, interaction: ScriptedInteraction, path: Path):
    interaction.expect(path)
    task = flow.choose_template()
    assert task is not None
    assert flow.template_progress.isVisible()
    with qtbot.waitSignal(task.finished, timeout=30_000):
        pass
    qtbot.waitUntil(lambda: flow.template_check is None)
    assert flow.template_progress.isHidden()
    return task


def test_a_good_template_is_checked_off_the_gui_thread_and_taken(qtbot, flow, interaction, monkeypatch):
    threads: list[threading.Thread] = []
    real = export_task.check_template

    def slow_check(path: Path) -> list[str]:
        threads.append(threading.current_thread())
        time.sleep(0.5)  # a template that takes its time: the window must not wait for it
        return real(path)

    monkeypatch.setattr(export_task, "check_template", slow_check)
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start(20)
    interaction.expect(TEMPLATE)
    started = time.perf_counter()
    task = flow.choose_template()
    assert time.perf_counter() - started < 0.2  # returned at once: nothing modal, nothing blocking
    assert task is not None and flow.template_progress.isVisible()
    assert flow.choose_template() is None  # one check at a time; nothing was asked
    with qtbot.waitSignal(task.finished, timeout=30_000):
        pass
    qtbot.waitUntil(lambda: flow.template_check is None)
    timer.stop()
    assert threads and threads[0] is not threading.main_thread()
    assert len(ticks) >= 10  # the event loop ran all along (every 20 ms for half a second)
    assert flow.settings.template() == TEMPLATE
    assert interaction.messages("error") == []


def test_a_zip_bomb_is_refused_quickly_and_not_taken(qtbot, flow, interaction, tmp_path):
    bomb = write_zip(tmp_path / "bomb.dotx", [*template_members(), zeros_member("word/media/fill.png", 1013)])
    started = time.perf_counter()
    _choose(qtbot, flow, interaction, bomb)
    assert time.perf_counter() - started < 2.0
    [(title, text, _details)] = interaction.messages("error")
    assert title == "Cannot use this template" and "zip bomb" in text
    assert flow.settings.template() is None


def test_a_template_lacking_styles_is_taken_and_explained_with_its_name_quoted_plainly(
    qtbot, flow, interaction, tmp_path
):
    import docx

    bare = tmp_path / ("<b>Bold<b> " + "n" * 200 + ".docx")
    docx.Document().save(str(bare))
    _choose(qtbot, flow, interaction, bare)
    assert interaction.messages("error") == [], "a template that opens is never refused"
    [(title, text)] = interaction.messages("inform")
    assert (
        title == "Template chosen"
        and "the grade styles (Grade " in text
        and "the standard template's are used" in text
    )
    assert "Header: the template has none" in text
    assert "<b>" not in text and "‹b›Bold‹b›" in text and "n….docx" not in text and "….docx”" not in text
    quoted = text.split("“")[1].split("”")[0]
    assert len(quoted) <= 80 and quoted.endswith("nnn.docx") and "…" in quoted
    assert flow.settings.template() == bare


def test_a_macro_template_is_refused(qtbot, flow, interaction, tmp_path):
    from unit.export.hostile_templates import macro_part_renamed

    template = macro_part_renamed().save(tmp_path / "org.docx")
    _choose(qtbot, flow, interaction, template)
    [(title, text, _details)] = interaction.messages("error")
    assert title == "Cannot use this template" and "macro-enabled" in text


def test_cancelling_the_choice_starts_nothing(flow, interaction):
    interaction.expect(None)
    assert flow.choose_template() is None
    assert flow.template_check is None and flow.template_progress.isHidden()


def test_the_suggested_report_name_is_a_file_name_of_bounded_length():
    assert suggested_file_name("Hertfordshire", "PEEL 2016 Effectiveness") == (
        "Hertfordshire PEEL 2016 Effectiveness.docx"
    )
    long = suggested_file_name("Avon/Somerset: " + "x" * 500, "PEEL 2016")
    assert "/" not in long and ":" not in long and len(long) <= 105 and long.endswith("….docx")
    assert suggested_file_name("..", "") == "Report.docx"
    assert suggested_file_name("Kent\x00\n", "PEEL") == "Kent-- PEEL.docx"


def test_a_dotx_template_is_accepted(qtbot, flow, interaction, tmp_path):
    package = Package.of()
    types = package.parts["[Content_Types].xml"]
    package.parts["[Content_Types].xml"] = types.replace(b"document.main+xml", b"template.main+xml")
    template = package.save(tmp_path / "org.dotx")
    _choose(qtbot, flow, interaction, template)
    assert flow.settings.template() == template


def test_the_export_says_what_it_copied_into_the_chosen_template(qtbot, flow, interaction, tmp_path):
    """The lint spoke when the template was chosen; the export says it again, for the template as it is
    now (it may have changed on disk since)."""
    import docx
    from support.documents import sample_document

    plain = tmp_path / "plain.docx"
    docx.Document().save(str(plain))
    flow.settings.set_template(plain)
    report = tmp_path / "report.docx"
    interaction.expect(report, None)  # where to save; then "Report exported": close it
    task = flow.export_report(sample_document())
    assert task is not None
    qtbot.waitUntil(lambda: flow.task is None, timeout=30_000)
    [(title, text, _choices)] = interaction.messages("choose")
    assert title == "Report exported" and "The template “plain.docx” lacks" in text
    assert report.exists()
