"""One job (a callable) in a worker thread: its result or its failure come back as signals."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal, Slot

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
