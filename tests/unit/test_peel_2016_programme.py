"""The whole PEEL 2016 programme as one framework: four pillars, each numbered from 1, exported in order,
and check labels that name the pillar (a one-pillar framework keeps "Question 1")."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from docx.document import Document
from unit.export.export_support import open_docx, printed_headings

from inspector_app import bundled
from inspector_app.domain.blocks import Paragraph
from inspector_app.domain.checks import run_checks
from inspector_app.domain.checks.core import CheckContext
from inspector_app.domain.checks.text import question_label
from inspector_app.domain.framework import Framework
from inspector_app.domain.inspection import Inspection, new_inspection
from inspector_app.export import export_report

PILLARS = ["Effectiveness", "Efficiency", "Legitimacy", "Leadership"]
HEADLINES = {
    "Effectiveness": "How effective is the force at keeping people safe and reducing crime?",
    "Efficiency": "How efficient is the force at keeping people safe and reducing crime?",
    "Legitimacy": "How legitimate is the force at keeping people safe and reducing crime?",
}
PUBLISHED = {
    "effectiveness": dt.date(2017, 3, 2),
    "efficiency": dt.date(2016, 11, 3),
    "legitimacy": dt.date(2016, 12, 8),
    "leadership": dt.date(2016, 12, 8),
}


@pytest.fixture(scope="module")
def programme() -> Framework:
    return bundled.load_framework("peel-2016")


def kent(framework: Framework) -> Inspection:
    return new_inspection(framework, "Kent Police", "Kent")


def test_the_programme_is_bundled_with_its_identity_and_the_pillar_layout(programme: Framework) -> None:
    assert "peel-2016" in bundled.framework_ids()
    assert (programme.id, programme.title, programme.version, programme.programme) == (
        "peel-2016",
        "PEEL 2016",
        "2016",
        "PEEL",
    )
    assert programme.report.layout == "peel_pillar"
    assert programme.report.title == "{force_short} PEEL 2016"
    assert programme.scale == bundled.load_framework("peel-2016-effectiveness").scale


def test_four_pillars_in_order_and_leadership_is_ungraded(programme: Framework) -> None:
    assert [p.title for p in programme.pillars] == PILLARS
    assert [p.graded for p in programme.pillars] == [True, True, True, False]
    leadership = programme.pillar("leadership")
    assert leadership is not None and not any(q.graded for q in leadership.questions)
    for pillar in programme.pillars:
        if pillar.title in HEADLINES:
            assert pillar.question == HEADLINES[pillar.title]
    efficiency = programme.pillar("efficiency")
    assert efficiency is not None and [q.text for q in efficiency.questions] == [
        "How well does the force understand the current and likely future demand?",
        "How well does the force use its resources to manage current demand?",
        "How well is the force planning for demand in the future?",
    ]


def test_ids_are_unique_and_each_pillar_numbers_its_questions_from_one(programme: Framework) -> None:
    ids = [q.id for q in programme.questions()]
    assert len(ids) == len(set(ids)) == 10
    assert len({p.id for p in programme.pillars}) == 4
    for pillar in programme.pillars:
        assert [q.number for q in pillar.questions] == [str(n) for n in range(1, len(pillar.questions) + 1)]


def test_the_effectiveness_pillar_is_the_single_pillar_frameworks(programme: Framework) -> None:
    [single] = bundled.load_framework("peel-2016-effectiveness").pillars
    assert programme.pillars[0] == single


def test_the_source_says_where_each_pillar_comes_from_and_what_is_left_out(programme: Framework) -> None:
    for name in PILLARS:
        assert f"{name}:" in programme.source
    assert programme.source.count("left out") >= 2, "what no source gave is said to be left out"


@pytest.fixture(scope="module")
def exported(programme: Framework, tmp_path_factory: pytest.TempPathFactory) -> Document:
    inspection = kent(programme)
    for pillar_id, published in PUBLISHED.items():
        inspection.pillar(pillar_id).published = published
    inspection.pillar("effectiveness").grade = "good"
    inspection.pillar("efficiency").grade = "requires_improvement"
    inspection.pillar("legitimacy").grade = "outstanding"
    path = export_report(inspection, tmp_path_factory.mktemp("peel-2016") / "kent.docx")
    return open_docx(path)


def test_the_export_prints_the_four_pillars_in_order_each_numbered_from_one(
    programme: Framework, exported: Document
) -> None:
    found = printed_headings(exported)
    assert found[0] == ("Title", "Kent PEEL 2016")
    pillar_headings = [text for style, text in found if style == "Heading 1" and text in PILLARS]
    assert pillar_headings == PILLARS
    for pillar in programme.pillars:
        start = found.index(("Heading 1", pillar.title))
        assert found[start + 1] == ("Subtitle", pillar.question)
        assert found[start + 2] == ("Heading 1", f"Questions for {pillar.title}")
        questions = found[start + 3 : start + 3 + len(pillar.questions)]
        assert questions == [("Heading 2", f"{n}. {q.text}") for n, q in enumerate(pillar.questions, 1)]


def test_each_pillar_has_its_own_last_updated_and_only_graded_pillars_a_grade(
    programme: Framework, exported: Document
) -> None:
    texts = [p.text for p in exported.paragraphs]
    expected = {"effectiveness": "Good", "efficiency": "Requires improvement", "legitimacy": "Outstanding"}
    for pillar in programme.pillars:
        at = texts.index(pillar.question)
        assert texts[at + 1] == f"Last updated {PUBLISHED[pillar.id].strftime('%d/%m/%Y')}"
        if pillar.graded:
            assert texts[at + 2] == expected[pillar.id]
        else:
            assert texts[at + 2] == f"Questions for {pillar.title}"


def test_check_labels_carry_the_pillar_name_in_the_programme(programme: Framework) -> None:
    inspection = kent(programme)
    labels = [view.label for view in CheckContext(inspection).questions()]
    assert labels == [
        *(f"Effectiveness › Question {n}" for n in range(1, 6)),
        *(f"Efficiency › Question {n}" for n in range(1, 4)),
        "Legitimacy › Question 1",
        "Leadership › Question 1",
    ]
    assert question_label(inspection, "understanding-demand") == "Efficiency › Question 1"
    assert question_label(inspection, "understanding-leadership") == "Leadership › Question 1"
    inspection.question("understanding-demand").notes.append(Paragraph(text="Demand rose by 10 per cent."))
    findings = run_checks(inspection, speller=bundled.speller())
    places = {f.place.label for f in findings}
    assert "Efficiency › Question 1 › Notes › Paragraph 1" in places
    assert {"Efficiency › Question 2", "Legitimacy › Question 1"} <= places
    assert not [label for label in places if label.startswith("Question ")]


def test_a_one_pillar_framework_keeps_question_1() -> None:
    inspection = kent(bundled.load_framework("peel-2016-effectiveness"))
    assert [view.label for view in CheckContext(inspection).questions()] == [
        f"Question {n}" for n in range(1, 6)
    ]
    assert question_label(inspection, "investigating-crime") == "Question 2"
    places = {f.place.label for f in run_checks(inspection, speller=bundled.speller())}
    assert "Question 1" in places
    assert not [label for label in places if "›" in label and label.split(" › ")[0] == "Effectiveness"]


def test_the_programme_reaches_a_file_and_back(programme: Framework, tmp_path: Path) -> None:
    from inspector_app.storage.inspection_file import load_inspection, save_inspection

    inspection = kent(programme)
    inspection.pillar("efficiency").published = PUBLISHED["efficiency"]
    save_inspection(inspection, tmp_path / "kent.inspection")
    back = load_inspection(tmp_path / "kent.inspection")
    assert back.framework == programme
    assert back.pillar("efficiency").published == PUBLISHED["efficiency"]


def test_one_pillar_exports_as_its_own_report_and_the_original_is_unchanged(tmp_path) -> None:
    import docx

    from inspector_app.domain.inspection import EvidenceItem, SourceType, new_inspection
    from inspector_app.domain.pillars import UnknownPillarError, one_pillar
    from inspector_app.export import export_report

    inspection = new_inspection(bundled.load_framework("peel-2016"), "Kent Police", "Kent")
    efficiency = inspection.framework.pillar("efficiency")
    assert efficiency is not None
    inspection.evidence = [
        EvidenceItem(
            source_type=SourceType.INTERVIEW, title="Chief officer", question_id=efficiency.questions[0].id
        ),
        EvidenceItem(source_type=SourceType.DATA, title="Crime data", question_id="preventing-crime"),
    ]
    report = one_pillar(inspection, "efficiency")
    assert [p.id for p in report.framework.pillars] == ["efficiency"]
    assert [e.title for e in report.evidence] == ["Chief officer"]
    assert len(inspection.framework.pillars) == 4 and len(inspection.evidence) == 2, (
        "the original is unchanged"
    )
    document = docx.Document(str(export_report(report, tmp_path / "efficiency.docx", evidence_annex=True)))
    h1 = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert h1 == ["Efficiency", "Questions for Efficiency", "Annex: Evidence"]
    with pytest.raises(UnknownPillarError, match=r"no pillar 'nope'\. Its pillars: effectiveness"):
        one_pillar(inspection, "nope")


def test_export_pillar_on_the_command_line(tmp_path) -> None:
    import subprocess
    import sys

    from inspector_app.domain.inspection import new_inspection
    from inspector_app.storage.inspection_file import save_inspection

    path = tmp_path / "kent.inspection"
    save_inspection(new_inspection(bundled.load_framework("peel-2016"), "Kent Police", "Kent"), path)
    cli = [sys.executable, "-m", "inspector_app.cli", "export", str(path)]
    done = subprocess.run(
        [*cli, "--pillar", "legitimacy", "-o", str(tmp_path / "l.docx")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    refused = subprocess.run([*cli, "--pillar", "nope"], capture_output=True, text=True, timeout=120)
    assert refused.returncode == 1 and refused.stderr.startswith(
        "inspector-app: The framework has no pillar 'nope'"
    )
    assert not (tmp_path / "kent.docx").exists()
