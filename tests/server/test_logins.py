"""Sign-ins that cannot be turned into a weapon (issue 11, items 4 and 5): a throttle kept in
the database, bounded password hashing, tokens that expire when unused."""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
import requests
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from server import passwords
from server.api import create_app
from server.db import session_factory
from server.models import Device, LoginThrottle, SecurityEvent, utcnow
from server.throttle import ThrottlePolicy

from .conftest import PASSWORD, World
from .live import live_server


def _login(client: Any, username: str, password: str) -> Any:
    return client.post("/api/v1/login", json={"username": username, "password": password})


def _unblock(engine: Engine, key: str) -> LoginThrottle:
    with session_factory(engine)() as s, s.begin():
        row = s.get(LoginThrottle, key)
        assert row is not None
        row.blocked_until = utcnow() - dt.timedelta(seconds=1)
        return row


def test_thirty_wrong_passwords_meet_429_and_the_right_one_waits(world: World) -> None:
    statuses = []
    for _ in range(30):
        r = _login(world.client, "paul", "wrong password")
        statuses.append(r.status_code)
        if r.status_code == 429:
            assert r.json()["error"]["code"] == "too_many_attempts"
            assert int(r.headers["retry-after"]) >= 1
    assert statuses[:5] == [401] * 5 and 429 in statuses and 200 not in statuses
    r = _login(world.client, "paul", PASSWORD)
    assert r.status_code == 429  # the right password too, until the block ends
    with session_factory(world.engine)() as s:
        events = list(s.scalars(select(SecurityEvent)))
    assert [e.kind for e in events] and {e.kind for e in events} == {"login_lockout"}
    assert any(e.subject == "user:paul" for e in events)
    # once the block is over, the right password works and clears the count
    _unblock(world.engine, "user:paul")
    assert _login(world.client, "paul", PASSWORD).status_code == 200
    with session_factory(world.engine)() as s:
        assert s.get(LoginThrottle, "user:paul") is None


def test_blocks_double_with_each_further_failure(world: World) -> None:
    for _ in range(6):
        _login(world.client, "rita", "wrong password")
    waits = []
    for _ in range(3):
        with session_factory(world.engine)() as s:
            row = s.get(LoginThrottle, "user:rita")
            assert row is not None and row.blocked_until is not None
            waits.append((row.blocked_until - row.last_failure_at).total_seconds())
        _unblock(world.engine, "user:rita")
        assert _login(world.client, "rita", "wrong password").status_code == 401
    policy = ThrottlePolicy()
    assert waits == [policy.base, policy.base * 2, policy.base * 4]
    assert policy.block_for(100) == policy.cap


def test_an_unknown_user_name_is_throttled_alike(world: World) -> None:
    codes = [_login(world.client, "nobody", "whatever pw").status_code for _ in range(7)]
    assert codes[:5] == [401] * 5 and codes[-1] == 429


def test_the_throttle_holds_across_server_processes(world: World) -> None:
    """Two app instances on one database (two workers): failures on one block the other."""
    # A block long enough that a loaded machine cannot outlast it while the second app starts.
    world.client.app.state.signin.logins.policy = ThrottlePolicy(base=600)  # type: ignore[attr-defined]
    for _ in range(6):
        _login(world.client, "claire", "wrong password")
    with TestClient(create_app(engine=world.engine)) as other:
        r = _login(other, "claire", PASSWORD)
    assert r.status_code == 429 and r.headers["retry-after"]


def test_one_address_guessing_many_names_is_throttled(world: World) -> None:
    policy = ThrottlePolicy(address_allowance=3)
    with TestClient(create_app(engine=world.engine, throttle=policy)) as client:
        codes = [_login(client, f"user{i}", "guess").status_code for i in range(5)]
    assert codes[:3] == [401] * 3 and codes[-1] == 429


class _CountingHasher:
    """Wraps the test hasher, recording how many hashes run at once."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.now = 0
        self.peak = 0
        self.calls = 0
        self.lock = threading.Lock()

    def _enter(self) -> None:
        with self.lock:
            self.now += 1
            self.calls += 1
            self.peak = max(self.peak, self.now)
        time.sleep(0.05)  # as if hashing took a while: lets a burst pile up

    def _leave(self) -> None:
        with self.lock:
            self.now -= 1

    def verify(self, *a: Any) -> Any:
        self._enter()
        try:
            return self.inner.verify(*a)
        finally:
            self._leave()

    def hash(self, *a: Any) -> Any:
        self._enter()
        try:
            return self.inner.hash(*a)
        finally:
            self._leave()


def test_forty_parallel_wrong_logins_hash_a_bounded_number_at_once(
        world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    counting = _CountingHasher(passwords._hasher)
    monkeypatch.setattr(passwords, "_hasher", counting)
    with live_server(world.engine) as url:
        def attempt(i: int) -> int:
            return requests.post(f"{url}/api/v1/login", timeout=60, json={
                "username": f"ghost{i}", "password": "wrong password"}).status_code

        with ThreadPoolExecutor(40) as pool:
            codes = list(pool.map(attempt, range(40)))
    assert set(codes) <= {401, 429} and 401 in codes
    assert counting.calls >= 2
    assert counting.peak <= passwords.HASH_CONCURRENCY


# -- 5. tokens with a life span --------------------------------------------------------------

def _age(engine: Engine, device_id: str, days: float) -> None:
    with session_factory(engine)() as s, s.begin():
        device = s.get(Device, device_id)
        assert device is not None
        device.last_seen_at = utcnow() - dt.timedelta(days=days)


def test_a_token_unused_past_the_idle_period_expires(world: World,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    paul = world["paul"]
    _age(world.engine, paul.device_id, 89)
    assert world.client.get("/api/v1/missions", headers=paul.headers).status_code == 200
    _age(world.engine, paul.device_id, 91)  # default: 90 days
    r = world.client.get("/api/v1/missions", headers=paul.headers)
    assert r.status_code == 401 and r.json()["error"]["code"] == "token_expired"
    r = world.client.post(f"/api/v1/missions/{world.mission_a}/sync", headers=paul.headers,
                          json={"client_id": "0" * 8 + "-0000-0000-0000-" + "0" * 12,
                                "schema": 1, "mutations": []})
    assert r.status_code == 401 and r.json()["error"]["code"] == "token_expired"
    # the idle period is configurable
    with TestClient(create_app(engine=world.engine,
                               token_idle=dt.timedelta(days=365))) as client:
        assert client.get("/api/v1/missions", headers=paul.headers).status_code == 200
    monkeypatch.setenv("MISSION_DESK_TOKEN_IDLE_DAYS", "0.5")
    _age(world.engine, paul.device_id, 1)
    with TestClient(create_app(engine=world.engine)) as client:
        r = client.get("/api/v1/missions", headers=paul.headers)
        assert r.json()["error"]["code"] == "token_expired"
    # signing in again (naming the expired token) gives a working one
    r = world.client.post("/api/v1/login", json={"username": "paul", "password": PASSWORD,
                                                 "replaces": paul.token})
    assert r.status_code == 200
    assert world.client.get("/api/v1/missions", headers={
        "Authorization": f"Bearer {r.json()['token']}"}).status_code == 200


def test_sign_in_values_the_database_cannot_hold_are_answered_not_crashed(
        world: World) -> None:
    """A NUL in a user name (PostgreSQL refuses it) or in a device name: a wrong sign-in is
    401, a right one 200, never a database error; a lone surrogate is not text (422)."""
    c = world.client
    for body, status in (({"username": "pa\x00ul", "password": PASSWORD}, 401),
                         ({"username": "paul", "password": "\ud800 wrong"}, 422),
                         ({"username": "\ud800", "password": "x"}, 422)):
        r = c.post("/api/v1/login", content=json.dumps(body),
                   headers={"Content-Type": "application/json"})
        assert r.status_code == status, (body, r.text)
    r = c.post("/api/v1/login", json={"username": "paul", "password": PASSWORD,
                                      "device_name": "desk\x00 of paul"})
    assert r.status_code == 200
    listed = c.get("/api/v1/me/devices",
                   headers={"Authorization": f"Bearer {r.json()['token']}"}).json()
    assert "desk? of paul" in {d["name"] for d in listed}
    r = c.post("/api/v1/admin/users", headers=world["root"].headers,
               json={"username": "nul", "name": "N\x00", "password": "long enough pw"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_request"
