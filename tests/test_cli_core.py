"""The desk's window-less subcommands: init-demo and import (exit status per DESIGN.md §7)."""

import argparse

import pytest
from sqlalchemy import func, select

from app import cli
from app.store.database import Store
from app.store.models import Candidate


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="mission-desk")
    cli.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return cli.run(args.handler, args)


def test_init_demo_then_import(tmp_path, capsys):
    d = str(tmp_path / "desk")
    assert run(["init-demo", "--data-dir", d, "--candidates", "25"]) == 0
    assert "25 candidates" in capsys.readouterr().out
    assert run(["init-demo", "--data-dir", d]) == 1
    assert "already holds a mission" in capsys.readouterr().err
    csv = tmp_path / "c.csv"
    csv.write_text("Application number,Family name,Given names,Track\nN1,Phạm,Thu,FM\n"
                   "N2,,x,FM\n", encoding="utf-8")
    assert run(["import", str(csv), "--data-dir", d]) == 0
    out = capsys.readouterr().out
    assert "1 candidate(s) imported, 1 row(s) skipped" in out and "line 3:" in out
    store = Store.open(tmp_path / "desk")
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(Candidate)) == 26
    store.close()


def test_user_errors_exit_1_with_one_line(tmp_path, capsys):
    d = str(tmp_path / "empty")
    assert run(["import", str(tmp_path / "missing.csv"), "--data-dir", d]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("mission-desk: error:")
    csv = tmp_path / "c.csv"
    csv.write_text("Application number,Family name,Track\nN1,X,FM\n", encoding="utf-8")
    assert run(["import", str(csv), "--data-dir", d]) == 1
    assert "holds no mission" in capsys.readouterr().err


def test_bad_usage_exits_2():
    with pytest.raises(SystemExit) as exc:
        run(["init-demo", "--candidates", "many"])
    assert exc.value.code == 2


def test_a_wrong_environment_passphrase_exits_1_naming_the_variable(tmp_path, monkeypatch,
                                                                    capsys):
    """A script's MISSION_DESK_PASSPHRASE that does not open the desk: exit 1, one line that
    says the variable's value is wrong (never the value), no prompt, no retry."""
    from app.store import keys

    monkeypatch.setenv("MISSION_DESK_KEYRING", "off")
    monkeypatch.setenv("MISSION_DESK_PASSPHRASE", "correct horse battery")
    d = str(tmp_path / "desk")
    assert run(["init-demo", "--data-dir", d, "--candidates", "5"]) == 0
    capsys.readouterr()
    monkeypatch.setenv("MISSION_DESK_PASSPHRASE", "stale horse battery")
    tried: list[str] = []
    real = keys._derive

    def derive(passphrase, *args):  # type: ignore[no-untyped-def]
        tried.append(passphrase)
        return real(passphrase, *args)

    monkeypatch.setattr(keys, "_derive", derive)
    csv = tmp_path / "c.csv"
    csv.write_text("Application number,Family name,Given names,Track\nN1,Phạm,Thu,FM\n",
                   encoding="utf-8")
    assert run(["import", str(csv), "--data-dir", d]) == 1
    out, err = capsys.readouterr()
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("mission-desk: error:"), err
    assert "MISSION_DESK_PASSPHRASE" in lines[0] and "wrong" in lines[0]
    assert "horse" not in out + err
    assert tried == ["stale horse battery"]
