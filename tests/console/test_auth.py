"""Console sign-in, sessions, CSRF and passwords (issue 14 §2)."""

from __future__ import annotations

import datetime as dt

from fastapi.testclient import TestClient
from sqlalchemy import select, update

from server.console.sessions import ABSOLUTE, COOKIE, IDLE
from server.models import ConsoleSession, SecurityEvent, User
from server.passwords import verify_password
from server.throttle import ThrottlePolicy
from tests.console.conftest import CSRF_HEADER, PASSWORD, ConsoleWorld, sign_in


def anonymous(w: ConsoleWorld) -> TestClient:
    return TestClient(w.app, follow_redirects=False)


def test_sign_in_sets_a_strict_http_only_session_cookie(console_world: ConsoleWorld) -> None:
    c = anonymous(console_world)
    r = sign_in(c, "officer")
    assert r.status_code == 303 and r.headers["location"] == "/missions"
    cookie = next(h for h in r.headers.get_list("set-cookie") if h.startswith(COOKIE + "="))
    flags = {p.strip().split("=")[0].lower() for p in cookie.split(";")}
    assert {"httponly", "path"} <= flags
    assert "samesite=strict" in cookie.lower()
    assert "secure" not in flags  # plain http here; see the https test
    assert c.get("/account").status_code == 200
    with console_world.sessions() as s:
        row = s.scalar(select(ConsoleSession))
        # only the id's hash is stored
        assert row is not None and row.id_hash != c.cookies.get(COOKIE)


def test_the_cookie_is_secure_behind_the_tls_proxy(console_world: ConsoleWorld) -> None:
    c = TestClient(console_world.app, base_url="https://console.example", follow_redirects=False)
    r = sign_in(c, "officer")
    assert r.status_code == 303
    cookie = next(h for h in r.headers.get_list("set-cookie") if h.startswith(COOKIE + "="))
    assert "secure" in {p.strip().lower() for p in cookie.split(";")}


def test_wrong_password_is_refused_and_anonymous_pages_go_to_login(
        console_world: ConsoleWorld) -> None:
    c = anonymous(console_world)
    r = sign_in(c, "officer", "not the password")
    assert r.status_code == 401
    assert "Wrong user name or password" in r.text
    r = c.get("/devices?x=1")
    assert r.status_code == 303 and r.headers["location"] == "/login?next=/devices%3Fx%3D1"
    assert c.post("/logout").status_code == 401


def test_sign_in_goes_back_to_the_page_asked_but_never_off_site(
        console_world: ConsoleWorld) -> None:
    for target, expected in (("/devices", "/devices"), ("//evil.example/x", "/missions"),
                             ("https://evil.example", "/missions"), ("/\\evil", "/missions")):
        c = anonymous(console_world)
        c.get("/login")
        r = c.post("/login", data={"username": "admin", "password": PASSWORD, "next": target,
                                   "csrf_token": c.cookies.get("md_login_csrf")})
        assert r.headers["location"] == expected, target


def test_the_login_form_needs_its_csrf_token(console_world: ConsoleWorld) -> None:
    c = anonymous(console_world)
    c.get("/login")
    r = c.post("/login", data={"username": "admin", "password": PASSWORD})
    assert r.status_code == 403
    r = c.post("/login", data={"username": "admin", "password": PASSWORD,
                               "csrf_token": "forged-forged-forged-forged"})
    assert r.status_code == 403
    assert COOKIE not in c.cookies


def test_the_console_login_is_throttled_like_the_api(console_world: ConsoleWorld) -> None:
    # a long first block, so that it cannot run out during the test
    console_world.app.state.signin.logins.policy = ThrottlePolicy(base=600)
    c = anonymous(console_world)
    for _ in range(ThrottlePolicy().user_allowance + 1):
        assert sign_in(c, "viewer", "wrong password").status_code == 401
    r = sign_in(c, "viewer", "wrong password")
    assert r.status_code == 429
    assert "Too many failed sign-ins" in r.text
    assert int(r.headers["retry-after"]) >= 1
    # blocked before any password is checked: the right one is refused too
    assert sign_in(c, "viewer").status_code == 429
    # the API's throttle is the same store
    api = console_world.api
    assert api is not None
    assert api.post("/api/v1/login", json={"username": "viewer", "password": PASSWORD,
                                           "device_name": "x"}).status_code == 429
    with console_world.sessions() as s:
        assert s.scalar(select(SecurityEvent).where(
            SecurityEvent.kind == "login_lockout", SecurityEvent.subject == "user:viewer"))


def test_logout_ends_the_session(console_client) -> None:
    c = console_client("viewer", follow_redirects=False)
    cookie = c.cookies.get(COOKIE)
    r = c.post("/logout")
    assert r.status_code == 303 and r.headers["location"] == "/login"
    c.cookies.set(COOKIE, cookie)  # an old cookie replayed
    assert c.get("/account").status_code == 303


def test_session_ends_when_idle_and_after_the_absolute_limit(
        console_world: ConsoleWorld, console_client) -> None:
    c = console_client("viewer", follow_redirects=False)
    assert c.get("/account").status_code == 200
    with console_world.sessions() as s, s.begin():
        s.execute(update(ConsoleSession).values(
            last_seen_at=dt.datetime.now(dt.UTC) - IDLE - dt.timedelta(minutes=1)))
    assert c.get("/account").status_code == 303
    c = console_client("viewer", follow_redirects=False)
    with console_world.sessions() as s, s.begin():
        s.execute(update(ConsoleSession).values(
            created_at=dt.datetime.now(dt.UTC) - ABSOLUTE,
            expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)))
    assert c.get("/account").status_code == 303


def test_a_post_without_the_csrf_token_is_refused(console_client) -> None:
    c = console_client("viewer", follow_redirects=False)
    del c.headers[CSRF_HEADER]
    r = c.post("/account/language", data={"locale": "fr"})
    assert r.status_code == 403
    r = c.post("/account/language", data={"locale": "fr", "csrf_token": "x" * 43})
    assert r.status_code == 403
    r = c.post("/account/language", data={"locale": "fr", "csrf_token": c.csrf_token})
    assert r.status_code == 303


def test_change_own_password_needs_the_old_one(console_world: ConsoleWorld,
                                               console_client) -> None:
    c = console_client("viewer", follow_redirects=False)
    other = console_client("viewer", follow_redirects=False)  # another browser
    r = c.post("/account/password", data={"old_password": "wrong one", "new_password":
                                          "a new secret", "confirm": "a new secret"})
    assert r.status_code == 400 and "current password is wrong" in r.text
    r = c.post("/account/password", data={"old_password": PASSWORD, "new_password":
                                          "a new secret", "confirm": "a new secret"})
    assert r.status_code == 303
    with console_world.sessions() as s:
        user = s.scalar(select(User).where(User.username == "viewer"))
        assert user is not None and verify_password(user.password_hash, "a new secret")
    assert c.get("/account").status_code == 200      # this session goes on
    assert other.get("/account").status_code == 303  # the other one was ended
    assert sign_in(anonymous(console_world), "viewer", "a new secret").status_code == 303


def test_admin_creates_a_user_and_resets_a_password(console_world: ConsoleWorld,
                                                    console_client) -> None:
    admin = console_client("admin", follow_redirects=False)
    r = admin.post("/users", data={"username": "olga", "name": "Olga", "role": "officer",
                                   "password": "olga's password"})
    assert r.status_code == 303
    olga = anonymous(console_world)
    assert sign_in(olga, "olga", "olga's password").status_code == 303
    assert olga.get("/devices").status_code == 200  # an officer
    uid = console_world.users["viewer"]
    viewer = console_client("viewer", follow_redirects=False)
    r = admin.post(f"/users/{uid}/password", data={"password": "reset by admin"})
    assert r.status_code == 303
    assert viewer.get("/account").status_code == 303  # signed out by the reset
    assert sign_in(anonymous(console_world), "viewer", "reset by admin").status_code == 303
    r = admin.post(f"/users/{uid}/role", data={"role": "admin"})
    assert r.status_code == 303
    with console_world.sessions() as s:
        user = s.get(User, uid)
        assert user is not None and user.console_role == "admin" and user.is_admin


def test_users_pages_are_for_administrators_only(console_client) -> None:
    for role in ("officer", "viewer", "member_a"):
        c = console_client(role, follow_redirects=False)
        assert c.get("/users").status_code == 403
        assert c.post("/users", data={"username": "x", "password": "12345678"}
                      ).status_code == 403


def test_the_last_administrator_keeps_the_role(console_world: ConsoleWorld,
                                               console_client) -> None:
    admin = console_client("admin", follow_redirects=False)
    r = admin.post(f"/users/{console_world.users['admin']}/role", data={"role": "viewer"})
    assert r.status_code == 400 and "last administrator" in r.text
