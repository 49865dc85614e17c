"""Engine and sessions: PostgreSQL through psycopg 3 in production, SQLite embedded default."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import Engine, create_engine, event, exc
from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)

ENV_URL = "MISSION_DESK_DATABASE_URL"
# A pooled connection idle longer than this is pinged before use (below).
PING_AFTER_IDLE = 1.0
APP = "mission-desk-server"


def default_url() -> str:
    path = Path(platformdirs.user_data_dir(APP, appauthor=False)) / "server.sqlite3"
    return f"sqlite:///{path}"


def resolve_url(url: str | None) -> str:
    return url or os.environ.get(ENV_URL) or default_url()


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def make_engine(url: str | None = None, **kwargs: Any) -> Engine:
    url = resolve_url(url)
    if url.startswith("sqlite"):
        return _sqlite_engine(url, **kwargs)
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    kwargs.setdefault("pool_size", 20)
    kwargs.setdefault("max_overflow", 40)
    engine = create_engine(url, **kwargs)
    if not kwargs.get("pool_pre_ping"):
        ping_idle_connections(engine)

    @event.listens_for(engine, "do_execute")
    def _plan_arrays_with_their_values(cursor: Any, statement: str, parameters: Any,
                                       _context: Any) -> bool | None:
        # psycopg prepares a statement it runs often, and PostgreSQL then plans it once for
        # any values. "column = ANY(:ids)" (server.among) planned without its ids compares
        # each row with every id, a cost that grows with the table until it is analysed
        # (seen: PostgreSQL's CPU per push doubled as a desk's pushes went on). Sent
        # unprepared, it is planned with its ids: an index probe or a hash per id.
        if ANY_ARRAY in statement:
            cursor.execute(statement, parameters, prepare=False)
            return True
        return None

    return engine


def ping_idle_connections(engine: Engine, idle: float = PING_AFTER_IDLE,
                           clock: Callable[[], float] = time.monotonic) -> None:
    """Ping a pooled connection before use only when it sat idle in the pool: one that served
    a request a moment ago is alive, and a ping per checkout was a round trip and a third of
    a millisecond of CPU, three times per push (issue 15). When a ping fails (PostgreSQL
    restarted) the whole pool is replaced before any request sees a dead connection. Said
    plainly: a restart under steady load, when no connection sat idle, fails the requests
    already on their way once (a push is retried; other requests answer 500 and the desk or
    the browser asks again), then the pool is renewed."""

    @event.listens_for(engine, "checkin")
    def _returned(_dbapi_conn: Any, record: Any) -> None:
        record.info["returned_at"] = clock()

    @event.listens_for(engine, "checkout")
    def _check(dbapi_conn: Any, record: Any, _proxy: Any) -> None:
        returned = record.info.get("returned_at")
        if returned is None or clock() - returned <= idle:
            return
        try:
            engine.dialect.do_ping(dbapi_conn)
        except engine.dialect.loaded_dbapi.Error as err:
            log.info("a pooled database connection was dead (%s): the pool is renewed", err)
            # The pool discards every connection older than now and checks out a new one.
            raise exc.InvalidatePoolError(str(err)) from err


# How SQLAlchemy renders server.among's test on PostgreSQL.
ANY_ARRAY = " = ANY ("


def _sqlite_engine(url: str, **kwargs: Any) -> Engine:
    path = url.split("///", 1)[1] if "///" in url else ""
    if path and path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 60},
                           **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Take transactions into our hands so every one starts with BEGIN IMMEDIATE: SQLite
        # has one writer, and a deferred read that later writes could fail with "busy".
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA busy_timeout=60000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False, autoflush=False)
