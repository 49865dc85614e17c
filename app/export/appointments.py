"""A mission's appointments as aware datetimes in its time zone, read from plain rows.

The desk (from its store) and the server (from its tables) hand over the same plain rows:
interview rows (candidate_id, starts_at, room, panel, duration), seat rows (candidate_id,
sitting, seat, script_code) and the mission's `PlanningConfig` (the sittings' day, time, room,
subjects and invigilators). The timetable, the convocation list and the assessors' calendars
are built from the `Schedule` made here, so all three agree to the minute.

A stored ``starts_at`` with an offset is converted to the mission's zone; one without an
offset (the demo's, older packages) is already the mission's wall-clock time.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from app.domain.planning.config import PlanningConfig

log = logging.getLogger(__name__)

DEFAULT_SLOT_MINUTES = 30  # PlanningConfig's default, for a mission not planned yet


def zone_of(name: str) -> ZoneInfo:
    """The mission's zone; an unknown name reads as UTC (papers still print)."""
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        log.warning("unknown time zone %r: times are printed in UTC", name)
        return ZoneInfo("UTC")


def utc_offset(when: dt.datetime) -> str:
    """'+05:30' for India, '-03:00' for Brazil."""
    off = when.utcoffset() or dt.timedelta()
    sign = "-" if off < dt.timedelta() else "+"
    minutes = abs(int(off.total_seconds())) // 60
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def local_time(starts_at: str | None, tz: ZoneInfo) -> dt.datetime | None:
    """A stored interview time in the mission's zone; None if unset or unreadable."""
    if not starts_at:
        return None
    try:
        when = dt.datetime.fromisoformat(starts_at)
    except ValueError:
        log.warning("interview time %r is not ISO 8601: left out", starts_at)
        return None
    return when.astimezone(tz) if when.tzinfo is not None else when.replace(tzinfo=tz)


@dataclass(frozen=True)
class Appointment:
    """One candidate's interview or written-test sitting."""

    kind: str  # "interview" | "written"
    candidate_id: str
    start: dt.datetime  # aware, in the mission's zone
    end: dt.datetime
    room: str
    panel: tuple[str, ...] = ()  # assessor ids (interviews)
    sitting: str = ""  # the sitting's id (written)
    subjects: tuple[str, ...] = ()  # subject keys (written)
    seat: int | None = None
    script_code: str = ""


@dataclass(frozen=True)
class SittingTime:
    """A written-test sitting as a whole: what its room and invigilators hold."""

    id: str
    start: dt.datetime
    end: dt.datetime
    room: str
    subjects: tuple[str, ...]
    invigilators: tuple[str, ...]
    seated: int  # candidates with a seat in it


@dataclass
class Schedule:
    tz: ZoneInfo
    interviews: list[Appointment] = field(default_factory=list)
    written: list[Appointment] = field(default_factory=list)
    sittings: list[SittingTime] = field(default_factory=list)

    def written_of(self) -> dict[str, list[Appointment]]:
        """candidate id -> their sittings in time order."""
        out: dict[str, list[Appointment]] = defaultdict(list)
        for a in self.written:
            out[a.candidate_id].append(a)
        return out

    def interview_of(self) -> dict[str, Appointment]:
        return {a.candidate_id: a for a in self.interviews}


def _get(row: Mapping[str, Any] | Any, key: str, default: Any = None) -> Any:
    if isinstance(row, Mapping):
        return row.get(key, default)
    return getattr(row, key, default)


def build_schedule(timezone: str, planning: PlanningConfig | None,
                   interviews: Iterable[Mapping[str, Any] | Any],
                   seats: Iterable[Mapping[str, Any] | Any] = ()) -> Schedule:
    """The schedule of a mission from its interview and seat rows (mappings or objects with
    those attributes). Rows without a time, or seats of a sitting the configuration does not
    hold, are left out (logged)."""
    tz = zone_of(timezone)
    slot = planning.slot_minutes if planning is not None else DEFAULT_SLOT_MINUTES
    out = Schedule(tz)
    for row in interviews:
        start = local_time(_get(row, "starts_at"), tz)
        if start is None:
            continue
        minutes = int(_get(row, "duration", 0) or 0) or slot
        out.interviews.append(Appointment(
            "interview", _get(row, "candidate_id"), start,
            start + dt.timedelta(minutes=minutes), _get(row, "room", "") or "",
            panel=tuple(_get(row, "panel", ()) or ())))
    sittings = {s.id: s for s in planning.sittings} if planning is not None else {}
    seated: dict[str, int] = defaultdict(int)
    for row in seats:
        s = sittings.get(_get(row, "sitting", ""))
        if s is None:
            log.warning("seat of candidate %s names no sitting of the mission: %r",
                        _get(row, "candidate_id"), _get(row, "sitting"))
            continue
        start = _sitting_start(s.date, s.start, tz)
        seated[s.id] += 1
        out.written.append(Appointment(
            "written", _get(row, "candidate_id"), start,
            start + dt.timedelta(minutes=s.duration), s.room, sitting=s.id,
            subjects=tuple(s.subjects), seat=_get(row, "seat"),
            script_code=_get(row, "script_code", "") or ""))
    for s in sittings.values():
        start = _sitting_start(s.date, s.start, tz)
        out.sittings.append(SittingTime(s.id, start, start + dt.timedelta(minutes=s.duration),
                                        s.room, tuple(s.subjects), tuple(s.invigilators),
                                        seated[s.id]))
    out.interviews.sort(key=lambda a: (a.start, a.room, a.candidate_id))
    out.written.sort(key=lambda a: (a.start, a.room, a.seat or 0, a.candidate_id))
    out.sittings.sort(key=lambda s: (s.start, s.room, s.id))
    return out


def _sitting_start(day: dt.date, hhmm: str, tz: ZoneInfo) -> dt.datetime:
    hour, _, minute = hhmm.partition(":")
    return dt.datetime.combine(day, dt.time(), tzinfo=tz) + dt.timedelta(
        hours=int(hour), minutes=int(minute or 0))
