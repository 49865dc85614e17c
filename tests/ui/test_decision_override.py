"""The decision dialog's override reason (issue 11, item 9): asked for an admit without a
complete composite score, handed to EditService.set_decision, empty for other outcomes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QRadioButton

from app.domain.mission import ProgrammeOption
from ui.widgets.decision_dialog import DecisionDialog

OPTIONS = (ProgrammeOption(code="ENG", label="Engineering"),)


def test_override_reason_goes_with_an_admit_only(qtbot) -> None:
    dialog = DecisionDialog("Trần · APP-1", OPTIONS, ("ENG",), None, None, "",
                            needs_override=True)
    qtbot.addWidget(dialog)
    dialog.show()
    note = dialog.findChild(QLabel, "overrideNote")
    field = dialog.findChild(QPlainTextEdit, "overrideReason")
    assert note.isVisible() and field.isEnabled()  # admit is the default choice
    qtbot.keyClicks(field, "Oral held instead of the lost paper")
    assert (dialog.outcome(), dialog.option_code(), dialog.override_text()) == (
        "admit", "ENG", "Oral held instead of the lost paper")
    qtbot.mouseClick(dialog.findChild(QRadioButton, "reject"), Qt.MouseButton.LeftButton)
    assert not field.isEnabled() and not note.isVisible()
    assert dialog.override_text() == ""


def test_a_stored_override_reason_is_shown_again(qtbot) -> None:
    dialog = DecisionDialog("Lê · APP-2", OPTIONS, (), "admit", "ENG", "Voted 3-1",
                            "Marks by post")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.override_text() == "Marks by post"
    assert not dialog.findChild(QLabel, "overrideNote").isVisible()  # score complete
