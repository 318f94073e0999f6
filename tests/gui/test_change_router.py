"""The change router: each change reaches exactly the views that watch its record, list or type, once; a
deleted view is never called again; lambdas are refused (they would keep a deleted widget connected)."""

from __future__ import annotations

import uuid

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject
from support.documents import PEEL_SAMPLE, sample_document

from inspector_app.domain.changes import Change, ChangeKind
from inspector_app.domain.inspection import AreaForImprovement, EvidenceItem, SummaryItem
from inspector_app.gui import commands
from inspector_app.gui.change_router import ChangeRouter
from inspector_app.gui.question_page import QuestionPage


class View(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.seen: list[Change] = []

    def on_change(self, change: Change) -> None:
        self.seen.append(change)


def _records(*records):
    by_id = {record.id: record for record in records}
    return by_id.get


def test_each_change_reaches_the_watchers_of_its_record_list_or_type():
    afi, item = AreaForImprovement(), EvidenceItem()
    router = ChangeRouter(_records(afi, item))
    owner = uuid.uuid4()
    record_view, list_view, type_view, other = View(), View(), View(), View()
    router.watch_record(afi.id, record_view.on_change)
    router.watch_list(owner, "areas_for_improvement", list_view.on_change)
    router.watch_type(EvidenceItem, type_view.on_change)
    router.watch_record(uuid.uuid4(), other.on_change)

    typed = Change(ChangeKind.SET, afi.id, "text", old="")
    inserted = Change(ChangeKind.INSERT, afi.id, "areas_for_improvement", owner, 0)
    retitled = Change(ChangeKind.SET, item.id, "title", old="")
    for change in (typed, inserted, retitled):
        router.route(change)
    assert record_view.seen == [typed]
    assert list_view.seen == [inserted]
    assert type_view.seen == [retitled]
    assert other.seen == []


def test_lambdas_and_plain_functions_are_refused():
    router = ChangeRouter(lambda _id: None)
    with pytest.raises(TypeError, match="bound method of a QObject"):
        router.watch_record(uuid.uuid4(), lambda change: None)

    class NotQt:
        def on_change(self, change: Change) -> None: ...

    with pytest.raises(TypeError):
        router.watch_record(uuid.uuid4(), NotQt().on_change)


def test_a_deleted_view_is_not_called_and_its_watch_is_dropped(qtbot):
    afi = AreaForImprovement()
    router = ChangeRouter(_records(afi))
    kept, gone = View(), View()
    router.watch_record(afi.id, kept.on_change)
    router.watch_record(afi.id, gone.on_change)
    gone.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    router.route(Change(ChangeKind.SET, afi.id, "text", old=""))
    assert len(kept.seen) == 1
    assert router.watcher_count() == 1


def test_rows_deleted_from_a_page_leave_no_watchers_and_typing_afterwards_meets_no_error(qtbot):
    document = sample_document(PEEL_SAMPLE)
    page = QuestionPage(document, "protecting-vulnerable")
    qtbot.addWidget(page)
    page.show()
    before = document.routes.watcher_count()
    afis = page.afis
    for row in list(afis.rows[:2]):
        row.delete()
    afis.add()
    afis.rows[0].move_down()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    after = document.routes.watcher_count()
    assert after < before, "the deleted rows' editors and cite buttons watch nothing any more"
    # What used to raise "Internal C++ object (CiteButton) already deleted" on every keystroke:
    item = document.inspection.evidence_for("protecting-vulnerable")[0]
    for title in ("A", "An", "Ano"):
        document.push(commands.UpdateEvidence(document, item.id, title=title))
    summary = document.inspection.question("protecting-vulnerable").summary
    document.push(
        commands.InsertRecord(
            document,
            document.inspection.question("protecting-vulnerable").id,
            "summary",
            len(summary),
            SummaryItem(),
        )
    )
    assert len(page.summary.rows) == len(summary)
