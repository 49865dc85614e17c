"""Schema upgrades of the desk's file: copy first, refuse a database newer than the code."""

from __future__ import annotations

import datetime as dt
import logging
import shutil
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).with_name("migrations")


class DatabaseTooNew(Exception):
    """The file was written by a newer Mission Desk; opening it could damage it."""


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, db_path: Path) -> Path | None:
    """Bring the file to the code's schema. Returns the backup made, if any."""
    cfg = alembic_config()
    script = ScriptDirectory.from_config(cfg)
    current = current_revision(engine)
    head = script.get_current_head()
    if current == head:
        return None
    if current is not None:
        try:
            script.get_revision(current)
        except Exception:
            raise DatabaseTooNew(
                f"{db_path.name} was written by a newer Mission Desk (schema {current}); "
                "install the newer version to open it"
            ) from None
    backup = _backup(engine, db_path) if current is not None else None
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    log.info("store upgraded from %s to %s", current, head)
    return backup


def _backup(engine: Engine, db_path: Path) -> Path:
    # Fold the WAL into the main file first so the copy holds every committed edit.
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    target = db_path.parent / "backups" / f"{db_path.stem}-{stamp}{db_path.suffix}"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(db_path, target)
    log.info("copied %s to %s before upgrading", db_path, target)
    return target
