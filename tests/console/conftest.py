"""Console test fixtures (the console contract): a migrated database with users of every
role and a mission that has run (``console_world``), TestClients signed in through the
console's own login page (``console_client``), and a live server for the browser tests
(``live_console`` with pytest-playwright's ``page`` on Debian's chromium).

Users (password ``PASSWORD``): ``admin``, ``officer``, ``viewer`` (console roles);
``member_a`` (chair of mission A, no console role); ``stranger`` (chair of mission B only).
Mission A has candidates, marks, an interview, a submitted scorecard, a decision, and
member_a's device synced it.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from server import accounts, missions
from server.api import create_app
from server.db import session_factory
from tests.server.conftest import (  # noqa: F401 (fixtures re-used from the server tests)
    CONFIG,
    PASSWORD,
    Desk,
    Person,
    _cheap_argon2,
    db_url,
    engine,
    full_levels,
)

ROLES = ("admin", "officer", "viewer", "member_a", "stranger")
CSRF_HEADER = "X-CSRF-Token"


@dataclass
class ConsoleWorld:
    app: FastAPI
    engine: Engine
    mission_a: str
    mission_b: str
    users: dict[str, str] = field(default_factory=dict)       # username -> user id
    assessors: dict[str, str] = field(default_factory=dict)   # username -> assessor id
    candidates: list[str] = field(default_factory=list)       # mission A's candidate ids
    device_id: str = ""       # member_a's device, which synced mission A
    device_token: str = ""
    api: TestClient | None = None

    @property
    def candidate_id(self) -> str:
        return self.candidates[0]

    def sessions(self) -> Any:
        return session_factory(self.engine)()


CANDIDATES = [
    ("VN-2027-001", "Nguyễn", "Thị Minh Anh", "free_mover"),
    ("VN-2027-002", "Trần", "Văn Bảo", "free_mover"),
    ("VN-2027-003", "Lê", "Hoàng Châu", "double_degree"),
]


def _api_login(client: TestClient, username: str) -> Person:
    r = client.post("/api/v1/login", json={"username": username, "password": PASSWORD,
                                           "device_name": f"{username}-laptop"})
    assert r.status_code == 200, r.text
    body = r.json()
    return Person(username, body["token"], body["user"]["id"], body["device_id"])


@pytest.fixture
def console_world(engine: Engine) -> Iterator[ConsoleWorld]:  # noqa: F811
    sessions = session_factory(engine)
    with sessions() as s, s.begin():
        users = {
            "admin": accounts.create_user(s, "admin", PASSWORD, name="Alice Admin",
                                          console_role="admin"),
            "officer": accounts.create_user(s, "officer", PASSWORD, name="Olivier Officier",
                                            console_role="officer"),
            "viewer": accounts.create_user(s, "viewer", PASSWORD, name="Véra Viewer",
                                           console_role="viewer"),
            "member_a": accounts.create_user(s, "member_a", PASSWORD, name="Marc Membre"),
            "stranger": accounts.create_user(s, "stranger", PASSWORD, name="Sam Stranger"),
        }
        a = missions.create_mission(
            s, code="VN-2027-HANOI", name="Hanoi 2027", country="Vietnam", city="Hanoi",
            timezone="Asia/Ho_Chi_Minh", start="2027-01-10", end="2027-01-20",
            chair="member_a", config=CONFIG)
        b = missions.create_mission(
            s, code="IN-2027-CHENNAI", name="Chennai 2027", country="India", city="Chennai",
            timezone="Asia/Kolkata", start="2027-02-01", end="2027-02-10", chair="stranger",
            config=CONFIG)
        ids = {name: u.id for name, u in users.items()}
        mission_ids = (a.id, b.id)
    app = create_app(engine=engine)
    with TestClient(app) as api:
        w = ConsoleWorld(app, engine, *mission_ids, users=ids, api=api)
        chair = _api_login(api, "member_a")
        for m in api.get("/api/v1/missions", headers=chair.headers).json():
            if m["id"] == w.mission_a:
                chair.assessor_id = m["assessor_id"]
        w.assessors["member_a"] = chair.assessor_id
        w.device_id, w.device_token = chair.device_id, chair.token
        desk = Desk(api, chair, w.mission_a)
        batch = []
        for appno, family, given, track in CANDIDATES:
            extra = {"partner_institution": "Hanoi University of Science and Technology"
                     } if track == "double_degree" else {}
            cid, m = desk.new_candidate(appno, family_name=family, given_names=given,
                                        track=track, nationality="Vietnam", **extra)
            w.candidates.append(cid)
            batch.append(m)
        first = w.candidates[0]
        for subject, value in (("maths", "15.5"), ("physics", "12"), ("specialty", "14")):
            batch.append(desk.new_mark(first, subject, value)[1])
        batch.append(desk.mutation("interview", str(uuid.uuid4()), {
            "candidate_id": first, "room": "R1", "panel": [chair.assessor_id]}))
        batch.append(desk.mutation("scorecard", str(uuid.uuid4()), {
            "candidate_id": first, "author_id": chair.assessor_id, "levels": full_levels(),
            "notes": "Clear, well-prepared answers.", "recommendation": "admit",
            "submitted": True}))
        batch.append(desk.mutation("decision", str(uuid.uuid4()), {
            "candidate_id": first, "outcome": "admit", "option_code": "ENG",
            "rationale": "Strong written marks and interview."}))
        results = desk.push(batch)["results"]
        assert [r["status"] for r in results] == ["applied"] * len(batch), results
        yield w


def sign_in(client: TestClient, username: str, password: str = PASSWORD) -> Any:
    """Sign ``client`` in through the login page; returns the final response."""
    client.get("/login")
    token = client.cookies.get("md_login_csrf")
    return client.post("/login", data={"username": username, "password": password,
                                       "csrf_token": token or ""}, follow_redirects=False)


def csrf_of(client: TestClient) -> str:
    """The session's CSRF token, read from a page's meta tag as htmx does."""
    html = client.get("/account").text
    marker = '<meta name="csrf-token" content="'
    start = html.index(marker) + len(marker)
    return html[start:html.index('"', start)]


@pytest.fixture
def console_client(console_world: ConsoleWorld) -> Iterator[Callable[..., TestClient]]:
    """``console_client("officer")``: a TestClient signed in as that user through the
    console's login page. It sends the session's CSRF token in the ``X-CSRF-Token`` header
    with every request (as htmx does; ``client.csrf_token`` holds it too): drop that header
    to test a refusal. ``console_client(None)``: anonymous."""
    clients: list[TestClient] = []

    def make(username: str | None, follow_redirects: bool = True) -> TestClient:
        client = TestClient(console_world.app, follow_redirects=follow_redirects)
        clients.append(client)
        if username is None:
            return client
        r = sign_in(client, username)
        assert r.status_code == 303, r.text
        token = csrf_of(client)
        client.headers[CSRF_HEADER] = token
        client.csrf_token = token  # type: ignore[attr-defined]
        return client

    yield make
    for c in clients:
        c.close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def live_console(console_world: ConsoleWorld) -> Iterator[str]:
    """The world's app served by uvicorn in a thread; the base URL."""
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(console_world.app, host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:  # a readiness wait, not a timed assertion
        if not thread.is_alive():
            raise RuntimeError("the console server did not start")
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Debian's chromium (apt): Playwright's own browser download is not reachable."""
    return {**browser_type_launch_args, "executable_path": shutil.which("chromium"),
            "args": ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "viewport": {"width": 1366, "height": 768}}
