"""The scheduler's properties on small missions: everyone placed, balanced, deterministic,
unplaceable named, stable under each kind of change, frozen appointments kept."""

import dataclasses
import datetime as dt
from collections import Counter

import pytest

from app.domain.enums import Track
from app.domain.planning import (
    IllAssessor,
    Interval,
    LostRoom,
    Move,
    NoShow,
    PanelChange,
    Plan,
    PlanCandidate,
    Reason,
    Sitting,
    WalkIn,
    Withdrawal,
    at,
    check_plan,
    moved_candidates,
    schedule,
)
from app.domain.planning.sample import FIRST_DAY, sample_candidates, sample_setup

D1, D2 = FIRST_DAY, FIRST_DAY + dt.timedelta(days=1)
# 2 panels x 2 days x 18 slots = 72; prof3 and rep3 sit on no panel (substitutes).
SETUP = dataclasses.replace(_three := sample_setup(days=2, panels=3, slot=30),
                            panels=_three.panels[:2])
# Panel P1's chair invigilates the morning sittings of day 1: P1 starts at 12:30 that day.
SLOTS = 72 - 8


def cands(n, *, seed=3, free_movers=0.5, unavailable=0.0):
    return sample_candidates(n, seed=seed, free_movers=free_movers, unavailable=unavailable,
                             days=2)


def plan_of(n=40, **kw):
    people = cands(n, **kw)
    return people, schedule(SETUP, people, seed=1)


def test_everyone_is_placed_by_the_rules_with_balanced_panels():
    people, out = plan_of(60, unavailable=0.2)
    assert out.violations == ()
    # Only those who declared themselves away during a written test miss it, and say so.
    away = {c.id for c in people if any(u.overlaps(s.span) for u in c.unavailable
                                        for s in SETUP.sittings) and c.sits_written}
    assert away and {u.candidate_id for u in out.unplaced} == away
    assert {u.reason for u in out.unplaced} == {Reason.NO_SEAT}
    assert {i.candidate_id for i in out.plan.interviews} == {c.id for c in people} - away
    people = [c for c in people if c.id not in away]
    for c in people:
        seats = out.plan.seats_of(c.id)
        if c.track == Track.FREE_MOVER:
            assert sorted(s.sitting_id for s in seats) == ["maths", "physics", "specialty"]
        else:
            assert seats == ()
    rooms = {i.panel_id: {i.room} for i in out.plan.interviews}
    assert rooms == {"P1": {"Room 1"}, "P2": {"Room 2"}}  # each panel keeps its room


@pytest.mark.parametrize("count", [10, 41, 56])
def test_panels_are_balanced(count):
    out = schedule(SETUP, cands(count), seed=2)
    loads = Counter(i.panel_id for i in out.plan.interviews)
    assert out.unplaced == () and max(loads.values()) - min(loads.values()) <= 1


def test_same_inputs_and_seed_give_the_same_plan():
    people = cands(50)
    assert schedule(SETUP, people, seed=4) == schedule(SETUP, people, seed=4)
    assert schedule(SETUP, people, seed=4).plan != schedule(SETUP, people, seed=5).plan


def test_who_does_not_fit_is_named_with_what_to_add():
    people = cands(SLOTS + 14, free_movers=0.0)
    out = schedule(SETUP, people, seed=1)
    assert len(out.plan.interviews) == SLOTS
    assert [u.reason for u in out.unplaced] == [Reason.FULL] * 14
    assert out.summary()[0].startswith(
        "14 candidates do not fit: add a half-day or a panel (a half-day holds 18 interviews "
        "with the current panels): APP-")
    more = schedule(SETUP, people, out.plan, [PanelChange("P3", ("prof3", "rep3"), at(D2, 0))],
                    seed=1)
    assert more.unplaced == () and more.moved == ()  # a third panel on day 2 takes them


def test_unavailable_at_every_free_slot_is_named():
    people = cands(10, free_movers=0.0)
    away = PlanCandidate("x", "APP-X", Track.DOUBLE_DEGREE,
                         (Interval(at(D1, 0), at(D2 + dt.timedelta(days=1), 0)),))
    out = schedule(SETUP, [*people, away], seed=1)
    assert [(u.label, u.reason) for u in out.unplaced] == [("APP-X", Reason.UNAVAILABLE)]
    assert out.summary() == ["1 candidate is unavailable at every free slot: ask them, or "
                             "add time: APP-X"]


def test_free_movers_without_a_seat_or_a_slot_after_their_written_tests():
    small = dataclasses.replace(SETUP, rooms=(*SETUP.rooms[:-1], dataclasses.replace(
        SETUP.rooms[-1], capacity=5)))
    out = schedule(small, cands(20, free_movers=1.0), seed=1)
    assert Counter(u.reason for u in out.unplaced) == {Reason.NO_SEAT: 15}
    assert out.summary()[0].startswith("15 free movers have no seat for maths: add a sitting")
    assert len(out.plan.interviews) == 5
    late = dataclasses.replace(SETUP, days=SETUP.days[:1], sittings=tuple(
        dataclasses.replace(s, start=s.start + 4 * 60 + 30) for s in SETUP.sittings[:1]),
        subjects=("maths",))  # maths 13:00-15:00 on the only day
    out = schedule(late, cands(30, free_movers=1.0), seed=1)
    assert {u.reason for u in out.unplaced} == {Reason.AFTER_WRITTEN}
    assert all(i.start >= at(D1, "15:00") for i in out.plan.interviews)


def test_no_panel_is_named():
    out = schedule(dataclasses.replace(SETUP, panels=()), cands(3, free_movers=0.0))
    assert {u.reason for u in out.unplaced} == {Reason.NO_PANEL}


def _naive(out, people, changes, **kw):
    """A re-plan from scratch with the same changes (frozen and past appointments kept)."""
    now, frozen = kw.get("now", -1), kw.get("frozen", ())
    keep = Plan(tuple(s for s in out.plan.seats if s.candidate_id in frozen
                      or out.setup.sitting_by_id[s.sitting_id].start < now),
                tuple(i for i in out.plan.interviews
                      if i.candidate_id in frozen or i.start < now))
    return schedule(SETUP, people, keep, changes, seed=99, **kw)


def test_an_ill_panel_member_moves_only_their_interviews():
    people, out = plan_of(50)
    absence = Interval(at(D2, "08:00"), at(D2, "12:30"))
    now = at(D2, "08:00")
    after = schedule(SETUP, people, out.plan, [IllAssessor("rep2", absence)], now=now, seed=1)
    hit = {i.candidate_id for i in out.plan.interviews
           if i.panel_id == "P2" and i.span.overlaps(absence)}
    assert hit and set(after.moved) == hit
    assert after.violations == () and after.unplaced == ()
    naive = _naive(out, people, [IllAssessor("rep2", absence)], now=now)
    assert len(after.moved) < len(moved_candidates(out.plan, naive.plan))
    # A substitute instead: the same slots, the panel's new members, nobody moved.
    swap = schedule(SETUP, people, out.plan, [PanelChange("P2", ("prof2", "rep3"),
                                                          at(D2, "08:00"))], now=now, seed=1)
    assert swap.moved == () and swap.violations == ()
    assert {i.members for i in swap.plan.interviews if i.panel_id == "P2"
            and i.start >= now} == {("prof2", "rep3")}


def test_a_lost_room_moves_its_interviews_to_a_spare_room_at_the_same_time():
    people, out = plan_of(60)
    lost = Interval(at(D2, "13:30"), at(D2, "18:30"))
    after = schedule(SETUP, people, out.plan, [LostRoom("Room 1", lost)], seed=1)
    before = {i.candidate_id: i for i in out.plan.interviews}
    hit = {c for c, i in before.items() if i.room == "Room 1" and i.span.overlaps(lost)}
    assert hit and set(after.moved) == hit and after.violations == ()
    for i in after.plan.interviews:
        assert i.start == before[i.candidate_id].start
        assert i.room == ("Room 3" if i.candidate_id in hit else before[i.candidate_id].room)


def test_a_no_show_takes_the_next_free_slot_and_nobody_else_moves():
    people, out = plan_of(40, free_movers=0.0)
    first = out.plan.interviews[0]
    at_ = first.start + 10
    after = schedule(SETUP, people, out.plan, [NoShow(first.candidate_id, at_)], now=at_,
                     seed=1)
    assert after.moved == (first.candidate_id,)
    mine = after.plan.interview_of(first.candidate_id)
    assert mine.start >= at_ and after.violations == ()
    # Next free slot: at any earlier slot of either panel, the plan would break a rule.
    others = tuple(i for i in after.plan.interviews if i != mine)
    for term in SETUP.panels:
        for t in range(at_ + 20, mine.start, 30):  # the grid: :00 and :30 from 08:30
            there = dataclasses.replace(mine, start=t, panel_id=term.id, members=term.members,
                                        room=f"Room {term.id[1]}")
            assert check_plan(SETUP, after.candidates, Plan(after.plan.seats,
                                                             (*others, there))), t


def test_a_walk_in_is_placed_without_moving_anyone():
    people, out = plan_of(40)
    walk = PlanCandidate("w", "APP-W", Track.DOUBLE_DEGREE)
    now = at(D2, "10:00")
    after = schedule(SETUP, people, out.plan, [WalkIn(walk, now)], now=now, seed=1)
    assert after.moved == () and after.unplaced == ()
    assert after.plan.interview_of("w").start >= now
    assert len(after.plan.interviews) == 41


def test_a_withdrawal_frees_the_slot_and_nobody_else_moves():
    people, out = plan_of(40)
    gone = out.plan.interviews[5].candidate_id
    after = schedule(SETUP, people, out.plan, [Withdrawal(gone)], seed=1)
    assert after.moved == (gone,) and after.plan.interview_of(gone) is None
    assert after.plan.seats_of(gone) == ()


def test_a_move_puts_the_candidate_there_and_re_places_who_was_there():
    people, out = plan_of(40, free_movers=0.0)
    a, b = out.plan.interviews[0], out.plan.interviews[-1]
    after = schedule(SETUP, people, out.plan, [Move(a.candidate_id, b.panel_id, b.start)],
                     seed=1)
    assert after.plan.interview_of(a.candidate_id).place[:1] == (b.start,)
    assert set(after.moved) == {a.candidate_id, b.candidate_id}
    assert after.refused == () and after.violations == () and after.unplaced == ()


@pytest.mark.parametrize("hhmm,why", [("13:00", "outside the opening hours or in a break"),
                                      ("19:00", "outside the opening hours")])
def test_an_impossible_move_is_refused_and_the_candidate_stays(hhmm, why):
    people, out = plan_of(20, free_movers=0.0)
    a = out.plan.interviews[0]
    after = schedule(SETUP, people, out.plan, [Move(a.candidate_id, "P1", at(D2, hhmm))])
    assert after.moved == () and why in after.refused[0].detail
    assert after.summary()[0].startswith(f"{after.refused[0].label}: the move was not made")


def test_frozen_and_started_appointments_never_move():
    people, out = plan_of(40)
    scored = out.plan.interviews[-1]
    lost = Interval(at(D1, 0), at(D2, "23:00"))
    now = at(D2, "10:00")
    after = schedule(SETUP, people, out.plan, [LostRoom(scored.room, lost)], now=now,
                     frozen={scored.candidate_id}, seed=1)
    assert after.plan.interview_of(scored.candidate_id) == scored
    started = [i for i in out.plan.interviews if i.start < now]
    assert all(after.plan.interview_of(i.candidate_id) == i for i in started)
    assert all(i.start >= now for i in after.plan.interviews
               if i not in started and i != scored)
    # Kept where it is, the frozen interview breaks the lost-room rule: reported, not moved.
    assert {v.rule for v in after.violations} == {"unavailable"}
    assert {c for v in after.violations for c in v.candidate_ids} == {
        i.candidate_id for i in (*started, scored) if i.room == scored.room}


def test_local_repair_displaces_a_flexible_candidate_to_place_a_constrained_one():
    """The newcomer can come only at 09:00-09:30 on day 2, a slot that is taken (one panel,
    every slot full but one): the holder moves to the free slot, the newcomer takes theirs."""
    one = dataclasses.replace(SETUP, panels=SETUP.panels[1:], sittings=(), subjects=())
    people = cands(35, free_movers=0.0)
    out = schedule(one, people, seed=1)
    assert out.unplaced == () and len(out.plan.interviews) == 35
    holder = next(i for i in out.plan.interviews if i.start == at(D2, "09:00"))
    narrow = PlanCandidate("n", "APP-N", Track.DOUBLE_DEGREE, (
        Interval(at(D1, 0), at(D2, "09:00")), Interval(at(D2, "09:30"), at(D2, "23:00"))))
    after = schedule(one, [*people, narrow], out.plan, seed=1)
    assert after.unplaced == () and after.violations == ()
    assert after.plan.interview_of("n").start == at(D2, "09:00")
    assert after.moved == (holder.candidate_id,)


def test_written_seats_move_with_their_sitting_and_interviews_stay_after_them():
    two = dataclasses.replace(SETUP, sittings=(*SETUP.sittings, Sitting(
        "maths-2", at(D1, "15:00"), 90, "Hall", ("maths",))))
    people = cands(40, free_movers=1.0)
    out = schedule(two, people, seed=1)
    assert out.violations == () and out.unplaced == ()
    lost = LostRoom("Hall", Interval(at(D1, "08:00"), at(D1, "10:30")))  # no maths at 08:30
    after = schedule(two, people, out.plan, [lost], seed=1)
    assert after.violations == () and after.unplaced == ()
    assert {s.sitting_id for s in after.plan.seats} == {"maths-2", "physics", "specialty"}
    for i in after.plan.interviews:
        assert i.start >= at(D1, "16:30")
    moved_interviews = [c for c in after.moved if after.plan.interview_of(c).place
                        != out.plan.interview_of(c).place]
    assert all(out.plan.interview_of(c).start < at(D1, "16:30") for c in moved_interviews)
    assert check_plan(after.setup, after.candidates, after.plan) == []


def test_an_assessor_on_two_panels_is_never_in_both_at_once():
    shared = dataclasses.replace(SETUP, panels=(*SETUP.panels, dataclasses.replace(
        SETUP.panels[1], id="P3", members=("prof2", "rep3"))), sittings=(), subjects=())
    people = cands(100, free_movers=0.0)
    out = schedule(shared, people, seed=1)
    assert out.violations == ()
    prof2 = sorted(i.start for i in out.plan.interviews if "prof2" in i.members)
    assert len(prof2) == len(set(prof2)) == 36  # every slot of prof2's two days, once
    assert len(out.plan.interviews) == 36 + 36  # and P1's 36 (the chair has no sittings)
    assert {u.reason for u in out.unplaced} == {Reason.FULL}
    # Prof2 falls ill on day 2: neither of their panels sits then.
    ill = IllAssessor("prof2", Interval(at(D2, 0), at(D2, "23:00")))
    after = schedule(shared, people, out.plan, [ill], seed=1)
    assert after.violations == ()
    assert not [i for i in after.plan.interviews if "prof2" in i.members and i.start >= at(D2, 0)]


def test_panels_without_a_room_get_one_by_rank_exam_rooms_last():
    hall_first = dataclasses.replace(SETUP, rooms=(SETUP.rooms[-1], *SETUP.rooms[:-1]))
    out = schedule(hall_first, cands(30), seed=1)
    assert out.violations == ()
    assert {(i.panel_id, i.room) for i in out.plan.interviews} == {("P1", "Room 1"),
                                                                   ("P2", "Room 2")}
