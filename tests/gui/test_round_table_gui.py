"""File › Round grades table…: the window's route to `round table` (issue 15, item 4)."""

from __future__ import annotations

import openpyxl
from support.documents import main_window

from inspector_app import bundled
from inspector_app.domain.inspection import new_inspection
from inspector_app.storage.inspection_file import save_inspection


def _round(folder, forces=("Kent Police", "Essex Police", "Surrey Police")):
    folder.mkdir()
    for name in forces:
        inspection = new_inspection(bundled.load_framework("peel-2016-effectiveness"), name, name.split()[0])
        inspection.questions[0].grade = "good"
        save_inspection(inspection, folder / f"{name.split()[0].lower()}.inspection")
    return folder


def test_the_grades_table_of_a_folder_is_written_in_the_background_and_said(qtbot, tmp_path):
    window = main_window(qtbot, tmp_path)
    folder = _round(tmp_path / "round")
    (folder / "broken.inspection").write_text("{", encoding="utf-8")
    output = tmp_path / "grades.xlsx"
    window.interaction.expect(folder, output)
    window.round_table_action.trigger()
    qtbot.waitUntil(lambda: window.round_table.task is None, timeout=20_000)
    ((title, text),) = window.interaction.messages("inform")
    assert title == "Grades table written"
    assert "The grades of 3 forces" in text and "broken.inspection" in text
    sheet = openpyxl.load_workbook(output).worksheets[0]
    forces = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert {"Essex Police", "Kent Police", "Surrey Police"} <= forces


def test_an_empty_folder_is_said_in_a_plain_message(qtbot, tmp_path):
    window = main_window(qtbot, tmp_path)
    (tmp_path / "empty").mkdir()
    window.interaction.expect(tmp_path / "empty", tmp_path / "grades.csv")
    window.round_table_action.trigger()
    qtbot.waitUntil(lambda: window.round_table.task is None, timeout=20_000)
    ((title, text, _details),) = window.interaction.messages("error")
    assert title == "Cannot write the grades table" and text.startswith(
        "There are no inspection files to read"
    )
    assert not (tmp_path / "grades.csv").exists()


def test_cancelling_either_question_writes_nothing(qtbot, tmp_path):
    window = main_window(qtbot, tmp_path)
    window.interaction.expect(None)
    window.round_table_action.trigger()
    window.interaction.expect(tmp_path, None)
    window.round_table_action.trigger()
    assert window.round_table.task is None and list(tmp_path.glob("grades*")) == []
