"""Planning a mission on the server, before departure (issue 13): the `plan`, `export-plan`
and `import-plan` commands' work, over the server's tables.

The scheduler is the desks' (app.domain.planning.schedule). Rows it places are born on the
server like imported candidates: every field at version 1 (a change bumps it), a new seq, an
audit entry per field, so desks pull them and a desk's later move carries the version it saw.
The planning setup is stored in the mission's configuration (MissionConfig.planning).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.enums import CandidateStatus, Role, Track
from app.domain.errors import ValidationError
from app.domain.mission import MissionConfig
from app.domain.planning import (
    Interview as PlanInterview,
)
from app.domain.planning import (
    Outcome,
    Plan,
    PlanAssessor,
    PlanCandidate,
    Setup,
    check_plan,
    issue_script_codes,
    parse_unavailable,
    schedule,
)
from app.domain.planning import (
    Seat as PlanSeat,
)
from app.domain.planning.config import (
    DayConfig,
    PanelConfig,
    PlanningConfig,
    RoomConfig,
    SittingConfig,
)
from app.domain.planning.timeline import from_datetime, to_datetime, zone

from .accounts import AccountError
from .missions import lock_mission, next_seq
from .models import (
    Assessor,
    AuditEntry,
    Candidate,
    Interview,
    Mission,
    Scorecard,
    Seat,
    User,
    utcnow,
)
from .row_writer import RowWriter

log = logging.getLogger(__name__)


@dataclass
class ServerPlan:
    """A mission's plan as the server holds it, in the scheduler's terms."""

    mission: Mission
    config: MissionConfig
    setup: Setup
    candidates: dict[str, PlanCandidate]
    plan: Plan
    usernames: dict[str, str]  # assessor id -> user name
    frozen: frozenset[str]  # candidates with a submitted scorecard: their places never move
    interview_rows: dict[str, Interview] = field(default_factory=dict)  # by candidate id
    seat_rows: dict[tuple[str, str], Seat] = field(default_factory=dict)  # (candidate, sitting)

    def iso(self, minute: int) -> str:
        return to_datetime(minute, zone(self.setup.timezone)).isoformat(timespec="minutes")


# -- reading the command line's forms ---------------------------------------------------------

def parse_day(text: str) -> DayConfig:
    """``YYYY-MM-DD`` or ``YYYY-MM-DD=HH:MM-HH:MM``."""
    date, _, hours = text.partition("=")
    try:
        day = dt.date.fromisoformat(date.strip())
    except ValueError:
        raise ValidationError(f"--day {text}: write YYYY-MM-DD[=HH:MM-HH:MM]") from None
    if not hours:
        return DayConfig(date=day)
    opens, sep, closes = hours.partition("-")
    if not sep:
        raise ValidationError(f"--day {text}: hours are HH:MM-HH:MM")
    return DayConfig(date=day, opens=opens.strip(), closes=closes.strip())


def parse_room(text: str) -> RoomConfig:
    """``NAME`` (one interview at a time) or ``NAME=CAPACITY`` (an exam room)."""
    name, _, capacity = text.partition("=")
    if capacity and not capacity.strip().isdigit():
        raise ValidationError(f"--room {text}: write NAME or NAME=CAPACITY")
    return RoomConfig(name=name.strip(), capacity=int(capacity) if capacity else 1)


def parse_written(text: str) -> tuple[dt.date, str, int, str]:
    """``YYYY-MM-DD=HH:MM-HH:MM@ROOM`` -> (date, start, minutes, room)."""
    when, at_, room = text.partition("@")
    date, eq, hours = when.partition("=")
    start, dash, end = hours.partition("-")
    try:
        day = dt.date.fromisoformat(date.strip())
        if not (at_ and eq and dash and room.strip()):
            raise ValueError
        h1, m1 = (int(x) for x in start.strip().split(":"))
        h2, m2 = (int(x) for x in end.strip().split(":"))
    except ValueError:
        raise ValidationError(f"--written {text}: write YYYY-MM-DD=HH:MM-HH:MM@ROOM") from None
    minutes = (h2 * 60 + m2) - (h1 * 60 + m1)
    if minutes <= 0:
        raise ValidationError(f"--written {text}: the end is not after the start")
    return day, f"{h1:02d}:{m1:02d}", minutes, room.strip()


def planning_config(s: Session, mission: Mission, *, days: Sequence[str],
                    rooms: Sequence[str], slot: int, panels: Sequence[str],
                    written: Sequence[str], anonymous_marking: bool = True) -> PlanningConfig:
    """The PlanningConfig of the `plan` command's options (panels name user names)."""
    config = MissionConfig.model_validate(mission.config or {})
    by_user = {u: a for a, u in member_usernames(s, mission).items()}
    room_cfgs = [parse_room(r) for r in rooms]
    panel_cfgs = []
    for i, text in enumerate(panels, 1):
        names = [n.strip() for n in text.split(",") if n.strip()]
        unknown = [n for n in names if n not in by_user]
        if unknown:
            raise ValidationError(f"--panel {text}: {unknown[0]} is not a member of mission "
                                  f"{mission.code}")
        panel_cfgs.append(PanelConfig(id=f"P{i}", members=tuple(by_user[n] for n in names)))
    sittings = []
    free_movers = len(list(s.scalars(select(Candidate.id).where(
        Candidate.mission_id == mission.id, Candidate.deleted.is_(False),
        Candidate.track == Track.FREE_MOVER.value))))
    for i, text in enumerate(written, 1):
        day, start, minutes, room = parse_written(text)
        if room not in {r.name for r in room_cfgs}:
            # an exam hall named only here: room for every free mover
            room_cfgs.append(RoomConfig(name=room, capacity=max(1, free_movers)))
        sittings.append(SittingConfig(id=f"W{i}", date=day, start=start, duration=minutes,
                                      room=room, subjects=tuple(x.key for x in config.subjects)))
    return PlanningConfig(days=tuple(parse_day(d) for d in days), rooms=tuple(room_cfgs),
                          slot_minutes=slot, panels=tuple(panel_cfgs),
                          sittings=tuple(sittings), anonymous_marking=anonymous_marking)


# -- the plan as the server holds it -----------------------------------------------------------

def member_usernames(s: Session, mission: Mission) -> dict[str, str]:
    return dict(s.execute(select(Assessor.id, User.username).join(
        User, User.id == Assessor.user_id).where(
        Assessor.mission_id == mission.id, Assessor.deleted.is_(False))).all())


def load_plan(s: Session, mission: Mission, planning: PlanningConfig | None = None
              ) -> ServerPlan:
    """The mission's setup (``planning``, else the one stored), candidates and plan."""
    config = MissionConfig.model_validate(mission.config or {})
    planning = planning or config.planning
    if planning is None:
        raise AccountError(f"mission {mission.code} is not planned yet: run "
                           "'mission-desk-server plan' first")
    usernames = member_usernames(s, mission)
    assessors = [PlanAssessor(a.id, a.name, Role(a.role), a.is_chair) for a in s.scalars(
        select(Assessor).where(Assessor.mission_id == mission.id,
                               Assessor.deleted.is_(False)))]
    setup = planning.to_setup(mission.timezone or "UTC", assessors,
                              [x.key for x in config.subjects])
    tz = zone(setup.timezone)
    cands = list(s.scalars(select(Candidate).where(Candidate.mission_id == mission.id,
                                                   Candidate.deleted.is_(False))))
    candidates = {}
    for c in cands:
        try:
            unavailable = parse_unavailable(c.unavailable)
        except ValidationError:
            log.warning("candidate %s: unreadable unavailable times ignored", c.id)
            unavailable = ()
        candidates[c.id] = PlanCandidate(c.id, c.application_number, Track(c.track),
                                         unavailable, c.status != CandidateStatus.WITHDRAWN)
    ids = set(candidates)
    interview_rows = {r.candidate_id: r for r in s.scalars(select(Interview).where(
        Interview.mission_id == mission.id, Interview.deleted.is_(False))) if r.candidate_id
        in ids}
    interviews = []
    for r in interview_rows.values():
        if not r.starts_at:
            continue
        try:
            start = from_datetime(dt.datetime.fromisoformat(r.starts_at), tz)
        except ValueError:
            continue
        panel = _panel_of(setup, start, tuple(r.panel or ()))
        if panel is not None:
            interviews.append(PlanInterview(r.candidate_id, start,
                                            r.duration or setup.slot_minutes, r.room, panel,
                                            tuple(r.panel or ())))
    seat_rows = {(r.candidate_id, r.sitting): r for r in s.scalars(select(Seat).where(
        Seat.mission_id == mission.id, Seat.deleted.is_(False))) if r.candidate_id in ids}
    seats = tuple(PlanSeat(r.candidate_id, r.sitting, r.seat, r.script_code)
                  for r in seat_rows.values() if r.sitting in setup.sitting_by_id)
    frozen = frozenset(s.scalars(select(Scorecard.candidate_id).where(
        Scorecard.mission_id == mission.id, Scorecard.deleted.is_(False),
        Scorecard.submitted.is_(True))))
    return ServerPlan(mission, config, setup, candidates, Plan(seats, tuple(interviews)),
                      usernames, frozen, interview_rows, seat_rows)


def _panel_of(setup: Setup, start: int, members: tuple[str, ...]) -> str | None:
    """The panel term holding exactly these members at that time, else sharing most."""
    best, best_n = None, 0
    for p in setup.panels:
        if not p.since <= start < p.until:
            continue
        shared = len(set(p.members) & set(members))
        if set(p.members) == set(members):
            return p.id
        if shared > best_n:
            best, best_n = p.id, shared
    return best


# -- writing rows born on the server ------------------------------------------------------------

def write_plan(s: Session, state: ServerPlan, plan: Plan, reason: str,
               user_id: str | None = None) -> int:
    """Store ``plan``: interview and seat rows that changed or are new, one recorded change
    each; a candidate the plan no longer holds loses their slot (and seat). Returns the
    number of rows written."""
    w = RowWriter(s, state.mission, reason, user_id)
    slot = state.setup.slot_minutes
    placed = set()
    for iv in plan.interviews:
        placed.add(iv.candidate_id)
        values = {"starts_at": state.iso(iv.start), "room": iv.room,
                  "panel": list(iv.members), "duration": 0 if iv.duration == slot
                  else iv.duration}
        row = state.interview_rows.get(iv.candidate_id)
        if row is None:
            row = Interview(mission_id=state.mission.id, candidate_id=iv.candidate_id,
                            versions={}, deleted=False, room="", panel=[], duration=0)
            s.add(row)
            s.flush()
            state.interview_rows[iv.candidate_id] = row
            w.write("interview", row, {"candidate_id": iv.candidate_id, **values},
                    created=True)
        else:
            w.write("interview", row, values, created=False)
    for cid, row in state.interview_rows.items():
        if cid not in placed and row.starts_at:
            w.write("interview", row, {"starts_at": None, "room": "", "panel": [],
                                       "duration": 0}, created=False)
    kept = set()
    for seat in plan.seats:
        key = (seat.candidate_id, seat.sitting_id)
        kept.add(key)
        row = state.seat_rows.get(key)
        values = {"seat": seat.seat, "script_code": seat.script_code}
        if row is None:
            row = Seat(mission_id=state.mission.id, candidate_id=seat.candidate_id,
                       sitting=seat.sitting_id, seat=0, script_code="", versions={},
                       deleted=False)
            s.add(row)
            s.flush()
            state.seat_rows[key] = row
            w.write("seat", row, {"candidate_id": seat.candidate_id,
                                  "sitting": seat.sitting_id, **values}, created=True)
        else:
            w.write("seat", row, values, created=False)
    for key, row in state.seat_rows.items():
        if key not in kept and not row.deleted:
            w.write("seat", row, {"deleted": True}, created=False)
    return w.written


def store_planning(s: Session, mission: Mission, planning: PlanningConfig,
                   reason: str = "planned by mission-desk-server plan",
                   user_id: str | None = None) -> None:
    """Keep the setup in the mission's configuration (desks pull the mission row)."""
    config = MissionConfig.model_validate(mission.config or {})
    new = config.model_copy(update={"planning": planning}).model_dump(mode="json")
    if new == mission.config:
        return
    locked = lock_mission(s, mission.id) or mission
    locked.config = new
    versions = dict(locked.versions or {})
    versions["config"] = int(versions.get("config", 0)) + 1
    locked.versions = versions
    locked.seq = next_seq(locked)
    s.add(AuditEntry(mission_id=mission.id, entity="mission", row_id=mission.id,
                     field="config.planning", old=None, new=planning.model_dump(mode="json"),
                     actor_id=None, user_id=user_id, client_at="", server_at=utcnow(),
                     reason=reason))


# -- the commands' work -------------------------------------------------------------------------

@dataclass(frozen=True)
class PlanReport:
    outcome: Outcome
    written: int

    def lines(self, labels: Mapping[str, str]) -> list[str]:
        plan = self.outcome.plan
        out = [f"{len(plan.interviews)} interview(s) and {len(plan.seats)} seat(s) planned; "
               f"{self.written} row(s) written, {len(self.outcome.moved)} candidate(s) moved"]
        out += self.outcome.summary()
        return out


def plan_mission(s: Session, mission: Mission, planning: PlanningConfig, *,
                 now: dt.datetime | None = None, seed: int = 0,
                 reason: str = "planned by mission-desk-server plan",
                 user_id: str | None = None) -> PlanReport:
    """Plan every candidate not yet placed, keeping the places that still hold; write rows
    and store the setup. Frozen: candidates with a submitted scorecard."""
    state = load_plan(s, mission, planning)
    when = now or dt.datetime.now(dt.UTC)
    outcome = schedule(state.setup, state.candidates.values(), state.plan,
                       frozen=state.frozen, now=from_datetime(when, zone(state.setup.timezone)),
                       seed=seed)
    taken = [r.script_code for r in state.seat_rows.values() if r.script_code]
    seats = issue_script_codes(outcome.plan.seats, taken=taken)
    plan = Plan(seats, outcome.plan.interviews)
    store_planning(s, mission, planning, reason, user_id)
    written = write_plan(s, state, plan, reason, user_id)
    return PlanReport(Outcome(outcome.setup, outcome.candidates, plan, outcome.unplaced,
                              outcome.moved, outcome.violations, outcome.refused), written)


def export_rows(s: Session, mission: Mission) -> list[dict[str, str]]:
    from app.domain.planning.rows import plan_rows

    state = load_plan(s, mission)
    return plan_rows(state.setup, state.candidates, state.plan, state.usernames)


@dataclass
class ImportResult:
    errors: list[str]
    written: int = 0


def import_rows(s: Session, mission: Mission, rows: Iterable[Mapping[str, str]],
                first_line: int = 2, *,
                reason: str = "imported by mission-desk-server import-plan",
                user_id: str | None = None) -> ImportResult:
    """Read a plan file's rows (export-plan's columns); every bad line is named, and the
    plan is written only when there is none (and the whole plan keeps the rules)."""
    from app.domain.planning.rows import read_plan_rows

    state = load_plan(s, mission)
    errors: list[str] = []
    seats: dict[tuple[str, str], PlanSeat] = {}
    interviews: dict[str, PlanInterview] = {}
    lines: dict[str, int] = {}
    for n, row in enumerate(rows, first_line):
        clean = {k: _unneutralise(v) for k, v in row.items() if k}
        try:
            got = read_plan_rows(state.setup, state.candidates.values(), [clean],
                                 state.usernames)
        except ValidationError as exc:
            errors.append(f"line {n}: {str(exc).removeprefix('row 2: ')}")
            continue
        for seat in got.seats:
            seats[(seat.candidate_id, seat.sitting_id)] = seat
        for iv in got.interviews:
            if iv.candidate_id in lines:
                errors.append(f"line {n}: a second interview of "
                              f"{state.candidates[iv.candidate_id].label} (line "
                              f"{lines[iv.candidate_id]})")
                continue
            interviews[iv.candidate_id] = iv
            lines[iv.candidate_id] = n
    if errors:
        return ImportResult(errors)
    # the file's appointments replace those of the candidates it names; others stay
    named = set(interviews) | {c for c, _ in seats}
    plan = Plan(
        tuple([x for x in state.plan.seats if x.candidate_id not in named] + list(
            seats.values())),
        tuple([x for x in state.plan.interviews if x.candidate_id not in named] + list(
            interviews.values())))
    taken = [x.script_code for x in plan.seats if x.script_code]
    if len(set(taken)) != len(taken):
        return ImportResult(["a script code is given to two scripts"])
    violations = check_plan(state.setup, state.candidates, plan)
    if violations:
        return ImportResult([v.message for v in violations[:50]])
    plan = Plan(issue_script_codes(plan.seats, taken=taken), plan.interviews)
    return ImportResult([], write_plan(s, state, plan, reason, user_id))


def _unneutralise(value: Any) -> str:
    """A cell as written by export-plan: the apostrophe guarding formula-like text goes."""
    text = "" if value is None else str(value)
    if text.startswith("'") and text[1:2] in ("=", "+", "-", "@", "\t", "\r"):
        return text[1:]
    return text
