"""The bundled samples: the two published Hertfordshire reports, entered whole; and the large synthetic inspection.

The counts below are the reports' own (crime inspection 2014 PDF; PEEL 2016 Effectiveness web page).

The sample files are the source of truth, edited by hand as JSON; ``tools/canonical_samples.py`` writes them
back in canonical form. The checks that once ran while a script built them (evidence quotes the report,
citations, openings, unique ids) are tests here, so a hand edit that breaks one fails.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from pydantic import BaseModel

from inspector_app import bundled
from inspector_app.domain.blocks import Bullet, Cites, DataTable, Figure, Paragraph, Record, plain_text
from inspector_app.domain.framework import UNGRADED
from inspector_app.domain.inspection import EvidenceItem, Inspection, SourceType
from inspector_app.storage.inspection_file import dumps_inspection, load_inspection, loads_inspection

ROOT = Path(__file__).resolve().parents[2]
CRIME = "hertfordshire-crime-inspection-2014"
PEEL = "hertfordshire-peel-2016-effectiveness"
#: The last sentence of every sample evidence item: HMIC does not publish its evidence.
ILLUSTRATIVE_NOTE = (
    "Illustrative item written for the bundled sample: HMIC does not publish its evidence, so the source "
    "type, date and reference are illustrative; the finding quoted is the report’s own."
)


def _load_script(name: str, path: Path) -> ModuleType:
    """Import a script that lives outside the package (tools/, benchmarks/) under a private name."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the script runs
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def canonical_samples() -> ModuleType:
    return _load_script("_inspector_tools_canonical_samples", ROOT / "tools" / "canonical_samples.py")


@pytest.fixture(scope="module")
def make_large_module() -> ModuleType:
    return _load_script("_inspector_benchmarks_make_large", ROOT / "benchmarks" / "make_large.py")


def _sample(name: str) -> Inspection:
    return loads_inspection(bundled.sample(name).read_bytes(), name)


@pytest.fixture(scope="module")
def crime() -> Inspection:
    return _sample(CRIME)


@pytest.fixture(scope="module")
def peel() -> Inspection:
    return _sample(PEEL)


def paragraphs(blocks) -> list[str]:
    return [block.text for block in blocks if isinstance(block, Paragraph)]


def all_text_blocks(inspection: Inspection) -> list[str]:
    """Every text the report says, block by block (no evidence, no framework)."""
    texts: list[str] = []

    def blocks(items) -> None:
        for block in items:
            if isinstance(block, (Paragraph, Bullet)):
                texts.append(block.text)
            elif isinstance(block, Figure):
                texts.append(block.caption)
            elif isinstance(block, DataTable):
                texts.extend(
                    [block.caption, *block.columns, *(cell for row in block.rows for cell in row), block.note]
                )

    blocks(inspection.introduction)
    blocks(inspection.methodology)
    for pillar in inspection.pillars:
        blocks(pillar.summary)
    for question in inspection.questions:
        for section in question.sections:
            texts.append(section.theme)
            blocks(section.blocks)
        blocks(question.grid_summary)
        blocks(question.notes)
        texts += [item.text for item in question.summary]
        for item in question.areas_for_improvement:
            texts += [item.text, *item.sub_points]
        for cause in question.causes_of_concern:
            texts += [cause.text, cause.lead_in]
            for rec in cause.recommendations:
                texts += [rec.text, rec.timescale, *rec.sub_points]
        for rec in question.recommendations:
            texts += [rec.text, rec.timescale, *rec.sub_points]
        texts += [footnote.text for footnote in question.footnotes]
    return [text for text in texts if text]


def all_strings(model: BaseModel) -> Iterator[str]:
    """Every string stored in the inspection (evidence included), the framework snapshot left out."""
    for name in type(model).model_fields:
        if name == "framework":
            continue
        value = getattr(model, name)
        values = value if isinstance(value, list) else [value]
        for item in values:
            if isinstance(item, str):
                yield item
            elif isinstance(item, BaseModel):
                yield from all_strings(item)
            elif isinstance(item, list):
                yield from (cell for cell in item if isinstance(cell, str))


def citing(model: BaseModel) -> list[Cites]:
    """Every record under ``model`` (an inspection, a question) that can cite evidence."""
    found: list[Cites] = []

    def walk(node: BaseModel) -> None:
        if isinstance(node, Cites):
            found.append(node)
        for name in type(node).model_fields:
            if name == "framework":
                continue
            value = getattr(node, name)
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, BaseModel):
                    walk(item)

    walk(model)
    return found


def report_text(inspection: Inspection) -> str:
    """Every word the report says, one part a line, as evidence quotes it (a table row is one line)."""
    parts = [plain_text(inspection.introduction), plain_text(inspection.methodology)]
    parts += [plain_text(pillar.summary) for pillar in inspection.pillars]
    for question in inspection.questions:
        parts += [plain_text(section.blocks) for section in question.sections]
        parts += [plain_text(question.grid_summary), plain_text(question.notes)]
        parts += [item.text for item in question.summary]
        for item in question.areas_for_improvement:
            parts += [item.text, *item.sub_points]
        for cause in question.causes_of_concern:
            parts += [cause.text, cause.lead_in]
            for rec in cause.recommendations:
                parts += [rec.text, *rec.sub_points]
        for rec in question.recommendations:
            parts += [rec.text, *rec.sub_points]
        parts += [footnote.text for footnote in question.footnotes]
    return "\n".join(parts)


QUOTE_LEAD = "The report says ("
QUOTE = re.compile(r"The report says \((?P<where>.+?)\): “(?P<words>.+)”")


def evidence_quotes(item: EvidenceItem) -> tuple[str, list[tuple[str, str]]]:
    """An item's text "<description> The report says (<where>): “<words>” ... <note>" taken apart.

    Fails unless the text is exactly that: putting the parts together again must give it back.
    """
    body = item.text.removesuffix(" " + ILLUSTRATIVE_NOTE)
    description, *chunks = body.split(" " + QUOTE_LEAD)
    quotes = []
    for chunk in chunks:
        match = QUOTE.fullmatch(QUOTE_LEAD + chunk)
        assert match, (item.reference, chunk)
        quotes.append((match["where"], match["words"]))
    rebuilt = [
        description,
        *(f"{QUOTE_LEAD}{where}): “{words}”" for where, words in quotes),
        ILLUSTRATIVE_NOTE,
    ]
    assert " ".join(rebuilt) == item.text, item.reference
    return description, quotes


# -- both samples ---------------------------------------------------------------------------------------


def test_both_samples_are_bundled():
    assert {CRIME, PEEL} <= set(bundled.sample_names())


@pytest.mark.parametrize("name", [CRIME, PEEL])
def test_sample_loads_and_validates(name):
    inspection = _sample(name)
    inspection.check_integrity()
    assert Inspection.model_validate(inspection.model_dump()) == inspection
    assert inspection.force.name == "Hertfordshire Constabulary"
    assert inspection.force.short_name == "Hertfordshire"
    assert [q.question_id for q in inspection.questions] == [q.id for q in inspection.framework.questions()]


@pytest.mark.parametrize("name", [CRIME, PEEL])
def test_record_ids_are_unique(name):
    inspection = _sample(name)
    ids = [record.id for record in citing(inspection)] + [item.id for item in inspection.evidence]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("name", [CRIME, PEEL])
def test_sample_is_in_canonical_form(name):
    """Loading the file and saving it again gives the same bytes: what the app writes, ids and all.

    Only ``saved_by`` may differ (the app version that wrote the file), so a version bump alone does not
    make the samples stale; every other byte must be ``dumps_inspection``'s.
    """
    data = bundled.sample(name).read_bytes()
    saved_by = json.loads(data)["saved_by"]
    assert re.fullmatch(r"Inspector \d+\.\d+\.\d+\S*", saved_by), saved_by
    again = dumps_inspection(loads_inspection(data, name))
    ours = f'\n "saved_by": "{json.loads(again)["saved_by"]}",\n'.encode()
    assert ours in again
    again = again.replace(ours, f'\n "saved_by": "{saved_by}",\n'.encode(), 1)
    assert again == data, f"{name} is not in canonical form: run tools/canonical_samples.py and commit"


@pytest.mark.parametrize("name", [CRIME, PEEL])
def test_every_id_in_the_file_is_unique(name):
    """Every record's id, the inspection's and the framework snapshot's included, is its own."""
    ids: list[uuid.UUID] = []

    def walk(model: BaseModel) -> None:
        if isinstance(model, Record):
            ids.append(model.id)
        for field in type(model).model_fields:
            value = getattr(model, field)
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, BaseModel):
                    walk(item)

    inspection = _sample(name)
    walk(inspection)
    assert inspection.id in ids and len(ids) > 50
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("name", [CRIME, PEEL])
def test_question_openings_are_the_frameworks(name):
    """A question whose framework has a standard opening begins with it: untitled, paragraphs, same words."""
    inspection = _sample(name)
    standard = bundled.load_framework(inspection.framework.id)
    for question in inspection.questions:
        opening = inspection.framework.question(question.question_id).opening
        assert [b.text for b in opening] == [b.text for b in standard.question(question.question_id).opening]
        if not opening:
            continue
        first = question.sections[0]
        assert first.theme == "", question.question_id
        assert all(isinstance(block, Paragraph) for block in first.blocks), question.question_id
        assert [b.text for b in first.blocks] == [b.text for b in opening], question.question_id


# -- crime inspection 2014 ------------------------------------------------------------------------------

CRIME_THEMES = {
    "reducing-crime": [
        "",
        "Crime",
        "Meeting the needs of the community",
        "Quality of victim contact",
        "Use of police tactics",
        "Partnership working and information sharing",
        "Domestic abuse",
    ],
    "investigating-offending": [
        "",
        "Vulnerability, risk and victims",
        "Investigation",
        "Tackling repeat and prolific offenders",
        "Learning from experience",
    ],
    "tackling-asb": [
        "",
        "Community contact and victim care",
        "Partnership working",
        "Improving services to the public",
    ],
}


def test_crime_overall(crime):
    assert crime.framework.id == "crime-inspection-2014"
    assert crime.published is None  # the PDF text carries no publication date
    [pillar] = crime.pillars
    assert pillar.pillar_id == "cutting-crime"
    assert pillar.grade is None and pillar.last_year_grade is None
    summary = paragraphs(pillar.summary)
    assert len(summary) == len(pillar.summary) == 5
    assert summary[0].startswith("Hertfordshire Constabulary has invested in crime prevention initiatives")
    assert summary[-1].startswith("This year, HMIC undertook an inspection into the crime data integrity")


def test_crime_grades(crime):
    assert [(q.question_id, q.grade, q.last_year_grade) for q in crime.questions] == [
        ("reducing-crime", "good", None),
        ("investigating-offending", "good", None),
        ("tackling-asb", "good", None),
    ]


def test_crime_themes_in_report_order(crime):
    assert {q.question_id: [s.theme for s in q.sections] for q in crime.questions} == CRIME_THEMES


def test_crime_openings_are_the_frameworks(crime):
    for question in crime.questions:
        opening = question.sections[0]
        framework_opening = crime.framework.question(question.question_id).opening
        assert [b.text for b in opening.blocks] == [b.text for b in framework_opening]
        assert opening.blocks[0].text.startswith("HMIC looked at")


def test_crime_narrative_block_counts(crime):
    counts = {
        q.question_id: [
            (len(paragraphs(s.blocks)), sum(isinstance(b, Bullet) for b in s.blocks)) for s in q.sections
        ]
        for q in crime.questions
    }
    assert counts == {
        "reducing-crime": [(2, 0), (7, 0), (2, 0), (5, 0), (3, 0), (2, 0), (5, 5)],
        "investigating-offending": [(1, 0), (3, 0), (5, 0), (3, 0), (5, 0)],
        "tackling-asb": [(1, 0), (3, 0), (1, 0), (1, 0)],
    }


def test_crime_standard_texts_come_from_the_framework(crime):
    texts = crime.framework.standard_texts
    assert [b.text for b in crime.introduction] == [b.text for b in texts.introduction]
    assert [b.text for b in crime.methodology] == [b.text for b in texts.methodology]
    assert len(crime.introduction) == 4 and len(crime.methodology) == 4


def test_crime_grid_summary_uses_the_grids_own_words(crime):
    grids = {q.question_id: paragraphs(q.grid_summary) for q in crime.questions}
    assert [len(grid) for grid in grids.values()] == [3, 3, 3]
    reducing = crime.question("reducing-crime")
    assert "implemented good arrangements" in grids["reducing-crime"][1]
    assert "implemented enhanced arrangements" in reducing.summary[1].text
    assert "a multi-agency safeguarding hub could improve" in grids["reducing-crime"][2]
    assert "well accepted and, understood" in grids["investigating-offending"][2]
    assert "well accepted and understood" in crime.question("investigating-offending").summary[2].text


def test_crime_summary_bullets_once_each(crime):
    assert [len(q.summary) for q in crime.questions] == [3, 3, 3]
    for question in crime.questions:
        texts = [item.text for item in question.summary]
        assert len(set(texts)) == len(texts)


def test_crime_recommendations(crime):
    recs = {
        q.question_id: [(r.timescale, len(r.sub_points)) for r in q.recommendations] for q in crime.questions
    }
    assert recs == {
        "reducing-crime": [("as soon as practicable", 0)],
        "investigating-offending": [("Within three months", 0), ("Within three months", 3)],
        "tackling-asb": [("Within six months", 2)],
    }
    for question in crime.questions:
        for rec in question.recommendations:
            assert rec.timescale in rec.text
            for point in rec.sub_points:
                assert not re.match(r"\s*\([a-z]\)", point)
    quality = crime.question("investigating-offending").recommendations[1]
    assert quality.text.endswith("which will ensure that:")
    assert quality.sub_points == [
        (
            "investigating officers and police staff are aware of the standard required, especially in relation to "
            "investigation plans, and have the professional skills and expertise to fulfil their duties;"
        ),
        "supervisors know what is expected of them in driving up standards; and",
        "there is appropriate monitoring and oversight of investigative quality.",
    ]


def test_crime_has_no_afis_or_causes(crime):
    for question in crime.questions:
        assert (
            question.areas_for_improvement == [] and question.causes_of_concern == [] and question.notes == []
        )


def test_crime_figure_and_data_table(crime):
    crime_section = crime.question("reducing-crime").sections[1]
    kinds = [block.kind for block in crime_section.blocks]
    assert kinds == ["paragraph"] * 3 + ["figure", "paragraph", "table"] + ["paragraph"] * 3
    figure, table = crime_section.blocks[3], crime_section.blocks[5]
    assert (
        figure.caption
        == "Figure: Recorded crime rate (per 1,000 population) between June 2010 and June 2014."
    )
    assert crime_section.blocks[4].text.endswith("compared with the rest of England and Wales.")
    assert table.columns == [
        "12 months to June 2014",
        "Hertfordshire Constabulary rate (per 1,000 population)",
        "England and Wales total rate (per 1,000 population)",
    ]
    assert len(table.rows) == 6 and all(len(row) == 3 for row in table.rows)
    assert table.rows[0] == ["Crime excluding fraud", "46.3", "60.7"]
    assert table.rows[-1] == ["Anti-social behaviour incidents*", "21.5", "36.8"]
    assert table.note.startswith("*Note that anti-social behaviour data is for the 12 months to March 2014")
    tables = [
        b for q in crime.questions for s in q.sections for b in s.blocks if isinstance(b, (DataTable, Figure))
    ]
    assert tables == [figure, table]


def test_crime_footnote(crime):
    investigating = crime.question("investigating-offending")
    [footnote] = investigating.footnotes
    assert footnote.label == "1"
    assert footnote.text.startswith("Hertfordshire Constabulary use the following criteria")
    marked = [text for text in all_text_blocks(crime) if "[^" in text]
    assert len(marked) == 1
    assert marked[0].startswith("Integrated offender management[^1] arrangements are focused predominantly")
    assert all(not q.footnotes for q in crime.questions if q is not investigating)


# -- PEEL 2016 effectiveness ----------------------------------------------------------------------------


def test_peel_overall(peel):
    assert peel.framework.id == "peel-2016-effectiveness"
    assert peel.published == dt.date(2017, 3, 2)
    [pillar] = peel.pillars
    assert (pillar.pillar_id, pillar.grade, pillar.last_year_grade) == (
        "effectiveness",
        "requires_improvement",
        "good",
    )
    summary = paragraphs(pillar.summary)
    assert len(summary) == len(pillar.summary) == 7
    assert "a deterioration on last year, when we judged the force to be good" in summary[0]
    assert summary[-1].startswith("The force’s plans for ensuring that it can fulfil its national policing")


def test_peel_grades_and_last_year(peel):
    assert [(q.question_id, q.grade, q.last_year_grade) for q in peel.questions] == [
        ("preventing-crime", "good", None),
        ("investigating-crime", "requires_improvement", "good"),
        ("protecting-vulnerable", "inadequate", None),
        ("serious-organised-crime", "good", None),
        ("specialist-capabilities", UNGRADED, None),
    ]


def test_peel_narratives(peel):
    for question in peel.questions:
        [section] = question.sections
        assert section.theme == ""
        assert all(isinstance(block, Paragraph) for block in section.blocks)
    assert [len(q.sections[0].blocks) for q in peel.questions] == [3, 4, 2, 3, 2]


def test_peel_findings(peel):
    assert [len(q.areas_for_improvement) for q in peel.questions] == [2, 5, 3, 4, 1]
    assert [len(q.causes_of_concern) for q in peel.questions] == [0, 0, 1, 0, 0]
    assert [len(q.recommendations) for q in peel.questions] == [0, 0, 0, 0, 0]
    assert [len(q.summary) for q in peel.questions] == [0, 0, 0, 0, 0]
    assert all(not q.footnotes and not q.grid_summary for q in peel.questions)
    for question in peel.questions[:4]:
        assert all(afi.sub_points == [] for afi in question.areas_for_improvement)
        assert all(afi.text.startswith("The force ") for afi in question.areas_for_improvement)
    [alliance] = peel.question("specialist-capabilities").areas_for_improvement
    assert alliance.text == "The forces in the strategic alliance should ensure that:"
    assert len(alliance.sub_points) == 3
    assert alliance.sub_points[0].startswith("question prompts for call takers")


def test_peel_cause_of_concern(peel):
    [cause] = peel.question("protecting-vulnerable").causes_of_concern
    assert cause.text.startswith("It is a cause of concern to HMIC that some call handlers")
    assert cause.lead_in == (
        "To address this cause of concern HMIC recommends that the force should take immediate steps to ensure that:"
    )
    assert len(cause.recommendations) == 3
    assert [rec.timescale for rec in cause.recommendations] == ["", "", ""]
    assert [rec.sub_points for rec in cause.recommendations] == [[], [], []]
    assert cause.recommendations[0].text.startswith("it improves its initial assessment")
    assert cause.recommendations[-1].text.endswith("in a timely manner.")


def test_peel_revisit_note(peel):
    notes = {q.question_id: paragraphs(q.notes) for q in peel.questions}
    assert notes.pop("protecting-vulnerable") == [
        (
            "As a consequence of the causes of concern set out in the Hertfordshire PEEL: Police effectiveness 2016 "
            "report, HMICFRS has re-visited the force to assess the progress made since the initial inspection."
        ),
        "PEEL: Police effectiveness 2016 (vulnerability) revisit – Hertfordshire Constabulary",
    ]
    assert all(value == [] for value in notes.values())


def test_peel_leaves_out_the_web_page_furniture(peel):
    text = "\n".join(all_text_blocks(peel))
    for furniture in (
        "(PDF document)",
        "Skip to content",
        "Planned website downtime",
        "website will be unavailable",
    ):
        assert furniture not in text
    assert "in response to Strategic Policing Requirement threats." in text
    assert "none" not in all_text_blocks(peel)


# -- evidence -------------------------------------------------------------------------------------------

FIELDWORK = {
    CRIME: (dt.date(2014, 8, 1), dt.date(2014, 10, 31)),
    PEEL: (dt.date(2016, 9, 1), dt.date(2016, 11, 30)),
}
REFERENCE = {CRIME: re.compile(r"^CI14-Q[1-3]-\d\d$"), PEEL: re.compile(r"^PEEL16-Q[1-5]-\d\d$")}


@pytest.mark.parametrize("name", [CRIME, PEEL])
def test_evidence_per_question(name):
    inspection = _sample(name)
    start, end = FIELDWORK[name]
    for number, question in enumerate(inspection.questions, start=1):
        items = inspection.evidence_for(question.question_id)
        assert 4 <= len(items) <= 6, question.question_id
        if question.grade != UNGRADED:
            assert len({item.source_type for item in items}) >= 3, question.question_id
        for item in items:
            assert item.illustrative
            assert item.title and item.collector == "HMIC inspection team"
            assert REFERENCE[name].match(item.reference) and f"-Q{number}-" in item.reference
            assert item.date is not None and start <= item.date <= end
            assert "illustrative" in item.text
            assert "p." not in item.reference.lower()
    assert len(inspection.evidence) == sum(
        len(inspection.evidence_for(q.question_id)) for q in inspection.questions
    )
    references = [item.reference for item in inspection.evidence]
    assert len(set(references)) == len(references)


@pytest.mark.parametrize("name", [CRIME, PEEL])
def test_every_evidence_item_is_illustrative_and_cited(name):
    inspection = _sample(name)
    assert all(item.illustrative for item in inspection.evidence)
    known = {item.id for item in inspection.evidence}
    cited = [evidence_id for record in citing(inspection) for evidence_id in record.evidence_ids]
    assert set(cited) <= known
    assert set(cited) == known  # every item supports some finding
    # Citations sit on findings the app tracks (so deleting evidence removes them), never elsewhere.
    tracked = {record.id for record in inspection.citing_records()}
    assert all(record.id in tracked for record in citing(inspection) if record.evidence_ids)


@pytest.mark.parametrize("name", [CRIME, PEEL])
def test_evidence_quotes_the_report(name):
    inspection = _sample(name)
    said = report_text(inspection)
    for item in inspection.evidence:
        description, quotes = evidence_quotes(item)
        assert description and QUOTE_LEAD not in description, item.reference
        assert quotes, item.reference
        for where, words in quotes:
            assert where and words in said, (item.reference, words)


@pytest.mark.parametrize("name", [CRIME, PEEL])
def test_evidence_is_marked_illustrative(name):
    for item in _sample(name).evidence:
        assert item.illustrative is True, item.reference
        assert item.text.endswith(" " + ILLUSTRATIVE_NOTE), item.reference
        assert item.text.count(ILLUSTRATIVE_NOTE) == 1, item.reference


@pytest.mark.parametrize("name", [CRIME, PEEL])
def test_citations_stay_in_their_question(name):
    """Each citation names one known item of the question it sits in, once; nothing outside questions cites."""
    inspection = _sample(name)
    question_of = {item.id: item.question_id for item in inspection.evidence}
    in_questions = 0
    for question in inspection.questions:
        for record in citing(question):
            assert len(set(record.evidence_ids)) == len(record.evidence_ids), record.id
            for evidence_id in record.evidence_ids:
                assert evidence_id in question_of, (question.question_id, evidence_id)
                assert question_of[evidence_id] == question.question_id, (question.question_id, evidence_id)
            in_questions += len(record.evidence_ids)
    assert in_questions == sum(len(record.evidence_ids) for record in citing(inspection)) > 0


def test_peel_evidence_diagnostics(peel):
    for item in peel.evidence:
        core = peel.framework.question(item.question_id)
        if core.diagnostics:
            assert core.diagnostic(item.diagnostic_id) is not None, item.reference
        else:
            assert item.diagnostic_id is None


def test_evidence_source_types_are_varied(crime, peel):
    used = {item.source_type for item in [*crime.evidence, *peel.evidence]}
    assert used >= {
        SourceType.INTERVIEW,
        SourceType.FOCUS_GROUP,
        SourceType.DOCUMENT_REVIEW,
        SourceType.DATA,
        SourceType.CASE_FILE_REVIEW,
        SourceType.OBSERVATION,
        SourceType.UNANNOUNCED_VISIT,
        SourceType.SURVEY,
    }


# -- text hygiene ---------------------------------------------------------------------------------------

RUNNING_HEADER = "Crime inspection 2014 – Hertfordshire Constabulary"
BARE_URL = re.compile(r"^\s*(https?://|www\.)\S+\s*$")
BROKEN_WORD = re.compile(r"\w- \w")  # "anti- social": a line-end hyphen joined with a space


@pytest.mark.parametrize("name", [CRIME, PEEL])
def test_no_page_furniture_in_the_text(name):
    inspection = _sample(name)
    for text in all_text_blocks(inspection):
        assert text != RUNNING_HEADER and not text.startswith(RUNNING_HEADER), text
        assert not BARE_URL.match(text), text
        assert not re.fullmatch(r"\d+", text), text
        assert text not in ("Summary", "Recommendations", "Good", "Introduction", "Methodology"), text
    for text in all_strings(inspection):
        assert "  " not in text, text
        assert text == text.strip(), text
        assert "\n" not in text and "\u00ad" not in text, text
        assert not BROKEN_WORD.search(text), text
        assert not re.search(r"(anti|multi|in|non)-$", text), text


def test_line_broken_words_are_whole(crime):
    text = "\n".join(all_text_blocks(crime))
    for word in ("anti-social", "multi-agency", "in-force"):
        assert word in text
    # the report's own spelling is kept, not corrected
    for own in ("victim contract is not always documented", "(OCG’s)", "Operation policy"):
        assert own in text


# -- tools/canonical_samples.py -------------------------------------------------------------------------


def _without_saved_by(data: bytes) -> bytes:
    lines = data.split(b"\n")
    assert lines[3].startswith(b' "saved_by": ')
    return b"\n".join(lines[:3] + lines[4:])


def test_canonical_samples_rewrites_in_place_and_leaves_nothing_beside(canonical_samples, tmp_path, capsys):
    names = [f"{name}.inspection" for name in (CRIME, PEEL)]
    originals = {name: bundled.sample(name.removesuffix(".inspection")).read_bytes() for name in names}
    for name, data in originals.items():
        (tmp_path / name).write_bytes(data)
    assert canonical_samples.main(["--check", str(tmp_path)]) == 0

    # A hand edit: the same inspection, but indented and escaped differently, with a word changed.
    crime = tmp_path / names[0]
    document = json.loads(originals[names[0]])
    document["inspection"]["force"]["short_name"] = "Herts"
    crime.write_text(json.dumps(document, indent=4), encoding="utf-8")
    capsys.readouterr()
    assert canonical_samples.main(["--check", str(tmp_path)]) == 1
    assert capsys.readouterr().out.splitlines() == [f"{crime}: not canonical"]
    assert crime.read_text(encoding="utf-8") == json.dumps(document, indent=4)  # --check changes nothing

    assert canonical_samples.main([str(crime), str(tmp_path / names[1])]) == 0
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(names)
    assert canonical_samples.main(["--check", str(tmp_path)]) == 0
    # Written as the app saves it: only the edit differs (and saved_by, which names the running version).
    assert _without_saved_by(crime.read_bytes()) == _without_saved_by(
        originals[names[0]].replace(b'"short_name": "Hertfordshire"', b'"short_name": "Herts"', 1)
    )
    assert (tmp_path / names[1]).read_bytes() == originals[names[1]]

    crime.write_bytes(b"{not json")
    assert canonical_samples.main(["--check", str(tmp_path)]) == 1
    assert crime.read_bytes() == b"{not json"
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(names)


# -- the large synthetic inspection ---------------------------------------------------------------------


def test_make_large_is_valid_and_reproducible(make_large_module):
    make_large = make_large_module.make_large
    first = make_large(60, seed=7)
    data = dumps_inspection(first)
    loaded = loads_inspection(data, "large")
    loaded.check_integrity()
    assert len(loaded.evidence) == 60
    assert dumps_inspection(make_large(60, seed=7)) == data
    assert dumps_inspection(make_large(60, seed=8)) != data
    assert first.framework.id == "peel-2016-effectiveness"


def test_make_large_spreads_evidence_and_findings(make_large_module):
    inspection = make_large_module.make_large(200, seed=1)
    known = {item.id for item in inspection.evidence}
    assert len(known) == 200
    assert {item.question_id for item in inspection.evidence} == {
        q.id for q in inspection.framework.questions()
    }
    assert len({item.source_type for item in inspection.evidence}) == len(SourceType)
    assert len({item.diagnostic_id for item in inspection.evidence if item.diagnostic_id}) >= 8
    cited = [evidence_id for record in citing(inspection) for evidence_id in record.evidence_ids]
    assert cited and set(cited) <= known
    for question in inspection.questions:
        assert len(question.sections) >= 3
        assert len(question.areas_for_improvement) >= 3 and question.summary
        longest = max(len(p.split()) for s in question.sections for p in paragraphs(s.blocks))
        assert longest >= 150
        if question.grade != UNGRADED:
            assert question.causes_of_concern
            assert any(
                rec.sub_points for c in question.causes_of_concern for rec in c.recommendations
            ) or any(rec.sub_points for rec in question.recommendations)
    ids = [record.id for record in citing(inspection)] + list(known)
    assert len(ids) == len(set(ids))
    assert all(isinstance(i, uuid.UUID) for i in ids)


def test_make_large_command_writes_a_loadable_file(make_large_module, tmp_path):
    target = tmp_path / "large.inspection"
    assert (
        make_large_module.main(
            ["-n", "25", "--seed", "3", "--framework", "crime-inspection-2014", "-o", str(target)]
        )
        == 0
    )
    inspection = load_inspection(target)
    assert len(inspection.evidence) == 25
    assert inspection.framework.id == "crime-inspection-2014"
    again = tmp_path / "again.inspection"
    make_large_module.main(
        ["-n", "25", "--seed", "3", "--framework", "crime-inspection-2014", "-o", str(again)]
    )
    assert again.read_bytes() == target.read_bytes()
