"""The planning rules, as pure functions returning violations (empty: the rule holds).

`check_plan` runs them all. A violation names the rule, says what is wrong in plain words
and lists the candidates it concerns, so the desk can show it beside them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .model import Plan, PlanCandidate, Seat, Setup
from .timeline import Interval, fmt

DOUBLE_BOOKING = "double_booking"
WRITTEN_FIRST = "written_before_interview"
UNAVAILABLE = "unavailable"
DOUBLE_DEGREE = "double_degree_written"
CAPACITY = "capacity"
HOURS = "hours"
PANEL = "panel"
REFERENCE = "reference"


@dataclass(frozen=True, order=True)
class Violation:
    rule: str
    message: str
    candidate_ids: tuple[str, ...] = ()


Candidates = Mapping[str, PlanCandidate]


def check_plan(setup: Setup, candidates: Candidates, plan: Plan) -> list[Violation]:
    """Every rule over the plan, sorted."""
    out = [*references(setup, candidates, plan), *double_bookings(setup, candidates, plan),
           *written_before_interview(setup, candidates, plan),
           *unavailable_times(setup, candidates, plan), *double_degree(candidates, plan),
           *room_capacity(setup, plan), *within_hours(setup, plan), *panels(setup, plan)]
    return sorted(out)


def _label(candidates: Candidates, cid: str) -> str:
    c = candidates.get(cid)
    return c.label if c else cid


def references(setup: Setup, candidates: Candidates, plan: Plan) -> list[Violation]:
    """Appointments point at known candidates, sittings and rooms; one interview each."""
    out, seen = [], set()
    for i in plan.interviews:
        if i.candidate_id not in candidates:
            out.append(Violation(REFERENCE, f"interview for unknown candidate {i.candidate_id}",
                                 (i.candidate_id,)))
        if i.room not in setup.room_names:
            out.append(Violation(REFERENCE, f"{_label(candidates, i.candidate_id)}: no room "
                                 f"named {i.room}", (i.candidate_id,)))
        if i.candidate_id in seen:
            out.append(Violation(REFERENCE, f"{_label(candidates, i.candidate_id)} has two "
                                 "interviews", (i.candidate_id,)))
        seen.add(i.candidate_id)
    for s in plan.seats:
        if s.sitting_id not in setup.sitting_by_id:
            out.append(Violation(REFERENCE, f"{_label(candidates, s.candidate_id)}: no sitting "
                                 f"{s.sitting_id}", (s.candidate_id,)))
        if s.candidate_id not in candidates:
            out.append(Violation(REFERENCE, f"seat for unknown candidate {s.candidate_id}",
                                 (s.candidate_id,)))
    return out


def _bookings(setup: Setup, plan: Plan) -> dict[str, list[tuple[Interval, str, str]]]:
    """Who and what is where: key ('candidate', 'assessor', 'room' + id) -> (span, what,
    candidate id or '')."""
    by: dict[str, list[tuple[Interval, str, str]]] = defaultdict(list)
    for i in plan.interviews:
        what = f"the interview at {i}"
        by[f"c:{i.candidate_id}"].append((i.span, what, i.candidate_id))
        by[f"r:{i.room}"].append((i.span, what, i.candidate_id))
        for m in i.members:
            by[f"a:{m}"].append((i.span, what, i.candidate_id))
    for s in setup.sittings:
        what = f"sitting {s.id} ({fmt(s.start)}, {s.room})"
        by[f"r:{s.room}"].append((s.span, what, ""))
        for m in s.invigilators:
            by[f"a:{m}"].append((s.span, what, ""))
    for seat in plan.seats:
        sitting = setup.sitting_by_id.get(seat.sitting_id)
        if sitting:
            by[f"c:{seat.candidate_id}"].append(
                (sitting.span, f"sitting {sitting.id}", seat.candidate_id))
    return by


def double_bookings(setup: Setup, candidates: Candidates, plan: Plan) -> list[Violation]:
    """Nobody (candidate, assessor) and no room is in two places at once."""
    names = {a.id: a.name for a in setup.assessors}
    out = []
    for key, items in _bookings(setup, plan).items():
        kind, _, ident = key.partition(":")
        who = {"c": lambda x: _label(candidates, x), "a": lambda x: names.get(x, x),
               "r": lambda x: f"room {x}"}[kind](ident)
        items.sort(key=lambda t: (t[0].start, t[0].end, t[1]))
        latest = items[0]
        for item in items[1:]:
            if item[0].start < latest[0].end:
                ids = tuple(sorted({latest[2], item[2]} - {""}))
                out.append(Violation(DOUBLE_BOOKING, f"{who} is in two places at once: "
                                     f"{latest[1]} and {item[1]}", ids))
            if item[0].end > latest[0].end:
                latest = item
    return out


def written_before_interview(setup: Setup, candidates: Candidates,
                             plan: Plan) -> list[Violation]:
    """A free mover sits each subject once, and all before their interview."""
    seats: dict[str, list[Seat]] = defaultdict(list)
    for s in plan.seats:
        seats[s.candidate_id].append(s)
    out = []
    for i in plan.interviews:
        c = candidates.get(i.candidate_id)
        if c is None or not c.sits_written:
            continue
        covered: list[str] = []
        for seat in seats.get(c.id, ()):
            sitting = setup.sitting_by_id.get(seat.sitting_id)
            if sitting is None:
                continue
            covered.extend(sitting.subjects)
            if sitting.span.end > i.start:
                out.append(Violation(WRITTEN_FIRST, f"{c.label}: sitting {sitting.id} ends "
                                     f"after the interview at {fmt(i.start)}", (c.id,)))
        if missing := [s for s in setup.subjects if s not in covered]:
            out.append(Violation(WRITTEN_FIRST, f"{c.label}: no sitting for "
                                 f"{', '.join(missing)} before the interview", (c.id,)))
        if twice := sorted({s for s in covered if covered.count(s) > 1}):
            out.append(Violation(WRITTEN_FIRST, f"{c.label}: sits {', '.join(twice)} twice",
                                 (c.id,)))
    return out


def unavailable_times(setup: Setup, candidates: Candidates, plan: Plan) -> list[Violation]:
    """Declared unavailable times of candidates, lost rooms and absent assessors hold."""
    rooms = _spans_by_who(setup.room_closures)
    away = _spans_by_who(setup.absences)
    names = {a.id: a.name for a in setup.assessors}
    out = []

    def clash(spans: Iterable[Interval], span: Interval) -> Interval | None:
        return next((s for s in spans if s.overlaps(span)), None)

    for i in plan.interviews:
        c = candidates.get(i.candidate_id)
        label = _label(candidates, i.candidate_id)
        if c and (hit := clash(c.unavailable, i.span)):
            out.append(Violation(UNAVAILABLE, f"{label} is unavailable {hit}: interview at "
                                 f"{fmt(i.start)}", (i.candidate_id,)))
        if hit := clash(rooms.get(i.room, ()), i.span):
            out.append(Violation(UNAVAILABLE, f"room {i.room} is closed {hit}: interview of "
                                 f"{label}", (i.candidate_id,)))
        for m in i.members:
            if hit := clash(away.get(m, ()), i.span):
                out.append(Violation(UNAVAILABLE, f"{names.get(m, m)} is away {hit}: "
                                     f"interview of {label}", (i.candidate_id,)))
    for seat in plan.seats:
        sitting = setup.sitting_by_id.get(seat.sitting_id)
        c = candidates.get(seat.candidate_id)
        if sitting is None:
            continue
        if c and (hit := clash(c.unavailable, sitting.span)):
            out.append(Violation(UNAVAILABLE, f"{c.label} is unavailable {hit}: sitting "
                                 f"{sitting.id}", (c.id,)))
        if hit := clash(rooms.get(sitting.room, ()), sitting.span):
            out.append(Violation(UNAVAILABLE, f"room {sitting.room} is closed {hit}: sitting "
                                 f"{sitting.id} of {_label(candidates, seat.candidate_id)}",
                                 (seat.candidate_id,)))
    return out


def _spans_by_who(closures: Iterable) -> dict[str, list[Interval]]:
    by: dict[str, list[Interval]] = defaultdict(list)
    for c in closures:
        by[c.who].append(c.span)
    return by


def double_degree(candidates: Candidates, plan: Plan) -> list[Violation]:
    """Double-degree candidates sit no written test."""
    return [Violation(DOUBLE_DEGREE, f"{c.label} is a double-degree candidate: no written test",
                      (c.id,))
            for s in plan.seats if (c := candidates.get(s.candidate_id)) and not c.sits_written]


def room_capacity(setup: Setup, plan: Plan) -> list[Violation]:
    """A sitting seats no more than its capacity and its room's; seat numbers are distinct
    and within them."""
    by: dict[str, list[Seat]] = defaultdict(list)
    for s in plan.seats:
        by[s.sitting_id].append(s)
    out = []
    for sid, seats in by.items():
        sitting = setup.sitting_by_id.get(sid)
        if sitting is None:
            continue
        limit = setup.seats_in(sitting)
        ids = tuple(sorted(s.candidate_id for s in seats))
        if len(seats) > limit:
            out.append(Violation(CAPACITY, f"sitting {sid} seats {len(seats)} in {sitting.room}"
                                 f", which holds {limit}", ids))
        numbers = [s.seat for s in seats]
        if len(set(numbers)) != len(numbers) or not all(1 <= n <= limit for n in numbers):
            out.append(Violation(CAPACITY, f"sitting {sid}: seat numbers must be distinct, "
                                 f"from 1 to {limit}", ids))
    return out


def within_hours(setup: Setup, plan: Plan) -> list[Violation]:
    """Interviews lie within a mission day's opening hours and outside its breaks; sittings
    within its opening hours."""
    out = []
    for i in plan.interviews:
        day = setup.day_at(i.start)
        if day is None or not day.holds(i.span):
            out.append(Violation(HOURS, f"the interview at {fmt(i.start)} is outside the "
                                 "opening hours or in a break", (i.candidate_id,)))
    for s in setup.sittings:
        day = setup.day_at(s.start)
        if day is None or not day.hours.contains(s.span):
            out.append(Violation(HOURS, f"sitting {s.id} is outside the opening hours"))
    return out


def panels(setup: Setup, plan: Plan) -> list[Violation]:
    """Each interview has the members of its panel at that time: at least two assessors, one
    of them a professor."""
    out = []
    for i in plan.interviews:
        term = setup.panel_at(i.panel_id, i.start)
        if term is None:
            out.append(Violation(PANEL, f"no panel {i.panel_id} at {fmt(i.start)}",
                                 (i.candidate_id,)))
        elif tuple(i.members) != term.members:
            out.append(Violation(PANEL, f"the interview at {i} has members other than its "
                                 "panel's", (i.candidate_id,)))
    return out

