"""`mission-desk sync` against a real server: progress on stderr, summary on stdout, exit
status per DESIGN.md §7."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from app.store.database import Store
from app.store.edits import EditService
from sync.cli import register

from .harness import PASSWORD, MissionSetup, ServerProcess, queue_refused_notes


def _main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="mission-desk")
    register(parser.add_subparsers(dest="command", required=True))
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    return int(args.func(args))


def test_first_sync_then_push(server: ServerProcess, mission: MissionSetup, tmp_path: Path,
                              monkeypatch: pytest.MonkeyPatch,
                              capsys: pytest.CaptureFixture[str]) -> None:
    desk = tmp_path / "desk"
    monkeypatch.setenv("MISSION_DESK_PASSWORD", PASSWORD)
    user = mission.users["prof"]
    assert _main(["sync", "--data-dir", str(desk), "--server", server.url, "--user", user]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("sent 0, applied 0, duplicate 0, conflicts 0, rejected 0")
    assert "downloading the mission" in err
    store = Store.open(desk)
    try:
        edits = EditService(store, store.get_meta("current_mission") or "",
                            store.get_meta("current_assessor") or "")
        edits.set_mark(mission.candidates[0], "maths", "15.5")
        queue_refused_notes(edits, mission.candidates[0], "bad\x00")
    finally:
        store.close()
    # The server and user are remembered; the token is in the keyring.
    monkeypatch.delenv("MISSION_DESK_PASSWORD")
    assert _main(["sync", "--data-dir", str(desk)]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines()[0].startswith("sent 2, applied 1, duplicate 0, conflicts 0, "
                                          "rejected 1")
    assert out.splitlines()[1].startswith("rejected #2: ")
    assert "sending changes" in err


def test_user_errors_exit_1(server: ServerProcess, mission: MissionSetup, tmp_path: Path,
                            monkeypatch: pytest.MonkeyPatch,
                            capsys: pytest.CaptureFixture[str]) -> None:
    desk = str(tmp_path / "desk")
    assert _main(["sync", "--data-dir", desk]) == 1
    assert "--server" in capsys.readouterr().err
    monkeypatch.setenv("MISSION_DESK_PASSWORD", "wrong")
    assert _main(["sync", "--data-dir", desk, "--server", server.url, "--user",
                  mission.users["chair"]]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1] == "mission-desk: error: wrong user name or password"


def test_bad_usage_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert _main(["sync", "--no-such-option"]) == 2
