"""The ``mission-desk`` entry point: subcommands without a display or Qt, bad usage, and
``--demo`` opening a ready mission with no passphrase prompt and no set-up."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

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
