"""The passphrase that unlocks this desk's database where the OS has no keyring."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.store.keys import MIN_PASSPHRASE, PassphrasePrompt


class PassphraseDialog(QDialog):
    """``new=True``: choose a passphrase (typed twice); otherwise unlock with it."""

    def __init__(self, new: bool, parent: QWidget | None = None, message: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("passphraseDialog")
        self.new = new
        self.setWindowTitle(self.tr("Choose a passphrase") if new
                            else self.tr("Unlock Mission Desk"))
        self.setMinimumWidth(460)
        intro = QLabel(self.tr(
            "This computer has no system keyring. Candidates' data on this desk is encrypted "
            "with a passphrase you choose now (at least %1 characters). Without it the data "
            "cannot be read: keep it safe.").replace("%1", str(MIN_PASSPHRASE)) if new
            else self.tr("This desk's data is encrypted. Type your passphrase to open it."))
        intro.setWordWrap(True)
        self.first = QLineEdit()
        self.first.setObjectName("passphrase")
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.second = QLineEdit()
        self.second.setObjectName("passphraseRepeat")
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel(message)
        self.error.setObjectName("passphraseError")
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.setVisible(bool(message))
        form = QFormLayout()
        form.addRow(self.tr("Passphrase:"), self.first)
        if new:
            form.addRow(self.tr("Repeat:"), self.second)
        else:
            self.second.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._check)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def _check(self) -> None:
        text = self.first.text()
        if self.new and len(text) < MIN_PASSPHRASE:
            self._refuse(self.tr("The passphrase needs at least %1 characters.")
                         .replace("%1", str(MIN_PASSPHRASE)))
        elif self.new and text != self.second.text():
            self._refuse(self.tr("The two passphrases differ."))
        elif not text:
            self._refuse(self.tr("Type your passphrase."))
        else:
            self.accept()

    def _refuse(self, reason: str) -> None:
        self.error.setText(reason)
        self.error.show()
        self.first.setFocus()

    def passphrase(self) -> str:
        return self.first.text()


def passphrase_prompt(parent: QWidget | None = None, message: str = "") -> PassphrasePrompt:
    """The ``prompt`` callback of Store.open: None when the user cancels."""

    def ask(new: bool) -> str | None:
        dialog = PassphraseDialog(new, parent, message)
        return dialog.passphrase() if dialog.exec() == QDialog.DialogCode.Accepted else None

    return ask
