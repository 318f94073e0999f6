"""Personal data in report text: what each pattern finds, what it must not, and where it looks."""

from __future__ import annotations

import pytest
from unit.checks.checks_support import clean_peel, evidence, found, paragraph

from inspector_app.domain.blocks import DataTable
from inspector_app.domain.checks import Severity, personal_data_findings, personal_data_message
from inspector_app.domain.inspection import (
    AreaForImprovement,
    Footnote,
    NarrativeSection,
    Recommendation,
    SourceType,
)

POSITIVES = {
    "privacy.email": ["Contact j.smith@herts.police.uk today.", "Write to A.B-c+d@example.co.uk."],
    "privacy.phone": [
        "Call 01707 354000 now.",
        "Ring +44 (0)20 7946 0000.",
        "Her mobile, 07700 900123, was noted.",
        "(01234) 567890",
        "Telephone 0300-123-1212.",
        "+447700900123",
        "020 7946 0000",
    ],
    "privacy.postcode": ["She lives at SG13 8HZ.", "SW1A 1AA", "M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT"],
    "privacy.ni-number": ["NI number AB 12 34 56 C.", "AB123456C"],
    "privacy.vehicle-registration": ["A car, AB51 CDE, was seen.", "YK07ABC", "The van LV21 XYZ left."],
    "privacy.date-of-birth": [
        "DOB 12/03/1985",
        "D.O.B.: 1 March 1985",
        "date of birth 12.03.85",
        "She was born on 12 March 1985.",
        "born March 12, 1985",
        "He was born in March 1985.",
        "Date of birth: 3rd Jan 1990",
    ],
    "privacy.crime-reference": [
        "crime reference 41/123456/14",
        "CRN: 12345678",
        "crime number ABC12345",
        "filed as 41/123456/14",
        "URN 41AB1234524",
        "occurrence number 2014-001234",
        "CR/12345/14",
    ],
    "privacy.warrant-number": [
        "warrant number 123456",
        "warrant no. WA/1234/15",
        "warrant 12345678",
        "warrant ref: 2014-5678",
    ],
}

#: Ordinary numbers and codes in inspection reports that are not personal data.
NEGATIVES = [
    "12 months to June 2014",
    "all 43 police forces",
    "in 2014",
    "41.0 percent of cases",
    "24,507 incidents",
    "£1,000",
    "999 calls and 101 calls",
    "Within three months",
    "By March 2015",
    "Table 3",
    "Q1 2014",
    "the SG13 district",
    "Hertfordshire PEEL 2016",
    "the M25 motorway",
    "the A1(M)",
    "CO2 emissions",
    "COVID-19",
    "section 136",
    "Last updated 02/03/2017",
    "0.5 per cent",
    "a warrant in 2014",
    "12 warrants",
    "executed 43 warrants",
    "dates of birth were missing",
    "born out of necessity",
    "the unit was born in 2010",
    "crime reference numbers were recorded",
    "HMIC 2014",
    "THRIIVES",
    "OCGs",
    "between 0 and 10",
    "0800 Freephone",
    "per 1,000 population",
    "12.3 per 1,000",
    "2015/16",
    "2014-15",
    "ages 18-24",
    "ratio 3:1",
    "ISO 9001",
    "The force received 12345 calls",
    "phone 999",
    "warrant 2014/15",
    "N8 teams",
    "MARAC 2014",
    "victims aged 16 to 24",
    "ext. 1234",
    "PCSO 1234",
    "Operation AB12",
    "The team returned 12,345 items",
    "the 2014/15 financial year",
    "4 July 2014",
    "on 12/03/2014 we visited",
]


@pytest.mark.parametrize(
    ("rule", "text"), [(rule, text) for rule, texts in POSITIVES.items() for text in texts]
)
def test_personal_data_is_found(rule, text):
    inspection = clean_peel()
    block = paragraph(inspection, text)
    result = found(inspection, rule)
    assert len(result) == 1, result
    assert result[0].severity is Severity.WARNING
    assert result[0].place.record_id == block.id
    assert result[0].message.startswith("It may contain ") and result[0].message.endswith(
        "remove or anonymise it before publication."
    )


@pytest.mark.parametrize("text", NEGATIVES)
def test_ordinary_numbers_are_not_personal_data(text):
    inspection = clean_peel()
    paragraph(inspection, f"The report says: {text}.")
    assert found(inspection, "privacy") == []


def test_the_message_points_at_the_data_without_repeating_it():
    inspection = clean_peel()
    paragraph(inspection, "Her number is 07700 900123.")
    [finding] = found(inspection, "privacy")
    assert "07700 900123" not in finding.message and "“0770…”" in finding.message


def test_every_text_the_report_prints_is_read():
    inspection = clean_peel()
    question = inspection.question("investigating-crime")
    question.footnotes = [Footnote(label="1", text="Source: j.smith@example.com")]
    question.areas_for_improvement.append(
        AreaForImprovement(text="The force should act.", sub_points=["call 01707 354000"])
    )
    question.recommendations = [
        Recommendation(text="Review case CRN 12345678.", timescale="Within three months")
    ]
    question.sections.append(
        NarrativeSection(theme="Data", blocks=[DataTable(columns=["Car"], rows=[["AB51 CDE"]])])
    )
    labels = sorted(f.place.label for f in personal_data_findings(inspection))
    assert labels == [
        "Question 2 › Area for improvement 2 › Point 1",
        "Question 2 › Data › Table 1",
        "Question 2 › Footnote 1",
        "Question 2 › Recommendation 1",
    ]


def test_evidence_notes_are_never_read_and_titles_only_with_the_annex():
    inspection = clean_peel()
    evidence(
        inspection,
        "preventing-crime",
        SourceType.INTERVIEW,
        text="Victim: 07700 900123, DOB 12/03/1985",
        reference="EV-1",
    )
    assert personal_data_findings(inspection) == []
    evidence(
        inspection,
        "preventing-crime",
        SourceType.INTERVIEW,
        title="Interview with j.smith@example.com",
        reference="EV-2",
    )
    assert personal_data_findings(inspection) == []
    [finding] = personal_data_findings(inspection, evidence_annex=True)
    assert finding.place.label == "Evidence EV-2" and finding.place.field == "evidence"


def test_the_refusal_message_names_the_first_places():
    inspection = clean_peel()
    for n in range(5):
        paragraph(inspection, f"Call 01707 35400{n}.")
    message = personal_data_message(personal_data_findings(inspection))
    assert message.startswith(
        "The report may contain personal data in 5 places (Question 1 › Working with partners › Paragraph 2: a phone number"
    )
    assert "; and 2 more)." in message and message.endswith(
        "Remove or anonymise them before publication, then export again."
    )
    assert "\n" not in message
