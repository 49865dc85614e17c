"""More of mission A's life for the results pages, on top of the contract's ``console_world``,
made the way desks make it (pushes through the sync API):

- a second marker, Paul, whose maths mark is far from the chair's (a third reading);
- the chair corrects her maths mark 15.5 -> 16, checks the first candidate in (registered ->
  present) and adds Paul to the panel, from a desk whose clock says 2027-01-13 10:30 UTC;
- Paul begins a scorecard for the first candidate and does not submit it (a draft);
- a candidate whose family name starts like a spreadsheet formula;
- candidates from another country (India), one withdrawn, one waitlisted.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select

from server import accounts
from server.missions import lock_mission, next_seq
from server.models import Assessor, Interview, Mark
from tests.console.conftest import ConsoleWorld
from tests.server.conftest import PASSWORD, Desk, Person, full_levels, make_mutation

DESK_TIME = dt.datetime(2027, 1, 13, 10, 30, tzinfo=dt.UTC)  # 17:30 in Hanoi
DESK_STAMP = f"{int(DESK_TIME.timestamp() * 1000):013d}-0000-d35k0001"
FORMULA_NAME = '=HYPERLINK("http://evil.example","click")'
DRAFT_NOTE = "draft thoughts nobody may read yet"


@dataclass
class ResultsWorld:
    base: ConsoleWorld
    chair: Person
    paul: Person
    formula_candidate: str = ""
    indian: str = ""  # Priya Sharma, waitlisted
    withdrawn: str = ""

    @property
    def first(self) -> str:
        return self.base.candidates[0]


def _join_mission_a(w: ConsoleWorld, username: str, name: str) -> None:
    """A professor joining mission A's team (what mission setup does, in one transaction)."""
    with w.sessions() as s, s.begin():
        user = accounts.create_user(s, username, PASSWORD, name=name)
        mission = lock_mission(s, w.mission_a)
        assert mission is not None
        s.add(Assessor(mission_id=w.mission_a, user_id=user.id, name=name, role="professor",
                       is_chair=False, versions={}, deleted=False, seq=next_seq(mission)))


def _login(w: ConsoleWorld, username: str) -> Person:
    api = w.api
    assert api is not None
    r = api.post("/api/v1/login", json={"username": username, "password": PASSWORD,
                                        "device_name": f"{username}-laptop"})
    assert r.status_code == 200, r.text
    body = r.json()
    p = Person(username, body["token"], body["user"]["id"], body["device_id"])
    for m in api.get("/api/v1/missions", headers=p.headers).json():
        if m["id"] == w.mission_a:
            p.assessor_id = m["assessor_id"]
    return p


def enrich(w: ConsoleWorld) -> ResultsWorld:
    _join_mission_a(w, "paul", "Paul Professeur")
    chair = Person("member_a", w.device_token, w.users["member_a"], w.device_id,
                   w.assessors["member_a"])
    rw = ResultsWorld(w, chair, _login(w, "paul"))
    api = w.api
    first = rw.first

    with w.sessions() as s:
        maths = s.scalar(select(Mark.id).where(Mark.candidate_id == first,
                                               Mark.subject == "maths",
                                               Mark.marker_id == chair.assessor_id))
        interview = s.scalar(select(Interview.id).where(Interview.candidate_id == first))
    desk = Desk(api, chair, w.mission_a)
    batch = [make_mutation(1, "mark", str(maths), {"value": "16"}, at=DESK_STAMP),
             make_mutation(2, "candidate", first, {"status": "present"}, base={"status": 1},
                           at=DESK_STAMP),
             make_mutation(3, "interview", str(interview),
                           {"panel": [chair.assessor_id, rw.paul.assessor_id]},
                           base={"panel": 1}, at=DESK_STAMP)]
    desk.mid = len(batch)
    rw.formula_candidate, m = desk.new_candidate("VN-2027-004", family_name=FORMULA_NAME,
                                                 given_names="+1", nationality="Vietnam")
    batch.append(m)
    rw.indian, m = desk.new_candidate("VN-2027-005", family_name="Sharma",
                                      given_names="Priya", nationality="India")
    batch.append(m)
    batch.append(desk.mutation("decision", str(uuid.uuid4()), {
        "candidate_id": rw.indian, "outcome": "waitlist", "rationale": "Waiting for marks."}))
    rw.withdrawn, m = desk.new_candidate("VN-2027-006", family_name="Phạm",
                                         given_names="Đức Thắng", nationality="Vietnam")
    batch.append(m)
    batch.append(desk.mutation("candidate", rw.withdrawn, {"status": "withdrawn"},
                               {"status": 1}))
    results = desk.push(batch)["results"]
    assert [r["status"] for r in results] == ["applied"] * len(batch), results

    paul = Desk(api, rw.paul, w.mission_a)
    batch = [paul.new_mark(first, "maths", "9")[1],
             paul.mutation("scorecard", str(uuid.uuid4()), {
                 "candidate_id": first, "author_id": rw.paul.assessor_id,
                 "levels": full_levels(), "notes": DRAFT_NOTE, "recommendation": "reject",
                 "submitted": False})]
    results = paul.push(batch)["results"]
    assert [r["status"] for r in results] == ["applied"] * len(batch), results
    return rw
