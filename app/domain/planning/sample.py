"""A sample mission setup and candidates (the benchmark, the tests, a demo plan)."""

from __future__ import annotations

import datetime as dt
import random

from ..enums import Role, Track
from .model import MissionDay, Panel, PlanAssessor, PlanCandidate, Room, Setup, Sitting
from .timeline import Interval, at

SUBJECTS = ("maths", "physics", "specialty")
FIRST_DAY = dt.date(2027, 3, 1)


def sample_setup(*, days: int = 5, panels: int = 6, slot: int = 15, hall: int = 800,
                 timezone: str = "Asia/Kolkata", first: dt.date = FIRST_DAY) -> Setup:
    """``days`` days 08:30-18:30 with a lunch break 12:30-13:30; one room per panel and an
    exam hall; panels of a professor and a representative; the chair (a professor) sits on
    the first panel and invigilates the three sittings of the first day's morning."""
    lunch = ((12 * 60 + 30, 13 * 60 + 30),)
    mission_days = tuple(MissionDay(first + dt.timedelta(days=i), 8 * 60 + 30, 18 * 60 + 30,
                                    lunch) for i in range(days))
    assessors = [PlanAssessor("chair", "Chair", Role.PROFESSOR, is_chair=True)]
    for i in range(panels):
        assessors.append(PlanAssessor(f"prof{i + 1}", f"Professor {i + 1}", Role.PROFESSOR))
        assessors.append(PlanAssessor(f"rep{i + 1}", f"Representative {i + 1}",
                                      Role.REPRESENTATIVE))
    rooms = (*(Room(f"Room {i + 1}", 4) for i in range(panels)), Room("Hall", hall))
    team = [Panel("P1", ("chair", "rep1"))] if panels else []
    team += [Panel(f"P{i + 1}", (f"prof{i + 1}", f"rep{i + 1}")) for i in range(1, panels)]
    sittings = (
        Sitting("maths", at(first, "08:30"), 120, "Hall", ("maths",), ("chair",)),
        Sitting("physics", at(first, "10:40"), 110, "Hall", ("physics",), ("chair",)),
        Sitting("specialty", at(first, "13:30"), 90, "Hall", ("specialty",), ("prof1",)),
    )
    return Setup(timezone, mission_days, rooms, tuple(assessors), tuple(team), slot, sittings,
                 SUBJECTS)


def sample_candidates(count: int, *, seed: int = 0, free_movers: float = 0.6,
                      unavailable: float = 0.05, first: dt.date = FIRST_DAY,
                      days: int = 5) -> list[PlanCandidate]:
    """Candidates numbered APP-00001...; some declared unavailable for a half-day."""
    rng = random.Random(seed)
    out = []
    for i in range(count):
        track = Track.FREE_MOVER if rng.random() < free_movers else Track.DOUBLE_DEGREE
        spans = ()
        if rng.random() < unavailable:
            day = first + dt.timedelta(days=rng.randrange(days))
            start = at(day, "08:00") if rng.random() < 0.5 else at(day, "13:00")
            spans = (Interval(start, start + 5 * 60),)
        out.append(PlanCandidate(f"c{i + 1:05d}", f"APP-{i + 1:05d}", track, spans))
    return out
