"""Fixtures for the GUI tests (documents themselves come from ``support.documents``)."""

from __future__ import annotations

import datetime as dt
import random
import uuid

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from support.documents import new_document

from inspector_app.domain.inspection import EvidenceItem, SourceType
from inspector_app.gui.document import InspectionDocument

_WORDS = [
    "force",
    "burglary",
    "victim",
    "review",
    "control",
    "room",
    "officer",
    "Domestic",
    "abuse",
    "risk",
    "Safeguarding",
    "partner",
    "data",
]


def many_evidence_document(count: int, seed: int = 0) -> InspectionDocument:
    """A PEEL 2016 document with ``count`` evidence items spread over questions, diagnostics and source types."""
    document = new_document()
    rng = random.Random(seed)
    questions = document.inspection.framework.questions()
    source_types = list(SourceType)
    evidence = document.inspection.evidence
    for n in range(count):
        question = questions[n % len(questions)] if n % 11 else None
        diagnostics = [None, *(d.id for d in question.diagnostics)] if question else [None]
        evidence.append(
            EvidenceItem(
                id=uuid.UUID(int=rng.getrandbits(128), version=4),
                source_type=rng.choice(source_types),
                title=" ".join(rng.choices(_WORDS, k=rng.randint(1, 5))),
                text=" ".join(rng.choices(_WORDS, k=rng.randint(0, 30))),
                date=dt.date(2016, 9, 1) + dt.timedelta(days=rng.randint(0, 60)) if n % 7 else None,
                collector=rng.choice(["A. Inspector", "b. inspector", "HMIC inspection team", ""]),
                reference=f"EV-{rng.randint(1, 99999):05d}",
                question_id=question.id if question else None,
                diagnostic_id=rng.choice(diagnostics),
            )
        )
    return document


@pytest.fixture(scope="package", autouse=True)
def collection_resumed_on_the_gui_thread(qapp):  # type: ignore[no-untyped-def]
    """As in the app (create_application): a worker's job never ends with a collection on its thread."""
    from inspector_app import worker_gc
    from inspector_app.gui.gc_resume import install_collection_resumer

    install_collection_resumer(qapp)
    yield
    worker_gc.set_resume_hook(None)
    worker_gc.resume()


@pytest.fixture(autouse=True)
def windows_deleted_after_each_test(qapp):  # type: ignore[no-untyped-def]
    """The windows pytest-qt closed (and asked Qt to delete later) are deleted now, in order, on the GUI
    thread. Left waiting, a closed window's wrappers become garbage while the window still exists, and
    the collector — run by whichever thread allocates next, a recovery copy's writer say — would run the
    window's destructor there: a segmentation fault, seen in the recovery writer."""
    yield
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def many_evidence():
    """``many_evidence(count, seed=0)``: a document with that many varied evidence items."""
    return many_evidence_document


@pytest.fixture
def many_document() -> InspectionDocument:
    """300 varied evidence items: enough for ties, gaps and every filter combination."""
    return many_evidence_document(300, seed=1)
