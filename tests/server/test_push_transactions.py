"""What a push costs the database besides its rows (issue 15): a push that does not pull runs in
two transactions (the sign-in check, then the push with its receipt's reads), each on one pooled
connection; a pooled connection is pinged only when it sat idle, and a dead one is replaced
before a request sees it; the receipt key is read once per database."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
from sqlalchemy import Engine, create_engine, event, select, text

from app.domain.receipts import outcomes_hash, public_key_text, verify
from server import api, receipts
from server.db import make_engine, ping_idle_connections, session_factory
from server.migrate import upgrade
from server.models import Assessor, Mission, ReceiptKey
from sync.bundle import new_signing_key
from sync.bundle import public_key_text as desk_key_text

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

        # A database whose key was replaced under the running server: noticed where the
        # public key is handed out, and the new key signs from then on.
        fresh = Ed25519PrivateKey.generate()
        with session_factory(engine)() as s, s.begin():
            row = s.get(ReceiptKey, receipts.KEY_ID)
            assert row is not None
            row.public_key = public_key_text(fresh)
            row.private_key = fresh.private_bytes(Encoding.Raw, PrivateFormat.Raw,
                                                  NoEncryption()).hex()
        with session_factory(engine)() as s:
            assert receipts.public_key(s) == public_key_text(fresh)
            assert public_key_text(receipts.signing_key(s)) == public_key_text(fresh)
    finally:
        other.dispose()


@pytest.mark.skipif(not PG_URL, reason="the pool's ping: PostgreSQL's engine")
def test_only_an_idle_connection_is_pinged_and_a_dead_one_is_replaced(
        db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    engine = create_engine(db_url, pool_size=1, max_overflow=0)
    clock = [1000.0]
    ping_idle_connections(engine, idle=1.0, clock=lambda: clock[0])
    pings: list[int] = []
    real_ping = engine.dialect.do_ping

    def ping(conn: Any) -> bool:
        pings.append(1)
        return real_ping(conn)

    monkeypatch.setattr(engine.dialect, "do_ping", ping)
    admin = create_engine(PG_URL or "")
    try:
        with engine.connect() as c:
            first = c.scalar(text("SELECT pg_backend_pid()"))
        with engine.connect() as c:  # used a moment ago: no ping
            assert c.scalar(text("SELECT pg_backend_pid()")) == first
        assert pings == []

        clock[0] += 2.0  # idle in the pool, meanwhile killed
        with admin.connect() as a:
            assert a.scalar(text("SELECT pg_terminate_backend(:p)"), {"p": first})
        with engine.connect() as c:
            second = c.scalar(text("SELECT pg_backend_pid()"))
        assert pings == [1] and second != first
    finally:
        admin.dispose()
        engine.dispose()


@pytest.mark.skipif(not PG_URL, reason="a push waiting on the mission's row lock: PostgreSQL")
def test_a_member_removed_while_their_push_waits_for_the_lock_is_refused(world: World) -> None:
    paul = Desk(world.client, world["paul"], world.mission_a)
    cid = str(uuid.uuid4())
    muts = [paul.mutation("candidate", cid, {"mission_id": world.mission_a,
                                             "application_number": "T-9", "family_name": "Das",
                                             "track": "free_mover"})]
    answer: list[Any] = []
    sessions = session_factory(world.engine)
    with sessions() as s, s.begin():
        # The chair's removal holds the mission's lock, as server.mission_setup does.
        s.scalar(select(Mission).where(Mission.id == world.mission_a).with_for_update())
        pusher = threading.Thread(target=lambda: answer.append(world.client.post(
            f"/api/v1/missions/{world.mission_a}/sync", headers=paul.person.headers,
            json=paul.body(muts))))
        pusher.start()
        time.sleep(1.0)  # the push is past its sign-in check, waiting on the lock
        assert pusher.is_alive()
        seat = s.get(Assessor, world["paul"].assessor_id)
        assert seat is not None
        seat.deleted = True
    pusher.join(30)
    assert answer and answer[0].status_code == 403, answer and answer[0].text
    assert answer[0].json()["error"]["code"] == "forbidden"


def test_a_desk_registered_between_the_push_and_its_pull_is_sent(
        world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    """The team list of a sync that pulls is decided after the pull: a desk that registers
    in between is past the new cursor and would otherwise never be sent."""
    claire = Desk(world.client, world["claire"], world.mission_a)
    claire.pull_all()
    paul = Desk(world.client, world["paul"], world.mission_a)
    real_pull = api.changes_after_json
    registered: list[int] = []

    def pull_after_a_registration(*args: Any, **kwargs: Any) -> Any:
        if not registered:
            registered.append(1)
            body = {**paul.body([]), "public_key": desk_key_text(new_signing_key())}
            r = world.client.post(f"/api/v1/missions/{world.mission_a}/sync",
                                  headers=paul.person.headers, json=body)
            assert r.status_code == 200, r.text
        return real_pull(*args, **kwargs)

    monkeypatch.setattr(api, "changes_after_json", pull_after_a_registration)
    cid = str(uuid.uuid4())
    out = claire.push([claire.mutation("candidate", cid, {
        "mission_id": world.mission_a, "application_number": "T-7", "family_name": "Iyer",
        "track": "free_mover"})])
    assert registered
    assert out["team"] is not None
    assert paul.client_id in [d["client_id"] for d in out["team"]["desks"]]


def test_two_pushes_in_one_transaction_continue_the_seq_and_the_desks_state(
        world: World) -> None:
    """A bundle's chunks are pushed one after the other in one transaction: the second push
    goes on from the first one's seq and last mid, which are written by plain statements (not
    the ORM's flush) and told to the session's objects."""
    from app.domain.mission import MissionConfig
    from server.models import Candidate, ClientState
    from server.sync_apply import Actor, PushApplier
    from sync.protocol import Mutation

    paul = Desk(world.client, world["paul"], world.mission_a)
    person = world["paul"]
    actor = Actor(user_id=person.user_id, device_id=person.device_id,
                  assessor_id=person.assessor_id, is_chair=False)
    chunks = [[paul.new_candidate(f"B-{k}-{j}")[1] for j in range(3)] for k in range(2)]
    with session_factory(world.engine)() as s, s.begin():
        mission = s.get(Mission, world.mission_a)
        assert mission is not None
        before = mission.last_seq
        config = MissionConfig.model_validate(mission.config)
        lasts = []
        for chunk in chunks:
            last_mid, results = PushApplier(s, mission, actor, config).push(
                paul.client_id, [Mutation.model_validate(m) for m in chunk])
            assert [r.status for r in results] == ["applied"] * 3
            lasts.append(last_mid)
            assert mission.last_seq == before + 3 * len(lasts)
            assert not s.dirty  # nothing left for a flush to write again
    assert lasts == [3, 6]
    with session_factory(world.engine)() as s:
        seqs = sorted(s.scalars(select(Candidate.seq).where(
            Candidate.mission_id == world.mission_a)))
        assert seqs == list(range(before + 1, before + 7))
        assert s.scalar(select(Mission.last_seq).where(Mission.id == world.mission_a)) == \
            before + 6
        state = s.get(ClientState, (paul.client_id, world.mission_a))
        assert state is not None and (state.last_mid, state.device_id) == (6, person.device_id)

    # and again over HTTP: the stored state is updated in place, the next mid follows
    more = paul.push([paul.new_candidate("B-9")[1]])
    assert [r["status"] for r in more["results"]] == ["applied"]
    with session_factory(world.engine)() as s:
        state = s.get(ClientState, (paul.client_id, world.mission_a))
        assert state is not None and state.last_mid == 7
        assert s.scalar(select(Mission.last_seq).where(Mission.id == world.mission_a)) == \
            before + 7


def _actor(person: Any) -> Any:
    from server.sync_apply import Actor
    return Actor(user_id=person.user_id, device_id=person.device_id,
                 assessor_id=person.assessor_id, is_chair=False)


@pytest.mark.skipif(not PG_URL, reason="a sign-in committed during a push: PostgreSQL's "
                                       "concurrent transactions (SQLite has one writer)")
def test_a_sign_in_that_moves_the_desk_during_its_push_is_not_undone(world: World) -> None:
    """The push writes back only what it changed: the desk's new device, bound by a sign-in
    (replacing its token) committed after the push read the desk's state, stays."""
    from app.domain.mission import MissionConfig
    from server.missions import lock_mission
    from server.models import ClientState
    from server.sync_apply import PushApplier
    from sync.protocol import Mutation

    from .conftest import PASSWORD

    paul = Desk(world.client, world["paul"], world.mission_a)
    person = world["paul"]
    assert [r["status"] for r in paul.push([paul.new_candidate("M-1")[1]])["results"]] == \
        ["applied"]
    with session_factory(world.engine)() as s, s.begin():
        mission = lock_mission(s, world.mission_a)
        assert mission is not None
        state = s.get(ClientState, (paul.client_id, world.mission_a))
        assert state is not None and state.device_id == person.device_id
        # meanwhile the desk signs in again, replacing its token: its client_id moves along
        r = world.client.post("/api/v1/login", json={
            "username": "paul", "password": PASSWORD, "device_name": "paul-laptop",
            "replaces": person.token})
        assert r.status_code == 200, r.text
        moved_to = r.json()["device_id"]
        _, results = PushApplier(s, mission, _actor(person),
                                 MissionConfig.model_validate(mission.config)).push(
            paul.client_id, [Mutation.model_validate(paul.new_candidate("M-2")[1])],
            state=state)
        assert [x.status for x in results] == ["applied"]
    with session_factory(world.engine)() as s:
        stored = s.get(ClientState, (paul.client_id, world.mission_a))
        assert stored is not None and (stored.last_mid, stored.device_id) == (2, moved_to)


def test_a_nul_in_a_pushed_key_refuses_that_mutation_not_the_push(world: World) -> None:
    """Values the push reads before any rule ran (an application number, a candidate id)
    may hold NUL: PostgreSQL refuses such a text in a statement, which failed the whole
    push; it is now left out of the read and its mutation refused by the NUL rule."""
    paul = Desk(world.client, world["paul"], world.mission_a)
    cid, ok = paul.new_candidate("OK-1")
    bad_appno = paul.new_candidate("NUL-\x00-1")[1]
    bad_mark = paul.new_mark("c\x00" + cid[2:], "maths", "12")[1]
    out = paul.push([ok, bad_appno, bad_mark])
    assert [r["status"] for r in out["results"]] == ["applied", "rejected", "rejected"]
    assert "NUL" in out["results"][1]["detail"] and "NUL" in out["results"][2]["detail"]
