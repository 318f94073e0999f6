"""A large synthetic inspection for benchmarks and stress tests, reproducible from a seed.

    python benchmarks/make_large.py [-n 10000] [--seed 0] [--framework peel-2016-effectiveness] [-o large.inspection]

``make_large(n_evidence, seed)`` builds, through the domain model, an inspection with ``n_evidence`` evidence
items spread over every question, diagnostic and source type; several narrative sections per question with
paragraphs of a few hundred words (and the odd bullet list, figure and data table); grid summaries, summary
bullets, areas for improvement with nested points, causes of concern with lettered recommendations,
stand-alone recommendations, footnotes, notes; and citations from the findings to the evidence.

Everything comes from ``random.Random(seed)``: record ids are uuids drawn from it and every date is fixed,
so the same arguments give the same inspection (and the same file bytes). The words are filler drawn from
a policing vocabulary: the inspection is meant to be large, not to be read.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import uuid
from pathlib import Path

from pydantic import BaseModel

from inspector_app import bundled
from inspector_app.domain.blocks import Block, Bullet, Cites, DataTable, Figure, Paragraph, Record
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
    Status,
    SummaryItem,
    new_inspection,
)
from inspector_app.storage.inspection_file import save_inspection

DEFAULT_FRAMEWORK = "peel-2016-effectiveness"
CREATED = dt.date(2024, 1, 15)
FIELDWORK_START = dt.date(2024, 2, 5)
FIELDWORK_END = dt.date(2024, 4, 26)
PUBLISHED = dt.date(2024, 7, 18)

_WORDS = [
    "force",
    "constabulary",
    "officers",
    "staff",
    "supervisors",
    "investigators",
    "victims",
    "offenders",
    "partners",
    "community",
    "neighbourhood",
    "teams",
    "response",
    "control",
    "room",
    "call",
    "handlers",
    "risk",
    "harm",
    "threat",
    "vulnerability",
    "safeguarding",
    "domestic",
    "abuse",
    "anti-social",
    "behaviour",
    "burglary",
    "investigation",
    "evidence",
    "intelligence",
    "analysis",
    "priorities",
    "problem",
    "solving",
    "prevention",
    "tactics",
    "powers",
    "referrals",
    "assessment",
    "training",
    "workload",
    "demand",
    "resources",
    "performance",
    "scrutiny",
    "oversight",
    "governance",
    "strategy",
    "plan",
    "review",
    "quality",
    "timeliness",
    "compliance",
    "code",
    "practice",
    "guidance",
    "local",
    "regional",
    "national",
    "multi-agency",
    "safeguarding",
    "hub",
    "integrated",
    "offender",
    "management",
    "organised",
    "crime",
    "groups",
    "exploitation",
    "missing",
    "persons",
    "mental",
    "health",
    "schools",
    "housing",
    "health",
    "services",
    "consistently",
    "effectively",
    "routinely",
    "promptly",
    "appropriately",
    "thoroughly",
    "occasionally",
    "rarely",
    "widely",
    "good",
    "clear",
    "strong",
    "limited",
    "variable",
    "adequate",
    "inconsistent",
    "effective",
    "proactive",
    "detailed",
    "structured",
    "improves",
    "reviews",
    "records",
    "shares",
    "supports",
    "identifies",
    "manages",
    "monitors",
    "understands",
    "responds",
    "attends",
    "the",
    "the",
    "the",
    "of",
    "of",
    "of",
    "and",
    "and",
    "and",
    "to",
    "to",
    "in",
    "in",
    "a",
    "a",
    "is",
    "is",
    "that",
    "for",
    "with",
    "on",
    "by",
    "as",
    "are",
]
_THEMES = (
    "Understanding the threat",
    "Working with communities",
    "Preventing crime and anti-social behaviour",
    "Initial investigative response",
    "Subsequent investigation",
    "Supervision and quality assurance",
    "Victim care",
    "Reducing re-offending",
    "Identifying vulnerability",
    "Working with partners",
    "Intelligence",
    "Leadership and culture",
)
_TIMESCALES = ("Within three months", "Within six months", "By March 2025", "Immediately", "")
_COLLECTORS = ("A. Inspector", "B. Inspector", "C. Analyst", "D. Staff officer", "HMIC inspection team")
_AUTHORS = ["A. Inspector", "B. Inspector", "C. Analyst"]


class _Generator:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def uid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def words(self, low: int, high: int) -> str:
        return " ".join(self.rng.choices(_WORDS, k=self.rng.randint(low, high)))

    def sentence(self, low: int = 10, high: int = 26) -> str:
        text = self.words(low, high)
        return text[0].upper() + text[1:] + "."

    def paragraph(self, low: int = 150, high: int = 350) -> str:
        """About ``low``..``high`` words, in sentences."""
        target, sentences, count = self.rng.randint(low, high), [], 0
        while count < target:
            sentence = self.sentence()
            sentences.append(sentence)
            count += sentence.count(" ") + 1
        return " ".join(sentences)

    def date(self, start: dt.date, end: dt.date) -> dt.date:
        return start + dt.timedelta(days=self.rng.randint(0, (end - start).days))


def _section_blocks(gen: _Generator, number: int) -> list[Block]:
    rng = gen.rng
    blocks: list[Block] = [Paragraph(id=gen.uid(), text=gen.paragraph()) for _ in range(rng.randint(3, 6))]
    if rng.random() < 0.5:
        at = rng.randint(1, len(blocks))
        bullets = [Bullet(id=gen.uid(), text=gen.sentence(), level=0) for _ in range(rng.randint(2, 5))]
        bullets.insert(1, Bullet(id=gen.uid(), text=gen.sentence(), level=1))
        blocks[at:at] = bullets
    if rng.random() < 0.25:
        blocks.insert(
            rng.randint(0, len(blocks)),
            Figure(id=gen.uid(), caption=f"Figure {number}: {gen.sentence(6, 12)}"),
        )
    if rng.random() < 0.25:
        columns = [
            "12 months to March 2024",
            "Force rate (per 1,000 population)",
            "England and Wales rate (per 1,000 population)",
        ]
        rows = [
            [gen.words(2, 4).capitalize(), f"{rng.uniform(0, 90):.1f}", f"{rng.uniform(0, 90):.1f}"]
            for _ in range(rng.randint(3, 8))
        ]
        table = DataTable(
            id=gen.uid(),
            caption=f"Table {number}",
            columns=columns,
            rows=rows,
            note="*" + gen.sentence(8, 20),
        )
        blocks.insert(rng.randint(0, len(blocks)), table)
    return blocks


def _cite(gen: _Generator, record: Cites, pool: list[uuid.UUID], low: int, high: int) -> None:
    if pool:
        record.evidence_ids = gen.rng.sample(pool, min(len(pool), gen.rng.randint(low, high)))


def make_large(n_evidence: int = 10_000, seed: int = 0, framework_id: str = DEFAULT_FRAMEWORK) -> Inspection:
    """A valid synthetic inspection with ``n_evidence`` evidence items; the same arguments give the same one."""
    gen = _Generator(seed)
    rng = gen.rng
    framework = bundled.load_framework(framework_id)
    inspection = new_inspection(
        framework,
        "Synthetic Constabulary",
        force_short_name="Synthetic",
        authors=list(_AUTHORS),
        fieldwork_start=FIELDWORK_START,
        fieldwork_end=FIELDWORK_END,
    )
    inspection.created = CREATED
    inspection.published = PUBLISHED
    inspection.status = Status.IN_REVIEW
    grades = [grade.id for grade in framework.scale.grades]
    core = {q.id: q for q in framework.questions()}

    # Evidence first, spread round-robin over questions (then diagnostics and source types at random).
    question_ids = list(core)
    source_types = list(SourceType)
    pools: dict[str, list[uuid.UUID]] = {question_id: [] for question_id in question_ids}
    for n in range(n_evidence):
        question = core[question_ids[n % len(question_ids)]]
        diagnostics = [None, *(d.id for d in question.diagnostics)]
        item = EvidenceItem(
            id=gen.uid(),
            source_type=source_types[(n // len(question_ids)) % len(source_types)],
            title=gen.words(3, 9).capitalize(),
            text=" ".join(gen.sentence() for _ in range(rng.randint(2, 7))),
            date=gen.date(FIELDWORK_START, FIELDWORK_END),
            collector=rng.choice(_COLLECTORS),
            reference=f"EV-{n + 1:05d}",
            question_id=question.id,
            diagnostic_id=rng.choice(diagnostics),
            illustrative=True,
        )
        inspection.evidence.append(item)
        pools[question.id].append(item.id)

    for pillar in inspection.pillars:
        framework_pillar = framework.pillar(pillar.pillar_id)
        if framework_pillar is not None and framework_pillar.graded:
            pillar.grade = rng.choice(grades)
            pillar.last_year_grade = rng.choice([None, *grades])
        pillar.summary = [
            Paragraph(id=gen.uid(), text=gen.paragraph(60, 160)) for _ in range(rng.randint(4, 7))
        ]

    for number, question in enumerate(inspection.questions, start=1):
        pool = pools[question.question_id]
        graded = core[question.question_id].graded
        question.grade = rng.choice(grades) if graded else UNGRADED
        question.last_year_grade = rng.choice([None, *grades]) if graded else None
        candidates = list(dict.fromkeys([*core[question.question_id].suggested_themes, *_THEMES]))
        themes = rng.sample(candidates, rng.randint(3, 6))
        for theme in themes:
            question.sections.append(
                NarrativeSection(id=gen.uid(), theme=theme, blocks=_section_blocks(gen, number))
            )
        for section in question.sections:
            for block in section.blocks:
                if isinstance(block, (Paragraph, Bullet)) and rng.random() < 0.6:
                    _cite(gen, block, pool, 1, 4)
        # A footnote, referenced from the first paragraph of the last section.
        label = str(number)
        first = next(b for b in question.sections[-1].blocks if isinstance(b, Paragraph))
        first.text = first.text.replace(".", f"[^{label}].", 1)
        question.footnotes = [Footnote(id=gen.uid(), label=label, text=gen.sentence(12, 40))]
        question.grid_summary = [
            Paragraph(id=gen.uid(), text=gen.paragraph(30, 70)) for _ in range(rng.randint(2, 4))
        ]
        question.summary = [
            SummaryItem(id=gen.uid(), text=gen.paragraph(25, 60)) for _ in range(rng.randint(3, 6))
        ]
        question.areas_for_improvement = [
            AreaForImprovement(
                id=gen.uid(),
                text="The force should " + gen.words(15, 40) + ".",
                sub_points=[gen.words(8, 20) + ";" for _ in range(rng.choice([0, 0, 0, 2, 3]))],
            )
            for _ in range(rng.randint(3, 7))
        ]
        if graded:
            question.causes_of_concern = [
                CauseOfConcern(
                    id=gen.uid(),
                    text="It is a cause of concern that " + gen.words(20, 60) + ".",
                    lead_in="To address this cause of concern we recommend that the force should ensure that:",
                    recommendations=[
                        Recommendation(
                            id=gen.uid(),
                            text=gen.words(15, 40) + ";",
                            timescale=rng.choice(_TIMESCALES),
                            sub_points=[gen.words(8, 25) + ";" for _ in range(rng.choice([0, 2, 3, 4]))],
                        )
                        for _ in range(rng.randint(2, 4))
                    ],
                )
                for _ in range(rng.randint(1, 2))
            ]
        question.recommendations = []
        for _ in range(rng.randint(1, 3)):
            timescale = rng.choice(_TIMESCALES)
            text = f"{timescale + ' ' if timescale else ''}the force should {gen.words(15, 40)} which will ensure that:"
            question.recommendations.append(
                Recommendation(
                    id=gen.uid(),
                    text=text[0].upper() + text[1:],
                    timescale=timescale,
                    sub_points=[gen.words(8, 25) + ";" for _ in range(rng.randint(2, 4))],
                )
            )
        question.notes = [Paragraph(id=gen.uid(), text=gen.sentence(15, 30))] if rng.random() < 0.3 else []
        findings: list[Cites] = [
            *question.summary,
            *question.areas_for_improvement,
            *question.recommendations,
        ]
        for cause in question.causes_of_concern:
            findings += [cause, *cause.recommendations]
        for finding in findings:
            _cite(gen, finding, pool, 1, 8)

    _replace_ids(inspection, gen)
    return Inspection.model_validate(inspection.model_dump())


def _replace_ids(inspection: Inspection, gen: _Generator) -> None:
    """Ids drawn from the seed for every record but evidence (new_inspection made some with uuid4, the
    framework snapshot's blocks included). Only evidence is ever cited, so no citation needs rewriting."""

    def walk(model: BaseModel) -> None:
        if isinstance(model, Record) and not isinstance(model, EvidenceItem):
            model.id = gen.uid()
        for name in type(model).model_fields:
            value = getattr(model, name)
            if isinstance(value, BaseModel):
                walk(value)
            elif isinstance(value, list):
                for item in value:
                    if isinstance(item, BaseModel):
                        walk(item)

    walk(inspection)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=10_000, help="number of evidence items (default 10000)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument(
        "--framework",
        default=DEFAULT_FRAMEWORK,
        choices=bundled.framework_ids(),
        help=f"bundled framework to use (default {DEFAULT_FRAMEWORK})",
    )
    parser.add_argument("-o", "--output", type=Path, default=Path("large.inspection"), help="file to write")
    args = parser.parse_args(argv)
    if args.n < 0:
        parser.error("-n must be 0 or more")
    inspection = make_large(args.n, seed=args.seed, framework_id=args.framework)
    save_inspection(inspection, args.output)
    size = args.output.stat().st_size
    print(f"Wrote {args.output}: {args.n:,} evidence items, {size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
