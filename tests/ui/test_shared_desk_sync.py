"""A second assessor of a shared desk (issue 17) signs in once on the Sync page after
unlocking; from then on the desk's one sync sends their changes under their own account."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.store.database import Store
from app.store.desk_users import DeskUsers
from app.store.models import Assessor
from server.models import AuditEntry as ServerAudit
from server.models import User as ServerUser
from sync.transport import RetryPolicy
from tests.sync.harness import PASSWORD, ServerProcess, make_mission
from tests.ui.test_switch_user import press_lock, unlock_as
from ui.context import DeskContext
from ui.main_window import MainWindow


def test_a_second_assessor_signs_in_once_and_syncs_under_their_account(
        qtbot: QtBot, server: ServerProcess, tmp_path: Path) -> None:
    from sync.client import SyncClient

    mission = make_mission(server, n_candidates=4)
    store = Store.open(tmp_path / "desk")
    client = SyncClient(store, server.url, mission.users["chair"])
    client.login(PASSWORD)
    client.sync()  # the desk's own account: the chair's, first pull done
    client.close()
    chair = store.get_meta("current_assessor") or ""
    with store.read() as s:
        prof, prof_name = s.execute(select(Assessor.id, Assessor.name).where(
            Assessor.role == "professor", Assessor.is_chair.is_(False))).one()
    DeskUsers(store).set_pin(chair, "271828")
    window = MainWindow(DeskContext(store, mission.mission_id, chair), start_page="sync")
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    unlock_as(qtbot, window, chair, "271828")
    assert not window.page("sync").own_account.isVisible()  # the desk's own account

    press_lock(qtbot, window)
    unlock_as(qtbot, window, prof, "402719", new=True)
    window.ctx.edits.set_mark(mission.candidates[0], "maths", "13")
    page = window.page("sync")
    page.retry_policy = RetryPolicy(attempts=2, base=0.01, cap=0.05)
    qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.busy, timeout=30_000)
    assert prof_name in page.message_label.text()  # theirs wait: they must sign in once
    box = page.own_account
    assert box.isVisible() and box.password_edit.isVisible()

    qtbot.keyClicks(box.user_edit, mission.users["prof"])
    qtbot.keyClicks(box.password_edit, PASSWORD)
    qtbot.keyClick(box.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: box.signed_in() and box._thread is None, timeout=30_000)
    assert not box.password_edit.isVisible() and mission.users["prof"] in box.note.text()
    assert store.get_meta("sync_user") == mission.users["chair"]

    qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)  # no password typed
    qtbot.waitUntil(lambda: not page.busy, timeout=30_000)
    assert prof_name not in page.message_label.text()
    with server.sessions() as s:
        prof_user = s.scalar(select(ServerUser.id).where(
            ServerUser.username == mission.users["prof"]))
        marks = list(s.scalars(select(ServerAudit).where(
            ServerAudit.entity == "mark", ServerAudit.mission_id == mission.mission_id)))
    assert marks and all(e.user_id == prof_user and e.actor_id == prof for e in marks)
    window.close()
    store.close()
