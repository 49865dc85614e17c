"""Bounds of free-text and list fields, checked alike by the desk (before an edit is saved)
and by the server (whatever a desk sends): an edit the desk accepts is never refused later
for its size or shape."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from .errors import ValidationError

MAX_NOTES = 20_000
MAX_RATIONALE = 5_000
MAX_REASON = 2_000
MAX_ROOM = 80
MAX_PANEL = 20
MAX_STARTS_AT = 32
MAX_STAMP = 64
# Programme wishes of a candidate: how many, and the length of each (a programme's code or
# name, as the platform exports it).
MAX_WISHES = 10
MAX_WISH = 200
# A mark as typed ("12.75", "abs"): anything longer is not a mark.
MAX_MARK_TEXT = 16
# Nesting of any JSON value a client sends: the deepest legitimate one (levels inside
# fields inside a mutation inside a request) is five levels down.
MAX_DEPTH = 16


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


def check_stamp(value: object) -> str:
    """An edit's hybrid-clock stamp (``at``): printable text, no control character."""
    if (not isinstance(value, str) or not 0 < len(value) <= MAX_STAMP
            or not value.isprintable()):
        raise ValidationError(f"the edit's time stamp is printable text of at most {MAX_STAMP} "
                              "characters")
    return value


def check_depth(value: object, max_depth: int = MAX_DEPTH) -> None:
    """Refuse a JSON value nested deeper than ``max_depth``, as walking it with walk_values
    would, visiting only its containers (a request body is mostly scalars: walking every one
    of them cost four times the parsing)."""
    containers = (dict, list, tuple)
    if not isinstance(value, containers):
        return
    stack: list[tuple[object, int]] = [(value, 0)]  # containers only
    pop, push = stack.pop, stack.append
    while stack:
        item, depth = pop()
        children: Iterable[object] = (item.values() if isinstance(item, dict)
                                      else item)  # type: ignore[assignment]
        if not children:
            continue
        if depth >= max_depth:  # its keys or items lie deeper than allowed
            raise ValidationError(f"a value is nested more than {max_depth} levels deep")
        depth += 1
        for child in children:
            if isinstance(child, containers):
                push((child, depth))


def walk_values(value: object, max_depth: int = MAX_DEPTH) -> Iterator[object]:
    """Every value inside a JSON value (keys included), without recursion; a value nested
    deeper than ``max_depth`` is refused."""
    stack: list[tuple[object, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > max_depth:
            raise ValidationError(f"a value is nested more than {max_depth} levels deep")
        yield item
        if isinstance(item, dict):
            for k, v in item.items():
                stack.append((k, depth + 1))
                stack.append((v, depth + 1))
        elif isinstance(item, list | tuple):
            stack.extend((v, depth + 1) for v in item)
