"""Who is busy when: per key ('c:' candidate, 'a:' assessor, 'r:' room, 'p:' panel), the
sorted, disjoint spans booked so far, with an overlap test in O(log n)."""

from __future__ import annotations

from bisect import bisect_left, insort


class Busy:
    def __init__(self) -> None:
        self._spans: dict[str, list[tuple[int, int]]] = {}

    def is_free(self, key: str, start: int, end: int) -> bool:
        spans = self._spans.get(key)
        if not spans:
            return True
        i = bisect_left(spans, (end,))  # first span starting at or after ``end``
        return i == 0 or spans[i - 1][1] <= start

    def add(self, key: str, start: int, end: int) -> None:
        """Book a span; one overlapping what is booked (a frozen appointment, a declared
        absence) is merged, so that the spans stay disjoint."""
        spans = self._spans.setdefault(key, [])
        if self.is_free(key, start, end):
            insort(spans, (start, end))
            return
        lo = bisect_left(spans, (start,))
        if lo and spans[lo - 1][1] > start:
            lo -= 1
        hi = bisect_left(spans, (end,))
        start, end = min(start, spans[lo][0]), max(end, spans[hi - 1][1])
        spans[lo:hi] = [(start, end)]

    def remove(self, key: str, start: int, end: int) -> None:
        """Unbook a span booked free (never merged): the scheduler's own placements."""
        self._spans[key].remove((start, end))
