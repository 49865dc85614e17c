"""Switching the language loses nothing (issue 12, item 5): the pages are rebuilt in the new
language with what they held: the typed server and user, the open interview and its running
clock, the candidates' search and selection, the mark sheet shown, the ranking's track."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.test_interviews import select_slot


def switch(qtbot, window, lang: str) -> None:
    before = window.stack.currentWidget()
    window.language_actions[lang].trigger()  # the View › Language menu entry
    qtbot.waitUntil(lambda: window.stack.currentWidget() is not before
                    and window.stack.currentWidget().objectName().startswith("page_"))


def test_typed_server_and_user_survive(qtbot, window) -> None:
    window.show_page("sync")
    page = window.page("sync")
    for field, text in ((page.server_edit, "https://admissions.example.org"),
                        (page.user_edit, "k.benali")):
        field.clear()
        qtbot.keyClicks(field, text)
    switch(qtbot, window, "fr")
    page = window.page("sync")
    assert page.sync_button.text().startswith("Synchroniser")  # rebuilt in French
    assert page.server_edit.text() == "https://admissions.example.org"
    assert page.user_edit.text() == "k.benali"


def test_open_interview_and_running_clock_survive(qtbot, window) -> None:
    window.show_page("interviews")
    page = window.page("interviews")
    cid = page.slots.row_at(3).candidate_id
    select_slot(qtbot, page, cid)
    qtbot.mouseClick(page.timer.toggle, Qt.MouseButton.LeftButton)  # Start
    assert page.timer.running
    qtbot.waitUntil(lambda: page.timer.elapsed_ms() > 200)
    before = page.timer.elapsed_ms()
    switch(qtbot, window, "fr")
    page = window.page("interviews")
    assert page.candidate_id == cid
    current = page.slot_table.currentIndex()
    assert page.slots.row_at(page.slots_proxy.mapToSource(current).row()).candidate_id == cid
    assert page.timer.running and page.timer.elapsed_ms() >= before
    assert page.timer.toggle.text() != "Start"
    qtbot.mouseClick(page.timer.toggle, Qt.MouseButton.LeftButton)  # pause, then switch back
    paused = page.timer.elapsed_ms()
    switch(qtbot, window, "en")
    page = window.page("interviews")
    assert not page.timer.running and page.timer.elapsed_ms() == paused
    assert page.timer.toggle.text() == "Resume" and page.candidate_id == cid


def test_other_pages_keep_what_they_showed(qtbot, window) -> None:
    window.show_page("candidates")
    page = window.page("candidates")
    qtbot.keyClicks(page.search, "nguyen")
    page.table.selectRow(1)
    chosen = page.current_candidate()
    window.show_page("written_tests")
    marks = window.page("written_tests")
    marks.subject_box.setCurrentIndex(1)
    window.show_page("ranking")
    window.page("ranking").tabs.setCurrentIndex(1)
    window.show_page("candidates")
    switch(qtbot, window, "fr")
    page = window.page("candidates")
    assert page.search.text() == "nguyen" and page.current_candidate() == chosen
    assert window.page("written_tests").subject_box.currentIndex() == 1
    assert window.page("ranking").tabs.currentIndex() == 1
