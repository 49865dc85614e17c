"""The scheduler: ``(setup, candidates, plan so far, changes) -> Outcome``. See the package
docstring for the algorithm and its guarantees."""

from __future__ import annotations

import heapq
import random
from bisect import bisect_left, insort
from collections import Counter
from collections.abc import Iterable

from .busy import Busy
from .changes import Applied, Change, apply_changes
from .model import (
    FOREVER,
    NEVER,
    Interview,
    Panel,
    Plan,
    PlanCandidate,
    Seat,
    Setup,
    Sitting,
)
from .outcome import Outcome, Reason, Unplaced
from .rules import check_plan
from .timeline import Interval, fmt

# Bounds on local repair (displacements tried per candidate and in all), so that an
# overfull mission still plans in about linear time.
REPAIR_TRIES = 40
REPAIR_BUDGET = 400


def schedule(setup: Setup, candidates: Iterable[PlanCandidate], plan: Plan | None = None,
             changes: Iterable[Change] = (), *, frozen: Iterable[str] = (),
             now: int = NEVER, seed: int = 0) -> Outcome:
    """Plan every active candidate not yet placed, keeping the plan given where it still
    holds. ``frozen``: candidates whose interview has started or whose card is scored (their
    appointments never move); anything starting before ``now`` stays too, and nothing new is
    placed before it. Deterministic for a given ``seed``."""
    applied = apply_changes(setup, {c.id: c for c in candidates}, changes)
    return _Planner(applied, plan or Plan(), frozenset(frozen), now, seed).run()


class _Planner:
    def __init__(self, applied: Applied, prior: Plan, frozen: frozenset[str], now: int,
                 seed: int) -> None:
        self.setup = applied.setup
        self.cands = applied.candidates
        self.released = applied.released
        self.pins = applied.pins
        self.prior, self.frozen, self.now = prior, frozen, now
        self.rng = random.Random(seed)
        self.slot = self.setup.slot_minutes
        self.busy = Busy()
        self.seats: dict[str, list[Seat]] = {}
        self.interviews: dict[str, Interview] = {}
        self.fixed: set[str] = set()  # candidates whose interview stays as it is
        self.pinned: set[str] = set()
        self.placed_now: set[str] = set()  # interviews placed by this run: free to shift
        self.load: Counter[str] = Counter()
        self.panel_order = self.setup.panel_ids()
        self.grid: dict[str, list[int]] = {p: [] for p in self.panel_order}
        self.free: dict[str, list[int]] = {}  # grid slots the panel has free, by panel
        self.blocked: dict[str, list[int]] = {p: [] for p in self.panel_order}  # set aside
        self.term_of: dict[tuple[str, int], Panel] = {}
        self.home: dict[Panel, str] = {}
        self.spare_rooms: list[str] = []
        self.occupant: dict[tuple[str, int], str] = {}
        self.taken: dict[str, set[int]] = {}
        self.seat_heap: dict[str, list[int]] = {}
        self.usable: list[Sitting] = []
        self.unplaced: list[Unplaced] = []
        self.refused: list[Unplaced] = []
        self.no_interview: set[str] = set()
        self.repairs_left = REPAIR_BUDGET
        self.version = 0
        self._ok_cache: tuple[int, list[int]] = (-1, [])

    # -- the run ------------------------------------------------------------------------

    def run(self) -> Outcome:
        self._book_setup()
        self._book_fixed()
        self._pin()
        self._keep_seats()
        self._keep_interviews()
        order = self._order()
        self._seat_free_movers(order)
        self._place_interviews(order)
        return self._outcome()

    def _book_setup(self) -> None:
        s = self.setup
        closures = [(c.who, c.span) for c in s.room_closures]
        for who, span in closures:
            self.busy.add("r:" + who, span.start, span.end)
        for c in s.absences:
            self.busy.add("a:" + c.who, c.span.start, c.span.end)
        for sitting in sorted(s.sittings, key=lambda x: (x.span.end, x.start, x.id)):
            span = sitting.span
            self.busy.add("r:" + sitting.room, span.start, span.end)
            for m in sitting.invigilators:
                self.busy.add("a:" + m, span.start, span.end)
            self.taken[sitting.id] = set()
            self.seat_heap[sitting.id] = list(range(1, s.seats_in(sitting) + 1))
            lost = any(who == sitting.room and cl.overlaps(span) for who, cl in closures)
            if not lost and sitting.start >= self.now:
                self.usable.append(sitting)
        for c in self.cands.values():
            for u in c.unavailable:
                self.busy.add("c:" + c.id, u.start, u.end)
        # A panel without a room of its own is given one by rank, exam rooms last.
        exam_rooms = {x.room for x in s.sittings}
        by_rank = sorted((r.name for r in s.rooms), key=lambda r: r in exam_rooms)
        for term in s.panels:
            pid = term.id
            rank = self.panel_order.index(pid)
            self.home[term] = term.room or (by_rank[rank] if rank < len(by_rank) else "")
            for day in s.days:
                for span in day.open_spans():
                    t = span.start
                    while t + self.slot <= span.end:
                        if term.since <= t < term.until and t >= self.now:
                            self.grid[pid].append(t)
                            self.term_of[(pid, t)] = term
                        t += self.slot
        # Rooms no panel calls home first, so that a borrowed room is seldom wanted back.
        homes = set(self.home.values())
        self.spare_rooms = sorted((r.name for r in s.rooms), key=lambda r: r in homes)
        for pid, starts in self.grid.items():
            starts.sort()
            self.free[pid] = list(starts)

    def _book_fixed(self) -> None:
        by_id = self.setup.sitting_by_id
        for seat in sorted(self.prior.seats, key=lambda x: (x.sitting_id, x.seat)):
            sitting = by_id.get(seat.sitting_id)
            if sitting and (seat.candidate_id in self.frozen or sitting.start < self.now):
                self._book_seat(seat, sitting)
        for iv in sorted(self.prior.interviews, key=lambda x: (x.start, x.candidate_id)):
            cid = iv.candidate_id
            if cid in self.interviews:
                continue
            if cid in self.frozen or (iv.start < self.now and cid not in self.released):
                self._book(iv)
                self.fixed.add(cid)

    def _pin(self) -> None:
        for cid in sorted(self.pins):
            move, c = self.pins[cid], self.cands[cid]
            why = self._pin_refusal(c, move.panel_id, move.start)
            if why:
                self.refused.append(Unplaced(c.label, cid, Reason.MOVE_REFUSED, why))
                continue
            term = self.setup.panel_at(move.panel_id, move.start)
            assert term is not None
            room = self._room(term, move.start, move.start + self.slot)
            assert room is not None
            self._book(Interview(cid, move.start, self.slot, room, term.id, term.members))
            self.pinned.add(cid)

    def _pin_refusal(self, c: PlanCandidate, panel_id: str, start: int) -> str:
        end = start + self.slot
        term = self.setup.panel_at(panel_id, start)
        day = self.setup.day_at(start)
        names = {a.id: a.name for a in self.setup.assessors}
        if c.id in self.fixed:
            return "the interview has started or is scored"
        if not c.active:
            return "the candidate has withdrawn"
        if term is None:
            return f"panel {panel_id} does not sit at {fmt(start)}"
        if start < self.now:
            return f"{fmt(start)} is past"
        if day is None or not day.holds(Interval(start, end)):
            return f"{fmt(start)} is outside the opening hours or in a break"
        if not self.busy.is_free("p:" + panel_id, start, end):
            return f"panel {panel_id} has another interview then"
        if not self.busy.is_free("c:" + c.id, start, end):
            return f"{c.label} is unavailable or busy then"
        if busy := [m for m in term.members if not self.busy.is_free("a:" + m, start, end)]:
            return f"{names.get(busy[0], busy[0])} is busy or away then"
        if self._room(term, start, end) is None:
            return "no room is free then"
        if c.sits_written and (ends := [
                self.setup.sitting_by_id[x.sitting_id].span.end for x in self.prior.seats
                if x.candidate_id == c.id and x.sitting_id in self.setup.sitting_by_id]) \
                and max(ends) > start:
            return f"the written tests end at {fmt(max(ends))}"
        return ""

    def _keep_seats(self) -> None:
        by_id = {s.id: s for s in self.usable}
        order = sorted(self.prior.seats, key=lambda x: (
            by_id[x.sitting_id].start if x.sitting_id in by_id else 0, x.sitting_id, x.seat,
            x.candidate_id))
        for seat in order:
            c, sitting = self.cands.get(seat.candidate_id), by_id.get(seat.sitting_id)
            if c is None or sitting is None or not c.active or not c.sits_written:
                continue
            if seat in self.seats.get(c.id, ()) or self._covered(c.id) & set(sitting.subjects):
                continue
            if not self.busy.is_free("c:" + c.id, sitting.start, sitting.span.end):
                continue
            number = seat.seat
            if number in self.taken[sitting.id] or number > self.setup.seats_in(sitting):
                number = self._next_seat(sitting.id)
                if number is None:
                    continue
            self._book_seat(Seat(c.id, sitting.id, number, seat.script_code), sitting)

    def _keep_interviews(self) -> None:
        """Keep each interview that still holds, in time order; then those that only lost
        their room keep their time in another free room (after the first pass, so that no
        interview is pushed out of a room it could have kept)."""
        lost_room: list[tuple[Interview, Panel]] = []
        for iv in sorted(self.prior.interviews, key=lambda x: (x.start, x.panel_id,
                                                               x.candidate_id)):
            cid = iv.candidate_id
            c = self.cands.get(cid)
            if c is None or not c.active or cid in self.interviews or cid in self.released:
                continue
            term = self.setup.panel_at(iv.panel_id, iv.start)
            day = self.setup.day_at(iv.start)
            start, end = iv.start, iv.start + iv.duration
            if term is None or day is None or not day.holds(iv.span):
                continue
            if not self._people_free(cid, term, start, end):
                continue
            if self.busy.is_free("r:" + iv.room, start, end):
                self._book(Interview(cid, start, iv.duration, iv.room, term.id, term.members))
            else:
                lost_room.append((iv, term))
        for iv, term in lost_room:
            start, end = iv.start, iv.start + iv.duration
            if (iv.candidate_id not in self.interviews
                    and self._people_free(iv.candidate_id, term, start, end)
                    and (room := self._room(term, start, end)) is not None):
                self._book(Interview(iv.candidate_id, start, iv.duration, room, term.id,
                                     term.members))

    def _people_free(self, cid: str, term: Panel, start: int, end: int) -> bool:
        """The panel, its members and the candidate are free (the room is seen apart)."""
        return (self.busy.is_free("p:" + term.id, start, end)
                and self.busy.is_free("c:" + cid, start, end)
                and all(self.busy.is_free("a:" + m, start, end) for m in term.members))

    def _order(self) -> list[PlanCandidate]:
        """Most constrained first (declared unavailability, then free movers, who can only
        come after their written tests); a seeded shuffle within each group."""
        ids = sorted(self.cands)
        self.rng.shuffle(ids)
        return sorted((self.cands[i] for i in ids),
                      key=lambda c: (not c.unavailable, not c.sits_written))

    def _seat_free_movers(self, order: list[PlanCandidate]) -> None:
        for c in order:
            if not c.active or not c.sits_written:
                continue
            iv = self.interviews.get(c.id)
            if iv and c.id not in self.fixed and self._lower_bound(c) > iv.start:
                self._release(c, "the written tests must come first")  # an imported plan
                iv = None
            if not self._missing(c.id):
                continue
            bound = iv.start if iv else FOREVER
            subject = self._seat(c, bound)
            if subject and iv and c.id not in self.fixed:
                self._release(c, "the written tests must come first")
                subject = self._seat(c, FOREVER)
            if subject:
                self.unplaced.append(Unplaced(c.label, c.id, Reason.NO_SEAT, subject))
                self.no_interview.add(c.id)

    def _release(self, c: PlanCandidate, why: str) -> None:
        self._unbook(c.id)
        if c.id in self.pinned:
            self.pinned.discard(c.id)
            self.refused.append(Unplaced(c.label, c.id, Reason.MOVE_REFUSED, why))

    def _seat(self, c: PlanCandidate, bound: int) -> str:
        """Seat ``c`` for each missing subject in the earliest-ending sitting that fits;
        return the first subject left without a seat ('' when all are seated)."""
        for subject in self._missing(c.id):
            if subject in self._covered(c.id):
                continue
            covered = self._covered(c.id)
            for sitting in self.usable:
                span = sitting.span
                if (subject not in sitting.subjects or span.end > bound
                        or covered & set(sitting.subjects)
                        or not self.busy.is_free("c:" + c.id, span.start, span.end)):
                    continue
                number = self._next_seat(sitting.id)
                if number is not None:
                    self._book_seat(Seat(c.id, sitting.id, number), sitting)
                    break
            else:
                return subject
        return ""

    def _place_interviews(self, order: list[PlanCandidate]) -> None:
        failed: list[tuple[PlanCandidate, int]] = []
        for c in order:
            if not c.active or c.id in self.interviews or c.id in self.no_interview:
                continue
            if not self.panel_order:
                self.unplaced.append(Unplaced(c.label, c.id, Reason.NO_PANEL))
                continue
            lb = self._lower_bound(c)
            best = self._best(c, lb)
            if best is not None:
                self._book(best)
                self.placed_now.add(c.id)
            else:
                failed.append((c, lb))
        # Repairs once everyone who fits is placed; then the reasons, over the final plan.
        left = [(c, lb) for c, lb in failed if not self._repair(c, lb)]
        self.unplaced.extend(self._why(c, lb) for c, lb in left)

    # -- finding a slot -----------------------------------------------------------------

    def _lower_bound(self, c: PlanCandidate) -> int:
        lb = max(self.now, c.not_before)
        if c.sits_written:
            for seat in self.seats.get(c.id, ()):
                lb = max(lb, self.setup.sitting_by_id[seat.sitting_id].span.end)
        return lb

    def _best(self, c: PlanCandidate, lb: int) -> Interview | None:
        """The interview for ``c`` from ``lb``: on the least-loaded panel at its earliest
        fitting slot, or, for a no-show or a walk-in, at the earliest slot of any panel."""
        earliest = c.not_before != NEVER
        best: tuple[tuple[int, int, int], Interview] | None = None
        for rank, pid in sorted(enumerate(self.panel_order),
                                key=lambda x: (self.load[x[1]], x[0])):
            if best and not earliest and self.load[pid] > best[0][0]:
                break
            free = self.free[pid]
            i = bisect_left(free, lb)
            while i < len(free):
                t = free[i]
                if best and earliest and t >= best[0][0]:
                    break
                if not self.busy.is_free("c:" + c.id, t, t + self.slot):
                    i += 1
                    continue
                term = self.term_of[(pid, t)]
                room = self._fits(None, term, t, t + self.slot)
                if room is None:
                    # A member or every room is taken: set the slot aside until something at
                    # that time is unbooked, so that later searches skip it.
                    del free[i]
                    insort(self.blocked[pid], t)
                    continue
                key = (t, self.load[pid], rank) if earliest else (self.load[pid], t, rank)
                if best is None or key < best[0]:
                    best = (key, Interview(c.id, t, self.slot, room, pid, term.members))
                break
        return best[1] if best else None

    def _fits(self, cid: str | None, term: Panel, start: int, end: int) -> str | None:
        """The room for an interview of ``term`` at ``start`` if the candidate (unless None)
        and the members are free, else None."""
        if cid is not None and not self.busy.is_free("c:" + cid, start, end):
            return None
        for m in term.members:
            if not self.busy.is_free("a:" + m, start, end):
                return None
        return self._room(term, start, end)

    def _room(self, term: Panel, start: int, end: int) -> str | None:
        home = self.home.get(term, "")
        if home and self.busy.is_free("r:" + home, start, end):
            return home
        for room in self.spare_rooms:
            if self.busy.is_free("r:" + room, start, end):
                return room
        return None

    def _repair(self, c: PlanCandidate, lb: int) -> bool:
        """Local repair: put ``c`` in a slot held by a movable candidate who fits elsewhere.
        Candidates placed by this run are tried first: moving them costs no stability."""
        if self.repairs_left <= 0 or not any(self.free.values()):
            return False
        self.repairs_left -= 1
        last_free = max(free[-1] for free in self.free.values() if free)
        slots = sorted(
            (d not in self.placed_now, t, self.panel_order.index(pid), pid, d)
            for (pid, t), d in self.occupant.items()
            if t >= lb and d not in self.fixed and d not in self.pinned
            and self.interviews[d].duration == self.slot and (pid, t) in self.term_of
            and self._lower_bound(self.cands[d]) <= last_free)  # d could go somewhere
        tries = 0
        for _, t, _, pid, d in slots:
            if not self.busy.is_free("c:" + c.id, t, t + self.slot):
                continue
            tries += 1
            self.repairs_left -= 1
            if tries > REPAIR_TRIES or self.repairs_left < 0:
                break
            held, was_new = self._unbook(d), d in self.placed_now
            term = self.term_of[(pid, t)]
            room = self._fits(c.id, term, t, t + self.slot)
            if room is not None:
                self._book(Interview(c.id, t, self.slot, room, pid, term.members))
                other = self._best(self.cands[d], self._lower_bound(self.cands[d]))
                if other is not None:
                    self._book(other)
                    self.placed_now.update((c.id, d))
                    return True
                self._unbook(c.id)
            self._book(held)
            if was_new:
                self.placed_now.add(d)
        return False

    def _why(self, c: PlanCandidate, lb: int) -> Unplaced:
        ok = self._resource_free_slots()
        if not ok or ok[-1] < lb:
            after_written = c.sits_written and lb > max(self.now, c.not_before) and bool(ok)
            reason = Reason.AFTER_WRITTEN if after_written else Reason.FULL
            return Unplaced(c.label, c.id, reason)
        return Unplaced(c.label, c.id, Reason.UNAVAILABLE)

    def _resource_free_slots(self) -> list[int]:
        """Free slots whose panel members and some room are free, whoever the candidate."""
        if self._ok_cache[0] != self.version:
            ok = sorted(t for pid in self.panel_order for t in self.free[pid]
                        if self._fits(None, self.term_of[(pid, t)], t, t + self.slot))
            self._ok_cache = (self.version, ok)
        return self._ok_cache[1]

    # -- bookings -----------------------------------------------------------------------

    def _book(self, iv: Interview) -> None:
        start, end, pid = iv.start, iv.start + iv.duration, iv.panel_id
        for key in ("c:" + iv.candidate_id, "r:" + iv.room, "p:" + pid,
                    *("a:" + m for m in iv.members)):
            self.busy.add(key, start, end)
        free = self.free.get(pid, [])
        del free[bisect_left(free, start - self.slot + 1):bisect_left(free, end)]
        self.occupant[(pid, start)] = iv.candidate_id
        self.interviews[iv.candidate_id] = iv
        self.load[pid] += 1
        self.version += 1

    def _unbook(self, cid: str) -> Interview:
        iv = self.interviews.pop(cid)
        start, end, pid = iv.start, iv.start + iv.duration, iv.panel_id
        for key in ("c:" + cid, "r:" + iv.room, "p:" + pid, *("a:" + m for m in iv.members)):
            self.busy.remove(key, start, end)
        grid, free = self.grid.get(pid, []), self.free.get(pid, [])
        for t in grid[bisect_left(grid, start - self.slot + 1):bisect_left(grid, end)]:
            if self.busy.is_free("p:" + pid, t, t + self.slot) and t not in self.blocked[pid]:
                insort(free, t)
        for other, aside in self.blocked.items():  # their member or room may be free again
            lo, hi = bisect_left(aside, start - self.slot + 1), bisect_left(aside, end)
            for t in aside[lo:hi]:
                if self.busy.is_free("p:" + other, t, t + self.slot):
                    insort(self.free[other], t)
            del aside[lo:hi]
        del self.occupant[(pid, start)]
        self.load[pid] -= 1
        self.placed_now.discard(cid)
        self.version += 1
        return iv

    def _book_seat(self, seat: Seat, sitting: Sitting) -> None:
        self.busy.add("c:" + seat.candidate_id, sitting.start, sitting.span.end)
        self.seats.setdefault(seat.candidate_id, []).append(seat)
        self.taken.setdefault(sitting.id, set()).add(seat.seat)
        self.version += 1

    def _next_seat(self, sitting_id: str) -> int | None:
        heap, taken = self.seat_heap[sitting_id], self.taken[sitting_id]
        while heap and heap[0] in taken:
            heapq.heappop(heap)
        return heap[0] if heap else None

    def _covered(self, cid: str) -> set[str]:
        by_id = self.setup.sitting_by_id
        return {s for seat in self.seats.get(cid, ()) for s in by_id[seat.sitting_id].subjects}

    def _missing(self, cid: str) -> list[str]:
        covered = self._covered(cid)
        return [s for s in self.setup.subjects if s not in covered]

    # -- the result ---------------------------------------------------------------------

    def _outcome(self) -> Outcome:
        by_id = self.setup.sitting_by_id
        seats = sorted((s for group in self.seats.values() for s in group),
                       key=lambda s: (by_id[s.sitting_id].start, s.sitting_id, s.seat))
        interviews = sorted(self.interviews.values(),
                            key=lambda i: (i.start, self.panel_order.index(i.panel_id)
                                           if i.panel_id in self.panel_order else -1,
                                           i.candidate_id))
        plan = Plan(tuple(seats), tuple(interviews))
        return Outcome(self.setup, self.cands, plan, tuple(sorted(self.unplaced)),
                       tuple(moved_candidates(self.prior, plan)),
                       tuple(check_plan(self.setup, self.cands, plan)), tuple(self.refused))


def moved_candidates(before: Plan, after: Plan) -> list[str]:
    """Candidates with an appointment in ``before`` that is not the same in ``after``: an
    interview at another time, room or panel (a change of members alone is no move), a seat
    in another sitting or at another number, or an appointment gone. Gaining an appointment
    is no move."""
    new_places = {i.candidate_id: i.place for i in after.interviews}
    new_seats = {(s.candidate_id, s.sitting_id, s.seat) for s in after.seats}
    moved = {i.candidate_id for i in before.interviews
             if new_places.get(i.candidate_id) != i.place}
    moved |= {s.candidate_id for s in before.seats
              if (s.candidate_id, s.sitting_id, s.seat) not in new_seats}
    return sorted(moved)
