"""A plan as flat rows, one per appointment, for ``export-plan`` / ``import-plan`` and mail
merges. The columns (issue 13): application_number, kind (written|interview), start and end
(ISO 8601 with the mission's offset), room, panel (user names separated by ';'), seat,
script_code; plus ``sitting`` (its id), so that a written row names its sitting exactly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from ..errors import ValidationError
from .model import Interview, Plan, PlanCandidate, Seat, Setup
from .script_codes import parse_script_code
from .timeline import from_datetime, to_datetime, zone

COLUMNS = ("application_number", "kind", "start", "end", "room", "panel", "seat",
           "script_code", "sitting")


def plan_rows(setup: Setup, candidates: Mapping[str, PlanCandidate], plan: Plan,
              names: Mapping[str, str]) -> list[dict[str, str]]:
    """Rows in time order; ``names``: assessor id -> user name."""
    tz = zone(setup.timezone)

    def iso(minute: int) -> str:
        return to_datetime(minute, tz).isoformat(timespec="minutes")

    out = []
    for seat in plan.seats:
        s = setup.sitting_by_id[seat.sitting_id]
        out.append((s.start, 0, {
            "application_number": candidates[seat.candidate_id].label, "kind": "written",
            "start": iso(s.start), "end": iso(s.span.end), "room": s.room, "panel": "",
            "seat": str(seat.seat), "script_code": seat.script_code, "sitting": s.id}))
    for i in plan.interviews:
        out.append((i.start, 1, {
            "application_number": candidates[i.candidate_id].label, "kind": "interview",
            "start": iso(i.start), "end": iso(i.span.end), "room": i.room,
            "panel": ";".join(names.get(m, m) for m in i.members), "seat": "",
            "script_code": "", "sitting": ""}))
    out.sort(key=lambda x: (x[0], x[1], x[2]["room"], x[2]["application_number"]))
    return [row for _, _, row in out]


def read_plan_rows(setup: Setup, candidates: Iterable[PlanCandidate],
                   rows: Iterable[Mapping[str, str]], names: Mapping[str, str]) -> Plan:
    """The plan in rows written by `plan_rows` (or by hand); a ValidationError names the row
    (counting the header as row 1) and what is wrong. Rules between appointments are left to
    `rules.check_plan`."""
    tz = zone(setup.timezone)
    by_label = {c.label: c for c in candidates}
    by_name = {name: aid for aid, name in names.items()}
    seats: list[Seat] = []
    interviews: list[Interview] = []
    for n, row in enumerate(rows, 2):
        try:
            get = {k: (v or "").strip() for k, v in row.items() if k}
            c = by_label.get(get.get("application_number", ""))
            if c is None:
                raise ValidationError(f"no candidate {get.get('application_number')!r}")
            start, end = (_when(get.get(k, ""), tz, k) for k in ("start", "end"))
            if get.get("kind") == "written":
                seats.append(_seat(setup, c, get, start))
            elif get.get("kind") == "interview":
                interviews.append(_interview(setup, c, get, start, end, by_name))
            else:
                raise ValidationError("kind is 'written' or 'interview'")
        except ValidationError as e:
            raise ValidationError(f"row {n}: {e}") from None
    return Plan(tuple(seats), tuple(interviews))


def _when(text: str, tz, what: str) -> int:
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        raise ValidationError(f"{what} '{text}' is not an ISO 8601 date and time") from None
    return from_datetime(value, tz)


def _seat(setup: Setup, c: PlanCandidate, get: Mapping[str, str], start: int) -> Seat:
    sitting = setup.sitting_by_id.get(get.get("sitting", ""))
    if sitting is None:
        found = [s for s in setup.sittings if s.start == start and s.room == get.get("room")]
        if len(found) != 1:
            raise ValidationError(f"no single sitting at {get.get('start')} in "
                                  f"{get.get('room')!r}")
        sitting = found[0]
    try:
        number = int(get.get("seat", ""))
    except ValueError:
        raise ValidationError(f"seat '{get.get('seat')}' is not a number") from None
    code = parse_script_code(get["script_code"]) if get.get("script_code") else ""
    return Seat(c.id, sitting.id, number, code)


def _interview(setup: Setup, c: PlanCandidate, get: Mapping[str, str], start: int, end: int,
               by_name: Mapping[str, str]) -> Interview:
    members = []
    for name in (m.strip() for m in get.get("panel", "").split(";") if m.strip()):
        if name not in by_name:
            raise ValidationError(f"no assessor {name!r}")
        members.append(by_name[name])
    term = next((p for p in setup.panels if p.since <= start < p.until
                 and set(p.members) == set(members)), None)
    if term is None:
        raise ValidationError(f"no panel of {get.get('panel')!r} at {get.get('start')}")
    if end <= start:
        raise ValidationError("the end is not after the start")
    return Interview(c.id, start, end - start, get.get("room", ""), term.id, term.members)
