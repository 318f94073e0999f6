"""A PEEL pillar's own "Last updated" date on the overview: bound to the pillar, undoable, shown again."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate
from support.documents import CRIME_SAMPLE, PEEL_SAMPLE, main_window

from inspector_app.gui.overview_page import DateField


@pytest.fixture
def window(qtbot, tmp_path):
    return main_window(qtbot, tmp_path)


def pillar_dates(window) -> list[DateField]:
    window.workspace.show_overview()
    page = window.workspace.overview
    pillar_ids = {p.id for p in window.document.inspection.pillars}
    return [field for field in page.findChildren(DateField) if field.record_id in pillar_ids]


def test_a_peel_pillar_has_its_own_last_updated_date_one_undo_step(window):
    window.open_sample(PEEL_SAMPLE)
    (field,) = pillar_dates(window)
    pillar = window.document.inspection.pillars[0]
    assert pillar.published is None and field.date() == field.minimumDate(), "not set: the report's date"
    field.setDate(QDate(2017, 12, 7))
    assert pillar.published == dt.date(2017, 12, 7)
    window.undo_action.trigger()
    assert pillar.published is None and field.date() == field.minimumDate()
    window.redo_action.trigger()
    assert field.date() == QDate(2017, 12, 7)


def test_the_2014_layout_has_no_pillar_date(window):
    window.open_sample(CRIME_SAMPLE)
    assert pillar_dates(window) == []
