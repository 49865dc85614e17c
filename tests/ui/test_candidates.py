"""Candidates page by keyboard and mouse: accent-insensitive search, filters, P/A check-in and
undo/redo as new recorded edits (audit rows and outbox mutations in the database)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from app.domain.text import fold
from app.store.models import AuditEntry, Candidate, OutboxMutation
from app.store.outbox import pending_count
from ui.models.candidates import (
    COL_FAMILY,
    COL_NUMBER,
    CandidatesFilter,
    CandidatesModel,
    load_rows,
)


def _numbers(page) -> list[str]:
    proxy = page.proxy
    return [proxy.index(r, COL_NUMBER).data() for r in range(proxy.rowCount())]


def _candidates_page(window):
    window.show_page("candidates")
    return window.page("candidates")


def _click_row(qtbot, table, row: int) -> None:
    rect = table.visualRect(table.model().index(row, COL_FAMILY))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _counts(store, row_id: str) -> tuple[int, int]:
    with store.read() as s:
        audit = s.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.row_id == row_id, AuditEntry.field == "status"))
        outbox = s.scalar(select(func.count()).select_from(OutboxMutation).where(
            OutboxMutation.row_id == row_id))
    return int(audit or 0), int(outbox or 0)


def _status(store, row_id: str) -> str:
    with store.read() as s:
        return s.get(Candidate, row_id).status


def test_models_pass_the_model_tester(qtmodeltester, ctx) -> None:
    model = CandidatesModel()
    model.set_rows(load_rows(ctx.store, ctx.mission_id))
    assert model.rowCount() == 63
    qtmodeltester.check(model)
    proxy = CandidatesFilter()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    proxy.set_search("universidade")
    proxy.set_track("double_degree")
    assert 0 < proxy.rowCount() < 63
    qtmodeltester.check(proxy)
    proxy.sort(COL_FAMILY, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(proxy)


def test_search_ignores_accents_and_case(qtbot, window) -> None:
    page = _candidates_page(window)
    search = page.search
    for typed, expected in (("nguyen", "FOLD-001"), ("NGUYÊN", "FOLD-001"),
                            ("joao", "FOLD-002"), ("JOÃO pedro", "FOLD-002"),
                            ("sao paulo", "FOLD-003"), ("fold-003", "FOLD-003")):
        search.clear()
        qtbot.keyClicks(search, typed)
        numbers = _numbers(page)
        assert expected in numbers, typed
        words = fold(typed).split()
        for r in range(page.proxy.rowCount()):  # every row shown matches every typed word
            row = page.model.row_at(page.proxy.mapToSource(page.proxy.index(r, 0)).row())
            assert all(w in row.folded for w in words)
    search.clear()
    qtbot.keyClicks(search, "zzzz-nobody")
    assert page.proxy.rowCount() == 0
    assert "0 shown of 63" in page.counts.text()
    search.clear()
    assert page.proxy.rowCount() == 63


def test_track_and_status_filters(qtbot, window, ctx) -> None:
    page = _candidates_page(window)
    page.track_box.setFocus()
    qtbot.keyClick(page.track_box, Qt.Key.Key_Down)  # All tracks -> Free movers
    assert page.track_box.currentData() == "free_mover"
    free = {page.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole + 1)
            for r in range(page.proxy.rowCount())}
    with ctx.store.read() as s:
        expected = set(s.scalars(select(Candidate.id).where(Candidate.track == "free_mover")))
    assert free == expected
    qtbot.keyClick(page.status_box, Qt.Key.Key_Down)  # All statuses -> Registered
    qtbot.keyClick(page.status_box, Qt.Key.Key_Down)  # -> Present
    assert page.status_box.currentData() == "present"
    shown = {page.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole + 1)
             for r in range(page.proxy.rowCount())}
    with ctx.store.read() as s:
        expected = set(s.scalars(select(Candidate.id).where(
            Candidate.track == "free_mover", Candidate.status == "present")))
    assert shown == expected and shown


def test_check_in_with_keys_and_undo_redo_as_new_edits(qtbot, window, ctx) -> None:
    page = _candidates_page(window)
    qtbot.keyClicks(page.search, "nguyen van an")
    assert _numbers(page) == ["FOLD-001"]
    cid = page.proxy.index(0, 0).data(Qt.ItemDataRole.UserRole + 1)
    _click_row(qtbot, page.table, 0)
    assert _status(ctx.store, cid) == "registered"
    audit0, outbox0 = _counts(ctx.store, cid)

    qtbot.keyClick(page.table, Qt.Key.Key_P)
    assert _status(ctx.store, cid) == "present"
    assert page.proxy.index(0, 6).data() == "Present"  # visible at once
    assert _counts(ctx.store, cid) == (audit0 + 1, outbox0 + 1)

    qtbot.keyClick(page.table, Qt.Key.Key_A)
    assert _status(ctx.store, cid) == "absent"
    assert _counts(ctx.store, cid) == (audit0 + 2, outbox0 + 2)

    qtbot.keyClick(page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _status(ctx.store, cid) == "present"
    assert page.proxy.index(0, 6).data() == "Present"
    # Undo is a new recorded edit: history grows, nothing is erased.
    assert _counts(ctx.store, cid) == (audit0 + 3, outbox0 + 3)
    with ctx.store.read() as s:
        last = s.scalars(select(AuditEntry).where(AuditEntry.row_id == cid)
                         .order_by(AuditEntry.id.desc())).first()
    assert (last.old, last.new, last.actor_id) == ("absent", "present", ctx.actor_id)

    qtbot.keyClick(page.table, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert _status(ctx.store, cid) == "absent"
    assert _counts(ctx.store, cid) == (audit0 + 4, outbox0 + 4)
    with ctx.store.read() as s:
        pending = pending_count(s)
    assert window.chip_pending.text() == f"{pending} changes to sync"


def test_buttons_check_in_by_mouse(qtbot, window, ctx) -> None:
    page = _candidates_page(window)
    qtbot.keyClicks(page.search, "joao")
    _click_row(qtbot, page.table, 0)
    cid = page.current_candidate()
    qtbot.mouseClick(page.absent_button, Qt.MouseButton.LeftButton)
    assert _status(ctx.store, cid) == "absent"
    qtbot.mouseClick(page.present_button, Qt.MouseButton.LeftButton)
    assert _status(ctx.store, cid) == "present"
    assert window.undo_action.isEnabled()


def test_type_a_name_enter_then_p_checks_in(qtbot, window, ctx) -> None:
    """The check-in flow by keyboard only: the search box has the focus on arrival."""
    page = _candidates_page(window)
    qtbot.waitUntil(page.search.hasFocus)
    qtbot.keyClicks(window.focusWidget(), "goncalves joao pedro")
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Return)
    assert page.table.hasFocus()
    cid = page.current_candidate()
    assert page.model.row_at(page.model.row_of(cid)).number == "FOLD-002"
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_P)
    assert _status(ctx.store, cid) == "present"
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search.hasFocus() and page.search.selectedText() == "goncalves joao pedro"


def test_checked_in_row_leaves_a_registered_filter(qtbot, window, ctx) -> None:
    page = _candidates_page(window)
    qtbot.keyClick(page.status_box, Qt.Key.Key_Down)  # All statuses -> Registered
    assert page.status_box.currentData() == "registered"
    qtbot.keyClicks(page.search, "fold")
    assert sorted(_numbers(page)) == ["FOLD-001", "FOLD-002", "FOLD-003"]
    _click_row(qtbot, page.table, 0)
    first = _numbers(page)[0]
    qtbot.keyClick(page.table, Qt.Key.Key_P)
    assert first not in _numbers(page) and len(_numbers(page)) == 2
    qtbot.keyClick(page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert sorted(_numbers(page)) == ["FOLD-001", "FOLD-002", "FOLD-003"]


def test_columns_fit_the_window_without_horizontal_scrolling(qtbot, window) -> None:
    page = _candidates_page(window)
    for width, nationality_shown in ((1400, True), (1000, False)):
        window.resize(width, 700)
        qtbot.waitUntil(lambda w=width: window.width() == w)
        QApplication.processEvents()
        assert page.table.isColumnHidden(4) is not nationality_shown
        assert page.table.horizontalScrollBar().maximum() == 0
