"""Changes in the field, given to the scheduler to re-plan: a no-show, a walk-in, a manual
move, a panel change, an ill assessor, a lost room, a withdrawal.

`apply_changes` turns them into a new setup and candidate list (what the desk stores) plus what
the scheduler must release or pin; the scheduler then repairs the plan around them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..errors import ValidationError
from .model import FOREVER, Closure, Panel, PlanCandidate, Setup
from .timeline import Interval


@dataclass(frozen=True)
class NoShow:
    """The candidate missed their interview: the next free slot from ``at``."""

    candidate_id: str
    at: int


@dataclass(frozen=True)
class WalkIn:
    """A candidate not on the list turns up: placed from ``at``."""

    candidate: PlanCandidate
    at: int


@dataclass(frozen=True)
class Move:
    """The chair puts a candidate's interview at ``start`` with panel ``panel_id``; whoever
    it displaces is re-placed."""

    candidate_id: str
    panel_id: str
    start: int


@dataclass(frozen=True)
class PanelChange:
    """From ``at``, panel ``panel_id`` sits with ``members`` (none: it stops). A new id adds a
    panel."""

    panel_id: str
    members: tuple[str, ...]
    at: int
    room: str | None = None


@dataclass(frozen=True)
class IllAssessor:
    assessor_id: str
    span: Interval


@dataclass(frozen=True)
class LostRoom:
    room: str
    span: Interval


@dataclass(frozen=True)
class Withdrawal:
    candidate_id: str


Change = NoShow | WalkIn | Move | PanelChange | IllAssessor | LostRoom | Withdrawal


@dataclass
class Applied:
    setup: Setup
    candidates: dict[str, PlanCandidate]
    released: set[str] = field(default_factory=set)  # interviews to re-place whatever happens
    pins: dict[str, Move] = field(default_factory=dict)


def apply_changes(setup: Setup, candidates: dict[str, PlanCandidate],
                  changes: Iterable[Change]) -> Applied:
    out = Applied(setup, dict(candidates))
    for change in changes:
        _apply(out, change)
    return out


def _candidate(out: Applied, cid: str) -> PlanCandidate:
    try:
        return out.candidates[cid]
    except KeyError:
        raise ValidationError(f"no candidate {cid} in this mission") from None


def _apply(out: Applied, change: Change) -> None:
    match change:
        case NoShow(cid, at):
            c = _candidate(out, cid)
            out.candidates[cid] = dataclasses.replace(c, not_before=max(c.not_before, at))
            out.released.add(cid)
            out.pins.pop(cid, None)
        case WalkIn(c, at):
            if c.id in out.candidates:
                raise ValidationError(f"candidate {c.label} is already in the mission")
            out.candidates[c.id] = dataclasses.replace(c, not_before=max(c.not_before, at))
        case Move(cid, panel_id, _):
            _candidate(out, cid)
            if panel_id not in out.setup.panel_ids():
                raise ValidationError(f"no panel {panel_id}")
            out.pins[cid] = change
        case PanelChange(panel_id, members, at, room):
            out.setup = _change_panel(out.setup, panel_id, tuple(members), at, room)
        case IllAssessor(aid, span):
            if aid not in out.setup.roles:
                raise ValidationError(f"no assessor {aid}")
            out.setup = dataclasses.replace(
                out.setup, absences=(*out.setup.absences, Closure(aid, span)))
        case LostRoom(room, span):
            if room not in out.setup.room_names:
                raise ValidationError(f"no room named {room}")
            out.setup = dataclasses.replace(
                out.setup, room_closures=(*out.setup.room_closures, Closure(room, span)))
        case Withdrawal(cid):
            out.candidates[cid] = dataclasses.replace(_candidate(out, cid), active=False)
            out.pins.pop(cid, None)
        case _:
            raise ValidationError(f"unknown change {change!r}")


def _change_panel(setup: Setup, panel_id: str, members: tuple[str, ...], at: int,
                  room: str | None) -> Setup:
    panels: list[Panel] = []
    last_room = ""
    for p in setup.panels:
        if p.id != panel_id:
            panels.append(p)
            continue
        last_room = p.room
        if p.until <= at:
            panels.append(p)
        elif p.since < at:
            panels.append(dataclasses.replace(p, until=at))
        # a term starting after the change is replaced by it
    if members:
        panels.append(Panel(panel_id, members, last_room if room is None else room, at, FOREVER))
    return dataclasses.replace(setup, panels=tuple(panels))
