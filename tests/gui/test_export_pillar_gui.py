"""File › Export one pillar to Word…: a pillar of a programme of several as its own report (issue 15,
item 3); not offered for a programme of one pillar."""

from __future__ import annotations

import docx
from support.documents import PEEL_SAMPLE, main_window

from inspector_app import bundled
from inspector_app.domain.inspection import new_inspection
from inspector_app.gui.document import InspectionDocument


def test_one_pillar_of_peel_2016_is_exported_as_its_own_report(qtbot, tmp_path):
    window = main_window(qtbot, tmp_path)
    window.set_document(
        InspectionDocument(new_inspection(bundled.load_framework("peel-2016"), "Kent Police", "Kent"))
    )
    assert window.export_pillar_action.isVisible() and window.export_pillar_action.isEnabled()
    output = tmp_path / "efficiency.docx"
    window.interaction.expect(1, output, None)  # Efficiency; where; then close "Report exported"
    window.export_pillar_action.trigger()
    qtbot.waitUntil(lambda: window.exports.task is None, timeout=30_000)
    ((_title, _text, pillars),) = window.interaction.messages("pick")
    assert pillars == ("Effectiveness", "Efficiency", "Legitimacy", "Leadership")
    h1 = [p.text for p in docx.Document(str(output)).paragraphs if p.style.name == "Heading 1"]
    assert h1 == ["Efficiency", "Questions for Efficiency"]
    assert len(window.document.inspection.framework.pillars) == 4, "the open inspection is unchanged"


def test_a_programme_of_one_pillar_is_not_offered_the_choice(qtbot, tmp_path):
    window = main_window(qtbot, tmp_path, PEEL_SAMPLE)
    assert not window.export_pillar_action.isVisible() and not window.export_pillar_action.isEnabled()
