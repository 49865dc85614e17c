"""The close-mission dialog, the receipt line (sync page, status bar) and the start-up warning
of a mission ended long ago (issue 16 item 3)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.store.keys import KEYRING_SERVICE
from tests.memory_keyring import MemoryKeyring
from tests.store.receipted import receipt_everything
from ui.context import DeskContext
from ui.dialogs.close_mission import CloseMissionDialog
from ui.pages.sync import SyncPage

AT = dt.datetime(2027, 2, 12, 16, 30, tzinfo=dt.UTC)


def _dialog(qtbot: QtBot, ctx: DeskContext) -> CloseMissionDialog:
    dialog = CloseMissionDialog(ctx.store, ctx.mission_id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_closing_is_locked_while_a_change_lacks_a_receipt(qtbot: QtBot,
                                                          ctx: DeskContext) -> None:
    dialog = _dialog(qtbot, ctx)  # the fixture's three added candidates: not receipted
    assert dialog.status.property("role") == "error"
    assert "3 changes" in dialog.status.text() and "no receipt" in dialog.status.text()
    assert not dialog.code_edit.isEnabled()
    dialog.code_edit.setText(dialog.code)
    assert not dialog.close_button.isEnabled()
    dialog.erase()
    assert dialog.closed is None and ctx.store.path.exists()


def test_the_dialog_erases_once_the_code_is_typed(qtbot: QtBot, ctx: DeskContext,
                                                  _isolated: MemoryKeyring) -> None:
    receipt_everything(ctx.store, AT)
    dialog = _dialog(qtbot, ctx)
    assert dialog.status.property("role") == "ok"
    assert "All 3 changes" in dialog.status.text()
    assert "Last receipt from the server: " in dialog.status.text()
    assert not dialog.close_button.isEnabled()
    qtbot.keyClicks(dialog.code_edit, dialog.code[:-1])
    assert not dialog.close_button.isEnabled()
    qtbot.keyClicks(dialog.code_edit, dialog.code[-1])
    assert dialog.close_button.isEnabled()
    folder = ctx.store.path.parent
    assert any(k[0] == KEYRING_SERVICE for k in _isolated.items)
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == CloseMissionDialog.DialogCode.Accepted
    assert dialog.record is not None
    assert [p.name for p in folder.iterdir()] == [dialog.record.name]
    assert not any(k[0] == KEYRING_SERVICE for k in _isolated.items)


def test_sync_page_and_status_bar_say_what_is_in_france(qtbot: QtBot, ctx: DeskContext,
                                                        window) -> None:  # type: ignore[no-untyped-def]
    page = SyncPage(ctx)
    qtbot.addWidget(page)
    assert page.receipt_label.text() == "No receipt from the server yet: sync to get one."
    receipt_everything(ctx.store, AT)
    page.refresh()
    window.refresh_status()
    local = AT.astimezone()
    assert page.receipt_label.text().startswith("Everything up to ")
    assert page.receipt_label.text().endswith(" is in France.")
    assert local.strftime("%H:%M") in page.receipt_label.text()
    assert page.receipt_label.text() in window.chip_sync.toolTip()
    # A new edit is not covered: the line says so.
    ctx.edits.set_notes(_any_candidate(ctx), "seen at the stand")
    page.refresh()
    assert "1 later change not yet receipted." in page.receipt_label.text()


def _any_candidate(ctx: DeskContext) -> str:
    from sqlalchemy import select

    from app.store.models import Candidate

    with ctx.store.read() as s:
        return str(s.scalars(select(Candidate.id)).first())


def test_window_closes_after_the_mission_is_erased(qtbot: QtBot, ctx: DeskContext, window,  # type: ignore[no-untyped-def]
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    receipt_everything(ctx.store, AT)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information",
                        lambda _p, _t, text: told.append(text))

    def exec_(dialog: CloseMissionDialog) -> int:
        dialog.code_edit.setText(dialog.code)
        dialog.close_button.click()
        return int(dialog.result())

    monkeypatch.setattr(CloseMissionDialog, "exec", exec_)
    assert window.close_mission() is True
    assert not window.isVisible() and not window.timer.isActive()
    assert told and "was erased from this laptop" in told[0]
    assert not ctx.store.path.exists()


def test_a_mission_ended_long_ago_warns_at_start(qtbot: QtBot, window,  # type: ignore[no-untyped-def]
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    monkeypatch.setenv("MISSION_DESK_CLOSE_WARN_DAYS", "100000")
    assert window.warn_if_stale() is False and shown == []
    monkeypatch.setenv("MISSION_DESK_CLOSE_WARN_DAYS", "0")
    import ui.main_window as mw

    real = mw.stale_mission
    monkeypatch.setattr(mw, "stale_mission", lambda s: real(s, dt.date(2027, 3, 14)))
    assert window.warn_if_stale() is True
    assert "ended on" in shown[0] and "30 days ago" in shown[0]


def test_a_bundle_waiting_for_the_server_locks_closing(qtbot: QtBot, ctx: DeskContext) -> None:
    from app.store.desk_key import RELAY_PREFIX

    receipt_everything(ctx.store, AT)
    ctx.store.set_meta(RELAY_PREFIX + "b1", "eA==")
    dialog = _dialog(qtbot, ctx)
    assert dialog.status.property("role") == "error"
    assert "1 teammate bundle received" in dialog.status.text()
    dialog.code_edit.setText(dialog.code)
    assert not dialog.close_button.isEnabled()


def test_status_bar_counts_the_receipts_in_full_only_when_they_can_have_changed(
        qtbot: QtBot, ctx: DeskContext, window, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """An edit advances the status bar's receipt line over the new change alone; a sync or
    a bundle import (a change of many rows) or a new receipt makes it count in full."""
    from app.store import closing

    receipt_everything(ctx.store, AT)
    window.refresh_status()  # a new receipt: counted in full
    assert window.chip_sync.toolTip().endswith(" is in France.")
    full = []
    real = closing.coverage
    monkeypatch.setattr(closing, "coverage", lambda s: full.append(1) or real(s))
    cid = _any_candidate(ctx)
    ctx.run_edit("notes", "candidate", lambda: ctx.edits.set_notes(cid, "seen at the stand"))
    assert "1 later change not yet receipted." in window.chip_sync.toolTip()
    ctx.run_edit("notes", "candidate", lambda: ctx.edits.set_notes(cid, "seen twice"))
    assert "2 later changes not yet receipted." in window.chip_sync.toolTip()
    window.refresh_status()  # the periodic refresh
    assert full == []
    ctx.changed.emit("", "")  # what the sync page and the bundle import say when done
    assert full == [1]
    assert "2 later changes not yet receipted." in window.chip_sync.toolTip()


def test_a_desk_locked_at_start_warns_of_the_ended_mission_after_the_unlock(
        qtbot: QtBot, ctx: DeskContext, monkeypatch: pytest.MonkeyPatch) -> None:
    # Dialogs are cancelled behind the lock screen (issue 17): the warning waits for it.
    from app.store.desk_users import DeskUsers
    from tests.ui.test_switch_user import unlock_as
    from ui.main_window import MainWindow

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    monkeypatch.setenv("MISSION_DESK_CLOSE_WARN_DAYS", "0")
    import ui.main_window as mw

    real = mw.stale_mission
    monkeypatch.setattr(mw, "stale_mission", lambda s: real(s, dt.date(2027, 3, 14)))
    DeskUsers(ctx.store).set_pin(ctx.actor_id, "271828")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    assert window.locked and window.warn_if_stale() is True and shown == []
    unlock_as(qtbot, window, ctx.actor_id, "271828")
    qtbot.waitUntil(lambda: bool(shown), timeout=3_000)
    assert "ended on" in shown[0]
