"""The sync page: one button (Ctrl+Shift+S) that pushes this desk's edits and pulls the
server's, with progress from a worker thread, a clear message per failure, the open conflicts
(the chair resolves them with a new edit) and the changes the server refused, with reasons.

The password is asked only while this desk holds no device token for the server and user
(sync.credentials: keyring, or the encrypted database without one), or after the server
refused the token (expired, revoked); otherwise one click syncs."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, QThread
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import DomainError
from app.store.closing import coverage
from app.store.outbox import pending_count
from sync import credentials
from ui.context import DeskContext
from ui.dialogs.close_mission import receipt_line
from ui.models.sync import ConflictRow, ConflictsModel, RejectedModel, load_conflicts, load_rejected
from ui.numbers import datetime_text
from ui.sign_in import address_problem, failure_message, phase_label
from ui.widgets.panel_opener import install_panel_opener

if TYPE_CHECKING:  # the sync client (requests, urllib3...) loads when a sync starts
    from sync.transport import RetryPolicy
    from ui.workers.sync_worker import SyncWorker

# Failure kinds after which the kept token is no use: the password is asked again.
SIGN_IN_AGAIN = frozenset({"auth", "expired", "revoked", "password"})

log = logging.getLogger(__name__)


class SyncPage(QWidget):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._thread: QThread | None = None
        self._worker: SyncWorker | None = None
        self._outcome = ""  # "done", "failed" or "cancelled": how the last sync ended
        self.retry_policy: RetryPolicy | None = None  # None: the client's default
        store = ctx.store

        self.server_edit = QLineEdit(store.get_meta("sync_server") or "")
        self.server_edit.setObjectName("syncServer")
        self.server_edit.setPlaceholderText("https://admissions.example.org")
        self.user_edit = QLineEdit(store.get_meta("sync_user") or "")
        self.user_edit.setObjectName("syncUser")
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("syncPassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(self.tr("only needed to sign in"))
        self.signed_in_label = QLabel()
        self.signed_in_label.setObjectName("syncSignedIn")
        self.signed_in_label.setProperty("role", "muted")
        self.signed_in_label.setWordWrap(True)
        self._token_refused = False  # the server refused the kept token: ask the password
        self.form = QFormLayout()
        self.form.addRow(self.tr("&Server:"), self.server_edit)
        self.form.addRow(self.tr("&User:"), self.user_edit)
        self.form.addRow(self.tr("&Password:"), self.password_edit)
        self.form.addRow("", self.signed_in_label)
        for edit in (self.server_edit, self.user_edit, self.password_edit):
            edit.returnPressed.connect(self.start_sync)  # Enter in a field starts the sync
        for edit in (self.server_edit, self.user_edit):
            edit.textChanged.connect(self._update_sign_in)

        self.sync_action = QAction(self.tr("&Sync now"), self)
        self.sync_action.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.sync_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.sync_action.setToolTip(self.tr("Send this desk's changes and receive the "
                                            "server's (Ctrl+Shift+S)"))
        self.sync_action.triggered.connect(self.start_sync)
        self.addAction(self.sync_action)
        self.sync_button = QPushButton(self.tr("Sync now  (Ctrl+Shift+S)"))
        self.sync_button.setObjectName("syncButton")
        self.sync_button.clicked.connect(self.sync_action.trigger)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("syncCancel")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel_sync)
        buttons = QHBoxLayout()
        buttons.addWidget(self.sync_button)
        buttons.addWidget(self.cancel_button)
        buttons.addSpacing(12)

        self.phase_label = QLabel(self.tr("Ready."))
        self.phase_label.setObjectName("syncPhase")
        self.progress_bar = QProgressBar()
        self.progress_bar.setObjectName("syncProgress")
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(0)
        self.message_label = QLabel()
        self.message_label.setObjectName("syncMessage")
        self.message_label.setWordWrap(True)
        self.status_label = QLabel()
        self.status_label.setObjectName("syncStatus")
        # What the server's signed receipts prove this desk has handed over.
        self.receipt_label = QLabel()
        self.receipt_label.setObjectName("syncReceipt")
        self.receipt_label.setWordWrap(True)

        self.conflicts = ConflictsModel(self)
        self.conflicts_proxy = QSortFilterProxyModel(self)
        self.conflicts_proxy.setSourceModel(self.conflicts)
        self.conflicts_view = self._table(self.conflicts_proxy, "syncConflicts")
        # The selected conflict told in words (who changed what, when) under the table.
        self.conflict_story = QLabel()
        self.conflict_story.setObjectName("conflictStory")
        self.conflict_story.setWordWrap(True)
        self.conflicts_view.selectionModel().currentRowChanged.connect(self._tell_conflict)
        install_panel_opener(self, self.conflicts_view, ctx, self.current_candidate,
                             double_click=True)
        self.keep_button = QPushButton(self.tr("&Keep current value"))
        self.keep_button.setObjectName("keepCurrent")
        self.take_button = QPushButton(self.tr("&Use other value"))
        self.take_button.setObjectName("useOther")
        self.keep_button.clicked.connect(lambda: self.resolve(use_other=False))
        self.take_button.clicked.connect(lambda: self.resolve(use_other=True))
        resolve = QHBoxLayout()
        resolve.addWidget(self.keep_button)
        resolve.addWidget(self.take_button)
        resolve.addStretch(1)
        conflicts_box = QGroupBox(self.tr("Conflicts (two people changed the same field)"))
        cl = QVBoxLayout(conflicts_box)
        cl.addWidget(self.conflicts_view)
        cl.addWidget(self.conflict_story)
        cl.addLayout(resolve)

        self.rejected = RejectedModel(self)
        self.rejected_proxy = QSortFilterProxyModel(self)
        self.rejected_proxy.setSourceModel(self.rejected)
        self.rejected_view = self._table(self.rejected_proxy, "syncRejected")
        rejected_box = QGroupBox(self.tr("Changes the server refused"))
        QVBoxLayout(rejected_box).addWidget(self.rejected_view)

        title = QLabel(self.tr("Sync"))
        title.setStyleSheet("font-size: 18px; font-weight: 600;")
        # The content scrolls rather than squeezes: with a second assessor's own-account box
        # the page needs more than a 640-pixel-high screen, and squeezed fields are unusable.
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(16, 12, 16, 12)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)
        page = QVBoxLayout(self)
        page.setContentsMargins(0, 0, 0, 0)
        page.addWidget(scroll)
        layout.addWidget(title)
        layout.addLayout(self.form)
        from ui.widgets.own_account import OwnAccountBox

        self.own_account = OwnAccountBox(ctx)  # a second assessor of a shared desk
        layout.addWidget(self.own_account)
        # The phase beside the buttons, the message only when there is one: the tables keep
        # their rows on a 640-pixel-high screen.
        buttons.addWidget(self.phase_label, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.message_label)
        self.message_label.hide()
        # The receipt line beside the counts, not under them: the page still fits 640 pixels.
        status_row = QHBoxLayout()
        status_row.addWidget(self.status_label)
        status_row.addSpacing(16)
        status_row.addWidget(self.receipt_label, 1)
        layout.addLayout(status_row)
        layout.addWidget(conflicts_box, 2)
        layout.addWidget(rejected_box, 1)
        self._stale = False
        ctx.changed.connect(self._on_changed)
        self.refresh()
        self._update_sign_in()

    def _on_changed(self, *_args: object) -> None:
        # Edits on other pages would re-read the conflict and refusal tables on every
        # keystroke: a hidden page only notes it and refreshes when shown.
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh()

    def _table(self, model: QSortFilterProxyModel, name: str) -> QTableView:
        view = QTableView()
        view.setObjectName(name)
        view.setModel(model)
        view.setSortingEnabled(True)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setTabKeyNavigation(False)  # Tab leaves the table
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        view.verticalHeader().hide()
        return view

    # -- state -------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        """A sync, or an assessor's own sign-in, runs in a thread this page owns."""
        return self._thread is not None or self.own_account.busy

    def refresh(self) -> None:
        with self.ctx.store.read() as s:
            pending = pending_count(s)
            self.conflicts.set_rows(load_conflicts(s))
            self.rejected.set_rows(load_rejected(s))
            covered = coverage(s)
        self.receipt_label.setText(receipt_line(covered))
        self.receipt_label.setProperty("role", "okText" if covered.until and not covered.uncovered
                                       else "muted")
        self.receipt_label.style().unpolish(self.receipt_label)
        self.receipt_label.style().polish(self.receipt_label)
        last = self.ctx.store.get_meta("last_sync_at")
        if last:  # in local time, written the interface language's way
            last = datetime_text(last)
        self.status_label.setText(
            self.tr("%n change(s) waiting to be sent.", "", pending) + " "
            + self.tr("Last sync: %1.").replace("%1", last or self.tr("never")))
        chair = self.ctx.is_chair
        for b in (self.keep_button, self.take_button):
            b.setEnabled(chair and self.conflicts.rowCount() > 0)
            b.setToolTip("" if chair else self.tr("Only the head of delegation resolves "
                                                  "conflicts"))

    # -- kept across a language switch (MainWindow rebuilds the page) ---------------------

    def save_state(self) -> dict[str, object]:
        return {"server": self.server_edit.text(), "user": self.user_edit.text(),
                "token_refused": self._token_refused}

    def restore_state(self, state: dict[str, object]) -> None:
        self.server_edit.setText(str(state.get("server", "")))
        self.user_edit.setText(str(state.get("user", "")))
        self._token_refused = bool(state.get("token_refused"))
        self._update_sign_in()

    # -- sign-in -----------------------------------------------------------------------------

    def password_needed(self) -> bool:
        """True when a sync cannot start without the password: no token kept for this server
        and user, or the server refused the one kept."""
        server = self.server_edit.text().strip().rstrip("/")
        user = self.user_edit.text().strip()
        if self._token_refused or not server or not user:
            return True
        return not credentials.has_token(self.ctx.store, server, user)

    def _update_sign_in(self) -> None:
        needed = self.password_needed()
        self.form.setRowVisible(self.password_edit, needed)
        user = self.user_edit.text().strip()
        self.signed_in_label.setVisible(not needed)
        self.signed_in_label.setText(self.tr(
            "Signed in on this laptop as %1: no password needed.").replace("%1", user))

    # -- sync --------------------------------------------------------------------------------

    def start_sync(self) -> None:
        if self.busy:
            return
        server = self.server_edit.text().strip()
        user = self.user_edit.text().strip()
        if not server or not user:
            self.show_failure(self.tr("Enter the server address and your user name first."))
            (self.user_edit if server else self.server_edit).setFocus()
            return
        problem = address_problem(server)
        if problem:
            self.show_failure(problem)
            self.server_edit.setFocus()
            return
        password = self.password_edit.text()
        if not password and self.password_needed():
            self._update_sign_in()
            self.show_failure(failure_message("password"))
            self.password_edit.setFocus()
            return
        self.password_edit.clear()  # never kept
        self._token_refused = False
        from ui.workers.sync_worker import SyncWorker

        self._worker = SyncWorker(self.ctx.store, server, user, password,
                                  retry=self.retry_policy)
        self._thread = QThread(self)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progress.connect(self.on_progress)
        self._worker.succeeded.connect(self.on_succeeded)
        self._worker.failed.connect(self.on_failed)
        self._worker.finished.connect(self._thread.quit)
        self._thread.finished.connect(self._cleanup)
        self.sync_action.setEnabled(False)
        self.sync_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.message_label.clear()
        self.message_label.hide()
        self.message_label.setToolTip("")
        self._set_failed_look(False)
        self._outcome = ""
        self.phase_label.setText(self.tr("Connecting…"))
        self.progress_bar.setRange(0, 0)
        self._thread.start()

    def cancel_sync(self) -> None:
        if self._worker is not None:
            self._worker.cancel()
            self.phase_label.setText(self.tr("Cancelling…"))

    def wait(self, ms: int = 30_000) -> bool:
        """Block until the running sync ends (closing the window, tests)."""
        return self._thread.wait(ms) if self._thread is not None else True

    def on_progress(self, phase: str, done: int, total: int) -> None:
        text = phase_label(phase)
        if total > 0:
            self.progress_bar.setRange(0, total)
            self.progress_bar.setValue(min(done, total))
            if phase == "sending changes":
                text += self.tr(": %1 of %2 sent, %3 left").replace("%1", str(done)).replace(
                    "%2", str(total)).replace("%3", str(max(0, total - done)))
        self.phase_label.setText(text)

    def on_succeeded(self, summary: Any) -> None:
        self._outcome = "done"
        self.show_message(self.tr("Sync complete: %1 sent, %2 applied, %n conflict(s), "
                                  "%3 refused, %4 received.", "", summary.conflicts)
                          .replace("%1", str(summary.sent)).replace("%2", str(summary.applied))
                          .replace("%3", str(summary.rejected))
                          .replace("%4", str(summary.pulled))
                          + self._waiting(getattr(summary, "must_sign_in", [])))
        # An undo made after a pull would replay a value captured before it, with a fresh
        # base: it could overwrite a teammate's edit without a conflict. History stays in the
        # audit; only the undo stack is emptied.
        self.ctx.clear_undo()
        try:
            self.ctx.edits.reload()
        except DomainError as exc:
            log.warning("reload after sync: %s", exc)
        self.ctx.changed.emit("", "")

    def _waiting(self, names: list[str]) -> str:
        """Assessors of this desk whose changes wait until they sign in once (issue 17)."""
        if not names:
            return ""
        return " " + self.tr("The changes of %1 wait until they sign in once on this laptop "
                             "(Sync page, after unlocking).").replace("%1", ", ".join(names))

    def on_failed(self, kind: str, detail: str) -> None:
        # The words say what happened and what to do; the technical reason is for IT, in
        # the tooltip and the log.
        log.info("sync failed (%s): %s", kind, detail)
        self._outcome = "cancelled" if kind == "cancelled" else "failed"
        if kind in SIGN_IN_AGAIN:
            self._token_refused = True
        self.show_failure(failure_message(kind, detail))
        self.message_label.setToolTip(detail)
        self.ctx.changed.emit("", "")

    def show_message(self, text: str) -> None:
        self._set_failed_look(False)
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    def show_failure(self, text: str) -> None:
        self._set_failed_look(True)
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    def _set_failed_look(self, failed: bool) -> None:
        role = "error" if failed else ""
        if self.message_label.property("role") != role:
            self.message_label.setProperty("role", role)
            self.message_label.style().unpolish(self.message_label)
            self.message_label.style().polish(self.message_label)

    def _cleanup(self) -> None:
        if self._thread is not None:
            self._thread.deleteLater()
        if self._worker is not None:
            self._worker.deleteLater()
        self._thread = None
        self._worker = None
        self.sync_action.setEnabled(True)
        self.sync_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        # A full bar only for a sync that completed: a failed one reads as failed.
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(1 if self._outcome == "done" else 0)
        if self._outcome == "failed":
            self.phase_label.setText(self.tr("Sync failed."))
        elif self._outcome != "done":
            self.phase_label.setText(self.tr("Stopped."))
        self.refresh()
        self._update_sign_in()
        if self._token_refused:
            self.password_edit.setFocus()

    # -- conflicts -----------------------------------------------------------------------------

    def _tell_conflict(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.conflicts_proxy.mapToSource(current).row() if current.isValid() else -1
        self.conflict_story.setText(self.conflicts.story(self.conflicts.rows[row])
                                    if 0 <= row < len(self.conflicts.rows) else "")

    def current_candidate(self) -> str | None:
        """The candidate of the selected conflict (for the panel and the Reports menu)."""
        c = self.selected_conflict()
        return c.candidate_id if c is not None else None

    def selected_conflict(self) -> ConflictRow | None:
        rows = self.conflicts_view.selectionModel().selectedRows()
        if not rows:
            return None
        return self.conflicts.rows[self.conflicts_proxy.mapToSource(rows[0]).row()]

    def resolve(self, use_other: bool) -> None:
        c = self.selected_conflict()
        if c is None:
            self.show_message(self.tr("Choose a conflict in the table first."))
            return
        try:
            self.ctx.run_edit(self.tr("Resolve conflict on %1").replace("%1", c.field),
                              c.entity, lambda: self._resolution(c, use_other))
        except DomainError as exc:
            self.show_message(str(exc))
            return
        self.show_message(self.tr("Resolved: the chosen value will be sent with the next "
                                  "sync."))
        self.refresh()

    def _resolution(self, c: ConflictRow, use_other: bool) -> Any:
        """The chair's choice as a new edit of the field (sent with the next sync)."""
        return self.ctx.edits.resolve_conflict(c.id, take_other=use_other)

