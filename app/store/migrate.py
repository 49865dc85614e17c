"""Schema upgrades of the desk's file: copy first, refuse a database newer than the code.

Alembic is imported only when the file is not at ``HEAD``: it costs about 0.1 s of start-up,
and a desk almost always opens a file that is already current.
"""

from __future__ import annotations

import datetime as dt
import logging
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).with_name("migrations")
# The newest revision in migrations/versions; tests/store/test_migrations.py keeps it in step.
HEAD = "0005"
VERSION_TABLE = "alembic_version"
# Copies made before upgrading, beside the database: owner-only, like the database.
BACKUP_DIR = "backups"


class DatabaseTooNew(Exception):
    """The file was written by a newer Mission Desk; opening it could damage it."""


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table(VERSION_TABLE):
            return None
        return conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()


def upgrade(engine: Engine, db_path: Path) -> Path | None:
    """Bring the file to the code's schema. Returns the backup made, if any."""
    current = current_revision(engine)
    if current == HEAD:
        return None
    from alembic import command
    from alembic.script import ScriptDirectory

    cfg = alembic_config()
    script = ScriptDirectory.from_config(cfg)
    if current is not None:
        try:
            known = script.get_revision(current) is not None
        except Exception:
            known = False
        if not known:
            raise DatabaseTooNew(
                f"{db_path.name} was written by a newer Mission Desk (schema {current}); "
                "install the newer version to open it"
            )
    backup = _backup(engine, db_path) if current is not None else None
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    log.info("store upgraded from %s to %s", current, script.get_current_head())
    return backup


def _backup(engine: Engine, db_path: Path) -> Path:
    # Fold the WAL into the main file first so the copy holds every committed edit.
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    target = db_path.parent / BACKUP_DIR / f"{db_path.stem}-{stamp}{db_path.suffix}"
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    shutil.copy2(db_path, target)
    target.chmod(0o600)
    log.info("copied %s to %s before upgrading", db_path, target)
    return target
