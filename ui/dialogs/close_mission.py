"""Close this mission on this laptop (issue 16 item 3): says whether every change made here is
covered by a server receipt, what closing erases, and asks for the mission code. The button is
enabled only when everything is receipted and the code is typed; app.store.closing does the
work (key first, then the files) and refuses again if anything changed meanwhile."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.store.closing import Closed, CloseRefused, Coverage, close_mission, coverage
from app.store.database import Store
from app.store.models import Mission
from ui.numbers import datetime_text

log = logging.getLogger(__name__)
translate = QCoreApplication.translate


def receipt_line(cov: Coverage) -> str:
    """"Everything up to <local time> is in France", or why not (sync page, status bar,
    this dialog). Literal translate() calls, so that pyside6-lupdate finds them."""
    if cov.until is None:
        return (translate("Receipts", "No receipt from the server yet: sync to get one.")
                if cov.changes else translate("Receipts", "No receipt from the server yet."))
    line = translate("Receipts", "Everything up to %1 is in France.").replace(
        "%1", datetime_text(cov.until))
    if cov.uncovered:
        line += " " + translate("Receipts", "%n later change(s) not yet receipted.", "",
                                cov.uncovered)
    return line


class CloseMissionDialog(QDialog):
    def __init__(self, store: Store, mission_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("closeMissionDialog")
        self.store = store
        self.closed: Closed | None = None
        with store.read() as s:
            mission = s.get(Mission, mission_id)
            self.code = mission.code if mission else ""
            name = mission.name if mission else ""
            self.cov = coverage(s)
        self.setWindowTitle(self.tr("Close this mission on this laptop"))
        self.setMinimumWidth(540)
        intro = QLabel(self.tr(
            "Closing erases mission %1 (%2) from this laptop for good: the database key is "
            "destroyed first, then the database, its backups and the desk's logs. A small "
            "record of the closing, signed by this desk, stays in the data folder.")
            .replace("%1", self.code).replace("%2", name))
        intro.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("closeCoverage")
        self.status.setWordWrap(True)
        covered = (self.cov.uncovered == 0 and self.cov.relays == 0
                   and (self.cov.until is not None or self.cov.changes == 0))
        if covered:
            self.status.setText(self.tr("All %n change(s) made on this laptop are in France.",
                                        "", self.cov.changes) + (" " + self.tr(
                "Last receipt from the server: %1.").replace(
                "%1", datetime_text(self.cov.until)) if self.cov.until else ""))
            self.status.setProperty("role", "ok")
        elif self.cov.uncovered or self.cov.until is None:
            self.status.setText(self.tr(
                "%n change(s) made on this laptop have no receipt from the server yet: sync "
                "first. Closing is not possible until the server has received everything.",
                "", self.cov.uncovered or self.cov.changes))
            self.status.setProperty("role", "error")
        else:
            self.status.setText(self.tr(
                "%n teammate bundle(s) received on this laptop have not reached the server "
                "yet: sync first. Closing is not possible until the server has received "
                "everything.", "", self.cov.relays))
            self.status.setProperty("role", "error")
        self.code_edit = QLineEdit()
        self.code_edit.setObjectName("closeMissionCode")
        self.code_edit.setPlaceholderText(self.code)
        self.code_edit.setEnabled(covered)
        self.error = QLabel()
        self.error.setObjectName("closeError")
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.addRow(self.tr("Type the mission code to confirm:"), self.code_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.close_button = self.buttons.addButton(
            self.tr("Erase the mission from this laptop"),
            QDialogButtonBox.ButtonRole.DestructiveRole)
        self.close_button.setObjectName("closeMissionButton")
        self.close_button.setProperty("role", "danger")
        # Enter in the code field must not erase: the button is clicked, never defaulted.
        self.close_button.setAutoDefault(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setDefault(True)
        self.close_button.setEnabled(False)
        self.close_button.clicked.connect(self.erase)
        self.buttons.rejected.connect(self.reject)
        self.code_edit.textChanged.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.status)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._covered = covered
        # Word-wrapped labels: open at the height their text needs at this width (a dialog
        # sized from their one-line hint clips them).
        width = max(self.minimumWidth(), self.sizeHint().width())
        self.resize(width, max(self.sizeHint().height(), layout.totalHeightForWidth(width)))

    def _update(self) -> None:
        self.close_button.setEnabled(self._covered and self.code_edit.text().strip() == self.code)

    def erase(self) -> None:
        if not self.close_button.isEnabled():
            return
        try:
            # Quick (one keyring call, a few unlinks): no worker thread needed.
            self.closed = close_mission(self.store)
        except (CloseRefused, OSError) as exc:
            log.warning("closing refused or failed: %s", exc)
            self.error.setText(str(exc))
            self.error.show()
            return
        self.accept()

    @property
    def record(self) -> Path | None:
        return self.closed.record if self.closed else None
