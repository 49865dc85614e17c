"""Written-tests page driven by keyboard and mouse: Enter saves and moves on, an invalid
value is refused in place with its reason, 'abs', double-marking highlight, undo."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from sqlalchemy import func, select

from app.store.models import Assessor, AuditEntry, Mark
from ui.context import DeskContext
from ui.models.marks import COL_GAP, COL_OWN, GAP_BRUSH
from ui.pages.written_tests import WrittenTestsPage


@pytest.fixture
def page(qtbot, demo):
    store, mission_id, _ = demo
    with store.read() as s:
        karim = s.scalar(select(Assessor.id).where(Assessor.name == "Prof. Karim Benali"))
    ctx = DeskContext(store, mission_id, karim)
    p = WrittenTestsPage(ctx)
    qtbot.addWidget(p)
    p.resize(1400, 860)
    p.show()
    qtbot.waitExposed(p)
    return p


def own_mark(page: WrittenTestsPage, candidate_id: str, subject: str = "maths") -> str | None:
    with page.ctx.store.read() as s:
        return s.scalar(select(Mark.value).where(
            Mark.candidate_id == candidate_id, Mark.subject == subject,
            Mark.marker_id == page.ctx.actor_id))


def audit_count(page: WrittenTestsPage) -> int:
    with page.ctx.store.read() as s:
        return s.scalar(select(func.count()).select_from(AuditEntry))


def proxy_row_where(page: WrittenTestsPage, pred) -> int:
    for r in range(page.proxy.rowCount()):
        row = page.model.row_at(page.proxy.mapToSource(page.proxy.index(r, 0)).row())
        if pred(row):
            return r
    raise AssertionError("no such row")


def click_cell(qtbot, page: WrittenTestsPage, row: int, col: int = COL_OWN) -> None:
    rect = page.table.visualRect(page.proxy.index(row, col))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def editor(page: WrittenTestsPage) -> QLineEdit | None:
    # a closed editor lingers until deleted later: the open one is the visible one
    shown = [e for e in page.table.findChildren(QLineEdit, "markEditor") if e.isVisible()]
    return shown[0] if shown else None


def type_mark(qtbot, page: WrittenTestsPage, text: str) -> QLineEdit:
    """Type as a marker does: the first key opens the cell's editor, the rest go into it."""
    qtbot.keyClicks(page.table, text[0])
    e = editor(page)
    assert e is not None, "typing on a mark cell opens its editor"
    qtbot.keyClicks(e, text[1:])
    return e


def test_enter_saves_and_moves_to_next_candidate(qtbot, page) -> None:
    r = proxy_row_where(page, lambda row: row.own is None)
    cid = page.model.row_at(page.proxy.mapToSource(page.proxy.index(r, 0)).row()).candidate_id
    click_cell(qtbot, page, r)
    e = type_mark(qtbot, page, "12,5")
    assert e.text() == "12,5"
    qtbot.keyClick(e, Qt.Key.Key_Return)
    assert own_mark(page, cid) == "12.5"
    assert page.table.currentIndex().row() == r + 1
    assert editor(page) is None
    assert page.proxy.index(r, COL_OWN).data() == "12.5"
    # the next candidate is ready: typing goes straight into its cell
    cid2 = page.model.row_at(page.proxy.mapToSource(page.proxy.index(r + 1, 0)).row()
                             ).candidate_id
    e = type_mark(qtbot, page, "14")
    qtbot.keyClick(e, Qt.Key.Key_Enter)
    assert own_mark(page, cid2) == "14"
    assert page.table.currentIndex().row() == r + 2


def test_invalid_value_is_refused_in_place_with_reason(qtbot, page) -> None:
    r = proxy_row_where(page, lambda row: row.own is None)
    cid = page.model.row_at(page.proxy.mapToSource(page.proxy.index(r, 0)).row()).candidate_id
    before = audit_count(page)
    click_cell(qtbot, page, r)
    e = type_mark(qtbot, page, "25")
    qtbot.keyClick(e, Qt.Key.Key_Return)
    assert editor(page) is e and e.text() == "25"  # still editing what was typed
    assert page.error.isVisible()
    assert "out of range" in page.error.text()
    assert "out of range" in e.toolTip()
    assert page.table.currentIndex().row() == r
    qtbot.keyClicks(e, "x")  # typing again clears the refusal
    assert not page.error.isVisible()
    e.selectAll()
    qtbot.keyClicks(e, "12.3")
    qtbot.keyClick(e, Qt.Key.Key_Return)
    assert "multiple of 0.25" in page.error.text()
    assert own_mark(page, cid) is None
    assert audit_count(page) == before
    qtbot.keyClick(e, Qt.Key.Key_Escape)  # Escape gives up: still nothing saved
    assert editor(page) is None
    assert own_mark(page, cid) is None


def test_abs_records_absent(qtbot, page) -> None:
    r = proxy_row_where(page, lambda row: row.own is None)
    cid = page.model.row_at(page.proxy.mapToSource(page.proxy.index(r, 0)).row()).candidate_id
    click_cell(qtbot, page, r)
    e = type_mark(qtbot, page, "abs")
    qtbot.keyClick(e, Qt.Key.Key_Return)
    assert own_mark(page, cid) == "absent"
    assert page.proxy.index(r, COL_OWN).data() == "abs"


def test_double_marking_gap_is_highlighted(qtbot, page) -> None:
    # A candidate another marker already marked: a mark 5 points away needs a third reading.
    r = proxy_row_where(page, lambda row: row.others and row.others[0][1] != "absent")
    row = page.model.row_at(page.proxy.mapToSource(page.proxy.index(r, 0)).row())
    other = Decimal(row.others[0][1])
    click_cell(qtbot, page, r)
    mine = other + 5 if other <= 15 else other - 5
    e = type_mark(qtbot, page, "0")  # opens the editor over any mark shown; then replace
    e.selectAll()
    qtbot.keyClicks(e, str(mine))
    qtbot.keyClick(e, Qt.Key.Key_Return)
    assert page.proxy.index(r, COL_GAP).data() == "Third reading"
    assert page.proxy.index(r, 1).data(Qt.ItemDataRole.BackgroundRole) == GAP_BRUSH
    # back within the threshold: the flag goes away
    click_cell(qtbot, page, r)
    e = type_mark(qtbot, page, "0")
    e.selectAll()
    qtbot.keyClicks(e, str(other))
    qtbot.keyClick(e, Qt.Key.Key_Return)
    assert page.proxy.index(r, COL_GAP).data() == ""
    assert page.proxy.index(r, 1).data(Qt.ItemDataRole.BackgroundRole) is None


def test_undo_is_a_new_recorded_edit(qtbot, page) -> None:
    r = proxy_row_where(page, lambda row: row.own is None)
    cid = page.model.row_at(page.proxy.mapToSource(page.proxy.index(r, 0)).row()).candidate_id
    click_cell(qtbot, page, r)
    e = type_mark(qtbot, page, "9.75")
    qtbot.keyClick(e, Qt.Key.Key_Return)
    assert own_mark(page, cid) == "9.75"
    before = audit_count(page)
    page.ctx.undo_stack.undo()
    assert own_mark(page, cid) is None
    assert audit_count(page) == before + 1
    assert page.proxy.index(r, COL_OWN).data() == ""
    page.ctx.undo_stack.redo()
    assert own_mark(page, cid) == "9.75"
    assert audit_count(page) == before + 2


def test_subject_and_track_filters(qtbot, page) -> None:
    n_free = page.proxy.rowCount()
    qtbot.mouseClick(page.present_only, Qt.MouseButton.LeftButton)
    assert page.proxy.rowCount() > n_free
    page.track_box.setFocus()
    qtbot.keyClick(page.track_box, Qt.Key.Key_End)  # "All tracks"
    assert page.proxy.rowCount() == 60
    page.subject_box.setFocus()
    qtbot.keyClick(page.subject_box, Qt.Key.Key_Down)
    assert page.model.subject.key == "physics"


def test_text_that_is_not_a_mark_is_refused(qtbot, page) -> None:
    r = proxy_row_where(page, lambda row: row.own is None)
    cid = page.model.row_at(page.proxy.mapToSource(page.proxy.index(r, 0)).row()).candidate_id
    click_cell(qtbot, page, r)
    e = type_mark(qtbot, page, "douze")
    qtbot.keyClick(e, Qt.Key.Key_Return)
    assert editor(page) is e
    assert "'douze' is not a mark" in page.error.text()
    assert own_mark(page, cid) is None
