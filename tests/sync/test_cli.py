"""`mission-desk sync` against a real server: progress on stderr, summary on stdout, exit
status per DESIGN.md §7."""

from __future__ import annotations

import argparse
import functools
from pathlib import Path

import keyring
import pytest
from keyring.backends.fail import Keyring as NoKeyring

from app.store.database import Store
from app.store.edits import EditService
from server import missions
from sync import cli
from sync.cli import register
from sync.credentials import META_PREFIX

from .faultproxy import FaultProxy
from .harness import (
    CONFIG,
    FAST_RETRY,
    PASSWORD,
    MissionSetup,
    ServerProcess,
    queue_refused_notes,
)


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
    # The first pull tells what it downloaded: the mission, 3 assessors, 6 candidates.
    assert out.splitlines()[0] == ("sent 0, applied 0, duplicate 0, conflicts 0, rejected 0, "
                                   "pulled 10, retries 0")
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


def _through_proxy(monkeypatch: pytest.MonkeyPatch, proxy: FaultProxy, desk: Path,
                   user: str) -> list[str]:
    """`sync` arguments for a desk behind the fault proxy, with fast retries."""
    monkeypatch.setattr(cli, "SyncClient", functools.partial(cli.SyncClient, retry=FAST_RETRY))
    monkeypatch.setenv("MISSION_DESK_PASSWORD", PASSWORD)
    return ["sync", "--data-dir", str(desk), "--server", proxy.url, "--user", user]


def test_first_pull_of_a_member_of_several_missions_names_one(
        server: ServerProcess, mission: MissionSetup, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Without --mission, a first pull refuses to pick one of several and lists them."""
    other = f"{mission.code}-B"
    with server.sessions() as s, s.begin():
        missions.create_mission(
            s, code=other, name="Hanoi", country="Vietnam", city="Hanoi",
            timezone="Asia/Ho_Chi_Minh", start="2027-02-01", end="2027-02-10",
            chair=mission.users["chair"],
            members=[missions.parse_member(f"{mission.users['prof']}:professor")],
            config=CONFIG)
    monkeypatch.setenv("MISSION_DESK_PASSWORD", PASSWORD)
    desk = str(tmp_path / "desk")
    base = ["sync", "--data-dir", desk, "--server", server.url, "--user", mission.users["prof"]]
    assert _main(base) == 1
    out, err = capsys.readouterr()
    assert out == ""
    last = err.strip().splitlines()[-1]
    assert last.startswith("mission-desk: error: this account is a member of 2 missions")
    assert mission.code in last and other in last and "--mission" in last
    store = Store.open(Path(desk))
    try:
        assert store.get_meta("current_mission") is None  # nothing was pulled
    finally:
        store.close()
    assert _main([*base, "--mission", other]) == 0
    assert "pulled 3," in capsys.readouterr().out  # the mission, its chair and professor


def test_retries_are_counted_and_shown_with_v(
        mission: MissionSetup, proxy: FaultProxy, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    base = _through_proxy(monkeypatch, proxy, tmp_path / "desk", mission.users["rep"])
    proxy.arm("reset", count=2)
    assert _main(base) == 0
    out, err = capsys.readouterr()
    assert out.splitlines()[0].endswith(", retries 2")
    assert "retry" not in err
    proxy.arm("cut_headers", count=1)
    assert _main([*base, "-v"]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines()[0].endswith(", retries 1")
    [shown] = [line for line in err.splitlines() if "retry" in line]
    assert shown.startswith("sync: retry 1 in ") and "incomplete or malformed" in shown


def test_reply_cut_inside_its_headers_every_time_is_one_line_exit_1(
        mission: MissionSetup, proxy: FaultProxy, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    base = _through_proxy(monkeypatch, proxy, tmp_path / "desk", mission.users["rep"])
    assert _main(base) == 0
    capsys.readouterr()
    proxy.arm("cut_headers", count=FAST_RETRY.attempts)
    assert _main(base) == 1
    out, err = capsys.readouterr()
    assert out == "" and "Traceback" not in err
    last = err.strip().splitlines()[-1]
    assert last.startswith("mission-desk: error: the server's reply was incomplete or "
                           "malformed (HTTP 200, 0 bytes")
    assert proxy.armed == 0
    assert _main(base) == 0  # the next sync goes through


def test_no_keyring_keeps_the_token_in_the_database_and_says_nothing_of_a_plain_file(
        mission: MissionSetup, server: ServerProcess, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        caplog: pytest.LogCaptureFixture) -> None:
    keyring.set_keyring(NoKeyring())  # a headless machine (conftest puts the previous back)
    monkeypatch.setenv("MISSION_DESK_PASSPHRASE", "a desk passphrase for the test")
    monkeypatch.setenv("MISSION_DESK_PASSWORD", PASSWORD)
    desk = tmp_path / "desk"
    user = mission.users["rep"]
    with caplog.at_level("DEBUG"):
        assert _main(["sync", "--data-dir", str(desk), "--server", server.url,
                      "--user", user]) == 0
        monkeypatch.delenv("MISSION_DESK_PASSWORD")
        assert _main(["sync", "--data-dir", str(desk)]) == 0  # the kept token is enough
    out, err = capsys.readouterr()
    said = (out + err + caplog.text).lower()
    for advice in ("plaintext", "plain text", "keyrings.alt", "keyring file", "cryptfile"):
        assert advice not in said
    store = Store.open(desk)
    try:
        assert store.get_meta(f"{META_PREFIX}{server.url}#{user}")
    finally:
        store.close()
