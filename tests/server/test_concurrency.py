"""True concurrency against a real uvicorn: the same batch on two connections applies once;
pulls racing with pushes never skip a row; a token is usable as soon as login answers."""

from __future__ import annotations

import threading
import uuid
from typing import Any

import httpx
from sqlalchemy import func, select

from server.db import session_factory
from server.models import AuditEntry, Candidate, Mark, MutationOutcome

from .conftest import PASSWORD, Desk, World
from .live import live_server


def _count(world: World, model: type, *where: object) -> int:
    with session_factory(world.engine)() as s:
        return int(s.scalar(select(func.count()).select_from(model).where(*where)) or 0)


def test_the_same_batch_at_once_on_two_connections_applies_once(world: World) -> None:
    paul = world["paul"]
    with live_server(world.engine) as base:
        for round_ in range(5):
            desk = Desk(None, paul, world.mission_a)
            muts = []
            for i in range(20):
                cid, m = desk.new_candidate(f"R{round_}-{i:02d}")
                muts.append(m)
                muts.append(desk.new_mark(cid, "maths", "10.5")[1])
            body = desk.body(muts)
            barrier = threading.Barrier(2)
            answers: list[dict[str, Any]] = []
            errors: list[BaseException] = []

            def send(body: dict[str, Any] = body, barrier: threading.Barrier = barrier,
                     answers: list[dict[str, Any]] = answers,
                     errors: list[BaseException] = errors) -> None:
                try:
                    with httpx.Client(base_url=base, timeout=60) as c:
                        barrier.wait()
                        r = c.post(f"/api/v1/missions/{world.mission_a}/sync", json=body,
                                   headers=paul.headers)
                        assert r.status_code == 200, r.text
                        answers.append(r.json())
                except BaseException as exc:  # reported to the main thread
                    errors.append(exc)

            threads = [threading.Thread(target=send) for _ in range(2)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            assert not errors, errors
            assert answers[0]["results"] == answers[1]["results"]
            assert {r["status"] for r in answers[0]["results"]} == {"applied"}
            assert answers[0]["last_mid"] == answers[1]["last_mid"] == 40
            ids = [m["row_id"] for m in muts if m["entity"] == "candidate"]
            assert _count(world, Candidate, Candidate.id.in_(ids)) == 20
            assert _count(world, Mark, Mark.candidate_id.in_(ids)) == 20
            assert _count(world, MutationOutcome,
                          MutationOutcome.client_id == desk.client_id) == 40
            assert _count(world, AuditEntry, AuditEntry.mutation_id.in_(
                [m["id"] for m in muts if m["entity"] == "mark"])) == 20


def test_pulls_racing_with_pushes_never_skip_a_row(world: World) -> None:
    pushers = [world["paul"], world["rita"], world["claire"]]
    created: list[str] = []
    lock = threading.Lock()
    errors: list[BaseException] = []
    done = threading.Event()
    seen: set[str] = set()

    with live_server(world.engine) as base:
        def push(person: Any) -> None:
            try:
                desk = Desk(None, person, world.mission_a)
                with httpx.Client(base_url=base, timeout=60) as c:
                    for b in range(6):
                        muts = []
                        for i in range(10):
                            cid, m = desk.new_candidate(f"{person.username}-{b}-{i}")
                            muts.append(m)
                            with lock:
                                created.append(cid)
                        r = c.post(f"/api/v1/missions/{world.mission_a}/sync",
                                   json=desk.body(muts, cursor=10**9),
                                   headers=person.headers)
                        assert r.status_code == 200, r.text
            except BaseException as exc:
                errors.append(exc)

        def pull() -> None:
            try:
                desk = Desk(None, world["rita"], world.mission_a)
                with httpx.Client(base_url=base, timeout=60) as c:
                    while True:
                        finished = done.is_set()
                        r = c.post(f"/api/v1/missions/{world.mission_a}/sync",
                                   json=desk.body([]), headers=desk.person.headers)
                        assert r.status_code == 200, r.text
                        data = r.json()
                        seen.update(ch["row_id"] for ch in data["changes"])
                        desk.cursor = data["cursor"]
                        if finished and not data["has_more"]:
                            return
            except BaseException as exc:
                errors.append(exc)

        puller = threading.Thread(target=pull)
        puller.start()
        threads = [threading.Thread(target=push, args=(p,)) for p in pushers]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        done.set()
        puller.join()
    assert not errors, errors
    assert len(created) == 180
    assert set(created) <= seen  # a row committed during a pull came in a later page


def test_a_token_works_as_soon_as_login_answers(world: World) -> None:
    with live_server(world.engine) as base, httpx.Client(base_url=base, timeout=30) as c:
        for _ in range(10):
            r = c.post("/api/v1/login", json={"username": "paul", "password": PASSWORD,
                                              "device_name": str(uuid.uuid4())})
            token, device = r.json()["token"], r.json()["device_id"]
            h = {"Authorization": f"Bearer {token}"}
            assert c.get("/api/v1/missions", headers=h).status_code == 200
            assert c.delete(f"/api/v1/me/devices/{device}", headers=h).status_code == 204
            r = c.get("/api/v1/missions", headers=h)  # revoked as soon as the 204 arrived
            assert r.status_code == 401 and r.json()["error"]["code"] == "token_revoked"
