"""The chair's decision for one candidate: admit to an option, waitlist or reject, with a
rationale; an admit without a complete composite score needs an override reason, printed on
the jury minutes (app.domain.decision)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import Outcome
from app.domain.mission import ProgrammeOption


class DecisionDialog(QDialog):
    def __init__(self, candidate: str, options: tuple[ProgrammeOption, ...],
                 wishes: tuple[str, ...], outcome: str | None, option_code: str | None,
                 rationale: str, override_reason: str = "", *,
                 needs_override: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Decision"))
        self.setMinimumWidth(620)
        self.admit_btn = QRadioButton(self.tr("&Admit"))
        self.admit_btn.setObjectName("admit")
        self.waitlist_btn = QRadioButton(self.tr("&Waitlist"))
        self.waitlist_btn.setObjectName("waitlist")
        self.reject_btn = QRadioButton(self.tr("&Reject"))
        self.reject_btn.setObjectName("reject")
        self.group = QButtonGroup(self)
        for b in (self.admit_btn, self.waitlist_btn, self.reject_btn):
            self.group.addButton(b)
        {Outcome.ADMIT.value: self.admit_btn, Outcome.WAITLIST.value: self.waitlist_btn,
         Outcome.REJECT.value: self.reject_btn}.get(outcome or "", self.admit_btn).setChecked(True)

        self.option = QComboBox()
        self.option.setObjectName("option")
        # Long option labels must not squeeze the form's labels: the popup shows them whole.
        self.option.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.option.setMinimumContentsLength(36)
        for o in options:
            text = f"{o.code} — {o.label}"
            if o.code in wishes:  # the candidate's own ranking of the options
                text += "  (" + self.tr("wish %1").replace(
                    "%1", str(wishes.index(o.code) + 1)) + ")"
            self.option.addItem(text, o.code)
        preferred = option_code or next((w for w in wishes if any(o.code == w for o in options)),
                                        None)
        if preferred:
            self.option.setCurrentIndex(max(0, self.option.findData(preferred)))
        self.rationale = QPlainTextEdit(rationale)
        self.rationale.setObjectName("rationale")
        self.rationale.setTabChangesFocus(True)
        self.rationale.setPlaceholderText(self.tr("Why this decision (kept in the audit trail "
                                                  "for appeals)"))
        self.rationale.setMinimumHeight(110)
        self.override = QPlainTextEdit(override_reason)
        self.override.setObjectName("overrideReason")
        self.override.setTabChangesFocus(True)
        self.override.setMaximumHeight(70)
        self.override.setPlaceholderText(self.tr(
            "Why admit without a complete composite score (printed on the jury minutes)"))
        self.override_note = QLabel(self.tr(
            "The composite score is incomplete: an admission needs an override reason."))
        self.override_note.setObjectName("overrideNote")
        self.override_note.setWordWrap(True)
        self._needs_override = needs_override

        outcomes = QHBoxLayout()
        for b in (self.admit_btn, self.waitlist_btn, self.reject_btn):
            outcomes.addWidget(b)
        outcomes.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("Decision:"), outcomes)
        form.addRow(self.tr("Programme option:"), self.option)
        form.addRow(self.tr("Rationale:"), self.rationale)
        form.addRow(self.tr("Override reason:"), self.override)
        form.addRow("", self.override_note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        title = QLabel(candidate)
        title.setStyleSheet("font-size: 15px; font-weight: 600;")
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.group.buttonToggled.connect(self._sync)
        self._sync()

    def _sync(self) -> None:
        self.option.setEnabled(self.admit_btn.isChecked())
        self.override.setEnabled(self.admit_btn.isChecked())
        self.override_note.setVisible(self._needs_override and self.admit_btn.isChecked())

    def outcome(self) -> str:
        if self.admit_btn.isChecked():
            return Outcome.ADMIT.value
        return Outcome.WAITLIST.value if self.waitlist_btn.isChecked() else Outcome.REJECT.value

    def option_code(self) -> str | None:
        return self.option.currentData() if self.admit_btn.isChecked() else None

    def rationale_text(self) -> str:
        return self.rationale.toPlainText().strip()

    def override_text(self) -> str:
        return self.override.toPlainText().strip() if self.admit_btn.isChecked() else ""
