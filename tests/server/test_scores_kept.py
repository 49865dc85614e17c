"""The rankings the server keeps between pages (server.scores) are always those a fresh
computation gives: after marks typed and corrected, scorecards submitted, a candidate
withdrawn, moved to the other track, removed, candidates imported, and a changed
configuration; only the changed candidates are scored again."""

from __future__ import annotations

import random
import uuid
from typing import Any

import pytest

from app.domain.candidate import CandidateRecord
from server import missions, scores
from server.db import session_factory
from server.models import Mission
from tests.server.conftest import Desk, World


def _levels(rnd: random.Random) -> dict[str, int]:
    from app.domain.mission import MissionConfig

    return {k: rnd.randint(1, 5) for k in MissionConfig().rubric.keys}


def test_kept_rankings_equal_a_fresh_computation(world: World,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    rnd = random.Random(7)
    paul = Desk(world.client, world["paul"], world.mission_a)
    claire = Desk(world.client, world["claire"], world.mission_a)
    mission_id = world.mission_a
    sessions = session_factory(world.engine)
    full_runs: list[int] = []
    real_compute = scores.compute_rankings

    def counted(s: Any, configs: Any) -> Any:
        full_runs.append(len(configs))
        return real_compute(s, configs)

    monkeypatch.setattr(scores, "compute_rankings", counted)

    def check() -> None:
        with sessions() as s:
            kept = scores.mission_rankings(s, [mission_id])[mission_id]
            config = scores.mission_config(s.get_one(Mission, mission_id).config)
            fresh = real_compute(s, {mission_id: config})[mission_id]
        assert kept == fresh

    ids, batch, marks = [], [], {}
    for i in range(12):
        extra = {} if i % 3 else {"track": "double_degree",
                                  "partner_institution": "Hanoi University of Science"}
        cid, m = paul.new_candidate(f"VN-{i:03d}", **extra)
        ids.append(cid)
        batch.append(m)
    for cid in ids[:8]:
        for subject in ("maths", "physics", "specialty"):
            mark_id, m = paul.new_mark(cid, subject, f"{rnd.randint(5, 19)}.5")
            marks[(cid, subject)] = mark_id
            batch.append(m)
        batch.append(paul.mutation("scorecard", str(uuid.uuid4()), {
            "candidate_id": cid, "author_id": world["paul"].assessor_id,
            "levels": _levels(rnd), "recommendation": "admit", "submitted": True}))
    results = paul.push(batch)["results"]
    assert all(r["status"] == "applied" for r in results), [r for r in results
                                                            if r["status"] != "applied"][:3]
    check()
    assert full_runs == [1]  # the first page scores the mission

    def step(desk: Desk, mutations: list[dict[str, Any]]) -> None:
        results = desk.push(mutations)["results"]
        assert all(r["status"] == "applied" for r in results), results
        check()

    step(paul, [paul.mutation("mark", marks[(ids[0], "maths")], {"value": "20"})])
    step(paul, [paul.mutation("mark", marks[(ids[1], "physics")], {"value": None})])
    step(claire, [claire.new_mark(ids[2], "maths", "0")[1]])  # a second marker: a mean
    step(claire, [claire.mutation("scorecard", str(uuid.uuid4()), {
        "candidate_id": ids[9], "author_id": world["claire"].assessor_id,
        "levels": _levels(rnd), "recommendation": "reject", "submitted": True})])
    step(claire, [claire.mutation("candidate", ids[3], {"status": "withdrawn"},
                                  {"status": 1})])
    step(claire, [claire.mutation("candidate", ids[4], {
        "track": "double_degree", "partner_institution": "VNU Hanoi"},
        {"track": 1, "partner_institution": 1})])
    assert full_runs == [1]  # every step above scored only its candidates

    with sessions() as s, s.begin():
        mission = s.get_one(Mission, mission_id)
        missions.remove_candidate(s, mission, "VN-005", "imported by mistake")
        missions.add_candidates(s, mission, [CandidateRecord(
            application_number="VN-100", family_name="Lê", track="free_mover")])
    check()
    assert full_runs == [1]

    # a changed configuration (here: the free movers' weights) scores everyone again
    with sessions() as s, s.begin():
        mission = s.get_one(Mission, mission_id)
        config = dict(mission.config)
        config["weights"] = {"free_mover": {"written": "1", "interview": "1"},
                             "double_degree": {"written": "0", "interview": "1"}}
        mission.config = config
        mission.last_seq += 1
    check()
    assert full_runs == [1, 1]
