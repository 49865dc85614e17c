"""Many rows into one table at once: a push writes hundreds of rows (its new rows, their audit
entries, its outcomes), and how they reach the database was a third of its cost (issue 15).

On PostgreSQL the rows go through one ``COPY ... FROM STDIN``: psycopg formats them in C and
the server inserts them without a statement execution per row, where an executemany costs
about three times the client CPU and runs the INSERT once per row. The stored rows are the
ones the executemany wrote: the same Python-side column defaults, JSON serialised the same
way (None as JSON null, as SQLAlchemy's JSON type stores it), the same triggers, constraints
and indexes, in the caller's transaction. Elsewhere (SQLite) it is a Core executemany.

The COPY is announced to the engine's ``before_cursor_execute`` listeners like any statement,
so that statement counts and logs see it.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Mapping, Sequence
from json.encoder import encode_basestring_ascii  # type: ignore[attr-defined]
from operator import itemgetter
from typing import Any

from sqlalchemy import JSON, Column, Dialect, Table, insert
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session


def insert_rows(s: Session, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert ``rows`` (mappings with the same keys) into ``table``, in order."""
    if not rows:
        return
    conn = s.connection()
    if conn.dialect.name != "postgresql":
        s.execute(insert(table), list(rows))
        return
    keys = tuple(rows[0])
    sql, defaults, serialize, json_at = _copy_plan(conn.dialect, table, keys)
    plain = not json_at
    raw = conn.connection.dbapi_connection
    assert raw is not None
    dbapi_error = conn.dialect.loaded_dbapi.Error
    with raw.cursor() as cursor:
        for listener in conn.dispatch.before_cursor_execute:
            listener(conn, cursor, sql, rows, None, True)
        try:
            with cursor.copy(sql) as copy:
                write = copy.write_row
                # the row's values in column order, read in C (a per-key loop per row was a
                # fifth of the insert)
                pick = itemgetter(*keys) if len(keys) > 1 else (lambda r: (r[keys[0]],))
                for row in rows:
                    values = pick(row)
                    if defaults:
                        values += tuple(column_default(c) for c in defaults)
                    if not plain:
                        values = list(values)
                        for i in json_at:
                            values[i] = serialize(values[i])
                    write(values)
        except dbapi_error as exc:
            # Raised as SQLAlchemy raises a statement's error (IntegrityError...): the
            # push's retry on a race reads it the same way.
            raise DBAPIError.instance(sql, None, exc, dbapi_error,
                                      dialect=conn.dialect) from exc


@functools.lru_cache(maxsize=256)
def _copy_plan(dialect: Dialect, table: Table, keys: tuple[str, ...]
               ) -> tuple[str, tuple[Column[Any], ...], Callable[[Any], str], tuple[int, ...]]:
    """The COPY statement for rows with ``keys``, the columns filled with their Python-side
    default (left out of the rows, as an executemany fills them), the JSON serializer and
    the positions of the JSON columns: the same for every push (built per push, a tenth of
    the insert)."""
    defaults = tuple(c for c in table.columns if c.key not in keys and c.default is not None)
    serialize = getattr(dialect, "_json_serializer", None) or _json_text
    cols = [table.columns[k] for k in keys] + list(defaults)
    prep = dialect.identifier_preparer
    sql = (f"COPY {prep.format_table(table)} ({', '.join(prep.quote(c.name) for c in cols)}) "
           "FROM STDIN")
    json_at = tuple(i for i, c in enumerate(cols) if isinstance(c.type, JSON))
    return sql, defaults, serialize, json_at


def _json_text(value: Any) -> str:
    """``json.dumps(value)``, without its call for the plain values most columns hold (an
    audit entry's old and new values: a tenth of a push went to json.dumps)."""
    kind = type(value)
    if kind is str:
        return encode_basestring_ascii(value)  # what json.dumps does for a str
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return int.__repr__(value)
    return json.dumps(value)


def column_default(col: Column[Any]) -> Any:
    """The value the column's Python-side default gives a new row (as a flush would)."""
    arg = col.default.arg  # type: ignore[union-attr]
    return arg(None) if col.default.is_callable else arg  # type: ignore[union-attr]

