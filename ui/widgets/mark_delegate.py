"""Editor of a mark cell: Enter saves a valid entry and moves on; an invalid one stays in the
editor, outlined in red, with the reason, and nothing is saved. Tab and Shift+Tab save a valid
entry and leave the sheet; after an invalid one they say so and keep it in the editor."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
    QWidget,
)

from ui.models.marks import MarksModel

Index = QModelIndex | QPersistentModelIndex
LEAVING_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
INVALID_STYLE = "QLineEdit { border: 2px solid #c62828; background: #fff1f1; }"


class MarkDelegate(QStyledItemDelegate):
    # reason an entry was refused ("" once an entry is accepted)
    refused = Signal(str)
    # a valid entry was committed with Enter: the page moves to the next candidate
    committed = Signal()
    # a valid entry was committed with Tab (True) or Shift+Tab (False): focus leaves the sheet
    tabbed = Signal(bool)

    def __init__(self, marks: MarksModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.marks = marks

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: Index) -> QWidget:
        editor = QLineEdit(parent)
        editor.setObjectName("markEditor")
        editor.setAlignment(Qt.AlignmentFlag.AlignCenter)
        editor.setMaxLength(16)
        editor.textEdited.connect(lambda _t, e=editor: self._clear_error(e))
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QLineEdit) and not editor.text():
            editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if not isinstance(editor, QLineEdit):
            return
        if not model.setData(index, editor.text(), Qt.ItemDataRole.EditRole):
            self.refused.emit(self.marks.last_error)
        else:
            self.refused.emit("")

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if (isinstance(obj, QLineEdit) and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() in LEAVING_KEYS):
            _, error = self.marks.check(obj.text())
            if error:
                self._show_error(obj, error)
                return True  # the editor stays open with what was typed
            self.commitData.emit(obj)
            if self.marks.last_error:  # the store refused it (rare: a rule checked there)
                self._show_error(obj, self.marks.last_error)
                return True
            self.closeEditor.emit(obj, QAbstractItemDelegate.EndEditHint.NoHint)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.committed.emit()
            else:
                self.tabbed.emit(event.key() == Qt.Key.Key_Tab)
            return True
        return super().eventFilter(obj, event)

    def _show_error(self, editor: QLineEdit, error: str) -> None:
        editor.setStyleSheet(INVALID_STYLE)
        editor.setToolTip(error)
        QToolTip.showText(editor.mapToGlobal(editor.rect().bottomLeft()), error, editor)
        self.refused.emit(error)

    def _clear_error(self, editor: QLineEdit) -> None:
        if editor.styleSheet():
            editor.setStyleSheet("")
            editor.setToolTip("")
            self.refused.emit("")
