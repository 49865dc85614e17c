"""The one engine factory: SQLCipher-encrypted SQLite, WAL, synchronous=FULL, foreign keys."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2
from sqlalchemy import URL, Engine, create_engine, event

log = logging.getLogger(__name__)

DB_FILE = "desk.db"
PAGE_CACHE_KIB = 2000  # per connection


class DatabaseLocked(Exception):
    """The key does not open the database file."""


def make_engine(path: Path, key: bytes) -> Engine:
    # The plain SQLite dialect over the sqlcipher3 driver: the key pragma is ours, issued first
    # on every new connection; the x'..' form hands SQLCipher the raw 256-bit key, skipping
    # its per-open PBKDF2 (the key is random, not a password).
    engine = create_engine(
        URL.create("sqlite", database=str(path)),
        module=sqlcipher3.dbapi2,
        connect_args={"check_same_thread": False, "timeout": 15},
    )

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: Any, _record: Any) -> None:
        # pysqlite's own transaction handling is switched off so BEGIN is ours (below).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        try:
            cur.execute("PRAGMA cipher_log_level=NONE")
            cur.execute(f"PRAGMA key=\"x'{key.hex()}'\"")
            cur.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except Exception as exc:  # sqlcipher3.dbapi2.DatabaseError: file is not a database
            raise DatabaseLocked(f"{path} cannot be opened with this key ({exc})") from exc
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=15000")
        # SQLite's stock page cache (2 MB of decrypted pages; this SQLCipher build's default
        # is 8 MB): the desk reads whole tables, larger than either, so the bigger cache only
        # held 6 MB more of the window's memory once every page had read its data.
        cur.execute(f"PRAGMA cache_size=-{PAGE_CACHE_KIB}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        # Write transactions take the write lock at BEGIN: two processes (window and CLI sync)
        # then wait for each other instead of failing with SQLITE_BUSY on lock upgrade.
        immediate = conn.get_execution_options().get("immediate", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine
