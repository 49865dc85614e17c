"""The window shell by keyboard and mouse: pages by sidebar and Ctrl+1..6, the status bar's
chips (assessor, pending changes, last sync, conflicts), the live language switch, and the
crash hook's dialog and log."""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMenu

from app.store.models import Conflict
from ui.main_window import PAGE_KEYS, format_last_sync


def test_sidebar_and_shortcuts_switch_pages(qtbot, window) -> None:
    assert window.current_page_key() == "candidates"
    for i, key in enumerate(PAGE_KEYS):
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_1 + i), Qt.KeyboardModifier.ControlModifier)
        assert window.current_page_key() == key
        assert window.stack.currentWidget() is window.page(key)
    item = window.sidebar.item(PAGE_KEYS.index("mission"))
    rect = window.sidebar.visualItemRect(item)
    qtbot.mouseClick(window.sidebar.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_page_key() == "mission"
    assert type(window.page("written_tests")).__name__ == "WrittenTestsPage"
    assert type(window.page("interviews")).__name__ == "InterviewsPage"
    assert type(window.page("ranking")).__name__ == "RankingPage"
    assert type(window.page("sync")).__name__ == "SyncPage"


def test_status_bar_chips(qtbot, window, ctx) -> None:
    assert window.chip_assessor.text().startswith("Prof. Claire Dubois")
    assert window.chip_sync.text() == "Last sync: never"
    assert window.chip_conflicts.text() == "0 conflicts"
    pending_before = int(window.chip_pending.text().split()[0])
    ctx.store.set_meta("last_sync_at", "2027-02-08T10:15:00+00:00")
    with ctx.store.write() as s:
        s.add(Conflict(entity="candidate", row_id="x", field="status",
                       current_value="present", other_value="absent"))
    page = window.page("candidates")
    qtbot.keyClicks(page.search, "nguyen")
    rect = page.table.visualRect(page.proxy.index(0, 1))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.keyClick(page.table, Qt.Key.Key_A)  # an edit refreshes the chips at once
    assert window.chip_pending.text() == f"{pending_before + 1} changes to sync"
    assert window.chip_pending.property("chip") == "warn"
    assert window.chip_conflicts.text() == "1 conflict"
    assert window.chip_conflicts.property("chip") == "alert"
    local = dt.datetime(2027, 2, 8, 10, 15, tzinfo=dt.UTC).astimezone().strftime("%H:%M")
    assert local in window.chip_sync.text()


def test_last_sync_is_shown_in_local_time() -> None:
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    assert format_last_sync(now.isoformat()) == now.astimezone().strftime("%H:%M")
    assert format_last_sync(None) is None


def _open_view_menu_and_click(qtbot, window, object_name: str) -> None:
    """Open View > Language with the mouse and click the wanted language."""
    bar = window.menuBar()
    view = next(a for a in bar.actions() if a.text().replace("&", "") in ("View", "Affichage"))
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(view).center())
    menu = view.menu()
    qtbot.waitUntil(menu.isVisible)
    lang = next(a for a in menu.actions() if a.menu() is not None
                and a.menu().objectName() == "languageMenu")
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(lang).center())
    sub: QMenu = lang.menu()
    qtbot.waitUntil(sub.isVisible)
    target = next(a for a in sub.actions() if a.objectName() == object_name)
    qtbot.mouseClick(sub, Qt.MouseButton.LeftButton, pos=sub.actionGeometry(target).center())


def test_language_switch_retranslates_live(qtbot, window) -> None:
    assert window.sidebar.item(1).text() == "Candidates"
    _open_view_menu_and_click(qtbot, window, "language_fr")
    qtbot.waitUntil(lambda: window.sidebar.item(1).text() == "Candidats")
    assert window.sidebar.item(2).text() == "Épreuves écrites"
    page = window.page("candidates")
    assert page.search.placeholderText().startswith("Rechercher")
    assert page.model.headerData(0, Qt.Orientation.Horizontal) == "N° de dossier"
    assert "modification" in window.chip_pending.text()
    titles = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert titles[:3] == ["Fichier", "Édition", "Affichage"]
    _open_view_menu_and_click(qtbot, window, "language_en")
    qtbot.waitUntil(lambda: window.sidebar.item(1).text() == "Candidates")


def test_crash_hook_shows_a_copyable_report_and_logs_it(qtbot, tmp_path, caplog) -> None:
    from ui.app import CrashHook, setup_logging

    log_file = setup_logging(tmp_path)
    hook = CrashHook()
    seen: dict[str, str] = {}

    def inspect() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None and dialog.objectName() == "crashDialog"
        text = dialog.findChild(type(dialog.text), "crashReport")
        seen["report"] = text.toPlainText()
        seen["read_only"] = str(text.isReadOnly())
        qtbot.mouseClick(dialog.copy, Qt.MouseButton.LeftButton)
        seen["clipboard"] = QApplication.clipboard().text()
        dialog.accept()

    QTimer.singleShot(100, inspect)
    try:
        raise RuntimeError("the projector caught fire")
    except RuntimeError as exc:
        with caplog.at_level(logging.CRITICAL):
            hook.handle(type(exc), exc, exc.__traceback__)
    assert "RuntimeError: the projector caught fire" in seen["report"]
    assert "test_main_window.py" in seen["report"]  # the traceback, not only the message
    assert seen["read_only"] == "True"
    assert seen["clipboard"] == seen["report"]
    for h in logging.getLogger().handlers:
        h.flush()
    assert "the projector caught fire" in log_file.read_text(encoding="utf-8")


def test_mission_page_counts_follow_check_ins(qtbot, window) -> None:
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    mission = window.page("mission")
    assert "DEMO-2027-ASIA-LATAM" in mission.labels["where"].text()
    assert "Prof. Claire Dubois" in mission.labels["team"].text()
    before = mission.labels["counts"].text()
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    page = window.page("candidates")
    qtbot.keyClicks(page.search, "silva ana sao paulo")  # registered, not yet checked in
    assert page.proxy.rowCount() == 1
    rect = page.table.visualRect(page.proxy.index(0, 1))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.keyClick(page.table, Qt.Key.Key_P)
    assert mission.labels["counts"].text() != before  # refreshed by the edit's signal


def test_thread_exceptions_reach_the_crash_dialog(qtbot, tmp_path) -> None:
    import threading

    from ui.app import CrashHook, setup_logging

    log_file = setup_logging(tmp_path)
    hook = CrashHook()
    shown: list[str] = []

    def close_when_shown() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, close_when_shown)
            return
        shown.append(dialog.text.toPlainText())
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    previous = threading.excepthook
    hook.install()
    try:
        worker = threading.Thread(target=lambda: 1 / 0)
        worker.start()
        worker.join()
        QTimer.singleShot(20, close_when_shown)
        qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    finally:
        import sys

        threading.excepthook = previous
        sys.excepthook = sys.__excepthook__
    assert "ZeroDivisionError" in shown[0]
    for h in logging.getLogger().handlers:
        h.flush()
    assert "ZeroDivisionError" in log_file.read_text(encoding="utf-8")


def test_reports_menu_fills_when_first_opened(qtbot, window) -> None:
    bar = window.menuBar()
    reports = window.reports_menu
    assert reports.actions() == []  # nothing loaded at start-up
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton,
                     pos=bar.actionGeometry(reports.menuAction()).center())
    qtbot.waitUntil(reports.isVisible)
    names = [a.objectName() for a in reports.actions()]
    assert "report-ranking" in names and len(names) >= 4
    qtbot.keyClick(reports, Qt.Key.Key_Escape)


def test_sync_shortcut_works_from_any_page(qtbot, window) -> None:
    window.show_page("candidates")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    candidates = window.page("candidates")
    qtbot.keyClick(candidates, Qt.Key.Key_S,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    sync_page = window.page("sync")
    assert window.stack.currentWidget() is sync_page
    # no server configured on the demo desk: the page says what to fill in, nothing is sent
    assert "server address" in sync_page.message_label.text()
    assert sync_page.sync_action.shortcut().isEmpty()  # one owner of the key in the window
