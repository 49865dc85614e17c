"""First-run dialogs driven by mouse and keyboard: choosing who you are, choosing and typing
the passphrase that unlocks the database where no keyring exists."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

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


def _answer_wrong_then_right(qtbot, failures: list[BaseException]) -> list[str]:
    """Answer the next passphrase dialog wrong, then the one after right; returns the error
    each dialog showed when it opened ("" for none)."""
    errors: list[str] = []

    def answer(text: str, then: Callable[[QDialog], None] | None) -> Callable[[QDialog], None]:
        def act(dialog: QDialog) -> None:
            errors.append(dialog.error.text() if dialog.error.isVisible() else "")
            qtbot.keyClicks(dialog.first, text)
            qtbot.keyClick(dialog.first, Qt.Key.Key_Return)
            if then is not None:
                _when_modal(qtbot, then, failures)
        return act

    _when_modal(qtbot, answer("wrong horse battery", answer("correct horse battery", None)),
                failures)
    return errors


def test_wrong_passphrase_at_start_up_asks_again(qtbot, tmp_path, monkeypatch) -> None:
    from ui.main import open_store_gui

    monkeypatch.setenv("MISSION_DESK_KEYRING", "off")
    folder = tmp_path / "desk"
    monkeypatch.setenv("MISSION_DESK_PASSPHRASE", "correct horse battery")
    Store.open(folder).close()
    monkeypatch.delenv("MISSION_DESK_PASSPHRASE")
    failures: list[BaseException] = []
    errors = _answer_wrong_then_right(qtbot, failures)
    store = open_store_gui(folder, demo=False)
    assert not failures, failures
    assert store is not None
    store.close()
    assert errors == ["", "Wrong passphrase. Try again."]


def _desk_with_a_stale_env_passphrase(tmp_path, monkeypatch) -> tuple[Path, list[str]]:
    """A passphrase-mode desk whose MISSION_DESK_PASSPHRASE is wrong, and the passphrases
    the key derivation is then given (see _derivations_of)."""
    monkeypatch.setenv("MISSION_DESK_KEYRING", "off")
    folder = tmp_path / "desk"
    Store.open(folder, lambda _new: "correct horse battery").close()
    monkeypatch.setenv("MISSION_DESK_PASSPHRASE", "stale horse battery")
    return folder, _derivations_of(monkeypatch)


def _derivations_of(monkeypatch, limit: int = 4) -> list[str]:
    """The passphrases the key derivation is given, in order; past ``limit`` it fails, so
    that a start that retries for ever ends the test instead of hanging it."""
    from app.store import keys

    tried: list[str] = []
    real = keys._derive

    def derive(passphrase: str, *args):  # type: ignore[no-untyped-def]
        tried.append(passphrase)
        if len(tried) > limit:
            raise RuntimeError(f"the key was derived {len(tried)} times: a retry loop")
        return real(passphrase, *args)

    monkeypatch.setattr(keys, "_derive", derive)
    return tried


ENV_WRONG = "The passphrase in MISSION_DESK_PASSPHRASE is wrong. Type this desk's passphrase."


def test_a_wrong_environment_passphrase_is_tried_once_then_asked(qtbot, tmp_path, monkeypatch,
                                                                 caplog) -> None:
    """MISSION_DESK_PASSPHRASE wrong: the start says so once, in the dialog, which then
    unlocks the desk; the environment's value is not tried again (it used to be, for ever,
    no dialog ever shown), and it is never logged."""
    from ui.main import open_store_gui

    folder, tried = _desk_with_a_stale_env_passphrase(tmp_path, monkeypatch)
    failures: list[BaseException] = []
    errors = _answer_wrong_then_right(qtbot, failures)
    with caplog.at_level("DEBUG"):
        store = open_store_gui(folder, demo=False)
    assert not failures, failures
    assert store is not None
    store.close()
    assert tried == ["stale horse battery", "wrong horse battery", "correct horse battery"]
    assert errors == [ENV_WRONG, "Wrong passphrase. Try again."]
    assert "MISSION_DESK_PASSPHRASE is wrong" in caplog.text
    assert "horse" not in caplog.text


def test_a_wrong_early_environment_passphrase_asks_and_cancel_opens_nothing(
        qtbot, tmp_path, monkeypatch) -> None:
    """The same when the start began the derivation before the window's modules
    (begin_unlock): the dialog asks; cancelling it opens nothing, tried once."""
    from ui.main import begin_unlock, launch, parse_args

    folder, tried = _desk_with_a_stale_env_passphrase(tmp_path, monkeypatch)
    failures: list[BaseException] = []
    errors: list[str] = []

    def cancel(dialog: QDialog) -> None:
        errors.append(dialog.error.text() if dialog.error.isVisible() else "")
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    args = parse_args(["--data-dir", str(folder)])
    unlocking = begin_unlock(args)
    assert unlocking is not None  # begun early, from the environment
    _when_modal(qtbot, cancel, failures)
    assert launch(args, unlocking) is None
    assert not failures, failures
    assert tried == ["stale horse battery"]
    assert errors == [ENV_WRONG]


def test_the_wrong_environment_passphrase_is_said_in_french(qapp) -> None:
    from PySide6.QtCore import QCoreApplication

    from ui.app import translations

    translations(qapp).install("fr")
    assert QCoreApplication.translate("Launch", ENV_WRONG) == (
        "La phrase secrète de MISSION_DESK_PASSPHRASE est incorrecte. Tapez celle de ce poste.")
