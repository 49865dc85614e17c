"""The keyboard on every page (issue 12, item 6): a clicked rubric level moves the focus on,
Tab leaves every table (the interview list keeps its candidate), the ranking's track tabs
are reached, a written-test mark refused on Tab is kept with its reason and digits typed
afterwards never jump rows, and Tab walks each page's controls without getting stuck."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QTabBar, QWidget

from tests.ui.test_interviews import setup as interview_setup  # noqa: F401 - a fixture
from tests.ui.test_written_tests import click_cell, editor, own_mark
from tests.ui.test_written_tests import page as marks_page  # noqa: F401 - a fixture
from ui.models.marks import COL_NAME, COL_OWN
from ui.pages.written_tests import WrittenTestsPage


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def tab_chain(qtbot, start: QWidget, presses: int = 40) -> list[QWidget]:
    """The widgets that hold the focus as Tab is pressed from ``start``."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    seen: list[QWidget] = []
    for _ in range(presses):
        w = focused()
        assert w is not None
        qtbot.keyClick(w, Qt.Key.Key_Tab)
        seen.append(focused())  # type: ignore[arg-type]
    return seen


def test_clicking_a_level_moves_the_focus_on(qtbot, interview_setup) -> None:  # noqa: F811
    page, _cid, _ = interview_setup
    rows = list(page.rows.values())
    cell = rows[0].cells[4]
    qtbot.mouseClick(cell, Qt.MouseButton.LeftButton)
    assert rows[0].level == 4
    assert focused() is rows[1], "the hint says the focus moves to the next criterion"
    qtbot.keyClick(focused(), Qt.Key.Key_2)
    assert rows[0].level == 4 and rows[1].level == 2  # the digit scored the next one


def test_tab_leaves_the_interview_list_and_keeps_the_candidate(
        qtbot, interview_setup) -> None:  # noqa: F811
    page, cid, _ = interview_setup
    page.slot_table.setFocus()
    qtbot.keyClick(page.slot_table, Qt.Key.Key_Tab)
    assert focused() is not page.slot_table
    assert page.candidate_id == cid
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert page.candidate_id == cid
    # Enter on the list opens the scorecard: the first criterion still to score.
    page.slot_table.setFocus()
    qtbot.keyClick(page.slot_table, Qt.Key.Key_Return)
    assert focused() is next(iter(page.rows.values()))


def test_interview_page_tab_order_reaches_everything(qtbot, interview_setup) -> None:  # noqa: F811
    page, cid, _ = interview_setup
    chain = tab_chain(qtbot, page.slot_table)
    for w in (page.slot_table, page.timer.toggle, page.timer.reset, page.notes,
              *page.rows.values(), page.submit):
        assert w in chain, w.objectName()
    # rubric rows in their order, the notes after them
    order = [chain.index(r) for r in page.rows.values()]
    assert order == sorted(order) and chain.index(page.notes) > order[-1]
    assert page.candidate_id == cid


def test_ranking_track_tabs_are_reached_by_tab(qtbot, window) -> None:
    window.show_page("ranking")
    page = window.page("ranking")
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=20_000)
    chain = tab_chain(qtbot, page.table, presses=30)
    tabs = page.findChild(QTabBar, "trackTabs")
    assert tabs in chain and page.table in chain
    tabs.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(tabs, Qt.Key.Key_Right)
    assert tabs.currentIndex() == 1 and page.model.track.value == "double_degree"


@pytest.mark.parametrize("key", ["candidates", "written_tests", "interviews", "ranking",
                                 "sync"])
def test_tab_leaves_every_table(qtbot, window, key: str) -> None:
    window.show_page(key)
    page = window.page(key)
    tables = [v for v in page.findChildren(QAbstractItemView)
              if v.isVisible() and v.focusPolicy() & Qt.FocusPolicy.TabFocus]
    assert tables
    for view in tables:
        if view.model().rowCount():
            view.setCurrentIndex(view.model().index(0, 0))
        view.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.keyClick(view, Qt.Key.Key_Tab)
        assert focused() is not view, f"Tab is trapped in {view.objectName()}"


def test_tab_after_an_invalid_mark_keeps_it_and_says_so(qtbot, marks_page) -> None:  # noqa: F811
    page: WrittenTestsPage = marks_page
    click_cell(qtbot, page, 0)
    cid = page.model.row_at(page.proxy.mapToSource(page.proxy.index(0, 0)).row()).candidate_id
    before = own_mark(page, cid)
    qtbot.keyClicks(page.table, "2")
    e = editor(page)
    assert e is not None
    qtbot.keyClicks(e, "5")  # 25: over the maximum of 20
    qtbot.keyClick(e, Qt.Key.Key_Tab)
    assert editor(page) is e and e.text() == "25", "the invalid mark is kept in the editor"
    assert page.error.isVisible() and "25" in page.error.text()
    assert own_mark(page, cid) == before
    qtbot.keyClick(e, Qt.Key.Key_Escape)
    # Digits typed on another column of the row edit the mark: no type-ahead jump of rows.
    click_cell(qtbot, page, 0, COL_NAME)
    qtbot.keyClicks(page.table, "1")
    e = editor(page)
    assert e is not None and page.table.currentIndex().row() == 0
    assert page.table.currentIndex().column() == COL_OWN
    qtbot.keyClicks(e, "2")
    qtbot.keyClick(e, Qt.Key.Key_Tab)  # a valid mark: saved, and the focus leaves the sheet
    assert own_mark(page, cid) == "12"
    assert focused() is not page.table and editor(page) is None


@pytest.mark.parametrize("key", ["candidates", "written_tests", "interviews", "ranking",
                                 "sync"])
def test_every_control_of_a_page_is_reached_by_tab(qtbot, window, key: str) -> None:
    window.show_page(key)
    page = window.page(key)
    if key == "interviews":  # a scorecard open, as when working
        page.select_candidate(page.slots.row_at(1).candidate_id)
    if key == "ranking":
        qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=20_000)
    QApplication.processEvents()
    wanted = [w for w in page.findChildren(QWidget)
              if w.isVisibleTo(page) and w.isEnabled() and w.focusPolicy()
              & Qt.FocusPolicy.TabFocus and w.focusProxy() is None
              and not isinstance(w.parentWidget(), QAbstractItemView)]  # not cell editors
    start = next(w for w in wanted)
    chain = tab_chain(qtbot, start, presses=len(wanted) + 20)
    missing = [w.objectName() or type(w).__name__ for w in wanted if w not in chain]
    assert not missing, f"{key}: never reached by Tab: {missing}"


def test_enter_opens_the_candidate_on_the_candidates_page(qtbot, window) -> None:
    window.show_page("candidates")
    page = window.page("candidates")
    page.table.setFocus()
    page.table.selectRow(2)
    chosen = page.current_candidate()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    panel = page.last_panel
    assert panel is not None and panel.isVisible() and panel.detail.id == chosen
    panel.close()
