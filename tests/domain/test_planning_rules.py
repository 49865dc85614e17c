"""Each planning rule, on a small mission: it holds on a good plan and names what is wrong."""

import dataclasses
import datetime as dt

import pytest

from app.domain.enums import Role, Track
from app.domain.planning import (
    Closure,
    Interval,
    Interview,
    MissionDay,
    Panel,
    Plan,
    PlanAssessor,
    PlanCandidate,
    Room,
    Seat,
    Setup,
    Sitting,
    at,
    check_plan,
    rules,
)

D = dt.date(2027, 3, 2)
TEAM = (PlanAssessor("chair", "Dr Chair", Role.PROFESSOR, is_chair=True),
        PlanAssessor("p", "Dr Prof", Role.PROFESSOR),
        PlanAssessor("r1", "Ms Rep", Role.REPRESENTATIVE),
        PlanAssessor("r2", "Mr Rep", Role.REPRESENTATIVE))
SETUP = Setup(
    "Asia/Kolkata", (MissionDay(D, 9 * 60, 18 * 60, ((12 * 60, 13 * 60),)),),
    (Room("A"), Room("B"), Room("Hall", 3)), TEAM,
    (Panel("P1", ("p", "r1"), "A"), Panel("P2", ("chair", "r2"), "B")), 30,
    (Sitting("maths", at(D, "09:00"), 60, "Hall", ("maths",), ("chair",)),
     Sitting("physics", at(D, "10:00"), 60, "Hall", ("physics",), ("chair",))),
    ("maths", "physics"))
FM = PlanCandidate("fm", "APP-1", Track.FREE_MOVER)
DD = PlanCandidate("dd", "APP-2", Track.DOUBLE_DEGREE)
CANDS = {"fm": FM, "dd": DD}


def iv(cid, hhmm, panel="P1", room=None, members=None):
    term = {"P1": ("p", "r1"), "P2": ("chair", "r2")}[panel]
    return Interview(cid, at(D, hhmm), 30, room or {"P1": "A", "P2": "B"}[panel], panel,
                     members or term)


GOOD = Plan((Seat("fm", "maths", 1), Seat("fm", "physics", 1)),
            (iv("fm", "11:00"), iv("dd", "09:00", "P1")))


def test_a_good_plan_breaks_no_rule():
    assert check_plan(SETUP, CANDS, GOOD) == []


def test_an_assessor_in_two_places_at_once():
    # The chair invigilates maths at 09:00 and would sit on panel P2 at the same time.
    plan = dataclasses.replace(GOOD, interviews=(iv("fm", "11:00"), iv("dd", "09:30", "P2")))
    found = rules.double_bookings(SETUP, CANDS, plan)
    assert [v.message for v in found] == [
        "Dr Chair is in two places at once: sitting maths (2027-03-02 09:00, Hall) and the "
        "interview at 2027-03-02 09:30 B panel P2"]
    assert found[0].candidate_ids == ("dd",)


def test_a_candidate_and_a_room_in_two_places_at_once():
    both = Plan(GOOD.seats, (iv("fm", "11:00"), iv("dd", "11:00", "P2", room="A")))
    found = {v.message.split(" is ")[0] for v in rules.double_bookings(SETUP, CANDS, both)}
    assert found == {"room A"}
    twice = Plan(GOOD.seats, (iv("fm", "09:30"),))  # during the maths sitting
    assert [v.candidate_ids for v in rules.double_bookings(SETUP, CANDS, twice)] == [("fm",)]


def test_free_movers_sit_every_subject_before_their_interview():
    early = Plan(GOOD.seats, (iv("fm", "10:30"),))
    assert [v.message for v in rules.written_before_interview(SETUP, CANDS, early)] == [
        "APP-1: sitting physics ends after the interview at 2027-03-02 10:30"]
    missing = Plan(GOOD.seats[:1], (iv("fm", "11:00"),))
    assert [v.message for v in rules.written_before_interview(SETUP, CANDS, missing)] == [
        "APP-1: no sitting for physics before the interview"]


def test_unavailable_times_of_candidates_rooms_and_assessors():
    cands = {**CANDS, "fm": dataclasses.replace(
        FM, unavailable=(Interval(at(D, "11:10"), at(D, "11:15")),))}
    found = rules.unavailable_times(SETUP, cands, GOOD)
    assert [v.message for v in found] == [
        "APP-1 is unavailable 2027-03-02 11:10-11:15: interview at 2027-03-02 11:00"]
    lost = dataclasses.replace(SETUP, room_closures=(Closure("A", Interval(at(D, "08:00"),
                                                                           at(D, "09:30"))),),
                               absences=(Closure("r1", Interval(at(D, "10:00"),
                                                                at(D, "18:00"))),))
    found = rules.unavailable_times(lost, CANDS, GOOD)
    assert sorted(v.message for v in found) == [
        "Ms Rep is away 2027-03-02 10:00-18:00: interview of APP-1",
        "room A is closed 2027-03-02 08:00-09:30: interview of APP-2"]


def test_double_degree_candidates_sit_no_written_test():
    plan = Plan((*GOOD.seats, Seat("dd", "maths", 2)), GOOD.interviews)
    assert [v.candidate_ids for v in rules.double_degree(CANDS, plan)] == [("dd",)]
    assert rules.double_degree(CANDS, GOOD) == []


def test_room_capacity_and_seat_numbers():
    cands = {f"c{i}": PlanCandidate(f"c{i}", f"APP-{i}", Track.FREE_MOVER) for i in range(4)}
    full = Plan(tuple(Seat(f"c{i}", "maths", i + 1) for i in range(4)))
    assert [v.message for v in rules.room_capacity(SETUP, full)] == [
        "sitting maths seats 4 in Hall, which holds 3",
        "sitting maths: seat numbers must be distinct, from 1 to 3"]
    same = Plan((Seat("c0", "maths", 1), Seat("c1", "maths", 1)))
    assert [v.rule for v in rules.room_capacity(SETUP, same)] == [rules.CAPACITY]
    assert check_plan(SETUP, cands, Plan(full.seats[:3])) == []


@pytest.mark.parametrize("hhmm", ["08:30", "11:45", "17:45", "18:00"])
def test_interviews_lie_within_opening_hours_and_outside_breaks(hhmm):
    plan = Plan((), (iv("dd", hhmm),))
    assert [v.rule for v in rules.within_hours(SETUP, plan)] == [rules.HOURS]


def test_interviews_have_their_panels_members():
    odd = Plan((), (iv("dd", "14:00", members=("p", "r2")),))
    assert [v.rule for v in rules.panels(SETUP, odd)] == [rules.PANEL]
    ended = dataclasses.replace(SETUP, panels=(
        Panel("P1", ("p", "r1"), "A", until=at(D, "13:00")), SETUP.panels[1]))
    assert [v.message for v in rules.panels(ended, Plan((), (iv("dd", "14:00"),)))] == [
        "no panel P1 at 2027-03-02 14:00"]


def test_references_to_unknown_things_and_two_interviews():
    plan = Plan((Seat("ghost", "chemistry", 1),),
                (iv("dd", "14:00"), iv("dd", "15:00"), iv("fm", "16:00", room="Z")))
    assert sorted(v.message for v in rules.references(SETUP, CANDS, plan)) == [
        "APP-1: no room named Z", "APP-2 has two interviews", "ghost: no sitting chemistry",
        "seat for unknown candidate ghost"]
