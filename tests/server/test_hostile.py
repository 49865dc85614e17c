"""The server's rules under a hostile member (issue 11): blind panel whatever the client sends,
no 500 on deep values, a client_id bound to its device, one malformed mutation refused alone,
bounds on what a client sends, security headers."""

from __future__ import annotations

import json
import logging
import uuid

import pytest
from sqlalchemy import select

from server.db import session_factory
from server.feed import RowCache
from server.models import ClientState, Scorecard

from .conftest import PASSWORD, Desk, World, full_levels, make_mutation


@pytest.fixture
def desks(world: World) -> dict[str, Desk]:
    return {n: Desk(world.client, world[n], world.mission_a) for n in ("claire", "paul", "rita")}


def _card(desk: Desk, world: World, cid: str, **fields: object) -> tuple[str, dict]:
    row = str(uuid.uuid4())
    return row, desk.mutation("scorecard", row, {
        "candidate_id": cid, "author_id": world[desk.person.username].assessor_id, **fields})


def _seen_by(world: World, desk: Desk, row_ids: list[str]) -> dict[str, set[str]]:
    """What the desk's member receives of ``row_ids`` through pull, package and /rows."""
    url = f"/api/v1/missions/{world.mission_a}"
    desk.cursor = 0
    pulled = {c["row_id"] for c in desk.pull_all()}
    pkg = world.client.get(f"{url}/package", headers=desk.person.headers).json()
    rows = world.client.post(f"{url}/rows", headers=desk.person.headers, json={
        "keys": [{"entity": "scorecard", "row_id": r} for r in row_ids]}).json()
    return {"pull": pulled & set(row_ids),
            "package": {r["row_id"] for r in pkg["rows"]} & set(row_ids),
            "rows": {r["row_id"] for r in rows["rows"]}}


# -- 1. blind panel --------------------------------------------------------------------------

def test_blind_panel_holds_for_a_candidate_without_interview_row(
        world: World, desks: dict[str, Desk]) -> None:
    paul, rita, claire = desks["paul"], desks["rita"], desks["claire"]
    cid, m = claire.new_candidate("BP-001")
    claire.push([m])
    paul_card, pm = _card(paul, world, cid, levels=full_levels(), recommendation="admit",
                          submitted=True, notes="my honest notes")
    assert paul.push([pm])["results"][0]["status"] == "applied"
    rita_card, rm = _card(rita, world, cid, notes="still thinking")
    assert rita.push([rm])["results"][0]["status"] == "applied"
    assert _seen_by(world, rita, [paul_card]) == {"pull": set(), "package": set(),
                                                  "rows": set()}
    # the chair never held a card: she deliberates on submitted ones
    assert _seen_by(world, claire, [paul_card, rita_card]) == {
        "pull": {paul_card}, "package": {paul_card}, "rows": {paul_card}}
    # rita submits: paul's card reaches her
    rita.push([rita.mutation("scorecard", rita_card, {
        "levels": full_levels(), "recommendation": "waitlist", "submitted": True})])
    assert _seen_by(world, rita, [paul_card])["pull"] == {paul_card}


def test_blind_panel_holds_after_the_member_leaves_the_panel(
        world: World, desks: dict[str, Desk]) -> None:
    paul, rita, claire = desks["paul"], desks["rita"], desks["claire"]
    cid, m = claire.new_candidate("BP-002")
    iv = str(uuid.uuid4())
    panel = [world["paul"].assessor_id, world["rita"].assessor_id]
    claire.push([m, claire.mutation("interview", iv, {"candidate_id": cid, "panel": panel})])
    paul_card, pm = _card(paul, world, cid, levels=full_levels(), recommendation="admit",
                          submitted=True)
    _, rm = _card(rita, world, cid, notes="draft")
    paul.push([pm])
    rita.push([rm])
    # a member may not take themself off the panel...
    resp = rita.push([rita.mutation("interview", iv, {"panel": [world["paul"].assessor_id]},
                                    {"panel": 1})])
    assert resp["results"][0]["status"] == "rejected"
    assert "chair" in resp["results"][0]["detail"]
    # ...and when the chair does it, a member holding an unsubmitted card still reads nothing
    resp = claire.push([claire.mutation("interview", iv, {"panel": [world["paul"].assessor_id]},
                                        {"panel": 1})])
    assert resp["results"][0]["status"] == "applied"
    assert _seen_by(world, rita, [paul_card]) == {"pull": set(), "package": set(),
                                                  "rows": set()}
    assert _seen_by(world, claire, [paul_card])["package"] == {paul_card}


# -- 2. no 500 on deep values ----------------------------------------------------------------

def test_a_deeply_nested_value_gets_a_json_4xx_and_a_one_line_log(
        world: World, desks: dict[str, Desk], caplog: pytest.LogCaptureFixture) -> None:
    paul = desks["paul"]
    cid, m = paul.new_candidate("DEEP-1")
    paul.push([m])
    deep: object = "x"
    for _ in range(450):
        deep = [deep]
    _, card = _card(paul, world, cid, notes=deep)
    caplog.set_level(logging.INFO)
    r = world.client.post(f"/api/v1/missions/{world.mission_a}/sync",
                          headers=world["paul"].headers, json=paul.body([card]))
    assert 400 <= r.status_code < 500, r.text
    assert r.json()["error"]["code"] == "too_deep"
    assert all(rec.exc_info is None and "\n" not in rec.getMessage() for rec in caplog.records)
    # nested past the rules' bound but within the body's: that mutation alone is refused
    shallow: object = "x"
    for _ in range(20):
        shallow = {"k": shallow}
    _, card = _card(paul, world, cid, notes=shallow)
    _, other = paul.new_candidate("DEEP-2")
    resp = paul.push([card, other])
    assert [r["status"] for r in resp["results"]] == ["rejected", "applied"]
    for path in ("/api/v1/login", "/api/v1/admin/users"):
        r = world.client.post(path, content=b"[" * 5000 + b"]" * 5000,
                              headers={"Content-Type": "application/json",
                                       **world["root"].headers})
        assert 400 <= r.status_code < 500 and r.json()["error"]["code"]


# -- 3. a client_id belongs to its device ----------------------------------------------------

def test_a_hijacked_client_id_is_refused_and_the_real_desk_goes_on(
        world: World, desks: dict[str, Desk]) -> None:
    paul = desks["paul"]
    cid, m = paul.new_candidate("HJ-001")
    assert paul.push([m])["results"][0]["status"] == "applied"
    # rita learnt paul's client_id and pushes under it with a huge mid
    thief = Desk(world.client, world["rita"], world.mission_a)
    thief.client_id = paul.client_id
    thief.mid = 10**9
    _, stolen = thief.new_candidate("HJ-666")
    r = world.client.post(f"/api/v1/missions/{world.mission_a}/sync",
                          headers=world["rita"].headers, json=thief.body([stolen]))
    assert r.status_code == 403 and r.json()["error"]["code"] == "client_id_taken"
    with session_factory(world.engine)() as s:
        state = s.get(ClientState, (paul.client_id, world.mission_a))
        assert state is not None and state.last_mid == 1
        assert state.device_id == world["paul"].device_id
    # paul's next edit is applied, not "out of order"
    resp = paul.push([paul.mutation("candidate", cid, {"status": "present"}, {"status": 1})])
    assert resp["results"][0]["status"] == "applied"


def test_signing_in_again_revokes_the_replaced_token_and_keeps_the_desk_identity(
        world: World, desks: dict[str, Desk]) -> None:
    paul = desks["paul"]
    cid, m = paul.new_candidate("RL-001")
    paul.push([m])
    old = world["paul"].token
    r = world.client.post("/api/v1/login", json={"username": "paul", "password": PASSWORD,
                                                 "device_name": "same desk", "replaces": old})
    assert r.status_code == 200
    new = r.json()["token"]
    r = world.client.get("/api/v1/missions", headers={"Authorization": f"Bearer {old}"})
    assert r.status_code == 401 and r.json()["error"]["code"] == "token_revoked"
    world["paul"].token = new
    resp = paul.push([paul.mutation("candidate", cid, {"status": "present"}, {"status": 1})])
    assert resp["results"][0]["status"] == "applied"
    # naming another user's token replaces nothing
    rita_token = world["rita"].token
    r = world.client.post("/api/v1/login", json={"username": "paul", "password": PASSWORD,
                                                 "replaces": rita_token})
    assert r.status_code == 200
    assert world.client.get("/api/v1/missions", headers=world["rita"].headers).status_code == 200


def test_the_same_user_takes_back_a_client_id_from_a_revoked_device(
        world: World, desks: dict[str, Desk]) -> None:
    """A desk whose token was revoked (signed out elsewhere) signs in without naming it."""
    paul = desks["paul"]
    _, m = paul.new_candidate("RL-010")
    paul.push([m])
    world.client.delete(f"/api/v1/me/devices/{world['paul'].device_id}",
                        headers=world["paul"].headers)
    r = world.client.post("/api/v1/login", json={"username": "paul", "password": PASSWORD})
    world["paul"].token = r.json()["token"]
    _, m2 = paul.new_candidate("RL-011")
    assert paul.push([m2])["results"][0]["status"] == "applied"


# -- 6. bounds -------------------------------------------------------------------------------

def test_a_huge_wish_or_mark_text_is_refused(world: World, desks: dict[str, Desk]) -> None:
    paul = desks["paul"]
    _, big = paul.new_candidate("BIG-1", wishes=["x" * 700_000])
    _, many = paul.new_candidate("BIG-2", wishes=[f"W{i}" for i in range(11)])
    _, ok = paul.new_candidate("BIG-3", wishes=["ENG", "MSC"])
    cid = json.loads(json.dumps(ok))["row_id"]
    _, mark = paul.new_mark(cid, "maths", "1" * 5000)
    resp = paul.push([big, many, ok, mark])
    assert [r["status"] for r in resp["results"]] == ["rejected", "rejected", "applied",
                                                      "rejected"]


def test_the_row_cache_is_bounded_in_bytes() -> None:
    cache = RowCache(max_bytes=10_000)
    for i in range(100):
        cache.put(("candidate", str(i), 1), "x" * 1000)
    assert cache.bytes <= 10_000
    assert cache.get(("candidate", "99", 1)) is not None
    assert cache.get(("candidate", "0", 1)) is None
    cache.put(("candidate", "huge", 1), "y" * 20_000)  # larger than the cache: not kept
    assert cache.get(("candidate", "huge", 1)) is None and cache.bytes <= 10_000


# -- 7. security headers ---------------------------------------------------------------------

def test_security_headers_on_every_answer_and_no_store_on_api_answers(world: World) -> None:
    c = world.client
    h = world["paul"].headers
    answers = {
        "missions": c.get("/api/v1/missions", headers=h),
        "package": c.get(f"/api/v1/missions/{world.mission_a}/package", headers=h),
        "login": c.post("/api/v1/login", json={"username": "paul", "password": PASSWORD}),
        "refused": c.get("/api/v1/missions"),
        "missing": c.get("/nowhere"),
        "openapi": c.get("/openapi.json"),
    }
    for name, r in answers.items():
        assert r.headers["x-content-type-options"] == "nosniff", name
        assert r.headers["x-frame-options"] == "DENY", name
        assert r.headers["referrer-policy"] == "no-referrer", name
        assert "default-src 'none'" in r.headers["content-security-policy"], name
    for name in ("missions", "package", "login", "refused"):
        assert answers[name].headers["cache-control"] == "no-store", name
    assert answers["package"].headers["etag"]


# -- 8. one malformed mutation, one refusal --------------------------------------------------

def test_a_malformed_mutation_is_refused_alone(world: World, desks: dict[str, Desk]) -> None:
    paul = desks["paul"]
    _, good1 = paul.new_candidate("AT-1")
    _, nul_at = paul.new_candidate("AT-2")
    nul_at = make_mutation(nul_at["mid"], "candidate", nul_at["row_id"], nul_at["fields"],
                           at="2027-01-12T09:00\x00")
    _, int_at = paul.new_candidate("AT-3")
    int_at = {**int_at, "at": 5}
    _, bad_entity = paul.new_candidate("AT-4")
    bad_entity = {**bad_entity, "entity": "salary"}
    _, good2 = paul.new_candidate("AT-5")
    resp = paul.push([good1, nul_at, int_at, bad_entity, good2])
    assert [r["status"] for r in resp["results"]] == [
        "applied", "rejected", "rejected", "rejected", "applied"]
    assert resp["last_mid"] == good2["mid"]
    # answered exactly once: the same batch again gets the same statuses
    again = paul.push([good1, nul_at, int_at, bad_entity, good2])
    assert [r["status"] for r in again["results"]] == [r["status"] for r in resp["results"]]
    # a mutation without a usable mid cannot be answered: the request is refused whole
    r = world.client.post(f"/api/v1/missions/{world.mission_a}/sync",
                          headers=world["paul"].headers,
                          json=paul.body([{**good1, "mid": "one"}]))
    assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_request"


def test_nothing_of_a_refused_scorecard_reaches_the_database(world: World,
                                                             desks: dict[str, Desk]) -> None:
    paul = desks["paul"]
    cid, m = paul.new_candidate("AT-10")
    row, card = _card(paul, world, cid, notes="ok")
    card = make_mutation(card["mid"], "scorecard", row, card["fields"], at="bad\nstamp")
    resp = paul.push([m, card])
    assert [r["status"] for r in resp["results"]] == ["applied", "rejected"]
    with session_factory(world.engine)() as s:
        assert s.scalar(select(Scorecard.id).where(Scorecard.id == row)) is None


# -- 9. decisions that stand up in an appeal -------------------------------------------------

def test_admit_needs_a_complete_composite_or_an_override_reason(
        world: World, desks: dict[str, Desk]) -> None:
    claire = desks["claire"]
    cid, m = claire.new_candidate("DEC-1", track="double_degree", partner_institution="HUST")
    claire.push([m])
    admit = {"candidate_id": cid, "outcome": "admit", "option_code": "ENG", "rationale": "ok"}
    resp = claire.push([claire.mutation("decision", str(uuid.uuid4()), admit)])
    assert resp["results"][0]["status"] == "rejected"
    assert "composite" in resp["results"][0]["detail"]
    # no programme: refused whatever the reason
    resp = claire.push([claire.mutation("decision", str(uuid.uuid4()), {
        "candidate_id": cid, "outcome": "admit", "override_reason": "exceptional"})])
    assert resp["results"][0]["status"] == "rejected"
    row = str(uuid.uuid4())
    resp = claire.push([claire.mutation("decision", row, {
        **admit, "override_reason": "interviewed by the dean in Paris; card on paper"})])
    assert resp["results"][0]["status"] == "applied"
    change = next(c for c in claire.pull_all() if c["row_id"] == row)
    assert change["fields"]["override_reason"] == "interviewed by the dean in Paris; card on paper"
    # clearing the reason of that admit is refused as well
    resp = claire.push([claire.mutation("decision", row, {"override_reason": ""},
                                        {"override_reason": 1})])
    assert resp["results"][0]["status"] == "rejected"


def test_admit_with_a_complete_composite_needs_no_override(
        world: World, desks: dict[str, Desk]) -> None:
    """The score counts what this same push brings (a card submitted just before)."""
    claire = desks["claire"]
    cid, m = claire.new_candidate("DEC-2", track="double_degree", partner_institution="HUST")
    _, card = _card(claire, world, cid, levels=full_levels(), recommendation="admit",
                    submitted=True)
    decision = claire.mutation("decision", str(uuid.uuid4()), {
        "candidate_id": cid, "outcome": "admit", "option_code": "MSC"})
    resp = claire.push([m, card, decision])
    assert [r["status"] for r in resp["results"]] == ["applied"] * 3


def test_a_mission_cannot_be_created_without_a_programme_option(world: World) -> None:
    from app.domain.mission import MissionConfig
    from server import missions
    from server.accounts import AccountError

    with session_factory(world.engine)() as s, s.begin(), pytest.raises(
            AccountError, match="programme option"):
        missions.create_mission(s, code="NO-OPT", name="", country="India", city="Pune",
                                timezone="UTC", start="2027-01-01", end="2027-01-02",
                                chair="claire", config=MissionConfig())


def test_a_nul_in_a_field_name_or_base_key_refuses_that_mutation_alone(
        world: World, desks: dict[str, Desk]) -> None:
    paul = desks["paul"]
    _, good = paul.new_candidate("NULK-1")
    bad_name = paul.mutation("candidate", str(uuid.uuid4()), {"famil\x00y_name": "x"})
    bad_base = paul.mutation("candidate", str(uuid.uuid4()), {"status": "present"},
                             {"st\x00atus": 1})
    _, good2 = paul.new_candidate("NULK-2")
    resp = paul.push([good, bad_name, bad_base, good2])
    assert [r["status"] for r in resp["results"]] == ["applied", "rejected", "rejected",
                                                      "applied"]
    assert all("\x00" not in r["detail"] for r in resp["results"])
