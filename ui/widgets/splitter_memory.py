"""Splitters whose handle is easy to see and grab, and whose position is remembered between
sessions (QSettings, per page): a team member who narrows the candidate list on a small
laptop finds it so the next day."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QSplitter

HANDLE_WIDTH = 8
PREFIX = "layout/splitter/"


def remember(splitter: QSplitter, key: str) -> None:
    """Restore the saved position of ``splitter`` (if any) and save it whenever it moves."""
    splitter.setObjectName(f"{key}Splitter")
    splitter.setHandleWidth(HANDLE_WIDTH)
    saved = QSettings().value(PREFIX + key)
    if isinstance(saved, QByteArray) and not saved.isEmpty():
        splitter.restoreState(saved)
    splitter.splitterMoved.connect(
        lambda *_: QSettings().setValue(PREFIX + key, splitter.saveState()))
