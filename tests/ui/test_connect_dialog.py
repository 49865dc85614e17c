"""First connection from the window: a desk with no mission signs in and pulls its mission,
driven by keyboard and mouse against a real server process."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app.store.database import Store
from app.store.models import Candidate
from tests.sync.harness import PASSWORD, ServerProcess, make_mission
from ui.dialogs.connect import ConnectDialog


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    proc = ServerProcess(tmp_path_factory.mktemp("server"))
    yield proc
    proc.stop()


def _fill(qtbot: QtBot, dialog: ConnectDialog, url: str, user: str, password: str) -> None:
    for field, text in ((dialog.server, url), (dialog.user, user),
                        (dialog.password, password)):
        field.clear()
        qtbot.keyClicks(field, text)


def test_wrong_password_then_first_pull(qtbot: QtBot, server: ServerProcess, tmp_path: Path
                                        ) -> None:
    mission = make_mission(server, n_candidates=5)
    store = Store.open(tmp_path / "desk")
    dialog = ConnectDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    _fill(qtbot, dialog, server.url, mission.users["prof"], "not the password")
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.connect_button.isEnabled(), timeout=20_000)
    assert "Sign-in failed" in dialog.phase.text()
    assert dialog.mission_id is None and dialog.isVisible()
    assert dialog.password.text() == ""  # never kept once sent
    _fill(qtbot, dialog, server.url, mission.users["prof"], PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=30_000):
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    assert dialog.mission_id == mission.mission_id
    assert store.get_meta("current_mission") == mission.mission_id
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(Candidate)) == 5
    store.close()


def test_empty_fields_are_explained_not_sent(qtbot: QtBot, tmp_path: Path) -> None:
    store = Store.open(tmp_path / "desk")
    dialog = ConnectDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    assert "server address" in dialog.phase.text()
    assert dialog.connect_button.isEnabled() and dialog.mission_id is None
    store.close()
