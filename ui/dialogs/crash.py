"""Shown when something unexpected fails: the full report, selectable and copyable."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class CrashDialog(QDialog):
    def __init__(self, report: str, log_file: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle(self.tr("Mission Desk: unexpected error"))
        self.resize(760, 460)
        intro = QLabel(self.tr(
            "Something went wrong. Your edits saved so far are safe. Please copy this report "
            "and send it to your IT contact. It was also written to the log file:"))
        intro.setWordWrap(True)
        path = QLabel(log_file)
        path.setObjectName("crashLogPath")
        path.setTextInteractionFlags(path.textInteractionFlags()
                                     | path.textInteractionFlags().TextSelectableByMouse)
        self.text = QPlainTextEdit(report)
        self.text.setObjectName("crashReport")
        self.text.setReadOnly(True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.copy = QPushButton(self.tr("Copy"))
        self.copy.setObjectName("crashCopy")
        self.copy.clicked.connect(self.copy_report)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(path)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.text.toPlainText())
        self.copy.setText(self.tr("Copied"))
