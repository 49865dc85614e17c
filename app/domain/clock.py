"""Hybrid logical clock: timestamps that order a client's edits even if its clock jumps."""

from __future__ import annotations

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
