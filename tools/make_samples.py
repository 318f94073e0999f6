"""Build the two bundled sample inspections from the published Hertfordshire reports.

    .venv/bin/python tools/make_samples.py            # writes resources/samples/*.inspection
    .venv/bin/python tools/make_samples.py -o DIR     # writes them somewhere else

The samples are the reports as HMIC published them, entered through the domain model:

* ``hertfordshire-crime-inspection-2014``: *Crime inspection 2014 – Hertfordshire Constabulary*;
* ``hertfordshire-peel-2016-effectiveness``: *Hertfordshire PEEL 2016, Effectiveness* (last updated
  02/03/2017).

Every word of the reports' own text below is theirs, in their order, with their typography and their
typing slips ("victim contract", "OCG’s", "OGCs", "accepted and, understood"); the page furniture of the
PDF and web page (running headers, page numbers, web addresses alone on a line, the Summary printed twice,
"Skip to content", the downtime banner, the "(PDF document)" link annotation) is left out. Words the PDF
broke over a line after their hyphen ("anti-\\nsocial") are whole again ("anti-social").

The evidence items are *illustrative*: HMIC does not publish its evidence, so each item rests on a
statement the report makes, and its source type, date and reference are made up for the sample (every
item says so and has ``illustrative=True``).

Every record id is derived from a fixed namespace and the record's place in the inspection, and the
dates are fixed, so running the script again writes byte-identical files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from inspector_app import bundled
from inspector_app.domain.blocks import Block, Bullet, Cites, DataTable, Figure, Paragraph, Record, plain_text
from inspector_app.domain.framework import UNGRADED
from inspector_app.domain.inspection import (
    AreaForImprovement,
    CauseOfConcern,
    EvidenceItem,
    Footnote,
    Inspection,
    NarrativeSection,
    QuestionAssessment,
    Recommendation,
    SourceType,
    Status,
    SummaryItem,
    new_inspection,
)
from inspector_app.storage.inspection_file import save_inspection

#: All sample ids are uuid5 names in this namespace (never change it: the bundled files would change).
NAMESPACE = uuid.UUID("6f1d5a2e-3c47-5b8e-9a10-2d4c8e7f0b31")

CRIME_SAMPLE = "hertfordshire-crime-inspection-2014"
PEEL_SAMPLE = "hertfordshire-peel-2016-effectiveness"
SAMPLE_NAMES = (CRIME_SAMPLE, PEEL_SAMPLE)

FORCE_NAME = "Hertfordshire Constabulary"
FORCE_SHORT_NAME = "Hertfordshire"
COLLECTOR = "HMIC inspection team"

DEFAULT_OUTPUT = Path(__file__).resolve().parents[1] / "resources" / "samples"

ILLUSTRATIVE_NOTE = (
    "Illustrative item written for the bundled sample: HMIC does not publish its evidence, so the source "
    "type, date and reference are illustrative; the finding quoted is the report’s own."
)


# -- small constructors ---------------------------------------------------------------------------------


def P(text: str) -> Paragraph:
    return Paragraph(text=text)


def B(text: str, level: int = 0) -> Bullet:
    return Bullet(text=text, level=level)


def section(theme: str, *blocks: Block) -> NarrativeSection:
    return NarrativeSection(theme=theme, blocks=list(blocks))


def summary(*texts: str) -> list[SummaryItem]:
    return [SummaryItem(text=text) for text in texts]


def afis(*texts: str) -> list[AreaForImprovement]:
    return [AreaForImprovement(text=text) for text in texts]


# -- evidence -------------------------------------------------------------------------------------------

#: Where a finding sits inside a question, for citing it:
#:   ("para", "snippet")   the one narrative paragraph or bullet whose text contains the snippet
#:   ("summary", n)        summary bullet n
#:   ("afi", n)            area for improvement n
#:   ("rec", n)            stand-alone recommendation n
#:   ("cause", n)          cause of concern n
#:   ("cause_rec", n, m)   recommendation m of cause of concern n
Locator = tuple


@dataclass(frozen=True)
class Evidence:
    reference: str
    source_type: SourceType
    title: str
    description: str
    #: (where the report says it, exact words of the report)
    quotes: Sequence[tuple[str, str]]
    date: dt.date
    cites: Sequence[Locator] = field(default_factory=tuple)
    diagnostic_id: str | None = None


def _locate(question: QuestionAssessment, locator: Locator) -> Cites:
    kind = locator[0]
    if kind == "para":
        found = [
            block
            for section_ in question.sections
            for block in section_.blocks
            if isinstance(block, (Paragraph, Bullet)) and locator[1] in block.text
        ]
        if len(found) != 1:
            raise ValueError(f"{question.question_id}: {len(found)} paragraphs contain {locator[1]!r}")
        return found[0]
    if kind == "summary":
        return question.summary[locator[1]]
    if kind == "afi":
        return question.areas_for_improvement[locator[1]]
    if kind == "rec":
        return question.recommendations[locator[1]]
    if kind == "cause":
        return question.causes_of_concern[locator[1]]
    if kind == "cause_rec":
        return question.causes_of_concern[locator[1]].recommendations[locator[2]]
    raise ValueError(f"unknown locator {locator!r}")


def _all_text(inspection: Inspection) -> str:
    """Every word the report says in this inspection, to check that evidence quotes the report."""
    parts = [plain_text(inspection.introduction), plain_text(inspection.methodology)]
    parts += [plain_text(pillar.summary) for pillar in inspection.pillars]
    for question in inspection.questions:
        parts += [plain_text(s.blocks) for s in question.sections]
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


def add_evidence(inspection: Inspection, prefix: str, question_id: str, items: Sequence[Evidence]) -> None:
    """Record the items against ``question_id`` and cite them from the findings they support."""
    said = _all_text(inspection)
    question = inspection.question(question_id)
    for spec in items:
        quoted = []
        for where, words in spec.quotes:
            if words not in said:
                raise ValueError(f"{spec.reference}: the report does not say {words!r}")
            quoted.append(f"The report says ({where}): “{words}”")
        item = EvidenceItem(
            id=uuid.uuid5(NAMESPACE, f"{prefix}/evidence/{spec.reference}"),
            source_type=spec.source_type,
            title=spec.title,
            text=" ".join([spec.description, *quoted, ILLUSTRATIVE_NOTE]),
            date=spec.date,
            collector=COLLECTOR,
            reference=spec.reference,
            question_id=question_id,
            diagnostic_id=spec.diagnostic_id,
            illustrative=True,
        )
        inspection.evidence.append(item)
        for locator in spec.cites:
            record = _locate(question, locator)
            if item.id not in record.evidence_ids:
                record.evidence_ids.append(item.id)


# -- deterministic ids ----------------------------------------------------------------------------------


def assign_ids(model: BaseModel, path: str) -> None:
    """Give every record (framework snapshot included) the id uuid5(NAMESPACE, its path).

    Evidence items keep the ids they were made with (named by their reference), which findings cite.
    """
    if isinstance(model, Record) and not isinstance(model, EvidenceItem):
        model.id = uuid.uuid5(NAMESPACE, path)
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            assign_ids(value, f"{path}/{name}")
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    assign_ids(item, f"{path}/{name}/{index}")


def _check_opening(question: QuestionAssessment, expected: Sequence[str]) -> None:
    """The framework's standard opening (copied by new_inspection) must be the report's words."""
    opening = question.sections[0]
    texts = [block.text for block in opening.blocks if isinstance(block, Paragraph)]
    if opening.theme or texts != list(expected) or len(opening.blocks) != len(expected):
        raise ValueError(f"{question.question_id}: the framework's opening differs from the report")


# ======================================================================================================
# Crime inspection 2014 – Hertfordshire Constabulary
# ======================================================================================================

CRIME_PREFIX = "crime2014"

CRIME_OVERALL_SUMMARY = [
    "Hertfordshire Constabulary has invested in crime prevention initiatives, which have had a positive effect in terms of keeping crime levels down and protecting the public from harm.",
    "The constabulary is focused on the needs of victims, and has implemented good arrangements for ensuring that the quality of victim contact is consistent. The victim satisfaction rate in Hertfordshire is higher than the figure for England and Wales.",
    "The constabulary understands vulnerability, and a broad range of tactics is used appropriately to tackle crime. However, its partnership engagement could be improved in relation to youth crime and youth anti-social behaviour. Vulnerable adult victims, in particular, would benefit from the formation of at least one multi-agency safeguarding hub in Hertfordshire.",
    "Investigation of crime in the county is of a good standard. Integrated offender management (IOM) is effective at tackling prolific burglars. Anti-social behaviour is a priority for the constabulary and is well integrated within daily activity in neighbourhood teams. Victims of anti-social behaviour are risk assessed carefully, and the SafetyNet system functions well as a tool for managing cases. The system could be used more widely by partners, and more fully exploited as a means of capturing what works.",
    "This year, HMIC undertook an inspection into the crime data integrity of all 43 police forces, to determine the extent to which police-recorded crime information can be trusted at a national level. HMIC has serious concerns about Hertfordshire Constabulary’s approach to crime recording, which is not as accurate as it should be. Individual force reports are available at http://www.justiceinspectorates.gov.uk/hmic/",
]

# -- question 1: reducing crime and preventing offending ------------------------------------------------

CRIME_Q1_OPENING = [
    "HMIC looked at how the leadership of the force deploys its resources to reduce the volume of crimes being committed, maximise the quality of victim contact, and ensure that the force focuses on community priorities while mitigating national threats.",
    "We looked at how the force prevents crime, how it uses police tactics such as stop and search powers to prevent and detect crime and reduce offending. We also looked at how the police work with other agencies such as social services to reduce crime.",
]

CRIME_Q1_GRID = [
    "Hertfordshire Constabulary has a sound and effective approach to preventing crime and reducing offending. It is proactive in its approach, which means problems are resolved before they escalate.",
    "The constabulary has invested in crime prevention initiatives which have had a positive impact on communities. It is focused on the needs of victims, and has implemented good arrangements for ensuring that the quality of victim contact is consistent. The victim satisfaction rate in Hertfordshire is higher than the figure for England and Wales.",
    "The constabulary has a strong partnership with children’s services, but a multi-agency safeguarding hub could improve its ability to protect vulnerable adult victims of crime.",
]


def crime_q1_sections() -> list[NarrativeSection]:
    return [
        section(
            "Crime",
            P(
                "In 2010 the Home Secretary set a clear priority for the police service to cut crime. When compared with the 12 months to June 2010, recorded crime (excluding fraud) in the 12 months to June 2014 reduced by 21 percent in Hertfordshire compared with a reduction of 16 percent across all forces in England and Wales."
            ),
            P(
                "Over this period, victim-based crime (i.e., crimes where there is a direct victim such as an individual, a group, or an organisation) decreased by 22 percent in Hertfordshire, compared with a reduction of 16 percent across England and Wales."
            ),
            P(
                "During the 12 months prior to the end of June 2014, recorded crime (excluding fraud) in Hertfordshire increased by 3 percent, compared with a 1 percent reduction across England and Wales."
            ),
            Figure(
                caption="Figure: Recorded crime rate (per 1,000 population) between June 2010 and June 2014."
            ),
            P(
                "By looking at how many recorded crimes and incidents of anti-social behaviour occur per 1,000 population, we get an indication of how safe it is for the public in that police area. The table below shows crime and anti-social behaviour rates in Hertfordshire (per 1,000 population) compared with the rest of England and Wales."
            ),
            DataTable(
                columns=[
                    "12 months to June 2014",
                    "Hertfordshire Constabulary rate (per 1,000 population)",
                    "England and Wales total rate (per 1,000 population)",
                ],
                rows=[
                    ["Crime excluding fraud", "46.3", "60.7"],
                    ["Victim-based crime", "39.4", "53.9"],
                    ["Sexual offences", "0.8", "1.2"],
                    ["Violence with injury", "4.0", "5.9"],
                    ["Burglary in a dwelling*", "6.4", "8.9"],
                    ["Anti-social behaviour incidents*", "21.5", "36.8"],
                ],
                note="*Note that anti-social behaviour data is for the 12 months to March 2014 and the rate for burglary in a dwelling is the rate per 1,000 households, not population.",
            ),
            P(
                "We have chosen these types of crime to give an indication of offending levels in the force area. We are not judging the effectiveness of the force on recorded crime rates only. For information on the frequency of other kinds of crimes in your area, go to www.justiceinspectorates.gov.uk/hmic/crime-and-policing-comparator"
            ),
            P(
                "Hertfordshire’s detection rate (for crimes excluding fraud) for the 12 months to the end of March 2014 was 36 percent which was higher than the 26 percent for England and Wales."
            ),
            P(
                "The new crime outcomes framework was introduced in April 2014. It replaces a previous framework for recording how the police finalise investigations through what was known as ‘sanction detections’ (e.g. charges and/or summons). The new crime outcomes framework is designed to support police officers to use their professional judgment to ensure a just and timely outcome which reflects the harm to the victim, the seriousness of the offending behaviour, the impact on the community, and which deters future offending. Data on the full range of outcomes achieved as a result of investigations (not just detections but also, for example, community resolutions such as mediation known as restorative justice) will be available from July 2015 and used in future HMIC inspections"
            ),
        ),
        section(
            "Meeting the needs of the community",
            P(
                "Hertfordshire Constabulary has a clear set of priorities which are linked to the priorities of the police and crime commissioner. The constabulary carries out a strategic assessment which identifies threat and risk, and this is used to inform the priority setting process. This assessment is refreshed every six months and includes information from partner organisations. Local councillors and members of the public can participate in the constabulary’s priority-setting process, although attendance at these sessions is low and their value correspondingly limited. Current constabulary priorities include anti-social behaviour, victim satisfaction, domestic abuse and repeat victimisation, but neighbourhood teams are empowered to identify and pursue their own local priorities. This is done in an effective and co-ordinated way across the constabulary area."
            ),
            P(
                "The constabulary carries out daily management meetings which match police resources to demand using analysis. These meetings are well structured, focused and supported by clear intelligence products. The constabulary is able to identify and prioritise street-level hotspots for particular crimes such as burglary, and target its patrol activity accordingly. Hertfordshire Constabulary has a good understanding of short and medium term threats to its communities, and is sufficiently flexible to allow teams across the constabulary to support one another with specific problems. Scorpion teams, for example, offer a proactive capability such as executing search warrants, which can be called upon to assist any part of the constabulary."
            ),
        ),
        section(
            "Quality of victim contact",
            P(
                "The quality of victim contact in Hertfordshire is generally good, and the majority of victims are updated at points agreed with them as their case progresses. Police IT systems automatically remind officers when these points are approaching. However, this victim contract is not always documented by officers on the constabulary IT system. As a result, officers dealing with cases do not always have access to this information, and there are occasions when victims are not contacted when they should be."
            ),
            P(
                "There is good oversight of victim contact, which is monitored by a central crime service team. In cases where the officer responsible for a case has not contacted the victim, the crime service team makes contact with victims directly to provide them with an update. It is also helping the constabulary to obtain feedback from victims and ensure that this is acted on by officers."
            ),
            P(
                "Focus on victims is growing across the constabulary, and they are increasingly at the centre of what Hertfordshire Constabulary does. A number of victim focus forums have been held to allow victims to engage directly with officers. These have the potential to offer those attending a positive experience; low attendance to date, however, has limited the value of these meetings in providing the constabulary with representative views that it can use to adapt its services for victims."
            ),
            P(
                "Victim satisfaction levels in Hertfordshire are closely monitored by the constabulary, and survey data is analysed to pinpoint the reasons for increases and decreases."
            ),
            P(
                "An important measure of the impact of changes to service delivery for the public is how satisfied victims are with the overall service they receive when they seek police assistance. In the 12 months to the end of June 2014, Hertfordshire Constabulary had a victim satisfaction rate of 88.8 percent (± 1.3 percent) which is higher than the satisfaction rate in England and Wales of 85.0 percent (± 0.2 percent). Its current rate is broadly in line with the 88.2 percent (± 1.3 percent) recorded for Hertfordshire in the previous year."
            ),
        ),
        section(
            "Use of police tactics",
            P(
                "Hertfordshire Constabulary uses a broad range of tactics to reduce and prevent crime. It has successfully imposed banning orders and a violent offender order, for example, which restricts the ability of offenders to enter certain premises or interact with specified individuals in order to protect the public. The constabulary also works collaboratively with housing partners in the county to use their powers of eviction, although this occurs to a greater extent in some areas than others."
            ),
            P(
                "A focus on offenders rather than offences is driven by senior officers and is well understood by frontline staff. This enables the constabulary to exploit a fuller range of tactical options in order to combat crime. For example, a member of an organised crime group could be pursued for traffic offences in order to disrupt their activity. The constabulary has a strategy which details how it will tackle organised crime and a process for assessing the threat posed by organised crime groups (OCG’s). The force has the facility to use specialist resources against the groups assessed as posing the most risk in order to disrupt them. The constabulary is also working with partner agencies e.g., local councils to use non-police powers to effectively disrupt the criminal activities of such groups."
            ),
            P(
                "Hertfordshire Constabulary has several well-established and effective schemes which help to prevent crime. These include Operation Guardian, which is aimed at reducing residential burglary. Local residents are given a holiday pack which helps them to create the impression that their house is occupied when they are away. Analysis of Operation Guardian conducted by the constabulary, while not comprehensive, suggests that the operation works well. In more general terms, however, limited use is made of results analysis by the constabulary to evaluate the success of tactical approaches, and there is little central recording of what works for practitioners to access when they encounter problems. Instead officers and staff tend to consult one another informally as and when problems are encountered – most of the time this is done verbally, which makes it more difficult for officers and staff tackling similar challenges several years later to access learning."
            ),
        ),
        section(
            "Partnership working and information sharing",
            P(
                "Hertfordshire Constabulary has a good set of partnerships, but with a relatively narrow range of organisations. The constabulary has a high level of engagement with children’s services, with whom it runs an effective joint child protection unit. Cases involving child abuse are routinely assessed for referral to the unit, which provides the constabulary with specialist capability in this area. Operation Halo is a police-led, multi-agency team dealing specifically with child sexual exploitation. It has taken 160 referrals since its launch in 2013, and is well established within local operational procedures in Hertfordshire."
            ),
            P(
                "However, adult services and health sector representatives are not part of the constabulary’s partnership activity. The introduction of multi-agency safeguarding hubs (MASH) in Hertfordshire could improve the level of service to vulnerable adult victims of crime. Although the constabulary intends to develop its partnership with children’s services into a MASH, this process is still in its infancy, and there is no timescale for the introduction of a MASH at present."
            ),
        ),
        section(
            "Domestic abuse",
            P(
                "In March 2014 HMIC published the results of its inspection of 43 forces on the effectiveness of the police approach to domestic violence, with a focus on outcomes for victims and whether risks to victims are adequately managed. This included clear recommendations for each force about improvements it should make. As a result of this inspection all forces were required to produce and publish an action plan setting out the steps they were taking to improve the services to victims of domestic abuse. This plan should demonstrate that HMIC recommendations are being addressed and also explain how:"
            ),
            B("the leadership will ensure the changes necessary and hold the right people to account;"),
            B(
                "the police response when a victim first contacts them (by a 999 call or by visiting a police station) and when they first attend the scene of the incident is improved;"
            ),
            B("the force will ensure there is a high quality investigation of all domestic abuse crime;"),
            B("victims will be properly supported and offenders properly managed; and"),
            B(
                "the training and learning provided to officers ensures they can give the best available response to the victim."
            ),
            P(
                "HMIC has made an initial consideration of the action plan submitted by Hertfordshire Constabulary. We found the plan sets out the force’s response to tackling domestic abuse, which is in line with the agreed national priorities outlined above. There is no direct reference to the specific recommendations HMIC made for the force, but information contained within the plan details the activity required by these recommendations."
            ),
            P(
                "The crime inspection provided us with our first opportunity to test whether changes in the force’s approach to domestic abuse were beginning to have a positive effect."
            ),
            P(
                "HMIC found evidence that Hertfordshire Constabulary had made good progress to improve their response to domestic abuse."
            ),
            P(
                "Multi-agency risk assessment conferences (MARAC) are held regularly in Hertfordshire for cases of domestic abuse where there is a high risk of harm to the victim. In the 12 months prior to 31 July 2014 Hertfordshire Constabulary presented 203 cases to a multi-agency risk assessment conference. These meetings are relatively effective, although adult services are not routinely present at MARAC meetings which diminishes the amount of information shared as well as the options which the police and other agencies can explore. The constabulary is reviewing the process for referring cases to MARAC, and is showing openness to the views of its partners as part of this review, with the aim of enhancing the service it can provide to victims. There is also an external review of domestic abuse in Hertfordshire being carried out by the charity, co-ordinated action against domestic abuse (CAADA). This is to be welcomed and should highlight areas for further improvement which the constabulary is well placed to address."
            ),
        ),
    ]


CRIME_Q1_RECOMMENDATIONS = [
    Recommendation(
        text="Hertfordshire Constabulary should continue to work with partners to establish a multi-agency safeguarding hub (MASH) as soon as practicable.",
        timescale="as soon as practicable",
    ),
]

CRIME_Q1_SUMMARY = [
    "Hertfordshire Constabulary has a sound and effective approach to preventing crime and reducing offending. It is proactive in its approach, which means problems are resolved before they escalate.",
    "The constabulary has invested in crime prevention initiatives which have had a positive impact on communities. It is focused on the needs of victims, and has implemented enhanced arrangements for ensuring that the quality of victim contact is consistent. The victim satisfaction rate in Hertfordshire is higher than the figure for England and Wales.",
    "The constabulary has a strong partnership with children’s services, but the introduction of multi-agency safeguarding hubs (MASH) in Hertfordshire could improve its ability to protect vulnerable adult victims of crime.",
]

# -- question 2: investigating offending ---------------------------------------------------------------

CRIME_Q2_OPENING = [
    "HMIC looked at the range of police tactics and powers used by the force to investigate offending, including how investigations are conducted, whether persistent offenders are diverted from crime and how people vulnerable to repeat crime are supported. We looked at how the force learns from experience in order to improve professionalism in operational practice and leadership.",
]

CRIME_Q2_GRID = [
    "Vulnerability is well understood in Hertfordshire Constabulary, and vulnerable victims – particularly elderly victims – receive a good service.",
    "The quality of investigation is good overall with a high level of specialist capability, particularly in relation to the investigation of rape and sexual offences, although the level of supervision applied to all investigations is variable.",
    "The integrated offender management approach is well accepted and, understood and is effective, although it is predominantly applied to prolific burglars. The choices and consequences scheme is a particularly good example of effective multi-agency intervention.",
]


def crime_q2_sections() -> list[NarrativeSection]:
    return [
        section(
            "Vulnerability, risk and victims",
            P(
                "Victim vulnerability is well understood by officers, staff and police community support officers (PCSOs) working for Hertfordshire Constabulary. Vulnerability is thoroughly assessed at the first point of contact by well-trained staff, and the information gathered influences the measures subsequently taken to respond to individual victims. Repeat and vulnerable victims are identified and referred to a community focus desk to determine whether officers should attend non-urgent incidents of crime or anti-social behaviour due to vulnerability considerations. For example, an elderly victim might receive a reassurance visit from a specialist officer following a burglary. Methods used to assess and record victim vulnerability in cases of anti-social behaviour, domestic abuse and missing persons are more rigorous than they are for other types of crime such as assault. With these other crime types, officers are not automatically prompted by the system to complete a structured assessment of victim vulnerability and supervisors do not scrutinise every case. This creates scope for human error, although HMIC inspectors did not find examples where victim vulnerability had not been properly assessed."
            ),
            P(
                "Specific training on the Code of Practice for Victims of Crime has not been provided to the entire workforce in Hertfordshire Constabulary, although some relevant information has been disseminated within other training material. The constabulary is generally compliant with the requirements set out in the code, which are reasonably well understood by those who have contact with victims. Special measures for vulnerable victims or witnesses, such as providing evidence behind screens, are offered to those who need them. Victim personal statements are taken in appropriate cases, although there are instances where just a few lines are added to the bottom of the victim’s statement. This does not provide a sufficient level of detail for victims to fully describe the effects of the crime upon them and whether they require support."
            ),
            P(
                "Hertfordshire Constabulary has invested in a number of positive initiatives aimed specifically at protecting vulnerable people, and in particular elderly people. For example Operation Manhunt is helping elderly residents to prepare for attempts to commit burglaries where the victim is distracted while the crime takes place. As part of this operation, the police offer both advice and equipment to help people to secure their homes. Closed circuit TV cameras have been installed to protect elderly victims from bogus salesmen, and dedicated older person liaison officers provide support and advice. The Operation Manhunt team offers a high quality service to victims of burglary as well as those who may become victims in the future. Similarly, Operation policy has begun to offer protection to potential victims of internet-enabled fraud by discouraging people from giving their credit card details out over the telephone to unknown callers."
            ),
        ),
        section(
            "Investigation",
            P(
                "The constabulary has a mandatory attendance policy at a number of specific types of crime and incidents. These are well documented and primarily involve burglary, domestic abuse, crimes involving vulnerable people, serious assaults and robbery. Additionally an officer will attend where the offender is nearby or has been identified."
            ),
            P(
                "The quality of investigation in Hertfordshire is good, and the constabulary has a strong specialist investigative capability, for example in respect of rape and serious sexual offending. There is early identification and clear prioritisation of high-risk cases, and for the most part investigators have access to the specialist support services that they need to resolve investigations. However the specialist team that carries out examination of mobile phones and computers seized in connection with crime are not sufficiently well resourced. This leads to delays of several months in some cases."
            ),
            P(
                "Detectives in Hertfordshire are adequately trained and qualified to perform investigative roles. However, there are no career pathways for them, with the result that their professional development is limited. Few opportunities exist for detectives to shadow colleagues working in different units, which would help them to acquire and maintain a more rounded skill set. There is also a shortage of detectives across the constabulary. Some roles – including posts within specialist teams – are filled by junior officers aspiring to become detectives, but they do not have all of the skills and experience that these roles require. The constabulary is managing this situation and does not allow officers to remain in these posts if they do not pass the assessments for trainee investigators."
            ),
            P(
                "Supervision of investigations is adequate overall, but variable across the constabulary. Sergeants in different areas check officers’ work at different intervals, and investigation plans are held in different systems and formats. Unannounced visits conducted by HMIC inspectors as well as interviews and a review of 20 investigation files all found that some investigation plans are agreed verbally between an officer and supervisor for example, which may not compromise the quality of a local investigation at the time it is conducted, but inhibits the constabulary’s ability to review cases and to retain knowledge and understanding of what works at a corporate level over a longer period of time."
            ),
            P(
                "Resources are allocated to restorative justice, which is used to resolve investigations without the need for prosecution. Restorative justice and conditional cautions are routinely considered at an early stage by Hertfordshire officers, with arrest used as a last resort. This approach is proportionate, and helps to make out-of-court disposals part of day-to-day police activity. Supervisors scrutinise the use of restorative justice and some longer term evaluation has also been conducted, indicating that satisfaction among victims is high."
            ),
        ),
        section(
            "Tackling repeat and prolific offenders",
            P(
                "Hertfordshire Constabulary is able to identify and tackle those who are committing the most crime in the county. The Hertfordshire Constabulary operational intelligence unit is focused and dynamic, and there are effective links between this unit and the specialist investigation team. Prolific burglars and other offenders known through intelligence to be involved in linked series of crimes are proactively targeted and, in many cases, successfully managed in order to reduce offending. The constabulary also uses a tracking system to monitor offenders who are released from prison."
            ),
            P(
                "Integrated offender management[^1] arrangements are focused predominantly on those involved in serious acquisitive crime. As of 31 July 2014, the constabulary had 150 offenders under the integrated offender management (IOM) programme. Within this IOM programme, the “choices and consequences scheme”, which the constabulary runs together with partners, has provided an effective alternative to custodial sentences for a smaller group of offenders, most of whom are prolific burglars. The scheme has helped to bring about a reduction in re-offending among this group."
            ),
            P(
                "The integrated offender management structure is very well managed, accepted and understood. However, the constabulary is reviewing the scoring matrix and risk management process which are used to identify those offenders likely to cause the most harm, to make sure that they are fit for purpose. There was evidence of the IOM team working well to proactively manage offenders. The constabulary also has a Hertfordshire offender tracking system. This contains in one place all information on known offenders, for example the date of their last arrest (and what for), the date of their release from prison, any intelligence held on that person and their activities. This system means that officers can search the system and get a good understanding of which offenders are in their area, and who could be committing crime."
            ),
        ),
        section(
            "Learning from experience",
            P(
                "HMIC found that Hertfordshire Constabulary has effective ways to drive continuous improvement at a strategic level. These processes include the strategic performance board which is chaired by an assistant chief constable. This meeting reviews operations; identifies and shares good practice, and reviews ongoing development plans e.g., the force plan to improve how rape is dealt with to monitor progress."
            ),
            P(
                "The head of human resources and the head of training and development attend this meeting to ensure that identified development areas are included in future training for staff. HMIC saw evidence of commitment and enthusiasm among senior leaders to learn from experience and share information about what works."
            ),
            P(
                "Safer neighbourhood officers receive one training day every five weeks and staff felt that this was generally useful and informative. Officers in more specialist teams stated that they were not given the same opportunity to regularly update their skills and knowledge due to heavy workloads."
            ),
            P(
                "Detectives within the force are already accredited, or in training to be professionalising investigation programme level two trained. More specialised staff e.g., within the public protection units receive additional training to fulfil their role. The force recognises that it currently has a shortfall in detectives and has a plan to rectify this."
            ),
            P(
                "HMIC found some evidence of organisational learning being translated into operational practice. Operations such as a child sexual exploitation operation, Operation Halo and Operation Polygraph, which uses lie detectors to help reduce re-offending, are two such examples. The force does record its organisational learning on a spreadsheet but HMIC found limited evidence that this was widely available to staff or was used across the force to learn from previous experience."
            ),
        ),
    ]


CRIME_Q2_FOOTNOTES = [
    Footnote(
        label="1",
        text="Hertfordshire Constabulary use the following criteria to decide if an offender should be part of the IOM programme: “Matrix system designed by the Constabulary with weighted offences for SAC on arrest and charge data: this is then compared to OGRS scoring from CRC and multi-agency conversations before adoption.”",
    ),
]

CRIME_Q2_RECOMMENDATIONS = [
    Recommendation(
        text="Within three months, Hertfordshire Constabulary should review the resourcing and process for prioritising the examination of telecommunication and computer equipment seized as part of criminal investigations. By March 2015 the constabulary should commence the implementation of a plan to improve the prioritisation and timeliness of these examinations.",
        timescale="Within three months",
    ),
    Recommendation(
        text="Within three months Hertfordshire Constabulary should develop and commence the implementation of an action plan to improve the quality of investigations which will ensure that:",
        timescale="Within three months",
        sub_points=[
            "investigating officers and police staff are aware of the standard required, especially in relation to investigation plans, and have the professional skills and expertise to fulfil their duties;",
            "supervisors know what is expected of them in driving up standards; and",
            "there is appropriate monitoring and oversight of investigative quality.",
        ],
    ),
]

CRIME_Q2_SUMMARY = [
    "Vulnerability is well understood in Hertfordshire Constabulary, and vulnerable victims – particularly elderly victims – receive a good service.",
    "The quality of investigation is good overall with a high level of specialist capability, particularly in relation to the investigation of rape and sexual offences, although the level of supervision applied to all investigations is variable.",
    "The integrated offender management approach is well accepted and understood and is effective, although it is predominantly applied to prolific burglars. The choices and consequences scheme is a particularly good example of effective multi-agency intervention.",
]

# -- question 3: tackling anti-social behaviour --------------------------------------------------------

CRIME_Q3_OPENING = [
    "HMIC looked at how the constabulary prevents and tackles anti-social behaviour, in particular the way victims are treated. We looked at the quality and consistency of victim contact across the constabulary and whether victims of anti-social behaviour were dealt with in a comparable way to victims of other crimes.",
]

CRIME_Q3_GRID = [
    "Community contact is good in Hertfordshire in the context of anti-social behaviour, and the constabulary’s community focus desk plays an important role in ensuring that victims receive a high quality service.",
    "The SafetyNet system is used effectively to record actions in cases of anti-social behaviour, but it could be more fully exploited as a learning resource and used more widely by partners.",
    "Some victims of anti-social behaviour in Hertfordshire have had to wait longer for a police response because neighbourhood officers normally based in their community have had to cover shifts elsewhere. This is a manageable risk of which the constabulary is aware, and the public receives a good overall service on anti-social behaviour.",
]


def crime_q3_sections() -> list[NarrativeSection]:
    return [
        section(
            "Community contact and victim care",
            P(
                "Anti-social behaviour is prioritised at a local level in Hertfordshire, and forms part of neighbourhood teams’ routine activity. Dedicated anti-social behaviour officers are supporting neighbourhood teams, and helping to drive the prioritisation of anti-social behaviour. Anti-social behaviour powers are used appropriately and proportionately. In the 12 months to the end of July 2014, the constabulary received reports from 17,940 victims of anti-social behaviour. Five anti-social behaviour dispersal orders, 125 anti-social behaviour warning notices and three anti-social behaviour orders were issued during this period."
            ),
            P(
                "Community contact in the context of anti-social behaviour is good, and the constabulary uses a variety of methods to interact with the public. Twitter is used to provide information, and recent examples include safety advice for Halloween and bonfire night. Police community support officers (PCSOs) post pictures of the areas that they have patrolled to reassure communities. Neighbourhood teams hold regular community surgeries and are individually contactable through the Hertfordshire Constabulary website. The constabulary also has a good relationship and level of communication with its neighbourhood watch network."
            ),
            P(
                "Victims of anti-social behaviour are risk assessed at the first point of contact, and the case details are entered on to an anti-social behaviour IT database called SafetyNet. The constabulary has a community focus desk which reviews all recorded incidents of anti-social behaviour to ensure that the threat, harm and risk involved in each case have been assessed appropriately, that repeat victims have been identified, and that the correct action has been taken. This level of oversight is helping the constabulary to provide a consistent high level of service to victims of anti-social behaviour."
            ),
        ),
        section(
            "Partnership working",
            P(
                "The constabulary’s anti-social behaviour officers have good relationships with local community safety partnerships, and a multi-agency meeting infrastructure is in place with the involvement of most of the right partners (the exception to this is that there are no representatives from health services). The constabulary uses an IT system called SafetyNet to support its activity aimed at tackling anti-social behaviour. Officers record community priorities and the actions taken to support these on to this system. The constabulary adopts a problem-solving approach to local issues, such as street drinking in town centres, and plans take into account the vulnerability of individual victims. This use of the SafetyNet system is effective in terms of logging information and anti-social behaviour action plans. However, some partner agencies do not use the system, and information about victim vulnerability entered by officers is not always sufficiently detailed to enable high quality collective decision-making. The potential of SafetyNet to serve as a database to assist with problem-solving and learning could also be further exploited. The constabulary is aware of this and is developing an IT solution that will help it to make greater use of the system. This should give it the ability to capture organisational learning in a more systematic way, and continually enhance the service it provides to victims of anti-social behaviour and the wider community in Hertfordshire."
            ),
        ),
        section(
            "Improving services to the public",
            P(
                "Although tackling anti-social behaviour is clearly a priority for Hertfordshire Constabulary, some of the neighbourhood officers who share responsibility for tackling it are frequently taken away from their core duties in order to cover emergency shifts in urban centres, for example on Friday and Saturday nights when demand tends to be greatest in those areas. This places pressure on the PCSOs who work alongside those officers, whose neighbourhood workload increases as a result. It is also affecting victims of anti-social behaviour, some of whom have to wait longer for officers to deal with the incidents that they have reported. The proactive capacity of neighbourhood teams to patrol locations and offer community reassurance has also been marginally lessened. However, overall the public receives a good service from the constabulary on anti-social behaviour which has decreased in Hertfordshire. In the 12 months to March 2014, Hertfordshire Constabulary recorded 24,507 incidents of anti-social behaviour. This is a reduction of 30 percent against the previous 12 months."
            ),
        ),
    ]


CRIME_Q3_RECOMMENDATIONS = [
    Recommendation(
        text="Within six months Hertfordshire Constabulary should assess the future use of the SafetyNet system as a means to:",
        timescale="Within six months",
        sub_points=[
            "systematically record learning and good practice in crime prevention and local problem solving; and",
            "share learning and good practice across the constabulary and with partners.",
        ],
    ),
]

CRIME_Q3_SUMMARY = [
    "Community contact is good in Hertfordshire in the context of anti-social behaviour, and the constabulary’s community focus desk plays an important role in ensuring that victims receive a high quality service.",
    "The SafetyNet system is used effectively to record actions in cases of anti-social behaviour, but it could be more fully exploited as a learning resource and used more widely by partners.",
    "Some victims of anti-social behaviour in Hertfordshire have had to wait longer for a police response because neighbourhood officers normally based in their community have had to cover shifts elsewhere. This is a manageable risk of which the constabulary is aware, and the public receives a good overall service on anti-social behaviour.",
]

# -- crime 2014 evidence (illustrative) -----------------------------------------------------------------

_METHODOLOGY = "the methodology"
_Q1, _Q2, _Q3 = "question 1", "question 2", "question 3"

CRIME_EVIDENCE: dict[str, list[Evidence]] = {
    "reducing-crime": [
        Evidence(
            "CI14-Q1-01",
            SourceType.DATA,
            "Recorded crime and anti-social behaviour rates to June 2014",
            "Police-recorded crime and anti-social behaviour figures for Hertfordshire against England and Wales, as tabulated in the report.",
            [
                (
                    f"{_Q1}, “Crime”",
                    "recorded crime (excluding fraud) in the 12 months to June 2014 reduced by 21 percent in Hertfordshire compared with a reduction of 16 percent across all forces in England and Wales.",
                ),
                (
                    f"{_Q1}, “Crime”, above the data table",
                    "The table below shows crime and anti-social behaviour rates in Hertfordshire (per 1,000 population) compared with the rest of England and Wales.",
                ),
            ],
            dt.date(2014, 8, 11),
            cites=[
                ("para", "In 2010 the Home Secretary"),
                ("para", "By looking at how many recorded crimes"),
                ("summary", 0),
            ],
        ),
        Evidence(
            "CI14-Q1-02",
            SourceType.OBSERVATION,
            "Daily management meeting observed",
            "An inspector observed a daily management meeting matching resources to demand.",
            [
                (
                    _METHODOLOGY,
                    "We held focus groups with frontline police officers, investigators and police staff, and observed their activities first hand.",
                ),
                (
                    f"{_Q1}, “Meeting the needs of the community”",
                    "The constabulary carries out daily management meetings which match police resources to demand using analysis. These meetings are well structured, focused and supported by clear intelligence products.",
                ),
            ],
            dt.date(2014, 9, 16),
            cites=[("para", "daily management meetings"), ("summary", 0)],
        ),
        Evidence(
            "CI14-Q1-03",
            SourceType.SURVEY,
            "Victim satisfaction survey, 12 months to June 2014",
            "Victim satisfaction survey results for the force and for England and Wales.",
            [
                (
                    f"{_Q1}, “Quality of victim contact”",
                    "In the 12 months to the end of June 2014, Hertfordshire Constabulary had a victim satisfaction rate of 88.8 percent (± 1.3 percent) which is higher than the satisfaction rate in England and Wales of 85.0 percent (± 0.2 percent).",
                ),
            ],
            dt.date(2014, 8, 12),
            cites=[("para", "An important measure of the impact"), ("summary", 1)],
        ),
        Evidence(
            "CI14-Q1-04",
            SourceType.INTERVIEW,
            "Interviews with heads of partner organisations",
            "Interviews with heads of partner organisations about who takes part in partnership work and safeguarding.",
            [
                (_METHODOLOGY, "interviewed heads of partner organisations such as local authorities"),
                (
                    f"{_Q1}, “Partnership working and information sharing”",
                    "However, adult services and health sector representatives are not part of the constabulary’s partnership activity.",
                ),
            ],
            dt.date(2014, 9, 23),
            cites=[("para", "However, adult services and health sector"), ("rec", 0), ("summary", 2)],
        ),
        Evidence(
            "CI14-Q1-05",
            SourceType.DOCUMENT_REVIEW,
            "Domestic abuse action plan",
            "The force’s domestic abuse action plan, reviewed against HMIC’s 2014 recommendations and the national priorities.",
            [
                (
                    f"{_Q1}, “Domestic abuse”",
                    "We found the plan sets out the force’s response to tackling domestic abuse, which is in line with the agreed national priorities outlined above.",
                ),
            ],
            dt.date(2014, 8, 20),
            cites=[("para", "HMIC has made an initial consideration")],
        ),
        Evidence(
            "CI14-Q1-06",
            SourceType.DATA,
            "MARAC cases, 12 months to 31 July 2014",
            "Force figures for cases presented to multi-agency risk assessment conferences.",
            [
                (
                    f"{_Q1}, “Domestic abuse”",
                    "In the 12 months prior to 31 July 2014 Hertfordshire Constabulary presented 203 cases to a multi-agency risk assessment conference.",
                ),
            ],
            dt.date(2014, 9, 2),
            cites=[("para", "Multi-agency risk assessment conferences"), ("para", "had made good progress")],
        ),
    ],
    "investigating-offending": [
        Evidence(
            "CI14-Q2-01",
            SourceType.CASE_FILE_REVIEW,
            "Review of 20 crime investigation files",
            "Twenty investigation files reviewed for investigation plans and supervision.",
            [
                (_METHODOLOGY, "We also reviewed 20 crime investigations in each force"),
                (
                    f"{_Q2}, “Investigation”",
                    "Unannounced visits conducted by HMIC inspectors as well as interviews and a review of 20 investigation files all found that some investigation plans are agreed verbally between an officer and supervisor",
                ),
            ],
            dt.date(2014, 9, 8),
            cites=[("para", "Supervision of investigations is adequate overall"), ("rec", 1), ("summary", 1)],
        ),
        Evidence(
            "CI14-Q2-02",
            SourceType.UNANNOUNCED_VISIT,
            "Unannounced visit: supervision of investigations",
            "An unannounced visit by HMIC inspectors looking at how investigations are supervised.",
            [
                (
                    f"{_Q2}, “Investigation”",
                    "Sergeants in different areas check officers’ work at different intervals, and investigation plans are held in different systems and formats.",
                ),
                (
                    f"{_Q2}, “Investigation”",
                    "Unannounced visits conducted by HMIC inspectors as well as interviews and a review of 20 investigation files all found that some investigation plans are agreed verbally between an officer and supervisor",
                ),
            ],
            dt.date(2014, 10, 7),
            cites=[("para", "Supervision of investigations is adequate overall"), ("rec", 1)],
        ),
        Evidence(
            "CI14-Q2-03",
            SourceType.INTERVIEW,
            "Interviews: examination of seized phones and computers",
            "Interviews with investigators about access to the examination of seized phones and computers.",
            [
                (
                    f"{_Q2}, “Investigation”",
                    "However the specialist team that carries out examination of mobile phones and computers seized in connection with crime are not sufficiently well resourced. This leads to delays of several months in some cases.",
                ),
            ],
            dt.date(2014, 9, 9),
            cites=[("para", "The quality of investigation in Hertfordshire is good"), ("rec", 0)],
        ),
        Evidence(
            "CI14-Q2-04",
            SourceType.DATA,
            "Integrated offender management cohort, 31 July 2014",
            "Force figures for offenders managed under integrated offender management.",
            [
                (
                    f"{_Q2}, “Tackling repeat and prolific offenders”",
                    "As of 31 July 2014, the constabulary had 150 offenders under the integrated offender management (IOM) programme.",
                ),
            ],
            dt.date(2014, 8, 14),
            cites=[("para", "arrangements are focused predominantly"), ("summary", 2)],
        ),
        Evidence(
            "CI14-Q2-05",
            SourceType.FOCUS_GROUP,
            "Focus groups: neighbourhood and specialist officers on training",
            "Focus groups with safer neighbourhood officers and officers from specialist teams about training.",
            [
                (
                    _METHODOLOGY,
                    "We held focus groups with frontline police officers, investigators and police staff",
                ),
                (
                    f"{_Q2}, “Learning from experience”",
                    "Safer neighbourhood officers receive one training day every five weeks and staff felt that this was generally useful and informative. Officers in more specialist teams stated that they were not given the same opportunity to regularly update their skills and knowledge due to heavy workloads.",
                ),
            ],
            dt.date(2014, 9, 10),
            cites=[("para", "Safer neighbourhood officers receive one training day")],
        ),
        Evidence(
            "CI14-Q2-06",
            SourceType.DOCUMENT_REVIEW,
            "Organisational learning spreadsheet",
            "The spreadsheet on which the force records organisational learning.",
            [
                (
                    f"{_Q2}, “Learning from experience”",
                    "The force does record its organisational learning on a spreadsheet but HMIC found limited evidence that this was widely available to staff or was used across the force to learn from previous experience.",
                ),
            ],
            dt.date(2014, 8, 27),
            cites=[("para", "organisational learning on a spreadsheet")],
        ),
    ],
    "tackling-asb": [
        Evidence(
            "CI14-Q3-01",
            SourceType.DATA,
            "Anti-social behaviour victims and powers, 12 months to July 2014",
            "Force figures for victims reporting anti-social behaviour and for the powers used.",
            [
                (
                    f"{_Q3}, “Community contact and victim care”",
                    "In the 12 months to the end of July 2014, the constabulary received reports from 17,940 victims of anti-social behaviour. Five anti-social behaviour dispersal orders, 125 anti-social behaviour warning notices and three anti-social behaviour orders were issued during this period.",
                ),
            ],
            dt.date(2014, 8, 13),
            cites=[("para", "Anti-social behaviour is prioritised at a local level")],
        ),
        Evidence(
            "CI14-Q3-02",
            SourceType.OBSERVATION,
            "Community focus desk observed",
            "An inspector observed the community focus desk reviewing recorded anti-social behaviour incidents.",
            [
                (
                    f"{_Q3}, “Community contact and victim care”",
                    "The constabulary has a community focus desk which reviews all recorded incidents of anti-social behaviour to ensure that the threat, harm and risk involved in each case have been assessed appropriately",
                ),
            ],
            dt.date(2014, 9, 17),
            cites=[("para", "Victims of anti-social behaviour are risk assessed"), ("summary", 0)],
        ),
        Evidence(
            "CI14-Q3-03",
            SourceType.CASE_FILE_REVIEW,
            "SafetyNet case records",
            "Anti-social behaviour cases and action plans recorded on SafetyNet, reviewed for completeness.",
            [
                (
                    f"{_Q3}, “Partnership working”",
                    "However, some partner agencies do not use the system, and information about victim vulnerability entered by officers is not always sufficiently detailed to enable high quality collective decision-making.",
                ),
            ],
            dt.date(2014, 9, 18),
            cites=[
                ("para", "anti-social behaviour officers have good relationships"),
                ("rec", 0),
                ("summary", 1),
            ],
        ),
        Evidence(
            "CI14-Q3-04",
            SourceType.INTERVIEW,
            "Interviews with community safety partners",
            "Interviews with partners in the community safety partnerships about joint work on anti-social behaviour.",
            [
                (
                    f"{_Q3}, “Partnership working”",
                    "a multi-agency meeting infrastructure is in place with the involvement of most of the right partners (the exception to this is that there are no representatives from health services).",
                ),
            ],
            dt.date(2014, 9, 24),
            cites=[("para", "anti-social behaviour officers have good relationships")],
        ),
        Evidence(
            "CI14-Q3-05",
            SourceType.FOCUS_GROUP,
            "Focus group: neighbourhood officers and PCSOs",
            "A focus group with neighbourhood officers and police community support officers about abstractions.",
            [
                (
                    f"{_Q3}, “Improving services to the public”",
                    "some of the neighbourhood officers who share responsibility for tackling it are frequently taken away from their core duties in order to cover emergency shifts in urban centres",
                ),
                (
                    f"{_Q3}, “Improving services to the public”",
                    "This places pressure on the PCSOs who work alongside those officers, whose neighbourhood workload increases as a result.",
                ),
            ],
            dt.date(2014, 9, 11),
            cites=[("para", "Although tackling anti-social behaviour is clearly a priority"), ("summary", 2)],
        ),
        Evidence(
            "CI14-Q3-06",
            SourceType.DATA,
            "Anti-social behaviour incidents, 12 months to March 2014",
            "Force figures for recorded incidents of anti-social behaviour and the change on the year before.",
            [
                (
                    f"{_Q3}, “Improving services to the public”",
                    "In the 12 months to March 2014, Hertfordshire Constabulary recorded 24,507 incidents of anti-social behaviour. This is a reduction of 30 percent against the previous 12 months.",
                ),
            ],
            dt.date(2014, 8, 13),
            cites=[("para", "Although tackling anti-social behaviour is clearly a priority"), ("summary", 2)],
        ),
    ],
}


def build_crime_2014() -> Inspection:
    """The Crime inspection 2014 report for Hertfordshire Constabulary, entered whole."""
    inspection = new_inspection(
        bundled.load_framework("crime-inspection-2014"), FORCE_NAME, force_short_name=FORCE_SHORT_NAME
    )
    inspection.status = Status.FINAL
    inspection.created = dt.date(2014, 8, 1)
    inspection.pillar("cutting-crime").summary = [P(text) for text in CRIME_OVERALL_SUMMARY]

    content = {
        "reducing-crime": (
            CRIME_Q1_OPENING,
            CRIME_Q1_GRID,
            crime_q1_sections(),
            [],
            CRIME_Q1_RECOMMENDATIONS,
            CRIME_Q1_SUMMARY,
        ),
        "investigating-offending": (
            CRIME_Q2_OPENING,
            CRIME_Q2_GRID,
            crime_q2_sections(),
            CRIME_Q2_FOOTNOTES,
            CRIME_Q2_RECOMMENDATIONS,
            CRIME_Q2_SUMMARY,
        ),
        "tackling-asb": (
            CRIME_Q3_OPENING,
            CRIME_Q3_GRID,
            crime_q3_sections(),
            [],
            CRIME_Q3_RECOMMENDATIONS,
            CRIME_Q3_SUMMARY,
        ),
    }
    for question_id, (opening, grid, sections, footnotes, recommendations, bullets) in content.items():
        question = inspection.question(question_id)
        _check_opening(question, opening)
        question.grade = "good"
        question.grid_summary = [P(text) for text in grid]
        question.sections.extend(sections)
        question.footnotes = [footnote.model_copy(deep=True) for footnote in footnotes]
        question.recommendations = [rec.model_copy(deep=True) for rec in recommendations]
        question.summary = summary(*bullets)

    for question_id, items in CRIME_EVIDENCE.items():
        add_evidence(inspection, CRIME_PREFIX, question_id, items)
    return _finish(inspection, CRIME_PREFIX)


# ======================================================================================================
# Hertfordshire PEEL 2016 – Effectiveness
# ======================================================================================================

PEEL_PREFIX = "peel2016"

PEEL_PILLAR_SUMMARY = [
    "Hertfordshire Constabulary has been assessed as requires improvement in respect of its effectiveness at keeping people safe and reducing crime. Our overall judgement is a deterioration on last year, when we judged the force to be good. The force’s approach to preventing crime and to tackling anti-social behaviour and serious and organised crime is effective; how it investigates crime and reduces re-offending needs to improve. However, the force’s response to vulnerable people is inadequate because of serious weaknesses in the way the force assesses risk and how it supports some victims.",
    "Hertfordshire Constabulary is good at preventing crime, tackling anti-social behaviour and keeping people safe. It has devoted resources specifically to policing its community. The force works well with the local community and partner organisations to ensure it has a good understanding of the threats to all sections of its community. But the workforce lacks an evidence base to share good practice on the most effective ways to tackle crime and anti-social behaviour.",
    "The force’s approach to investigating crime and reducing re-offending requires improvement, particularly its initial response, compliance with the Code of Practice for Victims of Crime, and offender management. While most subsequent investigations are effective, supervisors are not reviewing investigations consistently, and we found weaknesses in how the force investigates stalking and harassment cases. The force needs to do more to improve compliance with the code, especially regarding the completion of victims’ personal statements, victim contracts and victim updates. The force is good at protecting the public from the most harmful offenders, but it needs to increase its focus on violent offenders, understand how effective its approach is and have a clear overall direction.",
    "Hertfordshire Constabulary’s effectiveness at protecting those who are vulnerable from harm, and supporting victims, is inadequate. There are serious weaknesses in the way that the force assesses risk at the first point of contact, when the police receive a call. The force implemented the THRIIVES risk assessment process in March this year, but without enough quality assurance or supervision to ensure it is being used effectively. This means that some victims are not getting the support that they need when they need it, and evidence may be lost because officers are not attending incidents in a timely manner. Consequently, the force is not adequately protecting the vulnerable or supporting victims in the way it should.",
    "HMIC also has concerns about how the force supports some of the victims in its area: the victim does not support police action in 41.0 percent of domestic abuse investigations, which is higher than the figure for England and Wales of 35.8 percent. The force is working hard to understand why this is. It has introduced a domestic abuse victim survey and is reviewing its use of the appointment service for domestic abuse victims (which includes scheduled appointments at locations and times that suit the victim, made by officers driving so-called ‘diary’ cars). In the control room we found that in some cases incorrect categorisation of incidents indicated that the right questions had not been asked of the victim. This, together with a lack of searches for additional information and intelligence, means some vulnerable victims may not have been identified and that the provision of safeguarding and investigations delayed. In some instances, we found specialist support should have been provided.",
    "Hertfordshire Constabulary is good at tackling serious and organised crime. The force works well with national and local partner organisations and agencies, for example housing, the National Crime Agency, immigration enforcement, youth offending teams and probation services, to tackle organised crime. The force has the ability not just to pursue and disrupt organised criminals, but also to prevent organised crime from taking root in communities. The force is starting to use its neighbourhood officers to prevent people from becoming involved in organised crime, but it needs to make better use of its powers to prevent organised criminals causing further harm. The force also needs to improve how it gathers and uses intelligence, particularly that held by partner organisations such as HM Revenue and Customs and UK Visas and Immigration. Frontline officers’ knowledge of local organised crime groups could be improved.",
    "The force’s plans for ensuring that it can fulfil its national policing responsibilities are appropriate. The force regularly tests its public order, firearms and civil emergencies response across the region and with partner organisations. It is well prepared to respond to a firearms attack and is increasing its firearms capacity and capability to provide resilience and to support the national response.",
]

PEEL_Q1_NARRATIVE = [
    "Hertfordshire Constabulary is good at preventing crime, tackling anti-social behaviour and keeping people safe. It uses information from across the force and from other local partner organisations to make sure that it has a good understanding of the threats to all sections of its community. Community safety teams work closely with the public, gathering information and acting on local concerns. The force works closely with its key individual network to establish links with communities which may not traditionally have had a high degree of contact with, or trust in, the police.",
    "The force works well with partner organisations to protect communities and victims. It needs to share effective practice more systematically, so that officers and staff have easy access to proven methods of tackling crime and anti-social behaviour. The neighbourhood teams focus on keeping people safe. Officers in these teams have particular responsibilities for vulnerable people in their neighbourhoods, working with partner organisations to tackle crimes such as child sexual exploitation and domestic abuse.",
    "The force does not have enough evidence to show that it is tackling crime and anti-social behaviour effectively. It is working with other partner organisations and the academic community to continue to learn and improve.",
]

PEEL_Q1_AFIS = [
    "The force should ensure that local policing teams routinely engage with all sections of their local communities and undertake structured problem solving alongside partner organisations to prevent crime and anti-social behaviour.",
    "The force should routinely evaluate and share effective practice, both internally and with partner organisations, to improve its approach to the prevention of crime and anti-social behaviour.",
]

PEEL_Q2_NARRATIVE = [
    "Hertfordshire Constabulary’s approach to investigating crime and reducing re-offending requires improvement. The force’s performance has deteriorated since 2015, when HMIC judged it to be good.",
    "The force’s initial investigative response needs to improve. How the control room ensures that it collects and preserves evidence is inconsistent. HMIC is worried about how the force assesses whether officers should attend a call. While most investigations are effective, supervision could be better. The force does, however, prioritise the examination of computers and phones effectively.",
    "The force has invested in the service it offers victims and has developed good processes, but training is not up to date and compliance with aspects of the Code of Practice for Victims of Crime is incomplete.",
    "Hertfordshire Constabulary is good at protecting the public from serious and dangerous offenders, but its management of the most prolific criminals needs to improve. Its integrated offender management scheme has a narrow focus on offenders who commit large numbers of offences rather than on those who cause the most harm. It has good processes for managing the most dangerous offenders and registered sex offenders and works well with other organisations in doing so, but could involve its local neighbourhood teams more.",
]

PEEL_Q2_AFIS = [
    "The force should ensure that it responds with appropriate promptness to reports of crime to enable the effective collection and preservation of evidence.",
    "The force should ensure that there is regular and active supervision of investigations, to improve quality and progress.",
    "The force should ensure that it is fully compliant with the Code of Practice for Victims of Crime.",
    "The force should consider widening its approach to integrated offender management to increase its ability to reduce threat, harm and risk.",
    "The force should ensure that frontline staff are aware of the registered sex offenders in their area, so that they can play a part in monitoring and managing them.",
]

PEEL_Q3_NARRATIVE = [
    "The way in which Hertfordshire Constabulary supports vulnerable victims is inadequate. Its assessment of risk when a call is made to the police is a cause of concern. It has been implementing a recognised risk assessment process since March 2016, but without enough quality assurance and supervision to ensure that it is doing so effectively. This means that some victims are not getting the support when they need it and evidence may be lost because officers are not attending incidents promptly. The force is not protecting all vulnerable victims from harm or supporting victims adequately.",
    "Hertfordshire Constabulary does some things well to protect vulnerable people. It understands the nature and scale of vulnerability in its local areas, but needs to update its profiles. Most officers we spoke to have a good understanding of vulnerable people. Frontline staff have received extensive training on vulnerability, as well as support from specialists and external organisations, and reference documents and briefing notes on the intranet. The force works closely with partner organisations to share information and develop initiatives to protect and support vulnerable people. It has invested substantial additional resources in the domestic abuse investigation unit to provide a better service to victims. The force discusses referrals quickly and efficiently with partner organisations and contributes effectively to multi-agency work with external partner organisations.",
]

PEEL_Q3_CAUSE = CauseOfConcern(
    text="It is a cause of concern to HMIC that some call handlers are not correctly identifying or categorising the level of risk associated with incidents involving vulnerable people. As a result, the force is not responding to these incidents within the appropriate timescales and putting victims at risk.",
    lead_in="To address this cause of concern HMIC recommends that the force should take immediate steps to ensure that:",
    recommendations=[
        Recommendation(
            text="it improves its initial assessment and response to incidents involving all vulnerable people, but particularly victims of domestic abuse, by ensuring that call handlers understand and consistently apply the THRIIVES (threat, harm, risk, investigation, intelligence, vulnerability, engagement, specific need) decision-making model, and are supervised effectively;"
        ),
        Recommendation(
            text="it responds to all incidents on the basis of an initial assessment of risk rather than on the availability of response officers, to ensure victims are kept safe; and"
        ),
        Recommendation(
            text="it improves its initial response to reports of domestic incidents, specifically to cases where police have been unable to attend or attendance has been delayed, so that it reassesses risk and takes appropriate safeguarding action in a timely manner."
        ),
    ],
)

PEEL_Q3_AFIS = [
    "The force still needs to improve the investigation of cases involving vulnerable victims, specifically the quality of investigations and how effectively they are supervised.",
    "The force should review its use of domestic violence prevention orders, domestic violence prevention notices, and Clare’s Law to ensure that it is making best use of these powers to safeguard victims of domestic abuse.",
    "The force should review its process for sharing information with schools about children affected by domestic abuse incidents so that it can do so as quickly and effectively as possible.",
]

PEEL_Q3_NOTES = [
    "As a consequence of the causes of concern set out in the Hertfordshire PEEL: Police effectiveness 2016 report, HMICFRS has re-visited the force to assess the progress made since the initial inspection.",
    "PEEL: Police effectiveness 2016 (vulnerability) revisit – Hertfordshire Constabulary",
]

PEEL_Q4_NARRATIVE = [
    "Hertfordshire Constabulary is good at tackling serious and organised crime. It is improving its response to newer organised crime threats such as human trafficking, cyber-crime and child sexual exploitation. The force tackles high-level serious and organised crime, working closely with the Regional Organised Crime Unit. This ensures well-managed investigations and enables the force to target the most harmful organised crime groups (OCGs) with a range of activity, from prosecuting OCG members to making it harder for the OCG to operate.",
    "How the force gathers and uses intelligence, particularly that held by partner organisations such as HM Revenue and Customs and UK Visas and Immigration, needs to improve. The force tackles OGCs proportionately; its policy on scoring these OCGs for the harm they cause and revisiting this scoring is consistent with national guidance.",
    "The force takes a longer-term approach to OCG management, but could do more to realise the benefits of this approach. Despite good information available on police systems, frontline officers do not have a good knowledge of local OCGs. Raising their awareness could help to achieve a ‘whole force’ approach to tackling organised crime.",
]

PEEL_Q4_AFIS = [
    "The force should further develop its serious and organised crime local profile in conjunction with partner organisations, to enhance its understanding of the threat posed by serious and organised crime and inform joint activity aimed at reducing this threat.",
    "The force should engage routinely with partner agencies at a senior level to enhance intelligence sharing and promote an effective, multi-agency response to serious and organised crime.",
    "The force should complete an action plan for making the best use of the Regional Organised Crime Unit (ROCU), reducing duplication at force level and ensuring that the use of shared ROCU resources is prioritised effectively between forces in the Eastern region.",
    "The force should identify those at risk of being drawn into serious and organised crime, and establish preventative initiatives alongside partner organisations to deter them from offending.",
]

#: "(PDF document)" after "Strategic Policing Requirement" is the web page's note on its link, not report text.
PEEL_Q5_NARRATIVE = [
    "Hertfordshire Constabulary has effective plans for mobilising specialist resources in response to Strategic Policing Requirement threats. These plans are tested on a regular basis and amendments made following the lessons learned from such tests.",
    "The force is well prepared for attacks requiring an armed response. It has recently reviewed its assessment of threat, risk and harm and this now explicitly includes the threats posed by marauding firearms terrorists. The force, together with its strategic alliance partners Bedfordshire Police and Cambridgeshire Constabulary, is increasing its firearms capacity and capability, and is making good progress in doing so.",
]

PEEL_Q5_AFI = AreaForImprovement(
    text="The forces in the strategic alliance should ensure that:",
    sub_points=[
        "question prompts for call takers are sufficient to support them in the event of a marauding terrorist firearms attack;",
        "control room staff take part in local and regional exercises to test the control room response; and",
        "control room inspectors have access to more concise instructions and memorandums.",
    ],
)

# -- PEEL 2016 evidence (illustrative) ------------------------------------------------------------------

_SUMMARY = "the pillar summary"

PEEL_EVIDENCE: dict[str, list[Evidence]] = {
    "preventing-crime": [
        Evidence(
            "PEEL16-Q1-01",
            SourceType.DOCUMENT_REVIEW,
            "Force and partner information on threats to communities",
            "The force’s assessments of threat drawing on its own and its partners’ information.",
            [
                (
                    _Q1,
                    "It uses information from across the force and from other local partner organisations to make sure that it has a good understanding of the threats to all sections of its community.",
                )
            ],
            dt.date(2016, 9, 12),
            cites=[("para", "It uses information from across the force")],
            diagnostic_id="1.1",
        ),
        Evidence(
            "PEEL16-Q1-02",
            SourceType.FOCUS_GROUP,
            "Focus group: community safety teams",
            "A focus group with members of community safety teams about their work with the public.",
            [
                (
                    _Q1,
                    "Community safety teams work closely with the public, gathering information and acting on local concerns.",
                )
            ],
            dt.date(2016, 9, 27),
            cites=[("para", "Community safety teams work closely"), ("afi", 0)],
            diagnostic_id="1.2",
        ),
        Evidence(
            "PEEL16-Q1-03",
            SourceType.INTERVIEW,
            "Interview: key individual network",
            "An interview about the force’s key individual network and its reach into communities.",
            [
                (
                    _Q1,
                    "The force works closely with its key individual network to establish links with communities which may not traditionally have had a high degree of contact with, or trust in, the police.",
                )
            ],
            dt.date(2016, 9, 28),
            cites=[("para", "key individual network"), ("afi", 0)],
            diagnostic_id="1.1",
        ),
        Evidence(
            "PEEL16-Q1-04",
            SourceType.INTERVIEW,
            "Interviews: neighbourhood teams and partners on vulnerable people",
            "Interviews with neighbourhood officers and partner organisations about protecting vulnerable people.",
            [
                (
                    _Q1,
                    "Officers in these teams have particular responsibilities for vulnerable people in their neighbourhoods, working with partner organisations to tackle crimes such as child sexual exploitation and domestic abuse.",
                )
            ],
            dt.date(2016, 9, 29),
            cites=[("para", "particular responsibilities for vulnerable people")],
            diagnostic_id="1.2",
        ),
        Evidence(
            "PEEL16-Q1-05",
            SourceType.DOCUMENT_REVIEW,
            "Evaluation of crime prevention activity",
            "The force’s evaluations of what works in tackling crime and anti-social behaviour.",
            [
                (
                    _Q1,
                    "The force does not have enough evidence to show that it is tackling crime and anti-social behaviour effectively.",
                ),
                (
                    _SUMMARY,
                    "But the workforce lacks an evidence base to share good practice on the most effective ways to tackle crime and anti-social behaviour.",
                ),
            ],
            dt.date(2016, 9, 14),
            cites=[("para", "does not have enough evidence"), ("afi", 1)],
            diagnostic_id="1.2",
        ),
    ],
    "investigating-crime": [
        Evidence(
            "PEEL16-Q2-01",
            SourceType.OBSERVATION,
            "Control room: collecting and preserving evidence",
            "Inspectors observed control room staff handling reports of crime.",
            [(_Q2, "How the control room ensures that it collects and preserves evidence is inconsistent.")],
            dt.date(2016, 10, 4),
            cites=[("para", "How the control room ensures"), ("afi", 0)],
            diagnostic_id="2.1",
        ),
        Evidence(
            "PEEL16-Q2-02",
            SourceType.CASE_FILE_REVIEW,
            "Review of investigation files",
            "Investigation files reviewed for quality and supervision.",
            [
                (_Q2, "While most investigations are effective, supervision could be better."),
                (
                    _SUMMARY,
                    "While most subsequent investigations are effective, supervisors are not reviewing investigations consistently, and we found weaknesses in how the force investigates stalking and harassment cases.",
                ),
            ],
            dt.date(2016, 10, 5),
            cites=[("para", "While most investigations are effective"), ("afi", 1)],
            diagnostic_id="2.2",
        ),
        Evidence(
            "PEEL16-Q2-03",
            SourceType.DOCUMENT_REVIEW,
            "Compliance with the Code of Practice for Victims of Crime",
            "Force records of victim personal statements, victim contracts and victim updates.",
            [
                (_Q2, "compliance with aspects of the Code of Practice for Victims of Crime is incomplete."),
                (
                    _SUMMARY,
                    "The force needs to do more to improve compliance with the code, especially regarding the completion of victims’ personal statements, victim contracts and victim updates.",
                ),
            ],
            dt.date(2016, 9, 20),
            cites=[("para", "The force has invested in the service it offers victims"), ("afi", 2)],
            diagnostic_id="2.2",
        ),
        Evidence(
            "PEEL16-Q2-04",
            SourceType.INTERVIEW,
            "Interview: integrated offender management",
            "An interview with the leads for integrated offender management about how offenders are selected.",
            [
                (
                    _Q2,
                    "Its integrated offender management scheme has a narrow focus on offenders who commit large numbers of offences rather than on those who cause the most harm.",
                )
            ],
            dt.date(2016, 10, 11),
            cites=[("para", "integrated offender management scheme has a narrow focus"), ("afi", 3)],
            diagnostic_id="2.3",
        ),
        Evidence(
            "PEEL16-Q2-05",
            SourceType.FOCUS_GROUP,
            "Focus group: neighbourhood officers on registered sex offenders",
            "A focus group with neighbourhood officers about managing dangerous and sexual offenders in their area.",
            [
                (
                    _Q2,
                    "It has good processes for managing the most dangerous offenders and registered sex offenders and works well with other organisations in doing so, but could involve its local neighbourhood teams more.",
                )
            ],
            dt.date(2016, 10, 12),
            cites=[("para", "could involve its local neighbourhood teams more"), ("afi", 4)],
            diagnostic_id="2.3",
        ),
    ],
    "protecting-vulnerable": [
        Evidence(
            "PEEL16-Q3-01",
            SourceType.OBSERVATION,
            "Control room: categorisation of incidents",
            "Inspectors observed call handlers categorising incidents in the control room.",
            [
                (
                    _SUMMARY,
                    "In the control room we found that in some cases incorrect categorisation of incidents indicated that the right questions had not been asked of the victim.",
                )
            ],
            dt.date(2016, 10, 18),
            cites=[("cause", 0), ("cause_rec", 0, 0)],
            diagnostic_id="3.1",
        ),
        Evidence(
            "PEEL16-Q3-02",
            SourceType.DOCUMENT_REVIEW,
            "THRIIVES risk assessment: implementation and quality assurance",
            "Force documents on the introduction of the THRIIVES risk assessment process and its quality assurance.",
            [
                (
                    _Q3,
                    "It has been implementing a recognised risk assessment process since March 2016, but without enough quality assurance and supervision to ensure that it is doing so effectively.",
                ),
            ],
            dt.date(2016, 9, 21),
            cites=[
                ("para", "It has been implementing a recognised risk assessment process"),
                ("cause", 0),
                ("cause_rec", 0, 0),
            ],
            diagnostic_id="3.1",
        ),
        Evidence(
            "PEEL16-Q3-03",
            SourceType.CASE_FILE_REVIEW,
            "Incident records: delayed attendance",
            "Incident records reviewed for the time taken to attend vulnerable victims.",
            [
                (
                    _Q3,
                    "This means that some victims are not getting the support when they need it and evidence may be lost because officers are not attending incidents promptly.",
                )
            ],
            dt.date(2016, 10, 19),
            cites=[
                ("para", "It has been implementing a recognised risk assessment process"),
                ("cause_rec", 0, 1),
                ("cause_rec", 0, 2),
            ],
            diagnostic_id="3.2",
        ),
        Evidence(
            "PEEL16-Q3-04",
            SourceType.DATA,
            "Domestic abuse investigations without the victim’s support",
            "Force and national figures for domestic abuse investigations where the victim does not support police action.",
            [
                (
                    _SUMMARY,
                    "the victim does not support police action in 41.0 percent of domestic abuse investigations, which is higher than the figure for England and Wales of 35.8 percent.",
                )
            ],
            dt.date(2016, 9, 22),
            cites=[("afi", 0)],
            diagnostic_id="3.3",
        ),
        Evidence(
            "PEEL16-Q3-05",
            SourceType.FOCUS_GROUP,
            "Focus group: officers’ understanding of vulnerability",
            "A focus group with frontline officers about vulnerability and the training they have received.",
            [(_Q3, "Most officers we spoke to have a good understanding of vulnerable people.")],
            dt.date(2016, 10, 20),
            cites=[("para", "Most officers we spoke to")],
            diagnostic_id="3.1",
        ),
        Evidence(
            "PEEL16-Q3-06",
            SourceType.INTERVIEW,
            "Interviews with partner organisations: referrals",
            "Interviews with partner organisations about referrals and multi-agency work.",
            [
                (
                    _Q3,
                    "The force discusses referrals quickly and efficiently with partner organisations and contributes effectively to multi-agency work with external partner organisations.",
                )
            ],
            dt.date(2016, 10, 25),
            cites=[("para", "The force discusses referrals quickly")],
            diagnostic_id="3.3",
        ),
    ],
    "serious-organised-crime": [
        Evidence(
            "PEEL16-Q4-01",
            SourceType.INTERVIEW,
            "Interview: Regional Organised Crime Unit",
            "An interview about joint work with the Regional Organised Crime Unit.",
            [
                (
                    "question 4",
                    "The force tackles high-level serious and organised crime, working closely with the Regional Organised Crime Unit.",
                )
            ],
            dt.date(2016, 10, 26),
            cites=[("para", "working closely with the Regional Organised Crime Unit"), ("afi", 2)],
            diagnostic_id="4.2",
        ),
        Evidence(
            "PEEL16-Q4-02",
            SourceType.DOCUMENT_REVIEW,
            "Organised crime group scoring policy",
            "The force’s policy for scoring organised crime groups for harm, compared with national guidance.",
            [
                (
                    "question 4",
                    "its policy on scoring these OCGs for the harm they cause and revisiting this scoring is consistent with national guidance.",
                )
            ],
            dt.date(2016, 9, 26),
            cites=[("para", "its policy on scoring these OCGs")],
            diagnostic_id="4.1",
        ),
        Evidence(
            "PEEL16-Q4-03",
            SourceType.INTERVIEW,
            "Interviews with partner agencies: intelligence sharing",
            "Interviews with partner agencies about the intelligence they hold and share with the force.",
            [
                (
                    "question 4",
                    "How the force gathers and uses intelligence, particularly that held by partner organisations such as HM Revenue and Customs and UK Visas and Immigration, needs to improve.",
                )
            ],
            dt.date(2016, 10, 27),
            cites=[("para", "How the force gathers and uses intelligence"), ("afi", 0), ("afi", 1)],
            diagnostic_id="4.1",
        ),
        Evidence(
            "PEEL16-Q4-04",
            SourceType.FOCUS_GROUP,
            "Focus group: frontline officers’ knowledge of local OCGs",
            "A focus group with frontline officers about the organised crime groups in their area.",
            [
                (
                    "question 4",
                    "Despite good information available on police systems, frontline officers do not have a good knowledge of local OCGs.",
                )
            ],
            dt.date(2016, 11, 1),
            cites=[("para", "frontline officers do not have a good knowledge")],
            diagnostic_id="4.2",
        ),
        Evidence(
            "PEEL16-Q4-05",
            SourceType.DOCUMENT_REVIEW,
            "Prevention of involvement in organised crime",
            "Force plans for deterring people from being drawn into organised crime.",
            [
                (
                    _SUMMARY,
                    "The force is starting to use its neighbourhood officers to prevent people from becoming involved in organised crime, but it needs to make better use of its powers to prevent organised criminals causing further harm.",
                )
            ],
            dt.date(2016, 9, 30),
            cites=[("afi", 3)],
            diagnostic_id="4.2",
        ),
    ],
    "specialist-capabilities": [
        Evidence(
            "PEEL16-Q5-01",
            SourceType.DOCUMENT_REVIEW,
            "Plans for mobilising specialist resources",
            "The force’s plans for mobilising specialist resources against Strategic Policing Requirement threats.",
            [
                (
                    "question 5",
                    "Hertfordshire Constabulary has effective plans for mobilising specialist resources in response to Strategic Policing Requirement threats.",
                )
            ],
            dt.date(2016, 10, 3),
            cites=[("para", "effective plans for mobilising specialist resources")],
        ),
        Evidence(
            "PEEL16-Q5-02",
            SourceType.DOCUMENT_REVIEW,
            "Exercise records and lessons learned",
            "Records of exercises testing the force’s response and the changes made after them.",
            [
                (
                    "question 5",
                    "These plans are tested on a regular basis and amendments made following the lessons learned from such tests.",
                ),
                (
                    _SUMMARY,
                    "The force regularly tests its public order, firearms and civil emergencies response across the region and with partner organisations.",
                ),
            ],
            dt.date(2016, 10, 10),
            cites=[("para", "These plans are tested on a regular basis")],
        ),
        Evidence(
            "PEEL16-Q5-03",
            SourceType.OBSERVATION,
            "Control room: armed response preparedness",
            "Inspectors observed the control room’s arrangements for a marauding terrorist firearms attack.",
            [
                (
                    "question 5, area for improvement",
                    "question prompts for call takers are sufficient to support them in the event of a marauding terrorist firearms attack;",
                )
            ],
            dt.date(2016, 11, 2),
            cites=[("afi", 0)],
        ),
        Evidence(
            "PEEL16-Q5-04",
            SourceType.INTERVIEW,
            "Interview: firearms capacity and capability in the strategic alliance",
            "An interview about the alliance’s programme to increase firearms capacity and capability.",
            [
                (
                    "question 5",
                    "The force, together with its strategic alliance partners Bedfordshire Police and Cambridgeshire Constabulary, is increasing its firearms capacity and capability, and is making good progress in doing so.",
                )
            ],
            dt.date(2016, 11, 3),
            cites=[("para", "together with its strategic alliance partners")],
        ),
    ],
}


def build_peel_2016() -> Inspection:
    """The Hertfordshire PEEL 2016 Effectiveness page (last updated 02/03/2017), entered whole."""
    inspection = new_inspection(
        bundled.load_framework("peel-2016-effectiveness"), FORCE_NAME, force_short_name=FORCE_SHORT_NAME
    )
    inspection.status = Status.FINAL
    inspection.created = dt.date(2016, 9, 1)
    inspection.published = dt.date(2017, 3, 2)

    pillar = inspection.pillar("effectiveness")
    pillar.grade = "requires_improvement"
    pillar.last_year_grade = "good"  # "a deterioration on last year, when we judged the force to be good"
    pillar.summary = [P(text) for text in PEEL_PILLAR_SUMMARY]

    content = {
        "preventing-crime": ("good", PEEL_Q1_NARRATIVE, afis(*PEEL_Q1_AFIS)),
        "investigating-crime": ("requires_improvement", PEEL_Q2_NARRATIVE, afis(*PEEL_Q2_AFIS)),
        "protecting-vulnerable": ("inadequate", PEEL_Q3_NARRATIVE, afis(*PEEL_Q3_AFIS)),
        "serious-organised-crime": ("good", PEEL_Q4_NARRATIVE, afis(*PEEL_Q4_AFIS)),
        "specialist-capabilities": (UNGRADED, PEEL_Q5_NARRATIVE, [PEEL_Q5_AFI.model_copy(deep=True)]),
    }
    for question_id, (grade, narrative, areas) in content.items():
        question = inspection.question(question_id)
        question.grade = grade
        question.sections = [section("", *(P(text) for text in narrative))]
        question.areas_for_improvement = areas

    # "The force’s performance has deteriorated since 2015, when HMIC judged it to be good."
    inspection.question("investigating-crime").last_year_grade = "good"
    vulnerable = inspection.question("protecting-vulnerable")
    vulnerable.causes_of_concern = [PEEL_Q3_CAUSE.model_copy(deep=True)]
    vulnerable.notes = [P(text) for text in PEEL_Q3_NOTES]

    for question_id, items in PEEL_EVIDENCE.items():
        add_evidence(inspection, PEEL_PREFIX, question_id, items)
    return _finish(inspection, PEEL_PREFIX)


# ======================================================================================================


def _finish(inspection: Inspection, prefix: str) -> Inspection:
    """Deterministic ids, then a full re-validation (as loading the file would do)."""
    assign_ids(inspection, prefix)
    return Inspection.model_validate(inspection.model_dump())


BUILDERS = {CRIME_SAMPLE: build_crime_2014, PEEL_SAMPLE: build_peel_2016}


def write_samples(directory: Path | str = DEFAULT_OUTPUT) -> list[Path]:
    """Build both samples and save them as ``<name>.inspection`` in ``directory``; returns the paths."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, build in BUILDERS.items():
        path = directory / f"{name}.inspection"
        save_inspection(build(), path)
        paths.append(path)
    return paths


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "-o", "--output", type=Path, default=DEFAULT_OUTPUT, help="folder to write the samples to"
    )
    args = parser.parse_args(argv)
    for path in write_samples(args.output):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
