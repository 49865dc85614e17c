"""Login, device tokens (listing, revocation) and the admin role."""

from __future__ import annotations

from sqlalchemy import select

from server.db import session_factory
from server.models import Device, User
from server.passwords import token_digest

from .conftest import PASSWORD, World


def test_login_issues_a_device_token_stored_only_hashed(world: World) -> None:
    r = world.client.post("/api/v1/login", json={"username": "paul", "password": PASSWORD,
                                                 "device_name": "spare laptop"})
    assert r.status_code == 200
    token = r.json()["token"]
    with session_factory(world.engine)() as s:
        device = s.get(Device, r.json()["device_id"])
        assert device is not None and device.name == "spare laptop"
        assert device.token_hash == token_digest(token) and token not in device.token_hash
        user = s.scalar(select(User).where(User.username == "paul"))
        assert user is not None and user.password_hash.startswith("$argon2id$")
        assert PASSWORD not in user.password_hash


def test_wrong_password_and_unknown_user_are_refused_alike(world: World) -> None:
    for body in ({"username": "paul", "password": "wrong"},
                 {"username": "nobody", "password": PASSWORD}):
        r = world.client.post("/api/v1/login", json=body)
        assert r.status_code == 401
        assert r.json()["error"]["code"] == "invalid_credentials"


def test_requests_without_or_with_a_bad_token_are_unauthorized(world: World) -> None:
    for headers in ({}, {"Authorization": "Bearer nonsense"}, {"Authorization": "Basic x"}):
        r = world.client.get("/api/v1/missions", headers=headers)
        assert r.status_code == 401
        assert r.json()["error"]["code"] == "unauthorized"


def test_user_lists_and_revokes_own_device(world: World) -> None:
    paul = world["paul"]
    second = world.client.post("/api/v1/login", json={
        "username": "paul", "password": PASSWORD, "device_name": "second"}).json()
    listed = world.client.get("/api/v1/me/devices", headers=paul.headers).json()
    assert {d["id"] for d in listed} == {paul.device_id, second["device_id"]}
    assert all(d["username"] == "paul" and not d["revoked"] for d in listed)

    r = world.client.delete(f"/api/v1/me/devices/{second['device_id']}", headers=paul.headers)
    assert r.status_code == 204
    r = world.client.get("/api/v1/missions",
                         headers={"Authorization": f"Bearer {second['token']}"})
    assert r.status_code == 401 and r.json()["error"]["code"] == "token_revoked"
    # the first device still works, and shows the other as revoked
    listed = world.client.get("/api/v1/me/devices", headers=paul.headers).json()
    assert {d["id"]: d["revoked"] for d in listed} == {paul.device_id: False,
                                                       second["device_id"]: True}


def test_a_user_cannot_revoke_someone_elses_device(world: World) -> None:
    r = world.client.delete(f"/api/v1/me/devices/{world['rita'].device_id}",
                            headers=world["paul"].headers)
    assert r.status_code == 404
    assert world.client.get("/api/v1/missions", headers=world["rita"].headers).status_code == 200


def test_admin_lists_and_revokes_any_device(world: World) -> None:
    root = world["root"]
    listed = world.client.get("/api/v1/admin/devices", headers=root.headers).json()
    assert {d["username"] for d in listed} >= {"claire", "paul", "rita", "bruno", "root"}
    r = world.client.delete(f"/api/v1/admin/devices/{world['rita'].device_id}",
                            headers=root.headers)
    assert r.status_code == 204
    r = world.client.get("/api/v1/missions", headers=world["rita"].headers)
    assert r.json()["error"]["code"] == "token_revoked"
    r = world.client.delete("/api/v1/admin/devices/no-such-device", headers=root.headers)
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"


def test_admin_endpoints_need_the_admin_role(world: World) -> None:
    chair = world["claire"].headers  # a chair is not an admin
    assert world.client.get("/api/v1/admin/devices", headers=chair).status_code == 403
    r = world.client.delete(f"/api/v1/admin/devices/{world['paul'].device_id}", headers=chair)
    assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden"
    r = world.client.post("/api/v1/admin/users", headers=chair, json={
        "username": "mallory", "password": "long enough pw"})
    assert r.status_code == 403
    assert world.client.get("/api/v1/admin/devices").status_code == 401


def test_admin_creates_users_who_can_then_log_in(world: World) -> None:
    root = world["root"].headers
    r = world.client.post("/api/v1/admin/users", headers=root, json={
        "username": "ana", "name": "Ana Souza", "password": "long enough pw"})
    assert r.status_code == 201 and r.json()["username"] == "ana"
    assert not r.json()["is_admin"]
    r = world.client.post("/api/v1/admin/users", headers=root, json={
        "username": "ana", "password": "long enough pw"})
    assert r.status_code == 409 and r.json()["error"]["code"] == "user_exists"
    r = world.client.post("/api/v1/admin/users", headers=root, json={
        "username": "bob", "password": "short"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_request"
    r = world.client.post("/api/v1/login", json={"username": "ana",
                                                 "password": "long enough pw"})
    assert r.status_code == 200
    assert world.client.get("/api/v1/missions", headers={
        "Authorization": f"Bearer {r.json()['token']}"}).json() == []


def test_my_missions_lists_membership_role_and_chair(world: World) -> None:
    mine = world.client.get("/api/v1/missions", headers=world["rita"].headers).json()
    assert [(m["code"], m["role"], m["is_chair"]) for m in mine] == [
        ("IN-2027-CHENNAI", "representative", False)]
    chair = world.client.get("/api/v1/missions", headers=world["claire"].headers).json()
    assert chair[0]["is_chair"] is True and chair[0]["assessor_id"] == world["claire"].assessor_id
