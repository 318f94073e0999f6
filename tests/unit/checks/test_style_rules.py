"""House style: en_GB spelling, US spellings, acronyms at first use, AFI openings, "per cent"."""

from __future__ import annotations

import pytest
from unit.checks.checks_support import CRIME, clean_peel, evidence, found, messages, paragraph

from inspector_app import bundled
from inspector_app.domain.blocks import DataTable, Paragraph
from inspector_app.domain.checks import Severity, spelling
from inspector_app.domain.inspection import (
    AreaForImprovement,
    NarrativeSection,
    SourceType,
    SummaryItem,
    new_inspection,
)

# -- the dictionary and the variant list --------------------------------------------------------------


@pytest.mark.parametrize(
    "word",
    [
        "organisation",
        "recognised",
        "behaviour",
        "judgement",
        "judgment",
        "programme",
        "program",
        "re-offending",
        "anti-social",
        "multi-agency",
        "Hertfordshire",
        "Constabulary",
        "force’s",
        "victims",
        "safeguarding",
        "Clare’s",
    ],
)
def test_the_en_gb_dictionary_knows_british_words(word):
    assert bundled.speller().known(word)


@pytest.mark.parametrize("word", ["recieve", "goverment", "definately", "color", "offense", "behavior"])
def test_the_en_gb_dictionary_rejects_misspellings_and_us_forms(word):
    assert not bundled.speller().known(word)


@pytest.mark.parametrize(
    ("us", "gb"),
    [
        ("organization", "organisation"),
        ("color", "colour"),
        ("center", "centre"),
        ("traveled", "travelled"),
        ("defense", "defence"),
        ("catalog", "catalogue"),
        ("analyze", "analyse"),
        ("behavior", "behaviour"),
        ("neighborhood", "neighbourhood"),
        ("enrollment", "enrolment"),
        ("maneuver", "manoeuvre"),
        ("pediatric", "paediatric"),
        ("Organization", "Organisation"),
        ("COLOR", "COLOUR"),
    ],
)
def test_the_variant_list_names_the_british_form(us, gb):
    assert bundled.speller().british_form(us) == gb


@pytest.mark.parametrize(
    "word",
    [
        "program",
        "judgment",
        "judgement",
        "license",
        "inquiry",
        "practice",
        "aging",
        "tire",
        "draft",
        "check",
        "story",
        "meter",
        "gray",
        "size",
        "prize",
        "seize",
        "organise",
    ],
)
def test_the_variant_list_leaves_shared_and_british_spellings_alone(word):
    assert bundled.speller().british_form(word) is None


def test_the_bundled_dictionary_files_and_licences_are_there():
    for name in (
        "en_GB.aff",
        "en_GB.dic",
        "README_en_GB.txt",
        "LICENSE-LGPL-3.txt",
        "LICENSE-GPL-3.txt",
        "us_gb_variants.tsv",
        "SCOWL-LICENSE.txt",
        "README.md",
    ):
        assert bundled.resource("dictionaries", name).is_file(), name
    assert "LGPL" in bundled.resource("dictionaries", "README_en_GB.txt").read_text(encoding="utf-8")
    assert len(bundled.speller().us_variants()) > 2500


def test_words_leave_out_numbers_addresses_links_and_footnote_markers():
    text = "The force’s 1st re-offending rate (41.0 percent) fell[^2]; see www.example.org or j.smith@example.com, ‘quoted’ A1."
    assert spelling.words(text) == [
        "The",
        "force’s",
        "re-offending",
        "rate",
        "percent",
        "fell",
        "see",
        "or",
        "quoted",
    ]


# -- style.spelling -----------------------------------------------------------------------------------


def test_a_misspelt_word_is_a_warning_and_an_unknown_name_advice():
    inspection = clean_peel()
    block = paragraph(inspection, "Officers recieve training from Zorblax and the Zorblax team.")
    result = found(inspection, "style.spelling")
    assert [(f.severity, f.message) for f in result] == [
        (Severity.WARNING, "“recieve” is not in the British English dictionary."),
        (
            Severity.ADVICE,
            "“Zorblax” is not in the British English dictionary (if it is a name, ignore this).",
        ),
    ]
    assert result[0].place.record_id == block.id


def test_acronyms_names_of_the_force_and_us_spellings_are_not_spelling_mistakes():
    inspection = clean_peel()
    inspection.force.name = "Zorbshire Constabulary"
    paragraph(
        inspection, "Zorbshire Constabulary uses SafetyNet and THRIIVES with OCGs; its organization is good."
    )
    assert found(inspection, "style.spelling") == []
    assert len(found(inspection, "style.us-spelling")) == 1


def test_evidence_notes_are_not_report_text():
    inspection = clean_peel()
    evidence(
        inspection,
        "preventing-crime",
        SourceType.DATA,
        text="recieve organization percent j.smith@example.com",
    )
    assert found(inspection, "style") == [] and found(inspection, "privacy") == []


# -- style.us-spelling --------------------------------------------------------------------------------


def test_us_spellings_are_named_with_their_british_form():
    inspection = clean_peel()
    paragraph(inspection, "The Organization analyzed color-coded data at the center.")
    assert messages(inspection, "style.us-spelling") == [
        "“Organization” is a US spelling; write “Organisation”.",
        "“analyzed” is a US spelling; write “analysed”.",
        "“color” is a US spelling; write “colour”.",
        "“center” is a US spelling; write “centre”.",
    ]


def test_british_and_shared_spellings_pass():
    inspection = clean_peel()
    paragraph(
        inspection,
        "The judgement on the programme and the computer program: a judgment, a licence to practise.",
    )
    assert found(inspection, "style.us-spelling") == []


# -- style.acronym-first-use --------------------------------------------------------------------------


def test_an_acronym_not_spelt_out_at_first_use():
    inspection = clean_peel()
    inspection.pillars[0].summary.append(Paragraph(text="HMIC found that OCGs are well understood."))
    paragraph(
        inspection, "Her Majesty’s Inspectorate of Constabulary (HMIC) and organised crime groups (OCGs)."
    )
    result = found(inspection, "style.acronym-first-use")
    assert [(f.place.label, f.message) for f in result] == [
        (
            "Effectiveness summary › Paragraph 2",
            "The first use of “HMIC” is not spelt out: write “Her Majesty’s Inspectorate of Constabulary (HMIC)”.",
        ),
        (
            "Effectiveness summary › Paragraph 2",
            "The first use of “OCG” is not spelt out: write “organised crime group (OCG)”.",
        ),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Her Majesty's Inspectorate of Constabulary (HMIC) inspected the force. HMIC found it good.",
        "The Regional Organised Crime Unit leads; the ROCU is well run.",  # the expansion on its own, earlier
        "The force tackles organised crime groups (OCGs); OCG members are disrupted.",  # plural
        "THRIIVES (threat, harm, risk, investigation, intelligence, vulnerability, engagement, specific need) is used.",
        "The force uses no acronyms at all.",
        "The HMICFRS-led review and the PEEL programme.",  # part of a longer token: not a use of HMICFRS
    ],
)
def test_an_acronym_spelt_out_at_first_use_passes(text):
    inspection = clean_peel()
    paragraph(inspection, text)
    assert found(inspection, "style.acronym-first-use") == []


def test_first_use_follows_the_printed_order_of_the_2014_report():
    """The 2014 report prints the judgement grid (summary points) before the introduction."""
    inspection = new_inspection(bundled.load_framework(CRIME), "Kent Police")
    inspection.introduction = [Paragraph(text="Integrated offender management (IOM) is used.")]
    inspection.question("reducing-crime").summary = [SummaryItem(text="IOM is effective.")]

    def iom():
        return [f.place.label for f in found(inspection, "style.acronym-first-use") if "“IOM”" in f.message]

    assert iom() == ["Question 1 › Summary point 1"]
    inspection.question("reducing-crime").grid_summary = [Paragraph(text="The force is effective.")]
    assert iom() == []  # the summary points are now printed after the introduction


# -- style.afi-opening --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The force should ensure that it responds promptly.",
        "The constabulary should review its use of powers.",
        "The forces in the strategic alliance should ensure that:",
        "Kent Police should review its use of powers.",
        "Kent should review its use of powers.",
    ],
)
def test_accepted_afi_openings(text):
    inspection = clean_peel()
    inspection.question("preventing-crime").areas_for_improvement = [AreaForImprovement(text=text)]
    assert found(inspection, "style.afi-opening") == []


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("The force must improve the investigation of cases.", "The force must improve the"),
        ("Supervisors should review investigations.", "Supervisors should review investigations."),
        ("the force should review.", "the force should review."),
    ],
)
def test_other_afi_openings_are_advised(text, start):
    inspection = clean_peel()
    inspection.question("preventing-crime").areas_for_improvement = [AreaForImprovement(text=text)]
    [finding] = found(inspection, "style.afi-opening")
    assert finding.severity is Severity.ADVICE
    assert finding.message == f"Areas for improvement open “The force should …”; this one opens “{start} …”."


# -- style.per-cent -----------------------------------------------------------------------------------


def test_the_frameworks_own_afi_openings_are_accepted_and_only_where_it_says_so():
    inspection = clean_peel()  # PEEL 2016 writes "The force needs to …", "The force still needs to …"
    text = "The force still needs to improve the investigation of cases."
    inspection.question("preventing-crime").areas_for_improvement = [AreaForImprovement(text=text)]
    assert found(inspection, "style.afi-opening") == []
    inspection.framework.house_style.afi_openings = []
    [finding] = found(inspection, "style.afi-opening")
    assert "this one opens “The force still needs to …”" in finding.message


def test_percent_and_the_sign_in_narrative_are_advised():
    inspection = clean_peel()
    inspection.framework.house_style.per_cent = "per cent"
    paragraph(inspection, "Crime fell by 21 percent, against 16 Percent nationally and 3% locally.")
    [finding] = found(inspection, "style.per-cent")
    assert finding.severity is Severity.ADVICE
    assert finding.message == "Write “per cent” rather than “percent” and “%” (3 times)."


def test_where_the_programme_writes_percent_per_cent_and_the_sign_are_advised():
    inspection = clean_peel()  # PEEL 2016's house style: "percent", as its reports write
    paragraph(inspection, "Crime fell by 21 per cent, against 16 percent nationally and 3% locally.")
    [finding] = found(inspection, "style.per-cent")
    assert finding.message == "Write “percent” rather than “per cent” and “%” (2 times)."


def test_per_cent_and_tables_pass():
    inspection = clean_peel()
    inspection.framework.house_style.per_cent = "per cent"
    paragraph(inspection, "Crime fell by 21 per cent; the percentage of victims satisfied rose.")
    table = DataTable(caption="Table 1", columns=["Crime", "Change"], rows=[["Burglary", "-21%"]])
    inspection.question("preventing-crime").sections.append(NarrativeSection(theme="Crime", blocks=[table]))
    assert found(inspection, "style.per-cent") == []
