"""Planning a mission: written-test sittings, script codes and the interview timetable.

Qt-free and shared by desk and server, so both plan with the same code (DESIGN.md §11).

Time zone convention
    Every time is a *mission minute*: an int, ``date.toordinal() * 1440 + minutes since local
    midnight``, on the wall clock of the mission's time zone (``Setup.timezone``, an IANA name).
    Overlaps are integer comparisons. `timeline.to_datetime` gives the aware datetime for an
    export with an offset or a calendar; `timeline.from_datetime` reads one back. A day whose
    opening hours would contain a daylight-saving change is refused by `Setup`, so wall-clock
    minutes are real minutes wherever appointments lie.

Types (`model`)
    `Setup` (days with opening hours and breaks, rooms with capacities, assessors, panel terms,
    slot length, sittings, the subjects free movers sit, room closures, absences),
    `PlanCandidate` (track, declared unavailable times, active, not before), and `Plan`
    (`Seat` per candidate and sitting, `Interview` per candidate). `unavailable` parses the
    optional import column. `changes` holds the field changes (no-show, walk-in, move, panel
    change, ill assessor, lost room, withdrawal).

Rules (`rules`)
    Pure functions returning `Violation`s: nobody and no room in two places at once; free
    movers sit every subject once and before their interview; declared unavailable times,
    lost rooms and absences respected; double-degree candidates sit no written test; sittings
    within their capacity and their room's; interviews within opening hours, outside breaks,
    with their panel's members (two or more, a professor among them).

Algorithm (`scheduler.schedule`), greedy with local repair, no solver
    1. Apply the changes to the setup and the candidates.
    2. Book what cannot move: the setup (sittings' rooms and invigilators, closures,
       absences, candidates' unavailable times), then the appointments of frozen candidates
       (interview started or card scored) and anything that started before ``now``.
    3. Book requested moves (pins) if they are possible, else report them refused.
    4. Keep every other appointment of the plan given that still holds, in time order; then
       an interview that only lost its room keeps its time in another free room (spare rooms,
       those no panel calls home, first). A free mover's kept or requested interview must
       follow their written tests, else it is released (a request is refused).
    5. Seat free movers missing a subject in the earliest-ending sitting with a free seat,
       before their kept interview if they have one (else that interview is released).
    6. Place every candidate without an interview, most constrained first (declared
       unavailability, then free movers), seeded shuffle within a group: on the least-loaded
       panel at its earliest slot after the candidate's written tests (no-shows and walk-ins:
       the earliest slot of any panel, from ``not_before``). Panels are balanced this way;
       each panel prefers its own room and takes any free one otherwise.
    7. If none fits, local repair: move one candidate placed in a slot the newcomer could
       take to another free slot (those placed in this run first; never a frozen or pinned
       one). Bounded, so an overfull mission plans in about linear time.
    8. Whoever is left is named with a reason (full; no slot after the written tests;
       unavailable at every free slot; no seat for a subject; no panel), and `Outcome.summary`
       says what to add, e.g. "14 candidates do not fit: add a half-day or a panel".

Guarantees (tested, including by a Hypothesis test over random missions and changes)
    - The plan has no double booking and respects the rules above, except where frozen
      appointments themselves break them (they are reported in ``Outcome.violations``).
    - Frozen appointments, and those begun before ``now``, never move.
    - Stability: an appointment of the plan given moves only if it can no longer stay (a rule
      or a change forbids it) or a repair moved it to place someone else. Put back where it
      was, any moved candidate would clash with the final plan.
    - Every active candidate is either placed or named in ``Outcome.unplaced`` with a reason.
    - Checked by the Hypothesis test, not proved: a re-plan never moved more candidates than
      planning again from scratch with the same changes did.
    - The same inputs and seed give the same plan. Placement is greedy: a candidate is left
      out only if no free slot fits them even after one displacement, which is not a proof
      that no plan could hold everyone.

Script codes (`script_codes`): random per candidate and sitting, 23 unambiguous characters, a
check character that catches any single typo or swap.

Storage and exchange: `config.PlanningConfig` is the planning part of the mission's JSON
configuration (local dates and times); `rows` writes and reads the plan as one row per
appointment (start and end in ISO 8601 with the mission's offset) for export and import.
Performance: `bench/bench_plan.py` (1,000 candidates, 6 panels, 5 days).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .changes import (
        Change,
        IllAssessor,
        LostRoom,
        Move,
        NoShow,
        PanelChange,
        WalkIn,
        Withdrawal,
    )
    from .model import (
        Closure,
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
    )
    from .outcome import Outcome, Reason, Unplaced
    from .rules import Violation, check_plan
    from .scheduler import moved_candidates, schedule
    from .script_codes import issue_script_codes, new_script_code, parse_script_code
    from .timeline import Interval, at, fmt
    from .unavailable import format_unavailable, parse_unavailable

# Loaded on first use (PEP 562): the desk imports `planning.config` at start-up through
# app.domain.mission, and the scheduler, rules and changes are not needed until the Plan
# page or the server plans a mission.
_WHERE: dict[str, str] = {
    "Change": "changes",
    "Closure": "model",
    "IllAssessor": "changes",
    "Interval": "timeline",
    "Interview": "model",
    "LostRoom": "changes",
    "MissionDay": "model",
    "Move": "changes",
    "NoShow": "changes",
    "Outcome": "outcome",
    "Panel": "model",
    "PanelChange": "changes",
    "Plan": "model",
    "PlanAssessor": "model",
    "PlanCandidate": "model",
    "Reason": "outcome",
    "Room": "model",
    "Seat": "model",
    "Setup": "model",
    "Sitting": "model",
    "Unplaced": "outcome",
    "Violation": "rules",
    "WalkIn": "changes",
    "Withdrawal": "changes",
    "at": "timeline",
    "check_plan": "rules",
    "fmt": "timeline",
    "format_unavailable": "unavailable",
    "issue_script_codes": "script_codes",
    "moved_candidates": "scheduler",
    "new_script_code": "script_codes",
    "parse_script_code": "script_codes",
    "parse_unavailable": "unavailable",
    "schedule": "scheduler",
}

__all__ = [
    "Change", "Closure", "IllAssessor", "Interval", "Interview", "LostRoom", "MissionDay",
    "Move", "NoShow", "Outcome", "Panel", "PanelChange", "Plan", "PlanAssessor",
    "PlanCandidate", "Reason", "Room", "Seat", "Setup", "Sitting", "Unplaced", "Violation",
    "WalkIn", "Withdrawal", "at", "check_plan", "fmt", "format_unavailable",
    "issue_script_codes", "moved_candidates", "new_script_code", "parse_script_code",
    "parse_unavailable", "schedule",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # the next lookup is a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
