"""The Plan page's state: the mission's plan as the scheduler sees it, and the edits that
turn the stored plan into a re-planned one.

The setup comes from ``MissionConfig.planning``. A mission planned before that existed (the
demo, a timetable typed in by hand) has its setup derived from its interview rows: their days,
rooms and panels. Panel changes made in the field live on the interview rows (their members);
they are read back as panel terms, so a later re-plan keeps them.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.domain.enums import CandidateStatus, Role, Track
from app.domain.errors import ValidationError
from app.domain.mission import MissionConfig
from app.domain.planning import (
    Interview,
    MissionDay,
    Panel,
    PanelChange,
    Plan,
    PlanAssessor,
    PlanCandidate,
    Room,
    Seat,
    Setup,
    parse_unavailable,
)
from app.domain.planning.changes import apply_changes
from app.domain.planning.config import PlanningConfig
from app.domain.planning.timeline import DAY, from_datetime, to_datetime, zone

from .models import Assessor, Candidate, Mission, Scorecard
from .models import Interview as InterviewRow
from .models import Seat as SeatRow
from .queries_marks import display_name
from .shared_values import shared_values

log = logging.getLogger(__name__)

# A mission without a planning configuration: its slot length is PlanningConfig's default.
DEFAULT_SLOT: int = PlanningConfig.model_fields["slot_minutes"].default


def interview_minutes(config: MissionConfig, duration: int) -> int:
    """How long an interview lasts: its own duration, else the mission's slot length."""
    if duration:
        return duration
    return config.planning.slot_minutes if config.planning is not None else DEFAULT_SLOT


@dataclass(frozen=True)
class PlanState:
    """Everything the Plan page shows and the scheduler needs, read in one go."""

    setup: Setup
    candidates: dict[str, PlanCandidate]
    plan: Plan
    names: dict[str, str]  # candidate id -> name
    labels: dict[str, str]  # candidate id -> application number
    assessors: dict[str, str]  # assessor id -> name
    frozen: frozenset[str]  # scored cards: their appointments never move
    derived: bool  # no planning configuration: the setup was read off the interview rows
    durations: dict[str, int] = field(default_factory=dict)  # stored minutes (0: the slot)

    @property
    def tz(self) -> ZoneInfo:
        return zone(self.setup.timezone)

    def now(self) -> int:
        """The mission minute of the present moment, on the mission's clock."""
        return from_datetime(dt.datetime.now(dt.UTC), self.tz)

    def iso(self, minute: int) -> str:
        """A mission minute as stored: ISO 8601 with the mission's offset."""
        return to_datetime(minute, self.tz).isoformat(timespec="minutes")


@dataclass(frozen=True)
class SlotEdit:
    """One interview row to write: ``starts_at`` None takes the candidate off the timetable."""

    candidate_id: str
    starts_at: str | None
    room: str
    panel: list[str]
    duration: int


@dataclass(frozen=True)
class SeatEdit:
    candidate_id: str
    sitting: str
    seat: int
    script_code: str


def load_plan_state(session: Session, mission_id: str) -> PlanState | None:
    """The mission's plan, or None when nothing can be planned (no setup and no interview)."""
    mission = session.get(Mission, mission_id)
    if mission is None:
        return None
    config = MissionConfig.model_validate(mission.config)
    tz = zone(mission.timezone or "UTC")
    assessors = [PlanAssessor(a.id, a.name, Role(a.role), a.is_chair) for a in session.scalars(
        select(Assessor).where(Assessor.mission_id == mission_id).order_by(Assessor.name))]
    # The needed columns only, streamed from Core results (the ORM's are buffered whole):
    # whole ORM rows for 10,000 candidates (every column, their identity map and state) cost
    # tens of MB while read, and what is kept, born among them, pins that memory. Ids read
    # from other tables are replaced with the candidate's (or assessor's) own string, so each
    # id (and room, sitting) is held once.
    one = shared_values()
    for a in assessors:
        one(a.id)
    candidates: dict[str, PlanCandidate] = {}
    names: dict[str, str] = {}
    labels: dict[str, str] = {}
    for cid, number, family, given, track, status, unavailable_text in (
            session.connection().execute(select(
                Candidate.id, Candidate.application_number, Candidate.family_name,
                Candidate.given_names, Candidate.track, Candidate.status, Candidate.unavailable,
            ).where(Candidate.mission_id == mission_id))):
        cid = one(cid)
        try:
            unavailable = parse_unavailable(unavailable_text)
        except ValidationError:
            unavailable = ()
        # A withdrawn candidate's interview is not on the plan (their slot is free); the row
        # stays as it is, so a re-plan never writes to it.
        candidates[cid] = PlanCandidate(cid, number, Track(track), unavailable,
                                        status != CandidateStatus.WITHDRAWN)
        names[cid] = display_name(family, given)
        labels[cid] = number
    present = {cid for cid, c in candidates.items() if c.active}
    rows: list[_InterviewRow] = []
    starts: dict[str, int] = {}
    for cid, starts_at, room, panel, duration in session.connection().execute(select(
            InterviewRow.candidate_id, InterviewRow.starts_at, InterviewRow.room,
            InterviewRow.panel, InterviewRow.duration,
    ).where(InterviewRow.candidate_id.in_(present))):
        if not starts_at:
            continue
        cid = one(cid)
        try:
            starts[cid] = from_datetime(dt.datetime.fromisoformat(starts_at), tz)
        except ValueError:
            log.warning("interview of %s: unreadable start %r", cid, starts_at)
            continue
        members = tuple(one(m) for m in panel or ())
        rows.append(_InterviewRow(cid, one(room), members, duration or 0))
    subjects = [s.key for s in config.subjects]
    if config.planning is not None:
        setup = config.planning.to_setup(tz.key, assessors, subjects)
        derived = False
    elif rows:
        setup = _derived_setup(tz.key, assessors, rows, starts)
        derived = True
    else:
        return None

    interviews, drift = [], {}
    for r in sorted(rows, key=lambda r: starts[r.candidate_id]):
        start = starts[r.candidate_id]
        pid = _panel_of(setup, start, r.panel, r.room)
        if pid is None:
            log.warning("interview of %s: no panel of the setup matches", r.candidate_id)
            continue
        term = setup.panel_at(pid, start)
        if term is not None and set(term.members) != set(r.panel):
            drift.setdefault(pid, (start, r.panel))
        interviews.append(Interview(r.candidate_id, start, r.duration or setup.slot_minutes,
                                    r.room, pid, r.panel))
    for pid, (since, members) in drift.items():
        # A panel change made in the field: the members from its first interview on.
        try:
            setup = apply_changes(setup, {}, [PanelChange(pid, members, since)]).setup
        except ValidationError as exc:
            log.warning("panel %s: members on the rows are not a panel: %s", pid, exc)

    seats = tuple(Seat(one(cid), one(sitting), seat, code)
                  for cid, sitting, seat, code in session.connection().execute(select(
                      SeatRow.candidate_id, SeatRow.sitting, SeatRow.seat, SeatRow.script_code,
                  ).where(SeatRow.candidate_id.in_(candidates))))
    scored = frozenset(one(cid) for cid in session.connection().scalars(
        select(Scorecard.candidate_id).where(
            Scorecard.candidate_id.in_(candidates),
            or_(Scorecard.submitted.is_(True), Scorecard.levels != {}))))
    return PlanState(
        setup, candidates, Plan(seats, tuple(interviews)), names, labels,
        {a.id: a.name for a in assessors}, scored, derived,
        {r.candidate_id: r.duration for r in rows})


class _InterviewRow(NamedTuple):
    """The columns of a stored interview the plan is read from."""

    candidate_id: str
    room: str
    panel: tuple[str, ...]
    duration: int  # 0: the mission's slot length


def _panel_of(setup: Setup, start: int, members: tuple[str, ...], room: str) -> str | None:
    """The panel an interview row belongs to: same members at that time, else the panel
    sharing most members (a panel change), its own room breaking a tie."""
    best, best_key = None, (0, False)
    for p in setup.panels:
        if not p.since <= start < p.until:
            continue
        if set(p.members) == set(members):
            return p.id
        key = (len(set(p.members) & set(members)), p.room == room)
        if key > best_key:
            best, best_key = p.id, key
    return best


def _derived_setup(timezone: str, assessors: list[PlanAssessor], rows: list[_InterviewRow],
                   starts: dict[str, int]) -> Setup:
    """A setup read off a timetable: its days (09:00-18:00 or wider), rooms and panels; no
    sittings, so no written test to plan (the mission never planned them)."""
    slot = DEFAULT_SLOT
    days: dict[int, tuple[int, int]] = {}
    for r in rows:
        start = starts[r.candidate_id]
        length = r.duration or slot
        lo, hi = days.get(start // DAY, (9 * 60, 18 * 60))
        days[start // DAY] = (min(lo, start % DAY), max(hi, min(DAY, start % DAY + length)))
    rooms = list(dict.fromkeys(r.room for r in rows if r.room))
    homes: dict[tuple[str, ...], Counter[str]] = {}
    for r in rows:
        homes.setdefault(r.panel, Counter())[r.room] += 1
    probe = Setup(timezone, (), tuple(Room(n) for n in rooms), tuple(assessors), (), slot)
    panels = []
    for members, room_counts in homes.items():
        try:
            probe.check_panel("?", members)
        except ValidationError:
            continue
        home = room_counts.most_common(1)[0][0]
        panels.append(Panel(f"P{len(panels) + 1}", members,
                            home if home and home not in {p.room for p in panels} else ""))
    return Setup(timezone, tuple(MissionDay(dt.date.fromordinal(d), lo, hi)
                                 for d, (lo, hi) in sorted(days.items())),
                 tuple(Room(n) for n in rooms), tuple(assessors), tuple(panels), slot)


def plan_edits(state: PlanState, after: Plan) -> tuple[list[SlotEdit], list[SeatEdit]]:
    """The rows to write so that the stored plan becomes ``after``: one edit per interview
    that changed (time, room, length or members) or went, one per seat that changed."""
    slot = state.setup.slot_minutes
    before = {i.candidate_id: i for i in state.plan.interviews}
    slots = []
    for iv in sorted(after.interviews, key=lambda i: (i.start, i.room)):
        old = before.pop(iv.candidate_id, None)
        if old is not None and (old.start, old.duration, old.room, set(old.members)) == (
                iv.start, iv.duration, iv.room, set(iv.members)):
            continue
        slots.append(SlotEdit(iv.candidate_id, state.iso(iv.start), iv.room, list(iv.members),
                              0 if iv.duration == slot else iv.duration))
    for cid in sorted(before):  # no longer on the timetable (withdrawn, or no room left)
        slots.append(SlotEdit(cid, None, "", [], 0))
    old_seats = {(s.candidate_id, s.sitting_id): s for s in state.plan.seats}
    seats = [SeatEdit(s.candidate_id, s.sitting_id, s.seat, s.script_code)
             for s in after.seats if old_seats.get((s.candidate_id, s.sitting_id)) != s]
    return slots, seats


def slot_of(state: PlanState, candidate_id: str) -> SlotEdit | None:
    """The candidate's interview as it is stored now (to undo a re-plan)."""
    iv = state.plan.interview_of(candidate_id)
    if iv is None:
        return None
    return SlotEdit(candidate_id, state.iso(iv.start), iv.room, list(iv.members),
                    state.durations.get(candidate_id, 0))
