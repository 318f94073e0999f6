"""The checks dock: findings grouped by question, refreshed after typing pauses, and a way to each place."""

import pytest
from PySide6.QtCore import Qt
from support.documents import CRIME_SAMPLE, PEEL_SAMPLE, show_active

from inspector_app.domain.checks import Severity
from inspector_app.domain.inspection import CauseOfConcern
from inspector_app.gui import commands
from inspector_app.gui.checks_dock import FINDING_ROLE, ChecksModel, SeverityFilter
from inspector_app.gui.interaction import ScriptedInteraction
from inspector_app.gui.main_window import MainWindow
from inspector_app.gui.settings import AppSettings


@pytest.fixture
def window(qtbot, tmp_path):
    window = MainWindow(ScriptedInteraction(), AppSettings(tmp_path / "settings.ini"))
    qtbot.addWidget(window, before_close_func=lambda w: w.document and w.document.undo_stack.setClean())
    window.resize(1366, 768)
    show_active(qtbot, window)
    return window


def findings_shown(panel):
    proxy, found = panel.proxy, []
    for group in range(proxy.rowCount()):
        parent = proxy.index(group, 0)
        found += [proxy.index(row, 0, parent).data(FINDING_ROLE) for row in range(proxy.rowCount(parent))]
    return found


def test_models_pass_the_qt_model_tester(qtmodeltester, window):
    window.open_sample(CRIME_SAMPLE)
    window.checks_action.trigger()
    assert window.checks.model.rowCount() > 0
    qtmodeltester.check(window.checks.model)
    qtmodeltester.check(window.checks.proxy)


def test_checks_run_when_shown_grouped_by_question(window):
    window.open_sample(PEEL_SAMPLE)
    assert window.checks is None, "nothing is loaded or run while the dock is hidden"
    window.checks_action.trigger()
    assert window.checks_dock.isVisible() and window.checks_action.isChecked()
    groups = [window.checks.model.item(row, 0).text() for row in range(window.checks.model.rowCount())]
    assert groups[0].startswith("The whole report") and any(g.startswith("Question 3") for g in groups)
    assert window.checks.summary.text().startswith("0 errors,")


def test_a_new_problem_appears_after_the_typing_pauses_and_goes_away_on_undo(window, qtbot):
    window.open_sample(PEEL_SAMPLE)
    window.checks_action.trigger()
    panel = window.checks
    document = window.document
    question = document.inspection.question("preventing-crime")
    document.push(
        commands.InsertRecord(
            document, question.id, "causes_of_concern", 0, CauseOfConcern(text="Risk is not assessed.")
        )
    )
    assert panel.pending(), "checks wait for a pause, not every keystroke"
    qtbot.waitUntil(lambda: not panel.pending(), timeout=5000)
    errors = [f for f in findings_shown(panel) if f.severity is Severity.ERROR]
    assert [(f.rule, f.place.question_id) for f in errors] == [
        ("grade.cause-without-recommendation", "preventing-crime")
    ]
    assert panel.summary.text().startswith("1 error,")
    document.undo_stack.undo()
    qtbot.waitUntil(lambda: not panel.pending(), timeout=5000)
    assert not [f for f in findings_shown(panel) if f.severity is Severity.ERROR]


def test_enter_on_a_finding_goes_to_the_field(window, qtbot):
    window.open_sample(PEEL_SAMPLE)
    window.checks_action.trigger()
    document = window.document
    question = document.inspection.question("protecting-vulnerable")
    cause = CauseOfConcern(text="Another cause.")
    document.push(commands.InsertRecord(document, question.id, "causes_of_concern", 1, cause))
    window.checks.refresh()
    view, proxy = window.checks.view, window.checks.proxy
    target = next(
        proxy.index(row, 0, proxy.index(group, 0))
        for group in range(proxy.rowCount())
        for row in range(proxy.rowCount(proxy.index(group, 0)))
        if proxy.index(row, 0, proxy.index(group, 0)).data(FINDING_ROLE).place.record_id == cause.id
    )
    view.setFocus()
    view.setCurrentIndex(target)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    page = window.workspace.current_page()
    assert page is window.workspace.question_page("protecting-vulnerable")
    focused = window.focusWidget()
    assert focused is page.causes.rows[1].editors[0]


def test_severity_toggles_filter_the_list(window):
    window.open_sample(CRIME_SAMPLE)
    window.checks_action.trigger()
    panel = window.checks
    assert any(f.severity is Severity.ADVICE for f in findings_shown(panel))
    panel.toggles[Severity.ADVICE].setChecked(False)
    assert not any(f.severity is Severity.ADVICE for f in findings_shown(panel))


def test_model_groups_and_counts(qapp, qtmodeltester):
    from inspector_app.domain.checks import Finding, Place

    model = ChecksModel()
    findings = [
        Finding(
            "grade.missing", Severity.ERROR, "Grade it.", Place("q1", "grade", None, "Question 1 › Grade")
        ),
        Finding(
            "style.percent",
            Severity.ADVICE,
            "Write per cent.",
            Place("q1", "sections", None, "Question 1 › Paragraph 1"),
        ),
        Finding(
            "style.acronym",
            Severity.ADVICE,
            "Spell out HMIC.",
            Place(None, "introduction", None, "Introduction"),
        ),
    ]
    model.set_findings(findings, {"q1": "Question 1"})
    assert [model.item(r, 0).text() for r in range(model.rowCount())] == [
        "Question 1 (2, 1 error)",
        "The whole report (1)",
    ]
    proxy = SeverityFilter()
    proxy.setSourceModel(model)
    proxy.set_shown(Severity.ADVICE, False)
    assert proxy.rowCount() == 1
    qtmodeltester.check(proxy)


def test_the_dock_stays_with_the_next_document(window):
    window.open_sample(CRIME_SAMPLE)
    window.checks_action.trigger()
    window.document.undo_stack.setClean()
    window.open_sample(PEEL_SAMPLE)
    assert window.checks is not None and window.checks.document is window.document
    assert window.checks_dock.widget() is window.checks
