"""The evidence table model and its filter proxy, without any widget: signals, edits, sorting, filtering."""

from __future__ import annotations

import datetime as dt
import random
import uuid

import pytest
from PySide6.QtCore import QDate, QPersistentModelIndex, Qt
from support.documents import CRIME_SAMPLE, PEEL_SAMPLE, new_document, sample_document

from inspector_app.domain.changes import Change, ChangeKind
from inspector_app.domain.inspection import EvidenceItem, SourceType
from inspector_app.gui.commands import AddEvidence, DeleteEvidence, UpdateEvidence, update_evidence
from inspector_app.gui.document import InspectionDocument
from inspector_app.gui.evidence_filter import NONE, EvidenceFilterProxy
from inspector_app.gui.evidence_format import format_date, question_label
from inspector_app.gui.evidence_model import (
    COLLECTOR,
    COLUMN_COUNT,
    DATE,
    DIAGNOSTIC,
    ID_ROLE,
    QUESTION,
    REFERENCE,
    SORT_ROLE,
    SOURCE_TYPE,
    TEXT,
    TEXT_COLUMNS,
    TITLE,
    EvidenceTableModel,
)

ASC, DESC = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder


def make(document: InspectionDocument) -> tuple[EvidenceTableModel, EvidenceFilterProxy]:
    model = EvidenceTableModel(document)
    proxy = EvidenceFilterProxy()
    proxy.setSourceModel(model)
    return model, proxy


def ids(model) -> list[uuid.UUID]:
    return [model.index(row, 0).data(ID_ROLE) for row in range(model.rowCount())]


def document_ids(document: InspectionDocument) -> list[uuid.UUID]:
    return [item.id for item in document.inspection.evidence]


class Spy:
    """Records the structural signals of a model as tuples."""

    def __init__(self, model) -> None:
        self.events: list[tuple] = []
        model.rowsInserted.connect(lambda parent, first, last: self.events.append(("inserted", first, last)))
        model.rowsRemoved.connect(lambda parent, first, last: self.events.append(("removed", first, last)))
        model.rowsMoved.connect(lambda *args: self.events.append(("moved", args[1], args[4])))
        model.dataChanged.connect(
            lambda top, bottom, roles: self.events.append(
                ("changed", top.row(), top.column(), bottom.row(), bottom.column())
            )
        )
        model.modelReset.connect(lambda: self.events.append(("reset",)))
        model.layoutChanged.connect(lambda *args: self.events.append(("layout",)))

    def take(self) -> list[tuple]:
        events, self.events = self.events, []
        return events


def expected_ids(document, text="", question=None, diagnostic=None, types=None) -> set[uuid.UUID]:
    """What the filter should keep, written the slow obvious way."""
    words = text.casefold().split()
    kept = set()
    for item in document.inspection.evidence:
        haystack = " ".join([item.title, item.text, item.reference, item.collector]).casefold()
        if not all(word in haystack for word in words):
            continue
        if question is not None and item.question_id != (question or None):
            continue
        if diagnostic is not None and item.diagnostic_id != (diagnostic or None):
            continue
        if types is not None and item.source_type not in types:
            continue
        kept.add(item.id)
    return kept


# -- the model tester -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", [PEEL_SAMPLE, CRIME_SAMPLE, None])
def test_model_and_proxy_pass_the_model_tester_through_edits(qtmodeltester, name):
    document = sample_document(name) if name else new_document()
    model, proxy = make(document)
    qtmodeltester.check(model)
    qtmodeltester.check(proxy)
    # The testers stay attached: every change below is checked as it happens.
    proxy.set_text_filter("the")
    item = EvidenceItem(title="The new one", question_id=document.inspection.framework.questions()[0].id)
    document.push(AddEvidence(document, item, 0))
    document.push(UpdateEvidence(document, item.id, title="Renamed"))
    proxy.sort(TITLE, ASC)
    document.push(UpdateEvidence(document, item.id, title="Zzz, the last"))
    document.push(DeleteEvidence(document, item.id))
    proxy.set_text_filter("")
    proxy.sort(DATE, DESC)
    for _ in range(4):
        document.undo_stack.undo()
    for _ in range(4):
        document.undo_stack.redo()
    proxy.sort(-1, ASC)
    assert ids(model) == document_ids(document)


def test_the_tester_on_an_empty_inspection_with_a_first_item(qtmodeltester):
    document = new_document()
    model, proxy = make(document)
    qtmodeltester.check(model)
    qtmodeltester.check(proxy)
    assert model.rowCount() == proxy.rowCount() == 0
    assert model.columnCount() == COLUMN_COUNT
    proxy.set_question_filter("preventing-crime")
    document.push(AddEvidence(document, EvidenceItem(question_id="preventing-crime")))
    assert proxy.rowCount() == 1
    document.undo_stack.undo()
    assert proxy.rowCount() == 0


# -- following the document ---------------------------------------------------------------------------


def test_rows_follow_add_delete_undo_and_redo_precisely():
    document = sample_document()
    model, _proxy = make(document)
    spy = Spy(model)
    count = model.rowCount()
    item = EvidenceItem(title="Walk-through of the custody suite")

    document.push(AddEvidence(document, item, 3))
    assert spy.take() == [("inserted", 3, 3)]
    assert model.rowCount() == count + 1 and model.index(3, TITLE).data() == item.title

    document.undo_stack.undo()
    assert spy.take() == [("removed", 3, 3)]
    document.undo_stack.redo()
    assert spy.take() == [("inserted", 3, 3)]

    victim = document.inspection.evidence[5].id
    document.push(DeleteEvidence(document, victim))
    assert spy.take() == [("removed", 5, 5)]
    assert victim not in ids(model)
    document.undo_stack.undo()
    assert spy.take() == [("inserted", 5, 5)]
    assert ids(model) == document_ids(document)


def test_an_edit_changes_its_cells_and_never_resets_the_model():
    document = sample_document()
    model, _proxy = make(document)
    spy = Spy(model)
    item = document.inspection.evidence[2]

    document.push(UpdateEvidence(document, item.id, title="A new title"))
    assert spy.take() == [("changed", 2, TITLE, 2, TITLE)]
    assert model.index(2, TITLE).data() == "A new title"

    # Another question drops the diagnostic: both cells change, nothing else.
    document.push(UpdateEvidence(document, item.id, question_id="specialist-capabilities"))
    both = [("changed", 2, QUESTION, 2, QUESTION), ("changed", 2, DIAGNOSTIC, 2, DIAGNOSTIC)]
    assert spy.take() == both
    assert model.index(2, DIAGNOSTIC).data() == ""

    document.undo_stack.undo()
    assert sorted(spy.take()) == both
    assert model.index(2, DIAGNOSTIC).data() == item.diagnostic_id != None  # noqa: E711


def test_changes_since_any_version_still_logged_and_none_before():
    """A proxy patches its rows from the changes after the version it saw; the log keeps the recent ones."""
    document = sample_document()
    model, _proxy = make(document)
    item = document.inspection.evidence[1]
    start = model.version
    assert model.changes_since(start) == []
    for n in range(300):  # more than the log keeps
        document.push(UpdateEvidence(document, item.id, title=f"Title {n}"))
    assert model.version == start + 300
    assert model.changes_since(model.version) == []
    assert model.changes_since(model.version - 1) == [("change", 1)]
    assert model.changes_since(model.version - 3) == [("change", 1)] * 3
    kept = [version for version in range(start, model.version) if model.changes_since(version) is not None]
    assert kept and all(model.changes_since(v) == [("change", 1)] * (model.version - v) for v in kept)
    assert model.changes_since(start) is None  # trimmed away: the proxy computes everything again
    document.push(AddEvidence(document, EvidenceItem(title="New")))
    assert model.changes_since(model.version - 2) == [("change", 1), ("insert", model.rowCount() - 1)]


def test_a_wholesale_change_of_the_evidence_list_resets():
    document = sample_document()
    model, proxy = make(document)
    spy = Spy(model)
    evidence = document.inspection.evidence
    evidence.reverse()
    document.announce([Change(ChangeKind.MOVE, evidence[0].id, "evidence", document.inspection.id, 0, 5)])
    assert ("reset",) in spy.take()
    assert ids(model) == document_ids(document)
    assert proxy.rowCount() == model.rowCount()


# -- data and editing ---------------------------------------------------------------------------------


def test_roles_show_what_an_inspector_reads():
    document = sample_document()
    model, _proxy = make(document)
    item = next(e for e in document.inspection.evidence if e.diagnostic_id and e.date)
    row = document.inspection.evidence.index(item)
    question = document.inspection.framework.question(item.question_id)

    assert model.index(row, SOURCE_TYPE).data() == item.source_type.label
    assert model.index(row, SOURCE_TYPE).data(Qt.ItemDataRole.EditRole) == item.source_type.value
    assert model.index(row, QUESTION).data() == question_label(question)
    assert question_label(question).startswith(f"{question.number}. {question.short_label[:40]}")
    assert (
        model.index(row, QUESTION).data(Qt.ItemDataRole.ToolTipRole) == f"{question.number}. {question.text}"
    )
    assert model.index(row, DIAGNOSTIC).data() == item.diagnostic_id
    assert question.diagnostic(item.diagnostic_id).text in model.index(row, DIAGNOSTIC).data(
        Qt.ItemDataRole.ToolTipRole
    )
    assert model.index(row, DATE).data() == format_date(item.date)
    assert model.index(row, DATE).data(Qt.ItemDataRole.EditRole) == QDate(item.date)
    assert model.index(row, TEXT).data(Qt.ItemDataRole.EditRole) == item.text
    assert "\n" not in model.index(row, TEXT).data() and len(model.index(row, TEXT).data()) <= 120
    for column in range(COLUMN_COUNT):
        assert model.index(row, column).data(ID_ROLE) == item.id
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(COLUMN_COUNT)] == [
        "Source type",
        "Title",
        "Question",
        "Diagnostic",
        "Date",
        "Collector",
        "Reference",
        "Text",
    ]


def test_text_columns_are_editable_and_the_others_are_not():
    model, _proxy = make(sample_document())
    for column in range(COLUMN_COUNT):
        editable = bool(model.flags(model.index(0, column)) & Qt.ItemFlag.ItemIsEditable)
        assert editable == (column in TEXT_COLUMNS), column
    assert {TITLE, COLLECTOR, REFERENCE, TEXT} == TEXT_COLUMNS


def test_set_data_pushes_one_undoable_command_per_commit():
    document = sample_document()
    model, _proxy = make(document)
    item = document.inspection.evidence[0]
    original = item.title
    index = model.index(0, TITLE)

    assert model.setData(index, "Dat")
    assert item.title == "Dat" and index.data() == "Dat"
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert item.title == original and index.data() == original

    assert model.setData(model.index(0, REFERENCE), "REF-9")
    assert model.setData(model.index(0, DATE), QDate(2016, 10, 3))
    assert model.setData(model.index(0, SOURCE_TYPE), "survey")
    assert (item.reference, item.date, item.source_type) == ("REF-9", dt.date(2016, 10, 3), SourceType.SURVEY)
    assert document.undo_stack.count() == 3  # the undone typing was dropped from the stack


def test_the_text_field_changes_through_an_update_command():
    document = sample_document()
    model, _proxy = make(document)
    item = document.inspection.evidence[1]
    assert model.setData(model.index(1, TEXT), "Inspectors read 20 case files.")
    assert item.text == "Inspectors read 20 case files."
    document.undo_stack.undo()
    assert item.text != "Inspectors read 20 case files."
    assert update_evidence(document, item.id, {"text": "x"}, "Label").text() == "Label"


def test_set_data_refuses_what_the_item_cannot_take_without_pushing():
    document = sample_document()
    model, _proxy = make(document)
    stack = document.undo_stack
    assert not model.setData(model.index(0, DATE), "next Tuesday")
    assert not model.setData(model.index(0, SOURCE_TYPE), "rumour")
    assert not model.setData(model.index(0, QUESTION), "no-such-question")
    assert not model.setData(model.index(0, DIAGNOSTIC), "9.9")
    assert not model.setData(model.index(0, TITLE), "x", Qt.ItemDataRole.DisplayRole)
    assert model.setData(
        model.index(0, TITLE), document.inspection.evidence[0].title
    )  # unchanged: nothing to undo
    assert stack.count() == 0


# -- sorting ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("column", range(COLUMN_COUNT))
@pytest.mark.parametrize("order", [ASC, DESC])
def test_sort_by_each_column(many_document, column, order):
    model, proxy = make(many_document)
    proxy.sort(column, order)  # the proxy hands sorting to the model
    assert (model.sort_column, model.sort_order) == (column, order)
    keys = [model.index(row, column).data(SORT_ROLE) for row in range(model.rowCount())]
    assert keys == sorted(keys, reverse=order == DESC)
    assert ids(proxy) == ids(model)
    # Ties keep document order, in both directions.
    position = {item_id: n for n, item_id in enumerate(document_ids(many_document))}
    rows = ids(model)
    for a, b, ka, kb in zip(rows, rows[1:], keys, keys[1:], strict=False):
        if ka == kb:
            assert position[a] < position[b]
    proxy.sort(-1, ASC)
    assert ids(model) == document_ids(many_document)


def test_empty_dates_and_missing_questions_sort_last(many_evidence):
    document = many_evidence(60)
    model, _proxy = make(document)
    model.sort(DATE, ASC)
    dates = [model.item(row).date for row in range(model.rowCount())]
    assert None in dates and dates.index(None) == len([d for d in dates if d])
    model.sort(QUESTION, ASC)
    questions = [model.item(row).question_id for row in range(model.rowCount())]
    assert questions[-1] is None and questions[0] == "preventing-crime"


def test_stays_sorted_after_adding_editing_and_undoing(many_document):
    document = many_document
    model, proxy = make(document)
    proxy.set_text_filter("o")  # the proxy must follow, too
    proxy.sort(TITLE, ASC)
    spy = Spy(model)

    def titles():
        return [model.item(row).title.casefold() for row in range(model.rowCount())]

    item = EvidenceItem(title="Middle of the alphabet", text="o")
    document.push(AddEvidence(document, item, 0))
    assert titles() == sorted(titles())
    row = model.row_of(item.id)
    assert spy.take() == [("inserted", row, row)]
    assert model.index(row, TITLE).data() == item.title

    document.push(UpdateEvidence(document, item.id, title="aaaa first now"))
    assert titles() == sorted(titles()) and model.row_of(item.id) == 0
    document.undo_stack.undo()
    assert titles() == sorted(titles()) and model.row_of(item.id) == row
    document.push(UpdateEvidence(document, item.id, reference="not the sort column"))
    assert model.row_of(item.id) == row
    assert set(ids(proxy)) == expected_ids(document, "o")


def test_sorting_keeps_persistent_indexes_on_their_items(many_document):
    model, proxy = make(many_document)
    watched = [QPersistentModelIndex(model.index(row, TITLE)) for row in (0, 17, 120)]
    watched_ids = [model.item(index.row()).id for index in watched]
    proxy_index = QPersistentModelIndex(proxy.index(5, DATE))
    proxy_id = proxy_index.data(ID_ROLE)
    for column, order in ((TITLE, ASC), (DATE, DESC), (SOURCE_TYPE, ASC), (-1, ASC)):
        model.sort(column, order)
        assert [model.item(index.row()).id for index in watched] == watched_ids
        assert all(index.column() == TITLE for index in watched)
        assert proxy_index.data(ID_ROLE) == proxy_id and proxy_index.column() == DATE


# -- filtering ----------------------------------------------------------------------------------------


FILTERS = [
    {"text": "FORCE"},
    {"text": "review  burglary"},
    {"text": "EV-0"},
    {"text": "inspector"},
    {"question": "investigating-crime"},
    {"question": NONE},
    {"question": "investigating-crime", "diagnostic": "2.1"},
    {"question": "investigating-crime", "diagnostic": NONE},
    {"types": {SourceType.INTERVIEW, SourceType.SURVEY}},
    {"types": set()},
    {
        "text": "risk",
        "question": "protecting-vulnerable",
        "types": {SourceType.DATA, SourceType.OTHER, SourceType.INTERVIEW},
    },
    {
        "text": "domestic abuse",
        "question": "protecting-vulnerable",
        "diagnostic": "3.1",
        "types": set(SourceType) - {SourceType.DATA},
    },
]


@pytest.mark.parametrize("settings", FILTERS, ids=repr)
def test_filters_combine(many_document, settings):
    _model, proxy = make(many_document)
    proxy.set_text_filter(settings.get("text", ""))
    proxy.set_question_filter(settings.get("question"), settings.get("diagnostic"))
    proxy.set_source_type_filter(settings.get("types"))
    assert set(ids(proxy)) == expected_ids(many_document, **settings)
    proxy.sort(TITLE, DESC)
    assert set(ids(proxy)) == expected_ids(many_document, **settings)
    # Typing on narrows the rows already kept; deleting characters widens again.
    text = settings.get("text", "")
    for longer in (text + "e", text + "er", text):
        proxy.set_text_filter(longer)
        assert set(ids(proxy)) == expected_ids(many_document, **{**settings, "text": longer})


def test_no_filter_and_every_source_type_keep_everything(many_document):
    model, proxy = make(many_document)
    proxy.set_source_type_filter(set(SourceType))
    assert proxy.source_type_filter is None and not proxy.is_filtering()
    assert proxy.rowCount() == model.rowCount()


def test_the_filter_follows_edits_adds_deletes_undo_and_redo(many_document):
    """A seeded random walk of changes: after each, the proxy shows exactly what the filter keeps."""
    document = many_document
    model, proxy = make(document)
    settings = {
        "text": "o",
        "question": "investigating-crime",
        "types": set(SourceType) - {SourceType.SURVEY},
    }
    proxy.set_text_filter(settings["text"])
    proxy.set_question_filter(settings["question"])
    proxy.set_source_type_filter(settings["types"])
    proxy.sort(TITLE, ASC)
    rng = random.Random(7)
    titles = ["zoo", "ox", "room", "apple", "x", "O"]
    for step in range(150):
        evidence = document.inspection.evidence
        action = rng.random()
        target = rng.choice(evidence).id
        if action < 0.25:
            item = EvidenceItem(
                title=rng.choice(titles), question_id=rng.choice(["investigating-crime", None])
            )
            document.push(AddEvidence(document, item, rng.randint(0, len(evidence))))
        elif action < 0.4:
            document.push(DeleteEvidence(document, target))
        elif action < 0.6:
            document.push(UpdateEvidence(document, target, title=rng.choice(titles)))
        elif action < 0.7:
            document.push(
                UpdateEvidence(
                    document, target, question_id=rng.choice(["investigating-crime", "preventing-crime"])
                )
            )
        elif action < 0.8:
            document.push(UpdateEvidence(document, target, source_type=rng.choice(list(SourceType))))
        elif action < 0.9:
            document.undo_stack.undo()
        else:
            document.undo_stack.redo()
        assert set(ids(proxy)) == expected_ids(document, **settings), step
        assert sorted(ids(model), key=str) == sorted(document_ids(document), key=str)


def test_a_pinned_item_stays_visible_until_the_filter_changes(many_document):
    document = many_document
    _model, proxy = make(document)
    proxy.set_text_filter("burglary")
    item = EvidenceItem(title="")
    proxy.pin(item.id)
    document.push(AddEvidence(document, item))
    assert item.id in ids(proxy)  # just added: shown although it does not match yet
    document.push(UpdateEvidence(document, item.id, title="still nothing"))
    assert item.id in ids(proxy)
    kept = next(i for i in ids(proxy) if i != item.id)
    proxy.pin(kept)
    document.push(update_evidence(document, kept, {"title": "", "text": ""}))
    assert kept in ids(proxy)
    proxy.set_text_filter("burglar")
    assert item.id not in ids(proxy) and kept not in ids(proxy)
    assert set(ids(proxy)) == expected_ids(document, "burglar")


def test_ten_thousand_items_sort_and_filter_correctly(many_evidence):
    """A sanity run at the size the benchmarks time (benchmarks/evidence_filter.py); no timing asserted."""
    document = many_evidence(10_000, seed=3)
    _model, proxy = make(document)
    for text in ("r", "ri", "ris", "risk", "risk data", ""):
        proxy.set_text_filter(text)
        assert proxy.rowCount() == len(expected_ids(document, text))
    proxy.sort(DATE, DESC)
    proxy.set_question_filter("preventing-crime")
    assert proxy.rowCount() == len(expected_ids(document, question="preventing-crime"))
    keys = [proxy.index(row, DATE).data(SORT_ROLE) for row in range(proxy.rowCount())]
    assert keys == sorted(keys, reverse=True)
