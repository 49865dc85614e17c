"""On the Sync page of a shared desk (issue 17): the unlocked assessor's own account.

The desk syncs under the account it first signed in with; every other assessor who unlocks it
with a PIN signs in here once, so that their changes go under their own account from then on,
with no password typed again (sync.accounts). Hidden for the desk's own account.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QThread, Slot
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.store.desk_users import own_identity_users
from sync import credentials
from sync.accounts import account_of, sign_in_desk_user
from ui.context import DeskContext
from ui.workers.job import JobWorker, start_job

log = logging.getLogger(__name__)


class OwnAccountBox(QGroupBox):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ownAccount")
        self.ctx = ctx
        self.applies, self.account = False, ""
        self.server = ctx.store.get_meta("sync_server") or ""
        self.setTitle(self.tr("Your own account"))
        self.user_edit = QLineEdit()
        self.user_edit.setObjectName("ownUser")
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("ownPassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.returnPressed.connect(self.sign_in)
        self.button = QPushButton(self.tr("Sign in once"))
        self.button.setObjectName("ownSignIn")
        self.button.clicked.connect(self.sign_in)
        self.note = QLabel()
        self.note.setObjectName("ownNote")
        self.note.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.password_edit, 1)
        row.addWidget(self.button)
        outer = QVBoxLayout(self)
        outer.addWidget(self.note)
        self.form = QFormLayout()
        self.form.addRow(self.tr("&User:"), self.user_edit)
        self.form.addRow(self.tr("Password:"), row)
        outer.addLayout(self.form)
        self._thread: QThread | None = None
        self._worker: JobWorker | None = None
        self.reload()
        # The box is the unlocked assessor's: another one unlocking the desk gets their own.
        # (a bound slot, not a lambda: Qt disconnects it when the page and its box go)
        ctx.actor_changed.connect(self._actor_changed)

    @Slot(str)
    def _actor_changed(self, _actor_id: str) -> None:
        self.reload()

    def reload(self) -> None:
        """Show the unlocked assessor's account, as the store holds it (nothing typed by the
        previous one stays)."""
        with self.ctx.store.read() as s:
            self.applies = self.ctx.actor_id in own_identity_users(s)
            self.account = account_of(s, self.ctx.actor_id) or ""
        self.user_edit.setText(self.account)
        self.password_edit.clear()
        self.setVisible(self.applies)
        self.update_state()

    @property
    def busy(self) -> bool:
        """A sign-in is under way (its worker thread belongs to this box)."""
        return self._thread is not None

    def signed_in(self) -> bool:
        return bool(self.account and self.server
                    and credentials.has_token(self.ctx.store, self.server, self.account))

    def update_state(self, failure: str = "") -> None:
        done = self.signed_in()
        self.form.setRowVisible(0, not done)
        self.form.setRowVisible(1, not done)
        if failure:
            self.note.setText(failure)
        elif done:
            self.note.setText(self.tr("Your changes go to the server under your account %1: "
                                      "no password needed.").replace("%1", self.account))
        else:
            self.note.setText(self.tr(
                "Several people use this laptop: sign in once with your own account, so that "
                "your changes go to the server under your name. They wait on this desk until "
                "then."))

    def sign_in(self) -> None:
        user, password = self.user_edit.text().strip(), self.password_edit.text()
        if not user or not password or self._thread is not None:
            return
        if not self.server:
            self.update_state(self.tr("Sync this desk once first (its own account)."))
            return
        self.password_edit.clear()  # never kept
        self.button.setEnabled(False)
        store, server, actor = self.ctx.store, self.server, self.ctx.actor_id
        worker = JobWorker(lambda: sign_in_desk_user(store, server, actor, user, password),
                           "signing in a desk user")
        self._for = actor
        self._worker = worker  # kept: the thread holds no Python reference to it
        self._thread = start_job(self, worker, self._done, self._failed, self._finished)

    @Slot(object)
    def _done(self, _result: object) -> None:
        # Read back for whoever is unlocked now: the desk may have changed hands meanwhile.
        self.reload()

    @Slot(str)
    def _failed(self, message: str) -> None:
        if self.ctx.actor_id != self._for:  # the previous assessor's: not this one's to read
            self.reload()
            return
        self.update_state(self.tr("Not signed in: %1").replace("%1", message))

    @Slot()
    def _finished(self) -> None:
        # QThread.finished is sent from the ending thread, whose clean-up deletes the worker
        # (deleteLater): wait for it to end before the last Python reference to the worker
        # goes, or both delete it (a crash seen once in a few runs), as ReportRunner does.
        if self._thread is not None:
            self._thread.wait()
            self._thread.deleteLater()
        self._thread, self._worker = None, None
        self.button.setEnabled(True)
