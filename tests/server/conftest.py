"""Server test fixtures: a fresh database per test (PostgreSQL schema or SQLite file), a
prepared world of users and missions, and a small desk-like client that builds mutations."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine, text

from app.domain.mission import MissionConfig, ProgrammeOption
from app.domain.mutation import mutation_hash
from server import accounts, missions
from server.api import create_app
from server.db import make_engine, session_factory
from server.migrate import upgrade

PG_URL = os.environ.get("MISSION_DESK_TEST_DATABASE_URL")
PASSWORD = "correct horse"


@pytest.fixture
def db_url(tmp_path: Path) -> Iterator[str]:
    if not PG_URL:
        yield f"sqlite:///{tmp_path / 'server.sqlite3'}"
        return
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    sep = "&" if "?" in PG_URL else "?"
    yield f"{PG_URL}{sep}options=-csearch_path%3D{schema}"
    with admin.begin() as conn:
        conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    eng = make_engine(db_url, **({"pool_size": 10, "max_overflow": 10} if PG_URL else {}))
    upgrade(eng)
    yield eng
    eng.dispose()


@dataclass
class Person:
    username: str
    token: str = ""
    user_id: str = ""
    device_id: str = ""
    assessor_id: str = ""

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


@dataclass
class World:
    client: TestClient
    engine: Engine
    mission_a: str
    mission_b: str
    people: dict[str, Person] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Person:
        return self.people[name]


CONFIG = MissionConfig(options=(ProgrammeOption(code="ENG", label="Engineering cycle"),
                                ProgrammeOption(code="MSC", label="MSc Data")))


@pytest.fixture
def world(engine: Engine) -> Iterator[World]:
    """Mission A: chair 'claire', professor 'paul', representative 'rita'. Mission B: chair
    'bruno'. 'root' is an admin member of nothing."""
    sessions = session_factory(engine)
    with sessions() as s, s.begin():
        for name in ("claire", "paul", "rita", "bruno"):
            accounts.create_user(s, name, PASSWORD, name=name.title())
        accounts.create_user(s, "root", PASSWORD, name="Root", is_admin=True)
        a = missions.create_mission(
            s, code="IN-2027-CHENNAI", name="Chennai", country="India", city="Chennai",
            timezone="Asia/Kolkata", start="2027-01-10", end="2027-01-20", chair="claire",
            members=[missions.parse_member("paul:professor"),
                     missions.parse_member("rita:representative")], config=CONFIG)
        b = missions.create_mission(
            s, code="VN-2027-HANOI", name="Hanoi", country="Vietnam", city="Hanoi",
            timezone="Asia/Ho_Chi_Minh", start="2027-02-01", end="2027-02-10", chair="bruno",
            config=CONFIG)
        ids = (a.id, b.id)
    app = create_app(engine=engine)
    with TestClient(app) as client:
        w = World(client, engine, *ids)
        for name in ("claire", "paul", "rita", "bruno", "root"):
            r = client.post("/api/v1/login", json={"username": name, "password": PASSWORD,
                                                   "device_name": f"{name}-laptop"})
            assert r.status_code == 200, r.text
            body = r.json()
            p = Person(name, body["token"], body["user"]["id"], body["device_id"])
            for m in client.get("/api/v1/missions", headers=p.headers).json():
                if m["id"] == w.mission_a or (name == "bruno" and m["id"] == w.mission_b):
                    p.assessor_id = m["assessor_id"]
            w.people[name] = p
        yield w


def make_mutation(mid: int, entity: str, row_id: str, fields: dict[str, Any],
                  base: dict[str, int] | None = None, mutation_id: str | None = None,
                  at: str = "2027-01-12T09:00:00.000Z-0000-desk") -> dict[str, Any]:
    mutation_id = mutation_id or str(uuid.uuid4())
    base = base or {}
    return {"mid": mid, "id": mutation_id, "entity": entity, "row_id": row_id,
            "fields": fields, "base": base, "at": at,
            "hash": mutation_hash(mutation_id, entity, row_id, fields, base, at)}


class Desk:
    """What a desk does on the wire: numbered mutations, pushes, pulls with a cursor."""

    def __init__(self, client: Any, person: Person, mission_id: str) -> None:
        self.client = client
        self.person = person
        self.mission_id = mission_id
        self.client_id = str(uuid.uuid4())
        self.mid = 0
        self.cursor = 0

    def mutation(self, entity: str, row_id: str, fields: dict[str, Any],
                 base: dict[str, int] | None = None) -> dict[str, Any]:
        self.mid += 1
        return make_mutation(self.mid, entity, row_id, fields, base)

    def body(self, mutations: list[dict[str, Any]], cursor: int | None = None
             ) -> dict[str, Any]:
        return {"client_id": self.client_id, "schema": 1,
                "cursor": self.cursor if cursor is None else cursor, "mutations": mutations}

    def push(self, mutations: list[dict[str, Any]], cursor: int | None = None,
             expect: int = 200) -> dict[str, Any]:
        r = self.client.post(f"/api/v1/missions/{self.mission_id}/sync",
                             headers=self.person.headers, json=self.body(mutations, cursor))
        assert r.status_code == expect, r.text
        return r.json()

    def pull_all(self) -> list[dict[str, Any]]:
        """Pull every page; keep the cursor."""
        out: list[dict[str, Any]] = []
        while True:
            resp = self.push([])
            out.extend(resp["changes"])
            self.cursor = resp["cursor"]
            if not resp["has_more"]:
                return out

    # -- row builders (the fields a desk sends when a row is born) ---------------------------

    def new_candidate(self, appno: str, **extra: Any) -> tuple[str, dict[str, Any]]:
        row_id = str(uuid.uuid4())
        fields = {"mission_id": self.mission_id, "application_number": appno,
                  "family_name": extra.pop("family_name", "Nguyễn"),
                  "given_names": extra.pop("given_names", "Thị Minh Anh"),
                  "track": extra.pop("track", "free_mover"), **extra}
        return row_id, self.mutation("candidate", row_id, fields)

    def new_mark(self, candidate_id: str, subject: str, value: Any,
                 marker_id: str | None = None) -> tuple[str, dict[str, Any]]:
        row_id = str(uuid.uuid4())
        return row_id, self.mutation("mark", row_id, {
            "candidate_id": candidate_id, "subject": subject,
            "marker_id": marker_id or self.person.assessor_id, "value": value})


def full_levels() -> dict[str, int]:
    return dict.fromkeys(MissionConfig().rubric.keys, 4)


@pytest.fixture(autouse=True)
def _cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2 with production cost takes ~0.1 s a hash; tests hash dozens of passwords."""
    from argon2 import PasswordHasher

    from server import passwords

    cheap = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    monkeypatch.setattr(passwords, "_hasher", cheap)
    # the hash verified for unknown user names, at the same cost as the others
    monkeypatch.setattr(passwords, "_DUMMY", cheap.hash("not a password of anyone"))
