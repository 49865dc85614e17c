"""The server's rules for the plan's rows: seats and the lifting of anonymity are the chair's;
a seat's identity is (candidate, sitting) and its script code is unique in the mission; a
stale move of a seat is a conflict; the package carries seats, anonymity rows, durations
and the candidates' unavailable times."""

from __future__ import annotations

import uuid

import pytest

from app.domain.planning import new_script_code

from .conftest import Desk, World


@pytest.fixture
def desks(world: World) -> dict[str, Desk]:
    return {n: Desk(world.client, world[n], world.mission_a) for n in ("claire", "paul")}


def _statuses(resp: dict) -> list[tuple[str, str]]:
    return [(r["status"], r["detail"]) for r in resp["results"]]


def test_seats_and_anonymity_are_the_chairs(world: World, desks: dict[str, Desk]) -> None:
    claire, paul = desks["claire"], desks["paul"]
    cid, m1 = claire.new_candidate("VN-100", unavailable="2027-01-12 09:00-12:00")
    assert _statuses(claire.push([m1]))[0][0] == "applied"
    code = new_script_code()
    seat_by_paul = paul.mutation("seat", str(uuid.uuid4()), {
        "candidate_id": cid, "sitting": "W1", "seat": 3, "script_code": code})
    lift_by_paul = paul.mutation("anonymity", str(uuid.uuid4()), {
        "mission_id": world.mission_a, "subject": "maths", "lifted": True})
    refused = _statuses(paul.push([seat_by_paul, lift_by_paul]))
    assert [s for s, _ in refused] == ["rejected", "rejected"]
    assert all("chair" in d for _, d in refused)

    seat_id, lift_id = str(uuid.uuid4()), str(uuid.uuid4())
    resp = claire.push([
        claire.mutation("seat", seat_id, {"candidate_id": cid, "sitting": "W1", "seat": 3,
                                          "script_code": code}),
        claire.mutation("anonymity", lift_id, {"mission_id": world.mission_a,
                                               "subject": "maths", "lifted": True}),
        # the same seat born twice, the same code on another candidate's seat, a bad code
        claire.mutation("seat", str(uuid.uuid4()), {"candidate_id": cid, "sitting": "W1",
                                                    "seat": 4, "script_code": ""}),
        claire.mutation("anonymity", str(uuid.uuid4()), {"mission_id": world.mission_a,
                                                         "subject": "astrology",
                                                         "lifted": True}),
        claire.mutation("seat", str(uuid.uuid4()), {"candidate_id": cid, "sitting": "W2",
                                                    "seat": 1, "script_code": code}),
        claire.mutation("seat", str(uuid.uuid4()), {"candidate_id": cid, "sitting": "W3",
                                                    "seat": 1, "script_code": "AAA-AAA"}),
    ])
    got = _statuses(resp)
    assert [s for s, _ in got] == ["applied", "applied", "rejected", "rejected", "rejected",
                                   "rejected"]
    assert "already has a seat" in got[2][1] and "no written-test subject" in got[3][1]
    assert "already given" in got[4][1] and "script code" in got[5][1]

    pkg = world.client.get(f"/api/v1/missions/{world.mission_a}/package",
                           headers=world["paul"].headers).json()
    rows = {(r["entity"], r["row_id"]): r for r in pkg["rows"]}
    assert rows[("seat", seat_id)]["fields"] == {"candidate_id": cid, "sitting": "W1",
                                                 "seat": 3, "script_code": code}
    assert rows[("anonymity", lift_id)]["fields"]["lifted"] is True
    assert rows[("candidate", cid)]["fields"]["unavailable"] == "2027-01-12 09:00-12:00"


def test_a_stale_move_of_a_seat_is_a_conflict(world: World, desks: dict[str, Desk]) -> None:
    claire = desks["claire"]
    other = Desk(world.client, world["claire"], world.mission_a)  # the chair's second desk
    cid, m1 = claire.new_candidate("VN-101")
    seat_id = str(uuid.uuid4())
    claire.push([m1, claire.mutation("seat", seat_id, {
        "candidate_id": cid, "sitting": "W1", "seat": 3, "script_code": ""})])
    moved = claire.push([claire.mutation("seat", seat_id, {"seat": 5}, {"seat": 1})])
    assert _statuses(moved)[0][0] == "applied"
    stale = other.push([other.mutation("seat", seat_id, {"seat": 9}, {"seat": 1})])
    assert _statuses(stale)[0][0] == "conflict"
    conflicts = [c for c in other.pull_all() if c["entity"] == "conflict"]
    assert [(c["fields"]["field"], c["fields"]["current_value"], c["fields"]["other_value"])
            for c in conflicts] == [("seat", 5, 9)]


def test_an_interview_carries_its_length(world: World, desks: dict[str, Desk]) -> None:
    claire = desks["claire"]
    cid, m1 = claire.new_candidate("VN-102")
    iid = str(uuid.uuid4())
    resp = claire.push([m1, claire.mutation("interview", iid, {
        "candidate_id": cid, "starts_at": "2027-01-12T10:00:00+05:30", "room": "A",
        "panel": [world["claire"].assessor_id, world["paul"].assessor_id], "duration": 45}),
        claire.mutation("interview", iid, {"duration": 9999}, {"duration": 1})])
    assert [s for s, _ in _statuses(resp)] == ["applied", "applied", "rejected"]
    row = next(c for c in resp["changes"] if c["row_id"] == iid)
    assert row["fields"]["duration"] == 45
