from decimal import Decimal as D

import pytest

from app.domain.errors import ValidationError
from app.domain.marks import (
    ABSENT,
    mark_from_wire,
    mark_to_wire,
    needs_third_reading,
    parse_mark,
    subject_result,
    validate_mark,
)
from app.domain.mission import MissionConfig, Subject

MATHS = MissionConfig().subject("maths")


@pytest.mark.parametrize("typed,expected", [
    ("12", D(12)), ("12.25", D("12.25")), ("12,5", D("12.5")), (" 0 ", D(0)), ("20", D(20)),
    ("abs", ABSENT), ("ABS", ABSENT), ("absent", ABSENT), ("12.50", D("12.5")),
])
def test_parse_accepts_marks_and_absent(typed, expected):
    assert parse_mark(typed, MATHS) == expected


@pytest.mark.parametrize("typed,reason", [
    ("20.25", "out of range"), ("-1", "out of range"), ("12.3", "multiple of 0.25"),
    ("douze", "not a mark"), ("", "not a mark"), ("nan", "not a mark"),
    ("1e400", "not a mark"),
])
def test_parse_refuses_with_reason(typed, reason):
    with pytest.raises(ValidationError, match=reason):
        parse_mark(typed, MATHS)


@pytest.mark.parametrize("typed,reason", [
    ("-0", "out of range"), ("-0.0", "out of range"), ("+12", "out of range"),
    ("1e-999999999", "not a mark"), ("1E1", "not a mark"), ("١٢", "not a mark"),
    ("१२", "not a mark"), ("１２", "not a mark"), ("NaN", "not a mark"), ("inf", "not a mark"),
    ("-inf", "not a mark"), ("Infinity", "not a mark"), ("12.5.5", "not a mark"),
    ("12 5", "not a mark"), ("0x10", "not a mark"), ("1_0", "not a mark"),
    ("0" * 17, "at most 16"), ("12\x00", "not a mark"), (1e-300, "not a mark"),
    (True, "number"), (None, "number"), ([12], "number"),
])
def test_one_rule_for_mark_text_refuses_the_edges(typed, reason):
    """The grammar the desk applies to what a marker types is the server's for what a desk
    sends (validate_mark routes text through parse_mark)."""
    with pytest.raises(ValidationError, match=reason):
        parse_mark(typed, MATHS)
    with pytest.raises(ValidationError):
        validate_mark(typed, MATHS)


@pytest.mark.parametrize("typed,wire", [
    ("012", "12"), ("12.", "12"), (".5", "0.5"), (",75", "0.75"), ("0.000", "0"), (12, "12"),
    (12.5, "12.5"), ("20.00", "20"), ("Abs", "absent"), ("0", "0"),
])
def test_one_rule_for_mark_text_normalises_one_spelling(typed, wire):
    assert mark_to_wire(parse_mark(typed, MATHS)) == wire
    assert mark_to_wire(validate_mark(typed, MATHS)) == wire


def test_a_negative_zero_decimal_is_refused_too():
    with pytest.raises(ValidationError, match="out of range"):
        validate_mark(D("-0"), MATHS)


def test_step_and_maximum_come_from_the_subject():
    half = Subject(key="lab", label="Lab", max_mark=D(10), step=D("0.5"))
    assert parse_mark("9.5", half) == D("9.5")
    with pytest.raises(ValidationError):
        parse_mark("9.25", half)
    with pytest.raises(ValidationError):
        parse_mark("10.5", half)


def test_wire_round_trip_is_exact():
    for v in (D("12.25"), D(0), D(20), ABSENT):
        assert mark_from_wire(mark_to_wire(v)) == v
    assert mark_to_wire(D("12.50")) == "12.5"
    assert mark_to_wire(None) is None


def test_third_reading_threshold_is_strict():
    assert not needs_third_reading([D(10), D(13)], D(3))
    assert needs_third_reading([D(10), D("13.25")], D(3))
    assert needs_third_reading([ABSENT, D(5)], D(3))
    assert not needs_third_reading([D(10)], D(3))


def test_subject_result():
    assert subject_result([]) is None
    assert subject_result([ABSENT, ABSENT]) == ABSENT
    assert subject_result([D(10), D(11)]) == D("10.5")
