"""An edit's transaction and row statements at the DB-API level (issue 15).

The frequent edits (a mark, a check-in, a scorecard's levels and notes) read the row they
change with one prepared SELECT and write it with one prepared INSERT or UPDATE, beside the
outbox mutation and audit entries (app.store.outbox), in one ``BEGIN IMMEDIATE`` ... ``COMMIT``
on a pooled connection: the same durability as ``Store.write`` (WAL, synchronous=FULL, one
fsync'd transaction per edit), without a Session's unit of work, identity map and events,
which cost several times the commit itself. The values written are the ones the ORM wrote:
JSON columns as ``json.dumps`` text, times as UtcDateTime text, the models' own defaults.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from sqlalchemy import JSON, Engine, Table

from app.domain.clock import HybridClock

from .models import Base
from .outbox import QueuedMutation, changed_fields, queue_change
from .types import utc_text

_TABLES: dict[str, Table] = dict(Base.metadata.tables)  # type: ignore[arg-type]
_JSON_COLUMNS = {name: frozenset(c.name for c in t.c if isinstance(c.type, JSON))
                 for name, t in _TABLES.items()}


@contextmanager
def edit_transaction(engine: Engine) -> Iterator[Any]:
    """One write transaction on a DB-API cursor: committed (fsync'd) when the block exits
    cleanly, rolled back whole otherwise. The connection comes from the engine's pool, so it
    carries the key and the WAL/FULL/foreign-keys pragmas (app.store.engine)."""
    pooled = engine.raw_connection()
    try:
        conn = pooled.driver_connection
        assert conn is not None
        cursor = conn.cursor()
        # The write lock at BEGIN, as Store.write: two processes wait instead of failing.
        cursor.execute("BEGIN IMMEDIATE")
        try:
            yield cursor
            cursor.execute("COMMIT")
        except BaseException:
            conn.rollback()
            raise
    finally:
        pooled.close()


def _encode(table: str, field: str, value: Any) -> Any:
    if field in _JSON_COLUMNS[table]:
        return json.dumps(value)
    if isinstance(value, dt.datetime):
        return utc_text(value)
    return value


def _column(table: str, field: str) -> str:
    if field not in _TABLES[table].c:  # names come from code, never from input: a slip
        raise KeyError(f"{table} has no column {field}")
    return field


def insert_row(cursor: Any, table: str, values: Mapping[str, Any]) -> None:
    """A new row with ``values`` and the model's Python-side defaults for the rest."""
    row = dict(values)
    for column in _TABLES[table].c:
        if column.name not in row and column.default is not None:
            default = column.default
            row[column.name] = (default.arg(None) if default.is_callable  # type: ignore[attr-defined]
                                else default.arg)  # type: ignore[attr-defined]
    names = [_column(table, f) for f in row]
    cursor.execute(f"INSERT INTO {table} ({', '.join(names)}) "
                   f"VALUES ({', '.join('?' * len(names))})",
                   [_encode(table, f, row[f]) for f in names])


def update_row(cursor: Any, table: str, row_id: str, changed: Mapping[str, Any]) -> None:
    """Set ``changed`` on a row, and its updated_at (the models' onupdate)."""
    names = [_column(table, f) for f in changed]
    cursor.execute(f"UPDATE {table} SET {', '.join(f + ' = ?' for f in names)}, "
                   "updated_at = ? WHERE id = ?",
                   [*(_encode(table, f, changed[f]) for f in names), utc_text(), row_id])


def write_change(
    cursor: Any,
    clock: HybridClock,
    actor_id: str,
    entity: str,
    row_id: str,
    current: Mapping[str, Any],
    versions: Mapping[str, Any] | None,
    changes: Mapping[str, Any],
    *,
    identity: Mapping[str, Any] | None = None,
    reason: str = "",
    force: Collection[str] = (),
    also: Mapping[str, Any] | None = None,
) -> QueuedMutation | None:
    """record_change for a row read by a prepared SELECT: ``current`` holds its values of
    the changed fields, ``versions`` its per-field versions. With ``identity`` the row is
    new: inserted with its identity, ``current`` (its blank values) and the changes.
    ``also``: local columns written with the row when it is written, neither queued nor
    audited (a decision's decided_by)."""
    changed = changed_fields(current, changes, force)
    if identity is not None:
        insert_row(cursor, entity, {"id": row_id, **identity, **current, **changed,
                                    **(also or {})})
    elif not changed:
        return None
    else:
        update_row(cursor, entity, row_id, {**changed, **(also or {})})
    return queue_change(cursor, clock, actor_id, entity, row_id, current, changed, versions,
                        identity=identity, reason=reason)


def loads(text: str | None) -> Any:
    """A JSON column's value as the ORM reads it."""
    return None if text is None else json.loads(text)
