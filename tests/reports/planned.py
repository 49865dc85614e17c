"""A planned demo mission for the plan papers' tests: two written-test sittings with seats and
script codes, and one interview moved with a Paris offset and a 45-minute length."""

from __future__ import annotations

import random
from dataclasses import dataclass

from sqlalchemy import select

from app.domain.mission import MissionConfig
from app.domain.planning import new_script_code
from app.domain.planning.config import PlanningConfig
from app.store.database import Store
from app.store.edits import EditService
from app.store.models import Assessor, Candidate, Mission

SITTINGS = [
    {"id": "W1", "date": "2027-02-08", "start": "09:00", "duration": 120, "room": "Hall A",
     "subjects": ["maths", "physics"]},
    {"id": "W2", "date": "2027-02-08", "start": "14:00", "duration": 90, "room": "Hall A",
     "subjects": ["specialty"]},
]
# Stored with Paris's offset (the chair planned from France): 09:30 in Asia/Kolkata.
MOVED_AT = "2027-02-10T05:00:00+01:00"


@dataclass
class Planned:
    mission_id: str
    chair_id: str
    invigilator: str  # the assessor id invigilating both sittings
    seated: dict[str, dict[str, tuple[int, str]]]  # candidate id -> sitting -> (seat, code)
    moved: str  # candidate id of the interview at MOVED_AT


def plan_demo(store: Store, mission_id: str, chair_id: str, *, anonymous: bool = True
              ) -> Planned:
    with store.write() as s:
        m = s.get(Mission, mission_id)
        invigilator = s.scalar(select(Assessor.id).where(
            Assessor.mission_id == mission_id, Assessor.name == "Prof. Karim Benali"))
        sittings = [dict(x, invigilators=[invigilator]) for x in SITTINGS]
        planning = PlanningConfig.model_validate({
            "days": [{"date": "2027-02-08"}, {"date": "2027-02-09"}, {"date": "2027-02-10"}],
            "rooms": [{"name": "Hall A", "capacity": 200}], "slot_minutes": 30,
            "sittings": sittings})
        config = MissionConfig.model_validate(m.config).model_copy(
            update={"planning": planning, "anonymous_marking": anonymous})
        m.config = config.model_dump(mode="json")
        people = s.execute(select(Candidate.id, Candidate.track, Candidate.status)
                           .where(Candidate.mission_id == mission_id)
                           .order_by(Candidate.application_number)).all()
    edits = EditService(store, mission_id, chair_id)
    rng = random.Random(5)
    seated: dict[str, dict[str, tuple[int, str]]] = {}
    free = [cid for cid, track, status in people
            if track == "free_mover" and status != "withdrawn"]
    for n, cid in enumerate(free, 1):
        for sitting in ("W1", "W2"):
            code = new_script_code(rng)
            edits.set_seat(cid, sitting, n, code)
            seated.setdefault(cid, {})[sitting] = (n, code)
    moved = next(cid for cid, _t, status in people if status != "withdrawn")
    panel = [chair_id, invigilator]
    edits.set_slot(moved, MOVED_AT, "Room 3", panel, 45)
    return Planned(mission_id, chair_id, invigilator, seated, moved)
