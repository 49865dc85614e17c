"""The server's own Alembic history: own version table, idempotent, refuses a newer schema."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect, text

from server.migrate import VERSION_TABLE, DatabaseTooNew, current_revision, head_revision, upgrade
from server.models import Base


def test_migrated_schema_matches_the_models_and_is_idempotent(engine: Engine) -> None:
    assert current_revision(engine) == head_revision() == "0007"
    tables = set(inspect(engine).get_table_names())
    assert set(Base.metadata.tables) | {VERSION_TABLE} == tables
    assert "alembic_version" not in tables  # never mixed up with the desk's table
    with engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert [d for d in diffs if not (d[0] == "remove_table" and d[1].name == VERSION_TABLE)
            ] == []  # the migration builds exactly the models' columns, indexes, keys
    assert upgrade(engine) == ("0007", "0007")


def test_a_database_from_a_newer_server_is_refused(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(text(f"UPDATE {VERSION_TABLE} SET version_num = '9999'"))
    with pytest.raises(DatabaseTooNew):
        upgrade(engine)


def test_engine_settings_per_database(engine: Engine) -> None:
    """SQLite runs in WAL with foreign keys on; PostgreSQL goes through psycopg 3."""
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    else:
        assert (engine.dialect.name, engine.dialect.driver) == ("postgresql", "psycopg")


def test_0004_makes_the_api_administrators_console_administrators(db_url: str) -> None:
    from alembic import command

    from server.db import make_engine
    from server.migrate import alembic_config

    eng = make_engine(db_url)
    cfg = alembic_config()
    with eng.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0003")
        for name, admin in (("root", True), ("paul", False)):
            conn.execute(text(
                "INSERT INTO user_account (id, username, name, email, password_hash, "
                "is_admin, created_at) VALUES (:id, :u, '', '', 'x', :a, CURRENT_TIMESTAMP)"),
                {"id": name, "u": name, "a": admin})
    upgrade(eng)
    with eng.connect() as conn:
        rows = dict(conn.execute(text("SELECT username, console_role FROM user_account")).all())
        locales = set(conn.execute(text("SELECT locale FROM user_account")).scalars())
    eng.dispose()
    assert rows == {"root": "admin", "paul": None}
    assert locales == {"en"}
