"""Bounds of the plan's synced fields (interview duration, seat, script code, anonymity),
checked alike by the desk before an edit is saved and by the server on what a desk sends."""

from __future__ import annotations

from .errors import ValidationError
from .mission import MissionConfig
from .planning.script_codes import parse_script_code

MAX_DURATION = 600  # minutes
MAX_SITTING = 40
MAX_SEAT = 100_000


def check_duration(value: object) -> int:
    """Interview minutes; 0 means the mission's slot length."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_DURATION:
        raise ValidationError(f"an interview lasts 0 to {MAX_DURATION} minutes "
                              "(0: the mission's slot length)")
    return value


def check_sitting(value: object, config: MissionConfig | None = None) -> str:
    """A sitting's id; one of the mission's sittings once the mission is planned."""
    if not isinstance(value, str) or not 0 < len(value) <= MAX_SITTING:
        raise ValidationError(f"a sitting is named by an id of at most {MAX_SITTING} characters")
    planning = config.planning if config is not None else None
    if planning is not None and planning.sittings and value not in {
            s.id for s in planning.sittings}:
        raise ValidationError(f"the mission has no sitting '{value}'")
    return value


def check_seat_number(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_SEAT:
        raise ValidationError(f"a seat is a number from 0 to {MAX_SEAT:,}")
    return value


def check_script_code(value: object) -> str:
    """'' (no code yet) or a valid script code, returned in its printed form."""
    if not isinstance(value, str) or len(value) > 16:
        raise ValidationError("a script code is short text like 7KX-4MR")
    return parse_script_code(value) if value else ""


def names_hidden(config: MissionConfig, subject: str, lifted: set[str]) -> bool:
    """Whether a subject's scripts show codes instead of names: anonymous marking is on and
    the chair has not lifted it for that subject (``lifted``: the subjects lifted)."""
    return config.anonymous_marking and subject not in lifted


def check_subject(value: object, config: MissionConfig) -> str:
    if not isinstance(value, str) or value not in {s.key for s in config.subjects}:
        raise ValidationError(f"the mission has no written-test subject '{value}'")
    return value


def check_lifted(value: object) -> bool:
    if not isinstance(value, bool):
        raise ValidationError("anonymity is lifted (true) or not (false)")
    return value
