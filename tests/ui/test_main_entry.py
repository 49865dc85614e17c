"""The ``mission-desk`` entry point: subcommands without a display or Qt, bad usage, and
``--demo`` opening a ready mission with no passphrase prompt and no set-up."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel

from app.store.database import Store
from app.store.keys import key_mode
from ui.main import DEMO_PASSPHRASE, launch, main, parse_args


def test_init_demo_runs_without_display_or_qt(tmp_path: Path) -> None:
    folder = tmp_path / "desk"
    code = ("import sys; from ui.main import main; rc = main(['init-demo', '--data-dir', "
            f"{str(folder)!r}, '--candidates', '12']); "
            "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'; "
            "sys.exit(rc)")
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(MISSION_DESK_PASSPHRASE="a script's passphrase", MISSION_DESK_KEYRING="off")
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, timeout=120, cwd=Path(__file__).resolve().parents[2])
    assert done.returncode == 0, done.stderr
    assert "created with 12 candidates" in done.stdout
    assert key_mode(folder) == "passphrase"


def test_global_data_dir_before_the_subcommand(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("MISSION_DESK_PASSPHRASE", "another passphrase")
    folder = tmp_path / "desk"
    assert main(["--data-dir", str(folder), "init-demo", "--candidates", "5"]) == 0
    store = Store.open(folder)
    try:
        assert store.get_meta("current_mission")
    finally:
        store.close()
    # A second init-demo in the same folder is a user error: exit 1, one line on stderr.
    assert main(["init-demo", "--data-dir", str(folder)]) == 1
    assert capsys.readouterr().err.count("\n") == 1


@pytest.mark.parametrize("argv", [["frobnicate"], ["--lang", "de"], ["init-demo", "--candidates",
                                                                      "many"]])
def test_bad_usage_exits_2(argv: list[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2


def test_demo_opens_ready_without_prompt(qtbot, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("MISSION_DESK_DEMO_DIR", str(tmp_path / "demo"))
    monkeypatch.setenv("MISSION_DESK_KEYRING", "off")  # the passphrase path, never prompted
    for attempt in range(2):  # created, then reopened as it is
        opened = launch(parse_args(["--demo"]))
        assert opened is not None
        store, window = opened
        qtbot.addWidget(window)
        page = window.page("candidates")
        assert page.model.rowCount() == 300
        assert window.chip_assessor.text().startswith("Prof. Claire Dubois")
        window.close()
        store.close()
        assert key_mode(tmp_path / "demo") == "passphrase", attempt
    monkeypatch.setenv("MISSION_DESK_PASSPHRASE", DEMO_PASSPHRASE)
    Store.open(tmp_path / "demo").close()  # the documented demo passphrase opens it


def test_demo_opens_with_another_desk_passphrase_in_the_environment(qtbot, tmp_path: Path,
                                                                    monkeypatch) -> None:
    """MISSION_DESK_PASSPHRASE set for the user's own desk: the demo folder, locked by the
    demo's passphrase, still opens (the environment's value is tried once, then the demo's)."""
    from ui.main import begin_unlock

    monkeypatch.setenv("MISSION_DESK_DEMO_DIR", str(tmp_path / "demo"))
    monkeypatch.setenv("MISSION_DESK_KEYRING", "off")
    Store.open(tmp_path / "demo", lambda _new: DEMO_PASSPHRASE).close()
    monkeypatch.setenv("MISSION_DESK_PASSPHRASE", "my own desk's passphrase")
    boxes: list[str] = []

    def refuse_boxes() -> None:  # the old start stopped on "locked by another passphrase"
        box = QApplication.activeModalWidget()
        if box is not None:
            boxes.append(box.findChild(QLabel, "qt_msgbox_label").text())
            box.reject()

    guard = QTimer()
    guard.timeout.connect(refuse_boxes)
    guard.start(20)
    args = parse_args(["--demo"])
    try:
        opened = launch(args, begin_unlock(args))
    finally:
        guard.stop()
    assert boxes == [] and opened is not None
    store, window = opened
    qtbot.addWidget(window)
    window.close()
    store.close()


def test_subcommands_of_every_module_are_reachable(capsys) -> None:
    import argparse
    import importlib.util

    from ui.main import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert {"init-demo", "import"} <= set(sub.choices)
    assert ("sync" in sub.choices) == (importlib.util.find_spec("sync.cli") is not None)
    with pytest.raises(SystemExit) as exc:
        main(["init-demo", "--help"])
    assert exc.value.code == 0 and "--candidates" in capsys.readouterr().out


_WRONG_ENV_CHILD = """
import os, sys
from app.store import keys
import ui.main
tried, seen = [], []
derive = keys._derive

def counted(passphrase, *args):  # a start that retries for ever ends here, not in a hang
    tried.append(passphrase)
    if len(tried) > 4:
        print("LOOP", flush=True)
        os._exit(3)
    return derive(passphrase, *args)

keys._derive = counted
real_launch = ui.main.launch

def launch(args, unlocking=None):  # QApplication exists now: cancel the dialog it shows
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def cancel():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, cancel)
            return
        seen.append(dialog.error.text())
        dialog.reject()

    QTimer.singleShot(20, cancel)
    return real_launch(args, unlocking)

ui.main.launch = launch
rc = ui.main.run_gui(ui.main.parse_args(["--data-dir", sys.argv[1]]))
print("RESULT", rc, len(tried), seen)
"""


def test_mission_desk_with_a_wrong_environment_passphrase_asks_once(tmp_path: Path,
                                                                     monkeypatch) -> None:
    """``mission-desk`` started with a wrong MISSION_DESK_PASSPHRASE: tried once (early,
    beside the imports), then the passphrase dialog says so; cancelled, the desk exits 1.
    The log says which variable was wrong, never its value."""
    monkeypatch.setenv("MISSION_DESK_KEYRING", "off")
    folder = tmp_path / "desk"
    Store.open(folder, lambda _new: "correct horse battery").close()
    logs = tmp_path / "logs"
    env = dict(os.environ, MISSION_DESK_KEYRING="off", QT_QPA_PLATFORM="offscreen",
               MISSION_DESK_PASSPHRASE="stale horse battery", MISSION_DESK_LOG_DIR=str(logs),
               PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    done = subprocess.run([sys.executable, "-c", _WRONG_ENV_CHILD, str(folder)], env=env,
                          capture_output=True, text=True, timeout=300,
                          cwd=Path(__file__).resolve().parents[2])
    assert done.returncode == 0, done.stdout + done.stderr
    said = ("The passphrase in MISSION_DESK_PASSPHRASE is wrong. Type this desk's "
            "passphrase.")
    assert f"RESULT 1 1 [{said!r}]" in done.stdout, done.stdout + done.stderr
    logged = "".join(p.read_text(encoding="utf-8") for p in logs.rglob("*") if p.is_file())
    assert "MISSION_DESK_PASSPHRASE is wrong" in logged
    assert "horse" not in logged + done.stdout + done.stderr
