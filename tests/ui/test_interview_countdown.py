"""The Interviews page lists the actor's interviews from the plan, by time, and its timer
counts down the interview's length (its own, else the mission's slot) and warns five
minutes before the end. The clock is the test's: time moves when the test says so."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select

from app.store.models import Interview
from app.store.plan_state import DEFAULT_SLOT
from ui.context import DeskContext
from ui.pages.interviews import InterviewsPage
from ui.widgets.timer import InterviewTimer


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_countdown_warns_five_minutes_before_the_end(qtbot) -> None:
    clock = FakeClock()
    timer = InterviewTimer(clock=clock)
    qtbot.addWidget(timer)
    timer.set_limit(20)
    assert timer.display.text() == "20:00" and not timer.warning
    qtbot.mouseClick(timer.toggle, Qt.MouseButton.LeftButton)
    clock.now += 14 * 60 + 59  # 5:01 left: no warning yet
    qtbot.waitUntil(lambda: timer.display.text() == "05:01")
    assert not timer.warning and timer.display.property("state") == ""
    clock.now += 1
    with qtbot.waitSignal(timer.warned):
        pass  # the next tick sees 5:00 left
    assert timer.display.text() == "05:00" and timer.warning
    assert timer.display.property("state") == "warn"
    warned: list[bool] = []
    timer.warned.connect(lambda: warned.append(True))
    clock.now += 5 * 60 + 30  # over time: shown as negative, warned only once
    qtbot.waitUntil(lambda: timer.display.text() == "-00:30")
    assert timer.display.property("state") == "over" and not warned
    qtbot.mouseClick(timer.reset, Qt.MouseButton.LeftButton)
    assert timer.display.text() == "20:00" and timer.display.property("state") == ""


def test_my_interviews_by_time_with_their_own_length(qtbot, demo) -> None:
    store, mission_id, chair_id = demo
    ctx = DeskContext(store, mission_id, chair_id)
    with store.read() as s:
        mine = [r for r in s.scalars(select(Interview)) if chair_id in r.panel]
    long_one = mine[3]
    ctx.edits.set_slot(long_one.candidate_id, long_one.starts_at, long_one.room,
                       list(long_one.panel), 45)
    page = InterviewsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    listed = page.slots.rows()
    # only the chair's own panel, earliest first
    assert {x.candidate_id for x in listed} == {r.candidate_id for r in mine}
    assert [x.starts_at for x in listed] == sorted(x.starts_at for x in listed)
    page.select_candidate(listed[0].candidate_id if listed[0].candidate_id !=
                          long_one.candidate_id else listed[1].candidate_id)
    assert page.timer.limit_minutes == DEFAULT_SLOT
    assert page.timer.display.text() == f"{DEFAULT_SLOT}:00"
    page.select_candidate(long_one.candidate_id)
    assert page.timer.limit_minutes == 45 and page.timer.display.text() == "45:00"
