"""Planning types: the setup a mission is planned in, its candidates, and the plan itself.

All frozen dataclasses, Qt-free, shared by desk and server. Times are mission minutes
(see `timeline`). Constructors check shape (a panel of two assessors with a professor, a
break inside the day...); rules between appointments live in `rules`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from ..candidate import CandidateRecord
from ..enums import CandidateStatus, Role, Track
from ..errors import ValidationError
from .timeline import DAY, Interval, at, check_no_transition, fmt, zone

NEVER = -1
FOREVER = 10**12  # after any mission minute (year 9999 is ~5.3e9)


@dataclass(frozen=True)
class MissionDay:
    """One day of the mission: opening hours and breaks, in minutes from local midnight."""

    date: dt.date
    opens: int = 9 * 60
    closes: int = 18 * 60
    breaks: tuple[tuple[int, int], ...] = ()

    def __post_init__(self) -> None:
        if not 0 <= self.opens < self.closes <= DAY:
            raise ValidationError(f"{self.date}: opening hours must run forward within the day")
        for start, end in self.breaks:
            if not self.opens <= start < end <= self.closes:
                raise ValidationError(f"{self.date}: a break must lie within the opening hours")

    @property
    def hours(self) -> Interval:
        return Interval(at(self.date, self.opens), at(self.date, self.closes))

    def open_spans(self) -> list[Interval]:
        """The opening hours minus the breaks, in order."""
        return list(self._open_spans)

    @cached_property
    def _open_spans(self) -> tuple[Interval, ...]:
        spans, cursor = [], self.opens
        for start, end in sorted(self.breaks):
            if start > cursor:
                spans.append(Interval(at(self.date, cursor), at(self.date, start)))
            cursor = max(cursor, end)
        if cursor < self.closes:
            spans.append(Interval(at(self.date, cursor), at(self.date, self.closes)))
        return tuple(spans)

    def holds(self, span: Interval) -> bool:
        """True when ``span`` lies within the opening hours and outside the breaks."""
        return any(s.start <= span.start and span.end <= s.end for s in self._open_spans)


@dataclass(frozen=True)
class Room:
    name: str
    capacity: int = 1

    def __post_init__(self) -> None:
        if not self.name.strip() or len(self.name) > 80:
            raise ValidationError("a room needs a name of at most 80 characters")
        if self.capacity < 1:
            raise ValidationError(f"room {self.name}: capacity must be at least 1")


@dataclass(frozen=True)
class PlanAssessor:
    id: str
    name: str
    role: Role
    is_chair: bool = False


@dataclass(frozen=True)
class Panel:
    """A panel's membership over ``[since, until)``; a change of members makes a new term
    with the same id (`changes.PanelChange`)."""

    id: str
    members: tuple[str, ...]
    room: str = ""  # preferred room; any free room is used when it is taken
    since: int = NEVER
    until: int = FOREVER

    @property
    def term(self) -> Interval:
        return Interval(self.since, self.until)


@dataclass(frozen=True)
class Sitting:
    """A written-test sitting: every seated candidate sits all its subjects."""

    id: str
    start: int
    duration: int
    room: str
    subjects: tuple[str, ...]
    invigilators: tuple[str, ...] = ()
    capacity: int = 0  # 0: the room's capacity

    def __post_init__(self) -> None:
        if self.duration <= 0 or not self.subjects or self.capacity < 0:
            raise ValidationError(f"sitting {self.id}: needs a duration and subjects")

    @cached_property
    def span(self) -> Interval:
        return Interval(self.start, self.start + self.duration)


@dataclass(frozen=True)
class Closure:
    """A room or an assessor that cannot be used during ``span`` (lost room, ill member)."""

    who: str
    span: Interval


@dataclass(frozen=True)
class Setup:
    """What a mission is planned in. ``subjects`` are those every free mover sits."""

    timezone: str
    days: tuple[MissionDay, ...]
    rooms: tuple[Room, ...]
    assessors: tuple[PlanAssessor, ...]
    panels: tuple[Panel, ...]
    slot_minutes: int = 30
    sittings: tuple[Sitting, ...] = ()
    subjects: tuple[str, ...] = ()
    room_closures: tuple[Closure, ...] = ()
    absences: tuple[Closure, ...] = ()

    def __post_init__(self) -> None:
        tz = zone(self.timezone)
        if not 5 <= self.slot_minutes <= 240:
            raise ValidationError("the slot length is between 5 and 240 minutes")
        dates = [d.date for d in self.days]
        if len(set(dates)) != len(dates):
            raise ValidationError("a mission day is listed twice")
        for d in self.days:
            check_no_transition(d.hours, tz)
        _unique((r.name for r in self.rooms), "room")
        _unique((a.id for a in self.assessors), "assessor")
        _unique((s.id for s in self.sittings), "sitting")
        for p in self.panels:
            self.check_panel(p.id, p.members)
            if p.room and p.room not in self.room_names:
                raise ValidationError(f"panel {p.id}: no room named {p.room}")
        terms: dict[str, list[Panel]] = {}
        for p in self.panels:
            for other in terms.setdefault(p.id, []):
                if other.term.overlaps(p.term):
                    raise ValidationError(f"panel {p.id} has two memberships at once")
            terms[p.id].append(p)
        for s in self.sittings:
            if s.room not in self.room_names:
                raise ValidationError(f"sitting {s.id}: no room named {s.room}")
            if unknown := [i for i in s.invigilators if i not in self.roles]:
                raise ValidationError(f"sitting {s.id}: unknown invigilator {unknown[0]}")

    def check_panel(self, panel_id: str, members: tuple[str, ...]) -> None:
        """A panel is at least two distinct assessors, at least one a professor (the chair
        may sit on one)."""
        if unknown := [m for m in members if m not in self.roles]:
            raise ValidationError(f"panel {panel_id}: unknown assessor {unknown[0]}")
        if len(set(members)) != len(members) or len(members) < 2:
            raise ValidationError(f"panel {panel_id}: at least two different assessors")
        if not any(self.roles[m] == Role.PROFESSOR for m in members):
            raise ValidationError(f"panel {panel_id}: at least one professor")

    @cached_property
    def roles(self) -> dict[str, Role]:
        return {a.id: a.role for a in self.assessors}

    @cached_property
    def room_names(self) -> dict[str, Room]:
        return {r.name: r for r in self.rooms}

    @cached_property
    def sitting_by_id(self) -> dict[str, Sitting]:
        return {s.id: s for s in self.sittings}

    def panel_at(self, panel_id: str, minute: int) -> Panel | None:
        for p in self.panels:
            if p.id == panel_id and p.since <= minute < p.until:
                return p
        return None

    def panel_ids(self) -> list[str]:
        return list(dict.fromkeys(p.id for p in self.panels))

    def seats_in(self, sitting: Sitting) -> int:
        room = self.room_names[sitting.room].capacity
        return min(sitting.capacity, room) if sitting.capacity else room

    def day_at(self, minute: int) -> MissionDay | None:
        return self._days.get(minute // DAY)

    @cached_property
    def _days(self) -> dict[int, MissionDay]:
        return {d.date.toordinal(): d for d in self.days}


def _unique(names: Iterable[str], what: str) -> None:
    seen: set[str] = set()
    for n in names:
        if n in seen:
            raise ValidationError(f"{what} {n} is listed twice")
        seen.add(n)


@dataclass(frozen=True, slots=True)  # slotted: one per candidate, 10,000 in a large mission
class PlanCandidate:
    """What planning needs of a candidate. ``label`` is the application number (messages).
    ``active`` is false for a withdrawn candidate; ``not_before``: place no earlier (a
    no-show or a walk-in gets the next free slot from that minute)."""

    id: str
    label: str
    track: Track
    unavailable: tuple[Interval, ...] = ()
    active: bool = True
    not_before: int = NEVER

    @property
    def sits_written(self) -> bool:
        return self.track == Track.FREE_MOVER

    @classmethod
    def from_record(cls, cid: str, record: CandidateRecord,
                    unavailable: tuple[Interval, ...] = ()) -> PlanCandidate:
        """From the importer's record (``unavailable``: `parse_unavailable` of its column); a
        withdrawn candidate is not planned."""
        return cls(cid, record.application_number, record.track, unavailable,
                   record.status != CandidateStatus.WITHDRAWN)


@dataclass(frozen=True, slots=True)  # slotted: one per seated candidate and sitting
class Seat:
    """A candidate's seat at a sitting; ``script_code`` is given by `script_codes`."""

    candidate_id: str
    sitting_id: str
    seat: int
    script_code: str = ""


@dataclass(frozen=True)
class Interview:
    candidate_id: str
    start: int
    duration: int
    room: str
    panel_id: str
    members: tuple[str, ...]

    @cached_property
    def span(self) -> Interval:
        return Interval(self.start, self.start + self.duration)

    @property
    def place(self) -> tuple[int, int, str, str]:
        """What a move changes (not the members: a panel change keeps the candidate)."""
        return (self.start, self.duration, self.room, self.panel_id)

    def __str__(self) -> str:
        return f"{fmt(self.start)} {self.room} panel {self.panel_id}"


@dataclass(frozen=True)
class Plan:
    seats: tuple[Seat, ...] = ()
    interviews: tuple[Interview, ...] = ()

    @cached_property
    def _by_candidate(self) -> dict[str, Interview]:
        return {i.candidate_id: i for i in reversed(self.interviews)}

    def interview_of(self, candidate_id: str) -> Interview | None:
        return self._by_candidate.get(candidate_id)

    def seats_of(self, candidate_id: str) -> tuple[Seat, ...]:
        return tuple(s for s in self.seats if s.candidate_id == candidate_id)
