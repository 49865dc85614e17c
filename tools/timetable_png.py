"""Render the plan's papers of a demo mission planned by the scheduler, to look at them:
docs/reports/timetable.png (a room's door list), timetable-assessor.png (an assessor's list
with an invigilation), attendance-sitting.png and mark-sheet-anonymous.png.

    .venv/bin/python tools/timetable_png.py   (needs pdftoppm: apt-get install poppler-utils)
"""

from __future__ import annotations

import random
import sys
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tools.paper_png import render_demo_papers  # noqa: E402 (after the path)

if TYPE_CHECKING:
    from app.store.database import Store


def plan_demo_mission(store: Store, mission_id: str, chair_id: str) -> None:
    """Plan the demo's candidates with the real scheduler and store the plan as the chair's
    edits (slots, seats with script codes)."""
    from sqlalchemy import select

    from app.domain.enums import Role, Track
    from app.domain.mission import MissionConfig
    from app.domain.planning import PlanAssessor, PlanCandidate, issue_script_codes, schedule
    from app.domain.planning.config import PlanningConfig
    from app.domain.planning.timeline import to_datetime, zone
    from app.store.edits import EditService
    from app.store.models import Assessor, Candidate, Mission

    with store.write() as s:
        m = s.get(Mission, mission_id)
        team = {a.name: a for a in s.scalars(select(Assessor).where(
            Assessor.mission_id == mission_id))}
        ids = {name.split()[-1]: a.id for name, a in team.items()}
        planning = PlanningConfig.model_validate({
            "days": [{"date": "2027-02-08", "opens": "08:30", "closes": "18:00",
                      "breaks": ["12:30-13:30"]},
                     {"date": "2027-02-09", "opens": "08:30", "closes": "18:00",
                      "breaks": ["12:30-13:30"]}],
            "rooms": [{"name": "Hall A", "capacity": 80}, {"name": "Room 1"},
                      {"name": "Room 2"}],
            "slot_minutes": 30,
            "panels": [{"id": "P1", "members": [ids["Dubois"], ids["Martin"]], "room": "Room 1"},
                       {"id": "P2", "members": [ids["Benali"], ids["Moreau"]], "room": "Room 2"}],
            "sittings": [
                {"id": "W1", "date": "2027-02-08", "start": "08:30", "duration": 120,
                 "room": "Hall A", "subjects": ["maths", "physics"],
                 "invigilators": [ids["Martin"]]},
                {"id": "W2", "date": "2027-02-08", "start": "10:45", "duration": 90,
                 "room": "Hall A", "subjects": ["specialty"], "invigilators": [ids["Moreau"]]}]})
        config = MissionConfig.model_validate(m.config).model_copy(update={"planning": planning})
        m.config = config.model_dump(mode="json")
        tz_name = m.timezone
        assessors = [PlanAssessor(a.id, a.name, Role(a.role), a.is_chair) for a in team.values()]
        people = [PlanCandidate(c.id, c.application_number, Track(c.track),
                                active=c.status != "withdrawn")
                  for c in s.scalars(select(Candidate).where(Candidate.mission_id == mission_id))]
    setup = planning.to_setup(tz_name, assessors, [x.key for x in config.subjects])
    outcome = schedule(setup, people, seed=1)
    for line in outcome.summary():
        print(line)
    edits = EditService(store, mission_id, chair_id)
    tz = zone(tz_name)
    for i in outcome.plan.interviews:
        edits.set_slot(i.candidate_id, to_datetime(i.start, tz).isoformat(), i.room,
                       list(i.members), i.duration)
    for seat in issue_script_codes(outcome.plan.seats, rng=random.Random(3)):
        edits.set_seat(seat.candidate_id, seat.sitting_id, seat.seat, seat.script_code)


def _papers(store: Store, mission_id: str, chair_id: str, scratch: Path
            ) -> list[tuple[Path, str, int]]:
    from app.reports.build import ReportKind, generate

    plan_demo_mission(store, mission_id, chair_id)
    room = generate(store, mission_id, ReportKind.TIMETABLE, scratch / "room.pdf",
                    room="Room 1")
    who = generate(store, mission_id, ReportKind.TIMETABLE, scratch / "who.pdf",
                   assessor="Sophie Martin")
    att = generate(store, mission_id, ReportKind.ATTENDANCE, scratch / "att.pdf")
    marks = generate(store, mission_id, ReportKind.MARK_SHEETS, scratch / "m.pdf")
    return [(room, "timetable", 1), (who, "timetable-assessor", 1),
            (att, "attendance-sitting", 1), (marks, "mark-sheet-anonymous", 1)]


def main() -> int:
    render_demo_papers(_papers, candidates=40)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
