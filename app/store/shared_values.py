"""Values read over and over by one large read (a subject, an author's id, a status on every
row of 10,000) held once: ``one = shared_values()``, then ``one(v)`` gives the first value
equal to ``v`` that ``one`` was given. The table lives as long as the read keeps ``one``; what
the read returns keeps only the values themselves (issue 15, the desk's memory budget)."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

T = TypeVar("T", bound=Hashable)

Shared = Callable[[T], T]


def shared_values() -> Shared:
    seen: dict[object, object] = {}

    def one(value: T) -> T:
        return seen.setdefault(value, value)  # type: ignore[return-value]
    return one
