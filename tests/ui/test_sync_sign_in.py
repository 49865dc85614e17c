"""One click means one click (issue 12, item 2): after the first connection the sync page
needs no password until the server refuses the kept token, also on a machine without any
keyring (the token then lives in the encrypted database). A failed sync never shows a full
progress bar and says what to do next; Enter in the password field starts the sync."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app.store.database import Store
from server.models import Device, User
from sync import credentials
from sync.transport import RetryPolicy
from tests.sync.harness import PASSWORD, ServerProcess, make_mission
from ui.context import DeskContext
from ui.dialogs.connect import ConnectDialog
from ui.pages.sync import SyncPage


@pytest.fixture
def no_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    """A machine with no keyring backend at all (headless Linux): the fail backend."""
    keyring.set_keyring(fail.Keyring())
    monkeypatch.setenv("MISSION_DESK_PASSPHRASE", "a passphrase typed at start-up")


def _devices(server: ServerProcess, username: str) -> int:
    with server.sessions() as s:
        return int(s.scalar(select(func.count()).select_from(Device).join(User).where(
            User.username == username, Device.revoked_at.is_(None))) or 0)


def _connect(qtbot: QtBot, store: Store, url: str, user: str) -> None:
    dialog = ConnectDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    for field, text in ((dialog.server, url), (dialog.user, user),
                        (dialog.password, PASSWORD)):
        qtbot.keyClicks(field, text)
    with qtbot.waitSignal(dialog.accepted, timeout=30_000):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)


def _page(qtbot: QtBot, store: Store) -> SyncPage:
    ctx = DeskContext(store, store.get_meta("current_mission") or "",
                      store.get_meta("current_assessor") or "")
    page = SyncPage(ctx)
    page.retry_policy = RetryPolicy(attempts=2, base=0.01, cap=0.05)
    qtbot.addWidget(page)
    page.resize(900, 640)
    page.show()
    qtbot.waitExposed(page)
    return page


def _click_sync(qtbot: QtBot, page: SyncPage) -> None:
    qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.busy, timeout=30_000)


@pytest.mark.usefixtures("no_keyring")
def test_one_click_after_connecting_without_keyring(qtbot: QtBot, server: ServerProcess,
                                                    tmp_path: Path) -> None:
    mission = make_mission(server, n_candidates=4)
    user = mission.users["prof"]
    store = Store.open(tmp_path / "desk")
    _connect(qtbot, store, server.url, user)
    # The token went to the encrypted database (no keyring): no password needed any more.
    assert store.get_meta(credentials.META_PREFIX + f"{server.url}#{user}")
    assert credentials.has_token(store, server.url, user)
    page = _page(qtbot, store)
    assert not page.password_edit.isVisible()
    assert page.signed_in_label.isVisible() and user in page.signed_in_label.text()
    for _ in range(2):  # the first sync after connecting, and the next: one click each
        _click_sync(qtbot, page)
        assert page.message_label.text().startswith("Sync complete"), page.message_label.text()
        assert page.progress_bar.value() == page.progress_bar.maximum()
        assert not page.password_edit.isVisible()
    assert _devices(server, user) == 1  # no new device per sync
    store.close()


@pytest.mark.usefixtures("no_keyring")
def test_revoked_token_asks_the_password_once(qtbot: QtBot, server: ServerProcess,
                                              tmp_path: Path) -> None:
    mission = make_mission(server, n_candidates=2)
    user = mission.users["chair"]
    store = Store.open(tmp_path / "desk")
    _connect(qtbot, store, server.url, user)
    page = _page(qtbot, store)
    _click_sync(qtbot, page)
    assert page.message_label.text().startswith("Sync complete")
    with server.sessions() as s, s.begin():  # the admissions office signs the laptop out
        for device in s.scalars(select(Device).join(User).where(User.username == user)):
            device.revoked_at = dt.datetime.now(dt.UTC)
    _click_sync(qtbot, page)
    text = page.message_label.text()
    assert "signed out" in text and "password" in text, text  # what happened, what to do
    assert page.progress_bar.value() == 0 < page.progress_bar.maximum()  # never full
    assert page.phase_label.text() == "Sync failed."
    assert page.password_edit.isVisible()
    assert page.focusWidget() is page.password_edit
    qtbot.keyClicks(page.password_edit, PASSWORD)
    qtbot.keyClick(page.password_edit, Qt.Key.Key_Return)  # Enter starts the sync
    qtbot.waitUntil(lambda: not page.busy, timeout=30_000)
    assert page.message_label.text().startswith("Sync complete"), page.message_label.text()
    assert page.password_edit.text() == "" and not page.password_edit.isVisible()
    assert _devices(server, user) == 1
    _click_sync(qtbot, page)  # and one click again afterwards
    assert page.message_label.text().startswith("Sync complete")
    store.close()


def test_no_token_asks_for_the_password_before_sending(qtbot: QtBot, demo) -> None:  # type: ignore[no-untyped-def]
    store, _mission_id, chair_id = demo
    store.set_meta("current_assessor", chair_id)
    store.set_meta("sync_server", "https://admissions.example.org")
    store.set_meta("sync_user", "someone")
    page = _page(qtbot, store)
    assert page.password_edit.isVisible() and not page.signed_in_label.isVisible()
    page.sync_button.setFocus()
    qtbot.keyClick(page.sync_button, Qt.Key.Key_Space)
    assert not page.busy  # nothing sent without a password
    assert "password" in page.message_label.text()
    assert page.focusWidget() is page.password_edit
    page.server_edit.clear()
    qtbot.keyClicks(page.server_edit, "admissions.example.org")
    qtbot.keyClick(page.server_edit, Qt.Key.Key_Return)
    assert not page.busy and "http:// or https://" in page.message_label.text()
