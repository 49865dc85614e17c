"""``column IN (values)`` for a push's batched reads, written for the database at hand.

A push asks for hundreds of ids at once (issue 15). Written as ``IN (:p1, :p2, ...)`` the
statement is rendered anew for every list length, parsed again by psycopg and planned again by
PostgreSQL: about 2 ms for 200 ids, a third of a push's reads. On PostgreSQL the ids travel as
one array parameter, ``column = ANY(:ids)``: one statement text whatever the count. SQLite has
no arrays: there it stays IN.

On a large table either form is an index probe per id. PostgreSQL's plan cache (generic
plans for a statement psycopg prepared) is left as it is: forcing a plan per execution cost
PostgreSQL more CPU than it saved (measured in bench/bench_server.py).

The array travels as its text form (``'{"a","b"}'``): psycopg builds
a list parameter element by element in Python, ~1.5 us per id, 0.3 ms for 200 ids and some
2 ms of a push's CPU over its reads; the text is joined at C speed (issue 15).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, Dialect, TypeDecorator, any_, bindparam
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session


def among(s: Session, column: Any, values: Iterable[Any]) -> ColumnElement[bool]:
    """``column`` is one of ``values``."""
    dialect = s.get_bind().dialect.name
    if dialect == "postgresql":
        ids = bindparam(None, among_value(dialect, values), type_=_array_text_type(column.type))
        return column == any_(ids)  # type: ignore[no-any-return]
    return column.in_(list(values))  # type: ignore[no-any-return]


def among_param(dialect: str, column: Any, name: str) -> ColumnElement[bool]:
    """``column`` is one of the values bound later under ``name`` (``among_value``): for a
    statement built once and run with each push's values, since building a statement cost
    more than PostgreSQL's answer to it (issue 15)."""
    if dialect == "postgresql":
        return column == any_(bindparam(name, type_=_array_text_type(column.type)))  # type: ignore[no-any-return]
    return column.in_(bindparam(name, expanding=True))  # type: ignore[no-any-return]


def among_value(dialect: str, values: Iterable[Any]) -> Any:
    """The value bound for an ``among_param`` (or by ``among``): on PostgreSQL the array's
    text (str or int values), or the list for psycopg to send as an array (anything else);
    the list elsewhere."""
    items = list(values)
    if dialect != "postgresql":
        return items
    items = _storable(items)
    text = array_text(items)
    return items if text is None else text


def _storable(items: list[Any]) -> list[Any]:
    """``items`` without the texts holding NUL: PostgreSQL stores none (so none matches), and
    refuses the whole statement that sends one. A hostile desk's value is read before the
    rule refusing NUL runs (the push's prefetch): it failed the push instead of the one
    mutation."""
    if any(type(v) is str for v in items) and "\x00" in "".join(
            v for v in items if type(v) is str):
        return [v for v in items if not (type(v) is str and "\x00" in v)]
    return items


class _ArrayText(TypeDecorator[Any]):
    """An array parameter sent as its text, typed in the statement (``:ids::VARCHAR(36)[]``):
    PostgreSQL reads it as the array's constant when it binds the parameter. Cast in the
    statement instead (``CAST(:text AS ...)``), it was an expression evaluated again for each
    row a scan met (seen: 270 ms of PostgreSQL's CPU per push)."""

    impl = ARRAY
    cache_ok = True

    def __init__(self, item_type: Any) -> None:
        super().__init__(item_type)
        # named as the argument: SQLAlchemy's cache key reads it (VARCHAR(36)[] and BIGINT[]
        # must not share a compiled statement)
        self.item_type = item_type

    def bind_processor(self, dialect: Dialect) -> None:
        return None  # the text as it is (ARRAY's own would walk it as a sequence)


_TYPES: dict[Any, _ArrayText] = {}


def _array_text_type(item_type: Any) -> _ArrayText:
    """One _ArrayText per column type (the model's columns live as long as the process)."""
    found = _TYPES.get(item_type)
    if found is None:
        found = _TYPES[item_type] = _ArrayText(item_type)
    return found


def array_text(items: list[Any]) -> str | None:
    """PostgreSQL's text form of a one-dimensional array of ``items``, all str or all int
    (None for anything else: bound as a list). Every str is quoted, so that commas, braces,
    spaces, an empty string or the word NULL stay the text they are; inside the quotes only
    a backslash and a double quote are escaped (PostgreSQL's array input syntax)."""
    if all(type(v) is str for v in items):
        if not items:
            return "{}"
        plain = "".join(items)
        if "\\" in plain or '"' in plain:
            items = [v.replace("\\", "\\\\").replace('"', '\\"') for v in items]
        return '{"' + '","'.join(items) + '"}'
    if all(type(v) is int for v in items):
        return "{" + ",".join(map(str, items)) + "}"
    return None
