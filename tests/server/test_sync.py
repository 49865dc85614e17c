"""The sync endpoint: exactly-once push, validation by the domain's rules, per-field
versions, conflicts, blind panel, audit, paging and the mission package."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from sqlalchemy import func, select

from server import feed
from server.db import session_factory
from server.models import AuditEntry, Candidate, Conflict, Mark, MutationOutcome, Scorecard

from .conftest import Desk, World, full_levels, make_mutation


def count(world: World, model: type, *where: object) -> int:
    with session_factory(world.engine)() as s:
        return int(s.scalar(select(func.count()).select_from(model).where(*where)) or 0)


@pytest.fixture
def desks(world: World) -> dict[str, Desk]:
    return {n: Desk(world.client, world[n], world.mission_a) for n in ("claire", "paul", "rita")}


def test_push_applies_and_the_same_response_pulls_it_back(world: World,
                                                          desks: dict[str, Desk]) -> None:
    paul = desks["paul"]
    cid, m1 = paul.new_candidate("VN-001", given_names="Thị Minh Anh")
    mk, m2 = paul.new_mark(cid, "maths", "12.50")
    resp = paul.push([m1, m2])
    assert resp["last_mid"] == 2
    assert [(r["mid"], r["status"]) for r in resp["results"]] == [(1, "applied"), (2, "applied")]
    by_row = {c["row_id"]: c for c in resp["changes"]}
    assert by_row[cid]["fields"]["given_names"] == "Thị Minh Anh"
    assert by_row[cid]["versions"]["status"] == 1
    assert by_row[mk]["fields"]["value"] == "12.5"  # one spelling of a mark everywhere
    assert resp["cursor"] >= max(c["seq"] for c in resp["changes"])
    assert not resp["has_more"]
    # audit: every applied field, with the desk's clock and the mutation id
    with session_factory(world.engine)() as s:
        trail = s.scalars(select(AuditEntry).where(AuditEntry.row_id == mk)).all()
        assert [(a.field, a.old, a.new, a.actor_id, a.mutation_id) for a in trail] == [
            ("value", None, "12.5", world["paul"].assessor_id, m2["id"])]
        assert trail[0].client_at == m2["at"]


def test_the_same_batch_sent_twice_applies_once(world: World, desks: dict[str, Desk]) -> None:
    paul = desks["paul"]
    cid, m1 = paul.new_candidate("VN-002")
    _, m2 = paul.new_mark(cid, "physics", "15")
    first = paul.push([m1, m2])
    second = paul.push([m1, m2])
    assert second["results"] == first["results"]  # answered from what is stored
    assert second["last_mid"] == 2
    assert count(world, Candidate, Candidate.id == cid) == 1
    assert count(world, Mark, Mark.candidate_id == cid) == 1
    assert count(world, MutationOutcome, MutationOutcome.client_id == paul.client_id) == 2
    assert count(world, AuditEntry, AuditEntry.mutation_id == m2["id"]) == 1


def test_known_mid_with_other_content_is_rejected_as_corrupt(world: World,
                                                             desks: dict[str, Desk]) -> None:
    paul = desks["paul"]
    cid, m1 = paul.new_candidate("VN-003")
    paul.push([m1])
    forged = make_mutation(1, "candidate", cid, {"status": "absent"}, {"status": 1})
    resp = paul.push([forged])
    assert resp["results"][0]["status"] == "rejected"
    assert "corrupt" in resp["results"][0]["detail"]
    with session_factory(world.engine)() as s:
        assert s.get(Candidate, cid).status == "registered"  # type: ignore[union-attr]


def test_unknown_mid_below_last_mid_is_rejected_and_does_not_block(
        world: World, desks: dict[str, Desk]) -> None:
    paul = desks["paul"]
    cid, m1 = paul.new_candidate("VN-004")
    paul.mid = 9
    _, m10 = paul.new_mark(cid, "maths", "10")
    resp = paul.push([m1, m10])
    assert resp["last_mid"] == 10
    late = make_mutation(5, "candidate", cid, {"status": "present"}, {"status": 1})
    paul.mid = 10
    _, m11 = paul.new_mark(cid, "physics", "11")
    resp = paul.push([late, m11])
    assert [(r["mid"], r["status"]) for r in resp["results"]] == [(5, "rejected"),
                                                                  (11, "applied")]
    assert resp["last_mid"] == 11


def test_same_mutation_id_under_a_new_mid_is_duplicate(world: World,
                                                       desks: dict[str, Desk]) -> None:
    paul = desks["paul"]
    cid, m1 = paul.new_candidate("VN-005")
    paul.push([m1])
    again = dict(m1, mid=2)  # the hash covers the content, not the mid
    resp = paul.push([again])
    assert resp["results"][0]["status"] == "duplicate"
    # relayed by a teammate's desk (another client) it is a duplicate too
    rita = desks["rita"]
    resp = rita.push([dict(m1, mid=1)])
    assert resp["results"][0]["status"] == "duplicate"
    assert count(world, Candidate, Candidate.id == cid) == 1


@pytest.mark.parametrize(("fields", "why"), [
    ({"value": "21"}, "out of range"),
    ({"value": "12.3"}, "multiple"),
    ({"value": "twelve"}, "not a mark"),
    ({"value": True}, "number"),
    ({"value": "1e999999"}, "not a mark"),
    ({"value": "NaN"}, "not a mark"),
    ({"value": "-0"}, "out of range"),
    ({"value": "1e-999999999"}, "not a mark"),
    ({"value": "١٢"}, "not a mark"),
    ({"value": 1e-300}, "not a mark"),
])
def test_marks_are_validated_by_the_domain_rules(world: World, desks: dict[str, Desk],
                                                 fields: dict, why: str) -> None:
    paul = desks["paul"]
    cid, m1 = paul.new_candidate("VN-006")
    paul.push([m1])
    row_id = str(uuid.uuid4())
    m = paul.mutation("mark", row_id, {"candidate_id": cid, "subject": "maths",
                                       "marker_id": world["paul"].assessor_id, **fields})
    resp = paul.push([m])
    assert resp["results"][0]["status"] == "rejected"
    assert why in resp["results"][0]["detail"]
    assert count(world, Mark, Mark.id == row_id) == 0


def test_rejections_are_final_and_never_block_the_queue(world: World,
                                                        desks: dict[str, Desk]) -> None:
    paul = desks["paul"]
    cid, m1 = paul.new_candidate("VN-007")
    bad_hash = paul.mutation("candidate", cid, {"status": "present"}, {"status": 1})
    bad_hash["hash"] = "0" * 64
    unknown_field = paul.mutation("candidate", cid, {"secret": 1})
    unknown_row = paul.mutation("candidate", str(uuid.uuid4()), {"status": "present"})
    bad_subject = paul.new_mark(cid, "chemistry", "10")[1]
    bad_status = paul.mutation("candidate", cid, {"status": "expelled"}, {"status": 1})
    _, dup = paul.new_candidate("VN-007")
    bad_level = paul.mutation("scorecard", str(uuid.uuid4()), {
        "candidate_id": cid, "author_id": world["paul"].assessor_id,
        "levels": {"motivation": 9}})
    _, good = paul.new_mark(cid, "maths", "absent")
    resp = paul.push([m1, bad_hash, unknown_field, unknown_row, bad_subject, bad_status, dup,
                      bad_level, good])
    statuses = [(r["status"], r["detail"]) for r in resp["results"]]
    assert [s for s, _ in statuses] == ["applied"] + ["rejected"] * 7 + ["applied"]
    details = " | ".join(d for _, d in statuses)
    for words in ("hash", "unknown field", "unknown candidate", "unknown subject",
                  "status: Input should be", "already in this mission", "outside 1-5"):
        assert words in details, words
    assert resp["last_mid"] == paul.mid


def test_an_assessor_cannot_write_another_assessors_mark_or_scorecard(
        world: World, desks: dict[str, Desk]) -> None:
    paul, rita = desks["paul"], desks["rita"]
    cid, m1 = paul.new_candidate("VN-008")
    mark_id, m2 = paul.new_mark(cid, "maths", "14")
    card_id = str(uuid.uuid4())
    m3 = paul.mutation("scorecard", card_id, {"candidate_id": cid,
                                              "author_id": world["paul"].assessor_id,
                                              "notes": "calm, precise"})
    assert [r["status"] for r in paul.push([m1, m2, m3])["results"]] == ["applied"] * 3
    attacks = [
        rita.mutation("mark", mark_id, {"value": "20"}),
        rita.mutation("scorecard", card_id, {"notes": "overwritten"}),
        rita.new_mark(cid, "physics", "9", marker_id=world["paul"].assessor_id)[1],
        rita.mutation("scorecard", str(uuid.uuid4()), {
            "candidate_id": cid, "author_id": world["paul"].assessor_id, "notes": "x"}),
    ]
    resp = rita.push(attacks)
    assert [r["status"] for r in resp["results"]] == ["rejected"] * 4
    assert all("belongs to its" in r["detail"] for r in resp["results"])
    with session_factory(world.engine)() as s:
        assert s.get(Mark, mark_id).value == "14"  # type: ignore[union-attr]
        assert s.get(Scorecard, card_id).notes == "calm, precise"  # type: ignore[union-attr]


def test_only_the_chair_decides(world: World, desks: dict[str, Desk]) -> None:
    paul, claire = desks["paul"], desks["claire"]
    cid, m1 = paul.new_candidate("VN-009")
    paul.push([m1])
    decision = {"candidate_id": cid, "outcome": "admit", "option_code": "ENG",
                "rationale": "strong", "override_reason": "scored on paper at the embassy"}
    resp = paul.push([paul.mutation("decision", str(uuid.uuid4()), decision)])
    assert resp["results"][0]["status"] == "rejected"
    assert "chair" in resp["results"][0]["detail"]
    resp = claire.push([claire.mutation("decision", str(uuid.uuid4()), decision)])
    assert resp["results"][0]["status"] == "applied"
    # an option is required with admit, and must be one of the mission's
    resp = claire.push([claire.mutation("decision", str(uuid.uuid4()), {
        "candidate_id": cid, "outcome": "admit", "option_code": "XYZ"})])
    assert resp["results"][0]["status"] == "rejected"


def test_mission_a_member_reads_and_writes_nothing_of_mission_b(world: World) -> None:
    bruno = Desk(world.client, world["bruno"], world.mission_b)
    cid_b, mb = bruno.new_candidate("B-001")
    bruno.push([mb])
    paul_on_b = Desk(world.client, world["paul"], world.mission_b)
    r = world.client.get(f"/api/v1/missions/{world.mission_b}/package",
                         headers=world["paul"].headers)
    assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden"
    resp = paul_on_b.push([], expect=403)
    assert resp["error"]["code"] == "forbidden"
    # through mission A's endpoint, B's rows are unknown: no write lands on them
    paul = Desk(world.client, world["paul"], world.mission_a)
    resp = paul.push([
        paul.mutation("candidate", cid_b, {"status": "absent"}, {"status": 1}),
        paul.new_mark(cid_b, "maths", "12")[1],
        paul.mutation("candidate", str(uuid.uuid4()), {
            "mission_id": world.mission_b, "application_number": "B-999",
            "family_name": "X", "track": "free_mover"}),
    ])
    assert [r["status"] for r in resp["results"]] == ["rejected"] * 3
    assert all(c["row_id"] != cid_b for c in paul.pull_all())
    with session_factory(world.engine)() as s:
        assert s.get(Candidate, cid_b).status == "registered"  # type: ignore[union-attr]
    r = world.client.get(f"/api/v1/missions/{uuid.uuid4()}/package",
                         headers=world["paul"].headers)
    assert r.status_code == 404


def test_stale_shared_field_becomes_a_conflict_keeping_both_values(
        world: World, desks: dict[str, Desk]) -> None:
    paul, rita, claire = desks["paul"], desks["rita"], desks["claire"]
    cid, m1 = paul.new_candidate("VN-010")
    paul.push([m1])  # status version 1
    # both saw version 1; Paul's change lands first
    assert paul.push([paul.mutation("candidate", cid, {"status": "present"},
                                    {"status": 1})])["results"][0]["status"] == "applied"
    resp = rita.push([rita.mutation("candidate", cid, {"status": "absent"}, {"status": 1})])
    assert resp["results"][0]["status"] == "conflict"
    conflicts = [c for c in resp["changes"] if c["entity"] == "conflict"]
    assert len(conflicts) == 1
    f = conflicts[0]["fields"]
    assert (f["entity"], f["row_id"], f["field"]) == ("candidate", cid, "status")
    assert (f["current_value"], f["other_value"], f["resolved"]) == ("present", "absent", False)
    with session_factory(world.engine)() as s:
        c = s.scalars(select(Conflict)).one()
        assert (c.current_author, c.other_author) == (world["paul"].assessor_id,
                                                      world["rita"].assessor_id)
        assert s.get(Candidate, cid).status == "present"  # type: ignore[union-attr]
    # an equal value from a stale base merges silently
    resp = rita.push([rita.mutation("candidate", cid, {"status": "present"}, {"status": 1})])
    assert resp["results"][0]["status"] == "applied"
    # every desk sees the conflict; the chair resolves it with an up-to-date edit
    assert any(c["entity"] == "conflict" for c in claire.pull_all())
    resp = claire.push([claire.mutation("candidate", cid, {"status": "absent"}, {"status": 2})])
    assert resp["results"][0]["status"] == "applied"
    resolved = [c for c in resp["changes"] if c["entity"] == "conflict"]
    assert resolved and resolved[0]["fields"]["resolved"] is True
    pkg = world.client.get(f"/api/v1/missions/{world.mission_a}/package",
                           headers=world["paul"].headers).json()
    assert not any(r["entity"] == "conflict" for r in pkg["rows"])  # only unresolved ones


def test_non_chair_up_to_date_edit_does_not_resolve_a_conflict(
        world: World, desks: dict[str, Desk]) -> None:
    paul, rita = desks["paul"], desks["rita"]
    cid, m1 = paul.new_candidate("VN-011")
    paul.push([m1, paul.mutation("candidate", cid, {"status": "present"}, {"status": 1})])
    rita.push([rita.mutation("candidate", cid, {"status": "withdrawn"}, {"status": 1})])
    paul.push([paul.mutation("candidate", cid, {"status": "absent"}, {"status": 2})])
    assert count(world, Conflict, Conflict.resolved.is_(False)) == 1


def test_blind_panel_unsubmitted_cards_reach_only_their_author(
        world: World, desks: dict[str, Desk]) -> None:
    paul, rita = desks["paul"], desks["rita"]
    cid, m1 = paul.new_candidate("VN-012")
    card = str(uuid.uuid4())
    paul.push([m1, paul.mutation("scorecard", card, {
        "candidate_id": cid, "author_id": world["paul"].assessor_id,
        "levels": full_levels(), "recommendation": "admit"})])
    assert card in {c["row_id"] for c in paul.pull_all()}
    assert card not in {c["row_id"] for c in rita.pull_all()}
    pkg = world.client.get(f"/api/v1/missions/{world.mission_a}/package",
                           headers=world["rita"].headers).json()
    assert card not in {r["row_id"] for r in pkg["rows"]}
    resp = paul.push([paul.mutation("scorecard", card, {"submitted": True})])
    assert resp["results"][0]["status"] == "applied"
    seen = {c["row_id"]: c for c in rita.pull_all()}
    assert seen[card]["fields"]["submitted"] is True
    assert seen[card]["fields"]["submitted_at"]


def test_submitted_scorecard_changes_only_with_an_amendment_reason(
        world: World, desks: dict[str, Desk]) -> None:
    paul = desks["paul"]
    cid, m1 = paul.new_candidate("VN-013")
    card = str(uuid.uuid4())
    incomplete = paul.mutation("scorecard", card, {
        "candidate_id": cid, "author_id": world["paul"].assessor_id,
        "levels": {"motivation": 3}, "submitted": True})
    resp = paul.push([m1, incomplete])
    assert resp["results"][1]["status"] == "rejected"
    assert "missing" in resp["results"][1]["detail"]
    paul.push([paul.mutation("scorecard", card, {
        "candidate_id": cid, "author_id": world["paul"].assessor_id,
        "levels": full_levels(), "recommendation": "admit", "submitted": True})])
    plain = paul.mutation("scorecard", card, {"recommendation": "reject"})
    unsubmit = paul.mutation("scorecard", card, {"submitted": False})
    amended = paul.mutation("scorecard", card, {"recommendation": "waitlist",
                                                "amendment_reason": "misread my notes"})
    resp = paul.push([plain, unsubmit, amended])
    assert [r["status"] for r in resp["results"]] == ["rejected", "rejected", "applied"]
    with session_factory(world.engine)() as s:
        row = s.get(Scorecard, card)
        assert row is not None and row.recommendation == "waitlist" and row.amendments == 1
        entry = s.scalars(select(AuditEntry).where(AuditEntry.row_id == card,
                                                   AuditEntry.field == "recommendation")
                          .order_by(AuditEntry.id.desc())).first()
        assert entry is not None and entry.reason == "misread my notes"
        assert (entry.old, entry.new) == ("admit", "waitlist")


def _new_candidates(desk: Desk, prefix: str, n: int, per_push: int = 300) -> list[str]:
    """``n`` candidates pushed by ``desk``, ``per_push`` a push; their row ids."""
    rows: list[str] = []
    for start in range(0, n, per_push):
        muts = []
        for i in range(start, min(n, start + per_push)):
            cid, m = desk.new_candidate(f"{prefix}-{i:04d}")
            rows.append(cid)
            muts.append(m)
        desk.push(muts)
    return rows


def _pull_pages(desk: Desk, rows: list[str]) -> list[list[dict[str, Any]]]:
    """Every page until caught up, checked: in seq order, each row once, ``rows`` among
    them, nothing left after; the pages' changes."""
    pages: list[list[dict[str, Any]]] = []
    while True:
        resp = desk.push([])
        pages.append(resp["changes"])
        assert resp["cursor"] >= desk.cursor
        desk.cursor = resp["cursor"]
        if not resp["has_more"]:
            break
    seen = [c["row_id"] for page in pages for c in page]
    seqs = [c["seq"] for page in pages for c in page]
    assert seqs == sorted(seqs) and len(set(seen)) == len(seen)
    assert set(rows) <= set(seen)
    assert desk.push([])["changes"] == []  # caught up
    return pages


def test_cursor_paging_across_many_pages_returns_every_row_once(
        world: World, desks: dict[str, Desk], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(feed, "PAGE_SIZE", 7)
    rows = _new_candidates(desks["paul"], "P", 60, per_push=20)
    pages = _pull_pages(desks["rita"], rows)
    assert len(pages) >= 9 and all(len(page) <= 7 for page in pages)


def test_more_than_500_small_changes_come_back_in_one_page(
        world: World, desks: dict[str, Desk]) -> None:
    # Issue 15: pages sized by bytes. The echo of a 600-row push fits one reply instead of
    # costing the desk one more round trip at the end of its sync.
    rows = _new_candidates(desks["paul"], "BIG", 600)
    assert len(_pull_pages(desks["rita"], rows)) == 1


def test_a_page_stops_at_its_byte_budget_and_the_next_resumes_there(
        world: World, desks: dict[str, Desk], monkeypatch: pytest.MonkeyPatch) -> None:
    budget = 3000
    monkeypatch.setattr(feed, "PAGE_BYTES", budget)
    rows = _new_candidates(desks["paul"], "B", 40)
    pages = _pull_pages(desks["rita"], rows)
    assert len(pages) >= 5
    for page in pages:
        size = sum(len(json.dumps(c, separators=(",", ":"), ensure_ascii=False))
                   for c in page)
        # within the budget (give or take the re-serialized JSON), or one row over it alone
        assert len(page) == 1 or size <= budget * 1.1


def test_package_has_everything_and_an_etag(world: World, desks: dict[str, Desk]) -> None:
    paul = desks["paul"]
    cid, m1 = paul.new_candidate("VN-014")
    paul.push([m1, paul.new_mark(cid, "maths", "8")[1]])
    h = world["rita"].headers
    r = world.client.get(f"/api/v1/missions/{world.mission_a}/package", headers=h)
    assert r.status_code == 200
    pkg = r.json()
    assert pkg["schema"] == 1 and pkg["mission"]["fields"]["code"] == "IN-2027-CHENNAI"
    assert pkg["mission"]["fields"]["config"]["options"][0]["code"] == "ENG"
    kinds = {row["entity"] for row in pkg["rows"]}
    assert {"assessor", "candidate", "mark"} <= kinds
    chairs = [row for row in pkg["rows"] if row["entity"] == "assessor"
              and row["fields"]["is_chair"]]
    assert len(chairs) == 1 and chairs[0]["row_id"] == world["claire"].assessor_id
    etag = r.headers["etag"]
    r2 = world.client.get(f"/api/v1/missions/{world.mission_a}/package",
                          headers={**h, "If-None-Match": etag})
    assert r2.status_code == 304
    paul.push([paul.mutation("candidate", cid, {"status": "present"}, {"status": 1})])
    r3 = world.client.get(f"/api/v1/missions/{world.mission_a}/package",
                          headers={**h, "If-None-Match": etag})
    assert r3.status_code == 200 and r3.headers["etag"] != etag
    # pulling from the package's cursor yields exactly what changed since
    rita = desks["rita"]
    rita.cursor = pkg["cursor"]
    assert [c["row_id"] for c in rita.pull_all()] == [cid]


def test_interview_panel_limits_who_fills_a_scorecard(world: World,
                                                      desks: dict[str, Desk]) -> None:
    rita, claire = desks["rita"], desks["claire"]
    cid, m1 = claire.new_candidate("VN-015")
    iv = str(uuid.uuid4())
    resp = claire.push([m1, claire.mutation("interview", iv, {
        "candidate_id": cid, "starts_at": "2027-01-12T09:30:00+05:30", "room": "B12",
        "panel": [world["paul"].assessor_id, world["claire"].assessor_id]})])
    assert [r["status"] for r in resp["results"]] == ["applied", "applied"]
    resp = rita.push([rita.mutation("scorecard", str(uuid.uuid4()), {
        "candidate_id": cid, "author_id": world["rita"].assessor_id, "notes": "x"})])
    assert resp["results"][0]["status"] == "rejected"
    assert "panel" in resp["results"][0]["detail"]
    resp = rita.push([rita.mutation("interview", iv, {"panel": [str(uuid.uuid4())]},
                                    {"panel": 1})])
    assert resp["results"][0]["status"] == "rejected"


def test_a_desks_own_successive_offline_edits_are_not_conflicts(
        world: World, desks: dict[str, Desk]) -> None:
    """The desk's queued edits all carry the version it last pulled (DESIGN.md §4): its own
    run of edits applies in order; another desk's edit in between makes a conflict."""
    paul, rita = desks["paul"], desks["rita"]
    cid, m1 = paul.new_candidate("VN-020")
    # born and edited twice before any sync: bases stay 0
    resp = paul.push([m1, paul.mutation("candidate", cid, {"status": "present"}, {"status": 0}),
                      paul.mutation("candidate", cid, {"status": "absent"}, {"status": 0})])
    assert [r["status"] for r in resp["results"]] == ["applied"] * 3
    # two offline edits from version 3, sent in two pushes
    first = paul.mutation("candidate", cid, {"status": "present"}, {"status": 3})
    second = paul.mutation("candidate", cid, {"status": "withdrawn"}, {"status": 3})
    assert paul.push([first])["results"][0]["status"] == "applied"
    assert paul.push([second])["results"][0]["status"] == "applied"
    assert count(world, Conflict) == 0
    # Rita edits from version 5; Paul's next queued edit, still from 5, now conflicts
    assert rita.push([rita.mutation("candidate", cid, {"status": "registered"},
                                    {"status": 5})])["results"][0]["status"] == "applied"
    resp = paul.push([paul.mutation("candidate", cid, {"status": "present"}, {"status": 5})])
    assert resp["results"][0]["status"] == "conflict"
    with session_factory(world.engine)() as s:
        assert s.get(Candidate, cid).status == "registered"  # type: ignore[union-attr]


def test_large_replies_are_gzipped_small_ones_plain(world: World) -> None:
    h = world["rita"].headers
    url = f"/api/v1/missions/{world.mission_a}/package"
    zipped = world.client.get(url, headers={**h, "Accept-Encoding": "gzip"})
    assert zipped.status_code == 200 and zipped.headers.get("content-encoding") == "gzip"
    assert zipped.json()["schema"] == 1  # the client inflates it transparently
    plain = world.client.get(url, headers={**h, "Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers and plain.json() == zipped.json()
    small = world.client.get("/api/v1/missions", headers={**h, "Accept-Encoding": "gzip"})
    assert "content-encoding" not in small.headers


def test_blind_panel_a_panel_member_reads_colleagues_cards_only_after_submitting(
        world: World, desks: dict[str, Desk]) -> None:
    paul, rita, claire = desks["paul"], desks["rita"], desks["claire"]
    cid, m1 = claire.new_candidate("VN-030")
    interview = claire.mutation("interview", str(uuid.uuid4()), {
        "candidate_id": cid, "room": "R1",
        "panel": [world["paul"].assessor_id, world["rita"].assessor_id]})
    assert [r["status"] for r in claire.push([m1, interview])["results"]] == ["applied"] * 2
    paul_card, rita_card = str(uuid.uuid4()), str(uuid.uuid4())
    resp = paul.push([paul.mutation("scorecard", paul_card, {
        "candidate_id": cid, "author_id": world["paul"].assessor_id,
        "levels": full_levels(), "recommendation": "admit", "submitted": True})])
    assert [r["status"] for r in resp["results"]] == ["applied"]
    # rita is on the panel and has not submitted: paul's card does not reach her
    rita.push([rita.mutation("scorecard", rita_card, {
        "candidate_id": cid, "author_id": world["rita"].assessor_id,
        "levels": full_levels(), "recommendation": "waitlist"})])
    assert paul_card not in {c["row_id"] for c in rita.pull_all()}
    pkg = world.client.get(f"/api/v1/missions/{world.mission_a}/package",
                           headers=world["rita"].headers).json()
    assert paul_card not in {r["row_id"] for r in pkg["rows"]}
    # the chair, off the panel, reads submitted cards
    assert paul_card in {c["row_id"] for c in claire.pull_all()}
    # rita submits: paul's card comes in her very next pull
    rita.push([rita.mutation("scorecard", rita_card, {"submitted": True})])
    assert paul_card in {c["row_id"] for c in rita.pull_all()}


def test_rows_endpoint_returns_asked_rows_the_viewer_may_hold(
        world: World, desks: dict[str, Desk]) -> None:
    paul = desks["paul"]
    cid, m1 = paul.new_candidate("VN-040")
    draft = str(uuid.uuid4())
    paul.push([m1, paul.mutation("scorecard", draft, {
        "candidate_id": cid, "author_id": world["paul"].assessor_id, "notes": "draft"})])
    ghost = str(uuid.uuid4())
    keys = [{"entity": "candidate", "row_id": cid}, {"entity": "scorecard", "row_id": draft},
            {"entity": "mark", "row_id": ghost}]
    url = f"/api/v1/missions/{world.mission_a}/rows"
    mine = world.client.post(url, json={"keys": keys}, headers=world["paul"].headers)
    assert mine.status_code == 200
    assert {r["row_id"] for r in mine.json()["rows"]} == {cid, draft}  # no ghost
    theirs = world.client.post(url, json={"keys": keys}, headers=world["rita"].headers)
    assert {r["row_id"] for r in theirs.json()["rows"]} == {cid}  # a draft stays its author's
    outsider = world.client.post(url, json={"keys": keys}, headers=world["bruno"].headers)
    assert outsider.status_code == 403 and outsider.json()["error"]["code"] == "forbidden"
    bad = world.client.post(url, json={"keys": [{"entity": "nope", "row_id": cid}]},
                            headers=world["paul"].headers)
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid_request"


def test_an_idle_sync_is_signed_again_only_when_the_desk_holds_an_older_receipt(
        world: World, desks: dict[str, Desk]) -> None:
    paul = desks["paul"]
    _, m1 = paul.new_candidate("VN-077")
    resp = paul.push([m1])
    assert resp["receipt"] is not None and resp["last_mid"] == 1

    def idle(receipt_mid: int | None) -> dict[str, Any]:
        body = {**paul.body([]), **({} if receipt_mid is None else {"receipt_mid": receipt_mid})}
        r = world.client.post(f"/api/v1/missions/{world.mission_a}/sync",
                              headers=paul.person.headers, json=body)
        assert r.status_code == 200, r.text
        return r.json()

    assert "receipt" not in idle(1)  # the desk holds the receipt of everything: none again
    assert idle(0)["receipt"] is not None  # it holds an older one: signed anew
    assert idle(None)["receipt"] is not None  # it did not say: signed as always
    # something pushed is always signed, whatever the desk says it holds
    _, m2 = paul.new_candidate("VN-078")
    body = {**paul.body([m2]), "receipt_mid": 1}
    r = world.client.post(f"/api/v1/missions/{world.mission_a}/sync",
                          headers=paul.person.headers, json=body)
    assert r.json()["receipt"] is not None and r.json()["last_mid"] == 2
