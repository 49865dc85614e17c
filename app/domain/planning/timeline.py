"""The planning time line: integer minutes on the mission's local wall clock.

A *mission minute* is ``date.toordinal() * 1440 + minutes since local midnight``, read on the
wall clock of the mission's time zone. Integers keep the scheduler's arithmetic exact and cheap;
`to_datetime` / `from_datetime` convert at the edges (export with an offset, calendars).
Wall-clock order equals real order wherever appointments live, because a mission day's opening
hours may not contain a daylight-saving change (`check_no_transition`, checked by the setup).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..errors import ValidationError

DAY = 1440
_HHMM = re.compile(r"^([01]?\d|2[0-4]):([0-5]\d)$")


@dataclass(frozen=True, order=True, slots=True)
class Interval:
    """Half-open span ``[start, end)`` of mission minutes."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise ValidationError(f"{fmt(self.end)} is not after {fmt(self.start)}")

    def overlaps(self, other: Interval) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Interval) -> bool:
        return self.start <= other.start and other.end <= self.end

    def __str__(self) -> str:
        same_day = self.start // DAY == (self.end - 1) // DAY
        end = fmt(self.end) if not same_day else "24:00" if self.end % DAY == 0 else fmt(
            self.end)[11:]
        return f"{fmt(self.start)}-{end}"


def minute_of_day(text: str) -> int:
    """'09:30' -> 570; '24:00' is accepted as the end of a day."""
    m = _HHMM.match(text.strip())
    if not m or (m.group(1) == "24" and m.group(2) != "00"):
        raise ValidationError(f"'{text}' is not a time of day (HH:MM)")
    return int(m.group(1)) * 60 + int(m.group(2))


def at(day: dt.date, hhmm: str | int) -> int:
    """The mission minute of a local date and time of day ('HH:MM' or minutes)."""
    minutes = minute_of_day(hhmm) if isinstance(hhmm, str) else hhmm
    return day.toordinal() * DAY + minutes


def day_of(minute: int) -> dt.date:
    return dt.date.fromordinal(minute // DAY)


def fmt(minute: int) -> str:
    """'2027-03-02 09:00' (local wall clock)."""
    m = minute % DAY
    return f"{day_of(minute).isoformat()} {m // 60:02d}:{m % 60:02d}"


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationError(f"'{name}' is not a time zone (e.g. Asia/Kolkata)") from None


def to_datetime(minute: int, tz: ZoneInfo) -> dt.datetime:
    """The aware datetime of a mission minute (for export with an offset, .ics files)."""
    naive = dt.datetime.combine(day_of(minute), dt.time()) + dt.timedelta(minutes=minute % DAY)
    return naive.replace(tzinfo=tz)


def from_datetime(value: dt.datetime, tz: ZoneInfo) -> int:
    """The mission minute of a datetime; a naive one is read as local time already."""
    if value.tzinfo is not None:
        value = value.astimezone(tz)
    return value.date().toordinal() * DAY + value.hour * 60 + value.minute


def check_no_transition(span: Interval, tz: ZoneInfo) -> None:
    """Refuse opening hours that contain a daylight-saving change: within them, wall-clock
    minutes must be real minutes."""
    first, last = to_datetime(span.start, tz), to_datetime(span.end, tz)
    if first.utcoffset() != last.utcoffset():
        raise ValidationError(
            f"the clocks change in {tz.key} during {span}: split the day around the change")
