"""The Reports menu: each jury paper asked for a file name, made in a worker thread with a
busy indicator, then offered to open (the file or its folder)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QStandardPaths,
    QThread,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QProgressDialog, QWidget
from sqlalchemy import select

from app.reports import plan_exports
from app.reports.build import DEFAULT_NAMES, ReportKind, generate
from ui.context import DeskContext
from ui.workers.job import JobWorker, start_job

log = logging.getLogger(__name__)


class ReportRunner(QObject):
    """Asks where to save, runs the worker, shows progress, then offers to open the result."""

    finished = Signal(str)  # path written
    failed = Signal(str)

    def __init__(self, ctx: DeskContext, parent: QWidget) -> None:
        super().__init__(parent)
        self._ctx, self._parent = ctx, parent
        self._thread: QThread | None = None
        self._worker: JobWorker | None = None
        self._progress: QProgressDialog | None = None
        self.message_box: QMessageBox | None = None

    @property
    def busy(self) -> bool:
        return self._thread is not None

    def default_path(self, kind: ReportKind | str, suffix: str = "", ext: str = ".pdf") -> str:
        docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        code = ""
        with self._ctx.store.read() as s:
            from app.store.models import Mission

            mission = s.get(Mission, self._ctx.mission_id)
            code = mission.code if mission else ""
        stem = (DEFAULT_NAMES[kind] if isinstance(kind, ReportKind) else kind) + (
            f"-{_safe(suffix)}" if suffix else "")
        name = f"{code}-{stem}{ext}" if code else f"{stem}{ext}"
        return str(Path(docs or Path.home()) / name)

    def _ask(self, title: str, default: str, filters: str, ext: str) -> str:
        path, _filter = QFileDialog.getSaveFileName(self._parent, title, default, filters)
        if path and not path.lower().endswith(ext):
            path += ext
        return path

    def start(self, kind: ReportKind, title: str, *, candidate_number: str | None = None,
              room: str | None = None, assessor: str | None = None) -> None:
        """Ask where to save and make the paper: the whole mission, one candidate's report
        (``candidate_number``), one room's sheets (``room``) or one assessor's timetable."""
        if self.busy:
            return
        suffix = candidate_number or room or ("mine" if assessor else "")
        path = self._ask(title, self.default_path(kind, suffix),
                         self.tr("PDF documents (*.pdf)"), ".pdf")
        if not path:
            return
        store, mission, viewer = self._ctx.store, self._ctx.mission_id, self._ctx.actor_id
        self._run(title, path, kind.value, lambda: generate(
            store, mission, kind, path, candidate_number=candidate_number, room=room,
            assessor=assessor, viewer_id=viewer))

    def start_convocations(self, title: str) -> None:
        """The candidates' convocation list, a CSV for a mail merge."""
        if self.busy:
            return
        path = self._ask(title, self.default_path("convocations", ext=".csv"),
                         self.tr("CSV files (*.csv)"), ".csv")
        if not path:
            return
        store, mission = self._ctx.store, self._ctx.mission_id
        self._run(title, path, "convocations",
                  lambda: plan_exports.write_convocations(store, mission, path))

    def start_calendars(self, title: str) -> None:
        """One .ics per assessor, written into a folder the user picks."""
        if self.busy:
            return
        docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        folder = QFileDialog.getExistingDirectory(self._parent, title, docs or str(Path.home()))
        if not folder:
            return
        store, mission = self._ctx.store, self._ctx.mission_id
        self._run(title, folder, "calendars",
                  lambda: plan_exports.write_calendars(store, mission, folder))

    def _run(self, title: str, path: str, what: str, job: Callable[[], object]) -> None:
        self._progress = QProgressDialog(self.tr("Preparing %1…").replace("%1", title), "",
                                         0, 0, self._parent)
        self._progress.setCancelButton(None)
        self._progress.setWindowTitle(title)
        self._progress.setMinimumDuration(0)
        self._progress.show()
        self._worker = JobWorker(lambda: (job(), path)[1], f"report {what}")
        self._thread = start_job(self, self._worker, self._on_done, self._on_failed,
                                 self._on_thread_finished)

    @Slot()
    def _on_thread_finished(self) -> None:
        if self._thread is not None:
            self._thread.wait()
            self._thread.deleteLater()
        self._thread = self._worker = None  # start_job deleted the worker with its thread

    def _close_progress(self) -> None:
        if self._progress is not None:
            self._progress.close()
            self._progress.deleteLater()
            self._progress = None

    @Slot(str)
    def _on_done(self, path: str) -> None:
        self._close_progress()
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Report ready"),
                          self.tr("The report was saved to\n%1").replace("%1", path),
                          QMessageBox.StandardButton.NoButton, self._parent)
        open_file = box.addButton(self.tr("&Open"), QMessageBox.ButtonRole.AcceptRole)
        open_folder = box.addButton(self.tr("Show in &folder"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.setDefaultButton(open_file)

        def clicked(button: object) -> None:
            if button is open_file:
                self._open(path, self.tr(
                    "No program to open PDF files is installed on this laptop. The report is "
                    "saved at\n%1\nOpen it from its folder, or copy it to another computer."))
            elif button is open_folder:
                self._open(str(Path(path).parent), self.tr(
                    "The folder could not be opened on this laptop. The report is saved in\n%1"))

        box.buttonClicked.connect(clicked)
        self.message_box = box
        box.open()
        self.finished.emit(path)

    def _open(self, path: str, failure: str) -> None:
        """Open a file or folder with the system's program; say so when there is none
        (QDesktopServices.openUrl returns False: no PDF viewer, no file manager)."""
        if QDesktopServices.openUrl(QUrl.fromLocalFile(path)):
            return
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Cannot open"),
                          failure.replace("%1", path), QMessageBox.StandardButton.Close,
                          self._parent)
        box.setObjectName("openFailed")
        self.message_box = box
        box.open()

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._close_progress()
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Report failed"),
                          self.tr("The report could not be made: %1").replace("%1", message),
                          QMessageBox.StandardButton.Close, self._parent)
        self.message_box = box
        box.open()
        self.failed.emit(message)


def _safe(text: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in text).strip("-")


def candidate_room(ctx: DeskContext, candidate_id: str | None) -> tuple[str, str]:
    """(application number, interview room) of a candidate; "" where there is none."""
    if not candidate_id:
        return "", ""
    from app.store.models import Candidate, Interview

    with ctx.store.read() as s:
        c = s.get(Candidate, candidate_id)
        room = s.scalar(select(Interview.room).where(Interview.candidate_id == candidate_id))
    return (c.application_number if c else ""), (room or "")


def build_reports_menu(ctx: DeskContext, parent: QWidget,
                       current_candidate: Callable[[], str | None] | None = None) -> QMenu:
    """The Reports menu. Its titles are translated in the "ReportsMenu" context (literal
    calls, so lupdate files them where they are looked up). ``current_candidate`` gives the
    candidate selected on the shown page, for the "this candidate" and "this room" papers."""
    menu = QMenu(QCoreApplication.translate("ReportsMenu", "&Reports"), parent)
    runner = ReportRunner(ctx, menu)
    menu.setProperty("runner", runner)  # tests and the window reach the runner through it
    # Mnemonics, not global shortcuts: the pages own the Ctrl+ keys.
    entries = [
        (ReportKind.RANKING,
         QCoreApplication.translate("ReportsMenu", "&Jury minutes and ranking…")),
        (ReportKind.CANDIDATE,
         QCoreApplication.translate("ReportsMenu", "&Candidate interview reports…")),
        (ReportKind.ATTENDANCE, QCoreApplication.translate("ReportsMenu", "&Attendance sheets…")),
        (ReportKind.MARK_SHEETS,
         QCoreApplication.translate("ReportsMenu", "Written-test &mark sheets…")),
        (ReportKind.BLANK_SHEETS,
         QCoreApplication.translate("ReportsMenu", "&Blank interview score sheets…")),
        (ReportKind.TIMETABLE,
         QCoreApplication.translate("ReportsMenu", "&Timetables of every room and assessor…")),
        (ReportKind.CALIBRATION,
         QCoreApplication.translate("ReportsMenu", "Calibration a&nnex to the jury minutes…")),
    ]
    for kind, label in entries:
        action = QAction(label, menu)
        action.setObjectName(f"report-{kind.value}")
        title = label.replace("&", "").rstrip("…")
        action.triggered.connect(lambda _checked=False, k=kind, t=title: runner.start(k, t))
        menu.addAction(action)
    plan_entries = [
        ("report-my-timetable", QCoreApplication.translate("ReportsMenu", "M&y timetable…"),
         lambda t: runner.start(ReportKind.TIMETABLE, t, assessor=ctx.actor_id)),
        ("report-convocations",
         QCoreApplication.translate("ReportsMenu", "Con&vocation list for a mail merge (CSV)…"),
         runner.start_convocations),
        ("report-calendars",
         QCoreApplication.translate("ReportsMenu", "Assessors' ca&lendars (.ics)…"),
         runner.start_calendars),
    ]
    for name, label, start in plan_entries:
        action = QAction(label, menu)
        action.setObjectName(name)
        title = label.replace("&", "").rstrip("…")
        action.triggered.connect(lambda _checked=False, f=start, t=title: f(t))
        menu.addAction(action)
    menu.addSeparator()
    one = QAction(menu)
    one.setObjectName("report-this-candidate")
    room_attendance = QAction(menu)
    room_attendance.setObjectName("report-this-room-attendance")
    room_sheets = QAction(menu)
    room_sheets.setObjectName("report-this-room-sheets")
    for action in (one, room_attendance, room_sheets):
        menu.addAction(action)

    def target() -> tuple[str, str]:
        return candidate_room(ctx, current_candidate() if current_candidate else None)

    def refresh() -> None:
        number, room = target()
        one.setEnabled(bool(number))
        one.setText(QCoreApplication.translate("ReportsMenu", "Report of candidate %1…")
                    .replace("%1", number) if number else
                    QCoreApplication.translate("ReportsMenu", "Report of the selected candidate…"))
        for action in (room_attendance, room_sheets):
            action.setEnabled(bool(room))
        room_attendance.setText(
            QCoreApplication.translate("ReportsMenu", "Attendance sheet of room %1…")
            .replace("%1", room) if room else
            QCoreApplication.translate("ReportsMenu", "Attendance sheet of the selected room…"))
        room_sheets.setText(
            QCoreApplication.translate("ReportsMenu", "Blank score sheets of room %1…")
            .replace("%1", room) if room else
            QCoreApplication.translate("ReportsMenu", "Blank score sheets of the selected room…"))

    def print_one() -> None:
        number, _room = target()
        if number:
            runner.start(ReportKind.CANDIDATE, one.text().replace("&", "").rstrip("…"),
                         candidate_number=number)

    def print_room(kind: ReportKind, action: QAction) -> None:
        _number, room = target()
        if room:
            runner.start(kind, action.text().replace("&", "").rstrip("…"), room=room)

    one.triggered.connect(print_one)
    room_attendance.triggered.connect(
        lambda _c=False: print_room(ReportKind.ATTENDANCE, room_attendance))
    room_sheets.triggered.connect(
        lambda _c=False: print_room(ReportKind.BLANK_SHEETS, room_sheets))
    refresh()
    shown = getattr(parent, "reports_menu", None)  # the window's menu shows these actions
    (shown if isinstance(shown, QMenu) else menu).aboutToShow.connect(refresh)
    menu.setProperty("refresh", refresh)
    return menu
