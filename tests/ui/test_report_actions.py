"""The Reports menu driven by keyboard and mouse: file name asked, PDF made off the UI thread,
then opened (file or folder) from the message box."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMainWindow, QPushButton

import ui.report_actions as report_actions
from app.reports.build import generate as real_generate
from tests.reports.pdftext import pdf_text
from ui.context import DeskContext


@pytest.fixture
def window(qtbot, demo, monkeypatch, tmp_path):
    store, mission_id, chair_id = demo
    ctx = DeskContext(store, mission_id, chair_id)
    win = QMainWindow()
    qtbot.addWidget(win)
    menu = report_actions.build_reports_menu(ctx, win)
    win.menuBar().addMenu(menu)
    win.resize(800, 600)
    win.show()
    qtbot.waitExposed(win)
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl",
                        staticmethod(lambda url: opened.append(url.toLocalFile()) or True))
    asked: list[str] = []

    def save_name(parent, title, default, filters):
        asked.append(default)
        return str(tmp_path / "minutes"), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_name))
    threads: list[str] = []

    def generate(*args, **kwargs):
        threads.append(threading.current_thread().name)
        return real_generate(*args, **kwargs)

    monkeypatch.setattr(report_actions, "generate", generate)
    return win, menu, opened, asked, threads


def open_menu_and_press(qtbot, win, menu, key) -> None:
    menu.popup(win.mapToGlobal(QPoint(20, 20)))
    qtbot.waitExposed(menu)
    qtbot.keyClick(menu, key)


def test_menu_lists_every_report(window):
    _win, menu, *_ = window
    names = [a.objectName() for a in menu.actions() if not a.isSeparator()]
    assert names == ["report-ranking", "report-candidate", "report-attendance",
                     "report-mark-sheets", "report-blank-sheets", "report-timetable",
                     "report-calibration", "report-my-timetable", "report-convocations",
                     "report-calendars", "report-this-candidate", "report-this-room-attendance",
                     "report-this-room-sheets"]


def test_plan_papers_from_the_menu(qtbot, window, monkeypatch, tmp_path):
    """My timetable (the desk's assessor only), the convocation CSV and the calendars, each
    made off the UI thread like the PDFs."""
    win, menu, _opened, asked, _threads = window
    runner = menu.property("runner")
    actions = {a.objectName(): a for a in menu.actions()}
    with qtbot.waitSignal(runner.finished, timeout=30_000) as blocker:
        open_menu_and_press(qtbot, win, menu, Qt.Key.Key_Y)
    text = pdf_text(Path(blocker.args[0]))
    assert asked[-1].endswith("DEMO-2027-ASIA-LATAM-timetable-mine.pdf")
    assert "Timetable — Prof. Claire Dubois" in text and text.count("Timetable — ") == 1
    qtbot.waitUntil(lambda: not runner.busy)
    with qtbot.waitSignal(runner.finished, timeout=30_000) as blocker:
        actions["report-convocations"].trigger()
    assert blocker.args[0] == str(tmp_path / "minutes.csv")
    assert asked[-1].endswith("DEMO-2027-ASIA-LATAM-convocations.csv")
    head = (tmp_path / "minutes.csv").read_text("utf-8-sig").splitlines()[0]
    assert head.startswith("application_number,family_name,")
    qtbot.waitUntil(lambda: not runner.busy)
    folder = tmp_path / "calendars"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        staticmethod(lambda parent, title, start: str(folder)))
    with qtbot.waitSignal(runner.finished, timeout=30_000) as blocker:
        actions["report-calendars"].trigger()
    assert blocker.args[0] == str(folder) and len(list(folder.glob("*.ics"))) == 4


def test_calibration_annex_from_the_menu_read_as_the_unlocked_user(qtbot, window, monkeypatch,
                                                                  demo):
    win, menu, _opened, asked, _threads = window
    runner = menu.property("runner")
    viewers: list[str | None] = []

    def generate(*args, **kwargs):
        viewers.append(kwargs.get("viewer_id"))
        return real_generate(*args, **kwargs)

    monkeypatch.setattr(report_actions, "generate", generate)
    with qtbot.waitSignal(runner.finished, timeout=30_000) as blocker:
        open_menu_and_press(qtbot, win, menu, Qt.Key.Key_N)
    assert asked[-1].endswith("DEMO-2027-ASIA-LATAM-calibration-annex.pdf")
    assert viewers == [demo[2]]  # the desk context's user (the chair), for the blind rules
    text = " ".join(pdf_text(Path(blocker.args[0])).split())
    assert "Annex to the jury minutes: calibration" in text and "Markers / Correcteurs" in text
    qtbot.waitUntil(lambda: not runner.busy)


def test_jury_minutes_from_the_menu_then_open_file_and_folder(qtbot, window, tmp_path):
    win, menu, opened, asked, threads = window
    runner = menu.property("runner")
    with qtbot.waitSignal(runner.finished, timeout=30_000) as blocker:
        open_menu_and_press(qtbot, win, menu, Qt.Key.Key_J)
    path = Path(blocker.args[0])
    assert path == tmp_path / "minutes.pdf"
    assert asked and asked[0].endswith("DEMO-2027-ASIA-LATAM-jury-minutes.pdf")
    assert threads and threads[0] != threading.main_thread().name  # not on the UI thread
    assert "Procès-verbal du jury" in pdf_text(path)
    qtbot.waitUntil(lambda: not runner.busy)
    box = runner.message_box
    qtbot.waitExposed(box)
    buttons = {b.text(): b for b in box.findChildren(QPushButton)}
    qtbot.mouseClick(buttons["&Open"], Qt.MouseButton.LeftButton)
    assert opened == [str(path)]
    # again, and this time show the folder
    with qtbot.waitSignal(runner.finished, timeout=30_000):
        open_menu_and_press(qtbot, win, menu, Qt.Key.Key_J)
    qtbot.waitUntil(lambda: not runner.busy)
    box = runner.message_box
    qtbot.waitExposed(box)
    buttons = {b.text(): b for b in box.findChildren(QPushButton)}
    qtbot.mouseClick(buttons["Show in &folder"], Qt.MouseButton.LeftButton)
    assert opened[-1] == str(path.parent)


def test_failure_is_shown_not_lost(qtbot, window, monkeypatch):
    win, menu, _opened, _asked, _threads = window
    runner = menu.property("runner")

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(report_actions, "generate", broken)
    with qtbot.waitSignal(runner.failed, timeout=30_000) as blocker:
        open_menu_and_press(qtbot, win, menu, Qt.Key.Key_B)
    assert blocker.args == ["disk full"]
    qtbot.waitUntil(lambda: not runner.busy)
    assert "disk full" in runner.message_box.text()


def test_open_says_so_when_no_pdf_viewer_is_installed(qtbot, window, monkeypatch, tmp_path):
    """QDesktopServices.openUrl returns False where no program opens PDF files."""
    win, menu, _opened, _asked, _threads = window
    runner = menu.property("runner")
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: False))
    with qtbot.waitSignal(runner.finished, timeout=30_000) as blocker:
        open_menu_and_press(qtbot, win, menu, Qt.Key.Key_J)
    qtbot.waitUntil(lambda: not runner.busy)
    box = runner.message_box
    qtbot.waitExposed(box)
    buttons = {b.text(): b for b in box.findChildren(QPushButton)}
    qtbot.mouseClick(buttons["&Open"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: runner.message_box is not box and runner.message_box.isVisible())
    said = runner.message_box
    assert said.objectName() == "openFailed"
    assert "No program to open PDF files" in said.text() and blocker.args[0] in said.text()
