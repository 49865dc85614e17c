"""The optional ``unavailable`` import column: when a candidate declared they cannot come.

Form: items separated by ';', each a whole day ``YYYY-MM-DD`` or a span of one day
``YYYY-MM-DD HH:MM-HH:MM`` (local time of the mission; ``24:00`` ends the day), e.g.
``2027-03-02 09:00-12:00; 2027-03-03``. Errors name the item and what is wrong with it.
"""

from __future__ import annotations

import datetime as dt
import re

from ..errors import ValidationError
from .timeline import DAY, Interval, at, minute_of_day

_ITEM = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:\s+(\S+?)\s*-\s*(\S+))?$")
MAX_ITEMS = 50


def parse_unavailable(text: str | None) -> tuple[Interval, ...]:
    """Parse the column into sorted, merged intervals; an empty cell is no constraint."""
    if text is None or not text.strip():
        return ()
    items = [part.strip() for part in text.split(";")]
    if len(items) > MAX_ITEMS:
        raise ValidationError(f"unavailable times: at most {MAX_ITEMS} items")
    spans = []
    for n, item in enumerate(items, 1):
        if not item:
            continue
        try:
            spans.append(_parse_item(item))
        except ValidationError as e:
            raise ValidationError(f"unavailable times, item {n} '{item}': {e}") from None
    return merge(spans)


def _parse_item(item: str) -> Interval:
    m = _ITEM.match(item)
    if not m:
        raise ValidationError("write YYYY-MM-DD or YYYY-MM-DD HH:MM-HH:MM")
    try:
        day = dt.date.fromisoformat(m.group(1))
    except ValueError:
        raise ValidationError(f"{m.group(1)} is not a date") from None
    if m.group(2) is None:
        return Interval(at(day, 0), at(day, DAY))
    start, end = minute_of_day(m.group(2)), minute_of_day(m.group(3))
    if end <= start:
        raise ValidationError(f"{m.group(3)} is not after {m.group(2)}")
    return Interval(at(day, start), at(day, end))


def merge(spans: list[Interval]) -> tuple[Interval, ...]:
    """Sorted, with overlapping or touching spans joined."""
    out: list[Interval] = []
    for s in sorted(spans):
        if out and s.start <= out[-1].end:
            if s.end > out[-1].end:
                out[-1] = Interval(out[-1].start, s.end)
        else:
            out.append(s)
    return tuple(out)


def format_unavailable(spans: tuple[Interval, ...]) -> str:
    """The column's text for these spans (export, round trip)."""
    parts = []
    for span in spans:
        start = span.start
        while start < span.end:  # one item per day: the column has no multi-day form
            end = min(span.end, (start // DAY + 1) * DAY)
            if start % DAY == 0 and end - start == DAY:
                parts.append(dt.date.fromordinal(start // DAY).isoformat())
            else:
                parts.append(str(Interval(start, end)))
            start = end
    return "; ".join(parts)
