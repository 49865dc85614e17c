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


def test_enter_always_means_connect(qtbot: QtBot, server: ServerProcess, tmp_path: Path
                                    ) -> None:
    """A failed attempt keeps the dialog and says why in plain words; Enter then connects,
    never cancels (Cancel, focused while the attempt ran, used to become the default)."""
    mission = make_mission(server, n_candidates=3)
    store = Store.open(tmp_path / "desk")
    dialog = ConnectDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    rejected: list[bool] = []
    dialog.rejected.connect(lambda: rejected.append(True))
    host = server.url.split("://", 1)[1]
    _fill(qtbot, dialog, host, mission.users["prof"], PASSWORD)  # no http://
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert "http:// or https://" in dialog.phase.text()
    assert dialog.isVisible() and not rejected
    assert dialog.focusWidget() is dialog.server
    # A wrong password, sent by a click: the attempt runs on the worker thread.
    _fill(qtbot, dialog, server.url, mission.users["prof"], "not the password")
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.connect_button.isEnabled(), timeout=20_000)
    assert "wrong user name or password" in dialog.phase.text()
    assert "401" not in dialog.phase.text() and "HTTP" not in dialog.phase.text()
    assert dialog.isVisible() and not rejected
    assert dialog.connect_button.isDefault() and not dialog.cancel_button.isDefault()
    assert dialog.focusWidget() is dialog.password
    qtbot.mouseClick(dialog.password, Qt.MouseButton.LeftButton)  # as a user would
    qtbot.keyClicks(dialog.password, PASSWORD)
    with qtbot.waitSignal(dialog.finished, timeout=30_000):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert not rejected and dialog.mission_id == mission.mission_id
    store.close()


def test_library_messages_never_shown(qtbot: QtBot, tmp_path: Path) -> None:
    """An address the form lets through but requests cannot use is still said plainly."""
    from ui.workers.sync_worker import SyncWorker

    store = Store.open(tmp_path / "desk")
    worker = SyncWorker(store, "htp:/nowhere", "someone", "pw")
    failures: list[tuple[str, str]] = []
    worker.failed.connect(lambda kind, detail: failures.append((kind, detail)))
    worker.run()
    assert failures and failures[0][0] == "address"
    from ui.sign_in import failure_message

    assert "http:// or https://" in failure_message(failures[0][0])
    store.close()


def test_open_the_demo_instead_of_a_server(qtbot: QtBot, tmp_path: Path, monkeypatch) -> None:
    """The no-mission dialog offers the demo with a button, not a command-line option."""
    from PySide6.QtCore import QTimer

    from ui.main import launch, parse_args

    monkeypatch.setenv("MISSION_DESK_DEMO_DIR", str(tmp_path / "demo"))
    monkeypatch.setenv("MISSION_DESK_KEYRING", "off")
    monkeypatch.setenv("MISSION_DESK_PASSPHRASE", "the user's own passphrase")
    seen: list[str] = []

    def click_demo() -> None:
        from PySide6.QtWidgets import QApplication

        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ConnectDialog)
        texts = " ".join(w.text() for w in dialog.findChildren(type(dialog.phase)))
        seen.append(texts)
        assert "--demo" not in texts and "demo" in texts
        qtbot.mouseClick(dialog.demo_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, click_demo)
    opened = launch(parse_args(["--data-dir", str(tmp_path / "mine")]))
    assert seen, "the connect dialog was not shown"
    assert opened is not None
    store, window = opened
    qtbot.addWidget(window)
    assert window.page("candidates").model.rowCount() == 300
    window.close()
    store.close()
    own = Store.open(tmp_path / "mine")
    assert own.get_meta("current_mission") is None  # the user's folder holds no demo
    own.close()


def test_plain_http_to_another_computer_is_said_plainly(qtbot: QtBot, tmp_path: Path,
                                                        monkeypatch) -> None:
    """The transport refuses plain http:// off this computer: the dialog says why, in the
    interface's words, and puts the cursor back in the address."""
    monkeypatch.delenv("MISSION_DESK_INSECURE_HTTP", raising=False)
    store = Store.open(tmp_path / "desk")
    dialog = ConnectDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    _fill(qtbot, dialog, "http://admissions.example.org", "someone", "a password")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.connect_button.isEnabled(), timeout=20_000)
    assert "unencrypted" in dialog.phase.text() and "https://" in dialog.phase.text()
    assert "--insecure-http" not in dialog.phase.text()  # a command-line flag, not for here
    assert dialog.isVisible() and dialog.focusWidget() is dialog.server
    store.close()
