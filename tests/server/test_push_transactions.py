"""What a push costs the database besides its rows (issue 15): a push that does not pull runs in
two transactions (the sign-in check, then the push with its receipt's reads), each on one pooled
connection; a pooled connection is pinged only when it sat idle, and a dead one is replaced
before a request sees it; the receipt key is read once per database."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, event, text

from app.domain.receipts import outcomes_hash, public_key_text, verify
from server import db, receipts
from server.db import make_engine, session_factory
from server.migrate import upgrade

from .conftest import PG_URL, Desk, World


@contextmanager
def checkouts(engine: Engine) -> Iterator[list[int]]:
    seen: list[int] = []

    def on(*_: Any) -> None:
        seen.append(1)

    event.listen(engine, "checkout", on)
    try:
        yield seen
    finally:
        event.remove(engine, "checkout", on)


def test_a_push_without_pull_takes_two_transactions_and_its_receipt_verifies(
        world: World) -> None:
    paul = Desk(world.client, world["paul"], world.mission_a)
    cid = str(uuid.uuid4())
    muts = [paul.mutation("candidate", cid, {"mission_id": world.mission_a,
                                             "application_number": "T-1", "family_name": "Rao",
                                             "track": "free_mover"}),
            paul.mutation("candidate", cid, {"status": "present"}, {"status": 1})]
    with checkouts(world.engine) as seen:
        body = {**paul.body(muts), "pull": False}
        r = world.client.post(f"/api/v1/missions/{world.mission_a}/sync",
                              headers=paul.person.headers, json=body)
    assert r.status_code == 200, r.text
    out = r.json()
    assert [x["status"] for x in out["results"]] == ["applied", "applied"]
    assert out["changes"] == [] and len(seen) == 2
    with session_factory(world.engine)() as s:
        public = receipts.public_key(s)
    receipt = verify(public, out["receipt"]["body"], out["receipt"]["signature"])
    assert (receipt.last_mid, receipt.last_id) == (2, muts[-1]["id"])
    assert receipt.outcomes == outcomes_hash(
        (x["mid"], x["status"], x["detail"]) for x in out["results"])

    # The same batch again: nothing stored anew, the receipt names the stored last mutation.
    with checkouts(world.engine) as seen:
        again = paul.push(muts)  # this one pulls too: a third transaction, after the push
    assert [x["status"] for x in again["results"]] == ["applied", "applied"]
    assert len(seen) == 3 and again["changes"]
    assert verify(public, again["receipt"]["body"],
                  again["receipt"]["signature"]).last_id == muts[-1]["id"]


def test_the_receipt_key_is_each_databases_own(engine: Engine, tmp_path: Path) -> None:
    other = make_engine(f"sqlite:///{tmp_path / 'other.sqlite3'}")
    upgrade(other)
    try:
        keys = []
        for eng in (engine, other, engine):
            with session_factory(eng)() as s:
                key = receipts.signing_key(s)
                assert public_key_text(key) == receipts.public_key(s)
                keys.append(key)
        assert keys[0] is keys[2]  # read once per engine
        assert public_key_text(keys[0]) != public_key_text(keys[1])
    finally:
        other.dispose()


@pytest.mark.skipif(not PG_URL, reason="the pool's ping: PostgreSQL's engine")
def test_only_an_idle_connection_is_pinged_and_a_dead_one_is_replaced(
        db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    engine = make_engine(db_url, pool_size=1, max_overflow=0)
    pings: list[int] = []
    real_ping = engine.dialect.do_ping

    def ping(conn: Any) -> bool:
        pings.append(1)
        return real_ping(conn)

    monkeypatch.setattr(engine.dialect, "do_ping", ping)
    clock = [1000.0]
    monkeypatch.setattr(db.time, "monotonic", lambda: clock[0])
    admin = create_engine(PG_URL or "")
    try:
        with engine.connect() as c:
            first = c.scalar(text("SELECT pg_backend_pid()"))
        with engine.connect() as c:  # used a moment ago: no ping
            assert c.scalar(text("SELECT pg_backend_pid()")) == first
        assert pings == []

        clock[0] += db.PING_AFTER_IDLE + 1  # idle in the pool, meanwhile killed
        with admin.connect() as a:
            assert a.scalar(text("SELECT pg_terminate_backend(:p)"), {"p": first})
        with engine.connect() as c:
            second = c.scalar(text("SELECT pg_backend_pid()"))
        assert pings == [1] and second != first
    finally:
        admin.dispose()
        engine.dispose()
