"""The report's judgements at a glance: the grid (one column per question, 2014) and the table (one row per
question, for programmes with many questions, where a grid's narrow columns break words)."""

from __future__ import annotations

from ...domain.blocks import Paragraph
from ...domain.grades import direction_of_travel
from ...domain.inspection import QuestionAssessment
from ...domain.report_layout import JudgementsTable
from .. import outline as O
from .. import styles as S
from .common import Context, fixed, grade_box, notes_of, paragraphs, source, strip_markers, text_cell

#: Under a grade in the grid when the judgement is carried over from last year.
CARRIED_OVER_CELL = "Carried over from last year"
#: The table's columns: the question, this year's grade, and where asked last year's and the direction.
TABLE_COLUMNS = ("Question", "Grade")
TABLE_LAST_YEAR_COLUMNS = ("Last year", "Direction of travel")
#: The table's column widths (twentieths of a point; the table fills the text width): the question widest.
TABLE_WIDTHS = (6526, 2500)
TABLE_LAST_YEAR_WIDTHS = (3526, 2300, 1300, 1900)


#: The most questions the grid gives a column each; past it a column is narrower than "Requires
#: improvement" and Word breaks words mid-word ("Goo/d"), so the grid turns: one row per question.
GRID_COLUMNS_MAX = 5
GRID_ROW_COLUMNS = ("Question", "Grade", "Summary")
GRID_ROW_WIDTHS = (3026, 2300, 3700)


def judgement_grid(ctx: Context) -> None:
    """One column per question: the question, its grade (its box style colours the cell), a short summary;
    one row per question when there are more than :data:`GRID_COLUMNS_MAX`."""
    framework, inspection = ctx.framework, ctx.inspection
    header = []
    grades = []
    summaries = []
    for question in framework.questions():
        assessment = inspection.question(question.id)
        header.append(text_cell(question.text, fixed(question.id)))
        where = source(assessment.id, "grade", question.id)
        grade: tuple[O.CellContent, ...] = (grade_box(framework, assessment.grade, where),)
        if assessment.carried_over:
            grade += (O.Paragraph((CARRIED_OVER_CELL,), S.TABLE_TEXT, fixed(question.id)),)
        grades.append(O.TableCell(grade))  # its colours come from the style "Grade … Cell"
        summaries.append(O.TableCell(_grid_summary(assessment)))
    if len(header) <= GRID_COLUMNS_MAX:
        ctx.add(O.Table((tuple(header), tuple(grades), tuple(summaries))))
    else:
        names = tuple(text_cell(name) for name in GRID_ROW_COLUMNS)
        rows = (names, *zip(header, grades, summaries, strict=True))
        ctx.add(O.Table(rows, header_rows=1, widths=GRID_ROW_WIDTHS))


def _grid_summary(assessment: QuestionAssessment) -> tuple[O.CellContent, ...]:
    notes = notes_of(assessment)
    qid = assessment.question_id
    content: list[O.CellContent] = []
    if assessment.grid_summary:
        for p in assessment.grid_summary:
            if isinstance(p, Paragraph):
                content += paragraphs(strip_markers(p.text, notes), S.TABLE_TEXT, source(p.id, "text", qid))
        return tuple(content)
    for item in assessment.summary:
        content += (
            O.Bullet(para.runs, 0, para.source)
            for para in paragraphs(
                strip_markers(item.text, notes), S.TABLE_TEXT, source(item.id, "text", qid)
            )
        )
    return tuple(content)


def judgements_table(ctx: Context, section: JudgementsTable) -> None:
    """One row per question: its number and wording, its grade; last year's grade and the direction of
    travel too where the section asks and the programme compares with last year."""
    framework, inspection = ctx.framework, ctx.inspection
    scale = framework.scale
    last_year = section.last_year and framework.report.compare_with_last_year
    numbered = framework.report.spec.question.numbered
    columns = TABLE_COLUMNS + (TABLE_LAST_YEAR_COLUMNS if last_year else ())
    rows: list[tuple[O.TableCell, ...]] = [tuple(text_cell(name) for name in columns)]
    for question in framework.questions():
        assessment = inspection.question(question.id)
        where = source(assessment.id, "grade", question.id)
        grade: tuple[O.CellContent, ...] = (grade_box(framework, assessment.grade, where),)
        if assessment.carried_over:
            grade += (O.Paragraph((CARRIED_OVER_CELL,), S.TABLE_TEXT, fixed(question.id)),)
        wording = f"{question.number}. {question.text}" if numbered else question.text
        pillar = framework.pillar_of(question.id) if len(framework.pillars) > 1 else None
        if pillar is not None:  # each pillar numbers its questions from 1
            wording = f"{pillar.title}: {wording}"
        row = [text_cell(wording, fixed(question.id)), O.TableCell(grade)]
        if last_year:
            previous = assessment.last_year_grade
            travel = direction_of_travel(scale, assessment.grade, previous)
            row.append(text_cell(scale.label(previous) if previous else "", fixed(question.id)))
            row.append(text_cell(travel.value.capitalize() if travel else "", fixed(question.id)))
        rows.append(tuple(row))
    ctx.add(O.Table(tuple(rows), header_rows=1, widths=TABLE_LAST_YEAR_WIDTHS if last_year else TABLE_WIDTHS))
