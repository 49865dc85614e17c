"""First run: who is using this desk, among the mission's assessors."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from app.store.database import Store
from app.store.models import Assessor
from ui.context import CURRENT_ASSESSOR, remembered_assessor


def role_label(role: str, is_chair: bool) -> str:
    text = (QCoreApplication.translate("AssessorDialog", "Professor") if role == "professor"
            else QCoreApplication.translate("AssessorDialog", "Representative"))
    return text + (" · " + QCoreApplication.translate("AssessorDialog", "head of delegation")
                   if is_chair else "")


class AssessorDialog(QDialog):
    def __init__(self, store: Store, mission_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("assessorDialog")
        self.store = store
        self.setWindowTitle(self.tr("Who are you?"))
        self.setMinimumSize(460, 400)
        intro = QLabel(self.tr("Choose your name in this mission's team. Your marks, "
                               "scorecards and check-ins are recorded under it."))
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("assessorList")
        with store.read() as s:
            team = s.scalars(select(Assessor).where(Assessor.mission_id == mission_id)
                             .order_by(Assessor.is_chair.desc(), Assessor.name)).all()
        for a in team:
            item = QListWidgetItem(f"{a.name}\n{role_label(a.role, a.is_chair)}")
            item.setData(Qt.ItemDataRole.UserRole, a.id)
            item.setSizeHint(QSize(0, 54))
            self.list.addItem(item)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setEnabled(False)
        self.buttons.accepted.connect(self._choose)
        self.buttons.rejected.connect(self.reject)
        self.list.currentItemChanged.connect(lambda cur, _prev: self.ok.setEnabled(cur is not None))
        self.list.itemDoubleClicked.connect(lambda _item: self._choose())
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        self.chosen: str | None = None

    def _choose(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        self.chosen = str(item.data(Qt.ItemDataRole.UserRole))
        self.store.set_meta(CURRENT_ASSESSOR, self.chosen)
        self.accept()


def choose_assessor(store: Store, mission_id: str, parent: QWidget | None = None) -> str | None:
    """The current assessor, asking on first run; None if the user cancels."""
    current = remembered_assessor(store, mission_id)
    if current is not None:
        return current
    dialog = AssessorDialog(store, mission_id, parent)
    return dialog.chosen if dialog.exec() == QDialog.DialogCode.Accepted else None
