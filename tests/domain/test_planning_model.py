"""Planning types: the time line, the setup's checks, the unavailable-times column, script
codes."""

import dataclasses
import datetime as dt
import random
from zoneinfo import ZoneInfo

import pytest

from app.domain.candidate import CandidateRecord
from app.domain.enums import CandidateStatus, Role, Track
from app.domain.errors import ValidationError
from app.domain.planning import (
    Interval,
    MissionDay,
    Panel,
    PlanAssessor,
    PlanCandidate,
    Room,
    Seat,
    Setup,
    Sitting,
    at,
    format_unavailable,
    issue_script_codes,
    new_script_code,
    parse_script_code,
    parse_unavailable,
)
from app.domain.planning.sample import sample_setup
from app.domain.planning.script_codes import ALPHABET, is_script_code
from app.domain.planning.timeline import from_datetime, to_datetime

D = dt.date(2027, 3, 2)


def test_mission_minutes_round_trip_through_aware_datetimes():
    tz = ZoneInfo("Asia/Kolkata")
    minute = at(D, "09:30")
    aware = to_datetime(minute, tz)
    assert aware.isoformat() == "2027-03-02T09:30:00+05:30"
    assert from_datetime(aware, tz) == minute
    assert from_datetime(aware.astimezone(dt.UTC), tz) == minute  # 04:00 UTC is 09:30 there


def test_a_day_whose_hours_hold_a_clock_change_is_refused():
    setup = sample_setup(days=1)
    # Mexico City has no DST since 2022; New York changes on 2027-03-14 at 02:00.
    day = MissionDay(dt.date(2027, 3, 14), 0, 12 * 60)
    with pytest.raises(ValidationError, match="clocks change"):
        dataclasses.replace(setup, timezone="America/New_York", days=(day,), sittings=())
    dataclasses.replace(setup, timezone="America/New_York", days=(
        MissionDay(dt.date(2027, 3, 14), 9 * 60, 18 * 60),), sittings=())


def test_unknown_time_zone_is_refused():
    with pytest.raises(ValidationError, match="time zone"):
        dataclasses.replace(sample_setup(days=1), timezone="Mars/Olympus")


def test_mission_day_open_spans_leave_out_breaks():
    day = MissionDay(D, 9 * 60, 18 * 60, ((12 * 60, 13 * 60),))
    assert day.open_spans() == [Interval(at(D, "09:00"), at(D, "12:00")),
                                Interval(at(D, "13:00"), at(D, "18:00"))]
    with pytest.raises(ValidationError, match="break"):
        MissionDay(D, 9 * 60, 18 * 60, ((8 * 60, 10 * 60),))
    with pytest.raises(ValidationError, match="opening hours"):
        MissionDay(D, 18 * 60, 9 * 60)


def _team():
    return (PlanAssessor("chair", "Chair", Role.PROFESSOR, is_chair=True),
            PlanAssessor("p", "Prof", Role.PROFESSOR),
            PlanAssessor("r1", "Rep 1", Role.REPRESENTATIVE),
            PlanAssessor("r2", "Rep 2", Role.REPRESENTATIVE))


def _setup(*panels, sittings=()):
    return Setup("Asia/Kolkata", (MissionDay(D),), (Room("A"), Room("Hall", 50)), _team(),
                 panels, 30, sittings)


def test_a_panel_is_two_assessors_with_a_professor_and_the_chair_may_sit():
    _setup(Panel("P1", ("chair", "r1")), Panel("P2", ("p", "r2")))  # the chair sits
    with pytest.raises(ValidationError, match="at least two"):
        _setup(Panel("P1", ("p",)))
    with pytest.raises(ValidationError, match="at least two"):
        _setup(Panel("P1", ("p", "p")))
    with pytest.raises(ValidationError, match="professor"):
        _setup(Panel("P1", ("r1", "r2")))
    with pytest.raises(ValidationError, match="unknown assessor"):
        _setup(Panel("P1", ("p", "ghost")))
    with pytest.raises(ValidationError, match="two memberships at once"):
        _setup(Panel("P1", ("p", "r1")), Panel("P1", ("p", "r2"), since=at(D, "12:00")))


def test_a_sitting_needs_a_known_room_and_invigilators():
    with pytest.raises(ValidationError, match="no room named Gym"):
        _setup(sittings=(Sitting("S", at(D, "09:00"), 60, "Gym", ("maths",)),))
    with pytest.raises(ValidationError, match="unknown invigilator"):
        _setup(sittings=(Sitting("S", at(D, "09:00"), 60, "Hall", ("maths",), ("x",)),))
    setup = _setup(sittings=(Sitting("S", at(D, "09:00"), 60, "Hall", ("maths",), (), 80),))
    assert setup.seats_in(setup.sittings[0]) == 50  # the room is smaller than asked


def test_parse_unavailable_reads_days_and_spans_merged_and_sorted():
    spans = parse_unavailable("2027-03-03; 2027-03-02 09:00-12:00 ;2027-03-02 11:00-13:30;")
    assert spans == (Interval(at(D, "09:00"), at(D, "13:30")),
                     Interval(at(D + dt.timedelta(1), 0), at(D + dt.timedelta(2), 0)))
    assert parse_unavailable("") == () and parse_unavailable(None) == ()
    assert parse_unavailable("2027-03-02 14:00-24:00") == (
        Interval(at(D, "14:00"), at(D, "24:00")),)


@pytest.mark.parametrize("text,message", [
    ("2027-02-30", "item 1 '2027-02-30': 2027-02-30 is not a date"),
    ("2027-03-02; 2027-03-02 12:00-09:00", "item 2 '2027-03-02 12:00-09:00': 09:00 is not "
     "after 12:00"),
    ("2027-03-02 9h-12h", "item 1 '2027-03-02 9h-12h': '9h' is not a time of day"),
    ("tomorrow", "item 1 'tomorrow': write YYYY-MM-DD or YYYY-MM-DD HH:MM-HH:MM"),
    ("2027-03-02 09:00-25:00", "'25:00' is not a time of day"),
])
def test_parse_unavailable_errors_name_the_item(text, message):
    with pytest.raises(ValidationError) as err:
        parse_unavailable(text)
    assert message in str(err.value)


def test_unavailable_column_round_trips():
    text = "2027-03-02 09:00-12:00; 2027-03-03; 2027-03-04; 2027-03-05 14:00-24:00"
    assert format_unavailable(parse_unavailable(text)) == text


def test_script_codes_are_random_readable_and_checked():
    rng = random.Random(7)
    codes = [new_script_code(rng) for _ in range(2000)]
    assert all(len(c) == 7 and c[3] == "-" for c in codes)
    assert all(ch in ALPHABET for c in codes for ch in c.replace("-", ""))
    for look_alike in ("0ODQ", "1IL", "2Z", "5S", "8B", "6G", "UV"):
        assert len(set(look_alike) & set(ALPHABET)) <= 1
    assert len(set(codes)) > 1990  # random, not sequential
    assert all(parse_script_code(c) == c for c in codes)
    assert parse_script_code(codes[0].lower().replace("-", " ")) == codes[0]
    assert is_script_code(new_script_code())  # the secrets path


def test_every_single_typo_and_every_swap_is_caught():
    code = parse_script_code(new_script_code(random.Random(1)))
    raw = code.replace("-", "")
    for i in range(len(raw)):
        for ch in ALPHABET:
            if ch != raw[i]:
                assert not is_script_code(raw[:i] + ch + raw[i + 1:])
        for j in range(i + 1, len(raw)):
            if raw[i] != raw[j]:
                swapped = list(raw)
                swapped[i], swapped[j] = swapped[j], swapped[i]
                assert not is_script_code("".join(swapped))


def test_script_code_errors_say_what_is_wrong():
    with pytest.raises(ValidationError, match="'O' is not used"):
        parse_script_code("7KX-4MO")
    with pytest.raises(ValidationError, match="6 characters"):
        parse_script_code("7KX-4M")
    good = new_script_code(random.Random(3))
    bad = good[:-1] + next(ch for ch in ALPHABET if ch != good[-1])
    with pytest.raises(ValidationError, match="check for a typo"):
        parse_script_code(bad)


def test_issued_script_codes_are_unique_in_the_mission_and_kept():
    class Repeating(random.Random):
        """Draws the same code twice in a row, to prove the redraw."""

        def __init__(self):
            super().__init__(5)
            self.calls = 0

        def choice(self, seq):
            self.calls += 1
            if self.calls == 6:  # the second code starts over: same draws as the first
                self.seed(5)
            return super().choice(seq)

    seats = [Seat(f"c{i}", "maths", i + 1) for i in range(3)]
    seats[1] = dataclasses.replace(seats[1], script_code="KEP-T3X")
    out = issue_script_codes(seats, taken={"HHH-HHH"}, rng=Repeating())
    codes = [s.script_code for s in out]
    assert codes[1] == "KEP-T3X" and len(set(codes)) == 3 and "HHH-HHH" not in codes
    assert all(is_script_code(c) for c in (codes[0], codes[2]))


def test_a_plan_candidate_from_an_imported_record():
    record = CandidateRecord(application_number="APP-7", family_name="Nguyễn",
                             track=Track.FREE_MOVER)
    spans = parse_unavailable("2027-03-02")
    c = PlanCandidate.from_record("id7", record, spans)
    assert (c.id, c.label, c.sits_written, c.unavailable, c.active) == (
        "id7", "APP-7", True, spans, True)
    gone = record.model_copy(update={"status": CandidateStatus.WITHDRAWN})
    assert not PlanCandidate.from_record("id7", gone).active
