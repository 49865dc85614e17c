"""Laptop screens (issue 12, item 3): every page works at 1024x640 in both languages with no
sideways scrolling of its main content; the interview list folds away and the splitters are
remembered; the ranking's names stay readable and it shows rows enough to work."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from tests.ui.test_interviews import select_slot
from ui.main_window import PAGE_KEYS
from ui.models.ranking import COL_NAME
from ui.pages.ranking import NAME_MIN_WIDTH

LAPTOP = (1024, 640)


def at_laptop_size(qtbot, window, lang: str) -> None:
    if lang != "en":
        window.set_language(lang)
    window.resize(*LAPTOP)
    for key in PAGE_KEYS:  # every page built: the window's minimum covers them all
        window.show_page(key)
    qtbot.waitUntil(lambda: window.width() == LAPTOP[0] and window.height() == LAPTOP[1])
    ranking = window.page("ranking")
    qtbot.waitUntil(lambda: ranking.model.rowCount() > 0, timeout=20_000)
    QApplication.processEvents()  # the layouts settle (the sidebar went compact)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_no_page_needs_more_than_1024x640(qtbot, window, lang: str) -> None:
    at_laptop_size(qtbot, window, lang)
    hint = window.minimumSizeHint()
    assert hint.width() <= LAPTOP[0] and hint.height() <= LAPTOP[1], (lang, hint)
    for key in PAGE_KEYS:
        window.show_page(key)
        page = window.page(key)
        QApplication.processEvents()
        room = window.stack.size()
        need = page.minimumSizeHint()
        assert need.width() <= room.width() and need.height() <= room.height(), (key, lang)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_scorecard_fits_without_sideways_scrolling(qtbot, window, lang: str) -> None:
    at_laptop_size(qtbot, window, lang)
    window.show_page("interviews")
    page = window.page("interviews")
    select_slot(qtbot, page, page.slots.row_at(1).candidate_id)  # a card still to fill
    QApplication.processEvents()
    assert page.scroll.horizontalScrollBar().maximum() == 0
    assert page.editor.width() <= page.scroll.viewport().width()
    row = next(iter(page.rows.values()))
    last = row.cells[max(row.cells)]
    right_edge = last.mapTo(page.scroll.viewport(), QPoint(last.width(), 0)).x()
    assert right_edge <= page.scroll.viewport().width(), "level 5 is cut off"
    reset = page.timer.reset
    assert reset.mapTo(page.scroll.viewport(), QPoint(reset.width(), 0)).x() <= \
        page.scroll.viewport().width(), "the Reset button is cut off"
    assert page.slot_table.horizontalScrollBar().maximum() == 0


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_ranking_names_readable_and_rows_enough(qtbot, window, lang: str) -> None:
    at_laptop_size(qtbot, window, lang)
    window.show_page("ranking")
    page = window.page("ranking")
    QApplication.processEvents()
    assert page.table.columnWidth(COL_NAME) >= NAME_MIN_WIDTH
    assert page.table.horizontalScrollBar().maximum() == 0
    rows = page.table.viewport().height() // page.table.verticalHeader().defaultSectionSize()
    assert rows >= 9, rows  # six at 1024x640 before


def test_marks_and_candidates_fit_the_width(qtbot, window) -> None:
    at_laptop_size(qtbot, window, "fr")
    for key, view in (("written_tests", "table"), ("candidates", "table"),
                      ("sync", "conflicts_view")):
        window.show_page(key)
        QApplication.processEvents()
        table = getattr(window.page(key), view)
        assert table.horizontalScrollBar().maximum() == 0, key


def drag_handle(qtbot, splitter, dx: int) -> None:
    handle = splitter.handle(1)
    start = QPoint(handle.width() // 2, handle.height() // 2)
    qtbot.mousePress(handle, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(handle, start + QPoint(dx // 2, 0))
    qtbot.mouseMove(handle, start + QPoint(dx, 0))
    qtbot.mouseRelease(handle, Qt.MouseButton.LeftButton, pos=start + QPoint(dx, 0))


def test_interview_list_folds_away_and_splitters_are_remembered(qtbot, window) -> None:
    at_laptop_size(qtbot, window, "en")
    window.show_page("interviews")
    page = window.page("interviews")
    splitter = page.splitter
    assert splitter.handleWidth() >= 6 and splitter.handle(1).isVisible()
    before = splitter.sizes()[0]
    drag_handle(qtbot, splitter, -60)  # a little narrower
    narrower = splitter.sizes()[0]
    assert 0 < narrower < before
    # The desk opened again the next day: the list keeps its width.
    from ui.main_window import MainWindow

    again = MainWindow(window.ctx)
    qtbot.addWidget(again)
    again.resize(*LAPTOP)
    again.show()
    again.show_page("interviews")
    page = again.page("interviews")
    qtbot.waitUntil(lambda: page.isVisible())
    assert page.splitter.sizes()[0] == narrower
    drag_handle(qtbot, page.splitter, -page.splitter.sizes()[0] - 50)  # folded away
    assert page.splitter.sizes()[0] == 0 and page.splitter.sizes()[1] > 0


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_second_assessor_s_sync_page_keeps_its_fields_usable(qtbot, window, lang: str) -> None:
    """The own-account box (issue 17) makes the Sync page taller than 640 pixels: the page
    scrolls, and no field or table is squeezed below its own minimum."""
    from sqlalchemy import select

    from app.store.desk_users import DeskUsers
    from app.store.models import Assessor

    store = window.ctx.store
    store.set_meta("sync_server", "https://admissions.example.org")
    with store.read() as s:
        other = s.scalar(select(Assessor.id).where(Assessor.id != window.ctx.actor_id,
                                                   Assessor.mission_id == window.ctx.mission_id))
    DeskUsers(store).set_pin(other, "314159")
    at_laptop_size(qtbot, window, lang)
    window.unlock(other)
    window.show_page("sync")
    page = window.page("sync")
    QApplication.processEvents()
    assert page.own_account.isVisible()
    for widget in (page.own_account.user_edit, page.own_account.password_edit,
                   page.sync_button, page.conflicts_view, page.rejected_view):
        assert widget.height() >= widget.minimumSizeHint().height(), (widget.objectName(), lang)
