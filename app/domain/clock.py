"""Hybrid logical clock: timestamps that order a client's edits even if its clock jumps."""

from __future__ import annotations

import datetime as dt
import threading
import time


class HybridClock:
    """Stamps as ``<wall ms, 13 digits>-<counter, 4 digits>-<node>``: lexical order is causal
    order for one node, and close to wall-clock order across nodes."""

    def __init__(self, node: str, last: str | None = None) -> None:
        self._node = node
        self._lock = threading.Lock()
        self._wall, self._count = (0, 0)
        if last:
            self.observe(last)

    def now(self) -> str:
        with self._lock:
            wall = int(time.time() * 1000)
            if wall > self._wall:
                self._wall, self._count = wall, 0
            else:
                self._count += 1
            return f"{self._wall:013d}-{self._count:04d}-{self._node}"

    def observe(self, stamp: str) -> None:
        """Move past a stamp seen elsewhere (or stored before a restart)."""
        try:
            wall_s, count_s, _ = stamp.split("-", 2)
            wall, count = int(wall_s), int(count_s)
        except ValueError:
            return
        with self._lock:
            if (wall, count) > (self._wall, self._count):
                self._wall, self._count = wall, count


def stamp_time(stamp: str) -> dt.datetime | None:
    """The desk's wall-clock time (aware, UTC) of a stamp, or None if it holds none.

    Reads this clock's form (``<ms>-<counter>-<node>``) and an ISO-8601 time in its place,
    which older desks and tests write."""
    wall, sep, _rest = stamp.partition("-")
    if sep and len(wall) == 13 and wall.isascii() and wall.isdigit():
        return dt.datetime.fromtimestamp(int(wall) / 1000, dt.UTC)
    parts = stamp.rsplit("-", 2)
    if len(parts) != 3:
        return None
    try:
        when = dt.datetime.fromisoformat(parts[0])
    except ValueError:
        return None
    return when.replace(tzinfo=dt.UTC) if when.tzinfo is None else when.astimezone(dt.UTC)
