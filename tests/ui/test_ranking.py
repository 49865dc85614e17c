"""Ranking page driven by keyboard and mouse: sorting, histogram, the chair's decision with a
rationale, read-only decisions for everyone else, undo."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)
from sqlalchemy import func, select

from app.domain.scoring import ScoreState
from app.store.models import Assessor, AuditEntry, Decision
from ui.context import DeskContext
from ui.models.ranking import (
    COL_APPNO,
    COL_COMPOSITE,
    COL_DECISION,
    COL_NAME,
    COL_OPTION,
    COL_RATIONALE,
)
from ui.pages.ranking import RankingPage


def on_modal(handler: Callable[[QWidget], None]) -> None:
    def poll() -> None:
        w = QApplication.activeModalWidget()
        if w is None:
            QTimer.singleShot(10, poll)
            return
        handler(w)
    QTimer.singleShot(0, poll)


def make_page(qtbot, store, mission_id: str, actor_id: str) -> RankingPage:
    page = RankingPage(DeskContext(store, mission_id, actor_id))
    qtbot.addWidget(page)
    page.resize(1400, 860)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    wait_loaded(qtbot, page)
    return page


def wait_loaded(qtbot, page: RankingPage) -> None:
    """The ranking is computed on a worker thread: wait for the newest figures."""
    qtbot.waitUntil(lambda: not page.reader.busy and page.model.rowCount() > 0)


@pytest.fixture
def chair_page(qtbot, demo) -> RankingPage:
    store, mission_id, chair_id = demo
    return make_page(qtbot, store, mission_id, chair_id)


def click_header(qtbot, page: RankingPage, col: int) -> None:
    header = page.table.horizontalHeader()
    x = header.sectionViewportPosition(col) + header.sectionSize(col) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


def click_row(qtbot, page: RankingPage, row: int) -> None:
    idx = page.proxy.index(row, COL_NAME)
    page.table.scrollTo(idx)
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=page.table.visualRect(idx).center())


def column(page: RankingPage, col: int, role=Qt.ItemDataRole.UserRole) -> list:
    return [page.proxy.index(r, col).data(role) for r in range(page.proxy.rowCount())]


def decision(page: RankingPage, cid: str) -> Decision | None:
    with page.ctx.store.read() as s:
        return s.scalar(select(Decision).where(Decision.candidate_id == cid))


def audit_count(page: RankingPage) -> int:
    with page.ctx.store.read() as s:
        return s.scalar(select(func.count()).select_from(AuditEntry))


def test_sorting_by_header_clicks(qtbot, chair_page) -> None:
    page = chair_page
    ranks = column(page, 0)
    ranked = [r for r in ranks if r < 10**9]
    assert ranked == list(range(1, len(ranked) + 1))  # opens in rank order
    click_header(qtbot, page, COL_COMPOSITE)
    first = column(page, COL_COMPOSITE)
    click_header(qtbot, page, COL_COMPOSITE)
    second = column(page, COL_COMPOSITE)
    assert {tuple(first), tuple(second)} == {tuple(sorted(first)), tuple(sorted(first,
                                                                            reverse=True))}
    assert first != second
    click_header(qtbot, page, COL_APPNO)
    apps = column(page, COL_APPNO, Qt.ItemDataRole.DisplayRole)
    assert apps in (sorted(apps), sorted(apps, reverse=True))


def test_histogram_counts_the_ranked_candidates(qtbot, chair_page) -> None:
    page = chair_page
    for i in range(page.tabs.count()):
        qtbot.mouseClick(page.tabs, Qt.MouseButton.LeftButton,
                         pos=page.tabs.tabRect(i).center())
        rows = page.model.rows()
        ranked = [r for r in rows if r.state == ScoreState.RANKED]
        assert sum(page.histogram.counts) == len(ranked) > 0
        top = max(ranked, key=lambda r: r.composite)
        assert page.histogram.counts[int(top.composite)] >= 1


def test_chair_records_a_decision_with_rationale(qtbot, chair_page) -> None:
    page = chair_page
    click_row(qtbot, page, 0)
    cid = page.current_row().candidate_id
    options = [o.code for o in page.ctx.config.options]

    def admit(w: QWidget) -> None:
        qtbot.mouseClick(w.findChild(QRadioButton, "admit"), Qt.MouseButton.LeftButton)
        combo = w.findChild(QComboBox, "option")
        combo.setFocus()
        qtbot.keyClick(combo, Qt.Key.Key_End)  # the last option
        qtbot.keyClicks(w.findChild(QPlainTextEdit, "rationale"),
                        "Top of the list; strong interview")
        ok = w.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    on_modal(admit)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    d = decision(page, cid)
    assert d is not None and d.outcome == "admit" and d.option_code == options[-1]
    assert d.rationale == "Top of the list; strong interview"
    wait_loaded(qtbot, page)
    row = page.proxy.mapFromSource(page.model.index(page.model.row_of(cid), 0)).row()
    assert page.proxy.index(row, COL_DECISION).data() == f"Admit · {options[-1]}"
    assert page.proxy.index(row, COL_OPTION).data() == options[-1]
    assert page.proxy.index(row, COL_RATIONALE).data() == "Top of the list; strong interview"

    # change it to waitlist through the button; the option is dropped
    def waitlist(w: QWidget) -> None:
        qtbot.mouseClick(w.findChild(QRadioButton, "waitlist"), Qt.MouseButton.LeftButton)
        assert not w.findChild(QComboBox, "option").isEnabled()
        ok = w.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    on_modal(waitlist)
    qtbot.mouseClick(page.decide, Qt.MouseButton.LeftButton)
    d = decision(page, cid)
    assert d.outcome == "waitlist" and d.option_code is None

    # undo is a new recorded edit that brings the admission back
    before = audit_count(page)
    page.ctx.undo_stack.undo()
    d = decision(page, cid)
    assert d.outcome == "admit" and d.option_code == options[-1]
    assert audit_count(page) > before


def test_cancelled_dialog_records_nothing(qtbot, chair_page) -> None:
    page = chair_page
    click_row(qtbot, page, 1)
    cid = page.current_row().candidate_id

    def cancel(w: QWidget) -> None:
        qtbot.mouseClick(w.findChild(QRadioButton, "reject"), Qt.MouseButton.LeftButton)
        cancel = w.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel)
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    on_modal(cancel)
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton,
                      pos=page.table.visualRect(page.table.currentIndex()).center())
    assert decision(page, cid) is None


def test_non_chair_sees_decisions_read_only(qtbot, demo, chair) -> None:
    store, mission_id, _ = demo
    with store.read() as s:
        karim = s.scalar(select(Assessor.id).where(Assessor.name == "Prof. Karim Benali"))
    page = make_page(qtbot, store, mission_id, karim)
    click_row(qtbot, page, 0)
    cid = page.current_row().candidate_id
    assert not page.decide.isEnabled()
    seen: list[str] = []

    def close(w: QWidget) -> None:
        assert isinstance(w, QMessageBox)
        seen.append(w.text())
        qtbot.mouseClick(w.findChild(QPushButton), Qt.MouseButton.LeftButton)
    on_modal(close)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert seen and "head of delegation" in seen[0]
    assert decision(page, cid) is None
    # the chair's decision, arriving from elsewhere, is shown to them
    chair.set_decision(cid, "reject", rationale="Incomplete file")
    page.ctx.changed.emit("decision", cid)
    wait_loaded(qtbot, page)
    row = page.proxy.mapFromSource(page.model.index(page.model.row_of(cid), 0)).row()
    assert page.proxy.index(row, COL_DECISION).data() == "Reject"
