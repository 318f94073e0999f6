"""Figures: a figure the report prints without its image is a warning (the report prints a placeholder);
an image without alternative text is a warning (a published report must be accessible)."""

from __future__ import annotations

from support.images import jpeg_bytes, png_bytes
from unit.checks.checks_support import clean_peel, found

from inspector_app import bundled
from inspector_app.domain import editing
from inspector_app.domain.blocks import Figure, Paragraph
from inspector_app.domain.checks import Severity, rules, run_checks
from inspector_app.domain.images import figure_image
from inspector_app.domain.inspection import NarrativeSection, new_inspection


def add_figure(inspection, *, image: bytes | None = None, alt_text: str = "", question_id="preventing-crime"):
    figure = Figure(
        caption="Recorded crime",
        image=figure_image(image) if image is not None else None,
        alt_text=alt_text,
    )
    section = inspection.question(question_id).sections[0]
    editing.insert_record(inspection, section.id, "blocks", len(section.blocks), figure)
    return figure


def test_the_rules_are_registered_as_warnings_of_the_figure_group():
    by_id = {r.id: r for r in rules()}
    assert by_id["figure.no-image"].severity is Severity.WARNING
    assert by_id["figure.no-alt-text"].severity is Severity.WARNING
    inspection = clean_peel()
    add_figure(inspection)
    add_figure(inspection, image=png_bytes(4, 4))
    assert {f.rule for f in run_checks(inspection, only={"figure"})} == {
        "figure.no-image",
        "figure.no-alt-text",
    }


def test_a_figure_with_its_image_and_alt_text_draws_nothing():
    inspection = clean_peel()
    add_figure(inspection, image=png_bytes(4, 4), alt_text="A bar chart of recorded crime")
    add_figure(inspection, image=jpeg_bytes(), alt_text="A photograph of the control room")
    assert run_checks(inspection, only={"figure"}) == []
    assert run_checks(inspection, speller=bundled.speller()) == [], "the clean report stays clean"


def test_a_figure_without_an_image_is_a_warning_at_its_place():
    inspection = clean_peel()
    figure = add_figure(inspection, alt_text="Described, but no picture yet")
    (finding,) = found(inspection, "figure.no-image")
    assert finding.severity is Severity.WARNING
    assert finding.place.record_id == figure.id
    assert finding.place.question_id == "preventing-crime" and finding.place.field == "sections"
    assert finding.place.label.endswith("› Working with partners › Figure 1")
    assert "“[Image to be added]”" in finding.message and "PNG or JPEG" in finding.message
    assert found(inspection, "figure.no-alt-text") == [], "no image, no alt text to ask for"


def test_an_image_without_alt_text_is_a_warning():
    inspection = clean_peel()
    figure = add_figure(inspection, image=png_bytes(4, 4), alt_text="  \n ")
    (finding,) = found(inspection, "figure.no-alt-text")
    assert finding.severity is Severity.WARNING and finding.place.record_id == figure.id
    assert "screen reader" in finding.message
    editing.set_field(inspection, figure.id, "alt_text", "A bar chart")
    assert found(inspection, "figure.no-alt-text") == []


def test_a_figure_without_a_caption_is_still_checked():
    inspection = clean_peel()
    figure = Figure()
    inspection.question("preventing-crime").notes.append(figure)
    (finding,) = found(inspection, "figure.no-image")
    assert finding.place.record_id == figure.id and finding.place.field == "notes"
    assert finding.place.label.endswith("› Notes › Figure 1")


def test_figures_are_counted_per_list_and_found_in_every_printed_place():
    inspection = new_inspection(bundled.load_framework("crime-inspection-2014"), "Kent Police")
    inspection.introduction = [Paragraph(text="Intro."), Figure(caption="A"), Figure(caption="B")]
    inspection.methodology = [Figure(caption="C")]
    inspection.pillars[0].summary = [Figure(caption="D")]
    question = inspection.questions[0]
    question.sections = [NarrativeSection(theme="", blocks=[Figure(caption="E")])]
    labels = [f.place.label for f in found(inspection, "figure.no-image")]
    assert sorted(labels) == sorted(
        [
            "Introduction › Figure 1",
            "Introduction › Figure 2",
            "Methodology › Figure 1",
            "Overall summary › Figure 1",
            "Question 1 › Opening text › Figure 1",
        ]
    )


def test_a_peel_report_prints_a_written_introduction_so_its_figures_are_checked():
    inspection = clean_peel()
    inspection.introduction = [Figure(caption="Printed")]
    assert [f.place.field for f in found(inspection, "figure.no-image")] == ["introduction"]
