"""The sync page against a real server process: the button and its shortcut, progress from
the worker, a message per failure, conflicts resolved by the chair, refusals listed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from server.models import Conflict as ServerConflict
from sync.transport import RetryPolicy
from tests.sync.harness import (
    Desk,
    MissionSetup,
    ServerProcess,
    free_port,
    make_mission,
    queue_refused_notes,
)
from ui.context import DeskContext
from ui.pages.sync import SyncPage


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    proc = ServerProcess(tmp_path_factory.mktemp("server"))
    yield proc
    proc.stop()


@pytest.fixture
def setup(server: ServerProcess, tmp_path: Path
          ) -> Iterator[tuple[MissionSetup, Desk, Desk]]:
    mission = make_mission(server)
    chair = Desk(tmp_path, "chair", server.url, mission.users["chair"])
    prof = Desk(tmp_path, "prof", server.url, mission.users["prof"])
    chair.sync()
    prof.sync()
    yield mission, chair, prof
    chair.close()
    prof.close()


def _page(qtbot: QtBot, desk: Desk) -> SyncPage:
    ctx = DeskContext(desk.store, desk.store.get_meta("current_mission") or "", desk.actor)
    page = SyncPage(ctx)
    page.retry_policy = RetryPolicy(attempts=2, base=0.01, cap=0.05)
    qtbot.addWidget(page)
    page.resize(900, 700)
    page.show()
    return page


def _sync_by_click(qtbot: QtBot, page: SyncPage) -> None:
    qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.busy, timeout=30_000)


def test_models(qtmodeltester, qtbot: QtBot, setup) -> None:  # type: ignore[no-untyped-def]
    _mission, chair, _prof = setup
    page = _page(qtbot, chair)
    qtmodeltester.check(page.conflicts)
    qtmodeltester.check(page.rejected)


def test_shortcut_syncs_and_shows_progress(qtbot: QtBot, setup,  # type: ignore[no-untyped-def]
                                           tmp_path: Path) -> None:
    mission, chair, _prof = setup
    page = _page(qtbot, chair)
    assert page.sync_action.shortcut().toString() == "Ctrl+Shift+S"
    assert chair.edits is not None
    page.ctx.run_edit("mark", "mark",
                      lambda: chair.edits.set_mark(mission.candidates[0], "maths", "14"),
                      lambda: chair.edits.set_mark(mission.candidates[0], "maths", None))
    assert page.ctx.undo_stack.canUndo()
    page.refresh()
    assert "1 change waiting" in page.status_label.text()
    phases: list[str] = []
    page.progress_bar.valueChanged.connect(lambda *_: phases.append(page.phase_label.text()))
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.sync_button.setFocus()
    qtbot.keyClick(page.sync_button, Qt.Key.Key_S,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: bool(page.message_label.text()), timeout=30_000)
    assert page.message_label.text().startswith("Sync complete"), page.message_label.text()
    qtbot.waitUntil(lambda: not page.busy)
    assert "1 sent, 1 applied" in page.message_label.text()
    assert "0 changes waiting" in page.status_label.text()
    assert "never" not in page.status_label.text()
    assert not page.ctx.undo_stack.canUndo()  # no undo across a pull
    assert phases
    assert page.grab().save(str(tmp_path / "sync_page.png"))


def test_failures_have_clear_messages(qtbot: QtBot, setup) -> None:  # type: ignore[no-untyped-def]
    _mission, chair, _prof = setup
    page = _page(qtbot, chair)
    page.server_edit.clear()
    qtbot.keyClicks(page.server_edit, f"http://127.0.0.1:{free_port()}")
    qtbot.keyClicks(page.password_edit, "whatever")
    _sync_by_click(qtbot, page)
    assert "offline" in page.message_label.text()
    # Another user name, no token for it: a wrong password is said so.
    page.server_edit.clear()
    qtbot.keyClicks(page.server_edit, chair.url)
    page.user_edit.clear()
    qtbot.keyClicks(page.user_edit, chair.username)
    from sync import credentials

    credentials.forget_token(chair.store, chair.url, chair.username)
    qtbot.keyClicks(page.password_edit, "not the password")
    _sync_by_click(qtbot, page)
    assert "Sign-in failed" in page.message_label.text()
    assert page.password_edit.text() == ""


@pytest.mark.parametrize("use_other", [True, False])
def test_chair_resolves_a_conflict(qtbot: QtBot, server: ServerProcess, setup,  # type: ignore[no-untyped-def]
                                   use_other: bool) -> None:
    mission, chair, prof = setup
    assert chair.edits and prof.edits
    c = mission.candidates[2]
    prof.edits.set_status(c, "absent")
    chair.edits.set_status(c, "present")
    prof.sync()
    page = _page(qtbot, chair)
    _sync_by_click(qtbot, page)
    assert "1 conflict," in page.message_label.text()
    assert page.conflicts.rowCount() == 1
    # in words, not identifiers; and who changed what here, when
    assert [page.conflicts.index(0, i).data() for i in (0, 2, 3, 4)] == [
        "Candidate", "status", "Absent", "Present"]
    story = page.conflicts.index(0, 5).data()
    assert re.match(r"Chair \d+ set the status to “Present” on this desk on .+ \d\d:\d\d,",
                    story), story
    assert "another desk had already set it to “Absent”" in story
    view = page.conflicts_view
    rect = view.visualRect(page.conflicts_proxy.index(0, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseClick(page.take_button if use_other else page.keep_button,
                     Qt.MouseButton.LeftButton)
    assert page.conflicts.rowCount() == 0
    _sync_by_click(qtbot, page)
    with server.sessions() as s:
        [conflict] = s.scalars(select(ServerConflict).where(
            ServerConflict.mission_id == mission.mission_id)).all()
        assert conflict.resolved
    prof.sync()
    expected = "present" if use_other else "absent"
    assert prof.snapshot()["candidate"][c]["status"] == expected
    assert chair.snapshot()["candidate"][c]["status"] == expected


def test_refused_change_is_listed(qtbot: QtBot, setup) -> None:  # type: ignore[no-untyped-def]
    mission, _chair, prof = setup
    assert prof.edits is not None
    queue_refused_notes(prof.edits, mission.candidates[0], "nul\x00")
    page = _page(qtbot, prof)
    _sync_by_click(qtbot, page)
    assert page.rejected.rowCount() == 1
    assert page.rejected.index(0, 4).data()
