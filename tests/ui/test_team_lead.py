"""What a team lead needs on the day, by keyboard and mouse: the candidate detail panel from
every page (Ctrl+I, context menu, double-click) with the date of birth for the identity check,
search by application number and filters by day and room, the progress view (its models
checked by qtmodeltester), blind second marking, and one candidate's report printed from the
window."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog
from sqlalchemy import select

from app.store.models import Assessor, Candidate, Interview, Mark, Mission
from app.store.queries_progress import load_progress
from tests.reports.pdftext import pdf_text
from ui.context import DeskContext
from ui.models.progress import (
    AssessorProgressModel,
    NumberFilter,
    SubjectProgressModel,
    ThirdReadingModel,
    WaitingModel,
)


def _click_row(qtbot, table, row: int = 0, col: int = 1, double: bool = False) -> None:
    rect = table.visualRect(table.model().index(row, col))
    click = qtbot.mouseDClick if double else qtbot.mouseClick
    if double:
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    click(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _panel(qtbot, page):
    qtbot.waitUntil(lambda: getattr(page, "last_panel", None) is not None
                    and page.last_panel.isVisible())
    return page.last_panel


def test_identity_check_and_panel_with_history(qtbot, window, ctx) -> None:
    page = window.page("candidates")
    qtbot.keyClicks(page.search, "APP-2027-00002")
    assert page.proxy.rowCount() == 1
    _click_row(qtbot, page.table)
    with ctx.store.read() as s:
        c = s.scalar(select(Candidate).where(Candidate.application_number == "APP-2027-00002"))
        born = c.birth_date
    assert born and "born " in page.identity.text()
    assert page.identity.text().count(born[:4]) == 1  # the year of birth beside the name
    qtbot.keyClick(page.table, Qt.Key.Key_A)  # checked in absent: one recorded change
    _click_row(qtbot, page.table, double=True)
    panel = _panel(qtbot, page)
    assert born[:4] in panel.identity.text() and c.family_name in panel.identity.text()
    assert c.email in panel.facts.text()
    history = [[panel.history.item(0, col).text() for col in range(4)]]
    assert history[0][1] == "Prof. Claire Dubois"
    assert "status" in history[0][2] and history[0][3].endswith("→ Absent")
    panel.close()


@pytest.mark.parametrize("key", ["written_tests", "interviews", "ranking"])
def test_panel_opens_from_every_page(qtbot, window, key) -> None:
    qtbot.keyClick(window, Qt.Key(Qt.Key.Key_1 + ["mission", "candidates", "written_tests",
                                                  "interviews", "ranking"].index(key)),
                   Qt.KeyboardModifier.ControlModifier)
    page = window.page(key)
    table = page.table if hasattr(page, "table") else page.slot_table
    qtbot.waitUntil(lambda: table.model().rowCount() > 0)
    _click_row(qtbot, table)
    expected = page.current_candidate()
    assert expected
    qtbot.keyClick(table, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    panel = _panel(qtbot, page)
    assert panel.detail.id == expected
    panel.close()
    # the context menu on the selected row offers the same
    rect = table.visualRect(table.currentIndex())
    table.customContextMenuRequested.emit(rect.center())
    menu = page.context_menu
    qtbot.waitUntil(menu.isVisible)
    action = menu.actions()[0]
    assert action.isEnabled() and action.text() == "Candidate details…"
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())
    assert _panel(qtbot, page).detail.id == expected
    page.last_panel.close()


def test_search_by_number_and_filters_by_day_and_room(qtbot, window, ctx) -> None:
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    marks = window.page("written_tests")
    qtbot.keyClicks(marks.search, "00007")
    assert marks.proxy.rowCount() == 1
    assert marks.proxy.index(0, 0).data() == "APP-2027-00007"
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    ranking = window.page("ranking")
    qtbot.waitUntil(lambda: ranking.model.rowCount() > 0)
    qtbot.keyClicks(ranking.search, "app-2027-00007")
    assert ranking.proxy.rowCount() == 1
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    interviews = window.page("interviews")
    total = interviews.slots_proxy.rowCount()
    rooms = [interviews.room_box.itemData(i) for i in range(1, interviews.room_box.count())]
    days = [interviews.day_box.itemData(i) for i in range(1, interviews.day_box.count())]
    assert rooms and days
    interviews.room_box.setFocus()
    qtbot.keyClick(interviews.room_box, Qt.Key.Key_Down)
    room = interviews.room_box.currentData()
    assert room == rooms[0]
    shown = [interviews.slots_proxy.index(r, 1).data()
             for r in range(interviews.slots_proxy.rowCount())]
    assert shown and set(shown) == {room}
    interviews.day_box.setFocus()
    qtbot.keyClick(interviews.day_box, Qt.Key.Key_Down)
    day = interviews.day_box.currentData()
    on_day = [interviews.slots.row_at(interviews.slots_proxy.mapToSource(
        interviews.slots_proxy.index(r, 0)).row()).starts_at
        for r in range(interviews.slots_proxy.rowCount())]
    assert on_day and all(t.startswith(day) for t in on_day)
    assert len(days) == 1 or len(on_day) < total
    with ctx.store.read() as s:
        expected = s.scalar(select(Candidate.application_number).join(
            Interview, Interview.candidate_id == Candidate.id).where(
            Interview.room == room, Interview.starts_at.like(f"{day}%"))
            .order_by(Interview.starts_at))
    number = expected or ""
    qtbot.keyClicks(interviews.slot_search, number)
    assert interviews.slots_proxy.rowCount() == (1 if expected else 0)


def test_progress_view_models_and_counts(qtbot, qtmodeltester, window, ctx) -> None:
    with ctx.store.read() as s:
        progress = load_progress(s, ctx.mission_id)
    config = ctx.config
    for model, rows in ((SubjectProgressModel(config), progress.subjects),
                        (ThirdReadingModel(config), progress.third_readings),
                        (AssessorProgressModel(), progress.assessors),
                        (WaitingModel(), progress.waiting)):
        model.set_rows(rows)
        qtmodeltester.check(model)
        proxy = NumberFilter((0, 1))
        proxy.setSourceModel(model)
        qtmodeltester.check(proxy)
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    view = window.progress_view
    qtbot.waitUntil(view.isVisible)
    maths = view.subjects.row_at(0)
    assert maths.sitting == maths.marked_twice + maths.marks_missing + maths.second_missing
    # a mark typed for a candidate nobody marked yet: one "missing" becomes "second missing"
    with ctx.store.read() as s:
        marked = set(s.scalars(select(Mark.candidate_id).where(Mark.subject == "maths")))
        todo = s.scalar(select(Candidate.id).where(
            Candidate.track == "free_mover", Candidate.status == "present",
            Candidate.id.not_in(marked)).order_by(Candidate.application_number))
    assert todo is not None
    ctx.run_edit("mark", "mark", lambda: ctx.edits.set_mark(todo, "maths", Decimal("11")))
    after = view.subjects.row_at(0)
    assert (after.marks_missing, after.second_missing) == (maths.marks_missing - 1,
                                                           maths.second_missing + 1)
    # third readings name who should do them
    for r in range(view.thirds.rowCount()):
        assert view.thirds.index(r, 4).data()
    qtbot.keyClicks(view.search, view.waiting.row_at(0).application_number
                    if view.waiting.rowCount() else "none")
    assert view.waiting_proxy.rowCount() <= 1
    view.close()


def _blind_case(ctx: DeskContext) -> tuple[str, str]:
    """A candidate another marker marked in maths and this desk's assessor did not."""
    with ctx.store.read() as s:
        mine = set(s.scalars(select(Mark.candidate_id).where(
            Mark.subject == "maths", Mark.marker_id == ctx.actor_id)))
        row = s.execute(select(Mark.candidate_id, Mark.value).join(
            Candidate, Candidate.id == Mark.candidate_id).where(
            Mark.subject == "maths", Mark.marker_id != ctx.actor_id, Mark.value.is_not(None),
            Candidate.status == "present", Candidate.id.not_in(mine))
            .order_by(Candidate.application_number)).first()
    assert row is not None
    return row[0], row[1]


def test_blind_second_marking(qtbot, window, ctx) -> None:
    cid, their = _blind_case(ctx)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    page = window.page("written_tests")
    row = page.model.row_of(cid)
    cell = page.proxy.mapFromSource(page.model.index(row, 4))
    assert their not in cell.data() and cell.data().startswith("hidden (")
    assert "once yours is entered" in cell.data(Qt.ItemDataRole.ToolTipRole)
    own = page.proxy.mapFromSource(page.model.index(row, 3))
    page.table.setCurrentIndex(own)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_9)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert page.model.index(row, 3).data() == "9"
    assert page.model.index(row, 4).data().startswith(their)


def test_blind_second_marking_can_be_turned_off(qtbot, demo) -> None:
    store, mission_id, chair_id = demo
    with store.write() as s:
        m = s.get(Mission, mission_id)
        m.config = {**m.config, "blind_second_marking": False}
    ctx = DeskContext(store, mission_id, chair_id)
    from ui.pages.written_tests import WrittenTestsPage

    page = WrittenTestsPage(ctx)
    qtbot.addWidget(page)
    cid, their = _blind_case(ctx)
    row = page.model.row_of(cid)
    assert page.model.index(row, 4).data().startswith(their)


def test_print_one_candidates_report_from_the_window(qtbot, window, ctx, monkeypatch,
                                                     tmp_path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(
        lambda parent, title, default, filters: (str(tmp_path / Path(default).name), filters)))
    page = window.page("candidates")
    qtbot.keyClicks(page.search, "APP-2027-00004")
    _click_row(qtbot, page.table)
    bar = window.menuBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton,
                     pos=bar.actionGeometry(window.reports_menu.menuAction()).center())
    qtbot.waitUntil(window.reports_menu.isVisible)
    action = next(a for a in window.reports_menu.actions()
                  if a.objectName() == "report-this-candidate")
    assert action.isEnabled() and "APP-2027-00004" in action.text()
    runner = window._reports_built.property("runner")
    with qtbot.waitSignal(runner.finished, timeout=60_000) as done:
        qtbot.mouseClick(window.reports_menu, Qt.MouseButton.LeftButton,
                         pos=window.reports_menu.actionGeometry(action).center())
    text = pdf_text(Path(done.args[0]))
    assert "APP-2027-00004" in text and "APP-2027-00003" not in text
    assert done.args[0].endswith("APP-2027-00004.pdf")
    runner.message_box.close()
    with ctx.store.read() as s:
        assert s.scalar(select(Assessor.name).where(Assessor.id == ctx.actor_id))




def test_panel_opens_from_a_conflict(qtbot, window, ctx) -> None:
    from app.store.models import Conflict

    with ctx.store.write() as s:
        cid = s.scalar(select(Candidate.id).where(Candidate.application_number
                                                  == "APP-2027-00005"))
        s.add(Conflict(entity="candidate", row_id=cid, field="status",
                       current_value="present", other_value="absent"))
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    page = window.page("sync")
    qtbot.waitUntil(lambda: page.conflicts.rowCount() == 1)
    _click_row(qtbot, page.conflicts_view)
    assert "“Absent”" in page.conflict_story.text()  # told in words under the table
    qtbot.keyClick(page.conflicts_view, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert _panel(qtbot, page).detail.id == cid
    page.last_panel.close()
