"""``mission-desk --self-test``: passes on a sound install, names every failure, leaves no trace.

The full run goes through the bundle's entry script in a subprocess (it creates its own
QApplication and must not share this process's Qt state); the failure reports run in process
with a check replaced, no Qt involved.
"""

from __future__ import annotations

import io
import os
import platform
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import app
from ui import selftest

ROOT = Path(__file__).resolve().parents[1]


def test_self_test_passes_and_prints_versions(tmp_path: Path) -> None:
    from PySide6.QtCore import qVersion

    user_data = tmp_path / "user-data"
    # No display and no Qt platform given: the self-test picks offscreen by itself.
    env = {k: v for k, v in os.environ.items()
           if k not in {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"}}
    env.update({"MISSION_DESK_DATA_DIR": str(user_data), "TMPDIR": str(tmp_path / "tmp")})
    (tmp_path / "tmp").mkdir()
    proc = subprocess.run([sys.executable, str(ROOT / "tools" / "desk_entry.py"), "--self-test"],
                          env=env, capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = proc.stdout
    for name, _ in selftest.CHECKS:
        assert f"OK   {name}" in out
    assert "FAIL" not in out
    assert f"Python:       {platform.python_version()} " in out
    assert f"Qt:           {qVersion()} " in out
    assert "SQLCipher:    4." in out
    assert f"Mission Desk: {app.__version__}" in out
    assert "on 'offscreen'" in out
    assert "self-test passed: " in out
    # The user's data folder is never created, nor their settings; the throwaway folder is gone.
    assert not user_data.exists()
    config = Path(os.environ["XDG_CONFIG_HOME"])
    assert not config.exists() or not [p for p in config.rglob("*") if "mission" in p.name]
    assert list((tmp_path / "tmp").iterdir()) == []


def _run(checks: list[tuple[str, Callable[[selftest.Scratch], str]]],
         monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    monkeypatch.setattr(selftest, "CHECKS", checks)
    out, err = io.StringIO(), io.StringIO()
    status = selftest.run_self_test(out, err)
    return status, out.getvalue(), err.getvalue()


def test_a_failing_check_is_reported_with_its_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken_pdf(scratch: selftest.Scratch) -> str:
        raise RuntimeError("ReportLab exploded")

    status, out, err = _run([
        ("versions", selftest.check_versions),
        ("encrypted store", selftest.check_store),
        ("pdf", broken_pdf),
        ("edit round trip", selftest.check_edit),
    ], monkeypatch)
    assert status == 1
    assert "OK   versions" in out
    assert "OK   encrypted store" in out
    assert "FAIL pdf              RuntimeError: ReportLab exploded" in out
    assert "OK   edit round trip" in out  # a failure does not stop the later checks
    assert "self-test FAILED: 1 of 4 checks" in out
    assert "self-test: pdf: RuntimeError: ReportLab exploded" in err
    assert "Traceback" in err


def test_every_reason_is_listed_and_dependents_say_why(monkeypatch: pytest.MonkeyPatch) -> None:
    def locked_store(scratch: selftest.Scratch) -> str:
        raise selftest.CheckFailed("the database file is not encrypted (plain SQLite header)")

    status, out, err = _run([
        ("encrypted store", locked_store),
        ("edit round trip", selftest.check_edit),
        ("pdf", selftest.check_pdf),
    ], monkeypatch)
    assert status == 1
    assert "self-test FAILED: 3 of 3 checks" in out
    assert "self-test: encrypted store: the database file is not encrypted" in err
    assert "self-test: edit round trip: not run: the encrypted store did not open" in err
    assert "self-test: pdf: not run: the encrypted store did not open" in err


def test_the_scratch_environment_is_restored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MISSION_DESK_PASSPHRASE", "the user's own passphrase")
    seen: dict[str, str | None] = {}

    def spy(scratch: selftest.Scratch) -> str:
        seen.update({k: os.environ.get(k) for k in
                     ("MISSION_DESK_KEYRING", "MISSION_DESK_PASSPHRASE", "MISSION_DESK_DATA_DIR")})
        seen["folder"] = str(scratch.folder)
        return "looked"

    status, _, _ = _run([("spy", spy)], monkeypatch)
    assert status == 0
    assert seen["MISSION_DESK_KEYRING"] == "off"
    assert seen["MISSION_DESK_PASSPHRASE"] not in (None, "the user's own passphrase")
    assert seen["MISSION_DESK_DATA_DIR"] == str(Path(seen["folder"] or "") / "data")
    assert os.environ["MISSION_DESK_PASSPHRASE"] == "the user's own passphrase"
    assert "MISSION_DESK_KEYRING" not in os.environ
    assert not Path(seen["folder"] or "").exists()
