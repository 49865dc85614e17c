"""Several assessors on one desk (issue 17): PIN switch with Ctrl+L, idle lock, undo per
assessor, blind panel between two users of the same laptop."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import select

from app.domain.enums import CandidateStatus
from app.store.desk_users import DeskUsers
from app.store.edits import EditService
from app.store.models import Assessor, AuditEntry, Candidate, Interview, Scorecard
from ui.context import DeskContext

CHAIR_PIN, SOPHIE_PIN = "271828", "314159"


def _sophie(ctx: DeskContext) -> str:
    with ctx.store.read() as s:
        return str(s.scalar(select(Assessor.id).where(Assessor.name == "Sophie Martin")))


def _shared_candidate(ctx: DeskContext, sophie: str) -> str:
    """A registered candidate whose panel holds the chair and Sophie, with no card yet."""
    with ctx.store.read() as s:
        scored = set(s.scalars(select(Scorecard.candidate_id)))
        return next(c for c, panel in s.execute(
            select(Interview.candidate_id, Interview.panel).join(Candidate).where(
                Candidate.status == CandidateStatus.REGISTERED.value))
            if ctx.actor_id in panel and sophie in panel and c not in scored)


def press_lock(qtbot, window) -> None:
    window.activateWindow()  # a window shortcut acts in the active window (asynchronous)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.locked and window.screens.currentWidget() is window.lock_screen


def unlock_as(qtbot, window, assessor_id: str, pin: str, *, new: bool = False) -> None:
    """Click one's name on the lock screen, type the PIN (twice for a new one), Enter."""
    screen = window.lock_screen
    item = next(screen.team.item(i) for i in range(screen.team.count())
                if screen.team.item(i).data(Qt.ItemDataRole.UserRole) == assessor_id)
    rect = screen.team.visualItemRect(item)
    qtbot.mouseClick(screen.team.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert screen.again.isVisible() == new
    qtbot.keyClicks(screen.pin, pin)
    if new:
        qtbot.keyClicks(screen.again, pin)
    qtbot.keyClick(screen.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not screen.busy, timeout=20_000)  # argon2 runs in a thread


def status_edit(ctx: DeskContext, cid: str, new: str, old: str) -> None:
    edits = ctx.edits
    ctx.run_edit("status", "candidate", lambda: edits.set_status(cid, new),
                 lambda: edits.set_status(cid, old))


def status_of(ctx: DeskContext, cid: str) -> str:
    with ctx.store.read() as s:
        return str(s.get(Candidate, cid).status)


def test_two_assessors_switch_by_pin_and_undo_never_crosses_users(qtbot, window) -> None:
    ctx = window.ctx
    chair, sophie = ctx.actor_id, _sophie(ctx)
    cid = _shared_candidate(ctx, sophie)
    assert not window.locked  # no PIN on this desk: it works as before

    press_lock(qtbot, window)
    assert window._pages == {}  # nothing of the previous user stays built
    assert not window.menuBar().isVisible()
    assert not window.undo_action.isEnabled()
    unlock_as(qtbot, window, chair, CHAIR_PIN, new=True)  # first use: PIN set twice
    assert not window.locked and ctx.actor_id == chair
    status_edit(ctx, cid, "present", "registered")
    assert window.undo_action.isEnabled()

    press_lock(qtbot, window)
    qtbot.keyClick(window.lock_screen.pin, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    window.undo_action.trigger()  # disabled behind the lock screen: nothing happens
    assert status_of(ctx, cid) == "present"
    unlock_as(qtbot, window, sophie, SOPHIE_PIN, new=True)
    assert ctx.actor_id == sophie and ctx.edits.actor_id == sophie
    assert window.current_page_key() == "candidates"  # back on the page it was locked on
    assert window.chip_assessor.text().startswith("Sophie Martin")
    assert not window.undo_action.isEnabled()  # the chair's edit is not Sophie's to undo
    window.undo_action.trigger()
    assert status_of(ctx, cid) == "present"
    status_edit(ctx, cid, "absent", "present")
    with ctx.store.read() as s:
        newest = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert newest.actor_id == sophie  # every edit records who made it

    press_lock(qtbot, window)
    unlock_as(qtbot, window, chair, "000000")  # a wrong PIN keeps the desk locked
    assert window.locked and "Wrong PIN" in window.lock_screen.message.text()
    unlock_as(qtbot, window, chair, CHAIR_PIN)
    assert ctx.actor_id == chair and not window.locked
    assert window.undo_action.isEnabled()
    window.undo_action.trigger()  # the chair's own last edit: present -> registered
    assert status_of(ctx, cid) == "registered"
    assert isinstance(ctx.undo_stack, QUndoStack) and not ctx.undo_stack.canUndo()
    with ctx.store.read() as s:
        newest = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert newest.actor_id == chair and newest.new == "registered"


def test_the_desk_starts_locked_once_pins_exist(qtbot, ctx) -> None:
    from ui.main_window import MainWindow

    DeskUsers(ctx.store).set_pin(ctx.actor_id, CHAIR_PIN)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    assert window.locked and window._pages == {}
    unlock_as(qtbot, window, ctx.actor_id, CHAIR_PIN)
    assert not window.locked and window.current_page_key() in window._pages


def test_wrong_pins_are_throttled_on_the_lock_screen(qtbot, window) -> None:
    chair = window.ctx.actor_id
    DeskUsers(window.ctx.store).set_pin(chair, CHAIR_PIN)
    press_lock(qtbot, window)
    for _ in range(3):
        unlock_as(qtbot, window, chair, "999999")
    assert "try again after" in window.lock_screen.message.text()
    unlock_as(qtbot, window, chair, CHAIR_PIN)  # even the right PIN waits now
    assert window.locked and "try again after" in window.lock_screen.message.text()


def test_idle_lock_fires_after_the_configured_period(qtbot, window) -> None:
    chair = window.ctx.actor_id
    DeskUsers(window.ctx.store).set_pin(chair, CHAIR_PIN)
    press_lock(qtbot, window)
    unlock_as(qtbot, window, chair, CHAIR_PIN)
    assert window.idle.timer.interval() == 10 * 60_000  # the default: ten minutes
    box = QMessageBox(QMessageBox.Icon.Question, "Amend?", "Record the amendment?",
                      QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel, window)
    box.open()  # a dialog left open when its user walked away
    window.idle.set_interval(150)  # a short period for the test (the setting is in minutes)
    qtbot.waitUntil(lambda: window.locked, timeout=10_000)
    assert window.screens.currentWidget() is window.lock_screen and window._pages == {}
    assert not box.isVisible()  # cancelled, not left over the lock screen


def test_idle_watcher_filters_events_only_while_a_period_is_set(qtbot) -> None:
    """A desk without PINs (period 0) has no application-wide filter called for each of its
    events; a period installs it, 0 and stop_watching remove it."""
    from PySide6.QtCore import QEvent, QObject

    from ui.idle_lock import IdleWatcher

    seen: list[QEvent.Type] = []

    class Counting(IdleWatcher):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            seen.append(event.type())
            return super().eventFilter(watched, event)

    target = QObject()

    def delivered() -> int:
        seen.clear()
        QApplication.sendEvent(target, QEvent(QEvent.Type.User))
        return seen.count(QEvent.Type.User)

    watcher = Counting(0)
    assert delivered() == 0
    watcher.set_interval(60_000)
    assert delivered() == 1 and watcher.timer.isActive()
    watcher.set_interval(120_000)  # a new period: still one filter
    assert delivered() == 1
    watcher.set_interval(0)
    assert delivered() == 0 and not watcher.timer.isActive()
    watcher.set_interval(60_000)
    watcher.stop_watching()
    assert delivered() == 0


def test_blind_panel_holds_between_two_users_of_one_desk(qtbot, window) -> None:
    from tests.ui.test_interviews import select_slot

    ctx = window.ctx
    chair, sophie = ctx.actor_id, _sophie(ctx)
    cid = _shared_candidate(ctx, sophie)
    rubric = ctx.config.rubric.keys
    chair_edits = ctx.edits
    chair_edits.set_notes(cid, "chair's draft: hesitant on maths")
    DeskUsers(ctx.store).set_pin(chair, CHAIR_PIN)
    DeskUsers(ctx.store).set_pin(sophie, SOPHIE_PIN)

    press_lock(qtbot, window)
    unlock_as(qtbot, window, sophie, SOPHIE_PIN)
    window.show_page("interviews")
    page = window.page("interviews")
    select_slot(qtbot, page, cid)
    assert page.own is None  # the chair's draft is not shown as anyone's
    assert "hesitant" not in page.notes.toPlainText()
    assert not page.comparison_box.isVisible()
    assert [c.author_id for c in ctx.edits.scorecards_visible(cid)] == []

    # The chair submits; Sophie has not: still hidden from her.
    for key in rubric:
        chair_edits.set_level(cid, key, 4)
    chair_edits.set_recommendation(cid, "admit")
    chair_edits.submit_scorecard(cid)
    assert [c.author_id for c in ctx.edits.scorecards_visible(cid)] == []
    # Sophie submits hers: now she reads the chair's card beside her own.
    for key in rubric:
        ctx.edits.set_level(cid, key, 3)
    ctx.edits.set_recommendation(cid, "waitlist")
    ctx.edits.submit_scorecard(cid)
    assert {c.author_id for c in ctx.edits.scorecards_visible(cid)} == {chair, sophie}
    with ctx.store.read() as s:  # both cards were kept on the desk, each under its author
        authors = set(s.scalars(select(Scorecard.author_id).where(Scorecard.candidate_id == cid)))
    assert authors == {chair, sophie}


@pytest.mark.parametrize("pin", ["12345", "1"])
def test_a_short_pin_is_refused_on_the_lock_screen(qtbot, window, pin) -> None:
    chair = window.ctx.actor_id
    press_lock(qtbot, window)
    unlock_as(qtbot, window, chair, pin, new=True)
    assert window.locked and not DeskUsers(window.ctx.store).has_pin(chair)
    assert "at least 6 digits" in window.lock_screen.message.text()


def test_switching_gives_a_new_edit_service(qtbot, ctx) -> None:
    sophie = _sophie(ctx)
    before = ctx.edits
    ctx.set_actor(sophie)
    assert ctx.edits is not before and isinstance(ctx.edits, EditService)
    assert ctx.edits.actor_id == sophie and not ctx.is_chair


def test_a_report_finished_behind_the_lock_screen_is_not_offered(qtbot, window, tmp_path) -> None:
    # A paper started by one assessor ends after the desk locked: its "Report ready / Open"
    # box must not open over the lock screen for whoever sits down next.
    import threading

    from ui.report_actions import ReportRunner

    runner = ReportRunner(window.ctx, window)
    release = threading.Event()
    runner._run("Ranking", str(tmp_path / "ranking.pdf"), "ranking",
                lambda: release.wait(10))
    press_lock(qtbot, window)
    release.set()
    qtbot.waitUntil(lambda: runner.message_box is not None, timeout=10_000)
    qtbot.waitUntil(lambda: not runner.message_box.isVisible(), timeout=3_000)
    assert window.locked
    chair = window.ctx.actor_id
    unlock_as(qtbot, window, chair, CHAIR_PIN, new=True)
    box = QMessageBox(QMessageBox.Icon.Information, "Next", "Unlocked again", parent=window)
    box.open()  # once unlocked, dialogs open as usual
    qtbot.wait(50)
    assert box.isVisible()
    box.close()


def test_a_context_menu_left_open_closes_with_the_lock(qtbot, window) -> None:
    from PySide6.QtWidgets import QMenu

    menu = QMenu(window)
    menu.addAction("Candidate details…")
    menu.popup(window.geometry().center())
    qtbot.waitUntil(menu.isVisible, timeout=3_000)
    window.lock()
    assert not menu.isVisible()


def test_a_sign_in_under_way_survives_the_lock_and_the_next_user_gets_their_own_page(
        qtbot, window, monkeypatch) -> None:
    # Sophie signs in once on the Sync page (a network call in a worker thread) and walks
    # away; the desk locks and the chair unlocks before the call returns. The page (its
    # thread) must outlive the lock, and be rebuilt for the chair once the call ended.
    import threading

    import ui.widgets.own_account as own_account
    from sync.accounts import ACCOUNT_PREFIX, account_of

    ctx = window.ctx
    chair, sophie = ctx.actor_id, _sophie(ctx)
    ctx.store.set_meta("sync_server", "https://missions.example.org")
    release, asked = threading.Event(), []

    def slow_sign_in(store, server, assessor_id, username, password) -> None:
        # the server's answer held back: only the time it takes is simulated
        asked.append(assessor_id)
        release.wait(10)
        store.set_meta(ACCOUNT_PREFIX + assessor_id, username)

    monkeypatch.setattr(own_account, "sign_in_desk_user", slow_sign_in)
    DeskUsers(ctx.store).set_pin(chair, CHAIR_PIN)
    press_lock(qtbot, window)
    unlock_as(qtbot, window, sophie, SOPHIE_PIN, new=True)
    window.show_page("sync")
    page = window.page("sync")
    box = page.own_account
    assert box.isVisible()
    qtbot.keyClicks(box.user_edit, "sophie.martin")
    qtbot.keyClicks(box.password_edit, "her password")
    qtbot.keyClick(box.password_edit, Qt.Key.Key_Return)
    assert box.busy and page.busy

    press_lock(qtbot, window)
    qtbot.wait(50)  # deleteLater runs: a page deleted with its thread running aborts
    unlock_as(qtbot, window, chair, CHAIR_PIN)
    assert window.page("sync") is page  # kept while Sophie's sign-in runs
    release.set()
    qtbot.waitUntil(lambda: window._pages.get("sync") not in (None, page), timeout=10_000)
    fresh = window.page("sync")
    assert fresh.isVisible() and not fresh.own_account.isVisible()  # the desk's own account
    assert fresh.own_account.user_edit.text() == ""  # nothing of Sophie's typing stays
    assert asked == [sophie]
    with ctx.store.read() as s:
        assert account_of(s, sophie) == "sophie.martin"


def test_a_pin_set_on_first_use_is_in_the_audit_with_whose_session_it_followed(
        qtbot, window) -> None:
    # Anyone at the lock screen may claim a name with no PIN yet (first use): the desk keeps
    # a trail of it, so that a colleague who finds "PIN set" beside their name can show it.
    ctx = window.ctx
    chair, sophie = ctx.actor_id, _sophie(ctx)
    press_lock(qtbot, window)
    unlock_as(qtbot, window, chair, CHAIR_PIN, new=True)
    press_lock(qtbot, window)
    unlock_as(qtbot, window, sophie, SOPHIE_PIN, new=True)
    with ctx.store.read() as s:
        trail = [(a.actor_id, a.row_id, a.old, a.new, a.reason) for a in s.scalars(
            select(AuditEntry).where(AuditEntry.entity == "desk_user")
            .order_by(AuditEntry.id))]
    assert trail == [
        (chair, chair, None, "set", "first PIN on this desk"),
        (sophie, sophie, None, "set",
         f"first PIN on this desk; the desk was unlocked as {chair} before")]
    assert not any(SOPHIE_PIN in str(row) for row in trail)


def test_the_open_session_sets_its_own_pin_before_anyone_else_chooses_a_name(
        qtbot, window) -> None:
    # The desk is open under the chair's name (its own account: synced with no password).
    # Locked with no PIN of theirs, the next person could set one and act as the chair: the
    # lock screen offers the chair's name alone until the chair's PIN is set.
    ctx = window.ctx
    chair, sophie = ctx.actor_id, _sophie(ctx)

    def offered() -> list[str]:
        team = window.lock_screen.team
        return [team.item(i).data(Qt.ItemDataRole.UserRole) for i in range(team.count())]

    press_lock(qtbot, window)
    assert offered() == [chair]
    assert "Set your own PIN first" in window.lock_screen.intro.text()
    unlock_as(qtbot, window, chair, CHAIR_PIN, new=True)
    press_lock(qtbot, window)
    assert sophie in offered() and len(offered()) > 2
    unlock_as(qtbot, window, sophie, SOPHIE_PIN, new=True)
    assert ctx.actor_id == sophie


def test_the_open_sessions_own_pin_is_asked_in_french(qtbot, window) -> None:
    window.set_language("fr")  # the conftest puts English back
    press_lock(qtbot, window)
    assert "Définissez d'abord votre propre code PIN" in window.lock_screen.intro.text()


def test_an_edit_landing_behind_the_lock_screen_cannot_be_undone_there(qtbot, window) -> None:
    # A worker started before the lock (a re-plan) records its edit after it: Ctrl+Z on the
    # lock screen must not undo it, nor the Edit menu's action come back to life.
    ctx = window.ctx
    chair, sophie = ctx.actor_id, _sophie(ctx)
    cid = _shared_candidate(ctx, sophie)
    press_lock(qtbot, window)
    status_edit(ctx, cid, "present", "registered")  # the late edit, the chair's
    assert not window.undo_action.isEnabled()
    qtbot.keyClick(window.lock_screen.pin, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    window.undo_action.trigger()
    assert status_of(ctx, cid) == "present"
    unlock_as(qtbot, window, chair, CHAIR_PIN, new=True)
    assert window.undo_action.isEnabled()  # the chair's own edit, theirs to undo
    window.undo_action.trigger()
    assert status_of(ctx, cid) == "registered"


def test_idle_lock_runs_inside_a_modal_dialog(qtbot, window) -> None:
    # A modal dialog (exec: its own event loop) left open: the idle period still counts,
    # the desk locks and the dialog is cancelled, its caller's exec() returning.
    from PySide6.QtCore import QTimer

    chair = window.ctx.actor_id
    DeskUsers(window.ctx.store).set_pin(chair, CHAIR_PIN)
    press_lock(qtbot, window)
    unlock_as(qtbot, window, chair, CHAIR_PIN)
    window.idle.set_interval(150)
    box = QMessageBox(QMessageBox.Icon.Question, "Decide?", "Record the decision?",
                      QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel, window)
    forced = []
    # never hangs (tied to the box: gone with it)
    QTimer.singleShot(8_000, box, lambda: (forced.append(True), box.accept()))
    box.exec()
    assert not forced and window.locked
    assert window.screens.currentWidget() is window.lock_screen


def test_what_a_language_switch_carried_is_not_handed_to_the_next_user(qtbot, window) -> None:
    # The chair typed a search on the Candidates page, went to another page and switched
    # the language (the search is carried until that page is built again), then locked:
    # Sophie must not find the chair's search and selection there.
    ctx = window.ctx
    chair, sophie = ctx.actor_id, _sophie(ctx)
    window.show_page("candidates")
    page = window.page("candidates")
    qtbot.keyClicks(page.search, "nguyen")
    page.table.selectRow(1)
    window.show_page("ranking")
    window.set_language("fr")
    assert "candidates" in window._carried
    press_lock(qtbot, window)
    unlock_as(qtbot, window, chair, CHAIR_PIN, new=True)
    press_lock(qtbot, window)
    unlock_as(qtbot, window, sophie, SOPHIE_PIN, new=True)
    window.statusBar().showMessage("the previous user's message", 60_000)
    window.show_page("candidates")
    page = window.page("candidates")
    assert page.search.text() == "" and page.current_candidate() is None
    press_lock(qtbot, window)
    unlock_as(qtbot, window, sophie, SOPHIE_PIN)
    assert window.statusBar().currentMessage() == ""


def test_a_dialog_opened_by_a_cancelled_one_goes_too(qtbot, window) -> None:
    first = QMessageBox(QMessageBox.Icon.Question, "Amend?", "Record the amendment?",
                        QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel,
                        window)
    second = QMessageBox(QMessageBox.Icon.Warning, "Discard?", "The amendment is not kept.",
                         QMessageBox.StandardButton.Close, window)
    first.rejected.connect(second.open)  # a caller that answers a cancel with a message
    first.open()
    window.lock()
    qtbot.waitUntil(lambda: not first.isVisible() and not second.isVisible(), timeout=3_000)
