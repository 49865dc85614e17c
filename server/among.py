"""``column IN (values)`` for a push's batched reads, written for the database at hand.

A push asks for hundreds of ids at once (issue 15). Written as ``IN (:p1, :p2, ...)`` the
statement is rendered anew for every list length, parsed again by psycopg and planned again by
PostgreSQL: about 2 ms for 200 ids, a third of a push's reads. On PostgreSQL the ids travel as
one array parameter, ``column = ANY(:ids)``: one statement text whatever the count. SQLite has
no arrays: there it stays IN.

On a large table either form is an index probe per id. PostgreSQL's plan cache (generic
plans for a statement psycopg prepared) is left as it is: forcing a plan per execution cost
PostgreSQL more CPU than it saved (measured in bench/bench_server.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, any_, bindparam
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session


def among(s: Session, column: Any, values: Iterable[Any]) -> ColumnElement[bool]:
    """``column`` is one of ``values``."""
    items = list(values)
    if s.get_bind().dialect.name == "postgresql":
        ids = bindparam(None, items, type_=ARRAY(column.type))
        return column == any_(ids)  # type: ignore[no-any-return]
    return column.in_(items)  # type: ignore[no-any-return]
