"""First-run dialogs driven by mouse and keyboard: choosing who you are, choosing and typing
the passphrase that unlocks the database where no keyring exists."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox
from sqlalchemy import select

from app.store.database import Store
from app.store.keys import WrongPassphrase, key_mode
from app.store.models import Assessor
from ui.dialogs.assessor import choose_assessor
from ui.dialogs.passphrase import passphrase_prompt


def _when_modal(qtbot, act: Callable[[QDialog], None], failures: list[BaseException]) -> None:
    """Run ``act`` on the next modal dialog once it is shown (its own event loop is running)."""

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, run)
            return
        try:
            act(dialog)
        except BaseException as exc:  # reported by the test, not lost in Qt's event loop
            failures.append(exc)
            dialog.reject()

    QTimer.singleShot(20, run)


def _ok(dialog: QDialog):
    return dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)


def test_first_run_asks_who_you_are_and_remembers(qtbot, demo) -> None:
    store, mission_id, _ = demo
    store.set_meta("current_assessor", None)
    with store.read() as s:
        sophie = s.scalar(select(Assessor.id).where(Assessor.name == "Sophie Martin"))
    failures: list[BaseException] = []

    def pick(dialog: QDialog) -> None:
        assert dialog.objectName() == "assessorDialog"
        names = [dialog.list.item(i).text().splitlines()[0] for i in range(dialog.list.count())]
        assert names[0] == "Prof. Claire Dubois"  # the chair first
        item = dialog.list.item(names.index("Sophie Martin"))
        qtbot.mouseClick(dialog.list.viewport(), Qt.MouseButton.LeftButton,
                         pos=dialog.list.visualItemRect(item).center())
        assert dialog.list.currentItem() is item and _ok(dialog).isEnabled()
        qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)

    _when_modal(qtbot, pick, failures)
    chosen = choose_assessor(store, mission_id)
    assert not failures, failures
    assert chosen == sophie
    assert store.get_meta("current_assessor") == sophie
    # Next start: no question asked.
    assert choose_assessor(store, mission_id) == sophie


def test_cancelling_the_choice_opens_nothing(qtbot, demo) -> None:
    store, mission_id, _ = demo
    store.set_meta("current_assessor", None)
    failures: list[BaseException] = []
    _when_modal(qtbot, lambda d: qtbot.keyClick(d, Qt.Key.Key_Escape), failures)
    assert choose_assessor(store, mission_id) is None
    assert store.get_meta("current_assessor") is None


def test_new_passphrase_is_checked_then_unlocks(qtbot, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("MISSION_DESK_KEYRING", "off")  # as on a laptop without keyring
    folder = tmp_path / "desk"
    failures: list[BaseException] = []
    seen: list[str] = []

    def choose(dialog: QDialog) -> None:
        assert dialog.objectName() == "passphraseDialog" and dialog.new
        qtbot.keyClicks(dialog.first, "short")
        qtbot.keyClicks(dialog.second, "short")
        qtbot.keyClick(dialog.second, Qt.Key.Key_Return)
        seen.append(dialog.error.text())
        assert dialog.isVisible()  # refused in place
        dialog.first.clear()
        dialog.second.clear()
        qtbot.keyClicks(dialog.first, "correct horse battery")
        qtbot.keyClicks(dialog.second, "correct horse batterY")
        qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)
        seen.append(dialog.error.text())
        dialog.second.clear()
        qtbot.keyClicks(dialog.second, "correct horse battery")
        qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)

    _when_modal(qtbot, choose, failures)
    store = Store.open(folder, passphrase_prompt())
    assert not failures, failures
    store.close()
    assert seen == ["The passphrase needs at least 8 characters.",
                    "The two passphrases differ."]
    assert key_mode(folder) == "passphrase"

    def unlock(dialog: QDialog) -> None:
        assert not dialog.new and not dialog.second.isVisible()
        qtbot.keyClicks(dialog.first, "correct horse battery")
        qtbot.keyClick(dialog.first, Qt.Key.Key_Return)

    _when_modal(qtbot, unlock, failures)
    Store.open(folder, passphrase_prompt()).close()
    assert not failures, failures

    def wrong(dialog: QDialog) -> None:
        qtbot.keyClicks(dialog.first, "incorrect horse")
        qtbot.keyClick(dialog.first, Qt.Key.Key_Return)

    _when_modal(qtbot, wrong, failures)
    with pytest.raises(WrongPassphrase):
        Store.open(folder, passphrase_prompt())
    assert not failures, failures


def test_wrong_passphrase_at_start_up_asks_again(qtbot, tmp_path, monkeypatch) -> None:
    from ui.main import open_store_gui

    monkeypatch.setenv("MISSION_DESK_KEYRING", "off")
    folder = tmp_path / "desk"
    monkeypatch.setenv("MISSION_DESK_PASSPHRASE", "correct horse battery")
    Store.open(folder).close()
    monkeypatch.delenv("MISSION_DESK_PASSPHRASE")
    failures: list[BaseException] = []
    errors: list[str] = []

    def wrong(dialog: QDialog) -> None:
        errors.append(dialog.error.text() if dialog.error.isVisible() else "")
        qtbot.keyClicks(dialog.first, "wrong horse battery")
        qtbot.keyClick(dialog.first, Qt.Key.Key_Return)
        _when_modal(qtbot, right, failures)

    def right(dialog: QDialog) -> None:
        errors.append(dialog.error.text() if dialog.error.isVisible() else "")
        qtbot.keyClicks(dialog.first, "correct horse battery")
        qtbot.keyClick(dialog.first, Qt.Key.Key_Return)

    _when_modal(qtbot, wrong, failures)
    store = open_store_gui(folder, demo=False)
    assert not failures, failures
    assert store is not None
    store.close()
    assert errors == ["", "Wrong passphrase. Try again."]
