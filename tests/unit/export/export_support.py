"""Inspections filled for export tests, and helpers that read a .docx back (python-docx + lxml)."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import docx
from docx.document import Document
from docx.oxml.ns import qn
from lxml import etree

from inspector_app import bundled
from inspector_app.domain.blocks import Bullet, DataTable, Figure, Paragraph
from inspector_app.domain.framework import UNGRADED
from inspector_app.domain.inspection import (
    AreaForImprovement,
    CauseOfConcern,
    EvidenceItem,
    Footnote,
    Inspection,
    NarrativeSection,
    Recommendation,
    SourceType,
    SummaryItem,
    new_inspection,
)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
TEMPLATE = Path(__file__).resolve().parents[3] / "resources" / "templates" / "report.docx"

CRIME_FOOTNOTE = "Offenders are selected with a weighted matrix of offences."


def crime_inspection() -> Inspection:
    """A crime inspection 2014 with every kind of content the layout prints."""
    inspection = new_inspection(
        bundled.load_framework("crime-inspection-2014"),
        "Hertfordshire Constabulary",
        "Hertfordshire",
        authors=["Alex Inspector", "Sam Lead"],
    )
    inspection.created = dt.date(2014, 9, 1)
    inspection.pillars[0].summary = [
        Paragraph(text="Hertfordshire Constabulary has invested in crime prevention initiatives."),
        Paragraph(text="The constabulary is focused on the needs of victims."),
    ]
    q1, q2, q3 = inspection.questions
    q1.grade = "good"
    q1.grid_summary = [Paragraph(text="A sound and effective approach to preventing crime.[^iom]")]
    q1.sections.append(
        NarrativeSection(
            theme="Crime",
            blocks=[
                Paragraph(text="Recorded crime fell by 21 percent.[^iom] Unknown marker [^nope] stays."),
                Figure(caption="Recorded crime rate (per 1,000 population) between June 2010 and June 2014."),
                DataTable(
                    caption="Crime and anti-social behaviour rates",
                    columns=["12 months to June 2014", "Hertfordshire rate", "England and Wales rate"],
                    rows=[["Crime excluding fraud", "46.3", "60.7"], ["Victim-based crime", "39.4", "53.9"]],
                    note="*Note that anti-social behaviour data is for the 12 months to March 2014.",
                ),
                Bullet(text="First point"),
                Bullet(text="Nested point", level=1),
                Bullet(text="Deeper point", level=2),
            ],
        )
    )
    q1.footnotes = [Footnote(label="iom", text=CRIME_FOOTNOTE)]
    q1.recommendations = [
        Recommendation(
            text="Hertfordshire Constabulary should review the examination of seized equipment.",
            timescale="Within three months",
        ),
        Recommendation(
            text="Within three months Hertfordshire Constabulary should improve investigations so that:",
            timescale="Within three months",
            sub_points=[
                "officers know the standard;",
                "supervisors drive standards; and",
                "there is oversight.",
            ],
        ),
        Recommendation(
            text="The constabulary should assess SafetyNet as a means to:",
            timescale="Within six months",
            sub_points=["record learning; and", "share learning."],
        ),
    ]
    q1.summary = [
        SummaryItem(text="Sound approach to preventing crime."),
        SummaryItem(text="Good victim contact."),
    ]
    q1.notes = [Paragraph(text="A note after the findings.")]

    q2.grade = "requires_improvement"
    q2.summary = [
        SummaryItem(text="Vulnerability is well understood."),
        SummaryItem(text="Supervision varies."),
    ]
    q2.causes_of_concern = [
        CauseOfConcern(
            text="Call handlers do not assess risk correctly.",
            lead_in="To address this cause of concern HMIC recommends that the force should:",
            recommendations=[
                Recommendation(text="improve its initial assessment;", sub_points=["train staff", "audit"])
            ],
        )
    ]
    q2.areas_for_improvement = [
        AreaForImprovement(
            text="The force should ensure that:", sub_points=["prompts are sufficient;", "staff train."]
        )
    ]
    q3.grade = None
    q3.summary = [SummaryItem(text="Community contact is good.")]

    inspection.evidence = [
        EvidenceItem(
            source_type=SourceType.INTERVIEW,
            title="Interview with the head of crime",
            date=dt.date(2014, 8, 11),
            reference="CI14-Q1-01",
            question_id=q1.question_id,
        ),
        EvidenceItem(source_type=SourceType.DATA, title="Recorded crime data", reference="CI14-X-01"),
    ]
    return inspection


def peel_inspection() -> Inspection:
    inspection = new_inspection(
        bundled.load_framework("peel-2016-effectiveness"),
        "Hertfordshire Constabulary",
        "Hertfordshire",
        authors=["Alex Inspector"],
    )
    inspection.published = dt.date(2017, 3, 2)
    pillar = inspection.pillars[0]
    pillar.grade = "requires_improvement"
    pillar.summary = [
        Paragraph(
            text="Our overall judgement is a deterioration on last year, when we judged the force to be good."
        ),
        Paragraph(text="The force is good at preventing crime."),
    ]
    q1, q2, q3, q4, q5 = inspection.questions
    q1.grade = "good"
    q1.sections = [
        NarrativeSection(blocks=[Paragraph(text="Hertfordshire Constabulary is good at preventing crime.")])
    ]
    q1.areas_for_improvement = [
        AreaForImprovement(text="The force should evaluate and share effective practice.")
    ]
    q2.grade = "requires_improvement"
    q3.grade = "inadequate"
    q3.sections = [
        NarrativeSection(theme="Risk assessment", blocks=[Paragraph(text="Risk is not assessed.[^1]")])
    ]
    q3.footnotes = [Footnote(label="1", text="THRIIVES was introduced in March 2016.")]
    q3.causes_of_concern = [
        CauseOfConcern(
            text="It is a cause of concern to HMIC that some call handlers are not identifying risk.",
            lead_in="To address this cause of concern HMIC recommends that the force should take immediate steps to ensure that:",
            recommendations=[
                Recommendation(text="it improves its initial assessment;"),
                Recommendation(text="it responds on the basis of risk; and"),
            ],
        )
    ]
    q3.notes = [Paragraph(text="HMICFRS has re-visited the force to assess the progress made.")]
    q4.grade = None
    assert q5.grade == UNGRADED
    q5.areas_for_improvement = [
        AreaForImprovement(
            text="The forces in the strategic alliance should ensure that:",
            sub_points=["question prompts are sufficient;", "control room staff take part in exercises; and"],
        )
    ]
    return inspection


# -- reading a .docx back ------------------------------------------------------------------------------


def open_docx(path: Path) -> Document:
    return docx.Document(str(path))


def part_xml(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read(name))


def part_names(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        return archive.namelist()


def content_parts(path: Path) -> list[etree._Element]:
    """document.xml, headers, footers and footnotes: every part that holds text."""
    names = [
        n
        for n in part_names(path)
        if n == "word/document.xml"
        or (
            (n.startswith(("word/header", "word/footer")) or n == "word/footnotes.xml") and n.endswith(".xml")
        )
    ]
    return [part_xml(path, n) for n in names]


def headings(document: Document) -> list[tuple[str, str]]:
    return [
        (p.style.name, p.text)
        for p in document.paragraphs
        if p.style.name.lower().startswith("heading") or p.style.name in ("Title", "Subtitle", "TOC Heading")
    ]


def printed_headings(document: Document) -> list[tuple[str, str]]:
    """:func:`headings` as a reader sees them: a heading numbered by Word numbering ("%1.") gets its number,
    counted as Word counts it (each w:num from its startOverride)."""
    numbering = document.part.numbering_part.element
    counters: dict[str, int] = {}
    found = []
    for p in document.paragraphs:
        style = p.style.name
        if not (style.lower().startswith("heading") or style in ("Title", "Subtitle", "TOC Heading")):
            continue
        num_ids = p._p.xpath("./w:pPr/w:numPr/w:numId/@w:val")
        text = p.text
        if num_ids and num_ids[0] != "0":
            num_id = num_ids[0]
            if num_id not in counters:
                start = numbering.xpath(f'./w:num[@w:numId="{num_id}"]/w:lvlOverride/w:startOverride/@w:val')
                counters[num_id] = int(start[0]) if start else 1
            else:
                counters[num_id] += 1
            text = f"{counters[num_id]}. {text}"
        found.append((style, text))
    return found


def paragraphs_with_style(document: Document, style_name: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name.lower() == style_name.lower()]


def visible_text(path: Path) -> str:
    """All the text of the body, tables included, as w:t and w:tab content."""
    root = part_xml(path, "word/document.xml")
    out: list[str] = []
    for p in root.iter(qn("w:p")):
        pieces = []
        for el in p.iter(qn("w:t"), qn("w:tab")):
            pieces.append("\t" if el.tag == qn("w:tab") else (el.text or ""))
        out.append("".join(pieces))
    return "\n".join(out)


def numbering_groups(document: Document) -> list[tuple[str, list[str]]]:
    """Consecutive body paragraphs that carry their own w:numId, as (numId, texts) groups."""
    groups: list[tuple[str, list[str]]] = []
    previous = None
    for p in document.element.body.iter(qn("w:p")):
        num_ids = p.xpath("./w:pPr/w:numPr/w:numId/@w:val")
        if not num_ids or num_ids[0] == "0":  # numId 0: "no numbering", even where the style numbers
            previous = None
            continue
        text = "".join(t.text or "" for t in p.iter(qn("w:t")))
        if previous == num_ids[0] and groups:
            groups[-1][1].append(text)
        else:
            groups.append((num_ids[0], [text]))
        previous = num_ids[0]
    return groups


def template_style_ids(path: Path = TEMPLATE) -> set[str]:
    root = part_xml(path, "word/styles.xml")
    return {s.get(qn("w:styleId")) for s in root.iter(qn("w:style"))}
