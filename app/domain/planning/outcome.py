"""What a planning run returns: the plan, who could not be placed and why, who moved."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from .model import Plan, PlanCandidate, Setup
from .rules import Violation


class Reason(StrEnum):
    FULL = "full"  # no free interview slot with a free panel and room
    AFTER_WRITTEN = "after_written"  # free slots, but none after the candidate's written tests
    UNAVAILABLE = "unavailable"  # free slots after the written tests, all declared unavailable
    NO_SEAT = "no_seat"  # a free mover has no seat for a subject (detail: the subject)
    NO_PANEL = "no_panel"
    MOVE_REFUSED = "move_refused"  # in Outcome.refused: a requested move was not made


@dataclass(frozen=True, order=True)
class Unplaced:
    label: str
    candidate_id: str
    reason: Reason
    detail: str = ""


@dataclass(frozen=True)
class Outcome:
    """``setup`` and ``candidates`` are after the changes (what to store); ``moved`` lists the
    candidates one of whose appointments in the plan given changed (or went)."""

    setup: Setup
    candidates: Mapping[str, PlanCandidate]
    plan: Plan
    unplaced: tuple[Unplaced, ...]
    moved: tuple[str, ...]
    violations: tuple[Violation, ...]
    refused: tuple[Unplaced, ...] = ()  # requested moves not made (the candidate kept a place)

    def summary(self) -> list[str]:
        """One line per kind of trouble, in plain words, with what to do about it."""
        return summarise(self.setup, (*self.unplaced, *self.refused))


def _n(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _labels(items: list[Unplaced], limit: int = 10) -> str:
    names = [u.label for u in items[:limit]]
    return ", ".join(names) + (f" and {len(items) - limit} more" if len(items) > limit else "")


def half_day_capacity(setup: Setup) -> int:
    """Interviews that one more half-day would hold with the current panels."""
    if not setup.days:
        return 0
    day = setup.days[0]
    minutes = sum(s.end - s.start for s in day.open_spans()) // 2
    return (minutes // setup.slot_minutes) * len(setup.panel_ids())


def summarise(setup: Setup, unplaced: tuple[Unplaced, ...]) -> list[str]:
    by: dict[tuple[Reason, str], list[Unplaced]] = defaultdict(list)
    for u in unplaced:
        key = (u.reason, u.detail if u.reason == Reason.NO_SEAT else "")
        by[key].append(u)
    lines = []
    for (reason, detail), items in sorted(by.items()):
        n = len(items)
        if reason == Reason.FULL:
            lines.append(f"{_n(n, 'candidate does', 'candidates do')} not fit: add a half-day "
                         f"or a panel (a half-day holds {half_day_capacity(setup)} interviews "
                         f"with the current panels): {_labels(items)}")
        elif reason == Reason.AFTER_WRITTEN:
            lines.append(f"{_n(n, 'free mover has', 'free movers have')} no interview slot "
                         f"after their written tests: add interview time after the last "
                         f"sitting: {_labels(items)}")
        elif reason == Reason.UNAVAILABLE:
            lines.append(f"{_n(n, 'candidate is', 'candidates are')} unavailable at every "
                         f"free slot: ask them, or add time: {_labels(items)}")
        elif reason == Reason.NO_SEAT:
            lines.append(f"{_n(n, 'free mover has', 'free movers have')} no seat for {detail}: "
                         f"add a sitting or a larger room: {_labels(items)}")
        elif reason == Reason.NO_PANEL:
            lines.append(f"{_n(n, 'candidate', 'candidates')} cannot be interviewed: add a "
                         "panel of two assessors, one a professor")
        else:
            lines.extend(f"{u.label}: the move was not made: {u.detail}" for u in items)
    return lines
