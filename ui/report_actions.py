"""The Reports menu: each jury paper asked for a file name, made in a worker thread with a
busy indicator, then offered to open (the file or its folder)."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, QThread, QUrl, Signal, Slot
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QProgressDialog, QWidget

from app.reports.build import DEFAULT_NAMES, ReportKind, generate
from ui.context import DeskContext

log = logging.getLogger(__name__)


class _Worker(QObject):
    """Runs in its own thread: reads the store and writes the PDF, off the UI thread."""

    done = Signal(str)
    failed = Signal(str)

    def __init__(self, ctx: DeskContext, kind: ReportKind, path: str) -> None:
        super().__init__()
        self._store, self._mission = ctx.store, ctx.mission_id
        self._kind, self._path = kind, path

    @Slot()
    def run(self) -> None:
        try:
            generate(self._store, self._mission, self._kind, self._path)
        except Exception as exc:  # reported to the user, never lost in the thread
            log.exception("report %s failed", self._kind.value)
            self.failed.emit(str(exc) or exc.__class__.__name__)
        else:
            self.done.emit(self._path)


class ReportRunner(QObject):
    """Asks where to save, runs the worker, shows progress, then offers to open the result."""

    finished = Signal(str)  # path written
    failed = Signal(str)

    def __init__(self, ctx: DeskContext, parent: QWidget) -> None:
        super().__init__(parent)
        self._ctx, self._parent = ctx, parent
        self._thread: QThread | None = None
        self._worker: _Worker | None = None
        self._progress: QProgressDialog | None = None
        self.message_box: QMessageBox | None = None

    @property
    def busy(self) -> bool:
        return self._thread is not None

    def default_path(self, kind: ReportKind) -> str:
        docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        code = ""
        with self._ctx.store.read() as s:
            from app.store.models import Mission

            mission = s.get(Mission, self._ctx.mission_id)
            code = mission.code if mission else ""
        name = f"{code}-{DEFAULT_NAMES[kind]}.pdf" if code else f"{DEFAULT_NAMES[kind]}.pdf"
        return str(Path(docs or Path.home()) / name)

    def start(self, kind: ReportKind, title: str) -> None:
        if self.busy:
            return
        path, _filter = QFileDialog.getSaveFileName(
            self._parent, title, self.default_path(kind), self.tr("PDF documents (*.pdf)"))
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        self._progress = QProgressDialog(self.tr("Preparing %1…").replace("%1", title), "",
                                         0, 0, self._parent)
        self._progress.setCancelButton(None)
        self._progress.setWindowTitle(title)
        self._progress.setMinimumDuration(0)
        self._progress.show()
        thread = QThread(self)
        worker = _Worker(self._ctx, kind, path)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.done.connect(self._on_done)
        worker.failed.connect(self._on_failed)
        worker.done.connect(thread.quit)
        worker.failed.connect(thread.quit)
        thread.finished.connect(self._on_thread_finished)
        self._thread, self._worker = thread, worker
        thread.start()

    @Slot()
    def _on_thread_finished(self) -> None:
        if self._thread is not None:
            self._thread.wait()
            self._thread.deleteLater()
        if self._worker is not None:
            self._worker.deleteLater()
        self._thread = self._worker = None

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


def build_reports_menu(ctx: DeskContext, parent: QWidget) -> QMenu:
    menu = QMenu(parent.tr("&Reports"), parent)
    runner = ReportRunner(ctx, menu)
    menu.setProperty("runner", runner)  # tests and the window reach the runner through it
    # Mnemonics, not global shortcuts: the pages own the Ctrl+ keys.
    entries = [
        (ReportKind.RANKING, parent.tr("&Jury minutes and ranking…")),
        (ReportKind.CANDIDATE, parent.tr("&Candidate interview reports…")),
        (ReportKind.ATTENDANCE, parent.tr("&Attendance sheets…")),
        (ReportKind.MARK_SHEETS, parent.tr("Written-test &mark sheets…")),
        (ReportKind.BLANK_SHEETS, parent.tr("&Blank interview score sheets…")),
    ]
    for kind, label in entries:
        action = QAction(label, menu)
        action.setObjectName(f"report-{kind.value}")
        title = label.replace("&", "").rstrip("…")
        action.triggered.connect(lambda _checked=False, k=kind, t=title: runner.start(k, t))
        menu.addAction(action)
    return menu
