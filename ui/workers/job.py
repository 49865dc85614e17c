"""One job (a callable) in a worker thread: its result or its failure come back as signals."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, Signal, Slot

log = logging.getLogger(__name__)


class JobWorker(QObject):
    """Run with ``moveToThread`` + ``thread.started.connect(worker.run)``."""

    done = Signal(object)  # the job's return value
    failed = Signal(str)

    def __init__(self, job: Callable[[], object], what: str) -> None:
        super().__init__()
        self._job, self._what = job, what

    @Slot()
    def run(self) -> None:
        try:
            result = self._job()
        except Exception as exc:  # reported to the user, never lost in the thread
            log.exception("%s failed", self._what)
            self.failed.emit(str(exc) or exc.__class__.__name__)
        else:
            self.done.emit(result)


def start_job(parent: QObject, worker: JobWorker, done: Callable[..., object],
              failed: Callable[[str], object], finished: Callable[[], object]) -> QThread:
    """Run ``worker`` in a new thread owned by ``parent`` and start it. ``done`` and ``failed``
    must be bound slots of an object on the UI thread (a lambda would run in the worker's
    thread); ``finished`` runs once the thread has ended, and the worker is deleted then."""
    thread = QThread(parent)
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    worker.done.connect(done)
    worker.failed.connect(failed)
    worker.done.connect(thread.quit)
    worker.failed.connect(thread.quit)
    thread.finished.connect(worker.deleteLater)
    thread.finished.connect(finished)
    thread.start()
    return thread
