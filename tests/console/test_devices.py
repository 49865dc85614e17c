"""Devices (issue 14 §6): the list, revoking one, and "laptop lost or stolen"."""

from __future__ import annotations

from sqlalchemy import select

from server.models import Assessor, AuditEntry, Device, SecurityEvent
from tests.console.conftest import ConsoleWorld, Desk, _api_login


def test_the_list_shows_user_missions_last_seen_and_address(console_world: ConsoleWorld,
                                                            console_client) -> None:
    html = console_client("officer").get("/devices").text
    assert "member_a-laptop" in html
    row = html.split("member_a-laptop", 1)[1].split("</tr>", 1)[0]
    assert "member_a" in row and "VN-2027-HANOI" in row
    assert "testclient" in row  # the address the device last synced from
    with console_world.sessions() as s:
        device = s.get(Device, console_world.device_id)
        assert device is not None and device.last_address == "testclient"


def test_devices_are_for_admins_and_officers_only(console_world: ConsoleWorld,
                                                  console_client) -> None:
    for role in ("viewer", "member_a", "stranger"):
        c = console_client(role, follow_redirects=False)
        assert c.get("/devices").status_code == 403, role
        r = c.post(f"/devices/{console_world.device_id}/revoke")
        assert r.status_code == 403, role
    with console_world.sessions() as s:
        device = s.get(Device, console_world.device_id)
        assert device is not None and device.revoked_at is None


def test_a_revoked_device_gets_401_from_the_api(console_world: ConsoleWorld,
                                                console_client) -> None:
    api = console_world.api
    assert api is not None
    headers = {"Authorization": f"Bearer {console_world.device_token}"}
    assert api.get("/api/v1/missions", headers=headers).status_code == 200
    r = console_client("admin", follow_redirects=False).post(
        f"/devices/{console_world.device_id}/revoke")
    assert r.status_code == 303
    r = api.get("/api/v1/missions", headers=headers)
    assert r.status_code == 401 and r.json()["error"]["code"] == "token_revoked"
    with console_world.sessions() as s:
        event = s.scalar(select(SecurityEvent).where(SecurityEvent.kind == "device_revoked"))
        assert event is not None and "admin" in event.detail


def test_lost_laptop_revokes_that_users_devices_on_that_mission_only(
        console_world: ConsoleWorld, console_client) -> None:
    api = console_world.api
    assert api is not None
    # member_a: a second device that synced mission A, and one that never synced it;
    # stranger: a device on mission B.
    second = _api_login(api, "member_a")
    second.assessor_id = console_world.assessors["member_a"]
    Desk(api, second, console_world.mission_a).push([])
    idle = _api_login(api, "member_a")  # signed in, never synced mission A
    stranger = _api_login(api, "stranger")
    bdesk = Desk(api, stranger, console_world.mission_b)
    bdesk.push([])
    with console_world.sessions() as s:
        member = s.scalar(select(Assessor).where(
            Assessor.mission_id == console_world.mission_a,
            Assessor.user_id == console_world.users["member_a"]))
        assert member is not None
    r = console_client("officer", follow_redirects=False).post(
        "/devices/lost", data={"assessor_id": member.id})
    assert r.status_code == 303
    with console_world.sessions() as s:
        revoked = {d.id for d in s.scalars(select(Device).where(
            Device.revoked_at.is_not(None)))}
        assert revoked == {console_world.device_id, second.device_id}
        audit = s.scalars(select(AuditEntry).where(AuditEntry.entity == "device")).all()
        assert {a.row_id for a in audit} == revoked
        assert all(a.mission_id == console_world.mission_a and "lost or stolen" in a.reason
                   and a.user_id == console_world.users["officer"] for a in audit)
        event = s.scalar(select(SecurityEvent).where(SecurityEvent.kind == "device_lost"))
        assert event is not None and "VN-2027-HANOI" in event.detail
    for person, code in ((second, 401), (idle, 200), (stranger, 200)):
        assert api.get("/api/v1/missions", headers=person.headers).status_code == code
