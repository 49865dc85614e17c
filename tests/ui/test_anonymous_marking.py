"""Anonymous written tests on the desk: script codes instead of names until the chair lifts
anonymity for the subject (a recorded, audited edit asked for once); marks are entered on the
code's row and stored against the candidate behind it; typing a code finds its row."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import select

from app.domain.enums import CandidateStatus, Track
from app.domain.mission import MissionConfig
from app.domain.planning import new_script_code
from app.domain.planning.config import DayConfig, PlanningConfig, RoomConfig, SittingConfig
from app.store.models import Assessor, AuditEntry, Candidate, Mark, Mission
from tests.ui.test_written_tests import own_mark, type_mark
from ui.context import DeskContext
from ui.models.marks import COL_APPNO, COL_NAME, COL_OWN
from ui.pages.written_tests import WrittenTestsPage

SITTING = "W1"


def plan_written_tests(store, mission_id: str, chair_id: str, *, anonymous: bool = True
                       ) -> dict[str, str]:
    """The mission as a planned package brings it: one sitting for every subject, and each
    present free mover seated with a script code. Returns candidate id -> code."""
    with store.write() as s:
        mission = s.get(Mission, mission_id)
        config = MissionConfig.model_validate(mission.config)
        planning = PlanningConfig(
            days=(DayConfig(date=dt.date(2027, 2, 8)),), rooms=(RoomConfig(name="Hall",
                                                                          capacity=200),),
            sittings=(SittingConfig(id=SITTING, date=dt.date(2027, 2, 8), start="09:00",
                                    duration=180, room="Hall",
                                    subjects=tuple(x.key for x in config.subjects)),))
        mission.config = config.model_copy(update={
            "planning": planning, "anonymous_marking": anonymous}).model_dump(mode="json")
    chair = DeskContext(store, mission_id, chair_id).edits
    rng = random.Random(7)
    codes = {}
    with store.read() as s:
        movers = list(s.scalars(select(Candidate.id).where(
            Candidate.track == Track.FREE_MOVER.value,
            Candidate.status == CandidateStatus.PRESENT.value)))
    for seat, cid in enumerate(movers, 1):
        codes[cid] = new_script_code(rng)
        chair.set_seat(cid, SITTING, seat, codes[cid])
    return codes


def open_page(qtbot, store, mission_id: str, actor_id: str) -> WrittenTestsPage:
    page = WrittenTestsPage(DeskContext(store, mission_id, actor_id))
    qtbot.addWidget(page)
    page.resize(1280, 720)
    page.show()
    qtbot.waitExposed(page)
    return page


@pytest.fixture
def planned(demo):
    store, mission_id, chair_id = demo
    codes = plan_written_tests(store, mission_id, chair_id)
    with store.read() as s:
        karim = s.scalar(select(Assessor.id).where(Assessor.name == "Prof. Karim Benali"))
    return store, mission_id, chair_id, karim, codes


def shown_rows(page: WrittenTestsPage) -> list[tuple[str, str, str]]:
    return [(page.proxy.index(r, COL_APPNO).data(), page.proxy.index(r, COL_NAME).data(),
             page.model.row_at(page.proxy.mapToSource(page.proxy.index(r, 0)).row())
             .candidate_id) for r in range(page.proxy.rowCount())]


def test_codes_not_names_and_marks_go_to_the_candidate_behind_the_code(qtbot,
                                                                       planned) -> None:
    store, mission_id, _chair, karim, codes = planned
    page = open_page(qtbot, store, mission_id, karim)
    rows = shown_rows(page)
    assert rows and all(number == codes[cid] for number, _name, cid in rows)
    with store.read() as s:
        names = {c.family_name for c in s.scalars(select(Candidate))}
    assert all(name == "hidden" for _n, name, _c in rows)
    assert not any(family in " ".join(map(str, r)) for r in rows for family in names)
    assert [n for n, _x, _c in rows] == sorted(n for n, _x, _c in rows)  # code order
    assert page.model.headerData(COL_APPNO, Qt.Orientation.Horizontal) == "Script code"
    assert page.anonymity.isVisible() and not page.lift_button.isVisible()  # not the chair
    assert page.current_candidate() is None  # the candidate panel would name them
    # a script in hand: type its code (any case, no dash), Tab to the sheet, type the mark
    target = next(cid for cid in codes if own_mark(page, cid) is None
                  and cid in {c for _n, _x, c in rows})
    code = codes[target]
    page.search.setFocus()
    qtbot.keyClicks(page.search, code.lower().replace("-", ""))
    assert [c for _n, _x, c in shown_rows(page)] == [target]
    page.table.setFocus()
    page.table.setCurrentIndex(page.proxy.index(0, COL_OWN))
    e = type_mark(qtbot, page, "13,5")
    qtbot.keyClick(e, Qt.Key.Key_Return)
    assert own_mark(page, target) == "13.5"
    with store.read() as s:
        mark = s.scalars(select(Mark).where(Mark.candidate_id == target,
                                            Mark.marker_id == karim)).one()
    assert mark.subject == "maths"
    # the undo label names the script, not the candidate
    assert code in page.ctx.undo_stack.undoText()
    with store.read() as s:
        number = s.get(Candidate, target).application_number
    assert number not in page.ctx.undo_stack.undoText()


def answer_message_box(qtbot, button: QMessageBox.StandardButton, seen: list[str]) -> None:
    def run() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, run)
            return
        seen.append(box.text())
        qtbot.mouseClick(box.button(button), Qt.MouseButton.LeftButton)
    QTimer.singleShot(0, run)


def test_the_chair_lifts_anonymity_for_one_subject(qtbot, planned) -> None:
    store, mission_id, chair, _karim, codes = planned
    page = open_page(qtbot, store, mission_id, chair)
    assert page.lift_button.text() == "Lift anonymity for Mathematics"
    assert page.lift_button.isVisible()
    # asked first: Cancel changes nothing
    seen: list[str] = []
    answer_message_box(qtbot, QMessageBox.StandardButton.Cancel, seen)
    qtbot.mouseClick(page.lift_button, Qt.MouseButton.LeftButton)
    assert seen and page.model.anonymous
    answer_message_box(qtbot, QMessageBox.StandardButton.Yes, seen)
    qtbot.mouseClick(page.lift_button, Qt.MouseButton.LeftButton)
    assert len(seen) == 2 and "cannot be undone" in seen[1]
    assert not page.model.anonymous and not page.lift_button.isVisible()
    rows = shown_rows(page)
    with store.read() as s:
        people = {c.id: (c.application_number, f"{c.family_name} {c.given_names}".strip())
                  for c in s.scalars(select(Candidate))}
        audit = s.scalars(select(AuditEntry).where(AuditEntry.field == "lifted")).one()
    assert all((number, name) == people[cid] for number, name, cid in rows)
    assert (audit.actor_id, audit.new, audit.reason) == (chair, True, "anonymity lifted")
    assert page.model.headerData(COL_APPNO, Qt.Orientation.Horizontal) == "Application no."
    # only that subject: physics still hides the names
    page.subject_box.setCurrentIndex(page.subject_box.findData("physics"))
    assert page.model.anonymous and page.lift_button.isVisible()
    assert all(n == codes[c] for n, _x, c in shown_rows(page))


def test_a_mission_that_marks_openly_shows_names(qtbot, demo) -> None:
    store, mission_id, chair = demo
    plan_written_tests(store, mission_id, chair, anonymous=False)
    page = open_page(qtbot, store, mission_id, chair)
    assert not page.model.anonymous and not page.anonymity.isVisible()
    assert not page.lift_button.isVisible()
    assert all(name != "hidden" for _n, name, _c in shown_rows(page))
