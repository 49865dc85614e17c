"""Bounds of free-text and list fields, checked alike by the desk (before an edit is saved)
and by the server (whatever a desk sends): an edit the desk accepts is never refused later
for its size or shape."""

from __future__ import annotations

import datetime as dt

from .errors import ValidationError

MAX_NOTES = 20_000
MAX_RATIONALE = 5_000
MAX_REASON = 2_000
MAX_ROOM = 80
MAX_PANEL = 20
MAX_STARTS_AT = 32


def check_text(value: object, limit: int, what: str) -> str:
    if not isinstance(value, str) or len(value) > limit:
        raise ValidationError(f"{what} is text of at most {limit:,} characters")
    if "\x00" in value:
        raise ValidationError(f"{what} holds a NUL character")
    return value


def check_starts_at(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > MAX_STARTS_AT:
        raise ValidationError("the interview time is an ISO-8601 date and time")
    try:
        dt.datetime.fromisoformat(value)
    except ValueError:
        raise ValidationError(f"'{value}' is not an ISO-8601 date and time") from None
    return value
