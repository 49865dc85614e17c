"""One rubric criterion with all its level descriptions visible. Keys 1-5 (or a click) pick
a level; then the focus moves to the next criterion, so the next digit scores that one."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.domain.rubric import Criterion
from ui.models.interviews import criterion_label, ui_is_french

CELL = ("QFrame#levelCell {{ background: {bg}; border: {bw}px solid {border};"
        " border-radius: 5px; }}")
ROW_FOCUSED = "QFrame#criterionRow { background: #eef4fc; border-left: 4px solid #2f6fba; }"
ROW_PLAIN = "QFrame#criterionRow { background: transparent; border-left: 4px solid transparent; }"


class LevelCell(QFrame):
    clicked = Signal(int)

    def __init__(self, value: int, name: str, description: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("levelCell")
        self.value = value
        self.title = QLabel(f"<b>{value}</b> · {name}")
        self.title.setObjectName("levelTitle")
        self.title.setWordWrap(True)  # five levels side by side fit a 1024-pixel screen
        self.text = QLabel(description)
        self.text.setWordWrap(True)
        self.text.setObjectName("levelText")
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(5, 4, 5, 5)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.text, 1)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.set_chosen(False)

    def set_chosen(self, chosen: bool) -> None:
        if chosen:
            self.setStyleSheet(CELL.format(bg="#2f6fba", bw=2, border="#1f4f8a"))
            self.title.setStyleSheet("color: white;")
            self.text.setStyleSheet("color: white; font-size: 11px;")
        else:
            self.setStyleSheet(CELL.format(bg="#ffffff", bw=1, border="#d4d8de"))
            self.title.setStyleSheet("color: #1f2937;")
            self.text.setStyleSheet("color: #4b5563; font-size: 11px;")

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self.value)
            event.accept()
            return
        super().mousePressEvent(event)


class CriterionRow(QFrame):
    # (criterion key, level)
    chosen = Signal(str, int)

    def __init__(self, criterion: Criterion, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("criterionRow")
        self.criterion = criterion
        self.level: int | None = None
        self.read_only = False
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setStyleSheet(ROW_PLAIN)
        name = QLabel(criterion_label(criterion))
        name.setObjectName("criterionName")
        name.setWordWrap(True)
        name.setStyleSheet("font-weight: 600;")
        name.setFixedWidth(104)
        self.value_label = QLabel()
        self.value_label.setObjectName("criterionValue")
        self.value_label.setStyleSheet("color: #6b7280;")
        left = QVBoxLayout()
        left.addWidget(name)
        left.addWidget(self.value_label)
        left.addStretch(1)
        grid = QGridLayout()
        grid.setHorizontalSpacing(4)
        self.cells: dict[int, LevelCell] = {}
        french = ui_is_french()
        for i, lvl in enumerate(criterion.levels):
            cell = LevelCell(lvl.value, lvl.label_in(french), lvl.description_in(french), self)
            cell.clicked.connect(self._clicked)
            self.cells[lvl.value] = cell
            grid.addWidget(cell, 0, i)
            grid.setColumnStretch(i, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 4, 4, 4)
        layout.addLayout(left)
        layout.addLayout(grid, 1)
        self.set_level(None)

    def set_level(self, level: int | None) -> None:
        self.level = level
        for value, cell in self.cells.items():
            cell.set_chosen(value == level)
        self.value_label.setText(
            self.tr("Level %1 of %2").replace("%1", str(level)).replace(
                "%2", str(self.criterion.max_level))
            if level is not None else self.tr("not scored"))

    def set_read_only(self, on: bool) -> None:
        self.read_only = on
        for cell in self.cells.values():
            cell.setCursor(Qt.CursorShape.ArrowCursor if on else Qt.CursorShape.PointingHandCursor)

    def _clicked(self, value: int) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        if not self.read_only:
            self.chosen.emit(self.criterion.key, value)
            self.focusNextChild()  # as after a key: the on-screen hint says so

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if text.isdigit() and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            value = int(text)
            if value in self.cells and not self.read_only:
                self.chosen.emit(self.criterion.key, value)
                self.focusNextChild()
            event.accept()
            return
        if event.key() == Qt.Key.Key_Down:
            self.focusNextChild()
            return
        if event.key() == Qt.Key.Key_Up:
            self.focusPreviousChild()
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.setStyleSheet(ROW_FOCUSED)
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.setStyleSheet(ROW_PLAIN)
        super().focusOutEvent(event)
