"""Devices (issue 14 §6): every desk login with its user, missions, last seen and address;
revoking one; "laptop lost or stolen", which revokes all of a user's devices on a mission and
records it in the mission's audit and the server's security events (server.accounts)."""

from __future__ import annotations

from collections import defaultdict
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select

from .. import accounts
from ..models import Assessor, ClientState, Device, Mission, User
from .deps import ConsoleError, ConsoleUser, CsrfProtected, DbSession, require_role
from .i18n import N_
from .render import render
from .roles import MANAGERS

router = APIRouter()
Manager = Annotated[ConsoleUser, Depends(require_role(*MANAGERS))]


def _address(request: Request) -> str:
    return request.client.host if request.client else ""


@router.get("/devices", include_in_schema=False)
def devices(request: Request, s: DbSession, user: Manager, done: str = "") -> Response:
    missions: dict[str, list[str]] = defaultdict(list)
    for device_id, code in s.execute(select(ClientState.device_id, Mission.code).join(
            Mission, Mission.id == ClientState.mission_id).where(
            ClientState.device_id.is_not(None)).distinct().order_by(Mission.code)):
        missions[device_id].append(code)
    rows = s.execute(select(Device, User).join(User, User.id == Device.user_id).order_by(
        Device.revoked_at.is_not(None), Device.last_seen_at.desc(), Device.created_at)).all()
    members = s.execute(select(Assessor, User, Mission).join(
        User, User.id == Assessor.user_id).join(Mission, Mission.id == Assessor.mission_id)
        .where(Assessor.deleted.is_(False), Mission.deleted.is_(False))
        .order_by(Mission.code, User.username)).all()
    return render(request, user, "devices.html", rows=rows, missions=missions,
                  members=members, done=done[:20])


@router.post("/devices/{device_id}/revoke", include_in_schema=False,
             dependencies=[CsrfProtected])
def revoke(request: Request, device_id: str, s: DbSession, user: Manager) -> Response:
    device = s.get(Device, device_id) if len(device_id) <= 36 else None
    if device is None:
        raise ConsoleError(404, N_("No such device."))
    if device.revoked_at is None:
        accounts.revoke_recorded(s, device, user.username, _address(request),
                                 "device_revoked", "revoked from the console")
    return RedirectResponse("/devices?done=revoked", status_code=303)


@router.post("/devices/lost", include_in_schema=False, dependencies=[CsrfProtected])
def lost_laptop(request: Request, s: DbSession, user: Manager,
                assessor_id: Annotated[str, Form(max_length=36)] = "") -> Response:
    member = s.get(Assessor, assessor_id) if assessor_id else None
    mission = s.get(Mission, member.mission_id) if member else None
    target = s.get(User, member.user_id) if member else None
    if member is None or member.deleted or mission is None or target is None:
        raise ConsoleError(404, N_("No such member of a mission."))
    accounts.revoke_lost_laptop(s, mission, target, user.username, user.user_id,
                                _address(request))
    return RedirectResponse("/devices?done=lost", status_code=303)
