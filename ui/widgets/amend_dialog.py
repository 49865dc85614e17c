"""Amending a submitted scorecard: the changes and a reason, which the audit trail keeps."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import Recommendation
from app.domain.rubric import Rubric
from ui.models.interviews import criterion_label, recommendation_label, ui_is_french


class AmendDialog(QDialog):
    def __init__(self, rubric: Rubric, levels: dict[str, int], notes: str,
                 recommendation: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Amend a submitted scorecard"))
        self.setMinimumWidth(560)
        self.rubric = rubric
        intro = QLabel(self.tr("Your scorecard is submitted. An amendment is recorded with its "
                               "reason in the audit trail, and the panel sees the new values."))
        intro.setWordWrap(True)
        form = QFormLayout()
        self.level_boxes: dict[str, QComboBox] = {}
        for c in rubric.criteria:
            box = QComboBox()
            box.setObjectName(f"amend_{c.key}")
            for lvl in c.levels:
                box.addItem(f"{lvl.value} · {lvl.label_in(ui_is_french())}", lvl.value)
            box.setCurrentIndex(max(0, box.findData(levels.get(c.key))))
            self.level_boxes[c.key] = box
            form.addRow(criterion_label(c), box)
        self.recommendation = QComboBox()
        self.recommendation.setObjectName("amendRecommendation")
        for r in Recommendation:
            self.recommendation.addItem(recommendation_label(r.value), r.value)
        self.recommendation.setCurrentIndex(max(0, self.recommendation.findData(recommendation)))
        form.addRow(self.tr("Recommendation"), self.recommendation)
        self.notes = QPlainTextEdit(notes)
        self.notes.setObjectName("amendNotes")
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(90)
        form.addRow(self.tr("Notes"), self.notes)
        self.reason = QLineEdit()
        self.reason.setObjectName("amendReason")
        self.reason.setPlaceholderText(self.tr("Required: why the submitted card changes"))
        form.addRow(self.tr("Reason"), self.reason)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Record amendment"))
        self.ok.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(lambda t: self.ok.setEnabled(bool(t.strip())))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.reason.setFocus()

    def levels(self) -> dict[str, int]:
        return {k: int(b.currentData()) for k, b in self.level_boxes.items()}

    def recommendation_value(self) -> str:
        return str(self.recommendation.currentData())

    def notes_text(self) -> str:
        return self.notes.toPlainText()

    def reason_text(self) -> str:
        return self.reason.text().strip()
