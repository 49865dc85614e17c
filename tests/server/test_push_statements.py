"""A push's statements do not grow with its mutations (issue 15): every read a mutation's rules
need (its row, identity keys, stored outcomes, a panel, a decision's marks and cards, a field's
audit history for the conflict rule, the mission's members...) is one query for the whole batch,
and the writes are one statement per table. Counted with an engine listener on every statement
the request runs (sign-in check, lock, push, pull, receipt), on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event, func, select

from server.db import session_factory
from server.models import AuditEntry, Conflict, Decision, Interview, Mark, Scorecard

from .conftest import Desk, World, full_levels


@contextmanager
def statements(world: World) -> Iterator[list[str]]:
    seen: list[str] = []

    def on(conn: Any, cursor: Any, statement: str, *_: Any) -> None:
        seen.append(statement)

    event.listen(world.engine, "before_cursor_execute", on)
    try:
        yield seen
    finally:
        event.remove(world.engine, "before_cursor_execute", on)


def seed(world: World, units: int) -> list[str]:
    """Candidates that Paul registered and marked present, each with Rita's submitted card."""
    paul = Desk(world.client, world["paul"], world.mission_a)
    rita = Desk(world.client, world["rita"], world.mission_a)
    cids, muts = [], []
    for k in range(units):
        cid, m = paul.new_candidate(f"S-{uuid.uuid4().hex[:8]}-{k}")
        cids.append(cid)
        muts += [m, paul.mutation("candidate", cid, {"status": "present"}, {"status": 1})]
    assert {r["status"] for r in paul.push(muts)["results"]} == {"applied"}
    cards = [rita.mutation("scorecard", str(uuid.uuid4()), {
        "candidate_id": cid, "author_id": world["rita"].assessor_id, "levels": full_levels(),
        "recommendation": "admit", "submitted": True}) for cid in cids]
    assert {r["status"] for r in rita.push(cards)["results"]} == {"applied"}
    return cids


def chair_batch(world: World, claire: Desk, cids: list[str]) -> list[dict[str, Any]]:
    """Six mutations per candidate, each down a path that reads something besides its row."""
    me = world["claire"].assessor_id
    out: list[dict[str, Any]] = []
    for k, cid in enumerate(cids):
        out += [
            # stale base: the conflict rule reads who wrote the field before
            claire.mutation("candidate", cid, {"status": "absent"}, {"status": 1}),
            claire.new_mark(cid, "maths", "12.5")[1],
            # a new card, submitted: the candidate's panel, then the colleagues' cards
            claire.mutation("scorecard", str(uuid.uuid4()), {
                "candidate_id": cid, "author_id": me, "levels": full_levels(),
                "recommendation": "admit", "submitted": True}),
            # admit: scored from the candidate's marks and cards
            claire.mutation("decision", str(uuid.uuid4()), {
                "candidate_id": cid, "outcome": "admit", "option_code": "ENG",
                "rationale": "strong", "override_reason": "scored at the embassy"}),
            # a panel: checked against the mission's members
            claire.mutation("interview", str(uuid.uuid4()), {
                "candidate_id": cid, "room": "R1", "panel": [me, world["paul"].assessor_id]}),
            claire.new_candidate(f"N-{uuid.uuid4().hex[:8]}-{k}")[1],
        ]
    return out


def count_push(world: World, units: int) -> tuple[int, list[str]]:
    cids = seed(world, units)
    claire = Desk(world.client, world["claire"], world.mission_a)
    batch = chair_batch(world, claire, cids)
    with statements(world) as seen:
        resp = claire.push(batch)
    statuses = [r["status"] for r in resp["results"]]
    assert statuses == ["conflict", "applied", "applied", "applied", "applied",
                        "applied"] * units, statuses
    return len(seen), seen


def test_a_push_runs_as_many_statements_for_60_mutations_as_for_12(world: World) -> None:
    small, _ = count_push(world, 2)
    large, seen = count_push(world, 10)
    assert large == small, "\n".join(seen)
    # 40 on SQLite, 37 on PostgreSQL (46 and 43 before the reads after the lock, the held
    # outcomes and the identity keys were each asked in one statement)
    assert large <= 40, "\n".join(s.split("\n")[0][:90] for s in seen)
    with session_factory(world.engine)() as s:
        # the work was done: 12 conflicts, and every row with its audit
        assert s.scalar(select(func.count()).select_from(Conflict)) == 12
        for model in (Mark, Decision, Interview):
            assert s.scalar(select(func.count()).select_from(model)) == 12
        assert s.scalar(select(func.count()).select_from(Scorecard)) == 24
        assert s.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.entity == "interview")) == 12 * 2  # room and panel
