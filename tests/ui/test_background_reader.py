"""BackgroundReader: the newest request's result reaches the UI thread, and reads_pending
tells a bench or a test when every page's read has been delivered."""

from __future__ import annotations

import linecache

from PySide6.QtCore import QObject

from ui.sources import drop_imported_sources
from ui.widgets.background import BackgroundReader, reads_pending


def test_reads_pending_until_the_newest_result_is_delivered(qtbot) -> None:
    root = QObject()
    reader = BackgroundReader(root)
    got: list[object] = []
    reader.loaded.connect(got.append)
    assert not reads_pending(root)
    reader.request(lambda: "old")
    reader.request(lambda: "new")
    assert reads_pending(root)
    qtbot.waitUntil(lambda: not reads_pending(root))
    reader.wait()
    assert got == ["new"]  # the stale result is dropped


def test_imported_sources_are_let_go() -> None:
    linecache.getlines(__file__)  # as PySide6's import hook reads every module imported
    assert __file__ in linecache.cache
    drop_imported_sources()
    assert __file__ not in linecache.cache
