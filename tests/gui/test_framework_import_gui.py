"""File › Import framework… and File › New with the frameworks an inspectorate adds (issue 15, item 1)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support.documents import main_window

from inspector_app import bundled, framework_store
from inspector_app.gui.new_inspection_dialog import NewInspectionDialog, NewInspectionRequest


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv(bundled.DATA_DIR_ENV, str(tmp_path / "data"))
    monkeypatch.setenv(framework_store.ORG_FRAMEWORKS_ENV, str(tmp_path / "organisation"))
    return main_window(qtbot, tmp_path)


def a_framework(path: Path, **changes) -> Path:
    document = json.loads(bundled.resource("frameworks", "peel-2016-effectiveness.json").read_text("utf-8"))
    document.update(changes)
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_an_imported_framework_is_offered_by_file_new_and_makes_the_inspection(window, tmp_path):
    source = a_framework(
        tmp_path / "p17.json", id="peel-2017", version="2017", title="PEEL 2017 Effectiveness"
    )
    window.interaction.expect(source)
    window.import_framework_action.trigger()
    (title, text) = window.interaction.messages("inform")[-1]
    assert title == "Framework imported" and "“PEEL 2017 Effectiveness” (version 2017, 5 questions)" in text
    window.interaction.expect(NewInspectionRequest("peel-2017", "Kent Police", "Kent"))
    window.new_action.trigger()
    ((offered,),) = window.interaction.messages("new_inspection")
    assert offered == ("crime-inspection-2014", "peel-2016", "peel-2016-effectiveness", "peel-2017")
    assert window.document.inspection.framework.id == "peel-2017"
    assert window.document.inspection.force.name == "Kent Police"


def test_a_bad_framework_file_is_refused_in_a_plain_message_and_nothing_is_added(window, tmp_path):
    bad = a_framework(tmp_path / "bad.json", scale={"grades": []})
    window.interaction.expect(bad)
    window.import_framework_action.trigger()
    ((title, text, _details),) = window.interaction.messages("error")
    assert title == "Cannot import this framework" and text.startswith("bad.json: scale")
    assert not (tmp_path / "data" / "frameworks").exists()


def test_the_new_dialog_groups_the_frameworks_by_programme(qtbot):
    frameworks = [entry.framework for _, entries in framework_store.library().grouped() for entry in entries]
    dialog = NewInspectionDialog(frameworks)
    qtbot.addWidget(dialog)
    combo = dialog.framework
    items = [
        (combo.itemText(i), combo.itemData(i), combo.model().item(i).isEnabled())
        for i in range(combo.count())
    ]
    assert items == [
        ("Crime inspection", None, False),
        ("Crime inspection 2014 — version 2014 (3 questions)", "crime-inspection-2014", True),
        ("PEEL", None, False),
        ("PEEL 2016 — version 2016 (10 questions)", "peel-2016", True),
        ("PEEL 2016 Effectiveness — version 2016 (5 questions)", "peel-2016-effectiveness", True),
    ]
    assert combo.currentData() == "crime-inspection-2014", "a heading is never the choice"
