"""Schema upgrades: fixture databases of released schemas, backups, refusal of newer files."""

import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from app.store import migrate
from app.store.database import Store
from app.store.models import AuditEntry, Candidate, OutboxMutation
from tests.fixtures.make_store_fixture import PASSPHRASE

FIXTURES = Path(__file__).parents[1] / "fixtures"


@pytest.mark.parametrize("revision", ["0001"])
def test_released_schema_fixture_upgrades_and_keeps_data(revision, tmp_path, monkeypatch):
    monkeypatch.setenv("MISSION_DESK_KEYRING", "off")
    monkeypatch.setenv("MISSION_DESK_PASSPHRASE", PASSPHRASE)
    folder = tmp_path / "desk"
    shutil.copytree(FIXTURES / f"store-{revision}", folder)
    store = Store.open(folder)
    assert migrate.current_revision(store.engine) == migrate.head_revision()
    with store.read() as s:
        assert len(list(s.scalars(select(Candidate)))) == 20
        m = s.scalars(select(OutboxMutation)).one()
        assert m.fields == {"status": "withdrawn"} and m.state == "pending"
        assert s.scalars(select(AuditEntry)).one().new == "withdrawn"
    store.close()


def test_head_constant_matches_the_migration_scripts():
    assert migrate.head_revision() == migrate.HEAD


def test_database_newer_than_the_code_is_refused(store, data_dir):
    with store.engine.begin() as c:
        c.exec_driver_sql("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    store.close()
    with pytest.raises(migrate.DatabaseTooNew, match="newer Mission Desk"):
        Store.open(data_dir)


def test_upgrade_copies_the_file_first(store, data_dir, monkeypatch):
    from app.demo import init_demo

    init_demo(store, candidates=4)
    # Pretend the file is one revision behind: upgrade must copy it before migrating.
    calls: list[str] = []
    monkeypatch.setattr(migrate, "current_revision", lambda engine: "0000_older")
    from alembic import command
    from alembic.script import ScriptDirectory

    monkeypatch.setattr(ScriptDirectory, "get_revision", lambda self, rev: object())
    monkeypatch.setattr(command, "upgrade", lambda cfg, rev: calls.append(rev))
    backup = migrate.upgrade(store.engine, store.path)
    assert calls == ["head"]
    assert backup is not None and backup.parent == data_dir / "backups"
    store.close()
    # the copy is a complete, still encrypted database holding the data
    copy_dir = data_dir.parent / "copy"
    copy_dir.mkdir()
    shutil.copy(backup, copy_dir / "desk.db")
    shutil.copy(data_dir / "key.json", copy_dir / "key.json")
    monkeypatch.undo()
    restored = Store.open(copy_dir)
    with restored.read() as s:
        assert len(list(s.scalars(select(Candidate)))) == 4
    restored.close()


def test_released_fixture_gains_the_plan_tables(tmp_path, monkeypatch):
    # 0003: seats, anonymity rows, a candidate's declared unavailable times, interview length
    monkeypatch.setenv("MISSION_DESK_KEYRING", "off")
    monkeypatch.setenv("MISSION_DESK_PASSPHRASE", PASSPHRASE)
    from app.store.models import Anonymity, Interview, Seat

    folder = tmp_path / "desk"
    shutil.copytree(FIXTURES / "store-0001", folder)
    store = Store.open(folder)
    with store.read() as s:
        assert {c.unavailable for c in s.scalars(select(Candidate))} == {""}
        assert {i.duration for i in s.scalars(select(Interview))} <= {0}
        assert list(s.scalars(select(Seat))) == [] and list(s.scalars(select(Anonymity))) == []
    store.close()


def test_released_fixture_gains_desk_users_and_outbox_authors(tmp_path, monkeypatch):
    # 0005: desk_user (PINs), the author of each queued mutation taken from its audit entry
    monkeypatch.setenv("MISSION_DESK_KEYRING", "off")
    monkeypatch.setenv("MISSION_DESK_PASSPHRASE", PASSPHRASE)
    from app.store.models import DeskUser

    folder = tmp_path / "desk"
    shutil.copytree(FIXTURES / "store-0001", folder)
    store = Store.open(folder)
    with store.read() as s:
        m = s.scalars(select(OutboxMutation)).one()
        audit = s.scalars(select(AuditEntry)).one()
        assert m.author_id == audit.actor_id and m.author_id
        assert list(s.scalars(select(DeskUser))) == []
    store.close()
