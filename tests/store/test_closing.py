"""Closing a mission without a server at hand: refusal, the passphrase-wrapped key, the signed
record, the warning for a mission ended long ago, and the `close-mission` command."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from app import cli
from app.domain.receipts import ReceiptInvalid
from app.store.closing import (
    CloseRefused,
    close_mission,
    coverage,
    stale_mission,
    verify_record,
)
from app.store.database import Store
from app.store.edits import EditService
from app.store.models import Candidate
from tests.store.leftovers import names_found

PASSPHRASE = "correct horse battery staple"


def _names(store: Store) -> list[str]:
    with store.read() as s:
        rows = list(s.scalars(select(Candidate)))
    return sorted({c.family_name for c in rows} | {c.given_names for c in rows
                                                   if len(c.given_names) >= 4})


def test_a_change_without_receipt_refuses_closing(demo: tuple[Store, str, str]) -> None:
    store, mission_id, chair = demo
    cid = next(iter(_candidate_ids(store)))
    EditService(store, mission_id, chair).set_mark(cid, "maths", "12")
    with store.read() as s:
        assert coverage(s).uncovered == 1
    with pytest.raises(CloseRefused, match="1 change"):
        close_mission(store)
    assert store.path.exists() and (store.path.parent / "key.json").exists()


def _candidate_ids(store: Store) -> list[str]:
    with store.read() as s:
        return list(s.scalars(select(Candidate.id)))


def test_passphrase_key_is_destroyed_and_no_name_is_left(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.demo import init_demo

    monkeypatch.setenv("MISSION_DESK_KEYRING", "off")
    monkeypatch.setenv("MISSION_DESK_PASSPHRASE", PASSPHRASE)
    folder = tmp_path / "desk"
    store = Store.open(folder)
    init_demo(store, candidates=30, seed=5)
    names = _names(store)
    store.close()
    # An upgrade backup and a WAL, as a desk in use has them.
    (folder / "backups").mkdir(exist_ok=True)
    (folder / "backups" / "desk-20270101T000000Z.db").write_bytes(store.path.read_bytes())
    store = Store.open(folder)
    image = (folder / "key.json").read_bytes()
    closed = close_mission(store, now=dt.datetime(2027, 3, 1, tzinfo=dt.UTC))
    assert closed.key_mode == "passphrase"
    assert [p.name for p in folder.iterdir()] == [closed.record.name]
    assert closed.record.name.startswith("closed-") and closed.left == []
    assert names_found([folder], names) == []
    (folder / "key.json").write_bytes(image)  # even the old key file back: no database
    record = verify_record(closed.record)
    assert record["changes"] == 0 and record["receipt"] is None
    assert record["closed_at"] == "2027-03-01T00:00:00+00:00"


def test_a_tampered_record_does_not_verify(demo: tuple[Store, str, str]) -> None:
    store, _, _ = demo
    closed = close_mission(store)
    data = json.loads(closed.record.read_text(encoding="utf-8"))
    data["record"]["changes"] = 5
    closed.record.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ReceiptInvalid):
        verify_record(closed.record)


def test_a_mission_ended_long_ago_warns(demo: tuple[Store, str, str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    store, _, _ = demo  # the demo mission ends on 2027-02-12
    end = dt.date(2027, 2, 12)
    with store.read() as s:
        assert stale_mission(s, end + dt.timedelta(days=14)) is None
        stale = stale_mission(s, end + dt.timedelta(days=15))
        assert stale is not None and stale.days_past == 15
        monkeypatch.setenv("MISSION_DESK_CLOSE_WARN_DAYS", "30")
        assert stale_mission(s, end + dt.timedelta(days=15)) is None
        assert stale_mission(s, end + dt.timedelta(days=31)) is not None


def _run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="mission-desk")
    cli.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return cli.run(args.handler, args)


def test_cli_warns_at_start_and_closes(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    d = str(tmp_path / "desk")
    assert _run(["init-demo", "--data-dir", d, "--candidates", "5"]) == 0
    capsys.readouterr()
    monkeypatch.setenv("MISSION_DESK_CLOSE_WARN_DAYS", "0")
    monkeypatch.setattr("sys.stdin", None)
    # A mission ended long ago: every command says so (the demo ends in 2027: 0 days back
    # from a date after that).
    import app.store.closing as closing

    real = closing.stale_mission
    monkeypatch.setattr(closing, "stale_mission",
                        lambda s, today=None, days=None: real(s, dt.date(2027, 6, 1), days))
    assert _run(["close-mission", "--data-dir", d]) == 1
    err = capsys.readouterr().err
    assert "warning: mission" in err and "still holds" in err and "--yes" in err
    assert _run(["close-mission", "--data-dir", d, "--yes"]) == 0
    out = capsys.readouterr().out
    assert "closed on this laptop" in out and "key destroyed (keyring)" in out
    assert [p.name.startswith("closed-") for p in Path(d).iterdir()] == [True]


def test_a_teammates_bundle_not_yet_relayed_refuses_closing(
        demo: tuple[Store, str, str]) -> None:
    from app.store.desk_key import RELAY_PREFIX

    store, _, _ = demo
    store.set_meta(RELAY_PREFIX + "bundle-1", "c29tZSBieXRlcw==")
    store.set_meta("relay_bundleX", "not a relay")  # the prefix's "_" is no wildcard
    with store.read() as s:
        assert coverage(s).relays == 1
    with pytest.raises(CloseRefused, match="1 teammate bundle"):
        close_mission(store)
    assert store.path.exists()
    store.set_meta(RELAY_PREFIX + "bundle-1", None)  # relayed at the next sync
    close_mission(store)
    assert not store.path.exists()


def test_a_key_that_cannot_be_destroyed_leaves_everything_and_no_record(
        demo: tuple[Store, str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    import keyring.errors

    store, _, _ = demo
    folder = store.path.parent

    def locked(*_args: object) -> None:
        raise keyring.errors.KeyringError("the keyring is locked")

    monkeypatch.setattr("keyring.delete_password", locked)
    kept = {"desk.db", "key.json"}  # the WAL and SHM go when the last connection closes
    with pytest.raises(CloseRefused, match="nothing was deleted"):
        close_mission(store)
    assert {p.name for p in folder.iterdir()} >= kept
    assert not any(p.name.startswith("closed-") for p in folder.iterdir())
    # A delete refused while the entry stays is no "entry already gone".
    monkeypatch.setattr("keyring.delete_password", lambda *_a: (_ for _ in ()).throw(
        keyring.errors.PasswordDeleteError("denied")))
    with pytest.raises(CloseRefused, match="nothing was deleted"):
        close_mission(store)
    assert {p.name for p in folder.iterdir()} >= kept
    reopened = Store.open(folder)  # the mission is still all there
    assert len(_candidate_ids(reopened)) == 60
    reopened.close()


def test_coverage_watch_follows_new_edits_and_receipts_like_a_full_count(
        demo: tuple[Store, str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    """The status bar's coverage is advanced over new edits only, and equals a full count
    after every step: before any receipt, after one, and after edits made past it."""
    from app.store import closing
    from tests.store.receipted import receipt_everything

    store, mission_id, chair = demo
    edits = EditService(store, mission_id, chair)
    ids = _candidate_ids(store)
    full = []
    monkeypatch.setattr(closing, "coverage", lambda s: full.append(1) or coverage(s))
    watch = closing.CoverageWatch()

    def check() -> closing.Coverage:
        with store.read() as s:
            seen = watch.current(s)
            assert seen == coverage(s)
        return seen

    check()
    assert len(full) == 1
    edits.set_mark(ids[0], "maths", "12")
    edits.set_notes(ids[1], "seen at the stand")
    first = check()
    assert first.until is None and first.uncovered >= 2
    assert len(full) == 1  # the new edits were counted, the outbox not walked again
    receipt_everything(store, dt.datetime(2027, 2, 12, 16, 30, tzinfo=dt.UTC))
    covered = check()  # a receipt arrived: counted in full
    assert len(full) == 2 and covered.uncovered == 0
    edits.set_mark(ids[2], "maths", "9")
    later = check()
    # the new edit, made before the receipt's (future) moment, moves "everything up to" back
    assert len(full) == 2 and later.uncovered == 1 and later.until < covered.until
    assert later.changes == covered.changes + 1
    watch.invalidate()
    check()
    assert len(full) == 3
