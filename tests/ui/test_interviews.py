"""Interview page driven by keyboard and mouse: keys 1-5 score the focused criterion and
are saved, notes autosave, submit with confirmation, blind panel, amendment, undo, timer."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QMessageBox, QPushButton, QWidget
from sqlalchemy import func, select

from app.domain.enums import CandidateStatus
from app.store.edits import EditService
from app.store.models import Assessor, AuditEntry, Candidate, Interview, Scorecard
from ui.context import DeskContext
from ui.models.interviews import COL_CANDIDATE, DISAGREE
from ui.pages.interviews import InterviewsPage

LEVELS = "342514"  # typed one per criterion, in rubric order


def on_modal(handler: Callable[[QWidget], None]) -> None:
    """Answer the next modal dialog (a confirmation) the way a user would."""
    def poll() -> None:
        w = QApplication.activeModalWidget()
        if w is None:
            QTimer.singleShot(10, poll)
            return
        handler(w)
    QTimer.singleShot(0, poll)


def click_button(qtbot, box: QWidget, text: str) -> None:
    for b in box.findChildren(QPushButton):
        if b.text().replace("&", "") == text and b.isVisible():
            qtbot.mouseClick(b, Qt.MouseButton.LeftButton)
            return
    raise AssertionError(f"no button {text!r}")


@pytest.fixture
def setup(qtbot, demo):
    """The chair's page, and a candidate of the chair's panel nobody has scored yet."""
    store, mission_id, chair_id = demo
    with store.read() as s:
        sophie = s.scalar(select(Assessor.id).where(Assessor.name == "Sophie Martin"))
        scored = set(s.scalars(select(Scorecard.candidate_id)))
        cid = next(c for c, panel in s.execute(
            select(Interview.candidate_id, Interview.panel).join(Candidate).where(
                Candidate.status == CandidateStatus.REGISTERED.value))
            if chair_id in panel and sophie in panel and c not in scored)
    ctx = DeskContext(store, mission_id, chair_id)
    page = InterviewsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1400, 860)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    select_slot(qtbot, page, cid)
    return page, cid, EditService(store, mission_id, sophie)


def select_slot(qtbot, page: InterviewsPage, cid: str) -> None:
    row = page.slots_proxy.mapFromSource(page.slots.index(page.slots.row_of(cid), COL_CANDIDATE))
    page.slot_table.scrollTo(row)
    rect = page.slot_table.visualRect(row)
    qtbot.mouseClick(page.slot_table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.candidate_id == cid


def own_card(page: InterviewsPage, cid: str) -> Scorecard | None:
    with page.ctx.store.read() as s:
        return s.scalar(select(Scorecard).where(Scorecard.candidate_id == cid,
                                                Scorecard.author_id == page.ctx.actor_id))


def audit_count(page: InterviewsPage) -> int:
    with page.ctx.store.read() as s:
        return s.scalar(select(func.count()).select_from(AuditEntry))


def type_levels(qtbot, page: InterviewsPage, digits: str) -> None:
    first = page.rows[page.rubric.keys[0]]
    page.activateWindow()  # back from a dialog: the page's window takes the keyboard again
    qtbot.waitUntil(page.isActiveWindow)
    page.scroll.ensureWidgetVisible(first)
    qtbot.mouseClick(first, Qt.MouseButton.LeftButton, pos=QPoint(20, 10))  # on the label
    assert first.hasFocus()
    for d in digits:
        qtbot.keyClick(QApplication.focusWidget(), d)


def choose_recommendation(qtbot, page: InterviewsPage, rec: str) -> None:
    b = page.rec_buttons[rec]
    page.scroll.ensureWidgetVisible(b)
    qtbot.mouseClick(b, Qt.MouseButton.LeftButton, pos=QPoint(8, b.height() // 2))


def submit(qtbot, page: InterviewsPage, answer: str = "Submit") -> list[str]:
    seen: list[str] = []

    def handle(w: QWidget) -> None:
        assert isinstance(w, QMessageBox)
        seen.append(w.text())
        click_button(qtbot, w, answer)
    on_modal(handle)
    page.scroll.ensureWidgetVisible(page.submit)
    qtbot.mouseClick(page.submit, Qt.MouseButton.LeftButton)
    return seen


def test_keys_set_levels_and_move_to_next_criterion(qtbot, setup) -> None:
    page, cid, _ = setup
    type_levels(qtbot, page, "34")
    keys = page.rubric.keys
    assert page.rows[keys[2]].hasFocus()  # focus moved on after each key
    card = own_card(page, cid)
    assert card is not None and card.levels == {keys[0]: 3, keys[1]: 4}
    assert page.rows[keys[1]].level == 4
    # a digit out of the scale is ignored, nothing saved
    before = audit_count(page)
    qtbot.keyClick(QApplication.focusWidget(), "7")
    assert audit_count(page) == before
    # the mouse works too: click level 2 of the first criterion
    cell = page.rows[keys[0]].cells[2]
    qtbot.mouseClick(cell, Qt.MouseButton.LeftButton)
    assert own_card(page, cid).levels[keys[0]] == 2
    assert page.slots.row_at(page.slots.row_of(cid)).card_state == "draft"


def test_keyboard_only_from_the_list_to_the_scorecard(qtbot, setup) -> None:
    page, cid, _ = setup
    page.slot_table.setFocus()
    last = page.slot_table.currentIndex().row() == page.slots_proxy.rowCount() - 1
    away, back = (Qt.Key.Key_Up, Qt.Key.Key_Down) if last else (Qt.Key.Key_Down, Qt.Key.Key_Up)
    qtbot.keyClick(page.slot_table, away)  # another interview of the list
    assert page.candidate_id != cid
    qtbot.keyClick(page.slot_table, back)
    assert page.candidate_id == cid
    qtbot.keyClick(page.slot_table, Qt.Key.Key_Return)  # into the rubric
    first = page.rows[page.rubric.keys[0]]
    assert first.hasFocus()
    for d in "45":
        qtbot.keyClick(QApplication.focusWidget(), d)
    card = own_card(page, cid)
    assert [card.levels[k] for k in page.rubric.keys[:2]] == [4, 5]


def test_notes_saved_on_focus_out_and_after_idle(qtbot, setup) -> None:
    page, cid, _ = setup
    page.scroll.ensureWidgetVisible(page.notes)
    qtbot.mouseClick(page.notes.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.notes, "Good questions about labs")
    qtbot.keyClick(page.notes, Qt.Key.Key_Tab)  # leaves the notes: saved now
    assert own_card(page, cid).notes == "Good questions about labs"
    qtbot.mouseClick(page.notes.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClick(page.notes, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(page.notes, ".")
    qtbot.waitUntil(lambda: own_card(page, cid).notes == "Good questions about labs.",
                    timeout=5000)  # the idle debounce saved it without leaving the field


def test_notes_saved_when_the_page_is_left(qtbot, setup) -> None:
    page, cid, _ = setup
    qtbot.mouseClick(page.notes.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.notes, "Check visa timing")
    page.hide()  # the window shows another page
    assert own_card(page, cid).notes == "Check visa timing"


def test_ctrl_enter_asks_to_submit(qtbot, setup) -> None:
    page, cid, _ = setup
    type_levels(qtbot, page, LEVELS)
    choose_recommendation(qtbot, page, "strong_admit")
    seen: list[str] = []

    def confirm(w: QWidget) -> None:
        seen.append(w.text())
        click_button(qtbot, w, "Submit")
    on_modal(confirm)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return,
                   Qt.KeyboardModifier.ControlModifier)
    assert seen and own_card(page, cid).submitted


def test_submit_incomplete_lists_what_is_missing(qtbot, setup) -> None:
    page, cid, _ = setup
    type_levels(qtbot, page, "34")
    seen = submit(qtbot, page, answer="OK")
    assert seen and "Scientific background" in seen[0]
    assert "overall recommendation" in seen[0]
    assert not own_card(page, cid).submitted


def test_blind_panel_then_comparison_with_disagreements(qtbot, setup) -> None:
    page, cid, sophie = setup
    keys = page.rubric.keys
    # Sophie scores and submits first, two levels apart on "science", and says reject.
    for key, level in zip(keys, LEVELS, strict=True):
        sophie.set_level(cid, key, int(level) + (2 if key == "science" else 0))
    sophie.set_recommendation(cid, "reject")
    sophie.submit_scorecard(cid)
    page.ctx.changed.emit("scorecard", "")  # as a sync would announce it
    assert not page.comparison_box.isVisible()
    assert page.comparison.columnCount() == 0  # not loaded at all, not merely hidden

    type_levels(qtbot, page, LEVELS)
    choose_recommendation(qtbot, page, "admit")
    assert not page.comparison_box.isVisible()
    # cancelling the confirmation submits nothing
    submit(qtbot, page, answer="Cancel")
    assert not own_card(page, cid).submitted
    seen = submit(qtbot, page)
    assert "Submit your scorecard" in seen[0]
    card = own_card(page, cid)
    assert card.submitted and card.recommendation == "admit"
    assert card.levels == {k: int(v) for k, v in zip(keys, LEVELS, strict=True)}

    assert page.comparison_box.isVisible()
    assert page.comparison.columnCount() == 2
    assert page.comparison.headerData(1, Qt.Orientation.Horizontal) == "Sophie Martin"
    science, motivation, rec = keys.index("science"), keys.index("motivation"), len(keys)
    assert page.comparison.disagreement_rows() == [science, rec]
    bg = Qt.ItemDataRole.BackgroundRole
    assert page.comparison.index(science, 1).data(bg) == DISAGREE
    assert page.comparison.index(rec, 0).data(bg) == DISAGREE
    assert page.comparison.index(motivation, 0).data(bg) is None
    assert "Scientific background" in page.comparison_note.text()
    # own card is now read-only: keys change nothing
    before = audit_count(page)
    type_levels(qtbot, page, "1")
    assert audit_count(page) == before
    assert page.amend.isVisible() and not page.submit.isVisible()


def test_amendment_needs_a_reason(qtbot, setup) -> None:
    page, cid, _ = setup
    type_levels(qtbot, page, LEVELS)
    choose_recommendation(qtbot, page, "waitlist")
    submit(qtbot, page)
    assert own_card(page, cid).submitted

    def amend(w: QWidget) -> None:
        ok = next(b for b in w.findChildren(QPushButton) if b.text() == "Record amendment")
        assert not ok.isEnabled()  # no reason yet
        box = w.findChild(QComboBox, "amend_english")
        box.setFocus()
        qtbot.keyClick(box, Qt.Key.Key_End)  # level 5
        qtbot.keyClicks(w.findChild(QLineEdit, "amendReason"), "Misread my own notes")
        assert ok.isEnabled()
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    on_modal(amend)
    page.scroll.ensureWidgetVisible(page.amend)
    qtbot.mouseClick(page.amend, Qt.MouseButton.LeftButton)
    card = own_card(page, cid)
    assert card.levels["english"] == 5 and card.amendments == 1
    with page.ctx.store.read() as s:
        reasons = set(s.scalars(select(AuditEntry.reason).where(AuditEntry.row_id == card.id)))
    assert "Misread my own notes" in reasons
    assert page.rows["english"].level == 5


def test_undo_level_is_a_new_recorded_edit(qtbot, setup) -> None:
    page, cid, _ = setup
    type_levels(qtbot, page, "3")
    type_levels(qtbot, page, "5")
    key = page.rubric.keys[0]
    assert own_card(page, cid).levels[key] == 5
    before = audit_count(page)
    page.ctx.undo_stack.undo()
    assert own_card(page, cid).levels[key] == 3
    assert page.rows[key].level == 3
    assert audit_count(page) == before + 1


def test_timer_starts_and_pauses(qtbot, setup) -> None:
    page, _, _ = setup
    t = page.timer
    # the open interview's slot (the mission's 30 minutes) counts down
    assert t.limit_minutes == 30 and t.display.text() == "30:00"
    qtbot.mouseClick(t.toggle, Qt.MouseButton.LeftButton)
    assert t.running and t.toggle.text() == "Pause"
    qtbot.waitUntil(lambda: t.display.text() == "29:59", timeout=3000)
    qtbot.mouseClick(t.toggle, Qt.MouseButton.LeftButton)
    assert not t.running and t.toggle.text() == "Resume"
    shown = t.display.text()
    qtbot.mouseClick(t.reset, Qt.MouseButton.LeftButton)
    assert shown != "30:00" and t.display.text() == "30:00"
