"""Schema upgrades of the server database (Alembic, own version table)."""

from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).with_name("migrations")
VERSION_TABLE = "server_alembic_version"


class DatabaseTooNew(Exception):
    """The database was migrated by a newer server; refuse to touch it."""


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"version_table": VERSION_TABLE})
        return ctx.get_current_revision()


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def upgrade(engine: Engine) -> tuple[str | None, str]:
    """Bring the database to the code's schema; returns (from, to) revisions."""
    cfg = alembic_config()
    script = ScriptDirectory.from_config(cfg)
    current = current_revision(engine)
    head = head_revision()
    if current is not None and current != head:
        try:
            script.get_revision(current)
        except Exception:
            raise DatabaseTooNew(
                f"the database is at schema {current}, newer than this server ({head})"
            ) from None
    if current != head:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
        log.info("server database upgraded from %s to %s", current, head)
    # The receipt-signing key is made here, once, never by a request (DESIGN.md §11).
    from .receipts import ensure_key

    with engine.begin() as conn:
        ensure_key(conn)
    return current, head
