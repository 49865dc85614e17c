"""First connection: a desk with no mission signs in to the server and pulls its mission.

The sign-in and the download run in a worker thread (ui.workers.sync_worker.SyncWorker);
the dialog stays responsive, shows each phase and can cancel. The password is never stored:
the server's device token goes to the OS keyring (or the encrypted database without one).

Enter always means Connect: Cancel is never an auto-default button, so a failed attempt
followed by Enter tries again instead of closing the dialog (which quit the application).
A failure keeps the dialog open and says what was wrong in plain words. "Open the demo"
lets someone without a server try the desk.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QThread
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.store.database import Store
from ui.sign_in import address_problem, failure_message, phase_label
from ui.workers.sync_worker import SyncWorker

log = logging.getLogger(__name__)


class ConnectDialog(QDialog):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connectDialog")
        self.store = store
        self.mission_id: str | None = None
        self.wants_demo = False  # the user chose "Open the demo" instead of a server
        self._thread: QThread | None = None
        self._worker: SyncWorker | None = None
        self.setWindowTitle(self.tr("Connect to the admissions server"))
        self.setMinimumWidth(520)
        intro = QLabel(self.tr(
            "This desk holds no mission yet. Sign in to the admissions server once, while you "
            "have a connection: your mission (candidates, team, rubric) is downloaded and you "
            "can then work offline. To try the desk without a server, open the demo mission."))
        intro.setWordWrap(True)
        self.server = QLineEdit(store.get_meta("sync_server") or "")
        self.server.setObjectName("connectServer")
        self.server.setPlaceholderText("https://admissions.example.org")
        self.user = QLineEdit(store.get_meta("sync_user") or "")
        self.user.setObjectName("connectUser")
        self.password = QLineEdit()
        self.password.setObjectName("connectPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.mission = QLineEdit()
        self.mission.setObjectName("connectMission")
        self.mission.setPlaceholderText(self.tr("optional: only if you belong to several"))
        form = QFormLayout()
        form.addRow(self.tr("&Server:"), self.server)
        form.addRow(self.tr("&User name:"), self.user)
        form.addRow(self.tr("&Password:"), self.password)
        form.addRow(self.tr("&Mission code:"), self.mission)
        self.phase = QLabel()
        self.phase.setObjectName("connectPhase")
        self.phase.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setVisible(False)
        self.buttons = QDialogButtonBox()
        self.connect_button = QPushButton(self.tr("&Connect and download"))
        self.connect_button.setObjectName("connectButton")
        self.connect_button.setDefault(True)
        self.demo_button = QPushButton(self.tr("Open the &demo"))
        self.demo_button.setObjectName("openDemoButton")
        self.demo_button.setToolTip(self.tr("A ready mission with invented candidates, kept "
                                            "apart from your data; no server needed"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("connectCancel")
        for b in (self.demo_button, self.cancel_button):
            b.setAutoDefault(False)  # focus on them must never make Enter mean them
        self.buttons.addButton(self.connect_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.demo_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.connect_button.clicked.connect(self.start)
        self.demo_button.clicked.connect(self._open_demo)
        self.cancel_button.clicked.connect(self.cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.phase)
        layout.addWidget(self.bar)
        layout.addWidget(self.buttons)
        self._focus_after: QLineEdit = (self.password if self.server.text() and self.user.text()
                                        else self.server)
        self._focus_after.setFocus()

    def start(self) -> None:
        if self._worker is not None:
            return
        server, user = self.server.text().strip(), self.user.text().strip()
        if not server or not user or not self.password.text():
            self._refuse(self.tr("Type the server address, your user name and password."),
                         next(f for f in (self.server, self.user, self.password)
                              if not f.text().strip()))
            return
        problem = address_problem(server)
        if problem:
            self._refuse(problem, self.server)
            return
        self._focus_after = self.password
        self._set_busy(True)
        self.phase.setText(self.tr("Connecting…"))
        self._worker = SyncWorker(self.store, server, user, self.password.text(),
                                  mission_code=self.mission.text().strip() or None)
        self.password.clear()
        self._thread = QThread(self)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progress.connect(self._progress)
        self._worker.succeeded.connect(self._succeeded)
        self._worker.failed.connect(self._failed)
        self._worker.finished.connect(self._thread.quit)
        self._thread.finished.connect(self._cleanup)
        self._thread.start()

    def cancel(self) -> None:
        if self._worker is not None:
            self.phase.setText(self.tr("Cancelling…"))
            self._worker.cancel()
        else:
            self.reject()

    def _progress(self, phase: str, done: int, total: int) -> None:
        self.phase.setText(phase_label(phase) + "…")
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)

    def _succeeded(self, _summary: object) -> None:
        self.mission_id = self.store.get_meta("current_mission")

    def _failed(self, kind: str, detail: str) -> None:
        log.info("first connection failed (%s): %s", kind, detail)
        self.phase.setText(failure_message(kind, detail))
        self._focus_after = {"address": self.server, "offline": self.server,
                             "certificate": self.server, "insecure": self.server,
                             "no_access": self.mission, "mission_choice": self.mission
                             }.get(kind, self.password)

    def _refuse(self, message: str, field: QLineEdit) -> None:
        self.phase.setText(message)
        field.setFocus()
        field.selectAll()

    def _open_demo(self) -> None:
        if self._worker is not None:
            return
        self.wants_demo = True
        self.accept()

    def _cleanup(self) -> None:
        if self._thread is not None:
            self._thread.wait()
            self._thread.deleteLater()
        if self._worker is not None:
            self._worker.deleteLater()
        self._thread = self._worker = None
        self._set_busy(False)
        if self.mission_id:
            self.accept()
            return
        self.connect_button.setDefault(True)
        self._focus_after.setFocus()

    def _set_busy(self, busy: bool) -> None:
        for w in (self.server, self.user, self.password, self.mission, self.connect_button,
                  self.demo_button):
            w.setEnabled(not busy)
        self.bar.setVisible(busy)
        self.bar.setRange(0, 0)

    def reject(self) -> None:
        if self._worker is not None:  # never leave a thread writing behind a closed dialog
            self.cancel()
            return
        super().reject()


def connect_first_mission(store: Store) -> tuple[str | None, bool]:
    """Run the dialog: (the mission id pulled or None, whether the user chose the demo)."""
    dialog = ConnectDialog(store)
    dialog.exec()
    return dialog.mission_id, dialog.wants_demo
