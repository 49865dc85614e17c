"""Column types that keep values exact across SQLite and the wire."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import String
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator


class UtcDateTime(TypeDecorator[dt.datetime]):
    """An aware UTC datetime stored as ISO-8601 text (sortable, readable in any tool)."""

    impl = String(32)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: use an aware UTC datetime")
        return utc_text(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        return None if value is None else dt.datetime.fromisoformat(value)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def utc_text(value: dt.datetime | None = None) -> str:
    """A moment as UtcDateTime stores it (now by default), for statements that bypass the
    type: the edits' prepared statements (app.store.outbox)."""
    return (value or utcnow()).astimezone(dt.UTC).isoformat(timespec="microseconds")
