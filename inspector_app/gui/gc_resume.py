"""The GUI thread switches Python's garbage collection back on after a worker's job (worker_gc.py)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Signal

from .. import worker_gc


class CollectionResumer(QObject):
    """Lives on the GUI thread; a worker's ``wanted.emit()`` reaches :meth:`resume` there, queued."""

    wanted = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.wanted.connect(self.resume)

    def resume(self) -> None:
        worker_gc.resume()


def install_collection_resumer(app: QCoreApplication) -> CollectionResumer:
    """The application's resumer, made once (on the GUI thread) and registered with worker_gc."""
    resumer = app.findChild(CollectionResumer)
    if resumer is None:
        resumer = CollectionResumer(app)
    worker_gc.set_resume_hook(resumer.wanted.emit)
    return resumer
