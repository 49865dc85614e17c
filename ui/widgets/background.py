"""Run a read off the UI thread and hand its result back to the UI thread.

Only the newest request's result is delivered: a reload asked while another is running
makes the older result stale, and it is dropped.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from ui.heap import release_freed_memory

log = logging.getLogger(__name__)


class _Relay(QObject):
    # (generation, result or the exception raised)
    finished = Signal(int, object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], generation: int, relay: _Relay) -> None:
        super().__init__()
        self._fn, self._generation, self._relay = fn, generation, relay

    def run(self) -> None:
        try:
            result: Any = self._fn()
        except Exception as exc:  # delivered to the UI thread, which shows it
            log.exception("background read failed")
            result = exc
        self._relay.finished.emit(self._generation, result)


class BackgroundReader(QObject):
    """``request(fn)`` runs ``fn`` on a worker; ``loaded(result)`` or ``failed(message)``
    is emitted on the UI thread for the newest request only."""

    loaded = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # The pool belongs to this object: deleting it waits for a running read to end.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay()
        self._relay.finished.connect(self._finished)
        self._generation = 0
        self.busy = False

    def request(self, fn: Callable[[], Any]) -> None:
        self._generation += 1
        self.busy = True
        self._pool.start(_Job(fn, self._generation, self._relay))

    def wait(self) -> None:
        """Block until queued reads are done (shutdown)."""
        self._pool.waitForDone()

    def _finished(self, generation: int, result: object) -> None:
        if generation != self._generation:
            return
        self.busy = False
        if isinstance(result, Exception):
            self.failed.emit(str(result))
        else:
            self.loaded.emit(result)
        # What the read freed is given back now that the page holds only what it shows.
        release_freed_memory()


def reads_pending(root: QObject) -> bool:
    """Whether a BackgroundReader under ``root`` still has a read to deliver (a bench or a
    test waits for the pages' data before it looks)."""
    return any(r.busy for r in root.findChildren(BackgroundReader))
