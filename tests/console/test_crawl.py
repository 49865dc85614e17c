"""The crawl (issue 14 acceptance): every console route, found in ``app.routes`` (so every
area's routes are covered as they land), requested as each role — anonymous, viewer,
officer, admin, a member of mission A, a member of another mission only:

- never a 500;
- nobody reaches a page beyond their role (403/404; anonymous: 303 to the login page for a
  page, 401 for a form);
- every non-GET route refuses a request without the CSRF token.

A route whose path parameter the crawl cannot fill fails the crawl: add it to ``params``
below (never exclude a route). A route whose roles differ from the defaults gets a line in
``ROLES_OF``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import select
from starlette.routing import Route

from server.models import Assessor
from sync.protocol import API_PREFIX
from tests.console.conftest import CSRF_HEADER, ConsoleWorld

SIGNED_IN = ("viewer", "officer", "admin", "member_a", "stranger")
EVERYONE = frozenset(SIGNED_IN)
MANAGERS = frozenset({"admin", "officer"})
ADMIN = frozenset({"admin"})
# Who may use a route, by (method, path); the defaults are below (allowed_roles).
ROLES_OF: dict[tuple[str, str], frozenset[str]] = {
    ("GET", "/users"): ADMIN,
    ("POST", "/users"): ADMIN,
    ("POST", "/users/{user_id}/role"): ADMIN,
    ("POST", "/users/{user_id}/password"): ADMIN,
    ("GET", "/devices"): MANAGERS,
    ("POST", "/devices/{device_id}/revoke"): MANAGERS,
    ("POST", "/devices/lost"): MANAGERS,
    ("GET", "/account"): EVERYONE,
    ("POST", "/account/password"): EVERYONE,
    ("POST", "/account/language"): EVERYONE,
    ("POST", "/logout"): EVERYONE,
    ("GET", "/missions/new"): MANAGERS,
    ("GET", "/missions/{mission_id}/import"): MANAGERS,
}
PUBLIC = {("GET", "/"), ("GET", "/login"), ("POST", "/login")}
MISSION_PARAMS = ("mission_id", "candidate_id")


def params(w: ConsoleWorld) -> dict[str, str]:
    """Path parameters, all of mission A (the one member_a belongs to and stranger not)."""
    with w.sessions() as s:
        assessor = s.scalar(select(Assessor.id).where(Assessor.mission_id == w.mission_a))
    return {"mission_id": w.mission_a, "candidate_id": w.candidate_id,
            "device_id": w.device_id, "user_id": w.users["viewer"],
            "assessor_id": assessor or "", "index": "0"}


def allowed_roles(method: str, path: str) -> frozenset[str]:
    if (method, path) in ROLES_OF:
        return ROLES_OF[method, path]
    mission_scoped = any("{" + p + "}" in path for p in MISSION_PARAMS)
    if method == "GET":
        # A mission's pages: staff and that mission's members (stranger: 404). Lists across
        # missions: everyone signed in (each sees what they may).
        return EVERYONE - {"stranger"} if mission_scoped else EVERYONE
    return MANAGERS  # changing anything is for admins and officers


def flat_routes(routes: list[Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    """(full path, route) of every route, through included routers (FastAPI keeps an
    included router as one entry holding the original router and its prefix)."""
    for route in routes:
        original = getattr(route, "original_router", None)
        if original is not None:
            sub = prefix + getattr(route.include_context, "prefix", "")
            yield from flat_routes(original.routes, sub)
        elif isinstance(route, APIRoute | Route):
            yield prefix + route.path, route


def console_routes(app: Any) -> list[tuple[str, str]]:
    found = []
    for path, route in flat_routes(app.routes):
        if path.startswith(API_PREFIX) or path in (
                "/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc"):
            continue
        for method in sorted(route.methods or ()):
            if method != "HEAD":
                found.append((method, path))
    return found


def fill(path: str, values: dict[str, str]) -> str:
    def one(m: re.Match[str]) -> str:
        name = m.group(1).split(":")[0]
        assert name in values, f"the crawl cannot fill {{{name}}} in {path}: add it to params()"
        return values[name]

    return re.sub(r"\{([^}]+)\}", one, path)


def request(client: TestClient, method: str, url: str) -> int:
    r = client.request(method, url, data={} if method != "GET" else None)
    assert r.status_code < 500, f"{method} {url}: {r.status_code}\n{r.text[:2000]}"
    return r.status_code


def test_the_crawl_finds_every_area(console_world: ConsoleWorld) -> None:
    routes = set(console_routes(console_world.app))
    assert {("GET", "/login"), ("GET", "/devices"), ("POST", "/users")} <= routes
    assert all(not path.startswith("/api/") for _, path in routes)


def test_crawl_every_route_as_every_role(console_world: ConsoleWorld,
                                         console_client: Callable[..., TestClient]) -> None:
    routes = console_routes(console_world.app)
    values = params(console_world)
    urls = [(method, path, fill(path, values)) for method, path in routes]
    anon = console_client(None, follow_redirects=False)
    clients = {role: console_client(role, follow_redirects=False) for role in SIGNED_IN}
    problems: list[str] = []

    # 1. anonymous: pages send to the login page, forms are refused
    for method, path, url in urls:
        status = request(anon, method, url)
        if (method, path) in PUBLIC:
            continue
        if method == "GET":
            r = anon.get(url)
            ok = status == 303 and r.headers["location"].startswith("/login?next=")
        else:
            ok = status == 401
        if not ok:
            problems.append(f"anonymous {method} {url}: {status}")

    # 2. pages (GET) as every role: nothing beyond a role
    for method, path, url in urls:
        if method != "GET" or (method, path) in PUBLIC:
            continue
        allowed = allowed_roles(method, path)
        for role, client in clients.items():
            r = client.get(url)
            assert r.status_code < 500, f"GET {url}: {r.status_code}\n{r.text[:2000]}"
            status = r.status_code
            # A title block left open swallows markup into <title> (the import page did).
            title = re.search(r"<title>(.*?)</title>", r.text, re.S)
            if title and re.search(r"<|&lt;|\n", title.group(1)):
                problems.append(f"{role} GET {url}: markup in <title>")
            if role in allowed and status not in (200, 303):
                problems.append(f"{role} GET {url}: {status}, expected the page")
            if role not in allowed and status not in (403, 404):
                problems.append(f"{role} GET {url}: {status}, expected a refusal")

    # 3. every form without the CSRF token, as every role: refused, no effect
    for method, path, url in urls:
        if method == "GET" or (method, path) in PUBLIC:
            continue
        for role, client in clients.items():
            token = client.headers.pop(CSRF_HEADER)
            try:
                status = request(client, method, url)
            finally:
                client.headers[CSRF_HEADER] = token
            if status not in (403, 404):
                problems.append(f"{role} {method} {url} without CSRF: {status}")

    # 4. forms with the token (and empty fields) as the roles they are not for: refused
    for method, path, url in urls:
        if method == "GET" or (method, path) in PUBLIC:
            continue
        for role in sorted(set(SIGNED_IN) - allowed_roles(method, path)):
            status = request(clients[role], method, url)
            if status not in (403, 404):
                problems.append(f"{role} {method} {url}: {status}, expected a refusal")

    # 5. forms with empty fields as the roles they are for: an answer, never a 500
    # (a fresh sign-in each, since a form may sign out or revoke)
    for method, path, url in sorted(urls, key=lambda u: u[1] == "/logout"):
        if method == "GET" or (method, path) in PUBLIC:
            continue
        for role in sorted(allowed_roles(method, path)):
            request(console_client(role, follow_redirects=False), method, url)

    assert not problems, "\n".join(problems)
